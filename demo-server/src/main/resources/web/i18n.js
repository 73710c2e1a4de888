// The page's texts, one file per language: i18n/de.js and i18n/en.js. The page follows the browser's
// language unless the user switches. A new text goes into both files under the same key.
import de from './i18n/de.js';
import en from './i18n/en.js';

const TEXTS = { de, en };

const KEY = 'peerwork.lang';

/** The current language: the user's choice, else the browser's if German, else English. */
export function lang() {
  const chosen = localStorage.getItem(KEY);
  if (chosen === 'de' || chosen === 'en') return chosen;
  const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return nav.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function setLang(l) {
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}

/** The text for key, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const table = TEXTS[lang()];
  let s = table[key] ?? TEXTS.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll('{' + k + '}', String(v));
  return s;
}

/**
 * A user-facing sentence for a stable error code. A code the page has no text for (a newer server)
 * shows the server's English message only on an English page; a German page says it in German.
 */
export function codeText(code, fallback) {
  const l = lang();
  const known = TEXTS[l].codes[code];
  if (known) return known;
  if (l === 'en') return fallback ?? code ?? '';
  return t('unknownCode', { code: code ?? '?' });
}

/** A localized text object {de, en} in the current language. */
export function loc(text) {
  if (!text) return '';
  return text[lang()] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Fills every [data-i18n] element's text, [data-i18n-placeholder] placeholder and [data-i18n-label] aria-label. */
export function applyStatic(root = document) {
  document.documentElement.lang = lang();
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-label]').forEach(e => { e.setAttribute('aria-label', t(e.dataset.i18nLabel)); });
}

/** Wires a language switch button. */
export function languageButton(button, onChange) {
  const update = () => { button.textContent = t('switchTo'); button.setAttribute('lang', lang() === 'de' ? 'en' : 'de'); };
  update();
  button.addEventListener('click', () => {
    setLang(lang() === 'de' ? 'en' : 'de');
    update();
    onChange();
  });
}

/** A DOM element; strings become text nodes, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

/** A name or text erased at its person's request comes as the mark ∅: shown as "gelöscht" / "erased". */
export function shown(text) {
  return text === '\u2205' ? t('erased') : text;
}
