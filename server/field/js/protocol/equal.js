/**
 * @file Equality of values in the JSON shape, as the reference implementation's `==` on
 * the typed values: the merge keeps one copy of a write when two copies hold the same
 * content, so "the same" must mean what it means in Rust.
 *
 * Values are canonical once decoded (stamps in UTC, UUIDs lowercase), so structural
 * equality is typed equality. Numbers compare with `===`, so `0` equals `-0` as `f64`
 * does in Rust.
 */

/**
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function valuesEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !valuesEqual(a[k], b[k])) return false;
  }
  return true;
}
