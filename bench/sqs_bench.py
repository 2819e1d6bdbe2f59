#!/usr/bin/env python3
"""SQS benchmark: stratus and moto_server side by side, in one run, on this machine.

  python3 bench/sqs_bench.py [--duration 5] [--connections 32] [--depth 1000] [--json out.json]

For each server (stratus from build/release, and moto_server if it is on PATH):
  - start-up: seconds from spawn until the first successful ListQueues
    (stratus also: until /_stratus/health answers 200);
  - idle RSS (VmRSS of the server and its children) right after start-up;
  - for each mode (send, send-batch, receive-delete, receive-delete-batch):
    bench/load/sqs_load with --connections C for --duration D seconds, and the
    server's CPU time (utime+stime from /proc/PID/stat) before/after, giving
    server CPU per call;
  - per-call latency p50/p99 from a single-connection run of each mode;
  - boto3 single-client figures from /work/shared/peers/moto_peer.py, if present.
Then prints a side-by-side table with ratios (stratus/moto) and writes JSON.

Receive modes run at a fixed queue depth: before each round the queue is topped
up to --depth messages and the round stops (by --max-ops) after consuming at
most half of them, so both servers are measured with the same depth band
(depth/2 .. depth). Rounds repeat until --duration seconds of measurement or
--max-rounds, whichever first.

Every loop is bounded in count and time; all traffic goes to 127.0.0.1.
Machines here are noisy: compare ratios from the same run, and server CPU per call.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT / "test" / "wire"))

import signed_request  # noqa: E402
from stratus_process import StratusProcess, free_port, stratus_binary  # noqa: E402
from bench_host import proc_cpu_s, proc_status_kib, start_moto as start_moto_server  # noqa: E402,I001

MODES = ["send", "send-batch", "receive-delete", "receive-delete-batch"]
RECEIVE_MODES = {"receive-delete": 1, "receive-delete-batch": 10}
DEFAULT_PEER = REPO_ROOT.parent / "shared" / "peers" / "moto_peer.py"


# ----------------------------------------------------------------------------- /proc readings


# ----------------------------------------------------------------------------- servers


def list_queues_ok(endpoint):
    try:
        r = signed_request.json_call(endpoint, "ListQueues", "{}", timeout=2)
        return r.status == 200
    except OSError:
        return False


class Server:
    """A server under test: name, endpoint, pid, and how to stop it."""

    def __init__(self, name, endpoint, pid, stop, startup):
        self.name = name
        self.endpoint = endpoint
        self.pid = pid
        self.stop = stop
        self.startup = startup  # dict of start-up measurements


def start_stratus(binary, tmp):
    """Starts stratus; measures spawn -> health 200 and spawn -> first ListQueues."""
    proc = StratusProcess(os.path.join(tmp, "stratus-data"), binary=binary,
                          log_path=os.path.join(tmp, "stratus.log"))
    t0 = time.monotonic()
    proc.start(timeout=10.0)  # returns once health says ready
    health_s = time.monotonic() - t0
    deadline = time.monotonic() + 10
    while not list_queues_ok(proc.endpoint):
        if time.monotonic() > deadline:
            raise RuntimeError("stratus: ListQueues never succeeded")
        time.sleep(0.005)
    first_call_s = time.monotonic() - t0
    return Server("stratus", proc.endpoint, proc.pid, lambda: proc.stop(grace=5.0),
                  {"health_s": round(health_s, 3), "startup_s": round(first_call_s, 3)})


def start_moto(tmp):
    pid, endpoint, startup, stop = start_moto_server(tmp, free_port(), list_queues_ok)
    return Server("moto", endpoint, pid, stop, {"startup_s": round(startup, 3)})


# ----------------------------------------------------------------------------- SQS calls


def sqs_json(endpoint, target, body):
    r = signed_request.json_call(endpoint, target, json.dumps(body), timeout=60)
    if r.status != 200:
        raise RuntimeError(f"{target} -> HTTP {r.status}: {r.text()[:300]}")
    return json.loads(r.body) if r.body else {}


def create_queue(endpoint, name):
    return sqs_json(endpoint, "CreateQueue", {"QueueName": name,
                                              "Attributes": {"VisibilityTimeout": "60"}})["QueueUrl"]


def delete_queue(endpoint, url):
    try:
        sqs_json(endpoint, "DeleteQueue", {"QueueUrl": url})
    except (RuntimeError, OSError) as e:
        print(f"  (cleanup: {e})")


def queue_depth(endpoint, url):
    attrs = sqs_json(endpoint, "GetQueueAttributes",
                     {"QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]})
    return int(attrs["Attributes"]["ApproximateNumberOfMessages"])


# ----------------------------------------------------------------------------- sqs_load


def sqs_load_binary(given):
    path = given or os.environ.get("STRATUS_SQS_LOAD") or \
        str(REPO_ROOT / "build" / "release" / "bench" / "load" / "sqs_load")
    if not os.path.exists(path):
        raise SystemExit(f"sqs_load not found at {path}: build it (bench/load) or pass --sqs-load")
    return path


def run_load(args, server, url, mode, connections, duration, max_ops):
    """Runs sqs_load once; returns its JSON plus server CPU seconds used."""
    argv = [args.sqs_load, "--endpoint", server.endpoint, "--queue-url", url, "--mode", mode,
            "--connections", str(connections), "--duration", str(duration),
            "--max-ops", str(max_ops), "--body-bytes", str(args.body_bytes),
            "--protocol", args.protocol]
    cpu0 = proc_cpu_s(server.pid, with_children=True)
    p = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 60)
    cpu = proc_cpu_s(server.pid, with_children=True) - cpu0
    if p.returncode != 0:
        raise RuntimeError(f"sqs_load {mode} exited {p.returncode}: {p.stderr[-500:]}")
    line = [ln for ln in p.stdout.splitlines() if ln.startswith("{")][-1]
    result = json.loads(line)
    result["server_cpu_s"] = cpu
    if p.stderr.strip():
        result["stderr"] = p.stderr.strip()[-300:]
    return result


def top_up(args, server, url, depth):
    """Sends batches until the queue holds about `depth` messages (bounded); returns the depth."""
    current = queue_depth(server.endpoint, url)
    for _ in range(5):
        missing = depth - current
        if missing <= 0:
            break
        run_load(args, server, url, "send-batch", min(8, args.connections), 120,
                 max(1, (missing + 9) // 10))
        current = queue_depth(server.endpoint, url)
    if current < depth // 2:
        raise RuntimeError(f"could not fill the queue to {depth} messages (depth {current})")
    return current


def combine(rounds):
    """Adds up sqs_load results of several rounds into one."""
    calls = sum(r["calls"] for r in rounds)
    messages = sum(r["messages"] for r in rounds)
    seconds = sum(r["seconds"] for r in rounds)
    weights = [r["calls"] for r in rounds]
    p50s = [r["p50_us"] for r in rounds]
    return {
        "calls": calls, "messages": messages, "seconds": round(seconds, 3),
        "errors": sum(r.get("errors", 0) for r in rounds),
        "empty_receives": sum(r.get("empty_receives", 0) for r in rounds),
        "calls_per_s": round(calls / seconds, 1) if seconds else 0.0,
        "messages_per_s": round(messages / seconds, 1) if seconds else 0.0,
        # Call-weighted mean of the rounds' medians; the worst round's p99.
        "p50_us": round(sum(p * w for p, w in zip(p50s, weights)) / max(1, sum(weights))),
        "p99_us": max(r["p99_us"] for r in rounds),
        "server_cpu_s": sum(r["server_cpu_s"] for r in rounds),
        "rounds": len(rounds),
    }


def measure_mode(args, server, mode, connections, duration):
    url = create_queue(server.endpoint, f"bench-{mode}-c{connections}-{os.getpid()}")
    try:
        if mode not in RECEIVE_MODES:
            result = run_load(args, server, url, mode, connections, duration, args.max_ops)
            result["rounds"] = 1
        else:
            per_receive = RECEIVE_MODES[mode]
            rounds = []
            measured = 0.0
            depths = []
            while measured < duration and len(rounds) < args.max_rounds:
                depths.append(top_up(args, server, url, args.depth))
                max_receives = max(1, (args.depth // 2) // per_receive)
                r = run_load(args, server, url, mode, connections, duration - measured, max_receives)
                rounds.append(r)
                measured += r["seconds"]
                if r["calls"] == 0:
                    break
            result = combine(rounds)
            result["depth_at_round_start"] = [min(depths), max(depths)]
        calls = result["calls"]
        result["server_cpu_us_per_call"] = round(result["server_cpu_s"] * 1e6 / calls, 1) \
            if calls else None
        return result
    finally:
        delete_queue(server.endpoint, url)


def run_peer(args, server):
    """boto3 single-client figures from moto_peer.py (or None when it is absent)."""
    peer = Path(args.peer)
    if not peer.exists():
        print(f"  {peer} not found: boto3 single-client figures skipped")
        return None
    out = os.path.join(args.tmp, f"peer-{server.name}.json")
    argv = [sys.executable, str(peer), server.endpoint, "--server-pid", str(server.pid),
            "--only", "sqs", "--duration", str(args.peer_duration), "--max-ops", str(args.peer_max_ops),
            "--json", out]
    p = subprocess.run(argv, capture_output=True, text=True,
                       timeout=args.peer_duration * 8 + 120)
    if p.returncode != 0 or not os.path.exists(out):
        print(f"  moto_peer.py failed ({p.returncode}): {p.stderr[-400:]}")
        return None
    with open(out) as f:
        return json.load(f)


def measure_server(args, server):
    time.sleep(0.5)
    figures = dict(server.startup)
    figures["idle_rss_kib"] = proc_status_kib(server.pid, "VmRSS", with_children=True)
    print(f"{server.name}: ready in {figures['startup_s']:.3f}s, idle RSS "
          f"{figures['idle_rss_kib'] / 1024:.1f} MiB", flush=True)
    figures["load"] = {}
    figures["latency"] = {}
    for mode in args.modes:
        try:
            r = measure_mode(args, server, mode, args.connections, args.duration)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            print(f"  {mode:<22} FAILED: {e}", flush=True)
            figures["load"][mode] = {"error": str(e)}
            continue
        figures["load"][mode] = r
        print(f"  {mode:<22} C={args.connections:<3} {r['calls_per_s']:>10.1f} calls/s "
              f"{r['messages_per_s']:>10.1f} msgs/s  p50 {r['p50_us']}us p99 {r['p99_us']}us  "
              f"srvCPU {r['server_cpu_us_per_call']}us/call  errors {r['errors']}", flush=True)
    for mode in args.latency_modes:
        try:
            r = measure_mode(args, server, mode, 1, args.latency_duration)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            print(f"  {mode:<22} C=1 FAILED: {e}", flush=True)
            figures["latency"][mode] = {"error": str(e)}
            continue
        figures["latency"][mode] = r
        print(f"  {mode:<22} C=1   p50 {r['p50_us']}us p99 {r['p99_us']}us "
              f"({r['calls']} calls)", flush=True)
    if not args.no_peer:
        figures["boto3"] = run_peer(args, server)
    figures["peak_rss_kib"] = proc_status_kib(server.pid, "VmHWM", with_children=True)
    return figures


# ----------------------------------------------------------------------------- report


def table_rows(results, args):
    """(label, unit, key path) rows; values are looked up per server."""
    rows = [("start-up to first ListQueues", "s", ("startup_s",)),
            ("idle RSS", "MiB", ("idle_rss_kib",))]
    for mode in args.modes:
        tag = f"{mode} C={args.connections}"
        rows += [(f"{tag} calls/s", "/s", ("load", mode, "calls_per_s")),
                 (f"{tag} msgs/s", "/s", ("load", mode, "messages_per_s")),
                 (f"{tag} p50", "us", ("load", mode, "p50_us")),
                 (f"{tag} p99", "us", ("load", mode, "p99_us")),
                 (f"{tag} server CPU/call", "us", ("load", mode, "server_cpu_us_per_call")),
                 (f"{tag} errors", "", ("load", mode, "errors"))]
    for mode in args.latency_modes:
        rows += [(f"{mode} C=1 p50", "us", ("latency", mode, "p50_us")),
                 (f"{mode} C=1 p99", "us", ("latency", mode, "p99_us"))]
    peer_tests = []
    for fig in results.values():
        for r in ((fig.get("boto3") or {}).get("results") or []):
            if r["test"] not in peer_tests:
                peer_tests.append(r["test"])
    for test in peer_tests:
        rows += [(f"boto3 {test} calls/s", "/s", ("boto3", test, "calls_per_s")),
                 (f"boto3 {test} p50", "ms", ("boto3", test, "p50_ms")),
                 (f"boto3 {test} server CPU/call", "ms", ("boto3", test, "server_cpu_ms_per_call"))]
    return rows


def lookup(fig, path):
    if path[0] == "boto3":
        for r in ((fig.get("boto3") or {}).get("results") or []):
            if r["test"] == path[1]:
                return r.get(path[2])
        return None
    value = fig
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if path == ("idle_rss_kib",) and value is not None:
        return round(value / 1024, 1)
    return value


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float) and v < 10:
        return f"{v:.3f}"
    return f"{v:,.0f}" if isinstance(v, (int, float)) else str(v)


def print_table(results, args):
    names = list(results)
    rows = []
    for label, unit, path in table_rows(results, args):
        values = [lookup(results[n], path) for n in names]
        ratio = None
        if len(names) == 2 and values[0] is not None and values[1]:
            ratio = values[0] / values[1]
        rows.append((label, unit, values, ratio))
    header = f"{'metric':<44} {'unit':<4} " + " ".join(f"{n:>12}" for n in names)
    if len(names) == 2:
        header += f" {names[0] + '/' + names[1]:>14}"
    print("\n" + header)
    print("-" * len(header))
    for label, unit, values, ratio in rows:
        line = f"{label:<44} {unit:<4} " + " ".join(f"{fmt(v):>12}" for v in values)
        if len(names) == 2:
            line += f" {('%.3g' % ratio) if ratio is not None else '-':>14}"
        print(line)
    return rows


# ----------------------------------------------------------------------------- main


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=5.0, help="seconds per mode (C connections)")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--latency-duration", type=float, default=3.0, help="seconds per C=1 run")
    ap.add_argument("--max-ops", type=int, default=200000, help="cap on calls per send run")
    ap.add_argument("--depth", type=int, default=1000, help="queue depth for receive modes")
    ap.add_argument("--max-rounds", type=int, default=100, help="cap on top-up rounds per receive mode")
    ap.add_argument("--body-bytes", type=int, default=100)
    ap.add_argument("--protocol", choices=["json", "query"], default="json")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--latency-modes", default=",".join(MODES))
    ap.add_argument("--stratus-bin", default=None, help="default: $STRATUS_BIN or build/release/stratus")
    ap.add_argument("--sqs-load", default=None,
                    help="default: $STRATUS_SQS_LOAD or build/release/bench/load/sqs_load")
    ap.add_argument("--no-moto", action="store_true", help="measure stratus only")
    ap.add_argument("--no-stratus", action="store_true", help="measure moto only")
    ap.add_argument("--peer", default=str(DEFAULT_PEER), help="moto_peer.py for boto3 figures")
    ap.add_argument("--no-peer", action="store_true", help="skip the boto3 single-client figures")
    ap.add_argument("--peer-duration", type=float, default=3.0)
    ap.add_argument("--peer-max-ops", type=int, default=2000)
    ap.add_argument("--json", help="write results to this file")
    args = ap.parse_args()
    args.modes = [m for m in args.modes.split(",") if m]
    args.latency_modes = [m for m in args.latency_modes.split(",") if m]
    for m in args.modes + args.latency_modes:
        if m not in MODES:
            ap.error(f"unknown mode {m}")
    args.sqs_load = sqs_load_binary(args.sqs_load)
    return args


def main():
    args = parse_args()
    args.tmp = tempfile.mkdtemp(prefix="stratus-bench-")
    starters = []
    if not args.no_stratus:
        starters.append(("stratus", lambda: start_stratus(args.stratus_bin or stratus_binary(),
                                                          args.tmp)))
    if not args.no_moto:
        if shutil.which("moto_server"):
            starters.append(("moto", lambda: start_moto(args.tmp)))
        else:
            print("moto_server not found: peer skipped")
    results = {}
    ok = True
    for name, start in starters:
        server = None
        try:
            server = start()
            results[name] = measure_server(args, server)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            ok = False
            print(f"{name}: FAILED: {e}")
            results[name] = {"error": str(e)}
        finally:
            if server is not None:
                server.stop()
    good = {n: f for n, f in results.items() if "error" not in f}
    rows = print_table(good, args) if good else []
    doc = {
        "info": {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "host": platform.node(),
                 "cpus": os.cpu_count(), "python": sys.version.split()[0],
                 "options": {k: v for k, v in vars(args).items() if k != "tmp"}},
        "servers": results,
        "table": [{"metric": label, "unit": unit, "values": dict(zip(good, values)), "ratio": ratio}
                  for label, unit, values, ratio in rows],
    }
    if args.json:
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1)
        print(f"\nJSON written to {args.json}")
    if ok:
        shutil.rmtree(args.tmp, ignore_errors=True)
    else:
        print(f"logs kept in {args.tmp}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
