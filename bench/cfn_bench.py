#!/usr/bin/env python3
"""CloudFormation benchmark: the deploy time of a 20-resource template on stratus.

  python3 bench/cfn_bench.py [--runs 5] [--json out.json]

Starts stratus ($STRATUS_BIN or build/release/stratus) on a temporary data dir
(loopback, fsync on) and, --runs times, creates a stack of 20 resources — 10
SQS queues, 5 S3 buckets and 5 CloudWatch Logs groups, in chains of
dependencies (each log group names a queue, every other queue depends on the
one before) — then deletes it. Reports for create and delete: the wall time
from the API call until the stack reached *_COMPLETE (polled every 10 ms,
with CreateStack answering once the stack settled or after 2 s), median and
max, and the server's CPU per create. No peer: moto does not run deploys
against real resources. Machines here are noisy and have 2 cores shared by
client and server; the 1-minute load average is reported with the figures.
"""
import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import boto3
from botocore.config import Config

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT / "test" / "wire"))

from stratus_process import StratusProcess  # noqa: E402
from bench_host import load_average, proc_cpu_s  # noqa: E402,I001

SETTLE_TIMEOUT_S = 120


def template():
    lines = ["Resources:"]
    for i in range(10):
        depends = f"\n    DependsOn: Queue{i - 1}" if i % 2 == 1 else ""
        lines.append(f"  Queue{i}:\n    Type: AWS::SQS::Queue{depends}\n"
                     f"    Properties: {{VisibilityTimeout: {30 + i}}}")
    for i in range(5):
        lines.append(f"  Bucket{i}:\n    Type: AWS::S3::Bucket")
        lines.append(f"  Group{i}:\n    Type: AWS::Logs::LogGroup\n"
                     f"    Properties: {{LogGroupName: !Sub '/bench/${{AWS::StackName}}/"
                     f"${{Queue{2 * i}.QueueName}}'}}")
    return "\n".join(lines) + "\n"


def wait_settled(cfn, stack_id):
    deadline = time.time() + SETTLE_TIMEOUT_S
    while time.time() < deadline:
        status = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]["StackStatus"]
        if not status.endswith("_IN_PROGRESS"):
            return status
        time.sleep(0.01)
    raise RuntimeError(f"{stack_id} did not settle")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    body = template()
    with tempfile.TemporaryDirectory(prefix="stratus-cfn-bench-") as tmp:
        server = StratusProcess(str(Path(tmp) / "data"))
        server.start()
        try:
            cfn = boto3.client("cloudformation", endpoint_url=server.endpoint,
                               region_name="us-east-1", aws_access_key_id="x",
                               aws_secret_access_key="x",
                               config=Config(retries={"max_attempts": 0}))
            creates, deletes, cpu = [], [], []
            for run in range(args.runs):
                cpu_before = proc_cpu_s(server.pid)
                start = time.perf_counter()
                stack_id = cfn.create_stack(StackName=f"bench{run}", TemplateBody=body)["StackId"]
                status = wait_settled(cfn, stack_id)
                creates.append(time.perf_counter() - start)
                cpu.append(proc_cpu_s(server.pid) - cpu_before)
                assert status == "CREATE_COMPLETE", status
                resources = cfn.describe_stack_resources(StackName=stack_id)["StackResources"]
                assert len(resources) == 20, len(resources)
                start = time.perf_counter()
                cfn.delete_stack(StackName=stack_id)
                assert wait_settled(cfn, stack_id) == "DELETE_COMPLETE"
                deletes.append(time.perf_counter() - start)
        finally:
            server.stop()
    result = {
        "resources": 20,
        "runs": args.runs,
        "create_s_median": statistics.median(creates),
        "create_s_max": max(creates),
        "delete_s_median": statistics.median(deletes),
        "delete_s_max": max(deletes),
        "server_cpu_s_per_create": statistics.median(cpu),
        "load_average_1m": load_average(),
    }
    print(f"20-resource stack, {args.runs} runs (load {result['load_average_1m']:.2f}):")
    print(f"  create: median {result['create_s_median'] * 1000:.0f} ms, "
          f"max {result['create_s_max'] * 1000:.0f} ms, "
          f"server CPU {result['server_cpu_s_per_create'] * 1000:.0f} ms")
    print(f"  delete: median {result['delete_s_median'] * 1000:.0f} ms, "
          f"max {result['delete_s_max'] * 1000:.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
