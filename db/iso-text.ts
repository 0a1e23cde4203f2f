/**
 * SQL: the timestamptz `column` as the API writes an instant — Date#toISOString's text (UTC, three
 * decimals, "Z") — made by PostgreSQL, for lists read often enough that parsing each instant into a
 * Date and writing it back cost the API's Node thread (issue 19: four instants a row were ≈ 10 % of
 * an inbox page's CPU). Milliseconds are cut, not rounded, as pg's Date parse cuts them
 * (db/iso-text.test.ts). NULL stays NULL; so does ±infinity, which no instant the API writes is.
 * A task's due and creation instants are kept to the millisecond (migration 060), so this text is their whole value
 * and the inbox's cursor, made of it, compares equal with the row it came from.
 */
export const isoText = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
