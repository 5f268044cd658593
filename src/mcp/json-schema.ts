// JSON Schema for MCP tools, derived from GraphQL: an operation's variables give the input schema
// (with the schema's argument and input-field descriptions), its selection set the output schema.
import {
  getNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
  isAbstractType, Kind, TypeInfo, typeFromAST, valueFromASTUntyped, visit, visitWithTypeInfo,
  type GraphQLInputType, type GraphQLOutputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
  type GraphQLCompositeType, type FragmentDefinitionNode, type GraphQLObjectType,
} from 'graphql';

export type JsonSchema = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  [key: string]: unknown;
};

const SCALARS: Record<string, JsonSchema> = {
  Int: { type: 'integer' },
  Float: { type: 'number' },
  String: { type: 'string' },
  ID: { type: 'string' },
  Boolean: { type: 'boolean' },
};

/** The JSON Schema of a GraphQL input type; nested input objects become nested objects. */
export function inputSchemaOf(type: GraphQLInputType, seen: Set<string> = new Set()): JsonSchema {
  const inner = getNullableType(type);
  if (isListType(inner)) return { type: 'array', items: inputSchemaOf(inner.ofType, seen) };
  if (isEnumType(inner)) return { type: 'string', enum: inner.getValues().map((v) => v.name), ...describe(inner.description) };
  if (isInputObjectType(inner)) {
    // Recursive input types stop at the second visit (none in this schema; a guard for the future).
    if (seen.has(inner.name)) return { type: 'object', description: inner.description ?? inner.name };
    const nested = new Set(seen).add(inner.name);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const field of Object.values(inner.getFields())) {
      properties[field.name] = { ...inputSchemaOf(field.type, nested), ...describe(field.description), ...(field.defaultValue !== undefined ? { default: field.defaultValue } : {}) };
      if (isNonNullType(field.type) && field.defaultValue === undefined) required.push(field.name);
    }
    return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false, ...describe(inner.description) };
  }
  // Built-in scalars say nothing the JSON type does not; custom ones carry their format in the description.
  if (isScalarType(inner)) return SCALARS[inner.name] ? { ...SCALARS[inner.name] } : { ...describe(inner.description) };
  return {};
}

/** What each variable feeds: the description of the argument, input field or directive it is used in. */
function variableUsages(schema: GraphQLSchema, definition: OperationDefinitionNode): Map<string, string[]> {
  const usages = new Map<string, string[]>();
  const places = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, name: string, text: string | null | undefined) => {
    if (!text) return;
    const list = map.get(name) ?? [];
    if (!list.includes(text)) list.push(text);
    map.set(name, list);
  };
  const typeInfo = new TypeInfo(schema);
  const fieldPath: string[] = [];
  const gated = new Map<string, { include: string[]; skip: string[] }>();
  visit(
    definition,
    visitWithTypeInfo(typeInfo, {
      Field: { enter: (node) => void fieldPath.push(node.alias?.value ?? node.name.value), leave: () => void fieldPath.pop() },
      Variable(node, _key, parent) {
        const name = node.name.value;
        const holder = Array.isArray(parent) ? undefined : (parent as { kind?: string; name?: { value: string } } | undefined);
        if (holder?.kind === Kind.VARIABLE_DEFINITION) return;
        const directive = typeInfo.getDirective();
        const field = typeInfo.getFieldDef()?.name ?? fieldPath.at(-1);
        if (directive && (directive.name === 'include' || directive.name === 'skip')) {
          const paths = gated.get(name) ?? { include: [], skip: [] };
          paths[directive.name].push(fieldPath.join('.'));
          gated.set(name, paths);
        } else if (holder?.kind === Kind.OBJECT_FIELD) {
          const parentType = typeInfo.getParentInputType();
          const objectType = parentType && getNamedType(parentType);
          if (objectType && isInputObjectType(objectType)) add(usages, name, objectType.getFields()[holder.name!.value]?.description);
          add(places, name, `${field}(… ${holder.name!.value} …)`);
        } else {
          add(usages, name, typeInfo.getArgument()?.description);
          add(places, name, `${field}(${typeInfo.getArgument()?.name ?? name})`);
        }
      },
    }),
  );
  for (const [name, { include, skip }] of gated) {
    const parts = [include.length ? `adds ${include.join(', ')}` : '', skip.length ? `leaves out ${skip.join(', ')}` : ''].filter(Boolean);
    add(usages, name, `true ${parts.join(' and ')} in the answer.`);
  }
  // Arguments the schema leaves undescribed still say where the value goes.
  for (const [name, list] of places) if (!usages.has(name)) add(usages, name, `Passed to ${list.join(', ')}.`);
  return usages;
}

/** The input schema of a persisted operation: one property per variable. */
export function operationInputSchema(schema: GraphQLSchema, definition: OperationDefinitionNode): JsonSchema {
  const usages = variableUsages(schema, definition);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const variable of definition.variableDefinitions ?? []) {
    const name = variable.variable.name.value;
    const type = typeFromAST(schema, variable.type as never) as GraphQLInputType | undefined;
    if (!type) continue;
    const base = inputSchemaOf(type);
    const texts = usages.get(name) ?? [];
    const description = texts.length ? texts.join(' ') : base.description;
    properties[name] = { ...base, ...describe(description), ...(variable.defaultValue ? { default: valueFromASTUntyped(variable.defaultValue) } : {}) };
    if (isNonNullType(type) && !variable.defaultValue) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/**
 * The JSON Schema of the data a selection returns. Nothing is `required`: `fields` and the size
 * limit may leave any key out, and a client that validates structured output must still accept it.
 */
export function selectionSchema(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode> = {},
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const collect = (type: GraphQLCompositeType, set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (selection.name.value === '__typename') {
          properties[key] = { type: 'string' };
          continue;
        }
        // Fields of a union are only reachable through fragments; an interface has them itself.
        const field = isAbstractType(type) && !('getFields' in type) ? undefined : (type as GraphQLObjectType).getFields()[selection.name.value];
        properties[key] = field ? { ...outputSchemaOf(schema, field.type, selection.selectionSet, fragments), ...describe(field.description) } : {};
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : type;
        collect(on, selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment) collect(schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType, fragment.selectionSet);
      }
    }
  };
  collect(parent, selectionSet);
  return { type: 'object', properties };
}

function outputSchemaOf(schema: GraphQLSchema, type: GraphQLOutputType, set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>): JsonSchema {
  const nullable = !isNonNullType(type);
  const inner = getNullableType(type);
  let result: JsonSchema;
  if (isListType(inner)) result = { type: 'array', items: outputSchemaOf(schema, inner.ofType, set, fragments) };
  else if (isEnumType(inner)) result = { type: 'string', enum: inner.getValues().map((v) => v.name) };
  else if (isScalarType(inner)) result = { ...(SCALARS[inner.name] ? { type: SCALARS[inner.name]!.type } : {}) };
  else if (set) result = selectionSchema(schema, inner as GraphQLCompositeType, set, fragments);
  else result = {};
  if (!nullable || result.type === undefined) return result;
  if (result.enum) result.enum = [...result.enum, null];
  return { ...result, type: [result.type as string, 'null'] };
}

function describe(text: string | null | undefined): { description?: string } {
  return text ? { description: text.replace(/\s+/g, ' ').trim() } : {};
}
