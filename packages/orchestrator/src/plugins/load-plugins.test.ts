import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { bindPluginModule, ScoreTokens } from '@score-orchestrator/api';
import { createResolverHost, createRuntimeHost } from '@score-orchestrator/plugin-host';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { describePlugins } from './describe-plugins.js';
import * as fixtures from './fixtures/fixture-plugins.js';
import { loadPlugins } from './load-plugins.js';

const packages: Record<string, unknown> = {
  '@acme/resolver-dev': fixtures.devResolvers,
  '@acme/runtime-kubernetes': fixtures.kubernetesRuntime,
  '@acme/resolver-other': fixtures.conflictingResolvers,
  '@acme/broken': fixtures.undecorated,
  '@acme/not-a-plugin': fixtures.notAPlugin,
};
const importer = async (name: string) => {
  if (!(name in packages)) {
    throw Object.assign(new Error(`Cannot find package '${name}' imported from /app`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
  }
  return packages[name];
};

describe('loadPlugins', () => {
  it('takes the `plugin` export or the default export, in order', async () => {
    const loaded = await loadPlugins(['@acme/resolver-dev', '@acme/runtime-kubernetes'], { importer });
    expect(loaded.map((p) => [p.packageName, p.module.name])).toEqual([
      ['@acme/resolver-dev', 'resolver-dev'],
      ['@acme/runtime-kubernetes', 'runtime-kubernetes'],
    ]);
  });

  it.each([
    [
      ['@acme/missing'],
      'failed to load plugin @acme/missing: the package is not installed; run "npm install @acme/missing"',
    ],
    [
      ['@acme/not-a-plugin'],
      'failed to load plugin @acme/not-a-plugin: it exports no plugin; export `plugin`',
    ],
    [
      ['@acme/broken'],
      'failed to load plugin @acme/broken: resolver class UndecoratedResolver has no @Resolver decorator',
    ],
    [
      ['@acme/resolver-dev', '@acme/resolver-other'],
      'resolver name "dev-postgres" is declared by both @acme/resolver-dev and @acme/resolver-other',
    ],
    [
      ['@acme/runtime-kubernetes', '@acme/runtime-kubernetes'],
      'runtime class "kubernetes" is declared twice in @acme/runtime-kubernetes',
    ],
  ])('rejects %j with a clear Configuration error', async (names, message) => {
    const err = await loadPlugins(names, { importer }).catch((caught: unknown) => caught);
    expect(OrchestratorError.is(err, 'Configuration')).toBe(true);
    expect((err as Error).message).toContain(message);
  });

  it('reports a package missing from node_modules with the default importer', async () => {
    await expect(loadPlugins(['no-such-score-plugin'])).rejects.toThrow('npm install no-such-score-plugin');
  });
});

describe('loaded plugins, bound with bindPluginModule', () => {
  it('are singletons the hosts pick up', async () => {
    const container = new Container();
    const loaded = await loadPlugins(['@acme/resolver-dev', '@acme/runtime-kubernetes'], { importer });
    for (const { module } of loaded) bindPluginModule(container, module);
    const [first] = container.getAll(ScoreTokens.Resolver);
    expect(container.getAll(ScoreTokens.Resolver)[0]).toBe(first);
    expect(createResolverHost(container).plugins).toEqual(['dev-postgres', 'dev-redis']);
    expect(createRuntimeHost(container).plugins).toEqual(['kubernetes']);
  });
});

describe('describePlugins', () => {
  it('lists one row per resolver and runtime, with the params and outputs a resolver declares', async () => {
    const rows = describePlugins(
      await loadPlugins(['@acme/resolver-dev', '@acme/runtime-kubernetes'], { importer }),
    );
    expect(rows).toEqual([
      {
        package: '@acme/resolver-dev',
        plugin: 'resolver-dev',
        sort: 'resolver',
        name: 'dev-postgres',
        type: 'postgres',
        serves: 'postgres (classes: default, small; any id)',
        owns: 'apps/v1 StatefulSet',
        params: ['version', 'size (required)'],
        outputs: ['host', 'password (secret)'],
      },
      {
        package: '@acme/resolver-dev',
        plugin: 'resolver-dev',
        sort: 'resolver',
        name: 'dev-redis',
        type: 'redis',
        serves: 'redis (any class; ids: cache)',
        owns: '',
      },
      {
        package: '@acme/runtime-kubernetes',
        plugin: 'runtime-kubernetes',
        sort: 'runtime',
        name: 'kubernetes',
        serves: 'runtimeClass kubernetes',
        owns: 'apps/v1 Deployment, Service',
      },
    ]);
  });
});
