import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from './pool';
import type { AdminUser, AdminUserSnapshot, OrgUnit, UserRole } from '../contract';

// User administration (issue 4): the users as admins see them, their roles per unit, and the
// admin_change trail. Reads take the pool; writes take a transaction's client (the service
// decides where a transaction starts).

export type { AdminUser, AdminUserSnapshot, OrgUnit } from '../contract';

export interface UserFilter {
  q?: string;
  unitId?: string;
  role?: string;
  includeDisabled: boolean;
  limit: number;
  offset: number;
}

type Queryable = Pick<pg.ClientBase, 'query'> | Db;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

const SELECT_USER = `
  SELECT u.id, u.username, u.display_name, u.email, u.unit_id, u.department, u.disabled, u.created_at, u.last_login_at,
         coalesce((SELECT json_agg(json_build_object('role', r.role, 'unitId', r.unit_id) ORDER BY r.unit_id, r.role)
                     FROM user_role r WHERE r.user_id = u.id), '[]') AS roles
    FROM app_user u`;

const toUser = (r: Record<string, unknown>): AdminUser => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  email: (r.email as string | null) ?? null,
  unitId: r.unit_id as string,
  department: (r.department as string | null) ?? null,
  disabled: r.disabled as boolean,
  roles: r.roles as UserRole[],
  createdAt: iso(r.created_at)!,
  lastLoginAt: iso(r.last_login_at),
});

export function createUserAdminRepository(db: Db) {
  return {
    async orgUnits(): Promise<OrgUnit[]> {
      const { rows } = await db.query('SELECT id, parent_id, name, name_en, level, path FROM org_unit ORDER BY path');
      return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, nameEn: r.name_en, level: r.level, path: r.path }));
    },

    /** Ids among `ids` that are no org unit. */
    async unknownUnits(ids: string[]): Promise<string[]> {
      if (!ids.length) return [];
      const { rows } = await db.query<{ id: string }>('SELECT id FROM unnest($1::text[]) AS x(id) WHERE NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.id = x.id)', [ids]);
      return rows.map((r) => r.id);
    },

    /**
     * Users by name, e-mail, unit and role. `unitId` matches a user whose home unit it is or who
     * holds a role there; `role` a user holding that role in any unit (in `unitId` when both are given).
     */
    async list(f: UserFilter): Promise<{ items: AdminUser[]; total: number }> {
      const where = `
        WHERE ($1::text IS NULL OR u.username ILIKE '%' || $1 || '%' OR u.display_name ILIKE '%' || $1 || '%' OR u.email ILIKE '%' || $1 || '%')
          AND ($2::text IS NULL OR u.unit_id = $2 OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.unit_id = $2))
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = $3 AND ($2::text IS NULL OR r.unit_id = $2)))
          AND ($4::boolean OR NOT u.disabled)`;
      const params = [f.q ?? null, f.unitId ?? null, f.role ?? null, f.includeDisabled];
      const [page, count] = await Promise.all([
        db.query(`${SELECT_USER} ${where} ORDER BY u.username LIMIT $5 OFFSET $6`, [...params, f.limit, f.offset]),
        db.query<{ n: string }>(`SELECT count(*) AS n FROM app_user u ${where}`, params),
      ]);
      return { items: page.rows.map(toUser), total: Number(count.rows[0]!.n) };
    },

    async get(id: string, q: Queryable = db, forUpdate = false): Promise<AdminUser | undefined> {
      // Locks the user row so two admins editing one user apply their changes one after the other.
      if (forUpdate) await q.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [id]);
      const { rows } = await q.query(`${SELECT_USER} WHERE u.id = $1`, [id]);
      return rows[0] ? toUser(rows[0]) : undefined;
    },

    async usernameTaken(username: string, q: Queryable = db): Promise<boolean> {
      const { rows } = await q.query('SELECT 1 FROM app_user WHERE lower(username) = lower($1) OR lower(id) = lower($1)', [username]);
      return rows.length > 0;
    },

    async insert(
      q: Queryable,
      u: { id: string; username: string; displayName: string; email: string | null; unitId: string; department: string | null; passwordHash: string },
    ): Promise<void> {
      await q.query('INSERT INTO app_user (id, username, display_name, email, unit_id, password_hash, department) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        u.id,
        u.username,
        u.displayName,
        u.email,
        u.unitId,
        u.passwordHash,
        u.department,
      ]);
    },

    async update(q: Queryable, id: string, f: { displayName: string; email: string | null; unitId: string; department: string | null; disabled: boolean }): Promise<void> {
      await q.query('UPDATE app_user SET display_name = $2, email = $3, unit_id = $4, disabled = $5, department = $6 WHERE id = $1', [id, f.displayName, f.email, f.unitId, f.disabled, f.department]);
    },

    async replaceRoles(q: Queryable, id: string, roles: UserRole[]): Promise<void> {
      await q.query('DELETE FROM user_role WHERE user_id = $1', [id]);
      if (roles.length) {
        await q.query('INSERT INTO user_role (user_id, role, unit_id) SELECT $1, r, u FROM unnest($2::text[], $3::text[]) AS x(r, u)', [
          id,
          roles.map((r) => r.role),
          roles.map((r) => r.unitId),
        ]);
      }
    },

    async setPassword(q: Queryable, id: string, passwordHash: string): Promise<void> {
      await q.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
    },

    /** Signs the user out everywhere, except (optionally) the session of `keepToken`. */
    async deleteSessions(q: Queryable, id: string, keepToken?: string): Promise<number> {
      const keep = keepToken ? createHash('sha256').update(keepToken).digest('hex') : null;
      const { rowCount } = await q.query('DELETE FROM user_session WHERE user_id = $1 AND ($2::text IS NULL OR id <> $2)', [id, keep]);
      return rowCount ?? 0;
    },

    async recordChange(q: Queryable, c: { actorId: string; targetId: string; action: 'user.create' | 'user.update' | 'user.password'; before: AdminUserSnapshot | null; after: AdminUserSnapshot | null }): Promise<void> {
      await q.query('INSERT INTO admin_change (actor_id, target_user_id, action, before, after) VALUES ($1, $2, $3, $4, $5)', [
        c.actorId,
        c.targetId,
        c.action,
        c.before === null ? null : JSON.stringify(c.before),
        c.after === null ? null : JSON.stringify(c.after),
      ]);
    },

    async changesOf(targetId: string): Promise<Array<{ actorId: string; actorName: string | null; action: string; before: AdminUserSnapshot | null; after: AdminUserSnapshot | null; at: string }>> {
      const { rows } = await db.query('SELECT a.actor_id, u.display_name AS actor_name, a.action, a.before, a.after, a.at FROM admin_change a LEFT JOIN app_user u ON u.id = a.actor_id WHERE a.target_user_id = $1 ORDER BY a.id', [targetId]);
      return rows.map((r) => ({ actorId: r.actor_id, actorName: r.actor_name, action: r.action, before: r.before, after: r.after, at: iso(r.at)! }));
    },
  };
}

export type UserAdminRepository = ReturnType<typeof createUserAdminRepository>;
