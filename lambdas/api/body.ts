// Request bodies: size limits, then JSON, urlencoded forms and multipart uploads, each checked
// with a zod schema at the boundary. Everything here throws ApiError with the field and rule.
import type * as z from 'zod';
import { issueZh } from '../catalogue/issue-messages.js';
import { describeIssues } from '../zod-issues.js';
import { CHINESE_MESSAGES, inputFieldName } from './error-messages.js';
import { ApiError } from './http.js';
import type { ApiRequest } from './http.js';

/** JSON bodies of the staff routes are a reason and a few filters. */
export const MAX_JSON_BYTES = 16 * 1024;
/**
 * An uploaded PDF for verification. Lambda takes at most 6 MB per synchronous request and API
 * Gateway sends binary bodies base64-encoded (4/3 larger), so 4 MiB is what fits on AWS.
 */
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
/** What the local adapter reads at most: an upload plus its multipart framing. */
export const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

export function checkSize(request: ApiRequest, limit: number): void {
  if (request.body.length > limit) {
    throw new ApiError(413, 'BODY_TOO_LARGE', `the request body has ${request.body.length} bytes; this route accepts at most ${limit}`);
  }
}

export function mediaType(request: ApiRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Refused input (INVALID_INPUT): the technical message with the field and rule for scripts and
 * logs, and `messageZh` for the console and the recipient pages, every problem by its field's
 * Chinese name (“填写的内容有误：原因：不能为空；文书类型：…”).
 */
class InputError extends ApiError {
  constructor(
    message: string,
    readonly messageZh: string,
  ) {
    super(400, 'INVALID_INPUT', message);
  }
}

/** A schema's own Chinese message (“请填写接收地址”) wins over the generic wording. */
function problemZh(issue: z.core.$ZodIssue): string {
  return /^\p{Script=Han}/u.test(issue.message) ? issue.message : issueZh(issue);
}

/** `what` names the value: `body`, `query`, or the parameter itself (`caseId`, `query parameter docType`). */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const problems = parsed.error.issues.map((i) => `${inputFieldName(i.path, what)}：${problemZh(i)}`).filter((p) => !seen.has(p) && seen.add(p));
  throw new InputError(`${what}: ${describeIssues(parsed.error.issues)}`, `${CHINESE_MESSAGES.INVALID_INPUT}：${problems.join('；')}`);
}

/** A JSON body, at most MAX_JSON_BYTES, checked against `schema`. */
export function jsonBody<T>(request: ApiRequest, schema: z.ZodType<T>): T {
  checkSize(request, MAX_JSON_BYTES);
  if (mediaType(request) !== 'application/json') {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the body as application/json (got “${mediaType(request) || 'none'}”)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    throw new ApiError(400, 'INVALID_JSON', `the body is not JSON (${(error as Error).message})`);
  }
  return parseWith(schema, value, 'body');
}

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The fields of a urlencoded or multipart form, or a single `file` part for a raw PDF body. */
export function formParts(request: ApiRequest): FormPart[] {
  const type = mediaType(request);
  if (type === 'application/x-www-form-urlencoded') {
    return [...new URLSearchParams(request.body.toString('utf8'))].map(([name, value]) => ({ name, data: Buffer.from(value, 'utf8') }));
  }
  if (type === 'multipart/form-data') return multipartParts(request.body, request.headers['content-type'] ?? '');
  throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `send a form (multipart/form-data or urlencoded), not “${type || 'none'}”`);
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/** RFC 7578 multipart/form-data: parts between `--boundary` lines, headers, a blank line, data. */
export function multipartParts(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token) throw new ApiError(400, 'INVALID_FORM', 'the multipart body names no boundary in its Content-Type');
  const delimiter = Buffer.from(`--${token}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new ApiError(400, 'INVALID_FORM', 'the multipart body does not contain its boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts; // the closing delimiter
    const headersEnd = body.indexOf(CRLF_CRLF, at);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), at);
    if (headersEnd < 0 || next < 0 || headersEnd > next) {
      throw new ApiError(400, 'INVALID_FORM', 'the multipart body ends inside a part; send the whole form');
    }
    const headers = body.subarray(at, headersEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new ApiError(400, 'INVALID_FORM', 'a multipart part has no name');
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const contentTypeOfPart = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      ...(contentTypeOfPart ? { contentType: contentTypeOfPart } : {}),
      data: body.subarray(headersEnd + CRLF_CRLF.length, next),
    });
    at = next + 2;
  }
}
