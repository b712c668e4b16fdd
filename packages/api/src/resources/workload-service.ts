import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MapOf, SchemaProperty } from '@score-orchestrator/operator-sdk';
import {
  CelRule,
  keyPatternRule,
  NAME_EXPECTED,
  NAME_PATTERN,
  WorkloadBounds,
} from './workload-cel-rules.js';

/** The transport protocol of a service port. */
export type ServicePortProtocol = 'TCP' | 'UDP' | 'SCTP';

/** One named port the workload serves. */
export class ServicePort {
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  /** Defaults to `TCP` (left unset here, so a Workload converts back to the Score file it came from). */
  @IsOptional()
  @IsIn(['TCP', 'UDP', 'SCTP'])
  protocol?: ServicePortProtocol;

  /** Defaults to `port`. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  targetPort?: number;
}

/** The ports a workload serves, keyed by port name. */
export class WorkloadService {
  @IsOptional()
  @MapOf(() => ServicePort)
  @SchemaProperty({ maxProperties: WorkloadBounds.ports })
  @CelRule(keyPatternRule(NAME_PATTERN, `port names must be ${NAME_EXPECTED}`))
  ports?: Record<string, ServicePort>;
}
