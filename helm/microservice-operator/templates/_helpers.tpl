{{/* The chart's name. */}}
{{- define "mso.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name: fullnameOverride, else the release name with the chart's name unless it contains it. */}}
{{- define "mso.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of cluster-scoped objects: the full name and the release namespace, so that the same release name in two
namespaces does not collide. */}}
{{- define "mso.clusterName" -}}
{{- printf "%s-%s" (include "mso.fullname" .) .Release.Namespace -}}
{{- end -}}

{{/* The leader-election Lease's name: one per release. */}}
{{- define "mso.leaseName" -}}
{{- printf "%s-leader" (include "mso.fullname" .) -}}
{{- end -}}

{{/* The metrics Service's name. */}}
{{- define "mso.metricsServiceName" -}}
{{- printf "%s-metrics" (include "mso.fullname" .) -}}
{{- end -}}

{{/*
An image reference. Takes a dict: image (repository, tag, digest), registry (global.imageRegistry) and defaultTag.
The registry, when set, replaces the repository's registry part (its first path segment when that has a dot or a
colon, or is localhost), or is prepended when the repository has none. A digest wins over the tag.
*/}}
{{- define "mso.image" -}}
{{- $repository := .image.repository -}}
{{- if .registry -}}
{{- $segments := splitList "/" $repository -}}
{{- $first := first $segments -}}
{{- if and (gt (len $segments) 1) (or (contains "." $first) (contains ":" $first) (eq $first "localhost")) -}}
{{- $repository = join "/" (rest $segments) -}}
{{- end -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" .registry) $repository -}}
{{- end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (default .defaultTag .image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The operator image (also the helm test pod's). */}}
{{- define "mso.operatorImage" -}}
{{- include "mso.image" (dict "image" .Values.image "registry" (.Values.global | default dict).imageRegistry "defaultTag" .Chart.AppVersion) -}}
{{- end -}}

{{/* The default runtime image of MicroServices. */}}
{{- define "mso.runtimeImage" -}}
{{- include "mso.image" (dict "image" .Values.runtimeImage "registry" (.Values.global | default dict).imageRegistry "defaultTag" .Chart.AppVersion) -}}
{{- end -}}

{{/* Labels that select the operator pods. */}}
{{- define "mso.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mso.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Recommended labels of every object. */}}
{{- define "mso.labels" -}}
{{ include "mso.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Labels of the helm test's objects: not the operator's selector labels (a ReplicaSet would adopt the pod). */}}
{{- define "mso.testLabels" -}}
app.kubernetes.io/name: {{ include "mso.name" . }}-test
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: test
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The service account's name. */}}
{{- define "mso.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mso.fullname" .) .Values.serviceAccount.name -}}
{{- else if .Values.serviceAccount.name -}}
{{- .Values.serviceAccount.name -}}
{{- else -}}
{{- fail "serviceAccount.name is required when serviceAccount.create is false: name the existing ServiceAccount the operator runs as (the chart does not bind the namespace's default account)" -}}
{{- end -}}
{{- end -}}

{{/* The rules the operator needs in every namespace it watches: exactly what it calls. */}}
{{- define "mso.rules" -}}
- apiGroups: ["microservice.dev"]
  resources: ["microservices"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["microservice.dev"]
  resources: ["microservices/status"]
  verbs: ["patch"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["keda.sh"]
  resources: ["scaledobjects", "triggerauthentications"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
{{- if .Values.secretChecks.enabled }}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list", "watch"]
{{- end }}
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{/* What the edit and admin roles may do with MicroServices: read, write, and scale. */}}
{{- define "mso.editRules" -}}
- apiGroups: ["microservice.dev"]
  resources: ["microservices", "microservices/status", "microservices/scale"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["microservice.dev"]
  resources: ["microservices"]
  verbs: ["create", "update", "patch", "delete"]
- apiGroups: ["microservice.dev"]
  resources: ["microservices/scale"]
  verbs: ["update", "patch"]
{{- end -}}
