// The bundled entry's module resolve hook (ADR 0014). A plugin that imports a package the bundle holds
// (`@score-orchestrator/api`, `inversify`, `class-validator`, ...) must get the bundle's instance of it, not
// the unbundled copy beside it in /app: DI tokens, decorator metadata stores and `instanceof` only work within
// one instance. Node resolves the specifier as usual (so a plugin with its own, nested version of a package
// keeps it); only when that lands on the file a bundled package's entry was built from does the hook send the
// import to the bundle's file for it. Used in-thread through `module.registerHooks` (Node >= 22.15), or
// through `module.register` in the loader thread (Node 20), where `nextResolve` returns a promise.

/**
 * A resolve hook that redirects the resolved URLs in `targets` (resolved file URL -> bundle file URL) and
 * passes everything else through unchanged. Works as a synchronous and as an asynchronous hook.
 *
 * @param {ReadonlyMap<string, string>} targets
 */
export function sharedPackagesHook(targets) {
  const redirect = (resolved) => {
    const target = resolved?.url === undefined ? undefined : targets.get(resolved.url);
    // The bundle's files are ES modules, whatever format the original file had.
    return target === undefined ? resolved : { url: target, format: 'module', shortCircuit: true };
  };
  return (specifier, context, nextResolve) => {
    const resolved = nextResolve(specifier, context);
    return typeof resolved?.then === 'function' ? resolved.then(redirect) : redirect(resolved);
  };
}

let hook;

/** `module.register`'s hook initialisation: `data.targets` as an object (URL -> URL). */
export function initialize(data) {
  hook = sharedPackagesHook(new Map(Object.entries(data.targets)));
}

/** `module.register`'s resolve hook. */
export function resolve(specifier, context, nextResolve) {
  return hook(specifier, context, nextResolve);
}
