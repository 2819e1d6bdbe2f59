"""kill -9 durability of Step Functions activities: activity tasks waiting
for a worker, and tasks a worker already took, survive SIGKILL of the server;
after the restart the worker answers them and every execution finishes with
the worker's output.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k activity
Uses $STRATUS_BIN or build/release/stratus (it must own the process);
STRATUS_KILL9_SEED=N repeats a run.

What it does, on a temporary data dir and one fixed 127.0.0.1 port:
  1. Creates an activity and a STANDARD machine whose one Task state is that
     activity (HeartbeatSeconds far away, so nothing times out), then starts
     executions.
  2. A worker takes a random part of the tasks (GetActivityTask) and answers
     none of them; then the server is SIGKILLed (some hand-outs may not even
     be committed yet) and restarted on the same data dir.
  3. Checks: the activity still exists; every token taken before the kill is
     answered with SendTaskSuccess; the remaining tasks are polled again (they
     come back with their inputs) and answered; every execution SUCCEEDED with
     the output its worker sent, and its history shows ActivityScheduled,
     ActivityStarted and ActivitySucceeded.
  Then a second kill while a poll is parked: the poll's connection drops,
  and after a restart the task is still there for the next poll.
"""
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import botocore.exceptions
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from stratus_process import StratusProcess  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sfn_worker import client, poll, run_seeded  # noqa: E402

ROLE = "arn:aws:iam::000000000000:role/kill9-activity"
NUM_EXECUTIONS = 16


def wait_all(sfn, arns, timeout=30.0):
    deadline = time.time() + timeout
    done = {}
    while len(done) < len(arns) and time.time() < deadline:
        for arn in arns:
            if arn not in done:
                d = sfn.describe_execution(executionArn=arn)
                if d["status"] != "RUNNING":
                    done[arn] = d
        time.sleep(0.05)
    return done


def run(seed, errors):
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="stratus-sfn-activity-kill9-")
    server = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"))
    try:
        server.start(timeout=15.0)
        sfn = client(server.endpoint)
        activity = sfn.create_activity(name="kill9-work")["activityArn"]
        machine = sfn.create_state_machine(name="kill9-activity", roleArn=ROLE, definition=json.dumps(
            {"StartAt": "Work", "States": {"Work": {
                "Type": "Task", "Resource": activity, "HeartbeatSeconds": 3600,
                "Parameters": {"n.$": "$.n"}, "End": True}}}))["stateMachineArn"]
        executions = {}
        for n in range(NUM_EXECUTIONS):
            arn = sfn.start_execution(stateMachineArn=machine, name=f"e{n}",
                                      input=json.dumps({"n": n}))["executionArn"]
            executions[arn] = n
        taken = []
        for _ in range(rng.randint(1, NUM_EXECUTIONS - 1)):
            task = poll(sfn, activity)
            if task is None:
                errors.append("a task was not handed out before the kill")
                break
            taken.append(task)
        time.sleep(rng.uniform(0.0, 0.05))
        server.kill9()
        server.start(timeout=15.0)
        sfn = client(server.endpoint)
        if sfn.describe_activity(activityArn=activity)["name"] != "kill9-work":
            errors.append("the activity did not survive the kill")
        answered = set()
        for task in taken:
            n = json.loads(task["input"])["n"]
            sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"done": n}))
            answered.add(n)
        while len(answered) < NUM_EXECUTIONS:
            task = poll(sfn, activity)
            if task is None:
                errors.append(f"tasks never came back after the kill: "
                              f"{sorted(set(range(NUM_EXECUTIONS)) - answered)}")
                break
            n = json.loads(task["input"])["n"]
            try:
                sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"done": n}))
            except botocore.exceptions.ClientError as e:
                # A task taken before the kill whose hand-out was not committed
                # comes back once more; its first answer closed it.
                if e.response["Error"]["Code"] != "TaskTimedOut" or n not in answered:
                    raise
            answered.add(n)
        done = wait_all(sfn, list(executions))
        for arn, n in executions.items():
            d = done.get(arn)
            if d is None or d["status"] != "SUCCEEDED":
                errors.append(f"{arn}: {d and d['status']}")
                continue
            if json.loads(d["output"]) != {"done": n}:
                errors.append(f"{arn}: output {d['output']}")
            types = [e["type"] for e in sfn.get_execution_history(executionArn=arn)["events"]]
            for expected in ("ActivityScheduled", "ActivityStarted", "ActivitySucceeded"):
                if expected not in types:
                    errors.append(f"{arn}: no {expected} in {types}")
        parked_poll_survives_a_kill(server, sfn, machine, activity, errors)
    finally:
        server.kill9()
        if not errors:
            shutil.rmtree(tmp, ignore_errors=True)
    return tmp


def parked_poll_survives_a_kill(server, sfn, machine, activity, errors):
    result = {}

    def parked():
        try:
            result["task"] = client(server.endpoint).get_activity_task(activityArn=activity)
        except Exception as e:  # noqa: BLE001 - the connection drops with the server
            result["error"] = e

    t = threading.Thread(target=parked)
    t.start()
    time.sleep(0.3)
    server.kill9()
    t.join(timeout=10)
    server.start(timeout=15.0)
    sfn = client(server.endpoint)
    arn = sfn.start_execution(stateMachineArn=machine, name="after-parked",
                              input=json.dumps({"n": 99}))["executionArn"]
    task = poll(sfn, activity)
    if task is None:
        errors.append("no task after a kill during a parked poll")
        return
    sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"done": 99}))
    d = wait_all(sfn, [arn]).get(arn)
    if d is None or d["status"] != "SUCCEEDED":
        errors.append(f"after-parked: {d and d['status']}")


@pytest.mark.durability
def test_activity_tasks_survive_kill9_and_workers_answer_them_after_restart():
    run_seeded(run)
