// Years and formats given in passing, in real queries of the eval set.
import { AnimeFormat } from '../../domain/index.js';
import { qualifiersOf } from './qualifier.js';

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
