// The Bookmark custom resource, version v1: a link a user saves, with a title and tags. Version v2 (the hub,
// and the version stored) is in bookmark-v2.resource.ts; the API server converts between them through
// bookmark.converter.ts.
// #region resource
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { KubernetesResource } from '@score-orchestrator/operator-sdk';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class BookmarkSpec {
  /** The link; the validating webhook requires https://. */
  @IsString()
  @MinLength(1)
  url!: string;

  /** Shown in lists; the mutating webhook defaults it to the link's host. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;

  /** Free-form tags; the mutating webhook lower-cases and sorts them, the validating one refuses duplicates. */
  @IsOptional()
  @IsString({ each: true })
  tags?: string[];

  /** A protected bookmark cannot be deleted (the validating webhook refuses the DELETE). */
  @IsOptional()
  @IsBoolean()
  protected?: boolean;
}

/**
 * A saved link, checked and completed by admission webhooks before the API server stores it. Version v1:
 * still served, converted to and from v2, which is stored.
 */
@KubernetesResource({
  group: 'webhooks.example.dev',
  version: 'v1',
  kind: 'Bookmark',
  storageVersion: false,
  deprecated: 'webhooks.example.dev/v1 Bookmark is deprecated; use webhooks.example.dev/v2',
  printerColumns: [
    { name: 'Title', type: 'string', jsonPath: '.spec.title' },
    { name: 'URL', type: 'string', jsonPath: '.spec.url' },
  ],
})
export class Bookmark {
  apiVersion = 'webhooks.example.dev/v1';
  kind = 'Bookmark';
  metadata!: V1ObjectMeta;

  @ValidateNested()
  @Type(() => BookmarkSpec)
  spec!: BookmarkSpec;
}
// #endregion resource
