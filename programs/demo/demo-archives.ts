import { inTransaction, type Db } from '../../db/pool';
import { setLegalHold } from '../../db/archives';

// The archive register of a new installation is not empty: besides the demo cases that reach 归档
// (the graded credit cases), three archives are carried over from the paper register kept before
// the system (纸质档案登记簿), because only an archive registered years ago can be past its
// retention: one expired and proposed for destruction, one expired but under 法律保全, one in date
// that a department has borrowed. Numbered in their own years, so they never meet `nextNumber`'s.

export const DEMO_ARCHIVES = {
  /** Expired; the demo 过期销毁 case proposes it and waits at 客服经理审核. */
  expired: 'DA-2014-06-000001',
  /** Expired too, but under 法律保全: listed with its hold, never destroyed. */
  held: 'DA-2015-03-000001',
  /** In date; lent to 质量管理部 by the demo 借阅 case, waiting for its return. */
  lent: 'DA-2021-09-000001',
} as const;

const paperArchives = [
  { id: DEMO_ARCHIVES.expired, customerId: 'C0002', type: 'complaint', title: '宁波港城贸易 净水器噪音投诉（2014）', registeredOn: '2014-06-30', retentionYears: 10, content: '净水器运行噪音大，上门更换水泵后客户满意' },
  { id: DEMO_ARCHIVES.held, customerId: 'C0002', type: 'repair', title: '宁波港城贸易 净水器漏水维修（2015）', registeredOn: '2015-03-31', retentionYears: 10, content: '净水器漏水致仓库货物受潮，更换接头并赔偿' },
  { id: DEMO_ARCHIVES.lent, customerId: 'C0002', type: 'complaint', title: '宁波港城贸易 滤芯质量投诉（2021）', registeredOn: '2021-09-30', retentionYears: 10, content: '同批次滤芯寿命不足三个月，批量更换' },
];

/** Writes the paper-register archives (each with its 建立档案 history) and puts one on hold; a second run changes nothing. */
export async function registerDemoArchives(db: Db, holdBy: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const a of paperArchives) {
      const { rowCount } = await tx.query(
        `INSERT INTO archive (id, customer_id, unit_id, archive_type, title, confidentiality, location, retention_years, expires_on, records, created_at, updated_at)
         SELECT $1, cu.id, cu.unit_id, $3, $4, cu.confidentiality, '客服部档案室', $6, ($5::date + make_interval(years => $6))::date, $7, $5::date, $5::date
           FROM customer cu WHERE cu.id = $2
         ON CONFLICT (id) DO NOTHING`,
        [a.id, a.customerId, a.type, a.title, a.registeredOn, a.retentionYears, { 来源: '纸质档案登记簿', 内容摘要: a.content }],
      );
      if (rowCount) {
        await tx.query(`INSERT INTO archive_event (key, archive_id, kind, case_id, payload, at) VALUES ($1, $2, 'registered', NULL, $3, $4::date) ON CONFLICT (key) DO NOTHING`, [
          `demo/${a.id}/registered`, a.id, { location: '客服部档案室', retentionYears: a.retentionYears, source: 'paper' }, a.registeredOn,
        ]);
      }
    }
    await setLegalHold(tx, { archiveId: DEMO_ARCHIVES.held, hold: true, reason: '客户就仓库货损提起诉讼，法院要求保全', actorId: holdBy, key: `demo/${DEMO_ARCHIVES.held}/hold` });
  });
}
