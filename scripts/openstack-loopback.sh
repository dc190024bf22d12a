#!/usr/bin/env bash
# A real OpenStack on 127.0.0.1 for the tests: Keystone (SQLite), Swift (one replica, storage in
# a temporary folder) and Barbican (simple crypto plugin), from Debian's packages.
#
#   scripts/openstack-loopback.sh start    install what is missing, start, provision, write env
#   scripts/openstack-loopback.sh stop     stop everything this script started, remove its state
#   scripts/openstack-loopback.sh status   exit 0 when all three answer
#
# The tests read $HDH_OPENSTACK_STATE/env.json (default /tmp/hdh-openstack-loopback/env.json),
# written last by `start` (test/openstack/loopback-env.ts). Every service binds 127.0.0.1 only,
# with one worker process each: the machine is shared.
#
# Traps this script avoids (met when installing the packages, issue 15):
# - the packages' init scripts start services on install unless policy-rc.d refuses (exit 101);
# - Keystone on SQLite under uwsgi answers "database is locked" unless the database is in WAL
#   mode and each worker has one thread; uwsgi's keep-alive resets connections unless responses
#   close them (Connection: close);
# - Barbican refuses orders from `member` users unless the new default policies are enforced;
# - Swift needs no mounted device with mount_check = false (xattrs work on ext4/overlay);
# - a uwsgi stop during start-up can hang: stopping falls back to SIGKILL.
set -Eeuo pipefail

state="${HDH_OPENSTACK_STATE:-/tmp/hdh-openstack-loopback}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
py=/usr/bin/python3
# Ports: far from the services' defaults (5000, 8080, 9311), so a developer's own OpenStack or
# another tool on this machine is not disturbed.
keystone_port="${HDH_KEYSTONE_PORT:-35357}"
proxy_port="${HDH_SWIFT_PROXY_PORT:-35380}"
object_port=35381
container_port=35382
account_port=35383
barbican_port="${HDH_BARBICAN_PORT:-35311}"
admin_password=hdh-loopback-admin
service_password=hdh-loopback-service
packages=(keystone swift-proxy swift-account swift-container swift-object barbican-api)
# Keystone's database once bootstrapped and provisioned, with env.json, kept outside the repository
# and keyed by Keystone's version, the ports and this script's and provision.ts's text: a later
# start restores it instead of running keystone-manage and ~60 API calls again.
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/hdh/openstack-loopback"

log() { printf 'openstack-loopback: %s\n' "$*" >&2; }

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "missing Debian packages ${missing[*]} and cannot install them (need root and apt-get)"
    return 1
  fi
  # Refuse every service start during the install: we start what we need ourselves, on loopback.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
  fi
  log "installing ${missing[*]} (about 2-4 minutes)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >"$state.install.log" 2>&1 || { log "apt-get failed, see $state.install.log"; return 1; }
}

wait_http() { # url, seconds
  local i
  for ((i = 0; i < $2 * 5; i++)); do
    curl -s -o /dev/null -m 2 "$1" && return 0
    sleep 0.2
  done
  log "$1 did not answer within $2 s"
  return 1
}

# Start a process in its own session, its pid in $state/pids/<name>, output in $state/log/<name>.
spawn() {
  local name=$1
  shift
  setsid "$@" >"$state/log/$name.log" 2>&1 </dev/null &
  echo $! >"$state/pids/$name"
}

write_keystone_conf() {
  mkdir -p "$state/keystone/fernet-keys" "$state/keystone/credential-keys"
  cat >"$state/keystone/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true
[database]
connection = sqlite:///$state/keystone/keystone.db
[token]
provider = fernet
expiration = 7200
[fernet_tokens]
key_repository = $state/keystone/fernet-keys
[fernet_receipts]
key_repository = $state/keystone/fernet-keys
[credential]
key_repository = $state/keystone/credential-keys
[identity]
# bcrypt's cheapest cost: test passwords and credential secrets need no brute-force resistance,
# and the default (12) costs a second of the one worker's time per login.
password_hash_rounds = 4
[oslo_policy]
enforce_new_defaults = true
EOF
}

snapshot_path() {
  local key
  key=$({
    dpkg-query -W -f='${Version}' keystone
    echo "$keystone_port $proxy_port $barbican_port"
    cat "$0" "$repo/scripts/openstack-loopback/provision.ts"
  } | sha256sum | cut -c1-16)
  echo "$cache_dir/keystone-$key.tar"
}

# Saves the provisioned Keystone (a consistent copy of the live database) and env.json.
save_snapshot() {
  local tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/keystone" "$cache_dir"
  "$py" -c "import sqlite3,sys; s=sqlite3.connect(sys.argv[1]); d=sqlite3.connect(sys.argv[2]); s.backup(d); d.close()" \
    "$state/keystone/keystone.db" "$tmp/keystone/keystone.db"
  cp -r "$state/keystone/fernet-keys" "$state/keystone/credential-keys" "$tmp/keystone/"
  cp "$state/env.json" "$tmp/env.json"
  tar -cf "$1.tmp" -C "$tmp" keystone env.json && mv "$1.tmp" "$1"
  rm -rf "$tmp"
}

bootstrap_keystone() {
  local conf="$state/keystone/keystone.conf" manage_log="$state/log/keystone-manage.log"
  keystone-manage --config-file "$conf" db_sync >>"$manage_log" 2>&1
  # WAL lets the worker read while another request writes; the mode is kept in the file.
  "$py" -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')" \
    "$state/keystone/keystone.db"
  keystone-manage --config-file "$conf" fernet_setup --keystone-user root --keystone-group root \
    >>"$manage_log" 2>&1
  keystone-manage --config-file "$conf" credential_setup --keystone-user root \
    --keystone-group root >>"$manage_log" 2>&1
  keystone-manage --config-file "$conf" bootstrap --bootstrap-password "$admin_password" \
    --bootstrap-admin-url "http://127.0.0.1:$keystone_port/v3/" \
    --bootstrap-internal-url "http://127.0.0.1:$keystone_port/v3/" \
    --bootstrap-public-url "http://127.0.0.1:$keystone_port/v3/" \
    --bootstrap-region-id RegionOne >>"$manage_log" 2>&1
}

run_keystone() {
  local conf="$state/keystone/keystone.conf"
  OS_KEYSTONE_CONFIG_FILES="$conf" spawn keystone uwsgi --plugin python3 \
    --http-socket "127.0.0.1:$keystone_port" --wsgi-file /usr/bin/keystone-wsgi-public \
    --master --processes 1 --threads 1 --die-on-term --add-header "Connection: close" \
    --buffer-size 65535 --need-app
  wait_http "http://127.0.0.1:$keystone_port/v3" 60
}

authtoken_section() { # service name, service type
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:$keystone_port/v3
auth_url = http://127.0.0.1:$keystone_port/v3
auth_type = password
username = $1
password = $service_password
project_name = service
user_domain_id = default
project_domain_id = default
# keystonemiddleware checks application credentials' access rules only when it knows which
# service it protects.
service_type = $2
EOF
}

start_swift() {
  local dir="$state/swift"
  mkdir -p "$dir/devices/d1" "$dir/run" "$dir/cache"
  local server
  for server in object container account; do
    local port_var="${server}_port"
    cat >"$dir/$server-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = ${!port_var}
workers = 0
devices = $dir/devices
mount_check = false
swift_dir = $dir
log_name = swift-$server
[pipeline:main]
pipeline = $server-server
[app:$server-server]
use = egg:swift#$server
[$server-replicator]
[$server-updater]
[$server-auditor]
EOF
    [ "$server" = container ] && printf '[container-sync]\n' >>"$dir/$server-server.conf"
    if [ ! -f "$dir/$server.ring.gz" ]; then
      swift-ring-builder "$dir/$server.builder" create 6 1 1 >/dev/null
      swift-ring-builder "$dir/$server.builder" add "r1z1-127.0.0.1:${!port_var}/d1" 100 >/dev/null
      swift-ring-builder "$dir/$server.builder" rebalance >/dev/null || true
    fi
  done
  # The proxy's middlewares in the upstream sample's order (proxy-server.conf-sample), with
  # Keystone auth: tempurl is there, as a real deployment has it, so the tests can prove that
  # a workspace cannot set a temp-URL key; versioned_writes serves the audit container.
  cat >"$dir/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $proxy_port
workers = 0
swift_dir = $dir
log_name = swift-proxy
[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging listing_formats bulk tempurl authtoken keystoneauth copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:tempurl]
use = egg:swift#tempurl
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
$(authtoken_section swift object-store | tail -n +2)
[filter:keystoneauth]
use = egg:swift#keystoneauth
# Swift's own default: only these roles own an account (create containers, set ACLs and
# temp-URL keys); everybody else gets what container ACLs grant.
operator_roles = admin, swiftoperator
[filter:copy]
use = egg:swift#copy
[filter:container-quotas]
use = egg:swift#container_quotas
[filter:account-quotas]
use = egg:swift#account_quotas
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
allow_object_versioning = true
[filter:symlink]
use = egg:swift#symlink
EOF
  for server in object container account; do
    spawn "swift-$server" "swift-$server-server" "$dir/$server-server.conf"
  done
  spawn swift-proxy swift-proxy-server "$dir/proxy-server.conf"
  wait_http "http://127.0.0.1:$proxy_port/healthcheck" 60
}

start_barbican() {
  local dir="$state/barbican"
  # oslo.config reads ~/.barbican/barbican.conf before /etc/barbican/barbican.conf.
  mkdir -p "$dir/home/.barbican"
  cat >"$dir/home/.barbican/barbican.conf" <<EOF
[DEFAULT]
sql_connection = sqlite:///$dir/barbican.db
db_auto_create = true
host_href = http://127.0.0.1:$barbican_port
use_stderr = true
[oslo_policy]
# The secure RBAC defaults: a project's member may create secrets and orders, a reader may not.
enforce_new_defaults = true
enforce_scope = true
[secretstore]
enabled_secretstore_plugins = store_crypto
[crypto]
enabled_crypto_plugins = simple_crypto
[simple_crypto_plugin]
kek = $("$py" -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')
[queue]
# Orders are processed inside the API request: no worker, no message bus.
enable = false
$(authtoken_section barbican key-manager)
EOF
  HOME="$dir/home" spawn barbican uwsgi --plugin python3 \
    --http-socket "127.0.0.1:$barbican_port" --paste config:/etc/barbican/barbican-api-paste.ini \
    --master --processes 1 --threads 1 --die-on-term --add-header "Connection: close" \
    --buffer-size 65535 --need-app --no-default-app
  wait_http "http://127.0.0.1:$barbican_port/" 90
}

stop_all() {
  [ -d "$state/pids" ] || return 0
  local f pid
  for f in "$state"/pids/*; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    # A pid file left by an earlier boot may name someone else's process now: only ours.
    if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null |
      grep -qE "$state|keystone-wsgi-public|barbican-api-paste"; then
      rm -f "$f"
      continue
    fi
    # Each service runs in its own session (setsid): signal its whole group.
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for f in "$state"/pids/*; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    # uwsgi can hang when stopped during start-up: kill what is left.
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

status() {
  curl -sf -o /dev/null -m 2 "http://127.0.0.1:$keystone_port/v3" &&
    curl -sf -o /dev/null -m 2 "http://127.0.0.1:$proxy_port/healthcheck" &&
    curl -s -o /dev/null -m 2 "http://127.0.0.1:$barbican_port/" &&
    [ -f "$state/env.json" ]
}

case "${1:-}" in
  start)
    if status; then
      log "already running ($state/env.json)"
      exit 0
    fi
    started=$(date +%s)
    install_missing
    stop_all
    rm -rf "$state"
    mkdir -p "$state/pids" "$state/log"
    trap 'log "start failed; logs in $state/log"; stop_all' ERR
    snapshot=$(snapshot_path)
    write_keystone_conf
    if [ -f "$snapshot" ]; then
      tar -xf "$snapshot" -C "$state" keystone
      "$py" -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode=WAL')" \
        "$state/keystone/keystone.db"
      run_keystone
      start_swift &
      swift_started=$!
      start_barbican
      wait "$swift_started"
      # env.json last: its presence tells the tests everything answers.
      tar -xf "$snapshot" -C "$state" env.json
      trap - ERR
      log "up in $(($(date +%s) - started)) s (Keystone restored from $snapshot)"
      exit 0
    fi
    bootstrap_keystone
    run_keystone
    # Keystone must know the service users before Swift and Barbican validate any token.
    HDH_OPENSTACK_STATE="$state" HDH_KEYSTONE_URL="http://127.0.0.1:$keystone_port/v3" \
      HDH_ADMIN_PASSWORD="$admin_password" HDH_SERVICE_PASSWORD="$service_password" \
      HDH_SWIFT_URL="http://127.0.0.1:$proxy_port" HDH_BARBICAN_URL="http://127.0.0.1:$barbican_port" \
      node --import tsx "$repo/scripts/openstack-loopback/provision.ts" services
    start_swift &
    swift_started=$!
    start_barbican
    wait "$swift_started"
    HDH_OPENSTACK_STATE="$state" HDH_KEYSTONE_URL="http://127.0.0.1:$keystone_port/v3" \
      HDH_ADMIN_PASSWORD="$admin_password" HDH_SERVICE_PASSWORD="$service_password" \
      HDH_SWIFT_URL="http://127.0.0.1:$proxy_port" HDH_BARBICAN_URL="http://127.0.0.1:$barbican_port" \
      node --import tsx "$repo/scripts/openstack-loopback/provision.ts" identities
    save_snapshot "$snapshot"
    trap - ERR
    log "up in $(($(date +%s) - started)) s; environment in $state/env.json"
    ;;
  stop)
    stop_all
    rm -rf "$state"
    log "stopped"
    ;;
  status)
    status
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
