#!/usr/bin/env bash
# check.sh DIR: the acceptance check, with the openstack CLI, in each region of a started DIR:
# a vxlan network with a chosen segment, a subnet, a port with a fixed IP and a chosen MAC, a server
# on the fake driver with that port to ACTIVE, a 1 GiB volume attached (in-use) and detached
# (available), then everything deleted.
set -euo pipefail
DIR=$(cd "$1" && pwd)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
# shellcheck disable=SC1091
source "$DIR/env.sh"
t0=$(date +%s)
wait_for() {  # wait_for SECONDS WANTED COMMAND...: until COMMAND prints WANTED
  local seconds=$1 want=$2 got=; shift 2
  for _ in $(seq "$seconds"); do
    got=$("$@" 2>/dev/null || true)
    [ "$got" = "$want" ] && return 0
    [ "$got" = ERROR ] && break
    sleep 1
  done
  echo "check.sh: wanted $want from '$*', got '$got'" >&2; return 1
}
img=$DIR/check-image.raw
[ -e "$img" ] || head -c 1048576 /dev/zero > "$img"
openstack image show check-image >/dev/null 2>&1 || \
  openstack image create --disk-format raw --container-format bare --public --file "$img" check-image -f value -c id
openstack flavor show check.tiny >/dev/null 2>&1 || openstack flavor create --vcpus 1 --ram 64 --disk 1 check.tiny -f value -c id
for region in $CASCADIA_REGIONS; do
  export OS_REGION_NAME=$region
  n=$((n = ${n:-0} + 1))
  echo "== $region"
  openstack flavor show check.tiny >/dev/null 2>&1 || openstack flavor create --vcpus 1 --ram 64 --disk 1 check.tiny -f value -c id
  net=$(openstack network create --provider-network-type vxlan --provider-segment 5001 check-net -f value -c id)
  openstack network show "$net" -f value -c provider:network_type -c provider:segmentation_id | tr '\n' ' '; echo
  openstack subnet create --network "$net" --subnet-range 10.50.0.0/24 check-subnet -f value -c id >/dev/null
  port=$(openstack port create --network "$net" --fixed-ip subnet=check-subnet,ip-address=10.50.0.50 \
    --mac-address fa:16:3e:00:50:0$n check-port -f value -c id)
  openstack port show "$port" -f value -c mac_address -c fixed_ips | tr '\n' ' '; echo
  server=$(openstack server create --flavor check.tiny --image check-image --nic port-id="$port" check-server -f value -c id)
  wait_for 120 ACTIVE openstack server show "$server" -f value -c status
  openstack server show "$server" -f value -c OS-EXT-AZ:availability_zone -c OS-EXT-SRV-ATTR:host | tr '\n' ' '; echo
  echo "port status and binding: $(openstack port show "$port" -f value -c status -c binding_vif_type -c binding_host_id | tr "\n" " ")"
  vol=$(openstack volume create --size 1 check-volume -f value -c id)
  wait_for 60 available openstack volume show "$vol" -f value -c status
  openstack server add volume "$server" "$vol"
  wait_for 60 in-use openstack volume show "$vol" -f value -c status
  openstack server remove volume "$server" "$vol"
  wait_for 60 available openstack volume show "$vol" -f value -c status
  openstack server delete --wait "$server"
  openstack volume delete "$vol"
  openstack port delete "$port"
  openstack subnet delete check-subnet
  openstack network delete "$net"
  echo "$region: network, subnet, port, server ACTIVE, volume attach/detach, deletes: all passed"
done
export OS_REGION_NAME=RegionOne
openstack image delete check-image
echo "check.sh: both regions passed in $(( $(date +%s) - t0 )) s"
