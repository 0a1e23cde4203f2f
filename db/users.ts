import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../contract';
import type { Db } from './pool';
import { prepared } from './prepared';
import type { CandidateScope } from '../bpmn/model';
import { roleHeldWithinScope } from '../policy/sql';

export type { SessionUser, UserRole } from '../contract';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createUserRepository(db: Db) {
  // By a session's token hash too: every API request resolves its session, so session and user
  // (with roles) are one round trip, not two in a row.
  const USER_BY = {
    id: { from: 'app_user u', where: 'u.id = $1' },
    username: { from: 'app_user u', where: 'u.username = $1' },
    session: { from: 'user_session s JOIN app_user u ON u.id = s.user_id', where: 's.id = $1 AND s.expires_at > now()' },
  } as const;
  async function loadUser(by: keyof typeof USER_BY, value: string): Promise<(SessionUser & { passwordHash: string; disabled: boolean }) | undefined> {
    const { from, where } = USER_BY[by];
    // Prepared: every request resolves its session through it.
    const { rows } = await db.query(prepared(
      `SELECT u.id, u.username, u.display_name, u.unit_id, u.password_hash, u.disabled,
              coalesce(json_agg(json_build_object('role', r.role, 'unitId', r.unit_id)) FILTER (WHERE r.role IS NOT NULL), '[]') AS roles
         FROM ${from} LEFT JOIN user_role r ON r.user_id = u.id
        WHERE ${where}
        GROUP BY u.id`,
      [value],
    ));
    const r = rows[0];
    if (!r) return undefined;
    return { id: r.id, username: r.username, displayName: r.display_name, unitId: r.unit_id, roles: r.roles, passwordHash: r.password_hash, disabled: r.disabled };
  }

  return {
    findByUsername: (username: string) => loadUser('username', username),

    /** People to pick (delegation, display names): matches id or name; an empty query lists the first ones. */
    async search(q: string | undefined, limit: number): Promise<Array<{ id: string; displayName: string; unitId: string; roles: string[] }>> {
      const { rows } = await db.query(
        `SELECT u.id, u.display_name, u.unit_id, coalesce(array_agg(DISTINCT r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
           FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
          WHERE NOT u.disabled AND ($1::text IS NULL OR u.id ILIKE '%' || $1 || '%' OR u.display_name ILIKE '%' || $1 || '%')
          GROUP BY u.id ORDER BY u.id LIMIT $2`,
        [q ?? null, limit],
      );
      return rows.map((r) => ({ id: r.id, displayName: r.display_name, unitId: r.unit_id, roles: r.roles }));
    },

    /** Holds one of `roles` where a step of unit `unitId` with scope `scope` looks for it (as a task's candidate would). */
    async holdsRoleWithin(userId: string, roles: readonly string[], unitId: string, scope: CandidateScope): Promise<boolean> {
      if (!roles.length) return false;
      const { rows } = await db.query(
        `SELECT 1 FROM user_role ur JOIN app_user u ON u.id = ur.user_id
          WHERE ur.user_id = $1 AND NOT u.disabled AND ur.role = ANY ($2::text[]) AND ${roleHeldWithinScope('ur', '$3::text', '$4::text')} LIMIT 1`,
        [userId, roles, unitId, scope],
      );
      return rows.length > 0;
    },

    displayNames: (ids: readonly string[]) => displayNames(db, ids),

    async exists(id: string): Promise<boolean> {
      const { rows } = await db.query('SELECT 1 FROM app_user WHERE id = $1 AND NOT disabled', [id]);
      return rows.length > 0;
    },

    async createSession(userId: string, ttlHours: number): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
      // One round trip: the session, and the sign-in time user administration shows.
      await db.query(
        'WITH s AS (INSERT INTO user_session (id, user_id, expires_at) VALUES ($1, $2, $3)) UPDATE app_user SET last_login_at = now() WHERE id = $2',
        [hashToken(token), userId, expiresAt],
      );
      return { token, expiresAt };
    },

    async userForSession(token: string): Promise<SessionUser | undefined> {
      const user = await loadUser('session', hashToken(token));
      if (!user || user.disabled) return undefined;
      const { passwordHash: _p, disabled: _d, ...sessionUser } = user;
      return sessionUser;
    },

    async deleteSession(token: string): Promise<void> {
      await db.query('DELETE FROM user_session WHERE id = $1', [hashToken(token)]);
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;

// People are shown by name, never by id (issue 12): lists read the names in the same query.
/** SQL: the display name of the user whose id is in `column` (null when no such user). */
// An empty id is answered without a look-up: a page of 50 open tasks has no completer and, in the group queue, no
// assignee, and the look-ups were ≈ 0.35 of the 0.86 ms PostgreSQL spent on a group page at 1M tasks (issue 19).
export const userNameSql = (column: string): string => `(CASE WHEN ${column} IS NOT NULL THEN (SELECT un.display_name FROM app_user un WHERE un.id = ${column}) END)`;
/** SQL: the display names of the ids in the text[] `column`, in its order; an id that names no user stays as it is. */
export const userNamesSql = (column: string): string =>
  `(CASE WHEN cardinality(${column}) > 0 THEN (SELECT array_agg(coalesce(un.display_name, x.id) ORDER BY x.n) FROM unnest(${column}) WITH ORDINALITY x(id, n) LEFT JOIN app_user un ON un.id = x.id) ELSE '{}' END)`;

/** Display names of `ids` (those that name a user), for answers not read from one table (a workflow's state). */
export async function displayNames(db: Pick<Db, 'query'>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const { rows } = await db.query<{ id: string; display_name: string }>('SELECT id, display_name FROM app_user WHERE id = ANY ($1::text[])', [unique]);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
