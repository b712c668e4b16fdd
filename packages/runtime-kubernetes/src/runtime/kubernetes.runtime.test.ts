import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { readRuntimeOptions } from '@score-orchestrator/api';
import { plugin } from '../plugin.js';
import { RuntimeKubernetesTokens } from '../tokens.js';
import { KubernetesRuntime } from './kubernetes.runtime.js';
import { planKeyOfPod } from './pod-watch.js';

describe('KubernetesRuntime as a plugin', () => {
  it('declares runtime class kubernetes and the kinds it owns', () => {
    expect(plugin).toEqual({ name: 'runtime-kubernetes', runtimes: [KubernetesRuntime] });
    const options = readRuntimeOptions(KubernetesRuntime)!;
    expect(options.runtimeClass).toBe('kubernetes');
    expect(options.owns?.map((k) => ('kind' in k ? k.kind : k))).toEqual([
      'Deployment',
      'StatefulSet',
      'Job',
      'CronJob',
      'Service',
      'ConfigMap',
      'Secret',
    ]);
    // Pods are not owned by the plan: the host watches them through planKeyOfPod.
    expect(options.watches).toEqual([{ kind: expect.objectContaining({ kind: 'Pod' }), map: planKeyOfPod }]);
  });

  it('resolves from a container with default settings, or with injected ones', () => {
    const container = new Container();
    container.bind(KubernetesRuntime).toSelf();
    expect(container.get(KubernetesRuntime)).toBeInstanceOf(KubernetesRuntime);

    const configured = new Container();
    configured.bind(KubernetesRuntime).toSelf();
    configured.bind(RuntimeKubernetesTokens.Settings).toConstantValue({ endpoints: { route: '{{ bad' } });
    expect(() => configured.get(KubernetesRuntime)).toThrow(/endpoints\.route/);
  });

  it.each([
    [
      { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/managed-by': 'score-orchestrator' },
      { namespace: 'apps', name: 'shop' },
    ],
    [{ 'app.kubernetes.io/instance': 'shop' }, undefined],
    [{}, undefined],
  ])('maps a pod labelled %p to its plan', (labels, expected) => {
    expect(planKeyOfPod({ metadata: { namespace: 'apps', name: 'p', labels } })).toEqual(expected);
  });
});
