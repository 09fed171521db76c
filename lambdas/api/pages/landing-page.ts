// The page a recipient's link opens (GET /d/<docId>?t=…), and the page of an expired link.
// Chinese, phone first (390 px), no script: it must work inside WeChat's and other apps' own
// browsers, which often cannot save a download a page starts by itself — so the PDF is a
// separate button whose response is an attachment.
import type { Landing } from '../recipient-download.js';
import { beijingTime } from '../../beijing-time.js';
import { chineseDate } from './format.js';
import { html, raw } from './html.js';
import type { Html } from './html.js';
import { cardStandingFacts } from './card-standing.js';
import { page } from './layout.js';

/** Styles the recipient pages add to the shell: a full-width button, long hashes that wrap. */
export const RECIPIENT_STYLE = raw(`<style>
a.button{display:block;text-align:center;padding:12px 16px;border-radius:6px;background:var(--red);color:#fff;text-decoration:none;font-size:17px;font-weight:600}
a.button.secondary{background:#fff;color:var(--ink);border:1px solid var(--line);font-weight:normal}
.hash{overflow-wrap:anywhere;word-break:break-all}
.stack>*+*{margin-top:12px}
</style>`);

/** A card that is revoked or expired says so first: its holder can no longer use it. */
function cardNotice(l: Landing): Html | '' {
  const card = l.card;
  if (!card || card.state === 'valid') return '';
  return card.state === 'revoked'
    ? html`<section class="card" data-card-notice="revoked"><div class="verdict bad"><span class="mark">✗</span><span>您的绿卡已于${chineseDate(card.revokedOn ?? '')}注销</span></div>
<p>注销后不能再凭本卡享受优先服务；如有疑问，请联系发卡机关。</p></section>`
    : html`<section class="card" data-card-notice="expired"><div class="verdict warn"><span class="mark">!</span><span>您的绿卡已于${chineseDate(card.validTo)}到期</span></div>
<p>请向发卡机关申请换发新卡。</p></section>`;
}

function replacedNotice(l: Landing): Html | '' {
  if (!l.replaced) return '';
  return html`<section class="card" data-replaced="true">
<div class="verdict warn"><span class="mark">!</span><span>此链接对应的第${l.linkVersion}版已被替换</span></div>
<p>该文书已于 ${beijingTime(l.replaced.at)} 由第${l.replaced.byVersion}版替换${l.replaced.reason ? html`，替换原因：<strong data-field="reason">${l.replaced.reason}</strong>` : ''}。请以现行版本为准，下方按钮下载的是现行版本。</p>
</section>`;
}

export function landingPage(l: Landing): string {
  const current = l.current;
  return page({
    title: '您的公文',
    subtitle: l.issuer,
    body: html`${RECIPIENT_STYLE}
${cardNotice(l)}
${replacedNotice(l)}
<section class="card stack">
<h2 data-field="title">${l.typeName}</h2>
<dl class="facts">
<dt>发文字号</dt><dd data-field="documentNumber">${l.documentNumber}</dd>
<dt>成文日期</dt><dd data-field="approvedOn">${l.approvedOn ? chineseDate(l.approvedOn) : '—'}</dd>
<dt>受文者</dt><dd data-field="recipient">${l.recipientMasked || '—'}</dd>
${l.card ? cardStandingFacts(l.card) : ''}
<dt>${l.card ? '版本状态' : '状态'}</dt><dd>${current ? html`${l.card ? html`<span class="badge plain" data-status="CURRENT">现行版本</span>` : html`<span class="badge current" data-status="CURRENT">现行有效</span>`} 第${current.version}版（${beijingTime(current.issuedAt)}生成）` : html`<span class="badge plain" data-status="NONE">暂无现行版本</span>`}</dd>
</dl>
${current ? html`<a class="button" id="download" href="${current.downloadPath}" data-version="${current.version}">下载现行版本（PDF）</a>` : html`<p class="notice">该文书暂无可下载的现行版本，请联系发文机关。</p>`}
${current ? html`<a class="button secondary" href="${current.verifyUrl}">核验真伪</a>` : ''}
</section>
${l.demo ? html`<p class="notice">本文件为演示样本（带“样本”水印），不具有效力。</p>` : ''}
<section class="card">
<p class="muted" data-field="expires">此链接有效期至 ${beijingTime(l.linkExpiresAt)}，过期后请联系发文机关重新发送。</p>
<p class="muted">如在微信等应用内无法下载，请点击右上角“…”，选择“在浏览器中打开”后再下载。</p>
</section>`,
  });
}

export function linkExpiredPage(expiredAt: Date): string {
  return page({
    title: '链接已过期',
    body: html`<section class="card"><div class="verdict warn" data-message="link-expired"><span class="mark">!</span><span>此链接已过期</span></div>
<p>此链接已于 <strong data-field="expiredAt">${beijingTime(expiredAt.toISOString())}</strong> 过期，无法再打开文书。</p>
<p>请联系发文机关（为您办理此事项的工作人员），请其重新发送链接；新链接会指向该文书的现行版本。</p></section>`,
  });
}
