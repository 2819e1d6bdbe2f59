"""kill -9 durability of Step Functions: executions with Wait, Retry and Map
survive SIGKILL of the server at random moments, finish with the output they
would have had, and no task whose result was committed runs again.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k sfn
Uses $STRATUS_BIN or build/release/stratus (it must own the process);
STRATUS_KILL9_SEED=N repeats a run.

What it does, on a temporary data dir and one fixed 127.0.0.1 port, with
--sfn-time-scale 0.25 so that nominal waits of seconds take a fraction:
  1. Creates an SQS queue that every Task state writes to (one message per
     task call, the body naming the execution and the task), and three
     STANDARD machines: "waits" (Wait → Task → Wait → Task), "retries" (a
     Task that fails, Retry ×3 with intervals, then Catch) and "map" (a Map
     over 12 items, MaxConcurrency 4, each iteration Wait → Task → Pass).
  2. Client threads start executions (retrying connection errors; an
     execution counts once its StartExecution was acknowledged) while a killer
     SIGKILLs the server 3-4 times and restarts it on the same data dir and
     port. Before each kill it snapshots every execution's history: a task
     whose TaskSucceeded is in a snapshot had its result committed.
  3. After the last restart, waits until every acknowledged execution ended,
     then checks: each SUCCEEDED with exactly the expected output; history ids
     run 1..n without gaps and end with ExecutionSucceeded; every task whose
     result was committed before a kill was called exactly once (the queue
     holds one message for it); no task was called more than twice.
"""
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from sfn_calls import history  # noqa: E402
from stratus_process import StratusProcess, stratus_binary  # noqa: E402

ROLE = "arn:aws:iam::000000000000:role/kill9"
TIME_SCALE = "0.25"
MAP_ITEMS = 12
RETRYABLE = (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError,
             botocore.exceptions.ReadTimeoutError, botocore.exceptions.ConnectTimeoutError,
             botocore.exceptions.HTTPClientError, ConnectionError)


def client(service, endpoint):
    cfg = Config(retries={"max_attempts": 0}, connect_timeout=2, read_timeout=10,
                 max_pool_connections=8, inject_host_prefix=False)
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x", config=cfg)


def retrying(call, deadline):
    """Calls until it returns (connection errors while the server is down are retried)."""
    while True:
        try:
            return call()
        except RETRYABLE:
            if time.time() > deadline:
                raise
            time.sleep(0.05)


def send_task(queue_url, tag):
    return {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
            "Parameters": {"QueueUrl": queue_url,
                           "MessageBody.$": f"States.Format('{{}}|{tag}', $$.Execution.Name)"},
            "ResultPath": None}


def machines(queue_url):
    waits = {"StartAt": "Begin", "States": {
        "Begin": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Next": "W1"},
        "W1": {"Type": "Wait", "Seconds": 2, "Next": "T1"},
        "T1": {**send_task(queue_url, "T1"), "Next": "W2"},
        "W2": {"Type": "Wait", "Seconds": 1, "Next": "T2"},
        "T2": {**send_task(queue_url, "T2"), "Next": "Done"},
        "Done": {"Type": "Pass", "Parameters": {"n.$": "$.n", "done": True}, "End": True}}}
    retries = {"StartAt": "T0", "States": {
        "T0": {**send_task(queue_url, "T0"), "Next": "Flaky"},
        "Flaky": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:getQueueUrl",
                  "Parameters": {"QueueName": "kill9-never-created"},
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1,
                             "MaxAttempts": 3, "BackoffRate": 1.5}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught",
                             "Next": "Caught"}], "End": True},
        "Caught": {"Type": "Pass", "Parameters": {"n.$": "$.n", "error.$": "$.caught.Error"},
                   "End": True}}}
    fan = {"StartAt": "Fan", "States": {"Fan": {
        "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 4,
        "ItemSelector": {"i.$": "$$.Map.Item.Value"},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": 1, "Next": "T"},
            "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": queue_url,
                                 "MessageBody.$": "States.Format('{}|M{}', $$.Execution.Name, $.i)"},
                  "ResultPath": None, "Next": "P"},
            "P": {"Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($.i, $.i)"},
                  "End": True}}},
        "End": True}}}
    return {"waits": waits, "retries": retries, "map": fan}


def expected(kind, n):
    if kind == "waits":
        return {"n": n, "done": True}
    if kind == "retries":
        return {"n": n, "error": "Sqs.QueueDoesNotExistException"}
    return [{"twice": 2 * i} for i in range(MAP_ITEMS)]


def task_calls_in(kind):
    if kind == "waits":
        return ["T1", "T2"]
    if kind == "retries":
        return ["T0"]
    return [f"M{i}" for i in range(MAP_ITEMS)]


def committed_tasks(events, kind):
    """Tasks of one execution whose TaskSucceeded is in `events`."""
    done = set()
    scheduled = {}
    for e in events:
        if e["type"] == "TaskScheduled":
            scheduled[e["id"]] = e
        if e["type"] == "TaskSucceeded":
            # The task's message names it; find it from the scheduled parameters.
            prev = e
            while prev["previousEventId"] and prev["type"] != "TaskScheduled":
                prev = next((x for x in events if x["id"] == prev["previousEventId"]), None)
                if prev is None:
                    break
            if prev is not None and prev["type"] == "TaskScheduled":
                params = json.loads(prev["taskScheduledEventDetails"]["parameters"])
                body = params.get("MessageBody", "")
                if "|" in body:
                    done.add(body.split("|", 1)[1])
    return done


class Run:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.tmp = tempfile.mkdtemp(prefix="stratus-sfn-kill9-")
        self.server = StratusProcess(os.path.join(self.tmp, "data"),
                                     log_path=os.path.join(self.tmp, "stratus.log"),
                                     extra_args=["--sfn-time-scale", TIME_SCALE])
        self.lock = threading.Lock()
        self.acked = {}  # execution ARN → (kind, n)
        # One entry per kill: (kill time in epoch ms, {execution name: tasks committed before}).
        self.committed_before_kill = []
        self.kills = 0
        self.errors = []

    def start_executions(self, arns, per_kind, deadline):
        sfn = client("stepfunctions", self.server.endpoint)
        for n in range(per_kind):
            for kind, arn in arns.items():
                name = f"{kind}-{n}"
                payload = {"n": n, "items": list(range(MAP_ITEMS))}
                try:
                    out = retrying(lambda: sfn.start_execution(
                        stateMachineArn=arn, name=name, input=json.dumps(payload)), deadline)
                except botocore.exceptions.ClientError as e:
                    # A retried start whose first attempt did commit: same name and input
                    # answer with the execution while it runs; after it ended, it exists.
                    if e.response["Error"]["Code"] != "ExecutionAlreadyExists":
                        raise
                    out = {"executionArn": arn.replace(":stateMachine:", ":execution:") + ":" + name}
                with self.lock:
                    self.acked[out["executionArn"]] = (kind, n)
                time.sleep(self.rng.uniform(0.0, 0.03))

    def snapshot(self):
        """Returns {execution name: tasks whose result is committed now}."""
        sfn = client("stepfunctions", self.server.endpoint)
        with self.lock:
            arns = list(self.acked)
        committed = {}
        for arn in arns:
            try:
                events = history(sfn, arn)
            except (botocore.exceptions.ClientError, *RETRYABLE):
                continue
            kind, _ = self.acked[arn]
            committed[arn.rsplit(":", 1)[1]] = committed_tasks(events, kind)
        return committed

    def killer(self, kills, stop):
        for _ in range(kills):
            time.sleep(self.rng.uniform(0.5, 1.5))
            if stop.is_set():
                return
            committed = self.snapshot()
            self.server.kill9()
            self.committed_before_kill.append((int(time.time() * 1000), committed))
            self.kills += 1
            time.sleep(self.rng.uniform(0.0, 0.2))
            self.server.start(timeout=15.0)


def run(seed):
    r = Run(seed)
    try:
        r.server.start(timeout=15.0)
        sqs = client("sqs", r.server.endpoint)
        sfn = client("stepfunctions", r.server.endpoint)
        queue_url = sqs.create_queue(QueueName="kill9-tasks")["QueueUrl"]
        arns = {kind: sfn.create_state_machine(name=f"kill9-{kind}", definition=json.dumps(d),
                                               roleArn=ROLE)["stateMachineArn"]
                for kind, d in machines(queue_url).items()}
        deadline = time.time() + 60
        stop = threading.Event()
        killer = threading.Thread(target=r.killer, args=(r.rng.randint(3, 4), stop))
        killer.start()
        r.start_executions(arns, per_kind=12, deadline=deadline)
        killer.join()
        stop.set()
        sfn = client("stepfunctions", r.server.endpoint)
        pending = dict(r.acked)
        while pending and time.time() < deadline + 60:
            for arn in list(pending):
                d = retrying(lambda: sfn.describe_execution(executionArn=arn), deadline + 60)
                if d["status"] != "RUNNING":
                    kind, n = pending.pop(arn)
                    check_execution(r, sfn, d, kind, n)
            time.sleep(0.1)
        if pending:
            r.errors.append(f"{len(pending)} executions still running at the deadline")
        check_task_calls(r, sqs, queue_url)
        return r
    finally:
        r.server.kill9()
        if not r.errors:
            shutil.rmtree(r.tmp, ignore_errors=True)


def check_execution(r, sfn, d, kind, n):
    if d["status"] != "SUCCEEDED":
        r.errors.append(f"{d['executionArn']}: {d['status']} {d.get('error')} {d.get('cause')}")
        return
    if json.loads(d["output"]) != expected(kind, n):
        r.errors.append(f"{d['executionArn']}: output {d['output']}")
    events = history(sfn, d["executionArn"])
    ids = [e["id"] for e in events]
    if ids != list(range(1, len(ids) + 1)):
        r.errors.append(f"{d['executionArn']}: history ids {ids}")
    if events[-1]["type"] != "ExecutionSucceeded":
        r.errors.append(f"{d['executionArn']}: last event {events[-1]['type']}")


def check_task_calls(r, sqs, queue_url):
    """A task may run twice only when it was in flight at a kill; a task whose
    result was committed before a kill must never run after it."""
    calls = Counter()
    sent = {}  # body → send times (epoch ms)
    idle = 0
    while idle < 3:
        got = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                  AttributeNames=["SentTimestamp"],
                                  WaitTimeSeconds=1).get("Messages", [])
        if not got:
            idle += 1
            continue
        idle = 0
        for m in got:
            calls[m["Body"]] += 1
            sent.setdefault(m["Body"], []).append(int(m["Attributes"]["SentTimestamp"]))
        sqs.delete_message_batch(QueueUrl=queue_url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)])
    for arn, (kind, _) in r.acked.items():
        name = arn.rsplit(":", 1)[1]
        for tag in task_calls_in(kind):
            count = calls[f"{name}|{tag}"]
            if count == 0:
                r.errors.append(f"{name}: task {tag} never ran")
            elif count > 2:
                r.errors.append(f"{name}: task {tag} ran {count} times")
            for killed_at, committed in r.committed_before_kill:
                later = [t for t in sent.get(f"{name}|{tag}", []) if t > killed_at]
                if tag in committed.get(name, set()) and later:
                    r.errors.append(f"{name}: task {tag} ran again after a kill although its "
                                    f"result was committed before it")
    r.duplicates = sum(1 for c in calls.values() if c > 1)
    r.calls = sum(calls.values())


@pytest.mark.durability
def test_executions_survive_kill9_and_completed_tasks_never_rerun():
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = int(os.environ.get("STRATUS_KILL9_SEED", random.randrange(1 << 30)))
    r = run(seed)
    print(f"seed={seed} kills={r.kills} executions={len(r.acked)} task_calls={r.calls} "
          f"retried_in_flight_calls={r.duplicates} "
          f"committed_tasks_checked={sum(len(t) for _, c in r.committed_before_kill for t in c.values())}")
    assert not r.errors, f"seed {seed} (data kept in {r.tmp}):\n" + "\n".join(r.errors[:30])
