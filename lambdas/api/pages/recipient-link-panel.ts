// The staff console's recipient-link panel: under the open case's versions, the link of its
// CURRENT document with its expiry (Beijing time), a copy button, a QR code to show or print,
// and "send" through the configured channels. Its markup, so the console gains it with one
// insertion; its script is console/recipient-link.ts, which watches the versions table and
// refreshes whenever the console shows a case (or a new version of it).
import { html } from './html.js';

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
