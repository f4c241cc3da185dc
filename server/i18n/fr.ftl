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
