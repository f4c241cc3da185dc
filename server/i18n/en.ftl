# Placer's messages in English: the reference catalogue. Every message here must be in
# every other catalogue (fr.ftl, pt.ftl); `cargo test -p placer --lib i18n` checks it.
# Placeables in { $braces } are filled by the program; keep them in a translation.

## placer device: sync
device-syncing = syncing: { $batches } batch(es) up, { $changes } change(s) down
device-synced = sent { $batches } batch(es) ({ $ops } ops){ $resent }{ $photos }, received { $changes } change(s); cursor { $cursor }; { $up } bytes up, { $down } down, { $seconds } s{ $attempts }; left on the device: { $left-ops } op(s), { $left-batches } batch(es)
device-synced-resent = {" "}(and { $count } the server asked for again)
device-synced-photos = {" "}and { $count } photo(s)
device-synced-attempts = {" "}in { $count } attempts

## placer device: list
device-list-incomplete = (incomplete: waiting for the registration)
device-list-void = VOID({ $reason })
device-list-conflicts = [{ $count } conflict(s)]
device-list-count = { $count } record(s)

## placer device: notes (the flags on the device's records)
device-notes-flag = [{ $state }, { $severity }] { $kind } (flag { $id })
device-notes-not-held = (not on the server)
device-notes-event-by = { $at } { $event } by { $by }
device-notes-note = note: { $note }
device-notes-count = { $count } flag(s) on this device's records

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
login-expired = This login form had expired. Please log in again.
login-wrong = Wrong user name or password.
login-too-many = Too many failed logins. Try again in { $seconds } seconds.

## Values a page shows in words (an enum's wire name: `value-` and the name, `_` as `-`)
value-female = female
value-male = male
value-unspecified = unspecified
value-diamond = diamond
value-gold = gold
value-artisanal-permit = artisanal permit
value-claim = claim
value-cooperative = cooperative
value-buyer = buyer
value-exporter = exporter
value-active = active
value-suspended = suspended
value-revoked = revoked
standing-expired = expired { $day }
standing-not-issued = not issued before { $day }
size-below = below { $carats } ct
size-and-above = { $carats } ct and above
value-miner = miner
value-licence = licence
value-production = production
value-sale = sale
value-export = export
value-region = region
value-organisation = organisation
value-similar = similar
value-different = different
value-too-few-stones = too few stones
value-kolmogorov-smirnov = kolmogorov smirnov
value-chi-square = chi square

## Kinds of flag
flag-kind-outside-licence-area = Production outside its licence area
flag-kind-outside-country = Production outside its licence's country
flag-kind-licence-not-valid = Production on a licence not valid that day
flag-kind-unregistered-miner = Record naming an unregistered miner
flag-kind-unlicensed-buyer = Sale to an unlicensed buyer
flag-kind-implausible-productivity = Implausible production on a licence
flag-kind-impossible-stone-weight = Impossible stone weights
flag-kind-duplicate-national-id = Two miners with one national id
flag-kind-duplicate-name-and-birth-year = Two miners of the same name and birth year
flag-kind-device-clock-skew = Device clock far off
flag-kind-batch-fork = Two different batches from one device (cloned device?)
flag-kind-invalid-licence-area = Licence area missing or unusable
flag-kind-exports-exceed-purchases = Exporter shipped more than it bought
flag-kind-quarantined-entry = Log entry set aside (could not be applied)
flag-kind-sales-exceed-purchases = Dealer sold more than it bought

## Tables and their counts
table-empty = Nothing to show.
table-action = Action
table-pages = Pages
table-first = « First
table-previous = ‹ Previous
table-next = Next ›
table-last = Last »
table-page-of = Page { $page } of { $pages }
table-showing = { $count }, showing { $first }–{ $last }
count-miners = { $count ->
    [0] No miners
    [one] { $count } miner
   *[other] { $count } miners
}
count-licences = { $count ->
    [0] No licences
    [one] { $count } licence
   *[other] { $count } licences
}
count-productions = { $count ->
    [0] No production records
    [one] { $count } production record
   *[other] { $count } production records
}
count-flags = { $count ->
    [0] No flags
    [one] { $count } flag
   *[other] { $count } flags
}
count-cases = { $count ->
    [0] No cases
    [one] { $count } case
   *[other] { $count } cases
}

## Page: flag evidence
ev-record-miner = miner
ev-record-licence = licence
ev-record-production = production
ev-record-sale = sale
ev-record-export = export
ev-record-region = region
ev-value-valid = valid
ev-value-not-yet-issued = not yet issued
ev-value-expired = expired
ev-value-unknown-licence = unknown licence
ev-value-not-a-buyer-licence = not a buyer licence
ev-value-other-mineral = other mineral
ev-value-missing = missing
ev-value-ahead = ahead
ev-value-behind = behind
ev-yes = yes
ev-no = no
ev-none = none
ev-key-licence = Licence
ev-key-date = Date
ev-key-validity = The licence that day
ev-key-issued = Issued
ev-key-expires = Last day valid
ev-key-distance-m = Distance outside the area
ev-key-accuracy-m = Stated accuracy of the fix
ev-key-lat = Latitude
ev-key-lon = Longitude
ev-key-licence-country = Country of the licence
ev-key-fix-country = Country of the fix
ev-key-miner = Miner
ev-key-miners = Miners
ev-key-mineral = Mineral
ev-key-min-ct = Smallest plausible stone
ev-key-max-ct = Largest plausible stone
ev-key-out-of-range = Weights out of range
ev-key-out-of-range-count = Stones out of range
ev-key-stones = Stones
ev-key-count = Stones counted
ev-key-total-ct = Total weight
ev-key-buyer-licence = Buyer's licence
ev-key-reason = Why
ev-key-kind = Licence kind
ev-key-number = Licence number
ev-key-problem = Problem
ev-key-district = District
ev-key-seq = Batch number
ev-key-sealed-at = Sealed at (device clock)
ev-key-received = Received by the server
ev-key-skew-ms = Clock off by
ev-key-threshold-ms = Tolerated
ev-key-direction = Clock
ev-key-accepted-digest = Batch accepted (digest)
ev-key-refused-digest = Batch refused (digest)
ev-key-month = Month
ev-key-site-days = Site-days
ev-key-digger-days = Digger-days
ev-key-carats = Carats
ev-key-large-stones-left-out = Large stones left out
ev-key-ct-per-digger-day = Carats per digger-day
ev-key-median-ct-per-digger-day = Area's median per digger-day
ev-key-ratio = Times the median
ev-key-samples = Licence-months compared
ev-key-factor = Factor
ev-key-floor-ct-per-digger-day = Floor ct per digger day
ev-key-threshold-ct-per-digger-day = Threshold ct per digger day
ev-key-margin = Margin allowed
ev-key-quarters = Quarters over
ev-key-quarter = Quarter
ev-key-exported-carats-hundredths = Exported carats
ev-key-sold-carats-hundredths = Sold carats
ev-key-available-hundredths = Available
ev-key-stock-at-start-hundredths = Stock at start
ev-key-bought-carats-hundredths = Bought carats
ev-key-unverified-carats-hundredths = Unverified carats
ev-key-entry = Log entry
ev-key-device = Device
ev-key-what = What
ev-key-log-position = Position in the log
ev-key-error = Error
ev-key-national-id = National id

## Page: flag fix map
fix-title = The fix against the area of licence { $licence }
fix-area-title = Area of licence { $licence }
fix-point = The fix: { $lat }, { $lon }, ± { $accuracy } m
fix-legend-area = area of licence { $licence }
fix-no-area = licence { $licence } has no area to draw
fix-legend-fix = the fix
fix-legend-accuracy = its stated accuracy ({ $accuracy } m)

## Page: flags
fl-title = Flags
fl-bad-region = region { $value }: a region is given by its id
fl-bad-kind = flag kind { $value }: one of the kinds the filter lists
fl-bad-state = flag state { $value }: open, resolved or closed
fl-bad-since = since { $value }: a day, YYYY-MM-DD
fl-bad-view = view { $value }: flags or cases
fl-bad-cause = cause { $value }: a case's cause is a record's id
fl-cause-needs-kind = a case is one kind of flag: give its kind with its cause
fl-state-open = open
fl-state-resolved = resolved
fl-state-closed = closed
fl-severity-high = high
fl-severity-medium = medium
fl-severity-low = low
fl-event-raised = raised
fl-event-updated = updated
fl-event-closed = closed
fl-event-reopened = reopened
fl-event-resolved = resolved
fl-col-severity = Severity
fl-col-kind = Kind
fl-col-concerns = Concerns
fl-col-region = Region
fl-col-state = State
fl-col-raised = Raised
fl-finding = Finding
fl-col-flag = Flag
fl-col-cause = Cause
fl-col-flags = Flags
fl-col-open = Open
fl-col-first-raised = First raised
fl-col-last-changed = Last changed
fl-col-case = Case
fl-no-flag = No flag matches.
fl-no-case = No case matches.
fl-caption-flags = Flags, most urgent first (page { $page } of { $pages })
fl-caption-cases = Cases, most urgent first (page { $page } of { $pages })
fl-any-kind = any kind
fl-any-state = any state
fl-filter-region = Region (and below)
fl-any-region = any region
fl-filter-since = Changed since
fl-filter = Filter
fl-clear = Clear
fl-views = Views
fl-tab-flags = Each flag ({ $count })
fl-tab-cases = Grouped by root cause ({ $count } cases)
fl-case-note = The flags of one case: { $kind }, cause { $cause }.
fl-all-flags = All flags
fl-case-flags = The flags of its case
fl-records-concerned = Records concerned
fl-held-by = held by { $holder }
fl-evidence = Evidence
fl-fix-heading = The fix against the licence area
fl-history = History
fl-col-when = When
fl-col-event = Event
fl-col-by = By
fl-col-note = Note
fl-resolve = Resolve
fl-resolve-note = Note (what was found, what was done)
fl-resolve-submit = Resolve
fl-flag-title = Flag: { $kind }

## Page: exports
exp-title = Export monitoring, { $period }
exp-exporter-title = Exporter { $number }
exp-reason-exports-exceed-purchases = exports exceed purchases
exp-reason-footprint-unlike-sources = footprint unlike sources
exp-reason-price-below-median = price below median
exp-reason-price-above-median = price above median
exp-reason-below-valuation = below valuation
exp-reason-above-valuation = above valuation
exp-reason-beyond-cited-purchases = beyond cited purchases
exp-verdict-similar = similar
exp-verdict-different = different
exp-verdict-too-few-stones = too few stones
exp-statistic-kolmogorov-smirnov = kolmogorov smirnov
exp-statistic-chi-square = chi square
exp-yes = yes
exp-no = no
exp-detail-exceeds = exported { $exported } ct with { $available } ct available ({ $stock } ct in stock, { $bought } ct bought)
exp-detail-price = US$ { $price }/ct against a median of US$ { $median }/ct ({ $percent } %)
exp-detail-cited = { $exports } export(s) of { $exported } ct cite purchases of { $cited } ct
exp-detail-valuation = declared US$ { $declared } for { $exports } export(s) the government valuator valued at US$ { $valuation } ({ $percent } %)
exp-detail-footprint = parcels' stones unlike the production of the { $regions } region(s) it bought from ({ $statistic } = { $value }, p = { $p })
exp-stat-ks-d = KS D
exp-stat-chi-square = chi-square
exp-not-available = n/a
exp-colon = {": "}
exp-whole-period = period
exp-col-quarter = Quarter
exp-col-exporter = Exporter
exp-col-exports = Exports
exp-col-exported-ct = Exported ct
exp-col-exported-usd = Exported US$
exp-col-bought-ct = Bought ct
exp-col-unverified-ct = Unverified ct
exp-col-stock-at-start = Stock at start ct
exp-col-available = Available ct
exp-col-ratio = Exported / available
exp-col-exceeds = Exceeds
exp-col-usd-per-ct = US$/ct
exp-col-median-usd-per-ct = Median US$/ct
exp-col-price-ratio = Price / median
exp-col-valuation-usd = Valuation US$
exp-col-valuation-ratio = Declared / valuation
exp-col-duty-usd = Duty US$
exp-no-exporter = No exporter in this period.
exp-ranking = Exporters by risk
exp-col-rank = Rank
exp-col-holder = Holder
exp-col-score = Score
exp-col-reasons = Reasons
exp-col-evidence = Evidence
exp-per-quarter = Per exporter and quarter
exp-series-exported = exported (ct)
exp-series-bought = bought (ct)
exp-fig-exporters = Exporters
exp-fig-with-reason = With a reason
exp-fig-quarters-exceeding = Quarters over purchases
exp-fig-exported-ct = Exported (ct)
exp-fig-exported-usd = Exported (US$)
exp-note = An exporter exceeds its purchases when it ships more than 10 % beyond what it bought from registered miners and licensed buyers plus its stock; its price is compared with the quarter's median for the same country and HS code; its parcels' stones with the production where it bought.
exp-note-links = Each reason links to its evidence.
exp-chart-title = Exported and bought over the period, by exporter (highest risk first)
exp-chart-unit = carats
exp-none = None in this period.
exp-footprint = Footprint of its parcels
exp-fig-verdict = Verdict
exp-fig-parcel-stones = Parcel stones
exp-fig-source-stones = Stones produced where it bought
exp-footprint-chart = Share of stones per size class: parcels against the production where it bought
exp-series-parcels = exported parcels
exp-series-sources = production where it bought
exp-stock-balance = Stock balance by quarter
exp-col-date = Date
exp-col-certificate = KP certificate
exp-col-hs-code = HS code
exp-col-destination = Destination
exp-col-carats = Carats
exp-col-usd = US$
exp-col-cited = Cited purchases (ct)
exp-purchases = Purchases (sales recorded to its licence)
exp-col-seller = Seller
exp-col-seller-name = Seller's name or licence
exp-col-verified = Verified
exp-col-seller-id = Seller id
exp-not-registered = (not registered)
exp-fig-bought-verified = Bought, verified (ct)
exp-fig-worst-ratio = Worst exported / available
exp-holder = Holder: { $holder }.
exp-all-exporters = All exporters

## Page: print documents
print-issuer = Placer · National registry of artisanal alluvial mining
print-country = Country
print-region = Region
print-period = Period
print-printed = Printed
print-printed-by = { $at } by { $by }
print-period-cut = { $period }, { $cut }
print-period-range = { $from } to { $to }
print-page-of = Page { $page } of { $pages }
print-definitions = Definitions
print-definitions-note = Figures are sums of the registry's records as they stand when printed: voided records count nowhere, a figure of a region includes the regions below it, ratios are computed from the sums and left empty (–) where nothing divides. Carats and US$ with two decimals, gold in grams; months, quarters and half-years in UTC.
print-certification = Certification
print-prepared-by = Prepared by
print-approved-by = Reviewed and approved by
print-sign-name = Name
print-sign-function = Function
print-sign-date = Date
print-signature = Signature
print-national-title = National internal-control report
print-kp-title = Kimberley Process statistics
print-regional-title = Regional rollup
print-by-quarter = by quarter
print-by-half-year = by half-year
print-by-month = by month
print-kp-cut = production by half-year, trade by quarter
print-every-region = every region read
print-total = Total
print-no-figures = No figures in this period.
print-none = None in this period.
print-no-production = No production in this period.
print-partial = partial
print-hs-unsorted = unsorted
print-hs-industrial = industrial
print-hs-gem = gem
print-nat-balance = Production, sales and exports
print-nat-controls = Production under control
print-nat-registry = The register at the end of each period
print-nat-gold = Gold, in grams
print-col-production-records = Production records
print-col-carats = Carats
print-col-stones = Stones
print-col-first-sales-ct = First sales ct
print-col-first-sales-usd = First sales US$
print-col-transfers-ct = Transfers ct
print-col-transfers-usd = Transfers US$
print-col-exports-ct = Exports ct
print-col-exports-usd = Exports US$
print-col-inside-licence = Inside licence
print-col-on-valid-licence = On valid licence
print-col-by-registered-miner = By registered miner
print-col-sites-visited = Sites visited
print-col-flags-raised = Flags raised
print-col-flags-resolved = Flags resolved
print-col-flags-closed = Flags closed
print-col-late-records = Late records
print-col-miners-registered = Miners registered
print-col-diggers-estimated = Diggers estimated
print-col-coverage = Coverage
print-col-licences-active = Licences active
print-col-mining-licences = Mining licences
print-col-dealers = Dealers
print-col-exporters = Exporters
print-col-produced-g = Produced g
print-col-sold-g = Sold g
print-col-sales-usd = Sales US$
print-col-assayed-g = Assayed g
print-col-fine-gold-g = Fine gold g
print-col-quarter = Quarter
print-col-partial = Partial
print-col-hs-code = HS code
print-col-usd = US$
print-col-certificates = Certificates
print-col-destination = Destination
print-col-origin = Origin
print-kp-production = Production per half-year, valued at first sale
print-kp-exports = Exports per quarter, by HS code and destination
print-kp-imports = Imports per quarter, by HS code and origin
print-col-half-year = Half-year
print-col-carats-produced = Carats produced
print-col-value-first-sales = Value US$ (first sales)
print-col-month = Month
print-reg-register = Miners and licences
print-col-miners-new = Miners new
print-col-miners-total = Miners total
print-col-licences-new = Licences new
print-col-licences-expired = Licences expired
print-reg-production = Production
print-col-digger-days = Digger-days
print-col-gravel-m3 = Gravel m³
print-col-mean-stone-ct = Mean stone ct
print-reg-sales = Diamond sales
print-col-sales-ct = Sales ct
print-col-usd-per-carat = US$ per carat
print-reg-gold-flags = Gold (grams) and flags
print-col-gold-produced-g = Gold produced g
print-col-gold-sold-g = Gold sold g
print-col-gold-sales-usd = Gold sales US$
print-no-country = no country { $id } has been imported
print-not-a-country = { $name } is not a country: give country=<a country's id>
print-serves-no-region = { $officer } serves no region of { $country }
print-no-region = no region { $id } has been imported
print-bad-year-and-months = give either a year or from and to, not both
print-bad-year = year { $value }: YYYY
print-bad-region-id = { $param } { $value } is not a region id
print-bad-kp-period = KP statistics are per half-year and quarter: no period to choose
print-bad-which-region = which region?
print-bad-regional-query = a region's rollup is by month, of the region in the address

## Page: print definitions
def-first-sales-transfers = First sales, transfers
def-first-sales-transfers-meaning = a sale by a registered or unregistered miner, or by the holder of a mining licence, to a licensed buyer is a first sale; a resale by a dealer or an exporter is a transfer. Each stone is counted once, at its first sale from the pit (chain of custody, KP WGAAP declarations).
def-production-records = Production records
def-nat-production-records-meaning = site-days recorded (productions), of any mineral, in the period.
def-carats-stones = Carats, stones
def-nat-carats-stones-meaning = diamonds produced in the period, and the stones counted.
def-exports = Exports
def-nat-exports-meaning = exports dated in the period, carats and declared US$.
def-inside-licence = Inside licence
def-nat-inside-licence-meaning = diamond carats whose GPS fix lies inside the licence's area (allowing for the fix's accuracy) and in its country, over all carats.
def-on-valid-licence = On valid licence
def-nat-on-valid-licence-meaning = carats on a licence valid on the production's date, over all carats.
def-by-registered-miner = By registered miner
def-nat-by-registered-miner-meaning = carats of productions naming a registered miner, over all carats.
def-miners-registered-licences-active = Miners registered, licences active
def-nat-miners-registered-licences-active-meaning = held at the end of the period, counted from the registry's first month; licences split into mining licences, dealers' and exporters'.
def-diggers-estimated-coverage = Diggers estimated, coverage
def-nat-diggers-estimated-coverage-meaning = an officer's estimate of the diggers in the region (its own, else the sum of its regions'); coverage is miners registered over diggers estimated.
def-sites-visited = Sites visited
def-nat-sites-visited-meaning = licences with at least one site-day recorded in the region in the period, each once.
def-flags-raised-resolved-closed = Flags raised, resolved, closed
def-nat-flags-raised-resolved-closed-meaning = red-flag events of the period.
def-late-records = Late records
def-nat-late-records-meaning = facts entered more than a month after the month of their date (by the handset's clock, never later than their arrival).
def-gold = Gold
def-nat-gold-meaning = gold produced and sold, in grams (never added to carats); of the gold sold, the grams with an assay recorded at the ministry and the fine gold they hold.
def-reading-the-balance = Reading the balance
def-nat-reading-the-balance-meaning = production against first sales against exports shows goods entering the chain from elsewhere (exports above what was dug and sold); the three shares say how much of production is under control; the coverage how much of the workforce the register reaches (KP WGAAP declarations; Ghana's export monitoring, 2006–07).
def-production = Production
def-kp-production-meaning = diamond carats produced in the half-year, valued at first sale: the US$ of the half-year's first sales (the registry records sales, not a valuation of production).
def-kp-exports-meaning = per quarter, HS code and partner (destination, ISO 3166-1 alpha-3): carats, US$ and certificates, one per export.
def-imports = Imports
def-kp-imports-meaning = per quarter, HS code and partner (origin): carats, US$ and certificates, recorded at the ministry.
def-hs-codes = HS codes
def-kp-hs-codes-meaning = 7102.10 unsorted, 7102.21 industrial, 7102.31 gem (non-industrial) rough diamonds.
def-partial = Partial
def-kp-partial-meaning = a half-year or quarter some of whose months are outside the months asked for, before the country's first month with any figure, after its last, or not over yet: its figures are not the period's (KP Core Document: statistics per full period).
def-kp-gold-meaning = not in KP statistics.
def-miners-new-miners-total = Miners new, miners total
def-reg-miners-new-miners-total-meaning = miners registered in the month (by their registration day); running total from the registry's first month.
def-licences-new-expired-active = Licences new, expired, active
def-reg-licences-new-expired-active-meaning = licences issued and expiring in the month; active is the running total of issued less expired.
def-reg-production-records-meaning = site-days recorded (productions), of any mineral.
def-digger-days-gravel = Digger-days, gravel
def-reg-digger-days-gravel-meaning = diggers × days; gravel washed in m³ (litres / 1000).
def-carats-stones-mean-stone = Carats, stones, mean stone
def-reg-carats-stones-mean-stone-meaning = diamonds produced; stones counted; carats / stones.
def-sales-us-per-carat = Sales, US$ per carat
def-reg-sales-us-per-carat-meaning = every diamond sale; US$ / carats sold.
def-reg-gold-meaning = gold produced and sold, in grams, never added to carats.
def-reg-flags-raised-resolved-closed-meaning = red-flag events by the month of the event.

## Page: period
# The months a page covers, and the form that picks them.
period-describe = { $from } to { $to }
period-from = From
period-to = To
period-show = Show
period-starts-after-end = the period starts ({ $from }) after it ends ({ $to })
period-too-long = a page covers at most { $months } months; choose a shorter period

## Page: charts
# Charts on every page: titles, units of the value axis, series in the legend and
# tooltips (`chart-series-` and the series' name, its words joined by `-`).
chart-tooltip = { $label }, { $series }: { $value } { $unit }
chart-carats-by-month = Production carats by month
chart-records-by-month = Production records by month
chart-sales-by-month = Sales by month
chart-unit-carats = carats
chart-unit-records = records
chart-unit-usd = US$
chart-unit-share-of-stones = % of stones
chart-series-carats = carats
chart-series-sales-us = sales US$
chart-series-production-records = production records
chart-series-this-period = this period
chart-series-reference = reference

## Page: maps
# The map of regions (the overview) and a licence's area with its site-days.
map-no-boundaries = No region boundaries have been imported yet.
map-region-tooltip = { $name }: { $value } { $unit }
map-legend-unit = { $unit }:{" "}
map-none = none
map-up-to = up to { $value }
map-area-nothing = No area was walked and nothing was recorded here.
map-area = area
map-recorded-here = recorded here ({ $count })

## Page: errors
# The pages of an address that cannot be shown.
err-bad-request = Bad request
err-forbidden = Not allowed
err-not-found = Not found
err-conflict = Cannot be done
err-internal = Server error
err-internal-detail = The server failed to show this page; the cause is in its log.
err-back = Back to the overview
err-no-page = there is no page at { $path }

## Page: overview
# `/`: the national overview (or a regional officer's regions), its figures, map and trend.
ov-title-national = National overview
ov-title-scoped = Overview: { $names }
ov-note-national = Figures for every region, { $period }, from the national report; each region's figures include the regions below it.
ov-note-scoped = Figures for { $names }, { $period }, from the national report; each region's figures include the regions below it.
# { $print } is the link "Print" (ov-print).
ov-print-note = { $print } the national internal-control report for this period.
ov-print = Print
ov-by-region = Production by region
ov-production-in = Production in { $names }
ov-trend = Monthly trend
ov-production-records = Production records
ov-carats = Carats
ov-stones = Stones
ov-sales-usd = Sales US$
ov-share-inside-licence = Carats inside licensed areas
ov-share-on-valid-licence = Carats on valid licences
ov-share-by-registered-miner = Carats by registered miners
ov-devices-not-synced = Devices not synced for 14 days
ov-monthly-caption = Production and sales by month, { $period }
ov-regions-caption = Regions on the map, { $period }
ov-col-month = Month
ov-col-region = Region
ov-col-inside-licence = Inside licence
ov-map-title = Production carats by region, { $period }

## Page: region
# `/regions/{id}`: a region's months, the regions below it, and its records.
reg-title = Region: { $name }
# { $region } is the link to the region above.
reg-part-of = Part of { $region }.
reg-footprint-link = Footprint of stone sizes
reg-flags-link = Flags
reg-records = Records
reg-print = Print
reg-print-kp = Print KP statistics
reg-by-month = By month
reg-monthly-caption = By month, { $period }
reg-below-title = Regions of { $name }
reg-below-caption = Regions of { $name }, { $period }
reg-below-note = { $count } regions; miners and licences as they stood at the end of { $month }, production in the period ({ $carats } carats).
reg-col-month = Month
reg-col-production-records = Production records
reg-col-digger-days = Digger-days
reg-col-gravel = Gravel m³
reg-col-carats = Carats
reg-col-stones = Stones
reg-col-mean-stone = Mean stone ct
reg-col-sales-usd = Sales US$
reg-col-usd-per-carat = US$ per carat
reg-col-miners = Miners
reg-col-licences-active = Licences active
reg-col-flags-raised = Flags raised
reg-col-region = Region
reg-col-miners-registered = Miners registered
reg-col-id = Id
reg-col-number = Number
reg-col-kind = Kind
reg-col-holder = Holder
reg-col-mineral = Mineral
reg-col-issued = Issued
reg-col-expires = Expires
reg-col-status = Status
reg-col-names = Names
reg-col-sex = Sex
reg-col-born = Born
reg-col-cooperative = Cooperative
reg-col-registered = Registered
reg-col-date = Date
reg-col-licence = Licence
reg-col-miner = Miner
reg-col-diggers = Diggers
reg-no-licences = No licence is filed here.
reg-no-miners = No miner is registered here.
reg-miners-not-shown = Miners' personal data is not shown to this role.
reg-no-production = No production is recorded here.
reg-miner-by-id = miner #{ $id }
reg-list-licences = Licences
reg-list-miners = Miners
reg-list-production = Production, newest first
reg-list-caption = { $list }, page { $page } of { $pages }
reg-lists = Lists
reg-own-records = The records filed in { $name } itself; those of the regions below it are on their pages, and a search looks through all of them.
reg-search-label = Search by name, licence number or date
reg-search-label-national-id = Search by name, licence number, national id or date
reg-search = Search
reg-clear-search = Clear the search
reg-found-by = { $count } found by “{ $q }”
reg-no-list = list { $list }: licences, miners or production
reg-no-table = this page has no table { $table }
reg-search-too-long = a search holds at most { $count } characters

## Page: footprint
# `/footprint`: a region's size-frequency footprint of diamonds against its reference.
foot-title = Footprint
foot-title-region = Footprint: { $region }
foot-region = Region
foot-reference-from = Reference from
foot-reference-to = Reference to
foot-statistic = Statistic
foot-compare = Compare
foot-reference-hint = Leave the reference months empty to compare with the reference footprint kept for the region (or the nearest region above it).
foot-choose = Choose a region and a period.
foot-no-reference = No reference footprint is kept for { $region } or a region above it. Pick a reference period below, or ask an administrator to set one.
foot-reference-period = { $region }, { $period }
foot-reference-imported = imported ({ $note })
foot-reference = Reference: { $reference }.
foot-reference-kept = Reference: { $reference }; kept for { $region }, set by { $by }.
foot-verdict = Verdict
foot-value = Value
foot-p-value = p-value
foot-stones = Stones
foot-reference-stones = Reference stones
foot-mean-stone = Mean stone (ct)
foot-too-few-stones = Too few stones on one side for a p-value; compare a longer period.
foot-classes-caption = Stones by size class
foot-col-class = Size class (ct)
foot-col-carats = Carats
foot-col-share = Share of stones
foot-col-reference-share = Reference share
foot-chart-title = Share of stones per size class, against the reference
foot-no-region = no region { $region }
foot-no-statistic = no statistic { $statistic }

## Page: large stones
# `/large-stones`: the large-stone register for a period.
stones-title = Large-stone register, { $period }
stones-caption = Large stones
stones-col-date = Date
stones-col-region = Region
stones-col-licence = Licence
stones-col-miner = Miner
stones-col-mineral = Mineral
stones-col-carats = Carats
stones-col-diggers = Diggers
stones-col-site = Site (lat, lon)
stones-col-site-day = Site-day
stones-none = No large stone in this period.
stones-count = Large stones
stones-carats = Their carats
stones-heaviest = Heaviest (ct)
stones-note = A stone of 2 ct and over (a diamond), or a weighing of 250 ct (50 g) and over (gold), is a lucky find, kept here as producers keep their large-stone register; it is left out of the productivity check, so it raises no flag by itself.

## Page: devices
# `/devices` (administrators): enrolled devices, and revoking one once confirmed.
dev-title = Devices
dev-caption = Devices ({ $count })
dev-col-agent = Agent
dev-col-label = Label
dev-col-regions = Regions
dev-last-sync = Last sync
dev-col-batches = Batches
dev-col-enrolled = Enrolled
dev-col-state = State
dev-device = Device
dev-none = No device is enrolled.
dev-state-revoked = revoked { $at }: { $reason }
dev-state-active = active
dev-reason-placeholder = reason
dev-revoke = Revoke…
dev-note = A revoked device can no longer sync; what it sent stays. Revoke a lost or stolen handset at once.
dev-no-device = there is no device { $id }
dev-revoked-already = device { $id } is revoked already
dev-confirm-title = Revoke a device?
# { $agent } is the agent's name (in bold), { $label } the device's label in brackets, or nothing.
dev-confirm-question = Revoke the device of { $agent }{ $label }? It will no longer sync; what it sent stays. This cannot be undone.
dev-never = never
dev-reason = Reason
dev-confirm = Yes, revoke this device
dev-cancel = Cancel
dev-enrol-title = Enrol a new handset
dev-enrol-agent = Agent's name
dev-enrol-region = Region served
dev-enrol-hours = Code valid for (hours)
dev-enrol-submit = Issue a one-time code
dev-enrol-bad-region = choose the region the agent serves
dev-enrol-bad-hours = the code's lifetime is a whole number of hours, 1 to 2160
dev-code-title = A one-time code for a new handset
dev-code-note = Give this code to the agent, or let their phone's camera read the QR code: it opens the field app with the code filled in. It works once, until it expires, and is shown only now.
dev-code = Code
dev-code-expires = Expires
dev-code-link = The field app with this code:
dev-code-back = Back to the devices

## Page: accounts
# `/users` (administrators): officers' accounts, and offboarding.
acct-title = Accounts
acct-caption = Accounts ({ $count })
acct-col-name = Name
acct-col-role = Role
acct-col-regions = Regions
acct-col-created = Created
acct-col-state = State
acct-col-sessions-from = Logins ended before
acct-none = No account.
acct-state-disabled = disabled { $at }
acct-state-active = active
acct-enable = Enable
acct-disable = Disable
acct-end-sessions = End sessions
acct-new-password = new password
acct-set-password = Set password
acct-note = When an officer leaves or loses a device, disable the account: it can no longer log in and its open sessions end at once. A new password also ends every session.

## Page: records
# `/records/{collection}/{id}`: one record's page (a miner, a licence, a site-day, a sale,
# an export), its history and conflicts, and erasing a person's values.
rec-not-an-id = { $id } is not a record id (a UUID)
rec-bad-page = page { $page }: a number from 1
rec-flags-caption = Flags about this record ({ $count })
rec-no-flags = No flag is raised about this record.
rec-title-void = { $title } (void)
rec-void = This record is void: { $reason }
rec-current-values = Current values
rec-filed-in = filed in
rec-change = change
rec-void-value = void: { $reason }
rec-yes = yes
rec-no = no
# A value with its kind: "miner: Ama Mensah".
rec-keyed-value = { $key }: { $value }
# The fields of records, as the history and a miner's page name them.
rec-field-names = names
rec-field-sex = sex
rec-field-birth-year = birth year
rec-field-home-region = home region
rec-field-registered-on = registered on
rec-field-registered-by = registered by
rec-field-national-id = national id
rec-field-phone = phone
rec-field-cooperative = cooperative
rec-field-registered-at = registered at
rec-field-void = void
rec-field-number = number
rec-field-kind = kind
rec-field-holder = holder
rec-field-mineral = mineral
rec-field-issued = issued
rec-field-expires = expires
rec-field-status = status
rec-field-area = area
rec-field-body = body
rec-history-caption = History: every write of every field
rec-col-received = Received
rec-col-field = Field
rec-col-value = Value
rec-col-standing = Standing
rec-col-device = Device
rec-col-written = Written on the device
rec-col-filed-in = Filed in
rec-no-writes = No write of this record is shown to this role.
rec-standing-current = current
rec-standing-lost = lost (conflict)
rec-standing-overwritten = overwritten
rec-conflicts-caption = Conflicts: values that lost unseen
rec-col-value-stands = Value that stands
rec-col-value-lost = Value that lost
rec-col-lost-device = Lost value's device
rec-no-conflicts = No conflict.

# Photos and documents of a record
photo-heading = Photos and documents
photo-received = received { $when }
photo-kind-miner-photo = photo of the miner
photo-kind-identity-document = identity document
photo-kind-licence-document = licence document
photo-kind-parcel-photo = photo of the parcel
rec-erased = (erased)
rec-sealed = (sealed: not yet sent by its handset)
rec-not-shown = not shown to your role
rec-miner-title = Miner: { $names }
rec-miner-title-by-id = Miner #{ $id }
rec-number = Number
rec-kind = Kind
rec-holder = Holder
rec-mineral = Mineral
rec-issued = Issued
rec-expires = Expires
rec-status = Status
rec-area-points = an area of { $count } points
rec-no-area = no area
rec-site-days-no-page = page { $page }: there are { $count } site-days, { $per-page } a page
rec-site-days-caption = Site-days on this licence ({ $first }–{ $last } of { $count }, newest first)
rec-date = Date
rec-miner = Miner
rec-diggers = Diggers
rec-stones = Stones
rec-carats = Carats
rec-col-void = Void
rec-col-id = Id
rec-no-site-days = No site-day is recorded on this licence.
rec-newer-site-days = Newer site-days
rec-older-site-days = Older site-days
rec-page-of = page { $page } of { $pages }
rec-licence-title = Licence { $number }
rec-licence-title-by-id = Licence #{ $id }
rec-licence-map-title = { $title }: its area and the fixes of its site-days
rec-site-days-not-void = Site-days (not void)
rec-their-carats = Their carats
rec-area-and-site-days = Area and site-days
rec-no-area-walked = No area was walked for this licence.
rec-licence-incomplete = Not all of this licence's fields have arrived yet.
rec-production-summary = { $date } on { $licence }: { $diggers } diggers, { $stones } stones, { $carats } ct
rec-stones-weighed = { $carats } ct
rec-stones-together = { $count } stones weighed together, { $carats } ct
rec-licence = Licence
rec-not-given = not given
rec-site = Site (lat, lon)
rec-gravel = Gravel m³
rec-stones-note = Stones: { $stones }
rec-production-title = Site-day { $date } on { $licence }
rec-production-title-by-id = Site-day #{ $id }
rec-production-missing = This site-day's body has not arrived.
rec-sale-summary = { $date }: { $seller } to { $buyer }, { $carats } ct, US$ { $usd }
rec-seller-miner = Seller (miner)
rec-seller-licence = Seller (licence)
rec-buyer-licence = Buyer's licence
rec-value-usd = Value US$
rec-usd-per-carat = US$ per carat
rec-sale-title = Sale of { $date } to { $buyer }
rec-sale-title-by-id = Sale #{ $id }
rec-sale-missing = This sale's body has not arrived.
rec-export-summary = { $date }: { $certificate } by { $exporter }, { $carats } ct, US$ { $usd }, to { $destination }
rec-parcel-weighed = { $count } stones weighed one by one
rec-parcel-classes = counted per size class: { $classes }
rec-certificate = KP certificate
rec-exporter-licence = Exporter's licence
rec-hs-code = HS code
rec-destination = Destination
rec-parcel = Parcel: { $parcel }.
rec-exporter-monitoring = The exporter's monitoring
rec-export-title = Export { $certificate }
rec-export-title-by-id = Export #{ $id }
rec-export-missing = This export's body has not arrived.
rec-erase-title = Erase this person's values
rec-erase-note = For the person's request, or to remove a wrong earlier value after a correction. The values are deleted from the registry and from every handset at its next sync; this cannot be undone.
rec-erase-what = What
rec-erase-every-value = every personal value of the person
rec-erase-earlier-values = the earlier values of { $field }
rec-erase-reason = Reason
rec-erase-confirm = I confirm: this cannot be undone
rec-erase = Erase
rec-erase-unconfirmed = nothing erased: confirm that the erasure cannot be undone

## Page: flag findings
# A flag's finding, written from its evidence (the flags list, a flag's page, a record's
# flags). English repeats the rules' sentences, as the API serves them; an English page
# shows those, so these are the reference for translators.
# { $production }, { $sale }, { $record } name a production or a sale (its short id),
# { $licence }, { $buyer } a licence (its number), { $miner }, { $first }, { $second } a
# miner (their names), { $device } a device; an id the page cannot name stays whole.
# Wire names select a phrase: { $validity } (not_yet_issued, expired, suspended, revoked),
# { $mineral } (diamond, gold; { $mineral_words } in words), { $kind } (artisanal_permit,
# claim, cooperative; { $kind_words }), { $direction } (ahead, behind), { $role }
# (exporter, dealer), { $ring } (exterior, hole, with { $hole } its number).
find-licence-unknown = Production { $production } of { $date } names licence { $licence }, which is not registered.
find-licence-not-valid = Production { $production } of { $date } is on licence { $licence }, which was { $validity ->
        [not_yet_issued] not yet issued
        [suspended] suspended
        [revoked] revoked
       *[expired] expired
    } that day.
find-outside-licence-area = The fix of production { $production } lies { $distance } m outside the area of licence { $licence }, beyond its stated accuracy of { $accuracy } m.
find-outside-country = The fix of production { $production } lies in country { $fix_country }, not in the country { $licence_country } of licence { $licence }.
find-outside-any-country = The fix of production { $production } lies outside the country { $licence_country } of licence { $licence }, in no registered country.
find-production-unregistered-miner = Production { $record } names miner { $miner }, who is not registered.
find-sale-unregistered-miner = Sale { $record } names miner { $miner }, who is not registered.
find-buyer-unknown = Sale { $sale } of { $date } is to buyer licence { $buyer }, which is not registered.
find-buyer-not-a-buyer = Sale { $sale } of { $date } is to buyer licence { $buyer }, which is a { $kind } licence, not a buyer's.
find-buyer-other-mineral = Sale { $sale } of { $date } is to buyer licence { $buyer }, which is for { $licence_mineral }, not { $sale_mineral }.
find-buyer-not-valid = Sale { $sale } of { $date } is to buyer licence { $buyer }, which was { $validity ->
        [not_yet_issued] not yet issued
        [suspended] suspended
        [revoked] revoked
       *[expired] expired
    } that day.
find-productivity = Licence { $licence } declares { $per_digger_day } ct of { $mineral } per digger-day in { $month } ({ $carats } ct over { $digger_days } digger-days on { $site_days } site-days), { $ratio }× the area's median licence-month of { $median }.
find-productivity-zero-median = Licence { $licence } declares { $per_digger_day } ct of { $mineral } per digger-day in { $month } ({ $carats } ct over { $digger_days } digger-days on { $site_days } site-days), while the area's median licence-month is zero.
find-stone-weights-weighed = Production { $production } has implausible { $mineral } weights: { $count } of its { $stones } stone weights lie outside { $min } to { $max } ct (first: { $first } ct).
find-stone-weights-no-stones = Production { $production } has implausible { $mineral } weights: it records { $total } ct but no stones.
find-stone-weights-too-light = Production { $production } has implausible { $mineral } weights: its { $count } stones weigh { $total } ct together, below { $min } ct each.
find-stone-weights-too-heavy = Production { $production } has implausible { $mineral } weights: its { $count } stones weigh { $total } ct together, so at least one is above { $max } ct.
find-duplicate-national-id = Miners { $first } and { $second } are registered with the same national id.
find-duplicate-name-and-birth-year = Miners { $first } and { $second } share their name, birth year and district.
find-device-clock-skew = Device { $device } sealed batch { $seq } with a clock { $duration } { $direction ->
        [ahead] ahead
       *[behind] behind
    } of the server's.
# { $years } with one decimal; { $count } its whole years, for the plural.
find-duration-years = { $years } years
find-duration-days = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
find-duration-hours = { $count ->
        [one] { $count } hour
       *[other] { $count } hours
    }
find-batch-fork = Device { $device } sent two different batches numbered { $seq }: a cloned device or a leaked key.
find-area-missing = Mining licence { $licence } cannot be checked against its productions: it has no area.
find-area-unusable = Mining licence { $licence } cannot be checked against its productions: its area cannot be used: { $problem }.
# { $problem }: what is wrong with the area, one of the find-area- messages below.
find-area-too-few-points = { $ring ->
        [hole] hole { $hole }
       *[exterior] the exterior
    } has { $points } points; a closed ring needs at least 4, the last equal to the first
find-area-not-closed = { $ring ->
        [hole] hole { $hole }
       *[exterior] the exterior
    } is not closed: its last point must equal its first
find-area-too-many-points = the area has { $points } points, more than the { $max } a licence area may have
find-area-too-many-holes = the area has { $holes } holes, more than the { $max } a licence area may have
find-area-too-few-corners = { $ring ->
        [hole] hole { $hole }
       *[exterior] the exterior
    } has { $corners } distinct corners; an area needs at least 3
find-area-self-intersection = { $ring ->
        [hole] hole { $hole }
       *[exterior] the exterior
    } crosses or touches itself near longitude { $lon }, latitude { $lat }
find-area-hole-outside = { $ring ->
        [hole] hole { $hole }
       *[exterior] the exterior
    } is not inside the exterior
find-area-rings-overlap = { $ring ->
        [hole] hole { $hole }
       *[exterior] the exterior
    } and hole { $other_hole } overlap or share an edge
find-area-too-small = the area is { $area } m², less than the { $min } m² a licence area must have
find-area-too-large = the area is { $area } km², more than the { $max } km² a licence area may have
# An exporter's or a dealer's worst quarter; { $count } quarters over in all.
find-trader-exported = exported { $exported } ct in { $quarter } with { $available } ct bought and in stock ({ $count } quarter(s) over)
find-trader-sold = sold { $sold } ct in { $quarter } with { $available } ct bought and in stock ({ $count } quarter(s) over)
find-trader-exported-and-sold = exported { $exported } ct and sold { $sold } ct in { $quarter } with { $available } ct bought and in stock ({ $count } quarter(s) over)
# An entry of the batch log set aside; { $error } is the program's message, as it is.
find-quarantined-batch = Batch { $seq } of device { $device } could not be applied and was set aside (log { $position }): { $error }. It stays in the batch log; `placer admin quarantine` lists it.
find-quarantined-fork = The fork evidence of batch { $seq } of device { $device } could not be applied and was set aside (log { $position }): { $error }. It stays in the batch log; `placer admin quarantine` lists it.
find-quarantined-act = Administrative act { $entry } could not be applied and was set aside (log { $position }): { $error }. It stays in the batch log; `placer admin quarantine` lists it.
find-quarantined-unreadable = A log entry this build cannot read could not be applied and was set aside (log { $position }): { $error }. It stays in the batch log; `placer admin quarantine` lists it.
find-quarantined-entry = Log entry { $entry } could not be applied and was set aside (log { $position }): { $error }. It stays in the batch log; `placer admin quarantine` lists it.
