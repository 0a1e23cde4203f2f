import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { zh } from '../i18n/messages';
import { interpolate } from '../i18n/interpolate';
import { loadAllZh } from '../i18n/catalog';
import { describeError, describeModelProblem, describeModelProblemLine, describeWarning, fieldLabel, fieldMessage, modelElementLabel, modelProblemsOf, problemLine, splitProblems } from './problems';

describe('problem documents', () => {
  it('sorts errors into form fields, the comment and the rest', () => {
    expect(
      splitProblems([
        { path: 'body.data.contact', message: 'required' },
        { path: 'body.data.address.city', message: 'too long' },
        { path: 'body.data.contact', message: 'bad format' },
        { path: 'body.comment', message: 'needed to reject' },
        { path: 'body.outcome', message: 'not allowed' },
      ]),
    ).toEqual({
      data: { contact: ['required', 'bad format'], 'address.city': ['too long'] },
      comment: ['needed to reject'],
      other: [{ path: 'body.outcome', message: 'not allowed' }],
    });
    expect(splitProblems(undefined)).toEqual({ data: {}, comment: [], other: [] });
  });

  it('describes an API error by its detail and field messages', () => {
    expect(describeError(new ApiError(422, { title: 'Unprocessable', detail: 'Form data invalid', errors: [{ path: 'body.data.x', message: 'x is required' }] }))).toBe(
      'Form data invalid (x is required)',
    );
    expect(describeError(new ApiError(409, { title: 'Conflict' }))).toBe('Conflict');
    expect(describeError(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
  });

  it('says why a decision could not be evaluated in words, not in FEEL’s own English (决策…无法计算)', () => {
    const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
    const failed = (detail: string) => describeError(new ApiError(422, { detail: 'Decision …', code: 'dmn.feel.failed', params: { decision: '信用等级', detail } }), t);
    expect(failed('FEEL "a >": Incomplete <Comparison>')).toBe('决策“信用等级”无法计算：表达式的写法有误，无法解析');
    expect(failed('FEEL "for i in 1..100000000 return i": the range [1..100000000] has 100000000 values, more than the 100000 steps one expression may take')).toBe(
      '决策“信用等级”无法计算：区间有 100000000 个值，超过了一个表达式最多 100000 步的上限',
    );
    expect(failed('something feelin never said before')).toBe('决策“信用等级”无法计算：表达式计算出错');
  });

  it('words a loop warning in the console language, with the loop closed, and keeps unknown warnings as sent', async () => {
    // Worded on the editor's page, which renders once every zh-CN string has loaded (lazyPage).
    await loadAllZh();
    const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
    const loop = { elementId: 'count', elementType: 'scriptTask', message: 'Loop with no wait state: …', code: 'loop.noWaitState', elementIds: ['count', 'again'] };
    expect(describeWarning(loop, t)).toBe(
      '循环 count → again → count 上没有等待节点（人工任务、服务任务、定时器或消息），每一圈都会立即执行。请确认有条件能在几圈后结束循环，否则一直循环的案例会成为故障。',
    );
    // The compiler's path: each element by its name, else by its kind, never by its id.
    const named = { ...loop, pathElements: [{ elementId: 'count', elementType: 'scriptTask', elementName: '计数' }, { elementId: 'again', elementType: 'exclusiveGateway' }] };
    expect(describeWarning(named, t)).toBe(
      '循环 「计数」 → 未命名的排他网关 → 「计数」 上没有等待节点（人工任务、服务任务、定时器或消息），每一圈都会立即执行。请确认有条件能在几圈后结束循环，否则一直循环的案例会成为故障。',
    );
    expect(describeWarning({ elementId: 'x', elementType: 'task', message: 'Something else' }, t)).toBe('Something else');
  });

  it('says a known problem code in the console words when given a translator, the detail otherwise', () => {
    const timeout = new ApiError(503, { title: 'Service Unavailable', detail: 'The database did not answer in time', code: 'db.timeout' });
    const t = (key: string) => `«${key}»`;
    expect(describeError(timeout, t)).toBe('«problem.dbTimeout»');
    expect(describeError(new ApiError(422, { detail: 'reused', code: 'idempotency.key_reused' }), t)).toBe('«problem.idempotencyKeyReused»');
    expect(describeError(timeout)).toBe('The database did not answer in time');
    expect(describeError(new ApiError(409, { detail: 'Task is claimed', code: 'toString' }), t)).toBe('Task is claimed');
  });

  it('says a compile refusal in the console words, with the limit the server named', () => {
    const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
    const timeout = new ApiError(422, { detail: 'Compiling the diagram took longer than the limit of 10 s …', code: 'compile.timeout', limitMs: 10_000, errors: [{ path: 'body.xml', message: '…' }] });
    expect(describeError(timeout, t)).toBe('流程图编译超过 10 秒的时限，已中止。通常是表达式过长或嵌套过深所致，请简化后再试。');
    expect(describeError(new ApiError(422, { code: 'compile.tooLarge', limitMb: 256 }), t)).toBe('流程图编译所需内存超过 256 MB 的上限，已中止。流程图或其中的表达式过大。');
    expect(describeError(new ApiError(503, { code: 'compile.busy' }), t)).toBe('正在编译的流程图太多，请稍后重试。');
  });

  describe('in the user language by code', () => {
    const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);

    it('words server refusals by code with their params, not the English detail', () => {
      expect(describeError(new ApiError(403, { detail: 'This task is neither assigned nor offered to you.', code: 'task.notOffered' }), t)).toBe('此任务既未分配给您，也不在您的待办中。');
      expect(describeError(new ApiError(403, { detail: 'Auditors can read everything and change nothing.', code: 'auth.readOnly' }), t)).toBe('审计人员只能查看，不能修改任何内容。');
      expect(describeError(new ApiError(409, { detail: 'The user name wang is taken.', code: 'users.usernameTaken', params: { username: 'wang' } }), t)).toBe('用户名 wang 已被占用。');
    });

    it('words zod field issues by what was checked', () => {
      expect(fieldMessage({ path: 'body.comment', message: 'Too big: expected string to have <=2000 characters', code: 'zod.too_big', params: { origin: 'string', maximum: 2000 } }, t)).toBe('最多 2000 个字符');
      expect(fieldMessage({ path: 'body.amount', message: 'Too small', code: 'zod.too_small', params: { origin: 'number', minimum: 0 } }, t)).toBe('不能小于 0');
      expect(fieldMessage({ path: 'body.x', message: 'Invalid input: expected string, received number', code: 'zod.invalid_type', params: { expected: 'string' } }, t)).toBe('应为文本');
      expect(fieldMessage({ path: 'querystring.dueBefore', message: 'Invalid ISO datetime', code: 'zod.invalid_format', params: { format: 'datetime' } }, t)).toBe('不是有效的日期时间');
      const invalid = new ApiError(400, { detail: 'querystring.dueBefore: Invalid ISO datetime', code: 'request.invalid', errors: [{ path: 'querystring.dueBefore', message: 'Invalid ISO datetime', code: 'zod.invalid_format', params: { format: 'datetime' } }] });
      expect(describeError(invalid, t)).toBe('提交的内容有误 (dueBefore：不是有效的日期时间)');
      expect(describeError(invalid, t)).not.toMatch(/Invalid/);
    });

    it('names the deploy fields in words, not by their code (a deploy without a change note)', () => {
      const noNote = new ApiError(400, {
        detail: 'body.changeNote: A change note is required: say what this version changes.',
        code: 'request.invalid',
        errors: [{ path: 'body.changeNote', message: 'A change note is required: say what this version changes.', code: 'zod.invalid_type', params: { expected: 'string' } }],
      });
      expect(describeError(noNote, t)).toBe('提交的内容有误 (变更说明：应为文本)');
      expect(describeError(noNote, t)).not.toContain('changeNote');
      const blankAndBigForm = new ApiError(400, {
        code: 'request.invalid',
        errors: [
          { path: 'body.changeNote', message: 'Too small', code: 'zod.too_small', params: { origin: 'string', minimum: 1 } },
          { path: 'body.xml', message: 'Too big', code: 'zod.too_big', params: { origin: 'string', maximum: 2000000 } },
          { path: 'body.forms.complaint-register', message: 'Invalid input', code: 'zod.invalid_type', params: { expected: 'object' } },
          { path: 'body.revision', message: 'Too small', code: 'zod.too_small', params: { origin: 'number', minimum: 0 } },
        ],
      });
      const text = describeError(blankAndBigForm, t);
      expect(text).toContain('变更说明：至少 1 个字符');
      expect(text).toContain('流程图：最多 2000000 个字符');
      expect(text).toContain('表单（complaint-register）：');
      expect(text).toContain('草稿版本号：不能小于 0');
      expect(text).not.toMatch(/changeNote|xml|forms|revision/);
      // a field the console has no word for keeps its path
      expect(fieldLabel('body.roles.0.unitId', t)).toBe('roles.0.unitId：');
      expect(fieldLabel('body', t)).toBe('');
    });

    it('lists field problems by label or in words, never by request path', () => {
      const refused = new ApiError(422, {
        code: 'form.invalid',
        params: { count: 2 },
        errors: [
          { path: 'body.data.fee', message: '费用 (fee) must be at least 0', code: 'form.min', params: { label: '费用', min: 0 } },
          { path: 'body.outcome', message: 'not allowed', code: 'zod.invalid_type', params: { expected: 'string' } },
        ],
      });
      expect(describeError(refused, t)).toBe('表单有 2 处需要修改 (“费用”不能小于 0; 处理结论：应为文本)');
      expect(problemLine({ path: 'body.variables.note', message: 'Too big', code: 'zod.too_big', params: { origin: 'string', maximum: 5 } }, t)).toBe('表单字段（note）：最多 5 个字符');
      expect(problemLine({ path: 'body.businessKey', message: 'taken', code: 'zod.too_small', params: { origin: 'string', minimum: 1 } }, t)).toBe('业务编号：至少 1 个字符');
    });

    it('words form checks with the field label and keeps an unknown code as the server said it', () => {
      expect(fieldMessage({ path: 'body.data.fee', message: '费用 (fee) must be at least 0', code: 'form.min', params: { label: '费用', min: 0 } }, t)).toBe('“费用”不能小于 0');
      expect(fieldMessage({ path: 'body.x', message: 'as sent', code: 'something.new' }, t)).toBe('as sent');
      expect(splitProblems([{ path: 'body.comment', message: 'required when rejecting', code: 'task.rejectionNeedsComment' }], t).comment).toEqual(['驳回时请填写意见。']);
    });
  });

  it('words compiler problems by code with the element kind, and keeps the compiler message for unknown codes', () => {
    const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
    expect(describeModelProblem({ elementId: 'approved', elementType: 'exclusiveGateway', message: 'Exclusive gateway has no default flow; …', code: 'bpmn.gateway.noDefault' }, t)).toBe(
      '此排他网关没有默认连线；若所有条件都不满足，案例会停在这里。',
    );
    expect(describeModelProblem({ elementId: 't', elementType: 'userTask', message: 'Form "x" does not exist …', code: 'bpmn.userTask.unknownForm', params: { formId: 'x' } }, t)).toBe(
      '表单“x”不存在：任务无法显示。请创建该表单或选择已有表单。',
    );
    expect(describeModelProblem({ elementId: 't', elementType: 'userTask', message: 'As the compiler said' }, t)).toBe('As the compiler said');
  });

  it('names the element of a compiler problem by its name, else by its kind, never by its id (the editor\'s list, the decision panel)', async () => {
    await loadAllZh();
    const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => interpolate(zh[key], vars);
    const named = { elementId: 'Activity_0x9f', elementType: 'userTask', elementName: '客服经理审批', message: 'User task has no outgoing flow …', code: 'bpmn.node.noOutgoing' };
    expect(modelElementLabel(named, t)).toBe('「客服经理审批」');
    expect(describeModelProblemLine(named, t)).toBe('「客服经理审批」：此人工任务没有离开的连线：流转到这里会卡住。');
    const { elementName: _name, ...unnamed } = named;
    expect(modelElementLabel(unnamed, t)).toBe('未命名的人工任务');
    expect(describeModelProblemLine(unnamed, t)).not.toContain('Activity_0x9f');
    expect(modelElementLabel({ elementId: '', elementType: 'definitions', message: 'x' }, t)).toBeUndefined();
    // A flow by its name, else by where it leads; never by its id.
    const flow = (params: Record<string, string>) => describeModelProblemLine({ elementId: 'Gateway_1', elementType: 'exclusiveGateway', elementName: '是否属实？', message: '…', code: 'bpmn.gateway.flowWithoutCondition', params: { flow: 'Flow_0x9f', ...params } }, t);
    expect(flow({ flowName: '其他', flowTargetType: 'endEvent' })).toBe('「是否属实？」：此排他网关的连线“其他”既没有条件，也不是默认连线：无法判断何时走这条线。');
    expect(flow({ flowTargetType: 'userTask', flowTargetName: '复核' })).toBe('「是否属实？」：此排他网关的通往「复核」的连线既没有条件，也不是默认连线：无法判断何时走这条线。');
    expect(flow({ flowTargetType: 'endEvent' })).toBe('「是否属实？」：此排他网关的通往未命名的结束事件的连线既没有条件，也不是默认连线：无法判断何时走这条线。');
    // A decision table's FEEL: where it sits by the rule's number and the column's label, in Chinese (the English `where` is the compiler's).
    const rule = { elementId: 'r2', elementType: 'rule', elementName: '信用等级与额度', message: 'FEEL does not parse …', code: 'dmn.feel.syntax', params: { expr: '<=', where: 'rule 2, input 最长逾期天数', place: 'dmnRuleInput', rule: 2, column: '最长逾期天数' } };
    expect(describeModelProblemLine(rule, t)).toBe('「信用等级与额度」：FEEL 表达式无法解析：<=（第 2 条规则，输入「最长逾期天数」）');
    // A refused deploy's errors[] keep the name for the list (and the id, to select the element).
    expect(modelProblemsOf(new ApiError(422, { errors: [{ path: 'body.xml#Activity_0x9f', ...named } as never] }))).toEqual([named]);
  });
});
