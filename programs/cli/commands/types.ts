import type { Config } from '../../../server/config';

/** A command gets its own arguments (after the command name) and returns the exit code. */
export type Command = (args: string[], config: () => Config) => Promise<number>;
