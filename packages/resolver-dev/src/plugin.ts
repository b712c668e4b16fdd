import type { PluginModule } from '@score-orchestrator/api';
import { AmqpResolver } from './resolvers/amqp.resolver.js';
import { DnsResolver } from './resolvers/dns.resolver.js';
import { ElasticsearchResolver } from './resolvers/elasticsearch.resolver.js';
import { EnvironmentResolver } from './resolvers/environment.resolver.js';
import { KafkaTopicResolver } from './resolvers/kafka-topic.resolver.js';
import { MongodbResolver } from './resolvers/mongodb.resolver.js';
import { MssqlResolver } from './resolvers/mssql.resolver.js';
import { MysqlResolver } from './resolvers/mysql.resolver.js';
import { PostgresInstanceResolver } from './resolvers/postgres-instance.resolver.js';
import { PostgresResolver } from './resolvers/postgres.resolver.js';
import { RedisResolver } from './resolvers/redis.resolver.js';
import { RouteResolver } from './resolvers/route.resolver.js';
import { S3Resolver } from './resolvers/s3.resolver.js';
import { ServicePortResolver } from './resolvers/service-port.resolver.js';
import { VolumeResolver } from './resolvers/volume.resolver.js';

/**
 * The plugin the orchestrator discovers: every dev resolver, one per Score resource type (score-k8s's and
 * score-compose's default types), in the order docs/platform/resource-types.md lists them.
 */
export const plugin: PluginModule = {
  name: 'resolver-dev',
  resolvers: [
    PostgresResolver,
    PostgresInstanceResolver,
    MysqlResolver,
    MssqlResolver,
    RedisResolver,
    MongodbResolver,
    AmqpResolver,
    S3Resolver,
    KafkaTopicResolver,
    ElasticsearchResolver,
    VolumeResolver,
    DnsResolver,
    RouteResolver,
    ServicePortResolver,
    EnvironmentResolver,
  ],
};
