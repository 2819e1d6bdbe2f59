"""CloudFormation's list and describe operations page with NextToken, as AWS does.

A stack with more than 100 events and more than 100 resources, and more than 100 stacks:
boto3's paginators and the AWS CLI (which follows NextToken itself) walk every item once.
"""
import os
import sys
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402

NUM_QUEUES = 120  # Each makes at least two events (CREATE_IN_PROGRESS, CREATE_COMPLETE).
NUM_STACKS = 105


def _cfn(endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=120, connect_timeout=5)
    if target == "aws":
        return boto3.client("cloudformation", config=cfg)
    return boto3.client("cloudformation", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture(scope="module")
def cfn(endpoint, target):
    return _cfn(endpoint, target)


def _queues_template(count, export=None):
    lines = ["Resources:"]
    for i in range(count):
        lines += [f"  Queue{i}:", "    Type: AWS::SQS::Queue"]
    if export:
        lines += ["Outputs:", "  First:", "    Value: !GetAtt Queue0.Arn",
                  "    Export:", f"      Name: {export}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def big_stack(cfn):
    name = f"paging-{uuid.uuid4().hex[:8]}"
    cfn.create_stack(StackName=name, TemplateBody=_queues_template(NUM_QUEUES))
    cfn.get_waiter("stack_create_complete").wait(StackName=name,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 300})
    yield name
    cfn.delete_stack(StackName=name)
    cfn.get_waiter("stack_delete_complete").wait(StackName=name,
                                                 WaiterConfig={"Delay": 1, "MaxAttempts": 300})


def test_stack_events_page_by_100_newest_first(cfn, big_stack):
    first = cfn.describe_stack_events(StackName=big_stack)
    assert len(first["StackEvents"]) == 100
    assert "NextToken" in first
    pages = cfn.get_paginator("describe_stack_events").paginate(StackName=big_stack)
    events = [e for page in pages for e in page["StackEvents"]]
    ids = [e["EventId"] for e in events]
    assert len(ids) == len(set(ids))
    assert len(events) >= 2 * NUM_QUEUES + 2
    times = [e["Timestamp"] for e in events]
    assert times == sorted(times, reverse=True)
    created = {e["LogicalResourceId"] for e in events
               if e["ResourceStatus"] == "CREATE_COMPLETE"}
    assert created == {f"Queue{i}" for i in range(NUM_QUEUES)} | {big_stack}
    # The oldest event is the stack's own CREATE_IN_PROGRESS.
    assert events[-1]["LogicalResourceId"] == big_stack
    assert events[-1]["ResourceStatus"] == "CREATE_IN_PROGRESS"


def test_stack_resources_page_by_100(cfn, big_stack):
    first = cfn.list_stack_resources(StackName=big_stack)
    assert len(first["StackResourceSummaries"]) == 100 and "NextToken" in first
    pages = cfn.get_paginator("list_stack_resources").paginate(StackName=big_stack)
    ids = [r["LogicalResourceId"] for page in pages for r in page["StackResourceSummaries"]]
    assert sorted(ids) == sorted(f"Queue{i}" for i in range(NUM_QUEUES))


def test_aws_cli_follows_next_token(aws_cli, big_stack):
    events = aws_cli("cloudformation", "describe-stack-events", "--stack-name", big_stack)
    assert len(events["StackEvents"]) >= 2 * NUM_QUEUES + 2
    resources = aws_cli("cloudformation", "list-stack-resources", "--stack-name", big_stack)
    assert len(resources["StackResourceSummaries"]) == NUM_QUEUES


def test_a_token_not_from_the_service_is_a_validation_error(cfn, big_stack):
    with pytest.raises(ClientError) as e:
        cfn.describe_stack_events(StackName=big_stack, NextToken="not-a-token")
    assert e.value.response["Error"]["Code"] == "ValidationError"


def test_many_stacks_page_by_100(cfn):
    prefix = f"many-{uuid.uuid4().hex[:6]}"
    names = [f"{prefix}-{i:03d}" for i in range(NUM_STACKS)]
    body = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n"
    try:
        for name in names:
            cfn.create_stack(StackName=name, TemplateBody=body)
        for name in names:
            cfn.get_waiter("stack_create_complete").wait(
                StackName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        first = cfn.describe_stacks()
        assert len(first["Stacks"]) <= 100 and "NextToken" in first
        described = [s["StackName"] for page in cfn.get_paginator("describe_stacks").paginate()
                     for s in page["Stacks"]]
        assert len(described) == len(set(described))
        assert set(names) <= set(described)
        listed = [s["StackName"] for page in cfn.get_paginator("list_stacks").paginate(
            StackStatusFilter=["CREATE_COMPLETE"]) for s in page["StackSummaries"]]
        assert set(names) <= set(listed)
        assert len(listed) == len(set(listed))
    finally:
        for name in names:
            try:
                cfn.delete_stack(StackName=name)
            except ClientError:
                pass
