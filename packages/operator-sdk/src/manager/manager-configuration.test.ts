// Configuration mistakes in the controllers bound to a manager fail start() with a message that names
// the class and the fix, before anything connects to the API server.
import { describe, expect, it } from '@jest/globals';
import { Container, inject, injectable } from 'inversify';
import { Controller } from '../controller/controller.decorator.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { createLogger } from '../logging/logger.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { Tokens } from '../tokens.js';
import { GadgetKind } from './fixtures/gadget.resource.js';
import { unreachableKubeConfig as unreachable } from './fixtures/unreachable-kube-config.js';
import { Manager } from './manager.js';

@injectable()
class Undecorated implements Reconciler {
  async reconcile(): Promise<void> {}
}

class Plain implements Reconciler {
  async reconcile(): Promise<void> {}
}

const Missing = Symbol.for('test/missing-dependency');

@Controller({ for: GadgetKind })
class NeedsSomething implements Reconciler {
  constructor(@inject(Missing) readonly dependency: unknown) {}
  async reconcile(): Promise<void> {}
}

@Controller({ for: GadgetKind })
class WithoutReconcile {}

@Controller({ for: GadgetKind, name: 'manual', finalizerMode: 'manual' })
class ManualWithoutFinalize implements Reconciler {
  async reconcile(): Promise<void> {}
}

@Controller({ for: GadgetKind })
class First implements Reconciler {
  async reconcile(): Promise<void> {}
}

@Controller({ for: GadgetKind })
class Second implements Reconciler {
  async reconcile(): Promise<void> {}
}

async function startWith(...controllers: (new (...args: never[]) => object)[]): Promise<unknown> {
  const container = new Container();
  for (const controller of controllers) container.bind(Tokens.Controller).to(controller);
  const manager = Manager.create({
    container,
    kubeConfig: unreachable(),
    probePort: false,
    logger: createLogger({ silent: true }),
  });
  try {
    await manager.start();
    return undefined;
  } catch (err) {
    return err;
  } finally {
    await manager.stop();
  }
}

describe('Manager configuration errors', () => {
  it('names a bound class without @Controller and how to fix it', async () => {
    const err = await startWith(Undecorated);
    expect(OperatorSdkError.is(err) && err.kind).toBe('Configuration');
    expect(String(err)).toContain(
      'failed to start controller Undecorated: the class has no @Controller decorator',
    );
    expect(String(err)).toContain('add @Controller({ for: ... })');
  });

  it('names a bound class without any decorator and how to fix it', async () => {
    const err = await startWith(Plain);
    expect(String(err)).toContain('failed to start controller Plain: the class has no @Controller decorator');
  });

  it('wraps an unresolvable constructor dependency in a configuration error', async () => {
    const err = await startWith(NeedsSomething);
    expect(OperatorSdkError.is(err) && err.kind).toBe('Configuration');
    expect(String(err)).toMatch(
      /failed to create the controllers bound to Tokens.Controller: .*missing-dependency/s,
    );
    expect(String(err)).toContain('bind every constructor dependency in the container');
  });

  it('names a @Controller class without reconcile and how to fix it', async () => {
    const err = await startWith(WithoutReconcile);
    expect(OperatorSdkError.is(err) && err.kind).toBe('Configuration');
    expect(String(err)).toContain(
      'failed to start controller WithoutReconcile: it has no reconcile(obj, ctx) method',
    );
    expect(String(err)).toContain('implement Reconciler');
  });

  it('rejects two controllers with one name, naming both and the fix', async () => {
    const err = await startWith(First, Second);
    expect(OperatorSdkError.is(err) && err.kind).toBe('Configuration');
    expect(String(err)).toMatch(/failed to start controller Second: controller First is named "gadget" too/);
    expect(String(err)).toContain('@Controller({ name: ... })');
  });

  it('rejects finalizerMode manual without finalize: the finalizers it adds would never come off', async () => {
    const err = await startWith(ManualWithoutFinalize);
    expect(OperatorSdkError.is(err) && err.kind).toBe('Configuration');
    expect(String(err)).toContain('controller "manual" has finalizerMode "manual" but no finalize method');
  });

  it('refuses to start twice', async () => {
    const manager = Manager.create({
      container: new Container(),
      kubeConfig: unreachable(),
      probePort: false,
      logger: createLogger({ silent: true }),
    });
    await manager.stop();
    await expect(manager.start()).rejects.toThrow('manager cannot start: it is stopped');
  });
});
