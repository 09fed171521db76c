// Bulk regeneration: a run goes dry run → typed confirmation of the count → start; the plan is
// then dropped, so starting again needs a new dry run (whose count and fingerprint the server
// checks). A running or finished run shows its progress and failures.
import { api, token } from './api.js';
import { openCase, shownCaseId } from './cases.js';
import type { RegenerationPreview } from './regeneration.js';
import { beijingMinute } from '../../../beijing-time.js';
import { $, el, tbody, wait } from './dom.js';
import { showPdf } from './pdf-page.js';
import { FAILURES, type Problem, fieldError, problem, reasonOf, say } from './problems.js';

interface Plan {
  count: number;
  fingerprint: string;
  docType: string;
  typeName: string;
  earliest: string;
  latest: string;
  revokedExcluded?: number;
  examples: { caseId: string; documentNumber?: string | null; recipientMasked: string; approvedOn?: string | null }[];
}
interface Run {
  bulkId: string;
  typeName: string;
  createdAt: string;
  requestedBy: string;
  reason: string;
  source?: string;
  total: number;
  done: number;
  failed: number;
  waiting: number;
  cancelled?: number;
  finished: boolean;
  cancelledAt?: string | null;
  failures: { caseId: string; code: string; reason: string }[];
}
interface BulkFilters {
  docType: string;
  approvedFrom?: string;
  approvedTo?: string;
}

let plan: Plan | null = null;
let shownRun: string | null = null;

function formField(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
}
function bulkFilters(): BulkFilters {
  const f = $<HTMLFormElement>('bulk-form'),
    body: BulkFilters = { docType: formField(f, 'docType') };
  if (formField(f, 'approvedFrom')) body.approvedFrom = formField(f, 'approvedFrom');
  if (formField(f, 'approvedTo')) body.approvedTo = formField(f, 'approvedTo');
  return body;
}
export function dropPlan(): void {
  plan = null;
  $('bulk-plan').hidden = true;
  $<HTMLButtonElement>('bulk-start').disabled = true;
  $('bulk-preview').hidden = true;
  $<HTMLTextAreaElement>('bulk-reason').value = '';
  $<HTMLInputElement>('bulk-confirm-count').value = '';
  fieldError('bulk-confirm-error', null);
}
function hideRun(): void {
  shownRun = null;
  $('bulk-progress').hidden = true;
  $('bulk-counts').removeAttribute('data-finished');
}

/** The typed count matches the plan on screen: only then may the run start. */
export function confirmCount(): void {
  $<HTMLButtonElement>('bulk-start').disabled = !plan || $<HTMLInputElement>('bulk-confirm-count').value.trim() !== String(plan.count);
}

/** The dry run's first document as it would be made now: a mistake shows before the run starts. */
function previewFirstOfPlan(p: Plan): Promise<void> | undefined {
  const first = p.examples[0];
  $('bulk-preview').hidden = true;
  fieldError('bulk-preview-error', null);
  if (!first) return;
  return api<RegenerationPreview>('POST', '/cases/' + encodeURIComponent(first.caseId) + '/regenerate/preview', { docType: p.docType })
    .then((r) => {
      if (plan !== p) return;
      $('bulk-preview-title').textContent = '第一份（案件 ' + first.caseId + '）的新版本预览（样本，未签名）';
      $('bulk-preview').hidden = false;
      return showPdf(r.preview.pdfBase64, $<HTMLCanvasElement>('bulk-preview-page'), $<HTMLAnchorElement>('bulk-preview-pdf'));
    })
    .catch((e: Problem) => {
      if (plan !== p) return;
      fieldError('bulk-preview-error', { messageZh: '第一份（案件 ' + first.caseId + '）无法预览：' + problem(e) });
    });
}

export function dryRun(): Promise<void> {
  dropPlan();
  hideRun();
  fieldError('bulk-error', null);
  $<HTMLButtonElement>('bulk-dry-run').disabled = true;
  return api<Plan>('POST', '/regenerations/dry-run', bulkFilters())
    .then(
      (p) => {
        if (p.count === 0) {
          fieldError('bulk-error', { code: 'NO_MATCHING_CASES' });
          return;
        }
        plan = p;
        $('bulk-plan').hidden = false;
        $('bulk-plan-summary').textContent =
          '将以新版本替换 ' +
          p.count +
          ' 份《' +
          p.typeName +
          '》，成文日期 ' +
          p.earliest +
          ' 至 ' +
          p.latest +
          '。原发文字号不变，旧版本标为“已被替换”。' +
          (p.revokedExcluded ? '另有 ' + p.revokedExcluded + ' 张已注销的绿卡不重新生成，未计入。' : '') +
          (p.count > p.examples.length ? '以下为其中 ' + p.examples.length + ' 份：' : '');
        const body = tbody('bulk-examples');
        body.textContent = '';
        p.examples.forEach((e) => {
          body.appendChild(
            el('tr', {}, [
              el('td', {}, [e.caseId]),
              el('td', {}, [e.documentNumber || '—']),
              el('td', {}, [e.recipientMasked]),
              el('td', {}, [e.approvedOn || '—']),
            ]),
          );
        });
        $('bulk-confirm-count').setAttribute('placeholder', '输入 ' + p.count);
        $('bulk-start').textContent = '确认替换 ' + p.count + ' 份并开始';
        previewFirstOfPlan(p);
      },
      (e: Problem) => {
        fieldError('bulk-error', e);
      },
    )
    .then(() => {
      $<HTMLButtonElement>('bulk-dry-run').disabled = false;
    });
}

export function startBulk(): Promise<unknown> | undefined {
  const chosen = plan,
    reason = $<HTMLTextAreaElement>('bulk-reason').value.trim();
  if (!chosen) return;
  if (!reason) {
    fieldError('bulk-confirm-error', { code: 'REASON_MISSING' });
    return;
  }
  const body: BulkFilters & { reason?: string; expectedCount?: number; fingerprint?: string } = bulkFilters();
  body.reason = reason;
  body.expectedCount = chosen.count;
  body.fingerprint = chosen.fingerprint;
  $<HTMLButtonElement>('bulk-start').disabled = true;
  fieldError('bulk-confirm-error', null);
  hideRun();
  return api<{ started: boolean; enqueued: number; total: number; bulkId: string }>('POST', '/regenerations', body).then(
    (accepted) => {
      dropPlan();
      say(accepted.started ? '已开始：' + accepted.total + ' 份文书排队生成。' : '这批文书已在处理中，未重复提交。');
      return watchBulk(accepted.bulkId);
    },
    (e: Problem) => {
      // A changed set needs a new dry run; anything else may be corrected and confirmed again.
      if (e.code === 'PLAN_CHANGED') dropPlan();
      else $<HTMLButtonElement>('bulk-start').disabled = false;
      fieldError(e.code === 'PLAN_CHANGED' ? 'bulk-error' : 'bulk-confirm-error', e);
    },
  );
}

function runState(p: Run): string {
  return p.cancelledAt ? '已取消' : p.finished ? '已完成' : '进行中';
}
function showProgress(p: Run): void {
  shownRun = p.bulkId;
  $('bulk-progress').hidden = false;
  $('bulk-progress').setAttribute('data-bulk-id', p.bulkId);
  $('bulk-run-title').textContent = '《' + p.typeName + '》批量重新生成 · ' + beijingMinute(p.createdAt) + ' · ' + p.requestedBy + ' · 原因：' + p.reason;
  $('bulk-bar-done').style.width = (100 * p.done) / p.total + '%';
  $('bulk-bar-failed').style.width = (100 * p.failed) / p.total + '%';
  $('bulk-counts').textContent =
    '已完成 ' +
    p.done +
    ' · 失败 ' +
    p.failed +
    ' · 等待 ' +
    p.waiting +
    (p.cancelled ? ' · 未执行 ' + p.cancelled : '') +
    '（共 ' +
    p.total +
    ' 件）· ' +
    runState(p);
  $('bulk-counts').setAttribute('data-finished', String(p.finished));
  $('bulk-cancel').hidden = p.finished;
  $('bulk-resume').hidden = !p.cancelledAt;
  $('bulk-report').hidden = p.failed === 0;
  const list = $('bulk-failures');
  list.textContent = '';
  p.failures.forEach((f) => {
    list.appendChild(el('li', {}, [f.caseId + '：' + (FAILURES[f.code] || '失败') + '。' + reasonOf(f.caseId, f.reason)]));
  });
}
function watchBulk(bulkId: string): Promise<unknown> {
  fieldError('bulk-run-error', null);
  return api<Run>('GET', '/regenerations/' + encodeURIComponent(bulkId)).then(
    (p): Promise<unknown> | undefined => {
      if (shownRun && shownRun !== bulkId) return; // another run was opened meanwhile
      showProgress(p);
      if (!p.finished) return wait(1500).then(() => watchBulk(bulkId));
      listRuns();
      // The open case may have been part of the run: show its new version.
      const caseId = shownCaseId();
      if (caseId) return openCase(caseId);
    },
    (e: Problem) => {
      fieldError('bulk-run-error', e);
    },
  );
}
export function runAction(action: 'cancel' | 'resume'): Promise<unknown> {
  const bulkId = shownRun!;
  fieldError('bulk-run-error', null);
  return api<Run>('POST', '/regenerations/' + encodeURIComponent(bulkId) + '/' + action).then(
    (p) => {
      showProgress(p);
      listRuns();
      if (!p.finished) return watchBulk(bulkId);
    },
    (e: Problem) => {
      fieldError('bulk-run-error', e);
    },
  );
}
export function downloadReport(): void {
  const bulkId = shownRun!;
  fieldError('bulk-run-error', null);
  fetch('/regenerations/' + encodeURIComponent(bulkId) + '/failures.csv', { headers: { Authorization: 'Bearer ' + token() } })
    .then((r) => {
      if (!r.ok) throw { code: 'HTTP_' + r.status } satisfies Problem;
      return r.blob();
    })
    .then((blob) => {
      const a = el('a', { href: URL.createObjectURL(blob), download: '批量重新生成失败清单-' + bulkId.slice(0, 8) + '.csv' });
      document.body.appendChild(a);
      a.click();
      a.remove();
    })
    .catch((e: Problem) => {
      fieldError('bulk-run-error', e);
    });
}
export function listRuns(): Promise<void> {
  return api<{ runs: Run[] }>('GET', '/regenerations').then(
    (found) => {
      const body = tbody('bulk-runs');
      body.textContent = '';
      found.runs.forEach((p) => {
        const open = el('button', { type: 'button', class: 'secondary', 'data-open-run': p.bulkId }, ['查看']);
        open.addEventListener('click', () => {
          shownRun = p.bulkId;
          watchBulk(p.bulkId);
        });
        body.appendChild(
          el('tr', { 'data-bulk-id': p.bulkId }, [
            el('td', {}, [beijingMinute(p.createdAt)]),
            el('td', {}, [p.requestedBy + (p.source === 'cli' ? '（命令行）' : '')]),
            el('td', {}, [p.typeName]),
            el('td', {}, [p.reason]),
            el('td', {}, [p.done + p.failed + '/' + p.total + (p.failed ? '（失败 ' + p.failed + '）' : '')]),
            el('td', {}, [runState(p)]),
            el('td', {}, [open]),
          ]),
        );
      });
      $('bulk-runs').hidden = found.runs.length === 0;
      $('bulk-runs-note').hidden = found.runs.length > 0;
    },
    (e: Problem) => {
      fieldError('bulk-run-error', e);
    },
  );
}
