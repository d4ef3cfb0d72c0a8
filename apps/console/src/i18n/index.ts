import i18n, { ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { casePage } from '../pages/case/case.i18n';
import { merchant } from '../pages/merchant/merchant.i18n';
import { ops } from '../pages/ops/ops.i18n';
import { signIn } from '../pages/sign-in/sign-in.i18n';
import { warehouse } from '../pages/warehouse/warehouse.i18n';
import { common } from './common.i18n';

/** The languages of the console; zh-CN is the default (the warehouse station's language). */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const KEY = 'aftersales.console.language';
const namespaces = { common, signIn, warehouse, merchant, ops, case: casePage };
type Namespaces = typeof namespaces;

function resourcesOf(language: Language): ResourceLanguage {
  const out: ResourceLanguage = {};
  for (const [name, texts] of Object.entries(namespaces) as Array<
    [keyof Namespaces, Namespaces[keyof Namespaces]]
  >)
    out[name] = texts[language];
  return out;
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { en: resourcesOf('en'), 'zh-CN': resourcesOf('zh-CN') },
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

/** Switches the language and remembers the choice in this browser (a preference, not a secret). */
export function switchLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

document.documentElement.lang = i18n.language;

export default i18n;
