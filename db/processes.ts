import { startsByHand, type ProcessModel } from '../bpmn/model';
import type { FormSchema } from '../bpmn/form-data';
import type { ProcessSummary, ProcessVersionInfo } from '../contract';
import { inTransaction, type Db } from './pool';

export type ProcessVersionRow = ProcessVersionInfo;

export interface ProcessVersionDetail extends ProcessVersionRow {
  xml: string;
  model: ProcessModel;
  forms: Record<string, FormSchema>;
}

export type { ProcessSummary } from '../contract';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

function toRow(r: Record<string, unknown>): ProcessVersionRow {
  return {
    key: r.key as string,
    version: Number(r.version),
    name: r.name as string,
    hash: r.hash as string,
    deployedBy: (r.deployed_by as string | null) ?? null,
    // Only where the query joined the deployer's account (lists the console shows).
    ...(r.deployed_by_name !== undefined && { deployedByName: (r.deployed_by_name as string | null) ?? null }),
    deployedAt: iso(r.deployed_at),
    ...(r.change_note !== undefined && { changeNote: (r.change_note as string | null) ?? null }),
    ...(r.running !== undefined && { running: Number(r.running) }),
  };
}

const toDetail = (r: Record<string, unknown>): ProcessVersionDetail => ({
  ...toRow(r),
  xml: r.xml as string,
  model: r.model as ProcessModel,
  forms: (r.forms as Record<string, FormSchema>) ?? {},
});

export function createProcessRepository(db: Db) {
  return {
    /**
     * Stores a new version unless this exact content (hash) is already deployed under the key,
     * in which case that version is returned. Serialised per key so two deploys never share a number.
     */
    async deploy(d: { key: string; name: string; hash: string; xml: string; model: ProcessModel; forms: Record<string, FormSchema>; deployedBy: string | null; changeNote?: string | null }) {
      return inTransaction(db, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`process:${d.key}`]);
        const existing = await tx.query('SELECT key, version, name, hash, deployed_by, deployed_at FROM process_definition WHERE key = $1 AND hash = $2', [d.key, d.hash]);
        if (existing.rows[0]) return { created: false, process: toRow(existing.rows[0]) };
        const { rows } = await tx.query(
          `INSERT INTO process_definition (key, version, name, hash, xml, model, forms, deployed_by, change_note)
           SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM process_definition WHERE key = $1
           RETURNING key, version, name, hash, deployed_by, deployed_at, change_note`,
          [d.key, d.name, d.hash, d.xml, JSON.stringify(d.model), JSON.stringify(d.forms), d.deployedBy, d.changeNote ?? null],
        );
        return { created: true, process: toRow(rows[0]!) };
      });
    },

    async list(): Promise<ProcessSummary[]> {
      const { rows } = await db.query(
        `SELECT DISTINCT ON (key) key, version, d.name, hash, deployed_by, u.display_name AS deployed_by_name, deployed_at, COUNT(*) OVER (PARTITION BY key) AS versions,
                model ->> 'startEventId' AS start_event_id, model -> 'elements' -> (model ->> 'startEventId') AS start_event
           FROM process_definition d LEFT JOIN app_user u ON u.id = d.deployed_by ORDER BY key, version DESC`,
      );
      // The same rule POST /api/cases applies: timer, message and signal starts and system-only starts are not offered.
      return rows.map((r) => ({ ...toRow(r), versions: Number(r.versions), startsByHand: startsByHand({ startEventId: r.start_event_id, elements: { [r.start_event_id]: r.start_event } }) }));
    },

    /** `withRunning`: how many cases of each version still run (for those who operate them all). */
    async versions(key: string, withRunning = false): Promise<ProcessVersionRow[]> {
      const running = withRunning
        ? `, (SELECT count(*) FROM process_case c WHERE c.process_key = d.key AND c.process_version = d.version AND c.status = 'running') AS running`
        : '';
      const { rows } = await db.query(
        `SELECT key, version, d.name, hash, deployed_by, u.display_name AS deployed_by_name, deployed_at, change_note${running}
           FROM process_definition d LEFT JOIN app_user u ON u.id = d.deployed_by WHERE key = $1 ORDER BY version DESC`,
        [key],
      );
      return rows.map(toRow);
    },

    /** A named version, or the latest when `version` is omitted. */
    async get(key: string, version?: number): Promise<ProcessVersionDetail | undefined> {
      const { rows } =
        version === undefined
          ? await db.query('SELECT * FROM process_definition WHERE key = $1 ORDER BY version DESC LIMIT 1', [key])
          : await db.query('SELECT * FROM process_definition WHERE key = $1 AND version = $2', [key, version]);
      return rows[0] ? toDetail(rows[0]) : undefined;
    },

    /** A task's form, from its case's version, alone (a completion checks it for its opinion field: one indexed read, not the diagram). */
    async taskForm(taskId: string): Promise<FormSchema | undefined> {
      const { rows } = await db.query<{ form: FormSchema | null }>(
        `SELECT pd.forms -> t.form_id AS form FROM task t JOIN process_case c ON c.id = t.case_id
           JOIN process_definition pd ON pd.key = c.process_key AND pd.version = c.process_version WHERE t.id = $1`,
        [taskId],
      );
      return rows[0]?.form ?? undefined;
    },

    async keys(): Promise<string[]> {
      const { rows } = await db.query<{ key: string }>('SELECT DISTINCT key FROM process_definition ORDER BY key');
      return rows.map((r) => r.key);
    },
  };
}

export type ProcessRepository = ReturnType<typeof createProcessRepository>;
