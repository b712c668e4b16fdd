import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsArray, IsDate, IsEnum, IsInt, IsOptional, IsString, IsUrl, ValidateNested } from 'class-validator';
import { Cel, readCelRules } from './cel.decorator.js';
import { schemaForClass } from './class-schema.js';
import { MapOf, readMapOf } from './map-of.decorator.js';
import { SchemaProperty, readSchemaProperty } from './schema-property.decorator.js';

enum Tier {
  Gold = 1,
  Silver = 2,
}

class Limits {
  @IsInt()
  cpu!: number;
}

describe('@Cel', () => {
  it('records class and property rules in source order', () => {
    @Cel('self.a == 1', 'first')
    @Cel('self.a != 2', undefined, { reason: 'FieldValueForbidden', fieldPath: '.a' })
    class Target {
      @Cel('self > 0')
      @Cel('self < 9', 'small', { messageExpression: '"x"' })
      a!: number;
    }
    expect(readCelRules(Target)).toEqual([
      { rule: 'self.a == 1', message: 'first' },
      { rule: 'self.a != 2', reason: 'FieldValueForbidden', fieldPath: '.a' },
    ]);
    expect(readCelRules(Target, 'a')).toEqual([
      { rule: 'self > 0' },
      { rule: 'self < 9', message: 'small', messageExpression: '"x"' },
    ]);
  });
});

describe('@SchemaProperty and @MapOf', () => {
  it('record fragments and map value types', () => {
    class Target {
      @SchemaProperty({ description: 'd' })
      @SchemaProperty({ maxLength: 3 })
      @MapOf(() => Limits)
      a!: Record<string, Limits>;
    }
    expect(readSchemaProperty(Target, 'a')).toEqual({ maxLength: 3, description: 'd' });
    expect(readMapOf(Target, 'a')?.()).toBe(Limits);
  });
});

describe('schemaForClass', () => {
  it('builds a structural schema from class-validator, @MapOf and @SchemaProperty', () => {
    class Sample {
      @IsString()
      @SchemaProperty({ description: 'The name.' })
      name!: string;

      @IsOptional()
      @IsEnum(Tier)
      tier?: Tier;

      @IsOptional()
      @IsDate()
      since?: Date;

      @IsOptional()
      @IsUrl()
      homepage?: string;

      @MapOf(() => Limits)
      limits!: Record<string, Limits>;

      @IsOptional()
      @MapOf(() => Number)
      weights?: Record<string, number>;

      @IsOptional()
      @ValidateNested({ each: true })
      @Type(() => Limits)
      history?: Limits[];

      @IsOptional()
      @SchemaProperty({ 'x-kubernetes-int-or-string': true })
      port?: number | string;
    }
    expect(schemaForClass(Sample)).toEqual({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', description: 'The name.' },
        tier: { type: 'integer', enum: [1, 2] },
        since: { type: 'string', format: 'date-time' },
        homepage: { type: 'string' },
        limits: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { cpu: { type: 'integer' } },
            required: ['cpu'],
          },
        },
        weights: { type: 'object', additionalProperties: { type: 'number' } },
        history: {
          type: 'array',
          items: { type: 'object', properties: { cpu: { type: 'integer' } }, required: ['cpu'] },
        },
        port: { 'x-kubernetes-int-or-string': true },
      },
    });
  });

  it('explains a property whose type it cannot tell', () => {
    class Untyped {
      @IsOptional()
      @IsArray()
      tags?: unknown[];
    }
    expect(() => schemaForClass(Untyped)).toThrow(/Untyped.tags: the type of its items is unknown/);
  });

  it('refuses recursive classes', () => {
    class Node {
      @ValidateNested()
      @Type(() => Node)
      next!: Node;
    }
    expect(() => schemaForClass(Node)).toThrow(
      /recursive classes cannot be described by a CRD \(Node -> Node\)/,
    );
  });
});
