#!/usr/bin/env python3
"""Batch ETL pipeline benchmark: deploy and run examples/batch-etl end to end on stratus.

  python3 bench/batch_etl_bench.py [--rows 1000000] [--merge-runs 5] [--json out.json]

Starts stratus (--stratus-bin, default $STRATUS_BIN or build/release/stratus) on a temporary
data dir (loopback, fsync on) and drives the pipeline as examples/demo.sh does, timing:

1. deploys   `aws cloudformation deploy` of cfn_mysql.yaml (the Aurora MySQL cluster: a real
             MariaDB is initialised behind the RDS endpoint) and of stack.yaml (new stack, then
             an update with one changed parameter, StackPackageS3Key: a new upload of the
             same package, as deploy.sh does on every run). Wall time of the aws CLI, and the
             server's time from the stack events (first *_IN_PROGRESS of the stack to its
             *_COMPLETE); for the MySQL stack, the DB instance resource's share too.
2. sample    runs of ETL-StateMachine-mysql-connector-staging on the seed's 7 transactions:
             the first (the Choice's create-tables branch), then --merge-runs MERGE runs
             (median). Wall time (StartExecution until DescribeExecution is no longer
             RUNNING, polled every 10 ms), server time (the execution's startDate→stopDate)
             and, from the history, the time in each state (StateEntered→StateExited; Map
             iterations' states summed over iterations, with their count).
3. --rows N  (default 1,000,000; 0 skips) transactions generated in MariaDB itself over 30
             days in time order and 10,000 users (seq_1_to_N of the SEQUENCE engine; 1M rows
             make 300,000 (dt, user) groups, the MERGE's rows; a users row for every user),
             then --big-runs (2) pipeline runs that export all N rows through INTO OUTFILE S3
             and MERGE them into the Iceberg table (the first inserts the groups, the next
             update every one of them).

Prints one table (a column per run) and a JSON summary (also to --json). The machine is shared:
the 1-minute load average and the server's CPU are reported with every figure.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict, deque
from pathlib import Path

import boto3
import pymysql
from botocore.config import Config

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(REPO_ROOT / "test" / "wire"))

from bench_host import load_average  # noqa: E402
from stratus_process import StratusProcess, stratus_binary  # noqa: E402

EXAMPLE = REPO_ROOT / "examples" / "batch-etl"
REGION = "us-east-1"
LAKE = "datalake.staging.liveproject"
CODE_BUCKET = "your.datalake.aws"
MACHINE_ARN = ("arn:aws:states:us-east-1:000000000000:stateMachine:"
               "ETL-StateMachine-mysql-connector-staging")
PIPELINE_STACK = "BatchETLpipeline"
MYSQL_STACK = "MySQLDB"
RUN_TIMEOUT_S = 1800
USERS = 10_000
DAYS = 30


class Bench:
    def __init__(self, server, work):
        self.server = server
        self.work = work
        self.env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                        AWS_DEFAULT_REGION=REGION, AWS_PAGER="")
        self.env.pop("AWS_PROFILE", None)
        kwargs = dict(endpoint_url=server.endpoint, region_name=REGION,
                      aws_access_key_id="bench", aws_secret_access_key="bench",
                      config=Config(retries={"max_attempts": 0}, read_timeout=RUN_TIMEOUT_S))
        self.sfn = boto3.client("stepfunctions", **kwargs)
        self.cfn = boto3.client("cloudformation", **kwargs)
        self.rds = boto3.client("rds", **kwargs)
        self.s3 = boto3.client("s3", **kwargs)
        self.db_port = None
        self.runs = 0

    def cpu(self):
        return tree_cpu_s(self.server.pid)

    def aws(self, *args):
        p = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, *args], env=self.env,
                           cwd=self.work, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
        if p.returncode != 0:
            raise RuntimeError(f"aws {' '.join(args)}: {p.stdout}\n{p.stderr}")
        return p.stdout

    # --- deploys ---

    def stack_server_time(self, stack, action):
        """Seconds from the stack's first ACTION_IN_PROGRESS event to its ACTION_COMPLETE."""
        events = []
        for page in self.cfn.get_paginator("describe_stack_events").paginate(StackName=stack):
            events += page["StackEvents"]
        events.sort(key=lambda e: e["Timestamp"])
        own = [e for e in events if e["LogicalResourceId"] == stack]
        starts = [e["Timestamp"] for e in own if e["ResourceStatus"] == f"{action}_IN_PROGRESS"]
        ends = [e["Timestamp"] for e in own if e["ResourceStatus"] == f"{action}_COMPLETE"]
        if not starts or not ends:
            raise RuntimeError(f"{stack}: no {action} events in {own}")
        # The last action of this kind: an update's events follow the create's.
        start = max(starts)
        end = min(t for t in ends if t >= start)
        resources = defaultdict(dict)
        for e in events:
            if e["LogicalResourceId"] != stack and e["Timestamp"] >= start:
                resources[e["LogicalResourceId"]].setdefault(e["ResourceStatus"], e["Timestamp"])
        per_resource = {}
        for name, statuses in resources.items():
            a, b = statuses.get(f"{action}_IN_PROGRESS"), statuses.get(f"{action}_COMPLETE")
            if a and b:
                per_resource[name] = (b - a).total_seconds()
        return (end - start).total_seconds(), per_resource

    def deploy(self, template, stack, overrides=(), action="CREATE"):
        args = ["cloudformation", "deploy", "--template-file", template, "--stack-name", stack,
                "--capabilities", "CAPABILITY_IAM"]
        if overrides:
            args += ["--parameter-overrides", *overrides]
        cpu0, t0 = self.cpu(), time.perf_counter()
        self.aws(*args)
        wall = time.perf_counter() - t0
        cpu = self.cpu() - cpu0
        server, per_resource = self.stack_server_time(stack, action)
        return {"wall_s": wall, "server_s": server, "server_cpu_s": cpu,
                "resources_s": per_resource, "load": load_average()}

    def deploy_mysql(self):
        result = self.deploy("cfn_mysql.yaml", MYSQL_STACK)
        instance = self.rds.describe_db_instances(DBInstanceIdentifier="mymysqldb")[
            "DBInstances"][0]
        self.db_port = instance["Endpoint"]["Port"]
        if self.db_port != 3306:  # the connector's config names the port, as demo.sh does
            with open(self.work / "mysql_connector" / "config" / "staging.yaml", "a") as f:
                f.write(f"  rds_port: {self.db_port}\n")
        return result

    def upload_package(self, key):
        """deploy.sh's package: Debian's pymysql, pytz and yaml plus mysql_connector, to S3."""
        zp = self.work / "stack.zip"
        with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as z:
            for module in ("pymysql", "pytz", "yaml"):
                root = Path("/usr/lib/python3/dist-packages") / module
                for f in root.rglob("*"):  # cp -r: compiled modules included
                    if f.is_file():
                        z.write(f, f.relative_to(root.parent))
            for f in (self.work / "mysql_connector").rglob("*"):
                if f.is_file() and "__pycache__" not in f.parts:
                    z.write(f, f.relative_to(self.work))
        self.s3.upload_file(str(zp), CODE_BUCKET, key)

    def deploy_pipeline(self, key, action):
        self.upload_package(key)
        return self.deploy("stack.yaml", PIPELINE_STACK, action=action, overrides=[
            f"StackPackageS3Key={key}", "AppFolder=mysql_connector",
            f"S3LambdaBucket={CODE_BUCKET}", "Environment=staging", "Testing=false"])

    # --- pipeline runs ---

    def run(self):
        self.runs += 1
        cpu0, t0 = self.cpu(), time.perf_counter()
        arn = self.sfn.start_execution(stateMachineArn=MACHINE_ARN,
                                       name=f"bench-{self.runs}")["executionArn"]
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            described = self.sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING" or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        wall = time.perf_counter() - t0
        cpu = self.cpu() - cpu0
        if described["status"] != "SUCCEEDED":
            raise RuntimeError(f"execution {arn}: {described}")
        events = []
        for page in self.sfn.get_paginator("get_execution_history").paginate(executionArn=arn):
            events += page["events"]
        return {"wall_s": wall,
                "server_s": (described["stopDate"] - described["startDate"]).total_seconds(),
                "server_cpu_s": cpu, "states": state_times(events), "load": load_average()}

    def export_bytes(self):
        """Bytes of the CSV files the Extract state wrote into the lake (INTO OUTFILE S3)."""
        total = 0
        for page in self.s3.get_paginator("list_objects_v2").paginate(
                Bucket=LAKE, Prefix="data/myschema/"):
            total += sum(o["Size"] for o in page.get("Contents", [])
                         if "/users/" in o["Key"] or "/transactions/" in o["Key"])
        return total

    # --- MySQL ---

    def mysql(self):
        return pymysql.connect(host="127.0.0.1", port=self.db_port, user="root",
                               passwd="AmazingPassword", db="myschema", autocommit=True)

    def load_rows(self, rows):
        """Replaces the seed's transactions by `rows` generated in MariaDB; users for all."""
        with self.mysql() as conn, conn.cursor() as cur:
            t0 = time.perf_counter()
            cur.execute("TRUNCATE TABLE myschema.transactions")
            cur.execute(
                "INSERT INTO myschema.transactions (transaction_id, user_id, total_cost, dt) "
                f"SELECT seq, 1 + seq * 7919 % {USERS}, ROUND(1 + (seq * 7919 % 9800) / 100, 2), "
                f"DATE_SUB(CURRENT_DATE(), INTERVAL FLOOR((seq - 1) * {DAYS} / {rows}) DAY) "
                f"FROM seq_1_to_{rows}")
            cur.execute("INSERT INTO myschema.users (id, registration_date) "
                        "SELECT seq, DATE_SUB(CURRENT_DATE(), INTERVAL seq % 365 DAY) "
                        f"FROM seq_1_to_{USERS} WHERE seq NOT IN (SELECT id FROM myschema.users)")
            load_s = time.perf_counter() - t0
            cur.execute("SELECT COUNT(*), COUNT(DISTINCT user_id, dt) FROM myschema.transactions")
            count, groups = cur.fetchone()
        if count != rows:
            raise RuntimeError(f"loaded {count} rows, not {rows}")
        return {"rows": rows, "groups": groups, "load_s": load_s}


def tree_cpu_s(pid):
    """CPU seconds of pid, of its live descendants (MariaDB, Lambda runtimes) and of the ones it
    reaped (cutime+cstime). Descendants are found through every process's parent, since a child
    spawned by a worker thread is not listed in /proc/PID/task/PID/children."""
    tck = os.sysconf("SC_CLK_TCK")
    stats, parents = {}, defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = fields
        parents[int(fields[1])].append(int(entry))
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        fields = stats.get(p)
        if fields is None:
            continue
        total += sum(int(x) for x in fields[11:15]) / tck  # utime stime cutime cstime
        todo += parents[p]
    return total


def state_times(events):
    """Seconds in each state (StateEntered→StateExited, summed over Map iterations) and count."""
    entered = defaultdict(deque)
    times = defaultdict(float)
    counts = defaultdict(int)
    athena = defaultdict(float)
    for e in sorted(events, key=lambda e: e["id"]):
        if "stateEnteredEventDetails" in e:
            entered[e["stateEnteredEventDetails"]["name"]].append(e["timestamp"])
        elif "stateExitedEventDetails" in e:
            name = e["stateExitedEventDetails"]["name"]
            if entered[name]:
                times[name] += (e["timestamp"] - entered[name].popleft()).total_seconds()
                counts[name] += 1
            try:  # an Athena .sync task's output: the query's own time by Athena's statistics
                out = json.loads(e["stateExitedEventDetails"].get("output") or "null")
                stats = out["QueryExecution"]["Statistics"]
                athena[name] += stats["TotalExecutionTimeInMillis"] / 1000
            except (ValueError, KeyError, TypeError):
                pass
    return {name: {"s": times[name], "n": counts[name], "athena_s": athena.get(name)}
            for name in times}


def median_run(runs):
    """One run's shape with every figure the median over runs."""
    names = {n for r in runs for n in r["states"]}
    return {
        "wall_s": statistics.median(r["wall_s"] for r in runs),
        "server_s": statistics.median(r["server_s"] for r in runs),
        "server_cpu_s": statistics.median(r["server_cpu_s"] for r in runs),
        "states": {n: {"s": statistics.median(r["states"].get(n, {"s": 0})["s"] for r in runs),
                       "n": max(r["states"].get(n, {"n": 0})["n"] for r in runs),
                       "athena_s": median_or_none(r["states"].get(n, {}).get("athena_s")
                                                  for r in runs)}
                   for n in names},
        "load": statistics.median(r["load"] for r in runs),
        "runs": len(runs),
    }


def median_or_none(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ms(s):
    return "-" if s is None else f"{s * 1000:,.0f} ms"


def print_deploys(deploys):
    print("\nDeploys (aws cloudformation deploy)        wall         server (events)   server CPU")
    for name, d in deploys.items():
        print(f"  {name:<40} {ms(d['wall_s']):>10}   {ms(d['server_s']):>12}   "
              f"{ms(d['server_cpu_s']):>10}   (load {d['load']:.2f})")
        slow = sorted(d["resources_s"].items(), key=lambda kv: -kv[1])[:3]
        if slow:
            print("      slowest resources: " + ", ".join(f"{k} {ms(v)}" for k, v in slow))


def print_runs(columns):
    names = []
    for _, r in columns:
        for n in r["states"]:
            if n not in names:
                names.append(n)
    width = 19
    header = f"{'':<40}" + "".join(f"{title:>{width}}" for title, _ in columns)
    print("\nPipeline runs" + header[len("Pipeline runs"):])
    rows = [("wall (start → not RUNNING)", lambda r: ms(r["wall_s"])),
            ("server (startDate → stopDate)", lambda r: ms(r["server_s"])),
            ("server CPU (+ children)", lambda r: ms(r["server_cpu_s"]))]
    for label, f in rows:
        print(f"  {label:<38}" + "".join(f"{f(r):>{width}}" for _, r in columns))
    print("  time in state (StateEntered → StateExited):")
    for n in names:
        cells = []
        for _, r in columns:
            s = r["states"].get(n)
            cells.append("" if s is None else ms(s["s"]) + (f" ×{s['n']}" if s["n"] > 1 else ""))
        print(f"    {n[:36]:<36}" + "".join(f"{c:>{width}}" for c in cells))
    print("  of which the Athena query itself (its TotalExecutionTimeInMillis):")
    for n in names:
        cells = [(r["states"].get(n) or {}).get("athena_s") for _, r in columns]
        if any(c is not None for c in cells):
            print(f"    {n[:36]:<36}" + "".join(
                f"{'' if c is None else ms(c):>{width}}" for c in cells))
    print(f"  {'load average (1 min)':<38}" +
          "".join(f"{r['load']:>{width}.2f}" for _, r in columns))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stratus-bin", default=stratus_binary())
    parser.add_argument("--rows", type=int, default=1_000_000,
                        help="transactions for the large run (0: sample data only)")
    parser.add_argument("--merge-runs", type=int, default=5,
                        help="steady-state MERGE runs on the sample data (median)")
    parser.add_argument("--big-runs", type=int, default=2,
                        help="pipeline runs on --rows (the first inserts, the next update)")
    parser.add_argument("--log-level", default="warn", help="the server's --log-level")
    parser.add_argument("--keep", action="store_true", help="keep the data dir and server log")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    if shutil.which("aws") is None:
        sys.exit("the aws CLI is needed (it runs the deploys)")
    tmp = tempfile.mkdtemp(prefix="stratus-etl-bench-")
    server = StratusProcess(Path(tmp) / "data", binary=args.stratus_bin,
                            log_path=Path(tmp) / "stratus.log",
                            extra_args=["--log-level", args.log_level])
    work = Path(tmp) / "stack"
    shutil.copytree(EXAMPLE, work)
    result = {"load_average_start": load_average(), "rows": args.rows}
    try:
        server.start(timeout=30.0)
        bench = Bench(server, work)
        deploys = {}
        print("deploying cfn_mysql.yaml ...", flush=True)
        deploys["cfn_mysql.yaml (new, MariaDB init)"] = bench.deploy_mysql()
        bench.aws("s3", "mb", f"s3://{LAKE}")
        bench.aws("s3", "mb", f"s3://{CODE_BUCKET}")
        print("deploying stack.yaml ...", flush=True)
        deploys["stack.yaml (new stack)"] = bench.deploy_pipeline(
            "mysql_connector/stack1.zip", "CREATE")
        deploys["stack.yaml (update: StackPackageS3Key)"] = bench.deploy_pipeline(
            "mysql_connector/stack2.zip", "UPDATE")
        result["deploys"] = deploys
        t0 = time.perf_counter()
        bench.aws("cloudformation", "describe-stacks", "--stack-name", PIPELINE_STACK)
        result["aws_cli_one_call_s"] = time.perf_counter() - t0
        print_deploys(deploys)
        print(f"  (one `aws cloudformation describe-stacks` call: "
              f"{ms(result['aws_cli_one_call_s'])} wall, the CLI's own start-up floor)")

        print("\nrunning the pipeline on the sample data ...", flush=True)
        columns = [("first (create)", bench.run())]
        merges = [bench.run() for _ in range(args.merge_runs)]
        if merges:
            columns.append((f"MERGE (med. {len(merges)})", median_run(merges)))
        result["sample"] = {"first": columns[0][1], "merge_runs": merges}
        if merges:
            result["sample"]["merge_median"] = columns[1][1]
        if args.rows > 0:
            print(f"loading {args.rows:,} transactions into MariaDB ...", flush=True)
            loaded = bench.load_rows(args.rows)
            print(f"  {loaded['rows']:,} rows, {loaded['groups']:,} (dt, user) groups "
                  f"in {loaded['load_s']:.1f} s", flush=True)
            big = []
            for i in range(args.big_runs):
                print(f"running the pipeline on {args.rows:,} rows ({i + 1}) ...", flush=True)
                big.append(bench.run())
                columns.append((f"{args.rows:,} rows #{i + 1}", big[-1]))
            result["large"] = {"load": loaded, "runs": big, "export_bytes": bench.export_bytes()}
            print(f"  the export: {result['large']['export_bytes'] / 1e6:.1f} MB of CSV "
                  "in the lake")
        print_runs(columns)
        targets = {
            "stack_deploy_server_under_1s": deploys["stack.yaml (new stack)"]["server_s"] < 1.0,
            "sample_merge_run_server_under_1s":  # None: not measured (--merge-runs 0)
                result["sample"]["merge_median"]["server_s"] < 1.0 if merges else None,
            "sample_first_run_server_under_1s": columns[0][1]["server_s"] < 1.0,
        }
        result["targets"] = targets
        verdicts = {True: "met", False: "MISSED", None: "not measured"}
        print("\nTargets: " + ", ".join(f"{k}: {verdicts[v]}" for k, v in targets.items()))
    finally:
        server.stop(grace=20.0)
        if args.keep:
            print(f"(data dir and server log kept in {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    result["load_average_end"] = load_average()
    text = json.dumps(result, indent=2, default=str)
    print("\nJSON summary:")
    print(text)
    if args.json:
        Path(args.json).write_text(text)


if __name__ == "__main__":
    main()
