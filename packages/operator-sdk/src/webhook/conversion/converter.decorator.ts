import 'reflect-metadata';
import { injectable } from 'inversify';
import { CONVERTER_METADATA } from '../../metadata-keys.js';
import { ConversionBuilder, type ConversionDefinition, type ConverterOptions } from './conversion-builder.js';

/**
 * Declares a class as the converter of one spoke version to and from its hub: the class implements
 * `Convertible<Spoke, Hub>`. Records metadata only (and marks the class injectable); bind the class to
 * `Tokens.Webhook` and the `Manager`'s webhook server serves it at `/convert`. A shortcut for
 * `ConversionBuilder.fromOptions(options)`.
 *
 * ```ts
 * @Converter({ spoke: WidgetV1, hub: WidgetV2 })
 * export class WidgetV1Converter implements Convertible<WidgetV1, WidgetV2> { ... }
 * ```
 */
export function Converter(options: ConverterOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(CONVERTER_METADATA, options, target);
    injectable()(target as never);
  };
}

/** The options recorded by `@Converter` on `cls`, or `undefined` when it is not a converter. */
export function readConverterOptions(cls: object): ConverterOptions | undefined {
  return Reflect.getMetadata(CONVERTER_METADATA, cls) as ConverterOptions | undefined;
}

/**
 * The conversion a class declares with `@Converter`, built as `ConversionBuilder.fromOptions` builds it, or
 * `undefined` when it declares none. @throws OperatorSdkError `Configuration` for invalid options.
 */
export function conversionDefinitionOf(cls: object): ConversionDefinition | undefined {
  const options = readConverterOptions(cls);
  return options && ConversionBuilder.fromOptions(options).build();
}
