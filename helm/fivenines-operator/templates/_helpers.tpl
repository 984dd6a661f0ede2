{{- define "fivenines-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "fivenines-operator.labels" -}}
app.kubernetes.io/name: {{ include "fivenines-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "fivenines-operator.selector" -}}
app.kubernetes.io/name: {{ include "fivenines-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* region=url entries, comma-separated and sorted, as the operator reads fivenines.runtime.storage-endpoints */}}
{{- define "fivenines-operator.endpoints" -}}
{{- $entries := list -}}
{{- range $region, $url := . -}}
{{- $entries = append $entries (printf "%s=%s" $region $url) -}}
{{- end -}}
{{- join "," $entries -}}
{{- end }}
