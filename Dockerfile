# syntax=docker/dockerfile:1
# The Score orchestrator image: `score-orchestrator run` with the built-in plugins (resolver-dev,
# runtime-kubernetes). Runs as uid 65532 on a read-only root filesystem (it writes nothing outside /tmp).
#
#   docker build -t score-orchestrator .
#
# The production tree is assembled by deploy/bundle/build-bundle.mjs, which test/e2e/deploy also runs and
# starts against a cluster, so what the tests exercise is what the image holds.
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Every workspace manifest (npm ci checks them against the lockfile) and the sources.
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.base.json ./
COPY packages/ packages/
COPY examples/ examples/
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
RUN npx tsc -b packages/cli
COPY deploy/bundle/ deploy/bundle/
# The CLI and the workspace packages it depends on, as published, with production dependencies only.
RUN --mount=type=cache,target=/root/.npm node deploy/bundle/build-bundle.mjs /bundle

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="score-orchestrator" \
      org.opencontainers.image.description="The Score orchestrator: score.dev/v1b1 Workloads to running services on Kubernetes" \
      org.opencontainers.image.licenses="Apache-2.0"
# No package managers at run time: nothing in the image can fetch and install code.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-* \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack /usr/local/bin/yarn /usr/local/bin/yarnpkg
ENV NODE_ENV=production \
    HOME=/tmp
WORKDIR /app
# Owned by root and not writable by the runtime user: the app cannot change itself.
COPY --from=build /bundle /app
USER 65532:65532
# /metrics, /healthz and /readyz.
EXPOSE 8081
ENTRYPOINT ["node", "/app/packages/cli/bin/score-orchestrator.js"]
CMD ["run"]
