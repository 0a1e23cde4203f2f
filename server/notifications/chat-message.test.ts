import { describe, expect, it } from 'vitest';
import type { ChatDelivery } from '../../db/chat-outbox';
import { chatMarkdown, chatRequest, dingtalkSignedUrl } from './chat-message';

type Sendable = ChatDelivery & { format: 'wecom' | 'dingtalk'; url: string };
const delivery = (over: Partial<Sendable> = {}): Sendable => ({
  id: '1',
  attempts: 1,
  kind: 'task.opened',
  caseId: 'demo-approval/SP-1',
  taskId: 'demo-approval/SP-1/Approve/1',
  headline: '新任务：客服经理审批',
  body: '',
  caseTitle: '退货审批',
  format: 'wecom',
  url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
  secret: null,
  ...over,
});

describe('team-chat messages', () => {
  it('signs like 钉钉 documents it: base64 HMAC-SHA256 of "timestamp\\nsecret" (checked against Python’s hmac)', () => {
    const url = new URL(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECtest', 1700000000000));
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
  });

  it('links a task to the task page and a case’s end to the case page, under PUBLIC_URL', () => {
    expect(chatMarkdown(delivery(), 'https://sw.example.com/').text).toContain('[打开任务](https://sw.example.com/tasks/demo-approval%2FSP-1%2FApprove%2F1)');
    expect(chatMarkdown(delivery({ kind: 'case.ended', taskId: null, headline: '案例已完成（已驳回）' }), 'https://sw.example.com').text).toContain(
      '[查看案例](https://sw.example.com/cases/demo-approval%2FSP-1)',
    );
  });

  it('keeps text people typed from becoming links or markup', () => {
    const { text } = chatMarkdown(delivery({ caseTitle: '[点我](https://evil.example) **急**\n> 伪造', body: '<font color="warning">x</font>' }), 'https://sw.example.com');
    expect(text).not.toContain('](https://evil.example)');
    expect(text).not.toContain('**急**');
    expect(text).not.toContain('<font');
    expect(text).toContain('案例：［点我］(https://evil.example) ＊＊急＊＊ ＞ 伪造');
  });

  it('sends only 钉钉 signed, and only when a secret is set', () => {
    expect(chatRequest(delivery(), 'https://sw.example.com', 1).url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k');
    expect(chatRequest(delivery({ format: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t' }), 'https://sw.example.com', 1).url).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
    expect(chatRequest(delivery({ format: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'S' }), 'https://sw.example.com', 1).url).toMatch(/&timestamp=1&sign=/);
  });
});
