#!/usr/bin/env bash
# Builds the real Kubernetes binaries the tests run (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kubelet), the helm CLI and KEDA (its operator and metrics adapter) from the Go module proxy,
# into caches outside the clone:
#   ${MSVC_K8S_CACHE:-~/.cache/microservice-operator/kubernetes}/v<kubernetes>-etcd<etcd>/bin
#   ${MSVC_HELM_CACHE:-~/.cache/microservice-operator/helm}/v<helm>/bin/helm
#   ${MSVC_KEDA_CACHE:-~/.cache/microservice-operator/keda}/v<keda>/bin/{keda-operator,keda-adapter}, with KEDA's
#     CRDs (crds/) and RBAC (rbac/: the operator's, metrics-server/: the adapter's) from the same module
# helm and KEDA have caches of their own, so a new helm or KEDA version does not rebuild Kubernetes, nor the reverse.
# The versions are in versions.env; the Go modules that pin every dependency are go/kubernetes, go/etcd, go/helm and
# go/keda.
# It builds only what is missing (nothing when all is there), and prints each step with its time.
#   build.sh           build (from the committed go.mod/go.sum files) what is not already built
#   build.sh --update  derive the modules again from versions.env (the replace directives from
#                      k8s.io/kubernetes' own go.mod, and KEDA's), write them to go/, then build everything
#   build.sh --without-keda  leave KEDA out (msvc cluster up without --keda); it is built by default, for KedaIT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
cache=${MSVC_K8S_CACHE:-$HOME/.cache/microservice-operator/kubernetes}
out="$cache/v$KUBERNETES_VERSION-etcd$ETCD_VERSION"
bins=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet)
helm_out="${MSVC_HELM_CACHE:-$HOME/.cache/microservice-operator/helm}/v$HELM_VERSION"
keda_out="${MSVC_KEDA_CACHE:-$HOME/.cache/microservice-operator/keda}/v$KEDA_VERSION"
update=false; with_keda=true
for arg in "$@"; do
  case $arg in
    --update) update=true ;;
    --without-keda) with_keda=false ;;
    *) echo "usage: build.sh [--update] [--without-keda]" >&2; exit 2 ;;
  esac
done

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
have_keda() { ! $with_keda || { [ -x "$keda_out/bin/keda-operator" ] && [ -x "$keda_out/bin/keda-adapter" ] \
  && [ -f "$keda_out/crds/keda.sh_scaledobjects.yaml" ]; }; }

if ! $update && have_all && have_helm && have_keda; then log "binaries present in $out/bin, $helm_out/bin and $keda_out/bin"; exit 0; fi
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

# KEDA's go.mod has replace and exclude directives, which apply only in the main module: the wrapper module copies
# them (as derive_kubernetes maps the staging modules), so it resolves the dependencies KEDA's release was built with.
derive_keda() {
  local dir="$keda_out/src/keda"; rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
  quiet go mod init local.build/keda
  local gomod; gomod=$(go mod download -json "github.com/kedacore/keda/v2@v$KEDA_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
  local edit
  for edit in $(mod_directives "$gomod"); do go mod edit "$edit"; done
  local v=@v$KEDA_VERSION
  quiet go get -tool "github.com/kedacore/keda/v2/cmd/operator$v" "github.com/kedacore/keda/v2/cmd/adapter$v"
  mkdir -p "$here/go/keda"; cp go.mod go.sum "$here/go/keda/"
}

# The replace and exclude directives of a go.mod (single lines and blocks), as `go mod edit` flags:
# "a v1 => b v2" -> -replace=a@v1=b@v2, "a => b v2" -> -replace=a=b@v2, "exclude a v1" -> -exclude=a@v1.
mod_directives() {
  awk '
    { sub(/\/\/.*/, "") }
    /^(replace|exclude)[ \t]*\($/ { block = $1; next }
    block != "" && /^\)/ { block = ""; next }
    /^(replace|exclude)[ \t]/ { kind = $1; sub(/^(replace|exclude)[ \t]+/, ""); emit(kind, $0); next }
    block != "" && NF > 0 { emit(block, $0) }
    function emit(kind, line,   n, f, arrow, old, new) {
      n = split(line, f, /[ \t]+/); if (f[1] == "") { for (i = 1; i < n; i++) f[i] = f[i + 1]; n-- }
      if (kind == "exclude") { print "-exclude=" f[1] "@" f[2]; return }
      arrow = (f[2] == "=>") ? 2 : 3
      old = (arrow == 3) ? f[1] "@" f[2] : f[1]
      new = (n == arrow + 2) ? f[arrow + 1] "@" f[arrow + 2] : f[arrow + 1]
      print "-replace=" old "=" new
    }' "$1"
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

# KEDA's Makefile sets version.Version and version.GitCommit; the module proxy carries no commit, so that stays empty.
# The CRDs and RBAC rules come from the same module (config/), for the harness to apply (dev.microservice.localcluster.keda).
build_keda() {
  local dir="$keda_out/src/keda"; mkdir -p "$dir" "$keda_out/bin"; cp "$here/go/keda/go.mod" "$here/go/keda/go.sum" "$dir/"; cd "$dir"
  grep -q "github.com/kedacore/keda/v2 v$KEDA_VERSION" go.mod || { log "go/keda/go.mod does not pin $KEDA_VERSION: run build.sh --update" >&2; exit 1; }
  local v="-X github.com/kedacore/keda/v2/version.Version=$KEDA_VERSION"
  without_downloads go build -trimpath -ldflags "-s -w $v" -o "$keda_out/bin/keda-operator" github.com/kedacore/keda/v2/cmd/operator
  without_downloads go build -trimpath -ldflags "-s -w $v" -o "$keda_out/bin/keda-adapter" github.com/kedacore/keda/v2/cmd/adapter
  local src; src=$(go list -m -f '{{.Dir}}' github.com/kedacore/keda/v2)
  rm -rf "$keda_out/crds" "$keda_out/rbac" "$keda_out/metrics-server"; mkdir -p "$keda_out/crds" "$keda_out/rbac" "$keda_out/metrics-server"
  cp "$src"/config/crd/bases/*.yaml "$keda_out/crds/"
  cp "$src"/config/rbac/*.yaml "$keda_out/rbac/"; cp "$src"/config/metrics-server/*.yaml "$keda_out/metrics-server/"
  chmod -R u+w "$keda_out/crds" "$keda_out/rbac" "$keda_out/metrics-server"
}

total=$SECONDS
if $update; then
  step "derive go/etcd (etcd v$ETCD_VERSION)" derive_etcd
  step "derive go/kubernetes (k8s.io/kubernetes v$KUBERNETES_VERSION, staging modules replaced from its go.mod)" derive_kubernetes
  step "derive go/helm (helm v$HELM_VERSION)" derive_helm
  if $with_keda; then step "derive go/keda (KEDA v$KEDA_VERSION, its replace and exclude directives)" derive_keda; fi
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
if ! $with_keda; then
  log "KEDA left out (--without-keda)"
elif $update || ! have_keda; then
  step "build keda-operator, keda-adapter v$KEDA_VERSION" build_keda
  have_keda || { log "keda-operator, keda-adapter or KEDA's CRDs are missing in $keda_out" >&2; exit 1; }
  log "KEDA v$KEDA_VERSION in $keda_out/bin, CRDs in $keda_out/crds"
else
  log "KEDA present in $keda_out/bin"
fi
log "all built in $((SECONDS - total)) s into $out/bin, $helm_out/bin and $keda_out/bin"
