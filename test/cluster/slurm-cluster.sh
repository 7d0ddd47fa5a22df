#!/usr/bin/env bash
# A real single-node SLURM cluster on 127.0.0.1 for tests, in a private folder.
#   slurm-cluster.sh start DIR   start munged, slurmctld and slurmd; print the slurm.conf path
#   slurm-cluster.sh stop DIR    stop them, by the process ids recorded in DIR (never by name)
# Needs Debian's munge, slurmctld, slurmd and slurm-client, and root.
set -euo pipefail
command=${1:?usage: slurm-cluster.sh start|stop DIR}
dir=$(realpath -m "${2:?usage: slurm-cluster.sh start|stop DIR}")
host=$(hostname -s)

stop() {
  for name in slurmd slurmctld munged; do
    pidfile="$dir/$name.pid"
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

if [ "$command" = stop ]; then
  stop
  exit 0
fi

mkdir -p "$dir/spool/$host" "$dir/state" "$dir/log" "$dir/munge"
chmod 755 "$dir"  # munged runs as the munge user and must reach its folder
chown munge:munge "$dir/munge"
[ -f /etc/munge/munge.key ] || mungekey --create
install -d -o munge -g munge -m 0755 /run/munge
# munged runs as the munge user with its socket and pid under the private folder.
runuser -u munge -- /usr/sbin/munged --force --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
cp "$dir/munge/munged.pid" "$dir/munged.pid"

cat > "$dir/slurm.conf" <<CONF
ClusterName=govsim-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$(( $(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 2048 )) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 100); do
  state=$(sinfo -h -N -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.1
done
[ "$(sinfo -h -N -o %T 2>/dev/null || true)" = idle ] || { echo "slurm did not come up; see $dir/log" >&2; stop; exit 1; }
echo "$SLURM_CONF"
