import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_HOSTS, displayedUrl, parseWebhookHosts, webhookUrlRefusal } from './webhook-url';

describe('team-chat webhook URLs', () => {
  it('accepts the public robots over https', () => {
    expect(webhookUrlRefusal('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', DEFAULT_WEBHOOK_HOSTS)).toBeNull();
    expect(webhookUrlRefusal('https://oapi.dingtalk.com/robot/send?access_token=abc', DEFAULT_WEBHOOK_HOSTS)).toBeNull();
  });

  it.each([
    ['http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', 'webhooks.urlNotHttps'],
    ['http://169.254.169.254/latest/meta-data/', 'webhooks.urlNotHttps'],
    ['https://169.254.169.254/latest/meta-data/', 'webhooks.hostNotAllowed'],
    ['https://10.0.0.5:5433/', 'webhooks.hostNotAllowed'],
    ['https://oapi.dingtalk.com.attacker.example/robot/send', 'webhooks.hostNotAllowed'],
    ['https://127.0.0.1:7233/', 'webhooks.hostNotAllowed'],
    ['https://u:p@oapi.dingtalk.com/robot/send', 'webhooks.urlCredentials'],
    ['file:///etc/passwd', 'webhooks.urlNotHttps'],
    ['oapi.dingtalk.com/robot/send', 'webhooks.urlInvalid'],
  ])('refuses %s (%s)', (url, code) => {
    expect(webhookUrlRefusal(url, DEFAULT_WEBHOOK_HOSTS)?.code).toBe(code);
  });

  it('allows plain http only to this machine, and only when the operator lists it', () => {
    expect(webhookUrlRefusal('http://127.0.0.1:8080/robot', ['127.0.0.1'])).toBeNull();
    expect(webhookUrlRefusal('http://localhost:8080/robot', DEFAULT_WEBHOOK_HOSTS)?.code).toBe('webhooks.hostNotAllowed');
  });

  it('shows a stored URL without its key', () => {
    expect(displayedUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…');
  });

  it('reads CHAT_WEBHOOK_HOSTS as a list, the public robots when unset', () => {
    expect(parseWebhookHosts(undefined)).toEqual(DEFAULT_WEBHOOK_HOSTS);
    expect(parseWebhookHosts(' Relay.Example.com , 127.0.0.1,')).toEqual(['relay.example.com', '127.0.0.1']);
  });
});
