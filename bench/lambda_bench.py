#!/usr/bin/env python3
"""Lambda benchmark: warm invoke latency and rate, cold start, beside the bare interpreter start.

  python3 bench/lambda_bench.py [--binary PATH ...] [--invokes 2000] [--duration 5]
                                [--clients 4] [--rounds 3] [--json out.json]

For each stratus binary given (default build/release/stratus; give two to compare a
before and an after in the same run, interleaved round by round):
  - a trivial Python handler and a trivial Node handler are created;
  - warm invoke p50/p99 over the wire: --invokes sequential RequestResponse invokes on
    one keep-alive connection (after 200 warm-up ones), timed at the client;
  - warm invocations/s: --clients client processes, each with its own keep-alive
    connection, for --duration seconds; the server's CPU (utime+stime of it and its
    function processes) per invoke;
  - cold start: the first invoke after UpdateFunctionConfiguration (a new revision
    starts a new process), five times;
  - the physical floor of a cold start in the same run: `python3 -c pass` and
    `node -e 0` spawned and waited for.
moto needs Docker to run Lambda functions, which this machine does not have: it is not run.
The load average is printed with every round; take the best round of several.
The client is Python: above some thousands of invokes/s it is the client that saturates
(its CPU is printed), so the server CPU per invoke is the figure to compare.
"""
import argparse
import http.client
import io
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT / "test" / "wire"))
sys.path.insert(0, str(BENCH_DIR))

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

from bench_host import load_average, proc_cpu_s  # noqa: E402
from stratus_process import StratusProcess, stratus_binary  # noqa: E402,I001

ROLE = "arn:aws:iam::000000000000:role/bench"
# Routing needs the credential scope; stratus verifies signatures only when credentials are set.
AUTH = ("AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/lambda/aws4_request, "
        "SignedHeaders=host, Signature=0")
FUNCTIONS = {
    "py": ("python3.12", "app.handler", "app.py", "def handler(event, context):\n    return event\n"),
    "node": ("nodejs20.x", "index.handler", "index.js",
             "exports.handler = async (event) => event;\n"),
}


def make_zip(name, text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


def client(endpoint):
    return boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="bench", aws_secret_access_key="bench",
                        config=Config(retries={"max_attempts": 0}, read_timeout=60))


class Invoker:
    """Invokes one function over one keep-alive connection."""

    def __init__(self, port, function):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.path = f"/2015-03-31/functions/{function}/invocations"
        self.headers = {"Authorization": AUTH, "Content-Type": "application/json"}

    def __call__(self):
        self.conn.request("POST", self.path, body=b'{"k":1}', headers=self.headers)
        response = self.conn.getresponse()
        body = response.read()
        if response.status != 200 or response.getheader("X-Amz-Function-Error"):
            raise RuntimeError(f"invoke failed: {response.status} {body[:200]!r}")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def warm_latency(port, function, count):
    invoke = Invoker(port, function)
    for _ in range(200):
        invoke()
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        invoke()
        times.append((time.perf_counter() - t0) * 1000)
    return percentile(times, 0.5), percentile(times, 0.99)


def rate_worker(port, function, duration, start_at, out):
    invoke = Invoker(port, function)
    invoke()
    while time.time() < start_at:
        time.sleep(0.001)
    n = 0
    end = start_at + duration
    cpu0 = time.process_time()
    while time.time() < end:
        invoke()
        n += 1
    out.put((n, time.process_time() - cpu0))


def warm_rate(server, function, clients, duration):
    out = multiprocessing.Queue()
    start_at = time.time() + 1.0
    workers = [multiprocessing.Process(target=rate_worker,
                                       args=(server.port, function, duration, start_at, out))
               for _ in range(clients)]
    for worker in workers:
        worker.start()
    while time.time() < start_at:
        time.sleep(0.001)
    cpu0 = proc_cpu_s(server.pid, with_children=True)
    t0 = time.monotonic()
    results = [out.get() for _ in workers]
    wall = time.monotonic() - t0
    cpu = proc_cpu_s(server.pid, with_children=True) - cpu0
    for worker in workers:
        worker.join()
    total = sum(n for n, _ in results)
    return {"invokes_per_s": round(total / duration, 1),
            "server_cpu_us_per_invoke": round(cpu / max(total, 1) * 1e6, 1),
            "client_cpu_s": round(sum(c for _, c in results), 2), "wall_s": round(wall, 2)}


def cold_starts(lam, function, times=5):
    out = []
    for i in range(times):
        lam.update_function_configuration(FunctionName=function,
                                          Environment={"Variables": {"ROUND": str(i)}})
        lam.get_waiter("function_updated_v2").wait(FunctionName=function)
        t0 = time.perf_counter()
        lam.invoke(FunctionName=function, Payload=b"{}")["Payload"].read()
        out.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(out), 1)


def bare_start(argv, times=5):
    out = []
    for _ in range(times):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True)
        out.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(out), 1)


def measure(binary, args):
    with tempfile.TemporaryDirectory(prefix="lambda-bench-") as tmp:
        server = StratusProcess(os.path.join(tmp, "data"), binary=binary)
        server.start(timeout=60)
        try:
            lam = client(server.endpoint)
            figures = {"binary": binary, "load": load_average()}
            for key, (runtime, handler, file_name, text) in FUNCTIONS.items():
                name = f"bench-{key}"
                lam.create_function(FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
                                    Code={"ZipFile": make_zip(file_name, text)}, MemorySize=256)
                lam.get_waiter("function_active_v2").wait(FunctionName=name)
                p50, p99 = warm_latency(server.port, name, args.invokes)
                rate = warm_rate(server, name, args.clients, args.duration)
                figures[key] = {"warm_p50_ms": round(p50, 3), "warm_p99_ms": round(p99, 3), **rate,
                                "cold_ms": cold_starts(lam, name)}
            figures["bare_python_ms"] = bare_start(["python3", "-c", "pass"])
            figures["bare_node_ms"] = bare_start(["node", "-e", "0"])
            return figures
        finally:
            server.stop()


def main():
    # The system's interpreters, as a Debian machine has them (not a version manager's shims,
    # which add their own start-up): the functions and the bare floor use the same ones.
    os.environ["PATH"] = "/usr/bin:/bin:" + os.environ.get("PATH", "")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", action="append", help="a stratus binary (repeatable)")
    parser.add_argument("--invokes", type=int, default=2000)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()
    binaries = args.binary or [stratus_binary()]
    rounds = []
    for round_number in range(args.rounds):
        for binary in binaries:
            figures = measure(binary, args)
            figures["round"] = round_number
            rounds.append(figures)
            print(json.dumps(figures), flush=True)
    print("\nbest of rounds (lowest warm p50; highest rate):")
    for binary in binaries:
        mine = [r for r in rounds if r["binary"] == binary]
        for key in FUNCTIONS:
            print(f"  {binary} {key}: warm p50 {min(r[key]['warm_p50_ms'] for r in mine)} ms, "
                  f"p99 {min(r[key]['warm_p99_ms'] for r in mine)} ms, "
                  f"{max(r[key]['invokes_per_s'] for r in mine)} invokes/s, "
                  f"server CPU {min(r[key]['server_cpu_us_per_invoke'] for r in mine)} us/invoke, "
                  f"cold {min(r[key]['cold_ms'] for r in mine)} ms")
        print(f"  bare python3 {min(r['bare_python_ms'] for r in mine)} ms, "
              f"node {min(r['bare_node_ms'] for r in mine)} ms; loads "
              f"{[r['load'] for r in mine]}")
    if args.json:
        Path(args.json).write_text(json.dumps(rounds, indent=1))


if __name__ == "__main__":
    main()
