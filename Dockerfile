# The Score orchestrator image: `score-orchestrator run` with the built-in plugins (resolver-dev,
# runtime-kubernetes), and resolver-provisioners for a platform's provisioner-file plugin. Runs as uid 65532
# on a read-only root filesystem (it writes nothing outside /tmp).
# It holds no npm and no test kit (`dev` is not in the image: see packages/cli's optional testing peer).
#
#   docker build -t score-orchestrator .
#
# NODE_IMAGE is the current Node LTS, pinned by digest: node:24-bookworm-slim when it was Node 24.18.0.
# Refresh it where Docker Hub is reachable: `docker buildx imagetools inspect node:24-bookworm-slim`.
# Any image with node and npm under /usr/local works: `npm run image` passes one it makes from Debian
# packages and the pinned Node binary when no registry is reachable (tools/image/README.md).
# No `RUN --mount` and no `# syntax=` line: the legacy builder (Debian's docker.io has no buildx) and a
# builder that cannot pull the dockerfile frontend build it too; layer order keeps warm builds fast instead.
#
# The production tree is assembled by deploy/bundle/build-bundle.mjs, which test/e2e/deploy also runs and
# starts against a cluster, so what the tests exercise is what the image holds.
ARG NODE_IMAGE=node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

FROM ${NODE_IMAGE} AS sources
WORKDIR /src
COPY . .
# The npm manifests alone, in their folders: the dependency layer below is rebuilt only when one changes,
# not on every source edit.
RUN mkdir /manifests && cp package-lock.json .npmrc /manifests/ && \
    find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \;

FROM ${NODE_IMAGE} AS build
# A machine behind a TLS-inspecting proxy passes that proxy's CA certificates (PEM text) so npm reaches the
# registry (`npm run image` passes Debian's locally added ones). This stage only: the runtime image does not
# trust them.
ARG EXTRA_CA_CERTS=""
RUN printf '%s' "$EXTRA_CA_CERTS" > /tmp/extra-ca-certs.pem
ENV NODE_EXTRA_CA_CERTS=/tmp/extra-ca-certs.pem
WORKDIR /src
COPY --from=sources /manifests/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY --from=sources /src/ ./
# The CLI and the workspace packages it depends on, as published, with production dependencies only.
RUN npx tsc -b packages/cli && node deploy/bundle/build-bundle.mjs /bundle

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="score-orchestrator" \
      org.opencontainers.image.description="The Score orchestrator: score.dev/v1b1 Workloads to running services on Kubernetes" \
      org.opencontainers.image.source="https://github.com/score-orchestrator/score-orchestrator" \
      org.opencontainers.image.licenses="Apache-2.0"
# No package managers at run time: nothing in the image can fetch and install code. (Plugins are installed
# in a build stage of a derived image: docs/operations/image.md.)
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg
# Memory (docs/platform/container-image.md#memory, ADR 0013): two malloc arenas instead of up to eight per
# core, and V8's memory saver mode on the command line below (V8 refuses it in NODE_OPTIONS), which sizes the
# heap to what is used. Measured on Node 24: idle 114 -> 91 MiB RSS; 200 Workloads rolled out 257 -> 133 MiB
# with the same time to Ready, for about 30 % more CPU. Overriding the container's command drops the flag.
# The entry is the bundled one (deploy/bundle/bundled-entry.mjs, ADR 0014): split, minified ES modules, which
# keep less source and fewer modules in memory than the unbundled tree beside it in /app (which plugins are
# installed into). Its source maps are shipped and off: add --enable-source-maps for stack traces into /app.
ENV NODE_ENV=production \
    HOME=/tmp \
    MALLOC_ARENA_MAX=2
WORKDIR /app
USER 65532:65532
# /metrics, /healthz and /readyz.
EXPOSE 8081
ENTRYPOINT ["node", "--memory-saver-mode", "/app/packages/cli/bundle/score-orchestrator.js"]
CMD ["run"]
# Last, after the settings above: a sources change then rebuilds only this layer of the final stage (every
# step after a changed one is rebuilt, and on the vfs storage driver each is a full copy of the file system).
# Owned by root (COPY ignores USER) and not writable by the runtime user: the app cannot change itself.
COPY --from=build /bundle /app
