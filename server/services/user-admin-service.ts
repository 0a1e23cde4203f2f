import type { CreateUser, UpdateUser } from '../../contract';
import { hashPassword } from '../auth/password';
import { inTransaction, type Db } from '../../db/pool';
import { badRequest, conflict, forbidden, notFound, type FieldError } from '../http/problem';
import type { AdminUser, AdminUserSnapshot, UserAdminRepository, UserFilter } from '../../db/user-admin';
import type { SessionUser, UserRole } from '../../db/users';
import { mayManageUsers } from '../../policy/capabilities';
import { isAdmin } from '../../policy/roles';

// User administration (issue 4): admins create users, give them roles in org units, disable them
// and set their passwords. Every change is one transaction that also writes an admin_change row
// (who, whom, before, after). Roles are read on every request (userForSession), so a change
// applies to the user's next request; disabling or a new password signs the user out everywhere.

export function requireAdmin(user: SessionUser): void {
  if (!mayManageUsers(user)) throw forbidden('Only administrators may manage users.', { code: 'users.adminOnly' });
}

const dedupe = (roles: UserRole[]) => [...new Map(roles.map((r) => [`${r.role}@${r.unitId}`, r])).values()];
/** What admin_change keeps of a user: what the administration API shows, no password hash, no sign-in times. */
const snapshot = (u: AdminUser): AdminUserSnapshot => ({ username: u.username, displayName: u.displayName, email: u.email, unitId: u.unitId, department: u.department, disabled: u.disabled, roles: u.roles });
const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

function passwordProblems(password: string, username: string): FieldError[] {
  return password.trim().toLowerCase() === username.toLowerCase() ? [{ path: 'body.password', message: 'must not be the user name', code: 'users.passwordIsUsername' }] : [];
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length) throw badRequest(errors.map((e) => `${e.path}: ${e.message}`).join('; '), { code: 'request.invalid', errors });
}

export function createUserAdminService(db: Db, repo: UserAdminRepository) {
  async function unitProblems(unitId: string | undefined, roles: UserRole[] | undefined): Promise<FieldError[]> {
    const ids = [...new Set([...(unitId ? [unitId] : []), ...(roles ?? []).map((r) => r.unitId)])];
    const unknown = new Set(await repo.unknownUnits(ids));
    if (!unknown.size) return [];
    return [
      ...(unitId && unknown.has(unitId) ? [{ path: 'body.unitId', message: `no org unit ${unitId}`, code: 'units.notFound', params: { unitId } }] : []),
      ...(roles ?? []).flatMap((r, i) => (unknown.has(r.unitId) ? [{ path: `body.roles.${i}.unitId`, message: `no org unit ${r.unitId}`, code: 'units.notFound', params: { unitId: r.unitId } }] : [])),
    ];
  }

  return {
    list: (filter: UserFilter) => repo.list(filter),
    orgUnits: () => repo.orgUnits(),

    async get(id: string): Promise<AdminUser> {
      const user = await repo.get(id);
      if (!user) throw notFound(`No user ${id}.`, { code: 'users.notFound', params: { userId: id } });
      return user;
    },

    async changes(id: string) {
      if (!(await repo.get(id))) throw notFound(`No user ${id}.`, { code: 'users.notFound', params: { userId: id } });
      return repo.changesOf(id);
    },

    async create(actor: SessionUser, input: CreateUser): Promise<AdminUser> {
      requireAdmin(actor);
      throwIfAny([...passwordProblems(input.password, input.username), ...(await unitProblems(input.unitId, input.roles))]);
      const duplicate = () => conflict(`The user name ${input.username} is taken.`, { code: 'users.usernameTaken', params: { username: input.username } });
      if (await repo.usernameTaken(input.username)) throw duplicate();
      const passwordHash = await hashPassword(input.password);
      try {
        return await inTransaction(db, async (tx) => {
          await repo.insert(tx, { id: input.username, username: input.username, displayName: input.displayName, email: input.email ?? null, unitId: input.unitId, department: input.department ?? null, passwordHash });
          await repo.replaceRoles(tx, input.username, dedupe(input.roles));
          const created = (await repo.get(input.username, tx))!;
          await repo.recordChange(tx, { actorId: actor.id, targetId: created.id, action: 'user.create', before: null, after: snapshot(created) });
          return created;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate(); // created by someone else meanwhile
        throw err;
      }
    },

    async update(actor: SessionUser, id: string, patch: UpdateUser): Promise<AdminUser> {
      requireAdmin(actor);
      if (Object.values(patch).every((v) => v === undefined)) throw badRequest('Nothing to change: give displayName, email, unitId, department, disabled or roles.', { code: 'users.nothingToChange' });
      const self = id === actor.id;
      if (self && patch.disabled === true) throw conflict('You cannot disable your own account; another administrator has to.', { code: 'users.cannotDisableSelf' });
      if (self && patch.roles && !isAdmin({ roles: patch.roles })) {
        throw conflict('You cannot remove your own admin role; another administrator has to.', { code: 'users.cannotRemoveOwnAdmin' });
      }
      throwIfAny(await unitProblems(patch.unitId, patch.roles));
      return inTransaction(db, async (tx) => {
        const before = await repo.get(id, tx, true);
        if (!before) throw notFound(`No user ${id}.`, { code: 'users.notFound', params: { userId: id } });
        await repo.update(tx, id, {
          displayName: patch.displayName ?? before.displayName,
          email: patch.email === undefined ? before.email : patch.email,
          unitId: patch.unitId ?? before.unitId,
          department: patch.department === undefined ? before.department : patch.department,
          disabled: patch.disabled ?? before.disabled,
        });
        if (patch.roles) await repo.replaceRoles(tx, id, dedupe(patch.roles));
        const after = (await repo.get(id, tx))!;
        if (after.disabled && !before.disabled) await repo.deleteSessions(tx, id);
        if (JSON.stringify(snapshot(before)) !== JSON.stringify(snapshot(after))) {
          await repo.recordChange(tx, { actorId: actor.id, targetId: id, action: 'user.update', before: snapshot(before), after: snapshot(after) });
        }
        return after;
      });
    },

    /**
     * Sets a user's password and signs them out everywhere — except, when admins set their own,
     * the session they are using (`keepSessionToken`).
     */
    async setPassword(actor: SessionUser, id: string, password: string, keepSessionToken?: string): Promise<void> {
      requireAdmin(actor);
      const target = await repo.get(id);
      if (!target) throw notFound(`No user ${id}.`, { code: 'users.notFound', params: { userId: id } });
      throwIfAny(passwordProblems(password, target.username));
      const passwordHash = await hashPassword(password);
      await inTransaction(db, async (tx) => {
        await repo.setPassword(tx, id, passwordHash);
        await repo.deleteSessions(tx, id, id === actor.id ? keepSessionToken : undefined);
        await repo.recordChange(tx, { actorId: actor.id, targetId: id, action: 'user.password', before: null, after: null });
      });
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
