#!/usr/bin/env bash
# Installs, from Debian bookworm's own packages, what start.sh needs to run two real OpenStack (Zed)
# regions on loopback: PostgreSQL 15, RabbitMQ, Keystone, Glance, Placement, Nova (api, conductor,
# scheduler; nova-compute runs from python3-nova with the fake driver, so no hypervisor package),
# Neutron (server, ML2, linuxbridge agent) and Cinder (api, scheduler, volume).
# Idempotent. No service is left running: a temporary policy-rc.d refuses every start during the
# install, and anything a postinst started anyway is stopped afterwards. Run as root.
set -euo pipefail
started=$(date +%s)

packages=(
  postgresql-15 python3-psycopg2
  rabbitmq-server memcached
  keystone
  glance-api
  placement-api
  nova-api nova-conductor nova-scheduler python3-nova
  neutron-server neutron-linuxbridge-agent
  cinder-api cinder-scheduler cinder-volume
  python3-openstackclient
  uwsgi-core uwsgi-plugin-python3
  iproute2 curl procps
)

# Not postgres: other programs (the other tests, run meanwhile by ./cascadia test) run servers as postgres, and the
# package's own cluster is stopped by name below.
service_users=(rabbitmq memcache keystone glance placement nova neutron cinder)
pids_of_service_users() {
  for user in "${service_users[@]}"; do id "$user" >/dev/null 2>&1 && pgrep -u "$user" || true; done
}
before=$(pids_of_service_users)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install.sh: all ${#packages[@]} packages already installed"
else
  echo "install.sh: installing ${#missing[@]} packages: ${missing[*]}"
  policy=/usr/sbin/policy-rc.d
  had_policy=0
  if [ -e "$policy" ]; then had_policy=1; cp -a "$policy" "$policy.cascadia-saved"; fi
  printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"
  restore_policy() {
    if [ "$had_policy" = 1 ]; then mv -f "$policy.cascadia-saved" "$policy"; else rm -f "$policy"; fi
  }
  trap restore_policy EXIT
  export DEBIAN_FRONTEND=noninteractive
  # Debian's OpenStack packages ask (through debconf) whether to configure a database, register
  # endpoints in Keystone and so on; the noninteractive defaults answer no, and start.sh does it all.
  apt-get update -qq
  apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
  restore_policy; trap - EXIT
fi

# Stop whatever a postinst started regardless of policy-rc.d (without systemd, some packages call
# their daemons directly): the processes of the packages' system users that did not run before the
# install, by PID, and the clusters of Debian's PostgreSQL package, by name. start.sh runs everything
# as root with configs under its DIR, so none of its processes is among them.
if [ ${#missing[@]} -gt 0 ]; then
  leftover=()
  for pid in $(pids_of_service_users); do
    grep -qx "$pid" <<<"$before" || leftover+=("$pid")
  done
  if [ ${#leftover[@]} -gt 0 ]; then
    echo "install.sh: stopping what the packages started: ${leftover[*]}"
    kill -TERM "${leftover[@]}" 2>/dev/null || true
    sleep 3
    kill -KILL "${leftover[@]}" 2>/dev/null || true
  fi
  for cluster in /etc/postgresql/*/main; do
    [ -d "$cluster" ] && pg_ctlcluster "$(basename "$(dirname "$cluster")")" main stop 2>/dev/null || true
  done
fi

elapsed=$(( $(date +%s) - started ))
# start.sh prints the last real install's time beside its own.
[ ${#missing[@]} -eq 0 ] || echo "$elapsed" > /var/tmp/cascadia-real-sites-install.seconds
echo "install.sh: done in $elapsed s"
