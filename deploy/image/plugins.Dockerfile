# The orchestrator image with resolver or runtime plugins added. The orchestrator image has no npm, so npm
# installs the plugins in a build stage, into a copy of the orchestrator's npm project (/app, where
# `run` imports them from), and the final image takes that project back. List the plugins under `plugins:`
# in the platform config as well.
#
#   docker build -f plugins.Dockerfile --build-arg PLUGINS='@acme/score-resolver-api-key@1.0.0' -t my-orchestrator .
#
# PLUGINS is what `npm install` takes: registry names with versions, or tarballs copied in from the build
# context's plugins/ folder (./plugins/acme-score-resolver-api-key-1.0.0.tgz). Plugins declare
# @score-orchestrator/* as peer dependencies, satisfied by the orchestrator's own copies.
ARG ORCHESTRATOR_IMAGE=ghcr.io/score-orchestrator/score-orchestrator:0.1.0
# Any node image with npm; the same Node line as the orchestrator image (docs/operations/image.md).
ARG NODE_IMAGE=node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d

FROM ${ORCHESTRATOR_IMAGE} AS orchestrator

FROM ${NODE_IMAGE} AS plugins
# Behind a TLS-inspecting proxy: its CA certificates as PEM text (this stage only).
ARG EXTRA_CA_CERTS=""
RUN printf '%s' "$EXTRA_CA_CERTS" > /tmp/extra-ca-certs.pem
ENV NODE_EXTRA_CA_CERTS=/tmp/extra-ca-certs.pem
COPY --from=orchestrator /app /app
COPY plugins/ /app/plugins/
WORKDIR /app
ARG PLUGINS
RUN test -n "$PLUGINS" || { echo 'set --build-arg PLUGINS=<npm packages>' >&2; exit 1; } && \
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error $PLUGINS && \
    rm -rf /app/plugins

FROM ${ORCHESTRATOR_IMAGE}
# Root-owned and read-only to the runtime user, as in the orchestrator image.
COPY --from=plugins /app /app
