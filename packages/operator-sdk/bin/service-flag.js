// The --service style flags of the generate-* commands: <namespace>/<name>[:<port>] as a Service reference.

/** `{ namespace, name, port? }` of `value`, or `undefined` when it is not `<namespace>/<name>[:<port>]`. */
export function parseServiceFlag(value) {
  const match = /^([^/]+)\/([^:]+)(?::(\d+))?$/.exec(value ?? '');
  if (!match) return undefined;
  return { namespace: match[1], name: match[2], ...(match[3] && { port: Number(match[3]) }) };
}
