import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

// The repository's lint config keeps client-node's generated client off the runtime path: a value import of
// `@kubernetes/client-node` in a package's source is an error, a type import is fine, tests may do either.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('client-node imports on the runtime path', () => {
  it.each([
    [
      'packages/operator-sdk/src/manager/example.ts',
      "import { KubeConfig } from '@kubernetes/client-node';\nnew KubeConfig();\n",
    ],
    [
      'packages/cli/src/commands/example.ts',
      "import { CoreV1Api } from '@kubernetes/client-node';\nvoid CoreV1Api;\n",
    ],
    [
      'packages/orchestrator/src/example.ts',
      "import { V1MicroTime } from '@kubernetes/client-node/dist/types.js';\nvoid V1MicroTime;\n",
    ],
    [
      'packages/runtime-kubernetes/src/example.ts',
      "export { ApiException } from '@kubernetes/client-node';\n",
    ],
  ])('are refused in %s', async (filePath, code) => {
    expect(await restrictedImports(code, filePath)).toEqual([expect.stringContaining('import type only')]);
  });

  it.each([
    [
      'packages/operator-sdk/src/manager/example.ts',
      "import type { KubeConfig } from '@kubernetes/client-node';\nexport type K = KubeConfig;\n",
    ],
    [
      'packages/api/src/example.ts',
      "import { type V1Pod } from '@kubernetes/client-node';\nexport type P = V1Pod;\n",
    ],
    [
      'packages/operator-sdk/src/manager/example.test.ts',
      "import { KubeConfig } from '@kubernetes/client-node';\nnew KubeConfig();\n",
    ],
    [
      'packages/testing/src/example.ts',
      "import { CoreV1Api } from '@kubernetes/client-node';\nvoid CoreV1Api;\n",
    ],
  ])('are allowed as types, in tests and in the test kit: %s', async (filePath, code) => {
    expect(await restrictedImports(code, filePath)).toEqual([]);
  });
});
