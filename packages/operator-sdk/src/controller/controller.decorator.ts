import 'reflect-metadata';
import { injectable } from 'inversify';
import { CONTROLLER_METADATA } from '../metadata-keys.js';
import type { ControllerOptions } from './controller-options.js';

/**
 * Declares a class as a controller: the class implements `Reconciler`, the options say what it
 * reconciles and watches. Records metadata only (and marks the class injectable, so its constructor
 * dependencies come from the container); the `Manager` reads it when it starts. A shortcut for
 * `ControllerBuilder.fromOptions(options)`.
 *
 * ```ts
 * @Controller({ for: Widget, owns: [BuiltinKinds.ConfigMap], concurrency: 4 })
 * export class WidgetController implements Reconciler<Widget> { ... }
 * ```
 */
export function Controller(options: ControllerOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(CONTROLLER_METADATA, options, target);
    injectable()(target as never);
  };
}

/** The options recorded by `@Controller` on `cls`, or `undefined` when it is not a controller. */
export function readControllerOptions(cls: object): ControllerOptions | undefined {
  return Reflect.getMetadata(CONTROLLER_METADATA, cls) as ControllerOptions | undefined;
}
