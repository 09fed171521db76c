// The API's routes as data: the handler dispatches on them, the local adapter asks which need a
// staff identity, and the CDK stack builds its HTTP API routes and their JWT
// authorizer from the same list. Paths use API Gateway's `{name}` syntax. Imports nothing, so
// the CDK app can read it without loading the handler.

type RouteAuth = 'staff' | 'public';

export interface RouteSpec {
  readonly id: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** `staff`: behind the JWT authorizer on AWS (the dev token locally); `public`: no authorizer. */
  readonly auth: RouteAuth;
}

export const API_ROUTES = [
  { id: 'whoAmI', method: 'GET', path: '/me', auth: 'staff' },
  { id: 'findCases', method: 'GET', path: '/cases', auth: 'staff' },
  { id: 'listDocuments', method: 'GET', path: '/cases/{caseId}/documents', auth: 'staff' },
  { id: 'downloadVersion', method: 'GET', path: '/cases/{caseId}/documents/{version}/download', auth: 'staff' },
  { id: 'regenerate', method: 'POST', path: '/cases/{caseId}/regenerate', auth: 'staff' },
  { id: 'previewRegeneration', method: 'POST', path: '/cases/{caseId}/regenerate/preview', auth: 'staff' },
  { id: 'bulkRegenerate', method: 'POST', path: '/regenerations', auth: 'staff' },
  { id: 'bulkProgress', method: 'GET', path: '/regenerations/{bulkId}', auth: 'staff' },
  { id: 'bulkDryRun', method: 'POST', path: '/regenerations/dry-run', auth: 'staff' },
  { id: 'listBulkRuns', method: 'GET', path: '/regenerations', auth: 'staff' },
  { id: 'bulkFailureReport', method: 'GET', path: '/regenerations/{bulkId}/failures.csv', auth: 'staff' },
  { id: 'cancelBulkRun', method: 'POST', path: '/regenerations/{bulkId}/cancel', auth: 'staff' },
  { id: 'resumeBulkRun', method: 'POST', path: '/regenerations/{bulkId}/resume', auth: 'staff' },
  { id: 'retryIssue', method: 'POST', path: '/cases/{caseId}/issue', auth: 'staff' },
  { id: 'cardStanding', method: 'GET', path: '/cases/{caseId}/card', auth: 'staff' },
  { id: 'revokeCard', method: 'POST', path: '/cases/{caseId}/card/revoke', auth: 'staff' },
  { id: 'caseHistory', method: 'GET', path: '/cases/{caseId}/history', auth: 'staff' },
  { id: 'staffConsole', method: 'GET', path: '/staff', auth: 'public' },
  { id: 'staffPdfViewer', method: 'GET', path: '/staff/pdfjs/{file}', auth: 'public' },
  { id: 'recipientDownload', method: 'GET', path: '/d/{docId}', auth: 'public' },
  { id: 'verifyPage', method: 'GET', path: '/v/{docId}', auth: 'public' },
  { id: 'verifyBytes', method: 'POST', path: '/v/{docId}', auth: 'public' },
  { id: 'recipientLink', method: 'GET', path: '/cases/{caseId}/recipient-link', auth: 'staff' },
  { id: 'sendRecipientLink', method: 'POST', path: '/cases/{caseId}/recipient-link/send', auth: 'staff' },
  { id: 'recipientFile', method: 'GET', path: '/d/{docId}/file', auth: 'public' },
] as const satisfies readonly RouteSpec[];

export type RouteId = (typeof API_ROUTES)[number]['id'];

interface RouteMatch {
  route: (typeof API_ROUTES)[number];
  params: Record<string, string>;
}

export type RouteLookup =
  | { kind: 'matched'; match: RouteMatch }
  /** The path exists, but not for this method. */
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

const compiled = API_ROUTES.map((route) => ({
  route,
  names: [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
  // A parameter is one non-empty path segment, as in API Gateway.
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** Finds the route for a method and a raw (still percent-encoded) path. */
export function lookupRoute(method: string, rawPath: string): RouteLookup {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  const allowed: string[] = [];
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    if (c.route.method !== method.toUpperCase()) {
      allowed.push(c.route.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < c.names.length; i++) {
      const raw = m[i + 1]!;
      let value: string;
      try {
        value = decodeURIComponent(raw);
      } catch {
        value = raw; // a broken escape stays as sent; the route's schema refuses it
      }
      params[c.names[i]!] = value;
    }
    return { kind: 'matched', match: { route: c.route, params } };
  }
  return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}
