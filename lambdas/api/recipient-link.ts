// Staff giving a recipient their link: the link of the case's CURRENT document with its expiry
// and a QR code of it, and sending it through the recipient notifier. Every send — and every
// failed attempt — goes into the case's audit trail with the address masked.
import QRCode from 'qrcode';
import * as z from 'zod';
import { docTypeName } from '../catalogue/index.js';
import { ADDRESS, CHANNEL_NAMES, CHANNELS, SendFailedError, maskAddress } from '../notify/recipient-notifier.js';
import type { Channel } from '../notify/recipient-notifier.js';
import type { VersionRecord } from '../stores/versions-table.js';
import { recordSend } from './audit.js';
import { caseDetail } from './case-view.js';
import type { ApiDeps } from './deps.js';
import { downloadLink } from './download-grant.js';
import { ApiError } from './http.js';
import type { Identity } from './identity.js';
import { beijingTime } from '../beijing-time.js';

export interface RecipientLinkView {
  docId: string;
  version: number;
  documentNumber: string;
  link: string;
  expiresAt: string;
  /** The expiry as people read it: 2026-12-25 09:30（北京时间）. */
  expiresAtText: string;
  /** An SVG QR code of the link, as a data: URL an <img> shows. */
  qr: string;
  /** The channels this deployment can send through. */
  channels: { id: Channel; name: string }[];
}

async function currentOf(deps: ApiDeps, caseId: string, docType: string | undefined): Promise<VersionRecord> {
  const stored = await deps.cases.getCase(caseId);
  if (!stored) throw new ApiError(404, 'CASE_NOT_FOUND', `案件 ${caseId} 不存在，请核对案件编号`);
  const type = docType ?? caseDetail(stored).docType;
  const current = type ? await deps.versions.currentVersion(caseId, type) : undefined;
  if (!current) throw new ApiError(409, 'NOT_ISSUED', `案件 ${caseId} 还没有现行有效的文书，发文后才有受文者链接`);
  return current;
}

function linkOf(deps: ApiDeps, record: VersionRecord): { link: string; expiresAt: string } {
  const expires = new Date(deps.now().getTime() + deps.linkTtlDays * 86_400_000);
  return { link: downloadLink(deps.publicBaseUrl, record.docId, expires, deps.linkSecret), expiresAt: expires.toISOString() };
}

export async function recipientLink(deps: ApiDeps, caseId: string, docType: string | undefined): Promise<RecipientLinkView> {
  const current = await currentOf(deps, caseId, docType);
  const { link, expiresAt } = linkOf(deps, current);
  const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return {
    docId: current.docId,
    version: current.version,
    documentNumber: current.documentNumber,
    link,
    expiresAt,
    expiresAtText: beijingTime(expiresAt),
    qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    channels: deps.recipientNotifier.channels.map((id) => ({ id, name: CHANNEL_NAMES[id] })),
  };
}

export const SendBody = z.strictObject({
  channel: z.enum(CHANNELS, { error: '发送方式应为 sms（短信）、email（电子邮件）或 wechat（微信）' }),
  to: z.string().min(1, '请填写接收地址').max(254),
  docType: z.string().optional(),
});
export type SendBody = z.infer<typeof SendBody>;

export interface SendResult {
  channel: Channel;
  to: string;
  version: number;
  expiresAt: string;
  expiresAtText: string;
  via: string;
}

export async function sendRecipientLink(deps: ApiDeps, caseId: string, body: SendBody, who: Identity): Promise<SendResult> {
  const address = ADDRESS[body.channel].safeParse(body.to);
  if (!address.success)
    throw new ApiError(400, 'INVALID_ADDRESS', `${CHANNEL_NAMES[body.channel]}：${address.error.issues[0]?.message ?? '接收地址格式不正确'}`);
  if (!deps.recipientNotifier.channels.includes(body.channel)) {
    throw new ApiError(503, 'CHANNEL_NOT_CONFIGURED', `本系统未配置${CHANNEL_NAMES[body.channel]}发送渠道，请改用其他方式，或联系管理员配置`);
  }
  const current = await currentOf(deps, caseId, body.docType);
  const stored = await deps.cases.getCase(caseId);
  const detail = stored ? caseDetail(stored) : undefined;
  const { link, expiresAt } = linkOf(deps, current);
  const typeName = docTypeName(current.docType, '公文');
  const text = `${detail?.recipientMasked ? `${detail.recipientMasked}：` : ''}您的《${typeName}》（${current.documentNumber}）已印发，请于${beijingTime(expiresAt)}前打开链接查看、下载：${link}（${deps.issuerName}）`;
  const to = address.data;
  const toMasked = maskAddress(body.channel, to);
  try {
    const receipt = await deps.recipientNotifier.send({ channel: body.channel, to, text, link, expiresAt, caseId, docId: current.docId });
    await recordSend(deps, current, { by: who.name, channel: body.channel, toMasked, outcome: 'sent', detail: receipt.via });
    deps.log.info('recipient link sent', { caseId, docId: current.docId, channel: body.channel, to: toMasked, via: receipt.via, by: who.name });
    return { channel: body.channel, to: toMasked, version: current.version, expiresAt, expiresAtText: beijingTime(expiresAt), via: receipt.via };
  } catch (error) {
    if (!(error instanceof SendFailedError)) throw error;
    await recordSend(deps, current, { by: who.name, channel: body.channel, toMasked, outcome: 'failed', detail: error.message });
    deps.log.warn('recipient link not sent', { caseId, docId: current.docId, channel: body.channel, to: toMasked, error: error.message });
    throw new ApiError(502, 'SEND_FAILED', `${CHANNEL_NAMES[body.channel]}未发出：${error.message}。请稍后重试；已记入案件记录`);
  }
}
