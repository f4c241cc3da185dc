# Les messages de Placer en français. Chaque message du catalogue anglais (en.ftl) doit
# être ici ; `cargo test -p placer --lib i18n` le vérifie. Les { $variables } sont remplies
# par le programme : les garder dans la traduction.

## placer device : synchronisation
device-syncing = synchronisation : { $batches } lot(s) envoyé(s), { $changes } modification(s) reçue(s)
device-synced = { $batches } lot(s) envoyé(s) ({ $ops } opérations){ $resent }, { $changes } modification(s) reçue(s) ; curseur { $cursor } ; { $up } octets envoyés, { $down } reçus, { $seconds } s{ $attempts } ; restent sur l'appareil : { $left-ops } opération(s), { $left-batches } lot(s)
device-synced-resent = {" "}(et { $count } que le serveur a redemandé(s))
device-synced-attempts = {" "}en { $count } tentatives

## placer device : liste
device-list-incomplete = (incomplet : l'enregistrement n'est pas encore arrivé)
device-list-void = ANNULÉ({ $reason })
device-list-conflicts = [{ $count } conflit(s)]
device-list-count = { $count } enregistrement(s)

## placer device : ce qu'il refuse
device-needs-holder = un permis a besoin d'un titulaire (--holder-miner ou --holder-org)
device-needs-seller = une vente a besoin d'un vendeur (--seller-miner ou --seller-licence)
device-not-field-value = { $given } n'est pas de la forme CHAMP=VALEUR

## Le cadre du tableau de bord : chaque page
frame-nav-overview = Vue d'ensemble
frame-nav-flags = Alertes
frame-nav-footprint = Empreinte
frame-nav-exports = Suivi des exportations
frame-nav-large-stones = Grosses pierres
frame-nav-devices = Appareils
frame-nav-users = Comptes
frame-nav-label = Pages
frame-log-out = Se déconnecter
frame-language = Langue
frame-role-admin = administrateur
frame-role-national-officer = agent national
frame-role-regional-officer = agent régional
frame-role-export-monitor = contrôleur des exportations

## La page de connexion
login-title = Connexion
login-user = Nom d'utilisateur
login-password = Mot de passe
login-submit = Se connecter

## Valeurs qu'une page écrit en mots
value-female = femme
value-male = homme
value-unspecified = non précisé
value-diamond = diamant
value-gold = or
value-artisanal-permit = permis artisanal
value-claim = concession
value-cooperative = coopérative
value-buyer = acheteur
value-exporter = exportateur
value-active = en vigueur
value-suspended = suspendu
value-revoked = retiré
standing-expired = expiré le { $day }
standing-not-issued = pas en vigueur avant le { $day }
size-below = moins de { $carats } ct
size-and-above = { $carats } ct et plus

## Types de signalement
flag-kind-outside-licence-area = Production hors du périmètre du permis
flag-kind-outside-country = Production hors du pays du permis
flag-kind-licence-not-valid = Production sur un permis non valable ce jour-là
flag-kind-unregistered-miner = Enregistrement citant un mineur non immatriculé
flag-kind-unlicensed-buyer = Vente à un acheteur sans agrément
flag-kind-implausible-productivity = Production invraisemblable sur un permis
flag-kind-impossible-stone-weight = Poids de pierres impossibles
flag-kind-duplicate-national-id = Deux mineurs avec un même numéro d'identité
flag-kind-duplicate-name-and-birth-year = Deux mineurs de même nom et même année de naissance
flag-kind-device-clock-skew = Horloge d'un terminal très décalée
flag-kind-batch-fork = Deux lots différents d'un même terminal (terminal cloné ?)
flag-kind-invalid-licence-area = Périmètre de permis absent ou inutilisable
flag-kind-exports-exceed-purchases = Exportateur ayant expédié plus qu'il n'a acheté
flag-kind-quarantined-entry = Entrée du journal mise à l'écart (inapplicable)
flag-kind-sales-exceed-purchases = Négociant ayant vendu plus qu'il n'a acheté

## Tableaux et leurs décomptes
table-empty = Rien à afficher.
table-action = Action
table-pages = Pages
table-first = « Première
table-previous = ‹ Précédente
table-next = Suivante ›
table-last = Dernière »
table-page-of = Page { $page } sur { $pages }
table-showing = { $count }, { $first } à { $last } affichés
count-miners = { $count ->
    [0] Aucun mineur
    [one] { $count } mineur
   *[other] { $count } mineurs
}
count-licences = { $count ->
    [0] Aucun permis
    [one] { $count } permis
   *[other] { $count } permis
}
count-productions = { $count ->
    [0] Aucune production
    [one] { $count } production
   *[other] { $count } productions
}
count-flags = { $count ->
    [0] Aucun signalement
    [one] { $count } signalement
   *[other] { $count } signalements
}
count-cases = { $count ->
    [0] Aucun cas
    [one] { $count } cas
   *[other] { $count } cas
}

## Page: flag evidence
ev-record-miner = mineur
ev-record-licence = permis
ev-record-production = production
ev-record-sale = vente
ev-record-export = exportation
ev-record-region = région
ev-value-valid = valide
ev-value-not-yet-issued = pas encore délivré
ev-value-expired = expiré
ev-value-unknown-licence = permis inconnu
ev-value-not-a-buyer-licence = pas un permis d'acheteur
ev-value-other-mineral = autre substance
ev-value-missing = absent
ev-value-ahead = en avance
ev-value-behind = en retard
ev-yes = oui
ev-no = non
ev-none = aucun
ev-key-licence = Permis
ev-key-date = Date
ev-key-validity = Le permis ce jour-là
ev-key-issued = Délivré le
ev-key-expires = Dernier jour de validité
ev-key-distance-m = Distance hors du périmètre
ev-key-accuracy-m = Précision déclarée du point GPS
ev-key-lat = Latitude
ev-key-lon = Longitude
ev-key-licence-country = Pays du permis
ev-key-fix-country = Pays du point GPS
ev-key-miner = Mineur
ev-key-miners = Mineurs
ev-key-mineral = Substance
ev-key-min-ct = Plus petite pierre plausible
ev-key-max-ct = Plus grosse pierre plausible
ev-key-out-of-range = Poids hors limites
ev-key-out-of-range-count = Pierres hors limites
ev-key-stones = Pierres
ev-key-count = Pierres comptées
ev-key-total-ct = Poids total
ev-key-buyer-licence = Permis de l'acheteur
ev-key-reason = Motif
ev-key-kind = Type de permis
ev-key-number = Numéro du permis
ev-key-problem = Problème
ev-key-district = District
ev-key-seq = Numéro du lot
ev-key-sealed-at = Scellé le (horloge du terminal)
ev-key-received = Reçu par le serveur
ev-key-skew-ms = Décalage de l'horloge
ev-key-threshold-ms = Toléré
ev-key-direction = Horloge
ev-key-accepted-digest = Lot accepté (empreinte)
ev-key-refused-digest = Lot refusé (empreinte)
ev-key-month = Mois
ev-key-site-days = Journées de chantier
ev-key-digger-days = Journées-creuseur
ev-key-carats = Carats
ev-key-large-stones-left-out = Grosses pierres écartées
ev-key-ct-per-digger-day = Carats par journée-creuseur
ev-key-median-ct-per-digger-day = Médiane de la zone par journée-creuseur
ev-key-ratio = Multiple de la médiane
ev-key-samples = Mois-permis comparés
ev-key-factor = Facteur
ev-key-floor-ct-per-digger-day = Plancher en ct par journée-creuseur
ev-key-threshold-ct-per-digger-day = Seuil en ct par journée-creuseur
ev-key-margin = Marge admise
ev-key-quarters = Trimestres en dépassement
ev-key-quarter = Trimestre
ev-key-exported-carats-hundredths = Carats exportés
ev-key-sold-carats-hundredths = Carats vendus
ev-key-available-hundredths = Disponible
ev-key-stock-at-start-hundredths = Stock initial
ev-key-bought-carats-hundredths = Carats achetés
ev-key-unverified-carats-hundredths = Carats non vérifiés
ev-key-entry = Entrée du journal
ev-key-device = Terminal
ev-key-what = Objet
ev-key-log-position = Position dans le journal
ev-key-error = Erreur
ev-key-national-id = Numéro d'identité nationale

## Page: flag fix map
fix-title = Le point GPS face au périmètre du permis { $licence }
fix-area-title = Périmètre du permis { $licence }
fix-point = Le point GPS : { $lat } ; { $lon }, ± { $accuracy } m
fix-legend-area = périmètre du permis { $licence }
fix-no-area = le permis { $licence } n'a pas de périmètre à tracer
fix-legend-fix = le point GPS
fix-legend-accuracy = sa précision déclarée ({ $accuracy } m)

## Page: flags
fl-title = Signalements
fl-bad-region = région { $value } : une région est désignée par son identifiant
fl-bad-kind = type de signalement { $value } : l'un des types que propose le filtre
fl-bad-state = état de signalement { $value } : open, resolved ou closed
fl-bad-since = paramètre since { $value } : un jour, AAAA-MM-JJ
fl-bad-view = affichage { $value } : flags ou cases
fl-bad-cause = cause { $value } : la cause d'un cas est l'identifiant d'un enregistrement
fl-cause-needs-kind = un cas ne regroupe qu'un type de signalement : indiquer son type avec sa cause
fl-state-open = ouvert
fl-state-resolved = résolu
fl-state-closed = clos
fl-severity-high = élevée
fl-severity-medium = moyenne
fl-severity-low = faible
fl-event-raised = émis
fl-event-updated = mis à jour
fl-event-closed = clos
fl-event-reopened = rouvert
fl-event-resolved = résolu
fl-col-severity = Gravité
fl-col-kind = Type
fl-col-concerns = Concerne
fl-col-region = Région
fl-col-state = État
fl-col-raised = Émis le
fl-finding = Constat
fl-col-flag = Signalement
fl-col-cause = Cause
fl-col-flags = Signalements
fl-col-open = Ouverts
fl-col-first-raised = Premier émis le
fl-col-last-changed = Dernière modification
fl-col-case = Cas
fl-no-flag = Aucun signalement ne correspond.
fl-no-case = Aucun cas ne correspond.
fl-caption-flags = Signalements, les plus urgents d'abord (page { $page } sur { $pages })
fl-caption-cases = Cas, les plus urgents d'abord (page { $page } sur { $pages })
fl-any-kind = tous les types
fl-any-state = tous les états
fl-filter-region = Région (et subdivisions)
fl-any-region = toutes les régions
fl-filter-since = Modifiés depuis le
fl-filter = Filtrer
fl-clear = Effacer
fl-views = Affichages
fl-tab-flags = Chaque signalement ({ $count })
fl-tab-cases = Regroupés par cause première ({ $count } cas)
fl-case-note = Les signalements d'un même cas : { $kind }, cause { $cause }.
fl-all-flags = Tous les signalements
fl-case-flags = Les signalements de son cas
fl-records-concerned = Enregistrements concernés
fl-held-by = détenu par { $holder }
fl-evidence = Éléments de preuve
fl-fix-heading = Le point GPS face au périmètre du permis
fl-history = Historique
fl-col-when = Date
fl-col-event = Événement
fl-col-by = Par
fl-col-note = Note
fl-resolve = Traiter le signalement
fl-resolve-note = Note (ce qui a été constaté, ce qui a été fait)
fl-resolve-submit = Marquer comme résolu
fl-flag-title = Signalement : { $kind }

## Page: exports
exp-title = Suivi des exportations, { $period }
exp-exporter-title = Exportateur { $number }
exp-reason-exports-exceed-purchases = exportations supérieures aux achats
exp-reason-footprint-unlike-sources = empreinte différente des sources
exp-reason-price-below-median = prix inférieur à la médiane
exp-reason-price-above-median = prix supérieur à la médiane
exp-reason-below-valuation = en dessous de l'évaluation
exp-reason-above-valuation = au-dessus de l'évaluation
exp-reason-beyond-cited-purchases = au-delà des achats cités
exp-verdict-similar = semblable
exp-verdict-different = différente
exp-verdict-too-few-stones = trop peu de pierres
exp-statistic-kolmogorov-smirnov = Kolmogorov-Smirnov
exp-statistic-chi-square = khi-deux
exp-yes = oui
exp-no = non
exp-detail-exceeds = { $exported } ct exportés pour { $available } ct disponibles ({ $stock } ct en stock, { $bought } ct achetés)
exp-detail-price = { $price } US$/ct contre une médiane de { $median } US$/ct ({ $percent } %)
exp-detail-cited = { $exports } exportation(s) de { $exported } ct citant des achats de { $cited } ct
exp-detail-valuation = { $declared } US$ déclarés pour { $exports } exportation(s) que l'évaluateur de l'État a estimée(s) à { $valuation } US$ ({ $percent } %)
exp-detail-footprint = pierres des colis différentes de la production des { $regions } région(s) où il a acheté ({ $statistic } = { $value }, p = { $p })
exp-stat-ks-d = D de KS
exp-stat-chi-square = khi-deux
exp-not-available = n.d.
exp-colon = {" : "}
exp-whole-period = période
exp-col-quarter = Trimestre
exp-col-exporter = Exportateur
exp-col-exports = Exportations
exp-col-exported-ct = Exporté ct
exp-col-exported-usd = Exporté US$
exp-col-bought-ct = Acheté ct
exp-col-unverified-ct = Non vérifié ct
exp-col-stock-at-start = Stock initial ct
exp-col-available = Disponible ct
exp-col-ratio = Exporté / disponible
exp-col-exceeds = Dépassement
exp-col-usd-per-ct = US$/ct
exp-col-median-usd-per-ct = Médiane US$/ct
exp-col-price-ratio = Prix / médiane
exp-col-valuation-usd = Évaluation US$
exp-col-valuation-ratio = Déclaré / évaluation
exp-col-duty-usd = Droits US$
exp-no-exporter = Aucun exportateur sur cette période.
exp-ranking = Exportateurs par niveau de risque
exp-col-rank = Rang
exp-col-holder = Titulaire
exp-col-score = Score
exp-col-reasons = Motifs
exp-col-evidence = Éléments de preuve
exp-per-quarter = Par exportateur et par trimestre
exp-series-exported = exporté (ct)
exp-series-bought = acheté (ct)
exp-fig-exporters = Exportateurs
exp-fig-with-reason = Avec un motif
exp-fig-quarters-exceeding = Trimestres au-delà des achats
exp-fig-exported-ct = Exporté (ct)
exp-fig-exported-usd = Exporté (US$)
exp-note = Un exportateur dépasse ses achats lorsqu'il expédie plus de 10 % au-delà de ce qu'il a acheté à des mineurs immatriculés et à des acheteurs agréés, stock compris ; son prix est comparé à la médiane du trimestre pour le même pays et le même code SH ; les pierres de ses colis, à la production des zones où il a acheté.
exp-note-links = Chaque motif renvoie à ses éléments de preuve.
exp-chart-title = Exporté et acheté sur la période, par exportateur (risque le plus élevé d'abord)
exp-chart-unit = carats
exp-none = Rien sur cette période.
exp-footprint = Empreinte de ses colis
exp-fig-verdict = Verdict
exp-fig-parcel-stones = Pierres des colis
exp-fig-source-stones = Pierres produites là où il a acheté
exp-footprint-chart = Part des pierres par classe de taille : colis face à la production là où il a acheté
exp-series-parcels = colis exportés
exp-series-sources = production là où il a acheté
exp-stock-balance = Bilan des stocks par trimestre
exp-col-date = Date
exp-col-certificate = Certificat du Processus de Kimberley
exp-col-hs-code = Code SH
exp-col-destination = Destination
exp-col-carats = Carats
exp-col-usd = US$
exp-col-cited = Achats cités (ct)
exp-purchases = Achats (ventes enregistrées sur son permis)
exp-col-seller = Vendeur
exp-col-seller-name = Nom ou permis du vendeur
exp-col-verified = Vérifié
exp-col-seller-id = Identifiant du vendeur
exp-not-registered = (non immatriculé)
exp-fig-bought-verified = Acheté, vérifié (ct)
exp-fig-worst-ratio = Pire rapport exporté / disponible
exp-holder = Titulaire : { $holder }.
exp-all-exporters = Tous les exportateurs
