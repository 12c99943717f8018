#!/usr/bin/env bash
# A single-node SLURM cluster on localhost, for trying `panmine slurm` and for the integration test.
#
#   scripts/slurm-local.sh start  <stateDir>   install if missing, write <stateDir>/slurm.conf, start
#                                              munged (if not already up), slurmctld and slurmd, wait
#                                              until the node is idle; prints `export SLURM_CONF=...`
#   scripts/slurm-local.sh stop   <stateDir>   stop ONLY the daemons this script started (by recorded PID)
#   scripts/slurm-local.sh status <stateDir>   which recorded daemons run, and `sinfo`
#
# Needs root (it installs Debian packages and runs the daemons as root). There is no systemd here: the
# daemons run in the foreground (-D / -F) in the background of this shell, PIDs in <stateDir>/pids/.
# Exit status: 0 ok; 2 cannot run here (not root, or SLURM missing and not installable); 1 anything else.
# Environment: PANMINE_SLURM_PORT  slurmctld port (slurmd uses the next one); default: the first free
#                                  pair from 6817. PANMINE_SLURM_TIMEOUT  seconds to wait for idle (60).
# Based on the working configuration in shared/references/ENVIRONMENT.md (slurm-wlm 22.05, munge).
set -euo pipefail

PACKAGES=(slurmctld slurmd slurm-client munge)
NODE=localhost

die() { echo "slurm-local: $*" >&2; exit 1; }
# Exit 2: cannot run here (not root; SLURM missing and no apt or no package mirror).
cannot_install() { echo "slurm-local: $*" >&2; exit 2; }
log() { echo "slurm-local: $*" >&2; }

usage() { die "usage: $0 start|stop|status <stateDir>"; }

[[ $# -eq 2 ]] || usage
cmd=$1
[[ -n $2 ]] || usage
mkdir -p -- "$2"
STATE=$(cd -- "$2" && pwd -P)
PIDS=$STATE/pids
CONF=$STATE/slurm.conf
mkdir -p "$PIDS" "$STATE/log"

# --- processes we started ---------------------------------------------------------------------------
# A recorded PID counts only while that process still has the expected command name (PIDs are reused).
# Just after the fork it may still be the launcher (nohup, setpriv) that execs the daemon in place.
running_pid() { # name -> prints pid if the recorded process is alive
  local name=$1 f=$PIDS/$1.pid pid comm
  [[ -f $f ]] || return 1
  pid=$(<"$f")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  if [[ $comm != "$name" ]]; then
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$name"* || $cmdline == *"$STATE"* ]] || return 1
  fi
  echo "$pid"
}

stop_one() { # name
  local name=$1 pid i
  if pid=$(running_pid "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      [[ -d /proc/$pid ]] || break
      sleep 0.1
    done
    if [[ -d /proc/$pid ]]; then
      log "$name ($pid) did not stop on SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name ($pid)"
  fi
  rm -f -- "$PIDS/$name.pid"
}

# --- install ----------------------------------------------------------------------------------------
install_if_missing() {
  local missing=0 c
  for c in slurmctld slurmd sbatch sinfo squeue munged munge; do
    command -v "$c" >/dev/null 2>&1 || [[ -x /usr/sbin/$c ]] || missing=1
  done
  ((missing)) || return 0
  [[ $(id -u) -eq 0 ]] || cannot_install "SLURM is not installed and installing it needs root (apt-get install ${PACKAGES[*]})"
  command -v apt-get >/dev/null 2>&1 || cannot_install "SLURM is not installed and apt-get is not available to install it"
  local t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  # Package lists may be missing on a clean machine; refresh them only when there is no candidate.
  if ! apt-cache policy slurmctld 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    log "apt-get update"
    apt-get update -qq >&2 || cannot_install "apt-get update failed"
  fi
  log "installing ${PACKAGES[*]}"
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >&2 || cannot_install "apt-get install ${PACKAGES[*]} failed"
  log "installed in $((SECONDS - t0)) s"
}

# --- munge ------------------------------------------------------------------------------------------
munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munge() {
  if munge_works; then
    log "munged already running (not started by this script; stop will leave it)"
    return 0
  fi
  id munge >/dev/null 2>&1 || die "there is no munge user; is the munge package installed?"
  if [[ ! -s /etc/munge/munge.key ]]; then
    mkdir -p /etc/munge
    mungekey --create --keyfile=/etc/munge/munge.key >&2 || die "mungekey --create failed"
  fi
  chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  chown munge:munge /run/munge /var/lib/munge /var/log/munge
  chmod 0755 /run/munge
  nohup setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F \
    >"$STATE/log/munged.out" 2>&1 </dev/null &
  echo $! >"$PIDS/munged.pid"
  local i
  for ((i = 0; i < 100; i++)); do
    munge_works && return 0
    running_pid munged >/dev/null || break
    sleep 0.1
  done
  cat "$STATE/log/munged.out" /var/log/munge/munged.log 2>/dev/null | tail -n 20 >&2 || true
  die "munged did not start"
}

# --- slurm ------------------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

choose_port() {
  if [[ -n ${PANMINE_SLURM_PORT:-} ]]; then
    [[ $PANMINE_SLURM_PORT =~ ^[0-9]+$ ]] || die "PANMINE_SLURM_PORT: expected a port number"
    echo "$PANMINE_SLURM_PORT"
    return
  fi
  local p
  for ((p = 6817; p < 6917; p += 2)); do
    if ! port_in_use "$p" && ! port_in_use $((p + 1)); then echo "$p"; return; fi
  done
  die "no free port pair between 6817 and 6917"
}

write_conf() {
  local cpus mem_mib port
  cpus=$(nproc)
  mem_mib=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)
  # Leave a little slack so slurmd never finds less memory than configured (that drains the node).
  mem_mib=$((mem_mib > 1024 ? mem_mib - 256 : mem_mib))
  port=$(choose_port)
  mkdir -p "$STATE/ctld" "$STATE/spool"
  cat >"$CONF" <<EOF
# Written by scripts/slurm-local.sh; a single node on localhost.
ClusterName=panmine-local
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
# A job whose dependency can never be met (afterok on a failed array) is cancelled, not left pending.
SchedulerParameters=kill_invalid_depend
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mib State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
}

node_state() { sinfo -h -N -n "$NODE" -o '%t' 2>/dev/null | head -n 1; }

show_logs() {
  local f
  for f in "$STATE/log/slurmctld.log" "$STATE/log/slurmctld.out" "$STATE/log/slurmd.log" "$STATE/log/slurmd.out" "$STATE/log/munged.out"; do
    [[ -s $f ]] || continue
    echo "----- $f (last 30 lines)" >&2
    tail -n 30 "$f" >&2
  done
}

start() {
  if running_pid slurmctld >/dev/null && running_pid slurmd >/dev/null; then
    log "already running"
    echo "export SLURM_CONF=$(printf '%q' "$CONF")"
    return 0
  fi
  # A half-started cluster from an earlier call: stop what it left, then start afresh.
  stop_one slurmd
  stop_one slurmctld
  # If anything below fails, stop what this call started: no daemon outlives a failed start.
  trap 'rc=$?; if ((rc != 0)); then stop; fi; exit $rc' EXIT
  [[ $(id -u) -eq 0 ]] || cannot_install "starting the SLURM daemons (SlurmUser=root) and munged needs root"
  local t0=$SECONDS
  install_if_missing
  local t1=$SECONDS
  start_munge
  write_conf
  export SLURM_CONF=$CONF
  nohup slurmctld -D -i -f "$CONF" >"$STATE/log/slurmctld.out" 2>&1 </dev/null &
  echo $! >"$PIDS/slurmctld.pid"
  nohup slurmd -D -N "$NODE" -f "$CONF" >"$STATE/log/slurmd.out" 2>&1 </dev/null &
  echo $! >"$PIDS/slurmd.pid"
  local deadline=$((SECONDS + ${PANMINE_SLURM_TIMEOUT:-60})) st="" resumed=0
  while ((SECONDS < deadline)); do
    running_pid slurmctld >/dev/null || { show_logs; die "slurmctld exited"; }
    running_pid slurmd >/dev/null || { show_logs; die "slurmd exited"; }
    st=$(node_state || true)
    case $st in
      idle) break ;;
      down* | drain* | drng*)
        if ((!resumed)); then scontrol update NodeName="$NODE" State=RESUME >/dev/null 2>&1 || true; resumed=1; fi ;;
    esac
    sleep 0.5
  done
  if [[ $st != idle ]]; then
    show_logs
    sinfo -N -l >&2 2>&1 || true
    die "the node did not become idle within ${PANMINE_SLURM_TIMEOUT:-60} s (state: ${st:-unknown}); logs above"
  fi
  trap - EXIT
  log "cluster up in $((SECONDS - t1)) s (install $((t1 - t0)) s); node $NODE idle, $(nproc) CPUs"
  echo "export SLURM_CONF=$(printf '%q' "$CONF")"
}

stop() {
  stop_one slurmd
  stop_one slurmctld
  stop_one munged
}

status() {
  local name pid rc=0
  for name in munged slurmctld slurmd; do
    if pid=$(running_pid "$name"); then echo "$name: running ($pid)"; else
      echo "$name: not running (from this state dir)"
      [[ $name == munged ]] || rc=3
    fi
  done
  if ((rc == 0)) && [[ -f $CONF ]]; then
    SLURM_CONF=$CONF sinfo || rc=3
    echo "export SLURM_CONF=$(printf '%q' "$CONF")"
  fi
  return $rc
}

case $cmd in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
