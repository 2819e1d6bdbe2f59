"""CloudFormation resource types deployed through boto3, each checked through
its own service's API: SQS queues (with a redrive policy), S3 buckets, log
groups, IAM roles and policies, Lambda functions (inline and from a zip in
S3), Step Functions state machines, Glue and Athena resources, and the RDS
cluster, instance and parameter groups; generated names, Ref and Fn::GetAtt
values in outputs, and a create that fails on an unsupported property. Also
deploys the batch ETL's two templates (examples/batch-etl/cloudformation).
"""
import io
import json
import os
import re
import sys
import time
import uuid
import zipfile

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "batch-etl",
                    "cloudformation")
SETTLE_TIMEOUT = 300


def client(endpoint, target, service):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=120, connect_timeout=5)
    if target == "aws":
        return boto3.client(service, config=cfg)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture(scope="module")
def clients(endpoint, target):
    class Clients:
        def __getattr__(self, service):
            made = client(endpoint, target, service.rstrip("_").replace("_", "-"))
            setattr(self, service, made)
            return made
    return Clients()


@pytest.fixture
def deploy(clients):
    names = []

    def run(template, parameters=None, expect="CREATE_COMPLETE"):
        name = f"res-{uuid.uuid4().hex[:8]}"
        names.append(name)
        clients.cloudformation.create_stack(
            StackName=name, TemplateBody=template,
            Parameters=[{"ParameterKey": k, "ParameterValue": v}
                        for k, v in (parameters or {}).items()],
            Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
        stack = settle(clients.cloudformation, name)
        if stack["StackStatus"] != expect:
            reasons = [(e["LogicalResourceId"], e["ResourceStatus"], e.get("ResourceStatusReason"))
                       for e in clients.cloudformation.describe_stack_events(
                           StackName=name)["StackEvents"]]
            raise AssertionError(f"{name}: {stack['StackStatus']}: {reasons}")
        return stack

    yield run
    for name in reversed(names):
        try:
            clients.cloudformation.delete_stack(StackName=name)
            settle(clients.cloudformation, name)
        except ClientError:
            pass


def settle(cfn, name):
    deadline = time.time() + SETTLE_TIMEOUT
    while time.time() < deadline:
        try:
            stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        except ClientError:
            return {"StackStatus": "DELETE_COMPLETE"}
        if not stack["StackStatus"].endswith("_IN_PROGRESS"):
            return stack
        time.sleep(0.5)
    raise AssertionError(f"stack {name} did not settle")


def delete_stack(cfn, stack):
    cfn.delete_stack(StackName=stack["StackId"])
    assert settle(cfn, stack["StackId"])["StackStatus"] == "DELETE_COMPLETE"


def outputs(stack):
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def physical_ids(cfn, stack):
    resources = cfn.describe_stack_resources(StackName=stack["StackId"])["StackResources"]
    return {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in resources}


MESSAGING_TEMPLATE = """
AWSTemplateFormatVersion: 2010-09-09
Resources:
  DeadLetters:
    Type: AWS::SQS::Queue
  Work:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 45
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetters.Arn
        maxReceiveCount: 3
      Tags:
        - Key: team
          Value: data
  Lake:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: Enabled
      Tags:
        - Key: env
          Value: test
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 7
Outputs:
  WorkUrl:
    Value: !Ref Work
  WorkArn:
    Value: !GetAtt Work.Arn
  WorkName:
    Value: !GetAtt Work.QueueName
  Bucket:
    Value: !Ref Lake
  BucketArn:
    Value: !GetAtt Lake.Arn
  BucketDomain:
    Value: !GetAtt Lake.RegionalDomainName
  LogGroup:
    Value: !Ref Logs
  LogGroupArn:
    Value: !GetAtt Logs.Arn
"""


def test_queues_bucket_and_log_group(clients, deploy):
    stack = deploy(MESSAGING_TEMPLATE)
    out = outputs(stack)
    name = stack["StackName"]
    assert re.fullmatch(rf"{name}-Work-[A-Z0-9]{{13}}", out["WorkName"]), out["WorkName"]
    assert out["WorkUrl"].endswith("/" + out["WorkName"])
    attributes = clients.sqs.get_queue_attributes(
        QueueUrl=out["WorkUrl"], AttributeNames=["All"])["Attributes"]
    assert attributes["QueueArn"] == out["WorkArn"]
    assert attributes["VisibilityTimeout"] == "45"
    redrive = json.loads(attributes["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"].startswith(f"arn:aws:sqs:{REGION}:")
    assert int(redrive["maxReceiveCount"]) == 3
    assert clients.sqs.list_queue_tags(QueueUrl=out["WorkUrl"])["Tags"] == {"team": "data"}

    bucket = out["Bucket"]
    assert re.fullmatch(rf"{name}-lake-[a-z0-9]{{13}}", bucket), bucket
    assert out["BucketArn"] == f"arn:aws:s3:::{bucket}"
    assert out["BucketDomain"] == f"{bucket}.s3.{REGION}.amazonaws.com"
    assert clients.s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    assert clients.s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [
        {"Key": "env", "Value": "test"}]

    groups = clients.logs.describe_log_groups(logGroupNamePrefix=out["LogGroup"])["logGroups"]
    assert [g["retentionInDays"] for g in groups] == [7]
    assert out["LogGroupArn"].endswith(f":log-group:{out['LogGroup']}:*")

    delete_stack(clients.cloudformation, stack)
    with pytest.raises(ClientError):
        clients.sqs.get_queue_attributes(QueueUrl=out["WorkUrl"], AttributeNames=["All"])
    with pytest.raises(ClientError):
        clients.s3.head_bucket(Bucket=bucket)
    assert clients.logs.describe_log_groups(
        logGroupNamePrefix=out["LogGroup"])["logGroups"] == []


FUNCTION_TEMPLATE = """
AWSTemplateFormatVersion: 2010-09-09
Resources:
  FunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  FunctionPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: logs
      Roles: [!Ref FunctionRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: logs:*
            Resource: "*"
  Hello:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: !GetAtt FunctionRole.Arn
      Runtime: nodejs18.x
      Timeout: "25"
      Environment:
        Variables:
          GREETING: Hello
          COUNT: 2
      Code:
        ZipFile: |
          exports.handler = async () => `${process.env.GREETING} World! x${process.env.COUNT}`;
  StatesRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: !Sub "states.${AWS::Region}.amazonaws.com"}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: lambda:InvokeFunction
                Resource: "*"
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt StatesRole.Arn
      DefinitionString: !Sub
        - |-
          {"StartAt": "Hello", "States": {"Hello": {"Type": "Task", "Resource": "${fn}", "End": true}}}
        - fn: !GetAtt Hello.Arn
Outputs:
  Function:
    Value: !Ref Hello
  FunctionArn:
    Value: !GetAtt Hello.Arn
  Role:
    Value: !Ref FunctionRole
  RoleArn:
    Value: !GetAtt FunctionRole.Arn
  Flow:
    Value: !Ref Flow
  FlowName:
    Value: !GetAtt Flow.Name
"""


def test_role_policy_function_and_state_machine(clients, deploy):
    stack = deploy(FUNCTION_TEMPLATE)
    out = outputs(stack)
    role = clients.iam.get_role(RoleName=out["Role"])["Role"]
    assert role["Arn"] == out["RoleArn"]
    assert clients.iam.list_role_policies(RoleName=out["Role"])["PolicyNames"] == ["logs"]

    config = clients.lambda_.get_function_configuration(FunctionName=out["Function"])
    assert config["FunctionArn"] == out["FunctionArn"]
    assert config["Timeout"] == 25
    assert config["Environment"]["Variables"] == {"GREETING": "Hello", "COUNT": "2"}
    invoked = clients.lambda_.invoke(FunctionName=out["Function"], Payload=b"{}")
    assert json.loads(invoked["Payload"].read()) == "Hello World! x2"

    assert out["Flow"].endswith(":stateMachine:" + out["FlowName"])
    execution = clients.stepfunctions.start_execution(stateMachineArn=out["Flow"], input="{}")
    deadline = time.time() + 60
    while True:
        described = clients.stepfunctions.describe_execution(
            executionArn=execution["executionArn"])
        if described["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.3)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == "Hello World! x2"

    delete_stack(clients.cloudformation, stack)
    with pytest.raises(ClientError):
        clients.lambda_.get_function(FunctionName=out["Function"])
    with pytest.raises(ClientError):
        clients.iam.get_role(RoleName=out["Role"])


CATALOG_TEMPLATE = """
AWSTemplateFormatVersion: 2010-09-09
Parameters:
  Database:
    Type: String
Resources:
  Db:
    Type: AWS::Glue::Database
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseInput:
        Name: !Ref Database
  Users:
    Type: AWS::Glue::Table
    Properties:
      CatalogId: !Ref AWS::AccountId
      DatabaseName: !Ref Db
      TableInput:
        Name: users
        TableType: EXTERNAL_TABLE
        Parameters: {classification: csv}
        StorageDescriptor:
          Columns:
            - {Name: id, Type: bigint}
            - {Name: registration_date, Type: string}
          Location: s3://lake/users/
          InputFormat: org.apache.hadoop.mapred.TextInputFormat
          OutputFormat: org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat
          SerdeInfo:
            SerializationLibrary: org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe
            Parameters: {field.delim: ","}
  Group:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: !Sub "${AWS::StackName}-group"
      WorkGroupConfiguration:
        ResultConfiguration:
          OutputLocation: s3://lake/athena/
  Query:
    Type: AWS::Athena::NamedQuery
    Properties:
      Database: !Ref Db
      WorkGroup: !Ref Group
      QueryString: SELECT count(*) FROM users
Outputs:
  Table:
    Value: !Ref Users
  Group:
    Value: !Ref Group
  Query:
    Value: !Ref Query
"""


def test_glue_and_athena_resources(clients, deploy):
    database = f"db_{uuid.uuid4().hex[:8]}"
    stack = deploy(CATALOG_TEMPLATE, {"Database": database})
    out = outputs(stack)
    assert out["Table"] == "users"
    table = clients.glue.get_table(DatabaseName=database, Name="users")["Table"]
    assert [c["Name"] for c in table["StorageDescriptor"]["Columns"]] == ["id", "registration_date"]
    group = clients.athena.get_work_group(WorkGroup=out["Group"])["WorkGroup"]
    assert group["Configuration"]["ResultConfiguration"]["OutputLocation"] == "s3://lake/athena/"
    query = clients.athena.get_named_query(NamedQueryId=out["Query"])["NamedQuery"]
    assert query["QueryString"] == "SELECT count(*) FROM users"
    assert query["WorkGroup"] == out["Group"]

    delete_stack(clients.cloudformation, stack)
    with pytest.raises(ClientError):
        clients.glue.get_database(Name=database)
    with pytest.raises(ClientError):
        clients.athena.get_named_query(NamedQueryId=out["Query"])


BAD_PROPERTY_TEMPLATE = """
Resources:
  Fine:
    Type: AWS::SQS::Queue
  Broken:
    Type: AWS::SQS::Queue
    DependsOn: Fine
    Properties:
      Colour: blue
"""


def test_an_unsupported_property_fails_the_resource_and_rolls_back(clients, deploy):
    stack = deploy(BAD_PROPERTY_TEMPLATE, expect="ROLLBACK_COMPLETE")
    failed = [e for e in clients.cloudformation.describe_stack_events(
        StackName=stack["StackId"])["StackEvents"]
        if e["LogicalResourceId"] == "Broken" and e["ResourceStatus"] == "CREATE_FAILED"]
    assert failed and "Colour" in failed[0]["ResourceStatusReason"], failed
    name = stack["StackName"]
    assert not [u for u in clients.sqs.list_queues(QueueNamePrefix=name).get("QueueUrls", [])]


def connector_zip():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("mysql_connector/app.py",
                         "import os\n\ndef lambda_handler(event, context):\n"
                         "    return {'env': os.environ['ENV'], 'debug': os.environ['DEBUG']}\n")
    return data.getvalue()


def test_batch_etl_stack_template(clients, deploy):
    bucket = f"lambda-{uuid.uuid4().hex[:8]}"
    clients.s3.create_bucket(Bucket=bucket)
    clients.s3.put_object(Bucket=bucket, Key="mysql_connector/stack.zip", Body=connector_zip())
    with open(os.path.join(DATA, "stack.yaml")) as f:
        template = f.read()
    environment = "test"
    stack = deploy(template, {"S3LambdaBucket": bucket, "Environment": environment,
                              "ServiceName": f"conn-{uuid.uuid4().hex[:6]}"})
    ids = physical_ids(clients.cloudformation, stack)
    connector = ids["MySqlConnectorLambda"]
    config = clients.lambda_.get_function_configuration(FunctionName=connector)
    assert config["Handler"] == "mysql_connector/app.lambda_handler"
    assert config["Runtime"] == "python3.8"
    assert config["Timeout"] == 360
    assert config["Environment"]["Variables"] == {
        "DEBUG": "true", "LAMBDA_PATH": "mysql_connector/", "TESTING": "false", "ENV": environment}
    assert clients.lambda_.get_function(FunctionName=connector)["Tags"] == {"Service": "Datalake"}
    invoked = clients.lambda_.invoke(FunctionName=connector, Payload=b"{}")
    assert json.loads(invoked["Payload"].read()) == {"env": environment, "debug": "true"}
    hello = clients.lambda_.invoke(FunctionName=ids["MyLambdaFunction"], Payload=b"{}")
    assert json.loads(hello["Payload"].read()) == "Hello World!"

    machine = clients.stepfunctions.describe_state_machine(stateMachineArn=ids["MyStateMachine"])
    assert machine["name"] == f"ETL-StateMachine-{connector}"
    definition = json.loads(machine["definition"])
    assert definition["States"]["Extract from MySQL"]["Resource"] == config["FunctionArn"]
    assert "${" not in machine["definition"]
    policy = clients.iam.get_role_policy(RoleName=ids["LambdaRole"],
                                         PolicyName=f"{connector}-lambda-policy")
    assert policy["PolicyName"] == f"{connector}-lambda-policy"
    delete_stack(clients.cloudformation, stack)


def test_cfn_mysql_template(clients, deploy):
    with open(os.path.join(DATA, "cfn_mysql.yaml")) as f:
        template = f.read()
    stack = deploy(template)
    ids = physical_ids(clients.cloudformation, stack)
    assert ids["RDSDBInstance1"] == "mymysqldb"
    cluster = clients.rds.describe_db_clusters(
        DBClusterIdentifier=ids["RDSCluster"])["DBClusters"][0]
    assert cluster["Status"] == "available"
    assert cluster["Engine"] == "aurora-mysql"
    assert cluster["DBClusterParameterGroup"] == ids["RDSDBClusterParameterGroup"]
    role = clients.iam.get_role(RoleName=ids["MySQLRDSExecutionRole"])["Role"]
    assert [r["RoleArn"] for r in cluster["AssociatedRoles"]] == [role["Arn"]]
    instance = clients.rds.describe_db_instances(
        DBInstanceIdentifier="mymysqldb")["DBInstances"][0]
    assert instance["DBClusterIdentifier"] == ids["RDSCluster"]
    assert instance["DBInstanceStatus"] == "available"
    delete_stack(clients.cloudformation, stack)
    with pytest.raises(ClientError):
        clients.rds.describe_db_instances(DBInstanceIdentifier="mymysqldb")
