// Reconciles Greetings: renders each into a ConfigMap it owns, and keeps an entry for it in the
// #region controller
// namespace's shared "guestbook" ConfigMap, which it does not own, so a finalizer removes that entry.
import type { V1ConfigMap } from '@kubernetes/client-node';
import {
  BuiltinKinds,
  Controller,
  Predicates,
  Result,
  resourceKindOf,
  setControllerReference,
  type ReconcileContext,
  type ReconcileResult,
  type Reconciler,
} from '@score-orchestrator/operator-sdk';
import { Greeting } from './greeting.resource.js';

/** The shared ConfigMap that lists every greeting of a namespace. */
export const GUESTBOOK = 'guestbook';
const GreetingKind = resourceKindOf(Greeting);
const guestbookManager = (greeting: string) => `greeting-operator-guestbook-${greeting}`;

@Controller({
  for: Greeting,
  owns: [BuiltinKinds.ConfigMap],
  // Status writes bump resourceVersion but not generation: skip them for the primary kind.
  predicates: [Predicates.generationChanged()],
  concurrency: 2,
})
export class GreetingController implements Reconciler<Greeting> {
  async reconcile(greeting: Greeting, ctx: ReconcileContext): Promise<ReconcileResult> {
    const name = `greeting-${greeting.metadata.name}`;
    const namespace = greeting.metadata.namespace!;
    const copies = greeting.spec.copies ?? 1;
    const rendered: V1ConfigMap = setControllerReference(greeting, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'greeting-operator' } },
      data: { message: Array.from({ length: copies }, () => greeting.spec.message).join('\n') },
    });
    await ctx.client.apply(rendered);
    await this.sign(ctx, namespace, greeting.metadata.name!, greeting.spec.message);

    const { written } = await ctx.client.updateStatus<Greeting>(GreetingKind, ctx.key, (current) => {
      current.status = { observedGeneration: current.metadata.generation, configMapName: name, ready: true };
    });
    if (written)
      ctx.events.normal('Rendered', `rendered ${copies} cop${copies === 1 ? 'y' : 'ies'} into ${name}`);
    return Result.done();
  }

  async finalize(greeting: Greeting, ctx: ReconcileContext): Promise<void> {
    const namespace = greeting.metadata.namespace!;
    const name = greeting.metadata.name!;
    const guestbook = await ctx.client.get<V1ConfigMap>(BuiltinKinds.ConfigMap, {
      namespace,
      name: GUESTBOOK,
    });
    if (!guestbook?.data || !(name in guestbook.data)) return;
    // Applying an empty intent with this greeting's field manager drops the one key it owned.
    await ctx.client.apply<V1ConfigMap>(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: GUESTBOOK, namespace } },
      { fieldManager: guestbookManager(name) },
    );
    ctx.logger.info('removed greeting from the guestbook');
  }

  /** Writes this greeting's line into the guestbook (server-side apply owns just that one key). */
  private async sign(ctx: ReconcileContext, namespace: string, name: string, message: string): Promise<void> {
    await ctx.client.apply<V1ConfigMap>(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: GUESTBOOK, namespace },
        data: { [name]: message },
      },
      { fieldManager: guestbookManager(name) },
    );
  }
}
// #endregion controller
