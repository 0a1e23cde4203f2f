import { z } from 'zod';

// POST /api/messages: a message published by name (and correlation key) rather than to one case.

/** An ISO 8601 duration such as PT1H or P2D (bounded by the server's MESSAGE_TTL_MAX). */
const isoDuration = z.string().max(40).regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'an ISO 8601 duration, e.g. PT1H');

export const publishMessageBodySchema = z
  .object({
    name: z.string().min(1).max(100),
    correlationKey: z.string().max(200).optional(),
    variables: z.record(z.string(), z.unknown()).optional(),
    /** How long the message is kept when nothing starts or waits for it; PT0S = not kept. Default MESSAGE_TTL. */
    timeToLive: isoDuration.optional(),
  })
  .strict();
export type PublishMessageBody = z.input<typeof publishMessageBodySchema>;

export const publishMessageResultSchema = z.object({
  /** The message's id: the buffered message's, when it was kept. */
  messageId: z.string(),
  /** Cases the message started (the sender initiated them). */
  started: z.array(z.object({ caseId: z.string(), processKey: z.string() })),
  /** Cases it was delivered to that the sender may read. */
  correlated: z.array(z.object({ caseId: z.string() })),
  /** Cases it was delivered to that the sender may not read: counted, never named. */
  correlatedUnlisted: z.number().int().min(0),
  /** Kept for a case that starts waiting for it before `expiresAt`. */
  buffered: z.boolean(),
  expiresAt: z.string().nullable(),
});
export type PublishMessageResult = z.infer<typeof publishMessageResultSchema>;

// POST /api/signals: a signal broadcast by name. Unlike a message it has no correlation key and is
// never kept: it reaches what listens for it now (signal start events, waiting signal catches).
export const broadcastSignalBodySchema = z
  .object({
    name: z.string().min(1).max(100),
    variables: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type BroadcastSignalBody = z.input<typeof broadcastSignalBodySchema>;

export const broadcastSignalResultSchema = z.object({
  signalId: z.string(),
  /** Cases the signal started (the sender initiated them). */
  started: z.array(z.object({ caseId: z.string(), processKey: z.string() })),
  /** Waiting cases it reached that the sender may read. */
  correlated: z.array(z.object({ caseId: z.string() })),
  /** Waiting cases it reached that the sender may not read: counted, never named. */
  correlatedUnlisted: z.number().int().min(0),
});
export type BroadcastSignalResult = z.infer<typeof broadcastSignalResultSchema>;
