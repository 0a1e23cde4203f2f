import { describe, expect, it } from 'vitest';
import { messages } from '../i18n/allMessages';
import { interpolate } from '../i18n/interpolate';
import type { MessageKey } from '../i18n/messages';
import { noticeTitle } from './notices';

const say = (lang: 'zh-CN' | 'en') => (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages[lang][key], vars ?? {});
const status = (lang: 'zh-CN' | 'en') => (s: string) => say(lang)(`case.status.${s}` as MessageKey);

describe('notice titles in the reader language (issue 12)', () => {
  it('words each kind from its parameters: steps and people by name, how a case ended', () => {
    const delegated = { title: '浙江省服务中心 客服经理转交给您：客服经理审批', params: { notice: 'task.delegated', actor: '浙江省服务中心 客服经理', task: '客服经理审批' } };
    expect(noticeTitle(delegated, say('zh-CN'), status('zh-CN'))).toBe('浙江省服务中心 客服经理转交给您：客服经理审批');
    expect(noticeTitle(delegated, say('en'), status('en'))).toBe('浙江省服务中心 客服经理 handed you a task: 客服经理审批');
    const ended = { title: '案例已完成（已驳回）：退货', params: { notice: 'case.ended', status: 'completed', ending: '已驳回', case: '退货' } };
    expect(noticeTitle(ended, say('en'), status('en'))).toBe('Case Completed (已驳回): 退货');
    expect(noticeTitle({ ...ended, params: { ...ended.params, ending: '' } }, say('zh-CN'), status('zh-CN'))).toBe('案例已完成：退货');
    expect(noticeTitle({ title: 't', params: { notice: 'task.new', task: '审批' } }, say('en'), status('en'))).toBe('New task: 审批');
    expect(noticeTitle({ title: 't', params: { notice: 'task.escalated', task: '调查' } }, say('zh-CN'), status('zh-CN'))).toBe('任务已超时升级：调查');
  });

  it("keeps the stored title for a diagram's own text, older notices and withheld ones", () => {
    expect(noticeTitle({ title: '投诉 TS-1：请督促', params: null }, say('en'), status('en'))).toBe('投诉 TS-1：请督促');
    expect(noticeTitle({ title: '（保密客户的案例）有新动态', params: null }, say('en'), status('en'))).toBe('（保密客户的案例）有新动态');
  });
});
