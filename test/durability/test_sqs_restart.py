"""Graceful stop: SIGTERM/SIGINT end stratus promptly with exit 0, and a restart finds everything.

Run: python3 test/wire/run_pytest.py test/durability -m durability
"""
import os
import signal
import time

import boto3
import pytest
from botocore.config import Config

from stratus_process import StratusProcess, stratus_binary


def client_for(server):
    return boto3.client("sqs", endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x",
                        config=Config(retries={"max_attempts": 0}))


@pytest.fixture
def server(tmp_path):
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    s = StratusProcess(tmp_path / "data", log_path=tmp_path / "stratus.log")
    yield s
    s.kill9()


@pytest.mark.durability
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_stops_gracefully_and_restart_keeps_state(server, sig):
    server.start()
    sqs = client_for(server)
    url = sqs.create_queue(QueueName="restart", Attributes={"VisibilityTimeout": "77"})["QueueUrl"]
    fifo = sqs.create_queue(QueueName="restart.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    for i in range(20):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
    sqs.send_message(QueueUrl=fifo, MessageBody="f", MessageGroupId="g", MessageDeduplicationId="d")
    in_flight = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=5, VisibilityTimeout=600)
    held = {m["Body"] for m in in_flight.get("Messages", [])}
    assert held

    t0 = time.monotonic()
    server.proc.send_signal(sig)
    code = server.proc.wait(timeout=10)
    assert code == 0, f"exit code {code} after {sig.name}; log:\n{server.log_tail()}"
    assert time.monotonic() - t0 < 5.0

    server.start()
    sqs = client_for(server)
    assert sqs.get_queue_url(QueueName="restart")["QueueUrl"] == url
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attrs["VisibilityTimeout"] == "77"
    assert attrs["ApproximateNumberOfMessages"] == str(20 - len(held))
    assert attrs["ApproximateNumberOfMessagesNotVisible"] == str(len(held))
    got = set()
    for _ in range(10):
        msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=600,
                                   WaitTimeSeconds=0).get("Messages", [])
        if not msgs:
            break
        got |= {m["Body"] for m in msgs}
    assert got == {f"m{i}" for i in range(20)} - held
    # The deduplication window survives the restart too.
    again = sqs.send_message(QueueUrl=fifo, MessageBody="f", MessageGroupId="g",
                             MessageDeduplicationId="d")
    assert again["MessageId"]
    fifo_msgs = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10,
                                    WaitTimeSeconds=1).get("Messages", [])
    assert [m["Body"] for m in fifo_msgs] == ["f"]
    assert server.stop() == 0
