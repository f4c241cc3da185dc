/**
 * @file Schemas of the wire types, and the one generic codec that walks them.
 *
 * Each protocol type is described once (`types/*.js`): a struct's fields in declaration
 * order, an enum's variants in declaration order with their content, the range a
 * validated newtype checks. Three walkers read that description: JSON in (validate and
 * canonicalize), binary out, binary in. Writing each type's codec by hand, twice, is how
 * two implementations drift apart; one description cannot disagree with itself.
 *
 * Values are the JSON form's shape: a struct is an object, a unit variant its name
 * (`"female"`), a variant with content `{name: content}`, an `Option` `null` or the value,
 * a `Vec` an array, a map an object, a `u64` a number, an `Hlc` its string, a UUID its
 * hyphenated lowercase string, a byte string its lowercase hex. So a decoded JSON message
 * *is* the value, once canonicalized (an `Hlc` with an offset becomes UTC, a UUID lowercase),
 * and can be stored in IndexedDB as it is.
 *
 * Strictness is the server's: a struct the reference implementation marks
 * `deny_unknown_fields` (what a device sends) refuses an unknown JSON field; the others
 * (what the server sends) ignore it, so a newer server's extra field does not break an
 * older handset. A missing `Option` field reads as `null`, as serde reads it.
 */

import { Reader, Writer } from './bincode.js';
import { fromHex, toHex } from './bytes.js';
import { formatHlc, hlcInRange, parseHlc } from './clock.js';
import { dayFromOrdinal, parseDay } from './day.js';
import { invalidValue, malformed, within } from './errors.js';
import { uuidBytes, uuidString } from './uuid.js';

/**
 * @typedef {object} Schema
 * @property {string} kind `prim`, `checked`, `struct`, `enum`, `option`, `vec`, `map`, `tuple`
 * @property {string} name for messages
 */

/**
 * A primitive: how its JSON value reads (`parse`, to an internal form), how the internal
 * form is written as the value (`format`), written in binary (`emit`) and read (`take`).
 * @param {string} name
 * @param {{parse: (v: any) => any, format: (x: any) => any, emit: (w: Writer, x: any) => void, take: (r: Reader) => any}} def
 * @returns {Schema}
 */
function prim(name, def) {
  return { kind: 'prim', name, ...def };
}

const identity = (x) => x;

/** @param {unknown} v @param {number} max @param {string} name */
function unsigned(v, max, name) {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw malformed(`invalid type: expected ${name}, got ${describe(v)}`);
  if (v < 0 || v > max) throw malformed(`invalid value: ${v}, expected ${name}`);
  return v;
}

/** @param {unknown} v */
function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export const u8 = prim('u8', {
  parse: (v) => unsigned(v, 0xff, 'u8'),
  format: identity,
  emit: (w, x) => w.u8(x),
  take: (r) => r.u8(),
});

export const u16 = prim('u16', {
  parse: (v) => unsigned(v, 0xffff, 'u16'),
  format: identity,
  emit: (w, x) => w.varint(x),
  take: (r) => r.u16(),
});

export const u32 = prim('u32', {
  parse: (v) => unsigned(v, 0xffffffff, 'u32'),
  format: identity,
  emit: (w, x) => w.varint(x),
  take: (r) => r.u32(),
});

/**
 * A `u64` held as a number: the protocol's amounts, counts and sequence numbers stay
 * below 2^53 (PROTOCOL.md, JSON). One past it cannot be held exactly, so it is refused
 * (`invalid_value`) rather than rounded.
 */
export const u64 = prim('u64', {
  parse: (v) => {
    if (typeof v === 'bigint') {
      if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidValue(`${v} is past 2^53, which this client cannot hold exactly`);
      return Number(v);
    }
    if (typeof v === 'number' && Number.isInteger(v) && v > Number.MAX_SAFE_INTEGER) {
      throw invalidValue(`${v} is past 2^53, which this client cannot hold exactly`);
    }
    return unsigned(v, Number.MAX_SAFE_INTEGER, 'u64');
  },
  format: identity,
  emit: (w, x) => w.varint(x),
  take: (r) => {
    const n = r.u64();
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidValue(`${n} is past 2^53, which this client cannot hold exactly`);
    return Number(n);
  },
});

/** A `u64` held as a bigint, where the full range matters (a dense page's seq steps). */
export const u64big = prim('u64', {
  parse: (v) => {
    const n = typeof v === 'bigint' ? v : BigInt(unsigned(v, Number.MAX_SAFE_INTEGER, 'u64'));
    if (n < 0n || n >= 1n << 64n) throw malformed(`invalid value: ${n}, expected u64`);
    return n;
  },
  format: identity,
  emit: (w, x) => w.varint(x),
  take: (r) => r.u64(),
});

export const i32 = prim('i32', {
  parse: (v) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw malformed(`invalid type: expected i32, got ${describe(v)}`);
    if (v < -0x80000000 || v > 0x7fffffff) throw malformed(`invalid value: ${v}, expected i32`);
    return v;
  },
  format: identity,
  emit: (w, x) => w.i32(x),
  take: (r) => r.i32(),
});

export const f64 = prim('f64', {
  parse: (v) => {
    if (typeof v !== 'number') throw malformed(`invalid type: expected f64, got ${describe(v)}`);
    return v;
  },
  format: identity,
  emit: (w, x) => w.f64(x),
  take: (r) => r.f64(),
});

export const bool = prim('bool', {
  parse: (v) => {
    if (typeof v !== 'boolean') throw malformed(`invalid type: expected a boolean, got ${describe(v)}`);
    return v;
  },
  format: identity,
  emit: (w, x) => w.bool(x),
  take: (r) => r.bool(),
});

/** Any string. One with a lone surrogate has no UTF-8 form: refused, never repaired. */
export const string = prim('String', {
  parse: (v) => {
    if (typeof v !== 'string') throw malformed(`invalid type: expected a string, got ${describe(v)}`);
    if (!v.isWellFormed()) throw malformed('a string holds a lone surrogate (not Unicode)');
    return v;
  },
  format: identity,
  emit: (w, x) => w.string(x),
  take: (r) => r.string(),
});

/** A UUID: 16 bytes after their length (`0x10`) in binary, a string in JSON. */
export const uuid = prim('Uuid', {
  parse: uuidBytes,
  format: uuidString,
  emit: (w, x) => w.byteString(x),
  take: (r) => {
    const b = r.byteString();
    if (b.length !== 16) throw malformed(`a UUID is 16 bytes, got ${b.length}`);
    return b;
  },
});

/**
 * A byte string: its length then its bytes in binary, lowercase hex in JSON.
 * @param {string} name
 * @param {number} [size] the exact length in bytes, if fixed
 */
export function bytes(name, size) {
  const sized = (/** @type {Uint8Array} */ b) => {
    if (size !== undefined && b.length !== size) throw malformed(`${name} must be ${size} bytes, got ${b.length}`);
    return b;
  };
  return prim(name, {
    parse: (v) => sized(fromHex(v)),
    format: toHex,
    emit: (w, x) => w.byteString(x),
    take: (r) => sized(r.byteString()),
  });
}

/** A stamp: its packed `u64` in binary, its string in JSON. */
export const hlc = prim('Hlc', {
  parse: parseHlc,
  format: formatHlc,
  emit: (w, x) => w.varint(x),
  take: (r) => {
    const raw = r.u64();
    if (!hlcInRange(raw)) throw invalidValue('bad stamp: after the year 9999');
    return raw;
  },
});

/** A date: (year as zigzag i32, day of the year as u16) in binary, `"YYYY-MM-DD"` in JSON. */
export const day = prim('Day', {
  parse: (v) => {
    if (typeof v !== 'string') throw malformed(`invalid type: expected a date string, got ${describe(v)}`);
    return parseDay(v);
  },
  format: (d) => dayFromOrdinal(d.year, d.ordinal),
  emit: (w, d) => {
    w.i32(d.year);
    w.varint(d.ordinal);
  },
  take: (r) => ({ year: r.i32(), ordinal: r.u16() }),
});

/**
 * A validated newtype: the inner value on the wire, refused when `check` finds it out of
 * range (`invalid_value`, "bad <what>: …"), in both encodings and when encoding.
 * @param {string} name the type's name
 * @param {string} what what the value is, for messages
 * @param {Schema} inner
 * @param {(value: any) => string|undefined} check what is wrong, or undefined
 * @returns {Schema}
 */
export function checked(name, what, inner, check) {
  return { kind: 'checked', name, what, inner, check };
}

/**
 * A struct: its fields in declaration order, which is the binary order.
 * @param {string} name
 * @param {Record<string, Schema>} fields
 * @param {{strict?: boolean, skipNull?: string[]}} [options] `strict`: an unknown JSON field
 *   is `malformed` (`deny_unknown_fields`); `skipNull`: fields left out of JSON when null
 * @returns {Schema}
 */
export function struct(name, fields, options = {}) {
  const entries = Object.entries(fields);
  return {
    kind: 'struct',
    name,
    fields: entries,
    names: new Set(entries.map(([n]) => n)),
    strict: options.strict ?? false,
    skipNull: new Set(options.skipNull ?? []),
  };
}

/**
 * An enum: its variants in declaration order (the index is the binary tag), each with
 * its content schema, or `null` for a variant without content.
 * @param {string} name
 * @param {Record<string, Schema|null>} variants JSON names, in declaration order
 * @returns {Schema}
 */
export function enumOf(name, variants) {
  const entries = Object.entries(variants);
  for (const [n] of entries) {
    // An integer-like key would be moved first by JavaScript's property order.
    if (/^\d+$/.test(n)) throw new Error(`variant name ${n} of ${name} would lose its place`);
  }
  return {
    kind: 'enum',
    name,
    variants: entries,
    index: new Map(entries.map(([n], i) => [n, i])),
  };
}

/** @param {Schema} inner @returns {Schema} */
export function option(inner) {
  return { kind: 'option', name: `Option<${inner.name}>`, inner };
}

/** @param {Schema} inner @returns {Schema} */
export function vec(inner) {
  return { kind: 'vec', name: `Vec<${inner.name}>`, inner };
}

/**
 * A map with string keys (`BTreeMap<String, V>`): entries in key order in binary, an
 * object in JSON.
 * @param {Schema} value
 * @returns {Schema}
 */
export function map(value) {
  return { kind: 'map', name: `map<String, ${value.name}>`, value };
}

/** A tuple: its items one after the other; an array in JSON. @param {...Schema} items */
export function tuple(...items) {
  return { kind: 'tuple', name: `(${items.map((s) => s.name).join(', ')})`, items };
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Orders strings as Rust orders them: by UTF-8 bytes, which is by code points (JavaScript's
 * `<` compares UTF-16 units, which differs past U+FFFF).
 * @param {string} a
 * @param {string} b
 */
export function compareStrings(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * The variant name and content of an enum value in the JSON shape.
 * @param {Schema} s the enum's schema
 * @param {unknown} v
 * @returns {[string, unknown, Schema|null]} name, content, content schema
 */
function variantOf(s, v) {
  if (typeof v === 'string') {
    const i = s.index.get(v);
    if (i === undefined) throw malformed(`unknown variant ${JSON.stringify(v)} of ${s.name}`);
    const content = s.variants[i][1];
    if (content !== null) throw malformed(`invalid type: ${s.name}::${v} needs a value`);
    return [v, undefined, null];
  }
  if (!isObject(v)) throw malformed(`invalid type: expected ${s.name}, got ${describe(v)}`);
  const keys = Object.keys(v);
  if (keys.length !== 1) throw malformed(`${s.name} must be an object with exactly one key, got ${keys.length}`);
  const name = keys[0];
  const i = s.index.get(name);
  if (i === undefined) throw malformed(`unknown variant ${JSON.stringify(name)} of ${s.name}`);
  return [name, v[name], s.variants[i][1]];
}

/** @param {Schema} s @param {unknown} v */
function runCheck(s, v) {
  const problem = s.check(v);
  if (problem !== undefined) throw invalidValue(`bad ${s.what}: ${problem}`);
}

/**
 * @param {Schema} s a struct
 * @param {unknown} v
 */
function structFields(s, v) {
  if (!isObject(v)) throw malformed(`invalid type: expected ${s.name}, got ${describe(v)}`);
  if (s.strict) {
    for (const k of Object.keys(v)) {
      if (!s.names.has(k)) throw malformed(`unknown field ${JSON.stringify(k)} in ${s.name}`);
    }
  }
  return v;
}

/**
 * A field's value, `null` when an `Option` field is missing.
 * @param {Schema} s the struct
 * @param {Record<string, unknown>} v
 * @param {string} name
 * @param {Schema} fs the field's schema
 */
function fieldValue(s, v, name, fs) {
  if (Object.hasOwn(v, name) && v[name] !== undefined) return v[name];
  if (fs.kind === 'option') return null;
  throw malformed(`missing field ${JSON.stringify(name)} in ${s.name}`);
}

/**
 * Reads a JSON value (already parsed) as `s`: validated, canonicalized, and copied.
 * `forOutput` leaves out the fields a type writes only when present.
 * @param {Schema} s
 * @param {unknown} v
 * @param {boolean} [forOutput]
 * @returns {any}
 */
export function fromJson(s, v, forOutput = false) {
  switch (s.kind) {
    case 'prim':
      return s.format(s.parse(v));
    case 'checked': {
      const x = fromJson(s.inner, v, forOutput);
      runCheck(s, x);
      return x;
    }
    case 'option':
      return v === null || v === undefined ? null : fromJson(s.inner, v, forOutput);
    case 'vec': {
      if (!Array.isArray(v)) throw malformed(`invalid type: expected a list (${s.name}), got ${describe(v)}`);
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = within(i, () => fromJson(s.inner, v[i], forOutput));
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(v) || v.length !== s.items.length) throw malformed(`expected a tuple ${s.name}`);
      return s.items.map((item, i) => within(i, () => fromJson(item, v[i], forOutput)));
    }
    case 'map': {
      if (!isObject(v)) throw malformed(`invalid type: expected an object (${s.name}), got ${describe(v)}`);
      const out = {};
      for (const k of Object.keys(v).sort(compareStrings)) {
        if (!k.isWellFormed()) throw malformed('a key holds a lone surrogate (not Unicode)');
        out[k] = within(k, () => fromJson(s.value, v[k], forOutput));
      }
      return out;
    }
    case 'struct': {
      const obj = structFields(s, v);
      const out = {};
      for (const [name, fs] of s.fields) {
        const x = within(name, () => fromJson(fs, fieldValue(s, obj, name, fs), forOutput));
        if (!(forOutput && x === null && s.skipNull.has(name))) out[name] = x;
      }
      return out;
    }
    case 'enum': {
      // A unit variant may also come as {"name": null}, as serde reads it.
      if (isObject(v)) {
        const keys = Object.keys(v);
        if (keys.length === 1 && v[keys[0]] === null && s.index.has(keys[0])) {
          const content = s.variants[s.index.get(keys[0])][1];
          if (content === null) return keys[0];
        }
      }
      const [name, content, cs] = variantOf(s, v);
      if (cs === null) return name;
      return { [name]: within(name, () => fromJson(cs, content, forOutput)) };
    }
    default:
      throw new Error(`unknown schema kind ${s.kind}`);
  }
}

/**
 * Writes `v` in binary as `s`, checking it as the JSON reader would: a value that could
 * not be decoded is never encoded.
 * @param {Writer} w
 * @param {Schema} s
 * @param {unknown} v
 */
export function writeValue(w, s, v) {
  switch (s.kind) {
    case 'prim':
      s.emit(w, s.parse(v));
      return;
    case 'checked':
      writeValue(w, s.inner, v);
      runCheck(s, v);
      return;
    case 'option':
      if (v === null || v === undefined) {
        w.u8(0);
      } else {
        w.u8(1);
        writeValue(w, s.inner, v);
      }
      return;
    case 'vec': {
      if (!Array.isArray(v)) throw malformed(`invalid type: expected a list (${s.name}), got ${describe(v)}`);
      w.varint(v.length);
      for (let i = 0; i < v.length; i++) within(i, () => writeValue(w, s.inner, v[i]));
      return;
    }
    case 'tuple': {
      if (!Array.isArray(v) || v.length !== s.items.length) throw malformed(`expected a tuple ${s.name}`);
      s.items.forEach((item, i) => within(i, () => writeValue(w, item, v[i])));
      return;
    }
    case 'map': {
      if (!isObject(v)) throw malformed(`invalid type: expected an object (${s.name}), got ${describe(v)}`);
      const keys = Object.keys(v).sort(compareStrings);
      w.varint(keys.length);
      for (const k of keys) {
        string.emit(w, string.parse(k));
        within(k, () => writeValue(w, s.value, v[k]));
      }
      return;
    }
    case 'struct': {
      const obj = structFields(s, v);
      for (const [name, fs] of s.fields) within(name, () => writeValue(w, fs, fieldValue(s, obj, name, fs)));
      return;
    }
    case 'enum': {
      const [name, content, cs] = variantOf(s, v);
      w.varint(s.index.get(name));
      if (cs !== null) within(name, () => writeValue(w, cs, content));
      return;
    }
    default:
      throw new Error(`unknown schema kind ${s.kind}`);
  }
}

/**
 * Reads one value of `s` from binary, strictly.
 * @param {Reader} r
 * @param {Schema} s
 * @returns {any}
 */
export function readValue(r, s) {
  switch (s.kind) {
    case 'prim':
      return s.format(s.take(r));
    case 'checked': {
      const x = readValue(r, s.inner);
      runCheck(s, x);
      return x;
    }
    case 'option': {
      const tag = r.u8();
      if (tag === 0) return null;
      if (tag !== 1) throw malformed(`${tag} is not an option tag (0 or 1)`);
      return readValue(r, s.inner);
    }
    case 'vec': {
      const n = r.length();
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = within(i, () => readValue(r, s.inner));
      return out;
    }
    case 'tuple':
      return s.items.map((item, i) => within(i, () => readValue(r, item)));
    case 'map': {
      const n = r.length();
      const out = {};
      let previous;
      for (let i = 0; i < n; i++) {
        const k = r.string();
        // The one encoding of a map has its keys in order, each once.
        if (previous !== undefined && compareStrings(previous, k) >= 0) {
          throw malformed(`map keys out of order or repeated at ${JSON.stringify(k)}`);
        }
        previous = k;
        out[k] = within(k, () => readValue(r, s.value));
      }
      return out;
    }
    case 'struct': {
      const out = {};
      for (const [name, fs] of s.fields) out[name] = within(name, () => readValue(r, fs));
      return out;
    }
    case 'enum': {
      const i = r.u32();
      if (i >= s.variants.length) throw malformed(`${s.name} has no variant ${i}`);
      const [name, cs] = s.variants[i];
      if (cs === null) return name;
      return { [name]: within(name, () => readValue(r, cs)) };
    }
    default:
      throw new Error(`unknown schema kind ${s.kind}`);
  }
}

export { Reader, Writer };
