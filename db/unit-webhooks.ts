import { inTransaction, type Db } from './pool';

// unit_webhook: each unit's team-chat webhook. The stored URL and secret leave this module only
// for the dispatcher (db/chat-outbox.ts); what the API lists is `StoredWebhook` without them.

export type WebhookFormat = 'wecom' | 'dingtalk';

export interface StoredWebhook {
  unitId: string;
  format: WebhookFormat;
  url: string;
  secretSet: boolean;
  enabled: boolean;
  updatedBy: string;
  updatedAt: string;
}

export interface WebhookWrite {
  unitId: string;
  format: WebhookFormat;
  url: string;
  /** undefined keeps the stored secret, null clears it. */
  secret: string | null | undefined;
  enabled: boolean;
  updatedBy: string;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

const COLUMNS = `unit_id, format, url, secret IS NOT NULL AS secret_set, enabled, updated_by, updated_at`;

/** What unit_webhook_change keeps of a webhook: what the API shows, the URL without its query (its key). */
const SNAPSHOT = `jsonb_build_object('format', format, 'url', split_part(url, '?', 1) || CASE WHEN strpos(url, '?') > 0 THEN '?…' ELSE '' END,
  'secretSet', secret IS NOT NULL, 'enabled', enabled)`;

const toWebhook = (r: Record<string, unknown>): StoredWebhook => ({
  unitId: r.unit_id as string,
  format: r.format as WebhookFormat,
  url: r.url as string,
  secretSet: r.secret_set as boolean,
  enabled: r.enabled as boolean,
  updatedBy: r.updated_by as string,
  updatedAt: iso(r.updated_at),
});

export function createUnitWebhookRepository(db: Db) {
  return {
    async list(): Promise<StoredWebhook[]> {
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM unit_webhook w JOIN org_unit u ON u.id = w.unit_id ORDER BY u.path`);
      return rows.map(toWebhook);
    },

    async get(unitId: string): Promise<StoredWebhook | undefined> {
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM unit_webhook WHERE unit_id = $1`, [unitId]);
      return rows[0] ? toWebhook(rows[0]) : undefined;
    },

    /** The full URL, for keeping it when an admin changes only the format or the secret. */
    async storedUrl(unitId: string): Promise<string | undefined> {
      const { rows } = await db.query<{ url: string }>('SELECT url FROM unit_webhook WHERE unit_id = $1', [unitId]);
      return rows[0]?.url;
    },

    async unitExists(unitId: string): Promise<boolean> {
      const { rowCount } = await db.query('SELECT 1 FROM org_unit WHERE id = $1', [unitId]);
      return (rowCount ?? 0) > 0;
    },

    /** Sets the unit's webhook and records the change (before / after as SNAPSHOT), in one transaction. */
    async put(w: WebhookWrite): Promise<StoredWebhook> {
      return inTransaction(db, async (tx) => {
        const before = await tx.query(`SELECT ${SNAPSHOT} AS snapshot FROM unit_webhook WHERE unit_id = $1 FOR UPDATE`, [w.unitId]);
        const { rows } = await tx.query(
          `INSERT INTO unit_webhook (unit_id, format, url, secret, enabled, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (unit_id) DO UPDATE SET format = EXCLUDED.format, url = EXCLUDED.url, enabled = EXCLUDED.enabled,
                  updated_by = EXCLUDED.updated_by, updated_at = now(),
                  secret = CASE WHEN $7 THEN unit_webhook.secret ELSE EXCLUDED.secret END
           RETURNING ${COLUMNS}, ${SNAPSHOT} AS snapshot`,
          [w.unitId, w.format, w.url, w.secret ?? null, w.enabled, w.updatedBy, w.secret === undefined],
        );
        await tx.query(`INSERT INTO unit_webhook_change (actor_id, unit_id, action, before, after) VALUES ($1, $2, 'webhook.set', $3, $4)`, [
          w.updatedBy,
          w.unitId,
          before.rows[0]?.snapshot ?? null,
          rows[0]!.snapshot,
        ]);
        return toWebhook(rows[0]!);
      });
    },

    /** Messages already queued for the unit are skipped when their turn comes. */
    async remove(unitId: string, actorId: string): Promise<boolean> {
      return inTransaction(db, async (tx) => {
        const { rows } = await tx.query(`DELETE FROM unit_webhook WHERE unit_id = $1 RETURNING ${SNAPSHOT} AS snapshot`, [unitId]);
        if (!rows[0]) return false;
        await tx.query(`INSERT INTO unit_webhook_change (actor_id, unit_id, action, before, after) VALUES ($1, $2, 'webhook.remove', $3, NULL)`, [actorId, unitId, rows[0].snapshot]);
        return true;
      });
    },

    /** Who changed the unit's webhook and how, oldest first (never a credential). */
    async changes(unitId: string): Promise<Array<{ actorId: string; action: string; before: unknown; after: unknown; at: string }>> {
      const { rows } = await db.query('SELECT actor_id, action, before, after, at FROM unit_webhook_change WHERE unit_id = $1 ORDER BY id', [unitId]);
      return rows.map((r) => ({ actorId: r.actor_id, action: r.action, before: r.before, after: r.after, at: iso(r.at) }));
    },
  };
}

export type UnitWebhookRepository = ReturnType<typeof createUnitWebhookRepository>;
