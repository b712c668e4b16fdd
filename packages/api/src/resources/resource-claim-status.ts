import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { SchemaProperty } from '@score-orchestrator/operator-sdk';
import { CONDITION_LIST_SCHEMA, StatusCondition } from './condition.js';
import { DEPROVISION_POLICIES, type DeprovisionPolicy } from './deprovision-policy.js';
import { ClaimPhase, type Condition } from './conditions.js';

/** The status of a `ResourceClaim`, written only by the resolver host. */
export class ResourceClaimStatus {
  @IsOptional()
  @IsInt()
  @Min(0)
  observedGeneration?: number;

  @IsOptional()
  @IsIn(Object.values(ClaimPhase))
  phase?: ClaimPhase;

  @IsOptional()
  @IsString()
  reason?: string;

  @IsOptional()
  @IsString()
  message?: string;

  /**
   * The deprovision policy latched when the resolver host first provisioned the claim: what deprovisioning
   * uses, whatever `spec.deprovisionPolicy` (the platform config's current choice) says later. A platform
   * config edit therefore applies to new claims only. To apply a new policy to this claim, remove this field
   * (a `status` patch by the platform team); the next provision latches `spec.deprovisionPolicy` again.
   */
  @IsOptional()
  @IsIn([...DEPROVISION_POLICIES])
  deprovisionPolicy?: DeprovisionPolicy;

  /**
   * The resolver that serves the claim, latched when the resolver host first provisioned it: a later
   * change of `spec.resolver` (a platform config edit, or new labels on the namespace matching another
   * rule) does not move the claim to another resolver; the host keeps this one and records a Warning Event
   * `ResolverKept`. To move the claim on purpose, delete it (its resolver deprovisions it by its latched
   * policy and the Workload's next claim is provisioned by the new choice), or remove this field (a
   * `status` patch by the platform team) to hand the claim as it is to the new choice.
   */
  @IsOptional()
  @IsString()
  resolver?: string;

  /**
   * The platform configuration rule behind `resolver` (see `spec.resolverRule`): copied from the spec
   * whenever the spec's choice is the resolver serving the claim, kept while the host keeps a latched
   * resolver the spec no longer chooses.
   */
  @IsOptional()
  @IsString()
  resolverRule?: string;

  /** Non-secret outputs, usable as `${resources.NAME.KEY}`. */
  @IsOptional()
  @IsObject()
  @SchemaProperty({ 'x-kubernetes-preserve-unknown-fields': true })
  outputs?: Record<string, unknown>;

  /** The Secret (owned by the claim) that holds the secret outputs. */
  @IsOptional()
  @IsString()
  secretName?: string;

  @IsOptional()
  @IsString({ each: true })
  @SchemaProperty({ 'x-kubernetes-list-type': 'set' })
  secretOutputKeys?: string[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => StatusCondition)
  @SchemaProperty(CONDITION_LIST_SCHEMA)
  conditions?: Condition[];
}
