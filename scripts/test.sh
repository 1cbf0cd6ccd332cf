#!/usr/bin/env bash
# Runs every test. First installs what the tests need when it is missing and this is root (as in CI):
# PostgreSQL (tests run the store against it), the openstack CLI (acceptance tests drive it), iproute2, ping,
# tcpdump and nc (the dataplane tests and the demo's tour use them).
# As root it also runs the tier on two real OpenStack regions (tests tagged real-sites): it installs their packages
# in the background, at low CPU and I/O priority, while the other tests run, then starts the regions, runs the tier
# against them and stops exactly what it started. With --real-sites it runs only that tier.
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
install_pid=""
status=0
# Stops exactly what the real regions' setup started, whatever the outcome: an install still running is ended first.
stop_real_sites() {
  if [ -n "$install_pid" ] && kill -0 "$install_pid" 2>/dev/null; then
    kill -TERM -- "-$install_pid" 2>/dev/null || true
    wait "$install_pid" 2>/dev/null || true
  fi
  [ -z "$SITES_DIR" ] || bash "$ROOT/scripts/real-sites/stop.sh" "$SITES_DIR" || true
  # Their databases and images go; their logs stay when something failed.
  if [ -n "$SITES_DIR" ] && [ "$status" = 0 ]; then rm -rf "$SITES_DIR" "$SITES_DIR.log"; fi
}
if [ $real_sites = 1 ]; then
  SITES_DIR="$(mktemp -d /tmp/cascadia-real-sites.XXXXXX)"
  trap stop_real_sites EXIT
  # The packages are installed while the other tests run, at low CPU and I/O priority; the regions start only once
  # those tests are done (22 idle OpenStack services would slow them down), at full speed.
  echo "cascadia test: installing real OpenStack's packages in the background (log: $SITES_DIR.log)" >&2
  setsid -w nice -n 10 ionice -c 3 bash "$ROOT/scripts/real-sites/install.sh" > "$SITES_DIR.log" 2>&1 < /dev/null &
  install_pid=$!
fi

if [ $only_real_sites = 0 ]; then
  mvn -B -ntp --fail-at-end verify "$@" || status=$?
  # Interrupted (Ctrl-C reaches Maven first): stop here rather than go on to the real regions.
  [ "$status" -le 128 ] || exit "$status"
fi

if [ $real_sites = 1 ]; then
  if ! wait "$install_pid" || ! bash "$ROOT/scripts/real-sites/start.sh" "$SITES_DIR" >> "$SITES_DIR.log" 2>&1; then
    install_pid=""
    echo "cascadia test: the real OpenStack regions did not start; the end of $SITES_DIR.log:" >&2
    tail -40 "$SITES_DIR.log" >&2
    status=1
    exit 1
  fi
  install_pid=""
  grep -E '^(install.sh: done|start.sh: (install|first start|restart|[0-9]+ processes))' "$SITES_DIR.log" >&2 || true
  export CASCADIA_SITES_JSON="$SITES_DIR/sites.json"
  # Up to the test phase only: the main run above packaged everything already.
  mvn -B -ntp --fail-at-end test -pl app -am -Dgroups=real-sites -Dcascadia.test.excluded-groups= \
    -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
fi
exit $status
