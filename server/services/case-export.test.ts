import { describe, expect, it } from 'vitest';
import type { CaseExportRow } from '../../db/cases';
import { csvCell } from '../../domain/csv';
import { casesCsv, exportFileName, maskExportRow } from './case-export';

const row: CaseExportRow = {
  id: 'complaint/B1',
  processKey: 'complaint',
  processVersion: 2,
  businessKey: 'B1',
  title: '西湖电子, "漏水"',
  status: 'completed',
  initiatorId: 'zj.cs_agent',
  ownerId: 'zj.cs_agent',
  unitId: 'zj',
  customerId: 'C0001',
  parentCaseId: null,
  variables: { complaintNo: 'TS-2026-11-000001' },
  startedAt: '2026-12-02T13:37:07.930Z',
  endedAt: '2026-12-02T16:05:00.000Z',
  processName: '客户投诉处理',
  ownerName: '浙江 客服人员',
  initiatorName: '浙江 客服人员',
  unitName: { 'zh-CN': '浙江省服务中心', en: 'Zhejiang' },
  customerName: '杭州西湖电子有限公司',
  numbers: ['TS-2026-11-000001'],
};

describe('the 案例 export', () => {
  it('writes names, China times and Chinese headers, with a BOM and CRLF lines', () => {
    const csv = casesCsv([row], 'zh-CN');
    expect(csv.startsWith('\uFEFF业务编号,标题,流程,状态,')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('B1,"西湖电子, ""漏水""",客户投诉处理 v2,已完成,C0001,杭州西湖电子有限公司,TS-2026-11-000001,浙江 客服人员,浙江 客服人员,浙江省服务中心,2026-12-02 21:37,2026-12-03 00:05');
    expect(casesCsv([row], 'en').split('\r\n')[1]).toContain(',Completed,');
  });

  it('says a process deployed without a name (its key stored as the name) is unnamed, with the key as the hint', () => {
    expect(casesCsv([{ ...row, processName: 'complaint' }], 'zh-CN').split('\r\n')[1]).toContain(',未命名流程（complaint） v2,');
    expect(casesCsv([{ ...row, processName: null }], 'en').split('\r\n')[1]).toContain(',Unnamed process (complaint) v2,');
  });

  it('masks a case the reader is not cleared for as the list does', () => {
    const line = casesCsv([maskExportRow(row)], 'zh-CN').split('\r\n')[1]!;
    expect(line).toBe('B1,（保密客户的案例）,客户投诉处理 v2,已完成,C0001,（保密客户）,,浙江 客服人员,浙江 客服人员,浙江省服务中心,2026-12-02 21:37,2026-12-03 00:05');
  });

  it('keeps a cell Excel would run as a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('TS-2026-11-000001')).toBe('TS-2026-11-000001');
    expect(csvCell('两行\n文字')).toBe('"两行\n文字"');
  });

  it('names the file by the China time of the export', () => {
    expect(exportFileName(new Date('2026-12-02T13:37:07Z'), 'zh-CN')).toEqual({ utf8: '案例-20261202-2137.csv', ascii: 'cases-20261202-2137.csv' });
  });
});
