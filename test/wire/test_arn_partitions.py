"""ARNs in every AWS partition: SQS queue ARNs and every ARN Step Functions
mints (state machines, versions, aliases, executions, Map Runs, activities)
carry the partition of the region the client signs for, and are accepted back.

AWS: botocore data/partitions.json: cn-* is "aws-cn", us-gov-* "aws-us-gov",
us-iso-* "aws-iso", us-isob-* "aws-iso-b"; the ARN formats are
arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME (the Step Functions
developer guide writes "arn:partition:states:region:account-id:...") and
arn:PARTITION:sqs:REGION:ACCOUNT:NAME.

Real AWS needs an account in each partition, so these run against local
endpoints only.
"""
import json
import os
import sys
import uuid

import boto3
import pytest
from botocore.config import Config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sfn_calls import needs, run_to_end  # noqa: E402

PARTITIONS = [("cn-north-1", "aws-cn"), ("cn-northwest-1", "aws-cn"),
              ("us-gov-west-1", "aws-us-gov"), ("us-iso-east-1", "aws-iso"),
              ("us-isob-east-1", "aws-iso-b"), ("eu-west-1", "aws")]

PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}
DISTRIBUTED = {"StartAt": "Each", "States": {"Each": {
    "Type": "Map", "Label": "Fan", "End": True,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}}}}


@pytest.fixture(autouse=True)
def local_only(target):
    if target == "aws":
        pytest.skip("needs an account in every partition")


def client(service, endpoint, region):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5,
                 inject_host_prefix=False)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="x", aws_secret_access_key="x")


def unique(hint):
    return f"p-{hint}-{uuid.uuid4().hex[:10]}"


@pytest.mark.parametrize("region,partition", PARTITIONS)
def test_sqs_queue_arns_use_the_regions_partition(endpoint, region, partition):
    sqs = client("sqs", endpoint, region)
    dlq = sqs.create_queue(QueueName=unique("dlq"))["QueueUrl"]
    try:
        arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])
        dlq_arn = arn["Attributes"]["QueueArn"]
        account = dlq.rstrip("/").split("/")[-2]
        assert dlq_arn == f"arn:{partition}:sqs:{region}:{account}:{dlq.split('/')[-1]}"
        # The ARN is accepted back: a redrive policy naming it.
        policy = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "1"})
        source = sqs.create_queue(QueueName=unique("src"), Attributes={"RedrivePolicy": policy})
        try:
            sources = sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"]
            assert sources == [source["QueueUrl"]]
        finally:
            sqs.delete_queue(QueueUrl=source["QueueUrl"])
    finally:
        sqs.delete_queue(QueueUrl=dlq)


@pytest.mark.parametrize("region,partition", PARTITIONS)
def test_step_functions_arns_use_the_regions_partition(endpoint, region, partition):
    sfn = client("stepfunctions", endpoint, region)
    versioned = hasattr(sfn, "create_state_machine_alias")  # Debian's botocore predates them.
    role = f"arn:{partition}:iam::000000000000:role/stratus-partition-test"
    name = unique("sm")
    created = sfn.create_state_machine(name=name, definition=json.dumps(PASS), roleArn=role,
                                       **({"publish": True} if versioned else {}))
    machine = created["stateMachineArn"]
    try:
        prefix = f"arn:{partition}:states:{region}:"
        assert machine.startswith(prefix) and machine.endswith(f":stateMachine:{name}")
        target = machine
        if versioned:
            assert created["stateMachineVersionArn"] == machine + ":1"
            target = sfn.create_state_machine_alias(
                name="live", routingConfiguration=[{"stateMachineVersionArn": machine + ":1",
                                                    "weight": 100}])["stateMachineAliasArn"]
            assert target == machine + ":live"
        execution = sfn.start_execution(stateMachineArn=target, name="e")["executionArn"]
        assert execution == machine.replace(":stateMachine:", ":execution:") + ":e"
        assert run_to_end(sfn, execution)["status"] == "SUCCEEDED"
        assert sfn.describe_state_machine(stateMachineArn=machine)["roleArn"] == role
        listed = [m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"]]
        assert machine in listed
        if versioned:
            sfn.delete_state_machine_alias(stateMachineAliasArn=target)

        activity = sfn.create_activity(name=unique("act"))["activityArn"]
        assert activity.startswith(prefix) and ":activity:" in activity
        assert sfn.describe_activity(activityArn=activity)["activityArn"] == activity
        sfn.delete_activity(activityArn=activity)
    finally:
        sfn.delete_state_machine(stateMachineArn=machine)


@pytest.mark.parametrize("region,partition", [("cn-north-1", "aws-cn"),
                                              ("us-gov-east-1", "aws-us-gov")])
def test_map_run_arns_use_the_regions_partition(endpoint, region, partition):
    sfn = client("stepfunctions", endpoint, region)
    needs(sfn, "describe_map_run")
    machine = sfn.create_state_machine(
        name=unique("dmap"), definition=json.dumps(DISTRIBUTED),
        roleArn=f"arn:{partition}:iam::000000000000:role/r")["stateMachineArn"]
    try:
        execution = sfn.start_execution(stateMachineArn=machine, input="[1, 2]")["executionArn"]
        assert run_to_end(sfn, execution)["status"] == "SUCCEEDED"
        runs = sfn.list_map_runs(executionArn=execution)["mapRuns"]
        assert len(runs) == 1
        assert runs[0]["mapRunArn"].startswith(
            machine.replace(":stateMachine:", ":mapRun:") + "/Fan:")
        assert runs[0]["mapRunArn"].startswith(f"arn:{partition}:states:{region}:")
        described = sfn.describe_map_run(mapRunArn=runs[0]["mapRunArn"])
        assert described["executionArn"] == execution
    finally:
        sfn.delete_state_machine(stateMachineArn=machine)

