import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { negotiate, translator } from './index.ts';
import { it as italian } from './it.ts';

describe('message catalogues', () => {
  it('translate every key, with the same placeholders, and no empty text', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(italian).sort());
    for (const [key, text] of Object.entries(italian)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it('fills placeholders', () => {
    expect(translator('it')('login.locked', { minutes: 15 })).toBe(
      'Troppi tentativi non riusciti: l’accesso è bloccato per 15 minuti.',
    );
  });

  it('negotiates: cookie, then Accept-Language, then Italian', () => {
    expect(negotiate('en', 'it-IT')).toBe('en');
    expect(negotiate(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(negotiate('xx', 'fr-FR')).toBe('it');
  });
});
