// The example of packages/operator-sdk/README.md: a whole operator in fifteen lines.
import {
  BuiltinKinds,
  Controller,
  Manager,
  Predicates,
  Result,
  Tokens,
  setControllerReference,
  type ReconcileContext,
  type Reconciler,
} from '@score-orchestrator/operator-sdk';
import { Container } from 'inversify';
import type { KubeConfig } from '@kubernetes/client-node';
import { Widget } from './widget.resource.js';

// #region readme
@Controller({ for: Widget, owns: [BuiltinKinds.ConfigMap], predicates: [Predicates.generationChanged()] })
export class WidgetRenderer implements Reconciler<Widget> {
  async reconcile(widget: Widget, ctx: ReconcileContext) {
    const metadata = { name: `widget-${widget.metadata.name}`, namespace: widget.metadata.namespace };
    const images = widget.spec.containers.map((c) => c.image).join('\n');
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { images } };
    await ctx.client.apply(setControllerReference(widget, configMap)); // server-side apply: idempotent
    return Result.done();
  }
}

export function createRenderer(kubeConfig?: KubeConfig): Manager {
  const container = new Container();
  container.bind(Tokens.Controller).to(WidgetRenderer).inSingletonScope();
  return Manager.create({ container, kubeConfig, name: 'widget-renderer' }); // then: runUntilSignal()
}
// #endregion readme
