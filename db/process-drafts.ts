import type { ProcessDraft } from '../contract';
import { inTransaction, type Db } from './pool';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

const toDraft = (r: Record<string, unknown>): ProcessDraft => ({
  processKey: r.process_key as string,
  xml: r.xml as string,
  forms: (r.forms as Record<string, unknown>) ?? {},
  baseVersion: r.base_version === null ? null : Number(r.base_version),
  revision: Number(r.revision),
  savedBy: r.saved_by as string,
  savedByName: (r.saved_by_name as string | null) ?? null,
  savedAt: iso(r.saved_at),
});

const SELECT = `SELECT d.*, u.display_name AS saved_by_name FROM process_draft d LEFT JOIN app_user u ON u.id = d.saved_by WHERE d.process_key = $1`;

/** The stored draft when a save or discard named an older revision than the one there (or none is there). */
export type DraftOutcome = { ok: true; draft: ProcessDraft | null } | { ok: false; current: ProcessDraft | null };

/**
 * One draft per process (issue 18 §4). Every write names the revision it read: a write against an
 * older one is refused with the draft that is there, so two owners never overwrite each other unseen.
 */
export function createProcessDraftRepository(db: Db) {
  return {
    async get(key: string): Promise<ProcessDraft | null> {
      const { rows } = await db.query(SELECT, [key]);
      return rows[0] ? toDraft(rows[0]) : null;
    },

    /** `revision` 0 starts a draft (refused when one exists); otherwise it must be the stored one. */
    async save(key: string, d: { xml: string; forms: Record<string, unknown>; baseVersion: number | null; revision: number; savedBy: string }): Promise<DraftOutcome> {
      return inTransaction(db, async (tx) => {
        // a lock on the key, not the row: two first saves find no row to lock
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`process-draft:${key}`]);
        const { rows } = await tx.query(SELECT, [key]);
        const current = rows[0] ? toDraft(rows[0]) : null;
        if ((current?.revision ?? 0) !== d.revision) return { ok: false, current };
        await tx.query(
          `INSERT INTO process_draft (process_key, xml, forms, base_version, revision, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6, now())
           ON CONFLICT (process_key) DO UPDATE SET xml = $2, forms = $3, base_version = $4, revision = $5, saved_by = $6, saved_at = now()`,
          [key, d.xml, JSON.stringify(d.forms), d.baseVersion, d.revision + 1, d.savedBy],
        );
        const saved = await tx.query(SELECT, [key]);
        return { ok: true, draft: toDraft(saved.rows[0]!) };
      });
    },

    /** Drops the draft (放弃草稿, or after its deploy) if it is still the revision the caller read. */
    async discard(key: string, revision: number): Promise<DraftOutcome> {
      return inTransaction(db, async (tx) => {
        // a lock on the key, not the row: two first saves find no row to lock
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`process-draft:${key}`]);
        const { rows } = await tx.query(SELECT, [key]);
        const current = rows[0] ? toDraft(rows[0]) : null;
        if (!current || current.revision !== revision) return { ok: false, current };
        await tx.query('DELETE FROM process_draft WHERE process_key = $1', [key]);
        return { ok: true, draft: null };
      });
    },
  };
}

export type ProcessDraftRepository = ReturnType<typeof createProcessDraftRepository>;
