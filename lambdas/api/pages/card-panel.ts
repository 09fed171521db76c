// The staff console's card panel, for a 人才服务“绿卡” case: the card's standing (有效 / 已过期 /
// 已注销, validity in Beijing dates, who revoked it, when and why), a link to its verification
// page, and 注销 behind a dialog that asks for the reason. Its markup; its script is
// console/card.ts, which watches the versions table and asks GET /cases/<id>/card whenever the
// console shows a case; a case that is no card answers 409 and the panel stays hidden.
import { html } from './html.js';

export const CARD_PANEL = html`<section id="card-panel" hidden style="margin-top:16px;border-top:1px solid var(--line);padding-top:12px">
<h2>绿卡状态</h2>
<dl class="facts">
<dt>状态</dt><dd id="card-state"></dd>
<dt>有效期</dt><dd id="card-validity"></dd>
<dt>核验页</dt><dd><a id="card-verify" target="_blank" rel="noopener">打开核验页</a></dd>
</dl>
<p class="notice" id="card-revoked" hidden></p>
<p><button type="button" class="secondary" id="card-revoke">注销绿卡…</button> <span class="muted" id="card-status" role="status"></span></p>
<dialog id="card-revoke-dialog" style="max-width:32em;border:1px solid var(--line);border-radius:8px">
<form method="dialog" id="card-revoke-form">
<h3 style="margin-top:0">注销绿卡</h3>
<p>注销后，核验页将显示“已注销”，本卡不能再重新生成；此操作不能撤销。</p>
<label for="card-revoke-reason">注销原因（必填，记入案件记录，仅工作人员可见）</label>
<textarea id="card-revoke-reason" maxlength="1000" placeholder="如：持卡人已调离本市"></textarea>
<p class="field-error" id="card-revoke-error" role="alert" hidden></p>
<p><button type="submit" id="card-revoke-confirm" value="confirm">确认注销</button> <button type="button" class="secondary" id="card-revoke-cancel">取消</button></p>
</form>
</dialog>
</section>`;
