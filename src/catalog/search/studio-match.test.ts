// Studio names as typed against names as the catalog lists them (the listed names below are the
// catalog's own, from anime-offline-database entries in data/aod-sample.json).
import { matchesAnyStudio, studioMatches } from './studio-match.js';

describe('studio names', () => {
  it.each([
    ['toei animation co., ltd.', 'Toei Animation'],
    ['toei animation co., ltd.', 'Toei'],
    ['wit studio, inc.', 'Wit Studio'],
    ['wit studio, inc.', 'WIT STUDIO'],
    ['production i.g', 'Production I.G'],
    ['production i.g', 'Production IG'],
    ['science saru inc.', 'Science SARU'],
    ['bones inc.', 'Bones'],
    ['studio pierrot', 'Pierrot'],
    ['mappa', 'MAPPA'],
  ])('"%s" is what "%s" asks for', (listed, asked) => {
    expect(studioMatches(listed, asked)).toBe(true);
  });

  it.each([
    ['toei animation co., ltd.', 'Animation'],
    ['studio pierrot', 'Studio'],
    ['madhouse', 'MAPPA'],
    ['production i.g', 'I.G'],
    ['bones inc.', 'Bones Studio Japan'],
  ])('"%s" is not what "%s" asks for', (listed, asked) => {
    expect(studioMatches(listed, asked)).toBe(false);
  });

  it('asks for any of the studios given', () => {
    expect(matchesAnyStudio(['production i.g', 'wit studio, inc.'], ['MAPPA', 'Wit Studio'])).toBe(true);
    expect(matchesAnyStudio([], ['MAPPA'])).toBe(false);
  });
});
