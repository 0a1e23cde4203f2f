import { z } from 'zod';

/** A retried request with the same key gets the first answer instead of acting twice. */
export const idempotencyHeadersSchema = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() });
