import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Cel } from '@score-orchestrator/operator-sdk';
import { scoreSchemaRules } from '../score-file/score-schema-rules.js';
import type { ScoreContainerFile } from '../score-file/score-workload.js';
import { STANDARD_BASE64 } from './binary-content.js';
import { CelRule, placeholderRule, wellFormedPlaceholders, WorkloadBounds } from './workload-cel-rules.js';

/** A file mounted into a container; `Workload` containers key these by target path. */
@Cel(
  '[has(self.source), has(self.content), has(self.binaryContent)].filter(x, x).size() == 1',
  'exactly one of source, content or binaryContent must be set',
)
@CelRule({
  ...placeholderRule,
  // `noExpand` content is kept as is, so it may hold any text.
  rule: `(has(self.noExpand) && self.noExpand) || !has(self.content) || ${wellFormedPlaceholders('self.content')}`,
  fieldPath: '.content',
})
export class ContainerFile implements ScoreContainerFile {
  /** Octal access mode, e.g. `0600`. */
  @IsOptional()
  @IsString()
  @Matches(scoreSchemaRules.fileMode.pattern)
  mode?: string;

  /** Path of a local file; only meaningful before the workload leaves the user's machine. */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  source?: string;

  /** UTF-8 content; placeholders are expanded unless `noExpand`. */
  @IsOptional()
  @IsString()
  @MaxLength(WorkloadBounds.fileContentLength)
  content?: string;

  /** Standard base64 content (`STANDARD_BASE64`: `+` and `/`, `=` padding); never expanded. */
  @IsOptional()
  @IsString()
  @Matches(STANDARD_BASE64)
  binaryContent?: string;

  @IsOptional()
  @IsBoolean()
  noExpand?: boolean;
}
