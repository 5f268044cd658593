// The pure parts of the MCP bridge: tool names, JSON Schema from GraphQL, argument checks and
// the answer trimming, on the real public schema.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { checkArguments } from './arguments.js';
import { operationInputSchema, selectionSchema } from './json-schema.js';
import { leadingComment, toolNameOf } from './operations.js';
import { limitSize, pickFields } from './trim.js';

const schema = buildSchema(readFileSync('schema/api.graphql', 'utf8'));
const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

const SEARCH = operation(`query SearchAnime($query: String, $genres: [String!], $formats: [AnimeFormat!], $first: Int = 10, $enhance: Boolean = false, $filter: AnimeFilter) {
  search(query: $query, filter: { tagsInclude: $genres, formats: $formats }, first: $first) { totalCount pageInfo { endCursor } nodes { id title score mal @include(if: $enhance) { score } } }
  other: search(filter: $filter) { totalCount }
}`);

describe('tool names and descriptions', () => {
  it.each([
    ['SearchAnime', 'search_anime'],
    ['GetAnimeById', 'get_anime_by_id'],
    ['TopAnime', 'top_anime'],
    ['GetMALScores', 'get_mal_scores'],
    ['Franchise', 'franchise'],
  ])('%s → %s', (name, tool) => expect(toolNameOf(name)).toBe(tool));

  it('joins the leading comment lines into one description', () => {
    expect(leadingComment('\n# Find anime\n# by title.\nquery A { x }\n# not this')).toBe('Find anime by title.');
  });
});

describe('input schema from variables', () => {
  const input = operationInputSchema(schema, SEARCH);
  const properties = input.properties!;

  it('maps scalars, lists, enums and defaults, with descriptions from the arguments and input fields they feed', () => {
    expect(properties['query']).toMatchObject({ type: 'string', description: expect.stringContaining('Words of a title') });
    expect(properties['genres']).toEqual({ type: 'array', items: { type: 'string' }, description: 'All of these tags (case-insensitive).' });
    expect(properties['formats']).toMatchObject({ type: 'array', items: { type: 'string', enum: expect.arrayContaining(['TV', 'MOVIE', 'OVA']) } });
    expect(properties['first']).toMatchObject({ type: 'integer', default: 10, description: expect.stringContaining('Page size') });
    expect(properties['enhance']).toMatchObject({ type: 'boolean', default: false, description: 'true adds search.nodes.mal in the answer.' });
    expect(input.required).toBeUndefined();
    expect(input.additionalProperties).toBe(false);
  });

  it('turns input objects into nested objects', () => {
    expect(properties['filter']).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { minScore: { type: 'number', description: '0–10.' }, season: { type: 'string', enum: ['WINTER', 'SPRING', 'SUMMER', 'FALL'] } },
    });
  });

  it('requires non-null variables without a default', () => {
    const seasonal = operationInputSchema(schema, operation('query S($year: Int!, $season: Season!, $first: Int! = 5) { seasonal(year: $year, season: $season, first: $first) { totalCount } }'));
    expect(seasonal.required).toEqual(['year', 'season']);
  });
});

describe('output schema from the selection', () => {
  it('follows the selection with nullability, lists and aliases', () => {
    const output = selectionSchema(schema, schema.getQueryType()!, SEARCH.selectionSet);
    const search = output.properties!['search']!;
    expect(search.type).toBe('object');
    expect(search.properties!['totalCount']).toMatchObject({ type: 'integer' });
    expect(search.properties!['nodes']!.items!.properties!['score']).toMatchObject({ type: ['number', 'null'] });
    expect(search.properties!['nodes']!.items!.properties!['mal']).toMatchObject({ type: ['object', 'null'], properties: { score: { type: ['number', 'null'] } } });
    expect(output.properties!['other']).toMatchObject({ type: 'object', properties: { totalCount: { type: 'integer' } } });
  });
});

describe('argument checks', () => {
  const input = operationInputSchema(schema, SEARCH);

  it('accepts valid arguments and the strings command-line clients send', () => {
    expect(checkArguments(input, { first: '5', enhance: 'true', formats: 'tv' })).toEqual({ ok: true, value: { first: 5, enhance: true, formats: ['TV'] } });
  });

  it('names every wrong argument and what it expects', () => {
    const result = checkArguments(input, { first: 2.5, formats: ['TV', 'SERIES'], filter: { minScore: 'high', colour: 1 }, extra: 1 });
    expect(result.ok).toBe(false);
    const problems = (result as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        '`first` must be a whole number, got 2.5',
        expect.stringMatching(/^`formats\[1\]` must be one of TV, TV_SHORT, MOVIE, .*got "SERIES"$/),
        '`filter.minScore` must be a number, got "high"',
        expect.stringMatching(/^unknown argument `filter.colour`; expected formats, statuses/),
        expect.stringMatching(/^unknown argument `extra`/),
      ]),
    );
  });
});

describe('answer trimming', () => {
  const data = { search: { totalCount: 2, pageInfo: { endCursor: 'c2' }, nodes: [{ id: 'a', title: 'A', tags: ['x'] }, { id: 'b', title: 'B', tags: ['y'] }] } };

  it('keeps the asked paths (root field optional) and the paging info', () => {
    expect(pickFields(data, ['nodes.title'])).toEqual({ search: { totalCount: 2, pageInfo: { endCursor: 'c2' }, nodes: [{ title: 'A' }, { title: 'B' }] } });
    expect(pickFields(data, ['search.nodes'])).toEqual(data);
  });

  it('cuts the longest list until the answer fits, and says so', () => {
    const big = { list: Array.from({ length: 100 }, (_, i) => ({ i, text: 'x'.repeat(50) })), small: [1, 2] };
    const { value, note } = limitSize(big, 1000);
    expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThanOrEqual(1000);
    expect(value.list.length).toBeGreaterThan(5);
    expect(value.small).toEqual([1, 2]);
    expect(note).toMatch(/cut list from 100 to \d+ items/);
    expect(limitSize(data, 10_000)).toEqual({ value: data, note: null });
  });
});

describe('variables the schema does not describe', () => {
  it('say where their value goes, and what @include/@skip switches', () => {
    const input = operationInputSchema(
      schema,
      operation('query A($malId: Int, $yearFrom: Int, $weekly: Boolean = false) { anime(malId: $malId) { id } search(filter: { yearFrom: $yearFrom }) @skip(if: $weekly) { totalCount } scheduleTimetable @include(if: $weekly) { year } }'),
    );
    expect(input.properties!['malId']!.description).toBe('Passed to anime(malId).');
    expect(input.properties!['yearFrom']!.description).toBe('Passed to search(… yearFrom …).');
    expect(input.properties!['weekly']!.description).toBe('true adds scheduleTimetable and leaves out search in the answer.');
  });
});
