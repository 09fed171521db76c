// Finding a case, showing its versions and history, re-issuing a failed one, and regenerating an
// issued one: preview first (the would-be version beside the current one), then confirm.
import { api } from './api.js';
import { beijingMinute } from '../../../beijing-time.js';
import { $, config, el, tbody, wait } from './dom.js';
import { showPdf } from './pdf-page.js';
import { FAILURES, type Problem, STATUS, fieldError, problem, reasonOf, say } from './problems.js';

interface CaseRow {
  caseId: string;
  typeName: string;
  recipientMasked: string;
  documentNumber?: string | null;
  status: string;
}
interface Failure {
  at: string;
  code: string;
  reason: string;
}
interface Version {
  version: number;
  docType: string;
  status: string;
  reason: string;
  requestedBy: string;
  requestId: string;
  issuedAt: string;
  sha256: string;
  verifyUrl: string;
  revokedAt?: string | null;
}
interface CaseDocuments {
  case: {
    caseId: string;
    docType: string;
    typeName: string;
    recipientName?: string | null;
    documentNumber?: string | null;
    status: string;
    failure?: Failure | null;
  };
  versions: Version[];
}
interface HistoryEvent {
  type: string;
  at: string;
  by?: string;
  version?: number;
  code?: string;
  reason?: string;
}
interface Change {
  path: string;
  label: string;
  before: string | null;
  after: string | null;
}
export interface RegenerationPreview {
  caseUpdatedAt?: string;
  documentNumber: string;
  current: { version: number; issuedAt: string; pdfBase64?: string | null };
  preview: { pdfBase64?: string | null };
  changes: Change[] | null;
  templateChanged?: boolean;
  fontsChanged?: boolean;
}

let current: { caseId: string; docType: string } | null = null; // the case on screen
/** The regeneration preview on screen, if any: only it may be confirmed. */
let preview: { caseId: string; caseUpdatedAt?: string | undefined } | null = null;

/** The case on screen, if any. */
export function shownCaseId(): string | null {
  return current ? current.caseId : null;
}

function requester(by: string): string {
  return config.actors[by] || by;
}

function badge(status: string): HTMLElement {
  const cls = status === 'CURRENT' || status === 'ISSUED' ? 'current' : status === 'SUPERSEDED' ? 'superseded' : status === 'FAILED' ? 'failed' : 'plain';
  return el('span', { class: 'badge ' + cls, 'data-status': status }, [STATUS[status] || '其他状态']);
}

export function findQuery(): URLSearchParams {
  const f = $<HTMLFormElement>('find-form'),
    q = new URLSearchParams();
  ['q', 'docType', 'status', 'from', 'to'].forEach((name) => {
    const v = (f.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
    if (v) q.set(name, v);
  });
  return q;
}
let findSeq = 0; // only the latest search may fill the list
/** A new search clears the old results, the open case and old errors first. */
export function find(q: URLSearchParams): Promise<void> {
  const mine = ++findSeq;
  say('');
  fieldError('find-error', null);
  const body = tbody('results');
  body.textContent = '';
  $('results').hidden = true;
  $('results-note').hidden = true;
  $('case').hidden = true;
  current = null;
  $('results-title').textContent = q.toString() ? '查找结果' : '最近更新的案件';
  $<HTMLButtonElement>('find-submit').disabled = true;
  return api<{ cases: CaseRow[]; truncated?: boolean }>('GET', '/cases' + (q.toString() ? '?' + q.toString() : ''))
    .then(
      (found) => {
        if (mine !== findSeq) return;
        found.cases.forEach((c) => {
          const open = el('button', { type: 'button', class: 'secondary', 'data-open-case': c.caseId }, ['查看']);
          open.addEventListener('click', () => {
            openCase(c.caseId);
          });
          body.appendChild(
            el('tr', { 'data-case-id': c.caseId }, [
              el('td', {}, [c.caseId]),
              el('td', {}, [c.typeName]),
              el('td', {}, [c.recipientMasked]),
              el('td', {}, [c.documentNumber || '—']),
              el('td', {}, [badge(c.status)]),
              el('td', {}, [open]),
            ]),
          );
        });
        $('results').hidden = found.cases.length === 0;
        $('results-note').hidden = !(found.truncated || found.cases.length === 0);
        $('results-note').textContent =
          found.cases.length === 0 ? '没有找到匹配的案件。' : '结果较多，仅显示最近更新的 ' + found.cases.length + ' 件，请增加条件缩小范围。';
        if (found.cases.length === 1 && q.get('q')) return openCase(found.cases[0]!.caseId);
      },
      (e: Problem) => {
        fieldError('find-error', e);
      },
    )
    .then(() => {
      $<HTMLButtonElement>('find-submit').disabled = false;
    });
}

function showHistory(caseId: string): Promise<void> {
  return api<{ events: HistoryEvent[] }>('GET', '/cases/' + encodeURIComponent(caseId) + '/history').then(
    (h) => {
      if (!current || current.caseId !== caseId) return;
      const body = tbody('history');
      body.textContent = '';
      h.events.forEach((e) => {
        const what = [e.code ? FAILURES[e.code] || '失败' : '', reasonOf(caseId, e.reason || '')].filter(Boolean).join('：');
        body.appendChild(
          el('tr', { 'data-event': e.type }, [
            el('td', {}, [beijingMinute(e.at)]),
            el('td', {}, [config.eventLabels[e.type] || '其他']),
            el('td', {}, [requester(e.by || '—')]),
            el('td', {}, [e.version ? '第' + e.version + '版' : '']),
            el('td', {}, [what]),
          ]),
        );
      });
      if (h.events.length === 0) body.appendChild(el('tr', {}, [el('td', { colspan: '5', class: 'muted' }, ['尚无记录。'])]));
    },
    (e: Problem) => {
      fieldError('regenerate-error', e);
    },
  );
}

function documentsOf(caseId: string): Promise<CaseDocuments> {
  return api<CaseDocuments>('GET', '/cases/' + encodeURIComponent(caseId) + '/documents');
}

export function retryIssue(): Promise<void> {
  const caseId = current!.caseId,
    since = new Date().toISOString();
  $<HTMLButtonElement>('case-retry').disabled = true;
  fieldError('case-retry-error', null);
  $('case-retry-status').textContent = '已提交，等待签发……';
  return api('POST', '/cases/' + encodeURIComponent(caseId) + '/issue')
    .then(
      () => {
        const deadline = Date.now() + 180000;
        function poll(): Promise<void> {
          return documentsOf(caseId).then((data) => {
            // The version is recorded a moment before the case is marked ISSUED (which clears the failure): wait for both.
            if (data.versions.length > 0 && data.case.status !== 'FAILED') {
              renderCase(data);
              say('已签发第1版。');
              return;
            }
            const failure = data.case.failure;
            if (failure && failure.at >= since) {
              renderCase(data);
              fieldError('case-retry-error', { messageZh: '仍未通过：' + reasonOf(caseId, failure.reason) });
              return;
            }
            if (Date.now() > deadline) {
              $('case-retry-status').textContent = '仍在排队处理，请稍后刷新。';
              return;
            }
            return wait(1000).then(poll);
          });
        }
        return poll();
      },
      (e: Problem) => {
        $('case-retry-status').textContent = '';
        fieldError('case-retry-error', e);
      },
    )
    .then(() => {
      $<HTMLButtonElement>('case-retry').disabled = false;
    });
}

function openVersion(v: Version): void {
  api<{ url: string }>(
    'GET',
    '/cases/' + encodeURIComponent(current!.caseId) + '/documents/' + v.version + '/download?docType=' + encodeURIComponent(v.docType),
  )
    // The S3 object is an attachment: the browser saves it and the console stays open.
    .then(
      (r) => {
        location.assign(r.url);
      },
      (e: Problem) => {
        say(problem(e), true);
      },
    );
}

function renderCase(data: CaseDocuments): CaseDocuments {
  const c = data.case;
  current = { caseId: c.caseId, docType: c.docType };
  $('case').hidden = false;
  $('case-id').textContent = c.caseId;
  $('case-type').textContent = c.typeName;
  $('case-recipient').textContent = c.recipientName || '—';
  $('case-number').textContent = c.documentNumber || '（尚未编号）';
  const status = $('case-status');
  status.textContent = '';
  status.appendChild(badge(c.status));
  const issued = data.versions.length > 0;
  $('case-failure').hidden = !c.failure;
  $('case-failure-text').textContent = !c.failure
    ? ''
    : (issued ? '最近一次重新生成未成功，当前文书仍然有效。' : '文书尚未签发。') +
      '原因（' +
      beijingMinute(c.failure.at) +
      '）：' +
      (FAILURES[c.failure.code] || '生成失败') +
      '。' +
      reasonOf(c.caseId, c.failure.reason) +
      (issued ? ' 修正案件后可再次重新生成。' : '');
  $('case-retry-row').hidden = !c.failure || issued;
  $('case-retry-status').textContent = '';
  fieldError('case-retry-error', null);
  fieldError('regenerate-error', null);
  if (!preview || preview.caseId !== c.caseId) dropPreview();
  const body = tbody('versions');
  body.textContent = '';
  data.versions.forEach((v) => {
    const open = el('button', { type: 'button', class: 'secondary', 'data-open-version': String(v.version) }, ['打开']);
    open.addEventListener('click', () => {
      openVersion(v);
    });
    const verify = el('a', { href: v.verifyUrl, target: '_blank', rel: 'noopener' }, ['核验页']);
    body.appendChild(
      el('tr', { 'data-version': String(v.version), 'data-request-id': v.requestId }, [
        el('td', {}, ['第' + v.version + '版']),
        el('td', {}, v.revokedAt ? [badge(v.status), ' ', el('span', { class: 'badge failed', 'data-revoked': 'true' }, ['已注销'])] : [badge(v.status)]),
        el('td', {}, [v.reason]),
        el('td', {}, [requester(v.requestedBy)]),
        el('td', {}, [beijingMinute(v.issuedAt)]),
        el('td', { class: 'hash', title: v.sha256 }, [v.sha256.slice(0, 12) + '…']),
        el('td', {}, [open, ' ', verify]),
      ]),
    );
  });
  if (data.versions.length === 0) body.appendChild(el('tr', {}, [el('td', { colspan: '7', class: 'muted' }, ['尚无已生成的文书。'])]));
  $<HTMLButtonElement>('regenerate').disabled = data.versions.length === 0;
  showHistory(c.caseId);
  return data;
}

export function openCase(caseId: string): Promise<CaseDocuments | void> {
  $('regenerate-status').textContent = '';
  return documentsOf(caseId).then(renderCase, (e: Problem) => {
    fieldError('find-error', e);
  });
}

/** Polls until the worker has recorded the request's version, or the case failed after it. */
function watchRequest(caseId: string, requestId: string, since: string): Promise<void> {
  const deadline = Date.now() + 180000;
  function poll(): Promise<void> {
    return documentsOf(caseId).then((data) => {
      const made = data.versions.filter((v) => v.requestId === requestId)[0];
      const failure = data.case.failure;
      if (made) {
        renderCase(data);
        $('regenerate-status').textContent = '第' + made.version + '版已生成。';
        return;
      }
      if (failure && failure.at >= since) {
        renderCase(data);
        $('regenerate-status').textContent = '未能生成新版本，见上方原因；当前文书仍然有效。';
        return;
      }
      if (Date.now() > deadline) {
        $('regenerate-status').textContent = '仍在排队处理，请稍后刷新。';
        return;
      }
      return wait(1000).then(poll);
    });
  }
  return poll();
}

/** Commits the previewed regeneration; the server refuses it if the case changed since the preview. */
export function regenerate(reason: string): Promise<void> | undefined {
  const caseId = current!.caseId,
    since = new Date().toISOString(),
    seen = preview;
  if (!seen || seen.caseId !== caseId) return;
  $<HTMLButtonElement>('regenerate').disabled = true;
  $<HTMLButtonElement>('regenerate-confirm').disabled = true;
  $('regenerate-status').textContent = '已提交，等待生成……';
  fieldError('regenerate-error', null);
  const body: { reason: string; docType: string; previewedCaseAt?: string } = { reason, docType: current!.docType };
  if (seen.caseUpdatedAt) body.previewedCaseAt = seen.caseUpdatedAt;
  return api<{ requestId: string }>('POST', '/cases/' + encodeURIComponent(caseId) + '/regenerate', body)
    .then((accepted) => {
      $<HTMLTextAreaElement>('reason').value = '';
      dropPreview();
      return watchRequest(caseId, accepted.requestId, since);
    })
    .catch((e: Problem) => {
      $('regenerate-status').textContent = '';
      if (e.code === 'CASE_CHANGED') dropPreview();
      else $<HTMLButtonElement>('regenerate-confirm').disabled = false;
      fieldError('regenerate-error', e);
    })
    .then(() => {
      $<HTMLButtonElement>('regenerate').disabled = false;
    });
}

export function dropPreview(): void {
  preview = null;
  $('regen-preview').hidden = true;
  $<HTMLButtonElement>('regenerate-confirm').disabled = true;
}

function showChanges(p: RegenerationPreview): void {
  const body = tbody('regen-changes');
  body.textContent = '';
  (p.changes || []).forEach((c) => {
    body.appendChild(
      el('tr', { 'data-path': c.path }, [
        el('td', {}, [c.label]),
        el('td', {}, [c.before === null ? '（无）' : c.before]),
        el('td', {}, [c.after === null ? '（删除）' : c.after]),
      ]),
    );
  });
  $('regen-changes').hidden = !p.changes || p.changes.length === 0;
  let note = p.changes === null ? '当前版本生成时未记录案件内容，无法列出改动；请对照下面两个版本。' : p.changes.length === 0 ? '案件内容与当前版本相同。' : '';
  if (p.templateChanged || p.fontsChanged) note += (note ? '' : '另：') + '文书模板或字体已更新，版式和文字可能与当前版本不同。';
  $('regen-changes-note').textContent = note;
  $('regen-changes-note').hidden = !note;
}

/** Shows the would-be new version beside the current one; only then may it be confirmed. */
export function previewRegeneration(): Promise<void> {
  const caseId = current!.caseId;
  dropPreview();
  fieldError('regenerate-error', null);
  $<HTMLButtonElement>('regenerate').disabled = true;
  $('regenerate-status').textContent = '正在生成预览……';
  return api<RegenerationPreview>('POST', '/cases/' + encodeURIComponent(caseId) + '/regenerate/preview', { docType: current!.docType })
    .then(
      (p) => {
        if (!current || current.caseId !== caseId) return;
        preview = { caseId, caseUpdatedAt: p.caseUpdatedAt };
        $('regenerate-status').textContent = '';
        $('regen-preview-summary').textContent =
          '新版本沿用发文字号 ' +
          p.documentNumber +
          '，确认后替换当前第' +
          p.current.version +
          '版（当前版本标为“已被替换”）。预览带“样本”水印和样本印章，未经电子签名，不作为正式文书。';
        $('regen-current-title').textContent = '当前版本（第' + p.current.version + '版，' + beijingMinute(p.current.issuedAt) + '）';
        showChanges(p);
        $('regen-preview').hidden = false;
        $('regen-draw-note').hidden = true;
        $<HTMLButtonElement>('regenerate-confirm').disabled = false;
        return Promise.all([
          showPdf(p.current.pdfBase64, $<HTMLCanvasElement>('regen-current-page'), $<HTMLAnchorElement>('regen-current-pdf')),
          showPdf(p.preview.pdfBase64, $<HTMLCanvasElement>('regen-new-page'), $<HTMLAnchorElement>('regen-new-pdf')),
        ]).then(
          () => undefined,
          () => {
            $('regen-draw-note').hidden = false;
          },
        );
      },
      (e: Problem) => {
        $('regenerate-status').textContent = '';
        fieldError('regenerate-error', e);
      },
    )
    .then(() => {
      $<HTMLButtonElement>('regenerate').disabled = false;
    });
}
