#!/usr/bin/env bash
# Runs Peerwork's whole benchmark suite in about 15 minutes and writes docs/benchmarks.md and
# docs/benchmarks-latency.png from what it measured:
#   1. JMH for core (short settings),
#   2. the WebSocket load generator against the bare broadcast server, then against the demo server
#      with the in-memory journal, the H2 journal and the PostgreSQL journal, each a sweep of loads,
#   3. idle connections held by one demo server, and its heap per connection.
# Every step is bounded by `timeout`. Environment: SKIP_BUILD=1 reuses bench/target/peerwork-bench.jar;
# SKIP_JMH=1, SKIP_POSTGRES=1 skip those parts; PG_URL overrides the PostgreSQL URL; IDLE_ROOMS sets
# the idle test's rooms of 20 (default 900, i.e. 18,000 connections: this machine allows 20,000 files).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=bench/target/peerwork-bench.jar
OUT=bench/target/results
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
IDLE_ROOMS=${IDLE_ROOMS:-900}
HEAP=-Xmx2g
STARTED=$(date +%s)

# Each WebSocket is a file on both sides: raise the open-file limit as far as this machine lets us.
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -pl bench -am -DskipTests package || exit 1
fi
rm -rf "$OUT" && mkdir -p "$OUT" docs
: > "$OUT/commands.txt"

run() { # run <seconds> <command...>: log the command, run it bounded, never abort the suite
  local limit=$1; shift
  echo "$*" | sed "s#$ROOT/##g" >> "$OUT/commands.txt"
  timeout --kill-after=10 "$limit" "$@"
  local rc=$?
  [[ $rc != 0 ]] && echo "(exit $rc) $*" | sed "s#$ROOT/##g" >> "$OUT/commands.txt"
  return 0
}

{
  echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc:       $(nproc)"
  echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  echo "memory:      $(free -m | awk '/Mem:/ {print $2 " MiB"}')"
  echo "kernel:      $(uname -r)"
  echo "open files:  $(ulimit -n) (hard limit $(ulimit -Hn))"
  echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) at the start"
  echo "server JVM:  $HEAP, default G1; generator JVM: $HEAP"
  b0=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat); sleep 2
  b1=$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat)
  echo "busy cores:  $(awk -v a="$b0" -v b="$b1" 'BEGIN {printf "%.2f", (b - a) / 200}') (other processes, just before the suite)"
  java -version 2>&1 | sed 's/^/java:        /'
} > "$OUT/machine.txt"

# ---- 1. core ----------------------------------------------------------------------------------------
if [[ "${SKIP_JMH:-0}" != 1 ]]; then
  run 300 java -jar "$JAR" CoreBenchmark -wi 3 -w 1s -i 5 -r 1s -f 1 -rf json -rff "$OUT/jmh.json"
fi

# ---- 2. load ----------------------------------------------------------------------------------------
SERVER_PID=
start_server() { # start_server <name> <port> <main class> [env...]: starts it and waits until it listens
  local name=$1 port=$2 main=$3; shift 3
  local portArg="--port=$port"
  [[ $main == *BareServer ]] && portArg="--port $port"
  echo "$* java $HEAP -cp $JAR $main $portArg &" | sed 's/^ //' >> "$OUT/commands.txt"
  if [[ $main == *BareServer ]]; then
    env "$@" java $HEAP -cp "$JAR" "$main" --port "$port" > "$OUT/$name.log" 2>&1 &
  else
    env "$@" java $HEAP -cp "$JAR" "$main" --port="$port" > "$OUT/$name.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    grep -q "listening on port" "$OUT/$name.log" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$name did not start:"; cat "$OUT/$name.log"; SERVER_PID=; return 1; }
    sleep 0.5
  done
  echo "$name did not start in 120 s"; stop_server; return 1
}
stop_server() { # SIGTERM (the servers close Vert.x in a shutdown hook), SIGKILL after 30 s
  if [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; then
    for _ in $(seq 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -0 "$SERVER_PID" 2>/dev/null && { echo "server $SERVER_PID did not stop in 30 s: killed"; kill -9 "$SERVER_PID"; }
    wait "$SERVER_PID" 2>/dev/null
  fi
  SERVER_PID=
}
trap stop_server EXIT

load() { # load <label> <port> <limit seconds> <generator options...>
  local label=$1 port=$2 limit=$3; shift 3
  run "$limit" java $HEAP -cp "$JAR" io.peerwork.bench.LoadGenerator --url "http://127.0.0.1:$port" \
    --label "$label" --server-pid "$SERVER_PID" --out "$OUT/results.jsonl" "$@" | tee -a "$OUT/load.log" \
    | grep -E 'set up|RESULT|CLEAN|sweep stops|heap' | sed 's/^RESULT /  /' | cut -c1-220
}

# Every rate runs twice in a row and the quieter run (lower p99) is kept: the machine is shared, and
# other people's builds take up to a core at random moments. load.log has both runs.
SWEEP=(--rooms 100 --participants-per-room 20 --duration 10 --warmup 3 --prewarm 10 --drain 10 --stop-p99 1000
       --local-addresses 4 --repeat 2)
RATES=0.5,1,1.5,2,3,4,6
# The journals are measured on small rooms (5 members), so that the commands, not the fan-out, load
# the server; the in-memory journal on the same rooms is their baseline.
SMALL=(--rooms 400 --participants-per-room 5 --duration 10 --warmup 3 --prewarm 10 --drain 10 --stop-p99 1000
       --local-addresses 4 --repeat 2)
DURABLE_RATES=0.5,1,2,3,4,6

start_server bare 8090 io.peerwork.bench.BareServer && {
  load bare 8090 240 "${SWEEP[@]}" --rate "$RATES"
  stop_server
}
start_server peerwork-memory 8080 io.peerwork.bench.BenchServer && {
  load peerwork-memory 8080 240 "${SWEEP[@]}" --rate "$RATES"
  stop_server
}
start_server peerwork-memory-rooms-of-5 8085 io.peerwork.bench.BenchServer && {
  load peerwork-memory-rooms-of-5 8085 240 "${SMALL[@]}" --rate "$DURABLE_RATES"
  stop_server
}
H2_DIR=$(mktemp -d)
start_server peerwork-h2 8081 io.peerwork.bench.BenchServer "PEERWORK_DB_URL=jdbc:h2:file:$H2_DIR/peerwork" && {
  load peerwork-h2 8081 240 "${SMALL[@]}" --rate "$DURABLE_RATES"
  stop_server
}
rm -rf "$H2_DIR"
if [[ "${SKIP_POSTGRES:-0}" != 1 ]]; then
  PG_SCHEMA=peerwork_bench_$(date +%s)
  start_server peerwork-postgres 8082 io.peerwork.bench.BenchServer "PEERWORK_DB_URL=$PG_URL" \
      "PEERWORK_DB_SCHEMA=$PG_SCHEMA" && {
    load peerwork-postgres 8082 240 "${SMALL[@]}" --rate "$DURABLE_RATES"
    stop_server
  }
  # The benchmark's rows are of no further use: leave the database as it was.
  [[ $PG_URL == jdbc:postgresql://127.0.0.1:5432/test* ]] && command -v psql > /dev/null && psql -h 127.0.0.1 -U postgres test -qc "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" \
    > /dev/null 2>&1
fi

# ---- 3. idle connections and heap (the bare server's heap per WebSocket is the stack's floor) --------
start_server peerwork-idle 8083 io.peerwork.bench.BenchServer && {
  load peerwork-idle 8083 300 --rooms "$IDLE_ROOMS" --participants-per-room 20 --rate 0 --duration 5 \
    --heap --setup-concurrency 64 --local-addresses 4
  stop_server
}
start_server bare-idle 8091 io.peerwork.bench.BareServer && {
  load bare-idle 8091 300 --rooms "$IDLE_ROOMS" --participants-per-room 20 --rate 0 --duration 5 \
    --heap --setup-concurrency 64 --local-addresses 4
  stop_server
}

# ---- 4. the report ----------------------------------------------------------------------------------
echo "suite time: $(( ($(date +%s) - STARTED) / 60 )) min $(( ($(date +%s) - STARTED) % 60 )) s" >> "$OUT/machine.txt"
java -cp "$JAR" io.peerwork.bench.BenchReport "$OUT" docs
