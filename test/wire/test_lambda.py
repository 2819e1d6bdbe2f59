"""Lambda through boto3 and the AWS CLI: functions run as local processes.

CreateFunction from a zip (a Python package folder handler in the style of the batch
ETL's mysql_connector; a Node inline handler as the template writes it; a `provided`
runtime whose bootstrap is a shell script talking to the Runtime API with curl), from
S3, and ImageUri rejected; Get/List/Update/Delete with the states SDK waiters expect;
Invoke RequestResponse (payload, X-Amz-Function-Error, LogType=Tail), Event (202, then
the function runs) and DryRun (204); timeouts, crashes and import errors as AWS words
them; the functions' output read back with CloudWatch Logs.
"""
import base64
import io
import json
import os
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

ROLE = "arn:aws:iam::000000000000:role/lambda-role"

APP_PY = '''
import json, os
import yaml

def lambda_handler(event, context):
    config = yaml.safe_load(open(os.path.join(os.path.dirname(__file__), "config.yml")))
    print("loading for", os.environ.get("ENV"), "request", context.aws_request_id)
    return {"statusCode": 200, "env": os.environ.get("ENV"),
            "db": config[os.environ.get("ENV", "staging")]["db"], "event": event,
            "function": context.function_name, "memory": context.memory_limit_in_mb,
            "group": context.log_group_name, "arn": context.invoked_function_arn,
            "region": os.environ.get("AWS_REGION"), "tz": os.environ.get("TZ"),
            "endpoint": os.environ.get("AWS_ENDPOINT_URL"),
            "task_root": os.environ.get("LAMBDA_TASK_ROOT")}

def fail(event, context):
    raise RuntimeError("the database is down")

def slow(event, context):
    import time
    print("going to sleep")
    time.sleep(10)

def crash(event, context):
    os._exit(1)

def queue_writer(event, context):
    import boto3
    sqs = boto3.client("sqs")
    sqs.send_message(QueueUrl=event["queue"], MessageBody=json.dumps(event))
    return "sent"
'''

CONFIG_YML = "staging:\n  db: staging-db\nproduction:\n  db: prod-db\n"

NODE_INDEX = 'exports.handler = (e, c, cb) => cb(null, "Hello World!")\n'

NODE_ASYNC = '''
exports.handler = async (event, context) => {
  console.log("node got", JSON.stringify(event));
  return {sum: event.a + event.b, left: context.getRemainingTimeInMillis() > 0,
          name: context.functionName};
};
exports.sync = (event) => ({echo: event});
exports.boom = async () => { throw new TypeError("bad input"); };
'''

BOOTSTRAP_SH = '''#!/bin/sh
set -eu
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
  ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)"
  echo "shell handler got $EVENT"
  curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"shell\\": $EVENT}" >/dev/null
done
'''


def make_zip(files, modes=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = ((modes or {}).get(name, 0o644) | 0o100000) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def _client(service, endpoint, target, read_timeout=60):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=read_timeout, connect_timeout=5)
    if target == "aws":
        return boto3.client(service, config=cfg)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture(scope="session")
def lam(endpoint, target):
    return _client("lambda", endpoint, target)


@pytest.fixture(scope="session")
def logs(endpoint, target):
    return _client("logs", endpoint, target)


class FunctionFactory:
    def __init__(self, client):
        self.client = client
        self.names = []

    def __call__(self, files, handler, runtime="python3.12", modes=None, **kwargs):
        name = f"fn-{uuid.uuid4().hex[:10]}"
        self.client.create_function(FunctionName=name, Runtime=runtime, Role=ROLE,
                                    Handler=handler, Code={"ZipFile": make_zip(files, modes)},
                                    **kwargs)
        self.names.append(name)
        self.client.get_waiter("function_active_v2").wait(FunctionName=name)
        return name

    def cleanup(self):
        for name in self.names:
            try:
                self.client.delete_function(FunctionName=name)
            except ClientError:
                pass


@pytest.fixture
def make_function(lam):
    factory = FunctionFactory(lam)
    yield factory
    factory.cleanup()


@pytest.fixture
def python_function(make_function):
    return make_function({"mysql_connector/__init__.py": "", "mysql_connector/app.py": APP_PY,
                          "mysql_connector/config.yml": CONFIG_YML},
                         "mysql_connector/app.lambda_handler", Timeout=2,
                         Environment={"Variables": {"ENV": "staging", "TESTING": "false"}})


def invoke(lam, name, event=None, **kwargs):
    payload = json.dumps(event if event is not None else {})
    out = lam.invoke(FunctionName=name, Payload=payload, **kwargs)
    out["Body"] = out["Payload"].read()
    return out


def test_python_package_handler_runs_with_aws_environment(lam, python_function, endpoint):
    out = invoke(lam, python_function, {"k": "v"}, LogType="Tail")
    assert out["StatusCode"] == 200
    assert "FunctionError" not in out
    body = json.loads(out["Body"])
    assert body["env"] == "staging"
    assert body["db"] == "staging-db"
    assert body["event"] == {"k": "v"}
    assert body["function"] == python_function
    assert body["memory"] == "128"
    assert body["group"] == f"/aws/lambda/{python_function}"
    assert body["arn"].endswith(f":function:{python_function}")
    assert body["region"] == REGION
    assert body["tz"] == ":UTC"
    assert body["endpoint"] is not None
    tail = base64.b64decode(out["LogResult"]).decode()
    assert "START RequestId:" in tail
    assert "loading for staging" in tail
    assert "REPORT RequestId:" in tail


def test_function_states_and_configuration(lam, python_function):
    config = lam.get_function_configuration(FunctionName=python_function)
    assert config["State"] == "Active"
    assert config["LastUpdateStatus"] == "Successful"
    assert config["Runtime"] == "python3.12"
    assert config["Timeout"] == 2
    assert config["Environment"]["Variables"]["ENV"] == "staging"
    got = lam.get_function(FunctionName=python_function)
    assert got["Configuration"]["CodeSha256"] == config["CodeSha256"]
    names = [f["FunctionName"] for f in lam.list_functions()["Functions"]]
    assert python_function in names
    updated = lam.update_function_configuration(
        FunctionName=python_function, Environment={"Variables": {"ENV": "production"}})
    assert updated["RevisionId"] != config["RevisionId"]
    lam.get_waiter("function_updated_v2").wait(FunctionName=python_function)
    body = json.loads(invoke(lam, python_function)["Body"])
    assert body["db"] == "prod-db"


def test_update_function_code_runs_the_new_code(lam, python_function):
    invoke(lam, python_function)
    lam.update_function_code(FunctionName=python_function, ZipFile=make_zip(
        {"mysql_connector/__init__.py": "",
         "mysql_connector/app.py": "def lambda_handler(e, c):\n    return 'v2'\n"}))
    lam.get_waiter("function_updated_v2").wait(FunctionName=python_function)
    assert json.loads(invoke(lam, python_function)["Body"]) == "v2"


def test_handler_error_is_unhandled(lam, python_function):
    lam.update_function_configuration(FunctionName=python_function,
                                      Handler="mysql_connector/app.fail")
    out = invoke(lam, python_function)
    assert out["StatusCode"] == 200
    assert out["FunctionError"] == "Unhandled"
    error = json.loads(out["Body"])
    assert error["errorType"] == "RuntimeError"
    assert error["errorMessage"] == "the database is down"


def test_timeout(lam, python_function, logs):
    lam.update_function_configuration(FunctionName=python_function,
                                      Handler="mysql_connector/app.slow", Timeout=1)
    started = time.time()
    out = invoke(lam, python_function, LogType="Tail")
    assert time.time() - started < 5
    assert out["FunctionError"] == "Unhandled"
    assert "Task timed out after 1.00 seconds" in json.loads(out["Body"])["errorMessage"]
    assert "Task timed out after 1.00 seconds" in base64.b64decode(out["LogResult"]).decode()


def test_crash_is_runtime_exit_error(lam, python_function):
    lam.update_function_configuration(FunctionName=python_function,
                                      Handler="mysql_connector/app.crash")
    out = invoke(lam, python_function)
    assert out["FunctionError"] == "Unhandled"
    assert json.loads(out["Body"])["errorType"] == "Runtime.ExitError"


def test_import_error(lam, make_function):
    name = make_function({"app.py": "import no_such_module\n"}, "app.handler")
    out = invoke(lam, name)
    assert out["FunctionError"] == "Unhandled"
    error = json.loads(out["Body"])
    assert error["errorType"] == "Runtime.ImportModuleError"
    assert error["errorMessage"] == \
        "Unable to import module 'app': No module named 'no_such_module'"


def test_node_inline_callback_handler(lam, make_function, aws_cli, tmp_path):
    name = make_function({"index.js": NODE_INDEX}, "index.handler", runtime="nodejs20.x")
    assert json.loads(invoke(lam, name)["Body"]) == "Hello World!"
    out_file = tmp_path / "out.json"
    result = aws_cli("lambda", "invoke", "--function-name", name, str(out_file))
    assert result["StatusCode"] == 200
    assert json.loads(out_file.read_text()) == "Hello World!"


def test_node_async_sync_and_error_handlers(lam, make_function):
    name = make_function({"src/app.js": NODE_ASYNC}, "src/app.handler", runtime="nodejs18.x")
    out = invoke(lam, name, {"a": 2, "b": 3}, LogType="Tail")
    assert json.loads(out["Body"]) == {"sum": 5, "left": True, "name": name}
    assert 'node got {"a":2,"b":3}' in base64.b64decode(out["LogResult"]).decode()
    lam.update_function_configuration(FunctionName=name, Handler="src/app.sync")
    assert json.loads(invoke(lam, name, {"x": 1})["Body"]) == {"echo": {"x": 1}}
    lam.update_function_configuration(FunctionName=name, Handler="src/app.boom")
    out = invoke(lam, name)
    assert out["FunctionError"] == "Unhandled"
    assert json.loads(out["Body"])["errorType"] == "TypeError"


def test_provided_runtime_runs_a_shell_bootstrap(lam, make_function):
    name = make_function({"bootstrap": BOOTSTRAP_SH}, "unused", runtime="provided.al2023",
                         modes={"bootstrap": 0o755})
    out = invoke(lam, name, {"n": 7}, LogType="Tail")
    assert json.loads(out["Body"]) == {"shell": {"n": 7}}
    assert 'shell handler got {"n": 7}' in base64.b64decode(out["LogResult"]).decode()


def test_warm_process_is_reused(lam, make_function):
    name = make_function({"app.py": "import os\ndef h(e, c):\n    return os.getpid()\n"}, "app.h")
    pids = {json.loads(invoke(lam, name)["Body"]) for _ in range(3)}
    assert len(pids) == 1


def test_event_and_dry_run_invocations(lam, make_function, logs):
    name = make_function({"app.py": "def h(e, c):\n    print('event says', e['word'])\n"}, "app.h")
    dry = lam.invoke(FunctionName=name, InvocationType="DryRun")
    assert dry["StatusCode"] == 204
    queued = lam.invoke(FunctionName=name, InvocationType="Event",
                        Payload=json.dumps({"word": "hello"}))
    assert queued["StatusCode"] == 202
    deadline = time.time() + 15
    messages = []
    while time.time() < deadline:
        try:
            messages = [e["message"] for e in
                        logs.filter_log_events(logGroupName=f"/aws/lambda/{name}")["events"]]
        except ClientError:
            messages = []
        if any("event says hello" in m for m in messages):
            break
        time.sleep(0.2)
    assert any("event says hello" in m for m in messages), messages


def test_logs_are_readable_with_cloudwatch_logs(lam, python_function, logs, aws_cli):
    invoke(lam, python_function)
    group = f"/aws/lambda/{python_function}"
    streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    assert len(streams) == 1
    assert "[$LATEST]" in streams[0]["logStreamName"]
    events = aws_cli("logs", "filter-log-events", "--log-group-name", group,
                     "--filter-pattern", "REPORT")["events"]
    assert len(events) == 1
    assert "Billed Duration" in events[0]["message"]


def test_functions_call_stratus_with_their_sdk(lam, make_function, sqs):
    files = {"mysql_connector/__init__.py": "", "mysql_connector/app.py": APP_PY,
             "mysql_connector/config.yml": CONFIG_YML}
    name = make_function(files, "mysql_connector/app.queue_writer", Timeout=20)
    url = sqs.create_queue(QueueName=f"from-lambda-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    try:
        out = invoke(lam, name, {"queue": url})
        assert json.loads(out["Body"]) == "sent", out["Body"]
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2)["Messages"]
        assert json.loads(messages[0]["Body"])["queue"] == url
    finally:
        sqs.delete_queue(QueueUrl=url)


def test_code_from_s3(lam, s3, make_bucket, make_function):
    bucket = make_bucket()
    s3.put_object(Bucket=bucket, Key="code/app.zip",
                  Body=make_zip({"app.py": "def h(e, c):\n    return 's3 code'\n"}))
    name = f"fn-{uuid.uuid4().hex[:10]}"
    lam.create_function(FunctionName=name, Runtime="python3.11", Role=ROLE, Handler="app.h",
                        Code={"S3Bucket": bucket, "S3Key": "code/app.zip"})
    make_function.names.append(name)
    assert json.loads(invoke(lam, name)["Body"]) == "s3 code"


def test_errors(lam, python_function):
    with pytest.raises(ClientError) as e:
        lam.get_function(FunctionName="no-such-function")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert "Function not found: arn:aws:lambda:" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        lam.create_function(FunctionName=python_function, Runtime="python3.12", Role=ROLE,
                            Handler="app.h", Code={"ZipFile": make_zip({"app.py": ""})})
    assert e.value.response["Error"]["Code"] == "ResourceConflictException"
    with pytest.raises(ClientError) as e:
        lam.create_function(FunctionName="image-fn", Role=ROLE, PackageType="Image",
                            Code={"ImageUri": "123.dkr.ecr.us-east-1.amazonaws.com/x:latest"})
    assert e.value.response["Error"]["Code"] == "InvalidParameterValueException"
    assert "not supported" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        lam.invoke(FunctionName=python_function, Payload=b"{not json")
    assert e.value.response["Error"]["Code"] == "InvalidRequestContentException"
    with pytest.raises(ClientError) as e:
        lam.update_function_configuration(FunctionName=python_function,
                                          Environment={"Variables": {"AWS_REGION": "x"}})
    assert e.value.response["Error"]["Code"] == "InvalidParameterValueException"
    lam.delete_function(FunctionName=python_function)
    with pytest.raises(ClientError) as e:
        lam.invoke(FunctionName=python_function)
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_state_machine_calls_two_functions(lam, make_function, endpoint, target):
    from sfn_calls import run_to_end  # noqa: PLC0415

    sfn = _client("stepfunctions", endpoint, target)
    first = make_function({"app.py": "def h(e, c):\n    return {'n': e['n'] + 1}\n"}, "app.h")
    second = make_function({"index.js": "exports.handler = async (e) => ({n: e.n * 10});\n"},
                           "index.handler", runtime="nodejs20.x")
    failing = make_function({"app.py": "def h(e, c):\n    raise KeyError('nope')\n"}, "app.h")
    arn = lam.get_function(FunctionName=first)["Configuration"]["FunctionArn"]
    definition = {
        "StartAt": "AddOne",
        "States": {
            "AddOne": {"Type": "Task", "Resource": arn, "Next": "TimesTen"},
            "TimesTen": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"FunctionName": second, "Payload.$": "$"},
                         "OutputPath": "$.Payload", "Next": "Fail"},
            "Fail": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": failing},
                     "Catch": [{"ErrorEquals": ["KeyError"], "ResultPath": "$.error",
                                "Next": "Done"}],
                     "End": True},
            "Done": {"Type": "Pass", "End": True},
        },
    }
    machine = sfn.create_state_machine(name=f"lambdas-{uuid.uuid4().hex[:8]}",
                                       definition=json.dumps(definition),
                                       roleArn="arn:aws:iam::000000000000:role/sfn")
    try:
        execution = sfn.start_execution(stateMachineArn=machine["stateMachineArn"],
                                        input=json.dumps({"n": 1}))
        done = run_to_end(sfn, execution["executionArn"], timeout=60)
        assert done["status"] == "SUCCEEDED", done
        output = json.loads(done["output"])
        assert output["n"] == 20
        assert output["error"]["Error"] == "KeyError"
    finally:
        sfn.delete_state_machine(stateMachineArn=machine["stateMachineArn"])


def test_event_invoke_config_sends_records_to_sqs_destinations(lam, make_function, sqs):
    ok = make_function({"app.py": "def h(e, c):\n    return {'doubled': e['n'] * 2}\n"}, "app.h")
    bad = make_function({"app.py": "def h(e, c):\n    raise ValueError('no')\n"}, "app.h")
    urls = [sqs.create_queue(QueueName=f"dest-{uuid.uuid4().hex[:8]}")["QueueUrl"]
            for _ in range(2)]
    arns = [sqs.get_queue_attributes(QueueUrl=u, AttributeNames=["QueueArn"])
            ["Attributes"]["QueueArn"] for u in urls]
    try:
        lam.put_function_event_invoke_config(
            FunctionName=ok, DestinationConfig={"OnSuccess": {"Destination": arns[0]}})
        config = lam.put_function_event_invoke_config(
            FunctionName=bad, MaximumRetryAttempts=0,
            DestinationConfig={"OnFailure": {"Destination": arns[1]}})
        assert config["MaximumRetryAttempts"] == 0
        assert lam.get_function_event_invoke_config(FunctionName=bad)[
            "DestinationConfig"]["OnFailure"]["Destination"] == arns[1]
        lam.invoke(FunctionName=ok, InvocationType="Event", Payload=json.dumps({"n": 21}))
        lam.invoke(FunctionName=bad, InvocationType="Event", Payload=json.dumps({"n": 1}))
        records = []
        for url in urls:
            messages = []
            deadline = time.time() + 20
            while not messages and time.time() < deadline:
                messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
            assert messages, f"nothing arrived at {url}"
            records.append(json.loads(messages[0]["Body"]))
        success, failure = records
        assert success["requestContext"]["condition"] == "Success"
        assert success["requestPayload"] == {"n": 21}
        assert success["responsePayload"] == {"doubled": 42}
        assert failure["requestContext"]["condition"] == "RetriesExhausted"
        assert failure["requestContext"]["approximateInvokeCount"] == 1
        assert failure["responseContext"]["functionError"] == "Unhandled"
        assert failure["responsePayload"]["errorMessage"] == "no"
    finally:
        for url in urls:
            sqs.delete_queue(QueueUrl=url)


SQS_CONSUMER = '''
def handler(event, context):
    failures = []
    for record in event["Records"]:
        print("consumed", record["body"], record["eventSource"])
        if record["body"] == "bad":
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
'''


def test_sqs_event_source_mapping_with_partial_batch_failures(lam, make_function, sqs, logs):
    name = make_function({"app.py": SQS_CONSUMER}, "app.handler")
    dlq = sqs.create_queue(QueueName=f"esm-dlq-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    url = sqs.create_queue(QueueName=f"esm-{uuid.uuid4().hex[:8]}", Attributes={
        "VisibilityTimeout": "1",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})})[
        "QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])[
        "Attributes"]["QueueArn"]
    uuid_ = None
    try:
        for body in ["ok-1", "ok-2", "bad", "ok-3"]:
            sqs.send_message(QueueUrl=url, MessageBody=body)
        mapping = lam.create_event_source_mapping(
            EventSourceArn=arn, FunctionName=name, BatchSize=10,
            FunctionResponseTypes=["ReportBatchItemFailures"])
        uuid_ = mapping["UUID"]
        assert mapping["State"] == "Creating"
        assert lam.get_event_source_mapping(UUID=uuid_)["State"] == "Enabled"
        assert [m["UUID"] for m in lam.list_event_source_mappings(FunctionName=name)[
            "EventSourceMappings"]] == [uuid_]
        dead = []
        deadline = time.time() + 30
        while not dead and time.time() < deadline:
            dead = sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=1).get("Messages", [])
        assert [m["Body"] for m in dead] == ["bad"]
        attributes = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                          "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        assert attributes["ApproximateNumberOfMessages"] == "0"
        assert attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
        messages = [e["message"] for e in logs.filter_log_events(
            logGroupName=f"/aws/lambda/{name}", filterPattern="consumed")["events"]]
        for body in ["ok-1", "ok-2", "ok-3"]:
            assert f"consumed {body} aws:sqs" in messages
        deleted = lam.delete_event_source_mapping(UUID=uuid_)
        assert deleted["State"] == "Deleting"
        uuid_ = None
        assert lam.list_event_source_mappings(FunctionName=name)["EventSourceMappings"] == []
    finally:
        if uuid_:
            lam.delete_event_source_mapping(UUID=uuid_)
        sqs.delete_queue(QueueUrl=url)
        sqs.delete_queue(QueueUrl=dlq)
