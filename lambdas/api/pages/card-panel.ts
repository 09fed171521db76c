// The staff console's card panel, for a 人才服务“绿卡” case: the card's standing (有效 / 已过期 /
// 已注销, validity in Beijing dates, who revoked it, when and why), a link to its verification
// page, and 注销 behind a dialog that asks for the reason. Its own markup and script, like the
// recipient-link panel: the script watches the versions table and asks GET /cases/<id>/card
// whenever the console shows a case; a case that is no card answers 409 and the panel stays hidden.
import { html } from './html.js';
import { STAFF_CALL } from './staff-call.js';

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

export const CARD_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var panel = $('card-panel'); if (!panel) return;
  var CLASSES = { valid: 'current', expired: 'superseded', revoked: 'failed' };
  var caseId = null, timer = null;
${STAFF_CALL}
  function cnDate(iso) { var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || ''); return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : (iso || ''); }
  function time(iso) {
    var d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
    return isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
  }
  function show(card) {
    panel.hidden = false;
    panel.setAttribute('data-card-state', card.state);
    var state = $('card-state'); state.textContent = '';
    var badge = document.createElement('span');
    badge.className = 'badge ' + (CLASSES[card.state] || 'plain');
    badge.setAttribute('data-card-state', card.state);
    badge.textContent = card.stateName;
    state.appendChild(badge);
    $('card-validity').textContent = cnDate(card.validFrom) + '至' + cnDate(card.validTo);
    $('card-verify').href = card.verifyUrl;
    $('card-revoked').hidden = !card.revokedAt;
    $('card-revoked').textContent = card.revokedAt ? '已于 ' + time(card.revokedAt) + '（北京时间）由 ' + card.revokedBy + ' 注销。原因：' + card.revokedReason : '';
    $('card-revoke').hidden = !!card.revokedAt;
  }
  function refresh() {
    var shown = !$('case').hidden && $('case-id').textContent;
    if (!shown) { panel.hidden = true; return; }
    caseId = shown;
    call('GET', '/cases/' + encodeURIComponent(caseId) + '/card').then(function (card) {
      if (caseId === shown) show(card);
    }, function (e) {
      panel.hidden = e.status === 409 || e.status === 404;
      if (!panel.hidden) $('card-status').textContent = e.messageZh || e.message;
    });
  }
  function dialogError(text) { $('card-revoke-error').textContent = text || ''; $('card-revoke-error').hidden = !text; }
  new MutationObserver(function () { clearTimeout(timer); timer = setTimeout(refresh, 50); })
    .observe($('versions').querySelector('tbody'), { childList: true });
  $('card-revoke').addEventListener('click', function () {
    $('card-revoke-reason').value = ''; dialogError('');
    $('card-revoke-dialog').showModal();
    $('card-revoke-reason').focus();
  });
  $('card-revoke-cancel').addEventListener('click', function () { $('card-revoke-dialog').close(); });
  $('card-revoke-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var reason = $('card-revoke-reason').value.trim();
    if (!reason) { dialogError('请填写注销原因。'); $('card-revoke-reason').focus(); return; }
    $('card-revoke-confirm').disabled = true;
    call('POST', '/cases/' + encodeURIComponent(caseId) + '/card/revoke', { reason: reason }).then(function (card) {
      $('card-revoke-dialog').close();
      show(card);
      $('card-status').textContent = card.revokedNow ? '已注销。' : '该卡此前已注销，保留原注销时间和原因。';
    }, function (err) { dialogError(err.messageZh || err.message); })
      .then(function () { $('card-revoke-confirm').disabled = false; });
  });
})();
`;
