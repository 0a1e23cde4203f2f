import type { DecisionModel } from '../bpmn/dmn/model';
import { inTransaction, type Db } from './pool';

// Deployed DMN files. A business rule task names a decision id; the file that holds it is found
// through decision_ids, and the version is the newest one — or the newest one deployed before
// the case started, so a case keeps the rules it started under.

export interface DecisionVersionRow {
  key: string;
  version: number;
  name: string;
  hash: string;
  decisionIds: string[];
  deployedBy: string | null;
  deployedAt: string;
}

export interface DecisionVersionDetail extends DecisionVersionRow {
  xml: string;
  model: DecisionModel;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const COLUMNS = 'key, version, name, hash, decision_ids, deployed_by, deployed_at';

function toRow(r: Record<string, unknown>): DecisionVersionRow {
  return {
    key: r.key as string,
    version: Number(r.version),
    name: r.name as string,
    hash: r.hash as string,
    decisionIds: (r.decision_ids as string[]) ?? [],
    deployedBy: (r.deployed_by as string | null) ?? null,
    deployedAt: iso(r.deployed_at),
  };
}

const toDetail = (r: Record<string, unknown>): DecisionVersionDetail => ({ ...toRow(r), xml: r.xml as string, model: r.model as DecisionModel });

export function createDecisionRepository(db: Db) {
  return {
    /** A new version unless this exact content is deployed under the key already (then that one). */
    async deploy(d: { xml: string; model: DecisionModel; deployedBy: string | null }): Promise<{ created: boolean; decision: DecisionVersionRow }> {
      return inTransaction(db, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`decision:${d.model.key}`]);
        const existing = await tx.query(`SELECT ${COLUMNS} FROM decision_definition WHERE key = $1 AND hash = $2`, [d.model.key, d.model.hash]);
        if (existing.rows[0]) return { created: false, decision: toRow(existing.rows[0]) };
        const { rows } = await tx.query(
          `INSERT INTO decision_definition (key, version, name, hash, xml, model, decision_ids, deployed_by)
           SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7 FROM decision_definition WHERE key = $1
           RETURNING ${COLUMNS}`,
          [d.model.key, d.model.name, d.model.hash, d.xml, JSON.stringify(d.model), Object.keys(d.model.decisions), d.deployedBy],
        );
        return { created: true, decision: toRow(rows[0]!) };
      });
    },

    /** The latest version of each file. */
    async list(): Promise<(DecisionVersionRow & { versions: number })[]> {
      const { rows } = await db.query(
        `SELECT DISTINCT ON (key) ${COLUMNS}, COUNT(*) OVER (PARTITION BY key) AS versions FROM decision_definition ORDER BY key, version DESC`,
      );
      return rows.map((r) => ({ ...toRow(r), versions: Number(r.versions) }));
    },

    async get(key: string, version?: number): Promise<DecisionVersionDetail | undefined> {
      const { rows } =
        version === undefined
          ? await db.query('SELECT * FROM decision_definition WHERE key = $1 ORDER BY version DESC LIMIT 1', [key])
          : await db.query('SELECT * FROM decision_definition WHERE key = $1 AND version = $2', [key, version]);
      return rows[0] ? toDetail(rows[0]) : undefined;
    },

    /** Every decision id some deployed file holds (for validating business rule tasks). */
    async decisionIds(): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>('SELECT DISTINCT unnest(decision_ids) AS id FROM decision_definition ORDER BY 1');
      return rows.map((r) => r.id);
    },

    /**
     * The file version that holds `decisionId`: the newest, or (with `caseId`) the newest deployed
     * when that case started. When several files hold the id, the most recently deployed one wins.
     */
    async forDecision(decisionId: string, caseId?: string): Promise<DecisionVersionDetail | undefined> {
      const { rows } = await db.query(
        `SELECT * FROM decision_definition
          WHERE decision_ids @> ARRAY[$1]::text[]
            AND ($2::text IS NULL OR deployed_at <= COALESCE((SELECT started_at FROM process_case WHERE id = $2), 'infinity'))
          ORDER BY deployed_at DESC, version DESC LIMIT 1`,
        [decisionId, caseId ?? null],
      );
      return rows[0] ? toDetail(rows[0]) : undefined;
    },
  };
}
export type DecisionRepository = ReturnType<typeof createDecisionRepository>;
