// The Widget controller of docs/sdk/controllers.md: every @Controller option, reads from the cache, a
// terminal error, status, events, a finalizer and a dependency injected from the container.
import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import {
  BuiltinKinds,
  Controller,
  OWNER_UID_INDEX,
  Predicates,
  Result,
  TerminalError,
  resourceKindOf,
  setControllerReference,
  type MapFunction,
  type ReconcileContext,
  type ReconcileResult,
  type Reconciler,
} from '@score-orchestrator/operator-sdk';
import { inject } from 'inversify';
import { Widget } from './widget.resource.js';

const WidgetKind = resourceKindOf(Widget);
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const CREDENTIALS = '-credentials';

/** Settings the widget controller takes from the container. */
export interface WidgetSettings {
  readonly configMapPrefix: string;
}
/** The token {@link WidgetSettings} are bound to. */
export const WidgetSettingsToken = Symbol.for('snippets.example.dev/WidgetSettings');

// #region map-function
/** A Secret `<widget>-credentials` belongs to the Widget `<widget>` in its namespace. */
export const widgetOfSecret: MapFunction<V1Secret> = (secret) => {
  const name = secret.metadata?.name ?? '';
  if (!name.endsWith(CREDENTIALS)) return []; // not ours: drop the event
  return [{ namespace: secret.metadata?.namespace, name: name.slice(0, -CREDENTIALS.length) }];
};
// #endregion map-function

// #region controller
@Controller({
  for: Widget,
  // Status writes bump resourceVersion but not generation: skip them for the primary kind.
  predicates: [Predicates.generationChanged()],
  // ConfigMaps we create with a controller reference map back to their Widget.
  owns: [
    { kind: BuiltinKinds.ConfigMap, predicates: [Predicates.hasLabels({ [MANAGED_BY]: 'widget-operator' })] },
  ],
  // Secrets are not ours; a map function says which Widget each one concerns.
  watches: [{ kind: BuiltinKinds.Secret, map: widgetOfSecret }],
  concurrency: 4,
  namespaces: ['team-a', 'team-b'],
  name: 'widget',
  finalizer: 'snippets.example.dev/cleanup',
  reconcileTimeoutMs: 60_000,
})
export class WidgetController implements Reconciler<Widget> {
  constructor(@inject(WidgetSettingsToken) private readonly settings: WidgetSettings) {}

  async reconcile(widget: Widget, ctx: ReconcileContext): Promise<ReconcileResult> {
    const { namespace, name } = ctx.key;
    if (widget.spec.replicas > 0 && widget.spec.containers.length === 0) {
      // Retrying cannot fix the spec: record the failure and wait for the next change.
      throw new TerminalError(`widget ${name} has replicas but no containers: add one to spec.containers`);
    }
    // Reads come from the shared cache, which the Secret watch above keeps current.
    const secret = ctx.cache.get<V1Secret>(BuiltinKinds.Secret, { namespace, name: `${name}${CREDENTIALS}` });
    if (!secret) {
      ctx.events.warning('CredentialsMissing', `waiting for Secret ${name}${CREDENTIALS}`);
      return Result.done(); // creating the Secret maps back to this Widget: no need to poll
    }
    ctx.signal.throwIfAborted(); // past reconcileTimeoutMs, or the manager is stopping

    const configMapName = `${this.settings.configMapPrefix}${name}`;
    const rendered: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMapName, namespace, labels: { [MANAGED_BY]: 'widget-operator' } },
      data: {
        mode: widget.spec.mode,
        images: widget.spec.containers.map((container) => container.image).join('\n'),
      },
    };
    await ctx.client.apply(setControllerReference(widget, rendered)); // server-side apply: idempotent

    const { written } = await ctx.client.updateStatus<Widget>(WidgetKind, ctx.key, (current) => {
      current.status = { observedGeneration: current.metadata.generation, ready: true, configMapName };
    });
    if (written) ctx.events.normal('Rendered', `rendered ConfigMap ${configMapName}`);
    return Result.done();
  }

  async finalize(widget: Widget, ctx: ReconcileContext): Promise<void> {
    // The garbage collector would delete owned objects eventually; delete them now. May run twice.
    const owned = ctx.cache.list<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace: ctx.key.namespace,
      index: { name: OWNER_UID_INDEX, value: widget.metadata.uid! },
    });
    for (const configMap of owned) {
      await ctx.client.delete(BuiltinKinds.ConfigMap, {
        namespace: ctx.key.namespace,
        name: configMap.metadata!.name!,
      });
    }
    ctx.logger.info('deleted owned config maps', { count: owned.length });
  }
}
// #endregion controller
