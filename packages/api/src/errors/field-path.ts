const plainKey = /^[A-Za-z0-9_-]+$/;

/**
 * Appends a map key to a field path the way error messages name fields: `containers.web` for plain keys,
 * `files["/etc/app.conf"]` for keys holding dots, slashes or spaces, so a path can always be read back
 * unambiguously. An empty `parent` yields the key alone.
 */
export function childField(parent: string, key: string): string {
  if (!plainKey.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Appends a list index to a field path: `containers.web.files[2]`. */
export function indexField(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
