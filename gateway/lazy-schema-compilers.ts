// Fastify compiles every route's request validators (ajv) and response serializers
// (fast-json-stringify) while the server starts: ~170 ms of the ~1.1 s createApp takes on the
// REST shim's routes (CPU profile of a warm start), most of which a given process never serves.
// These factories hand fastify its own default compilers, with the same options, wrapped so that a
// route's function is compiled on the first request that needs it and kept from then on.
//
// What changes: a schema ajv or fast-json-stringify cannot compile fails that route's first
// request (a 500) instead of the start. The schemas are fixed in code, and every route is called by
// the REST tests and the OpenAPI fuzz, so that cannot reach a user unseen.
import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type BuildValidator = ReturnType<typeof ValidatorSelector>;
type BuildSerializer = ReturnType<typeof SerializerSelector>;
type Validate = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };

/** A function that compiles `compile()`'s result on its first call and calls it from then on. */
function onFirstCall<F extends (...args: never[]) => unknown>(compile: () => F): (...args: Parameters<F>) => ReturnType<F> {
  let compiled: F | null = null;
  return (...args) => (compiled ??= compile())(...args) as ReturnType<F>;
}

/** Fastify's default ajv compiler (or `build`), compiling each route part's validator on its first request. */
export function lazyValidatorFactory(build: BuildValidator = ValidatorSelector()): BuildValidator {
  return ((externalSchemas: unknown, options: unknown) => {
    const compiler = (build as (schemas: unknown, options: unknown) => (route: unknown) => Validate)(externalSchemas, options);
    return (route: unknown) => {
      // Fastify lower-cases a headers schema's names only for its own compiler, and these count as
      // custom: refuse one at start rather than validate headers by names no request carries.
      const { httpPart, method, url } = route as { httpPart?: string; method?: string; url?: string };
      if (httpPart === 'headers') throw new Error(`${method} ${url}: a headers schema is not lower-cased under the lazy compilers (gateway/lazy-schema-compilers.ts); check headers in a hook instead`);
      let compiled: Validate | null = null;
      const validate: Validate = (data, context) => {
        compiled ??= compiler(route);
        // Fastify passes the parent request to ajv functions (marked by `schemaEnv`) so ajv may
        // coerce a root value in place; an ajv function ignores an absent context.
        const valid = compiled(data, context);
        validate.errors = compiled.errors;
        return valid;
      };
      // Fastify reads this before the first call: every compiled validator here is ajv's.
      validate.schemaEnv = true;
      return validate;
    };
  }) as unknown as BuildValidator;
}

/** Fastify's default fast-json-stringify compiler (or `build`), compiling each response serializer on first use. */
export function lazySerializerFactory(build: BuildSerializer = SerializerSelector()): BuildSerializer {
  return ((externalSchemas: unknown, options: unknown) => {
    const compiler = (build as (schemas: unknown, options: unknown) => (route: unknown) => (doc: unknown) => string)(externalSchemas, options);
    return (route: unknown) => onFirstCall(() => compiler(route));
  }) as unknown as BuildSerializer;
}
