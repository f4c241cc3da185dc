/**
 * @file Every file of the field app's shell, as the service worker precaches it and as the
 * server compiles it in (`server/src/field.rs` holds the same list; a test checks that
 * the two agree). Paths are relative to `/field/`.
 */
export const VERSION = 'placer-field-1';

export const FILES = [
  './',
  'index.html',
  'app.css',
  'manifest.webmanifest',
  'icons/icon.svg',
  'js/files.js',
  'js/app.js',
  'js/i18n.js',
  'js/db.js',
  'js/protocol/bincode.js',
  'js/protocol/bytes.js',
  'js/protocol/clock.js',
  'js/protocol/codec.js',
  'js/protocol/day.js',
  'js/protocol/dense.js',
  'js/protocol/equal.js',
  'js/protocol/errors.js',
  'js/protocol/index.js',
  'js/protocol/merge.js',
  'js/protocol/op.js',
  'js/protocol/page.js',
  'js/protocol/personal.js',
  'js/protocol/schema.js',
  'js/protocol/sign.js',
  'js/protocol/types.js',
  'js/protocol/types/messages.js',
  'js/protocol/types/records.js',
  'js/protocol/types/values.js',
  'js/protocol/uuid.js',
];
