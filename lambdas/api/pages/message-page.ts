// Plain pages for browser routes that cannot answer with the document: refused links, unknown
// documents, bad requests. They say what happened and what to do, never why a link failed.
import { html } from './html.js';
import { page } from './layout.js';

export type MessageKind = 'link-refused' | 'not-found' | 'bad-request' | 'too-large' | 'server-error';

const MESSAGES: Record<MessageKind, { title: string; heading: string; text: string }> = {
  'link-refused': {
    title: '链接无效',
    heading: '无法下载该文件',
    text: '此下载链接无效或已过期。请联系发文机关重新获取下载链接。',
  },
  'not-found': { title: '未找到文件', heading: '未找到该文件', text: '系统中没有与此链接对应的文件。请核对链接或二维码是否完整。' },
  'bad-request': { title: '请求有误', heading: '请求内容有误', text: '请返回上一页，检查填写的内容后重试。' },
  'too-large': { title: '文件过大', heading: '文件过大', text: '上传的文件超过了允许的大小。请改为填写文件的 SHA-256 指纹。' },
  'server-error': { title: '暂时无法处理', heading: '系统暂时无法处理您的请求', text: '请稍后再试。如果问题持续，请联系发文机关。' },
};

export function messagePage(kind: MessageKind, detail?: string): string {
  const m = MESSAGES[kind];
  return page({
    title: m.title,
    body: html`<section class="card"><div class="verdict bad" data-message="${kind}"><span class="mark">!</span><span>${m.heading}</span></div>
<p>${m.text}</p>${detail ? html`<p class="muted">${detail}</p>` : ''}</section>`,
  });
}
