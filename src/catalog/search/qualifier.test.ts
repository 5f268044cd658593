// Years and formats given in passing, in real queries of the eval set.
import { AnimeFormat } from '../../domain/index.js';
import { afterLeadingShortName, qualifiersOf, withoutQualifiers } from './qualifier.js';

describe('qualifiersOf', () => {
  it.each([
    ["JoJo's Bizarre Adventure (2012)", { year: 2012 }],
    ['Fate/stay night: Unlimited Blade Works (TV)', { format: AnimeFormat.TV }],
    ['Big Order OVA', { format: AnimeFormat.OVA }],
    ['Kino no Tabi (2017)', { year: 2017 }],
    ['Space Battleship Yamato 2199', {}],
    ['Mob Psycho 100', {}],
    ['TV Tokyo', {}],
  ])('%s → %j', (query, expected) => {
    expect(qualifiersOf(query)).toEqual(expected);
  });
});

describe('withoutQualifiers', () => {
  it.each([
    ['Mirai Nikki (2011)', 'Mirai Nikki'],
    ['Big Order (OVA)', 'Big Order'],
    ['Big Order OVA', 'Big Order'],
    ['Little Witch Academia (TV)', 'Little Witch Academia'],
    ['Space Battleship Yamato 2199', 'Space Battleship Yamato 2199'],
    ['TV Tokyo', 'TV Tokyo'],
    ['(TV)', '(TV)'],
  ])('%s → %s', (query, expected) => {
    expect(withoutQualifiers(query)).toBe(expected);
  });
});

describe('afterLeadingShortName', () => {
  it.each([
    ['Danmachi: Is It Wrong to Try to Pick Up Girls in a Dungeon?', 'Is It Wrong to Try to Pick Up Girls in a Dungeon?'],
    ['Oregairu: My Teen Romantic Comedy SNAFU', 'My Teen Romantic Comedy SNAFU'],
    // The shape only: the title index takes what follows when it is a whole name of an entry.
    ['Kaguya-sama: Love is War', 'Love is War'],
    // Two words after the colon, several before it, or no colon: not that shape.
    ['Bleach: Sennen Kessen-hen', null],
    ['Mobile Suit Gundam: Iron-Blooded Orphans', null],
    ['Re:Zero', null],
    ['Attack on Titan', null],
  ])('%s → %s', (query, expected) => {
    expect(afterLeadingShortName(query)).toBe(expected);
  });
});
