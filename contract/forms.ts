import { z } from 'zod';

/** A form-js schema: open-ended JSON, checked where it is used (task data). */
export const formJsSchema = z.object({ components: z.array(z.record(z.string(), z.unknown())) }).passthrough();
export type FormJsSchema = z.infer<typeof formJsSchema>;
