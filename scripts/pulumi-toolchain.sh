#!/usr/bin/env bash
# The pinned Pulumi toolchain, built from Go modules (the only way a Pulumi CLI reaches the
# project's machines: no installer, no release archive, no run-time plugin download).
#
#   scripts/pulumi-toolchain.sh probe
#       resolve every module the toolchain needs on the Go module proxy ($GOPROXY: point it at
#       your EU mirror of the proxy); exit 3 naming each module it refuses, with the proxy's words
#   scripts/pulumi-toolchain.sh cli
#       build (or reuse) the Pulumi CLI alone, at the lockfile's @pulumi/pulumi version; prints
#       its directory (bin/pulumi). The one part of the toolchain the proxy serves here; the tests
#       use it to load the policy pack in the real CLI (docs/ci.md)
#   scripts/pulumi-toolchain.sh install <archive-url-or-path> <sha256>
#       unpack a toolchain archive your EU mirror serves, refusing it unless its SHA-256 is the
#       one given, its CLI is the lockfile's @pulumi/pulumi version and it carries a plugin for
#       every provider package at the lockfile's version; installs the plugins into its own
#       PULUMI_HOME and prints the toolchain directory (bin/ for PATH, home/ for PULUMI_HOME).
#       Archive layout: bin/pulumi, bin/pulumi-language-nodejs, plugins/pulumi-resource-<name>-v<version>
#
# There is no `build` of the whole toolchain yet: on 2026-12-03 the proxy refused the Node.js
# language host and the provider modules (see `probe`), and nothing here pretends otherwise.
#
# Versions come from package-lock.json of the checkout this runs in, so an upgrade of
# @pulumi/pulumi or of a provider package moves the toolchain with it. The cache lives outside
# the repository, keyed by those versions: $HDH_TOOLCHAIN_CACHE (default ~/.cache/hdh/pulumi-toolchain).
#
# Facts this relies on (checked against the module proxy and the sources on 2026-12-03):
# - github.com/pulumi/pulumi/pkg/v3 carries `replace github.com/pulumi/pulumi/sdk/v3 => ../sdk`
#   (pkg/go.mod at v3.248.0), so `go install module@version` refuses it: a wrapper module of ours
#   requires it and runs `go build` on cmd/pulumi, copying the one replace that matters outside
#   the Pulumi repository (github.com/atotto/clipboard => github.com/tgummerer/clipboard).
# - The provider modules (github.com/pulumi/pulumi-<name>/provider/vN) live in a subdirectory
#   that has no tags of its own, so they are asked for at the release's commit. The proxy says
#   which commit a tag is only for a tagged module: the provider's Go SDK, tagged sdk/vX.Y.Z
#   (the .info Origin.Hash). For openstack that is the release commit (sdk/v3.15.2 and v3.15.2
#   are both a9de4228); for kubernetes it is not (sdk/v4.32.0 is 45c44175, v4.32.0 a03ff6ba),
#   so a future build must check the commit against the provider's own version before trusting it.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
lockfile="${HDH_LOCKFILE:-$here/package-lock.json}"
cache_root="${HDH_TOOLCHAIN_CACHE:-$HOME/.cache/hdh/pulumi-toolchain}"
export GOMODCACHE="${GOMODCACHE_HDH:-$HOME/.cache/hdh/go/mod}"
export GOCACHE="${GOCACHE_HDH:-$HOME/.cache/hdh/go/build}"
export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

die() { echo "pulumi-toolchain: $*" >&2; exit "${EXIT_CODE:-1}"; }
need_go() { command -v go >/dev/null || die "go is not on PATH: install Go 1.25.11 or newer (the Pulumi modules ask for it)"; }
command -v node >/dev/null || die "node is not on PATH"
[ -f "$lockfile" ] || die "no lockfile at $lockfile"

# npm package -> plugin name, provider Go module, Go SDK module (whose tag names the release commit).
providers=(
  "@pulumi/openstack|openstack|github.com/pulumi/pulumi-openstack/provider/v3|github.com/pulumi/pulumi-openstack/sdk/v3"
  "@pulumi/kubernetes|kubernetes|github.com/pulumi/pulumi-kubernetes/provider/v4|github.com/pulumi/pulumi-kubernetes/sdk/v4"
  "@pulumi/random|random|github.com/pulumi/pulumi-random/provider/v4|github.com/pulumi/pulumi-random/sdk/v4"
  "@ovhcloud/pulumi-ovh|ovh|github.com/ovh/pulumi-ovh/provider/v2|github.com/ovh/pulumi-ovh/sdk/v2"
)

# The lockfile's version of each package above, read in one Node start ("name=version" lines;
# empty for a package the project does not use).
declare -A locked=()
while IFS='=' read -r package version; do locked[$package]="$version"; done < <(
  node -e 'const l=require(process.argv[1]);for(const n of process.argv.slice(2)){const p=l.packages["node_modules/"+n];console.log(n+"="+(p?p.version:""))}' \
    "$lockfile" @pulumi/pulumi "${providers[@]%%|*}"
)
locked_version() { printf '%s' "${locked[$1]:-}"; }

pulumi_version="$(locked_version @pulumi/pulumi)"
[ -n "$pulumi_version" ] || die "@pulumi/pulumi is not in $lockfile"

probe_dir="$(mktemp -d)"
trap 'rm -rf "$probe_dir"' EXIT
refused=()

# Ask the proxy about one module version; on refusal remember the exact command and its error.
# Not called in a subshell (the refusals must reach the caller): the JSON lands in $resolved.
resolved=""
resolve() { # module@version
  if ! resolved="$(cd "$probe_dir" && go mod download -json "$1" 2>&1)" || grep -q '"Error"' <<<"$resolved"; then
    refused+=("go mod download -json $1
    $(grep -E 'Error|403|404|410|not available|invalid' <<<"$resolved" | head -3 | tr -s ' ')")
    return 1
  fi
}
json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=process.argv[1].split(".").reduce((o,k)=>o&&o[k],JSON.parse(s));process.stdout.write(v??"")})' "$1"; }

probe() {
  need_go
  (cd "$probe_dir" && go mod init hdh.local/probe >/dev/null 2>&1)
  resolve "github.com/pulumi/pulumi/pkg/v3@v$pulumi_version" || true
  resolve "github.com/pulumi/pulumi/sdk/v3@v$pulumi_version" || true
  # The Node.js language host is its own module (sdk/nodejs/cmd/pulumi-language-nodejs/go.mod).
  resolve "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@v$pulumi_version" || true
  plugin_rows=()
  local row npm name module sdk version hash
  for row in "${providers[@]}"; do
    IFS='|' read -r npm name module sdk <<<"$row"
    version="$(locked_version "$npm")"
    [ -n "$version" ] || continue
    if resolve "$sdk@v$version"; then
      hash="$(json_field Origin.Hash <<<"$resolved")"
      if [ -z "$hash" ]; then
        refused+=("go mod download -json $sdk@v$version
    the proxy gave no Origin.Hash, so the commit of $npm $version is unknown")
        continue
      fi
      if resolve "$module@$hash"; then plugin_rows+=("$name|$version|$module|$hash"); fi
    fi
  done
  if [ "${#refused[@]}" -gt 0 ]; then
    {
      echo "pulumi-toolchain: the Go module proxy refuses ${#refused[@]} module(s) the toolchain needs:"
      printf '  %s\n' "${refused[@]}"
      echo "No toolchain is built from a partial set: nothing here pretends to be the Pulumi engine."
    } >&2
    exit 3
  fi
}

# A short hash of every version the toolchain must match (CLI and each provider plugin).
versions_key() {
  local row npm rest out="pulumi=$pulumi_version"
  for row in "${providers[@]}"; do
    IFS='|' read -r npm rest <<<"$row"
    out+=" $npm=$(locked_version "$npm")"
  done
  printf '%s' "$out" | sha256sum | cut -c1-16
}

# Builds the CLI in a wrapper module of ours; prints the directory holding bin/pulumi (the layout
# the Automation API's PulumiCommand.get({ root }) expects).
build_cli() {
  local out="$cache_root/cli-$pulumi_version" work got
  need_go
  if [ ! -x "$out/bin/pulumi" ]; then
    work="$(mktemp -d)"
    (
      cd "$work"
      go mod init hdh.local/pulumi-toolchain/cli >/dev/null 2>&1
      go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
      # The package path with its version: a bare `go get <package>` would move pkg/v3 to the newest release.
      go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$pulumi_version" "github.com/pulumi/pulumi/sdk/v3@v$pulumi_version"
      got="$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3) $(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/sdk/v3)"
      [ "$got" = "v$pulumi_version v$pulumi_version" ] || die "the wrapper module resolved pkg/sdk $got, not v$pulumi_version"
      rm -rf "$out.tmp" && mkdir -p "$out.tmp/bin"
      # nice: the machine is shared with test suites; the build only needs to finish, not win.
      nice -n 10 go build -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$pulumi_version" \
        -o "$out.tmp/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
    ) >&2
    rm -rf "$work" "$out" && mv "$out.tmp" "$out"
  fi
  echo "$out"
}

# Unpacks a checksum-verified toolchain archive and installs its plugins; prints its directory.
install_archive() {
  local source="$1" want="${2:-}" archive got dir name version row npm module sdk plugin
  [[ "$want" =~ ^[0-9a-f]{64}$ ]] || EXIT_CODE=2 die "the archive's SHA-256 must be 64 hex digits, got \"$want\" (set HDH_PULUMI_TOOLCHAIN_SHA256)"
  archive="$(mktemp)"
  case "$source" in
    https://*) curl -fsSL --proto =https -o "$archive" "$source" || die "cannot download $source" ;;
    http://* | ftp://*) EXIT_CODE=2 die "$source is not HTTPS: the archive must come over TLS from your mirror" ;;
    *) cp "$source" "$archive" || die "cannot read $source" ;;
  esac
  got="$(sha256sum "$archive" | cut -d' ' -f1)"
  [ "$got" = "$want" ] || { rm -f "$archive"; die "$source has SHA-256 $got, not the pinned $want: refused"; }
  # Keyed by the archive and by the lockfile's versions: an upgrade re-checks the same archive.
  dir="$cache_root/archive-$want-$(versions_key)"
  if [ ! -f "$dir/.installed" ]; then
    rm -rf "$dir" && mkdir -p "$dir/home"
    tar -xzf "$archive" -C "$dir" || die "$source is not a .tar.gz"
    [ -x "$dir/bin/pulumi" ] || die "$source has no bin/pulumi"
    [ -x "$dir/bin/pulumi-language-nodejs" ] || die "$source has no bin/pulumi-language-nodejs"
    got="$("$dir/bin/pulumi" version)"
    [ "$got" = "v$pulumi_version" ] || die "the archive's CLI is $got but package-lock.json has @pulumi/pulumi $pulumi_version: publish an archive for it"
    for row in "${providers[@]}"; do
      IFS='|' read -r npm name module sdk <<<"$row"
      version="$(locked_version "$npm")"
      [ -n "$version" ] || continue
      plugin="$dir/plugins/pulumi-resource-$name-v$version"
      [ -x "$plugin" ] || die "the archive has no plugins/pulumi-resource-$name-v$version, but package-lock.json has $npm $version"
      PULUMI_HOME="$dir/home" "$dir/bin/pulumi" plugin install resource "$name" "$version" --file "$plugin" >&2
    done
    touch "$dir/.installed"
  fi
  rm -f "$archive"
  echo "$dir"
}

case "${1:-}" in
  probe)
    probe
    echo "pulumi-toolchain: every module is served (Pulumi $pulumi_version, ${#plugin_rows[@]} provider plugins)"
    ;;
  cli) build_cli ;;
  install) install_archive "${2:-}" "${3:-}" ;;
  *) EXIT_CODE=2 die "usage: $0 probe | cli | install <archive-url-or-path> <sha256>" ;;
esac
