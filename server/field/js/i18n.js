/**
 * @file The field app's words in English and French, chosen on the phone (kept in
 * `localStorage`), else by the phone's language. A message missing in French reads in
 * English; `{name}` placeholders are filled from the arguments.
 */
const MESSAGES = {
  en: {
    'enrol-title': 'Enrol this phone',
    'enrol-note': 'Type the one-time code the registry gave you, or open this app from the QR code.',
    'enrol-code': 'One-time code',
    'enrol-submit': 'Enrol',
    'enrol-working': 'Enrolling…',
    'bad-code': 'This code is unknown, expired or used already. Ask the registry for a new one.',
    'no-network': 'No network: the phone must reach the registry once to enrol.',
    'no-ed25519': 'This browser cannot make the keys Placer needs (Ed25519). Update Chrome, or use another phone.',
    'failed': 'The registry refused: {message}',
    'home-title': 'Placer field',
    'home-agent': 'Agent: {agent}',
    'home-regions': 'Regions served: {regions}',
    'home-device': 'Device {device}',
  },
  fr: {
    'enrol-title': 'Enrôler ce téléphone',
    'enrol-note': 'Saisissez le code à usage unique remis par le registre, ou ouvrez cette application depuis le code QR.',
    'enrol-code': 'Code à usage unique',
    'enrol-submit': 'Enrôler',
    'enrol-working': 'Enrôlement…',
    'bad-code': 'Ce code est inconnu, expiré ou déjà utilisé. Demandez-en un nouveau au registre.',
    'no-network': 'Pas de réseau : le téléphone doit joindre le registre une fois pour être enrôlé.',
    'no-ed25519': 'Ce navigateur ne sait pas créer les clés dont Placer a besoin (Ed25519). Mettez Chrome à jour, ou utilisez un autre téléphone.',
    'failed': 'Le registre a refusé : {message}',
    'home-title': 'Placer terrain',
    'home-agent': 'Agent : {agent}',
    'home-regions': 'Régions desservies : {regions}',
    'home-device': 'Terminal {device}',
  },
};

export const LANGUAGES = Object.keys(MESSAGES);

/** The language the app reads in. */
export function language() {
  const chosen = localStorage.getItem('placer-lang');
  if (chosen && MESSAGES[chosen]) return chosen;
  const phone = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return MESSAGES[phone] ? phone : 'en';
}

/** Keeps `lang` as the app's language. */
export function choose(lang) {
  if (MESSAGES[lang]) localStorage.setItem('placer-lang', lang);
}

/** Message `id` in the app's language, `{name}`s filled from `args`. */
export function t(id, args = {}) {
  const text = MESSAGES[language()][id] ?? MESSAGES.en[id] ?? id;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(args[k] ?? ''));
}
