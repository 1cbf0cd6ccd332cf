#!/usr/bin/env bash
# start.sh DIR: starts two real OpenStack regions (RegionOne, RegionTwo) sharing one Keystone and
# one Glance, on 127.0.0.1 only, as background processes with every config, database, log and PID
# under DIR. A second run on a DIR whose processes were stopped reuses its databases.
# Needs install.sh first. Writes DIR/env.sh and DIR/sites.json; stop with stop.sh DIR.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
DIR=$(cd "$1" && pwd)
# Debian's python and entry points, never a pyenv or virtualenv python that may come first on PATH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH VIRTUAL_ENV PYTHONHOME
PY=/usr/bin/python3
SITES="$PY $HERE/sites.py"
t0=$(date +%s)
phase_start=$t0
timings=()
phase() { local now; now=$(date +%s); timings+=("$1: $((now - phase_start)) s"); phase_start=$now; echo "start.sh: $1 done ($((now - t0)) s)"; }

# --- refuse to start twice -------------------------------------------------------------------
# DIR/pids: one line per process, "PID START_TIME NAME"; START_TIME (field 22 of /proc/PID/stat)
# tells our process from a later one that reuses its PID.
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; echo "${20}"; }
if [ -s "$DIR/pids" ]; then
  while read -r pid started name; do
    if [ "$(start_time "$pid")" = "$started" ]; then
      echo "start.sh: $name (pid $pid) of $DIR is still running; run stop.sh $DIR first" >&2; exit 1
    fi
  done < "$DIR/pids"
fi
: > "$DIR/pids"
mkdir -p "$DIR/logs" "$DIR/run"
first_start=0; [ -e "$DIR/.initialized" ] || first_start=1

launch() {  # launch NAME COMMAND...: background process, own session, log in DIR/logs/NAME.log
  local name=$1; shift
  setsid "$@" >>"$DIR/logs/$name.log" 2>&1 < /dev/null &
  echo "$! $(start_time $!) $name" >> "$DIR/pids"
}
run_logged() {  # run_logged NAME COMMAND...: a one-shot command, its output in DIR/logs/NAME.log
  local name=$1; shift
  if ! "$@" >>"$DIR/logs/$name.log" 2>&1; then
    echo "start.sh: $name failed; last lines of $DIR/logs/$name.log:" >&2; tail -20 "$DIR/logs/$name.log" >&2; exit 1
  fi
}

alive_or_die() {  # every process started so far must still run; name the first that died
  local pid started name
  while read -r pid started name; do
    [ "$(start_time "$pid")" = "$started" ] && continue
    echo "start.sh: $name (pid $pid) exited; last lines of $DIR/logs/$name.log:" >&2
    tail -15 "$DIR/logs/$name.log" >&2; exit 1
  done < "$DIR/pids"
}
wait_url() { $SITES wait-url "$1" "$2" || { alive_or_die; exit 1; }; }
log_size() { stat -c %s "$DIR/logs/$1.log" 2>/dev/null || echo 0; }
wait_log() {  # wait_log NAME TEXT SECONDS OFFSET: until DIR/logs/NAME.log holds TEXT past byte OFFSET
  local deadline=$(( $(date +%s) + $3 ))
  until tail -c "+$(( $4 + 1 ))" "$DIR/logs/$1.log" 2>/dev/null | grep -qF "$2"; do
    alive_or_die
    [ "$(date +%s)" -lt "$deadline" ] || { echo "start.sh: $1 did not log '$2' in $3 s" >&2; exit 1; }
    sleep 1
  done
}
port_of() { local v="${1^^}_$2_PORT"; echo "${!v}"; }

# --- ports -----------------------------------------------------------------------------------
port_names=(PG_PORT AMQP_PORT RABBIT_DIST_PORT EPMD_PORT MEMCACHED_PORT KEYSTONE_PORT GLANCE_PORT)
for r in R1 R2; do port_names+=("${r}_NOVA_PORT" "${r}_PLACEMENT_PORT" "${r}_NEUTRON_PORT" "${r}_CINDER_PORT"); done
$SITES ports "$DIR" "${port_names[@]}"
# shellcheck disable=SC1091
source "$DIR/ports.env"
DB="postgresql+psycopg2://postgres@127.0.0.1:$PG_PORT"
KS="http://127.0.0.1:$KEYSTONE_PORT"
SERVICE_PASSWORD=service-secret
RABBIT_PASSWORD=rabbit-secret

# --- PostgreSQL: a private cluster under DIR --------------------------------------------------
PGBIN=/usr/lib/postgresql/15/bin
as_postgres() { setpriv --reuid postgres --regid postgres --init-groups "$@"; }
# `mktemp -d` makes DIR 0700; the postgres user needs to pass through it (not to read it).
as_postgres test -x "$DIR" || chmod go+x "$DIR"
as_postgres test -x "$DIR" || {
  echo "start.sh: the postgres user cannot enter $DIR; choose a DIR whose parents it can traverse (e.g. under /tmp)" >&2; exit 1; }
if [ ! -e "$DIR/pg/PG_VERSION" ]; then
  mkdir -p "$DIR/pg"; chown postgres:postgres "$DIR/pg"; chmod 700 "$DIR/pg"
  run_logged initdb setpriv --reuid postgres --regid postgres --init-groups \
    "$PGBIN/initdb" -D "$DIR/pg" -U postgres -A trust -E UTF8 --locale C.UTF-8
fi
mkdir -p "$DIR/run/pg"; chown postgres:postgres "$DIR/run/pg"
launch postgres setpriv --reuid postgres --regid postgres --init-groups \
  "$PGBIN/postgres" -D "$DIR/pg" -h 127.0.0.1 -p "$PG_PORT" -k "$DIR/run/pg" \
  -c max_connections=600 -c shared_buffers=128MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off
for _ in $(seq 60); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break; sleep 0.5; done
"$PGBIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >/dev/null || { echo "postgres did not start" >&2; tail "$DIR/logs/postgres.log" >&2; exit 1; }
# Region two's databases are copies of region one's, made once region one's are synced (below).
databases=(keystone glance r1_nova_api r1_nova r1_nova_cell0 r1_placement r1_neutron r1_cinder)
have=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "select datname from pg_database")
for d in "${databases[@]}"; do
  grep -qx "$d" <<<"$have" || psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "create database $d" >/dev/null
done
phase "postgresql"

# --- RabbitMQ: a private node, cookie and epmd under DIR ---------------------------------------
RB=$DIR/rabbit
mkdir -p "$RB/mnesia" "$RB/log"
[ -e "$RB/.erlang.cookie" ] || { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$RB/.erlang.cookie"; chmod 400 "$RB/.erlang.cookie"; }
cat > "$RB/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
loopback_users = none
log.file.level = warning
vm_memory_high_watermark.absolute = 512MiB
disk_free_limit.absolute = 50MB
EOF
echo '[].' > "$RB/enabled_plugins"
: > "$RB/rabbitmq-env.conf"
rabbit_env=(env HOME="$RB" ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1
  RABBITMQ_CONF_ENV_FILE="$RB/rabbitmq-env.conf" RABBITMQ_NODENAME=cascadia@localhost
  RABBITMQ_CONFIG_FILE="$RB/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$RB/enabled_plugins"
  RABBITMQ_MNESIA_BASE="$RB/mnesia" RABBITMQ_LOG_BASE="$RB/log" RABBITMQ_PID_FILE="$RB/rabbit.pid"
  RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT"
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}")
# Our own epmd in the foreground, so that Erlang does not daemonize one we could not stop.
launch epmd env ERL_EPMD_ADDRESS=127.0.0.1 epmd -port "$EPMD_PORT"
launch rabbitmq "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
rabbitmqctl() { "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n cascadia@localhost "$@"; }
run_logged rabbitmqctl rabbitmqctl wait "$RB/rabbit.pid" --timeout 120
if ! rabbitmqctl list_users 2>/dev/null | grep -q '^openstack'; then
  run_logged rabbitmqctl rabbitmqctl add_user openstack "$RABBIT_PASSWORD"
fi
for vh in r1 r2; do
  run_logged rabbitmqctl rabbitmqctl add_vhost "$vh"
  run_logged rabbitmqctl rabbitmqctl set_permissions -p "$vh" openstack '.*' '.*' '.*'
done
phase "rabbitmq"

# --- memcached: Keystone's cache and the services' token caches, as in any real deployment --------
# Without it every token validation costs Keystone a second or more of SQL, and the regions' APIs
# time out under a handful of concurrent callers.
launch memcached memcached -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 64 -u memcache
MEMCACHED=127.0.0.1:$MEMCACHED_PORT

# --- configs -----------------------------------------------------------------------------------
authtoken() {  # authtoken USER: a [keystone_authtoken] section
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $KS/v3
auth_url = $KS/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
service_token_roles_required = true
memcached_servers = $MEMCACHED
EOF
}
svcauth() {  # svcauth SECTION USER REGION: a keystoneauth password section
  cat <<EOF
[$1]
auth_url = $KS/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $SERVICE_PASSWORD
region_name = $3
EOF
}

K=$DIR/keystone
mkdir -p "$K/fernet-keys" "$K/credential-keys"; chmod 700 "$K/fernet-keys" "$K/credential-keys"
cat > "$K/keystone.conf" <<EOF
[DEFAULT]
log_file =
[database]
connection = $DB/keystone
[token]
provider = fernet
expiration = 14400
[fernet_tokens]
key_repository = $K/fernet-keys
[credential]
key_repository = $K/credential-keys
[cache]
enabled = true
backend = oslo_cache.memcache_pool
memcache_servers = $MEMCACHED
EOF

G=$DIR/glance
mkdir -p "$G/images" "$G/staging" "$G/tasks" "$G/lock"
cp /etc/glance/glance-api-paste.ini "$G/"
{ cat <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $GLANCE_PORT
workers = 1
enabled_backends = file:file
[database]
connection = $DB/glance
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $G/images
[os_glance_staging_store]
filesystem_store_datadir = $G/staging
[os_glance_tasks_store]
filesystem_store_datadir = $G/tasks
[paste_deploy]
flavor = keystone
config_file = $G/glance-api-paste.ini
[oslo_concurrency]
lock_path = $G/lock
[image_format]
disk_formats = ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop,root-tar
EOF
authtoken glance; } > "$G/glance-api.conf"

region_configs() {  # region_configs r1 RegionOne az1 127.0.0.11
  local r=$1 region=$2 az=$3 local_ip=$4 R
  R=$(tr a-z A-Z <<<"$r")
  local nova_port placement_port neutron_port cinder_port
  nova_port=${R}_NOVA_PORT; nova_port=${!nova_port}
  placement_port=${R}_PLACEMENT_PORT; placement_port=${!placement_port}
  neutron_port=${R}_NEUTRON_PORT; neutron_port=${!neutron_port}
  cinder_port=${R}_CINDER_PORT; cinder_port=${!cinder_port}
  local transport="rabbit://openstack:$RABBIT_PASSWORD@127.0.0.1:$AMQP_PORT/$r"
  local d=$DIR/$r
  mkdir -p "$d/placement" "$d/nova/state/instances" "$d/nova/lock" "$d/neutron/state" "$d/neutron/lock" \
    "$d/cinder/state" "$d/cinder/lock"

  { cat <<EOF
[DEFAULT]
[placement_database]
connection = $DB/${r}_placement
[api]
auth_strategy = keystone
EOF
  authtoken placement; } > "$d/placement/placement.conf"

  # nova.conf: api, conductor, scheduler. nova-compute gets nova-compute.conf, without databases.
  local nova_common
  nova_common=$(cat <<EOF
transport_url = $transport
state_path = $d/nova/state
instances_path = $d/nova/state/instances
my_ip = 127.0.0.1
default_availability_zone = $az
vif_plugging_is_fatal = false
vif_plugging_timeout = 0
[api]
auth_strategy = keystone
[oslo_concurrency]
lock_path = $d/nova/lock
[service_user]
send_service_user_token = true
auth_url = $KS/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = nova
password = $SERVICE_PASSWORD
$(svcauth placement placement "$region")
valid_interfaces = public
$(svcauth neutron neutron "$region")
valid_interfaces = public
[cinder]
os_region_name = $region
catalog_info = volumev3::publicURL
auth_url = $KS/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = cinder
password = $SERVICE_PASSWORD
[glance]
region_name = $region
valid_interfaces = public
[quota]
instances = 1000
cores = 100000
ram = 100000000
[oslo_messaging_notifications]
driver = noop
EOF
)
  cp /etc/nova/api-paste.ini "$d/nova/"
  { cat <<EOF
[DEFAULT]
host = $r-controller
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = $nova_port
osapi_compute_workers = 1
$nova_common
[wsgi]
api_paste_config = $d/nova/api-paste.ini
[api_database]
connection = $DB/${r}_nova_api
[database]
connection = $DB/${r}_nova
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = -1
EOF
  authtoken nova; } > "$d/nova/nova.conf"
  cat > "$d/nova/nova-compute.conf" <<EOF
[DEFAULT]
host = $r-compute
compute_driver = fake.FakeDriver
$nova_common
EOF

  cp /etc/neutron/api-paste.ini "$d/neutron/"
  { cat <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $neutron_port
host = $r-controller
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
transport_url = $transport
state_path = $d/neutron/state
api_paste_config = $d/neutron/api-paste.ini
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 1
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
[experimental]
linuxbridge = true
[database]
connection = $DB/${r}_neutron
[oslo_concurrency]
lock_path = $d/neutron/lock
[quotas]
default_quota = -1
quota_network = -1
quota_subnet = -1
quota_port = -1
quota_router = -1
quota_floatingip = -1
quota_security_group = -1
quota_security_group_rule = -1
$(svcauth nova nova "$region")
endpoint_type = public
[oslo_messaging_notifications]
driver = noop
EOF
  authtoken neutron; } > "$d/neutron/neutron.conf"
  cat > "$d/neutron/ml2_conf.ini" <<EOF
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers = linuxbridge,l2population
extension_drivers = port_security
[ml2_type_vxlan]
vni_ranges = 1:1000
[securitygroup]
enable_security_group = true
firewall_driver = noop
EOF
  # The L2 agent: vxlan in unicast mode (l2population), local_ip a loopback alias; with the fake
  # virt driver no tap device ever appears, so it never builds a bridge or sends a packet.
  cat > "$d/neutron/linuxbridge_agent.ini" <<EOF
[DEFAULT]
host = $r-compute
transport_url = $transport
state_path = $d/neutron/state
[experimental]
linuxbridge = true
[oslo_concurrency]
lock_path = $d/neutron/lock
[agent]
root_helper =
polling_interval = 2
[linux_bridge]
physical_interface_mappings =
[vxlan]
enable_vxlan = true
local_ip = $local_ip
l2_population = true
[securitygroup]
enable_security_group = true
firewall_driver = noop
[oslo_messaging_notifications]
driver = noop
EOF

  cp /etc/cinder/api-paste.ini "$d/cinder/"
  { cat <<EOF
[DEFAULT]
host = $r-volume
osapi_volume_listen = 127.0.0.1
osapi_volume_listen_port = $cinder_port
osapi_volume_workers = 1
auth_strategy = keystone
transport_url = $transport
state_path = $d/cinder/state
api_paste_config = $d/cinder/api-paste.ini
enabled_backends = fake
storage_availability_zone = $az
default_availability_zone = $az
quota_volumes = 10000
quota_snapshots = 10000
quota_gigabytes = 1000000
[fake]
# Cinder's own fake driver (shipped in python3-cinder): logs instead of touching disks, and gives
# attachments a fake connection that nova's fake virt driver accepts.
volume_driver = cinder.tests.fake_driver.FakeLoggingVolumeDriver
volume_backend_name = fake
[database]
connection = $DB/${r}_cinder
[oslo_concurrency]
lock_path = $d/cinder/lock
$(svcauth nova nova "$region")
interface = public
[service_user]
send_service_user_token = true
auth_url = $KS/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = cinder
password = $SERVICE_PASSWORD
[oslo_messaging_notifications]
driver = noop
EOF
  authtoken cinder; } > "$d/cinder/cinder.conf"
}
region_configs r1 RegionOne az1 127.0.0.11
region_configs r2 RegionTwo az2 127.0.0.12
for ip in 127.0.0.11 127.0.0.12; do
  ip -o addr show dev lo | grep -q " $ip/" || { ip addr add "$ip/32" dev lo; echo "$ip" >> "$DIR/lo-addresses"; }
done
phase "configs"

# --- database schemas (first start only) ---------------------------------------------------------
synced() { [ -e "$DIR/.synced-$1" ]; }
mark() { touch "$DIR/.synced-$1"; }
sync_jobs=()
bg_sync() {  # bg_sync NAME COMMAND...: a schema sync in the background, two at a time
  local name=$1; shift
  synced "$name" && return 0
  local running j
  while :; do
    running=0; for j in "${sync_jobs[@]}"; do kill -0 "$j" 2>/dev/null && running=$((running + 1)); done
    [ $running -lt 2 ] && break; sleep 0.5
  done
  ( run_logged "sync-$name" "$@" && mark "$name" ) &
  sync_jobs+=($!)
}
wait_syncs() {
  local ok=1 j; for j in "${sync_jobs[@]}"; do wait "$j" || ok=0; done; sync_jobs=()
  [ $ok = 1 ] || { echo "start.sh: a schema sync failed (see $DIR/logs/sync-*.log)" >&2; exit 1; }
}
bg_sync keystone keystone-manage --config-file "$K/keystone.conf" db_sync
bg_sync glance glance-manage --config-file "$G/glance-api.conf" db_sync
wait_syncs
if ! synced keystone-bootstrap; then
  run_logged keystone-manage keystone-manage --config-file "$K/keystone.conf" fernet_setup --keystone-user root --keystone-group root
  run_logged keystone-manage keystone-manage --config-file "$K/keystone.conf" credential_setup --keystone-user root --keystone-group root
  run_logged keystone-manage keystone-manage --config-file "$K/keystone.conf" bootstrap \
    --bootstrap-password admin-secret --bootstrap-admin-url "$KS/v3" --bootstrap-public-url "$KS/v3" \
    --bootstrap-internal-url "$KS/v3" --bootstrap-region-id RegionOne
  mark keystone-bootstrap
fi

uwsgi_app() {  # uwsgi_app NAME PORT WSGI_FILE PROCESSES ENV...
  local name=$1 port=$2 file=$3 procs=$4; shift 4
  local envs=(); for e in "$@"; do envs+=(--env "$e"); done
  # --http11-socket keeps HTTP/1.1 connections alive (--http-socket closes them after each
  # response without saying so, and keep-alive clients then fail at random).
  launch "$name" uwsgi-core --plugin python3 --http11-socket "127.0.0.1:$port" --wsgi-file "$file" \
    --master --die-on-term --processes "$procs" --threads 1 --buffer-size 65535 --enable-threads \
    --lazy-apps "${envs[@]}"
}
uwsgi_app keystone "$KEYSTONE_PORT" /usr/bin/keystone-wsgi-public 2 \
  OS_KEYSTONE_CONFIG_DIR="$K" OS_KEYSTONE_CONFIG_FILES=keystone.conf

# Region one's schemas are synced; region two's databases are copies of them (CREATE DATABASE ...
# TEMPLATE), taken while nothing connects to region one's and before they hold anything of region
# one's own (its cell mappings): the copies cost a second instead of the syncs' minute.
clone_for_r2() {  # clone_for_r2 MARK DATABASE...: r2_<database> from r1_<database>, once
  local marker=$1 db; shift
  synced "$marker" && return 0
  for db in "$@"; do
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "set client_min_messages = warning" \
      -c "drop database if exists r2_$db" \
      -c "create database r2_$db template r1_$db" >/dev/null
  done
  mark "$marker"
}
map_cells() {  # map_cells REGION: cell0 and cell1 in the region's API database, once
  local r=$1
  synced "$r-cells" && return 0
  # Template URLs: nova fills {port} in from nova.conf's own [database] and transport_url, so
  # the mappings stay right when a restart has to move PostgreSQL or RabbitMQ to other ports.
  run_logged "sync-$r-nova" nova-manage --config-file "$DIR/$r/nova/nova.conf" cell_v2 map_cell0 \
    --database_connection "postgresql+psycopg2://postgres@127.0.0.1:{port}/${r}_nova_cell0"
  nova-manage --config-file "$DIR/$r/nova/nova.conf" cell_v2 list_cells 2>/dev/null | grep -q ' cell1 ' || \
    run_logged "sync-$r-nova" nova-manage --config-file "$DIR/$r/nova/nova.conf" cell_v2 create_cell --name cell1 \
      --database_connection "postgresql+psycopg2://postgres@127.0.0.1:{port}/${r}_nova" \
      --transport-url "rabbit://openstack:$RABBIT_PASSWORD@127.0.0.1:{port}/$r"
  mark "$r-cells"
}
bg_sync r1-placement placement-manage --config-file "$DIR/r1/placement/placement.conf" db sync
bg_sync r1-nova-api nova-manage --config-file "$DIR/r1/nova/nova.conf" api_db sync
wait_syncs
clone_for_r2 r2-api-schemas placement nova_api
map_cells r1
# nova's db sync also syncs cell0, which it finds through the cell mappings
bg_sync r1-nova nova-manage --config-file "$DIR/r1/nova/nova.conf" db sync
bg_sync r1-neutron neutron-db-manage --config-file "$DIR/r1/neutron/neutron.conf" \
  --config-file "$DIR/r1/neutron/ml2_conf.ini" upgrade heads
bg_sync r1-cinder cinder-manage --config-file "$DIR/r1/cinder/cinder.conf" db sync
wait_syncs
clone_for_r2 r2-schemas nova nova_cell0 neutron cinder
map_cells r2
phase "schemas"

# --- services ----------------------------------------------------------------------------------
wait_url "$KS/v3" 120
$SITES bootstrap "$DIR"

launch glance glance-api --config-file "$G/glance-api.conf"
for r in r1 r2; do
  d=$DIR/$r
  uwsgi_app "$r-placement" "$(port_of $r PLACEMENT)" /usr/bin/placement-api 1 OS_PLACEMENT_CONFIG_DIR="$d/placement"
  launch "$r-neutron-server" neutron-server --config-file "$d/neutron/neutron.conf" --config-file "$d/neutron/ml2_conf.ini"
  launch "$r-cinder-api" cinder-api --config-file "$d/cinder/cinder.conf"
  launch "$r-cinder-scheduler" cinder-scheduler --config-file "$d/cinder/cinder.conf"
  launch "$r-cinder-volume" cinder-volume --config-file "$d/cinder/cinder.conf"
done
# nova-conductor and nova-scheduler exit at start when placement does not answer yet.
for r in r1 r2; do wait_url "http://127.0.0.1:$(port_of $r PLACEMENT)/" 240; done
for r in r1 r2; do
  d=$DIR/$r
  launch "$r-nova-api" nova-api --config-file "$d/nova/nova.conf"
  launch "$r-nova-conductor" nova-conductor --config-file "$d/nova/nova.conf"
  launch "$r-nova-scheduler" nova-scheduler --config-file "$d/nova/nova.conf"
  # The compute host's services wait for the conductor and the neutron server over RPC, so they
  # start now: nova-compute is the slowest to come up and report.
  # nova-compute has no entry point of its own in Debian's python3-nova (the nova-compute package
  # would pull a hypervisor); it is the same main() that package's script calls.
  launch "$r-nova-compute" "$PY" -c 'import sys; from nova.cmd.compute import main; sys.exit(main())' \
    --config-file "$d/nova/nova-compute.conf"
done
# The L2 agents start one after the other: at start each probes unicast VXLAN by creating and
# deleting the first free vxlan-N in the root namespace, and two at once race for the same one.
for r in r1 r2; do
  logged=$(log_size "$r-linuxbridge-agent")
  launch "$r-linuxbridge-agent" neutron-linuxbridge-agent --config-file "$DIR/$r/neutron/linuxbridge_agent.ini"
  wait_log "$r-linuxbridge-agent" "Agent initialized successfully" 120 "$logged"
done
for r in r1 r2; do
  wait_url "http://127.0.0.1:$(port_of $r NEUTRON)/" 240
  wait_url "http://127.0.0.1:$(port_of $r NOVA)/" 240
done
wait_url "http://127.0.0.1:$GLANCE_PORT/" 120
for r in r1 r2; do wait_url "http://127.0.0.1:$(port_of $r CINDER)/" 240; done
alive_or_die
phase "services up"

# --- cells: map the compute host once it has registered (the mapping persists across restarts) ---
for r in r1 r2; do
  synced "$r-hosts" && continue
  deadline=$(( $(date +%s) + 120 ))
  while :; do
    nova-manage --config-file "$DIR/$r/nova/nova.conf" cell_v2 discover_hosts --verbose >> "$DIR/logs/discover-hosts.log" 2>&1 || true
    if nova-manage --config-file "$DIR/$r/nova/nova.conf" cell_v2 list_hosts 2>/dev/null | grep -q " $r-compute "; then
      mark "$r-hosts"; break
    fi
    alive_or_die
    [ "$(date +%s)" -lt "$deadline" ] || { echo "start.sh: $r-compute did not register in 120 s (see $DIR/logs/$r-nova-compute.log)" >&2; exit 1; }
    sleep 2
  done
done
$SITES smoke "$DIR" 240 2>>"$DIR/logs/smoke.log" || { alive_or_die; exit 1; }
phase "cells and smoke check"

# Record the children the services forked (API workers, privsep helpers) so that stop.sh can
# stop exactly what this run started.
descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }
while read -r pid _ name; do
  for c in $(descendants "$pid"); do echo "$c $(start_time "$c") $name-child"; done
done < <(cat "$DIR/pids") >> "$DIR/pids"

$SITES outputs "$DIR"
touch "$DIR/.initialized"
install_time=$(cat /var/tmp/cascadia-real-sites-install.seconds 2>/dev/null || echo "?")
echo "start.sh: timings:"
printf '  %s\n' "${timings[@]}"
kind=restart; [ $first_start = 1 ] && kind="first start"
echo "start.sh: install (last install.sh run): $install_time s; $kind: $(( $(date +%s) - t0 )) s"
pss=$(awk '{print $1}' "$DIR/pids" | while read -r pid; do awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null; done | awk '{s += $1} END {printf "%.2f", s / 1048576}')
echo "start.sh: $(wc -l < "$DIR/pids") processes, $pss GiB of memory (proportional set size)"
echo "start.sh: source $DIR/env.sh; sites in $DIR/sites.json; stop with $HERE/stop.sh $DIR"
