import type { Db } from './pool';
import type { NamedViewTeam, SavedView, SavedViewFilters, ViewTeam } from '../contract';

// saved_view: the inbox's saved filter sets, per user, optionally shared with one team
// (unit × role). Who may change what is the service's (server/services/view-service.ts); the
// reads here decide who sees a view: its owner, and the current holders of the team's role in
// the team's unit while the owner still holds it too (an owner who left the team, or was
// disabled, stops sharing without anyone having to notice).

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

const SELECT_VIEW = `
  SELECT v.id::text AS id, v.name, v.filters, v.owner_id, o.display_name AS owner_name, v.owner_id = $1 AS mine,
         v.share_unit_id, v.share_role, su.name AS share_unit_name, su.name_en AS share_unit_name_en, v.created_at, v.updated_at
    FROM saved_view v
    JOIN app_user o ON o.id = v.owner_id
    LEFT JOIN org_unit su ON su.id = v.share_unit_id`;

/** Shared with the caller ($1): they hold the team's role in its unit, and so does the (active) owner. */
const SHARED_WITH_CALLER = `
  v.owner_id <> $1 AND v.share_unit_id IS NOT NULL AND NOT o.disabled
  AND EXISTS (SELECT 1 FROM user_role me WHERE me.user_id = $1 AND me.unit_id = v.share_unit_id AND me.role = v.share_role)
  AND EXISTS (SELECT 1 FROM user_role ow WHERE ow.user_id = v.owner_id AND ow.unit_id = v.share_unit_id AND ow.role = v.share_role)`;

const toView = (r: Record<string, unknown>): SavedView => ({
  id: r.id as string,
  name: r.name as string,
  filters: r.filters as SavedViewFilters,
  ownerId: r.owner_id as string,
  ownerName: r.owner_name as string,
  mine: r.mine as boolean,
  sharedWith: r.share_unit_id
    ? { unitId: r.share_unit_id as string, role: r.share_role as string, unitName: r.share_unit_name as string, unitNameEn: r.share_unit_name_en as string }
    : null,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export function createSavedViewRepository(db: Pick<Db, 'query'>) {
  return {
    /** The caller's own views (by name), then those shared with their teams (by team, then name). */
    async visibleTo(userId: string): Promise<SavedView[]> {
      const { rows } = await db.query(
        `${SELECT_VIEW} WHERE v.owner_id = $1 OR (${SHARED_WITH_CALLER})
          ORDER BY v.owner_id = $1 DESC,
                   CASE WHEN v.owner_id <> $1 THEN v.share_unit_id END, CASE WHEN v.owner_id <> $1 THEN v.share_role END, v.name, v.id`,
        [userId],
      );
      return rows.map(toView);
    },

    /** One view as the caller sees it: undefined when it is neither theirs nor shared with them. */
    async get(userId: string, id: string): Promise<SavedView | undefined> {
      const { rows } = await db.query(`${SELECT_VIEW} WHERE v.id = $2::bigint AND (v.owner_id = $1 OR (${SHARED_WITH_CALLER}))`, [userId, id]);
      return rows[0] ? toView(rows[0]) : undefined;
    },

    /** The teams a user may share with: each of their roles in its unit. */
    async teamsOf(userId: string): Promise<NamedViewTeam[]> {
      const { rows } = await db.query(
        `SELECT r.unit_id, r.role, u.name, u.name_en FROM user_role r JOIN org_unit u ON u.id = r.unit_id
          WHERE r.user_id = $1 ORDER BY u.path, r.role`,
        [userId],
      );
      return rows.map((r) => ({ unitId: r.unit_id, role: r.role, unitName: r.name, unitNameEn: r.name_en }));
    },

    async countOwnedBy(userId: string): Promise<number> {
      const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM saved_view WHERE owner_id = $1', [userId]);
      return Number(rows[0]!.n);
    },

    /** Inserts a view; a name the owner already uses fails with 23505 (the service says so). */
    async insert(ownerId: string, v: { name: string; filters: SavedViewFilters; sharedWith: ViewTeam | null }): Promise<string> {
      const { rows } = await db.query<{ id: string }>(
        'INSERT INTO saved_view (owner_id, name, filters, share_unit_id, share_role) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id',
        [ownerId, v.name, JSON.stringify(v.filters), v.sharedWith?.unitId ?? null, v.sharedWith?.role ?? null],
      );
      return rows[0]!.id;
    },

    /** Changes the owner's view; false when `ownerId` owns no view `id`. */
    async update(ownerId: string, id: string, v: { name?: string; filters?: SavedViewFilters; sharedWith?: ViewTeam | null }): Promise<boolean> {
      const share = v.sharedWith !== undefined;
      const { rowCount } = await db.query(
        `UPDATE saved_view SET name = coalesce($3, name), filters = coalesce($4::jsonb, filters),
                share_unit_id = CASE WHEN $5 THEN $6 ELSE share_unit_id END, share_role = CASE WHEN $5 THEN $7 ELSE share_role END,
                updated_at = now()
          WHERE id = $2::bigint AND owner_id = $1`,
        [ownerId, id, v.name ?? null, v.filters ? JSON.stringify(v.filters) : null, share, v.sharedWith?.unitId ?? null, v.sharedWith?.role ?? null],
      );
      return (rowCount ?? 0) > 0;
    },

    /** Deletes the owner's view; false when `ownerId` owns no view `id`. */
    async remove(ownerId: string, id: string): Promise<boolean> {
      const { rowCount } = await db.query('DELETE FROM saved_view WHERE id = $2::bigint AND owner_id = $1', [ownerId, id]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export type SavedViewRepository = ReturnType<typeof createSavedViewRepository>;
