// Shapes of the API's JSON (the server's zod schemas are the source; keep these in step).
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Array<{ role: string; unitId: string }>;
}

export interface Task {
  id: string;
  caseId: string;
  caseTitle: string;
  businessKey: string;
  processKey: string;
  name: string;
  status: 'open' | 'completed' | 'cancelled';
  candidateRoles: string[];
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  outcome: 'approve' | 'reject' | null;
  comment: string | null;
}

export interface Case {
  id: string;
  processKey: string;
  processVersion: number;
  businessKey: string;
  title: string;
  status: 'running' | 'completed' | 'failed' | 'terminated';
  startedAt: string;
  endedAt: string | null;
}
