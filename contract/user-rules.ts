// The user-administration rules the console checks before sending, as plain values: the console
// imports them at run time, and this file stays free of zod so that costs it nothing.

/** The roles the database accepts (user_role's CHECK in 001_foundation.sql). */
export const ROLE_CODES = ['cs_agent', 'cs_manager', 'general_manager', 'engineering', 'sales', 'department', 'auditor', 'process_owner', 'admin'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export const PASSWORD_MIN_LENGTH = 8;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
