/** Carried in the router's location state from the inbox to a task page: the inbox query the user came from. */
export interface TaskLinkState {
  from: string;
}

export const taskHref = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;

export function linkStateOf(state: unknown): TaskLinkState {
  const from = (state as Partial<TaskLinkState> | null)?.from;
  return { from: typeof from === 'string' && (from === '' || from.startsWith('?')) ? from : '' };
}
