#!/usr/bin/env bash
# Builds the real Kubernetes binaries the tests run (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kubelet) and the helm CLI from the Go module proxy, into caches outside the clone:
#   ${MSVC_K8S_CACHE:-~/.cache/microservice-operator/kubernetes}/v<kubernetes>-etcd<etcd>/bin
#   ${MSVC_HELM_CACHE:-~/.cache/microservice-operator/helm}/v<helm>/bin/helm
# helm has a cache of its own, so a new helm version does not rebuild Kubernetes, nor the reverse.
# The versions are in versions.env; the Go modules that pin every dependency are go/kubernetes, go/etcd and go/helm.
# It builds only what is missing (nothing when all is there), and prints each step with its time.
#   build.sh           build (from the committed go.mod/go.sum files) what is not already built
#   build.sh --update  derive the modules again from versions.env (the replace directives from
#                      k8s.io/kubernetes' own go.mod), write them to go/, then build everything
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
cache=${MSVC_K8S_CACHE:-$HOME/.cache/microservice-operator/kubernetes}
out="$cache/v$KUBERNETES_VERSION-etcd$ETCD_VERSION"
bins=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet)
helm_out="${MSVC_HELM_CACHE:-$HOME/.cache/microservice-operator/helm}/v$HELM_VERSION"
update=false; [ "${1:-}" = "--update" ] && update=true

log() { echo "[local-cluster/build] $*"; }
step() { local t0=$SECONDS; log "$1 ..."; shift; "$@"; log "  done in $((SECONDS - t0)) s"; }
quiet() { # runs a go command, showing its output only when it fails
  local output; if ! output=$("$@" 2>&1); then echo "$output" >&2; return 1; fi
}
without_downloads() { # the build's stderr without the "go: downloading" lines
  "$@" 2> >(grep -v '^go: downloading' >&2)
}
have_all() { for b in "${bins[@]}"; do [ -x "$out/bin/$b" ] || return 1; done; }
have_helm() { [ -x "$helm_out/bin/helm" ]; }

if ! $update && have_all && have_helm; then log "binaries present in $out/bin and $helm_out/bin"; exit 0; fi
command -v go >/dev/null || { log "go is missing: install Go >= 1.24 (Debian's golang-go is too old)" >&2; exit 1; }
export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0

derive_kubernetes() {
  local dir="$out/src/kubernetes"; rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  quiet go mod init local.build/kubernetes
  local gomod; gomod=$(go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and maps them to ./staging/src/...: map each
  # to its published tag v0.<minor>.<patch> instead.
  local staging=v0.${KUBERNETES_VERSION#1.} m
  for m in $(awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$gomod"); do go mod edit -replace="$m=$m@$staging"; done
  local v=@v$KUBERNETES_VERSION
  quiet go get -tool "k8s.io/kubernetes/cmd/kube-apiserver$v" "k8s.io/kubernetes/cmd/kube-controller-manager$v" \
    "k8s.io/kubernetes/cmd/kube-scheduler$v" "k8s.io/kubernetes/cmd/kubectl$v" "k8s.io/kubernetes/cmd/kubelet$v"
  mkdir -p "$here/go/kubernetes"; cp go.mod go.sum "$here/go/kubernetes/"
}

derive_etcd() {
  local dir="$out/src/etcd"; rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  quiet go mod init local.build/etcd
  quiet go get -tool "go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  mkdir -p "$here/go/etcd"; cp go.mod go.sum "$here/go/etcd/"
}

# helm needs no replace directives (its go.mod has none): the wrapper module just requires it as a tool.
derive_helm() {
  local dir="$helm_out/src/helm"; rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  quiet go mod init local.build/helm
  quiet go get -tool "helm.sh/helm/v3/cmd/helm@v$HELM_VERSION"
  mkdir -p "$here/go/helm"; cp go.mod go.sum "$here/go/helm/"
}

# The kubelet is static too (CGO_ENABLED=0), unlike the release kubelet (hack/lib/golang.sh builds it with cgo): the
# only cgo in its dependency graph is the standard library's net and os/user (DNS and user lookups through libc's NSS;
# `CGO_ENABLED=1 go list -deps -f '{{.CgoFiles}}' k8s.io/kubernetes/cmd/kubelet` lists nothing else), which Go's own
# resolver and /etc/passwd parser replace; the node's kubelet connects to IP addresses and needs no NSS lookups.
build_kubernetes() {
  local dir="$out/src/kubernetes"; mkdir -p "$dir"; cp "$here/go/kubernetes/go.mod" "$here/go/kubernetes/go.sum" "$dir/"; cd "$dir"
  grep -q "k8s.io/kubernetes v$KUBERNETES_VERSION" go.mod || { log "go/kubernetes/go.mod does not pin $KUBERNETES_VERSION: run build.sh --update" >&2; exit 1; }
  local minor; minor=$(echo "$KUBERNETES_VERSION" | cut -d. -f2)
  local v="-X k8s.io/component-base/version.gitVersion=v$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1"
  v="$v -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
  v="$v -X k8s.io/component-base/version.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  v="$v -X k8s.io/client-go/pkg/version.gitVersion=v$KUBERNETES_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1"
  v="$v -X k8s.io/client-go/pkg/version.gitMinor=$minor -X k8s.io/client-go/pkg/version.gitTreeState=clean"
  without_downloads go build -trimpath -ldflags "-s -w $v" -o "$out/bin/" k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl \
    k8s.io/kubernetes/cmd/kubelet
}

build_etcd() {
  local dir="$out/src/etcd"; mkdir -p "$dir"; cp "$here/go/etcd/go.mod" "$here/go/etcd/go.sum" "$dir/"; cd "$dir"
  grep -q "go.etcd.io/etcd/server/v3 v$ETCD_VERSION" go.mod || { log "go/etcd/go.mod does not pin $ETCD_VERSION: run build.sh --update" >&2; exit 1; }
  without_downloads go build -trimpath -ldflags "-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=v$ETCD_VERSION" -o "$out/bin/etcd" go.etcd.io/etcd/server/v3
}

# The ldflags of helm's Makefile: the version `helm version` prints (a release has no metadata; the module proxy
# does not carry the git commit, so it stays empty and `helm version --short` prints just v<helm>), and the
# Kubernetes version helm assumes without a cluster (`helm template`/`lint`: .Capabilities.KubeVersion and the
# deprecated-API check), which the Makefile derives from the k8s.io/client-go helm is built with: v0.34.x -> 1.34.
build_helm() {
  local dir="$helm_out/src/helm"; mkdir -p "$dir" "$helm_out/bin"; cp "$here/go/helm/go.mod" "$here/go/helm/go.sum" "$dir/"; cd "$dir"
  grep -q "helm.sh/helm/v3 v$HELM_VERSION" go.mod || { log "go/helm/go.mod does not pin $HELM_VERSION: run build.sh --update" >&2; exit 1; }
  local client_go major minor
  client_go=$(go list -m -f '{{.Version}}' k8s.io/client-go) # v0.<minor>.<patch>
  major=$(( $(echo "${client_go#v}" | cut -d. -f1) + 1 )); minor=$(echo "$client_go" | cut -d. -f2)
  local p=helm.sh/helm/v3
  local v="-X $p/internal/version.version=v$HELM_VERSION -X $p/internal/version.metadata= -X $p/internal/version.gitTreeState=clean"
  v="$v -X $p/pkg/lint/rules.k8sVersionMajor=$major -X $p/pkg/lint/rules.k8sVersionMinor=$minor"
  v="$v -X $p/pkg/chartutil.k8sVersionMajor=$major -X $p/pkg/chartutil.k8sVersionMinor=$minor"
  without_downloads go build -trimpath -ldflags "-s -w $v" -o "$helm_out/bin/helm" helm.sh/helm/v3/cmd/helm
}

total=$SECONDS
if $update; then
  step "derive go/etcd (etcd v$ETCD_VERSION)" derive_etcd
  step "derive go/kubernetes (k8s.io/kubernetes v$KUBERNETES_VERSION, staging modules replaced from its go.mod)" derive_kubernetes
  step "derive go/helm (helm v$HELM_VERSION)" derive_helm
fi
if $update || ! have_all; then
  mkdir -p "$out/bin" "$out/src"
  step "build etcd v$ETCD_VERSION" build_etcd
  step "build kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, kubelet v$KUBERNETES_VERSION" build_kubernetes
  have_all || { log "a binary is missing in $out/bin" >&2; exit 1; }
  log "$("$out/bin/kube-apiserver" --version), $("$out/bin/etcd" --version | head -1)"
else
  log "Kubernetes binaries present in $out/bin"
fi
if $update || ! have_helm; then
  step "build helm v$HELM_VERSION" build_helm
  have_helm || { log "helm is missing in $helm_out/bin" >&2; exit 1; }
  log "helm $("$helm_out/bin/helm" version --short)"
else
  log "helm present in $helm_out/bin"
fi
log "all built in $((SECONDS - total)) s into $out/bin and $helm_out/bin"
