// node:http for the Lambda bundles (cdk/bundling.ts), taken through require. An ES module import of
// node:http makes Node read every export once, WebSocket among them, which loads Node's bundled
// undici: ≈ 25 ms of each cold start for a client nobody uses. The AWS SDK imports node:http
// (IMDS credentials, plain-http endpoints); these are its exports, minus undici's three.
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');
export default http;
export const {
  METHODS,
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers,
  globalAgent,
  maxHeaderSize,
} = http;
