// One jest run covers every kind of test, so one closing line counts them all.
// Projects separate them by cost: unit (pure, fast), integration (a real kube-apiserver per file)
// and e2e (a whole local cluster).
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swcTransform },
  moduleNameMapper: {
    // Workspace packages resolve to their sources, so tests never need a prior build.
    '^@score-orchestrator/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@score-orchestrator/([a-z-]+)/testing$': '<rootDir>/packages/$1/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
  collectCoverageFrom: ['packages/*/src/**/*.ts', '!**/*.test.ts', '!**/index.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/packages/*/src/**/*.test.ts', '<rootDir>/examples/*/src/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/unit-timeout.js'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/packages/*/src/**/*.int.test.ts', '<rootDir>/examples/*/src/**/*.int.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/integration-timeout.js'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/e2e-timeout.js'],
    },
  ],
};
