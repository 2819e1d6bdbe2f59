#!/usr/bin/env python3
"""Step Functions benchmark: stratus and moto side by side, in one run, on this machine.

  python3 bench/sfn_bench.py [--duration 5] [--connections 32] [--parked 10000]
                             [--map-items 1000] [--json out.json] [--no-peer]
                             [--max-load 1.5] [--max-load-wait 300]

Measures on stratus ($STRATUS_BIN or build/release/stratus, started here on a
temporary data dir, loopback only):
  (a) a 5-state and a 10-state Pass/Choice machine, each as STANDARD (durable:
      StartExecution is acknowledged after the execution's whole history and
      final state are committed, fsync on) and EXPRESS (StartSyncExecution):
        - executions/s: bench sfn_load closed loops over --connections
          keep-alive connections for --duration seconds (sfn_load is the
          project's C++ generator; its own CPU is reported to show it is not
          the bottleneck), plus server CPU per execution;
        - start-to-finish latency p50/p90/p99 from a single-connection run;
      every STANDARD run is checked: a sample of the started executions must
      already be SUCCEEDED when described.
  (b) a Map over --map-items items (Pass per item), STANDARD and EXPRESS:
      wall time from the start call until SUCCEEDED, items/s;
  (c) --parked STANDARD executions parked in a one-hour Wait: start rate, and
      the server's RSS before and after (VmRSS, server process).
Then runs ../shared/peers/asl_moto_peer.py (moto_server with execution
switched on) for moto's executions/s and 5-state latency, and prints both side
by side with ratios and the issue's targets. Skips the peer with a message
when the script or moto_server is absent (--no-peer skips it always).

Machines here are noisy and have 2 cores shared by client and server: compare
ratios from the same run. The run first waits (at most --max-load-wait s) for
the 1-minute load average to fall to --max-load, and reports the load average
with every measurement. Every loop is bounded in count and time.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT / "test" / "wire"))

from stratus_process import StratusProcess, stratus_binary  # noqa: E402
from bench_host import children_cpu_s, load_average, proc_cpu_s, system_busy_s, wait_for_quiet  # noqa: E402,I001

DEFAULT_PEER = REPO_ROOT.parent / "shared" / "peers" / "asl_moto_peer.py"
ROLE = "arn:aws:iam::000000000000:role/bench"
MAP_TIMEOUT_S = 120


# ----------------------------------------------------------------------------- machine load


# ----------------------------------------------------------------------------- /proc readings


def proc_rss_mib(pid, key="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


# ----------------------------------------------------------------------------- raw calls


def call(endpoint, operation, body, timeout=120):
    """One unsigned Step Functions JSON 1.0 call; returns (status, parsed body)."""
    request = urllib.request.Request(
        endpoint + "/", data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/x-amz-json-1.0",
                 "X-Amz-Target": f"AWSStepFunctions.{operation}",
                 "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/states/"
                                  "aws4_request, SignedHeaders=host, Signature=0"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def checked(endpoint, operation, body):
    status, out = call(endpoint, operation, body)
    if status != 200:
        raise RuntimeError(f"{operation} -> {status}: {out}")
    return out


# ----------------------------------------------------------------------------- machines


def pass_choice(n):
    """n states alternating Pass and Choice (Choice on the input's n), ending in a Pass."""
    states = {}
    for i in range(n):
        last = i == n - 1
        if i % 2 == 1 and not last:
            states[f"S{i}"] = {"Type": "Choice", "Choices": [
                {"Variable": "$.n", "NumericGreaterThanEquals": 0, "Next": f"S{i + 1}"}],
                "Default": f"S{i + 1}"}
        else:
            state = {"Type": "Pass", "Result": {"step": i}, "ResultPath": f"$.s{i}"}
            state.update({"End": True} if last else {"Next": f"S{i + 1}"})
            states[f"S{i}"] = state
    return {"StartAt": "S0", "States": states}


def map_machine(mode="INLINE"):
    config = {"Mode": mode}
    if mode == "DISTRIBUTED":
        config["ExecutionType"] = "STANDARD"
    return {"StartAt": "Fan", "States": {"Fan": {
        "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0,
        "ItemProcessor": {"ProcessorConfig": config, "StartAt": "Item", "States": {
            "Item": {"Type": "Pass", "Parameters": {"v.$": "$"}, "End": True}}},
        "ResultSelector": {"count.$": "States.ArrayLength($)"}, "End": True}}}


PARKED = {"StartAt": "Park", "States": {"Park": {"Type": "Wait", "Seconds": 3600, "End": True}}}


def create(endpoint, name, definition, kind):
    return checked(endpoint, "CreateStateMachine", {
        "name": name, "definition": json.dumps(definition), "roleArn": ROLE,
        "type": kind})["stateMachineArn"]


# ----------------------------------------------------------------------------- sfn_load


def sfn_load_binary(given):
    path = given or os.environ.get("STRATUS_SFN_LOAD") or str(
        REPO_ROOT / "build" / "release" / "bench" / "load" / "sfn_load")
    if not os.path.exists(path):
        raise SystemExit(f"sfn_load not found at {path}: build target sfn_load or pass --sfn-load")
    return path


def run_load(args, server_pid, endpoint, arn, mode, connections, duration, max_ops, prefix,
             payload):
    argv = [args.sfn_load, "--endpoint", endpoint, "--state-machine-arn", arn, "--mode", mode,
            "--connections", str(connections), "--duration", str(duration),
            "--max-ops", str(max_ops), "--name-prefix", prefix, "--input", json.dumps(payload)]
    cpu0, client0, busy0 = proc_cpu_s(server_pid), children_cpu_s(), system_busy_s()
    p = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 120)
    cpu1, client1, busy1 = proc_cpu_s(server_pid), children_cpu_s(), system_busy_s()
    if p.returncode != 0:
        raise RuntimeError(f"sfn_load exited {p.returncode}: {p.stderr[-500:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    client_cpu = client1 - client0
    out["server_cpu_s"] = cpu1 - cpu0
    out["client_cpu_share"] = client_cpu / out["seconds"] if out["seconds"] else 0
    out["server_cpu_ms_per_call"] = 1000 * out["server_cpu_s"] / max(1, out["calls"])
    # What the rest of the machine (other builds, tests) took meanwhile, in cores.
    out["others_cores"] = round(max(0.0, (busy1 - busy0) - out["server_cpu_s"] - client_cpu) /
                                out["seconds"], 2) if out["seconds"] else 0
    if out["errors"]:
        print(f"  ! {out['errors']} errors: {p.stderr.strip()[:300]}")
    return out


def verify_standard(endpoint, arn, prefix, count):
    """The executions a STANDARD run acknowledged are already SUCCEEDED."""
    machine = arn.split(":stateMachine:")[1]
    base = arn.split(":stateMachine:")[0]
    bad = 0
    for i in range(0, count, max(1, count // 20)):
        status, out = call(endpoint, "DescribeExecution",
                           {"executionArn": f"{base}:execution:{machine}:{prefix}-{i}"})
        if status != 200 or out.get("status") != "SUCCEEDED":
            bad += 1
    return bad


# ----------------------------------------------------------------------------- measurements


def measure_machines(args, server):
    results = {}
    for n in (5, 10):
        for kind in ("STANDARD", "EXPRESS"):
            key = f"pass{n}_{kind.lower()}"
            arn = create(server.endpoint, f"bench-{key}", pass_choice(n), kind)
            mode = "start" if kind == "STANDARD" else "sync"
            payload = {"n": 1}
            run_load(args, server.pid, server.endpoint, arn, mode, 4, 1, 2000, f"{key}-warm",
                     payload)  # warm-up
            latency = run_load(args, server.pid, server.endpoint, arn, mode, 1,
                               args.latency_duration, 100000, f"{key}-lat", payload)
            throughput = run_load(args, server.pid, server.endpoint, arn, mode, args.connections,
                                  args.duration, 2_000_000, f"{key}-tp", payload)
            entry = {"latency": latency, "throughput": throughput, "load": load_average(),
                     "others_cores": throughput["others_cores"]}
            if kind == "STANDARD":
                entry["not_finished_when_acknowledged"] = verify_standard(
                    server.endpoint, arn, f"{key}-tp", throughput["calls"])
            results[key] = entry
            print(f"  {key:16} {throughput['calls_per_s']:10.0f} exec/s  "
                  f"p50 {latency['p50_us'] / 1000:.2f} ms  p99 {latency['p99_us'] / 1000:.2f} ms  "
                  f"server {throughput['server_cpu_ms_per_call']:.3f} ms CPU/exec  "
                  f"client CPU {100 * throughput['client_cpu_share']:.0f}%  "
                  f"others {entry['others_cores']:.2f} cores  load {entry['load']}")
    return results


def measure_map(args, server):
    results = {}
    items = list(range(args.map_items))
    # DISTRIBUTED: a STANDARD parent whose items run as child executions,
    # each with its own durable row and history.
    for label, kind, mode in (("standard", "STANDARD", "INLINE"), ("express", "EXPRESS", "INLINE"),
                              ("distributed", "STANDARD", "DISTRIBUTED")):
        arn = create(server.endpoint, f"bench-map-{label}", map_machine(mode), kind)
        times = []
        for run in range(args.map_runs):
            t0 = time.perf_counter()
            if kind == "EXPRESS":
                out = checked(server.endpoint, "StartSyncExecution",
                              {"stateMachineArn": arn, "input": json.dumps({"items": items})})
                status, output = out["status"], out.get("output")
            else:
                started = checked(server.endpoint, "StartExecution", {
                    "stateMachineArn": arn, "name": f"map-{run}",
                    "input": json.dumps({"items": items})})
                deadline = time.monotonic() + MAP_TIMEOUT_S
                while True:
                    d = checked(server.endpoint, "DescribeExecution",
                                {"executionArn": started["executionArn"]})
                    if d["status"] != "RUNNING" or time.monotonic() > deadline:
                        break
                    time.sleep(0.001)
                status, output = d["status"], d.get("output")
            times.append(time.perf_counter() - t0)
            assert status == "SUCCEEDED" and json.loads(output) == {"count": len(items)}, output
        median = statistics.median(times)
        results[label] = {"items": len(items), "runs": len(times), "median_s": median,
                          "items_per_s": len(items) / median}
        print(f"  map {label:11} {len(items)} items: median {1000 * median:.1f} ms "
              f"({len(items) / median:.0f} items/s)")
    return results


def measure_parked(args, server):
    arn = create(server.endpoint, "bench-parked", PARKED, "STANDARD")
    rss_before = proc_rss_mib(server.pid)
    run = run_load(args, server.pid, server.endpoint, arn, "start", args.connections, 600,
                   args.parked, "parked", {"n": 0})
    time.sleep(1.0)
    rss_after = proc_rss_mib(server.pid)
    running, token = 0, None
    for _ in range(args.parked // 1000 + 2):  # Pages of 1,000.
        body = {"stateMachineArn": arn, "statusFilter": "RUNNING", "maxResults": 1000}
        if token:
            body["nextToken"] = token
        page = checked(server.endpoint, "ListExecutions", body)
        running += len(page["executions"])
        token = page.get("nextToken")
        if not token:
            break
    result = {"started": run["calls"] - run["errors"], "running": running,
              "starts_per_s": run["calls_per_s"], "rss_before_mib": rss_before,
              "rss_after_mib": rss_after, "rss_hwm_mib": proc_rss_mib(server.pid, "VmHWM")}
    print(f"  parked: {running} RUNNING in Wait; RSS {rss_before:.0f} -> {rss_after:.0f} MiB "
          f"(peak {result['rss_hwm_mib']:.0f}); started at {run['calls_per_s']:.0f}/s")
    return result


class Server:
    def __init__(self, process):
        self.process = process
        self.endpoint = process.endpoint
        self.pid = process.pid


def measure_stratus(args):
    tmp = tempfile.mkdtemp(prefix="stratus-sfn-bench-")
    process = StratusProcess(os.path.join(tmp, "data"), binary=args.stratus,
                             log_path=os.path.join(tmp, "stratus.log"))
    t0 = time.monotonic()
    process.start(timeout=15.0)
    startup = time.monotonic() - t0
    server = Server(process)
    try:
        print(f"stratus pid={server.pid} ({args.stratus}), start-up {startup:.3f} s, "
              f"idle RSS {proc_rss_mib(server.pid):.0f} MiB")
        out = {"startup_s": startup, "idle_rss_mib": proc_rss_mib(server.pid)}
        out["machines"] = measure_machines(args, server)
        out["map"] = measure_map(args, server)
        out["parked"] = measure_parked(args, server)
        return out
    finally:
        process.stop(grace=10.0)
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- the moto peer


def run_peer(args):
    if args.no_peer:
        return {"skipped": "--no-peer"}
    if not Path(args.peer).exists():
        print(f"moto peer skipped: {args.peer} not found")
        return {"skipped": f"{args.peer} not found"}
    if shutil.which("moto_server") is None:
        print("moto peer skipped: moto_server not on PATH")
        return {"skipped": "moto_server not on PATH"}
    print(f"moto peer: {args.peer} --latency-runs {args.peer_latency_runs} "
          f"--batch {args.peer_batch}")
    t0, peer0, busy0 = time.monotonic(), children_cpu_s(), system_busy_s()
    p = subprocess.run([sys.executable, str(args.peer), "--latency-runs",
                        str(args.peer_latency_runs), "--batch", str(args.peer_batch),
                        "--workers", "8"], capture_output=True, text=True, timeout=900)
    seconds, peer_cpu = time.monotonic() - t0, children_cpu_s() - peer0
    text = p.stdout
    # The peer waits for its moto_server, whose CPU is then counted in ours.
    out = {"raw": text[-3000:], "seconds": round(seconds, 1),
           "others_cores": round(max(0.0, system_busy_s() - busy0 - peer_cpu) / seconds, 2)}
    m = re.search(r"start->SUCCEEDED observed: median ([\d.]+) ms", text)
    if m:
        out["pass5_latency_p50_ms"] = float(m.group(1))
    m = re.search(r"batch=(\d+) .*all terminal after ([\d.]+) s", text)
    if m and float(m.group(2)) > 0:
        out["pass5_exec_per_s"] = round(int(m.group(1)) / float(m.group(2)), 2)
    out["statuses"] = (re.search(r"statuses=(\{[^}]*\})", text) or [None, None])[1]
    print(f"  moto: {out.get('pass5_exec_per_s', '?')} exec/s, p50 "
          f"{out.get('pass5_latency_p50_ms', '?')} ms; others {out['others_cores']:.2f} cores")
    if "pass5_exec_per_s" not in out:
        print("moto peer output not understood:\n" + text[-1500:] + p.stderr[-500:])
    return out


# ----------------------------------------------------------------------------- report


def report(stratus, moto):
    m = stratus["machines"]
    moto_rate = moto.get("pass5_exec_per_s")
    moto_p50 = moto.get("pass5_latency_p50_ms")

    def ratio(value, base):
        return f"{value / base:,.0f}x" if base else "-"

    rows = [
        ("5-state STANDARD exec/s", m["pass5_standard"]["throughput"]["calls_per_s"], moto_rate,
         ">= 100x moto"),
        ("5-state EXPRESS exec/s", m["pass5_express"]["throughput"]["calls_per_s"], moto_rate,
         ">= 1000x moto"),
        ("10-state STANDARD exec/s", m["pass10_standard"]["throughput"]["calls_per_s"], None, ""),
        ("10-state EXPRESS exec/s", m["pass10_express"]["throughput"]["calls_per_s"], None, ""),
        ("5-state STANDARD p50 ms", m["pass5_standard"]["latency"]["p50_us"] / 1000, moto_p50,
         "< 2 ms"),
        ("5-state EXPRESS p50 ms", m["pass5_express"]["latency"]["p50_us"] / 1000, moto_p50,
         "< 2 ms"),
        ("10-state STANDARD p50 ms", m["pass10_standard"]["latency"]["p50_us"] / 1000, None, ""),
        ("10-state EXPRESS p50 ms", m["pass10_express"]["latency"]["p50_us"] / 1000, None, ""),
        ("Map 1k STANDARD ms", 1000 * stratus["map"]["standard"]["median_s"], None, ""),
        ("Map 1k EXPRESS ms", 1000 * stratus["map"]["express"]["median_s"], None, ""),
        ("Map 1k DISTRIBUTED ms", 1000 * stratus["map"]["distributed"]["median_s"], None, ""),
        (f"{stratus['parked']['running']} parked RSS MiB", stratus["parked"]["rss_after_mib"],
         None, "< 200 MiB"),
    ]
    print("\n{:28} {:>12} {:>10} {:>10}   {}".format("metric", "stratus", "moto", "ratio",
                                                   "target"))
    for name, value, base, target in rows:
        is_rate = "exec/s" in name
        shown_ratio = ratio(value, base) if is_rate and base else (
            f"{base / value:,.0f}x faster" if base and value else "-")
        print("{:28} {:>12,.2f} {:>10} {:>10}   {}".format(
            name, value, f"{base:,.2f}" if base else "-", shown_ratio, target))


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--duration", type=float, default=5.0)
    ap.add_argument("--latency-duration", type=float, default=2.0)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--map-items", type=int, default=1000)
    ap.add_argument("--map-runs", type=int, default=5)
    ap.add_argument("--parked", type=int, default=10000)
    ap.add_argument("--stratus", default=None, help="default: $STRATUS_BIN or build/release/stratus")
    ap.add_argument("--sfn-load", default=None,
                    help="default: $STRATUS_SFN_LOAD or build/release/bench/load/sfn_load")
    ap.add_argument("--peer", default=str(DEFAULT_PEER))
    ap.add_argument("--peer-latency-runs", type=int, default=50)
    ap.add_argument("--peer-batch", type=int, default=300)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--max-load", type=float, default=1.5,
                    help="wait for the 1-minute load average to fall to this first (0: do not)")
    ap.add_argument("--max-load-wait", type=float, default=300,
                    help="seconds to wait for --max-load at most")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    args.stratus = args.stratus or stratus_binary()
    if not os.path.exists(args.stratus):
        raise SystemExit(f"stratus binary not found at {args.stratus} (set STRATUS_BIN)")
    args.sfn_load = sfn_load_binary(args.sfn_load)
    return args


def main():
    args = parse_args()
    loads = {"start": wait_for_quiet(args.max_load, args.max_load_wait)}
    stratus = measure_stratus(args)
    loads["after_stratus"] = load_average()
    moto = run_peer(args)
    loads["after_moto"] = load_average()
    report(stratus, moto)
    # The benchmark itself keeps both cores busy, so the load average rises to
    # ~2 during the run; "others" (CPU the rest of the machine used while a
    # figure was measured) is the better sign of interference.
    others = [e["others_cores"] for e in stratus["machines"].values()]
    others.append(moto.get("others_cores", 0))
    print("load average (1 min): " + ", ".join(f"{k} {v}" for k, v in loads.items()) +
          f"; other processes used up to {max(others):.2f} cores while measuring" +
          ("  (over 0.3: rerun on a quieter machine)" if max(others) > 0.3 else ""))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"stratus": stratus, "moto": moto, "load_average": loads,
                       "date": time.strftime("%Y-%m-%d %H:%M:%S")}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
