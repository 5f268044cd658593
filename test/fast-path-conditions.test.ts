// @include/@skip in the fast path (gateway/fast-path.ts): the selections a condition leaves out
// are dropped before routing, so an operation whose upstream fields are all switched off runs on
// the catalog alone. Which answers equal the planner's is test/fast-path.test.ts (every persisted
// operation with `enhance` on and off); this checks the pruning itself.
import { parse, print } from 'graphql';
import { conditionVariables, withoutSkipped } from '../gateway/fast-path.js';

const document = parse(`
  query Q($enhance: Boolean = false, $brief: Boolean!) {
    anime(malId: 1) {
      title
      synopsis @skip(if: $brief)
      mal @include(if: $enhance) { score }
      ...Scores @include(if: $enhance)
      ... on Anime @skip(if: true) { year }
      format @include(if: true)
    }
  }
  fragment Scores on Anime { anilist { averageScore } }
`);

describe('conditionVariables', () => {
  it('lists the variables conditions read, and says when only literals are there', () => {
    expect(conditionVariables(document)).toEqual({ variables: ['brief', 'enhance'], any: true });
    expect(conditionVariables(parse('{ anime(malId: 1) { title @include(if: false) } }'))).toEqual({ variables: [], any: true });
    expect(conditionVariables(parse('{ anime(malId: 1) { title } }'))).toEqual({ variables: [], any: false });
  });
});

describe('withoutSkipped', () => {
  const selections = (values: Record<string, boolean>) => print(withoutSkipped(document, new Map(Object.entries(values)))).split('fragment')[0]!.replace(/\s+/g, ' ');

  it('drops fields, spreads and inline fragments a condition leaves out, literal or by variable', () => {
    const pruned = selections({ enhance: false, brief: true });
    expect(pruned).not.toMatch(/synopsis|\bmal\b|Scores|year/);
    expect(pruned).toMatch(/title format @include\(if: true\)/);
  });

  it('keeps what the values switch on', () => {
    const kept = selections({ enhance: true, brief: false });
    expect(kept).toMatch(/synopsis @skip\(if: \$brief\)/);
    expect(kept).toMatch(/mal @include\(if: \$enhance\) \{ score \}/);
    expect(kept).toMatch(/\.\.\.Scores @include\(if: \$enhance\)/);
    expect(kept).not.toMatch(/year/);
  });
});
