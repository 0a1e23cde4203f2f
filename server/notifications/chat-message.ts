import { createHmac } from 'node:crypto';
import type { ChatDelivery } from '../../db/chat-outbox';

// The message a team chat receives, in the 群机器人 formats of 企业微信 and 钉钉: markdown with
// the headline, the case's title (already masked by the outbox for secret customers), the body
// and a link into the console. Both robots render a small markdown subset; text that people typed
// has its link and emphasis characters replaced by full-width ones, so a case title cannot turn
// into a link to somewhere else.

/** 企业微信 refuses markdown content over 4096 bytes; 钉钉 allows more. Kept well below. */
const MAX_BODY_CHARS = 500;

const plain = (text: string) =>
  text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/\*/g, '＊')
    .replace(/`/g, '＇')
    .replace(/#/g, '＃');

const clip = (text: string) => (text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…` : text);

/** Where the console shows the message's task (or, for a case's end, the case). */
export function consoleLink(d: Pick<ChatDelivery, 'taskId' | 'caseId' | 'kind'>, publicUrl: string): string | null {
  const base = publicUrl.replace(/\/+$/, '');
  if (d.taskId && d.kind !== 'case.ended') return `${base}/tasks/${encodeURIComponent(d.taskId)}`;
  if (d.caseId) return `${base}/cases/${encodeURIComponent(d.caseId)}`;
  return null;
}

export function chatMarkdown(d: ChatDelivery, publicUrl: string): { title: string; text: string } {
  const title = `【首问】${plain(d.headline)}`;
  const link = consoleLink(d, publicUrl);
  const lines = [
    `**${title}**`,
    ...(d.caseTitle ? [`> 案例：${plain(d.caseTitle)}`] : []),
    ...(d.body ? [`> ${clip(plain(d.body))}`] : []),
    ...(link ? [`[${d.kind === 'case.ended' || !d.taskId ? '查看案例' : '打开任务'}](${link})`] : []),
  ];
  return { title, text: lines.join('\n\n') };
}

/** 钉钉 加签: HMAC-SHA256 of "timestamp\nsecret" keyed by the secret, base64, as query parameters. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

/** The request to send: where, and the JSON body in the webhook's format. */
export function chatRequest(d: ChatDelivery & { format: 'wecom' | 'dingtalk'; url: string }, publicUrl: string, now: number): { url: string; body: unknown } {
  const { title, text } = chatMarkdown(d, publicUrl);
  if (d.format === 'wecom') return { url: d.url, body: { msgtype: 'markdown', markdown: { content: text } } };
  return { url: d.secret ? dingtalkSignedUrl(d.url, d.secret, now) : d.url, body: { msgtype: 'markdown', markdown: { title, text } } };
}
