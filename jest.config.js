// ESM + TypeScript through swc (decorator metadata on, as type-graphql needs).
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // thrift (under the Milvus SDK's bulk writer) requires uuid 14, which is ESM-only; jest's CommonJS
    // loader on Node 20 cannot require ESM, so give it the CommonJS build of uuid 9 (same parse/stringify).
    '^uuid$': '<rootDir>/node_modules/uuid/dist/index.js',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  testTimeout: 60000,
  // jest's own report, then one plain closing line of counts (see the reporter for why).
  reporters: ['default', '<rootDir>/test/support/closing-line-reporter.mjs'],
  // Many suites load the whole catalog (and some the word vectors); in one process their leftovers
  // add up past V8's heap limit. Two workers (jest would run everything in band on 2 cores), each
  // replaced once it holds more than this after a suite.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1536MB',
};
