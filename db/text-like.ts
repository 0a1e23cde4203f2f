/**
 * LIKE where it matches exactly what ILIKE would, else ILIKE. A term written only in characters that have no case
 * (Chinese characters, digits, punctuation, spaces — a customer's or case's name, a number) matches the same texts
 * either way: ILIKE lowers both sides first, and no character lowers into one of these. ILIKE's lowering of each
 * text was half the cost of a common term's search at 1M tasks (issue 19); a term with any letter keeps ILIKE.
 * Combining marks are left out on purpose: a full case mapping may produce one (İ lowers to i + U+0307).
 */
const CASELESS = /^[\p{Script=Han}\p{Nd}\p{P}\p{Zs}]*$/u;

export function likeOperatorFor(term: string): 'LIKE' | 'ILIKE' {
  return CASELESS.test(term) ? 'LIKE' : 'ILIKE';
}
