/** Wording helpers so finding messages read the same across checks. */

/** "a, b, c" or "a, b, c and 4 more" beyond `max` names. */
export function listNames(names: readonly string[], max = 10): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** "1 user" / "3 users". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "has" / "have" for a count. */
export function has(n: number): string {
  return n === 1 ? 'has' : 'have';
}
