"""Event invocations accepted with 202 survive kill -9 and run after the restart.

A function sends each event's id to an SQS queue (boto3 inside the function, pointed at
stratus by AWS_ENDPOINT_URL) after a pause, so that most of the invocations are still
queued when the server is killed; after the restart every accepted id arrives (at least
once: one that was running at the kill may run again, as AWS's retries may).

Run: python3 test/wire/run_pytest.py test/durability -m durability
"""
import io
import json
import os
import sys
import time
import zipfile
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from stratus_process import StratusProcess, stratus_binary  # noqa: E402

HANDLER = '''
import json, time
import boto3

def handler(event, context):
    time.sleep(0.5)
    boto3.client("sqs").send_message(QueueUrl=event["queue"], MessageBody=str(event["id"]))
'''


def clients(server):
    kwargs = {"endpoint_url": server.endpoint, "region_name": "us-east-1",
              "aws_access_key_id": "x", "aws_secret_access_key": "x",
              "config": Config(retries={"max_attempts": 0}, read_timeout=30)}
    return boto3.client("lambda", **kwargs), boto3.client("sqs", **kwargs)


def package():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", HANDLER)
    return buffer.getvalue()


@pytest.fixture
def server(tmp_path):
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    s = StratusProcess(tmp_path / "data", log_path=tmp_path / "stratus.log")
    yield s
    s.kill9()


@pytest.mark.durability
def test_accepted_event_invocations_survive_kill9(server):
    server.start()
    lam, sqs = clients(server)
    url = sqs.create_queue(QueueName="lambda-events")["QueueUrl"]
    lam.create_function(FunctionName="eventful", Runtime="python3.12", Handler="app.handler",
                        Role="arn:aws:iam::000000000000:role/r", Timeout=30,
                        Code={"ZipFile": package()})
    accepted = []
    for i in range(30):
        out = lam.invoke(FunctionName="eventful", InvocationType="Event",
                         Payload=json.dumps({"id": i, "queue": url}))
        assert out["StatusCode"] == 202
        accepted.append(str(i))
    server.kill9()

    server.start()
    _, sqs = clients(server)
    seen = set()
    deadline = time.time() + 60
    while time.time() < deadline and not set(accepted) <= seen:
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                           WaitTimeSeconds=1).get("Messages", []):
            seen.add(message["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    missing = sorted(set(accepted) - seen, key=int)
    assert not missing, f"lost accepted invocations {missing}; log:\n{server.log_tail()}"
