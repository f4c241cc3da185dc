/**
 * @file The public surface of the field app's protocol core: everything the app layer
 * (its IndexedDB outbox and sync loop) needs to speak the Placer sync protocol byte for
 * byte as the server does. Plain ES modules, no dependency: the server serves them as
 * they are under `/field/`.
 */

export { ProtocolError } from './errors.js';
export { toHex, fromHex, compareBytes, bytesEqual, concatBytes } from './bytes.js';
export { Writer, Reader } from './bincode.js';
export { NIL_UUID, uuidBytes, uuidString, isUuidV7, newUuidV7 } from './uuid.js';
export { parseDay, canonicalDay, dayFromOrdinal } from './day.js';
export {
  Clock,
  HLC_ZERO,
  MAX_MS,
  hlcPack,
  hlcUnixMs,
  hlcCounter,
  parseHlc,
  formatHlc,
  canonicalHlc,
  compareHlc,
  effectiveStamp,
} from './clock.js';
export * as schema from './schema.js';
export * as types from './types.js';
export {
  VERSION,
  DENSE_PAGE_VERSION,
  MAX_MESSAGE,
  encodeMessage,
  decodeMessage,
  encodePlain,
  encodeJson,
  decodeJson,
  decodeJsonText,
} from './codec.js';
export { valuesEqual } from './equal.js';
export {
  compareWriteIds,
  compareOrder,
  rank,
  emptyState,
  emptyHistory,
  joinSameWrite,
  insertIntoHistory,
  mergeHistories,
  winner,
  historyConflicts,
  compactHistory,
  insertWrite,
  mergeStates,
  compactState,
  winners,
  latestWrite,
  conflicts,
  recordParts,
  mergeRecords,
  compactRecord,
  sortedKeys,
} from './merge.js';
export { opCollection, opSets, checkOpShape, checkBatchShape, applyOp } from './op.js';
export {
  personalFieldOf,
  randomSalt,
  digestInput,
  sealValue,
  sealForSigning,
  opens,
  openInState,
} from './personal.js';
export {
  ZERO_DIGEST,
  sha256,
  generateDeviceKey,
  keyFromSeed,
  sign,
  verify,
  seal,
  signedDigest,
  ackMatches,
} from './sign.js';
export { DensePage, toDense, fromDense } from './dense.js';
export { decodePage, encodePage, decodeJsonPage } from './page.js';
