// The plugin module the orchestrator discovers: resolvers from the provisioner files its configuration names.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PluginModule } from '@score-orchestrator/api';
import { ProvisionersError } from './errors/provisioners.error.js';
import { loadProvisionerFile } from './provisioner-file/load-provisioner-file.js';
import {
  createProvisionerResolvers,
  type ProvisionerResolverOptions,
} from './resolvers/create-provisioner-resolvers.js';

/** Options of {@link provisionersPlugin}. */
export interface ProvisionersPluginOptions extends ProvisionerResolverOptions {
  /**
   * Provisioner files, in priority order (the first provisioner matching a claim wins, across files, as
   * score-k8s's concatenation of its files). Relative `cmd://./` uris resolve against each file's directory.
   */
  readonly files: readonly string[];
}

/**
 * Loads `files` now (reading and checking every template: errors surface at start-up) and returns the
 * plugin module with one resolver per resource type.
 *
 * @throws ProvisionersError `Load` naming the file, entry and line.
 */
export function provisionersPlugin(options: ProvisionersPluginOptions): PluginModule {
  const defs = options.files.flatMap((file) => {
    const path = resolve(file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new ProvisionersError(
        'Load',
        `failed to read provisioners file ${file}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    return loadProvisionerFile(text, { fileName: file, baseDir: dirname(path) });
  });
  return { name: 'resolver-provisioners', resolvers: createProvisionerResolvers(defs, options) };
}
