import { z } from 'zod';

// Signing in and out (POST/GET/DELETE /api/session).

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  roles: z.array(z.object({ role: z.string(), unitId: z.string() })),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const signInBodySchema = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
export const sessionSchema = z.object({ user: sessionUserSchema });
