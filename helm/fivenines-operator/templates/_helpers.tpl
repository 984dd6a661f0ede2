{{- define "fivenines-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The name of the release's objects: <release>-operator, or the release name itself when it already ends with
"operator" (release fivenines gives fivenines-operator, release fivenines-operator too), or fullnameOverride.
*/}}
{{- define "fivenines-operator.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if hasSuffix "operator" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
Cluster-scoped objects carry the namespace too: Helm keeps release names unique per namespace only, so two
releases called fivenines in two namespaces would otherwise own the same ClusterRole.
*/}}
{{- define "fivenines-operator.clusterName" -}}
{{- printf "%s-%s" (include "fivenines-operator.fullname" .) .Release.Namespace -}}
{{- end -}}

{{- define "fivenines-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "fivenines-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.create=false needs serviceAccount.name: the ServiceAccount the operator runs as" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "fivenines-operator.leaseName" -}}
{{- default (printf "%s-lease" (include "fivenines-operator.fullname" .)) .Values.leaderElection.leaseName -}}
{{- end -}}

{{- define "fivenines-operator.labels" -}}
app.kubernetes.io/name: {{ include "fivenines-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* The Deployment's selector: immutable, so it stays as it was in the first release of the chart. */}}
{{- define "fivenines-operator.selector" -}}
app.kubernetes.io/name: {{ include "fivenines-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The operator's own series as Prometheus Operator scrapes them (a ServiceMonitor or PodMonitor of this chart). */}}
{{- define "fivenines-operator.seriesSelector" -}}
namespace="{{ .Release.Namespace }}", pod=~"{{ include "fivenines-operator.fullname" . }}-[a-z0-9]+-[a-z0-9]+"
{{- end -}}

{{/* region=url entries, comma-separated and sorted, as the operator reads fivenines.runtime.storage-endpoints */}}
{{- define "fivenines-operator.endpoints" -}}
{{- $entries := list -}}
{{- range $region, $url := . -}}
{{- $entries = append $entries (printf "%s=%s" $region $url) -}}
{{- end -}}
{{- join "," $entries -}}
{{- end }}
