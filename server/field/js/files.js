/**
 * @file Every file of the field app's shell, as the service worker precaches it and as the
 * server compiles it in (`server/src/field.rs` holds the same list; a test checks that
 * the two agree). Paths are relative to `/field/`. `VERSION` names the shell's content
 * (a digest of its files, checked by the server's tests), so that a changed app installs
 * a new worker and cache on every phone.
 */
export const VERSION = 'placer-field-5c7226a63385';

export const FILES = [
  './',
  'index.html',
  'app.css',
  'manifest.webmanifest',
  'icons/icon.svg',
  'js/files.js',
  'js/app.js',
  'js/i18n.js',
  'js/store.js',
  'js/records.js',
  'js/recorder.js',
  'js/sync.js',
  'js/forms.js',
  'js/parse.js',
  'js/describe.js',
  'js/ui.js',
  'js/photos.js',
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
