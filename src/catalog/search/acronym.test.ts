// Short forms from the initials of real titles.
import { acronymKey, acronymsOf, splitCompound } from './acronym.js';
import { terms } from './normalize.js';

// How many names use each word, as the title index counts them (a few real words).
const known = new Map([
  ['full', 12],
  ['metal', 30],
  ['alchemist', 9],
]);
const of = (title: string) => acronymsOf(terms(title).words, known);

describe('acronyms', () => {
  it('takes the initials of every word, with and without particles', () => {
    expect(of('Shingeki no Kyojin')).toEqual(expect.arrayContaining(['snk']));
    expect(of('Kimetsu no Yaiba')).toEqual(expect.arrayContaining(['kny']));
    expect(of('Tengen Toppa Gurren Lagann')).toEqual(['ttgl']);
    expect(of('Boku no Hero Academia')).toEqual(expect.arrayContaining(['bnha', 'bha']));
    expect(of('Hunter x Hunter')).toEqual(['hxh']);
  });

  it('splits a compound whose halves are known words', () => {
    expect(splitCompound('fullmetal', known)).toEqual(['full', 'metal']);
    expect(splitCompound('brotherhood', known)).toBeNull();
    expect(of('Fullmetal Alchemist: Brotherhood')).toEqual(expect.arrayContaining(['fab', 'fmab']));
  });

  it('drops a leading article but keeps the inner particles', () => {
    expect(of('The God of High School')).toEqual(expect.arrayContaining(['tgos', 'ghs', 'gos']));
  });

  it('folds a short form as a query word is folded, so the two meet', () => {
    // "gohs" folds to "gos" as a query word ("oh" before a consonant is a long o).
    const query = acronymKey(terms('GOHS').words);
    expect(query).toBe('gos');
    expect(of('The God of High School')).toContain(query);
    expect(of('Ouran High School Host Club')).toContain(acronymKey(terms('OHSHC').words));
  });

  it('keeps numbers whole and leaves one-word names alone', () => {
    expect(of('Mob Psycho 100')).toEqual(['mp100']);
    expect(of('Naruto')).toEqual([]);
  });

  it('reads a query as a short form only when it is one or a few short words', () => {
    expect(acronymKey(terms('KnY').words)).toBe('kny');
    expect(acronymKey(terms('FMA:B').words)).toBe('fmab');
    expect(acronymKey(terms('Berserk').words)).toBeNull();
    expect(acronymKey(terms('attack on titan').words)).toBeNull();
  });
});
