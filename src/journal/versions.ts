import { canonicalJson } from './merge.js';
import type { Entry } from './types.js';

/*
 * Two versions of one entry (the same id) compared: whether they hold the
 * same content, and which is the later one. Pure, and the same on every
 * device, so a merge made anywhere picks the same version.
 */

/** Milliseconds of an ISO 8601 time; NaN when it is not one. */
export function timeOf(iso: unknown): number {
  return typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
}

/**
 * Whether two JSON values are equal in any key order (as canonicalJson
 * compares them), without building strings: a merge compares every entry
 * the two journals share, and most are equal.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameValue(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // for...in, not Object.keys: no array made per object, which at 20k entries a merge is mostly spent collecting.
  let count = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined) continue;
    count++;
    // Most values are text, numbers or null: compared here, without a call.
    if (value === right[key] ? !Object.hasOwn(right, key) : typeof value !== 'object' || !sameValue(value, right[key])) return false;
  }
  let other = 0;
  for (const key in right) if (right[key] !== undefined) other++;
  return count === other;
}

/** When this version was made: its last edit, else when it was recorded; -Infinity when neither is a time. */
export function stampOf(entry: Entry): number {
  const edited = timeOf(entry.editedAt);
  if (!Number.isNaN(edited)) return edited;
  const recorded = timeOf(entry.recordedAt);
  return Number.isNaN(recorded) ? Number.NEGATIVE_INFINITY : recorded;
}

/**
 * Whether `a` is the later version of the two: the later edit (else
 * recording) wins; at the same second an edited version wins over one never
 * edited (an edit made the second it was recorded is still the later act),
 * then the larger canonical JSON: an arbitrary rule, but one every device
 * applies alike.
 */
export function isLater(a: Entry, b: Entry): boolean {
  const sa = stampOf(a);
  const sb = stampOf(b);
  if (sa !== sb) return sa > sb;
  const ea = !Number.isNaN(timeOf(a.editedAt));
  if (ea !== !Number.isNaN(timeOf(b.editedAt))) return ea;
  return canonicalJson(a) > canonicalJson(b);
}

/** The latest of one or more versions. */
export function latest(versions: readonly Entry[]): Entry {
  let best = versions[0]!;
  for (let i = 1; i < versions.length; i++) if (isLater(versions[i]!, best)) best = versions[i]!;
  return best;
}
