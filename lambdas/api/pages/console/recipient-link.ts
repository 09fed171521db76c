// The recipient-link panel under an open case (markup: ../recipient-link-panel.ts): the CURRENT
// document's link with its expiry, copy, QR code, and "send" through the configured channels.
import { $ } from './dom.js';
import { type CallError, call, followShownCase } from './staff-call.js';

interface RecipientLinkView {
  docId: string;
  link: string;
  expiresAtText: string;
  qr: string;
  channels: { id: string; name: string }[];
}

const panel = $('recipient-link');
const HINTS: Record<string, string> = { sms: '手机号码（11 位）', email: '电子邮件地址', wechat: '微信 OpenID' };

function status(text: string, isError: boolean): void {
  const box = $('rl-status');
  box.textContent = text;
  box.className = isError ? 'notice' : 'muted';
  box.setAttribute('data-error', String(!!isError));
}
function channel(): string {
  return $<HTMLSelectElement>('rl-channel').value;
}
function hint(): void {
  $('rl-to-label').textContent = '接收地址：' + (HINTS[channel()] || '');
}
function show(view: RecipientLinkView): void {
  panel.hidden = false;
  panel.setAttribute('data-doc-id', view.docId);
  $<HTMLInputElement>('rl-link').value = view.link;
  $('rl-expires').textContent = view.expiresAtText;
  $<HTMLImageElement>('rl-qr').src = view.qr;
  $('rl-copied').textContent = '';
  const select = $('rl-channel');
  select.textContent = '';
  view.channels.forEach((c) => {
    const o = document.createElement('option');
    o.value = c.id;
    o.textContent = c.name;
    select.appendChild(o);
  });
  const none = view.channels.length === 0;
  $('rl-send-form').hidden = none;
  status(none ? '本系统尚未配置短信、邮件或微信发送渠道：请复制链接或出示二维码交给受文者。' : '', false);
  hint();
}
if (panel) {
  const caseId = followShownCase<RecipientLinkView>(panel, 'recipient-link', show, (e) => {
    status(e.message, true);
  });
  $('rl-channel').addEventListener('change', hint);
  $('rl-copy').addEventListener('click', () => {
    const input = $<HTMLInputElement>('rl-link');
    const done = () => {
      $('rl-copied').textContent = '已复制，可粘贴到短信、邮件或聊天中。';
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, () => {
        input.select();
        document.execCommand('copy');
        done();
      });
    } else {
      input.select();
      document.execCommand('copy');
      done();
    }
  });
  $('rl-send-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const to = $<HTMLInputElement>('rl-to').value.trim();
    if (!to) {
      status('请填写' + (HINTS[channel()] || '接收地址') + '。', true);
      $('rl-to').focus();
      return;
    }
    $<HTMLButtonElement>('rl-send').disabled = true;
    status('正在发送……', false);
    call<{ to: string; version: number; expiresAtText: string }>('POST', '/cases/' + encodeURIComponent(caseId()!) + '/recipient-link/send', {
      channel: channel(),
      to,
    })
      .then(
        (r) => {
          $<HTMLInputElement>('rl-to').value = '';
          status('已发送至 ' + r.to + '（第' + r.version + '版，链接有效期至 ' + r.expiresAtText + '），已记入案件记录。', false);
        },
        (err: CallError) => {
          status(err.message, true);
        },
      )
      .then(() => {
        $<HTMLButtonElement>('rl-send').disabled = false;
      });
  });
}
