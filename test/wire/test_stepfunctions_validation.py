"""Step Functions definition validation through boto3: what
ValidateStateMachineDefinition and CreateStateMachine report for definitions
AWS refuses.

Written to AWS's answers as measured with `aws stepfunctions
validate-state-machine-definition` and `create-state-machine` (recorded in
floci-io/floci#2735 and #2786). ValidateStateMachineDefinition is newer than
Debian's boto3 1.26; those tests skip there.
"""
import json
import os
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

REGION = "us-east-1"
ROLE = "arn:aws:iam::000000000000:role/stratus-sfn-validation-test"

LOOP = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                                   "B": {"Type": "Pass", "Next": "A"}}}


@pytest.fixture(scope="session")
def sfn(endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, connect_timeout=5)
    if target == "aws":
        return boto3.client("stepfunctions", config=cfg)
    return boto3.client("stepfunctions", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="x", aws_secret_access_key="x")


@pytest.fixture
def role(target):
    return os.environ.get("STRATUS_SFN_ROLE_ARN", ROLE) if target == "aws" else ROLE


def validate(sfn, definition):
    if not hasattr(sfn, "validate_state_machine_definition"):
        pytest.skip("this botocore has no ValidateStateMachineDefinition")
    answer = sfn.validate_state_machine_definition(definition=json.dumps(definition))
    return answer["result"], answer["diagnostics"]


def test_a_workflow_without_terminal_state_is_missing_end_state_without_location(sfn):
    result, diagnostics = validate(sfn, LOOP)
    assert result == "FAIL"
    assert diagnostics == [{"severity": "ERROR", "code": "MISSING_END_STATE",
                            "message": "Workflow has no terminal state"}]


def test_missing_end_state_replaces_the_unreachable_state_walk(sfn):
    definition = {"StartAt": "A", "States": dict(LOOP["States"],
                                                 Unused={"Type": "Pass", "Next": "A"})}
    result, diagnostics = validate(sfn, definition)
    assert result == "FAIL"
    assert [d["code"] for d in diagnostics] == ["MISSING_END_STATE"]


def test_an_unreachable_terminal_state_is_reported_as_unreachable(sfn):
    definition = {"StartAt": "A", "States": dict(LOOP["States"],
                                                 C={"Type": "Pass", "End": True})}
    result, diagnostics = validate(sfn, definition)
    assert result == "FAIL"
    assert diagnostics == [{"severity": "ERROR", "code": "MISSING_TRANSITION_TARGET",
                            "message": 'State "C" is not reachable.', "location": "/States/C"}]


def test_missing_end_state_follows_a_dangling_target(sfn):
    result, diagnostics = validate(
        sfn, {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "NOPE"}}})
    assert result == "FAIL"
    assert diagnostics == [
        {"severity": "ERROR", "code": "MISSING_TRANSITION_TARGET",
         "message": "Missing 'Next' target: NOPE", "location": "/States/A/Next"},
        {"severity": "ERROR", "code": "MISSING_END_STATE",
         "message": "Workflow has no terminal state"}]


def test_a_nested_loop_without_terminal_state_is_accepted(sfn):
    definition = {"StartAt": "M", "States": {"M": {
        "Type": "Map", "ItemsPath": "$.items", "End": True,
        "ItemProcessor": {"StartAt": "A", "States": LOOP["States"]}}}}
    assert validate(sfn, definition) == ("OK", [])


def test_create_state_machine_refuses_a_workflow_without_terminal_state(sfn, role):
    with pytest.raises(ClientError) as raised:
        sfn.create_state_machine(name=f"val-noend-{uuid.uuid4().hex[:10]}",
                                 definition=json.dumps(LOOP), roleArn=role)
    assert raised.value.response["Error"]["Code"] == "InvalidDefinition"
    assert raised.value.response["Error"]["Message"] == (
        "Invalid State Machine Definition: "
        "'MISSING_END_STATE: Workflow has no terminal state at null'")


# Wordings recorded against AWS (LocalStack's test_sfn_api_validation and
# test_test_state_machine_scenarios snapshots) or measured (floci-io/floci#2735,
# #2968).


def schema_error(message, location):
    return {"severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED", "message": message,
            "location": location}


def test_an_empty_definition_object_lacks_states_and_start_at(sfn):
    assert validate(sfn, {}) == (
        "FAIL", [schema_error("These fields are required: [States, StartAt]", "/")])


def test_a_jsonata_machine_cannot_downgrade_a_state_to_jsonpath(sfn):
    definition = {"QueryLanguage": "JSONata", "StartAt": "Pass", "States": {
        "Pass": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": True}}}
    assert validate(sfn, definition) == ("FAIL", [schema_error(
        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
        "/States/Pass")])


def test_an_unknown_state_type_is_reported_alone(sfn):
    definition = {"StartAt": "X", "States": {"X": {"Type": "TypeThatDoesNotExist", "End": True}}}
    assert validate(sfn, definition) == ("FAIL", [schema_error(
        "The field 'Type' should have one of these values: "
        "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", "/States/X/Type")])


def test_a_field_the_state_type_lacks_is_not_supported(sfn):
    definition = {"StartAt": "P", "States": {"P": {
        "Type": "Parallel", "TimeoutSeconds": 5, "End": True,
        "Branches": [{"StartAt": "W", "States": {"W": {"Type": "Pass", "End": True}}}]}}}
    assert validate(sfn, definition) == (
        "FAIL", [schema_error("Field 'TimeoutSeconds' is not supported", "/States/P")])


def test_a_jsonata_field_on_a_jsonpath_state_names_both_languages(sfn):
    definition = {"StartAt": "X", "States": {"X": {"Type": "Pass", "Output": {"a": 1},
                                                  "End": True}}}
    assert validate(sfn, definition) == ("FAIL", [schema_error(
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the "
        "'JSONata' QueryLanguage", "/States/X")])


# AWS's INVALID_JSONATA_EXPRESSION: the JSONata parser's message without its
# code, at the field (measured, floci-io/floci#2745).
@pytest.mark.parametrize("expression,message", [
    ("a[1,2)", 'Expected "]", got ","'),
    ('"unterminated', "String literal must be terminated by a matching quote"),
    ("1 +", "Unexpected end of expression"),
    ('{"a":}', 'The symbol "}" cannot be used as a unary operator'),
    ("$x :=", "Unexpected end of expression"),
    ('$match("a", /abc', "No terminating / in regular expression"),
    ("phone %.other", 'The symbol "." cannot be used as a unary operator'),
    ("", "Unexpected end of expression"),
])
def test_an_unparsable_jsonata_expression_is_invalid_jsonata_expression(sfn, expression, message):
    definition = {"QueryLanguage": "JSONata", "StartAt": "Main", "States": {"Main": {
        "Type": "Pass", "Output": "{% " + expression + " %}", "End": True}}}
    assert validate(sfn, definition) == ("FAIL", [{
        "severity": "ERROR", "code": "INVALID_JSONATA_EXPRESSION", "message": message,
        "location": "/States/Main/Output"}])


def test_a_value_below_the_minimum_names_the_minimum(sfn):
    definition = {"StartAt": "M", "States": {"M": {
        "Type": "Map", "MaxConcurrency": -1, "End": True,
        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}}}}
    assert validate(sfn, definition) == (
        "FAIL", [schema_error("Minimum value is 0", "/States/M/MaxConcurrency")])
