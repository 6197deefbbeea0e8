import { en } from './en.ts';
import { type Catalogue, it, type MessageKey } from './it.ts';

export type { MessageKey };
export const LOCALES = ['it', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'it';
export const LOCALE_NAMES: Record<Locale, string> = { it: 'Italiano', en: 'English' };
/** Right-to-left locales get dir="rtl"; none is shipped yet, the layout is ready for Arabic. */
const RTL = new Set<string>(['ar']);

const catalogues: Record<Locale, Catalogue> = { it, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

export function direction(locale: string): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/** Picks the locale from the `lang` cookie, then Accept-Language, then Italian. */
export function negotiate(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}

/**
 * A module's own catalogue: the same keys in every locale (the type checks it). Modules keep their
 * texts beside their views instead of growing one shared file.
 */
export function defineMessages<K extends string>(catalogues: {
  it: Record<K, string>;
  en: NoInfer<Record<K, string>>;
}) {
  return catalogues;
}

export function messagesFor<K extends string>(
  catalogues: { it: Record<K, string>; en: Record<K, string> },
  locale: Locale,
) {
  const messages = catalogues[locale];
  return (key: K, params?: Record<string, string | number>): string => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}
