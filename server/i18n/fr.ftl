# Les messages de Placer en français. Chaque message du catalogue anglais (en.ftl) doit
# être ici ; `cargo test -p placer --lib i18n` le vérifie. Les { $variables } sont remplies
# par le programme : les garder dans la traduction.

## placer device : synchronisation
device-syncing = synchronisation : { $batches } lot(s) envoyé(s), { $changes } modification(s) reçue(s)
device-synced = { $batches } lot(s) envoyé(s) ({ $ops } opérations){ $resent }{ $photos }, { $changes } modification(s) reçue(s) ; curseur { $cursor } ; { $up } octets envoyés, { $down } reçus, { $seconds } s{ $attempts } ; restent sur l'appareil : { $left-ops } opération(s), { $left-batches } lot(s)
device-synced-resent = {" "}(et { $count } que le serveur a redemandé(s))
device-synced-photos = {" "}et { $count } photo(s)
device-synced-attempts = {" "}en { $count } tentatives

## placer device : liste
device-list-incomplete = (incomplet : l'enregistrement n'est pas encore arrivé)
device-list-void = ANNULÉ({ $reason })
device-list-conflicts = [{ $count } conflit(s)]
device-list-count = { $count } enregistrement(s)

## placer device : notes (les signalements sur les enregistrements de l'appareil)
device-notes-flag = [{ $state }, { $severity }] { $kind } (signalement { $id })
device-notes-not-held = (absent du serveur)
device-notes-event-by = { $at } { $event } par { $by }
device-notes-note = note : { $note }
device-notes-count = { $count } signalement(s) sur les enregistrements de cet appareil

## placer device : ce qu'il refuse
device-needs-holder = un permis a besoin d'un titulaire (--holder-miner ou --holder-org)
device-needs-seller = une vente a besoin d'un vendeur (--seller-miner ou --seller-licence)
device-not-field-value = { $given } n'est pas de la forme CHAMP=VALEUR

## Le cadre du tableau de bord : chaque page
frame-nav-overview = Vue d'ensemble
frame-nav-flags = Signalements
frame-nav-footprint = Empreinte
frame-nav-exports = Suivi des exportations
frame-nav-large-stones = Grosses pierres
frame-nav-devices = Terminaux
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
login-expired = Ce formulaire de connexion avait expiré. Veuillez vous reconnecter.
login-wrong = Nom d'utilisateur ou mot de passe incorrect.
login-too-many = Trop de connexions échouées. Réessayez dans { $seconds } secondes.

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
value-miner = mineur
value-licence = permis
value-production = production
value-sale = vente
value-export = exportation
value-region = région
value-organisation = organisation
value-similar = semblable
value-different = différente
value-too-few-stones = trop peu de pierres
value-kolmogorov-smirnov = Kolmogorov-Smirnov
value-chi-square = khi-deux

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

## Page: print documents
print-issuer = Placer · Registre national de l'exploitation minière artisanale alluvionnaire
print-country = Pays
print-region = Région
print-period = Période
print-printed = Imprimé
print-printed-by = le { $at } par { $by }
print-period-cut = { $period }, { $cut }
print-period-range = de { $from } à { $to }
print-page-of = Page { $page } sur { $pages }
print-definitions = Définitions
print-definitions-note = Les chiffres sont des sommes des enregistrements du registre tels qu'ils se présentent à l'impression : les enregistrements annulés ne comptent nulle part, le chiffre d'une région inclut les régions qui en relèvent, les ratios sont calculés à partir des sommes et laissés vides (–) lorsque le diviseur est nul. Carats et US$ avec deux décimales, or en grammes ; mois, trimestres et semestres en UTC.
print-certification = Certification
print-prepared-by = Établi par
print-approved-by = Vérifié et approuvé par
print-sign-name = Nom
print-sign-function = Fonction
print-sign-date = Date
print-signature = Signature
print-national-title = Rapport national de contrôle interne
print-kp-title = Statistiques du Processus de Kimberley
print-regional-title = Synthèse régionale
print-by-quarter = par trimestre
print-by-half-year = par semestre
print-by-month = par mois
print-kp-cut = production par semestre, commerce par trimestre
print-every-region = toutes les régions consultables
print-total = Total
print-no-figures = Aucun chiffre sur cette période.
print-none = Rien sur cette période.
print-no-production = Aucune production sur cette période.
print-partial = partiel
print-hs-unsorted = non triés
print-hs-industrial = industriels
print-hs-gem = gemmes
print-nat-balance = Production, ventes et exportations
print-nat-controls = Production sous contrôle
print-nat-registry = Le registre à la fin de chaque période
print-nat-gold = Or, en grammes
print-col-production-records = Enregistrements de production
print-col-carats = Carats
print-col-stones = Pierres
print-col-first-sales-ct = Premières ventes ct
print-col-first-sales-usd = Premières ventes US$
print-col-transfers-ct = Cessions ct
print-col-transfers-usd = Cessions US$
print-col-exports-ct = Exportations ct
print-col-exports-usd = Exportations US$
print-col-inside-licence = Dans le permis
print-col-on-valid-licence = Sur permis valide
print-col-by-registered-miner = Par mineur immatriculé
print-col-sites-visited = Sites visités
print-col-flags-raised = Signalements émis
print-col-flags-resolved = Signalements résolus
print-col-flags-closed = Signalements clos
print-col-late-records = Enregistrements tardifs
print-col-miners-registered = Mineurs immatriculés
print-col-diggers-estimated = Creuseurs estimés
print-col-coverage = Couverture
print-col-licences-active = Permis en vigueur
print-col-mining-licences = Permis d'exploitation
print-col-dealers = Négociants
print-col-exporters = Exportateurs
print-col-produced-g = Produit g
print-col-sold-g = Vendu g
print-col-sales-usd = Ventes US$
print-col-assayed-g = Analysé g
print-col-fine-gold-g = Or fin g
print-col-quarter = Trimestre
print-col-partial = Partiel
print-col-hs-code = Code SH
print-col-usd = US$
print-col-certificates = Certificats
print-col-destination = Destination
print-col-origin = Origine
print-kp-production = Production par semestre, valorisée à la première vente
print-kp-exports = Exportations par trimestre, par code SH et par destination
print-kp-imports = Importations par trimestre, par code SH et par origine
print-col-half-year = Semestre
print-col-carats-produced = Carats produits
print-col-value-first-sales = Valeur US$ (premières ventes)
print-col-month = Mois
print-reg-register = Mineurs et permis
print-col-miners-new = Nouveaux mineurs
print-col-miners-total = Total des mineurs
print-col-licences-new = Nouveaux permis
print-col-licences-expired = Permis expirés
print-reg-production = Production
print-col-digger-days = Journées-creuseur
print-col-gravel-m3 = Gravier m³
print-col-mean-stone-ct = Pierre moyenne ct
print-reg-sales = Ventes de diamants
print-col-sales-ct = Ventes ct
print-col-usd-per-carat = US$ par carat
print-reg-gold-flags = Or (grammes) et signalements
print-col-gold-produced-g = Or produit g
print-col-gold-sold-g = Or vendu g
print-col-gold-sales-usd = Ventes d'or US$
print-no-country = aucun pays { $id } n'a été importé
print-not-a-country = { $name } n'est pas un pays : indiquer country=<l'identifiant d'un pays>
print-serves-no-region = { $officer } n'est affecté à aucune région de { $country }
print-no-region = aucune région { $id } n'a été importée
print-bad-year-and-months = indiquer soit une année, soit from et to, pas les deux
print-bad-year = année { $value } : AAAA
print-bad-region-id = { $param } { $value } n'est pas l'identifiant d'une région
print-bad-kp-period = les statistiques du Processus de Kimberley sont établies par semestre et par trimestre : pas de période à choisir
print-bad-which-region = quelle région ?
print-bad-regional-query = la synthèse d'une région est mensuelle, pour la région indiquée dans l'adresse

## Page: print definitions
def-first-sales-transfers = Premières ventes, cessions
def-first-sales-transfers-meaning = une vente par un mineur immatriculé ou non, ou par le titulaire d'un permis d'exploitation, à un acheteur agréé est une première vente ; une revente par un négociant ou un exportateur est une cession. Chaque pierre est comptée une fois, à sa première vente depuis le puits (chaîne de traçabilité, déclarations du WGAAP du Processus de Kimberley).
def-production-records = Enregistrements de production
def-nat-production-records-meaning = journées de chantier enregistrées (productions), toutes substances confondues, sur la période.
def-carats-stones = Carats, pierres
def-nat-carats-stones-meaning = diamants produits sur la période, et les pierres comptées.
def-exports = Exportations
def-nat-exports-meaning = exportations datées de la période, en carats et en US$ déclarés.
def-inside-licence = Dans le permis
def-nat-inside-licence-meaning = carats de diamant dont le point GPS se trouve dans le périmètre du permis (compte tenu de la précision du point) et dans son pays, rapportés à l'ensemble des carats.
def-on-valid-licence = Sur permis valide
def-nat-on-valid-licence-meaning = carats produits sur un permis valide à la date de la production, rapportés à l'ensemble des carats.
def-by-registered-miner = Par mineur immatriculé
def-nat-by-registered-miner-meaning = carats des productions citant un mineur immatriculé, rapportés à l'ensemble des carats.
def-miners-registered-licences-active = Mineurs immatriculés, permis en vigueur
def-nat-miners-registered-licences-active-meaning = à la fin de la période, comptés depuis le premier mois du registre ; les permis sont répartis entre permis d'exploitation, de négociant et d'exportateur.
def-diggers-estimated-coverage = Creuseurs estimés, couverture
def-nat-diggers-estimated-coverage-meaning = estimation, par un agent, du nombre de creuseurs de la région (la sienne, sinon la somme de celles des régions qui en relèvent) ; la couverture est le rapport des mineurs immatriculés aux creuseurs estimés.
def-sites-visited = Sites visités
def-nat-sites-visited-meaning = permis ayant au moins une journée de chantier enregistrée dans la région sur la période, chacun compté une fois.
def-flags-raised-resolved-closed = Signalements émis, résolus, clos
def-nat-flags-raised-resolved-closed-meaning = événements de signalement de la période.
def-late-records = Enregistrements tardifs
def-nat-late-records-meaning = faits saisis plus d'un mois après le mois de leur date (selon l'horloge du terminal, jamais après leur arrivée).
def-gold = Or
def-nat-gold-meaning = or produit et vendu, en grammes (jamais ajouté aux carats) ; de l'or vendu, les grammes ayant fait l'objet d'un essai enregistré au ministère et l'or fin qu'ils contiennent.
def-reading-the-balance = Lecture du bilan
def-nat-reading-the-balance-meaning = la comparaison de la production, des premières ventes et des exportations révèle les marchandises entrées dans la filière depuis l'extérieur (exportations supérieures à ce qui a été extrait et vendu) ; les trois parts indiquent quelle part de la production est sous contrôle ; la couverture, quelle part de la main-d'œuvre le registre atteint (déclarations du WGAAP du Processus de Kimberley ; suivi des exportations du Ghana, 2006–07).
def-production = Production
def-kp-production-meaning = carats de diamant produits au cours du semestre, valorisés à la première vente : les US$ des premières ventes du semestre (le registre enregistre des ventes, non une évaluation de la production).
def-kp-exports-meaning = par trimestre, code SH et partenaire (destination, ISO 3166-1 alpha-3) : carats, US$ et certificats, un par exportation.
def-imports = Importations
def-kp-imports-meaning = par trimestre, code SH et partenaire (origine) : carats, US$ et certificats, enregistrés au ministère.
def-hs-codes = Codes SH
def-kp-hs-codes-meaning = diamants bruts 7102.10 non triés, 7102.21 industriels, 7102.31 gemmes (non industriels).
def-partial = Partiel
def-kp-partial-meaning = semestre ou trimestre dont certains mois sont hors des mois demandés, antérieurs au premier mois du pays ayant un chiffre, postérieurs à son dernier, ou pas encore écoulés : ses chiffres ne sont pas ceux de la période entière (Document de base du Processus de Kimberley : statistiques par période complète).
def-kp-gold-meaning = ne figure pas dans les statistiques du Processus de Kimberley.
def-miners-new-miners-total = Nouveaux mineurs, total des mineurs
def-reg-miners-new-miners-total-meaning = mineurs immatriculés dans le mois (selon leur jour d'immatriculation) ; total cumulé depuis le premier mois du registre.
def-licences-new-expired-active = Permis nouveaux, expirés, en vigueur
def-reg-licences-new-expired-active-meaning = permis délivrés et arrivant à expiration dans le mois ; « en vigueur » est le total cumulé des permis délivrés moins les permis expirés.
def-reg-production-records-meaning = journées de chantier enregistrées (productions), toutes substances confondues.
def-digger-days-gravel = Journées-creuseur, gravier
def-reg-digger-days-gravel-meaning = creuseurs × jours ; gravier lavé en m³ (litres / 1000).
def-carats-stones-mean-stone = Carats, pierres, pierre moyenne
def-reg-carats-stones-mean-stone-meaning = diamants produits ; pierres comptées ; carats / pierres.
def-sales-us-per-carat = Ventes, US$ par carat
def-reg-sales-us-per-carat-meaning = toutes les ventes de diamants ; US$ / carats vendus.
def-reg-gold-meaning = or produit et vendu, en grammes, jamais ajouté aux carats.
def-reg-flags-raised-resolved-closed-meaning = événements de signalement, par mois de l'événement.

## Page: period
# Les mois que couvre une page, et le formulaire qui les choisit.
period-describe = de { $from } à { $to }
period-from = Du
period-to = Au
period-show = Afficher
period-starts-after-end = la période commence ({ $from }) après sa fin ({ $to })
period-too-long = une page couvre au plus { $months } mois ; choisissez une période plus courte

## Page: charts
# Les graphiques de chaque page : titres, unités de l'axe des valeurs, séries de la
# légende et des infobulles (`chart-series-` et le nom de la série).
chart-tooltip = { $label }, { $series } : { $value } { $unit }
chart-carats-by-month = Carats produits par mois
chart-records-by-month = Productions enregistrées par mois
chart-sales-by-month = Ventes par mois
chart-unit-carats = carats
chart-unit-records = enregistrements
chart-unit-usd = US$
chart-unit-share-of-stones = % des pierres
chart-series-carats = carats
chart-series-sales-us = ventes US$
chart-series-production-records = productions enregistrées
chart-series-this-period = cette période
chart-series-reference = référence

## Page: maps
# La carte des régions (vue d'ensemble) et le périmètre d'un permis avec ses journées de
# chantier.
map-no-boundaries = Aucune limite de région n'a encore été importée.
map-region-tooltip = { $name } : { $value } { $unit }
map-legend-unit = { $unit } :{" "}
map-none = néant
map-up-to = jusqu'à { $value }
map-area-nothing = Aucun périmètre n'a été relevé et rien n'a été enregistré ici.
map-area = périmètre
map-recorded-here = enregistré ici ({ $count })

## Page: errors
# Les pages d'une adresse qui ne peut pas être affichée.
err-bad-request = Requête invalide
err-forbidden = Accès refusé
err-not-found = Introuvable
err-conflict = Opération impossible
err-internal = Erreur du serveur
err-internal-detail = Le serveur n'a pas pu afficher cette page ; la cause est consignée dans son journal.
err-back = Retour à la vue d'ensemble
err-no-page = il n'y a pas de page à l'adresse { $path }

## Page: overview
# `/` : la vue d'ensemble nationale (ou celle des régions d'un agent régional), ses
# chiffres, sa carte et son évolution.
ov-title-national = Vue d'ensemble nationale
ov-title-scoped = Vue d'ensemble : { $names }
ov-note-national = Chiffres de toutes les régions, { $period }, tirés du rapport national ; les chiffres de chaque région comprennent ceux des régions qui en relèvent.
ov-note-scoped = Chiffres de { $names }, { $period }, tirés du rapport national ; les chiffres de chaque région comprennent ceux des régions qui en relèvent.
# { $print } est le lien « Imprimer » (ov-print).
ov-print-note = { $print } le rapport national de contrôle interne de cette période.
ov-print = Imprimer
ov-by-region = Production par région
ov-production-in = Production de { $names }
ov-trend = Évolution mensuelle
ov-production-records = Productions enregistrées
ov-carats = Carats
ov-stones = Pierres
ov-sales-usd = Ventes (US$)
ov-share-inside-licence = Carats extraits dans les périmètres des permis
ov-share-on-valid-licence = Carats sur des permis valides
ov-share-by-registered-miner = Carats des mineurs immatriculés
ov-devices-not-synced = Terminaux non synchronisés depuis 14 jours
ov-monthly-caption = Production et ventes par mois, { $period }
ov-regions-caption = Régions de la carte, { $period }
ov-col-month = Mois
ov-col-region = Région
ov-col-inside-licence = Dans le périmètre du permis
ov-map-title = Carats produits par région, { $period }

## Page: region
# `/regions/{id}` : les mois d'une région, les régions qui en relèvent, ses
# enregistrements.
reg-title = Région : { $name }
# { $region } est le lien vers la région dont elle relève.
reg-part-of = Relève de { $region }.
reg-footprint-link = Empreinte des tailles de pierres
reg-flags-link = Signalements
reg-records = Enregistrements
reg-print = Imprimer
reg-print-kp = Imprimer les statistiques PK
reg-by-month = Par mois
reg-monthly-caption = Par mois, { $period }
reg-below-title = Régions de { $name }
reg-below-caption = Régions de { $name }, { $period }
reg-below-note = { $count ->
    [one] { $count } région ; mineurs et permis tels qu'ils étaient à la fin de { $month }, production de la période ({ $carats } carats).
   *[other] { $count } régions ; mineurs et permis tels qu'ils étaient à la fin de { $month }, production de la période ({ $carats } carats).
}
reg-col-month = Mois
reg-col-production-records = Productions enregistrées
reg-col-digger-days = Journées-creuseurs
reg-col-gravel = Graviers (m³)
reg-col-carats = Carats
reg-col-stones = Pierres
reg-col-mean-stone = Pierre moyenne (ct)
reg-col-sales-usd = Ventes (US$)
reg-col-usd-per-carat = US$ par carat
reg-col-miners = Mineurs
reg-col-licences-active = Permis en vigueur
reg-col-flags-raised = Signalements émis
reg-col-region = Région
reg-col-miners-registered = Mineurs immatriculés
reg-col-id = Identifiant
reg-col-number = Numéro
reg-col-kind = Type
reg-col-holder = Titulaire
reg-col-mineral = Minerai
reg-col-issued = Délivré le
reg-col-expires = Expire le
reg-col-status = Statut
reg-col-names = Noms
reg-col-sex = Sexe
reg-col-born = Année de naissance
reg-col-cooperative = Coopérative
reg-col-registered = Immatriculé le
reg-col-date = Date
reg-col-licence = Permis
reg-col-miner = Mineur
reg-col-diggers = Creuseurs
reg-no-licences = Aucun permis n'est enregistré ici.
reg-no-miners = Aucun mineur n'est immatriculé ici.
reg-miners-not-shown = Les données personnelles des mineurs ne sont pas affichées pour ce rôle.
reg-no-production = Aucune production n'est enregistrée ici.
reg-miner-by-id = mineur n° { $id }
reg-list-licences = Permis
reg-list-miners = Mineurs
reg-list-production = Production, la plus récente d'abord
reg-list-caption = { $list }, page { $page } sur { $pages }
reg-lists = Listes
reg-own-records = Seuls les enregistrements rattachés directement à { $name } ; ceux des régions qui en relèvent sont sur leurs pages, et une recherche les parcourt tous.
reg-search-label = Rechercher par nom, numéro de permis ou date
reg-search-label-national-id = Rechercher par nom, numéro de permis, numéro d'identité ou date
reg-search = Rechercher
reg-clear-search = Effacer la recherche
reg-found-by = { $count } pour la recherche « { $q } »
reg-no-list = liste { $list } : permis (licences), mineurs (miners) ou production (production)
reg-no-table = cette page n'a pas de tableau { $table }
reg-search-too-long = une recherche compte au plus { $count } caractères

## Page: footprint
# `/footprint` : l'empreinte granulométrique des diamants d'une région, comparée à sa
# référence.
foot-title = Empreinte
foot-title-region = Empreinte : { $region }
foot-region = Région
foot-reference-from = Référence du
foot-reference-to = Référence au
foot-statistic = Statistique
foot-compare = Comparer
foot-reference-hint = Laissez vides les mois de référence pour comparer avec l'empreinte de référence conservée pour la région (ou pour la région la plus proche dont elle relève).
foot-choose = Choisissez une région et une période.
foot-no-reference = Aucune empreinte de référence n'est conservée pour { $region } ni pour une région dont elle relève. Choisissez une période de référence ci-dessous, ou demandez à un administrateur d'en définir une.
foot-reference-period = { $region }, { $period }
foot-reference-imported = importée ({ $note })
foot-reference = Référence : { $reference }.
foot-reference-kept = Référence : { $reference } ; conservée pour { $region }, définie par { $by }.
foot-verdict = Conclusion
foot-value = Valeur
foot-p-value = valeur p
foot-stones = Pierres
foot-reference-stones = Pierres de référence
foot-mean-stone = Pierre moyenne (ct)
foot-too-few-stones = Trop peu de pierres d'un côté pour une valeur p ; comparez une période plus longue.
foot-classes-caption = Pierres par classe de taille
foot-col-class = Classe de taille (ct)
foot-col-carats = Carats
foot-col-share = Part des pierres
foot-col-reference-share = Part de référence
foot-chart-title = Part des pierres par classe de taille, comparée à la référence
foot-no-region = aucune région { $region }
foot-no-statistic = aucune statistique { $statistic }

## Page: large stones
# `/large-stones` : le registre des grosses pierres d'une période.
stones-title = Registre des grosses pierres, { $period }
stones-caption = Grosses pierres
stones-col-date = Date
stones-col-region = Région
stones-col-licence = Permis
stones-col-miner = Mineur
stones-col-mineral = Minerai
stones-col-carats = Carats
stones-col-diggers = Creuseurs
stones-col-site = Site (lat., long.)
stones-col-site-day = Journée de chantier
stones-none = Aucune grosse pierre pendant cette période.
stones-count = Grosses pierres
stones-carats = Leurs carats
stones-heaviest = La plus lourde (ct)
stones-note = Une pierre de 2 ct ou plus (diamant), ou une pesée de 250 ct (50 g) ou plus (or), est une trouvaille exceptionnelle, inscrite ici comme les producteurs tiennent leur registre des grosses pierres ; elle est écartée du contrôle de productivité et ne déclenche donc à elle seule aucun signalement.

## Page: devices
# `/devices` (administrateurs) : les terminaux enrôlés, et le retrait de l'un d'eux une
# fois confirmé.
dev-title = Terminaux
dev-caption = Terminaux ({ $count })
dev-col-agent = Agent
dev-col-label = Libellé
dev-col-regions = Régions
dev-last-sync = Dernière synchronisation
dev-col-batches = Lots
dev-col-enrolled = Enrôlé le
dev-col-state = État
dev-device = Terminal
dev-none = Aucun terminal n'est enrôlé.
dev-state-revoked = retiré le { $at } : { $reason }
dev-state-active = actif
dev-reason-placeholder = motif
dev-revoke = Retirer…
dev-note = Un terminal retiré ne peut plus se synchroniser ; ce qu'il a envoyé est conservé. Retirez sans attendre un terminal perdu ou volé.
dev-no-device = il n'y a pas de terminal { $id }
dev-revoked-already = le terminal { $id } est déjà retiré
dev-confirm-title = Retirer un terminal ?
# { $agent } est le nom de l'agent (en gras), { $label } le libellé du terminal entre parenthèses, ou rien.
dev-confirm-question = Retirer le terminal de { $agent }{ $label } ? Il ne pourra plus se synchroniser ; ce qu'il a envoyé est conservé. Cette action est irréversible.
dev-never = jamais
dev-reason = Motif
dev-confirm = Oui, retirer ce terminal
dev-cancel = Annuler
dev-enrol-title = Enrôler un nouveau terminal
dev-enrol-agent = Nom de l'agent
dev-enrol-region = Région desservie
dev-enrol-hours = Code valable (heures)
dev-enrol-submit = Émettre un code à usage unique
dev-enrol-bad-region = choisissez la région que dessert l'agent
dev-enrol-bad-hours = la durée du code est un nombre entier d'heures, de 1 à 2160
dev-code-title = Un code à usage unique pour un nouveau terminal
dev-code-note = Remettez ce code à l'agent, ou faites lire le code QR par l'appareil photo de son téléphone : il ouvre l'application de terrain avec le code déjà saisi. Il ne sert qu'une fois, jusqu'à son expiration, et n'est affiché que maintenant.
dev-code = Code
dev-code-expires = Expire le
dev-code-link = L'application de terrain avec ce code :
dev-code-back = Retour aux terminaux

## Page: accounts
# `/users` (administrateurs) : les comptes des agents, et leur désactivation.
acct-title = Comptes
acct-caption = Comptes ({ $count })
acct-col-name = Nom
acct-col-role = Rôle
acct-col-regions = Régions
acct-col-created = Créé le
acct-col-state = État
acct-col-sessions-from = Connexions fermées avant le
acct-none = Aucun compte.
acct-state-disabled = désactivé le { $at }
acct-state-active = actif
acct-enable = Réactiver
acct-disable = Désactiver
acct-end-sessions = Fermer les sessions
acct-new-password = nouveau mot de passe
acct-set-password = Changer le mot de passe
acct-note = Quand un agent quitte ses fonctions ou perd un terminal, désactivez son compte : il ne peut plus se connecter et ses sessions ouvertes sont fermées aussitôt. Un nouveau mot de passe ferme aussi toutes les sessions.

## Page: records
# `/records/{collection}/{id}` : la page d'un enregistrement (mineur, permis, journée de
# chantier, vente, exportation), son historique et ses conflits, et l'effacement des
# données d'une personne.
rec-not-an-id = { $id } n'est pas un identifiant d'enregistrement (UUID)
rec-bad-page = page { $page } : un nombre à partir de 1
rec-flags-caption = Signalements concernant cet enregistrement ({ $count })
rec-no-flags = Aucun signalement n'a été émis sur cet enregistrement.
rec-title-void = { $title } (annulé)
rec-void = Cet enregistrement est annulé : { $reason }
rec-current-values = Valeurs actuelles
rec-filed-in = rattaché à
rec-change = modification
rec-void-value = annulé : { $reason }
rec-yes = oui
rec-no = non
# Une valeur avec sa nature : « mineur : Ama Mensah ».
rec-keyed-value = { $key } : { $value }
# Les champs des enregistrements, tels que l'historique et la page d'un mineur les nomment.
rec-field-names = noms
rec-field-sex = sexe
rec-field-birth-year = année de naissance
rec-field-home-region = région de résidence
rec-field-registered-on = date d'immatriculation
rec-field-registered-by = immatriculé par
rec-field-national-id = numéro d'identité nationale
rec-field-phone = téléphone
rec-field-cooperative = coopérative
rec-field-registered-at = lieu d'immatriculation
rec-field-void = annulation
rec-field-number = numéro
rec-field-kind = type
rec-field-holder = titulaire
rec-field-mineral = minerai
rec-field-issued = date de délivrance
rec-field-expires = date d'expiration
rec-field-status = statut
rec-field-area = périmètre
rec-field-body = contenu
rec-history-caption = Historique : chaque écriture de chaque champ
rec-col-received = Reçu le
rec-col-field = Champ
rec-col-value = Valeur
rec-col-standing = État
rec-col-device = Terminal
rec-col-written = Écrit sur le terminal le
rec-col-filed-in = Rattaché à
rec-no-writes = Aucune écriture de cet enregistrement n'est affichée pour ce rôle.
rec-standing-current = en vigueur
rec-standing-lost = perdue (conflit)
rec-standing-overwritten = remplacée
rec-conflicts-caption = Conflits : valeurs écartées sans avoir été vues
rec-col-value-stands = Valeur retenue
rec-col-value-lost = Valeur écartée
rec-col-lost-device = Terminal de la valeur écartée
rec-no-conflicts = Aucun conflit.

# Photos et documents d'une fiche
photo-heading = Photos et documents
photo-received = reçu le { $when }
photo-kind-miner-photo = photo du mineur
photo-kind-identity-document = pièce d'identité
photo-kind-licence-document = document de licence
photo-kind-parcel-photo = photo du lot
rec-erased = (effacé)
rec-sealed = (scellé : pas encore transmis par son terminal)
rec-not-shown = non affiché pour votre rôle
rec-miner-title = Mineur : { $names }
rec-miner-title-by-id = Mineur n° { $id }
rec-number = Numéro
rec-kind = Type
rec-holder = Titulaire
rec-mineral = Minerai
rec-issued = Délivré le
rec-expires = Expire le
rec-status = Statut
rec-area-points = un périmètre de { $count } points
rec-no-area = aucun périmètre
rec-site-days-no-page = page { $page } : il y a { $count } journées de chantier, { $per-page } par page
rec-site-days-caption = Journées de chantier sur ce permis ({ $first } à { $last } sur { $count }, la plus récente d'abord)
rec-date = Date
rec-miner = Mineur
rec-diggers = Creuseurs
rec-stones = Pierres
rec-carats = Carats
rec-col-void = Annulation
rec-col-id = Identifiant
rec-no-site-days = Aucune journée de chantier n'est enregistrée sur ce permis.
rec-newer-site-days = Journées plus récentes
rec-older-site-days = Journées plus anciennes
rec-page-of = page { $page } sur { $pages }
rec-licence-title = Permis { $number }
rec-licence-title-by-id = Permis n° { $id }
rec-licence-map-title = { $title } : son périmètre et les positions de ses journées de chantier
rec-site-days-not-void = Journées de chantier (non annulées)
rec-their-carats = Leurs carats
rec-area-and-site-days = Périmètre et journées de chantier
rec-no-area-walked = Aucun périmètre n'a été relevé pour ce permis.
rec-licence-incomplete = Tous les champs de ce permis ne sont pas encore arrivés.
rec-production-summary = { $date } sur { $licence } : { $diggers ->
        [one] { $diggers } creuseur
       *[other] { $diggers } creuseurs
    }, { $stones ->
        [one] { $stones } pierre
       *[other] { $stones } pierres
    }, { $carats } ct
rec-stones-weighed = { $carats } ct
rec-stones-together = { $count ->
        [one] { $count } pierre pesée seule
       *[other] { $count } pierres pesées ensemble
    }, { $carats } ct
rec-licence = Permis
rec-not-given = non indiqué
rec-site = Site (lat., long.)
rec-gravel = Graviers (m³)
rec-stones-note = Pierres : { $stones }
rec-production-title = Journée de chantier du { $date } sur { $licence }
rec-production-title-by-id = Journée de chantier n° { $id }
rec-production-missing = Le contenu de cette journée de chantier n'est pas encore arrivé.
rec-sale-summary = { $date } : { $seller } à { $buyer }, { $carats } ct, { $usd } US$
rec-seller-miner = Vendeur (mineur)
rec-seller-licence = Vendeur (permis)
rec-buyer-licence = Permis de l'acheteur
rec-value-usd = Valeur (US$)
rec-usd-per-carat = US$ par carat
rec-sale-title = Vente du { $date } à { $buyer }
rec-sale-title-by-id = Vente n° { $id }
rec-sale-missing = Le contenu de cette vente n'est pas encore arrivé.
rec-export-summary = { $date } : { $certificate } par { $exporter }, { $carats } ct, { $usd } US$, vers { $destination }
rec-parcel-weighed = { $count ->
        [one] { $count } pierre pesée
       *[other] { $count } pierres pesées une à une
    }
rec-parcel-classes = compté par classe de taille : { $classes }
rec-certificate = Certificat PK
rec-exporter-licence = Permis de l'exportateur
rec-hs-code = Code SH
rec-destination = Destination
rec-parcel = Colis : { $parcel }.
rec-exporter-monitoring = Le suivi de l'exportateur
rec-export-title = Exportation { $certificate }
rec-export-title-by-id = Exportation n° { $id }
rec-export-missing = Le contenu de cette exportation n'est pas encore arrivé.
rec-erase-title = Effacer les données de cette personne
rec-erase-note = À la demande de la personne, ou pour supprimer une valeur antérieure erronée après une correction. Les données sont supprimées du registre et de chaque terminal à sa prochaine synchronisation ; cette action est irréversible.
rec-erase-what = Quoi
rec-erase-every-value = toutes les données personnelles de la personne
rec-erase-earlier-values = les valeurs antérieures du champ { $field }
rec-erase-reason = Motif
rec-erase-confirm = Je confirme : cette action est irréversible
rec-erase = Effacer
rec-erase-unconfirmed = rien n'a été effacé : confirmez que l'effacement est irréversible

## Page: flag findings
# Le constat d'un signalement, écrit à partir de ses éléments de preuve (la liste des
# signalements, la page d'un signalement, les signalements d'un enregistrement).
# { $production }, { $sale }, { $record } désignent une production ou une vente (son
# identifiant court), { $licence }, { $buyer } un permis (son numéro), { $miner }, { $first },
# { $second } un mineur (ses noms), { $device } un terminal ; un identifiant que la page ne
# sait pas nommer reste entier. Des valeurs techniques choisissent une tournure :
# { $validity } (not_yet_issued, expired, suspended, revoked), { $mineral } (diamond, gold ;
# { $mineral_words } en mots), { $kind } (artisanal_permit, claim, cooperative ;
# { $kind_words }), { $direction } (ahead, behind), { $role } (exporter, dealer), { $ring }
# (exterior, hole, et { $hole } son numéro).
find-licence-unknown = La production { $production } du { $date } cite le permis { $licence }, qui ne figure pas au registre.
find-licence-not-valid = La production { $production } du { $date } est déclarée sur le permis { $licence }, qui { $validity ->
        [not_yet_issued] n'était pas encore délivré
        [suspended] était suspendu
        [revoked] était retiré
       *[expired] était expiré
    } ce jour-là.
find-outside-licence-area = Le point GPS de la production { $production } se trouve à { $distance } m hors du périmètre du permis { $licence }, au-delà de sa précision déclarée de { $accuracy } m.
find-outside-country = Le point GPS de la production { $production } se trouve dans le pays { $fix_country }, et non dans le pays { $licence_country } du permis { $licence }.
find-outside-any-country = Le point GPS de la production { $production } se trouve hors du pays { $licence_country } du permis { $licence }, et hors de tout pays enregistré.
find-production-unregistered-miner = La production { $record } cite le mineur { $miner }, qui n'est pas immatriculé.
find-sale-unregistered-miner = La vente { $record } cite le mineur { $miner }, qui n'est pas immatriculé.
find-buyer-unknown = La vente { $sale } du { $date } a pour acheteur le permis { $buyer }, qui ne figure pas au registre.
find-buyer-not-a-buyer = La vente { $sale } du { $date } a pour acheteur le permis { $buyer }, qui est { $kind ->
        [artisanal_permit] un permis artisanal
        [claim] une concession
        [cooperative] un permis de coopérative
       *[other] un permis « { $kind_words } »
    } et non un permis d'acheteur.
find-buyer-other-mineral = La vente { $sale } du { $date } a pour acheteur le permis { $buyer }, qui vaut pour { $licence_mineral ->
        [diamond] le diamant
        [gold] l'or
       *[other] { $licence_mineral_words }
    } et non pour { $sale_mineral ->
        [diamond] le diamant
        [gold] l'or
       *[other] { $sale_mineral_words }
    }.
find-buyer-not-valid = La vente { $sale } du { $date } a pour acheteur le permis { $buyer }, qui { $validity ->
        [not_yet_issued] n'était pas encore délivré
        [suspended] était suspendu
        [revoked] était retiré
       *[expired] était expiré
    } ce jour-là.
find-productivity = Le permis { $licence } déclare { $per_digger_day } ct { $mineral ->
        [diamond] de diamant
        [gold] d'or
       *[other] de { $mineral_words }
    } par journée-creuseur en { $month } ({ $carats } ct pour { $digger_days ->
        [one] { $digger_days } journée-creuseur
       *[other] { $digger_days } journées-creuseur
    } sur { $site_days ->
        [one] { $site_days } journée de chantier
       *[other] { $site_days } journées de chantier
    }), soit { $ratio } fois la médiane des mois-permis de la zone ({ $median } ct par journée-creuseur).
find-productivity-zero-median = Le permis { $licence } déclare { $per_digger_day } ct { $mineral ->
        [diamond] de diamant
        [gold] d'or
       *[other] de { $mineral_words }
    } par journée-creuseur en { $month } ({ $carats } ct pour { $digger_days ->
        [one] { $digger_days } journée-creuseur
       *[other] { $digger_days } journées-creuseur
    } sur { $site_days ->
        [one] { $site_days } journée de chantier
       *[other] { $site_days } journées de chantier
    }), alors que la médiane des mois-permis de la zone est nulle.
find-stone-weights-weighed = La production { $production } a des poids { $mineral ->
        [diamond] de diamant
        [gold] d'or
       *[other] de { $mineral_words }
    } invraisemblables : { $stones ->
        [one] sa seule pierre pesée est
       *[other] { $count ->
            [one] { $count } de ses { $stones } pierres pesées est
           *[other] { $count } de ses { $stones } pierres pesées sont
        }
    } hors de l'intervalle de { $min } à { $max } ct (la première : { $first } ct).
find-stone-weights-no-stones = La production { $production } a des poids { $mineral ->
        [diamond] de diamant
        [gold] d'or
       *[other] de { $mineral_words }
    } invraisemblables : elle enregistre { $total } ct mais aucune pierre.
find-stone-weights-too-light = La production { $production } a des poids { $mineral ->
        [diamond] de diamant
        [gold] d'or
       *[other] de { $mineral_words }
    } invraisemblables : { $count ->
        [one] sa pierre pèse { $total } ct, moins de { $min } ct
       *[other] ses { $count } pierres pèsent { $total } ct au total, moins de { $min } ct chacune
    }.
find-stone-weights-too-heavy = La production { $production } a des poids { $mineral ->
        [diamond] de diamant
        [gold] d'or
       *[other] de { $mineral_words }
    } invraisemblables : { $count ->
        [one] sa pierre pèse { $total } ct, plus de { $max } ct
       *[other] ses { $count } pierres pèsent { $total } ct au total : l'une au moins dépasse { $max } ct
    }.
find-duplicate-national-id = Les mineurs { $first } et { $second } sont immatriculés avec le même numéro d'identité nationale.
find-duplicate-name-and-birth-year = Les mineurs { $first } et { $second } ont le même nom, la même année de naissance et le même district.
find-device-clock-skew = Le terminal { $device } a scellé le lot { $seq } avec une horloge { $direction ->
        [ahead] en avance
       *[behind] en retard
    } de { $duration } sur celle du serveur.
find-duration-years = { $count ->
        [one] { $years } an
       *[other] { $years } ans
    }
find-duration-days = { $count ->
        [one] { $count } jour
       *[other] { $count } jours
    }
find-duration-hours = { $count } h
find-batch-fork = Le terminal { $device } a envoyé deux lots différents portant le numéro { $seq } : un terminal cloné ou une clé divulguée.
find-area-missing = Le permis minier { $licence } ne peut pas être confronté à ses productions : il n'a pas de périmètre.
find-area-unusable = Le permis minier { $licence } ne peut pas être confronté à ses productions : son périmètre est inutilisable, { $problem }.
# { $problem } : ce qui ne va pas dans le périmètre, l'un des messages find-area- ci-dessous.
find-area-too-few-points = { $ring ->
        [hole] l'enclave { $hole }
       *[exterior] le contour extérieur
    } a { $points ->
        [one] { $points } point
       *[other] { $points } points
    } ; un contour fermé en demande au moins 4, le dernier identique au premier
find-area-not-closed = { $ring ->
        [hole] l'enclave { $hole } n'est pas fermée
       *[exterior] le contour extérieur n'est pas fermé
    } : son dernier point doit être identique au premier
find-area-too-many-points = le périmètre a { $points } points, plus que les { $max } qu'admet un périmètre de permis
find-area-too-many-holes = le périmètre a { $holes } enclaves, plus que les { $max } qu'admet un périmètre de permis
find-area-too-few-corners = { $ring ->
        [hole] l'enclave { $hole }
       *[exterior] le contour extérieur
    } a { $corners ->
        [one] { $corners } sommet distinct
       *[other] { $corners } sommets distincts
    } ; un périmètre en demande au moins 3
find-area-self-intersection = { $ring ->
        [hole] l'enclave { $hole } se croise ou se touche elle-même
       *[exterior] le contour extérieur se croise ou se touche lui-même
    } près de la longitude { $lon }, latitude { $lat }
find-area-hole-outside = { $ring ->
        [hole] l'enclave { $hole }
       *[exterior] le contour extérieur
    } n'est pas à l'intérieur du contour extérieur
find-area-rings-overlap = { $ring ->
        [hole] l'enclave { $hole }
       *[exterior] le contour extérieur
    } et l'enclave { $other_hole } se chevauchent ou partagent un côté
find-area-too-small = le périmètre mesure { $area } m², moins que les { $min } m² qu'exige un périmètre de permis
find-area-too-large = le périmètre mesure { $area } km², plus que les { $max } km² qu'admet un périmètre de permis
# Le pire trimestre d'un exportateur ou d'un négociant ; { $count } trimestres en dépassement en tout.
find-trader-exported = { $role ->
        [dealer] Le négociant
       *[exporter] L'exportateur
    } { $licence } a exporté { $exported } ct en { $quarter } pour { $available } ct achetés et en stock ({ $count ->
        [one] { $count } trimestre en dépassement
       *[other] { $count } trimestres en dépassement
    }).
find-trader-sold = { $role ->
        [dealer] Le négociant
       *[exporter] L'exportateur
    } { $licence } a vendu { $sold } ct en { $quarter } pour { $available } ct achetés et en stock ({ $count ->
        [one] { $count } trimestre en dépassement
       *[other] { $count } trimestres en dépassement
    }).
find-trader-exported-and-sold = { $role ->
        [dealer] Le négociant
       *[exporter] L'exportateur
    } { $licence } a exporté { $exported } ct et vendu { $sold } ct en { $quarter } pour { $available } ct achetés et en stock ({ $count ->
        [one] { $count } trimestre en dépassement
       *[other] { $count } trimestres en dépassement
    }).
# Une entrée du journal des lots mise à l'écart ; { $error } est le message du programme, tel quel.
find-quarantined-batch = Le lot { $seq } du terminal { $device } n'a pas pu être appliqué et a été mis à l'écart (journal { $position }) : { $error }. Il reste dans le journal des lots ; `placer admin quarantine` le liste.
find-quarantined-fork = La preuve des deux lots numéro { $seq } du terminal { $device } n'a pas pu être appliquée et a été mise à l'écart (journal { $position }) : { $error }. Elle reste dans le journal des lots ; `placer admin quarantine` la liste.
find-quarantined-act = L'acte administratif { $entry } n'a pas pu être appliqué et a été mis à l'écart (journal { $position }) : { $error }. Il reste dans le journal des lots ; `placer admin quarantine` le liste.
find-quarantined-unreadable = Une entrée du journal que cette version ne sait pas lire n'a pas pu être appliquée et a été mise à l'écart (journal { $position }) : { $error }. Elle reste dans le journal des lots ; `placer admin quarantine` la liste.
find-quarantined-entry = L'entrée du journal { $entry } n'a pas pu être appliquée et a été mise à l'écart (journal { $position }) : { $error }. Elle reste dans le journal des lots ; `placer admin quarantine` la liste.
