/**
 * UI strings in Korean (default) and English. Each component registers its own messages with
 * registerMessages(); a missing English string falls back to Korean, a missing key shows the key.
 */
import { pickJosa } from '../lib/korean-josa.js';

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];
export type Messages = Record<string, string>;

const catalog: Record<Lang, Messages> = { ko: {}, en: {} };

export function registerMessages(messages: { ko: Messages; en: Messages }): void {
  Object.assign(catalog.ko, messages.ko);
  Object.assign(catalog.en, messages.en);
}

/**
 * `{name}` is replaced by the parameter; `{name|으로/로}` also appends the Korean particle that fits how the value ends
 * (so a message never needs "(으)로"); `{count#call/calls}` prints the number and the English singular or plural.
 */
export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const template = catalog[lang][key] ?? catalog.ko[key] ?? key;
  return template.replace(/\{(\w+)(?:([|#])([^}]+))?\}/g, (m, name: string, mark: string | undefined, arg: string | undefined) => {
    if (!(name in params)) return m;
    const value = String(params[name]);
    if (mark === '|') return value + pickJosa(value, arg as Parameters<typeof pickJosa>[1]);
    if (mark === '#') {
      const [one, other] = arg!.split('/');
      return `${value} ${Number(params[name]) === 1 ? one : (other ?? one)}`;
    }
    return value;
  });
}

export function hasMessage(key: string): boolean {
  return key in catalog.ko;
}

/** Keys present in Korean but missing in English: a test keeps this empty. */
export function missingEnglish(): string[] {
  return Object.keys(catalog.ko).filter((k) => !(k in catalog.en));
}

/** Keys present in English but missing in Korean (the default language): a test keeps this empty too. */
export function missingKorean(): string[] {
  return Object.keys(catalog.en).filter((k) => !(k in catalog.ko));
}

/** Every message key (for tests that look for raw keys on pages). */
export function messageKeys(): string[] {
  return Object.keys(catalog.ko);
}

export function parseLang(value: unknown): Lang | null {
  return value === 'ko' || value === 'en' ? value : null;
}
