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
