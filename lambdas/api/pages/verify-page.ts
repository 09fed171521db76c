// The verification page a QR code opens (GET /v/<docId>) and the answer to an uploaded copy
// (POST /v/<docId>). Chinese, readable on a phone, no external asset.
import type { BytesCheck, Verification } from '../verification.js';
import { beijingTime, chineseDate } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';
import { page } from './layout.js';

const TITLE = '公文真伪核验';

function verdict(v: Verification): Html {
  if (v.status === 'CURRENT') {
    return html`<div class="verdict ok" data-verdict="current"><span class="mark">✓</span><span>文件真实，为现行有效版本</span></div>`;
  }
  return html`<div class="verdict warn" data-verdict="superseded"><span class="mark">!</span><span>文件真实，但已被新版本替换</span></div>
${v.current ? html`<p>现行版本：第${v.current.version}版（${v.current.documentNumber}），<a href="${v.current.verifyUrl}">查看现行版本</a>。</p>` : ''}`;
}

function statusBadge(v: Verification): Html {
  return v.status === 'CURRENT'
    ? html`<span class="badge current" data-status="CURRENT">现行有效 CURRENT</span>`
    : html`<span class="badge superseded" data-status="SUPERSEDED">已被替换 SUPERSEDED</span>`;
}

function facts(v: Verification): Html {
  return html`<dl class="facts">
<dt>文书类型</dt><dd>${v.typeName}</dd>
<dt>发文字号</dt><dd data-field="documentNumber">${v.documentNumber}</dd>
<dt>发文机关</dt><dd>${v.issuer}</dd>
<dt>成文日期</dt><dd>${v.approvedOn ? chineseDate(v.approvedOn) : '—'}</dd>
<dt>受文者</dt><dd data-field="recipient">${v.recipientMasked || '—'}</dd>
<dt>版本</dt><dd>第${v.version}版</dd>
<dt>状态</dt><dd>${statusBadge(v)}</dd>
<dt>生成时间</dt><dd>${beijingTime(v.issuedAt)}</dd>
${v.supersededAt ? html`<dt>替换时间</dt><dd>${beijingTime(v.supersededAt)}</dd>` : ''}
<dt>SHA-256</dt><dd class="hash" data-field="sha256">${v.sha256}</dd>
</dl>`;
}

function demoNotice(v: Verification): Html | '' {
  return v.demo ? html`<p class="notice">本文件为演示样本（带“样本”水印），不具有效力。</p>` : '';
}

function checkForm(v: Verification): Html {
  return html`<section class="card">
<h2>核对手中的文件</h2>
<p class="muted">选择您收到的 PDF 文件，核对其内容是否与登记的完全一致。支持该功能的浏览器在本机计算指纹，文件不会上传。</p>
<form method="post" action="/v/${encodeURIComponent(v.docId)}" enctype="multipart/form-data" id="check-form">
<label for="file">PDF 文件</label>
<input type="file" id="file" name="file" accept="application/pdf,.pdf">
<label for="sha256">或填写文件的 SHA-256</label>
<input type="text" id="sha256" name="sha256" autocomplete="off" spellcheck="false" placeholder="64 位十六进制">
<p><button type="submit">核对</button></p>
</form>
</section>`;
}

/** Hashes the chosen file in the browser where it can (secure contexts), so only the hash is sent. */
export const VERIFY_SCRIPT = `
(function(){
  var form=document.getElementById('check-form'); if(!form) return;
  form.addEventListener('submit',function(e){
    var file=form.file.files&&form.file.files[0];
    if(!file||!(window.crypto&&crypto.subtle)) return;
    e.preventDefault();
    file.arrayBuffer().then(function(buf){return crypto.subtle.digest('SHA-256',buf);}).then(function(d){
      form.sha256.value=Array.from(new Uint8Array(d)).map(function(b){return b.toString(16).padStart(2,'0');}).join('');
      form.file.value='';
      form.submit();
    });
  });
})();
`;

export function verifyPage(v: Verification, nonce: string): string {
  return page({
    title: TITLE,
    subtitle: '扫描公文二维码所见的核验结果',
    body: html`<section class="card">${verdict(v)}</section>
${demoNotice(v)}
<section class="card"><h2>登记信息</h2>${facts(v)}</section>
${checkForm(v)}`,
    script: { nonce, source: VERIFY_SCRIPT },
  });
}

export function bytesCheckPage(check: BytesCheck, nonce: string): string {
  const v = check.verification;
  const result = check.match
    ? html`<div class="verdict ok" data-match="true"><span class="mark">✓</span><span>文件内容与登记完全一致</span></div>`
    : html`<div class="verdict bad" data-match="false"><span class="mark">✗</span><span>文件内容与登记不一致</span></div>
<p>该文件不是登记的原件，或已被修改。请以发文机关提供的文件为准。</p>`;
  return page({
    title: TITLE,
    subtitle: '文件内容核对结果',
    body: html`<section class="card">${result}<p class="muted">您的文件：<span class="hash">${check.sha256}</span></p></section>
<section class="card"><h2>登记信息</h2>${verdict(v)}${facts(v)}</section>
${checkForm(v)}`,
    script: { nonce, source: VERIFY_SCRIPT },
  });
}
