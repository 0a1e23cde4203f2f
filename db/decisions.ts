import type { DecisionModel } from '../bpmn/dmn/model';
import { inTransaction, type Db } from './pool';

/** decision_definition.review_status (migration 036). */
export type ReviewStatus = 'none' | 'proposed' | 'approved' | 'rejected';

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
  reviewStatus: 'none' | 'proposed' | 'approved' | 'rejected';
  reviewCaseId: string | null;
}

export interface DecisionVersionDetail extends DecisionVersionRow {
  xml: string;
  model: DecisionModel;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const COLUMNS = 'key, version, name, hash, decision_ids, deployed_by, deployed_at, review_status, review_case_id';

function toRow(r: Record<string, unknown>): DecisionVersionRow {
  return {
    key: r.key as string,
    version: Number(r.version),
    name: r.name as string,
    hash: r.hash as string,
    decisionIds: (r.decision_ids as string[]) ?? [],
    deployedBy: (r.deployed_by as string | null) ?? null,
    deployedAt: iso(r.deployed_at),
    reviewStatus: (r.review_status as DecisionVersionRow['reviewStatus']) ?? 'none',
    reviewCaseId: (r.review_case_id as string | null) ?? null,
  };
}

/** The decision-change case reviewing a proposal: derived from the file and version, so a repeated deploy finds it. */
export const DECISION_CHANGE_PROCESS = 'decision-change';
const proposalCaseIdSql = (key: string, version: string) => `'${DECISION_CHANGE_PROCESS}/DMN-' || ${key} || '-v' || ${version}`;

const toDetail = (r: Record<string, unknown>): DecisionVersionDetail => ({ ...toRow(r), xml: r.xml as string, model: r.model as DecisionModel });

export function createDecisionRepository(db: Db) {
  return {
    /**
     * A new version unless this exact content is deployed under the key already (then that one).
     * A file under review (decision_review_policy) that already has a version in force gets a
     * proposal when a person deploys it: stored, not in force, named by the decision-change case
     * (`proposalCaseId`) that decides it. The shipped files deployed at start (`deployedBy` null)
     * are the release's own reviewed content and take effect at once.
     */
    async deploy(d: { xml: string; model: DecisionModel; deployedBy: string | null }): Promise<{ created: boolean; decision: DecisionVersionRow; proposalCaseId?: string }> {
      return inTransaction(db, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`decision:${d.model.key}`]);
        const existing = await tx.query(`SELECT ${COLUMNS} FROM decision_definition WHERE key = $1 AND hash = $2`, [d.model.key, d.model.hash]);
        if (existing.rows[0]) {
          const r = existing.rows[0];
          return { created: false, decision: toRow(r), ...(r.review_status === 'proposed' ? { proposalCaseId: r.review_case_id as string } : {}) };
        }
        const reviewed = d.deployedBy !== null && (await tx.query(
          `SELECT 1 FROM decision_review_policy p WHERE p.decision_key = $1
              AND EXISTS (SELECT 1 FROM decision_definition WHERE key = $1 AND effective_at IS NOT NULL)`, [d.model.key],
        )).rows.length > 0;
        const { rows } = await tx.query(
          `INSERT INTO decision_definition (key, version, name, hash, xml, model, decision_ids, deployed_by, effective_at, review_status, review_case_id)
           SELECT $1, v, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN NULL ELSE now() END, CASE WHEN $8 THEN 'proposed' ELSE 'none' END,
                  CASE WHEN $8 THEN ${proposalCaseIdSql('$1', 'v')} END
             FROM (SELECT COALESCE(MAX(version), 0) + 1 AS v FROM decision_definition WHERE key = $1) n
           RETURNING ${COLUMNS}`,
          [d.model.key, d.model.name, d.model.hash, d.xml, JSON.stringify(d.model), Object.keys(d.model.decisions), d.deployedBy, reviewed],
        );
        const r = rows[0]!;
        return { created: true, decision: toRow(r), ...(reviewed ? { proposalCaseId: r.review_case_id as string } : {}) };
      });
    },

    /**
     * Settles the proposal the decision-change case `caseId` reviews: approved, it is in force from
     * now (evaluations of cases started from now use it); rejected, never. The reviewer is whoever
     * completed `approvalStep`, read from the task rows. Idempotent; undefined when the case reviews nothing.
     */
    async settleProposal(caseId: string, approved: boolean, approvalStep: string | null): Promise<{ key: string; version: number; status: ReviewStatus } | undefined> {
      const { rows } = await db.query(
        `UPDATE decision_definition SET review_status = CASE WHEN $2 THEN 'approved' ELSE 'rejected' END,
                effective_at = CASE WHEN $2 THEN now() END,
                reviewed_by = (SELECT completed_by FROM task WHERE case_id = $1 AND element_id = $3 AND status = 'completed' ORDER BY completed_at DESC NULLS LAST, id DESC LIMIT 1)
          WHERE review_case_id = $1 AND review_status = 'proposed'
          RETURNING key, version, review_status`,
        [caseId, approved, approvalStep],
      );
      const found = rows[0] ?? (await db.query('SELECT key, version, review_status FROM decision_definition WHERE review_case_id = $1', [caseId])).rows[0];
      return found ? { key: found.key as string, version: Number(found.version), status: found.review_status as ReviewStatus } : undefined;
    },

    /** The latest version of each file, with the version in force (a pending proposal is the latest but not in force). */
    async list(): Promise<(DecisionVersionRow & { versions: number; inForceVersion: number | null })[]> {
      const { rows } = await db.query(
        `SELECT DISTINCT ON (key) ${COLUMNS}, COUNT(*) OVER (PARTITION BY key) AS versions,
                MAX(version) FILTER (WHERE effective_at IS NOT NULL) OVER (PARTITION BY key) AS in_force_version
           FROM decision_definition ORDER BY key, version DESC`,
      );
      return rows.map((r) => ({ ...toRow(r), versions: Number(r.versions), inForceVersion: r.in_force_version === null ? null : Number(r.in_force_version) }));
    },

    async get(key: string, version?: number): Promise<DecisionVersionDetail | undefined> {
      const { rows } =
        version === undefined
          ? await db.query('SELECT * FROM decision_definition WHERE key = $1 ORDER BY version DESC LIMIT 1', [key])
          : await db.query('SELECT * FROM decision_definition WHERE key = $1 AND version = $2', [key, version]);
      return rows[0] ? toDetail(rows[0]) : undefined;
    },

    /**
     * The version a proposal `version` would replace: the newest earlier one that is or was in
     * force (pending and rejected proposals never were). Undefined for a file's first version.
     */
    async inForceBefore(key: string, version: number): Promise<DecisionVersionDetail | undefined> {
      const { rows } = await db.query(
        'SELECT * FROM decision_definition WHERE key = $1 AND version < $2 AND effective_at IS NOT NULL ORDER BY version DESC LIMIT 1',
        [key, version],
      );
      return rows[0] ? toDetail(rows[0]) : undefined;
    },

    /** Every decision id some deployed file holds (for validating business rule tasks). */
    async decisionIds(): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>('SELECT DISTINCT unnest(decision_ids) AS id FROM decision_definition ORDER BY 1');
      return rows.map((r) => r.id);
    },

    /**
     * The file version in force that holds `decisionId`: the newest, or (with `caseId`) the newest
     * in force when that case started (a proposal is in force only once approved). When several files hold the id, the most recently deployed one wins.
     */
    async forDecision(decisionId: string, caseId?: string): Promise<DecisionVersionDetail | undefined> {
      const { rows } = await db.query(
        `SELECT * FROM decision_definition
          WHERE decision_ids @> ARRAY[$1]::text[] AND effective_at IS NOT NULL
            AND ($2::text IS NULL OR effective_at <= COALESCE((SELECT started_at FROM process_case WHERE id = $2), 'infinity'))
          ORDER BY effective_at DESC, version DESC LIMIT 1`,
        [decisionId, caseId ?? null],
      );
      return rows[0] ? toDetail(rows[0]) : undefined;
    },
  };
}
export type DecisionRepository = ReturnType<typeof createDecisionRepository>;
