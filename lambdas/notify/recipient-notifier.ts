// Sending a recipient the link to their document: one interface, one adapter per way out.
//  - an SNS topic per channel (SMS, e-mail, WeChat): the office's gateway subscribes and delivers;
//  - or one webhook for every channel without a topic (an office's existing message service);
//  - or, locally, an outbox folder: the message is written to the log and to a file to read.
// A channel with none of these configured is not offered. Configuration is read with zod once.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { ConfigError, NoticeError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';
import { publishJson } from '../pipeline/notify.js';

export const CHANNELS = ['sms', 'email', 'wechat'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_NAMES: Record<Channel, string> = { sms: '短信', email: '电子邮件', wechat: '微信' };

/** What each channel delivers to, checked before anything is sent. */
export const ADDRESS: Record<Channel, z.ZodType<string>> = {
  sms: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '手机号码应为 11 位数字，以 1 开头'),
  email: z.string().trim().max(254).pipe(z.email('电子邮件地址格式不正确')),
  wechat: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{6,64}$/, '微信 OpenID 应为 6–64 位字母、数字、“_”或“-”'),
};

/** An address as logs and the audit trail keep it: enough to recognise, not to reuse. */
export function maskAddress(channel: Channel, to: string): string {
  if (channel === 'sms') return `${to.slice(0, 3)}****${to.slice(-4)}`;
  if (channel === 'email') {
    const [user = '', domain = ''] = to.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  return `${to.slice(0, 4)}***`;
}

interface RecipientMessage {
  channel: Channel;
  to: string;
  /** The text the recipient reads (Chinese), the link included. */
  text: string;
  link: string;
  expiresAt: string;
  caseId: string;
  docId: string;
}

interface SendReceipt {
  /** Which way it went: `sns`, `webhook` or `outbox`. */
  via: 'sns' | 'webhook' | 'outbox';
  /** The SNS message id, the webhook's answer status or the outbox file. */
  reference: string;
}

export interface RecipientNotifier {
  /** The channels configured here, in CHANNELS order. */
  readonly channels: readonly Channel[];
  send(message: RecipientMessage): Promise<SendReceipt>;
}

/** Sending failed after the channel was chosen: the gateway refused or did not answer. */
export class SendFailedError extends NoticeError {
  readonly code = 'SEND_FAILED';
}

const SnsArn = z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'an SNS topic ARN');

const NotifyEnv = z.object({
  NOTICE_SEND_SMS_TOPIC_ARN: SnsArn.optional(),
  NOTICE_SEND_EMAIL_TOPIC_ARN: SnsArn.optional(),
  NOTICE_SEND_WECHAT_TOPIC_ARN: SnsArn.optional(),
  /** https (or http to this machine, for tests): receives {channel, to, text, link, …} as JSON. */
  NOTICE_SEND_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .refine((u) => u.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u), 'https, or http only to 127.0.0.1 / localhost')
    .optional(),
  /** Sent as `Authorization: Bearer …` to the webhook. */
  NOTICE_SEND_WEBHOOK_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Local use: write each message to this folder (and the log) instead of sending it. */
  NOTICE_SEND_OUTBOX_DIR: z.string().min(1).optional(),
});

export interface NotifyConfig {
  topics: Partial<Record<Channel, string>>;
  webhook?: { url: string; token?: string };
  outboxDir?: string;
}

export function notifyConfig(env: Record<string, string | undefined> = process.env): NotifyConfig {
  const parsed = NotifyEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(`recipient notification configuration: ${describeIssues(parsed.error.issues)}`);
  const e = parsed.data;
  const topics: Partial<Record<Channel, string>> = {
    ...(e.NOTICE_SEND_SMS_TOPIC_ARN ? { sms: e.NOTICE_SEND_SMS_TOPIC_ARN } : {}),
    ...(e.NOTICE_SEND_EMAIL_TOPIC_ARN ? { email: e.NOTICE_SEND_EMAIL_TOPIC_ARN } : {}),
    ...(e.NOTICE_SEND_WECHAT_TOPIC_ARN ? { wechat: e.NOTICE_SEND_WECHAT_TOPIC_ARN } : {}),
  };
  if (e.NOTICE_SEND_WEBHOOK_TOKEN && !e.NOTICE_SEND_WEBHOOK_URL) {
    throw new ConfigError('recipient notification configuration: NOTICE_SEND_WEBHOOK_TOKEN is set but NOTICE_SEND_WEBHOOK_URL is not');
  }
  return {
    topics,
    ...(e.NOTICE_SEND_WEBHOOK_URL
      ? { webhook: { url: e.NOTICE_SEND_WEBHOOK_URL, ...(e.NOTICE_SEND_WEBHOOK_TOKEN ? { token: e.NOTICE_SEND_WEBHOOK_TOKEN } : {}) } }
      : {}),
    ...(e.NOTICE_SEND_OUTBOX_DIR ? { outboxDir: e.NOTICE_SEND_OUTBOX_DIR } : {}),
  };
}

type Send = (message: RecipientMessage) => Promise<SendReceipt>;

function viaSns(sns: SNSClient, topicArn: string): Send {
  return async (m) => {
    // The address is what the gateway needs; the channel attribute lets one gateway serve many topics.
    const id = await publishJson(sns, topicArn, 'notice recipient link', m, { channel: m.channel, docId: m.docId });
    return { via: 'sns', reference: id ?? '' };
  };
}

const WEBHOOK_TIMEOUT_MS = 5_000;

function viaWebhook(webhook: NonNullable<NotifyConfig['webhook']>): Send {
  return async (m) => {
    let answer: Response;
    try {
      answer = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(webhook.token ? { authorization: `Bearer ${webhook.token}` } : {}) },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
    } catch (error) {
      throw new SendFailedError(`消息服务没有应答（${(error as Error).name}）`);
    }
    if (!answer.ok) throw new SendFailedError(`消息服务拒绝了发送请求（HTTP ${answer.status}）`);
    return { via: 'webhook', reference: String(answer.status) };
  };
}

function viaOutbox(dir: string, log: (message: string, fields: Record<string, unknown>) => void): Send {
  return async (m) => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${m.channel}-${m.docId}.json`);
    writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
    log('recipient message written to the outbox (not sent: local stack)', { channel: m.channel, to: maskAddress(m.channel, m.to), docId: m.docId, file });
    return { via: 'outbox', reference: file };
  };
}

export interface NotifierParts {
  sns: SNSClient;
  log: (message: string, fields: Record<string, unknown>) => void;
}

export function recipientNotifier(config: NotifyConfig, parts: NotifierParts): RecipientNotifier {
  const routes = new Map<Channel, Send>();
  for (const channel of CHANNELS) {
    const topic = config.topics[channel];
    if (topic) routes.set(channel, viaSns(parts.sns, topic));
    else if (config.webhook) routes.set(channel, viaWebhook(config.webhook));
    else if (config.outboxDir) routes.set(channel, viaOutbox(config.outboxDir, parts.log));
  }
  return {
    channels: CHANNELS.filter((c) => routes.has(c)),
    async send(message) {
      const send = routes.get(message.channel);
      if (!send) throw new SendFailedError(`未配置${CHANNEL_NAMES[message.channel]}发送渠道`);
      try {
        return await send(message);
      } catch (error) {
        if (error instanceof SendFailedError) throw error;
        throw new SendFailedError(`发送未成功（${(error as Error).name}）`);
      }
    },
  };
}
