/**
 * @file The one error type of the protocol core, carrying the server's error code.
 *
 * The server answers every refusal with a code (`malformed`, `invalid_value`, …; see
 * PROTOCOL.md, "Errors"). The field app must refuse what the server refuses, for the same
 * reason, so every failure here says which code the server would give: the app can then
 * tell "this client is wrong" (`malformed`) from "the person typed a bad value"
 * (`invalid_value`) without parsing messages.
 */

/**
 * A refusal, with the server's code for it and where in the value it happened.
 */
export class ProtocolError extends Error {
  /**
   * @param {'malformed'|'invalid_value'|'unsupported_version'|'too_large'|'bad_signature'} code
   * @param {string} detail what is wrong, for people
   */
  constructor(code, detail) {
    super(detail);
    this.name = 'ProtocolError';
    /** The server's error code for this refusal. */
    this.code = code;
    /** What is wrong, without the location. */
    this.detail = detail;
    /**
     * Where, outermost first (`["ops", 0, "body"]`): filled in as the error travels out
     * of the codec, so that building it costs nothing while decoding succeeds.
     * @type {(string|number)[]}
     */
    this.where = [];
  }

  /**
   * Records one step of the location and refreshes the message.
   * @param {string|number} step a field name or an index
   * @returns {this}
   */
  at(step) {
    this.where.unshift(step);
    this.message = `${formatWhere(this.where)}: ${this.detail}`;
    return this;
  }
}

/** @param {(string|number)[]} where */
function formatWhere(where) {
  let out = '';
  for (const step of where) {
    out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`;
  }
  return out;
}

/** Not a message of the expected shape: the server answers `malformed`. */
export function malformed(detail) {
  return new ProtocolError('malformed', detail);
}

/** A value outside its type's range: the server answers `invalid_value`. */
export function invalidValue(detail) {
  return new ProtocolError('invalid_value', detail);
}

/**
 * Runs `f`, adding `step` to the location of a protocol error it throws. Used by the codec
 * at each struct field and list item, so that an error names where it happened.
 * @template T
 * @param {string|number} step
 * @param {() => T} f
 * @returns {T}
 */
export function within(step, f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof ProtocolError) throw e.at(step);
    throw e;
  }
}
