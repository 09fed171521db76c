// The signature part of the upload check's answer (lambdas/api/signature-check.ts), in Chinese.
import type { SignatureCheck } from '../signature-check.js';
import { beijingTime } from '../../beijing-time.js';
import { html } from './html.js';
import type { Html } from './html.js';

export function signatureResult(check: SignatureCheck | null): Html | '' {
  if (!check) return '';
  if (!check.signed) {
    return html`<section class="card" data-signature="unsigned"><h2>数字签名</h2>
<p>您的文件不带数字签名，无法单凭文件本身证明它未被改动；请以上面的登记核对结果为准。</p></section>`;
  }
  const verdict = check.intact
    ? html`<div class="verdict ok"><span class="mark">✓</span><span>数字签名完整有效：文件自签名后未被改动</span></div>`
    : html`<div class="verdict bad"><span class="mark">✗</span><span>数字签名无效：文件在签名后被改动过，或签名已损坏</span></div>
<ul>${check.problems.map((p) => html`<li>${p}</li>`)}</ul>`;
  return html`<section class="card" data-signature="${check.intact ? 'intact' : 'broken'}"><h2>数字签名</h2>${verdict}
<dl class="facts">
${check.signer ? html`<dt>签名人证书</dt><dd data-field="signer">${check.signer}</dd>` : ''}
${check.issuer ? html`<dt>颁发者</dt><dd>${check.issuer}</dd>` : ''}
${check.signingTime ? html`<dt>签名时间</dt><dd data-field="signingTime">${beijingTime(check.signingTime)}</dd>` : ''}
${check.timestamp ? html`<dt>时间戳</dt><dd data-field="timestamp">${beijingTime(check.timestamp.time)}，由 ${check.timestamp.authority} 签发${check.timestamp.valid ? '，证明签名在此时间之前已存在' : '，时间戳无效'}</dd>` : ''}
</dl>
${check.demo ? html`<p class="notice">签名证书为演示样本（样本/demo）证书，不代表真实机关。</p>` : ''}</section>`;
}
