// What a real-node cluster could leave on the machine, as lines to compare before and after: mounts,
// network namespaces and links, nftables tables, iptables chains and rules, cgroups, the shared folders
// containerd, CNI and the kubelet write to, kernel settings, and live node processes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((entry) => join(dir, entry));
}

const processNames = /^(containerd|containerd-shim|containerd-shim-runc-v2|kubelet|kube-proxy|pause|runc)$/;

function nodeProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state !== 'Z' && processNames.test(name)) found.push(`process ${name}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** One line per thing a real-node cluster could leave behind, sorted. */
export function machineState(): string[] {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((path): path is string => path !== undefined && path !== '')
    .map((path) => `mount ${path}`);
  const links = run('ip', ['-o', 'link'])
    .split('\n')
    .map((line) => line.split(': ')[1]?.split('@')[0])
    .filter((name): name is string => name !== undefined)
    .map((name) => `link ${name}`);
  const tables = run('nft', ['list', 'tables'])
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `nft ${line}`);
  const iptables = [...run('iptables-save', []).split('\n'), ...run('ip6tables-save', []).split('\n')]
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => `iptables ${line.replace(/\[\d+:\d+\]/, '')}`);
  const cgroups = existsSync('/sys/fs/cgroup')
    ? readdirSync('/sys/fs/cgroup').flatMap((hierarchy) => {
        const dir = join('/sys/fs/cgroup', hierarchy);
        try {
          return readdirSync(dir, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => `cgroup ${join(dir, entry.name)}`);
        } catch {
          return [];
        }
      })
    : [];
  const shared = ['/run/netns', '/run/containerd', '/var/lib/cni', '/var/lib/kubelet', '/var/log/containers']
    .flatMap((dir) => (existsSync(dir) ? [dir, ...listTree(dir)] : []))
    .map((path) => `path ${path}`);
  const sysctls = ['net/ipv4/ip_forward', 'vm/overcommit_memory', 'kernel/panic', 'kernel/panic_on_oops'].map(
    (key) => `sysctl ${key}=${readFileSync(join('/proc/sys', key), 'utf8').trim()}`,
  );
  return [
    ...mounts,
    ...links,
    ...tables,
    ...iptables,
    ...cgroups,
    ...shared,
    ...sysctls,
    ...nodeProcesses(),
  ].sort();
}
