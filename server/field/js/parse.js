/**
 * @file What an agent types, read into the protocol's units: decimals with a point or a
 * comma into hundredths (carats, US cents), lists of weights, a licence's corners into a
 * closed ring. Pure, so that node tests it; the protocol core then checks the ranges as
 * the server does.
 */

/** Thrown when the text is not a number at all (a range is the core's business). */
export class NotANumber extends Error {}

/** Drops the spaces people type in numbers (`1 234`, and the no-break ones). */
function compact(text) {
  return String(text).replace(/[\s\u00a0\u202f]/g, '');
}

/**
 * A whole number, `1 234` included.
 * @param {string} text
 */
export function parseWhole(text) {
  const t = compact(text);
  if (!/^\d+$/.test(t)) throw new NotANumber(text);
  return Number(t);
}

/**
 * A decimal with at most two places, in hundredths: `1.25` and `1,25` are 125.
 * @param {string} text
 */
export function parseHundredths(text) {
  const t = compact(text).replace(',', '.');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) throw new NotANumber(text);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * A signed decimal (a latitude, a longitude), point or comma.
 * @param {string} text
 */
export function parseDegrees(text) {
  const t = compact(text).replace(',', '.');
  if (!/^[+-]?\d+(?:\.\d*)?$/.test(t)) throw new NotANumber(text);
  return Number(t);
}

/**
 * Weights separated by spaces or semicolons (`0.25 1,10;0.4`), each in hundredths.
 * @param {string} text
 */
export function parseWeights(text) {
  return String(text)
    .split(/[\s;]+/)
    .filter((w) => w !== '')
    .map(parseHundredths);
}

/**
 * Corners, one per line as `latitude, longitude` (a comma, a semicolon or spaces between
 * them; a decimal comma only when a semicolon or spaces separate), into a closed ring:
 * the first corner repeated at the end unless it already is.
 * @param {string} text
 * @returns {{lon: number, lat: number}[]}
 */
export function parseCorners(text) {
  const points = String(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const parts = line.includes(';') ? line.split(';') : line.includes(', ') || !/\s/.test(line) ? line.split(',') : line.split(/\s+/);
      if (parts.length !== 2) throw new NotANumber(line);
      return { lat: parseDegrees(parts[0]), lon: parseDegrees(parts[1]) };
    });
  if (points.length > 0) {
    const [first] = points;
    const last = points[points.length - 1];
    if (points.length === 1 || first.lat !== last.lat || first.lon !== last.lon) points.push({ ...first });
  }
  return points;
}

/** A ring's corners as the agent types them back (the closing repeat left out). */
export function formatCorners(ring) {
  return ring.slice(0, -1).map((p) => `${p.lat}, ${p.lon}`).join('\n');
}

/** Hundredths as a decimal with two places and a point (what an input holds). */
export function formatHundredths(n) {
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}
