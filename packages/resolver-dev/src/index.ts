/**
 * Development-grade resolvers for the Score orchestrator: each Score resource type gets a single-replica
 * backing service (or a PVC, an Ingress/HTTPRoute, a hostname) with score-k8s's output names. Register the
 * package in the platform config's plugins; bind `ResolverDevTokens.Settings` to change domain, images or
 * storage. See ../README.md.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

// The plugin
export { plugin } from './plugin.js';

// Resolvers, one per Score resource type
export { PostgresResolver } from './resolvers/postgres.resolver.js';
export { PostgresInstanceResolver } from './resolvers/postgres-instance.resolver.js';
export { MysqlResolver } from './resolvers/mysql.resolver.js';
export { MssqlResolver } from './resolvers/mssql.resolver.js';
export { RedisResolver } from './resolvers/redis.resolver.js';
export { MongodbResolver } from './resolvers/mongodb.resolver.js';
export { AmqpResolver } from './resolvers/amqp.resolver.js';
export { S3Resolver } from './resolvers/s3.resolver.js';
export { KafkaTopicResolver } from './resolvers/kafka-topic.resolver.js';
export { ElasticsearchResolver } from './resolvers/elasticsearch.resolver.js';
export { VolumeResolver } from './resolvers/volume.resolver.js';
export { DnsResolver } from './resolvers/dns.resolver.js';
export { RouteResolver } from './resolvers/route.resolver.js';
export { ServicePortResolver } from './resolvers/service-port.resolver.js';
export { EnvironmentResolver } from './resolvers/environment.resolver.js';

// Settings
export { ResolverDevTokens } from './tokens.js';
export { defaultDevResolverSettings, devResolverSettings } from './settings/dev-resolver-settings.js';
export type {
  DevEnvironment,
  DevGateway,
  DevImages,
  DevResolverSettings,
  DevResolverSettingsInput,
  DevStorage,
} from './settings/dev-resolver-settings.js';

// Building blocks for resolvers of other backing services
export {
  provisionBackingService,
  deprovisionBackingService,
} from './provisioning/backing-service.provisioner.js';
export type {
  BackingServiceRecipe,
  RecipeInput,
  RecipeOutputs,
} from './provisioning/backing-service.provisioner.js';
export type { BackingPort, BackingServiceSpec } from './manifests/backing-service.manifests.js';
export { releaseBackingObjects } from './provisioning/release-backing-objects.js';
export type { BackingObjectRef, ReleaseOptions } from './provisioning/release-backing-objects.js';
export { resolveCredentials } from './credentials/resolve-credentials.js';
export type {
  CredentialKey,
  CredentialSources,
  ResolvedCredentials,
} from './credentials/resolve-credentials.js';
export { generateCredential } from './credentials/generate-credential.js';
export { backingName } from './naming/backing-names.js';
