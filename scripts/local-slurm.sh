#!/usr/bin/env bash
# local-slurm.sh start|stop|status - a real single-node Slurm (Debian 12's slurm-wlm) for
# SlurmSearch's tests and CI: no systemd, no cgroups, run as root.
#
#   start   install what is missing (munge slurmctld slurmd slurm-client), write
#           /etc/slurm/slurm.conf + gres.conf, start munged/slurmctld/slurmd and wait until
#           `srun true` works. Idempotent: when everything is already up with the same
#           configuration, it only checks health (well under a second).
#   stop    cancel all jobs (unless --keep-jobs) and stop the daemons THIS script started,
#           identified by the pid files in /run/slurm-local; --purge also deletes state,
#           logs and the generated configuration.
#   status  print daemon pids and the node state; exit 0 when the cluster is usable, 3 if not.
#
# Knobs (environment, all optional):
#   SLURM_LOCAL_CLEAN=1          start from empty controller state (no jobs, ids from 1)
#   SLURM_LOCAL_CPUS=N           CPUs declared for the node (default max(nproc, 8): overcommit)
#   SLURM_LOCAL_GPUS=N           fake GPUs (gres gpu), default 4, 0 = none
#   SLURM_LOCAL_CRED_EXPIRE=N    job credential lifetime in s (default 10; Slurm's is 120):
#                                a requeued job waits this long before it runs again
#   SLURM_LOCAL_MIN_JOB_AGE=N    seconds a finished job stays visible to squeue (default 3600)
#   SLURM_LOCAL_SKIP_INSTALL=1   never call apt-get
#
# Why the settings are what they are: ../shared/slurm/NOTES.md in the workspace, in short
#  - SlurmdParameters=config_overrides lets the node claim 8 CPUs on a 2-core VM (else drained);
#  - batch_sched_delay=0 (+ 1 s intervals) starts batch jobs within ~0.5 s instead of ~3 s;
#  - fake GPU files must be character devices or CUDA_VISIBLE_DEVICES stays empty;
#  - a killed daemon can linger as a zombie here, so "alive" means "not State: Z".
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH

RUN_DIR=/run/slurm-local
SPOOL=/var/spool/slurm-local
LOGS=/var/log/slurm-local
CONF=/etc/slurm/slurm.conf
GRES_CONF=/etc/slurm/gres.conf
PACKAGES=(munge slurmctld slurmd slurm-client)

say() { printf '[local-slurm %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { say "$1"; [ -n "${2:-}" ] && [ -r "$2" ] && tail -n 15 "$2" >&2; exit 1; }

# is_up NAME PIDFILE: the pid file names a live (non-zombie) process called NAME.
is_up() {
  local pid
  pid=$(cat "$2" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] || return 1
  ! grep -qs '^State:[[:space:]]*Z' "/proc/$pid/status"
}

# halt NAME PIDFILE: SIGTERM, wait up to 30 s, then SIGKILL; only our own pid files.
halt() {
  local pid i
  if ! is_up "$1" "$2"; then rm -f "$2"; return 0; fi
  pid=$(cat "$2")
  say "stopping $1 (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do is_up "$1" "$2" || break; sleep 0.1; done
  if is_up "$1" "$2"; then say "$1 ignored SIGTERM for 30 s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$2"
}

# retry SECONDS CMD...: run CMD every 0.2 s until it succeeds or time runs out.
retry() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

node_name() {
  local n=${SLURM_LOCAL_NODE:-$(hostname -s 2>/dev/null || true)}
  if [ -z "$n" ] || ! getent hosts "$n" >/dev/null 2>&1; then n=localhost; fi
  printf '%s' "$n"
}

node_usable() { sinfo -h -N -n "$1" -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated|completing)$'; }

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "${SLURM_LOCAL_SKIP_INSTALL:-0}" = 1 ] && die "missing packages: ${missing[*]} (SLURM_LOCAL_SKIP_INSTALL=1)"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  # The postinst scripts cannot start services here (no systemd, no runlevel): we start them.
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
}

render_conf() { # NODE CPUS MEM_MB GPUS CRED_EXPIRE MIN_JOB_AGE
  local gres_types="" gres=""
  if [ "$4" -gt 0 ]; then gres_types="GresTypes=gpu"; gres="Gres=gpu:$4"; fi
  cat <<EOF
# Written by SlurmSearch scripts/local-slurm.sh: one node, no systemd, no cgroups. Do not edit.
ClusterName=ssearch-local
SlurmctldHost=$1(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# A requeued job is held until its credential expires (Slurm's default: 120 s).
AuthInfo=cred_expire=$5
MpiDefault=none
MailProg=/bin/true
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$SPOOL/ctld
SlurmdSpoolDir=$SPOOL/d
SlurmctldPidFile=$RUN_DIR/slurmctld.pid
SlurmdPidFile=$RUN_DIR/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# Trust the CPU count below even though the VM has fewer cores (otherwise the node drains).
SlurmdParameters=config_overrides
ReturnToService=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
$gres_types
# Start batch jobs as soon as the once-a-second scheduler tick allows.
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,sched_interval=1,bf_interval=1
KillWait=5
# Finished jobs stay visible to squeue -t all for this long (tests read final states).
MinJobAge=$6
MaxArraySize=10001
MaxJobCount=100000
InactiveLimit=0
Waittime=0
SlurmctldTimeout=30
# The only node is this machine: never mark it DOWN because slurmd answered slowly. On a loaded CI
# machine (load average 50 was seen) slurmd missed pings, the node went "down*" and never came back.
SlurmdTimeout=0
MessageTimeout=30
NodeName=$1 NodeAddr=127.0.0.1 CPUs=$2 Sockets=1 CoresPerSocket=$2 ThreadsPerCore=1 RealMemory=$3 $gres State=UNKNOWN
PartitionName=debug Nodes=$1 Default=YES MaxTime=INFINITE State=UP
EOF
}

# replace_if_different FILE TEXT: returns 0 when the file was (re)written or removed.
replace_if_different() {
  if [ -z "$2" ]; then
    [ -e "$1" ] || return 1
    rm -f "$1"
    return 0
  fi
  [ "$(cat "$1" 2>/dev/null)" = "$2" ] && return 1
  printf '%s\n' "$2" > "$1.tmp.$$"
  chmod 0644 "$1.tmp.$$"
  mv -f "$1.tmp.$$" "$1"
}

start_munge() {
  local key=/etc/munge/munge.key
  if [ ! -s "$key" ]; then
    say "creating $key"
    mungekey --create --keyfile="$key" 2>/dev/null || dd if=/dev/urandom of="$key" bs=1 count=1024 status=none
  fi
  chown munge:munge /etc/munge "$key"
  chmod 0700 /etc/munge
  chmod 0400 "$key"
  mkdir -p /run/munge /var/lib/munge /var/log/munge
  chown munge:munge /run/munge /var/lib/munge /var/log/munge
  chmod 0755 /run/munge
  if ! is_up munged "$RUN_DIR/munged.pid"; then
    if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
      say "using a munged this script did not start (it will not be stopped by us)"
    else
      say "starting munged"
      rm -f /run/munge/munged.pid
      # --force: a stale socket from an unclean shutdown must not block the start.
      runuser -u munge -- /usr/sbin/munged --force
      retry 10 test -s /run/munge/munged.pid || die "munged did not start" /var/log/munge/munged.log
      cp /run/munge/munged.pid "$RUN_DIR/munged.pid"
    fi
  fi
  retry 10 sh -c 'munge -n | unmunge' || die "munge credentials do not round-trip" /var/log/munge/munged.log
}

cmd_start() {
  [ "$(id -u)" -eq 0 ] || die "start must run as root"
  install_packages

  local node cpus mem gpus cred min_age i
  node=$(node_name)
  cpus=${SLURM_LOCAL_CPUS:-$(( $(nproc) > 8 ? $(nproc) : 8 ))}
  mem=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
  gpus=${SLURM_LOCAL_GPUS:-4}
  cred=${SLURM_LOCAL_CRED_EXPIRE:-10}
  min_age=${SLURM_LOCAL_MIN_JOB_AGE:-3600}
  for i in cpus gpus cred min_age; do
    [[ ${!i} =~ ^[0-9]+$ ]] || die "$i must be a non-negative integer, got '${!i}'"
  done

  mkdir -p "$RUN_DIR" "$SPOOL/ctld" "$SPOOL/d" "$LOGS" /etc/slurm
  chmod 0755 "$RUN_DIR" "$SPOOL" "$LOGS"

  local gres_text=""
  if [ "$gpus" -gt 0 ]; then
    # Character devices cloned from /dev/null (c 1 3): slurmd accepts them as GPUs and
    # sets CUDA_VISIBLE_DEVICES; opening one is harmless.
    mkdir -p "$SPOOL/fakegpu"
    for ((i = 0; i < gpus; i++)); do
      local dev=$SPOOL/fakegpu/nvidia$i
      [ -c "$dev" ] || { rm -f "$dev"; mknod -m 0666 "$dev" c 1 3; }
    done
    gres_text=$(printf 'AutoDetect=off\nNodeName=%s Name=gpu File=%s/fakegpu/nvidia[0-%d]' "$node" "$SPOOL" $((gpus - 1)))
  fi

  local changed=0
  replace_if_different "$CONF" "$(render_conf "$node" "$cpus" "$mem" "$gpus" "$cred" "$min_age")" && changed=1
  replace_if_different "$GRES_CONF" "$gres_text" && changed=1

  start_munge

  if [ "$changed" = 1 ] || [ "${SLURM_LOCAL_CLEAN:-0}" = 1 ]; then
    if is_up slurmctld "$RUN_DIR/slurmctld.pid" || is_up slurmd "$RUN_DIR/slurmd.pid"; then
      say "configuration changed or clean state requested: restarting slurmctld and slurmd"
    fi
    # Running jobs survive a restart: their slurmstepd keeps running.
    halt slurmd "$RUN_DIR/slurmd.pid"
    halt slurmctld "$RUN_DIR/slurmctld.pid"
  fi
  if [ "${SLURM_LOCAL_CLEAN:-0}" = 1 ]; then
    rm -rf "${SPOOL:?}/ctld" "${SPOOL:?}/d"
    mkdir -p "$SPOOL/ctld" "$SPOOL/d"
  fi

  local started=0
  if ! is_up slurmctld "$RUN_DIR/slurmctld.pid"; then
    say "starting slurmctld"
    /usr/sbin/slurmctld -f "$CONF" || die "slurmctld failed to start" "$LOGS/slurmctld.log"
    started=1
  fi
  retry 30 scontrol ping || die "slurmctld does not answer" "$LOGS/slurmctld.log"
  if ! is_up slurmd "$RUN_DIR/slurmd.pid"; then
    say "starting slurmd (node $node, $cpus CPUs, $gpus fake GPUs)"
    /usr/sbin/slurmd -f "$CONF" -N "$node" || die "slurmd failed to start" "$LOGS/slurmd.log"
    started=1
  fi

  if ! retry 5 node_usable "$node"; then
    # A node drained or down in the saved state (unclean stop, earlier bad config).
    say "node state: $(sinfo -h -N -n "$node" -o '%T %E' 2>&1); resuming it"
    scontrol update NodeName="$node" State=RESUME >/dev/null 2>&1 || true
    retry 40 node_usable "$node" || die "node $node is not usable: $(sinfo -h -N -n "$node" -o '%T %E' 2>&1)" "$LOGS/slurmd.log"
  fi

  if [ "$started" = 1 ]; then
    # After an unclean controller stop a reused job id can be refused once
    # ("Job credential revoked"), hence a few tries.
    local ok=0
    for i in 1 2 3; do
      if timeout 120 srun -N1 -n1 -t 1 -J local-slurm-check true; then ok=1; break; fi
      say "srun smoke test failed (try $i)"
      sleep 1
    done
    [ "$ok" = 1 ] || die "srun true does not work" "$LOGS/slurmd.log"
  fi
  say "ready: $(sinfo -h -N -n "$node" -o '%N %T cpus=%c mem=%mM gres=%G')"
}

cmd_stop() {
  local keep=0 purge=0 a i jobs
  for a in "$@"; do
    case $a in
      --keep-jobs) keep=1 ;;
      --purge) purge=1 ;;
      *) die "usage: local-slurm.sh stop [--keep-jobs] [--purge]" ;;
    esac
  done
  if [ "$keep" = 0 ] && is_up slurmctld "$RUN_DIR/slurmctld.pid"; then
    # %A is one id per array task: cancelling each is what we want here.
    jobs=$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')
    if [ -n "${jobs// /}" ]; then
      say "cancelling jobs $jobs"
      # shellcheck disable=SC2086
      scancel $jobs 2>/dev/null || true
      for ((i = 0; i < 150; i++)); do
        [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break
        sleep 0.1
      done
    fi
  fi
  halt slurmd "$RUN_DIR/slurmd.pid"
  halt slurmctld "$RUN_DIR/slurmctld.pid"
  halt munged "$RUN_DIR/munged.pid"
  if [ "$purge" = 1 ]; then
    rm -rf "${SPOOL:?}" "${LOGS:?}" "$CONF" "$GRES_CONF"
    rm -f "$RUN_DIR"/*.pid
    rmdir "$RUN_DIR" 2>/dev/null || true
  fi
}

cmd_status() {
  local name up=1 node
  for name in munged slurmctld slurmd; do
    if is_up "$name" "$RUN_DIR/$name.pid"; then
      printf '%-10s running (pid %s)\n' "$name" "$(cat "$RUN_DIR/$name.pid")"
    else
      printf '%-10s not running\n' "$name"
    fi
  done
  if command -v sinfo >/dev/null 2>&1 && scontrol ping >/dev/null 2>&1; then
    node=$(node_name)
    printf 'node       %s\n' "$(sinfo -h -N -n "$node" -o '%N %T cpus=%c gres=%G' 2>&1)"
    node_usable "$node" || up=0
  else
    printf 'controller not responding\n'
    up=0
  fi
  [ "$up" = 1 ] || exit 3
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) shift; cmd_status "$@" ;;
  *) echo "usage: $0 start|stop [--keep-jobs] [--purge]|status" >&2; exit 2 ;;
esac
