import type { ProblemParams } from '../http/problem';

// Which URLs a team-chat webhook may have. An admin types the URL and the worker POSTs to it, so
// an unchecked URL would let the worker be aimed at anything it can reach (the metadata service,
// the database's port, Temporal: SSRF). Guarding by address (refusing private ranges) is not
// enough on its own — a name can resolve differently at send time (DNS rebinding) and redirects
// lead elsewhere — so the hosts are an operator's allowlist (CHAT_WEBHOOK_HOSTS, by default the
// public robots of 企业微信 and 钉钉), checked when the URL is stored and again before every
// send, and redirects are not followed.

export const DEFAULT_WEBHOOK_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface UrlRefusal {
  code: 'webhooks.urlInvalid' | 'webhooks.urlNotHttps' | 'webhooks.urlCredentials' | 'webhooks.hostNotAllowed';
  message: string;
  params?: ProblemParams;
}

/** null when `raw` may be a webhook: https (plain http to this machine only, for tests and local relays) to an allowed host. */
export function webhookUrlRefusal(raw: string, allowedHosts: readonly string[]): UrlRefusal | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'webhooks.urlInvalid', message: 'is not a URL' };
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(host))) {
    return { code: 'webhooks.urlNotHttps', message: 'must start with https:// (http:// only to localhost)' };
  }
  if (url.username || url.password) return { code: 'webhooks.urlCredentials', message: 'must not carry a user name or password' };
  if (!allowedHosts.map((h) => h.toLowerCase()).includes(host)) {
    return { code: 'webhooks.hostNotAllowed', message: `host ${host} is not one of ${allowedHosts.join(', ')} (CHAT_WEBHOOK_HOSTS)`, params: { host, allowed: [...allowedHosts] } };
  }
  return null;
}

/** What the API shows of a stored URL: its key or access_token is a credential, so no query. */
export const displayedUrl = (raw: string): string => {
  const url = new URL(raw);
  return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
};

/** CHAT_WEBHOOK_HOSTS as a list. */
export const parseWebhookHosts = (value: string | undefined): string[] =>
  value === undefined ? DEFAULT_WEBHOOK_HOSTS : value.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
