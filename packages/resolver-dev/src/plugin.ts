import type { PluginModule } from '@score-orchestrator/api';
import { AmqpResolver } from './resolvers/amqp.resolver.js';
import { DnsResolver } from './resolvers/dns.resolver.js';
import { KafkaTopicResolver } from './resolvers/kafka-topic.resolver.js';
import { MongodbResolver } from './resolvers/mongodb.resolver.js';
import { MysqlResolver } from './resolvers/mysql.resolver.js';
import { PostgresResolver } from './resolvers/postgres.resolver.js';
import { RedisResolver } from './resolvers/redis.resolver.js';
import { RouteResolver } from './resolvers/route.resolver.js';
import { S3Resolver } from './resolvers/s3.resolver.js';
import { ServicePortResolver } from './resolvers/service-port.resolver.js';
import { VolumeResolver } from './resolvers/volume.resolver.js';

/** The plugin the orchestrator discovers: every dev resolver, one per Score resource type. */
export const plugin: PluginModule = {
  name: 'resolver-dev',
  resolvers: [
    PostgresResolver,
    MysqlResolver,
    RedisResolver,
    MongodbResolver,
    AmqpResolver,
    S3Resolver,
    KafkaTopicResolver,
    VolumeResolver,
    DnsResolver,
    RouteResolver,
    ServicePortResolver,
  ],
};
