// Milvus filter expressions: only validated enum members, integers and escaped id literals reach
// the expression, so no value can add a clause (`or 1==1`) or close a string early.
import { AnimeFormat, AnimeStatus } from '../../domain/index.js';
import { AppError, ErrorCode } from '../../errors/index.js';
import { idListExpression, searchExpression, stringLiteral } from './expression.js';

function code(run: () => unknown): ErrorCode | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : null;
  }
}

/** The string literals of an expression, read back the way Milvus's lexer reads `"..."` with `\` escapes. */
function literals(expression: string): { strings: string[]; rest: string } {
  const strings: string[] = [];
  let rest = '';
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] !== '"') {
      rest += expression[i];
      continue;
    }
    let value = '';
    for (i++; expression[i] !== '"'; i++) {
      if (i >= expression.length) throw new Error('unterminated string');
      if (expression[i] === '\\') i++;
      value += expression[i];
    }
    strings.push(value);
    rest += '""';
  }
  return { strings, rest };
}

describe('Milvus filter expressions', () => {
  it('builds the default search expression: rows holding the kind, adult entries left out', () => {
    expect(searchExpression('text', undefined)).toBe('has_text == true and adult == false');
    expect(searchExpression('image', { includeAdult: true })).toBe('has_image == true');
  });

  it('writes every filter from enum members and integers', () => {
    expect(
      searchExpression('meta', {
        formats: [AnimeFormat.TV, AnimeFormat.MOVIE],
        statuses: [AnimeStatus.AIRING],
        yearFrom: 2005,
        yearTo: 2010,
        excludeIds: ['mal:1', 'anidb:23'],
      }),
    ).toBe('has_meta == true and adult == false and format in ["TV", "MOVIE"] and status in ["AIRING"] and year >= 2005 and year >= 0 and year <= 2010 and id not in ["mal:1", "anidb:23"]');
  });

  it('rejects values that are not enum members or integers instead of quoting them', () => {
    expect(code(() => searchExpression('text', { formats: ['TV"] or 1==1 or format in ["' as AnimeFormat] }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(code(() => searchExpression('text', { statuses: ['AIRING or 1==1' as AnimeStatus] }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(code(() => searchExpression('text', { yearFrom: '2000 or 1==1' as unknown as number }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(code(() => searchExpression('text', { yearTo: Number.NaN }))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(code(() => searchExpression('text', { includeAdult: 'true or 1==1' as unknown as boolean }))).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it.each([
    'mal:1" or 1==1 or id == "x',
    'mal:1\\" or 1==1 or id == \\"x',
    'mal:1\\',
    '" or id != "',
    'anidb:23"] or adult == true or id in ["',
  ])('keeps the id %j one string literal that cannot change the expression', (id) => {
    const expression = idListExpression(['mal:5', id]);
    const { strings, rest } = literals(expression);
    expect(strings).toEqual(['mal:5', id]);
    expect(rest).toBe('id in ["", ""]');
    const search = literals(searchExpression('text', { excludeIds: [id] }));
    expect(search.strings).toEqual([id]);
    expect(search.rest).toBe('has_text == true and adult == false and id not in [""]');
  });

  it('rejects ids with control characters, empty ids and overlong ids', () => {
    expect(code(() => stringLiteral('mal:1\n or 1==1'))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(code(() => stringLiteral(''))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(code(() => stringLiteral('x'.repeat(300)))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
