// End-to-end on real nodes (LocalCluster's nodeKind: 'kubelet'): containers actually run from locally
// built images, probes execute, volumes mount. What kwok's fake nodes cannot show: the start order that
// `before` promises, measured from the containers' real start times; and that the machine is left as it
// was, by stop() and by the reaper when the owner is killed. One real-node cluster runs per machine, so
// everything on real nodes lives in this one file and runs in order.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CoreV1Api, type V1ContainerStatus, type V1Pod } from '@kubernetes/client-node';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import { realNodesUnavailable } from '@score-orchestrator/testing';
import {
  claimSecretValues,
  claimsIn,
  conditionOf,
  eventually,
  readExample,
  secretLeaks,
  startGoldenCluster,
  startOrchestrator,
  waitForReady,
  workloadEvents,
  workloadFromScore,
  type GoldenCluster,
  type RunningOrchestrator,
} from '../golden-path/golden-path-cluster.js';
import { WorkloadKind, WorkloadPlanKind, type Workload } from '@score-orchestrator/api';
import { parse, stringify } from 'yaml';
import { runBinary } from '../cli/run-cli.js';
import { machineState } from './machine-state.js';

const unavailable = realNodesUnavailable();
if (unavailable !== undefined && process.env.CI === 'true') {
  throw new Error(`the real-node end-to-end tests cannot run in CI: ${unavailable}`);
}
const describeOnRealNodes = unavailable === undefined ? describe : describe.skip;
if (unavailable !== undefined)
  process.stderr.write(`skipping the real-node end-to-end tests: ${unavailable}\n`);

const binaryFilesExample = join(process.cwd(), 'examples', 'score-features', 'binary-files.score.yaml');
const jobExample = join(process.cwd(), 'examples', 'score-features', 'job.score.yaml');
const ownerScript = fileURLToPath(new URL('./fixtures/real-node-owner.mjs', import.meta.url));

// examples/score-features/before.score.yaml with the images real nodes have: proxy (a native sidecar,
// healthy once its readiness probe passes) before migrate and web; migrate (run to completion) before web.
const beforeScore = `
apiVersion: score.dev/v1b1
metadata:
  name: ordered
containers:
  web:
    image: busybox:1.36
    command: ['sh', '-c']
    args: ['mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www']
    readinessProbe:
      httpGet:
        port: 8080
        path: /
  migrate:
    image: busybox:1.36
    command: ['sh', '-c']
    args: ['sleep 2']
    before:
      web:
        ready: complete
  proxy:
    image: busybox:1.36
    command: ['sh', '-c']
    args: ['sleep 1 && touch /tmp/ready && exec sleep 3600']
    readinessProbe:
      exec:
        command: ['cat', '/tmp/ready']
    before:
      migrate:
        ready: healthy
      web:
        ready: healthy
`;

// A dev postgres on a real volume (the default StorageClass's host-path provisioner makes root-owned 0750
// folders), used with the password the resolver generated: check (an init container) waits until the
// server answers on its Service, then one psql run must succeed (exit 0, no restart); app connects the
// same way and only then turns ready. Names resolve through the cluster DNS; the password reaches the
// containers only as a secret reference the kubelet expands.
const postgresScore = `
apiVersion: score.dev/v1b1
metadata:
  name: pgapp
containers:
  check:
    image: mirror.gcr.io/postgres:17-alpine
    command: ['sh', '-c']
    args:
      - until pg_isready -h "$PGHOST" -p "$PGPORT" -t 2; do sleep 1; done;
        exec psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -c 'create table greeting (text varchar)'
    variables: &db
      PGHOST: \${resources.db.host}
      PGPORT: \${resources.db.port}
      DATABASE_URL: postgresql://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.database}
    before:
      app:
        ready: complete
  app:
    image: mirror.gcr.io/postgres:17-alpine
    command: ['sh', '-c']
    args:
      - psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -c "insert into greeting values ('hello')" && touch /tmp/ok;
        exec sleep 3600
    variables: *db
    readinessProbe:
      exec:
        command: ['cat', '/tmp/ok']
resources:
  db:
    type: postgres
`;

const persistentVolumes = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  namespaced: false,
} as const;

// A dev redis (its password in a config file from the resolver's Secret), used with the generated
// password: check sets a key once the server answers (exit 0, no restart), app reads it back.
const redisScore = `
apiVersion: score.dev/v1b1
metadata:
  name: cacheapp
containers:
  check:
    image: mirror.gcr.io/redis:7-alpine
    command: ['sh', '-c']
    args:
      - until redis-cli -h "$RHOST" -p "$RPORT" --no-auth-warning ping 2>&1 | grep -qE 'PONG|NOAUTH|WRONGPASS'; do sleep 1; done;
        test "$(redis-cli -h "$RHOST" -p "$RPORT" --no-auth-warning set greeting hello)" = OK
    variables: &cache
      RHOST: \${resources.cache.host}
      RPORT: \${resources.cache.port}
      REDISCLI_AUTH: \${resources.cache.password}
    before:
      app:
        ready: complete
  app:
    image: mirror.gcr.io/redis:7-alpine
    command: ['sh', '-c']
    args:
      - test "$(redis-cli -h "$RHOST" -p "$RPORT" --no-auth-warning get greeting)" = hello && touch /tmp/ok;
        exec sleep 3600
    variables: *cache
    readinessProbe:
      exec:
        command: ['cat', '/tmp/ok']
resources:
  cache:
    type: redis
`;

// Two Workloads in one namespace: web is the local nginx image as upstream's nginx:1.27 (the default page
// on port 80) behind its Service; client fetches the page by the Service's name (the cluster DNS answers
// with the ClusterIP, kube-proxy forwards to web's pod) and turns ready only with it. (Debian's busybox
// 1.35 wget crashes with -T; without it a refused connection still fails at once.)
const webScore = `
apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: nginx:1.27
    readinessProbe:
      httpGet:
        port: 80
        path: /
service:
  ports:
    http:
      port: 80
      targetPort: 80
`;
const clientScore = `
apiVersion: score.dev/v1b1
metadata:
  name: client
containers:
  main:
    image: busybox:1.36
    command: ['sh', '-c']
    args:
      - until wget -q -O /tmp/page http://web/; do sleep 1; done;
        grep -q 'Welcome to nginx!' /tmp/page && touch /tmp/ok; exec sleep 3600
    readinessProbe:
      exec:
        command: ['cat', '/tmp/ok']
`;

// nginx-unprivileged (the image examples/hello uses) serves on 8080, but this page does not exist: the
// readiness probe gets 404 on every try and the Workload never turns Ready.
const unreadyScore = `
apiVersion: score.dev/v1b1
metadata:
  name: unready
containers:
  main:
    image: nginxinc/nginx-unprivileged:1.27-alpine
    readinessProbe:
      httpGet:
        port: 8080
        path: /missing
`;

// steady serves a page its liveness and readiness probes find; flaky is nginx, whose liveness probe asks for
// a page it does not have. Score sets no probe timing: the platform's patch (quickProbesPatch) makes both
// probe every second and act on the first failure, so the restarts come within seconds.
const livenessScore = `
apiVersion: score.dev/v1b1
metadata:
  name: liveness
containers:
  steady:
    image: busybox:1.36
    command: ['sh', '-c']
    args: ['mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8081 -h /www']
    livenessProbe:
      httpGet:
        port: 8081
        path: /
    readinessProbe:
      httpGet:
        port: 8081
        path: /
  flaky:
    image: nginx:1.27
    livenessProbe:
      httpGet:
        port: 80
        path: /healthz
`;
const quickProbesPatch = {
  name: 'quick-probes',
  description: 'The liveness Workload probes every second and acts on the first failure',
  template: `
{{ range $i, $m := .Manifests }}
{{ if and (eq $m.kind "Deployment") (eq (dig "metadata" "annotations" "k8s.score.dev/workload-name" "" $m) "liveness") }}
{{ range $j, $c := $m.spec.template.spec.containers }}
{{ range $probe := list "livenessProbe" "readinessProbe" }}
{{ if hasKey $c $probe }}
- op: set
  path: {{ $i }}.spec.template.spec.containers.{{ $j }}.{{ $probe }}.periodSeconds
  value: 1
- op: set
  path: {{ $i }}.spec.template.spec.containers.{{ $j }}.{{ $probe }}.failureThreshold
  value: 1
{{ end }}
{{ end }}
{{ end }}
{{ end }}
{{ end }}
`,
};

// API_TOKEN from the namespace's environment (the platform's Secret score-environment): the container
// turns ready only with a value. It stops at once when asked (sh as pid 1 would ignore SIGTERM).
const keyedScore = `
apiVersion: score.dev/v1b1
metadata:
  name: keyed
containers:
  main:
    image: busybox:1.36
    command: ['sh', '-c']
    args: ['test -n "$API_TOKEN" && touch /tmp/ok; trap "exit 0" TERM; sleep 3600 & wait']
    variables:
      API_TOKEN: \${resources.env.API_TOKEN}
    readinessProbe:
      exec:
        command: ['cat', '/tmp/ok']
resources:
  env:
    type: environment
`;

/** The pods of a Workload (the runtime labels them with its name). */
async function workloadPods(golden: GoldenCluster, namespace: string): Promise<V1Pod[]> {
  return (await golden.client.list<V1Pod>(BuiltinKinds.Pod, { namespace })).items;
}

function statusOf(pod: V1Pod, name: string): V1ContainerStatus {
  const status = [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ].find((s) => s.name === name);
  if (status === undefined) throw new Error(`pod ${pod.metadata?.name} has no status for container ${name}`);
  return status;
}

/** The Workload's RuntimeReady condition, once its message contains `text`. */
async function runtimeReadySaying(golden: GoldenCluster, namespace: string, name: string, text: string) {
  return eventually(async () => {
    const workload = await golden.client.get<Workload>(WorkloadKind, { namespace, name });
    const condition = conditionOf(workload, 'RuntimeReady');
    return condition?.message?.includes(text) === true && condition;
  }, `RuntimeReady of ${namespace}/${name} to say "${text}"`);
}

const seconds = (time: Date | string | undefined): number => {
  if (time === undefined) throw new Error('no time');
  return new Date(time).getTime() / 1000;
};

describeOnRealNodes('real nodes', () => {
  let before: string[];
  let golden: GoldenCluster;
  let orchestrator: RunningOrchestrator;

  beforeAll(async () => {
    before = machineState();
    golden = await startGoldenCluster({ nodeKind: 'kubelet' });
    const platform = parse(readExample('platform.yaml')) as { patchTemplates?: unknown[] };
    platform.patchTemplates = [...(platform.patchTemplates ?? []), quickProbesPatch];
    orchestrator = await startOrchestrator(golden.cluster.kubeConfig, stringify(platform), {
      // A real volume from the default StorageClass (host-path), as on a real cluster; the environment
      // Secret read again every second, so a changed key reaches the claim at once.
      resolverDevSettings: { environment: { refreshIntervalMs: 1_000 } },
    });
  });
  afterAll(async () => {
    await orchestrator?.stop();
    await golden?.stop();
  });

  it('runs before in order: the sidecar is started and healthy before migrate, migrate completes before web', async () => {
    const ns = await golden.namespace('ordered');
    await golden.client.create(WorkloadKind, workloadFromScore(beforeScore, ns));
    // On the old, reversed mapping web became an init container that must complete: it never does, so the
    // pod never starts and this wait times out.
    await waitForReady(golden.client, ns, 'ordered');
    const [pod] = await workloadPods(golden, ns);
    if (pod === undefined) throw new Error('no pod');
    const proxy = statusOf(pod, 'proxy');
    const migrate = statusOf(pod, 'migrate');
    const web = statusOf(pod, 'web');
    expect(migrate.state?.terminated?.exitCode).toBe(0);
    expect(proxy.state?.running).toBeDefined();
    expect(web.state?.running).toBeDefined();
    expect(web.ready).toBe(true);
    // Times from the kubelet, to the second: proxy started first, migrate ran after it became healthy
    // (its probe passes a second after it starts), web started after migrate finished.
    const proxyStarted = seconds(proxy.state?.running?.startedAt);
    const migrateStarted = seconds(migrate.state?.terminated?.startedAt);
    const migrateFinished = seconds(migrate.state?.terminated?.finishedAt);
    const webStarted = seconds(web.state?.running?.startedAt);
    expect(migrateStarted).toBeGreaterThan(proxyStarted);
    expect(migrateFinished - migrateStarted).toBeGreaterThanOrEqual(1);
    expect(webStarted).toBeGreaterThanOrEqual(migrateFinished);
  });

  it('runs the dev postgres on a real volume and accepts the generated password from the app containers', async () => {
    const ns = await golden.namespace('pgapp');
    await golden.client.create(WorkloadKind, workloadFromScore(postgresScore, ns));
    await waitForReady(golden.client, ns, 'pgapp');
    const pods = await workloadPods(golden, ns);
    const app = pods.find((pod) => pod.metadata?.name?.startsWith('pgapp-'));
    if (app === undefined)
      throw new Error(`no app pod among ${pods.map((p) => p.metadata?.name).join(', ')}`);
    const check = statusOf(app, 'check');
    expect(check.state?.terminated?.exitCode).toBe(0);
    expect(check.restartCount).toBe(0);
    expect(statusOf(app, 'app').ready).toBe(true);
    // The server ran initdb on the claim's volume after prepare-data gave the folder to postgres.
    const server = pods.find((pod) => pod.metadata?.name?.startsWith('pg-'));
    expect(server?.spec?.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim).toBeDefined();
    expect(statusOf(server!, 'prepare-data').state?.terminated?.exitCode).toBe(0);

    // Deleting the Workload deletes the database and its volume (deprovision policy Delete), so the
    // host-path folder goes too.
    await golden.client.delete(WorkloadKind, { namespace: ns, name: 'pgapp' });
    await eventually(
      async () => (await golden.client.list(persistentVolumes, {})).items.length === 0,
      'the database volume to be deleted',
    );
  });

  it('runs the dev redis and accepts the generated password from the app containers', async () => {
    const ns = await golden.namespace('cacheapp');
    await golden.client.create(WorkloadKind, workloadFromScore(redisScore, ns));
    await waitForReady(golden.client, ns, 'cacheapp');
    const app = (await workloadPods(golden, ns)).find((pod) => pod.metadata?.name?.startsWith('cacheapp-'));
    if (app === undefined) throw new Error('no app pod');
    const check = statusOf(app, 'check');
    expect(check.state?.terminated?.exitCode).toBe(0);
    expect(check.restartCount).toBe(0);
    expect(statusOf(app, 'app').ready).toBe(true);

    // The platform keeps redis and its data (deprovision policy Retain): remove them by hand.
    await golden.client.delete(WorkloadKind, { namespace: ns, name: 'cacheapp' });
    await eventually(
      async () => (await golden.client.get(WorkloadKind, { namespace: ns, name: 'cacheapp' })) === undefined,
      'the Workload to be gone',
    );
    for (const kind of [BuiltinKinds.StatefulSet, BuiltinKinds.PersistentVolumeClaim]) {
      for (const item of (await golden.client.list(kind, { namespace: ns })).items) {
        await golden.client.delete(kind, { namespace: ns, name: item.metadata!.name! });
      }
    }
    await eventually(
      async () => (await golden.client.list(persistentVolumes, {})).items.length === 0,
      'the redis volume to be deleted',
    );
  });

  it("reaches another Workload's Service by its name from a pod", async () => {
    const ns = await golden.namespace('services');
    await golden.client.create(WorkloadKind, workloadFromScore(webScore, ns));
    await golden.client.create(WorkloadKind, workloadFromScore(clientScore, ns));
    await waitForReady(golden.client, ns, 'web');
    await waitForReady(golden.client, ns, 'client');
    const client = (await workloadPods(golden, ns)).find((pod) => pod.metadata?.name?.startsWith('client-'));
    expect(client && statusOf(client, 'main').ready).toBe(true);
  });

  it('reaches the API server from a pod through the kubernetes Service', async () => {
    // Plain HTTP to the HTTPS port: the API server's own answer proves the connection reached it.
    // (busybox's own TLS fails the API server's handshake, alert 40; in-cluster clients use full TLS stacks.)
    const ns = await golden.namespace('in-cluster');
    const core = golden.cluster.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'caller' },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'main',
              image: 'busybox:1.36',
              // nc stops reading when its input ends: keep the input open until the answer came.
              command: [
                'sh',
                '-c',
                "(printf 'GET / HTTP/1.0\\r\\n\\r\\n'; sleep 3) | nc kubernetes.default.svc 443",
              ],
            },
          ],
        },
      },
    });
    await eventually(
      async () =>
        (await core.readNamespacedPod({ namespace: ns, name: 'caller' })).status?.phase === 'Succeeded',
      'the pod to finish',
      60_000,
    );
    const log = await core.readNamespacedPodLog({ namespace: ns, name: 'caller' });
    expect(log).toContain('Client sent an HTTP request to an HTTPS server');
  });

  it('gives the container the files of examples/score-features/binary-files.score.yaml with their modes and exact bytes', async () => {
    const score = parse(readFileSync(binaryFilesExample, 'utf8')) as {
      containers: {
        main: { args: string[]; files: Record<string, { binaryContent: string; mode: string }> };
      };
    };
    const files = score.containers.main.files;
    const paths = Object.keys(files);
    // What the container itself sees: mode, size and SHA-256 of each file, in its log.
    score.containers.main.args = [
      `stat -L -c '%a %s %n' ${paths.join(' ')} && sha256sum ${paths.join(' ')} && exec sleep 3600`,
    ];
    const ns = await golden.namespace('binary-files');
    await golden.client.create(WorkloadKind, workloadFromScore(stringify(score), ns));
    await waitForReady(golden.client, ns, 'binary-files');
    const [pod] = await workloadPods(golden, ns);
    const core = golden.cluster.kubeConfig.makeApiClient(CoreV1Api);
    const log = await eventually(async () => {
      const text = await core.readNamespacedPodLog({
        namespace: ns,
        name: pod!.metadata!.name!,
        container: 'main',
      });
      return text.split('\n').length > paths.length * 2 && text;
    }, 'the container to print its files');
    const expected = paths.flatMap((path) => {
      const bytes = Buffer.from(files[path]!.binaryContent, 'base64');
      return [`${Number(files[path]!.mode).toString()} ${bytes.length} ${path}`];
    });
    const sums = paths.map((path) => {
      const bytes = Buffer.from(files[path]!.binaryContent, 'base64');
      return `${createHash('sha256').update(bytes).digest('hex')}  ${path}`;
    });
    expect(log.trimEnd().split('\n')).toEqual([...expected, ...sums]);
  });

  it('reports a readiness probe that does not pass, naming the container and the probe', async () => {
    const ns = await golden.namespace('unready');
    await golden.client.create(WorkloadKind, workloadFromScore(unreadyScore, ns));
    const core = golden.cluster.kubeConfig.makeApiClient(CoreV1Api);
    // nginx runs (it answers the probe with 404 in its access log) and the Workload says what it waits for.
    const runtimeReady = await runtimeReadySaying(golden, ns, 'unready', 'readiness probe');
    expect(runtimeReady).toMatchObject({ status: 'False', reason: 'RuntimeProgressing' });
    expect(runtimeReady.message).toContain(
      'container main is running but not ready: its readiness probe (httpGet :8080/missing) has not passed',
    );
    const [pod] = await workloadPods(golden, ns);
    const log = await eventually(async () => {
      const text = await core.readNamespacedPodLog({
        namespace: ns,
        name: pod!.metadata!.name!,
        container: 'main',
      });
      return text.includes('GET /missing HTTP/1.1" 404') && text;
    }, 'nginx to log the probe');
    expect(log).toContain('kube-probe/');
    const ready = conditionOf(
      await golden.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'unready' }),
      'Ready',
    );
    expect(ready?.status).toBe('False');
  });

  it('restarts a container whose liveness probe fails and names the probe on the Workload; a passing one keeps its container', async () => {
    const ns = await golden.namespace('liveness');
    await golden.client.create(WorkloadKind, workloadFromScore(livenessScore, ns));
    // nginx answers /healthz with 404: the kubelet stops it (nginx quits gracefully, exit code 0) and
    // starts it again, then backs off. The Workload says which container and which probe.
    const runtimeReady = await runtimeReadySaying(golden, ns, 'liveness', 'keeps exiting');
    expect(runtimeReady).toMatchObject({ status: 'False', reason: 'RuntimeFailed' });
    expect(runtimeReady.message).toMatch(
      /^the workload failed: container flaky \(image nginx:1\.27\) keeps exiting \(restarted [1-9]\d* times?, last exit code 0\); it ended as a stopped container does, and its liveness probe \(httpGet :80\/healthz\) stops it when failing: check that probe, its logs, command and configuration$/,
    );
    // The passing probes ran as often (every second, by the platform's patch) and never stopped steady.
    const [pod] = await workloadPods(golden, ns);
    const flaky = statusOf(pod!, 'flaky');
    const steady = statusOf(pod!, 'steady');
    expect(flaky.restartCount).toBeGreaterThanOrEqual(1);
    expect(flaky.lastState?.terminated?.exitCode).toBe(0);
    expect(steady.restartCount).toBe(0);
    expect(steady.ready).toBe(true);
    expect(pod?.spec?.containers.find((c) => c.name === 'flaky')?.livenessProbe).toMatchObject({
      periodSeconds: 1,
      failureThreshold: 1,
    });
  });

  it('reports a missing Secret key on the Workload when a restarted pod reads a key its Secret lost, without its value', async () => {
    // The platform keeps API_TOKEN in the namespace's environment Secret; the Workload runs with it. Then
    // the platform renames the key: the resolver drops it from the claim's outputs Secret (no new plan can
    // be made), the running pod keeps its value, and the next pod (an eviction, a node drain) cannot
    // start: the kubelet refuses it with CreateContainerConfigError, and the Workload says which key of
    // which Secret, never the value.
    const ns = await golden.namespace('missing-key');
    const core = golden.cluster.kubeConfig.makeApiClient(CoreV1Api);
    const value = 'the-api-token-value-0123456789';
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'score-environment' }, stringData: { API_TOKEN: value } },
    });
    await golden.client.create(WorkloadKind, workloadFromScore(keyedScore, ns));
    await waitForReady(golden.client, ns, 'keyed');
    const [claim] = await claimsIn(golden.client, ns);
    const outputs = claim?.status?.secretName;
    if (outputs === undefined) throw new Error('the environment claim has no outputs Secret');

    await core.replaceNamespacedSecret({
      namespace: ns,
      name: 'score-environment',
      body: { metadata: { name: 'score-environment' }, stringData: { API_TOKEN_V2: value } },
    });
    await eventually(
      async () => !('API_TOKEN' in (await claimSecretValues(golden.client, claim!))),
      'the outputs Secret to lose API_TOKEN',
    );
    const [running] = await workloadPods(golden, ns);
    await core.deleteNamespacedPod({ namespace: ns, name: running!.metadata!.name! });

    const runtimeReady = await runtimeReadySaying(golden, ns, 'keyed', 'needs key');
    expect(runtimeReady.status).toBe('False');
    // No new plan without the output, and the previous plan's pod cannot start: both are said.
    expect(runtimeReady.reason).toBe('ProjectionError');
    expect(runtimeReady.message).toContain("resource 'env' has no output 'API_TOKEN'");
    expect(runtimeReady.message).toContain(
      `(the workload failed: container main needs key API_TOKEN of Secret ${outputs}, which has no such key: check the resource outputs and files that provide it, or ask the platform team)`,
    );
    const plan = await golden.client.get(WorkloadPlanKind, { namespace: ns, name: 'keyed' });
    expect((plan as { status?: { reason?: string } } | undefined)?.status?.reason).toBe('MissingKey');
    const workload = await golden.client.get<Workload>(WorkloadKind, { namespace: ns, name: 'keyed' });
    const pods = await workloadPods(golden, ns);
    expect(
      secretLeaks(
        { API_TOKEN: value },
        {
          workload,
          plan,
          events: JSON.stringify(await workloadEvents(golden.client, ns, 'keyed')),
          pods: JSON.stringify(pods.map((p) => p.status)),
        },
      ),
    ).toEqual([]);
  });

  it('runs the batch Workload of examples/score-features/job.score.yaml to Succeeded', async () => {
    const ns = await golden.namespace('batch');
    // The example's sidecar exits on SIGTERM: a shell as pid 1 ignores it, and the Job's success would wait
    // out the 30 s grace period (this test then times out).
    await golden.client.create(WorkloadKind, workloadFromScore(readFileSync(jobExample, 'utf8'), ns));
    const workload = await waitForReady(golden.client, ns, 'report');
    expect(conditionOf(workload, 'RuntimeReady')?.reason).toBe('Succeeded');
    // The run really happened: fetch ran before main, main read its file and printed its line, and the
    // sidecar was stopped when main finished.
    const [pod] = await workloadPods(golden, ns);
    expect(pod?.status?.phase).toBe('Succeeded');
    expect(statusOf(pod!, 'fetch').state?.terminated?.exitCode).toBe(0);
    expect(statusOf(pod!, 'main').state?.terminated?.exitCode).toBe(0);
    expect(seconds(statusOf(pod!, 'main').state?.terminated?.startedAt)).toBeGreaterThanOrEqual(
      seconds(statusOf(pod!, 'fetch').state?.terminated?.finishedAt),
    );
    const core = golden.cluster.kubeConfig.makeApiClient(CoreV1Api);
    const log = await core.readNamespacedPodLog({
      namespace: ns,
      name: pod!.metadata!.name!,
      container: 'main',
    });
    expect(log).toBe(
      'SELECT count(*) FROM orders WHERE day = current_date - 1;\nreport for yesterday done\n',
    );
  });

  it('leaves nothing on the machine after stop()', async () => {
    await orchestrator.stop();
    await golden.stop();
    expect(machineState()).toEqual(before);
  });

  it('runs examples/hello with `score-orchestrator dev --real-nodes` (nginx and postgres really serve)', async () => {
    // The quick start's real-node path, through the built binary: its own real-node cluster (this file's
    // is stopped), the images loaded from the cache, the example Ready with nginx answering its probe.
    const started = Date.now();
    const run = await runBinary([
      'dev',
      '--real-nodes',
      '--exit-on-ready',
      '--timeout',
      '4m',
      'examples/hello',
    ]);
    if (run.code !== 0) console.error(run.stdout, run.stderr);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('✓ preparing the real-node images');
    expect(run.stderr).toContain('✓ every Workload is Ready');
    process.stderr.write(`dev --real-nodes examples/hello: ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    expect(machineState()).toEqual(before);
  });

  it('leaves nothing on the machine when the owner is killed: the reaper tears the nodes down', async () => {
    // The owner's errors go to this test's output.
    const owner = spawn(process.execPath, [ownerScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(owner, 'exit');
    const firstLine = await Promise.race([
      once(createInterface({ input: owner.stdout }), 'line').then(([line]) => line as string),
      exited.then(([code]) =>
        Promise.reject(new Error(`the owner exited with ${code} before its cluster ran`)),
      ),
    ]);
    const { dir } = JSON.parse(firstLine) as { dir: string };
    expect(machineState()).not.toEqual(before);

    owner.kill('SIGKILL');
    await exited;
    // The reaper removes the cluster's folder last, after the teardown.
    await eventually(async () => !existsSync(dir), `the reaper to remove ${dir}`, 60_000);
    await eventually(
      async () => JSON.stringify(machineState()) === JSON.stringify(before),
      'the machine to be as before',
      10_000,
    ).catch(() => undefined);
    expect(machineState()).toEqual(before);
  });
});
