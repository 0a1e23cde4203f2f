import type { RoleCode } from './roles';

// 客户档案管理: who may set or lift a legal hold (法律保全) on an archive. The hold decides
// whether the archive may ever be destroyed, so it is a manager's call (PROCESSES.md §7: the
// 客服经理 answers for the archive room), in the archive's unit or a unit above it.
export const SETS_LEGAL_HOLD: readonly RoleCode[] = ['cs_manager'];
