// Why a task Update was refused; the API maps each to an HTTP status.
export const TaskFailure = {
  notOpen: 'TaskNotOpen',
  outcomeNotAllowed: 'OutcomeNotAllowed',
  separationOfDuties: 'SeparationOfDuties',
  claimedByOther: 'TaskClaimedByOther',
  invalidData: 'InvalidTaskData',
  badRequest: 'BadTaskRequest',
} as const;
