import { CliError } from '../errors/cli.error.js';

/** The local control plane `dev` runs on: the `@score-orchestrator/testing` package. */
export type TestKit = typeof import('@score-orchestrator/testing');

const testKitPackage = '@score-orchestrator/testing';

/**
 * Loads the test kit for `dev`. It is an optional peer dependency of the CLI, not a dependency: the image
 * and production installs run `score-orchestrator run` and must not carry a control plane and its build
 * tooling, so only `dev` asks for it, when it runs.
 *
 * The container image's test checks the message by running `dev` in the image.
 *
 * @throws CliError `Failure` naming the package and how to install it when it is not installed.
 */
export async function loadTestKit(): Promise<TestKit> {
  try {
    return await import('@score-orchestrator/testing');
  } catch (err) {
    if (!isMissingPackage(err, testKitPackage)) throw err;
    throw new CliError(
      'Failure',
      `dev needs ${testKitPackage} (the local control plane), which is not installed here: ` +
        `install it beside the CLI (npm install --save-dev ${testKitPackage}); ` +
        'the container image holds only `run` and has no dev command',
      { cause: err },
    );
  }
}

/** Whether `err` is Node's "cannot find package" for `name` itself (not for something it imports). */
function isMissingPackage(err: unknown, name: string): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`);
}
