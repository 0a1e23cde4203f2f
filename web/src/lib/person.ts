/**
 * A person as the history shows them: by display name; no id = the engine (a timer, an escalation, a
 * service task) = 系统. An id that names no user (a diagram's typo) can only be shown as it is.
 * Its own module: the inbox's <Person> needs it, not the case history's wording (caseEvents).
 */
export const personLabel = (id: string | null, name: string | null | undefined, system: string): string => (id === null ? system : name || id);
