// The schema-exploring tools: search_schema finds types and fields by words, introspect prints
// one type as SDL or summarises the root fields.
import { isInputObjectType, isInterfaceType, isObjectType, isEnumType, printType, type GraphQLSchema, type GraphQLField, type GraphQLInputField } from 'graphql';

export interface SchemaMatch {
  kind: 'type' | 'field' | 'argument' | 'enum value';
  name: string;
  signature: string;
  description: string | null;
}

const BUILT_IN = /^(__|String$|Int$|Float$|Boolean$|ID$)/;

/** Types, fields, arguments and enum values whose name or description holds every word (names first). */
export function searchSchema(schema: GraphQLSchema, words: string[], limit = 50): SchemaMatch[] {
  const terms = words.flatMap((w) => w.toLowerCase().split(/\s+/)).filter(Boolean);
  if (!terms.length) return [];
  const scored: Array<{ match: SchemaMatch; score: number }> = [];
  const consider = (match: SchemaMatch) => {
    const name = match.name.toLowerCase();
    const text = `${name} ${(match.description ?? '').toLowerCase()}`;
    if (!terms.every((t) => text.includes(t))) return;
    scored.push({ match, score: terms.filter((t) => name.includes(t)).length * 10 + (match.kind === 'type' ? 2 : match.name.startsWith('Query.') ? 1 : 0) });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (BUILT_IN.test(type.name)) continue;
    consider({ kind: 'type', name: type.name, signature: `${kindOf(type)} ${type.name}`, description: type.description ?? null });
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown> | GraphQLInputField>) {
        const args = 'args' in field && field.args.length ? `(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')})` : '';
        consider({ kind: 'field', name: `${type.name}.${field.name}`, signature: `${type.name}.${field.name}${args}: ${field.type}`, description: field.description ?? null });
        if ('args' in field) {
          for (const arg of field.args) consider({ kind: 'argument', name: `${type.name}.${field.name}(${arg.name})`, signature: `${arg.name}: ${arg.type}`, description: arg.description ?? null });
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) consider({ kind: 'enum value', name: `${type.name}.${value.name}`, signature: `${type.name}.${value.name}`, description: value.description ?? null });
    }
  }
  return scored.sort((a, b) => b.score - a.score || a.match.name.localeCompare(b.match.name)).slice(0, limit).map((s) => s.match);
}

function kindOf(type: unknown): string {
  if (isObjectType(type)) return 'type';
  if (isInterfaceType(type)) return 'interface';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  return 'scalar or union';
}

/** The SDL of one type, or (without a name) every root field with its arguments and description. */
export function introspect(schema: GraphQLSchema, typeName?: string): { sdl: string } | { rootFields: Array<{ signature: string; description: string | null }> } | { error: string } {
  if (typeName) {
    const type = schema.getType(typeName) ?? Object.values(schema.getTypeMap()).find((t) => t.name.toLowerCase() === typeName.toLowerCase());
    if (!type) return { error: `No type named ${typeName}; search_schema finds types by words` };
    return { sdl: printType(type) };
  }
  const roots = [schema.getQueryType(), schema.getMutationType()].filter((t) => t != null);
  return {
    rootFields: roots.flatMap((root) =>
      Object.values(root.getFields()).map((f) => ({
        signature: `${root.name}.${f.name}${f.args.length ? `(${f.args.map((a) => `${a.name}: ${a.type}`).join(', ')})` : ''}: ${f.type}`,
        description: f.description?.replace(/\s+/g, ' ').trim() ?? null,
      })),
    ),
  };
}
