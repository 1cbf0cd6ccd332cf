#!/usr/bin/env bash
# stop.sh DIR: stops exactly the processes start.sh DIR recorded in DIR/pids (TERM, then KILL after
# a grace period), and nothing else: a PID is signalled only while its process still has the start
# time recorded with it, so a PID reused by another process is never hit.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(cd "$1" 2>/dev/null && pwd) || { echo "stop.sh: no directory $1" >&2; exit 1; }
GRACE=${GRACE:-20}
[ -s "$DIR/pids" ] || { echo "stop.sh: nothing recorded in $DIR/pids"; exit 0; }

declare -A recorded
while read -r pid started _; do recorded[$pid]=$started; done < "$DIR/pids"
start_time() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; echo "${20}"; }
ours() { [ "$(start_time "$1")" = "${recorded[$1]}" ]; }
alive() { local p out=(); for p in "$@"; do ours "$p" && out+=("$p"); done; echo "${out[@]:-}"; }

mapfile -t all < <(awk '{print $1}' "$DIR/pids")
# Clients first, then the services they need, then the message queue and the databases last, so
# that nothing spends its grace period reconnecting.
order=()
for pid in "${all[@]}"; do grep -qE "^$pid [0-9]+ (postgres|epmd|rabbitmq)" "$DIR/pids" || order+=("$pid"); done
infra=()
for pid in "${all[@]}"; do grep -qE "^$pid [0-9]+ (postgres|epmd|rabbitmq)" "$DIR/pids" && infra+=("$pid"); done

stop_group() {
  local pids
  read -r -a pids <<<"$(alive "$@")"
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null
  for _ in $(seq $((GRACE * 2))); do
    read -r -a pids <<<"$(alive "${pids[@]}")"
    [ ${#pids[@]} -gt 0 ] || return 0
    sleep 0.5
  done
  echo "stop.sh: still running after ${GRACE}s, killing: ${pids[*]}"
  kill -KILL "${pids[@]}" 2>/dev/null
  sleep 0.5
}
stop_group "${order[@]}"
stop_group "${infra[@]}"
left=$(alive "${all[@]}")
if [ -f "$DIR/lo-addresses" ]; then
  while read -r ip; do ip addr del "$ip/32" dev lo 2>/dev/null; done < "$DIR/lo-addresses"
  rm -f "$DIR/lo-addresses"
fi
if [ -n "$left" ]; then echo "stop.sh: could not stop: $left" >&2; exit 1; fi
: > "$DIR/pids"
echo "stop.sh: stopped ${#all[@]} processes of $DIR"
