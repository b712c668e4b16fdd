import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { ClaimPhase } from './conditions.js';

/** What `Workload.status.claims[]` says about one resource of the workload. */
export class ClaimSummary {
  /** The resource name in `spec.resources`. */
  @IsString()
  name!: string;

  /** The ResourceClaim's name. */
  @IsString()
  claim!: string;

  @IsString()
  type!: string;

  @IsString()
  class!: string;

  @IsOptional()
  @IsString()
  id?: string;

  @IsOptional()
  @IsIn(Object.values(ClaimPhase))
  phase?: ClaimPhase;

  @IsOptional()
  @IsString()
  reason?: string;

  @IsOptional()
  @IsString()
  message?: string;

  /** Whether the claim's outputs can be used in placeholders. */
  @IsOptional()
  @IsBoolean()
  outputsAvailable?: boolean;
}
