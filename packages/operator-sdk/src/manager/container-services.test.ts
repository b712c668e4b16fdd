// What a manager binds into its user's container and takes out again on stop, so a container can outlive
// its managers. Nothing here starts a manager: binding happens on create, unbinding on stop.
import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { createLogger } from '../logging/logger.js';
import { Tokens } from '../tokens.js';
import { unreachableKubeConfig } from './fixtures/unreachable-kube-config.js';
import { Manager } from './manager.js';

const silent = createLogger({ silent: true });

function create(container: Container): Manager {
  return Manager.create({ container, kubeConfig: unreachableKubeConfig(), probePort: false, logger: silent });
}

describe('the services a manager binds into its container', () => {
  it('binds what nobody bound, keeps what the user bound, and unbinds only its own on stop', async () => {
    const container = new Container();
    const userLogger = createLogger({ silent: true, defaultMeta: { owner: 'user' } });
    container.bind(Tokens.Logger).toConstantValue(userLogger);
    const manager = create(container);
    expect(container.get(Tokens.KubeClient)).toBe(manager.client);
    expect(container.get(Tokens.SharedCache)).toBe(manager.cache);
    expect(container.get(Tokens.Logger)).toBe(userLogger);

    await manager.stop();
    for (const token of [
      Tokens.KubeClient,
      Tokens.SharedCache,
      Tokens.EventRecorder,
      Tokens.Metrics,
      Tokens.KubeConfig,
    ]) {
      expect(container.isBound(token)).toBe(false);
    }
    expect(container.get(Tokens.Logger)).toBe(userLogger);
  });

  it('gives a second manager over the same container its own services', async () => {
    const container = new Container();
    const first = create(container);
    await first.stop();
    const second = create(container);
    expect(container.get(Tokens.KubeClient)).toBe(second.client);
    expect(container.get(Tokens.SharedCache)).toBe(second.cache);
    expect(container.get(Tokens.EventRecorder)).toBe(second.events);
    expect(second.client).not.toBe(first.client);
    await second.stop();
  });

  it('leaves alone a binding the user put in place of its own', async () => {
    const container = new Container();
    const manager = create(container);
    const metrics = { registry: 'the user’s' };
    container.rebind(Tokens.Metrics).toConstantValue(metrics);
    await manager.stop();
    expect(container.get(Tokens.Metrics)).toBe(metrics);
    expect(container.isBound(Tokens.KubeClient)).toBe(false);
  });

  it('does not bind over a parent container’s binding, and leaves it there', async () => {
    const parent = new Container();
    parent.bind(Tokens.KubeConfig).toConstantValue('parent');
    const container = new Container({ parent });
    const manager = create(container);
    expect(container.get(Tokens.KubeConfig)).toBe('parent');
    await manager.stop();
    expect(container.get(Tokens.KubeConfig)).toBe('parent');
  });
});
