// The Bookmark custom resource, version v2: the hub every other version converts to and from, and the
// version the API server stores. It groups the link's fields under `target`, names the deletion rule instead
// of a flag, and adds notes, which v1 cannot hold.
// #region resource-v2
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { KubernetesResource } from '@score-orchestrator/operator-sdk';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class BookmarkTarget {
  @IsString()
  @MinLength(1)
  url!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;
}

export class BookmarkV2Spec {
  @ValidateNested()
  @Type(() => BookmarkTarget)
  target!: BookmarkTarget;

  @IsOptional()
  @IsString({ each: true })
  tags?: string[];

  /** `Protect` refuses deletion (v1's `protected: true`). */
  @IsOptional()
  @IsIn(['Allow', 'Protect'])
  deletionPolicy?: 'Allow' | 'Protect';

  /** New in v2: v1 objects carry it in an annotation, so a round trip through v1 keeps it. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;
}

@KubernetesResource({
  group: 'webhooks.example.dev',
  version: 'v2',
  kind: 'Bookmark',
  printerColumns: [
    { name: 'Title', type: 'string', jsonPath: '.spec.target.title' },
    { name: 'URL', type: 'string', jsonPath: '.spec.target.url' },
  ],
})
export class BookmarkV2 {
  apiVersion = 'webhooks.example.dev/v2';
  kind = 'Bookmark';
  metadata!: V1ObjectMeta;

  @ValidateNested()
  @Type(() => BookmarkV2Spec)
  spec!: BookmarkV2Spec;
}
// #endregion resource-v2
