#!/usr/bin/env bash
# A local Milvus for the vector-store contract tests: Milvus Lite 3.x (PyPI `milvus-lite`, test
# infrastructure only) serving the Milvus gRPC API that @zilliz/milvus2-sdk-node speaks.
#
#   scripts/milvus-test-server.sh start [--port N] [--state DIR] [--parent PID]
#       starts the server on 127.0.0.1 (a free port unless --port), waits until it answers
#       (at most MILVUS_START_TIMEOUT seconds, default 120),
#       prints its address (host:port) on stdout; with --parent the server also stops when that
#       process exits (a crashed test run leaves nothing behind).
#   scripts/milvus-test-server.sh stop [--state DIR]
#
# Exit 3 when Milvus Lite is not installed: `pip install milvus-lite==3.2.2 pymilvus==3.0.2`
# (milvus-lite's gRPC adapter imports pymilvus's generated stubs without declaring the dependency).
set -euo pipefail

cmd="${1:-}"
shift || true
port=""
state="${MILVUS_TEST_STATE:-$(cd "$(dirname "$0")/.." && pwd)/.cache/milvus-test-server}"
parent=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --state) state="$2"; shift 2 ;;
    --parent) parent="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
# MILVUS_PYTHON: the interpreter that has milvus-lite (a venv's python, say).
python="${MILVUS_PYTHON:-python3}"

stop_server() {
  if [ -f "$state/pid" ]; then
    pid="$(cat "$state/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [ -f "$state/watchdog" ]; then kill "$(cat "$state/watchdog")" 2>/dev/null || true; fi
  rm -rf "$state"
}

case "$cmd" in
  start)
    if ! "$python" -c 'import milvus_lite.adapter.grpc.server' >/dev/null 2>&1; then
      reason="$("$python" -c 'import milvus_lite.adapter.grpc.server' 2>&1 | tail -1 || true)"
      echo "Milvus Lite is not importable with $python: ${reason:-unknown error}" >&2
      exit 3
    fi
    stop_server
    mkdir -p "$state/data"
    if [ -z "$port" ]; then
      port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    fi
    # setsid: the server gets its own process group, so stopping it never touches the caller's.
    setsid "$python" -m milvus_lite server --data-dir "$state/data" --host 127.0.0.1 --port "$port" >"$state/log" 2>&1 < /dev/null &
    echo $! >"$state/pid"
    echo "$port" >"$state/port"
    if [ -n "$parent" ]; then
      (
        while kill -0 "$parent" 2>/dev/null && [ -f "$state/pid" ]; do sleep 2; done
        kill "$(cat "$state/pid" 2>/dev/null)" 2>/dev/null || true
      ) >/dev/null 2>&1 </dev/null &
      echo $! >"$state/watchdog"
    fi
    # Healthy = the gRPC CheckHealth call answers isHealthy (not merely an open port). One Python
    # process polls until a deadline in seconds: on a loaded two-core CI machine a Python start
    # with grpc and pymilvus costs seconds, so a fresh interpreter per probe (and a count of
    # probes instead of a clock) ran well past the time it claimed.
    deadline="${MILVUS_START_TIMEOUT:-120}"
    set +e
    "$python" - "$port" "$(cat "$state/pid")" "$deadline" >/dev/null 2>"$state/health" <<'PY'
import os, sys, time
import grpc
from pymilvus.grpc_gen import milvus_pb2, milvus_pb2_grpc
port, pid, deadline = sys.argv[1], int(sys.argv[2]), time.monotonic() + float(sys.argv[3])
channel = grpc.insecure_channel(f"127.0.0.1:{port}")
stub = milvus_pb2_grpc.MilvusServiceStub(channel)
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(4)  # the server exited
    try:
        if stub.CheckHealth(milvus_pb2.CheckHealthRequest(), timeout=2).isHealthy:
            sys.exit(0)
    except grpc.RpcError:
        pass
    time.sleep(0.2)
sys.exit(5)  # not healthy by the deadline
PY
    health=$?
    set -e
    case "$health" in
      0)
        echo "127.0.0.1:$port"
        exit 0
        ;;
      4) echo "Milvus Lite exited during start-up:" >&2 ;;
      5) echo "Milvus Lite did not become healthy within ${deadline} s:" >&2 ;;
      *) echo "the health check failed (exit $health):" >&2; tail -5 "$state/health" >&2 ;;
    esac
    tail -20 "$state/log" >&2
    stop_server
    exit 1
    ;;
  stop)
    stop_server
    ;;
  *)
    echo "usage: $0 start [--port N] [--state DIR] [--parent PID] | stop [--state DIR]" >&2
    exit 2
    ;;
esac
