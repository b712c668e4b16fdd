// Where `~/.kube/config` lives, found as client-node (and client-go) find it, Windows included.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** The home directory whose `.kube/config` is the default kubeconfig, or null when there is none. */
export function findHomeDir(platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'win32') {
    const home = process.env.HOME;
    return home && canAccess(home) ? home : null;
  }
  // $HOME first; client-go prefers the other two differently depending on whether .kube/config exists.
  const { HOME = '', HOMEDRIVE, HOMEPATH, USERPROFILE = '' } = process.env;
  const homeDrivePath = HOMEDRIVE && HOMEPATH ? join(HOMEDRIVE, HOMEPATH) : '';
  const favourHomeDrive = distinct([HOME, homeDrivePath, USERPROFILE]);
  const favourUserProfile = distinct([HOME, USERPROFILE, homeDrivePath]);
  return (
    favourHomeDrive.find((dir) => canAccess(join(dir, '.kube', 'config'))) ??
    favourUserProfile.find((dir) => canAccess(dir, constants.W_OK)) ??
    favourUserProfile.find((dir) => canAccess(dir)) ??
    favourUserProfile[0] ??
    null
  );
}

/** Whether `path` exists (and allows `mode`). */
export function canAccess(path: string, mode?: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function distinct(values: string[]): string[] {
  return values.filter((value, i) => value && values.indexOf(value) === i);
}
