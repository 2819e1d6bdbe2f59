"""Step Functions service behaviour through boto3: the model's constraints at
the front door, activities (CreateActivity ... GetActivityTask, activity Task
states answered by a worker), closed task tokens, ListExecutions'
redriveFilter, METADATA_ONLY descriptions, variableReferences, TestState's
inspection levels, variables, context, mocks and state configuration, and
`stratus sfn run` messages.

Written to AWS's model (botocore stepfunctions 2016-11-23) and documented
behaviour. Operations and members newer than the interpreter's botocore skip
(Debian's boto3 1.26 predates redrive, includedData, TestState...).
"""
import json
import os
import subprocess
import sys
import threading
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sfn_calls import error_code, error_message, history, needs, run_to_end  # noqa: E402
from stratus_process import stratus_binary  # noqa: E402

REGION = "us-east-1"
ROLE = "arn:aws:iam::000000000000:role/stratus-sfn-service-test"
CLOSED = "Task Timed Out: 'Provided task does not exist anymore'"


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def sfn(endpoint, target):
    """Step Functions client without retries; long read timeout for 60 s polls.
    The sync- host prefix of StartSyncExecution/TestState cannot resolve
    against 127.0.0.1, so it is not injected."""
    cfg = Config(retries={"max_attempts": 0}, read_timeout=75, connect_timeout=5,
                 inject_host_prefix=False)
    if target == "aws":
        return boto3.client("stepfunctions", config=cfg)
    return boto3.client("stepfunctions", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="x", aws_secret_access_key="x")


def unique(hint):
    return f"svc-{hint}-{uuid.uuid4().hex[:10]}"


class Created:
    """Creates state machines and activities for one test; deletes them after."""

    def __init__(self, client, role):
        self.client = client
        self.role = role
        self.machines = []
        self.activities = []

    def machine(self, definition, name=None, **kwargs):
        text = definition if isinstance(definition, str) else json.dumps(definition)
        arn = self.client.create_state_machine(name=name or unique("sm"), definition=text,
                                               roleArn=self.role, **kwargs)["stateMachineArn"]
        self.machines.append(arn)
        return arn

    def activity(self, name=None, **kwargs):
        arn = self.client.create_activity(name=name or unique("act"), **kwargs)["activityArn"]
        self.activities.append(arn)
        return arn

    def cleanup(self):
        for arn in self.machines:
            try:
                self.client.delete_state_machine(stateMachineArn=arn)
            except ClientError:
                pass
        for arn in self.activities:
            try:
                self.client.delete_activity(activityArn=arn)
            except ClientError:
                pass


@pytest.fixture
def created(sfn, target):
    role = os.environ.get("STRATUS_SFN_ROLE_ARN", ROLE) if target == "aws" else ROLE
    factory = Created(sfn, role)
    yield factory
    factory.cleanup()


def poll_task(sfn, activity_arn, worker="w1", timeout=15.0):
    """GetActivityTask until a task comes (each poll may end empty)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        task = sfn.get_activity_task(activityArn=activity_arn, workerName=worker)
        if task.get("taskToken"):
            return task
    raise AssertionError("no activity task")


HELLO = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}
LONG_WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}}


def activity_machine(activity_arn, **task):
    state = {"Type": "Task", "Resource": activity_arn, "End": True}
    state.update(task)
    return {"StartAt": "Work", "States": {"Work": state}}


# ----------------------------------------------------------------------------- model constraints


def test_model_constraints_reject_an_unknown_log_level(sfn, created):
    with pytest.raises(ClientError) as e:
        created.machine(HELLO, loggingConfiguration={"level": "LOUD"})
    assert error_code(e) == "ValidationException"
    assert error_message(e) == (
        "1 validation error detected: Value 'LOUD' at 'loggingConfiguration.level' failed to "
        "satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]")


def test_model_constraints_bound_send_task_failure_error_and_cause(sfn):
    with pytest.raises(ClientError) as e:
        sfn.send_task_failure(taskToken="t", error="e" * 257)
    assert error_code(e) == "ValidationException"
    assert error_message(e) == (
        "1 validation error detected: Value at 'error' failed to satisfy constraint: "
        "Member must have length less than or equal to 256")
    with pytest.raises(ClientError) as e:
        sfn.send_task_failure(taskToken="t", cause="c" * 32769)
    assert error_code(e) == "ValidationException"
    assert "at 'cause'" in error_message(e)
    assert "less than or equal to 32768" in error_message(e)


def test_model_constraints_bound_start_execution_input_and_trace_header(sfn, created):
    arn = created.machine(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, input=json.dumps({"x": "a" * 262144}))
    assert error_code(e) == "ValidationException"
    assert error_message(e) == (
        "1 validation error detected: Value at 'input' failed to satisfy constraint: "
        "Member must have length less than or equal to 262144")
    if "traceHeader" in sfn.meta.service_model.operation_model(
            "StartExecution").input_shape.members:
        with pytest.raises(ClientError) as e:
            sfn.start_execution(stateMachineArn=arn, traceHeader="t" * 257)
        assert error_code(e) == "ValidationException"
        assert "at 'traceHeader'" in error_message(e)


def test_model_constraints_bound_names_before_the_name_rules(sfn, created):
    # AWS (ValidationException for an 81-character StartExecution name, as the
    # recorded CreateStateMachineAlias one): length is checked at the front door,
    # the character rules (InvalidName) by the service.
    arn = created.machine(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name="x" * 81)
    assert error_code(e) == "ValidationException"
    assert error_message(e) == (
        f"1 validation error detected: Value '{'x' * 81}' at 'name' failed to satisfy "
        "constraint: Member must have length less than or equal to 80")
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name="bad name")
    assert error_code(e) == "InvalidName"


def test_model_constraints_count_several_violations(sfn, created):
    arn = created.machine(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.list_executions(stateMachineArn=arn, statusFilter="done", maxResults=1001)
    assert error_code(e) == "ValidationException"
    assert error_message(e).startswith("2 validation errors detected: ")
    assert "Value '1001' at 'maxResults'" in error_message(e)
    assert "Value 'done' at 'statusFilter'" in error_message(e)


# ----------------------------------------------------------------------------- activities


def test_create_activity_is_idempotent_and_describable(sfn, created):
    name = unique("act")
    arn = created.activity(name, tags=[{"key": "team", "value": "data"}])
    assert arn.endswith(f":activity:{name}")
    again = sfn.create_activity(name=name)
    assert again["activityArn"] == arn
    d = sfn.describe_activity(activityArn=arn)
    assert d["name"] == name and d["activityArn"] == arn
    assert d["creationDate"] == again["creationDate"]
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [
        {"key": "team", "value": "data"}]
    listed = [a["activityArn"] for a in sfn.list_activities(maxResults=1000)["activities"]]
    assert arn in listed


def test_create_activity_rejects_invalid_names(sfn):
    with pytest.raises(ClientError) as e:
        sfn.create_activity(name="has space")
    assert error_code(e) == "InvalidName"


def test_delete_activity_then_describe_is_activity_does_not_exist(sfn, created):
    arn = created.activity()
    sfn.delete_activity(activityArn=arn)
    sfn.delete_activity(activityArn=arn)  # AWS: deleting again succeeds.
    with pytest.raises(ClientError) as e:
        sfn.describe_activity(activityArn=arn)
    assert error_code(e) == "ActivityDoesNotExist"
    with pytest.raises(ClientError) as e:
        sfn.get_activity_task(activityArn=arn)
    assert error_code(e) == "ActivityDoesNotExist"


def test_list_activities_pages(sfn, created):
    prefix = unique("page")
    arns = [created.activity(f"{prefix}-{i}") for i in range(3)]
    seen, token = [], None
    while True:
        extra = {"nextToken": token} if token else {}
        page = sfn.list_activities(maxResults=1, **extra)
        seen += [a["activityArn"] for a in page["activities"]]
        token = page.get("nextToken")
        if not token:
            break
    assert all(a in seen for a in arns)
    assert len(seen) == len(set(seen))


def test_activity_task_is_taken_by_a_worker_and_answered_by_its_token(sfn, created):
    activity = created.activity()
    arn = created.machine(activity_machine(activity, Parameters={"job.$": "$.job"},
                                           HeartbeatSeconds=30, TimeoutSeconds=120))
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"job": 7}))
    task = poll_task(sfn, activity, worker="worker-7")
    assert json.loads(task["input"]) == {"job": 7}
    sfn.send_task_heartbeat(taskToken=task["taskToken"])
    sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"done": True}))
    d = run_to_end(sfn, execution["executionArn"])
    assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == {"done": True}
    events = history(sfn, execution["executionArn"])
    types = [e["type"] for e in events]
    assert types == ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
                     "ActivityStarted", "ActivitySucceeded", "TaskStateExited",
                     "ExecutionSucceeded"]
    scheduled = events[2]["activityScheduledEventDetails"]
    assert scheduled["resource"] == activity
    assert json.loads(scheduled["input"]) == {"job": 7}
    assert scheduled["heartbeatInSeconds"] == 30 and scheduled["timeoutInSeconds"] == 120
    assert events[3]["activityStartedEventDetails"] == {"workerName": "worker-7"}
    assert json.loads(events[4]["activitySucceededEventDetails"]["output"]) == {"done": True}
    # AWS: the task is closed; its token answers TaskTimedOut.
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=task["taskToken"], output="{}")
    assert error_code(e) == "TaskTimedOut"
    assert error_message(e) == CLOSED


def test_activity_task_failure_is_caught_by_the_state(sfn, created):
    activity = created.activity()
    definition = activity_machine(activity)
    definition["States"]["Work"]["Catch"] = [{"ErrorEquals": ["Job.Failed"],
                                             "ResultPath": "$.caught", "Next": "Handled"}]
    definition["States"]["Handled"] = {"Type": "Pass", "End": True}
    arn = created.machine(definition)
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")
    task = poll_task(sfn, activity)
    sfn.send_task_failure(taskToken=task["taskToken"], error="Job.Failed", cause="no disk")
    d = run_to_end(sfn, execution["executionArn"])
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"])["caught"] == {"Error": "Job.Failed", "Cause": "no disk"}
    failed = [e for e in history(sfn, execution["executionArn"]) if e["type"] == "ActivityFailed"]
    assert failed[0]["activityFailedEventDetails"] == {"error": "Job.Failed", "cause": "no disk"}


def test_activity_heartbeat_timeout_closes_the_task(sfn, created):
    activity = created.activity()
    arn = created.machine(activity_machine(activity, HeartbeatSeconds=1))
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")
    task = poll_task(sfn, activity)
    d = run_to_end(sfn, execution["executionArn"], timeout=20)
    assert d["status"] == "FAILED" and d["error"] == "States.HeartbeatTimeout"
    assert "ActivityTimedOut" in [e["type"] for e in history(sfn, execution["executionArn"])]
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=task["taskToken"], output="{}")
    assert error_code(e) == "TaskTimedOut"
    assert error_message(e) == CLOSED


def test_a_waiting_poll_gets_the_task_when_it_is_scheduled(sfn, created):
    activity = created.activity()
    arn = created.machine(activity_machine(activity))
    got = {}

    def worker():
        got["task"] = sfn.get_activity_task(activityArn=activity, workerName="early")

    t = threading.Thread(target=worker)
    t.start()
    time.sleep(0.3)  # the poll is parked
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"k": 1}))
    t.join(timeout=30)
    assert not t.is_alive()
    task = got["task"]
    assert task.get("taskToken"), task
    assert json.loads(task["input"]) == {"k": 1}
    sfn.send_task_success(taskToken=task["taskToken"], output="{}")
    assert run_to_end(sfn, execution["executionArn"])["status"] == "SUCCEEDED"
    started = [e for e in history(sfn, execution["executionArn"]) if e["type"] == "ActivityStarted"]
    assert started[0]["activityStartedEventDetails"]["workerName"] == "early"


def test_stopping_the_execution_closes_its_activity_task(sfn, created):
    activity = created.activity()
    arn = created.machine(activity_machine(activity))
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")
    task = poll_task(sfn, activity)
    sfn.stop_execution(executionArn=execution["executionArn"])
    assert run_to_end(sfn, execution["executionArn"])["status"] == "ABORTED"
    with pytest.raises(ClientError) as e:
        sfn.send_task_heartbeat(taskToken=task["taskToken"])
    assert error_code(e) == "TaskTimedOut"


def test_a_token_never_issued_is_invalid_token(sfn):
    for call in (lambda: sfn.send_task_success(taskToken="not-a-token", output="{}"),
                 lambda: sfn.send_task_failure(taskToken="not-a-token"),
                 lambda: sfn.send_task_heartbeat(taskToken="not-a-token")):
        with pytest.raises(ClientError) as e:
            call()
        assert error_code(e) == "InvalidToken"


def test_activity_tags_follow_tag_and_untag_resource(sfn, created):
    arn = created.activity()
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
    sfn.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "b", "value": "2"}]


# ----------------------------------------------------------------------------- encryption


AWS_OWNED = {"type": "AWS_OWNED_KEY"}


def test_describe_shows_the_aws_owned_key_by_default(sfn, created):
    # AWS (recorded by LocalStack: test_sfn_api_variable_references and
    # test_sfn_api_activities snapshots): DescribeStateMachine,
    # DescribeStateMachineForExecution and DescribeActivity show the AWS-owned key
    # for resources created without an encryptionConfiguration.
    needs(sfn, "create_state_machine", "encryptionConfiguration")
    arn = created.machine(HELLO)
    assert sfn.describe_state_machine(stateMachineArn=arn)["encryptionConfiguration"] == AWS_OWNED
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    run_to_end(sfn, execution)
    described = sfn.describe_state_machine_for_execution(executionArn=execution)
    assert described["encryptionConfiguration"] == AWS_OWNED
    activity = created.activity()
    assert sfn.describe_activity(activityArn=activity)["encryptionConfiguration"] == AWS_OWNED


@pytest.mark.stratus_only  # A customer managed key needs a real KMS key on AWS.
def test_describe_shows_the_customer_managed_key_given(sfn, created):
    needs(sfn, "create_state_machine", "encryptionConfiguration")
    key = {"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": "alias/stratus-test",
           "kmsDataKeyReusePeriodSeconds": 120}
    arn = created.machine(HELLO, encryptionConfiguration=key)
    assert sfn.describe_state_machine(stateMachineArn=arn)["encryptionConfiguration"] == key
    sfn.update_state_machine(stateMachineArn=arn, encryptionConfiguration=AWS_OWNED)
    assert sfn.describe_state_machine(stateMachineArn=arn)["encryptionConfiguration"] == AWS_OWNED


def test_customer_managed_key_needs_a_kms_key_id(sfn, created):
    # AWS: the InvalidEncryptionConfiguration error is documented as "Received when
    # encryptionConfiguration is specified but ... type is set to
    # CUSTOMER_MANAGED_KMS_KEY, but kmsKeyId is null" (botocore model; it is an error
    # of CreateActivity, CreateStateMachine and UpdateStateMachine).
    needs(sfn, "create_state_machine", "encryptionConfiguration")
    no_key = {"type": "CUSTOMER_MANAGED_KMS_KEY"}
    with pytest.raises(ClientError) as e:
        created.activity(encryptionConfiguration=no_key)
    assert error_code(e) == "InvalidEncryptionConfiguration"
    with pytest.raises(ClientError) as e:
        created.machine(HELLO, encryptionConfiguration=no_key)
    assert error_code(e) == "InvalidEncryptionConfiguration"
    arn = created.machine(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.update_state_machine(stateMachineArn=arn, encryptionConfiguration=no_key)
    assert error_code(e) == "InvalidEncryptionConfiguration"


# ----------------------------------------------------------------------------- executions


def test_page_tokens_are_bound_to_their_filters(sfn, created):
    # AWS: a nextToken reused with other filter arguments is InvalidToken "Input
    # inconsistent with page token" (moto's Step Functions tests assert it of
    # ListExecutions with another statusFilter); the docs: "Keep all other
    # arguments unchanged".
    arn = created.machine(LONG_WAIT)
    other = created.machine(LONG_WAIT)
    for _ in range(2):
        sfn.start_execution(stateMachineArn=arn)
    sfn.start_execution(stateMachineArn=other)
    page = sfn.list_executions(stateMachineArn=arn, maxResults=1)
    token = page["nextToken"]
    again = sfn.list_executions(stateMachineArn=arn, maxResults=1, nextToken=token)
    assert len(again["executions"]) == 1
    for changed in ({"stateMachineArn": arn, "statusFilter": "ABORTED"},
                    {"stateMachineArn": other}):
        with pytest.raises(ClientError) as e:
            sfn.list_executions(maxResults=1, nextToken=token, **changed)
        assert error_code(e) == "InvalidToken"
        assert "Input inconsistent with page token" in error_message(e)
    for execution in page["executions"] + again["executions"]:
        sfn.stop_execution(executionArn=execution["executionArn"])

    done = created.machine(HELLO)
    execution = sfn.start_execution(stateMachineArn=done)["executionArn"]
    run_to_end(sfn, execution)
    events = sfn.get_execution_history(executionArn=execution, maxResults=1)
    with pytest.raises(ClientError) as e:
        sfn.get_execution_history(executionArn=execution, maxResults=1, reverseOrder=True,
                                  nextToken=events["nextToken"])
    assert error_code(e) == "InvalidToken"
    assert "Input inconsistent with page token" in error_message(e)


def test_list_executions_redrive_filter(sfn, created):
    needs(sfn, "redrive_execution")
    needs(sfn, "list_executions", "redriveFilter")
    arn = created.machine(LONG_WAIT)
    arns = []
    for _ in range(2):
        arns.append(sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"])
        sfn.stop_execution(executionArn=arns[-1])
        assert run_to_end(sfn, arns[-1])["status"] == "ABORTED"
    sfn.redrive_execution(executionArn=arns[0])
    redriven = sfn.list_executions(stateMachineArn=arn, redriveFilter="REDRIVEN")["executions"]
    assert [e["executionArn"] for e in redriven] == [arns[0]]
    assert redriven[0]["redriveCount"] == 1
    others = sfn.list_executions(stateMachineArn=arn, redriveFilter="NOT_REDRIVEN")["executions"]
    assert [e["executionArn"] for e in others] == [arns[1]]
    sfn.stop_execution(executionArn=arns[0])


def test_list_executions_rejects_an_unknown_redrive_filter(endpoint, target, created):
    cfg = Config(retries={"max_attempts": 0}, parameter_validation=False)
    kwargs = {} if target == "aws" else {"endpoint_url": endpoint, "region_name": REGION,
                                         "aws_access_key_id": "x", "aws_secret_access_key": "x"}
    raw = boto3.client("stepfunctions", config=cfg, **kwargs)
    needs(raw, "list_executions", "redriveFilter")
    arn = created.machine(HELLO)
    with pytest.raises(ClientError) as e:
        raw.list_executions(stateMachineArn=arn, redriveFilter="BOGUS")
    assert error_code(e) == "ValidationException"
    assert error_message(e) == (
        "1 validation error detected: Value 'BOGUS' at 'redriveFilter' failed to satisfy "
        "constraint: Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]")


def test_describe_execution_metadata_only_leaves_out_input_and_output(sfn, created):
    needs(sfn, "describe_execution", "includedData")
    arn = created.machine(HELLO)
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"secret": 1}))
    run_to_end(sfn, execution["executionArn"])
    d = sfn.describe_execution(executionArn=execution["executionArn"],
                               includedData="METADATA_ONLY")
    assert d["status"] == "SUCCEEDED"
    for member in ("input", "inputDetails", "output", "outputDetails"):
        assert member not in d, member
    full = sfn.describe_execution(executionArn=execution["executionArn"], includedData="ALL_DATA")
    assert json.loads(full["input"]) == {"secret": 1}


VARIABLES = {"StartAt": "Init", "States": {
    "Init": {"Type": "Pass", "Assign": {"count": 1, "label.$": "$.label"}, "Next": "Use"},
    "Use": {"Type": "Pass", "Parameters": {"c.$": "$count", "l.$": "States.Format('{}', $label)"},
            "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$count", "NumericEquals": 1,
                                             "Next": "Done"}], "Default": "Done"},
    "Done": {"Type": "Succeed"}}}


def test_describe_state_machine_returns_variable_references(sfn, created):
    needs(sfn, "describe_state_machine", "includedData")
    arn = created.machine(VARIABLES)
    d = sfn.describe_state_machine(stateMachineArn=arn)
    refs = {k: sorted(v) for k, v in d.get("variableReferences", {}).items()}
    assert refs == {"Use": ["count", "label"], "Check": ["count"]}
    meta = sfn.describe_state_machine(stateMachineArn=arn, includedData="METADATA_ONLY")
    assert meta["definition"] == "{}"
    plain = created.machine(HELLO)
    assert "variableReferences" not in sfn.describe_state_machine(stateMachineArn=plain)


# ----------------------------------------------------------------------------- TestState

TASK = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "InputPath": "$.in", "Parameters": {"FunctionName": "f", "Payload.$": "$.p"},
        "ResultSelector": {"r.$": "$.Payload"}, "ResultPath": "$.res", "OutputPath": "$.res",
        "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 2, "IntervalSeconds": 3}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Handler"}],
        "Next": "After"}
TASK_INPUT = json.dumps({"in": {"p": {"a": 1}}})


def test_test_state_debug_shows_each_processing_step(sfn):
    needs(sfn, "test_state", "mock")
    out = sfn.test_state(definition=json.dumps(TASK), roleArn=ROLE, input=TASK_INPUT,
                         inspectionLevel="DEBUG",
                         mock={"result": json.dumps({"Payload": {"x": 2}})})
    assert out["status"] == "SUCCEEDED" and out["nextState"] == "After"
    assert json.loads(out["output"]) == {"r": {"x": 2}}
    data = out["inspectionData"]
    assert json.loads(data["afterInputPath"]) == {"p": {"a": 1}}
    assert json.loads(data["afterParameters"]) == {"FunctionName": "f", "Payload": {"a": 1}}
    assert json.loads(data["result"]) == {"Payload": {"x": 2}}
    assert json.loads(data["afterResultSelector"]) == {"r": {"x": 2}}
    assert json.loads(data["afterResultPath"]) == {"in": {"p": {"a": 1}}, "res": {"r": {"x": 2}}}


def test_test_state_info_and_debug_differ_and_unknown_levels_are_rejected(sfn):
    needs(sfn, "test_state")
    pass_state = json.dumps({"Type": "Pass", "InputPath": "$.a", "Next": "N"})
    info = sfn.test_state(definition=pass_state, roleArn=ROLE, input=json.dumps({"a": {"b": 1}}),
                          inspectionLevel="INFO")
    debug = sfn.test_state(definition=pass_state, roleArn=ROLE, input=json.dumps({"a": {"b": 1}}),
                           inspectionLevel="DEBUG")
    assert info["output"] == debug["output"]
    assert "afterInputPath" not in info.get("inspectionData", {})
    assert json.loads(debug["inspectionData"]["afterInputPath"]) == {"b": 1}
    with pytest.raises(ClientError) as e:
        sfn.test_state(definition=pass_state, roleArn=ROLE, inspectionLevel="LOUD")
    assert error_code(e) == "ValidationException"
    assert "at 'inspectionLevel'" in error_message(e)


def test_test_state_mocked_error_is_retriable_then_caught(sfn):
    needs(sfn, "test_state", "stateConfiguration")
    kwargs = dict(definition=json.dumps(TASK), roleArn=ROLE, input=TASK_INPUT,
                  inspectionLevel="DEBUG",
                  mock={"errorOutput": {"error": "Boom", "cause": "bad"}})
    first = sfn.test_state(**kwargs)
    assert first["status"] == "RETRIABLE"
    assert first["inspectionData"]["errorDetails"] == {"retryIndex": 0,
                                                       "retryBackoffIntervalSeconds": 3}
    caught = sfn.test_state(stateConfiguration={"retrierRetryCount": 2}, **kwargs)
    assert caught["status"] == "CAUGHT_ERROR" and caught["nextState"] == "Handler"
    assert json.loads(caught["output"]) == {"in": {"p": {"a": 1}},
                                            "err": {"Error": "Boom", "Cause": "bad"}}
    assert caught["inspectionData"]["errorDetails"] == {"catchIndex": 0}


def test_test_state_variables_and_context(sfn):
    needs(sfn, "test_state", "context")
    out = sfn.test_state(definition=json.dumps({"Type": "Pass", "Parameters": {"v.$": "$x"},
                                                "Assign": {"y": 2}, "Next": "N"}),
                         roleArn=ROLE, variables=json.dumps({"x": 5}), inspectionLevel="DEBUG")
    assert json.loads(out["output"]) == {"v": 5}
    assert json.loads(out["inspectionData"]["variables"]) == {"x": 5, "y": 2}
    named = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"n.$": "$$.Execution.Name"}, "End": True})
    out = sfn.test_state(definition=named, roleArn=ROLE, inspectionLevel="DEBUG",
                         context=json.dumps({"Execution": {"Name": "given"}}),
                         mock={"result": "{}"})
    assert json.loads(out["inspectionData"]["afterParameters"]) == {"n": "given"}
    with pytest.raises(ClientError) as e:
        sfn.test_state(definition=named, roleArn=ROLE, context="{}")
    assert error_code(e) == "ValidationException"


def test_test_state_mock_only_for_task_map_parallel(sfn):
    needs(sfn, "test_state", "mock")
    with pytest.raises(ClientError) as e:
        sfn.test_state(definition=json.dumps({"Type": "Pass", "End": True}), roleArn=ROLE,
                       mock={"result": "{}"})
    assert error_code(e) == "ValidationException"


def test_test_state_map_and_parallel_report_their_own_next_state(sfn):
    needs(sfn, "test_state")
    out = sfn.test_state(definition=json.dumps({
        "Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {
            "StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": True}}},
        "Next": "After"}), roleArn=ROLE, input=json.dumps({"items": [1, 2]}))
    assert out["status"] == "SUCCEEDED" and out["nextState"] == "After"
    assert json.loads(out["output"]) == [1, 2]
    out = sfn.test_state(definition=json.dumps({
        "Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
            "B": {"Type": "Pass", "End": True}}}], "Next": "Joined"}), roleArn=ROLE)
    assert out["nextState"] == "Joined"


# ----------------------------------------------------------------------------- stratus sfn run


@pytest.mark.stratus_only
def test_sfn_run_names_itself_when_a_task_service_is_missing(target, tmp_path):
    if target != "stratus":
        pytest.skip("runs the stratus binary itself")
    definition = tmp_path / "send.json"
    definition.write_text(json.dumps({"StartAt": "Send", "States": {"Send": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": "http://localhost/000000000000/q", "MessageBody": "hi"},
        "End": True}}}))
    p = subprocess.run([stratus_binary(), "sfn", "run", str(definition)], capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 1, p.stderr + p.stdout
    assert "not available to `stratus sfn run`" in p.stdout, p.stdout
    assert "--mock-config" in p.stdout
    assert "in this stratus" not in p.stdout


# ----------------------------------------------------------------------------- redrive, Map Runs


def activity_map(activity_arn, distributed=False, **fields):
    """A Map whose iterations are tasks of one activity (the test is the worker)."""
    processor = {"StartAt": "Work",
                 "States": {"Work": {"Type": "Task", "Resource": activity_arn, "End": True}}}
    if distributed:
        processor["ProcessorConfig"] = {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
    state = {"Type": "Map", "ItemProcessor": processor, "End": True}
    state.update(fields)
    return {"StartAt": "Each", "States": {"Each": state}}


def answer_tasks(sfn, activity, count, fail=()):
    """Takes `count` activity tasks; fails those whose input is in `fail`, after
    succeeding the others (output: the input times 10)."""
    tasks = [poll_task(sfn, activity) for _ in range(count)]
    ordered = sorted(tasks, key=lambda t: json.loads(t["input"]) in fail)
    for task in ordered:
        item = json.loads(task["input"])
        if item in fail:
            sfn.send_task_failure(taskToken=task["taskToken"], error="Flaky", cause=str(item))
        else:
            sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps(item * 10))
    return sorted(json.loads(t["input"]) for t in tasks)


def test_redrive_reruns_only_the_failed_iterations_of_an_inline_map(sfn, created):
    needs(sfn, "redrive_execution")
    activity = created.activity()
    arn = created.machine(activity_map(activity))
    execution = sfn.start_execution(stateMachineArn=arn, input="[1, 2, 3]")["executionArn"]
    assert answer_tasks(sfn, activity, 3, fail=(2,)) == [1, 2, 3]
    assert run_to_end(sfn, execution)["status"] == "FAILED"
    sfn.redrive_execution(executionArn=execution)
    # AWS: "reschedules and redrives only the iterations ... that failed".
    assert answer_tasks(sfn, activity, 1) == [2]
    d = run_to_end(sfn, execution)
    assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == [10, 20, 30]
    assert d["redriveCount"] == 1
    types = [e["type"] for e in history(sfn, execution)]
    after = types[types.index("ExecutionRedriven"):]
    assert after.count("ActivityScheduled") == 1 and after.count("MapIterationStarted") == 1
    assert "MapStateEntered" not in after and after[-2:] == ["MapStateExited", "ExecutionSucceeded"]


def test_redrive_reruns_only_the_failed_branch_of_a_parallel(sfn, created):
    needs(sfn, "redrive_execution")
    activity = created.activity()
    work = {"Type": "Task", "Resource": activity, "End": True}
    # AWS: state names are unique across the whole machine.
    arn = created.machine({"StartAt": "Both", "States": {"Both": {
        "Type": "Parallel", "End": True, "Branches": [
            {"StartAt": "One", "States": {"One": {"Type": "Pass", "Result": 1, "Next": "Work1"},
                                          "Work1": work}},
            {"StartAt": "Two", "States": {"Two": {"Type": "Pass", "Result": 2, "Next": "Work2"},
                                          "Work2": work}}]}}})
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
    assert answer_tasks(sfn, activity, 2, fail=(2,)) == [1, 2]
    assert run_to_end(sfn, execution)["status"] == "FAILED"
    sfn.redrive_execution(executionArn=execution)
    assert answer_tasks(sfn, activity, 1) == [2]
    d = run_to_end(sfn, execution)
    assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == [10, 20]
    types = [e["type"] for e in history(sfn, execution)]
    after = types[types.index("ExecutionRedriven"):]
    # The failed branch resumes at its failed Task, not at its first state.
    assert after.count("PassStateEntered") == 0 and after.count("ActivityScheduled") == 1


def distributed_pass_machine(label="Fan", item_state="P"):
    return {"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "Label": label, "End": True,
        "ItemSelector": {"n.$": "$$.Map.Item.Value"},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": item_state,
                          "States": {item_state: {"Type": "Pass", "End": True}}}}}}


def test_a_distributed_map_run_is_described_and_lists_its_child_executions(sfn, created):
    needs(sfn, "describe_map_run")
    name = unique("dmap")
    arn = created.machine(distributed_pass_machine(), name=name)
    execution = sfn.start_execution(stateMachineArn=arn, input="[1, 2, 3]")["executionArn"]
    d = run_to_end(sfn, execution)
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"]) == [{"n": 1}, {"n": 2}, {"n": 3}]
    runs = sfn.list_map_runs(executionArn=execution)["mapRuns"]
    assert len(runs) == 1
    run = runs[0]
    map_run = run["mapRunArn"]
    assert map_run.startswith(arn.replace(":stateMachine:", ":mapRun:") + "/Fan:")
    assert run["executionArn"] == execution
    assert run["stateMachineArn"] == f"{arn}/Fan"
    assert "stopDate" in run
    started = [e for e in history(sfn, execution) if e["type"] == "MapRunStarted"]
    assert started[0]["mapRunStartedEventDetails"]["mapRunArn"] == map_run

    described = sfn.describe_map_run(mapRunArn=map_run)
    assert described["status"] == "SUCCEEDED" and described["executionArn"] == execution
    assert described["itemCounts"]["succeeded"] == 3 and described["itemCounts"]["total"] == 3
    assert described["itemCounts"]["pending"] == 0 and described["itemCounts"]["failed"] == 0
    assert described["executionCounts"]["succeeded"] == 3
    assert described.get("redriveCount", 0) == 0 and "stopDate" in described  # older models lack it

    children = sfn.list_executions(mapRunArn=map_run)["executions"]
    assert len(children) == 3
    assert {c["status"] for c in children} == {"SUCCEEDED"}
    assert {c["stateMachineArn"] for c in children} == {f"{arn}/Fan"}
    assert {c["mapRunArn"] for c in children} == {map_run}
    child = sfn.describe_execution(executionArn=children[0]["executionArn"])
    assert child["mapRunArn"] == map_run and child["status"] == "SUCCEEDED"
    assert json.loads(child["output"]) == json.loads(child["input"])
    events = history(sfn, child["executionArn"])
    assert [e["type"] for e in events] == ["ExecutionStarted", "PassStateEntered",
                                           "PassStateExited", "ExecutionSucceeded"]
    assert [e["id"] for e in events] == [1, 2, 3, 4]
    if "label" in sfn.meta.service_model.operation_model(
            "DescribeStateMachineForExecution").output_shape.members:
        machine = sfn.describe_state_machine_for_execution(executionArn=child["executionArn"])
        assert machine["stateMachineArn"] == f"{arn}/Fan" and machine["label"] == "Fan"
        assert machine["mapRunArn"] == map_run
        # The child runs the ItemProcessor.
        assert json.loads(machine["definition"])["States"] == {"P": {"Type": "Pass", "End": True}}
    # Children belong to the Map Run, not to the parent's state machine.
    parents = sfn.list_executions(stateMachineArn=arn)["executions"]
    assert [e["executionArn"] for e in parents] == [execution]


def test_map_run_lookups_answer_aws_errors(sfn, created):
    needs(sfn, "describe_map_run")
    arn = created.machine(HELLO)
    missing = arn.replace(":stateMachine:", ":mapRun:") + "/Fan:" + str(uuid.uuid4())
    with pytest.raises(ClientError) as e:
        sfn.describe_map_run(mapRunArn=missing)
    assert error_code(e) == "ResourceNotFound"
    with pytest.raises(ClientError) as e:
        sfn.describe_map_run(mapRunArn=arn)
    assert error_code(e) == "InvalidArn"
    with pytest.raises(ClientError) as e:
        sfn.list_executions(mapRunArn=missing)
    assert error_code(e) == "ResourceNotFound"
    with pytest.raises(ClientError) as e:
        sfn.update_map_run(mapRunArn=missing, maxConcurrency=2)
    assert error_code(e) == "ResourceNotFound"


def test_update_map_run_raises_the_concurrency_of_a_running_map_run(sfn, created):
    needs(sfn, "update_map_run")
    activity = created.activity()
    arn = created.machine(activity_map(activity, distributed=True, MaxConcurrency=1))
    execution = sfn.start_execution(stateMachineArn=arn, input="[1, 2, 3]")["executionArn"]
    first = poll_task(sfn, activity)
    map_run = sfn.list_map_runs(executionArn=execution)["mapRuns"][0]["mapRunArn"]
    described = sfn.describe_map_run(mapRunArn=map_run)
    assert described["status"] == "RUNNING" and described["maxConcurrency"] == 1
    assert described["itemCounts"]["running"] == 1 and described["itemCounts"]["pending"] == 2
    sfn.update_map_run(mapRunArn=map_run, maxConcurrency=3, toleratedFailureCount=1)
    # Both waiting items start without the first one finishing.
    others = [poll_task(sfn, activity) for _ in range(2)]
    described = sfn.describe_map_run(mapRunArn=map_run)
    assert described["maxConcurrency"] == 3 and described["toleratedFailureCount"] == 1
    assert described["itemCounts"]["running"] == 3
    sfn.send_task_failure(taskToken=first["taskToken"], error="Flaky")  # tolerated now
    for task in others:
        sfn.send_task_success(taskToken=task["taskToken"], output="0")
    d = run_to_end(sfn, execution)
    assert d["status"] == "SUCCEEDED", d
    described = sfn.describe_map_run(mapRunArn=map_run)
    assert described["itemCounts"]["failed"] == 1 and described["itemCounts"]["succeeded"] == 2
    with pytest.raises(ClientError) as e:
        sfn.update_map_run(mapRunArn=map_run, maxConcurrency=2)
    assert error_code(e) == "ValidationException"


def test_redrive_reruns_the_failed_child_executions_of_a_map_run(sfn, created):
    needs(sfn, "redrive_execution")
    needs(sfn, "describe_map_run")
    activity = created.activity()
    arn = created.machine(activity_map(activity, distributed=True))
    execution = sfn.start_execution(stateMachineArn=arn, input="[1, 2]")["executionArn"]
    assert answer_tasks(sfn, activity, 2, fail=(2,)) == [1, 2]
    d = run_to_end(sfn, execution)
    assert d["status"] == "FAILED" and d["error"] == "States.ExceedToleratedFailureThreshold"
    map_run = sfn.list_map_runs(executionArn=execution)["mapRuns"][0]["mapRunArn"]
    assert sfn.describe_map_run(mapRunArn=map_run)["status"] == "FAILED"
    failed = sfn.list_executions(mapRunArn=map_run, statusFilter="FAILED")["executions"]
    assert len(failed) == 1
    child = sfn.describe_execution(executionArn=failed[0]["executionArn"])
    assert child["redriveStatus"] == "REDRIVABLE_BY_MAP_RUN"
    with pytest.raises(ClientError) as e:
        sfn.redrive_execution(executionArn=child["executionArn"])
    assert error_code(e) == "ExecutionNotRedrivable"

    sfn.redrive_execution(executionArn=execution)
    assert answer_tasks(sfn, activity, 1) == [2]
    d = run_to_end(sfn, execution)
    assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == [10, 20]
    described = sfn.describe_map_run(mapRunArn=map_run)
    assert described["status"] == "SUCCEEDED" and described["redriveCount"] == 1
    assert described["executionCounts"]["succeeded"] == 2
    redriven = sfn.describe_execution(executionArn=child["executionArn"])
    assert redriven["status"] == "SUCCEEDED" and redriven["redriveCount"] == 1
    types = [e["type"] for e in history(sfn, execution)]
    assert types[types.index("ExecutionRedriven") + 1] == "MapRunRedriven"


def test_stopping_a_parent_stops_its_sync_child_execution(sfn, created):
    child = created.machine(LONG_WAIT)
    parent = created.machine({"StartAt": "Run", "States": {"Run": {
        "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": child, "Input": {}}, "End": True}}})
    execution = sfn.start_execution(stateMachineArn=parent, input="{}")["executionArn"]
    deadline = time.time() + 10
    children = []
    while not children and time.time() < deadline:
        children = sfn.list_executions(stateMachineArn=child)["executions"]
        time.sleep(0.02)
    assert children and children[0]["status"] == "RUNNING"
    sfn.stop_execution(executionArn=execution)
    # Like AWS for a .sync job: a best-effort stop of the child.
    assert run_to_end(sfn, children[0]["executionArn"], timeout=10)["status"] == "ABORTED"


def test_list_map_runs_pages_newest_first(sfn, created):
    needs(sfn, "list_map_runs")
    first = distributed_pass_machine("First", "P1")["States"]["Each"]
    second = distributed_pass_machine("Second", "P2")["States"]["Each"]
    first = dict(first, Next="Again", ResultPath=None)
    first.pop("End")
    arn = created.machine({"StartAt": "Each", "States": {"Each": first, "Again": second}})
    execution = sfn.start_execution(stateMachineArn=arn, input="[1]")["executionArn"]
    assert run_to_end(sfn, execution)["status"] == "SUCCEEDED"
    page = sfn.list_map_runs(executionArn=execution, maxResults=1)
    assert [r["stateMachineArn"] for r in page["mapRuns"]] == [f"{arn}/Second"]
    rest = sfn.list_map_runs(executionArn=execution, maxResults=1, nextToken=page["nextToken"])
    assert [r["stateMachineArn"] for r in rest["mapRuns"]] == [f"{arn}/First"]
    assert "nextToken" not in rest
