"""Lambda reserved concurrency, throttling and MemorySize as a limit, through boto3.

PutFunctionConcurrency / GetFunctionConcurrency / DeleteFunctionConcurrency,
GetFunction's Concurrency and GetAccountSettings' arithmetic; a synchronous
invoke past the reservation is TooManyRequestsException (429, Reason
ReservedFunctionConcurrentInvocationLimitExceeded), Event invocations wait for
room instead of being lost, an SQS mapping takes no messages at 0;
AWS::Lambda::Function's ReservedConcurrentExecutions; a Python handler that
allocates past MemorySize fails with Runtime.OutOfMemory and the next
invocation runs in a fresh process.
"""
import base64
import json
import os
import sys
import threading
import time
import uuid

import pytest
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_lambda import _client, invoke, lam, make_function  # noqa: E402,F401

HANDLERS = '''
import os, time, boto3

def quick(event, context):
    return {"pid": os.getpid()}

def slow(event, context):
    time.sleep(event.get("sleep", 1.5))
    return {"pid": os.getpid()}

def record(event, context):
    time.sleep(0.3)
    boto3.client("sqs").send_message(QueueUrl=event["queue"], MessageBody=str(event["n"]))
    return "ok"

def hog(event, context):
    blocks = []
    for _ in range(event.get("mb", 200)):
        blocks.append(bytearray(1024 * 1024))
    return len(blocks)
'''


def error_of(call, **kwargs):
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    return caught.value.response


def test_put_get_delete_function_concurrency(lam, make_function):
    name = make_function({"app.py": HANDLERS}, "app.quick")
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName=name)
    assert "Concurrency" not in lam.get_function(FunctionName=name)
    put = lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=3)
    assert put["ReservedConcurrentExecutions"] == 3
    assert lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 3
    assert lam.get_function(FunctionName=name)["Concurrency"] == {
        "ReservedConcurrentExecutions": 3}
    lam.delete_function_concurrency(FunctionName=name)
    assert "ReservedConcurrentExecutions" not in lam.get_function_concurrency(FunctionName=name)
    missing = error_of(lam.put_function_concurrency, FunctionName="no-such-function-xyz",
                       ReservedConcurrentExecutions=1)
    assert missing["Error"]["Code"] == "ResourceNotFoundException"


def test_account_settings_arithmetic(lam, make_function):
    a = make_function({"app.py": HANDLERS}, "app.quick")
    b = make_function({"app.py": HANDLERS}, "app.quick")
    before = lam.get_account_settings()
    assert before["AccountLimit"]["ConcurrentExecutions"] == 1000
    unreserved = before["AccountLimit"]["UnreservedConcurrentExecutions"]
    lam.put_function_concurrency(FunctionName=a, ReservedConcurrentExecutions=50)
    lam.put_function_concurrency(FunctionName=b, ReservedConcurrentExecutions=20)
    after = lam.get_account_settings()
    assert after["AccountLimit"]["UnreservedConcurrentExecutions"] == unreserved - 70
    assert after["AccountUsage"]["FunctionCount"] >= 2
    # AWS: at least 100 stay unreserved.
    too_much = error_of(lam.put_function_concurrency, FunctionName=b,
                        ReservedConcurrentExecutions=unreserved - 50 - 100 + 1)
    assert too_much["Error"]["Code"] == "InvalidParameterValueException"
    assert "below its minimum value of [100]" in too_much["Error"]["Message"]
    lam.put_function_concurrency(FunctionName=b, ReservedConcurrentExecutions=unreserved - 50 - 100)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == 100
    lam.delete_function_concurrency(FunctionName=b)
    lam.delete_function_concurrency(FunctionName=a)
    assert lam.get_account_settings()["AccountLimit"]["UnreservedConcurrentExecutions"] == unreserved


def test_reserved_zero_throttles_every_invoke(lam, make_function):
    name = make_function({"app.py": HANDLERS}, "app.quick")
    assert invoke(lam, name)["StatusCode"] == 200
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    error = error_of(lam.invoke, FunctionName=name, Payload=b"{}")
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert error["Error"]["Code"] == "TooManyRequestsException"
    assert error["Error"]["Message"] == "Rate Exceeded."
    assert error["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"
    lam.delete_function_concurrency(FunctionName=name)
    assert invoke(lam, name)["StatusCode"] == 200


def test_reserved_one_throttles_the_second_concurrent_invoke(lam, make_function):
    name = make_function({"app.py": HANDLERS}, "app.slow", Timeout=10)
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=1)
    outcomes = []

    def call():
        try:
            out = invoke(lam, name, {"sleep": 1.5})
            outcomes.append(("ok", json.loads(out["Body"])["pid"]))
        except ClientError as e:
            outcomes.append((e.response["Error"]["Code"], e.response.get("Reason")))

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.3)
    for thread in threads:
        thread.join()
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["TooManyRequestsException", "ok"], outcomes
    # Afterwards the one process serves again.
    pid = [detail for kind, detail in outcomes if kind == "ok"][0]
    assert json.loads(invoke(lam, name, {"sleep": 0})["Body"])["pid"] == pid


def test_async_invokes_under_throttle_all_run(lam, make_function, sqs):
    name = make_function({"app.py": HANDLERS}, "app.record", Timeout=10)
    queue = sqs.create_queue(QueueName=f"throttled-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    try:
        lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
        for n in range(6):
            out = lam.invoke(FunctionName=name, InvocationType="Event",
                             Payload=json.dumps({"queue": queue, "n": n}).encode())
            assert out["StatusCode"] == 202
        time.sleep(1.5)
        # Nothing runs while the reservation is 0 ...
        assert sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=0).get("Messages") is None
        # ... and everything runs, one at a time, once there is room.
        lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=1)
        seen = set()
        deadline = time.time() + 40
        while len(seen) < 6 and time.time() < deadline:
            for message in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10,
                                               WaitTimeSeconds=1).get("Messages", []):
                seen.add(message["Body"])
                sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
        assert seen == {str(n) for n in range(6)}
    finally:
        sqs.delete_queue(QueueUrl=queue)


def test_memory_limit_is_out_of_memory(lam, make_function):
    name = make_function({"app.py": HANDLERS}, "app.hog", MemorySize=128, Timeout=20)
    small = invoke(lam, name, {"mb": 10})
    assert "FunctionError" not in small and json.loads(small["Body"]) == 10
    out = invoke(lam, name, {"mb": 200}, LogType="Tail")
    assert out["FunctionError"] == "Unhandled"
    body = json.loads(out["Body"])
    assert body["errorType"] == "Runtime.OutOfMemory"
    assert body["errorMessage"].endswith("Error: Runtime exited with error: signal: killed")
    tail = base64.b64decode(out["LogResult"]).decode()
    assert "Memory Size: 128 MB\tMax Memory Used: 128 MB" in tail
    # The process was replaced: the next invocation works.
    again = invoke(lam, name, {"mb": 10})
    assert "FunctionError" not in again and json.loads(again["Body"]) == 10


TEMPLATE = """
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Reserved:
    Type: Number
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role.Arn
      ReservedConcurrentExecutions: !Ref Reserved
      Code:
        ZipFile: |
          def handler(event, context):
              return "hi"
Outputs:
  Name:
    Value: !Ref Fn
"""


def test_cloudformation_reserved_concurrency(lam, endpoint, target):
    cfn = _client("cloudformation", endpoint, target)
    stack = f"reserved-{uuid.uuid4().hex[:8]}"
    try:
        cfn.create_stack(StackName=stack, TemplateBody=TEMPLATE,
                         Parameters=[{"ParameterKey": "Reserved", "ParameterValue": "5"}],
                         Capabilities=["CAPABILITY_IAM"])
        cfn.get_waiter("stack_create_complete").wait(
            StackName=stack, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
        outputs = cfn.describe_stacks(StackName=stack)["Stacks"][0]["Outputs"]
        name = {o["OutputKey"]: o["OutputValue"] for o in outputs}["Name"]
        assert lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 5
        cfn.update_stack(StackName=stack, TemplateBody=TEMPLATE,
                         Parameters=[{"ParameterKey": "Reserved", "ParameterValue": "0"}],
                         Capabilities=["CAPABILITY_IAM"])
        cfn.get_waiter("stack_update_complete").wait(
            StackName=stack, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
        assert lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"] == 0
        error = error_of(lam.invoke, FunctionName=name, Payload=b"{}")
        assert error["Error"]["Code"] == "TooManyRequestsException"
    finally:
        cfn.delete_stack(StackName=stack)
        cfn.get_waiter("stack_delete_complete").wait(StackName=stack,
                                                     WaiterConfig={"Delay": 1, "MaxAttempts": 120})


def test_sqs_mapping_waits_for_reserved_concurrency(lam, make_function, sqs):
    name = make_function({"app.py": HANDLERS}, "app.quick")
    url = sqs.create_queue(QueueName=f"esm-throttled-{uuid.uuid4().hex[:8]}",
                           Attributes={"VisibilityTimeout": "1"})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    mapping = None

    def depth():
        attributes = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                          "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        return (int(attributes["ApproximateNumberOfMessages"]) +
                int(attributes["ApproximateNumberOfMessagesNotVisible"]))

    try:
        lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
        for n in range(3):
            sqs.send_message(QueueUrl=url, MessageBody=str(n))
        mapping = lam.create_event_source_mapping(EventSourceArn=arn, FunctionName=name,
                                                  BatchSize=1)["UUID"]
        # AWS: at 0 the poller takes nothing; the messages wait in the queue.
        time.sleep(3)
        assert depth() == 3
        lam.delete_function_concurrency(FunctionName=name)
        deadline = time.time() + 30
        while depth() and time.time() < deadline:
            time.sleep(0.5)
        assert depth() == 0
    finally:
        if mapping:
            lam.delete_event_source_mapping(UUID=mapping)
        sqs.delete_queue(QueueUrl=url)
