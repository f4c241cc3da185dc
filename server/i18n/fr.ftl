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
