import { createDecisionRepository } from '../../../db/decisions';
import { createDecisionService } from '../../../server/services/decision-service';
import { openDecisionReview } from '../../../server/services/decision-review';
import { cliCaseService } from './start';
import { createProcessRepository } from '../../../db/processes';
import { createProcessService } from '../../../server/services/process-service';
import { loadShippedForms } from '../../../server/services/shipped-processes';
import { timerStarts } from '../../../bpmn/model';
import { createProcessScheduleRepository } from '../../../db/process-schedules';
import { displayNames } from '../../../db/users';
import { createScheduleService } from '../../../server/services/schedule-service';
import { parseCommand } from '../args';
import { MAX_CHANGE_NOTE_CHARS } from '../../../contract';
import { EXIT, loadUser, usageError, withDatabase, withTemporal } from '../context';
import { say } from '../lang';
import { readDiagram, readForms } from '../files';
import { print, problemLines, warningLines } from '../output';
import type { Command } from './types';

export const deploy: Command = async (args, config) => {
  const { values, positionals } = parseCommand(
    'deploy',
    args,
    { forms: { type: 'string' }, user: { type: 'string', default: 'admin' }, note: { type: 'string' } },
    { min: 1, max: 1, names: '<file.bpmn|file.dmn>' },
  );
  const file = positionals[0]!;
  const isDecisions = file.toLowerCase().endsWith('.dmn');
  // As the API: a process version says what it changes (decision tables are reviewed in a case instead).
  const note = values.note?.trim();
  if (!isDecisions && !note)
    throw usageError(say('deploy：部署流程必须给出 --note "<本版本改了什么>"（随版本保存的变更说明）。', 'deploy: --note "<what this version changes>" is required for a process (the change note stored with the version).'));
  if (note && note.length > MAX_CHANGE_NOTE_CHARS) throw usageError(say(`deploy：--note 超过 ${MAX_CHANGE_NOTE_CHARS} 个字符。`, `deploy: --note is longer than ${MAX_CHANGE_NOTE_CHARS} characters.`));
  const xml = await readDiagram(file);
  if (isDecisions) {
    const cfg = config();
    return withDatabase(cfg, async (db) => {
      const user = await loadUser(db, values.user);
      const result = await createDecisionService(createDecisionRepository(db)).deploy(xml, user.id);
      print(warningLines(file, result.warnings));
      if (!result.ok) {
        print(problemLines(file, result.problems));
        return EXIT.failed;
      }
      const { key, version, name } = result.decision;
      const called = name && name !== key ? `“${name}”（${key}）` : key;
      print(
        result.created
          ? say(`已部署决策 ${called} 第 ${version} 版`, `deployed decisions ${key} v${version}`)
          : say(`决策 ${called} 第 ${version} 版未变化（内容相同）`, `unchanged decisions ${key} v${version} (identical content)`),
      );
      // A reviewed table: stored, not in force until a 客服经理 approves it in the decision-change
      // case, opened here as the API opens it (a repeat finds the same case).
      if (result.proposalCaseId) {
        const caseId = result.proposalCaseId;
        await withTemporal(cfg, (temporal) => openDecisionReview(cliCaseService(db, temporal), user, result.decision, caseId));
        print(say(`尚未生效：${called} 的修改须由客服经理在案例 ${caseId} 中审批`, `not in force: changes to ${key} need a 客服经理's approval in case ${caseId}`));
      }
      return EXIT.ok;
    });
  }
  // Read before connecting, so a typo in a path fails fast and offline.
  const forms = { ...(await loadShippedForms()), ...(values.forms === undefined ? {} : await readForms(values.forms)) };
  const cfg = config();
  return withDatabase(cfg, async (db) => {
    const user = await loadUser(db, values.user);
    const decisions = createDecisionRepository(db);
    const result = await createProcessService(createProcessRepository(db), undefined, () => decisions.decisionIds()).deploy(xml, forms, user.id, note!);
    print(warningLines(file, result.warnings));
    if (!result.ok) {
      print(problemLines(file, result.problems));
      return EXIT.failed;
    }
    const { key, version, name } = result.process;
    const called = name && name !== key ? `“${name}”（${key}）` : key;
    print(
      result.created
        ? say(`已部署流程 ${called} 第 ${version} 版`, `deployed ${key} v${version}`)
        : say(`流程 ${called} 第 ${version} 版未变化（内容相同）`, `unchanged ${key} v${version} (identical content)`),
    );
    // Timer start events: their Temporal Schedules follow the new version now, or at the API's next start.
    const hasTimers = (await createProcessRepository(db).get(key, version))?.model;
    if (hasTimers && timerStarts(hasTimers).length) {
      try {
        const done = await withTemporal(cfg, (temporal) => createScheduleService({ temporal, processes: createProcessRepository(db), schedules: createProcessScheduleRepository(db), names: (ids) => displayNames(db, ids) }).sync(key, user.id));
        const did = { created: '已创建', moved: '已改用新版本', deleted: '已删除' } as const;
        for (const d of done) print(say(`定时启动 ${d.startEventId}：排程${did[d.action]}`, `schedule ${d.startEventId}: ${d.action}`));
      } catch (err) {
        print(say(`排程未更新（${(err as Error).message}）；API 下次启动时会更新`, `schedules not updated (${(err as Error).message}); the API does it when it next starts`));
      }
    }
    return EXIT.ok;
  });
};
