// A controller that decides itself when its finalizer goes on and comes off (finalizerMode: 'manual'):
// only Widgets entered in an outside registry hold it, so the others are deleted without waiting for it.
import { Controller, type ReconcileContext, type Reconciler } from '@score-orchestrator/operator-sdk';
import { inject } from 'inversify';
import { Widget } from './widget.resource.js';

/** Something outside the cluster that Widgets are entered in (a DNS zone, a billing system...). */
export interface WidgetRegistry {
  register(key: string): Promise<void>;
  unregister(key: string): Promise<void>;
}
export const WidgetRegistryToken = Symbol.for('snippets.example.dev/WidgetRegistry');

// #region manual-finalizer
@Controller({
  for: Widget,
  name: 'widget-registration',
  finalizer: 'snippets.example.dev/registration',
  finalizerMode: 'manual', // the SDK adds nothing: reconcile decides
})
export class WidgetRegistrationController implements Reconciler<Widget> {
  constructor(@inject(WidgetRegistryToken) private readonly registry: WidgetRegistry) {}

  async reconcile(widget: Widget, ctx: ReconcileContext): Promise<void> {
    const key = `${ctx.key.namespace}/${ctx.key.name}`;
    if (widget.spec.mode === 'Active') {
      // The finalizer before the entry: a deletion must never leave an entry behind.
      await ctx.finalizer.add(widget);
      await this.registry.register(key);
    } else if (ctx.finalizer.isSet(widget)) {
      // Nothing outside to clean up any more: a deletion need not wait for this controller.
      await this.registry.unregister(key);
      await ctx.finalizer.remove(widget);
    }
  }

  // Called only for deleting Widgets that carry the finalizer; the SDK removes it once this returns.
  async finalize(_widget: Widget, ctx: ReconcileContext): Promise<void> {
    await this.registry.unregister(`${ctx.key.namespace}/${ctx.key.name}`);
  }
}
// #endregion manual-finalizer
