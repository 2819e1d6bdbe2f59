"""Lambda versions and aliases through boto3 and the AWS CLI.

PublishVersion (numbered snapshots of $LATEST; an unchanged $LATEST publishes nothing new;
CodeSha256 and RevisionId preconditions), ListVersionsByFunction, Invoke / GetFunction /
GetFunctionConfiguration / policies / event invoke configs by version, alias, $LATEST or a
qualified ARN, aliases with routing weights (ExecutedVersion says which version ran), deletes
and their conflicts, versions and aliases surviving kill -9, and a CloudFormation template with
a function, a version and an alias deployed with `aws cloudformation deploy`.
"""
import json
import os
import shutil
import sys
import tempfile
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402
from stratus_process import StratusProcess  # noqa: E402
from test_lambda import ROLE, make_zip  # noqa: E402

# Reports the version the runtime says it runs, from the environment and the context.
HANDLER = '''
import os
TAG = "{tag}"
def handler(event, context):
    return {{"tag": TAG, "env_version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"],
            "context_version": context.function_version, "arn": context.invoked_function_arn}}
'''


def _client(service, endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)
    if target == "aws":
        return boto3.client(service, config=cfg)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture(scope="session")
def lam(endpoint, target):
    return _client("lambda", endpoint, target)


def code(tag):
    return make_zip({"app.py": HANDLER.format(tag=tag)})


@pytest.fixture
def function(lam):
    name = f"ver-{uuid.uuid4().hex[:10]}"
    lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                        Code={"ZipFile": code("one")}, Description="the function")
    lam.get_waiter("function_active_v2").wait(FunctionName=name)
    yield name
    try:
        lam.delete_function(FunctionName=name)
    except ClientError:
        pass


def update_code(lam, name, tag):
    lam.update_function_code(FunctionName=name, ZipFile=code(tag))
    lam.get_waiter("function_updated_v2").wait(FunctionName=name)


def invoke(lam, name, qualifier=None):
    kwargs = {"Qualifier": qualifier} if qualifier else {}
    out = lam.invoke(FunctionName=name, Payload=b"{}", **kwargs)
    assert "FunctionError" not in out, out
    body = json.loads(out["Payload"].read())
    return out, body


def error_code(call, *args, **kwargs):
    with pytest.raises(ClientError) as e:
        call(*args, **kwargs)
    return e.value.response["Error"]["Code"], e.value.response["Error"]["Message"]


def test_publish_numbers_snapshots_and_republishing_unchanged_latest_returns_the_same(lam, function):
    first = lam.publish_version(FunctionName=function, Description="first")
    assert first["Version"] == "1"
    assert first["FunctionArn"].endswith(f":function:{function}:1")
    assert first["Description"] == "first"
    again = lam.publish_version(FunctionName=function)
    assert again["Version"] == "1"
    assert again["CodeSha256"] == first["CodeSha256"]

    update_code(lam, function, "two")
    second = lam.publish_version(FunctionName=function)
    assert second["Version"] == "2"
    assert second["CodeSha256"] != first["CodeSha256"]
    assert second["Description"] == "the function"

    # Each version runs its own code; $LATEST follows the newest code.
    update_code(lam, function, "three")
    for qualifier, tag, version in (("1", "one", "1"), ("2", "two", "2"),
                                    ("$LATEST", "three", "$LATEST"), (None, "three", "$LATEST")):
        out, body = invoke(lam, function, qualifier)
        assert body["tag"] == tag, (qualifier, body)
        assert body["env_version"] == version
        assert body["context_version"] == version
        assert out["ExecutedVersion"] == version
        assert out["ResponseMetadata"]["HTTPHeaders"]["x-amz-executed-version"] == version

    config = lam.get_function_configuration(FunctionName=function, Qualifier="1")
    assert config["Version"] == "1"
    assert config["FunctionArn"].endswith(f"{function}:1")
    assert lam.get_function(FunctionName=f"{function}:2")["Configuration"]["Version"] == "2"
    latest = lam.get_function_configuration(FunctionName=function)
    assert latest["Version"] == "$LATEST"
    assert latest["FunctionArn"].endswith(f":function:{function}")


def test_publish_preconditions(lam, function):
    latest = lam.get_function_configuration(FunctionName=function)
    code_, _ = error_code(lam.publish_version, FunctionName=function, CodeSha256="bm90IGl0")
    assert code_ == "InvalidParameterValueException"
    code_, _ = error_code(lam.publish_version, FunctionName=function, RevisionId="stale")
    assert code_ == "PreconditionFailedException"
    ok = lam.publish_version(FunctionName=function, CodeSha256=latest["CodeSha256"],
                             RevisionId=latest["RevisionId"])
    assert ok["Version"] == "1"
    code_, _ = error_code(lam.publish_version, FunctionName="no-such-function-here")
    assert code_ == "ResourceNotFoundException"


def test_create_and_update_code_with_publish_answer_the_new_version(lam):
    name = f"ver-{uuid.uuid4().hex[:10]}"
    created = lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                  Handler="app.handler", Code={"ZipFile": code("one")},
                                  Publish=True)
    try:
        assert created["Version"] == "1"
        assert created["FunctionArn"].endswith(f"{name}:1")
        updated = lam.update_function_code(FunctionName=name, ZipFile=code("two"), Publish=True)
        assert updated["Version"] == "2"
        assert invoke(lam, name, "1")[1]["tag"] == "one"
        assert invoke(lam, name, "2")[1]["tag"] == "two"
    finally:
        lam.delete_function(FunctionName=name)


def test_list_versions_pages_with_latest_first(lam, function):
    for tag in ("a", "b", "c"):
        update_code(lam, function, tag)
        lam.publish_version(FunctionName=function)
    everything = lam.list_versions_by_function(FunctionName=function)["Versions"]
    assert [v["Version"] for v in everything] == ["$LATEST", "1", "2", "3"]
    assert everything[0]["FunctionArn"].endswith(f"{function}:$LATEST")
    pages = lam.get_paginator("list_versions_by_function").paginate(
        FunctionName=function, PaginationConfig={"PageSize": 1})
    walked = [v["Version"] for page in pages for v in page["Versions"]]
    assert walked == ["$LATEST", "1", "2", "3"]


def test_list_functions_with_all_versions(lam, function):
    lam.publish_version(FunctionName=function)
    update_code(lam, function, "two")
    lam.publish_version(FunctionName=function)
    pages = lam.get_paginator("list_functions").paginate(FunctionVersion="ALL",
                                                         PaginationConfig={"PageSize": 2})
    mine = [f for page in pages for f in page["Functions"] if f["FunctionName"] == function]
    assert [f["Version"] for f in mine] == ["$LATEST", "1", "2"]
    assert mine[1]["FunctionArn"].endswith(f"{function}:1")
    plain = [f for page in lam.get_paginator("list_functions").paginate()
             for f in page["Functions"] if f["FunctionName"] == function]
    assert [f["Version"] for f in plain] == ["$LATEST"]


def test_aliases_route_by_weight_and_report_the_executed_version(lam, function):
    lam.publish_version(FunctionName=function)
    update_code(lam, function, "two")
    lam.publish_version(FunctionName=function)
    alias = lam.create_alias(FunctionName=function, Name="live", FunctionVersion="1",
                             Description="production",
                             RoutingConfig={"AdditionalVersionWeights": {"2": 0.3}})
    assert alias["AliasArn"].endswith(f":function:{function}:live")
    assert alias["RoutingConfig"]["AdditionalVersionWeights"] == {"2": 0.3}
    got = lam.get_alias(FunctionName=function, Name="live")
    assert got["FunctionVersion"] == "1" and got["Description"] == "production"

    counts = {"1": 0, "2": 0}
    for _ in range(200):
        out, body = invoke(lam, function, "live")
        assert body["env_version"] == out["ExecutedVersion"]
        assert body["arn"].endswith(f"{function}:live")
        counts[out["ExecutedVersion"]] += 1
    # 30% of 200 is 60; the binomial standard deviation is about 6.5.
    assert 35 <= counts["2"] <= 85, counts
    assert counts["1"] + counts["2"] == 200

    # The alias ARN works wherever a function name does.
    out, body = invoke(lam, alias["AliasArn"])
    assert out["ExecutedVersion"] in ("1", "2")

    updated = lam.update_alias(FunctionName=function, Name="live", FunctionVersion="2",
                               RoutingConfig={"AdditionalVersionWeights": {}})
    assert updated["FunctionVersion"] == "2"
    assert updated["RevisionId"] != alias["RevisionId"]
    for _ in range(5):
        out, body = invoke(lam, function, "live")
        assert out["ExecutedVersion"] == "2" and body["tag"] == "two"
    config = lam.get_function_configuration(FunctionName=function, Qualifier="live")
    assert config["Version"] == "2"
    assert config["FunctionArn"].endswith(f"{function}:live")

    code_, _ = error_code(lam.update_alias, FunctionName=function, Name="live",
                          FunctionVersion="1", RevisionId="stale")
    assert code_ == "PreconditionFailedException"


def test_list_aliases_filters_by_version_and_pages(lam, function):
    lam.publish_version(FunctionName=function)
    update_code(lam, function, "two")
    lam.publish_version(FunctionName=function)
    for name, version in (("a", "1"), ("b", "2"), ("c", "1"), ("d", "$LATEST")):
        lam.create_alias(FunctionName=function, Name=name, FunctionVersion=version)
    names = [a["Name"] for a in lam.list_aliases(FunctionName=function)["Aliases"]]
    assert names == ["a", "b", "c", "d"]
    ones = lam.list_aliases(FunctionName=function, FunctionVersion="1")["Aliases"]
    assert [a["Name"] for a in ones] == ["a", "c"]
    pages = lam.get_paginator("list_aliases").paginate(FunctionName=function,
                                                       PaginationConfig={"PageSize": 1})
    assert [a["Name"] for page in pages for a in page["Aliases"]] == names


def test_alias_errors(lam, function):
    lam.publish_version(FunctionName=function)
    lam.create_alias(FunctionName=function, Name="live", FunctionVersion="1")
    code_, message = error_code(lam.create_alias, FunctionName=function, Name="live",
                                FunctionVersion="1")
    assert code_ == "ResourceConflictException" and "Alias already exists" in message
    code_, _ = error_code(lam.create_alias, FunctionName=function, Name="other",
                          FunctionVersion="9")
    assert code_ == "ResourceNotFoundException"
    code_, message = error_code(lam.get_alias, FunctionName=function, Name="missing")
    assert code_ == "ResourceNotFoundException" and "Cannot find alias arn" in message
    code_, _ = error_code(lam.create_alias, FunctionName=function, Name="w",
                          FunctionVersion="$LATEST",
                          RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}})
    assert code_ == "InvalidParameterValueException"
    code_, _ = error_code(lam.create_alias, FunctionName=function, Name="123",
                          FunctionVersion="1")
    assert code_ in ("InvalidParameterValueException", "ValidationException")
    code_, _ = error_code(lam.invoke, FunctionName=function, Qualifier="missing", Payload=b"{}")
    assert code_ == "ResourceNotFoundException"
    code_, _ = error_code(lam.invoke, FunctionName=function, Qualifier="7", Payload=b"{}")
    assert code_ == "ResourceNotFoundException"
    code_, _ = error_code(lam.invoke, FunctionName=f"{function}:1", Qualifier="2", Payload=b"{}")
    assert code_ == "InvalidParameterValueException"


def test_deletes(lam, function):
    lam.publish_version(FunctionName=function)
    update_code(lam, function, "two")
    lam.publish_version(FunctionName=function)
    lam.create_alias(FunctionName=function, Name="live", FunctionVersion="1",
                     RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
    for version in ("1", "2"):
        code_, message = error_code(lam.delete_function, FunctionName=function,
                                    Qualifier=version)
        assert code_ == "ResourceConflictException" and "live" in message
    code_, _ = error_code(lam.delete_function, FunctionName=function, Qualifier="$LATEST")
    assert code_ == "InvalidParameterValueException"
    lam.delete_alias(FunctionName=function, Name="live")
    code_, _ = error_code(lam.get_alias, FunctionName=function, Name="live")
    assert code_ == "ResourceNotFoundException"
    lam.delete_function(FunctionName=function, Qualifier="2")
    code_, _ = error_code(lam.get_function, FunctionName=function, Qualifier="2")
    assert code_ == "ResourceNotFoundException"
    assert [v["Version"] for v in
            lam.list_versions_by_function(FunctionName=function)["Versions"]] == ["$LATEST", "1"]
    # The function and version 1 still run; a new version is number 3, never 2 again.
    assert invoke(lam, function, "1")[1]["tag"] == "one"
    update_code(lam, function, "three")
    assert lam.publish_version(FunctionName=function)["Version"] == "3"
    lam.delete_function(FunctionName=function)
    code_, _ = error_code(lam.get_function, FunctionName=function, Qualifier="1")
    assert code_ == "ResourceNotFoundException"


def test_policies_and_event_invoke_configs_per_qualifier(lam, function):
    lam.publish_version(FunctionName=function)
    lam.create_alias(FunctionName=function, Name="live", FunctionVersion="1")
    lam.add_permission(FunctionName=function, Qualifier="live", StatementId="s3",
                       Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")
    policy = json.loads(lam.get_policy(FunctionName=function, Qualifier="live")["Policy"])
    assert policy["Statement"][0]["Resource"].endswith(f"{function}:live")
    code_, _ = error_code(lam.get_policy, FunctionName=function)
    assert code_ == "ResourceNotFoundException"
    lam.remove_permission(FunctionName=function, Qualifier="live", StatementId="s3")

    lam.put_function_event_invoke_config(FunctionName=function, Qualifier="1",
                                         MaximumRetryAttempts=0)
    lam.put_function_event_invoke_config(FunctionName=function, Qualifier="live",
                                         MaximumRetryAttempts=1)
    one = lam.get_function_event_invoke_config(FunctionName=function, Qualifier="1")
    live = lam.get_function_event_invoke_config(FunctionName=function, Qualifier="live")
    assert one["MaximumRetryAttempts"] == 0 and one["FunctionArn"].endswith(f"{function}:1")
    assert live["MaximumRetryAttempts"] == 1 and live["FunctionArn"].endswith(f"{function}:live")


def test_event_invocation_of_an_alias_runs_its_version(lam, function, endpoint, target):
    lam.publish_version(FunctionName=function)
    update_code(lam, function, "two")
    lam.create_alias(FunctionName=function, Name="live", FunctionVersion="1")
    out = lam.invoke(FunctionName=function, Qualifier="live", InvocationType="Event",
                     Payload=b"{}")
    assert out["StatusCode"] == 202
    dry = lam.invoke(FunctionName=function, Qualifier="live", InvocationType="DryRun")
    assert dry["StatusCode"] == 204


def test_step_functions_invoke_an_alias_and_a_version_by_qualified_arn(lam, function, endpoint,
                                                                      target):
    from sfn_calls import run_to_end  # noqa: PLC0415

    lam.publish_version(FunctionName=function)
    update_code(lam, function, "two")
    lam.create_alias(FunctionName=function, Name="live", FunctionVersion="1")
    alias_arn = lam.get_alias(FunctionName=function, Name="live")["AliasArn"]
    version_arn = lam.get_function_configuration(FunctionName=function,
                                                 Qualifier="1")["FunctionArn"]
    sfn = _client("stepfunctions", endpoint, target)
    definition = {
        "StartAt": "ByAlias",
        "States": {
            "ByAlias": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"FunctionName": alias_arn, "Payload": {}},
                        "ResultSelector": {"executed.$": "$.ExecutedVersion",
                                           "tag.$": "$.Payload.tag"},
                        "ResultPath": "$.alias", "Next": "ByVersion"},
            "ByVersion": {"Type": "Task", "Resource": version_arn, "ResultPath": "$.version",
                          "End": True},
        },
    }
    machine = sfn.create_state_machine(name=f"versions-{uuid.uuid4().hex[:8]}",
                                       definition=json.dumps(definition),
                                       roleArn="arn:aws:iam::000000000000:role/sfn")
    try:
        execution = sfn.start_execution(stateMachineArn=machine["stateMachineArn"], input="{}")
        done = run_to_end(sfn, execution["executionArn"], timeout=60)
        assert done["status"] == "SUCCEEDED", done
        output = json.loads(done["output"])
        assert output["alias"] == {"executed": "1", "tag": "one"}
        assert output["version"]["tag"] == "one" and output["version"]["env_version"] == "1"
    finally:
        sfn.delete_state_machine(stateMachineArn=machine["stateMachineArn"])


def test_event_source_mapping_accepts_an_alias_arn(lam, function, sqs):
    lam.publish_version(FunctionName=function)
    lam.create_alias(FunctionName=function, Name="live", FunctionVersion="1")
    alias_arn = lam.get_alias(FunctionName=function, Name="live")["AliasArn"]
    queue = sqs.create_queue(QueueName=f"versions-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue,
                                         AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    mapping = lam.create_event_source_mapping(FunctionName=alias_arn, EventSourceArn=queue_arn,
                                              BatchSize=1)
    try:
        assert mapping["FunctionArn"] == alias_arn
        listed = lam.list_event_source_mappings(FunctionName=function)["EventSourceMappings"]
        assert [m["UUID"] for m in listed] == [mapping["UUID"]]
    finally:
        lam.delete_event_source_mapping(UUID=mapping["UUID"])
        sqs.delete_queue(QueueUrl=queue)


@pytest.mark.stratus_only
def test_versions_and_aliases_survive_kill9(target):
    if target != "stratus":
        pytest.skip("needs a stratus process this test starts and kills")
    tmp = tempfile.mkdtemp(prefix="stratus-versions-")
    server = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"))
    server.start(timeout=10.0)
    try:
        client = _client("lambda", server.endpoint, "stratus")
        client.create_function(FunctionName="durable", Runtime="python3.12", Role=ROLE,
                               Handler="app.handler", Code={"ZipFile": code("one")})
        client.publish_version(FunctionName="durable")
        client.update_function_code(FunctionName="durable", ZipFile=code("two"))
        client.publish_version(FunctionName="durable")
        client.create_alias(FunctionName="durable", Name="live", FunctionVersion="1",
                            RoutingConfig={"AdditionalVersionWeights": {"2": 0.25}})
        server.kill9()
        server.start(timeout=10.0)
        client = _client("lambda", server.endpoint, "stratus")
        versions = client.list_versions_by_function(FunctionName="durable")["Versions"]
        assert [v["Version"] for v in versions] == ["$LATEST", "1", "2"]
        alias = client.get_alias(FunctionName="durable", Name="live")
        assert alias["RoutingConfig"]["AdditionalVersionWeights"] == {"2": 0.25}
        _, body = invoke(client, "durable", "1")
        assert body["tag"] == "one"
        _, body = invoke(client, "durable", "2")
        assert body["tag"] == "two"
    finally:
        server.stop(grace=5.0)
        shutil.rmtree(tmp, ignore_errors=True)


TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Greeting:
    Type: String
    Default: hello
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/lambda-role
      Code:
        ZipFile: !Sub |
          exports.handler = async () => ({greeting: "${Greeting}",
            version: process.env.AWS_LAMBDA_FUNCTION_VERSION});
  Version:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Fn
      Description: !Sub "greets with ${Greeting}"
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: !GetAtt Version.Version
      Name: live
Outputs:
  VersionArn:
    Value: !Ref Version
  VersionNumber:
    Value: !GetAtt Version.Version
  AliasArn:
    Value: !Ref Live
"""


def test_cloudformation_deploys_a_function_version_and_alias(lam, aws_cli, endpoint, target,
                                                             tmp_path):
    cfn = _client("cloudformation", endpoint, target)
    stack = f"versions-{uuid.uuid4().hex[:8]}"
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE)

    def deploy(greeting):
        done = aws_cli.run_raw("cloudformation", "deploy", "--stack-name", stack,
                               "--template-file", str(template), "--parameter-overrides",
                               f"Greeting={greeting}", timeout=180)
        assert done.returncode == 0, done.stderr
        outputs = cfn.describe_stacks(StackName=stack)["Stacks"][0]["Outputs"]
        return {o["OutputKey"]: o["OutputValue"] for o in outputs}

    try:
        outputs = deploy("hello")
        assert outputs["VersionNumber"] == "1"
        assert outputs["VersionArn"].endswith(":1")
        assert outputs["AliasArn"].endswith(":live")
        out = lam.invoke(FunctionName=outputs["AliasArn"], Payload=b"{}")
        assert out["ExecutedVersion"] == "1"
        assert json.loads(out["Payload"].read()) == {"greeting": "hello", "version": "1"}

        # A new greeting changes the code: the version is replaced, the alias follows.
        outputs = deploy("bonjour")
        assert outputs["VersionNumber"] == "2"
        out = lam.invoke(FunctionName=outputs["AliasArn"], Payload=b"{}")
        assert json.loads(out["Payload"].read()) == {"greeting": "bonjour", "version": "2"}
        function = outputs["AliasArn"].split(":")[6]
        versions = lam.list_versions_by_function(FunctionName=function)["Versions"]
        assert [v["Version"] for v in versions] == ["$LATEST", "2"]
    finally:
        cfn.delete_stack(StackName=stack)
        cfn.get_waiter("stack_delete_complete").wait(StackName=stack,
                                                     WaiterConfig={"Delay": 1, "MaxAttempts": 120})


def test_event_invoke_config_exists_only_once_put_and_update_delete_need_it(lam, function):
    # No configuration until one is put: Get, Update and Delete are ResourceNotFoundException.
    for call in (lam.get_function_event_invoke_config, lam.delete_function_event_invoke_config):
        code_, message = error_code(call, FunctionName=function)
        assert code_ == "ResourceNotFoundException"
        assert message.endswith(f"function:{function}:$LATEST doesn't have an EventInvokeConfig")
    code_, _ = error_code(lam.update_function_event_invoke_config, FunctionName=function,
                          MaximumRetryAttempts=1)
    assert code_ == "ResourceNotFoundException"

    lam.put_function_event_invoke_config(FunctionName=function, MaximumRetryAttempts=2,
                                         MaximumEventAgeInSeconds=300)
    # Update changes only what it names; Put replaces the whole configuration.
    updated = lam.update_function_event_invoke_config(FunctionName=function,
                                                      MaximumRetryAttempts=0)
    assert updated["MaximumRetryAttempts"] == 0 and updated["MaximumEventAgeInSeconds"] == 300
    got = lam.get_function_event_invoke_config(FunctionName=function)
    assert got["MaximumRetryAttempts"] == 0 and got["MaximumEventAgeInSeconds"] == 300
    replaced = lam.put_function_event_invoke_config(FunctionName=function, MaximumRetryAttempts=1)
    assert replaced["MaximumRetryAttempts"] == 1 and "MaximumEventAgeInSeconds" not in replaced

    # Each qualifier has its own: a version without one is still not found.
    lam.publish_version(FunctionName=function)
    code_, message = error_code(lam.get_function_event_invoke_config, FunctionName=function,
                                Qualifier="1")
    assert code_ == "ResourceNotFoundException" and f"{function}:1 doesn't" in message

    lam.delete_function_event_invoke_config(FunctionName=function)
    code_, _ = error_code(lam.get_function_event_invoke_config, FunctionName=function)
    assert code_ == "ResourceNotFoundException"
