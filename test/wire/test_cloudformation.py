"""CloudFormation through boto3 and the AWS CLI, with real resources (SQS queues,
S3 buckets, CloudWatch Logs groups) made by the built-in providers.

Stacks (create, describe, events, resources, update in place and by replacement,
delete), rollback of a failed create and a failed update, change sets and
`aws cloudformation deploy` (twice: the second prints "No changes to deploy"),
validation errors (parameters, a dependency cycle, capabilities), outputs with
exports and Fn::ImportValue, and NoEcho parameters. Written to AWS's documented
behaviour, so that it also runs against real AWS (--aws).
"""
import json
import os
import subprocess
import sys
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402

SETTLED_TIMEOUT = 120


@pytest.fixture(scope="session")
def cfn(endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)
    if target == "aws":
        return boto3.client("cloudformation", config=cfg)
    return boto3.client("cloudformation", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture
def stack_name(cfn):
    names = []

    def make(hint="stack"):
        name = f"cfn-{hint}-{uuid.uuid4().hex[:8]}"
        names.append(name)
        return name

    yield make
    for name in reversed(names):
        try:
            cfn.delete_stack(StackName=name)
        except ClientError:
            pass


def settle(cfn, name):
    deadline = time.time() + SETTLED_TIMEOUT
    while time.time() < deadline:
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        if not stack["StackStatus"].endswith("_IN_PROGRESS"):
            return stack
        time.sleep(0.2)
    raise AssertionError(f"stack {name} did not settle")


def events(cfn, name):
    return cfn.describe_stack_events(StackName=name)["StackEvents"]


QUEUE_TEMPLATE = """
AWSTemplateFormatVersion: 2010-09-09
Description: A queue, a bucket and a log group.
Parameters:
  Env:
    Type: String
    Default: staging
    AllowedValues: [staging, live]
  Timeout:
    Type: Number
    Default: 30
  Secret:
    Type: String
    Default: hush
    NoEcho: true
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !Ref Timeout
  Bucket:
    Type: AWS::S3::Bucket
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "/cfn/${AWS::StackName}/${Env}/${Queue.QueueName}"
Outputs:
  QueueUrl:
    Value: !Ref Queue
    Export:
      Name: !Sub "${AWS::StackName}-queue-url"
  QueueArn:
    Value: !GetAtt Queue.Arn
  BucketName:
    Value: !Ref Bucket
"""


def outputs_of(stack):
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def test_create_describe_and_delete(cfn, sqs, stack_name):
    name = stack_name("basic")
    stack_id = cfn.create_stack(StackName=name, TemplateBody=QUEUE_TEMPLATE,
                                Parameters=[{"ParameterKey": "Env", "ParameterValue": "live"}])["StackId"]
    assert stack_id.startswith(f"arn:aws:cloudformation:{REGION}:")
    assert f":stack/{name}/" in stack_id
    cfn.get_waiter("stack_create_complete").wait(StackName=name,
                                                   WaiterConfig={"Delay": 1, "MaxAttempts": 120})
    stack = settle(cfn, name)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert stack["Description"] == "A queue, a bucket and a log group."
    params = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
    assert params == {"Env": "live", "Timeout": "30", "Secret": "****"}
    out = outputs_of(stack)
    attributes = sqs.get_queue_attributes(QueueUrl=out["QueueUrl"],
                                          AttributeNames=["VisibilityTimeout", "QueueArn"])
    assert attributes["Attributes"]["VisibilityTimeout"] == "30"
    assert attributes["Attributes"]["QueueArn"] == out["QueueArn"]

    resources = cfn.describe_stack_resources(StackName=name)["StackResources"]
    assert sorted(r["LogicalResourceId"] for r in resources) == ["Bucket", "Group", "Queue"]
    assert all(r["ResourceStatus"] == "CREATE_COMPLETE" for r in resources)
    summaries = cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]
    assert {s["ResourceType"] for s in summaries} == {"AWS::SQS::Queue", "AWS::S3::Bucket",
                                                     "AWS::Logs::LogGroup"}
    group = cfn.describe_stack_resource(StackName=name, LogicalResourceId="Group")
    assert group["StackResourceDetail"]["PhysicalResourceId"].startswith(f"/cfn/{name}/live/")

    history = events(cfn, name)
    assert history[0]["LogicalResourceId"] == name
    assert history[0]["ResourceStatus"] == "CREATE_COMPLETE"
    assert history[-1]["ResourceStatus"] == "CREATE_IN_PROGRESS"
    assert history[-1]["ResourceStatusReason"] == "User Initiated"
    queue_statuses = [e["ResourceStatus"] for e in reversed(history)
                      if e["LogicalResourceId"] == "Queue"]
    assert queue_statuses[0] == "CREATE_IN_PROGRESS"
    assert queue_statuses[-1] == "CREATE_COMPLETE"

    body = cfn.get_template(StackName=name)["TemplateBody"]
    assert "A queue, a bucket and a log group." in str(body)
    listed = cfn.list_stacks(StackStatusFilter=["CREATE_COMPLETE"])["StackSummaries"]
    assert name in [s["StackName"] for s in listed]

    cfn.delete_stack(StackName=name)
    cfn.get_waiter("stack_delete_complete").wait(StackName=name,
                                                   WaiterConfig={"Delay": 1, "MaxAttempts": 120})
    with pytest.raises(ClientError) as error:
        sqs.get_queue_attributes(QueueUrl=out["QueueUrl"], AttributeNames=["All"])
    assert "NonExistentQueue" in str(error.value) or "QueueDoesNotExist" in str(error.value)
    with pytest.raises(ClientError) as missing:
        cfn.describe_stacks(StackName=name)
    assert missing.value.response["Error"]["Code"] == "ValidationError"
    assert missing.value.response["Error"]["Message"] == f"Stack with id {name} does not exist"
    deleted = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]
    assert deleted["StackStatus"] == "DELETE_COMPLETE"


def test_update_in_place_and_by_replacement(cfn, sqs, stack_name):
    name = stack_name("update")
    cfn.create_stack(StackName=name, TemplateBody=QUEUE_TEMPLATE)
    before = outputs_of(settle(cfn, name))

    cfn.update_stack(StackName=name, TemplateBody=QUEUE_TEMPLATE,
                     Parameters=[{"ParameterKey": "Timeout", "ParameterValue": "90"},
                                 {"ParameterKey": "Env", "UsePreviousValue": True}])
    stack = settle(cfn, name)
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    after = outputs_of(stack)
    assert after["QueueUrl"] == before["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=after["QueueUrl"],
                                          AttributeNames=["VisibilityTimeout"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "90"

    # A new QueueName replaces the queue: the new one is made, the old one deleted.
    replaced = QUEUE_TEMPLATE.replace("VisibilityTimeout: !Ref Timeout",
                                      f"VisibilityTimeout: !Ref Timeout\n      QueueName: {name}-q")
    cfn.update_stack(StackName=name, TemplateBody=replaced,
                     Parameters=[{"ParameterKey": "Timeout", "UsePreviousValue": True}])
    stack = settle(cfn, name)
    assert stack["StackStatus"] == "UPDATE_COMPLETE"
    newest = outputs_of(stack)
    assert newest["QueueUrl"].endswith(f"/{name}-q")
    statuses = [e["ResourceStatus"] for e in events(cfn, name)
                if e["LogicalResourceId"] == name]
    assert "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS" in statuses
    with pytest.raises(ClientError):
        sqs.get_queue_attributes(QueueUrl=after["QueueUrl"], AttributeNames=["All"])
    # The log group's name follows the queue's name: it was replaced as well.
    group = cfn.describe_stack_resource(StackName=name, LogicalResourceId="Group")
    assert group["StackResourceDetail"]["PhysicalResourceId"].endswith(f"/{name}-q")

    with pytest.raises(ClientError) as same:
        cfn.update_stack(StackName=name, TemplateBody=replaced,
                         Parameters=[{"ParameterKey": "Timeout", "UsePreviousValue": True}])
    assert same.value.response["Error"]["Message"] == "No updates are to be performed."


def test_failed_create_rolls_back(cfn, stack_name):
    name = stack_name("rollback")
    template = """
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Thing:
    Type: AWS::Made::Up
    DependsOn: Queue
"""
    cfn.create_stack(StackName=name, TemplateBody=template)
    stack = settle(cfn, name)
    assert stack["StackStatus"] == "ROLLBACK_COMPLETE"
    history = events(cfn, name)
    failed = [e for e in history if e["ResourceStatus"] == "CREATE_FAILED"]
    assert failed[0]["LogicalResourceId"] == "Thing"
    assert failed[0]["ResourceStatusReason"] == "Unsupported resource type: AWS::Made::Up"
    rollback = [e for e in history if e["ResourceStatus"] == "ROLLBACK_IN_PROGRESS"]
    assert rollback[0]["ResourceStatusReason"] == (
        "The following resource(s) failed to create: [Thing]. Rollback requested by user.")
    assert any(e["LogicalResourceId"] == "Queue" and e["ResourceStatus"] == "DELETE_COMPLETE"
               for e in history)
    assert cfn.describe_stack_resources(StackName=name)["StackResources"] == []


def test_failed_update_rolls_back(cfn, sqs, stack_name):
    name = stack_name("updrollback")
    cfn.create_stack(StackName=name, TemplateBody=QUEUE_TEMPLATE)
    before = outputs_of(settle(cfn, name))
    broken = QUEUE_TEMPLATE.replace("Outputs:", """  Odd:
    Type: AWS::Made::Up
    DependsOn: Queue
Outputs:""")
    cfn.update_stack(StackName=name, TemplateBody=broken,
                     Parameters=[{"ParameterKey": "Timeout", "ParameterValue": "77"}])
    stack = settle(cfn, name)
    assert stack["StackStatus"] == "UPDATE_ROLLBACK_COMPLETE"
    params = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
    assert params["Timeout"] == "30"
    attributes = sqs.get_queue_attributes(QueueUrl=before["QueueUrl"],
                                          AttributeNames=["VisibilityTimeout"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "30"


def test_validation_errors(cfn, stack_name):
    name = stack_name("invalid")

    def error_of(**kwargs):
        with pytest.raises(ClientError) as error:
            cfn.create_stack(StackName=name, **kwargs)
        return error.value.response["Error"]

    err = error_of(TemplateBody=QUEUE_TEMPLATE,
                   Parameters=[{"ParameterKey": "Env", "ParameterValue": "prod"}])
    assert err["Code"] == "ValidationError"
    assert err["Message"] == "Parameter 'Env' must be one of AllowedValues"
    err = error_of(TemplateBody="Parameters:\n  Need: {Type: String}\nResources:\n"
                                "  Q: {Type: AWS::SQS::Queue}\n")
    assert err["Message"] == "Parameters: [Need] must have values"
    err = error_of(TemplateBody="""
Resources:
  A: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt B.QueueName}}
  B: {Type: AWS::SQS::Queue, Properties: {QueueName: !GetAtt A.QueueName}}
""")
    assert err["Code"] == "ValidationError"
    assert err["Message"] == "Circular dependency between resources: [A, B]"
    err = error_of(TemplateBody="Resources:\n  A: {Type: AWS::SQS::Queue, "
                                "Properties: {QueueName: !Ref Nope}}\n")
    assert err["Message"] == ("Template format error: Unresolved resource dependencies [Nope] "
                              "in the Resources block of the template")
    err = error_of(TemplateBody="Resources:\n  R:\n    Type: AWS::IAM::Role\n")
    assert err["Code"] == "InsufficientCapabilitiesException"
    assert err["Message"] == "Requires capabilities : [CAPABILITY_IAM]"
    with pytest.raises(ClientError) as invalid:
        cfn.validate_template(TemplateBody="Resources: [unclosed")
    assert invalid.value.response["Error"]["Code"] == "ValidationError"
    assert "Template format error" in invalid.value.response["Error"]["Message"]
    valid = cfn.validate_template(TemplateBody=QUEUE_TEMPLATE)
    assert {p["ParameterKey"] for p in valid["Parameters"]} == {"Env", "Timeout", "Secret"}


def test_exports_and_imports(cfn, stack_name):
    producer = stack_name("producer")
    cfn.create_stack(StackName=producer, TemplateBody=QUEUE_TEMPLATE)
    url = outputs_of(settle(cfn, producer))["QueueUrl"]
    exports = {e["Name"]: e["Value"] for e in cfn.list_exports()["Exports"]}
    assert exports[f"{producer}-queue-url"] == url

    consumer = stack_name("consumer")
    cfn.create_stack(StackName=consumer, TemplateBody=f"""
Resources:
  Group:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Join ['', ['/imported/', !Select [4, !Split ['/', !ImportValue {producer}-queue-url]]]]
Outputs:
  Imported:
    Value: !ImportValue {producer}-queue-url
""")
    stack = settle(cfn, consumer)
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    assert outputs_of(stack)["Imported"] == url
    assert cfn.list_imports(ExportName=f"{producer}-queue-url")["Imports"] == [consumer]

    cfn.delete_stack(StackName=producer)
    stack = settle(cfn, producer)
    assert stack["StackStatus"] == "DELETE_FAILED"
    assert stack["StackStatusReason"] == (
        f"Export {producer}-queue-url cannot be deleted as it is in use by {consumer}")
    cfn.delete_stack(StackName=consumer)
    settle_deleted(cfn, consumer)
    cfn.delete_stack(StackName=producer)
    settle_deleted(cfn, producer)


def settle_deleted(cfn, name):
    cfn.get_waiter("stack_delete_complete").wait(StackName=name,
                                                   WaiterConfig={"Delay": 1, "MaxAttempts": 120})


def test_change_sets(cfn, stack_name):
    name = stack_name("changeset")
    created = cfn.create_change_set(StackName=name, ChangeSetName="first",
                                    ChangeSetType="CREATE", TemplateBody=QUEUE_TEMPLATE)
    assert cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"] == "REVIEW_IN_PROGRESS"
    cfn.get_waiter("change_set_create_complete").wait(
        ChangeSetName=created["Id"], WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    described = cfn.describe_change_set(ChangeSetName="first", StackName=name)
    assert described["Status"] == "CREATE_COMPLETE"
    assert described["ExecutionStatus"] == "AVAILABLE"
    assert sorted((c["ResourceChange"]["Action"], c["ResourceChange"]["LogicalResourceId"])
                  for c in described["Changes"]) == [("Add", "Bucket"), ("Add", "Group"),
                                                      ("Add", "Queue")]
    cfn.execute_change_set(ChangeSetName=created["Id"])
    assert settle(cfn, name)["StackStatus"] == "CREATE_COMPLETE"

    cfn.create_change_set(StackName=name, ChangeSetName="timeout", TemplateBody=QUEUE_TEMPLATE,
                          Parameters=[{"ParameterKey": "Timeout", "ParameterValue": "60"}])
    modify = cfn.describe_change_set(ChangeSetName="timeout", StackName=name)
    changes = {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"]
               for c in modify["Changes"]}
    assert changes["Queue"]["Action"] == "Modify"
    assert changes["Queue"]["Replacement"] == "False"
    assert changes["Queue"]["Details"][0]["Target"]["Name"] == "VisibilityTimeout"
    listed = cfn.list_change_sets(StackName=name)["Summaries"]
    assert "timeout" in [s["ChangeSetName"] for s in listed]
    cfn.delete_change_set(ChangeSetName="timeout", StackName=name)
    with pytest.raises(ClientError) as gone:
        cfn.describe_change_set(ChangeSetName="timeout", StackName=name)
    assert gone.value.response["Error"]["Code"] == "ChangeSetNotFound"

    cfn.create_change_set(StackName=name, ChangeSetName="same", TemplateBody=QUEUE_TEMPLATE)
    same = cfn.describe_change_set(ChangeSetName="same", StackName=name)
    assert same["Status"] == "FAILED"
    assert same["StatusReason"] == ("The submitted information didn't contain changes. Submit "
                                    "different information to create a change set.")


def test_aws_cloudformation_deploy_twice(aws_cli, cfn, stack_name, tmp_path):
    name = stack_name("deploy")
    template = tmp_path / "stack.yaml"
    template.write_text(QUEUE_TEMPLATE)
    first = aws_cli.run_raw("cloudformation", "deploy", "--template-file", str(template),
                            "--stack-name", name, "--parameter-overrides", "Env=live",
                            timeout=180)
    assert first.returncode == 0, first.stderr
    assert f"Successfully created/updated stack - {name}" in first.stdout
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    second = aws_cli.run_raw("cloudformation", "deploy", "--template-file", str(template),
                             "--stack-name", name, "--parameter-overrides", "Env=live",
                             "--no-fail-on-empty-changeset", timeout=180)
    assert second.returncode == 0, second.stderr
    assert "No changes to deploy" in second.stdout


@pytest.mark.stratus_only
def test_stratus_deploy(endpoint, cfn, stack_name, tmp_path):
    from stratus_process import stratus_binary
    name = stack_name("cli")
    template = tmp_path / "stack.yaml"
    template.write_text(QUEUE_TEMPLATE)

    def deploy(path, *extra):
        return subprocess.run([stratus_binary(), "deploy", str(path), "--stack-name", name,
                               "--endpoint-url", endpoint, *extra],
                              capture_output=True, text=True, timeout=180)

    first = deploy(template, "--param", "Env=live")
    assert first.returncode == 0, first.stderr
    assert "Queue" in first.stdout and "CREATE_COMPLETE" in first.stdout
    assert f"Stack {name} is CREATE_COMPLETE" in first.stdout
    url = outputs_of(cfn.describe_stacks(StackName=name)["Stacks"][0])["QueueUrl"]
    assert f"QueueUrl = {url}" in first.stdout
    second = deploy(template, "--param", "Env=live")
    assert second.returncode == 0, second.stderr
    assert f"No changes to deploy. Stack {name} is up to date" in second.stdout

    broken = tmp_path / "broken.yaml"
    broken.write_text(QUEUE_TEMPLATE.replace("Outputs:", "  Odd:\n    Type: AWS::Made::Up\n"
                                                         "Outputs:"))
    failed = deploy(broken)
    assert failed.returncode == 1
    assert "UPDATE_ROLLBACK_COMPLETE" in failed.stderr
    assert "Unsupported resource type: AWS::Made::Up" in failed.stderr


EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                        "batch-etl")


def test_batch_etl_stack_deploys(cfn, endpoint, target, stack_name, tmp_path):
    """The batch ETL pipeline's template: IAM roles and a policy, an inline Node.js Lambda, a
    Lambda from a zip in S3 and a state machine whose DefinitionString is a !Sub with a map."""
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    bucket = f"cfn-lambda-{uuid.uuid4().hex[:8]}"
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                      aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                      config=Config(s3={"addressing_style": "path"})) \
        if target != "aws" else boto3.client("s3")
    s3.create_bucket(Bucket=bucket)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("mysql_connector/app.py",
                         "def lambda_handler(event, context):\n    return {'ok': True}\n")
    s3.put_object(Bucket=bucket, Key="mysql_connector/stack.zip", Body=package.getvalue())
    with open(os.path.join(EXAMPLES, "stack.yaml")) as f:
        template = f.read()
    name = stack_name("batchetl")
    suffix = uuid.uuid4().hex[:6]
    cfn.create_stack(StackName=name, TemplateBody=template, Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "S3LambdaBucket", "ParameterValue": bucket},
                                 {"ParameterKey": "ServiceName",
                                  "ParameterValue": f"mysql-connector-{suffix}"},
                                 {"ParameterKey": "Environment", "ParameterValue": "test"}])
    stack = settle(cfn, name)
    failures = [(e["LogicalResourceId"], e.get("ResourceStatusReason"))
                for e in events(cfn, name) if e["ResourceStatus"].endswith("FAILED")]
    assert stack["StackStatus"] == "CREATE_COMPLETE", failures
    resources = {r["LogicalResourceId"]: r for r in
                 cfn.describe_stack_resources(StackName=name)["StackResources"]}
    assert set(resources) == {"LambdaExecutionRole", "MyLambdaFunction", "MySqlConnectorLambda",
                              "StatesExecutionRole", "MyStateMachine", "LambdaRole",
                              "LambdaPolicy"}
    assert resources["MySqlConnectorLambda"]["PhysicalResourceId"] == f"mysql-connector-{suffix}-test"
    lam = boto3.client("lambda", endpoint_url=endpoint, region_name=REGION,
                       aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY) \
        if target != "aws" else boto3.client("lambda")
    configuration = lam.get_function_configuration(FunctionName=f"mysql-connector-{suffix}-test")
    assert configuration["Environment"]["Variables"]["DEBUG"] == "true"
    assert configuration["Handler"] == "mysql_connector/app.lambda_handler"
    sfn = boto3.client("stepfunctions", endpoint_url=endpoint, region_name=REGION,
                       aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY) \
        if target != "aws" else boto3.client("stepfunctions")
    machine = sfn.describe_state_machine(
        stateMachineArn=resources["MyStateMachine"]["PhysicalResourceId"])
    definition = json.loads(machine["definition"])
    assert definition["States"]["Extract from MySQL"]["Resource"] == configuration["FunctionArn"]
    assert "CREATE DATABASE if not exists mydatabase" in \
        definition["States"]["Create Athena DB"]["Parameters"]["QueryString"]

    # The same template and parameters again: a change set with no changes.
    cfn.create_change_set(StackName=name, ChangeSetName="again", TemplateBody=template,
                          Capabilities=["CAPABILITY_IAM"],
                          Parameters=[{"ParameterKey": k, "UsePreviousValue": True}
                                      for k in ("S3LambdaBucket", "ServiceName", "Environment")])
    assert cfn.describe_change_set(ChangeSetName="again", StackName=name)["Status"] == "FAILED"
    cfn.delete_stack(StackName=name)
    assert settle_deleted(cfn, name) is None


def test_termination_protection_and_template_summary(cfn, stack_name):
    name = stack_name("protected")
    cfn.create_stack(StackName=name, TemplateBody=QUEUE_TEMPLATE, EnableTerminationProtection=True)
    assert settle(cfn, name)["EnableTerminationProtection"] is True
    with pytest.raises(ClientError) as refused:
        cfn.delete_stack(StackName=name)
    assert refused.value.response["Error"]["Code"] == "ValidationError"
    assert "TerminationProtection is enabled" in refused.value.response["Error"]["Message"]
    cfn.update_termination_protection(StackName=name, EnableTerminationProtection=False)
    summary = cfn.get_template_summary(StackName=name)
    assert summary["ResourceTypes"] == ["AWS::Logs::LogGroup", "AWS::S3::Bucket",
                                        "AWS::SQS::Queue"]
    env = next(p for p in summary["Parameters"] if p["ParameterKey"] == "Env")
    assert env["ParameterConstraints"]["AllowedValues"] == ["staging", "live"]
    assert env["DefaultValue"] == "staging"
    iam = cfn.get_template_summary(TemplateBody="Resources:\n  R: {Type: AWS::IAM::Role}\n")
    assert iam["Capabilities"] == ["CAPABILITY_IAM"]
    cfn.delete_stack(StackName=name)
    settle_deleted(cfn, name)


def test_transform_is_rejected_clearly(cfn, stack_name):
    with pytest.raises(ClientError) as error:
        cfn.create_stack(StackName=stack_name("sam"), TemplateBody="""
Transform: AWS::Serverless-2016-10-31
Resources:
  F: {Type: AWS::Serverless::Function}
""")
    assert error.value.response["Error"]["Code"] == "ValidationError"
    assert error.value.response["Error"]["Message"] == \
        "Transform AWS::Serverless-2016-10-31 is not supported yet"


def test_template_url_reads_the_template_from_s3(cfn, endpoint, target, stack_name):
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                      aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                      config=Config(s3={"addressing_style": "path"})) \
        if target != "aws" else boto3.client("s3")
    bucket = f"cfn-templates-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="app/stack.yaml", Body=QUEUE_TEMPLATE.encode())
    url = f"{endpoint}/{bucket}/app/stack.yaml" if target != "aws" else \
        f"https://{bucket}.s3.amazonaws.com/app/stack.yaml"
    summary = cfn.get_template_summary(TemplateURL=url)
    assert summary["Description"] == "A queue, a bucket and a log group."
    name = stack_name("url")
    cfn.create_stack(StackName=name, TemplateURL=url)
    assert settle(cfn, name)["StackStatus"] == "CREATE_COMPLETE"
    with pytest.raises(ClientError) as missing:
        cfn.validate_template(TemplateURL=f"{endpoint}/{bucket}/nope.yaml")
    assert missing.value.response["Error"]["Code"] == "ValidationError"
    with pytest.raises(ClientError) as unsupported:
        cfn.validate_template(TemplateURL="ftp:nothing")
    assert unsupported.value.response["Error"]["Message"] == "TemplateURL must be a supported URL."
