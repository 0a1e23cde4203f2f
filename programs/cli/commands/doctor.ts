import { describeDifference, repairable } from '../../../server/doctor/compare';
import { createDoctor } from '../../../server/doctor/doctor';
import { parseCommand, positiveInt } from '../args';
import { EXIT, withDatabase, withTemporal } from '../context';
import { print } from '../output';
import type { Command } from './types';

export const doctor: Command = async (args, config) => {
  const { values } = parseCommand(
    'doctor',
    args,
    { process: { type: 'string' }, repair: { type: 'boolean', default: false }, 'settle-ms': { type: 'string' }, 'query-timeout-ms': { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  const options = {
    ...(values.process !== undefined && { processKey: values.process }),
    settleMs: positiveInt('doctor', 'settle-ms', values['settle-ms']) ?? 3_000,
    queryTimeoutMs: positiveInt('doctor', 'query-timeout-ms', values['query-timeout-ms']) ?? 10_000,
  };
  return withDatabase(config(), (db) =>
    withTemporal(config(), async (temporal) => {
      const doctor = createDoctor({ db, client: temporal.client });
      let report = await doctor.check(options);
      const lines = (prefix: string) => report.differences.map((d) => `${prefix}[${d.code}] ${describeDifference(d)}`);
      if (values.repair && report.differences.some(repairable)) {
        print(lines(''));
        const done = await doctor.repair(report.differences, report.temporal);
        print(done.map((line) => `已修复 repaired: ${line}`));
        // The verdict is a fresh look after the repair, not the repair's own word.
        report = await doctor.check(options);
      }
      if (report.differences.length === 0) {
        print(`一致：检查了 ${report.checked} 个案例，Temporal 与数据库没有差异，审计链完整 (ok: ${report.checked} cases, 0 differences)`);
        return EXIT.ok;
      }
      print(lines(''));
      print(`发现 ${report.differences.length} 处差异（检查了 ${report.checked} 个案例）${values.repair ? '' : '；可修复的用 --repair 按 Temporal 的状态重写'} (${report.differences.length} differences in ${report.checked} cases)`);
      return EXIT.failed;
    }),
  );
};
