import { VIEWS_PER_USER_MAX, type SavedView, type SavedViewFilters, type ViewTeam } from '../../contract';
import type { SavedViewRepository } from '../../db/saved-views';
import type { SessionUser } from '../../db/users';
import { badRequest, conflict, forbidden, notFound } from '../http/problem';

// Saved inbox views. Everyone signed in keeps their own (auditors too: a view only reads); a view
// is shared only with a team the owner is in, checked against the roles the session carries (read
// on every request, so a role removed a moment ago no longer counts). Only the owner renames,
// re-shares or deletes; a teammate who sees a shared view is told it is not theirs (403), anyone
// else that there is no such view (404), so ids cannot be probed.

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

export function createViewService(repo: SavedViewRepository) {
  const nameTaken = (name: string) => conflict(`You already have a view named ${name}.`, { code: 'views.nameTaken', params: { name } });

  function requireOwnTeam(user: SessionUser, team: ViewTeam | null | undefined): void {
    if (!team) return;
    if (!user.roles.some((r) => r.role === team.role && r.unitId === team.unitId)) {
      throw badRequest(`You can share a view only with a team you are in; you do not hold ${team.role} in ${team.unitId}.`, {
        code: 'request.invalid',
        errors: [{ path: 'body.sharedWith', message: 'not a team you are in', code: 'views.notYourTeam', params: { unitId: team.unitId, role: team.role } }],
      });
    }
  }

  /** A view the caller may change: theirs. */
  async function ownView(user: SessionUser, id: string): Promise<SavedView> {
    const view = await repo.get(user.id, id);
    if (!view) throw notFound(`No view ${id}.`, { code: 'views.notFound', params: { id } });
    if (!view.mine) throw forbidden(`The view ${view.name} was shared with you by ${view.ownerName}; only its owner may change or delete it.`, { code: 'views.notOwner', params: { owner: view.ownerName } });
    return view;
  }

  async function saving<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (name !== undefined && isUniqueViolation(err)) throw nameTaken(name);
      throw err;
    }
  }

  return {
    async list(user: SessionUser) {
      const [items, teams] = await Promise.all([repo.visibleTo(user.id), repo.teamsOf(user.id)]);
      return { items, teams };
    },

    async create(user: SessionUser, body: { name: string; filters: SavedViewFilters; sharedWith?: ViewTeam | null | undefined }): Promise<SavedView> {
      requireOwnTeam(user, body.sharedWith);
      if ((await repo.countOwnedBy(user.id)) >= VIEWS_PER_USER_MAX) {
        throw conflict(`You keep ${VIEWS_PER_USER_MAX} views already; delete one first.`, { code: 'views.tooMany', params: { max: VIEWS_PER_USER_MAX } });
      }
      const id = await saving(body.name, () => repo.insert(user.id, { name: body.name, filters: body.filters, sharedWith: body.sharedWith ?? null }));
      return (await repo.get(user.id, id))!;
    },

    async update(user: SessionUser, id: string, patch: { name?: string | undefined; filters?: SavedViewFilters | undefined; sharedWith?: ViewTeam | null | undefined }): Promise<SavedView> {
      if (patch.name === undefined && patch.filters === undefined && patch.sharedWith === undefined) {
        throw badRequest('Nothing to change: give name, filters or sharedWith.', { code: 'views.nothingToChange' });
      }
      await ownView(user, id);
      requireOwnTeam(user, patch.sharedWith);
      const changed = await saving(patch.name, () => repo.update(user.id, id, patch));
      if (!changed) throw notFound(`No view ${id}.`, { code: 'views.notFound', params: { id } }); // deleted meanwhile
      return (await repo.get(user.id, id))!;
    },

    async remove(user: SessionUser, id: string): Promise<void> {
      await ownView(user, id);
      if (!(await repo.remove(user.id, id))) throw notFound(`No view ${id}.`, { code: 'views.notFound', params: { id } });
    },
  };
}

export type ViewService = ReturnType<typeof createViewService>;
