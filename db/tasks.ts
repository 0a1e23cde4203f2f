import { departmentRouteEvent, type DepartmentRoute } from './departments';
import type { CandidateScope } from '../bpmn/model';
import type { EligibleUser, Sla, TaskComment, TaskStep, TaskSummary } from '../contract';
import type { Db } from './pool';
import { paramsOpaque, prepared } from './prepared';
import { likeOperatorFor } from './text-like';
import { isoText } from './iso-text';
import { customerCleared, ELIGIBLE_DELEGATE, restrictedLevel, ROLE_REACH, TASK_ACTIONABLE, TASK_ASSIGNED_OR_OFFERED, TASK_MAY_BE_OFFERED, TASK_OFFERED, TASK_VISIBLE, taskVisible } from '../policy/sql';
import { seesEverything } from '../policy/roles';
import { userNameSql, userNamesSql, type SessionUser } from './users';
import { appendCaseEvent } from './case-events';

export type SlaState = Sla;

export interface TaskRow extends Omit<TaskSummary, 'actions'> {
  /** For confidentiality checks; not part of the API's answer. */
  customerLevel: 'public' | 'internal' | 'secret' | 'confidential' | null;
  customerUnitPath: string | null;
  /** Read by `list` for its user (policy/capabilities.ts `taskActions` turns them into the row's actions); undefined elsewhere. */
  offer?: { actionable: boolean; assignedOrOffered: boolean };
}

export interface TaskFilter {
  view: 'mine' | 'group' | 'all';
  status: 'open' | 'completed';
  processKey?: string;
  dueBefore?: string;
  customerId?: string;
  q?: string;
  sort: 'due' | 'created' | 'priority';
  limit: number;
  cursor?: string;
}

export type StepRow = TaskStep;

export type CommentRow = TaskComment;

const DUE_KEY = `coalesce(t.due_at, 'infinity'::timestamptz)`;
// The customer's tier as copied onto the task (migration 059, whose indexes are written with this very expression).
const PRIORITY = `coalesce(CASE t.customer_tier WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN 'D' THEN 4 END, 3)`;
// Due soon: less than a quarter of the time allowed is left.
export const SLA = `CASE WHEN t.due_at IS NULL THEN 'none'
                  WHEN t.status <> 'open' THEN CASE WHEN t.completed_at > t.due_at THEN 'overdue' ELSE 'on_time' END
                  WHEN t.due_at < now() THEN 'overdue'
                  WHEN t.due_at - now() < (t.due_at - t.created_at) / 4 THEN 'due_soon'
                  ELSE 'on_time' END`;

// Instants come as the API's text (isoText): no Date made and written back per instant. The keyset
// cursor's due key is the due time's own text, 'Infinity' without one (what pg made of 'infinity').
// `from`: the task rows, the table itself or a page of it chosen first (see `list`).
const selectTasks = (extra = '', from = 'task t') => `SELECT t.id, t.case_id, c.title AS case_title, c.business_key, c.process_key, t.element_id, t.name, t.status,
        t.unit_id, t.candidate_roles, t.candidate_scope, t.candidate_users, t.assignee_id, t.form_id, t.outcomes, t.escalation_level,
        ${isoText('t.due_at')} AS due_at, ${isoText('t.created_at')} AS created_at, ${isoText('t.completed_at')} AS completed_at,
        t.completed_by, t.outcome, t.comment, c.customer_id, cu.name AS customer_name,
        ${PRIORITY} AS priority, ${SLA} AS sla, cu.confidentiality AS customer_level, cuu.path AS customer_unit_path,
        ${userNameSql('t.assignee_id')} AS assignee_name, ${userNameSql('t.completed_by')} AS completed_by_name,
        ${userNamesSql('t.candidate_users')} AS candidate_user_names${extra}
   FROM ${from} JOIN process_case c ON c.id = t.case_id LEFT JOIN customer cu ON cu.id = c.customer_id
   LEFT JOIN org_unit cuu ON cuu.id = cu.unit_id`;
const SELECT = selectTasks();
// Each inbox row says what its reader may do with it, by the predicates claim, complete and comment check.
const WITH_OFFER = `, ${TASK_ACTIONABLE} AS actionable, ${TASK_ASSIGNED_OR_OFFERED} AS assigned_or_offered`;
// Where the list's own condition already says both (the group queue: unclaimed and offered to the user; 我的待办:
// assigned to them), PostgreSQL need not test them again on each row: two policy subplans per row were ≈ a quarter
// of the group page's execution at 1M tasks (issue 19).
const OFFERED = `, true AS actionable, true AS assigned_or_offered`;

/** The columns "offered to me" reads (policy/sql.ts TASK_OFFERED), as task_open_count keys its counters. */
const OFFER_KEY = 't.unit_id, t.candidate_roles, t.candidate_scope, t.candidate_department, t.candidate_users';
/** The offer key's columns, equal where the key is the same (candidate_department may be NULL; no department's code is ''). */
const OFFER_KEY_EQ = `t.unit_id, t.candidate_roles, t.candidate_scope, coalesce(t.candidate_department, ''), t.candidate_users`;
/**
 * TASK_OFFERED for an open task, decided once per offer key: the keys of task_open_count (every open task's key, migration
 * 049, kept in the same transactions as task) that are offered to the user, hashed. Only for open tasks.
 */
const OFFERED_BY_KEY = `(${OFFER_KEY_EQ}) IN (SELECT ${OFFER_KEY_EQ} FROM task_open_count t WHERE ${TASK_OFFERED})`;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

function toTask(r: Record<string, unknown>): TaskRow {
  return {
    id: r.id as string,
    caseId: r.case_id as string,
    caseTitle: r.case_title as string,
    businessKey: r.business_key as string,
    processKey: r.process_key as string,
    elementId: r.element_id as string,
    name: r.name as string,
    status: r.status as TaskRow['status'],
    unitId: r.unit_id as string,
    candidateRoles: (r.candidate_roles as string[]) ?? [],
    candidateScope: (r.candidate_scope as CandidateScope | undefined) ?? 'unit',
    candidateUsers: (r.candidate_users as string[]) ?? [],
    candidateUserNames: (r.candidate_user_names as string[]) ?? [],
    assigneeId: (r.assignee_id as string | null) ?? null,
    assigneeName: (r.assignee_name as string | null) ?? null,
    formId: (r.form_id as string | null) ?? null,
    outcomes: (r.outcomes as string[]) ?? [],
    escalationLevel: Number(r.escalation_level ?? 0),
    dueAt: iso(r.due_at),
    createdAt: iso(r.created_at)!,
    completedAt: iso(r.completed_at),
    completedBy: (r.completed_by as string | null) ?? null,
    completedByName: (r.completed_by_name as string | null) ?? null,
    outcome: (r.outcome as string | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    customerId: (r.customer_id as string | null) ?? null,
    customerName: (r.customer_name as string | null) ?? null,
    priority: Number(r.priority),
    sla: r.sla as SlaState,
    customerLevel: (r.customer_level as TaskRow['customerLevel']) ?? null,
    customerUnitPath: (r.customer_unit_path as string | null) ?? null,
    ...(r.actionable === undefined ? {} : { offer: { actionable: r.actionable === true, assignedOrOffered: r.assigned_or_offered === true } }),
  };
}

// Keyset pagination: the cursor is the sort key of the last row returned.
const dueKey = (r: Record<string, unknown>) => (r.due_at as string | null) ?? 'Infinity';
const SORTS = {
  due: { columns: [DUE_KEY, 't.created_at', 't.id'], keys: (r: Record<string, unknown>) => [dueKey(r), r.created_at, r.id], dir: 'ASC' },
  created: { columns: ['t.created_at', 't.id'], keys: (r: Record<string, unknown>) => [r.created_at, r.id], dir: 'DESC' },
  priority: { columns: [PRIORITY, DUE_KEY, 't.id'], keys: (r: Record<string, unknown>) => [Number(r.priority), dueKey(r), r.id], dir: 'ASC' },
  // One customer's tasks all bear its tier (migration 059's triggers keep the copies with the customer, in the same
  // transaction), so by priority they are in due order: read along that customer's due range (migration 050's indexes),
  // not along the priority index past every task of a higher tier (181 ms for a tier-B customer at 1M tasks).
  priorityOfOneCustomer: { columns: [DUE_KEY, 't.id'], keys: (r: Record<string, unknown>) => [dueKey(r), r.id], dir: 'ASC' },
} as const;

const encodeCursor = (keys: unknown[]) => Buffer.from(JSON.stringify(keys)).toString('base64url');
export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(keys) ? keys : undefined;
  } catch {
    return undefined;
  }
}

const STATUS_LITERAL = { open: `'open'`, completed: `'completed'` } as const;
/**
 * The LIMIT written into a page's text: one more row than asked (is there a next page?), rounded up
 * to a few sizes so that any limit the contract allows (1–200) makes one of five texts, not 200.
 */
export function fetchSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive whole number, not ${limit}`);
  return [11, 21, 51, 101, 201].find((n) => n > limit) ?? limit + 1;
}

/** Up to about this many candidates the search tests and sorts them; beyond it, the walk in page order finds a page sooner. */
const FEW_TEXT_MATCHES = 1000;
// pg_trgm finds a LIKE pattern through its index only if the pattern holds three letters or digits
// in a row — letters as the database's LC_CTYPE knows them: with a UTF-8 locale (C.UTF-8,
// zh_CN.UTF-8, PGlite) Chinese too; with the plain C locale only ASCII (then a Chinese term has no
// trigram, and asking the index would read all of it).
const TRIGRAM_SEARCHABLE = { unicode: /[\p{L}\p{N}]{3}/u, ascii: /[A-Za-z0-9]{3}/ };

/**
 * Free text in the open lists: a term's matches among the first OPEN_TEXT_PROBE open tasks in due order tell how dense
 * it is along the walk. Below OPEN_TEXT_DENSE of them its open tasks (up to FEW_OPEN_TEXT) are read through migration
 * 056's index instead. The walk reads about page ÷ (density × the share the user sees) tasks, the index about density ×
 * open tasks: at 100k open tasks and a user seeing 15 % of them the two meet near 6 %.
 */
const OPEN_TEXT_PROBE = 200;
const OPEN_TEXT_DENSE = 12;
const FEW_OPEN_TEXT = 5000;
const TEXT_VERDICT_KEPT_MS = 10_000;
/** The open task's searched texts as one (migration 056's index expression, written identically so the index serves it). */
const OPEN_TEXT = `(coalesce(t.name, '') || ' ' || coalesce(t.case_business_key, '') || ' ' || coalesce(t.case_title, '') || ' ' || coalesce(t.customer_name, ''))`;

/** Up to this many open tasks offered to a user, their page is read through the units they are in; beyond it, the walk in page order. */
const FEW_OFFERED = 2000;
const MANY_OFFERED_KEPT_MS = 10_000;
/** …and only if the open tasks number at least this many times those offered to the user (their tasks sparse in the due order). */
const SPARSE_RATIO = 50;
/** Per-user "keep the walk" verdicts, each remembered MANY_OFFERED_KEPT_MS; forgotten all at once past 10,000 users. */
function walkVerdicts() {
  const until = new Map<string, number>();
  return {
    has: (userId: string) => (until.get(userId) ?? 0) > Date.now(),
    remember(userId: string) {
      if (until.size > 10_000) until.clear();
      until.set(userId, Date.now() + MANY_OFFERED_KEPT_MS);
    },
  };
}
/** Up to this many completed tasks in the units a user's roles reach, their 已完成 page is read through those units. */
const FEW_DONE = 2000;

/**
 * `textSearchByIndex: false`: free text by the walk alone (the oracle of test/integration/task-text-search.test.ts);
 * `fewOfferedByUnit: false`: pages by the walk alone (the oracle of test/integration/task-counts.test.ts), and
 * `sparseRatio: 0` there to take the units' plan whenever the user is offered few, however dense (SPARSE_RATIO);
 * `caselessLike: false`: ILIKE for every term, also one that LIKE matches the same (db/text-like.ts; with the walk, the oracle).
 */
export function createTaskRepository(db: Db, opts: { textSearchByIndex?: boolean; fewOfferedByUnit?: boolean; sparseRatio?: number; caselessLike?: boolean } = {}) {
  let letters: Promise<RegExp> | undefined;
  const trigramLetters = () =>
    (letters ??= db
      .query<{ cjk: boolean }>(`SELECT show_trgm('宁波港城') <> '{}' AS cjk`)
      .then(({ rows }) => (rows[0]!.cjk ? TRIGRAM_SEARCHABLE.unicode : TRIGRAM_SEARCHABLE.ascii))
      .catch((err: unknown) => {
        letters = undefined; // asked again next time (the database may have been down)
        throw err;
      }));

  /**
   * A free-text term's few candidates in the completed lists, or undefined when it has many (or cannot use the trigram
   * indexes, migration 051): the tasks named so, the cases numbered or titled so, the customers
   * named so — a superset of the matches (titles and customer names are matched here whoever may
   * read them), in any status. Each branch is one trigram index range, bounded; cases and customers
   * are counted by their tasks only where that is cheap (a customer's, through its index), cases by
   * themselves. Counting the open candidates exactly cost more than the search for a common term (a
   * parallel join over ~10k mostly closed cases, 30–100 ms at 1M tasks), and the planner's
   * estimate cannot tell (one customer "matches" with all its tasks). Either way the page is the
   * same (test/integration/task-text-search.test.ts); only its cost differs.
   */
  async function fewTextCandidates(pattern: string, like: 'LIKE' | 'ILIKE'): Promise<{ tasks: string[]; cases: string[]; customers: string[] } | undefined> {
    if (opts.textSearchByIndex === false || !(await trigramLetters()).test(pattern)) return undefined;
    const bound = FEW_TEXT_MATCHES + 1;
    // Whether they are few is decided here too, and only few come back: a common term's 1,001 case
    // ids, read into an array only to be dropped, cost the API ≈ 1.6 ms of CPU a search (issue 19).
    const { rows } = await db.query<{ few: boolean; tasks: string[] | null; cases: string[] | null; customers: string[] | null }>(
      `WITH found AS MATERIALIZED (
         SELECT (SELECT array_agg(id) FROM (SELECT id FROM task WHERE name ${like} $1 LIMIT ${bound}) b) AS tasks,
                (SELECT array_agg(id) FROM (SELECT id FROM process_case WHERE business_key ${like} $1 OR title ${like} $1 LIMIT ${bound}) b) AS cases,
                (SELECT array_agg(id) FROM (SELECT id FROM customer WHERE name ${like} $1 LIMIT ${bound}) b) AS customers,
                (SELECT count(*) FROM (SELECT 1 FROM customer cu JOIN task t ON t.customer_id = cu.id WHERE cu.name ${like} $1 LIMIT ${bound}) b) AS customer_tasks),
       judged AS (SELECT found.*, coalesce(cardinality(tasks), 0) + coalesce(cardinality(cases), 0) + customer_tasks <= ${FEW_TEXT_MATCHES} AS few FROM found)
       SELECT few, CASE WHEN few THEN tasks END AS tasks, CASE WHEN few THEN cases END AS cases, CASE WHEN few THEN customers END AS customers FROM judged`,
      [pattern],
    );
    const r = rows[0]!;
    return r.few ? { tasks: r.tasks ?? [], cases: r.cases ?? [], customers: r.customers ?? [] } : undefined;
  }

  // The verdict only picks a plan (either gives the same rows), and a term's density changes slowly: kept a while per
  // pattern, it spares a search's next pages and the refreshes of an open result list the probe (≈ 2 ms of PostgreSQL
  // for a common term at 1M tasks, issue 19).
  const sparseVerdicts = new Map<string, { sparse: boolean; until: number }>();
  /**
   * Whether a term is sparse along the open tasks' due order (fewer than OPEN_TEXT_DENSE of the first OPEN_TEXT_PROBE
   * match it) and has at most FEW_OPEN_TEXT open tasks: then the open list adds the test on the four texts joined, which
   * migration 056's trigram index answers, a superset of the exact test kept beside it. Left to the planner, that index
   * was chosen for a term in every task too (2.4 s at 1M tasks, 3 Dec): a LIKE's selectivity is a guess, so the probe
   * decides, and the count bounds what the index may cost.
   */
  async function openTextSparse(pattern: string, like: 'LIKE' | 'ILIKE'): Promise<boolean> {
    if (opts.textSearchByIndex === false || !(await trigramLetters()).test(pattern)) return false;
    const kept = sparseVerdicts.get(pattern);
    if (kept && kept.until > Date.now()) return kept.sparse;
    const { rows } = await db.query<{ sparse: boolean }>(
      `WITH probe AS (
         SELECT count(*) FILTER (WHERE text ${like} $1) < ${OPEN_TEXT_DENSE} AS sparse
           FROM (SELECT ${OPEN_TEXT} AS text FROM task t WHERE t.status = 'open' ORDER BY ${SORTS.due.columns.join(', ')} LIMIT ${OPEN_TEXT_PROBE}) p)
       SELECT sparse AND (SELECT count(*) FROM (SELECT 1 FROM task t WHERE t.status = 'open' AND ${OPEN_TEXT} ${like} $1 LIMIT ${FEW_OPEN_TEXT + 1}) b) <= ${FEW_OPEN_TEXT} AS sparse
         FROM probe`,
      [pattern],
    );
    if (sparseVerdicts.size >= 1000) sparseVerdicts.clear();
    sparseVerdicts.set(pattern, { sparse: rows[0]!.sparse, until: Date.now() + TEXT_VERDICT_KEPT_MS });
    return rows[0]!.sparse;
  }

  // Users whose pages keep the walk (many open tasks offered, or many completed in reach), for a while: see below.
  const walksOpen = walkVerdicts();
  /**
   * The units of the open tasks offered to the user, when those are few (task_open_count, migration 049: "offered"
   * tested once per key). The open page walks the due order testing each task; for a user who may see few of the
   * open tasks (a small unit in a large database) that walk read most of them before filling a page: 280 ms at 1M
   * tasks for east.cs_manager with 50 (bench B5's user, 2 Dec), against 3 ms for zj.cs_manager with 50,000.
   */
  async function fewOfferedUnits(user: SessionUser): Promise<string[] | undefined> {
    if (opts.fewOfferedByUnit === false || walksOpen.has(user.id)) return undefined;
    const { rows } = await db.query<{ n: string; total: string; units: string[] | null }>(
      prepared(
        `SELECT coalesce(sum(t.n), 0) AS n, (SELECT coalesce(sum(a.n), 0) FROM task_open_count a) AS total, array_agg(DISTINCT t.unit_id) AS units
           FROM task_open_count t WHERE ${TASK_OFFERED}`,
        [user.id],
      ),
    );
    const n = Number(rows[0]!.n);
    // Only where the user's tasks are sparse in the due order: the walk reads about (page size × open ÷ offered) tasks,
    // and where they are dense that is fewer than the units' plan costs (made per request, then sorted): at 10k tasks
    // zj.cs_manager, offered 150 of 1,000, got 2.5 ms pages by the walk and 7.4 ms through the units (2 Dec).
    if (n <= FEW_OFFERED && Number(rows[0]!.total) >= n * (opts.sparseRatio ?? SPARSE_RATIO)) return rows[0]!.units ?? [];
    // "Many" (or dense) is remembered a while: it only keeps the walk, which is right whatever the numbers (a user's
    // units are asked each time, as tasks of a new unit may be offered at any moment). Saves the big queues ≈ 0.5 ms a page.
    walksOpen.remember(user.id);
    return undefined;
  }

  const walksDone = walkVerdicts();
  /**
   * Where the completed tasks the user may see lie, when they are few: the units where the user holds a role (any
   * task there may have been offered to them) and the units below those (only a task with candidate scope
   * "ancestors" there), counted up to FEW_DONE + 1 through migration 054's index. The 已完成 page walks every
   * completed task newest first testing each: for a user in a small unit of a large database that read nearly all of
   * them before giving up (1.3 s at 1M tasks, 2 Dec).
   */
  async function fewDoneReach(user: SessionUser): Promise<{ held: string[]; below: string[] } | undefined> {
    if (opts.fewOfferedByUnit === false || walksDone.has(user.id)) return undefined;
    const { rows } = await db.query<{ held: string[]; below: string[]; n: string }>(
      prepared(
        `WITH r AS (SELECT ${ROLE_REACH})
         SELECT r.held, r.below,
                (SELECT count(*) FROM (SELECT 1 FROM task t WHERE t.status = 'completed' AND t.unit_id = ANY (r.held) LIMIT ${FEW_DONE + 1}) x)
              + (SELECT count(*) FROM (SELECT 1 FROM task t WHERE t.status = 'completed' AND t.candidate_scope = 'ancestors' AND t.unit_id = ANY (r.below) LIMIT ${FEW_DONE + 1}) x) AS n
           FROM r`,
        [user.id],
      ),
    );
    const r = rows[0]!;
    if (Number(r.n) <= FEW_DONE) return { held: r.held, below: r.below };
    walksDone.remember(user.id);
    return undefined;
  }

  /** `offered`: TASK_OFFERED, or for open tasks OFFERED_BY_KEY (the same rows). */
  function visibility(user: SessionUser, view: TaskFilter['view'], status: TaskFilter['status'], offered = TASK_OFFERED): string {
    // 我的 → 已办 is what the user did: a group task completed without a claim was never assigned to
    // them, and a task claimed by someone is completed by them only (task-service), so the completer
    // alone answers, from one index in the list's order (migration 055).
    if (view === 'mine') return status === 'completed' ? 't.completed_by = $1' : 't.assignee_id = $1';
    if (view === 'group') return `(t.assignee_id IS NULL AND ${offered})`;
    return taskVisible(user, offered);
  }

  return {
    /** One page of the inbox, in a stable order; `nextCursor` continues after its last row. */
    async list(user: SessionUser, f: TaskFilter): Promise<{ items: TaskRow[]; nextCursor: string | null }> {
      const params: unknown[] = [user.id];
      const add = (v: unknown) => `$${params.push(v)}`;
      // The status is written into the text (one of two words the contract allows): a plan made
      // without knowing it guesses half the tasks open instead of a tenth.
      // where[0] is who may see the task: for an open term read through its trigram index it is rewritten below.
      const where = [visibility(user, f.view, f.status), `t.status = ${STATUS_LITERAL[f.status]}`];
      if (f.processKey) where.push(`c.process_key = ${add(f.processKey)}`);
      if (f.dueBefore) where.push(`t.due_at < ${add(f.dueBefore)}`);
      // task.customer_id is the case's (migration 050 keeps it so): one index range per customer.
      if (f.customerId) where.push(`t.customer_id = ${add(f.customerId)}`);
      // A user offered few open tasks: the same test, plus a wider one that the units' index answers (every open task
      // the user may see is offered in one of those units, assigned to them or completed by them), the page then
      // sorted from those few. Planned for the user's units, not prepared: a generic plan cannot tell few from many.
      // 待认领 is the tasks offered to the user whoever they are: an auditor, who sees every task, is offered none, and
      // their group page walked every open task to find that out (351 ms at 1M tasks, 3 Dec); now one counter read.
      let fewUnits = false;
      if (f.status === 'open' && (f.view === 'group' || (f.view === 'all' && !seesEverything(user)))) {
        const units = await fewOfferedUnits(user);
        if (units) {
          fewUnits = true;
          where.push(f.view === 'group' ? `t.unit_id = ANY (${add(units)}::text[])` : `(t.unit_id = ANY (${add(units)}::text[]) OR t.assignee_id = $1 OR t.completed_by = $1)`);
        }
      }
      // The same for completed tasks, which have no counters: every completed task the user may see is in a unit where
      // they hold a role, or below one with candidate scope "ancestors", names them as a candidate user, or was
      // assigned to or completed by them (policy/sql.ts TASK_VISIBLE; one index each, migration 054).
      if (f.status === 'completed' && f.view !== 'mine' && !seesEverything(user)) {
        const reach = await fewDoneReach(user);
        if (reach) {
          fewUnits = true;
          where.push(`(t.unit_id = ANY (${add(reach.held)}::text[]) OR (t.candidate_scope = 'ancestors' AND t.unit_id = ANY (${add(reach.below)}::text[]))
                       OR t.candidate_users @> ARRAY[$1::text] OR t.assignee_id = $1 OR t.completed_by = $1)`);
        }
      }
      // Whether the free text's candidates come through a trigram index (then sorted), not from the walk in page order.
      let textByIndex = false;
      if (f.q) {
        const pattern = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        const like = add(pattern);
        const op = opts.caselessLike === false ? 'ILIKE' : likeOperatorFor(f.q);
        // A case's title and customer name are matched only where the user may read that customer:
        // a match would otherwise confirm a secret customer's name.
        const cleared = customerCleared(user, '$1', 'qcu.confidentiality', 'qcuu.path');
        // Tested on each task while walking the page's order, stopping once the page is full: a
        // common word fills the page within a few thousand tasks. The texts are the task's own
        // copies (migration 052), the customer checked only where a title or customer name matched;
        // CASE keeps PostgreSQL from checking it first (as AND may). A join instead of the walk
        // read every case of the database for each search (929 ms at 1M tasks), and looking up each
        // task's case and customer cost ≈ 8 µs a task (bench/results/inbox-scale-2026-12-01.md).
        // The customers the user may not read are among the few of a restricted level (migration 058's
        // index): listed once per search and hashed, instead of each matching task looking its customer
        // up (1,233 look-ups, most of the search's buffer reads, for a common term at 1M tasks, issue 19).
        // A customer id no customer has hides nothing, as a task without a customer.
        where.push(`(t.name ${op} ${like} OR t.case_business_key ${op} ${like}
                     OR CASE WHEN t.case_title ${op} ${like} OR t.customer_name ${op} ${like}
                             THEN t.customer_id IS NULL
                               OR t.customer_id NOT IN (SELECT qcu.id FROM customer qcu LEFT JOIN org_unit qcuu ON qcuu.id = qcu.unit_id
                                                         WHERE ${restrictedLevel('qcu.confidentiality')} AND (${cleared}) IS NOT TRUE)
                             ELSE false END)`);
        // Open tasks: a term sparse along the due order (a name, a number, a word of few cases' titles) is read through
        // the open tasks' own trigram index (migration 056) instead of walking past every visible task (0.5–1.5 s at 1M
        // tasks for a term with no match); a dense one keeps the walk, which fills a page within a few hundred tasks.
        // Completed tasks: a term with few matches anywhere has its tasks found through the trigram indexes of tasks,
        // cases and customers (migration 051); one with many keeps the walk. Either way the exact test above decides.
        if (f.status === 'open') {
          textByIndex = await openTextSparse(pattern, op);
          if (textByIndex) {
            where.push(`${OPEN_TEXT} ${op} ${like}`);
            // Each of the index's candidates (≈ 1,200 for a common term at 1M tasks) tested "offered" with a look-up
            // of the user's roles; the open tasks' offer keys are few (task_open_count, migration 049), so "offered" is
            // decided once per key and the candidates are hashed against the keys offered (issue 19).
            where[0] = visibility(user, f.view, f.status, OFFERED_BY_KEY);
          }
        } else {
          const few = await fewTextCandidates(pattern, op);
          textByIndex = few !== undefined;
          if (few) where.push(`(t.id = ANY (${add(few.tasks)}::text[]) OR t.case_id = ANY (${add(few.cases)}::text[]) OR t.customer_id = ANY (${add(few.customers)}::text[]))`);
        }
      }
      const sort = f.sort === 'priority' && f.customerId ? SORTS.priorityOfOneCustomer : SORTS[f.sort];
      if (f.cursor) {
        const keys = decodeCursor(f.cursor);
        if (keys && keys.length === sort.columns.length) {
          const placeholders = keys.map((k, i) => `${add(k)}${i === 0 && sort === SORTS.priority ? '::int' : i < sort.columns.length - 1 ? '::timestamptz' : ''}`);
          where.push(`(${sort.columns.join(', ')}) ${sort.dir === 'ASC' ? '>' : '<'} (${placeholders.join(', ')})`);
        }
      }
      const order = sort.columns.map((c) => `${c} ${sort.dir}`).join(', ');
      const offer = f.status === 'open' && (f.view === 'group' || f.view === 'mine') ? OFFERED : WITH_OFFER;
      const pageOf = `ORDER BY ${order} LIMIT ${fetchSize(f.limit)}`;
      // Plans that gather candidates and then sort them (a user's few units, the trigram matches of a term sparse along the page's order) choose
      // the page from the task rows alone, and only its rows are joined, named and given their actions: joined first,
      // every candidate was — a quarter of a common term's search at 1M tasks (12.3 → 9.2 ms, issue 19). Only where the
      // condition and the order read nothing but the task (no process filter; the priority is the task's copy, migration 059).
      const pageFirst = (fewUnits || textByIndex) && !f.processKey;
      const text = pageFirst
        ? `${selectTasks(offer, `(SELECT t.* FROM task t WHERE ${where.join(' AND ')} ${pageOf}) t`)} ${pageOf}`
        : `${selectTasks(offer)} WHERE ${where.join(' AND ')} ${pageOf}`;
      // Without free text the text is one of a few per filter shape, and planning it cost as much
      // as running it (≈ 0.9 ms each at 1M tasks): prepared, PostgreSQL keeps a generic plan after
      // five runs, the same walk of the due order a plan for the user's own id makes. A free-text
      // search keeps a plan made for its pattern, except in the open lists: there the text written above already chose
      // the plan (the trigram index for a sparse term, else the walk of the order's index), and a custom plan, made for
      // the pattern, was the same plan planned again each search (≈ 3.6 of 12 ms for a common term at 1M tasks, 1.3–4 ms
      // for a dense one); with its parameters out of the planner's sight it is planned once per connection (paramsOpaque,
      // issue 19; generic and custom plans compared at 1M tasks in bench/results/free-text-plan-2026-12-03.md; by customer
      // priority, since migration 059, the same two plans on its own index). Not for a user's few units (the units decide
      // the plan), nor for the walk-alone oracle of the tests, which keeps the plain statement.
      const planOnce = Boolean(f.q) && f.status === 'open' && !fewUnits && opts.textSearchByIndex !== false;
      // 我的 已完成 by due time or priority: either the user's completed tasks sorted (migration 055's index) or a walk of
      // the order's index (migration 059) testing the completer, and only the user's own count tells which is cheaper
      // (a generic plan, made for no one, would walk 900k tasks for a user who completed a few): planned for the user.
      const perUser = f.view === 'mine' && f.status === 'completed' && f.sort !== 'created';
      const { rows } = await db.query(
        planOnce ? prepared(paramsOpaque(text, params.length), params) : f.q || fewUnits || perUser ? { text, values: params } : prepared(text, params),
      );
      const page = rows.slice(0, f.limit);
      const last = page.at(-1);
      return { items: page.map(toTask), nextCursor: rows.length > f.limit && last ? encodeCursor(sort.keys(last)) : null };
    },

    /**
     * Badge counts of open tasks per view, the same numbers as the scan over every open task
     * (the property test test/integration/task-counts.test.ts keeps that scan as its oracle) from task_open_count (migration
     * 049, and task_open_edge, 057, for the current hour's past minutes): "offered" is tested once per offer key,
     * not once per task. Only the tasks whose due or due-soon moment falls between the current minute's start
     * and now, and the user's own tasks not offered to them, are read from task itself.
     */
    async counts(user: SessionUser): Promise<{ mine: number; group: number; all: number; overdue: number; dueSoon: number }> {
      const everything = seesEverything(user);
      // Visible without being offered (assigned to or completed by the user): counted from task; auditors see every key anyway.
      const direct = everything
        ? `SELECT 0 AS n, 0 AS overdue, 0 AS due_soon`
        : `SELECT count(*) AS n, count(*) FILTER (WHERE t.due_at < now()) AS overdue,
                  count(*) FILTER (WHERE t.due_at >= now() AND t.due_at - now() < (t.due_at - t.created_at) / 4) AS due_soon
             FROM task t WHERE t.status = 'open' AND (t.assignee_id = $1 OR t.completed_by = $1) AND NOT ${TASK_OFFERED}`;
      const edgeFilter = everything ? '' : ` AND ${TASK_MAY_BE_OFFERED}`;
      // Prepared: its text is fixed per kind of user, and planning it (≈ 2.1 ms at 1M tasks) cost four times running it.
      const { rows } = await db.query(prepared(
        paramsOpaque(`WITH h AS (SELECT task_hour(now()) AS hour),
              k AS (SELECT t.claimed, t.due_hour, t.soon_hour, t.n, o.offered
                      FROM task_open_count t CROSS JOIN LATERAL (SELECT ${TASK_OFFERED} AS offered OFFSET 0) o
                     ${everything ? '' : `WHERE ${TASK_OFFERED}`}),
              -- The current hour's tasks so far by offer key, so that "offered" is tested once per key here too:
              -- its past minutes from task_open_edge (migration 057: a row per key and minute, however many
              -- tasks a burst put there), the current minute's tasks from the indexes of migration 053 alone.
              -- Keys in units the user has no role in, or below, are dropped first (issue 19). The bounds are written
              -- with now(), not read from h, so that the planner estimates a minute's rows, not a third of the table's.
              edge_keys AS (SELECT ${OFFER_KEY}, sum(t.n) FILTER (WHERE t.kind = 'due') AS overdue, sum(t.n) FILTER (WHERE t.kind = 'soon') AS soon
                              FROM task_open_edge t WHERE t.minute >= task_hour(now()) AND t.minute < task_minute(now())${edgeFilter} GROUP BY ${OFFER_KEY}
                            UNION ALL
                            SELECT ${OFFER_KEY}, count(*), 0
                              FROM task t WHERE t.status = 'open' AND t.due_at >= task_minute(now()) AND t.due_at < now()${edgeFilter} GROUP BY ${OFFER_KEY}
                            UNION ALL
                            SELECT ${OFFER_KEY}, 0, count(*)
                              FROM task t WHERE t.status = 'open' AND t.due_soon_at >= task_minute(now()) AND t.due_soon_at < now()${edgeFilter} GROUP BY ${OFFER_KEY}),
              edge AS (SELECT coalesce(sum(t.overdue), 0) AS overdue, coalesce(sum(t.soon), 0) AS soon
                         FROM edge_keys t WHERE ${everything ? '$1::text IS NOT NULL' : TASK_OFFERED}),
              keyed AS (SELECT coalesce(sum(k.n) FILTER (WHERE NOT k.claimed AND k.offered), 0) AS "group",
                               coalesce(sum(k.n), 0) AS "all",
                               coalesce(sum(k.n) FILTER (WHERE k.due_hour < h.hour), 0) AS overdue,
                               coalesce(sum(k.n) FILTER (WHERE k.soon_hour < h.hour), 0) AS soon
                          FROM k, h),
              direct AS (${direct})
         SELECT (SELECT count(*) FROM task t WHERE t.status = 'open' AND t.assignee_id = $1) AS mine,
                keyed."group", keyed."all" + direct.n AS "all",
                keyed.overdue + edge.overdue + direct.overdue AS overdue,
                -- Due soon or overdue, less overdue: due_soon_at is never after due_at.
                keyed.soon + edge.soon - keyed.overdue - edge.overdue + direct.due_soon AS due_soon
           FROM keyed, edge, direct`, 1),
        [user.id],
      ));
      const r = rows[0]!;
      return { mine: Number(r.mine), group: Number(r.group), all: Number(r.all), overdue: Number(r.overdue), dueSoon: Number(r.due_soon) };
    },

    async findById(id: string): Promise<TaskRow | undefined> {
      const { rows } = await db.query(`${SELECT} WHERE t.id = $1`, [id]);
      return rows[0] ? toTask(rows[0]) : undefined;
    },

    /** May act on it: assigned to the user, or offered to them and not claimed by someone else. */
    async mayComplete(user: SessionUser, taskId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM task t WHERE t.id = $2 AND ${TASK_ACTIONABLE}`, [user.id, taskId]);
      return rows.length > 0;
    },

    /** Assigned to the user or offered to them (claimed by someone else or not). */
    async isOfferedTo(user: SessionUser, taskId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM task t WHERE t.id = $2 AND ${TASK_ASSIGNED_OR_OFFERED}`, [user.id, taskId]);
      return rows.length > 0;
    },

    /** May read it (auditors and admins read everything). */
    async maySee(user: SessionUser, taskId: string): Promise<boolean> {
      if (seesEverything(user)) return true;
      const { rows } = await db.query(`SELECT 1 FROM task t WHERE t.id = $2 AND ${TASK_VISIBLE}`, [user.id, taskId]);
      return rows.length > 0;
    },

    /** Whether the task may be delegated to this user without an override (ELIGIBLE_DELEGATE). */
    async isEligibleDelegate(taskId: string, userId: string): Promise<boolean> {
      const { rows } = await db.query(`SELECT 1 FROM task t JOIN app_user u ON u.id = $2 WHERE t.id = $1 AND ${ELIGIBLE_DELEGATE}`, [taskId, userId]);
      return rows.length > 0;
    },

    /** The people the task may be delegated to, by name, a page at a time; `except` (the delegator, the assignee) left out. */
    async eligibleDelegates(taskId: string, o: { q?: string | undefined; limit: number; offset: number; except: string[] }): Promise<{ items: EligibleUser[]; nextOffset: number | null }> {
      const { rows } = await db.query(
        `SELECT u.id, u.display_name, u.unit_id, ou.name AS unit_name, ou.name_en AS unit_name_en,
                coalesce((SELECT array_agg(DISTINCT r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id AND r.role = ANY (t.candidate_roles)), '{}') AS roles
           FROM task t JOIN app_user u ON ${ELIGIBLE_DELEGATE} JOIN org_unit ou ON ou.id = u.unit_id
          WHERE t.id = $1 AND NOT (u.id = ANY ($2::text[]))
            AND ($3::text IS NULL OR u.display_name ILIKE '%' || $3 || '%' OR u.username ILIKE '%' || $3 || '%')
          ORDER BY u.display_name, u.id LIMIT $4 OFFSET $5`,
        [taskId, o.except, o.q?.replace(/[\\%_]/g, (c) => `\\${c}`) ?? null, o.limit + 1, o.offset],
      );
      const items = rows.slice(0, o.limit).map((r) => ({ id: r.id, displayName: r.display_name, unitId: r.unit_id, unitName: r.unit_name, unitNameEn: r.unit_name_en, roles: r.roles }));
      return { items, nextOffset: rows.length > o.limit ? o.offset + o.limit : null };
    },

    /** Earlier completed steps of a case, oldest first, with what they recorded. */
    async steps(caseId: string): Promise<StepRow[]> {
      const { rows } = await db.query(
        `SELECT t.id, t.element_id, t.name, t.completed_by, ${userNameSql('t.completed_by')} AS completed_by_name, t.completed_at, t.outcome, t.comment, t.data FROM task t
          WHERE t.case_id = $1 AND t.status = 'completed' ORDER BY t.completed_at, t.id`,
        [caseId],
      );
      return rows.map((r) => ({
        taskId: r.id,
        elementId: r.element_id,
        name: r.name,
        completedBy: r.completed_by,
        completedByName: r.completed_by_name,
        completedAt: iso(r.completed_at),
        outcome: r.outcome,
        comment: r.comment,
        data: r.data ?? {},
      }));
    },

    /** Materialised paths of all org units (a small table), for confidentiality checks. */
    async unitPaths(): Promise<Map<string, string>> {
      const { rows } = await db.query<{ id: string; path: string }>('SELECT id, path FROM org_unit');
      return new Map(rows.map((r) => [r.id, r.path]));
    },

    async comments(taskId: string): Promise<CommentRow[]> {
      const { rows } = await db.query(
        `SELECT tc.id::text, tc.author_id, u.display_name, tc.body, tc.at FROM task_comment tc JOIN app_user u ON u.id = tc.author_id
          WHERE tc.task_id = $1 ORDER BY tc.id`,
        [taskId],
      );
      return rows.map((r) => ({ id: r.id, authorId: r.author_id, authorName: r.display_name, body: r.body, at: iso(r.at)! }));
    },

    async addComment(task: { id: string; caseId: string }, authorId: string, body: string): Promise<CommentRow> {
      const { rows } = await db.query(
        `WITH c AS (INSERT INTO task_comment (task_id, case_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id, author_id, body, at)
         SELECT c.id::text, c.author_id, u.display_name, c.body, c.at FROM c JOIN app_user u ON u.id = c.author_id`,
        [task.id, task.caseId, authorId, body],
      );
      const r = rows[0]!;
      return { id: r.id, authorId: r.author_id, authorName: r.display_name, body: r.body, at: iso(r.at)! };
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;

// ---- writes (the workflows' projections) ----

export interface TaskOpened {
  caseId: string;
  taskId: string;
  elementId: string;
  name: string;
  unitId: string;
  candidateRoles: string[];
  /** Where the candidate roles must be held; absent = the task's unit only. */
  candidateScope?: CandidateScope;
  candidateUsers?: string[];
  /** shouwen:candidateDepartment: where the step went (db/departments.ts); absent = any holder of its roles. */
  departmentRoute?: DepartmentRoute;
  assigneeId?: string | null;
  formId?: string | null;
  outcomes?: string[];
  separationOfDuties?: boolean;
  dueAt?: string | null;
  createdAt: string;
}

export interface TaskCompleted {
  caseId: string;
  taskId: string;
  userId: string;
  outcome: string;
  comment: string | null;
  data: Record<string, unknown>;
  completedAt: string;
}

export interface TaskCancelled {
  caseId: string;
  taskId: string;
  /** Why: an interrupting boundary event, a multi-instance rule met, the case terminated. */
  reason: string;
  at: string;
}

export interface TaskAssigned {
  caseId: string;
  taskId: string;
  /** claim / unclaim / delegate, and who did it. */
  action: 'claim' | 'unclaim' | 'delegate';
  actorId: string;
  assigneeId: string | null;
  /** Distinguishes repeated actions on the same task (the Update ID). */
  actionId: string;
  reason?: string;
  /** A delegation outside the step's candidates, by a manager (policy/capabilities.ts). */
  override?: boolean;
  at: string;
}

export interface TaskEscalated {
  caseId: string;
  taskId: string;
  fromUnitId: string;
  at: string;
  /** The new due time at the next level (multi-level escalation); absent on the old one-level rule. */
  dueAt?: string;
}


const ASSIGNMENT_EVENT = { claim: 'task.claimed', unclaim: 'task.unclaimed', delegate: 'task.delegated' } as const;

/**
 * The task table's writes, made by the workflows' projection activities. Every write is keyed by
 * deterministic IDs (workflow + element + occurrence) and guarded by the current status, so a
 * retried or late write never duplicates a row or undoes a newer state.
 */
export function createTaskWrites(db: Db) {
  return {
    async opened(t: TaskOpened): Promise<void> {
      await db.query(
        `INSERT INTO task (id, case_id, element_id, name, status, unit_id, assignee_id, candidate_roles, candidate_users, form_id, outcomes,
                           separation_of_duties, due_at, created_at, candidate_scope, candidate_department)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING`,
        [
          t.taskId,
          t.caseId,
          t.elementId,
          t.name,
          t.unitId,
          t.assigneeId ?? null,
          t.candidateRoles,
          t.candidateUsers ?? [],
          t.formId ?? null,
          t.outcomes ?? ['approve', 'reject'],
          t.separationOfDuties ?? false,
          t.dueAt ?? null,
          t.createdAt,
          t.candidateScope ?? 'unit',
          t.departmentRoute && !t.departmentRoute.fallbackRoles ? t.departmentRoute.department : null,
        ],
      );
      await appendCaseEvent(db, { key: `${t.taskId}/opened`, caseId: t.caseId, kind: 'task.opened', at: t.createdAt, taskId: t.taskId, payload: { elementId: t.elementId } });
      if (t.departmentRoute) {
        await appendCaseEvent(db, { key: `${t.taskId}/department`, caseId: t.caseId, kind: 'task.department', at: t.createdAt, taskId: t.taskId, payload: departmentRouteEvent(t.departmentRoute, t.elementId) });
      }
    },

    async completed(t: TaskCompleted): Promise<void> {
      await db.query(
        `UPDATE task SET status = 'completed', completed_at = $2, completed_by = $3, outcome = $4, comment = $5, data = $6
         WHERE id = $1 AND status = 'open'`,
        [t.taskId, t.completedAt, t.userId, t.outcome, t.comment, JSON.stringify(t.data)],
      );
      await appendCaseEvent(db, {
        key: `${t.taskId}/completed`,
        caseId: t.caseId,
        kind: 'task.completed',
        at: t.completedAt,
        taskId: t.taskId,
        actorId: t.userId,
        payload: { outcome: t.outcome, comment: t.comment, data: t.data },
      });
    },

    async cancelled(t: TaskCancelled): Promise<void> {
      await db.query(`UPDATE task SET status = 'cancelled', completed_at = $2 WHERE id = $1 AND status = 'open'`, [t.taskId, t.at]);
      await appendCaseEvent(db, { key: `${t.taskId}/cancelled`, caseId: t.caseId, kind: 'task.cancelled', at: t.at, taskId: t.taskId, payload: { reason: t.reason } });
    },

    /** Returns the step's name and the actor's display name, for the notice a delegation sends. */
    async assigned(t: TaskAssigned): Promise<{ taskName: string; actorName: string | null } | undefined> {
      await db.query(`UPDATE task SET assignee_id = $2, claimed_at = CASE WHEN $2::text IS NULL THEN NULL ELSE $3::timestamptz END WHERE id = $1 AND status = 'open'`, [
        t.taskId,
        t.assigneeId,
        t.at,
      ]);
      await appendCaseEvent(db, {
        key: `${t.taskId}/${t.action}/${t.actionId}`,
        caseId: t.caseId,
        kind: ASSIGNMENT_EVENT[t.action],
        at: t.at,
        taskId: t.taskId,
        actorId: t.actorId,
        payload: { assigneeId: t.assigneeId, ...(t.reason ? { reason: t.reason } : {}), ...(t.override ? { override: true } : {}) },
      });
      const { rows } = await db.query<{ name: string; actor_name: string | null }>(`SELECT t.name, ${userNameSql('$2::text')} AS actor_name FROM task t WHERE t.id = $1`, [t.taskId, t.actorId]);
      return rows[0] ? { taskName: rows[0].name, actorName: rows[0].actor_name } : undefined;
    },

    /** 首问责任制: an overdue task moves one level up the org tree. Returns the unit it now belongs to. */
    async escalated(t: TaskEscalated): Promise<{ toUnitId: string; name: string; ownerId: string | null; candidateRoles: string[]; candidateScope: CandidateScope; candidateDepartment: string | null } | { toUnitId: string }> {
      const { rows } = await db.query<{ parent_id: string | null }>('SELECT parent_id FROM org_unit WHERE id = $1', [t.fromUnitId]);
      const toUnitId = rows[0]?.parent_id ?? t.fromUnitId;
      // Climbing level by level (dueAt given), the top of the tree is where it stops: nothing moves, nobody is told again.
      if (t.dueAt && toUnitId === t.fromUnitId) return { toUnitId };
      await db.query(
        `UPDATE task SET unit_id = $2, assignee_id = NULL, claimed_at = NULL, escalation_level = escalation_level + 1, due_at = COALESCE($4::timestamptz, due_at)
         WHERE id = $1 AND status = 'open' AND unit_id = $3`,
        [t.taskId, toUnitId, t.fromUnitId, t.dueAt ?? null],
      );
      await appendCaseEvent(db, {
        key: `${t.taskId}/escalated/${t.fromUnitId}`,
        caseId: t.caseId,
        kind: 'task.escalated',
        at: t.at,
        taskId: t.taskId,
        payload: { fromUnitId: t.fromUnitId, toUnitId, ...(t.dueAt && { dueAt: t.dueAt }) },
      });
      const { rows: info } = await db.query<{ owner_id: string | null; name: string; candidate_roles: string[]; candidate_scope: CandidateScope; candidate_department: string | null }>(
        `SELECT c.owner_id, t.name, t.candidate_roles, t.candidate_scope, t.candidate_department FROM task t JOIN process_case c ON c.id = t.case_id WHERE t.id = $1`,
        [t.taskId],
      );
      const i = info[0];
      return i ? { toUnitId, name: i.name, ownerId: i.owner_id, candidateRoles: i.candidate_roles, candidateScope: i.candidate_scope, candidateDepartment: i.candidate_department } : { toUnitId };
    },
  };
}

export type TaskWrites = ReturnType<typeof createTaskWrites>;
