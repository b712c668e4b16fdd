import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { teardownScript, type TeardownPlan } from './node-teardown.js';

const plan: TeardownPlan = {
  dir: '/tmp/score-control-plane-abc',
  bridges: ['sc1a2b3cn0'],
  cgroupRoots: ['/score-1a2b3c-n0'],
  cniNetwork: 'score-1a2b3c',
  netnsBefore: ['cni-kept'],
  sysctls: { 'net/ipv4/ip_forward': '0', 'kernel/panic': '1' },
  createdPaths: ['/run/containerd/s', '/var/lib/kubelet'],
};

describe('teardownScript', () => {
  const script = teardownScript(plan);

  it('is valid sh', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'teardown-')), 'teardown.sh');
    writeFileSync(file, script);
    expect(() => execFileSync('sh', ['-n', file])).not.toThrow();
  });

  it("removes the cluster's bridges, cgroups, kube-proxy tables and the folders it created", () => {
    expect(script).toContain("ip link delete 'sc1a2b3cn0'");
    expect(script).toContain('/sys/fs/cgroup/*/score-1a2b3c-n0');
    expect(script).toContain('nft delete table ip kube-proxy');
    expect(script).toContain('rmdir /run/containerd/s');
    expect(script).toContain('rm -rf /var/lib/kubelet');
  });

  it('keeps network namespaces that existed before and puts kernel settings back', () => {
    expect(script).toContain('case " cni-kept " in');
    expect(script).toContain("echo '0' > /proc/sys/net/ipv4/ip_forward");
    expect(script).toContain("echo '1' > /proc/sys/kernel/panic");
  });

  it('never kills itself or the reaper that runs it', () => {
    expect(script).toContain('[ "$pid" = $$ ] || [ "$pid" = "$PPID" ] && continue');
  });
});
