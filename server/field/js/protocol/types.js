/**
 * @file Every wire type's schema, in one place: values, records and merged states,
 * ops, batches and API messages. Encode and decode them with `codec.js`; the dense pull
 * page has its own module (`dense.js`).
 */

export * from './types/values.js';
export * from './types/records.js';
export * from './types/messages.js';
