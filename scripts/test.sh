#!/usr/bin/env bash
# Runs every test. First installs what the tests need when it is missing and this is root (as in CI):
# PostgreSQL (tests run the store against it), the openstack CLI (acceptance tests drive it), iproute2, ping,
# tcpdump and nc (the dataplane tests and the demo's tour use them).
# As root it also runs the tier on two real OpenStack regions (tests tagged real-sites): it installs and starts
# them in the background, at low CPU and I/O priority, while the other tests run, then runs the tier against them
# and stops exactly what it started. With --real-sites it runs only that tier.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-java.sh"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v openstack >/dev/null 2>&1 || missing+=(python3-openstackclient)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
command -v tcpdump >/dev/null 2>&1 || missing+=(tcpdump)
command -v nc >/dev/null 2>&1 || missing+=(netcat-openbsd)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "cascadia test: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # The package starts a cluster of its own; tests start private servers, so stop it.
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      for cluster in /etc/postgresql/*/main; do
        [ -d "$cluster" ] && pg_ctlcluster "$(basename "$(dirname "$cluster")")" main stop 2>/dev/null || true
      done
    fi
  else
    echo "cascadia test: not root, so cannot install ${missing[*]}; tests that need them are skipped with a reason" >&2
  fi
fi

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export CASCADIA_REQUIRE_POSTGRES=1
fi
if command -v openstack >/dev/null 2>&1; then
  export CASCADIA_REQUIRE_OPENSTACK_CLI=1
fi
cd "$ROOT"

only_real_sites=0
if [ "${1:-}" = "--real-sites" ]; then
  shift
  only_real_sites=1
fi
real_sites=0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  real_sites=1
elif [ $only_real_sites = 1 ]; then
  echo "cascadia test --real-sites: installing and starting real OpenStack needs root with apt-get" >&2
  exit 2
else
  echo "cascadia test: not root with apt-get, so the tier on real OpenStack regions (real-sites) is not run" >&2
fi

SITES_DIR=""
setup_pid=""
# Stops exactly what the real regions' setup started, whatever the outcome: a setup still running is ended first.
stop_real_sites() {
  if [ -n "$setup_pid" ] && kill -0 "$setup_pid" 2>/dev/null; then
    kill -TERM -- "-$setup_pid" 2>/dev/null || true
    wait "$setup_pid" 2>/dev/null || true
  fi
  [ -z "$SITES_DIR" ] || bash "$ROOT/scripts/real-sites/stop.sh" "$SITES_DIR" || true
}
if [ $real_sites = 1 ]; then
  SITES_DIR="$(mktemp -d /tmp/cascadia-real-sites.XXXXXX)"
  trap stop_real_sites EXIT
  echo "cascadia test: installing and starting two real OpenStack regions in the background (log: $SITES_DIR.log)" >&2
  # Its own process group (setsid), so that an early exit can end the whole setup.
  setsid nice -n 10 ionice -c 3 bash -c 'bash "$1/scripts/real-sites/install.sh" && bash "$1/scripts/real-sites/start.sh" "$2"' \
    _ "$ROOT" "$SITES_DIR" > "$SITES_DIR.log" 2>&1 < /dev/null &
  setup_pid=$!
fi

status=0
if [ $only_real_sites = 0 ]; then
  mvn -B -ntp --fail-at-end verify "$@" || status=$?
fi

if [ $real_sites = 1 ]; then
  started=$(date +%s)
  if ! wait "$setup_pid"; then
    echo "cascadia test: the real OpenStack regions did not start; the end of $SITES_DIR.log:" >&2
    tail -40 "$SITES_DIR.log" >&2
    exit 1
  fi
  setup_pid=""
  echo "cascadia test: real regions ready ($(( $(date +%s) - started )) s after the other tests); their setup:" >&2
  grep -E '^(install.sh: done|start.sh: (install|first start|restart|[0-9]+ processes))' "$SITES_DIR.log" >&2 || true
  # The regions were started at low priority so as not to slow the other tests; the tier needs them at full speed.
  awk '{print $1}' "$SITES_DIR/pids" | xargs -r renice -n 0 -p >/dev/null 2>&1 || true
  awk '{print $1}' "$SITES_DIR/pids" | xargs -r ionice -c 2 -n 4 -p >/dev/null 2>&1 || true
  export CASCADIA_SITES_JSON="$SITES_DIR/sites.json"
  mvn -B -ntp --fail-at-end verify -pl app -am -Dgroups=real-sites -Dcascadia.test.excluded-groups= \
    -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
fi
exit $status
