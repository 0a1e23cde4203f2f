import type { PutUnitWebhookBody, WebhookFormatCode } from '../../../../contract';

export interface WebhookFormValues {
  unitId: string;
  format: WebhookFormatCode;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  enabled: boolean;
}

/**
 * The PUT body for the form. The stored URL and secret are never shown, so an empty field keeps
 * them; a secret is cleared only on request, and a 企业微信 robot sends none (the API refuses one).
 */
export function webhookBody(v: WebhookFormValues): PutUnitWebhookBody {
  const url = v.url?.trim();
  const secret = v.secret?.trim();
  return {
    format: v.format,
    enabled: v.enabled,
    ...(url ? { url } : {}),
    ...(v.format === 'dingtalk' ? (v.clearSecret ? { secret: null } : secret ? { secret } : {}) : {}),
  };
}
