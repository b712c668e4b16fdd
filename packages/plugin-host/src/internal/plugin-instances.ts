// Turns the host factories' input (plugin classes, or a container they are bound in) into instances.
import { Container, type Newable, type ServiceIdentifier } from 'inversify';
import { describeError } from '@score-orchestrator/operator-sdk';
import { PluginHostError } from '../errors/plugin-host.error.js';

/** One plugin instance with the options its decorator recorded. */
export interface PluginInstance<TPlugin, TOptions> {
  readonly instance: TPlugin;
  readonly options: TOptions;
  readonly className: string;
}

/** How to recognise one sort of plugin. */
export interface PluginSort<TOptions> {
  /** `resolver` or `runtime`, for messages. */
  readonly noun: string;
  readonly decorator: string;
  readonly token: ServiceIdentifier;
  /** The method every plugin of this sort implements. */
  readonly method: string;
  readonly readOptions: (cls: object) => TOptions | undefined;
}

/**
 * Instances of the plugins in `source`: classes are created in a private container (so they may not
 * have constructor dependencies), a container yields what is bound to the sort's token (singletons, with
 * their dependencies).
 *
 * @throws PluginHostError `Configuration` naming the class when it lacks the decorator or the method;
 *   `Instantiation` when the classes cannot be created.
 */
export function pluginInstances<TPlugin, TOptions>(
  source: Container | readonly Newable[],
  sort: PluginSort<TOptions>,
): PluginInstance<TPlugin, TOptions>[] {
  return instancesOf(source, sort).map((instance) => {
    const cls = (instance as object).constructor;
    const options = sort.readOptions(cls);
    if (!options) {
      throw new PluginHostError(
        'Configuration',
        `failed to host ${sort.noun} ${cls.name}: the class has no @${sort.decorator} decorator; add @${sort.decorator}({ ... })`,
      );
    }
    if (typeof (instance as Record<string, unknown>)[sort.method] !== 'function') {
      throw new PluginHostError(
        'Configuration',
        `failed to host ${sort.noun} ${cls.name}: it has no ${sort.method}() method; implement ${sort.decorator}`,
      );
    }
    return { instance: instance as TPlugin, options, className: cls.name };
  });
}

function instancesOf(source: Container | readonly Newable[], sort: PluginSort<unknown>): unknown[] {
  if (!Array.isArray(source)) {
    const container = source as Container;
    return container.isBound(sort.token) ? create(sort, () => container.getAll(sort.token)) : [];
  }
  const container = new Container();
  for (const cls of new Set(source as readonly Newable[])) container.bind(cls).toSelf().inSingletonScope();
  return (source as readonly Newable[]).map((cls) => create(sort, () => container.get(cls)));
}

function create<T>(sort: PluginSort<unknown>, make: () => T): T {
  try {
    return make();
  } catch (err) {
    throw new PluginHostError(
      'Instantiation',
      `failed to create the ${sort.noun}s: ${describeError(err)}; bind their constructor dependencies in a container and pass the container`,
      { cause: err },
    );
  }
}
