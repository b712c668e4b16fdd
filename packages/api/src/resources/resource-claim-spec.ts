import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SchemaProperty } from '@score-orchestrator/operator-sdk';
import { DEPROVISION_POLICIES, type DeprovisionPolicy } from './deprovision-policy.js';
import { scoreSchemaRules } from '../score-file/score-schema-rules.js';

/**
 * What a claim asks for: one Workload resource with its params resolved. Written by the orchestrator;
 * secret params appear as `{ secretName, key }` references, never as values.
 */
export class ResourceClaimSpec {
  @IsString()
  @Matches(scoreSchemaRules.resourceType.pattern)
  type!: string;

  @IsString()
  @Matches(scoreSchemaRules.resourceClass.pattern)
  @SchemaProperty({ default: 'default' })
  class!: string;

  @IsOptional()
  @IsString()
  @MaxLength(scoreSchemaRules.resourceId.maxLength)
  @Matches(scoreSchemaRules.resourceId.pattern)
  id?: string;

  /** Resolved params; secret values as `{ secretName, key }`. */
  @IsOptional()
  @IsObject()
  @SchemaProperty({ 'x-kubernetes-preserve-unknown-fields': true })
  params?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  @SchemaProperty({ 'x-kubernetes-preserve-unknown-fields': true })
  metadata?: Record<string, unknown>;

  @IsIn([...DEPROVISION_POLICIES])
  @SchemaProperty({ default: 'Delete' })
  deprovisionPolicy!: DeprovisionPolicy;

  /** The resolver chosen by platform configuration; when absent, matched by type, class and id. */
  @IsOptional()
  @IsString()
  resolver?: string;

  /**
   * The platform configuration rule that chose `resolver` and `deprovisionPolicy` now (its name, or
   * `resolvers[<index>]`); absent when no rule matched. Rules may match on the labels of the claim's
   * namespace, so this follows label and config changes; the choice that serves the claim is latched in
   * `status.resolver` and `status.resolverRule`.
   */
  @IsOptional()
  @IsString()
  resolverRule?: string;
}
