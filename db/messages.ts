import { WorkflowNotFoundError } from '@temporalio/common';
import type { ProcessModel, StartEventElement } from '../bpmn/model';
import type { FormSchema } from '../bpmn/form-data';
import { undeclaredVariables, waitsFor } from '../policy/messages';
import { appendCaseEvent } from './case-events';
import { inTransaction, type Db } from './pool';
import { createProcessRepository } from './processes';
import { createUserRepository } from './users';

// Message correlation across cases (issue 13): subscriptions of waiting catch events, the buffer
// of messages nobody took, and the start events listening for a name. A message's name and key
// are serialised by one advisory lock, taken by both the publisher's "buffer unless somebody
// waits" and a subscription's "open, then claim what is buffered", so a message published while a
// case starts waiting is either delivered or claimed, never left in between.

export type MessageKind = 'message' | 'signal';

export interface Subscription {
  caseId: string;
  elementId: string;
  subscriptionId: string;
}

export interface ListeningStart {
  processKey: string;
  processName: string;
  version: number;
  model: ProcessModel;
  forms: Record<string, FormSchema>;
  startEvent: StartEventElement;
}

export interface BufferedMessageInput {
  id: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  senderId: string | null;
  senderUnrestricted: boolean;
  thrownByCaseId?: string;
  ttlMs: number;
}

type Queryable = { query: Db['query'] };

const lockName = async (tx: Queryable, kind: MessageKind, name: string, key: string) => {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${kind}\u0001${name}\u0001${key}`]);
};

const subscriptionsSql = `SELECT s.case_id AS "caseId", s.element_id AS "elementId", s.subscription_id AS "subscriptionId"
   FROM message_subscription s JOIN process_case c ON c.id = s.case_id AND c.status = 'running'
  WHERE s.kind = $1 AND s.name = $2 AND s.correlation_key = $3
  ORDER BY s.opened_at, s.case_id LIMIT $4`;

/** How many cases one publication reaches at most (a broadcast to more is cut, and says so in the log). */
export const MAX_TARGETS = 500;
/**
 * The `holderGone` of a message-start claim, asked of Temporal: no workflow of that id (its start
 * never happened) or one no longer running. Any other failure (Temporal down) is thrown: the key
 * stays blocked rather than risking a second running case.
 */
export function claimHolderGone(client: { workflow: { getHandle(id: string): { describe(): Promise<{ status: { name: string } }> } } }) {
  return async (caseId: string): Promise<boolean> => {
    try {
      return (await client.workflow.getHandle(caseId).describe()).status.name !== 'RUNNING';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return true;
      throw err;
    }
  };
}

/** How long a message-start claim's publisher has to record its case before Temporal is asked whether it exists (a start takes milliseconds). */
const CLAIM_GRACE = '1 minute';

export function createMessageRepository(db: Db) {
  /**
   * Whether a buffered message may go to this wait: the same sender and variable rules as POST
   * /api/cases/:id/messages. Read through the claim's own transaction: under PGlite every client
   * shares one session, so a second connection would wait for the transaction to end.
   */
  async function acceptable(
    tx: Queryable,
    m: { sender_id: string | null; sender_unrestricted: boolean; thrown_by_case_id: string | null; variables: Record<string, unknown> },
    model: ProcessModel,
    elementId: string,
    name: string,
    unitId: string,
  ): Promise<boolean> {
    const waits = waitsFor(model, [elementId], name);
    if (!waits.length) return false;
    // A diagram's throw sends what its mappings say; the catch event's outputs take what they declare.
    if (!m.thrown_by_case_id && undeclaredVariables(waits, m.variables).length) return false;
    if (m.sender_unrestricted) return true;
    if (!m.sender_id) return false;
    const users = createUserRepository(tx as unknown as Db);
    for (const w of waits) {
      if (w.senderUsers.includes(m.sender_id)) return true;
      if (await users.holdsRoleWithin(m.sender_id, w.senderRoles, unitId, w.senderScope)) return true;
    }
    return false;
  }

  return {
    /**
     * Records that the case waits at `elementId`; for a message, claims the oldest unexpired
     * buffered one with its name and key that the wait accepts (exactly once: a retried activity
     * gets the message it claimed before) and says it in the case's audit trail.
     */
    async open(s: Subscription & { kind: MessageKind; name: string; correlationKey: string | null }): Promise<{ messageId: string; variables: Record<string, unknown> } | null> {
      const key = s.correlationKey ?? '';
      return inTransaction(db, async (tx) => {
        await lockName(tx, s.kind, s.name, key);
        await tx.query(
          `INSERT INTO message_subscription (case_id, element_id, subscription_id, kind, name, correlation_key) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (case_id, element_id) DO UPDATE SET subscription_id = EXCLUDED.subscription_id, kind = EXCLUDED.kind, name = EXCLUDED.name,
             correlation_key = EXCLUDED.correlation_key, opened_at = now()`,
          [s.caseId, s.elementId, s.subscriptionId, s.kind, s.name, key],
        );
        if (s.kind !== 'message') return null;
        const again = await tx.query('SELECT id, variables FROM buffered_message WHERE consumed_by = $1', [s.subscriptionId]);
        if (again.rows[0]) return { messageId: again.rows[0].id as string, variables: again.rows[0].variables as Record<string, unknown> };
        const { rows } = await tx.query(
          `SELECT id, variables, sender_id, sender_unrestricted, thrown_by_case_id FROM buffered_message
            WHERE consumed_by IS NULL AND name = $1 AND correlation_key = $2 AND expires_at > now() ORDER BY published_at, id LIMIT 50 FOR UPDATE`,
          [s.name, key],
        );
        if (!rows.length) return null;
        const found = await tx.query('SELECT process_key, process_version, unit_id FROM process_case WHERE id = $1', [s.caseId]);
        const c = found.rows[0];
        const definition = c && (await createProcessRepository(tx as unknown as Db).get(c.process_key as string, c.process_version as number));
        if (!definition) return null;
        for (const m of rows) {
          if (!(await acceptable(tx, m, definition.model, s.elementId, s.name, c.unit_id as string))) continue;
          await tx.query('UPDATE buffered_message SET consumed_by = $2, consumed_case_id = $3, consumed_at = now() WHERE id = $1', [m.id, s.subscriptionId, s.caseId]);
          await appendCaseEvent(tx, {
            key: `${s.caseId}/message/buffered/${m.id as string}`,
            caseId: s.caseId,
            kind: 'message.received',
            actorId: (m.sender_id as string | null) ?? null,
            payload: { messageName: s.name, variables: m.variables, elementIds: [s.elementId], consumed: true, buffered: true, messageId: m.id },
          });
          return { messageId: m.id as string, variables: m.variables as Record<string, unknown> };
        }
        return null;
      });
    },

    async close(subscriptionId: string): Promise<void> {
      await db.query('DELETE FROM message_subscription WHERE subscription_id = $1', [subscriptionId]);
    },

    /** Running cases waiting for this name and key now (at most MAX_TARGETS). */
    async subscriptions(kind: MessageKind, name: string, correlationKey: string | null): Promise<Subscription[]> {
      const { rows } = await db.query<Subscription>(subscriptionsSql, [kind, name, correlationKey ?? '', MAX_TARGETS]);
      return rows;
    },

    /** The latest version of every process whose process-level start event listens for this name. */
    async listeningStarts(kind: MessageKind, name: string): Promise<ListeningStart[]> {
      const { rows } = await db.query(`SELECT DISTINCT ON (key) key, version, name, model, forms FROM process_definition ORDER BY key, version DESC`);
      const out: ListeningStart[] = [];
      for (const r of rows) {
        const model = r.model as ProcessModel;
        // A row without a model's elements (a report's seeded history writes such rows) listens for nothing.
        if (!model?.elements) continue;
        for (const el of Object.values(model.elements)) {
          if (el.type !== 'startEvent' || el.parentId || !el.trigger || el.trigger.kind !== kind) continue;
          if ((el.trigger.kind === 'message' ? el.trigger.messageName : el.trigger.signalName) !== name) continue;
          out.push({ processKey: r.key as string, processName: r.name as string, version: r.version as number, model, forms: (r.forms ?? {}) as Record<string, FormSchema>, startEvent: el });
        }
      }
      return out;
    },

    /**
     * Buffers the message unless a subscription not in `seen` opened meanwhile (then nothing is
     * written and those are returned, for the publisher to deliver to).
     */
    async bufferUnlessSubscribed(m: BufferedMessageInput, seen: ReadonlySet<string>): Promise<{ buffered: boolean; fresh: Subscription[] }> {
      return inTransaction(db, async (tx) => {
        await lockName(tx, 'message', m.name, m.correlationKey);
        const { rows } = await tx.query<Subscription>(subscriptionsSql, ['message', m.name, m.correlationKey, MAX_TARGETS]);
        const fresh = rows.filter((s) => !seen.has(s.subscriptionId));
        if (fresh.length) return { buffered: false, fresh };
        await tx.query(
          `INSERT INTO buffered_message (id, name, correlation_key, variables, sender_id, sender_unrestricted, thrown_by_case_id, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8::double precision / 1000)) ON CONFLICT (id) DO NOTHING`,
          [m.id, m.name, m.correlationKey, JSON.stringify(m.variables), m.senderId, m.senderUnrestricted, m.thrownByCaseId ?? null, m.ttlMs],
        );
        return { buffered: true, fresh: [] };
      });
    },

    /**
     * Zeebe's rule for a message start with a correlation key: claims the right to start `caseId`
     * of `processKey` for `correlationKey`, unless a case started for that key is still running
     * (its id is returned then). One statement: the conflicting row is locked, so of two
     * concurrent publications one claims and the other sees the holder. Claiming again for the
     * same case (a retried publication) succeeds. A holder not recorded as a case a minute after
     * its claim is looked up in Temporal (`holderGone`): a start that never happened or a case that
     * closed unrecorded gives the key up; one running but not yet recorded keeps it, however long.
     */
    async claimMessageStart(
      processKey: string,
      correlationKey: string,
      caseId: string,
      holderGone: (caseId: string) => Promise<boolean>,
    ): Promise<{ claimed: true } | { claimed: false; heldBy: string }> {
      const { rows } = await db.query(
        `INSERT INTO message_start_claim AS m (process_key, correlation_key, case_id) VALUES ($1, $2, $3)
         ON CONFLICT (process_key, correlation_key) DO UPDATE SET case_id = EXCLUDED.case_id, claimed_at = now()
          WHERE m.case_id = EXCLUDED.case_id
             OR (EXISTS (SELECT 1 FROM process_case c WHERE c.id = m.case_id AND c.status <> 'running'))
         RETURNING case_id`,
        [processKey, correlationKey, caseId],
      );
      if (rows.length) return { claimed: true };
      const held = await db.query<{ case_id: string; unrecorded: boolean }>(
        `SELECT case_id, NOT EXISTS (SELECT 1 FROM process_case c WHERE c.id = m.case_id) AND m.claimed_at < now() - interval '${CLAIM_GRACE}' AS unrecorded
           FROM message_start_claim m WHERE process_key = $1 AND correlation_key = $2`,
        [processKey, correlationKey],
      );
      const holder = held.rows[0];
      if (holder?.unrecorded && (await holderGone(holder.case_id))) {
        // Taken over only from that same holder, still unrecorded: of two publications doing this at once, one wins.
        const taken = await db.query(
          `UPDATE message_start_claim SET case_id = $3, claimed_at = now()
            WHERE process_key = $1 AND correlation_key = $2 AND case_id = $4 AND NOT EXISTS (SELECT 1 FROM process_case c WHERE c.id = $4)
            RETURNING case_id`,
          [processKey, correlationKey, caseId, holder.case_id],
        );
        if (taken.rows.length) return { claimed: true };
      }
      return { claimed: false, heldBy: holder?.case_id ?? '' };
    },

    /** Gives a claim back when its case could not be started (so the key is not blocked by nothing). */
    async releaseMessageStart(processKey: string, correlationKey: string, caseId: string): Promise<void> {
      // A case that was recorded after all (its start failed late) keeps its claim.
      await db.query('DELETE FROM message_start_claim WHERE process_key = $1 AND correlation_key = $2 AND case_id = $3 AND NOT EXISTS (SELECT 1 FROM process_case WHERE id = $3)', [
        processKey,
        correlationKey,
        caseId,
      ]);
    },

    /** Drops buffered messages past their time to live that nobody claimed; returns them (for the log). */
    async sweepExpired(): Promise<Array<{ id: string; name: string }>> {
      const { rows } = await db.query<{ id: string; name: string }>('DELETE FROM buffered_message WHERE consumed_by IS NULL AND expires_at <= now() RETURNING id, name');
      return rows;
    },

    /** A buffered message by id (whether it is still waiting, and who took it). */
    async buffered(id: string): Promise<{ id: string; consumedCaseId: string | null; expiresAt: Date } | undefined> {
      const { rows } = await db.query('SELECT id, consumed_case_id, expires_at FROM buffered_message WHERE id = $1', [id]);
      return rows[0] ? { id: rows[0].id as string, consumedCaseId: (rows[0].consumed_case_id as string | null) ?? null, expiresAt: rows[0].expires_at as Date } : undefined;
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
