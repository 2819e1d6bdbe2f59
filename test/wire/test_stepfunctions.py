"""Step Functions through boto3 (and the AWS CLI): state machines, versions,
aliases, tags, executions of Pass/Choice/Wait/Map/Parallel machines including
the batch ETL graph, history, errors, StartSyncExecution, .waitForTaskToken
through SQS, redrive, TestState.

Written to AWS's documented (and recorded, ../shared/conformance/asl
snapshots) behaviour. Operations newer than the interpreter's botocore
(versions, aliases, ValidateStateMachineDefinition, TestState, Redrive) skip
on old SDKs. Tests that need stratus-only switches (time scale, mocks) are
marked stratus_only.
"""
import json
import os
import sys
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sfn_calls import error_code, error_message, history, needs, run_to_end  # noqa: E402
from stratus_process import StratusProcess  # noqa: E402

REGION = "us-east-1"
ROLE = "arn:aws:iam::000000000000:role/stratus-sfn-test"


# ----------------------------------------------------------------------------- the seed's ETL graph

# The batch ETL state machine of the seed article (its CloudFormation
# DefinitionString with the !Sub values filled in) and its Step Functions
# Local-style mock configuration, as examples/batch-etl ships them.
EXAMPLE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                           "batch-etl")
with open(os.path.join(EXAMPLE_DIR, "state-machine.asl.json")) as f:
    SEED_ETL_TASKS = json.load(f)
with open(os.path.join(EXAMPLE_DIR, "mocks.json")) as f:
    EXAMPLE_MOCKS = json.load(f)
EXAMPLE_MACHINE = next(iter(EXAMPLE_MOCKS["StateMachines"]))

PASS_RESULTS = {
    "HelloWorld": "Hello World!",
    "Extract from MySQL": {"statusCode": 200, "body": {
        "lambdaResult": "Successfully populated the database and created an export job."}},
    "Get Show tables query results": {"ResultSet": {"Rows": [
        {"Data": [{"VarCharValue": "users"}]},
        {"Data": [{"VarCharValue": "user_transactions"}]},
        {"Data": [{"VarCharValue": "transactions"}]}]}},
    "Insert New parquet Data": "merged",
}
ATHENA_DONE = {"QueryExecution": {"QueryExecutionId": "q-1", "Status": {"State": "SUCCEEDED"}}}


def seed_etl_with_pass_states():
    """The seed's graph with every Task replaced by a Pass state returning
    what the Lambda/Athena call would (Lambda and Athena do not exist yet)."""
    definition = json.loads(json.dumps(SEED_ETL_TASKS))

    def substitute(states):
        for name, state in states.items():
            if state["Type"] == "Task":
                replacement = {"Type": "Pass", "Result": PASS_RESULTS.get(name, ATHENA_DONE)}
                for field in ("Next", "End"):
                    if field in state:
                        replacement[field] = state[field]
                states[name] = replacement
            for nested in ("Iterator", "ItemProcessor"):
                if nested in state:
                    substitute(state[nested]["States"])

    substitute(definition["States"])
    return definition


# ----------------------------------------------------------------------------- fixtures


def _client(service, endpoint, target, **config):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5, **config)
    if target == "aws":
        return boto3.client(service, config=cfg)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="x", aws_secret_access_key="x")


@pytest.fixture(scope="session")
def sfn(endpoint, target):
    """A boto3 Step Functions client (no retries). Against a local endpoint the
    "sync-" host prefix of StartSyncExecution cannot resolve ("sync-127.0.0.1"),
    so it is not injected (as with AWS_DISABLE_HOST_PREFIX_INJECTION=true);
    test_start_sync_execution_with_sync_host_header covers the prefixed host."""
    if target == "aws":
        return _client("stepfunctions", endpoint, target)
    return _client("stepfunctions", endpoint, target, inject_host_prefix=False)


@pytest.fixture(scope="session")
def sfn_sqs(endpoint, target):
    return _client("sqs", endpoint, target)


def unique(hint):
    return f"w-{hint}-{uuid.uuid4().hex[:10]}"


class Machines:
    """Creates state machines for one test and deletes them afterwards."""

    def __init__(self, client, role):
        self.client = client
        self.role = role
        self.arns = []

    def __call__(self, definition, name=None, type="STANDARD", **kwargs):
        text = definition if isinstance(definition, str) else json.dumps(definition)
        arn = self.client.create_state_machine(name=name or unique("sm"), definition=text,
                                               roleArn=self.role, type=type,
                                               **kwargs)["stateMachineArn"]
        self.arns.append(arn)
        return arn

    def cleanup(self):
        for arn in self.arns:
            try:
                self.client.delete_state_machine(stateMachineArn=arn)
            except ClientError:
                pass


@pytest.fixture
def machines(sfn, target):
    role = os.environ.get("STRATUS_SFN_ROLE_ARN", ROLE) if target == "aws" else ROLE
    factory = Machines(sfn, role)
    yield factory
    factory.cleanup()


def start_and_wait(sfn, machine_arn, payload=None, name=None, timeout=30.0):
    kwargs = {"stateMachineArn": machine_arn, "input": json.dumps(payload or {})}
    if name:
        kwargs["name"] = name
    arn = sfn.start_execution(**kwargs)["executionArn"]
    return run_to_end(sfn, arn, timeout)


def modeled(client, shape, member):
    """True when this SDK's model has `member` (older ones drop newer fields)."""
    return member in client.meta.service_model.shape_for(shape).members


def pass_chain(n):
    states = {}
    for i in range(n):
        state = {"Type": "Pass", "Result": {"step": i}, "ResultPath": f"$.s{i}"}
        state.update({"End": True} if i == n - 1 else {"Next": f"P{i + 1}"})
        states[f"P{i}"] = state
    return {"StartAt": "P0", "States": states}


HELLO = {"Comment": "BASE_PASS_RESULT", "StartAt": "State_1",
         "States": {"State_1": {"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": True}}}


# ----------------------------------------------------------------------------- state machines


def test_create_describe_update_delete_state_machine(sfn, machines):
    name = unique("crud")
    arn = machines(HELLO, name=name)
    assert arn.endswith(f":stateMachine:{name}")
    d = sfn.describe_state_machine(stateMachineArn=arn)
    assert d["name"] == name and d["status"] == "ACTIVE" and d["type"] == "STANDARD"
    assert json.loads(d["definition"]) == HELLO
    assert d["roleArn"] == machines.role
    assert d["loggingConfiguration"] == {"level": "OFF", "includeExecutionData": False}
    assert d["tracingConfiguration"] == {"enabled": False}
    assert "revisionId" not in d

    changed = dict(HELLO, States={"State_1": {"Type": "Pass", "Result": {"Arg1": "after"},
                                              "End": True}})
    updated = sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(changed))
    assert "updateDate" in updated
    d = sfn.describe_state_machine(stateMachineArn=arn)
    assert json.loads(d["definition"]) == changed
    if "revisionId" in updated:
        assert d["revisionId"] == updated["revisionId"]

    sfn.delete_state_machine(stateMachineArn=arn)
    with pytest.raises(ClientError) as e:
        sfn.describe_state_machine(stateMachineArn=arn)
    assert error_code(e) == "StateMachineDoesNotExist"


def test_update_with_nothing_to_change_is_missing_required_parameter(sfn, machines):
    arn = machines(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.update_state_machine(stateMachineArn=arn)
    assert error_code(e) == "MissingRequiredParameter"


def test_create_same_definition_twice_returns_same_machine(sfn, machines):
    name = unique("dup")
    arn = machines(HELLO, name=name)
    again = sfn.create_state_machine(name=name, definition=json.dumps(HELLO), roleArn=machines.role)
    assert again["stateMachineArn"] == arn


def test_create_same_name_other_definition_is_state_machine_already_exists(sfn, machines):
    name = unique("dup")
    arn = machines(HELLO, name=name)
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=name, definition=json.dumps(pass_chain(2)),
                                 roleArn=machines.role)
    assert error_code(e) == "StateMachineAlreadyExists"
    assert error_message(e) == f"State Machine Already Exists: '{arn}'"


def test_invalid_definition_is_rejected_with_aws_message(sfn, machines):
    with pytest.raises(ClientError) as e:
        machines({"StartAt": "A"})
    assert error_code(e) == "InvalidDefinition"
    assert error_message(e) == ("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                                "These fields are required: [States] at /'")


def test_definition_that_is_not_json_is_invalid_definition(sfn, machines):
    with pytest.raises(ClientError) as e:
        machines("{not json")
    assert error_code(e) == "InvalidDefinition"


def test_missing_transition_target_is_invalid_definition(sfn, machines):
    with pytest.raises(ClientError) as e:
        machines({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}})
    assert error_code(e) == "InvalidDefinition"
    assert "MISSING_TRANSITION_TARGET" in error_message(e)


@pytest.mark.parametrize("name", ["has space", "a/b", "q?"])
def test_invalid_state_machine_name_is_invalid_name(sfn, machines, name):
    with pytest.raises(ClientError) as e:
        machines(HELLO, name=name)
    assert error_code(e) == "InvalidName"


def test_state_machine_name_over_80_characters_is_a_model_constraint_validation_error(sfn, machines):
    # AWS checks the model's length constraint before the name's characters.
    name = "x" * 81
    with pytest.raises(ClientError) as e:
        machines(HELLO, name=name)
    assert error_code(e) == "ValidationException"
    assert error_message(e) == (f"1 validation error detected: Value '{name}' at 'name' failed to "
                                "satisfy constraint: Member must have length less than or equal to 80")


@pytest.mark.parametrize("role", ["not-an-arn", "<execution-role-arn>",
                                  "arn:aws:iam::123:role/short-account",
                                  "arn:aws:iam::aws:policy/AWSBatchFullAccess",
                                  "arn:aws:iam::000000000000:user/not-a-role"])
def test_invalid_role_arn_is_invalid_arn(sfn, machines, role):
    # AWS: "An error occurred (InvalidArn) when calling the CreateStateMachine
    # operation: Invalid Role Arn: '<execution-role-arn>'" (a CI run against AWS,
    # aws/amazon-sagemaker-examples#2432); Step Functions Local answers the same for
    # arn:aws:iam::aws:policy/... (localstack#2027). UpdateStateMachine checks alike.
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=unique("role"), definition=json.dumps(HELLO), roleArn=role)
    assert error_code(e) == "InvalidArn"
    assert error_message(e) == f"Invalid Role Arn: '{role}'"
    arn = machines(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.update_state_machine(stateMachineArn=arn, roleArn=role)
    assert error_code(e) == "InvalidArn"
    assert error_message(e) == f"Invalid Role Arn: '{role}'"


def test_describe_with_invalid_arn_is_invalid_arn(sfn):
    with pytest.raises(ClientError) as e:
        sfn.describe_state_machine(stateMachineArn="not_a_valid_arn")
    assert error_code(e) == "InvalidArn"
    assert error_message(e) == "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"


def test_delete_unknown_state_machine_succeeds(sfn, account_arn_prefix):
    sfn.delete_state_machine(stateMachineArn=account_arn_prefix + "stateMachine:" + unique("gone"))


@pytest.fixture(scope="session")
def account_arn_prefix(sfn):
    arn = sfn.create_state_machine(name=unique("acct"), definition=json.dumps(HELLO),
                                   roleArn=ROLE)["stateMachineArn"]
    sfn.delete_state_machine(stateMachineArn=arn)
    return arn[: arn.index("stateMachine:")]


def test_list_state_machines_pages_by_name(sfn, machines):
    prefix = unique("list")
    names = [f"{prefix}-{i:02d}" for i in range(7)]
    for name in names:
        machines(HELLO, name=name)
    seen, token = [], None
    while True:
        extra = {"nextToken": token} if token else {}
        page = sfn.list_state_machines(maxResults=3, **extra)
        seen += [m["name"] for m in page["stateMachines"]]
        assert len(page["stateMachines"]) <= 3
        token = page.get("nextToken")
        if not token:
            break
    mine = [n for n in seen if n.startswith(prefix)]
    assert mine == names
    item = next(m for m in sfn.list_state_machines()["stateMachines"] if m["name"] == names[0])
    assert set(item) == {"stateMachineArn", "name", "type", "creationDate"}


def test_list_state_machines_orders_by_name_not_by_creation(sfn, machines):
    # AWS (recorded by LocalStack: test_sfn_api::test_list_sms_pagination): machines
    # created as statemachine_0 ... statemachine_12 list as 0, 10, 11, 12, 1, 2, ...
    prefix = unique("order")
    names = [f"{prefix}_{i}" for i in range(12)]
    for name in names:
        machines(HELLO, name=name)
    listed, token = [], None
    while True:
        extra = {"nextToken": token} if token else {}
        page = sfn.list_state_machines(maxResults=5, **extra)
        listed += [m["name"] for m in page["stateMachines"] if m["name"].startswith(prefix)]
        token = page.get("nextToken")
        if not token:
            break
    assert listed == sorted(names)
    assert listed[:4] == [f"{prefix}_0", f"{prefix}_1", f"{prefix}_10", f"{prefix}_11"]


def test_list_state_machines_max_results_above_1000_is_validation_error(sfn):
    with pytest.raises(ClientError) as e:
        sfn.list_state_machines(maxResults=1001)
    assert error_code(e) == "ValidationException"
    assert error_message(e) == ("1 validation error detected: Value '1001' at 'maxResults' failed "
                                "to satisfy constraint: Member must have value less than or equal "
                                "to 1000")


def test_tags_can_be_added_listed_and_removed(sfn, machines):
    arn = machines(HELLO, tags=[{"key": "team", "value": "data"}])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "team",
                                                                     "value": "data"}]
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "dev"}])
    tags = {t["key"]: t["value"] for t in sfn.list_tags_for_resource(resourceArn=arn)["tags"]}
    assert tags == {"team": "data", "env": "dev"}
    sfn.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "env", "value": "dev"}]


def test_tagging_unknown_resource_is_resource_not_found(sfn, account_arn_prefix):
    with pytest.raises(ClientError) as e:
        sfn.tag_resource(resourceArn=account_arn_prefix + "stateMachine:" + unique("none"),
                         tags=[{"key": "a", "value": "b"}])
    assert error_code(e) == "ResourceNotFound"


def test_validate_state_machine_definition_reports_diagnostics(sfn):
    needs(sfn, "validate_state_machine_definition")
    ok = sfn.validate_state_machine_definition(definition=json.dumps(HELLO))
    assert ok["result"] == "OK" and ok["diagnostics"] == []
    bad = sfn.validate_state_machine_definition(
        definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}))
    assert bad["result"] == "FAIL"
    assert any(d["code"] == "MISSING_TRANSITION_TARGET" and d["severity"] == "ERROR"
               for d in bad["diagnostics"]), bad


# ----------------------------------------------------------------------------- definition validation (ASL layer)
# Definitions AWS rejects at CreateStateMachine / ValidateStateMachineDefinition
# time. Kept apart from the API tests above; see src/states/asl.

EMPTY_STATES = {
    "top level": {"StartAt": "X", "States": {}},
    "parallel branch": {"StartAt": "P", "States": {"P": {
        "Type": "Parallel", "End": True, "Branches": [{"StartAt": "B", "States": {}}]}}},
    "map item processor": {"StartAt": "M", "States": {"M": {
        "Type": "Map", "End": True, "ItemProcessor": {"StartAt": "I", "States": {}}}}},
    "map iterator": {"StartAt": "M", "States": {"M": {
        "Type": "Map", "End": True, "Iterator": {"StartAt": "I", "States": {}}}}},
}
EMPTY_STATES_LOCATION = {"top level": "/StartAt",
                         "parallel branch": "/States/P/Branches/0/StartAt",
                         "map item processor": "/States/M/ItemProcessor/StartAt",
                         "map iterator": "/States/M/Iterator/StartAt"}


@pytest.mark.parametrize("where", list(EMPTY_STATES))
def test_empty_states_is_invalid_definition(sfn, machines, where):
    # Used to pass validation and crash the server on StartExecution.
    with pytest.raises(ClientError) as e:
        machines(EMPTY_STATES[where])
    assert error_code(e) == "InvalidDefinition"
    assert "MISSING_TRANSITION_TARGET: Missing 'Next' target: " in error_message(e)
    assert error_message(e).endswith(f" at {EMPTY_STATES_LOCATION[where]}'")


@pytest.mark.parametrize("where", list(EMPTY_STATES))
def test_validate_reports_empty_states(sfn, where):
    needs(sfn, "validate_state_machine_definition")
    result = sfn.validate_state_machine_definition(definition=json.dumps(EMPTY_STATES[where]))
    assert result["result"] == "FAIL"
    assert [(d["severity"], d["code"], d.get("location")) for d in result["diagnostics"]] == [
        ("ERROR", "MISSING_TRANSITION_TARGET", EMPTY_STATES_LOCATION[where])]


def test_start_at_naming_no_state_uses_the_next_wording(sfn, machines):
    # AWS: "MISSING_TRANSITION_TARGET: Missing 'Next' target: Not sure at /StartAt,
    # MISSING_TRANSITION_TARGET: State "Pass One" is not reachable. at /States/Pass One".
    with pytest.raises(ClientError) as e:
        machines({"StartAt": "Not sure", "States": {
            "Pass One": {"Type": "Pass", "Next": "Success"}, "Success": {"Type": "Succeed"}}})
    assert error_code(e) == "InvalidDefinition"
    assert error_message(e) == (
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: "
        "Not sure at /StartAt, MISSING_TRANSITION_TARGET: State \"Pass One\" is not reachable. "
        "at /States/Pass One'")


@pytest.mark.parametrize("resource", [
    "arn:aws:states:::dynamodb:query",  # Recorded on AWS.
    "arn:aws:states:::dynamodb:scan",
    "arn:aws:states:::nosvc:doIt",
    "arn:aws:states:::sqs:sendMessage.sync",
])
def test_unrecognized_task_resource_is_invalid_definition(sfn, machines, resource):
    with pytest.raises(ClientError) as e:
        machines({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": resource,
                                                   "End": True}}})
    assert error_code(e) == "InvalidDefinition"
    assert error_message(e) == (
        f"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided "
        f"{resource} is not recognized. The value is not a valid resource ARN, or the resource is "
        f"not available in this region. at /States/T/Resource'")


def test_task_resource_that_is_not_an_arn_is_invalid_definition(sfn, machines):
    with pytest.raises(ClientError) as e:
        machines({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "not-an-arn",
                                                   "End": True}}})
    assert error_code(e) == "InvalidDefinition"
    assert error_message(e) == ("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                                "Value is not a valid resource ARN at /States/T/Resource'")


@pytest.mark.parametrize("field,value,maximum", [
    ("Seconds", 10000000000000000, 99999999),  # Recorded on AWS.
    ("Seconds", 100000000, 99999999),
])
def test_wait_seconds_above_the_maximum_is_invalid_definition(sfn, machines, field, value,
                                                              maximum):
    with pytest.raises(ClientError) as e:
        machines({"StartAt": "Wait", "States": {
            "Wait": {"Type": "Wait", field: value, "Next": "Success"},
            "Success": {"Type": "Succeed"}}})
    assert error_code(e) == "InvalidDefinition"
    assert error_message(e) == ("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: "
                                f"Maximum value is {maximum} at /States/Wait/{field}'")


def test_variable_names_may_use_unicode_letters(sfn, machines):
    # AWS: variable names follow Unicode ID_Start/ID_Continue.
    arn = machines({"StartAt": "Set", "States": {
        "Set": {"Type": "Pass", "Assign": {"café": 3}, "Next": "Use"},
        "Use": {"Type": "Pass", "Parameters": {"v.$": "$café"}, "End": True}}})
    d = start_and_wait(sfn, arn)
    assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == {"v": 3}


def test_versions_publish_list_describe_and_delete(sfn, machines):
    needs(sfn, "publish_state_machine_version")
    arn = machines(HELLO, publish=True, versionDescription="first")
    versions = sfn.list_state_machine_versions(stateMachineArn=arn)["stateMachineVersions"]
    assert [v["stateMachineVersionArn"] for v in versions] == [arn + ":1"]
    d = sfn.describe_state_machine(stateMachineArn=arn + ":1")
    assert d["stateMachineArn"] == arn + ":1" and d.get("description") == "first"
    # Publishing an unchanged revision returns the latest version.
    again = sfn.publish_state_machine_version(stateMachineArn=arn)
    assert again["stateMachineVersionArn"] == arn + ":1"
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(pass_chain(2)),
                             publish=True)
    versions = sfn.list_state_machine_versions(stateMachineArn=arn)["stateMachineVersions"]
    assert [v["stateMachineVersionArn"] for v in versions] == [arn + ":2", arn + ":1"]
    out = start_and_wait(sfn, arn + ":1")
    assert out["status"] == "SUCCEEDED" and out["stateMachineVersionArn"] == arn + ":1"
    assert json.loads(out["output"]) == {"Arg1": "argument1"}
    sfn.delete_state_machine_version(stateMachineVersionArn=arn + ":1")
    versions = sfn.list_state_machine_versions(stateMachineArn=arn)["stateMachineVersions"]
    assert [v["stateMachineVersionArn"] for v in versions] == [arn + ":2"]


def test_aliases_route_executions_and_protect_versions(sfn, machines):
    needs(sfn, "create_state_machine_alias")
    arn = machines(HELLO, publish=True)
    alias = sfn.create_state_machine_alias(
        name="live", routingConfiguration=[{"stateMachineVersionArn": arn + ":1", "weight": 100}])
    alias_arn = alias["stateMachineAliasArn"]
    assert alias_arn == arn + ":live"
    d = sfn.describe_state_machine_alias(stateMachineAliasArn=alias_arn)
    assert d["name"] == "live"
    assert d["routingConfiguration"] == [{"stateMachineVersionArn": arn + ":1", "weight": 100}]
    listed = sfn.list_state_machine_aliases(stateMachineArn=arn)["stateMachineAliases"]
    assert [a["stateMachineAliasArn"] for a in listed] == [alias_arn]
    out = start_and_wait(sfn, alias_arn)
    assert out["status"] == "SUCCEEDED"
    assert out["stateMachineAliasArn"] == alias_arn
    assert out["stateMachineVersionArn"] == arn + ":1"
    with pytest.raises(ClientError) as e:
        sfn.delete_state_machine_version(stateMachineVersionArn=arn + ":1")
    assert error_code(e) == "ConflictException"
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine_alias(
            name="bad", routingConfiguration=[{"stateMachineVersionArn": arn, "weight": 100}])
    assert error_code(e) == "ValidationException"
    assert "must contain state machine version ARNs" in error_message(e)
    sfn.delete_state_machine_alias(stateMachineAliasArn=alias_arn)
    assert sfn.list_state_machine_aliases(stateMachineArn=arn)["stateMachineAliases"] == []


def test_alias_routing_to_two_state_machines_is_validation_error(sfn, machines):
    # AWS: "If you specify the ARN of a second version, it must belong to the same
    # state machine as the first version" (RoutingConfigurationListItem, botocore model).
    needs(sfn, "create_state_machine_alias")
    first = machines(HELLO, publish=True)
    second = machines(HELLO, publish=True)
    routing = [{"stateMachineVersionArn": first + ":1", "weight": 50},
               {"stateMachineVersionArn": second + ":1", "weight": 50}]
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine_alias(name="split", routingConfiguration=routing)
    assert error_code(e) == "ValidationException"
    alias = sfn.create_state_machine_alias(
        name="live", routingConfiguration=[{"stateMachineVersionArn": first + ":1",
                                            "weight": 100}])["stateMachineAliasArn"]
    with pytest.raises(ClientError) as e:
        sfn.update_state_machine_alias(stateMachineAliasArn=alias, routingConfiguration=routing)
    assert error_code(e) == "ValidationException"
    sfn.delete_state_machine_alias(stateMachineAliasArn=alias)


# ----------------------------------------------------------------------------- executions


def test_pass_execution_history_is_shaped_as_aws(sfn, machines):
    arn = machines(HELLO)
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")
    d = run_to_end(sfn, execution["executionArn"])
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"]) == {"Arg1": "argument1"}
    assert d["inputDetails"] == {"included": True} and d["outputDetails"] == {"included": True}
    if modeled(sfn, "DescribeExecutionOutput", "redriveStatus"):
        assert d["redriveStatus"] == "NOT_REDRIVABLE"
    events = history(sfn, execution["executionArn"])
    assert [(e["id"], e["previousEventId"], e["type"]) for e in events] == [
        (1, 0, "ExecutionStarted"), (2, 0, "PassStateEntered"), (3, 2, "PassStateExited"),
        (4, 3, "ExecutionSucceeded")]
    assert events[0]["executionStartedEventDetails"] == {
        "input": "{}", "inputDetails": {"truncated": False}, "roleArn": machines.role}
    assert events[1]["stateEnteredEventDetails"] == {
        "name": "State_1", "input": "{}", "inputDetails": {"truncated": False}}
    assert json.loads(events[3]["executionSucceededEventDetails"]["output"]) == {
        "Arg1": "argument1"}


def test_history_reverse_order_and_paging(sfn, machines):
    arn = machines(pass_chain(5))
    d = start_and_wait(sfn, arn)
    forward = history(sfn, d["executionArn"], maxResults=3)
    assert [e["id"] for e in forward] == list(range(1, len(forward) + 1))
    backward = history(sfn, d["executionArn"], reverseOrder=True, maxResults=4)
    assert [e["id"] for e in backward] == list(range(len(forward), 0, -1))
    lean = sfn.get_execution_history(executionArn=d["executionArn"],
                                     includeExecutionData=False)["events"]
    assert "input" not in lean[0]["executionStartedEventDetails"]


def test_choice_routes_by_input(sfn, machines):
    definition = {
        "StartAt": "Route",
        "States": {
            "Route": {"Type": "Choice", "Choices": [
                {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
                {"And": [{"Variable": "$.s", "IsPresent": True},
                         {"Variable": "$.s", "StringMatches": "*users"}], "Next": "Users"}],
                "Default": "Small"},
            "Big": {"Type": "Pass", "Result": "big", "End": True},
            "Users": {"Type": "Pass", "Result": "users", "End": True},
            "Small": {"Type": "Pass", "Result": "small", "End": True},
        },
    }
    arn = machines(definition)
    assert json.loads(start_and_wait(sfn, arn, {"n": 11})["output"]) == "big"
    assert json.loads(start_and_wait(sfn, arn, {"n": 1, "s": "my_users"})["output"]) == "users"
    assert json.loads(start_and_wait(sfn, arn, {"n": 1})["output"]) == "small"


def test_choice_without_match_fails_no_choice_matched(sfn, machines):
    arn = machines({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
        {"Variable": "$.x", "BooleanEquals": True, "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}})
    d = start_and_wait(sfn, arn, {"x": False})
    assert d["status"] == "FAILED" and d["error"] == "States.NoChoiceMatched"


def test_wait_state_waits_and_records_wait_events(sfn, machines):
    arn = machines({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": True}}})
    started = time.time()
    d = start_and_wait(sfn, arn, {"k": 1})
    assert d["status"] == "SUCCEEDED" and json.loads(d["output"]) == {"k": 1}
    assert time.time() - started >= 0.9
    types = [e["type"] for e in history(sfn, d["executionArn"])]
    assert types == ["ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                     "ExecutionSucceeded"]


@pytest.mark.stratus_only
def test_time_scale_name_suffix_shortens_waits_but_history_keeps_nominal_times(sfn, machines):
    arn = machines({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600,
                                                     "End": True}}})
    started = time.time()
    d = start_and_wait(sfn, arn, name=unique("scaled") + "@ts=0.0002", timeout=20)
    assert d["status"] == "SUCCEEDED"
    assert time.time() - started < 10
    events = history(sfn, d["executionArn"])
    entered = next(e for e in events if e["type"] == "WaitStateEntered")["timestamp"]
    exited = next(e for e in events if e["type"] == "WaitStateExited")["timestamp"]
    assert 3599 <= (exited - entered).total_seconds() <= 3601


@pytest.mark.stratus_only
def test_time_scale_tag_applies_to_every_execution_of_a_machine(sfn, machines):
    arn = machines({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600,
                                                     "End": True}}},
                   tags=[{"key": "stratus:time-scale", "value": "0.001"}])
    started = time.time()
    assert start_and_wait(sfn, arn, timeout=20)["status"] == "SUCCEEDED"
    assert time.time() - started < 5


def test_map_over_items_collects_results_in_order(sfn, machines):
    definition = {
        "StartAt": "Fan",
        "States": {"Fan": {
            "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 3,
            "ItemSelector": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
            "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Sq", "States": {
                "Sq": {"Type": "Pass", "Parameters": {"sq.$": "States.MathAdd($.v, $.v)",
                                                      "i.$": "$.i"}, "End": True}}},
            "End": True}},
    }
    arn = machines(definition)
    d = start_and_wait(sfn, arn, {"items": [1, 2, 3, 4, 5]})
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"]) == [{"sq": 2 * v, "i": i} for i, v in enumerate([1, 2, 3, 4, 5])]
    types = [e["type"] for e in history(sfn, d["executionArn"])]
    assert types.count("MapIterationStarted") == 5 and types.count("MapIterationSucceeded") == 5
    assert "MapStateStarted" in types and "MapStateSucceeded" in types


def test_parallel_branches_run_and_join(sfn, machines):
    definition = {
        "StartAt": "Par",
        "States": {"Par": {"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": True}}},
            {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "Next": "B2"},
                                        "B2": {"Type": "Pass", "Result": "b", "End": True}}}],
            "ResultPath": "$.par", "End": True}},
    }
    arn = machines(definition)
    d = start_and_wait(sfn, arn, {"x": 1})
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"]) == {"x": 1, "par": ["a", "b"]}


def test_retry_and_catch_on_fail_inside_parallel(sfn, machines):
    definition = {
        "StartAt": "Guard",
        "States": {
            "Guard": {"Type": "Parallel", "Branches": [
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Err",
                                                        "Cause": "test"}}}],
                "Retry": [{"ErrorEquals": ["Custom.Err"], "MaxAttempts": 1,
                           "IntervalSeconds": 1, "BackoffRate": 1.0}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught",
                           "Next": "Handled"}],
                "End": True},
            "Handled": {"Type": "Pass", "End": True},
        },
    }
    arn = machines(definition)
    d = start_and_wait(sfn, arn, {})
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"])["caught"]["Error"] == "Custom.Err"
    types = [e["type"] for e in history(sfn, d["executionArn"])]
    assert types.count("ParallelStateStarted") == 2  # the first try and one retry


def test_fail_state_fails_execution_with_error_and_cause(sfn, machines):
    arn = machines({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Bad.Thing",
                                                     "Cause": "because"}}})
    d = start_and_wait(sfn, arn)
    assert d["status"] == "FAILED" and d["error"] == "Bad.Thing" and d["cause"] == "because"
    if modeled(sfn, "DescribeExecutionOutput", "redriveStatus"):
        assert d["redriveStatus"] == "REDRIVABLE"
    assert history(sfn, d["executionArn"])[-1]["type"] == "ExecutionFailed"


def test_batch_etl_graph_with_pass_substitutes_runs_the_map_branch(sfn, machines):
    """The seed's ETL graph (Task states replaced by Pass states returning
    Athena-shaped results): SHOW TABLES finds tables, the Choice goes to the
    Map that MERGEs per table."""
    arn = machines(seed_etl_with_pass_states())
    d = start_and_wait(sfn, arn, {})
    assert d["status"] == "SUCCEEDED", d
    output = json.loads(d["output"])
    assert output == ["NA", "merged", "NA"]
    events = history(sfn, d["executionArn"])
    entered = [e["stateEnteredEventDetails"]["name"] for e in events
               if e["type"].endswith("StateEntered")]
    assert entered[:6] == ["HelloWorld", "Extract from MySQL", "Create Athena DB", "Show tables",
                           "Get Show tables query results", "Decide what next"]
    assert "Check All Tables" in entered and "Insert New parquet Data" in entered
    assert "Create users table (external)" not in entered


def test_batch_etl_graph_without_tables_creates_them(sfn, machines):
    definition = seed_etl_with_pass_states()
    # SHOW TABLES returns no rows: the Choice takes the create-tables branch.
    definition["States"]["Get Show tables query results"]["Result"] = {"ResultSet": {"Rows": []}}
    arn = machines(definition)
    d = start_and_wait(sfn, arn, {})
    assert d["status"] == "SUCCEEDED", d
    entered = [e["stateEnteredEventDetails"]["name"] for e in history(sfn, d["executionArn"])
               if e["type"].endswith("StateEntered")]
    assert entered[-3:] == ["Create users table (external)", "Create transactions table (external)",
                            "Create report table (parquet)"]


def test_start_execution_is_idempotent_for_same_name_and_input_while_running(sfn, machines):
    arn = machines({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30,
                                                     "End": True}}})
    name = unique("idem")
    first = sfn.start_execution(stateMachineArn=arn, name=name, input='{"a": 1}')
    again = sfn.start_execution(stateMachineArn=arn, name=name, input='{"a": 1}')
    assert again["executionArn"] == first["executionArn"]
    assert again["startDate"] == first["startDate"]
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name=name, input='{"a": 2}')
    assert error_code(e) == "ExecutionAlreadyExists"
    assert error_message(e) == f"Execution Already Exists: '{first['executionArn']}'"
    sfn.stop_execution(executionArn=first["executionArn"])


def test_finished_execution_name_cannot_be_reused(sfn, machines):
    arn = machines(HELLO)
    name = unique("reuse")
    start_and_wait(sfn, arn, name=name)
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name=name, input="{}")
    assert error_code(e) == "ExecutionAlreadyExists"


@pytest.mark.parametrize("bad_input", ["not json", "{'a': 1}", ""])
def test_invalid_execution_input_is_rejected(sfn, machines, bad_input):
    arn = machines(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, input=bad_input)
    assert error_code(e) == "InvalidExecutionInput"
    assert error_message(e).startswith("Invalid State Machine Execution Input: '")


def test_start_execution_of_unknown_machine_is_state_machine_does_not_exist(
        sfn, account_arn_prefix):
    arn = account_arn_prefix + "stateMachine:" + unique("missing")
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, input="{}")
    assert error_code(e) == "StateMachineDoesNotExist"
    assert error_message(e) == f"State Machine Does Not Exist: '{arn}'"


def test_invalid_execution_name_is_invalid_name(sfn, machines):
    arn = machines(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.start_execution(stateMachineArn=arn, name="bad name", input="{}")
    assert error_code(e) == "InvalidName"


def test_stop_execution_aborts_a_waiting_execution(sfn, machines):
    arn = machines({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600,
                                                     "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")
    time.sleep(0.1)
    stopped = sfn.stop_execution(executionArn=execution["executionArn"], error="Op.Stop",
                                 cause="enough")
    assert "stopDate" in stopped
    d = run_to_end(sfn, execution["executionArn"])
    assert d["status"] == "ABORTED"
    types = [e["type"] for e in history(sfn, execution["executionArn"])]
    assert types[-1] == "ExecutionAborted"


def test_describe_execution_errors(sfn, account_arn_prefix):
    with pytest.raises(ClientError) as e:
        sfn.describe_execution(executionArn="invalid_state_machine_arn")
    assert error_code(e) == "InvalidArn"
    assert error_message(e) == "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'"
    arn = account_arn_prefix + "execution:" + unique("m") + ":" + unique("e")
    with pytest.raises(ClientError) as e:
        sfn.describe_execution(executionArn=arn)
    assert error_code(e) == "ExecutionDoesNotExist"
    assert error_message(e) == f"Execution Does Not Exist: '{arn}'"
    with pytest.raises(ClientError) as e:
        sfn.get_execution_history(executionArn=arn)
    assert error_code(e) == "ExecutionDoesNotExist"


def test_list_executions_filters_by_status_and_pages(sfn, machines):
    arn = machines(HELLO)
    names = [unique(f"l{i}") for i in range(5)]
    for name in names:
        start_and_wait(sfn, arn, name=name)
    assert sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"] == []
    seen, token = [], None
    while True:
        extra = {"nextToken": token} if token else {}
        page = sfn.list_executions(stateMachineArn=arn, statusFilter="SUCCEEDED", maxResults=2,
                                   **extra)
        seen += [x["name"] for x in page["executions"]]
        token = page.get("nextToken")
        if not token:
            break
    assert seen == list(reversed(names))  # newest first
    item = sfn.list_executions(stateMachineArn=arn)["executions"][0]
    assert item["status"] == "SUCCEEDED" and "stopDate" in item
    if modeled(sfn, "ExecutionListItem", "redriveCount"):
        assert item["redriveCount"] == 0


def test_list_executions_bad_status_filter_is_validation_error(sfn, machines):
    arn = machines(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.list_executions(stateMachineArn=arn, statusFilter="succeeded")
    assert error_code(e) == "ValidationException"


def test_describe_state_machine_for_execution_returns_the_definition_it_ran(sfn, machines):
    arn = machines(HELLO)
    d = start_and_wait(sfn, arn)
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(pass_chain(3)))
    described = sfn.describe_state_machine_for_execution(executionArn=d["executionArn"])
    assert described["stateMachineArn"] == arn
    assert json.loads(described["definition"]) == HELLO
    assert described["roleArn"] == machines.role and "updateDate" in described


# ----------------------------------------------------------------------------- EXPRESS


def test_start_sync_execution_returns_output(sfn, machines):
    arn = machines(pass_chain(5), type="EXPRESS")
    out = sfn.start_sync_execution(stateMachineArn=arn, input=json.dumps({"a": 1}))
    assert out["status"] == "SUCCEEDED"
    assert json.loads(out["output"])["s4"] == {"step": 4}
    assert out["executionArn"].split(":")[5] == "express"
    assert out["inputDetails"] == {"included": True}
    assert out["billingDetails"]["billedDurationInMilliseconds"] >= 100


def test_start_sync_execution_reports_failure(sfn, machines):
    arn = machines({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}},
                   type="EXPRESS")
    out = sfn.start_sync_execution(stateMachineArn=arn, input="{}")
    assert out["status"] == "FAILED" and out["error"] == "E" and out["cause"] == "C"


def test_start_sync_execution_with_wait(sfn, machines):
    arn = machines({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
                                               "P": {"Type": "Pass", "End": True}}}, type="EXPRESS")
    out = sfn.start_sync_execution(stateMachineArn=arn, input='{"w": true}')
    assert out["status"] == "SUCCEEDED" and json.loads(out["output"]) == {"w": True}


def test_start_sync_execution_of_standard_machine_is_not_supported(sfn, machines):
    arn = machines(HELLO)
    with pytest.raises(ClientError) as e:
        sfn.start_sync_execution(stateMachineArn=arn, input="{}")
    assert error_code(e) == "StateMachineTypeNotSupported"


@pytest.mark.stratus_only
def test_start_sync_execution_with_sync_host_header(sfn, machines, endpoint):
    """What botocore sends when the host prefix resolves (sync-localhost in
    /etc/hosts): Host: sync-<endpoint host>. Sent raw, unsigned."""
    import http.client
    import urllib.parse
    arn = machines(HELLO, type="EXPRESS")
    parts = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("POST", "/", body=json.dumps({"stateMachineArn": arn, "input": "{}"}),
                     headers={"Host": f"sync-{parts.hostname}:{parts.port}",
                              "X-Amz-Target": "AWSStepFunctions.StartSyncExecution",
                              "Content-Type": "application/x-amz-json-1.0"})
        response = conn.getresponse()
        body = json.loads(response.read())
    finally:
        conn.close()
    assert response.status == 200, body
    assert body["status"] == "SUCCEEDED" and json.loads(body["output"]) == {"Arg1": "argument1"}


def test_express_executions_cannot_be_described(sfn, machines):
    arn = machines(HELLO, type="EXPRESS")
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")
    assert ":express:" in execution["executionArn"]
    with pytest.raises(ClientError) as e:
        sfn.describe_execution(executionArn=execution["executionArn"])
    assert error_code(e) == "InvalidArn"
    assert error_message(e) == "Invalid Arn: 'Resource type not valid in this context: express'"
    with pytest.raises(ClientError) as e:
        sfn.list_executions(stateMachineArn=arn)
    assert error_code(e) == "StateMachineTypeNotSupported"


def test_express_machine_rejects_wait_for_task_token(sfn, machines):
    with pytest.raises(ClientError) as e:
        machines({"StartAt": "T", "States": {"T": {
            "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}},
            "End": True}}}, type="EXPRESS")
    assert error_code(e) == "InvalidDefinition"


# ----------------------------------------------------------------------------- tasks


def _token_machine(queue_url, resource="arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken"):
    return {
        "StartAt": "Ask",
        "States": {
            "Ask": {"Type": "Task", "Resource": resource,
                    "Parameters": {"QueueUrl": queue_url,
                                   "MessageBody": {"token.$": "$$.Task.Token", "job.$": "$.job"}},
                    "ResultPath": "$.answer", "Next": "Done"},
            "Done": {"Type": "Succeed"},
        },
    }


def _receive_token(sqs, queue_url, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=1).get("Messages", [])
        if got:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=got[0]["ReceiptHandle"])
            return json.loads(got[0]["Body"])
    raise AssertionError("no message with a task token arrived")


@pytest.fixture
def task_queue(sfn_sqs):
    url = sfn_sqs.create_queue(QueueName=unique("tokens"))["QueueUrl"]
    yield url
    sfn_sqs.delete_queue(QueueUrl=url)


@pytest.mark.parametrize("resource", [
    "arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken",
    "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
])
def test_send_task_success_completes_a_wait_for_task_token_task(sfn, sfn_sqs, machines,
                                                                task_queue, resource):
    arn = machines(_token_machine(task_queue, resource))
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"job": "j1"}))
    body = _receive_token(sfn_sqs, task_queue)
    assert body["job"] == "j1" and body["token"]
    assert sfn.describe_execution(executionArn=execution["executionArn"])["status"] == "RUNNING"
    sfn.send_task_heartbeat(taskToken=body["token"])
    sfn.send_task_success(taskToken=body["token"], output=json.dumps({"ok": True}))
    d = run_to_end(sfn, execution["executionArn"])
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"]) == {"job": "j1", "answer": {"ok": True}}
    types = [e["type"] for e in history(sfn, execution["executionArn"])]
    assert ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"] == [
        t for t in types if t.startswith("Task") and not t.startswith("TaskState")]


def test_send_task_failure_fails_the_task(sfn, sfn_sqs, machines, task_queue):
    arn = machines(_token_machine(task_queue))
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"job": "j2"}))
    body = _receive_token(sfn_sqs, task_queue)
    sfn.send_task_failure(taskToken=body["token"], error="Job.Failed", cause="no disk")
    d = run_to_end(sfn, execution["executionArn"])
    assert d["status"] == "FAILED" and d["error"] == "Job.Failed" and d["cause"] == "no disk"
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken=body["token"], output="{}")
    assert error_code(e) in {"TaskTimedOut", "InvalidToken", "TaskDoesNotExist"}


def test_send_task_success_with_bad_token_or_output(sfn):
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken="nope", output="{}")
    assert error_code(e) in {"InvalidToken", "TaskDoesNotExist"}
    with pytest.raises(ClientError) as e:
        sfn.send_task_success(taskToken="nope", output="{not json")
    assert error_code(e) in {"InvalidOutput", "InvalidToken"}


def test_aws_sdk_sqs_task_runs_through_the_operation_table(sfn, sfn_sqs, machines, task_queue):
    arn = machines({"StartAt": "Send", "States": {"Send": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": task_queue, "MessageBody.$": "$.text"}, "End": True}}})
    d = start_and_wait(sfn, arn, {"text": "hello from a state machine"})
    assert d["status"] == "SUCCEEDED", d
    out = json.loads(d["output"])
    assert out["MessageId"] and out["MD5OfMessageBody"]
    got = sfn_sqs.receive_message(QueueUrl=task_queue, WaitTimeSeconds=2)["Messages"]
    assert got[0]["Body"] == "hello from a state machine"


def test_aws_sdk_error_is_named_service_dot_exception_and_catchable(sfn, machines):
    arn = machines({"StartAt": "Look", "States": {
        "Look": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:getQueueUrl",
                 "Parameters": {"QueueName": unique("absent")},
                 "Catch": [{"ErrorEquals": ["Sqs.QueueDoesNotExistException"],
                            "ResultPath": "$.err", "Next": "Missing"}], "End": True},
        "Missing": {"Type": "Pass", "End": True}}})
    d = start_and_wait(sfn, arn, {})
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"])["err"]["Error"] == "Sqs.QueueDoesNotExistException"


@pytest.mark.stratus_only
def test_task_for_a_service_that_does_not_exist_fails_with_a_clear_cause(sfn, machines):
    # SNS is not part of stratus (Lambda, which this test used before, now is).
    arn = machines({"StartAt": "L", "States": {"L": {
        "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:000000000000:t", "Message": "m"},
        "End": True}}})
    d = start_and_wait(sfn, arn, {})
    assert d["status"] == "FAILED"
    assert d["error"] == "States.TaskFailed"
    assert "sns" in d["cause"]


def test_redrive_reruns_a_failed_execution_from_the_failed_state(sfn, sfn_sqs, machines):
    needs(sfn, "redrive_execution")
    queue_name = unique("redrive")
    arn = machines({"StartAt": "First", "States": {
        "First": {"Type": "Pass", "Result": "first", "ResultPath": "$.first", "Next": "Send"},
        "Send": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sqs:getQueueUrl",
                 "Parameters": {"QueueName": queue_name}, "ResultPath": "$.url", "End": True}}})
    d = start_and_wait(sfn, arn, {})
    assert d["status"] == "FAILED"
    url = sfn_sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    try:
        redriven = sfn.redrive_execution(executionArn=d["executionArn"])
        assert "redriveDate" in redriven
        d = run_to_end(sfn, d["executionArn"])
        assert d["status"] == "SUCCEEDED", d
        assert d["redriveCount"] == 1
        assert json.loads(d["output"])["url"]["QueueUrl"] == url
        types = [e["type"] for e in history(sfn, d["executionArn"])]
        assert "ExecutionRedriven" in types
        assert types.count("PassStateEntered") == 1  # First is not run again
    finally:
        sfn_sqs.delete_queue(QueueUrl=url)


def test_redrive_of_succeeded_execution_is_not_redrivable(sfn, machines):
    needs(sfn, "redrive_execution")
    d = start_and_wait(sfn, machines(HELLO))
    with pytest.raises(ClientError) as e:
        sfn.redrive_execution(executionArn=d["executionArn"])
    assert error_code(e) == "ExecutionNotRedrivable"


def test_test_state_runs_one_state(sfn):
    needs(sfn, "test_state")
    out = sfn.test_state(definition=json.dumps({"Type": "Pass", "Parameters": {"x.$": "$.a"},
                                                "Next": "Later"}),
                         roleArn=ROLE, input=json.dumps({"a": 7}))
    assert out["status"] == "SUCCEEDED"
    assert json.loads(out["output"]) == {"x": 7}
    assert out["nextState"] == "Later"
    choice = sfn.test_state(definition=json.dumps({
        "Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}],
        "Default": "Other"}), roleArn=ROLE, input=json.dumps({"n": 1}))
    assert choice["status"] == "SUCCEEDED" and choice["nextState"] == "One"
    failed = sfn.test_state(definition=json.dumps({"Type": "Fail", "Error": "X", "Cause": "Y"}),
                            roleArn=ROLE)
    assert failed["status"] == "FAILED" and failed["error"] == "X"


# ----------------------------------------------------------------------------- the AWS CLI


def test_aws_cli_create_start_and_history(aws_cli, sfn, machines, tmp_path):
    definition = tmp_path / "etl.json"
    definition.write_text(json.dumps(pass_chain(3)))
    name = unique("cli")
    created = aws_cli("stepfunctions", "create-state-machine", "--name", name, "--definition",
                      f"file://{definition}", "--role-arn", ROLE)
    machines.arns.append(created["stateMachineArn"])
    started = aws_cli("stepfunctions", "start-execution", "--state-machine-arn",
                      created["stateMachineArn"], "--input", '{"from": "cli"}')
    run_to_end(sfn, started["executionArn"])
    events = aws_cli("stepfunctions", "get-execution-history", "--execution-arn",
                     started["executionArn"])["events"]
    assert events[0]["type"] == "ExecutionStarted" and events[-1]["type"] == "ExecutionSucceeded"


# ----------------------------------------------------------------------------- mocks


# The example's mocks, plus a flaky Lambda for the retry test.
MOCK_CONFIG = json.loads(json.dumps(EXAMPLE_MOCKS))
MOCK_CONFIG["StateMachines"][EXAMPLE_MACHINE]["TestCases"]["RetryPath"] = dict(
    MOCK_CONFIG["StateMachines"][EXAMPLE_MACHINE]["TestCases"]["FirstRun"],
    HelloWorld="FlakyLambda")
MOCK_CONFIG["MockedResponses"]["FlakyLambda"] = {
    "0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "flaky"}},
    "1": {"Return": "Hello World!"}}


@pytest.fixture(scope="module")
def mocked_endpoint(target, tmp_path_factory):
    if target != "stratus":
        pytest.skip("mock configurations are a stratus server option")
    tmp = tmp_path_factory.mktemp("sfn-mocks")
    config = tmp / "MockConfigFile.json"
    config.write_text(json.dumps(MOCK_CONFIG))
    server = StratusProcess(tmp / "data", log_path=tmp / "stratus.log",
                            extra_args=["--sfn-mock-config", str(config)])
    server.start(timeout=10.0)
    yield server.endpoint
    server.stop(grace=5.0)


def _seed_with_tasks():
    """The seed's ETL definition with its real Task resources (Lambda, Athena)."""
    return json.loads(json.dumps(SEED_ETL_TASKS))


@pytest.mark.stratus_only
def test_mocked_batch_etl_happy_path_runs_the_merge_map(mocked_endpoint):
    client = _client("stepfunctions", mocked_endpoint, "endpoint")
    arn = client.create_state_machine(name=EXAMPLE_MACHINE, definition=json.dumps(_seed_with_tasks()),
                                      roleArn=ROLE)["stateMachineArn"]
    execution = client.start_execution(stateMachineArn=arn + "#DailyRun", input="{}")
    d = run_to_end(client, execution["executionArn"])
    client.delete_state_machine(stateMachineArn=arn)
    assert d["status"] == "SUCCEEDED", d
    assert len(json.loads(d["output"])) == 3
    entered = [e["stateEnteredEventDetails"]["name"] for e in history(client, d["executionArn"])
               if e["type"].endswith("StateEntered")]
    assert entered.count("Insert New parquet Data") == 1


@pytest.mark.stratus_only
def test_mocked_batch_etl_retries_a_throwing_mock_and_creates_tables(mocked_endpoint):
    client = _client("stepfunctions", mocked_endpoint, "endpoint")
    definition = _seed_with_tasks()
    definition["States"]["HelloWorld"]["Retry"] = [
        {"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 1, "MaxAttempts": 2}]
    arn = client.create_state_machine(name=EXAMPLE_MACHINE, definition=json.dumps(definition),
                                      roleArn=ROLE)["stateMachineArn"]
    execution = client.start_execution(stateMachineArn=arn + "#RetryPath", input="{}")
    d = run_to_end(client, execution["executionArn"])
    client.delete_state_machine(stateMachineArn=arn)
    assert d["status"] == "SUCCEEDED", d
    types = [e["type"] for e in history(client, d["executionArn"])]
    assert types.count("TaskFailed") + types.count("LambdaFunctionFailed") == 1


@pytest.mark.stratus_only
def test_mocked_batch_etl_failing_extract_fails_the_execution_with_the_mock_error(mocked_endpoint):
    client = _client("stepfunctions", mocked_endpoint, "endpoint")
    arn = client.create_state_machine(name=EXAMPLE_MACHINE, definition=json.dumps(SEED_ETL_TASKS),
                                      roleArn=ROLE)["stateMachineArn"]
    execution = client.start_execution(stateMachineArn=arn + "#ExtractFails", input="{}")
    d = run_to_end(client, execution["executionArn"])
    client.delete_state_machine(stateMachineArn=arn)
    assert d["status"] == "FAILED", d
    assert d["error"] == "Lambda.Unknown"
    assert "Can't connect to MySQL" in d["cause"]
    entered = [e["stateEnteredEventDetails"]["name"] for e in history(client, d["executionArn"])
               if e["type"].endswith("StateEntered")]
    assert entered == ["HelloWorld", "Extract from MySQL"]


@pytest.mark.stratus_only
def test_unknown_test_case_is_rejected(mocked_endpoint):
    client = _client("stepfunctions", mocked_endpoint, "endpoint")
    arn = client.create_state_machine(name=unique("nocase"), definition=json.dumps(HELLO),
                                      roleArn=ROLE)["stateMachineArn"]
    with pytest.raises(ClientError) as e:
        client.start_execution(stateMachineArn=arn + "#Nope", input="{}")
    assert error_code(e) == "ValidationException"


# ----------------------------------------------------------------------------- stratus sfn run


@pytest.mark.stratus_only
def test_sfn_run_shows_each_state_and_the_output(target, tmp_path):
    import subprocess
    from stratus_process import stratus_binary
    if target != "stratus":
        pytest.skip("runs the stratus binary itself")
    definition = tmp_path / "flow.json"
    definition.write_text(json.dumps({"StartAt": "Prepare", "States": {
        "Prepare": {"Type": "Pass", "Result": [1, 2], "ResultPath": "$.items", "Next": "Nap"},
        "Nap": {"Type": "Wait", "Seconds": 30, "Next": "Fan"},
        "Fan": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {
            "StartAt": "Twice", "States": {"Twice": {
                "Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $)"}, "End": True}}},
            "ResultPath": "$.twice", "End": True}}}))
    p = subprocess.run([stratus_binary(), "sfn", "run", str(definition), "--input", '{"x": 1}',
                        "--time-scale", "0.001"], capture_output=True, text=True, timeout=60)
    if p.returncode == 2 and "unknown command" in p.stderr:
        pytest.skip("this stratus has no `sfn run` yet")
    assert p.returncode == 0, p.stderr + p.stdout
    for name in ("Prepare", "Nap", "Fan", "Twice"):
        assert f"▶ {name}" in p.stdout, p.stdout
    assert "30000.0 ms" in p.stdout  # nominal duration of the Wait
    assert "SUCCEEDED" in p.stdout
    assert '"twice":[{"v":2},{"v":4}]' in p.stdout


@pytest.mark.stratus_only
def test_sfn_run_reports_the_error_and_cause_of_a_failed_execution(target, tmp_path):
    import subprocess
    from stratus_process import stratus_binary
    if target != "stratus":
        pytest.skip("runs the stratus binary itself")
    definition = tmp_path / "fail.json"
    definition.write_text(json.dumps({"StartAt": "Boom", "States": {
        "Boom": {"Type": "Fail", "Error": "Etl.Broken", "Cause": "no rows"}}}))
    p = subprocess.run([stratus_binary(), "sfn", "run", str(definition)], capture_output=True,
                       text=True, timeout=60)
    if p.returncode == 2 and "unknown command" in p.stderr:
        pytest.skip("this stratus has no `sfn run` yet")
    assert p.returncode == 1, p.stderr + p.stdout
    assert "FAILED" in p.stdout and "error: Etl.Broken" in p.stdout and "cause: no rows" in p.stdout


@pytest.mark.stratus_only
@pytest.mark.parametrize("test_case,expect_state", [("FirstRun", "Create report table (parquet)"),
                                                    ("DailyRun", "Insert New parquet Data")])
def test_sfn_run_runs_the_batch_etl_example_with_its_mocks(target, test_case, expect_state):
    import subprocess
    from stratus_process import stratus_binary
    if target != "stratus":
        pytest.skip("runs the stratus binary itself")
    p = subprocess.run([stratus_binary(), "sfn", "run",
                        os.path.join(EXAMPLE_DIR, "state-machine.asl.json"),
                        "--name", EXAMPLE_MACHINE,
                        "--mock-config", os.path.join(EXAMPLE_DIR, "mocks.json"),
                        "--test-case", test_case], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr + p.stdout
    assert f"▶ {expect_state}" in p.stdout, p.stdout
    assert "SUCCEEDED" in p.stdout
