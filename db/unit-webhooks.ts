import type { Db } from './pool';

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

    async put(w: WebhookWrite): Promise<StoredWebhook> {
      const { rows } = await db.query(
        `INSERT INTO unit_webhook (unit_id, format, url, secret, enabled, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (unit_id) DO UPDATE SET format = EXCLUDED.format, url = EXCLUDED.url, enabled = EXCLUDED.enabled,
                updated_by = EXCLUDED.updated_by, updated_at = now(),
                secret = CASE WHEN $7 THEN unit_webhook.secret ELSE EXCLUDED.secret END
         RETURNING ${COLUMNS}`,
        [w.unitId, w.format, w.url, w.secret ?? null, w.enabled, w.updatedBy, w.secret === undefined],
      );
      return toWebhook(rows[0]!);
    },

    /** Messages already queued for the unit are skipped when their turn comes. */
    async remove(unitId: string): Promise<boolean> {
      const { rowCount } = await db.query('DELETE FROM unit_webhook WHERE unit_id = $1', [unitId]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export type UnitWebhookRepository = ReturnType<typeof createUnitWebhookRepository>;
