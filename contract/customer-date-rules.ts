// The rules of a customer date the console checks before sending, as plain values (no zod, so the
// console's bundle pays nothing for them); contract/customer-dates.ts builds the API's schemas on them.

export const IMPORTANT_DATE_KINDS = ['birthday', 'festival', 'anniversary'] as const;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Whether the day exists in its month (in its year, when one is given: 29 February needs a leap
 * year then; without a year it is a day some years have). Checked by the service (a change
 * against what is stored) and by the console's form.
 */
export function importantDateExists(month: number, day: number, year: number | null | undefined): boolean {
  const max = month === 2 && year != null && !leap(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return Number.isInteger(day) && day >= 1 && day <= max;
}
