"""kill -9 the server while 3 clients create stacks of SQS queues (and delete some); after a
restart every acknowledged stack finishes or rolls back on its own (none stays *_IN_PROGRESS),
a CREATE_COMPLETE stack's queues all exist, a rolled-back stack has no resources left, and an
acknowledged delete ends DELETE_COMPLETE with its queues gone.

Nothing is orphaned: every queue left belongs to a CREATE_COMPLETE stack. A queue whose
CreateQueue was in flight at the kill has no physical id on disk, but its generated name was
committed with the resource's intent before the call, so the rollback finds and deletes it.
The test runs several times (a random kill point each), and any stack the server made counts,
acknowledged or not (a CreateStack whose answer the kill cut off still owns its queues).

Run: python3 test/wire/run_pytest.py test/durability -m durability -k cloudformation
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import time

import botocore.exceptions
import pytest

from kill9_driver import boto_client, writers_survive_kill9

NUM_CLIENTS = 3
SETTLE_SECONDS = 90
RUNS = 3  # Each with its own seed: where the kill lands differs.

TEMPLATE = """
Resources:
  A: {Type: AWS::SQS::Queue}
  B: {Type: AWS::SQS::Queue, Properties: {Tags: [{Key: peer, Value: !GetAtt A.QueueName}]}}
  C: {Type: AWS::SQS::Queue, Properties: {VisibilityTimeout: 40}}
  D: {Type: AWS::SQS::Queue, DependsOn: [B, C]}
"""


def _client(service, endpoint):
    # One session per thread: boto3's default session is not safe to share while clients
    # are being created.
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    cfg = Config(retries={"max_attempts": 0}, read_timeout=10, connect_timeout=2)
    return boto3.session.Session().client(service, config=cfg, endpoint_url=endpoint,
                                          region_name="us-east-1", aws_access_key_id="x",
                                          aws_secret_access_key="x")


def _work(endpoint, client_number, acked, stop):
    cfn = _client("cloudformation", endpoint)
    i = 0
    while not stop.is_set():
        name = f"k9-c{client_number}-s{i}"
        try:
            stack_id = cfn.create_stack(StackName=name, TemplateBody=TEMPLATE)["StackId"]
            acked["created"].add(stack_id)
            if i % 2 == 1:
                previous = f"k9-c{client_number}-s{i - 1}"
                for _ in range(50):
                    stack = cfn.describe_stacks(StackName=previous)["Stacks"][0]
                    if not stack["StackStatus"].endswith("_IN_PROGRESS"):
                        acked["delete_sent"].add(stack["StackId"])
                        cfn.delete_stack(StackName=stack["StackId"])
                        acked["deleted"].add(stack["StackId"])
                        break
                    time.sleep(0.05)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError,
                ConnectionError):
            return
        i += 1


def _all_stack_ids(cfn):
    ids = set()
    for page in cfn.get_paginator("list_stacks").paginate():
        ids.update(summary["StackId"] for summary in page["StackSummaries"])
    return ids


def _settled(cfn, stack_ids):
    deadline = time.time() + SETTLE_SECONDS
    stacks = {}
    while time.time() < deadline:
        stacks = {i: cfn.describe_stacks(StackName=i)["Stacks"][0] for i in stack_ids}
        if all(not s["StackStatus"].endswith("_IN_PROGRESS") for s in stacks.values()):
            return stacks
        time.sleep(0.5)
    stuck = {i: s["StackStatus"] for i, s in stacks.items()
             if s["StackStatus"].endswith("_IN_PROGRESS")}
    raise AssertionError(f"stacks did not settle after the restart: {stuck}")


def _verify(endpoint, acked, _prepared, seed):
    cfn = boto_client("cloudformation", endpoint)
    sqs = boto_client("sqs", endpoint)
    stack_ids = _all_stack_ids(cfn)
    assert acked["created"] <= stack_ids, (seed, sorted(acked["created"] - stack_ids))
    stacks = _settled(cfn, stack_ids)
    live_queues = set()
    counts = {}
    for stack_id, stack in stacks.items():
        status = stack["StackStatus"]
        counts[status] = counts.get(status, 0) + 1
        resources = cfn.describe_stack_resources(StackName=stack_id)["StackResources"]
        if stack_id in acked["deleted"]:
            assert status == "DELETE_COMPLETE", (seed, stack_id, status)
        elif stack_id in acked["delete_sent"]:  # Sent, not acknowledged: either outcome.
            assert status in ("CREATE_COMPLETE", "DELETE_COMPLETE"), (seed, stack_id, status)
        elif stack_id in acked["created"]:
            assert status in ("CREATE_COMPLETE", "ROLLBACK_COMPLETE"), (seed, stack_id, status)
        if status == "CREATE_COMPLETE":
            assert len(resources) == 4, (seed, stack_id, resources)
            for resource in resources:
                url = resource["PhysicalResourceId"]
                sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
                live_queues.add(url.rsplit("/", 1)[-1])
        elif status == "ROLLBACK_COMPLETE":
            assert resources == [], (seed, stack_id, resources)
    queues = [u.rsplit("/", 1)[-1] for u in
              sqs.list_queues(QueueNamePrefix="k9-").get("QueueUrls", [])]
    missing = live_queues - set(queues)
    assert not missing, (seed, sorted(missing))
    orphans = sorted(set(queues) - live_queues)
    assert not orphans, (seed, f"queues no stack owns after the restart: {orphans}")
    return (f"{len(acked['created'])} stacks and {len(acked['deleted'])} deletes acknowledged; "
            f"after restart {counts}; no queue orphaned")


@pytest.mark.durability
@pytest.mark.parametrize("run", range(RUNS))
def test_stacks_finish_or_roll_back_after_kill9(run):  # noqa: ARG001 - one kill point per run
    writers_survive_kill9("cloudformation", ["created", "deleted", "delete_sent"], _work, _verify,
                          num_clients=NUM_CLIENTS)
