import { describe, expect, it } from '@jest/globals';
import { KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { EventRecorder, eventName } from './event-recorder.js';
import type { EventDetails } from './event-recorder-options.js';

// Points nowhere: these tests must never reach an API server.
function unreachableCluster(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'none', server: 'https://127.0.0.1:9', skipTLSVerify: true }],
    users: [{ name: 'none' }],
    contexts: [{ name: 'none', cluster: 'none', user: 'none' }],
    currentContext: 'none',
  });
  return kc;
}

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe('EventRecorder.event', () => {
  it('never throws into the caller, whatever it is given', async () => {
    const recorder = new EventRecorder({
      kubeConfig: unreachableCluster(),
      reportingController: 'example.com/test',
    });
    expect(() => recorder.event({} as KubernetesObject, {} as EventDetails)).not.toThrow();
    expect(() =>
      recorder.event(null as unknown as KubernetesObject, null as unknown as EventDetails),
    ).not.toThrow();
    await recorder.stop();
  });
});

describe('new EventRecorder', () => {
  it('refuses to be created with nothing to connect with, saying what to pass', () => {
    const create = () => new EventRecorder({ reportingController: 'example.com/test' });
    expect(create).toThrow(
      'failed to create the event recorder: it has neither a client nor a kubeConfig; pass one of them',
    );
  });
});

describe('eventName', () => {
  it.each(['web', 'system:controller:Foo', 'a'.repeat(300), '--'])(
    'makes a unique DNS subdomain from %s',
    (name) => {
      const first = eventName(name);
      expect(first).toMatch(dnsSubdomain);
      expect(first.length).toBeLessThanOrEqual(253);
      expect(eventName(name)).not.toBe(first);
    },
  );

  it('keeps an ordinary name as the prefix', () => {
    expect(eventName('web-1')).toMatch(/^web-1\.[0-9a-f]+$/);
  });
});
