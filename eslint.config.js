import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const clientNodeMessage =
  'import type only: a value import of @kubernetes/client-node loads its whole generated client at start-up; use the SDK (LeanKubeConfig, KubeClient, MicroTime) or a lazy import()';

const otelMessage =
  'import type only: @opentelemetry/api is an optional peer, loaded by Tracing.enable (operator-sdk) when tracing is on';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'crds/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['**/bin/**', 'tools/**', '**/bench/**', 'examples/**/src/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The runtime path imports only types from client-node: a value import loads its generated client
    // (~60 MiB RSS). Load it with import() where it is really needed. Tests and the test kit may use it.
    // See docs/adr/0011-lean-kubeconfig-and-lazy-imports.md. Likewise
    // @opentelemetry/api, an optional peer that only operators with tracing on install and load.
    files: ['packages/*/src/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      '**/fixtures/**',
      '**/bench/**',
      'packages/testing/**',
      'packages/*/src/testing/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@kubernetes/client-node', allowTypeImports: true, message: clientNodeMessage },
            { name: '@opentelemetry/api', allowTypeImports: true, message: otelMessage },
          ],
          patterns: [
            { group: ['@kubernetes/client-node/*'], allowTypeImports: true, message: clientNodeMessage },
          ],
        },
      ],
    },
  },
  prettier,
);
