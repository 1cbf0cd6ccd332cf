#!/usr/bin/env bash
# Runs every test. First installs what the tests need when it is missing and this is root (as in CI):
# PostgreSQL (tests run the store against it), the openstack CLI (acceptance tests drive it), iproute2.
# With --real-sites it runs only the tier on two real OpenStack regions, which it installs, starts and stops.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-java.sh"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v openstack >/dev/null 2>&1 || missing+=(python3-openstackclient)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
command -v tcpdump >/dev/null 2>&1 || missing+=(tcpdump)
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
if [ "${1:-}" = "--real-sites" ]; then
  # The tier on two real OpenStack regions (Debian's Zed) sharing one Keystone: installed and started here, and
  # stopped again at the end, whatever the outcome.
  shift
  if [ "$(id -u)" != 0 ]; then
    echo "cascadia test --real-sites: installing and starting real OpenStack needs root" >&2
    exit 2
  fi
  bash "$ROOT/scripts/real-sites/install.sh"
  SITES_DIR="$(mktemp -d /tmp/cascadia-real-sites.XXXXXX)"
  trap 'bash "$ROOT/scripts/real-sites/stop.sh" "$SITES_DIR"' EXIT
  bash "$ROOT/scripts/real-sites/start.sh" "$SITES_DIR"
  export CASCADIA_SITES_JSON="$SITES_DIR/sites.json"
  mvn -B -ntp --fail-at-end verify -pl app -am -Dgroups=real-sites -Dcascadia.test.excluded-groups= "$@"
  exit $?
fi
exec mvn -B -ntp --fail-at-end verify "$@"
