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
