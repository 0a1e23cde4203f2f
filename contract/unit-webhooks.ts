import { z } from 'zod';

// Team-chat webhooks per unit (/api/admin/unit-webhooks…), admins only. What is read back never
// holds a credential: the URL without its query (the key / access_token) and whether a 钉钉 加签
// secret is set.

export const WEBHOOK_FORMATS = ['wecom', 'dingtalk'] as const;
export type WebhookFormatCode = (typeof WEBHOOK_FORMATS)[number];

export const unitWebhookSchema = z.object({
  unitId: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  /** Origin and path only, e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?… */
  url: z.string(),
  secretSet: z.boolean(),
  enabled: z.boolean(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type UnitWebhook = z.infer<typeof unitWebhookSchema>;
export const unitWebhookListSchema = z.object({
  items: z.array(unitWebhookSchema),
  /** Hosts a URL may name (CHAT_WEBHOOK_HOSTS), so the console can say so before asking. */
  allowedHosts: z.array(z.string()),
});

export const unitWebhookParamsSchema = z.object({ unitId: z.string().trim().min(1).max(64) });

export const putUnitWebhookSchema = z.object({
  format: z.enum(WEBHOOK_FORMATS),
  /** Required when the unit has none yet; omitted keeps the stored one (it is never read back). */
  url: z.string().trim().min(1).max(2000).optional(),
  /** 钉钉 加签 (SEC…): omitted keeps the stored one, null clears it. */
  secret: z.string().trim().min(1).max(200).nullable().optional(),
  enabled: z.boolean().default(true),
});
export type PutUnitWebhook = z.infer<typeof putUnitWebhookSchema>;
export type PutUnitWebhookBody = z.input<typeof putUnitWebhookSchema>;
