// The API's own request and response shapes: what use cases and pages see instead of Lambda
// events. The handler translates API Gateway v2 events to and from these.
import { NoticeError } from '../errors.js';

export interface ApiRequest {
  method: string;
  /** The raw path, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  /** JWT claims the authorizer (or the local adapter) verified; absent on public routes. */
  claims?: Readonly<Record<string, unknown>>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** An answer other than success: a status, a stable code and a message a clerk can act on. */
export class ApiError extends NoticeError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Allow on 405. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(value),
  };
}

/**
 * An HTML page. Inline styles only; the script (if any) must carry `nonce`. No external asset
 * may load: the verification page is opened from a QR code on any phone.
 */
export function htmlPage(status: number, body: string, options: { nonce?: string; connectSrc?: string[]; ownScripts?: boolean } = {}): ApiResponse {
  // ownScripts: the page may also load script files (and workers) from our origin, e.g. pdf.js.
  const script = options.nonce ? `'nonce-${options.nonce}'${options.ownScripts ? " 'self'" : ''}` : "'none'";
  const connect = ["'self'", ...(options.connectSrc ?? [])].join(' ');
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${script}`,
    ...(options.ownScripts ? ["worker-src 'self'"] : []),
    `connect-src ${connect}`,
    'img-src data:',
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp,
      ...SECURITY_HEADERS,
    },
    body,
  };
}

export function redirect(location: string): ApiResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store', ...SECURITY_HEADERS }, body: '' };
}

/** True when the caller asked for JSON rather than a page or a redirect. */
export function wantsJson(request: ApiRequest): boolean {
  return /\bapplication\/json\b/.test(request.headers.accept ?? '');
}
