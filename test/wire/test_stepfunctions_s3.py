"""Step Functions Distributed Map states over S3 through boto3: an ItemReader
reading a CSV file (header row), a JSON array, JSON Lines and an
s3:listObjectsV2 listing from a bucket; a ResultWriter exporting
manifest.json and SUCCEEDED_0.json; a missing key failing the Map Run with
States.ItemReaderFailed; `stratus sfn run`, which has no S3, saying so.

Written to AWS's documentation ("ItemReader (Map)", "ResultWriter (Map)")
and its recorded executions (../shared/conformance/asl snapshots). Against
AWS the role (STRATUS_SFN_ROLE_ARN) must be allowed to read and write the
test buckets.
"""
import json
import os
import subprocess
import sys
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sfn_calls import history, run_to_end  # noqa: E402
from stratus_process import stratus_binary  # noqa: E402

REGION = "us-east-1"
ROLE = "arn:aws:iam::000000000000:role/stratus-sfn-s3-test"
DISTRIBUTED = {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}
CHILD_RECORD_FIELDS = {"ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails",
                       "RedriveCount", "RedriveStatus", "StartDate", "StateMachineArn", "Status",
                       "StopDate"}


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def sfn(endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)
    if target == "aws":
        return boto3.client("stepfunctions", config=cfg)
    return boto3.client("stepfunctions", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="x", aws_secret_access_key="x")


class Machines:
    """Creates state machines for one test and deletes them afterwards."""

    def __init__(self, client, role):
        self.client = client
        self.role = role
        self.arns = []

    def __call__(self, definition):
        arn = self.client.create_state_machine(
            name=f"s3map-{uuid.uuid4().hex[:12]}", definition=json.dumps(definition),
            roleArn=self.role)["stateMachineArn"]
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


def distributed_map(item_reader, result_writer=None, **fields):
    """A machine whose one state is a DISTRIBUTED Map with a Pass processor."""
    state = {"Type": "Map", "End": True, "ItemReader": item_reader,
             "ItemProcessor": {"ProcessorConfig": DISTRIBUTED, "StartAt": "Echo",
                               "States": {"Echo": {"Type": "Pass", "End": True}}}}
    if result_writer is not None:
        state["ResultWriter"] = result_writer
    state.update(fields)
    return {"StartAt": "Each", "States": {"Each": state}}


def get_object(bucket, key):
    return {"Resource": "arn:aws:states:::s3:getObject",
            "Parameters": {"Bucket": bucket, "Key": key}}


def run(sfn, machine_arn, payload=None):
    arn = sfn.start_execution(stateMachineArn=machine_arn,
                              input=json.dumps(payload or {}))["executionArn"]
    return run_to_end(sfn, arn, timeout=60)


def read_json(s3, bucket, key):
    return json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())


# ----------------------------------------------------------------------------- ItemReader


def test_csv_with_header_row_gives_one_object_of_strings_per_row(sfn, machines, s3, bucket):
    s3.put_object(Bucket=bucket, Key="data/users.csv",
                  Body=b"user_id,name,cost\n1,ann,2.5\n2,bob,3\n3,\"c, d\",0\n")
    reader = dict(get_object(bucket, "data/users.csv"),
                  ReaderConfig={"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})
    d = run(sfn, machines(distributed_map(reader)))
    assert d["status"] == "SUCCEEDED", d
    # AWS: every CSV value is a string; a quoted field keeps its comma.
    assert json.loads(d["output"]) == [
        {"user_id": "1", "name": "ann", "cost": "2.5"},
        {"user_id": "2", "name": "bob", "cost": "3"},
        {"user_id": "3", "name": "c, d", "cost": "0"},
    ]


def test_json_array_gives_its_elements(sfn, machines, s3, bucket):
    items = [{"n": 1}, {"n": 2, "tags": ["a"]}, "three", 4]
    s3.put_object(Bucket=bucket, Key="items.json", Body=json.dumps(items).encode())
    reader = dict(get_object(bucket, "items.json"), ReaderConfig={"InputType": "JSON"})
    d = run(sfn, machines(distributed_map(reader)))
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"]) == items


def test_json_lines_give_one_item_a_line_and_max_items_stops_early(sfn, machines, s3, bucket):
    lines = [{"line": i} for i in range(5)]
    s3.put_object(Bucket=bucket, Key="events.jsonl",
                  Body="".join(json.dumps(line) + "\n" for line in lines).encode())
    reader = dict(get_object(bucket, "events.jsonl"), ReaderConfig={"InputType": "JSONL"})
    d = run(sfn, machines(distributed_map(reader)))
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"]) == lines
    capped = dict(reader, ReaderConfig={"InputType": "JSONL", "MaxItems": 2})
    d = run(sfn, machines(distributed_map(capped)))
    assert json.loads(d["output"]) == lines[:2]


def test_list_objects_v2_gives_each_object_under_the_prefix(sfn, machines, s3, bucket):
    for key in ("logs/2024/a.txt", "logs/2024/b.txt", "logs/c.txt", "other/d.txt"):
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    reader = {"Resource": "arn:aws:states:::s3:listObjectsV2",
              "Parameters": {"Bucket": bucket, "Prefix": "logs/"}}
    d = run(sfn, machines(distributed_map(reader)))
    assert d["status"] == "SUCCEEDED", d
    listed = json.loads(d["output"])
    assert [o["Key"] for o in listed] == ["logs/2024/a.txt", "logs/2024/b.txt", "logs/c.txt"]
    for o in listed:
        # AWS: {Etag, Key, LastModified, Size, StorageClass}, the ETag with its quotes.
        assert set(o) == {"Etag", "Key", "LastModified", "Size", "StorageClass"}
        head = s3.head_object(Bucket=bucket, Key=o["Key"])
        assert o["Etag"] == head["ETag"]
        assert o["Size"] == head["ContentLength"] == len(o["Key"])
        assert o["StorageClass"] == "STANDARD"


def test_missing_key_fails_the_map_run_with_item_reader_failed(sfn, machines, bucket):
    reader = dict(get_object(bucket, "absent.json"), ReaderConfig={"InputType": "JSON"})
    d = run(sfn, machines(distributed_map(reader)))
    assert d["status"] == "FAILED", d
    events = history(sfn, d["executionArn"])
    # AWS (recorded, a failing ItemReader): the Map Run starts, then fails.
    assert [e["type"] for e in events] == [
        "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
        "MapRunFailed", "MapStateFailed", "ExecutionFailed"]
    run_failed = events[4]["mapRunFailedEventDetails"]
    failed = events[-1]["executionFailedEventDetails"]
    assert run_failed["error"] == failed["error"] == "States.ItemReaderFailed"
    assert "The specified key does not exist." in failed["cause"]
    assert "NoSuchKey" in failed["cause"]


# ----------------------------------------------------------------------------- ResultWriter


def test_result_writer_exports_manifest_and_succeeded_file(sfn, machines, s3, bucket):
    s3.put_object(Bucket=bucket, Key="in/users.csv", Body=b"id,name\n1,ann\n2,bob\n")
    reader = dict(get_object(bucket, "in/users.csv"),
                  ReaderConfig={"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})
    writer = {"Resource": "arn:aws:states:::s3:putObject",
              "Parameters": {"Bucket": bucket, "Prefix": "results"}}
    machine_arn = machines(distributed_map(reader, writer))
    d = run(sfn, machine_arn)
    assert d["status"] == "SUCCEEDED", d

    # AWS: the Map returns the Map Run and where its manifest is, under
    # <Prefix>/<map run id>/.
    output = json.loads(d["output"])
    map_run_arn = output["MapRunArn"]
    assert ":mapRun:" in map_run_arn
    folder = f"results/{map_run_arn.rsplit(':', 1)[1]}"
    assert output["ResultWriterDetails"] == {"Bucket": bucket, "Key": f"{folder}/manifest.json"}

    manifest = read_json(s3, bucket, f"{folder}/manifest.json")
    assert manifest["DestinationBucket"] == bucket
    assert manifest["MapRunArn"] == map_run_arn
    files = manifest["ResultFiles"]
    assert files["FAILED"] == [] and files["PENDING"] == []
    succeeded_key = f"{folder}/SUCCEEDED_0.json"
    size = s3.head_object(Bucket=bucket, Key=succeeded_key)["ContentLength"]
    assert files["SUCCEEDED"] == [{"Key": succeeded_key, "Size": size}]

    records = read_json(s3, bucket, succeeded_key)
    assert len(records) == 2
    by_input = {json.loads(r["Input"])["id"]: r for r in records}
    assert sorted(by_input) == ["1", "2"]
    for record in records:
        # AWS (Transformation NONE, the default of an export): the child
        # execution, its input and output as JSON text.
        assert CHILD_RECORD_FIELDS <= set(record), record
        assert record["Status"] == "SUCCEEDED"
        assert json.loads(record["Output"]) == json.loads(record["Input"])
        assert record["InputDetails"] == {"Included": True}
        assert record["ExecutionArn"].endswith(f":{record['Name']}")
    assert json.loads(by_input["2"]["Input"]) == {"id": "2", "name": "bob"}
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=folder)["Contents"]]
    assert keys == [f"{folder}/SUCCEEDED_0.json", f"{folder}/manifest.json"]


def test_result_writer_to_a_missing_bucket_fails_with_result_writer_failed(sfn, machines, s3,
                                                                           bucket):
    s3.put_object(Bucket=bucket, Key="items.json", Body=b"[1, 2]")
    reader = dict(get_object(bucket, "items.json"), ReaderConfig={"InputType": "JSON"})
    writer = {"Resource": "arn:aws:states:::s3:putObject",
              "Parameters": {"Bucket": f"{bucket}-absent", "Prefix": "out"}}
    d = run(sfn, machines(distributed_map(reader, writer)))
    assert d["status"] == "FAILED", d
    failed = history(sfn, d["executionArn"])[-1]["executionFailedEventDetails"]
    assert failed["error"] == "States.ResultWriterFailed"
    assert "NoSuchBucket" in failed["cause"]


# ----------------------------------------------------------------------------- stratus sfn run


@pytest.mark.stratus_only
def test_sfn_run_says_s3_is_not_available_to_an_item_reader(target, tmp_path):
    if target != "stratus":
        pytest.skip("runs the stratus binary itself")
    definition = tmp_path / "map.json"
    reader = dict(get_object("in", "items.json"), ReaderConfig={"InputType": "JSON"})
    definition.write_text(json.dumps(distributed_map(reader)))
    p = subprocess.run([stratus_binary(), "sfn", "run", str(definition)], capture_output=True,
                       text=True, timeout=60)
    assert p.returncode == 1, p.stderr + p.stdout
    assert "States.ItemReaderFailed" in p.stdout, p.stdout
    assert "Amazon S3 is not available to `stratus sfn run`" in p.stdout, p.stdout
