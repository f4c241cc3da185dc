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
