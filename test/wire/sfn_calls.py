"""Step Functions call sequences the wire and durability tests repeat: skip what an older
botocore lacks, wait for an execution to end, read a whole history, and an error's parts."""
import time

import pytest

TERMINAL = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}


def needs(client, operation, member=None):
    """Skips when this botocore lacks the operation (or its input member)."""
    if not hasattr(client, operation):
        pytest.skip(f"this botocore has no {operation}")
    if member is not None:
        model = client.meta.service_model
        name = next(n for n in model.operation_names if _snake(n) == operation)
        if member not in model.operation_model(name).input_shape.members:
            pytest.skip(f"this botocore's {name} has no {member}")


def _snake(name):
    out = ""
    for i, c in enumerate(name):
        out += ("_" if i and c.isupper() else "") + c.lower()
    return out


def run_to_end(sfn, execution_arn, timeout=30.0):
    """DescribeExecution until the execution ends; fails after `timeout` seconds."""
    deadline = time.time() + timeout
    while True:
        d = sfn.describe_execution(executionArn=execution_arn)
        if d["status"] in TERMINAL:
            return d
        assert time.time() < deadline, d
        time.sleep(0.02)


def history(sfn, execution_arn, **kwargs):
    """Every event of an execution's history, through all pages (1,000 a page unless
    kwargs say otherwise)."""
    kwargs.setdefault("maxResults", 1000)
    events, token = [], None
    while True:
        extra = {"nextToken": token} if token else {}
        page = sfn.get_execution_history(executionArn=execution_arn, **kwargs, **extra)
        events += page["events"]
        token = page.get("nextToken")
        if not token:
            return events


def error_code(exc_info):
    return exc_info.value.response["Error"]["Code"]


def error_message(exc_info):
    return exc_info.value.response["Error"]["Message"]
