// The decorator-free forms of docs/sdk/controllers.md: a ControllerBuilder, and @Controller applied as a
// function to a class built at run time.
import {
  BuiltinKinds,
  Controller,
  ControllerBuilder,
  Predicates,
  type ControllerDefinition,
  type ReconcileContext,
  type Reconciler,
} from '@score-orchestrator/operator-sdk';
import { widgetOfSecret } from './widget.controller.js';
import { Widget } from './widget.resource.js';

// #region builder
/** The same definition `@Controller` records on WidgetController, call by call. */
export const widgetDefinition: ControllerDefinition = ControllerBuilder.for(Widget, {
  predicates: [Predicates.generationChanged()],
})
  .owns(BuiltinKinds.ConfigMap, {
    predicates: [Predicates.hasLabels({ 'app.kubernetes.io/managed-by': 'widget-operator' })],
  })
  .watches(BuiltinKinds.Secret, widgetOfSecret)
  .withConcurrency(4)
  .inNamespaces('team-a', 'team-b')
  .named('widget')
  .withFinalizer('snippets.example.dev/cleanup')
  .withReconcileTimeout(60_000)
  .build();
// #endregion builder

// #region runtime-options
/** A controller class whose watched namespaces come from configuration read at start-up. */
export function widgetAuditController(namespaces: string[]): new () => Reconciler<Widget> {
  class WidgetAuditController implements Reconciler<Widget> {
    async reconcile(widget: Widget, ctx: ReconcileContext): Promise<void> {
      ctx.logger.info('widget seen', { generation: widget.metadata.generation });
    }
  }
  // A decorator is a function: apply it to the class once the options are known.
  Controller({ for: Widget, namespaces, name: 'widget-audit' })(WidgetAuditController);
  return WidgetAuditController;
}
// #endregion runtime-options
