// Regenerating an issued case: preview first (the would-be version beside the current one), then
// confirm; then watch until the worker has made it.
import { api } from './api.js';
import { beijingMinute } from '../../../beijing-time.js';
import { onCaseShown, renderCase, shownCase, shownCaseId, watchCase } from './cases.js';
import { $, el, tbody } from './dom.js';
import { showPdf } from './pdf-page.js';
import { type Problem, fieldError } from './problems.js';

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

/** The regeneration preview on screen, if any: only it may be confirmed. */
let preview: { caseId: string; caseUpdatedAt?: string | undefined } | null = null;

// Another case on screen: its preview, if any, is no longer the one to confirm.
onCaseShown((caseId) => {
  if (!preview || preview.caseId !== caseId) dropPreview();
});

/** Watches until the worker has recorded the request's version, or the case failed after it. */
function watchRequest(caseId: string, requestId: string, since: string): Promise<void> {
  return watchCase(caseId, 'regenerate-status', (data) => {
    const made = data.versions.filter((v) => v.requestId === requestId)[0];
    const failure = data.case.failure;
    if (made) {
      renderCase(data);
      $('regenerate-status').textContent = '第' + made.version + '版已生成。';
      return true;
    }
    if (failure && failure.at >= since) {
      renderCase(data);
      $('regenerate-status').textContent = '未能生成新版本，见上方原因；当前文书仍然有效。';
      return true;
    }
    return false;
  });
}

/** Commits the previewed regeneration; the server refuses it if the case changed since the preview. */
export function regenerate(reason: string): Promise<void> | undefined {
  const caseId = shownCase()!.caseId,
    since = new Date().toISOString(),
    seen = preview;
  if (!seen || seen.caseId !== caseId) return;
  $<HTMLButtonElement>('regenerate').disabled = true;
  $<HTMLButtonElement>('regenerate-confirm').disabled = true;
  $('regenerate-status').textContent = '已提交，等待生成……';
  fieldError('regenerate-error', null);
  const body: { reason: string; docType: string; previewedCaseAt?: string } = { reason, docType: shownCase()!.docType };
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
  const caseId = shownCase()!.caseId;
  dropPreview();
  fieldError('regenerate-error', null);
  $<HTMLButtonElement>('regenerate').disabled = true;
  $('regenerate-status').textContent = '正在生成预览……';
  return api<RegenerationPreview>('POST', '/cases/' + encodeURIComponent(caseId) + '/regenerate/preview', { docType: shownCase()!.docType })
    .then(
      (p) => {
        if (shownCaseId() !== caseId) return;
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
