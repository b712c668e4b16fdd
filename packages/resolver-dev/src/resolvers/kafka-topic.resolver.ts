import { inject, optional } from 'inversify';
import { Resolver, type ResourceRequest } from '@score-orchestrator/api';
import { backingName } from '../naming/backing-names.js';
import { integerParam } from '../params/resource-params.js';
import type { BackingServiceRecipe } from '../provisioning/backing-service.provisioner.js';
import type { DevResolverSettingsInput } from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';
import { backingServiceKinds } from './backing-service-kinds.js';
import { BackingServiceResolver } from './backing-service.resolver.js';

const port = 9092;
const defaultPartitions = 3;

/**
 * A dedicated single-node Kafka broker (KRaft) per claim, with one topic named after the claim. A sidecar
 * creates the topic and only then reports ready. Param `num_partitions` (default 3) sets its partitions.
 */
export const kafkaTopicRecipe: BackingServiceRecipe = {
  component: 'kafka',
  prefix: 'kafka',
  credentials: [],
  spec: ({ request, name, settings }) => ({
    component: 'kafka',
    name,
    image: settings.images.kafka,
    ports: [{ name: 'kafka', port }],
    dataPath: '/var/lib/kafka/data',
    secretData: {},
    env: [
      { name: 'KAFKA_NODE_ID', value: '1' },
      { name: 'KAFKA_PROCESS_ROLES', value: 'broker,controller' },
      { name: 'KAFKA_LISTENERS', value: `PLAINTEXT://:${port},CONTROLLER://:9093` },
      { name: 'KAFKA_ADVERTISED_LISTENERS', value: `PLAINTEXT://${name}:${port}` },
      { name: 'KAFKA_CONTROLLER_LISTENER_NAMES', value: 'CONTROLLER' },
      { name: 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', value: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT' },
      { name: 'KAFKA_CONTROLLER_QUORUM_VOTERS', value: '1@localhost:9093' },
      { name: 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', value: '1' },
      { name: 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR', value: '1' },
      { name: 'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR', value: '1' },
      { name: 'KAFKA_LOG_DIRS', value: '/var/lib/kafka/data' },
    ],
    readinessProbe: { tcpSocket: { port: 'kafka' }, periodSeconds: 3 },
    sidecars: [
      {
        name: 'create-topic',
        image: settings.images.kafka,
        env: [
          { name: 'TOPIC', value: topicName(request.claimName) },
          { name: 'PARTITIONS', value: String(partitions(request)) },
        ],
        command: [
          '/bin/sh',
          '-c',
          `until /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:${port} --create --if-not-exists --topic "$TOPIC" --partitions "$PARTITIONS"; do sleep 3; done; touch /tmp/ready; while true; do sleep 3600; done`,
        ],
        readinessProbe: { exec: { command: ['/bin/sh', '-c', 'test -f /tmp/ready'] }, periodSeconds: 3 },
      },
    ],
  }),
  outputs: ({ request, name }) => ({
    outputs: { host: name, port, name: topicName(request.claimName), num_partitions: partitions(request) },
    secretOutputs: {},
  }),
};

function topicName(claimName: string): string {
  return backingName('topic', claimName, 249);
}

function partitions(request: ResourceRequest): number {
  return integerParam(request, 'num_partitions', { min: 1, max: 1000, fallback: defaultPartitions });
}

/** `kafka-topic`: outputs host, port, name and num_partitions, as score-k8s and score-compose. */
@Resolver({
  name: 'dev-kafka-topic',
  type: 'kafka-topic',
  owns: backingServiceKinds,
  description: 'a single-broker Kafka (KRaft) per claim, with one topic named after the claim',
  params: [{ name: 'num_partitions', description: 'partitions of the topic, 1 to 1000 (default 3)' }],
  outputs: [
    { name: 'host', description: 'the Service name' },
    { name: 'port', description: '9092' },
    { name: 'name', description: 'the topic' },
    { name: 'num_partitions' },
  ],
})
export class KafkaTopicResolver extends BackingServiceResolver {
  protected readonly recipe = kafkaTopicRecipe;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    super(settings);
  }
}
