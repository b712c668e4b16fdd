// The binary a `cmd://` uri names, as score-k8s decodes it (./ and ../ relative, ~ home, / absolute, else PATH).
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { CommandTarget } from './provisioner-definition.js';

/**
 * Decodes `cmd://host/path#fragment`: host `.` / `..` resolve against `baseDir` (score-k8s: the working
 * directory), `~` against the home directory, an empty host is an absolute path, any other host is a
 * program looked up on PATH (and may not have a path). The fragment only names the entry.
 *
 * @throws Error saying what is wrong (user info, port, query, path after a program name).
 */
export function decodeCmdUri(uri: string, baseDir: string): CommandTarget {
  const m = /^cmd:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(uri);
  if (!m) throw new Error(`invalid cmd uri`);
  const [, host = '', path = '', query] = m;
  if (host.includes('@')) throw new Error('cmd provisioner uri cannot contain user info');
  if (query !== undefined && query.length > 1)
    throw new Error('cmd provisioner uri cannot contain query params');
  if (/:\d*$/.test(host)) throw new Error('cmd provisioner uri cannot contain a port');
  const rest = decodeURIComponent(path).split('/').filter(Boolean);
  switch (host) {
    case '':
      if (rest.length === 0) throw new Error('cmd provisioner uri names no program');
      return { lookup: 'file', path: resolve('/', ...rest) };
    case '.':
      return { lookup: 'file', path: resolve(baseDir, ...rest) };
    case '..':
      return { lookup: 'file', path: resolve(baseDir, '..', ...rest) };
    case '~':
      return { lookup: 'file', path: resolve(homedir(), ...rest) };
    default:
      if (rest.length > 0) throw new Error('direct command reference cannot contain additional path parts');
      return { lookup: 'path', name: host };
  }
}
