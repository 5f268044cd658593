// Season, part and film markers in the forms fans and sources write them (titles are real).
import { declaredSequel, parseSequelQuery } from './sequel.js';

describe('parseSequelQuery', () => {
  it.each([
    ['Kaguya sama s3', 'kaguya sama', { season: 3 }],
    ['Kaguya-sama season 3', 'kaguya sama', { season: 3 }],
    ['kaguya sama 3rd season', 'kaguya sama', { season: 3 }],
    ['Hibike! Euphonium 2nd Season', 'hibike euphonium', { season: 2 }],
    ['Ansatsu Kyoushitsu: Second Season', 'ansatsu kyoushitsu', { season: 2 }],
    ['Initial D Second Stage', 'initial d', { season: 2 }],
    ['mob psycho 100 ii', 'mob psycho 100', { season: 2, bare: true }],
    ['haikyuu 2', 'haikyuu', { season: 2, bare: true }],
    ['進撃の巨人 第2期', '進撃の巨人', { season: 2 }],
    ['進撃の巨人 第三季', '進撃の巨人', { season: 3 }],
    ['shingeki no kyojin season 3 part 2', 'shingeki no kyojin', { season: 3, part: 2 }],
    ['spy x family part 2', 'spy x family', { part: 2 }],
    ['attack on titan final season', 'attack on titan', { final: true }],
    ['demon slayer the movie', 'demon slayer', { movie: 1 }],
    ['劇場版 呪術廻戦 0', '呪術廻戦 0', { movie: 1 }],
  ])('%s → %s %j', (query, base, marker) => {
    expect(parseSequelQuery(query)).toEqual({ base, marker });
  });

  it.each(['Mob Psycho 100', 'Jujutsu Kaisen 0', 'Steins;Gate 0', 'Shingeki no Kyojin', 'Part Timer', 'season 2'])('%s names no part of a franchise', (query) => {
    expect(parseSequelQuery(query)).toBeNull();
  });
});

describe('declaredSequel', () => {
  it('reads the season from any name, in any language', () => {
    // Kaguya-sama's third season: only its Chinese synonym says which season it is.
    expect(declaredSequel(['かぐや様は告らせたい-ウルトラロマンティック-', '辉夜大小姐想让我告白～天才们的恋爱头脑战～ 第三季']).seasons).toEqual([3]);
    expect(declaredSequel(['Mob Psycho 100 II']).seasons).toEqual([2]);
    expect(declaredSequel(['呪術廻戦 懐玉・玉折／渋谷事変(第2期)']).seasons).toEqual([2]);
    expect(declaredSequel(['Shingeki no Kyojin Season 3 Part 2'])).toEqual({ seasons: [3], parts: [2], final: false });
    expect(declaredSequel(['Shingeki no Kyojin: The Final Season']).final).toBe(true);
  });

  it('does not take a letter or a number that is part of the name for a season', () => {
    expect(declaredSequel(['Yu-Gi-Oh! Arc-V', 'Mob Psycho 100', 'Kaiju No. 8'])).toEqual({ seasons: [], parts: [], final: false });
  });
});
