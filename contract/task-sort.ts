// Kept apart from tasks.ts (zod) so that the console's first bundle can import it.

/** The order an inbox list takes when not told: open tasks most urgent first, completed ones newest first (the API and the console alike). */
export const defaultTaskSort = (status: 'open' | 'completed'): 'due' | 'created' => (status === 'completed' ? 'created' : 'due');
