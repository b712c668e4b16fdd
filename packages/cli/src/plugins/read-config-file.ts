import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  OrchestratorError,
  parsePlatformConfig,
  type PlatformConfig,
} from '@score-orchestrator/orchestrator';
import { CliError, describeCause } from '../errors/cli.error.js';

/**
 * Reads and parses a platform config file once (for `plugins list` and `dev --config`).
 * @throws CliError `Failure` when unreadable; `Validation` when invalid, listing every issue.
 */
export async function readPlatformConfigFile(
  path: string,
  cwd: string,
): Promise<{ text: string; config: PlatformConfig }> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (err) {
    throw new CliError('Failure', `failed to read platform config ${path}: ${describeCause(err)}`, {
      cause: err,
    });
  }
  try {
    return { text, config: parsePlatformConfig(text) };
  } catch (err) {
    if (!OrchestratorError.is(err)) throw err;
    throw new CliError('Validation', `${path}: ${err.message}`, { cause: err });
  }
}
