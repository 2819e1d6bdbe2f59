"""kill -9 durability of DISTRIBUTED Map states: a Map Run whose child
executions wait for an activity worker survives SIGKILL of the server, and so
does a failed one kept for a redrive.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k map_run
Uses $STRATUS_BIN or build/release/stratus (it must own the process);
STRATUS_KILL9_SEED=N repeats a run.

What it does, on a temporary data dir and one fixed 127.0.0.1 port:
  1. A STANDARD machine whose DISTRIBUTED Map runs one activity Task per item
     (MaxConcurrency 3, no failure tolerated). A worker answers a random part
     of the tasks, failing item 5's first attempt; the server is SIGKILLed at
     a random moment and restarted on the same data dir.
  2. The worker goes on answering every task that comes (item 5 fails once
     only). When the execution FAILED on item 5, the server is killed and
     restarted once more, then the execution is redriven.
  3. Checks: the execution SUCCEEDED with every item's output in order; its
     Map Run SUCCEEDED, was redriven once when item 5 failed, and counts every
     item succeeded; ListExecutions(mapRunArn) lists one child execution per
     item, each SUCCEEDED, with a history numbered 1..n without gaps that
     starts with ExecutionStarted and ends with ExecutionSucceeded.
"""
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import botocore.exceptions
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from signed_request import JSON_CONTENT_TYPE, send  # noqa: E402
from stratus_process import StratusProcess  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sfn_worker import client, poll, run_seeded  # noqa: E402

ROLE = "arn:aws:iam::000000000000:role/kill9-map-run"
NUM_ITEMS = 8
FLAKY = 5


def answer(sfn, task, state):
    """Answers one task: item FLAKY fails the first time it is seen."""
    n = json.loads(task["input"])
    try:
        if n == FLAKY and not state["failed_once"]:
            state["failed_once"] = True
            sfn.send_task_failure(taskToken=task["taskToken"], error="Flaky", cause="first try")
        else:
            sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps(n * 10))
    except botocore.exceptions.ClientError as e:
        # A hand-out the kill did not let commit comes back once more; the
        # first answer closed it.
        if e.response["Error"]["Code"] != "TaskTimedOut":
            raise


def redrive(endpoint, arn):
    """RedriveExecution through a signed request: Debian's boto3 1.26 predates it."""
    headers = {"Content-Type": JSON_CONTENT_TYPE,
               "X-Amz-Target": "AWSStepFunctions.RedriveExecution"}
    response = send(endpoint, json.dumps({"executionArn": arn}), headers, service="states")
    assert response.status == 200, response


def status(sfn, arn):
    return sfn.describe_execution(executionArn=arn)["status"]


def drive(sfn, activity, arn, state, limit=None):
    """Answers tasks until the execution ends (or `limit` tasks were answered)."""
    answered = 0
    while status(sfn, arn) == "RUNNING" and (limit is None or answered < limit):
        task = poll(sfn, activity, timeout=2.0)
        if task is not None:
            answer(sfn, task, state)
            answered += 1


def wait_end(sfn, arn, timeout=30.0):
    deadline = time.time() + timeout
    while status(sfn, arn) == "RUNNING" and time.time() < deadline:
        time.sleep(0.05)
    return sfn.describe_execution(executionArn=arn)


def check(sfn, arn, errors):
    d = sfn.describe_execution(executionArn=arn)
    if d["status"] != "SUCCEEDED":
        errors.append(f"execution {d['status']}: {d.get('error')} {d.get('cause')}")
        return
    if json.loads(d["output"]) != [n * 10 for n in range(NUM_ITEMS)]:
        errors.append(f"output {d['output']}")
    runs = sfn.list_map_runs(executionArn=arn)["mapRuns"]
    if len(runs) != 1:
        errors.append(f"{len(runs)} map runs")
        return
    map_run = runs[0]["mapRunArn"]
    described = sfn.describe_map_run(mapRunArn=map_run)
    if described["status"] != "SUCCEEDED" or described["itemCounts"]["succeeded"] != NUM_ITEMS:
        errors.append(f"map run {described['status']} {described['itemCounts']}")
    if described.get("redriveCount", 1) != 1:
        errors.append(f"map run redriven {described.get('redriveCount')} times")
    children = sfn.list_executions(mapRunArn=map_run, maxResults=100)["executions"]
    if len(children) != NUM_ITEMS:
        errors.append(f"{len(children)} child executions for {NUM_ITEMS} items")
    for child in children:
        if child["status"] != "SUCCEEDED":
            errors.append(f"child {child['name']} {child['status']}")
        events = sfn.get_execution_history(executionArn=child["executionArn"],
                                           maxResults=1000)["events"]
        ids = [e["id"] for e in events]
        types = [e["type"] for e in events]
        if ids != list(range(1, len(ids) + 1)):
            errors.append(f"child {child['name']} event ids {ids}")
        if not types or types[0] != "ExecutionStarted" or types[-1] != "ExecutionSucceeded":
            errors.append(f"child {child['name']} history {types}")


def run(seed, errors):
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="stratus-sfn-map-run-kill9-")
    server = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"))
    state = {"failed_once": False}
    try:
        server.start(timeout=15.0)
        sfn = client(server.endpoint)
        activity = sfn.create_activity(name="kill9-map-work")["activityArn"]
        machine = sfn.create_state_machine(name="kill9-map-run", roleArn=ROLE, definition=json.dumps(
            {"StartAt": "Each", "States": {"Each": {
                "Type": "Map", "MaxConcurrency": 3, "End": True,
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Work", "States": {"Work": {
                        "Type": "Task", "Resource": activity, "HeartbeatSeconds": 3600,
                        "End": True}}}}}}))["stateMachineArn"]
        arn = sfn.start_execution(stateMachineArn=machine, name="fan-out",
                                  input=json.dumps(list(range(NUM_ITEMS))))["executionArn"]
        drive(sfn, activity, arn, state, limit=rng.randint(0, NUM_ITEMS))
        time.sleep(rng.uniform(0.0, 0.05))
        server.kill9()
        server.start(timeout=15.0)
        sfn = client(server.endpoint)
        drive(sfn, activity, arn, state)
        d = wait_end(sfn, arn)
        if d["status"] == "FAILED":
            server.kill9()
            server.start(timeout=15.0)
            sfn = client(server.endpoint)
            redrive(server.endpoint, arn)
            drive(sfn, activity, arn, state)
            wait_end(sfn, arn)
        elif state["failed_once"]:
            errors.append(f"item {FLAKY} failed but the execution is {d['status']}")
        check(sfn, arn, errors)
    finally:
        server.kill9()
        if not errors:
            shutil.rmtree(tmp, ignore_errors=True)
    return tmp


@pytest.mark.durability
def test_a_map_run_survives_kill9_and_its_redrive_reruns_the_failed_child():
    run_seeded(run)
