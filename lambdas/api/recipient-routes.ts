// The routes recipients use (their link's landing page and file, the verification page and the
// upload check) and the two staff routes that give a recipient their link. The app spreads these
// into its route tables; requests and answers are shaped here, the use cases live beside.
import * as z from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import { formParts, jsonBody, MAX_JSON_BYTES, MAX_REQUEST_BYTES, checkSize, mediaType, parseWith } from './body.js';
import type { ApiDeps } from './deps.js';
import { ApiError, htmlPage, json, redirect } from './http.js';
import type { ApiRequest, ApiResponse } from './http.js';
import type { Identity } from './identity.js';
import { landingPage, linkExpiredPage } from './pages/landing-page.js';
import { messagePage } from './pages/message-page.js';
import { bytesCheckPage, verifyPage } from './pages/verify-page.js';
import { recipientFile, recipientLanding } from './recipient-download.js';
import type { LinkRefusal } from './recipient-download.js';
import { SendBody, recipientLink, sendRecipientLink } from './recipient-link.js';
import { CaseIdParam } from './staff-cases.js';
import { Sha256Hex, checkBytes, sha256Of, verifyDocument } from './verification.js';

type Params = Record<string, string>;
type StaffRoute = (deps: ApiDeps, request: ApiRequest, params: Params, who: Identity) => Promise<ApiResponse>;
type PublicRoute = (deps: ApiDeps, request: ApiRequest, params: Params) => Promise<ApiResponse>;

function refusalPage(outcome: LinkRefusal): ApiResponse {
  switch (outcome.kind) {
    case 'refused':
      return htmlPage(403, messagePage('link-refused'));
    case 'expired':
      return htmlPage(410, linkExpiredPage(outcome.expiredAt));
    case 'not-found':
      return htmlPage(404, messagePage('not-found'));
  }
}

const DocTypeQuery = z.enum(DOC_TYPE_IDS).optional();

export const RECIPIENT_STAFF_ROUTES = {
  async recipientLink(deps, request, params) {
    checkSize(request, 0);
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    const docType = parseWith(DocTypeQuery, request.query.get('docType') ?? undefined, 'query parameter docType');
    return json(200, await recipientLink(deps, caseId, docType));
  },
  async sendRecipientLink(deps, request, params, who) {
    const caseId = parseWith(CaseIdParam, params.caseId, 'caseId');
    const body = jsonBody(request, SendBody);
    return json(200, await sendRecipientLink(deps, caseId, body, who));
  },
} satisfies Record<string, StaffRoute>;

const VerifyJson = z.strictObject({ sha256: Sha256Hex });

/** What a form asks about, or why it cannot be checked, in words for the page. */
type FormUpload = { ok: true; sha256: string; pdf?: Buffer } | { ok: false; problem: string };

function formUpload(request: ApiRequest): FormUpload {
  const parts = formParts(request);
  const file = parts.find((p) => p.name === 'file' && p.data.length > 0);
  if (file) return { ok: true, sha256: sha256Of(file.data), pdf: file.data };
  const given = (parts.find((p) => p.name === 'sha256')?.data.toString('utf8') ?? '').trim();
  if (given === '') return { ok: false, problem: '请先选择要核对的 PDF 文件，或填写文件的 SHA-256 指纹，再点“核对”。' };
  const sha = Sha256Hex.safeParse(given);
  if (!sha.success) {
    return {
      ok: false,
      problem: `SHA-256 指纹应为 64 位十六进制字符（0–9、a–f），您填写的是 ${[...given].length} 个字符${/[^0-9a-fA-F]/.test(given) ? '，且含有其他字符' : ''}。请检查后重试，或直接选择 PDF 文件。`,
    };
  }
  return { ok: true, sha256: sha.data };
}

export const RECIPIENT_PUBLIC_ROUTES = {
  async recipientDownload(deps, request, params) {
    checkSize(request, 0);
    const outcome = await recipientLanding(deps, params.docId ?? '', request.query.get('t'));
    return outcome.kind === 'landing' ? htmlPage(200, landingPage(outcome.landing)) : refusalPage(outcome);
  },
  async recipientFile(deps, request, params) {
    checkSize(request, 0);
    const outcome = await recipientFile(deps, params.docId ?? '', request.query.get('t'));
    return outcome.kind === 'redirect' ? redirect(outcome.url) : refusalPage(outcome);
  },
  async verifyPage(deps, request, params) {
    checkSize(request, 0);
    const found = await verifyDocument(deps, params.docId ?? '');
    return found ? htmlPage(200, verifyPage(found.verification)) : htmlPage(404, messagePage('not-found'));
  },
  async verifyBytes(deps, request, params) {
    // JSON {sha256} or a raw PDF is a program asking: it gets JSON. A form is a person: a page.
    const type = mediaType(request);
    const program = type === 'application/json' || type === 'application/pdf';
    checkSize(request, type === 'application/json' ? MAX_JSON_BYTES : MAX_REQUEST_BYTES);
    const found = await verifyDocument(deps, params.docId ?? '');
    if (!found) {
      return program
        ? json(404, { code: 'DOCUMENT_NOT_FOUND', message: `no document has the id ${String(params.docId).slice(0, 128)}` })
        : htmlPage(404, messagePage('not-found'));
    }
    if (!program) {
      const upload = formUpload(request);
      if (!upload.ok) return htmlPage(400, verifyPage(found.verification, upload.problem));
      return htmlPage(200, bytesCheckPage(await checkBytes(deps, found, upload)));
    }
    const upload = type === 'application/json' ? { sha256: jsonBody(request, VerifyJson).sha256 } : { sha256: sha256Of(request.body), pdf: request.body };
    if (upload.sha256 === sha256Of(Buffer.alloc(0))) throw new ApiError(400, 'INVALID_INPUT', 'the body is empty: send the PDF, or {"sha256": …}');
    const check = await checkBytes(deps, found, upload);
    return json(200, {
      match: check.exact !== null,
      sha256: check.sha256,
      matchedVersion: check.exact?.version ?? null,
      matchedStatus: check.exact?.status ?? null,
      sameTextVersion: check.sameText?.version ?? null,
      recordedSha256: found.verification.sha256,
      status: found.verification.status,
      version: found.verification.version,
      documentNumber: found.verification.documentNumber,
      signature: check.signature,
    });
  },
} satisfies Record<string, PublicRoute>;
