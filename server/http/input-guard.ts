import type { FastifyInstance } from 'fastify';
import { HttpProblem, type FieldError } from './problem';

// Text in is text we can store: PostgreSQL refuses NUL in text and jsonb, a lone UTF-16
// surrogate is not Unicode at all, and a value nested thousands deep outgrows every reader
// after us (zod, pg, Temporal's payload converter). Each of these once reached a workflow or
// a projection and jammed a case, so the API refuses them before any route sees the request,
// whatever the route's schema would have accepted.

/** Deeper than any form or message needs; far below what breaks a recursive reader. */
export const MAX_NESTING = 32;

export type UnstorableReason = 'nul' | 'lone-surrogate' | 'too-deep';

export interface UnstorableInput extends FieldError {
  reason: UnstorableReason;
}

const MESSAGES: Record<UnstorableReason, string> = {
  nul: 'contains a NUL character (\\u0000), which cannot be stored',
  'lone-surrogate': 'contains a lone UTF-16 surrogate, which is not valid Unicode',
  'too-deep': `is nested more than ${MAX_NESTING} levels deep`,
};

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): UnstorableReason | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate';
  return undefined;
}

/** The first value in `value` (strings and object keys, at any depth) that cannot be stored, with its path. */
export function findUnstorable(value: unknown, root: string, maxNesting = MAX_NESTING): UnstorableInput | undefined {
  // Iterative, so a hostile depth cannot overflow the stack before the depth check stops it.
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: root, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) return { path, reason, message: MESSAGES[reason] };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxNesting) return { path, reason: 'too-deep', message: MESSAGES['too-deep'] };
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i]!;
      const keyReason = textProblem(key);
      const safeKey = keyReason ? JSON.stringify(key).slice(1, -1) : key;
      if (keyReason) return { path: `${path}.${safeKey}`, reason: keyReason, message: `its name ${MESSAGES[keyReason]}` };
      stack.push({ v: item, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Refuses unstorable text and absurd nesting in a request's params, query and body: 400, `code: input.unstorable`. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [where, value] of parts) {
      const found = findUnstorable(value, where);
      if (found) {
        // The path may itself hold the bad character (a key); say it escaped.
        const path = JSON.stringify(found.path).slice(1, -1);
        throw new HttpProblem(400, 'Bad Request', `${path}: ${found.message}`, {
          code: 'input.unstorable',
          params: { path, reason: found.reason },
          errors: [{ path, message: found.message, reason: found.reason, code: 'input.unstorable', params: { reason: found.reason } }],
        });
      }
    }
  });
}
