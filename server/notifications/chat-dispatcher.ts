import { pollLoop } from './poll-loop';
import { createChatOutbox, type ChatDelivery } from '../../db/chat-outbox';
import type { Db } from '../../db/pool';
import { chatRequest } from './chat-message';
import { webhookUrlRefusal } from './webhook-url';

// Delivers the chat outbox to the units' webhooks. Unlike the e-mail dispatcher it holds no
// transaction while it sends: a round claims due rows with a lease (db/chat-outbox.ts), sends
// each with a deadline shorter than the lease, then settles it. Failures are retried after
// 30 s, 1 min, 2 min … (at most an hour), given up after CHAT_MAX_ATTEMPTS.
//
// Delivery is at least once: a worker that dies after the robot accepted a message but before
// marking it sent sends it again when the lease ends (the robots take no idempotency key, so
// that one message shows twice in the group); it is never lost, and while a lease runs no other
// dispatcher sends the same row.

export interface ChatDispatcherOptions {
  db: Db;
  /** The console's address for links (PUBLIC_URL). */
  publicUrl: string;
  /** CHAT_WEBHOOK_HOSTS, checked again before every send. */
  allowedHosts: readonly string[];
  batchSize?: number;
  /** Seconds a claimed row waits before another round may send it again (default 120). */
  leaseSeconds?: number;
  /** Per request (default 10 s); must stay below the lease. */
  requestTimeoutMs?: number;
  /** First retry delay, doubled per failure (default 30 s), and its cap (default 1 h). */
  retryBaseSeconds?: number;
  retryMaxSeconds?: number;
  log?: (message: string) => void;
}

export function createChatDispatcher(opts: ChatDispatcherOptions) {
  const outbox = createChatOutbox(opts.db);
  const log = opts.log ?? (() => undefined);
  const leaseSeconds = opts.leaseSeconds ?? 120;
  const timeoutMs = Math.min(opts.requestTimeoutMs ?? 10_000, leaseSeconds * 500);

  async function post(d: ChatDelivery & { format: 'wecom' | 'dingtalk'; url: string }): Promise<void> {
    const req = chatRequest(d, opts.publicUrl, Date.now());
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(req.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; a refusal (bad key, rate limit, bad sign) is a non-zero errcode.
    let answer: { errcode?: unknown; errmsg?: unknown } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      // a relay that answers 2xx without JSON accepted it
    }
    if (answer.errcode !== undefined && answer.errcode !== 0) throw new Error(`errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`);
  }

  /**
   * One round: up to `batchSize` due messages, claimed one at a time (a lease only has to outlast
   * one request, not a whole batch sent in turn); returns how each was settled.
   */
  async function runOnce(): Promise<{ sent: number; skipped: number; failed: number }> {
    const result = { sent: 0, skipped: 0, failed: 0 };
    for (let i = 0; i < (opts.batchSize ?? 20); i++) {
      const [d] = await outbox.claim(1, leaseSeconds);
      if (!d) break;
      if (!d.format || !d.url) {
        await outbox.skipped(d, 'the unit has no enabled webhook');
        result.skipped += 1;
        continue;
      }
      const refusal = webhookUrlRefusal(d.url, opts.allowedHosts);
      try {
        if (refusal) throw new Error(`webhook URL refused: ${refusal.message}`);
        await post({ ...d, format: d.format, url: d.url });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await outbox.failed(d, message, opts.retryBaseSeconds ?? 30, opts.retryMaxSeconds ?? 3600);
        result.failed += 1;
        log(`team chat message ${d.id} failed (attempt ${d.attempts}): ${message}`);
        continue;
      }
      // Should this fail, the row stays leased and is sent again when the lease ends (at least once).
      await outbox.sent(d);
      result.sent += 1;
    }
    return result;
  }

  return { runOnce, ...pollLoop(runOnce, (err) => log(`team chat round failed: ${String(err)}`)) };
}
