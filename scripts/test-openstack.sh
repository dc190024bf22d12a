#!/usr/bin/env bash
# `npm run test:openstack`: installs Keystone, Swift and Barbican from Debian if missing, starts
# them on 127.0.0.1 (scripts/openstack-loopback.sh), runs the suites that need them and stops
# them again, unless they were already running before (a developer's own session: left as is).
set -euo pipefail
cd "$(dirname "$0")/.."
loopback=scripts/openstack-loopback.sh
if bash "$loopback" status; then
  already_running=1
else
  already_running=0
  trap 'bash "$loopback" stop' EXIT
  bash "$loopback" start
fi
# With the services up, a suite that cannot reach them fails instead of skipping.
HDH_REQUIRE_OPENSTACK=1 npx vitest run test/openstack "$@"
[ "$already_running" = 1 ] && echo "test:openstack: services left running (they were before)"
exit 0
