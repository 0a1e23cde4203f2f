import type { PutUnitWebhook, UnitWebhook } from '../../contract';
import type { SessionUser } from '../../db/users';
import type { StoredWebhook, UnitWebhookRepository } from '../../db/unit-webhooks';
import { badRequest, notFound, type FieldError } from '../http/problem';
import { displayedUrl, webhookUrlRefusal } from '../notifications/webhook-url';
import { requireAdmin } from './user-admin-service';

// Team-chat webhooks per unit (issue 12), set by admins like the users of the unit. A URL is held
// to the hosts the operator allows (CHAT_WEBHOOK_HOSTS) before it is stored; the URL's query and
// the 钉钉 secret are write-only.

const shown = (w: StoredWebhook): UnitWebhook => ({ ...w, url: displayedUrl(w.url) });

export function createUnitWebhookService(repo: UnitWebhookRepository, allowedHosts: readonly string[]) {
  async function requireUnit(unitId: string): Promise<void> {
    if (!(await repo.unitExists(unitId))) throw notFound(`No org unit ${unitId}.`, { code: 'units.notFound', params: { unitId } });
  }

  return {
    allowedHosts: () => [...allowedHosts],

    async list(actor: SessionUser): Promise<UnitWebhook[]> {
      requireAdmin(actor);
      return (await repo.list()).map(shown);
    },

    async put(actor: SessionUser, unitId: string, input: PutUnitWebhook): Promise<UnitWebhook> {
      requireAdmin(actor);
      await requireUnit(unitId);
      const stored = await repo.get(unitId);
      const errors: FieldError[] = [];
      if (input.url === undefined && !stored) errors.push({ path: 'body.url', message: 'required for a unit without a webhook', code: 'webhooks.urlRequired' });
      const refusal = input.url === undefined ? null : webhookUrlRefusal(input.url, allowedHosts);
      if (refusal) errors.push({ path: 'body.url', message: refusal.message, code: refusal.code, ...(refusal.params && { params: refusal.params }) });
      if (input.format === 'wecom' && input.secret) errors.push({ path: 'body.secret', message: '企业微信 robots are not signed; only 钉钉 takes a secret', code: 'webhooks.secretNotUsed' });
      if (errors.length) throw badRequest(errors.map((e) => `${e.path}: ${e.message}`).join('; '), { code: 'request.invalid', errors });
      const url = input.url ?? (await repo.storedUrl(unitId))!;
      // A 企业微信 robot has no use for a 钉钉 secret kept from before.
      const secret = input.format === 'wecom' ? null : input.secret;
      return shown(await repo.put({ unitId, format: input.format, url, secret, enabled: input.enabled, updatedBy: actor.id }));
    },

    async remove(actor: SessionUser, unitId: string): Promise<void> {
      requireAdmin(actor);
      if (!(await repo.remove(unitId, actor.id))) throw notFound(`Unit ${unitId} has no team-chat webhook.`, { code: 'webhooks.notFound', params: { unitId } });
    },
  };
}

export type UnitWebhookService = ReturnType<typeof createUnitWebhookService>;
