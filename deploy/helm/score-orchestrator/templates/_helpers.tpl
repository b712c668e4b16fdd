{{/* The chart's name, overridable. */}}
{{- define "score-orchestrator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name, prefixed with the chart name unless it contains it. */}}
{{- define "score-orchestrator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "score-orchestrator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "score-orchestrator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: score-orchestrator
{{- end }}

{{/* Labels that select the orchestrator's pods; never change them on upgrade. */}}
{{- define "score-orchestrator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "score-orchestrator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controller
{{- end }}

{{/* The ServiceAccount the orchestrator runs as. */}}
{{- define "score-orchestrator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "score-orchestrator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The ConfigMap holding platform.yaml. */}}
{{- define "score-orchestrator.configMapName" -}}
{{- printf "%s-config" (include "score-orchestrator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The image reference: repository@digest, or repository:tag (tag defaults to appVersion). */}}
{{- define "score-orchestrator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The namespaces of watchNamespaces as a JSON array (empty: every namespace), checked: namespace names only,
never a system namespace, where a Workload's objects would sit next to the control plane's Secrets.
*/}}
{{- define "score-orchestrator.watchNamespaces" -}}
{{- $namespaces := list }}
{{- range (.Values.watchNamespaces | default list) }}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" (toString .)) }}
{{- fail (printf "watchNamespaces: %q is not a namespace name" (toString .)) }}
{{- end }}
{{- if has . (list "kube-system" "kube-public" "kube-node-lease") }}
{{- fail (printf "watchNamespaces: %s is a system namespace; the orchestrator does not reconcile Workloads there" .) }}
{{- end }}
{{- $namespaces = append $namespaces . }}
{{- end }}
{{- $namespaces | uniq | toJson }}
{{- end }}
