import { MASKED_NAME, type Confidentiality } from '../policy/confidentiality';
import { customerCleared } from '../policy/sql';
import type { RoleHolder } from '../policy/roles';
import { classifyByValue, type Tier, type TierResult, type TierRule } from '../domain/customer-tiers';
import type { Db } from './pool';

// 客户关系维护 (issue 15): the 客户分类标准 (customer_tier_rule), the tier history a computation
// writes, the visit log of 实施服务方案 and the 客户名册 read. Migration 033.

type Queryable = Pick<Db, 'query'>;

const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

export interface TierRuleRow extends TierRule {
  name: string;
  callbackCoverage: number;
  followUpDays: number;
  complaintDays: number;
}

const ruleOf = (r: Record<string, unknown>): TierRuleRow => ({
  tier: r.tier as Tier,
  name: r.name as string,
  priorShareBelow: r.prior_share_below == null ? null : Number(r.prior_share_below),
  callbackCoverage: Number(r.callback_coverage),
  followUpDays: Number(r.follow_up_days),
  complaintDays: Number(r.complaint_days),
});

export async function tierRules(db: Queryable): Promise<TierRuleRow[]> {
  const { rows } = await db.query('SELECT tier, name, prior_share_below, callback_coverage, follow_up_days, complaint_days FROM customer_tier_rule ORDER BY tier');
  return rows.map(ruleOf);
}

/** The customer's tier and the rule it is under now: what a tier's effect (回访 coverage, follow-up days) reads. */
export async function tierRuleOf(db: Queryable, customerId: string): Promise<TierRuleRow | undefined> {
  const { rows } = await db.query(
    `SELECT r.tier, r.name, r.prior_share_below, r.callback_coverage, r.follow_up_days, r.complaint_days
       FROM customer c JOIN customer_tier_rule r ON r.tier = c.tier WHERE c.id = $1`,
    [customerId],
  );
  return rows[0] ? ruleOf(rows[0]) : undefined;
}

/** Every customer of the unit and the units below it, with its sales of the last 365 China days. */
async function unitSales(db: Queryable, unitId: string): Promise<Array<{ customerId: string; sales: number; tier: string }>> {
  const { rows } = await db.query(
    `SELECT c.id, c.tier, coalesce(sum(p.amount) FILTER (WHERE p.purchased_on > ${TODAY} - 365), 0) AS sales
       FROM customer c JOIN org_unit cu ON cu.id = c.unit_id JOIN org_unit u ON u.id = $1
       LEFT JOIN purchase p ON p.customer_id = c.id
      WHERE cu.path = u.path OR starts_with(cu.path, u.path || '/')
      GROUP BY c.id, c.tier`,
    [unitId],
  );
  return rows.map((r) => ({ customerId: r.id as string, sales: Number(r.sales), tier: r.tier as string }));
}

/**
 * 客户分类: ranks the unit's customers by sales against the rules, records every customer's tier
 * (before → after) under `key` and sets the changed ones. Run inside a transaction; a second run
 * with the same key (a retried activity) changes nothing and returns what the first one decided.
 */
export async function classifyUnitCustomers(tx: Queryable, g: { key: string; unitId: string; caseId: string }): Promise<{ results: TierResult[]; changed: number; created: boolean }> {
  const done = await tx.query('SELECT customer_id, sales, prior_share, tier_after FROM customer_tier_history WHERE computation_key = $1', [g.key]);
  if (done.rows.length) {
    const results = done.rows.map((r) => ({ customerId: r.customer_id as string, sales: Number(r.sales), priorShare: r.prior_share == null ? null : Number(r.prior_share), tier: r.tier_after as Tier }));
    return { results, changed: 0, created: false };
  }
  // One computation per unit at a time: two cases classifying at once would interleave their updates.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`customer-tier:${g.unitId}`]);
  const [customers, rules] = await Promise.all([unitSales(tx, g.unitId), tierRules(tx)]);
  const before = new Map(customers.map((c) => [c.customerId, c.tier]));
  const results = classifyByValue(customers, rules);
  let changed = 0;
  for (const r of results) {
    await tx.query(
      `INSERT INTO customer_tier_history (computation_key, customer_id, unit_id, case_id, sales, prior_share, tier_before, tier_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [g.key, r.customerId, g.unitId, g.caseId, r.sales, r.priorShare, before.get(r.customerId) ?? null, r.tier],
    );
    if (before.get(r.customerId) !== r.tier) {
      await tx.query('UPDATE customer SET tier = $2, updated_at = now() WHERE id = $1', [r.customerId, r.tier]);
      changed++;
    }
  }
  return { results, changed, created: true };
}

export interface TierHistoryRow {
  tierBefore: string | null;
  tierAfter: Tier;
  sales: number;
  priorShare: number | null;
  caseId: string;
  computedAt: string;
}

export async function tierHistory(db: Queryable, customerId: string, limit = 50): Promise<TierHistoryRow[]> {
  const { rows } = await db.query(
    'SELECT tier_before, tier_after, sales, prior_share, case_id, computed_at FROM customer_tier_history WHERE customer_id = $1 ORDER BY id DESC LIMIT $2',
    [customerId, limit],
  );
  return rows.map((r) => ({
    tierBefore: (r.tier_before as string | null) ?? null,
    tierAfter: r.tier_after as Tier,
    sales: Number(r.sales),
    priorShare: r.prior_share == null ? null : Number(r.prior_share),
    caseId: r.case_id as string,
    computedAt: new Date(r.computed_at as string).toISOString(),
  }));
}

export const VISIT_KINDS = ['visit', 'promotion', 'opinion', 'greeting'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** 实施服务方案: one visit log entry; the recorder is whoever completed the 实施 step (`step`), read from the task rows. */
export async function recordVisit(
  db: Queryable,
  v: { key: string; customerId: string; caseId: string; kind: VisitKind; visitedOn: string; summary: string; customerOpinion: string | null; step: string },
): Promise<{ id: string; created: boolean }> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO customer_visit (entry_key, customer_id, case_id, kind, visited_on, summary, customer_opinion, recorded_by)
     SELECT $1, $2, $3, $4, $5::date, $6, $7,
            (SELECT completed_by FROM task WHERE case_id = $3 AND element_id = $8 AND status = 'completed'
              ORDER BY completed_at DESC NULLS LAST, id DESC LIMIT 1)
     ON CONFLICT (entry_key) DO NOTHING RETURNING id`,
    [v.key, v.customerId, v.caseId, v.kind, v.visitedOn, v.summary, v.customerOpinion, v.step],
  );
  if (inserted.rows[0]) return { id: String(inserted.rows[0].id), created: true };
  const { rows } = await db.query<{ id: string }>('SELECT id FROM customer_visit WHERE entry_key = $1', [v.key]);
  return { id: String(rows[0]!.id), created: false };
}

const GREETING_WORD: Record<string, string> = { birthday: '生日', festival: '节日', anniversary: '纪念日' };

/**
 * 定期服务: each customer date (customer_important_date) falling on `onDate` (a China date) becomes a
 * due greeting in the visit log of `caseId`, once per date and day (a second run that day, a retry
 * or another case records nothing again). Returns the customers newly due.
 */
export async function recordDueGreetings(db: Queryable, g: { caseId: string; onDate: string }): Promise<Array<{ customerId: string; summary: string }>> {
  const { rows } = await db.query<{ customer_id: string; summary: string }>(
    `INSERT INTO customer_visit (entry_key, customer_id, case_id, kind, visited_on, summary)
     SELECT 'greeting:' || d.id || ':' || $2, d.customer_id, $1, 'greeting', $2::date,
            '待问候（' || CASE d.kind WHEN 'birthday' THEN $3 WHEN 'festival' THEN $4 ELSE $5 END || '）：' || d.note
       FROM customer_important_date d
      WHERE d.month = extract(month FROM $2::date) AND d.day = extract(day FROM $2::date)
      ORDER BY d.id
     ON CONFLICT (entry_key) DO NOTHING
     RETURNING customer_id, summary`,
    [g.caseId, g.onDate, GREETING_WORD.birthday, GREETING_WORD.festival, GREETING_WORD.anniversary],
  );
  return rows.map((r) => ({ customerId: r.customer_id, summary: r.summary }));
}

export interface VisitRow {
  id: string;
  kind: VisitKind;
  visitedOn: string;
  summary: string;
  customerOpinion: string | null;
  caseId: string;
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: string;
}

/** The customer's visit log, newest first (the caller decides whether the reader may see it). */
export async function visitsOf(db: Queryable, customerId: string, limit = 100): Promise<VisitRow[]> {
  const { rows } = await db.query(
    `SELECT v.id, v.kind, v.visited_on::text AS visited_on, v.summary, v.customer_opinion, v.case_id, v.recorded_by, u.display_name, v.recorded_at
       FROM customer_visit v LEFT JOIN app_user u ON u.id = v.recorded_by
      WHERE v.customer_id = $1 ORDER BY v.visited_on DESC, v.id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as VisitKind,
    visitedOn: r.visited_on as string,
    summary: r.summary as string,
    customerOpinion: (r.customer_opinion as string | null) ?? null,
    caseId: r.case_id as string,
    recordedBy: (r.recorded_by as string | null) ?? null,
    recordedByName: (r.display_name as string | null) ?? null,
    recordedAt: new Date(r.recorded_at as string).toISOString(),
  }));
}

export interface RosterRow {
  id: string;
  name: string;
  tier: Tier;
  unitId: string;
  unitName: string;
  confidentiality: Confidentiality;
  contactName: string | null;
  phone: string | null;
  region: string | null;
  ownerName: string | null;
  sales: number | null;
  tierChangedAt: string | null;
  lastVisitOn: string | null;
  masked: boolean;
}

export const ROSTER_LIMIT = 5_000;

/**
 * 客户名册: customers by tier (A first), then sales. Every customer is listed, as the customer
 * look-up lists them, but the fields that say who it is and how to reach it come out of SQL only
 * for readers cleared for its level: a masked row carries its id, tier, unit and level.
 */
export async function roster(db: Queryable, reader: RoleHolder & { id: string }, f: { tier?: Tier | undefined; unitId?: string | undefined }): Promise<{ items: RosterRow[]; truncated: boolean }> {
  const cleared = customerCleared(reader, '$1', 'c.confidentiality', 'u.path');
  const { rows } = await db.query(
    `SELECT c.id, c.tier, c.unit_id, u.name AS unit_name, c.confidentiality, ${cleared} AS cleared,
            CASE WHEN ${cleared} THEN c.name END AS name,
            CASE WHEN ${cleared} THEN c.contact_name END AS contact_name,
            CASE WHEN ${cleared} THEN c.phone END AS phone,
            CASE WHEN ${cleared} THEN c.region END AS region,
            CASE WHEN ${cleared} THEN o.display_name END AS owner_name,
            CASE WHEN ${cleared} THEN (SELECT coalesce(sum(p.amount), 0) FROM purchase p WHERE p.customer_id = c.id AND p.purchased_on > ${TODAY} - 365) END AS sales,
            CASE WHEN ${cleared} THEN (SELECT max(h.computed_at) FROM customer_tier_history h WHERE h.customer_id = c.id AND h.tier_before IS DISTINCT FROM h.tier_after) END AS tier_changed_at,
            (SELECT max(v.visited_on)::text FROM customer_visit v WHERE v.customer_id = c.id AND ${cleared}) AS last_visit_on
       FROM customer c JOIN org_unit u ON u.id = c.unit_id LEFT JOIN app_user o ON o.id = c.owner_id
      WHERE ($2::text IS NULL OR c.tier = $2)
        AND ($3::text IS NULL OR u.path = (SELECT path FROM org_unit WHERE id = $3) OR starts_with(u.path, (SELECT path FROM org_unit WHERE id = $3) || '/'))
      -- A masked row last in its tier: placed by its sales, its rank among the others would tell them.
      ORDER BY c.tier, sales DESC NULLS LAST, c.id LIMIT ${ROSTER_LIMIT + 1}`,
    [reader.id, f.tier ?? null, f.unitId ?? null],
  );
  const items = rows.slice(0, ROSTER_LIMIT).map((r) => ({
    id: r.id as string,
    name: (r.name as string | null) ?? MASKED_NAME,
    tier: r.tier as Tier,
    unitId: r.unit_id as string,
    unitName: r.unit_name as string,
    confidentiality: r.confidentiality as Confidentiality,
    contactName: (r.contact_name as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    region: (r.region as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    sales: r.sales === null ? null : Number(r.sales),
    tierChangedAt: r.tier_changed_at ? new Date(r.tier_changed_at as string).toISOString() : null,
    lastVisitOn: (r.last_visit_on as string | null) ?? null,
    masked: !r.cleared,
  }));
  return { items, truncated: rows.length > ROSTER_LIMIT };
}

export interface TierEffects {
  callbackCoverage: number;
  followUpDays: number;
  complaintDays: number;
}
const effectsOf = (r: TierRuleRow): TierEffects => ({ callbackCoverage: r.callbackCoverage, followUpDays: r.followUpDays, complaintDays: r.complaintDays });

/**
 * A tier's effects changed from the console, with the note and the old and new values in the
 * append-only customer_tier_rule_change, in one transaction (the row locked, so two changes record
 * their before in order). Nothing different: nothing written, `changed` false. Tasks and coverage
 * decisions read the rule when they happen, so only those after the change see it.
 */
export async function changeTierRule(tx: Queryable, c: { actorId: string; tier: Tier; next: TierEffects; note: string }): Promise<{ rule: TierRuleRow; changed: boolean }> {
  const { rows } = await tx.query('SELECT tier, name, prior_share_below, callback_coverage, follow_up_days, complaint_days FROM customer_tier_rule WHERE tier = $1 FOR UPDATE', [c.tier]);
  const before = ruleOf(rows[0]!);
  // The column keeps four decimals: compare what would be stored.
  const next = { ...c.next, callbackCoverage: Math.round(c.next.callbackCoverage * 10_000) / 10_000 };
  const old = effectsOf(before);
  if (old.callbackCoverage === next.callbackCoverage && old.followUpDays === next.followUpDays && old.complaintDays === next.complaintDays) return { rule: before, changed: false };
  const { rows: updated } = await tx.query(
    `UPDATE customer_tier_rule SET callback_coverage = $2, follow_up_days = $3, complaint_days = $4 WHERE tier = $1
     RETURNING tier, name, prior_share_below, callback_coverage, follow_up_days, complaint_days`,
    [c.tier, next.callbackCoverage, next.followUpDays, next.complaintDays],
  );
  await tx.query('INSERT INTO customer_tier_rule_change (tier, actor_id, note, before, after) VALUES ($1, $2, $3, $4, $5)', [c.tier, c.actorId, c.note, JSON.stringify(old), JSON.stringify(next)]);
  return { rule: ruleOf(updated[0]!), changed: true };
}

export interface TierRuleChangeRow {
  id: string;
  tier: Tier;
  actorId: string;
  actorName: string | null;
  note: string;
  before: TierEffects;
  after: TierEffects;
  at: string;
}

export async function tierRuleChanges(db: Queryable, limit = 200): Promise<TierRuleChangeRow[]> {
  const { rows } = await db.query(
    `SELECT ch.id, ch.tier, ch.actor_id, u.display_name, ch.note, ch.before, ch.after, ch.at
       FROM customer_tier_rule_change ch LEFT JOIN app_user u ON u.id = ch.actor_id ORDER BY ch.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    tier: r.tier as Tier,
    actorId: r.actor_id as string,
    actorName: (r.display_name as string | null) ?? null,
    note: r.note as string,
    before: r.before as TierEffects,
    after: r.after as TierEffects,
    at: new Date(r.at as string).toISOString(),
  }));
}
