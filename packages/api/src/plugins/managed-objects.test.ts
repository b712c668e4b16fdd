import { describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { podCacheShape, rolloutCacheShape } from './cached-shapes.js';
import { managedObjectFilters } from './managed-objects.js';

describe('managedObjectFilters', () => {
  it('selects Secrets, ConfigMaps and Pods by the orchestrator and dev resolver managed-by values, and shapes Pods, Deployments and StatefulSets', () => {
    const selector = 'app.kubernetes.io/managed-by in (score-orchestrator,score-orchestrator-resolver-dev)';
    expect(managedObjectFilters()).toEqual([
      { kind: BuiltinKinds.Secret, labelSelector: selector },
      { kind: BuiltinKinds.ConfigMap, labelSelector: selector },
      { kind: BuiltinKinds.Pod, labelSelector: selector, transform: podCacheShape },
      { kind: BuiltinKinds.Deployment, transform: rolloutCacheShape },
      { kind: BuiltinKinds.StatefulSet, transform: rolloutCacheShape },
    ]);
  });

  it('takes other values, once each', () => {
    expect(managedObjectFilters(['score-orchestrator', 'acme-vault', 'acme-vault'])[0]?.labelSelector).toBe(
      'app.kubernetes.io/managed-by in (score-orchestrator,acme-vault)',
    );
  });

  it.each([
    [[], /managedBy: give at least one/],
    [['a,b'], /managedBy: "a,b" is not a label value/],
    [['-x'], /managedBy: "-x" is not a label value/],
    [['x'.repeat(64)], /is not a label value/],
  ])('refuses %j', (values, message) => {
    expect(() => managedObjectFilters(values)).toThrow(message);
  });
});
