# Placer's messages in English: the reference catalogue. Every message here must be in
# every other catalogue (fr.ftl, pt.ftl); `cargo test -p placer --lib i18n` checks it.
# Placeables in { $braces } are filled by the program; keep them in a translation.

## placer device: sync
device-syncing = syncing: { $batches } batch(es) up, { $changes } change(s) down
device-synced = sent { $batches } batch(es) ({ $ops } ops){ $resent }, received { $changes } change(s); cursor { $cursor }; { $up } bytes up, { $down } down, { $seconds } s{ $attempts }; left on the device: { $left-ops } op(s), { $left-batches } batch(es)
device-synced-resent = {" "}(and { $count } the server asked for again)
device-synced-attempts = {" "}in { $count } attempts

## placer device: list
device-list-incomplete = (incomplete: waiting for the registration)
device-list-void = VOID({ $reason })
device-list-conflicts = [{ $count } conflict(s)]
device-list-count = { $count } record(s)

## placer device: what it refuses
device-needs-holder = a licence needs a holder (--holder-miner or --holder-org)
device-needs-seller = a sale needs a seller (--seller-miner or --seller-licence)
device-not-field-value = { $given } is not FIELD=VALUE

## The dashboard's frame: every page
frame-nav-overview = Overview
frame-nav-flags = Flags
frame-nav-footprint = Footprint
frame-nav-exports = Export monitoring
frame-nav-large-stones = Large stones
frame-nav-devices = Devices
frame-nav-users = Accounts
frame-nav-label = Pages
frame-log-out = Log out
frame-language = Language
frame-role-admin = administrator
frame-role-national-officer = national officer
frame-role-regional-officer = regional officer
frame-role-export-monitor = export monitor

## The login page
login-title = Log in
login-user = User name
login-password = Password
login-submit = Log in
