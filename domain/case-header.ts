// What a case starts with and is recorded as: the workflow's input carries it, the case row
// (db/cases.ts) stores it. One shape, so the two cannot drift.

export interface CaseHeader {
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  initiatorId: string;
  unitId: string;
  customerId?: string | null;
  parentCaseId?: string | null;
  /** Chosen by the API, so its own record of the start and the workflow's agree. */
  startedAt: string;
}
