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
  tablesBefore: ['ip filter', 'inet other'],
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

  it("deletes the kubelet's chains after the rules that jump to them, and empty tables only iptables made", () => {
    // A fake iptables and nft on the PATH: the filter table holds the kubelet's KUBE-FIREWALL and its jumps
    // from INPUT and OUTPUT; every table is otherwise empty. The log shows what the script asked for.
    const dir = mkdtempSync(join(tmpdir(), 'teardown-fw-'));
    const log = join(dir, 'log');
    const fake = (name: string, body: string) => {
      writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> ${log}\n${body}\n`, { mode: 0o755 });
    };
    fake(
      'iptables',
      `[ "$3" = -S ] || exit 0; echo '-P INPUT ACCEPT'; [ "$2" = filter ] || exit 0
echo '-N KUBE-FIREWALL'; echo '-A INPUT -j KUBE-FIREWALL'; echo '-A OUTPUT -m comment --comment "kubelet firewall" -j KUBE-FIREWALL'`,
    );
    fake('ip6tables', `[ "$3" = -S ] && echo '-P INPUT ACCEPT'; exit 0`);
    fake('nft', 'exit 0');
    const only = script.slice(
      script.indexOf('kubelet_chains='),
      script.indexOf('rm -f /var/lib/cni/results'),
    );
    const file = join(dir, 'part.sh');
    writeFileSync(file, only);
    execFileSync('sh', [file], { env: { PATH: `${dir}:/usr/bin:/bin` } });
    const calls = execFileSync('cat', [log], { encoding: 'utf8' }).split('\n');
    expect(calls).toContain('iptables -t filter -D INPUT -j KUBE-FIREWALL');
    expect(calls).toContain(
      'iptables -t filter -D OUTPUT -m comment --comment kubelet firewall -j KUBE-FIREWALL',
    );
    expect(calls.indexOf('iptables -t filter -X KUBE-FIREWALL')).toBeGreaterThan(
      calls.indexOf('iptables -t filter -D INPUT -j KUBE-FIREWALL'),
    );
    // ip filter existed before; the fake still lists rules in it, so it would be kept anyway. The others
    // iptables made, and they are empty: deleted.
    expect(calls).not.toContain('nft delete table ip filter');
    expect(calls).toEqual(
      expect.arrayContaining([
        'nft delete table ip mangle',
        'nft delete table ip nat',
        'nft delete table ip6 filter',
        'nft delete table ip6 mangle',
        'nft delete table ip6 nat',
      ]),
    );
  });

  it('never kills itself or the reaper that runs it', () => {
    expect(script).toContain('[ "$pid" = $$ ] || [ "$pid" = "$PPID" ] && continue');
  });
});
