"""Lambda layers through boto3 and the AWS CLI.

PublishLayerVersion (from a zip and from S3), GetLayerVersion, GetLayerVersionByArn,
ListLayers and ListLayerVersions with their filters, DeleteLayerVersion, the layer version
policy operations, and functions that use layers: a Python module imported from /opt/python,
a second layer overriding a file of the first, the function's own code winning over /opt, a
Node module from /opt/nodejs/node_modules, a shell `provided` function running /opt/bin/tool,
a layer version deleted while a function uses it, published versions keeping their layers,
AWS's errors, kill -9 survival and a CloudFormation template with a layer and a function.
"""
import base64
import hashlib
import json
import os
import shutil
import sys
import tempfile
import uuid

import pytest
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from stratus_process import StratusProcess  # noqa: E402
from test_lambda import ROLE, _client, make_zip  # noqa: E402

ACCOUNT = "000000000000"

# Reports where its imports came from, so the test sees /opt (or the data dir without namespaces).
PY_HANDLER = '''
import os, sys
import greeting
import sitewide

def handler(event, context):
    return {"greeting": greeting.TEXT, "extra": getattr(greeting, "EXTRA", None),
            "helper": __import__("helper").VALUE if event.get("helper") else None,
            "file": greeting.__file__, "site": sitewide.VALUE,
            "task_root": os.environ["LAMBDA_TASK_ROOT"], "path": os.environ["PATH"],
            "ld": os.environ.get("LD_LIBRARY_PATH", "")}
'''

NODE_HANDLER = '''
const shout = require("shout");
exports.handler = async (event) => ({loud: shout(event.text), from: require.resolve("shout")});
'''

BOOTSTRAP_SH = '''#!/bin/sh
set -eu
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
  ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)"
  OUT="$(tool "$EVENT")"
  curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"tool\\": \\"$OUT\\", \\"which\\": \\"$(command -v tool)\\"}" >/dev/null
done
'''

TOOL_SH = '#!/bin/sh\necho "tool saw $(echo "$1" | tr -d \'{}" \')"\n'


def layer_name():
    return f"layer-{uuid.uuid4().hex[:10]}"


def error_code(raised):
    return raised.value.response["Error"]["Code"]


@pytest.fixture(scope="module")
def lam(endpoint, target):
    return _client("lambda", endpoint, target)


class Layers:
    def __init__(self, client):
        self.client = client
        self.published = []
        self.functions = []

    def publish(self, files, name=None, modes=None, **kwargs):
        name = name or layer_name()
        zip_bytes = make_zip(files, modes)
        out = self.client.publish_layer_version(LayerName=name, Content={"ZipFile": zip_bytes},
                                                **kwargs)
        self.published.append((name, out["Version"]))
        out["zip"] = zip_bytes
        out["name"] = name
        return out

    def function(self, files, handler, layers, runtime="python3.12", modes=None, **kwargs):
        name = f"fn-{uuid.uuid4().hex[:10]}"
        self.client.create_function(FunctionName=name, Runtime=runtime, Role=ROLE,
                                    Handler=handler, Code={"ZipFile": make_zip(files, modes)},
                                    Layers=layers, Timeout=10, **kwargs)
        self.functions.append(name)
        self.client.get_waiter("function_active_v2").wait(FunctionName=name)
        return name

    def cleanup(self):
        for name in self.functions:
            try:
                self.client.delete_function(FunctionName=name)
            except ClientError:
                pass
        for name, version in self.published:
            self.client.delete_layer_version(LayerName=name, VersionNumber=version)


@pytest.fixture
def layers(lam):
    made = Layers(lam)
    yield made
    made.cleanup()


def invoke(lam, name, event=None):
    out = lam.invoke(FunctionName=name, Payload=json.dumps(event or {}))
    body = json.loads(out["Payload"].read())
    assert "FunctionError" not in out, body
    return body


def python_layer(layers, text, extra=None, **kwargs):
    files = {"python/greeting.py": f'TEXT = "{text}"\n' + (f'EXTRA = "{extra}"\n' if extra else ""),
             "python/lib/python3.12/site-packages/sitewide.py": f'VALUE = "site-{text}"\n'}
    return layers.publish(files, CompatibleRuntimes=["python3.12", "python3.11"],
                          CompatibleArchitectures=["x86_64"], **kwargs)


def test_publish_answers_aws_shape_and_content_digest(lam, layers):
    out = python_layer(layers, "hello", Description="greetings", LicenseInfo="MIT")
    name = out["name"]
    assert out["Version"] == 1
    assert out["LayerArn"] == f"arn:aws:lambda:us-east-1:{ACCOUNT}:layer:{name}"
    assert out["LayerVersionArn"] == f"{out['LayerArn']}:1"
    assert out["Description"] == "greetings"
    assert out["LicenseInfo"] == "MIT"
    assert out["CompatibleRuntimes"] == ["python3.12", "python3.11"]
    assert out["CompatibleArchitectures"] == ["x86_64"]
    assert out["Content"]["CodeSize"] == len(out["zip"])
    assert out["Content"]["CodeSha256"] == base64.b64encode(
        hashlib.sha256(out["zip"]).digest()).decode()
    assert out["CreatedDate"].endswith("+0000")

    got = lam.get_layer_version(LayerName=name, VersionNumber=1)
    assert got["LayerVersionArn"] == out["LayerVersionArn"]
    assert got["Content"]["CodeSha256"] == out["Content"]["CodeSha256"]
    by_arn = lam.get_layer_version_by_arn(Arn=out["LayerVersionArn"])
    assert by_arn["Version"] == 1
    assert by_arn["Description"] == "greetings"
    # LayerName may be the layer's ARN.
    assert lam.get_layer_version(LayerName=out["LayerArn"], VersionNumber=1)["Version"] == 1


def test_python_function_imports_from_opt_and_a_later_layer_overrides(lam, layers):
    first = python_layer(layers, "from-first", extra="kept")
    second = layers.publish({"python/greeting.py": 'TEXT = "from-second"\n'})
    name = layers.function({"app.py": PY_HANDLER}, "app.handler", [first["LayerVersionArn"]])
    body = invoke(lam, name)
    assert body["greeting"] == "from-first"
    assert body["site"] == "site-from-first"
    assert body["file"].endswith("python/greeting.py")
    if body["task_root"] == "/var/task":
        assert body["file"] == "/opt/python/greeting.py"
        assert body["path"].endswith(":/opt/bin")
        assert "/opt/lib" in body["ld"]

    lam.update_function_configuration(FunctionName=name, Layers=[first["LayerVersionArn"],
                                                                 second["LayerVersionArn"]])
    lam.get_waiter("function_updated_v2").wait(FunctionName=name)
    body = invoke(lam, name)
    # The second layer's file wins; the first layer's other files stay.
    assert body["greeting"] == "from-second"
    assert body["extra"] is None
    assert body["site"] == "site-from-first"
    config = lam.get_function_configuration(FunctionName=name)
    assert config["Layers"] == [
        {"Arn": first["LayerVersionArn"], "CodeSize": len(first["zip"])},
        {"Arn": second["LayerVersionArn"], "CodeSize": len(second["zip"])}]
    assert lam.get_function(FunctionName=name)["Configuration"]["Layers"] == config["Layers"]


def test_function_code_wins_over_opt(lam, layers):
    layer = python_layer(layers, "from-layer")
    name = layers.function({"app.py": PY_HANDLER, "greeting.py": 'TEXT = "from-task"\n',
                            "helper.py": "VALUE = 1\n"},
                           "app.handler", [layer["LayerVersionArn"]])
    body = invoke(lam, name, {"helper": True})
    assert body["greeting"] == "from-task"
    assert body["helper"] == 1
    assert body["site"] == "site-from-layer"


def test_node_function_requires_from_opt_nodejs(lam, layers):
    layer = layers.publish({"nodejs/node_modules/shout/index.js":
                            "module.exports = (s) => s.toUpperCase() + '!';\n"},
                           CompatibleRuntimes=["nodejs20.x"])
    name = layers.function({"index.js": NODE_HANDLER}, "index.handler",
                           [layer["LayerVersionArn"]], runtime="nodejs20.x")
    body = invoke(lam, name, {"text": "hi"})
    assert body["loud"] == "HI!"
    assert body["from"].endswith("nodejs/node_modules/shout/index.js")


def test_provided_function_runs_a_tool_from_opt_bin(lam, layers):
    layer = layers.publish({"bin/tool": TOOL_SH}, modes={"bin/tool": 0o755})
    name = layers.function({"bootstrap": BOOTSTRAP_SH}, "unused", [layer["LayerVersionArn"]],
                           runtime="provided.al2023", modes={"bootstrap": 0o755})
    body = invoke(lam, name, {"k": "v"})
    assert body["tool"] == "tool saw k:v"
    assert body["which"].endswith("/bin/tool")


def test_deleted_layer_version_keeps_working_and_versions_keep_their_layers(lam, layers):
    layer = python_layer(layers, "snapshot")
    name = layers.function({"app.py": PY_HANDLER}, "app.handler", [layer["LayerVersionArn"]])
    version = lam.publish_version(FunctionName=name)
    assert version["Layers"][0]["Arn"] == layer["LayerVersionArn"]
    lam.delete_layer_version(LayerName=layer["name"], VersionNumber=1)
    with pytest.raises(ClientError) as raised:
        lam.get_layer_version(LayerName=layer["name"], VersionNumber=1)
    assert error_code(raised) == "ResourceNotFoundException"
    lam.update_function_configuration(FunctionName=name, Layers=[])
    lam.get_waiter("function_updated_v2").wait(FunctionName=name)
    assert "Layers" not in lam.get_function_configuration(FunctionName=name)
    # Version 1 still has the deleted layer version, and runs with it.
    body = json.loads(lam.invoke(FunctionName=name, Qualifier="1",
                                 Payload=b"{}")["Payload"].read())
    assert body["greeting"] == "snapshot"
    got = lam.get_function_configuration(FunctionName=name, Qualifier="1")
    assert got["Layers"] == [{"Arn": layer["LayerVersionArn"], "CodeSize": len(layer["zip"])}]
    # A version number is never reused.
    again = python_layer(layers, "again", name=layer["name"])
    assert again["Version"] == 2


def test_list_layers_and_versions_with_filters(lam, layers):
    name = layer_name()
    python_layer(layers, "one", name=name)
    layers.publish({"nodejs/x.js": ""}, name=name, CompatibleRuntimes=["nodejs20.x"],
                   CompatibleArchitectures=["arm64"])
    other = layers.publish({"a.txt": "a"}, CompatibleRuntimes=["nodejs20.x"])

    def listed(**kwargs):
        out = {}
        for page in lam.get_paginator("list_layers").paginate(**kwargs):
            for item in page["Layers"]:
                out[item["LayerName"]] = item
        return out

    everything = listed()
    assert everything[name]["LatestMatchingVersion"]["Version"] == 2
    assert everything[name]["LayerArn"].endswith(f":layer:{name}")
    assert other["name"] in everything
    python = listed(CompatibleRuntime="python3.12")
    assert python[name]["LatestMatchingVersion"]["Version"] == 1
    assert python[name]["LatestMatchingVersion"]["CompatibleRuntimes"] == ["python3.12",
                                                                          "python3.11"]
    assert other["name"] not in python
    arm = listed(CompatibleArchitecture="arm64")
    assert arm[name]["LatestMatchingVersion"]["Version"] == 2
    assert other["name"] not in arm

    versions = lam.list_layer_versions(LayerName=name)["LayerVersions"]
    assert [v["Version"] for v in versions] == [2, 1]
    assert versions[1]["LayerVersionArn"].endswith(f":layer:{name}:1")
    assert [v["Version"] for v in lam.list_layer_versions(
        LayerName=name, CompatibleRuntime="nodejs20.x")["LayerVersions"]] == [2]
    paged = lam.list_layer_versions(LayerName=name, MaxItems=1)
    assert [v["Version"] for v in paged["LayerVersions"]] == [2]
    rest = lam.list_layer_versions(LayerName=name, Marker=paged["NextMarker"])
    assert [v["Version"] for v in rest["LayerVersions"]] == [1]
    assert lam.list_layer_versions(LayerName=layer_name())["LayerVersions"] == []


def test_layer_version_policy(lam, layers):
    layer = python_layer(layers, "shared")
    name = layer["name"]
    with pytest.raises(ClientError) as raised:
        lam.get_layer_version_policy(LayerName=name, VersionNumber=1)
    assert error_code(raised) == "ResourceNotFoundException"
    added = lam.add_layer_version_permission(LayerName=name, VersionNumber=1, StatementId="all",
                                             Action="lambda:GetLayerVersion", Principal="*")
    statement = json.loads(added["Statement"])
    assert statement == {"Sid": "all", "Effect": "Allow", "Principal": "*",
                         "Action": "lambda:GetLayerVersion",
                         "Resource": layer["LayerVersionArn"]}
    second = lam.add_layer_version_permission(
        LayerName=name, VersionNumber=1, StatementId="acct", Action="lambda:GetLayerVersion",
        Principal="123456789012", RevisionId=added["RevisionId"])
    assert second["RevisionId"] != added["RevisionId"]
    policy = lam.get_layer_version_policy(LayerName=name, VersionNumber=1)
    assert policy["RevisionId"] == second["RevisionId"]
    document = json.loads(policy["Policy"])
    assert [s["Sid"] for s in document["Statement"]] == ["acct", "all"]
    assert document["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::123456789012:root"}

    with pytest.raises(ClientError) as raised:
        lam.add_layer_version_permission(LayerName=name, VersionNumber=1, StatementId="all",
                                         Action="lambda:GetLayerVersion", Principal="*")
    assert error_code(raised) == "ResourceConflictException"
    with pytest.raises(ClientError) as raised:
        lam.add_layer_version_permission(LayerName=name, VersionNumber=1, StatementId="late",
                                         Action="lambda:GetLayerVersion", Principal="*",
                                         RevisionId=added["RevisionId"])
    assert error_code(raised) == "PreconditionFailedException"
    with pytest.raises(ClientError) as raised:
        lam.add_layer_version_permission(LayerName=name, VersionNumber=7, StatementId="x",
                                         Action="lambda:GetLayerVersion", Principal="*")
    assert error_code(raised) == "ResourceNotFoundException"

    lam.remove_layer_version_permission(LayerName=name, VersionNumber=1, StatementId="all")
    lam.remove_layer_version_permission(LayerName=name, VersionNumber=1, StatementId="acct")
    with pytest.raises(ClientError) as raised:
        lam.remove_layer_version_permission(LayerName=name, VersionNumber=1, StatementId="all")
    assert error_code(raised) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        lam.get_layer_version_policy(LayerName=name, VersionNumber=1)
    assert error_code(raised) == "ResourceNotFoundException"


def test_errors(lam, layers):
    layer = python_layer(layers, "errors")
    arn = layer["LayerVersionArn"]
    with pytest.raises(ClientError) as raised:
        lam.get_layer_version(LayerName=layer["name"], VersionNumber=9)
    assert error_code(raised) == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        lam.get_layer_version_by_arn(Arn=arn[:-1] + "9")
    assert error_code(raised) == "ResourceNotFoundException"
    # Deleting a version that does not exist succeeds, as on AWS.
    lam.delete_layer_version(LayerName=layer["name"], VersionNumber=9)
    with pytest.raises(ClientError) as raised:
        layers.function({"app.py": PY_HANDLER}, "app.handler", [arn[:-1] + "9"])
    assert error_code(raised) == "InvalidParameterValueException"
    assert "does not exist" in raised.value.response["Error"]["Message"]
    second = python_layer(layers, "errors-2", name=layer["name"])
    with pytest.raises(ClientError) as raised:
        layers.function({"app.py": PY_HANDLER}, "app.handler",
                        [arn, second["LayerVersionArn"]])
    assert error_code(raised) == "InvalidParameterValueException"
    with pytest.raises(ClientError) as raised:
        layers.function({"app.py": PY_HANDLER}, "app.handler", [arn] * 6)
    assert error_code(raised) in ("InvalidParameterValueException", "ValidationException")
    with pytest.raises(ClientError) as raised:
        layers.publish({"a": "b"}, name="bad name!")
    assert error_code(raised) in ("InvalidParameterValueException", "ValidationException")
    with pytest.raises(ClientError) as raised:
        lam.publish_layer_version(LayerName=layer_name(), Content={"ZipFile": b"not a zip"})
    assert error_code(raised) == "InvalidParameterValueException"


def test_publish_from_s3(lam, layers, s3):
    bucket = f"layers-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    zip_bytes = make_zip({"python/greeting.py": 'TEXT = "from-s3"\n',
                          "python/sitewide.py": 'VALUE = "s3"\n'})
    s3.put_object(Bucket=bucket, Key="layer.zip", Body=zip_bytes)
    name = layer_name()
    out = lam.publish_layer_version(LayerName=name,
                                    Content={"S3Bucket": bucket, "S3Key": "layer.zip"})
    layers.published.append((name, out["Version"]))
    assert out["Content"]["CodeSize"] == len(zip_bytes)
    function = layers.function({"app.py": PY_HANDLER}, "app.handler", [out["LayerVersionArn"]])
    assert invoke(lam, function)["greeting"] == "from-s3"
    with pytest.raises(ClientError) as raised:
        lam.publish_layer_version(LayerName=name,
                                  Content={"S3Bucket": bucket, "S3Key": "missing.zip"})
    assert error_code(raised) == "InvalidParameterValueException"


@pytest.mark.stratus_only
def test_layers_survive_kill9(target):
    if target != "stratus":
        pytest.skip("needs a stratus process this test starts and kills")
    tmp = tempfile.mkdtemp(prefix="stratus-layers-")
    server = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"))
    server.start(timeout=10.0)
    try:
        client = _client("lambda", server.endpoint, "stratus")
        made = Layers(client)
        layer = python_layer(made, "durable", name="durable")
        made.function({"app.py": PY_HANDLER}, "app.handler", [layer["LayerVersionArn"]])
        client.add_layer_version_permission(LayerName="durable", VersionNumber=1,
                                            StatementId="all", Action="lambda:GetLayerVersion",
                                            Principal="*")
        server.kill9()
        server.start(timeout=10.0)
        client = _client("lambda", server.endpoint, "stratus")
        got = client.get_layer_version(LayerName="durable", VersionNumber=1)
        assert got["Content"]["CodeSha256"] == layer["Content"]["CodeSha256"]
        assert client.get_layer_version_policy(LayerName="durable", VersionNumber=1)["Policy"]
        assert invoke(client, made.functions[0])["greeting"] == "durable"
        assert client.publish_layer_version(
            LayerName="durable", Content={"ZipFile": layer["zip"]})["Version"] == 2
    finally:
        server.stop(grace=5.0)
        shutil.rmtree(tmp, ignore_errors=True)


TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Bucket:
    Type: String
  Key:
    Type: String
Resources:
  Deps:
    Type: AWS::Lambda::LayerVersion
    Properties:
      LayerName: !Sub "${AWS::StackName}-deps"
      Description: shared code
      CompatibleRuntimes: [python3.12]
      Content:
        S3Bucket: !Ref Bucket
        S3Key: !Ref Key
  DepsPermission:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      Action: lambda:GetLayerVersion
      LayerVersionArn: !Ref Deps
      Principal: "*"
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/lambda-role
      Layers: [!Ref Deps]
      Code:
        ZipFile: |
          import greeting
          def handler(event, context):
              return {"greeting": greeting.TEXT}
Outputs:
  LayerArn:
    Value: !Ref Deps
  FunctionName:
    Value: !Ref Fn
"""


def test_cloudformation_deploys_a_layer_and_a_function_using_it(lam, s3, aws_cli, endpoint, target,
                                                                tmp_path):
    cfn = _client("cloudformation", endpoint, target)
    bucket = f"layer-src-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    for key, text in (("one.zip", "one"), ("two.zip", "two")):
        s3.put_object(Bucket=bucket, Key=key,
                      Body=make_zip({"python/greeting.py": f'TEXT = "{text}"\n'}))
    stack = f"layers-{uuid.uuid4().hex[:8]}"
    template = tmp_path / "template.yaml"
    template.write_text(TEMPLATE)

    def deploy(key):
        done = aws_cli.run_raw("cloudformation", "deploy", "--stack-name", stack,
                               "--template-file", str(template), "--parameter-overrides",
                               f"Bucket={bucket}", f"Key={key}", timeout=180)
        assert done.returncode == 0, done.stderr
        outputs = cfn.describe_stacks(StackName=stack)["Stacks"][0]["Outputs"]
        return {o["OutputKey"]: o["OutputValue"] for o in outputs}

    try:
        outputs = deploy("one.zip")
        assert outputs["LayerArn"].endswith(f":layer:{stack}-deps:1")
        assert invoke(lam, outputs["FunctionName"]) == {"greeting": "one"}
        policy = lam.get_layer_version_policy(LayerName=f"{stack}-deps", VersionNumber=1)
        assert json.loads(policy["Policy"])["Statement"][0]["Principal"] == "*"

        # New content replaces the layer version; the function follows the new ARN.
        outputs = deploy("two.zip")
        assert outputs["LayerArn"].endswith(f":layer:{stack}-deps:2")
        assert invoke(lam, outputs["FunctionName"]) == {"greeting": "two"}
        config = lam.get_function_configuration(FunctionName=outputs["FunctionName"])
        assert [layer["Arn"] for layer in config["Layers"]] == [outputs["LayerArn"]]
        versions = lam.list_layer_versions(LayerName=f"{stack}-deps")["LayerVersions"]
        assert [v["Version"] for v in versions] == [2]
    finally:
        cfn.delete_stack(StackName=stack)
        cfn.get_waiter("stack_delete_complete").wait(StackName=stack)
    assert lam.list_layer_versions(LayerName=f"{stack}-deps")["LayerVersions"] == []
