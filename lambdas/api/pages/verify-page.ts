// The verification page a QR code opens (GET /v/<docId>) and the answer to an uploaded copy
// (POST /v/<docId>). Chinese, readable on a phone, no external asset, no script: the file itself
// is sent so its text can be compared when its bytes match no version.
import type { BytesCheck, Verification, VersionMatch } from '../verification.js';
import { beijingTime } from '../../beijing-time.js';
import { chineseDate } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';
import { RECIPIENT_STYLE } from './landing-page.js';
import { cardStandingFacts } from './card-standing.js';
import { page } from './layout.js';
import { signatureResult } from './signature-result.js';

const TITLE = '公文真伪核验';
const CARD_TITLE = '人才服务“绿卡”核验';

/** A card's verdict says first whether the card may be used today; the version comes after. */
function cardVerdict(v: Verification): Html | undefined {
  const card = v.card;
  if (!card) return undefined;
  if (card.state === 'revoked') {
    return html`<div class="verdict bad" data-verdict="card-revoked"><span class="mark">✗</span><span>绿卡已注销，不再有效</span></div>
<p>本卡已于${chineseDate(card.revokedOn ?? '')}由发卡机关注销，持卡人不能再凭本卡享受优先服务。</p>`;
  }
  if (card.state === 'expired') {
    return html`<div class="verdict warn" data-verdict="card-expired"><span class="mark">!</span><span>绿卡真实，但已过期</span></div>
<p>本卡有效期至${chineseDate(card.validTo)}，已过期；持卡人可向发卡机关申请换发新卡。</p>`;
  }
  return v.status === 'CURRENT'
    ? html`<div class="verdict ok" data-verdict="card-valid"><span class="mark">✓</span><span>绿卡真实有效</span></div>
<p>有效期至${chineseDate(card.validTo)}。</p>`
    : undefined;
}

function verdict(v: Verification): Html {
  const card = cardVerdict(v);
  if (card) return card;
  if (v.status === 'CURRENT') {
    return html`<div class="verdict ok" data-verdict="current"><span class="mark">✓</span><span>文件真实，为现行有效版本</span></div>`;
  }
  return html`<div class="verdict warn" data-verdict="superseded"><span class="mark">!</span><span>文件真实，但已被新版本替换</span></div>
${v.current ? html`<p>现行版本：第${v.current.version}版（${v.current.documentNumber}），<a href="${v.current.verifyUrl}">查看现行版本</a>。</p>` : ''}`;
}

function statusBadge(v: Verification): Html {
  // A card's validity has its own row: its version is only 现行, which says nothing of validity.
  if (v.status === 'CURRENT' && v.card) return html`<span class="badge plain" data-status="CURRENT">现行版本</span>`;
  return v.status === 'CURRENT'
    ? html`<span class="badge current" data-status="CURRENT">现行有效</span>`
    : html`<span class="badge superseded" data-status="SUPERSEDED">已被替换</span>`;
}

function facts(v: Verification): Html {
  return html`<dl class="facts">
<dt>文书类型</dt><dd>${v.typeName}</dd>
<dt>发文字号</dt><dd data-field="documentNumber">${v.documentNumber}</dd>
<dt>发文机关</dt><dd>${v.issuer}</dd>
<dt>成文日期</dt><dd>${v.approvedOn ? chineseDate(v.approvedOn) : '—'}</dd>
<dt>受文者</dt><dd data-field="recipient">${v.recipientMasked || '—'}</dd>
<dt>版本</dt><dd>第${v.version}版</dd>
${v.card ? cardStandingFacts(v.card) : ''}
<dt>${v.card ? '版本状态' : '状态'}</dt><dd>${statusBadge(v)}</dd>
<dt>生成时间</dt><dd>${beijingTime(v.issuedAt)}</dd>
${v.supersededAt ? html`<dt>替换时间</dt><dd>${beijingTime(v.supersededAt)}</dd>` : ''}
<dt>SHA-256</dt><dd class="hash" data-field="sha256">${v.sha256}</dd>
</dl>`;
}

function demoNotice(v: Verification): Html | '' {
  return v.demo ? html`<p class="notice">本文件为演示样本（带“样本”水印），不具有效力。</p>` : '';
}

function checkForm(v: Verification, error?: string): Html {
  return html`<section class="card" id="check">
<h2>核对手中的文件</h2>
<p class="muted">选择您收到的 PDF 文件（或填写其 SHA-256 指纹），核对它是否为登记的原件、是哪一版。文件仅用于本次核对，不会保存。</p>
${error ? html`<p class="notice" role="alert" data-error="true">${error}</p>` : ''}
<form method="post" action="/v/${encodeURIComponent(v.docId)}#check" enctype="multipart/form-data" id="check-form">
<label for="file">PDF 文件</label>
<input type="file" id="file" name="file" accept="application/pdf,.pdf">
<label for="sha256">或填写文件的 SHA-256</label>
<input type="text" id="sha256" name="sha256" autocomplete="off" spellcheck="false" placeholder="64 位十六进制">
<p><button type="submit">核对</button></p>
</form>
</section>`;
}

/** The page of a docId; `error` explains a check that could not be made (empty submit, bad hash). */
export function verifyPage(v: Verification, error?: string): string {
  return page({
    title: v.card ? CARD_TITLE : TITLE,
    subtitle: v.card ? '扫描绿卡二维码所见的核验结果' : '扫描公文二维码所见的核验结果',
    body: html`${RECIPIENT_STYLE}<section class="card">${verdict(v)}</section>
${demoNotice(v)}
<section class="card"><h2>登记信息</h2>${facts(v)}</section>
${checkForm(v, error)}`,
  });
}

function versionLink(m: VersionMatch): Html {
  return html`<a href="${m.verifyUrl}">第${m.version}版</a>`;
}

function checkResult(check: BytesCheck): Html {
  const { exact, sameText } = check;
  if (exact?.status === 'CURRENT') {
    return html`<div class="verdict ok" data-outcome="exact-current"><span class="mark">✓</span><span>是登记的原件：第${exact.version}版，现行有效</span></div>
<p>您的文件与${versionLink(exact)}逐字节完全一致。</p>`;
  }
  if (exact) {
    return html`<div class="verdict warn" data-outcome="exact-superseded"><span class="mark">!</span><span>是登记的原件，但第${exact.version}版已被替换</span></div>
<p>您的文件与${versionLink(exact)}逐字节完全一致，但该版本已不再有效。${check.currentVersion ? html`现行版本为第${check.currentVersion}版，请以现行版本为准。` : ''}</p>`;
  }
  if (sameText) {
    return html`<div class="verdict warn" data-outcome="same-text"><span class="mark">!</span><span>内容看起来相同，但不是登记的文件</span></div>
<p>您的文件与所有已发版本的字节都不一致；它的文字内容与${versionLink(sameText)}${sameText.status === 'CURRENT' ? '（现行有效）' : '（已被替换）'}相同，可能经过其他 PDF 工具另存或转换。另存后的文件无法证明未被改动，请以发文机关提供的原件为准。</p>`;
  }
  return html`<div class="verdict bad" data-outcome="different"><span class="mark">✗</span><span>与登记的所有版本都不一致</span></div>
<p>您的文件与本公文所有已发版本的字节都不一致${check.textCompared ? '，文字内容也不同' : ''}。它不是登记的原件，或已被修改。请以发文机关提供的文件为准。</p>
${check.textCompared ? '' : html`<p class="muted">如需比对文字内容，请选择 PDF 文件本身核对（仅填写指纹时无法比对文字）。</p>`}`;
}

export function bytesCheckPage(check: BytesCheck): string {
  const v = check.verification;
  return page({
    title: TITLE,
    subtitle: '文件内容核对结果',
    body: html`${RECIPIENT_STYLE}<section class="card" id="result">${checkResult(check)}<p class="muted">您的文件的 SHA-256：<span class="hash" data-field="uploaded-sha256">${check.sha256}</span></p></section>
${signatureResult(check.signature)}
<section class="card"><h2>本页登记信息</h2>${verdict(v)}${facts(v)}</section>
${checkForm(v)}`,
  });
}
