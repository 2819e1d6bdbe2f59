"""A running message move task survives kill -9 of the server.

Starts its own `stratus serve` (stratus_only): dead-letters 40 messages,
starts a task at 10 messages a second, kills the server with SIGKILL while
the task runs, restarts it on the same data dir and checks that the task
resumes (RUNNING, then COMPLETED) and that every message ends up in the
source queue exactly once: a move commits the source's delete, the
destination's insert and the task's count together.
"""
import os
import shutil
import tempfile

import boto3
import pytest
from botocore.config import Config

from sqs_calls import eventually, queue_arn, receive_all
from stratus_process import StratusProcess

NUM_MESSAGES = 40


@pytest.fixture
def server():
    tmp = tempfile.mkdtemp(prefix="stratus-redrive-")
    process = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"))
    process.start(timeout=10.0)
    try:
        yield process
    finally:
        process.stop(grace=5.0)
        shutil.rmtree(tmp, ignore_errors=True)


def client(endpoint):
    return boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x",
                        config=Config(retries={"max_attempts": 0}, read_timeout=40))


def latest_task(sqs, source_arn):
    return sqs.list_message_move_tasks(SourceArn=source_arn)["Results"][0]


@pytest.mark.stratus_only
def test_running_move_task_resumes_after_kill9(server, target):
    if target != "stratus":
        pytest.skip("needs a stratus process this test starts and kills")
    sqs = client(server.endpoint)
    if "StartMessageMoveTask" not in sqs.meta.service_model.operation_names:
        pytest.skip("this boto3 has no StartMessageMoveTask")
    dlq = sqs.create_queue(QueueName="restart-dlq")["QueueUrl"]
    dlq_arn = queue_arn(sqs, dlq)
    source = sqs.create_queue(QueueName="restart-source", Attributes={
        "RedrivePolicy": f'{{"deadLetterTargetArn":"{dlq_arn}","maxReceiveCount":"1"}}'})["QueueUrl"]
    bodies = [f"k{i}" for i in range(NUM_MESSAGES)]
    for first in range(0, NUM_MESSAGES, 10):
        sqs.send_message_batch(QueueUrl=source, Entries=[
            {"Id": str(i), "MessageBody": b} for i, b in enumerate(bodies[first:first + 10])])

    def all_dead():
        sqs.receive_message(QueueUrl=source, MaxNumberOfMessages=10, VisibilityTimeout=0)
        attrs = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"])
        assert attrs["Attributes"]["ApproximateNumberOfMessages"] == str(NUM_MESSAGES)
        return True
    eventually(all_dead, timeout=30, interval=0)

    handle = sqs.start_message_move_task(SourceArn=dlq_arn, MaxNumberOfMessagesPerSecond=10)["TaskHandle"]

    def some_moved():
        task = latest_task(sqs, dlq_arn)
        assert task["ApproximateNumberOfMessagesMoved"] >= 5, task
        return task
    before = eventually(some_moved, timeout=10)
    server.kill9()
    server.start(timeout=10.0)
    sqs = client(server.endpoint)

    resumed = latest_task(sqs, dlq_arn)
    assert resumed["ApproximateNumberOfMessagesMoved"] >= before["ApproximateNumberOfMessagesMoved"]
    assert resumed["StartedTimestamp"] == before["StartedTimestamp"]
    assert resumed["ApproximateNumberOfMessagesToMove"] == NUM_MESSAGES
    if resumed["Status"] == "RUNNING":
        assert resumed["TaskHandle"] == handle

    def completed():
        task = latest_task(sqs, dlq_arn)
        assert task["Status"] == "COMPLETED", task
        return task
    done = eventually(completed, timeout=30, interval=0.5)
    assert done["ApproximateNumberOfMessagesMoved"] == NUM_MESSAGES
    got = receive_all(sqs, source, NUM_MESSAGES + 1, timeout=5, VisibilityTimeout=300)
    assert sorted(m["Body"] for m in got) == sorted(bodies)
    assert receive_all(sqs, dlq, 1, timeout=1) == []
