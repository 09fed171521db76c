// Finding a case, showing its versions and history, and re-issuing a failed one. Regenerating an
// issued one is regeneration.ts's.
import { api } from './api.js';
import { beijingMinute } from '../../../beijing-time.js';
import { $, config, el, tbody, wait } from './dom.js';
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
let current: { caseId: string; docType: string } | null = null; // the case on screen

/** The case on screen, if any. */
export function shownCase(): { caseId: string; docType: string } | null {
  return current;
}

export function shownCaseId(): string | null {
  return current ? current.caseId : null;
}

const shownListeners: ((caseId: string) => void)[] = [];
/** `listener` runs each time a case is shown, or shown again after a change. */
export function onCaseShown(listener: (caseId: string) => void): void {
  shownListeners.push(listener);
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

/**
 * Polls the case's documents each second until `outcome` has found and shown the request's
 * outcome (it returns true then); after three minutes says in `statusId` that it is still queued.
 */
export function watchCase(caseId: string, statusId: string, outcome: (data: CaseDocuments) => boolean): Promise<void> {
  const deadline = Date.now() + 180000;
  function poll(): Promise<void> {
    return documentsOf(caseId).then((data) => {
      if (outcome(data)) return;
      if (Date.now() > deadline) {
        $(statusId).textContent = '仍在排队处理，请稍后刷新。';
        return;
      }
      return wait(1000).then(poll);
    });
  }
  return poll();
}

export function retryIssue(): Promise<void> {
  const caseId = current!.caseId,
    since = new Date().toISOString();
  $<HTMLButtonElement>('case-retry').disabled = true;
  fieldError('case-retry-error', null);
  $('case-retry-status').textContent = '已提交，等待签发……';
  return api('POST', '/cases/' + encodeURIComponent(caseId) + '/issue')
    .then(
      () =>
        watchCase(caseId, 'case-retry-status', (data) => {
          // The version is recorded a moment before the case is marked ISSUED (which clears the failure): wait for both.
          if (data.versions.length > 0 && data.case.status !== 'FAILED') {
            renderCase(data);
            say('已签发第1版。');
            return true;
          }
          const failure = data.case.failure;
          if (failure && failure.at >= since) {
            renderCase(data);
            fieldError('case-retry-error', { messageZh: '仍未通过：' + reasonOf(caseId, failure.reason) });
            return true;
          }
          return false;
        }),
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

export function renderCase(data: CaseDocuments): CaseDocuments {
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
  for (const listener of shownListeners) listener(c.caseId);
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
