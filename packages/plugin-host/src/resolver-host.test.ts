import { describe, expect, it } from '@jest/globals';
import { BuiltinKinds, readControllerOptions, Tokens } from '@score-orchestrator/operator-sdk';
import { Container, inject, injectable } from 'inversify';
import { bindPluginModule, Resolver } from '@score-orchestrator/api';
import { TestConfigResolver } from './fixtures/test-config.resolver.js';
import { TestPasswordResolver } from './fixtures/test-password.resolver.js';
import { plugin } from './fixtures/test-plugin.js';
import { createResolverHost } from './resolver-host.js';
import { createRuntimeHost } from './runtime-host.js';
import { PluginHostError, type PluginHostErrorKind } from './errors/plugin-host.error.js';

@injectable()
class Undecorated {
  async provision() {
    return { ready: true };
  }
}

@Resolver({ name: 'test-config', type: 'other' })
class SameName {
  async provision() {
    return { ready: true };
  }
}

const DEPENDENCY = Symbol('dependency');
@Resolver({ name: 'needs-deps', type: 'x' })
class NeedsDependency {
  constructor(@inject(DEPENDENCY) readonly dependency: string) {}
  async provision() {
    return { ready: true, outputs: { dependency: this.dependency } };
  }
}

describe('createResolverHost', () => {
  it('builds one controller that watches owned kinds and adds its finalizer itself', () => {
    const host = createResolverHost([TestConfigResolver, TestPasswordResolver], { concurrency: 4 });
    expect(host.plugins).toEqual(['test-config', 'test-password']);
    expect(host.controllers).toHaveLength(1);
    const [controller] = host.controllers;
    const options = readControllerOptions(controller.constructor)!;
    expect(options).toMatchObject({
      name: 'resolver-host',
      concurrency: 4,
      finalizer: 'score.dev/resolver-host',
      finalizerMode: 'manual',
    });
    expect(options.watches?.map((w) => w.kind)).toEqual([BuiltinKinds.ConfigMap]);
    expect(typeof controller.finalize).toBe('function');
  });

  it('binds its controller to Tokens.Controller', () => {
    const container = new Container();
    createResolverHost([TestPasswordResolver]).bind(container);
    expect(container.getAll(Tokens.Controller)).toHaveLength(1);
  });

  it('takes resolvers with their dependencies from a container', () => {
    const container = new Container();
    container.bind(DEPENDENCY).toConstantValue('injected');
    bindPluginModule(container, { name: 'p', resolvers: [NeedsDependency, TestConfigResolver] });
    expect(createResolverHost(container).plugins).toEqual(['needs-deps', 'test-config']);
    expect(createResolverHost(new Container()).plugins).toEqual([]);
  });

  it.each([
    [
      'a class without @Resolver',
      [Undecorated],
      'Configuration',
      'failed to host resolver Undecorated: the class has no @Resolver decorator',
    ],
    [
      'duplicate names',
      [TestConfigResolver, SameName],
      'Configuration',
      'resolver TestConfigResolver is named "test-config" too',
    ],
    [
      'unbound constructor dependencies',
      [NeedsDependency],
      'Instantiation',
      'bind their constructor dependencies in a container',
    ],
  ])('rejects %s', (_, classes, kind, message) => {
    const create = () => createResolverHost(classes);
    expect(create).toThrow(message);
    let thrown: unknown;
    try {
      create();
    } catch (err) {
      thrown = err;
    }
    expect(PluginHostError.is(thrown, kind as PluginHostErrorKind)).toBe(true);
  });
});

describe('createRuntimeHost', () => {
  it('hosts the runtimes of a plugin and rejects a runtime class served twice', () => {
    expect(createRuntimeHost([...plugin.runtimes!]).plugins).toEqual(['test']);
    expect(() => createRuntimeHost([...plugin.runtimes!, ...plugin.runtimes!])).toThrow(
      'serves runtime class "test" too',
    );
  });
});
