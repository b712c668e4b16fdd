import { describe, expect, it } from '@jest/globals';

import type { ClusterPki } from '../pki/cluster-pki.js';
import { apiServerProcess } from './kube-apiserver.js';

const pki = {
  caFile: 'ca.crt',
  servingCertFile: 's.crt',
  servingKeyFile: 's.key',
  serviceAccountKeyFile: 'sa.key',
  serviceAccountPublicKeyFile: 'sa.pub',
  kubeletClientCertFile: 'k.crt',
  kubeletClientKeyFile: 'k.key',
} as ClusterPki;

const args = (extraFlags: string[]): readonly string[] =>
  apiServerProcess({ binary: 'kube-apiserver', dir: '/d', port: 1, etcdUrl: 'http://e', pki, extraFlags })
    .args;

describe('apiServerProcess', () => {
  it('replaces a default flag that an extra flag names again, so list flags do not add up', () => {
    const flags = args(['--authorization-mode=Node,RBAC']);
    expect(flags.filter((f) => f.startsWith('--authorization-mode='))).toEqual([
      '--authorization-mode=Node,RBAC',
    ]);
  });

  it('keeps the defaults no extra flag names, and dials kubelets with its client certificate', () => {
    const flags = args(['--v=2']);
    expect(flags).toContain('--authorization-mode=RBAC');
    expect(flags).toContain('--kubelet-client-certificate=k.crt');
    expect(flags.at(-1)).toBe('--v=2');
  });
});
