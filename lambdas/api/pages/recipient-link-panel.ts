// The staff console's recipient-link panel: under the open case's versions, the link of its
// CURRENT document with its expiry (Beijing time), a copy button, a QR code to show or print,
// and "send" through the configured channels. Its own markup and script, so the console gains it
// with one insertion; the script watches the versions table and refreshes whenever the console
// shows a case (or a new version of it). Plain ES2017, DOM built with textContent.
import { html } from './html.js';
import { STAFF_CALL } from './staff-call.js';

export const RECIPIENT_LINK_PANEL = html`<section id="recipient-link" hidden style="margin-top:16px;border-top:1px solid var(--line);padding-top:12px">
<h2>受文者链接</h2>
<p class="muted">发给受文者：打开后可查看文书信息并下载现行版本；文书日后如被替换，同一链接会说明并指向新版本。有效期至 <strong id="rl-expires"></strong>。</p>
<div class="row"><div><label for="rl-link">链接</label><input type="text" id="rl-link" readonly></div><button type="button" class="secondary" id="rl-copy">复制链接</button></div>
<p class="muted" id="rl-copied" role="status"></p>
<p><img id="rl-qr" alt="受文者链接的二维码" width="168" height="168" style="border:1px solid var(--line);background:#fff"></p>
<form id="rl-send-form" class="row">
<div><label for="rl-channel">发送方式</label><select id="rl-channel"></select></div>
<div><label for="rl-to" id="rl-to-label">接收地址</label><input type="text" id="rl-to" maxlength="254" autocomplete="off"></div>
<button type="submit" id="rl-send">发送链接</button>
</form>
<p id="rl-status" role="status"></p>
</section>`;

export const RECIPIENT_LINK_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var panel = $('recipient-link'); if (!panel) return;
  var HINTS = { sms: '手机号码（11 位）', email: '电子邮件地址', wechat: '微信 OpenID' };
  var caseId = null, timer = null;
${STAFF_CALL}
  function status(text, isError) {
    $('rl-status').textContent = text;
    $('rl-status').className = isError ? 'notice' : 'muted';
    $('rl-status').setAttribute('data-error', String(!!isError));
  }
  function show(view) {
    panel.hidden = false;
    panel.setAttribute('data-doc-id', view.docId);
    $('rl-link').value = view.link;
    $('rl-expires').textContent = view.expiresAtText;
    $('rl-qr').src = view.qr;
    $('rl-copied').textContent = '';
    var select = $('rl-channel'); select.textContent = '';
    view.channels.forEach(function (c) {
      var o = document.createElement('option'); o.value = c.id; o.textContent = c.name; select.appendChild(o);
    });
    var none = view.channels.length === 0;
    $('rl-send-form').hidden = none;
    status(none ? '本系统尚未配置短信、邮件或微信发送渠道：请复制链接或出示二维码交给受文者。' : '', false);
    hint();
  }
  function hint() { $('rl-to-label').textContent = '接收地址：' + (HINTS[$('rl-channel').value] || ''); }
  function refresh() {
    var shown = !$('case').hidden && $('case-id').textContent;
    if (!shown) { panel.hidden = true; return; }
    caseId = shown;
    call('GET', '/cases/' + encodeURIComponent(caseId) + '/recipient-link').then(function (view) {
      if (caseId === shown) show(view);
    }, function (e) {
      panel.hidden = e.status === 409 || e.status === 404;
      if (!panel.hidden) status(e.message, true);
    });
  }
  new MutationObserver(function () { clearTimeout(timer); timer = setTimeout(refresh, 50); })
    .observe($('versions').querySelector('tbody'), { childList: true });
  $('rl-channel').addEventListener('change', hint);
  $('rl-copy').addEventListener('click', function () {
    var input = $('rl-link');
    var done = function () { $('rl-copied').textContent = '已复制，可粘贴到短信、邮件或聊天中。'; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { input.select(); document.execCommand('copy'); done(); });
    } else { input.select(); document.execCommand('copy'); done(); }
  });
  $('rl-send-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var to = $('rl-to').value.trim();
    if (!to) { status('请填写' + (HINTS[$('rl-channel').value] || '接收地址') + '。', true); $('rl-to').focus(); return; }
    $('rl-send').disabled = true;
    status('正在发送……', false);
    call('POST', '/cases/' + encodeURIComponent(caseId) + '/recipient-link/send', { channel: $('rl-channel').value, to: to })
      .then(function (r) {
        $('rl-to').value = '';
        status('已发送至 ' + r.to + '（第' + r.version + '版，链接有效期至 ' + r.expiresAtText + '），已记入案件记录。', false);
      }, function (err) { status(err.message, true); })
      .then(function () { $('rl-send').disabled = false; });
  });
})();
`;
