// The API without Lambda: a request in, a response out. Route table → zod-checked input → use
// case → response. Browser routes answer with Chinese pages, the rest with JSON {code, message}.
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import { NoticeError } from '../errors.js';
import { BulkId } from '../stores/bulk-jobs-table.js';
import { CaseNotFoundError, QueueSendError, StoreInputError } from '../stores/errors.js';
import { jsonBody, checkSize, mediaType, parseWith } from './body.js';
import type { ApiDeps } from './deps.js';
import { caseHistory } from './audit.js';
import { CHINESE_MESSAGES, chineseMessage } from './error-messages.js';
import { ApiError, htmlPage, json, redirect, wantsJson } from './http.js';
import type { ApiRequest, ApiResponse } from './http.js';
import { requireStaff } from './identity.js';
import type { Identity } from './identity.js';
import { SignInUnavailableError } from './oidc-discovery.js';
import { CARD_STAFF_ROUTES } from './card-revocation.js';
import { messagePage } from './pages/message-page.js';
import type { MessageKind } from './pages/message-page.js';
import { pdfViewerFile } from './pages/pdf-viewer.js';
import { staffConsolePage } from './pages/staff-console.js';
import { RECIPIENT_PUBLIC_ROUTES, RECIPIENT_STAFF_ROUTES } from './recipient-routes.js';
import { bulkFailureReport, bulkProgress, listBulkRuns } from './bulk-progress.js';
import { cancelBulkRun, planBulkRegeneration, resumeBulkRun, startBulkRegeneration } from './bulk-regeneration.js';
import {
  BulkPlanBody,
  BulkStartBody,
  PreviewBody,
  RegenerateBody,
  bulkFiltersOf,
  bulkStartOf,
  previewRegeneration,
  requestIssue,
  requestRegeneration,
} from './regeneration.js';
import { type API_ROUTES, lookupRoute } from './routes.js';
import type { RouteId } from './routes.js';
import { CaseIdParam, CaseSearchParams, VersionParam, caseDocuments, existingCase, findCases, versionDownload } from './staff-cases.js';

type Params = Record<string, string>;
type StaffRoute = (deps: ApiDeps, request: ApiRequest, params: Params, who: Identity) => Promise<ApiResponse>;
type PublicRoute = (deps: ApiDeps, request: ApiRequest, params: Params) => Promise<ApiResponse>;

const BROWSER_ROUTES = new Set<RouteId>(['staffConsole', 'recipientDownload', 'recipientFile', 'verifyPage', 'verifyBytes']);

function nonce(): string {
  return randomBytes(16).toString('base64');
}

function noBody(request: ApiRequest): void {
  checkSize(request, 0);
}

const STAFF: Record<Extract<(typeof API_ROUTES)[number], { auth: 'staff' }>['id'], StaffRoute> = {
  async whoAmI(_deps, request, _params, who) {
    noBody(request);
    return json(200, { name: who.name, sub: who.sub, groups: who.groups });
  },
  async findCases(deps, request) {
    noBody(request);
    const params = parseWith(CaseSearchParams, Object.fromEntries(request.query), 'query');
    return json(200, await findCases(deps, params));
  },
  async listDocuments(deps, request, params) {
    noBody(request);
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    return json(200, await caseDocuments(deps, caseId));
  },
  async downloadVersion(deps, request, params, who) {
    noBody(request);
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    const version = parseWith(VersionParam, params.version, 'version');
    const docType = parseWith(z.enum(DOC_TYPE_IDS).optional(), request.query.get('docType') ?? undefined, 'query parameter docType');
    const url = await versionDownload(deps, caseId, version, docType, who);
    // Browsers following a link get the redirect; the console's fetch asks for JSON to open it.
    return wantsJson(request) ? json(200, { url }) : redirect(url);
  },
  async regenerate(deps, request, params, who) {
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    const body = jsonBody(request, RegenerateBody);
    return json(202, await requestRegeneration(deps, caseId, body, who));
  },
  async previewRegeneration(deps, request, params) {
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    const body = request.body.length === 0 ? {} : jsonBody(request, PreviewBody);
    return json(200, await previewRegeneration(deps, caseId, body));
  },
  async bulkRegenerate(deps, request, _params, who) {
    const body = jsonBody(request, BulkStartBody);
    const accepted = await startBulkRegeneration(deps, bulkStartOf(body), who.name, 'api');
    return json(accepted.started ? 202 : 200, { ...accepted, progress: `/regenerations/${accepted.bulkId}` });
  },
  async bulkProgress(deps, request, params) {
    noBody(request);
    return json(200, await bulkProgress(deps, parseWith(BulkId, params.bulkId, 'bulkId')));
  },
  async bulkDryRun(deps, request) {
    const body = jsonBody(request, BulkPlanBody);
    return json(200, await planBulkRegeneration(deps, bulkFiltersOf(body)));
  },
  async listBulkRuns(deps, request) {
    noBody(request);
    return json(200, { runs: await listBulkRuns(deps) });
  },
  async bulkFailureReport(deps, request, params) {
    noBody(request);
    const bulkId = parseWith(BulkId, params.bulkId, 'bulkId');
    const csv = await bulkFailureReport(deps, bulkId);
    return {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="bulk-${bulkId.slice(0, 8)}-failures.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: csv,
    };
  },
  async cancelBulkRun(deps, request, params, who) {
    noBody(request);
    return json(200, await cancelBulkRun(deps, parseWith(BulkId, params.bulkId, 'bulkId'), who.name));
  },
  async caseHistory(deps, request, params) {
    noBody(request);
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    await existingCase(deps, caseId);
    return json(200, { caseId, events: await caseHistory(deps.audit, caseId) });
  },
  async retryIssue(deps, request, params, who) {
    noBody(request);
    return json(202, await requestIssue(deps, parseWith(CaseIdParam, params.caseId, 'caseId'), who));
  },
  async resumeBulkRun(deps, request, params, who) {
    noBody(request);
    return json(200, await resumeBulkRun(deps, parseWith(BulkId, params.bulkId, 'bulkId'), who.name));
  },
  ...RECIPIENT_STAFF_ROUTES,
  ...CARD_STAFF_ROUTES,
};

const PUBLIC: Record<Extract<(typeof API_ROUTES)[number], { auth: 'public' }>['id'], PublicRoute> = {
  async staffConsole(deps, request) {
    noBody(request);
    const n = nonce();
    const signIn = deps.signIn ? { client: deps.signIn.client, endpoints: await signInEndpoints(deps, deps.signIn) } : undefined;
    const body = staffConsolePage({ ...(signIn ? { signIn } : {}), redirectUri: `${deps.publicBaseUrl}/staff` }, n);
    // The browser exchanges the code at the provider's token endpoint: the one origin it may call besides ours.
    return htmlPage(200, body, { nonce: n, connectSrc: signIn ? [new URL(signIn.endpoints.token).origin] : [], ownScripts: true });
  },
  async staffPdfViewer(_deps, request, params) {
    noBody(request);
    return pdfViewerFile(params.file ?? '');
  },
  ...RECIPIENT_PUBLIC_ROUTES,
};

/** The provider's endpoints; a failure is logged for operators (clerks see a 503 page). */
async function signInEndpoints(deps: ApiDeps, signIn: NonNullable<ApiDeps['signIn']>) {
  try {
    return await signIn.endpoints();
  } catch (error) {
    deps.log.error('staff sign-in unavailable', { code: 'SIGNIN_UNAVAILABLE', error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

function errorOf(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof CaseNotFoundError) return new ApiError(404, error.code, error.message);
  if (error instanceof StoreInputError) return new ApiError(400, 'INVALID_INPUT', error.message);
  if (error instanceof QueueSendError) return new ApiError(503, error.code, `${error.message}; try again in a minute`);
  if (error instanceof SignInUnavailableError) return new ApiError(503, error.code, error.message);
  return undefined;
}

const PAGE_OF_STATUS: Record<number, MessageKind> = { 400: 'bad-request', 404: 'not-found', 413: 'too-large', 415: 'bad-request' };

function errorResponse(deps: ApiDeps, error: unknown, browser: boolean, request: ApiRequest): ApiResponse {
  const known = errorOf(error);
  if (!known) {
    deps.log.error('request failed', {
      method: request.method,
      path: request.path,
      code: error instanceof NoticeError ? error.code : 'INTERNAL',
      error: error instanceof Error ? error.message : String(error),
    });
  }
  const failure = known ?? new ApiError(500, 'INTERNAL', 'the request failed on our side and changed nothing; try again, and tell an operator if it persists');
  // POST /v/<docId> with JSON or a raw PDF is a program asking: it gets JSON like the staff routes.
  if (browser && !(request.method === 'POST' && ['application/json', 'application/pdf'].includes(mediaType(request)))) {
    return htmlPage(failure.status, messagePage(PAGE_OF_STATUS[failure.status] ?? 'server-error'));
  }
  return json(failure.status, { code: failure.code, message: failure.message, messageZh: chineseMessage(failure) }, failure.headers);
}

export type Api = (request: ApiRequest) => Promise<ApiResponse>;

export function createApi(deps: ApiDeps): Api {
  return async (request) => {
    const found = lookupRoute(request.method, request.path);
    if (found.kind === 'not-found') {
      return json(404, {
        code: 'ROUTE_NOT_FOUND',
        message: `no route ${request.method} ${request.path.slice(0, 200)}`,
        messageZh: CHINESE_MESSAGES.ROUTE_NOT_FOUND,
      });
    }
    if (found.kind === 'method-not-allowed') {
      return json(
        405,
        {
          code: 'METHOD_NOT_ALLOWED',
          message: `${request.path.slice(0, 200)} answers ${found.allowed.join(', ')}`,
          messageZh: CHINESE_MESSAGES.METHOD_NOT_ALLOWED,
        },
        { allow: found.allowed.join(', ') },
      );
    }
    const { route, params } = found.match;
    const browser = BROWSER_ROUTES.has(route.id);
    try {
      if (route.auth === 'staff') {
        const who = requireStaff(request.claims, deps.staffGroup, deps.staffGroupsClaim);
        return await STAFF[route.id](deps, request, params, who);
      }
      return await PUBLIC[route.id](deps, request, params);
    } catch (error) {
      return errorResponse(deps, error, browser, request);
    }
  };
}
