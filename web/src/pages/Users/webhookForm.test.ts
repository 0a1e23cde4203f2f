import { describe, expect, it } from 'vitest';
import { webhookBody } from './webhookForm';

describe('webhookBody', () => {
  it('keeps the stored URL and secret when their fields are left empty', () => {
    expect(webhookBody({ unitId: 'zj', format: 'dingtalk', url: '  ', secret: '', enabled: true })).toEqual({ format: 'dingtalk', enabled: true });
  });

  it('sends a new URL and secret trimmed, and null to clear the secret', () => {
    expect(webhookBody({ unitId: 'zj', format: 'dingtalk', url: ' https://oapi.dingtalk.com/robot/send?access_token=a ', secret: ' SECabc ', enabled: false })).toEqual({
      format: 'dingtalk',
      enabled: false,
      url: 'https://oapi.dingtalk.com/robot/send?access_token=a',
      secret: 'SECabc',
    });
    expect(webhookBody({ unitId: 'zj', format: 'dingtalk', secret: 'SECabc', clearSecret: true, enabled: true })).toMatchObject({ secret: null });
  });

  it('never sends a secret for a 企业微信 robot', () => {
    expect(webhookBody({ unitId: 'zj', format: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: 'SECabc', enabled: true })).not.toHaveProperty('secret');
  });
});
