import { describe, expect, it } from 'vitest';
import { messages } from '../i18n/allMessages';
import { loadAllZh } from '../i18n/catalog';
import { interpolate } from '../i18n/interpolate';
import type { Lang, MessageKey } from '../i18n/messages';
import { describeIncident, parseCorrections } from './incidents';
import { elementLabel, elementText } from './problems';

describe('the corrections box of a retry', () => {
  it('takes nothing, or one JSON object; refuses anything else', () => {
    expect(parseCorrections('  ')).toEqual({ ok: true });
    expect(parseCorrections('{"amount": 50, "note": "改"}')).toEqual({ ok: true, variables: { amount: 50, note: '改' } });
    for (const bad of ['[1, 2]', '50', '"text"', 'null', '{amount: 50}', '{"a": 1']) expect(parseCorrections(bad), bad).toEqual({ ok: false });
  });
});

const tr = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => interpolate(messages[lang][key], vars);
const hasLatinWord = (s: string) => /[A-Za-z]{3,}/.test(s.replace(/“[^”]*”|"[^"]*"|\(a\+\)\+|cron|matches\(\)|UNIQUE|ANY/g, ''));

describe('an incident in the user’s words', () => {
  it('names the element by its name, else by its kind, never by its id', async () => {
    await loadAllZh();
    const t = tr('zh-CN');
    expect(elementLabel({ elementId: 'Gateway_0x9f', elementType: 'exclusiveGateway', elementName: '是否属实？' }, t)).toBe('「是否属实？」');
    expect(elementLabel({ elementId: 'Gateway_0x9f', elementType: 'exclusiveGateway', elementName: null }, t)).toBe('未命名的排他网关');
    expect(elementLabel({ elementId: 'Gateway_0x9f' }, t)).toBe('未命名的元素');
    expect(elementText({ elementId: 'Gateway_0x9f', elementType: 'exclusiveGateway', elementName: '是否属实？' }, t)).toBe('是否属实？');
    expect(elementText({ elementId: 'Gateway_0x9f', elementType: 'exclusiveGateway', elementName: '' }, t)).toBe('未命名的排他网关');
  });

  it('says each kind the engine stores in Chinese, the element by name or kind, none of the English line or the ids', async () => {
    await loadAllZh();
    const t = tr('zh-CN');
    const at = { elementId: 'Activity_0x9f', elementType: 'serviceTask', elementName: null };
    const lines: Array<[string, string]> = [
      ['Gateway_1: FEEL "amount >": Incomplete <Comparison>', '未命名的服务任务的表达式无法计算：表达式的写法有误，无法解析。'],
      ['Activity_0x9f: FEEL "for i in 1..100000000 return i": the range [1..100000000] has 100000000 values, more than the 100000 steps one expression may take', '未命名的服务任务的表达式无法计算：区间有 100000000 个值，超过了一个表达式最多 100000 步的上限。'],
      ['Activity_0x9f: no outgoing condition is true and the gateway has no default flow', '未命名的服务任务的出口条件都不成立，也没有默认连线：流程无法选择下一步。'],
      ['Activity_0x9f: job "fax" failed after 3 attempts: connect ECONNREFUSED', '未命名的服务任务的作业“fax”重试 3 次后仍然失败。'],
      ['Decision "信用等级" could not be evaluated: FEEL "a >": Incomplete <Comparison>', '未命名的服务任务：决策“信用等级”无法计算：表达式的写法有误，无法解析'],
      ['Decision "信用等级" (hit policy UNIQUE) matched no rule and has no default output.', '未命名的服务任务：决策“信用等级”（命中策略 UNIQUE）没有命中任何规则，也没有默认输出。'],
      ['uncaught BPMN error NOT_FOUND from Activity_0x9f', '未命名的服务任务抛出的业务错误“NOT_FOUND”没有被任何边界事件或事件子流程接住。'],
      ['connect ECONNREFUSED 127.0.0.1:5432', '未命名的服务任务执行失败，已按设置重试仍未成功。'],
    ];
    for (const [message, words] of lines) {
      const said = describeIncident({ ...at, message }, t);
      expect(said, message).toBe(words);
      expect(said).not.toContain('Activity_0x9f');
    }
    // Words nobody knows, at an element whose kind has no failing work of its own: a general sentence.
    expect(describeIncident({ elementId: 'Task_1', elementType: 'userTask', elementName: '客服经理审批', message: 'Task_1: something new' }, t)).toBe('「客服经理审批」出现了流程无法自动处理的错误。');
  });

  it('has words for every kind in both languages (English in English, Chinese in Chinese)', async () => {
    await loadAllZh();
    const samples = [
      'T: FEEL "x": Incomplete <X>',
      'T: FEEL "x": the evaluation would take more than 100000 steps (elements iterated, functions called)',
      'T: FEEL "x": a value would be larger than 1000000 characters or elements',
      'T: FEEL "x": the pattern "(a+)+" of matches() can take exponential time (nested repetition such as (a+)+)',
      'T: FEEL "x": the pattern "a*a*b" of matches() may take about 10^10 steps on a text of 3000 characters (repeated parts that may match the same characters, such as a*a*b, or many choices in a row)',
      'T: FEEL "x": something feelin says',
      'T: no outgoing condition is true and the gateway has no default flow',
      'T: no job worker took job "fax" from task queue "q" within 30 s: is a worker for this type running on that queue?',
      'T: job "fax" returned a list; a job worker returns an object of variables',
      'T: more than 1000 steps without reaching a user task, service task, timer or message: a loop with no wait state',
      'T: timer value "x" is not a valid ISO 8601 duration',
      'T: cron "x" matches no coming date',
      'T: inputCollection "=items" is not a list',
      'T: element missing from the model',
      'Decision "d" (hit policy ANY) matched rules 1, 2 with different outputs.',
      'BPMN error (no code) thrown at T',
      'whatever',
    ];
    for (const message of samples) {
      const zh = describeIncident({ elementId: 'T', elementType: 'userTask', elementName: '复核', message }, tr('zh-CN'));
      expect(zh, message).toMatch(/[\u4e00-\u9fff]/);
      expect(hasLatinWord(zh), `${message} → ${zh}`).toBe(false);
      const en = describeIncident({ elementId: 'T', elementType: 'userTask', elementName: '复核', message }, tr('en'));
      expect(en.replace(/“复核”/g, ''), message).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toContain('{');
      expect(zh).not.toContain('{');
    }
  });
});
