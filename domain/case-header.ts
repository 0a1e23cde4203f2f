// What a case starts with and is recorded as: the workflow's input carries it, the case row
// (db/cases.ts) stores it. One shape, so the two cannot drift.

export interface CaseHeader {
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  /** Who started it; null for a case a schedule started (nobody did: the trail says 系统（定时）). */
  initiatorId: string | null;
  /** The first-contact owner when it is not the initiator (a scheduled case's shouwen:owner). */
  ownerId?: string | null;
  /** The timer start event whose schedule started the case. */
  scheduledBy?: string;
  unitId: string;
  customerId?: string | null;
  parentCaseId?: string | null;
  /** Chosen by the API, so its own record of the start and the workflow's agree. */
  startedAt: string;
}

/** What a timer start event's schedule passes to each run: the version it was deployed as and the event. */
export interface ScheduledStartRef {
  processKey: string;
  processVersion: number;
  startEventId: string;
}
