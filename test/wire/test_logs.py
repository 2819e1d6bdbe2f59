"""CloudWatch Logs through boto3 and the AWS CLI.

Groups and streams (create, describe with prefixes and paging, delete), PutLogEvents
(chronological order, rejected-event info), GetLogEvents paging forward and backward
with AWS's token rule (the forward token repeats at the end of the stream),
FilterLogEvents across streams with filter patterns and nextToken paging (what
`aws logs tail` of awscli v2 calls), retention policies and tags. Written to AWS's
documented behaviour, so that it also runs against real AWS (--aws).
"""
import os
import sys
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402


@pytest.fixture(scope="session")
def logs(endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)
    if target == "aws":
        return boto3.client("logs", config=cfg)
    return boto3.client("logs", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture
def group(logs):
    name = f"/stratus/test/{uuid.uuid4().hex[:12]}"
    logs.create_log_group(logGroupName=name)
    yield name
    try:
        logs.delete_log_group(logGroupName=name)
    except ClientError:
        pass


def now_ms():
    return int(time.time() * 1000)


def error_code(excinfo):
    return excinfo.value.response["Error"]["Code"]


def test_create_describe_and_delete_groups(logs, group):
    with pytest.raises(ClientError) as e:
        logs.create_log_group(logGroupName=group)
    assert error_code(e) == "ResourceAlreadyExistsException"
    found = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    assert [g["logGroupName"] for g in found] == [group]
    assert found[0]["arn"].endswith(f":log-group:{group}:*")
    assert "retentionInDays" not in found[0]
    logs.delete_log_group(logGroupName=group)
    with pytest.raises(ClientError) as e:
        logs.delete_log_group(logGroupName=group)
    assert error_code(e) == "ResourceNotFoundException"


def test_describe_log_groups_pages(logs):
    prefix = f"/stratus/page/{uuid.uuid4().hex[:8]}/"
    names = [f"{prefix}{i}" for i in range(5)]
    for name in names:
        logs.create_log_group(logGroupName=name)
    try:
        seen = []
        for page in logs.get_paginator("describe_log_groups").paginate(
                logGroupNamePrefix=prefix, PaginationConfig={"PageSize": 2}):
            seen += [g["logGroupName"] for g in page["logGroups"]]
        assert seen == names
    finally:
        for name in names:
            logs.delete_log_group(logGroupName=name)


def test_streams_and_put_log_events(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="b")
    logs.create_log_stream(logGroupName=group, logStreamName="a")
    with pytest.raises(ClientError) as e:
        logs.create_log_stream(logGroupName=group, logStreamName="a")
    assert error_code(e) == "ResourceAlreadyExistsException"
    t = now_ms()
    logs.put_log_events(logGroupName=group, logStreamName="a",
                        logEvents=[{"timestamp": t, "message": "hello"},
                                   {"timestamp": t + 1, "message": "world"}])
    streams = logs.describe_log_streams(logGroupName=group)["logStreams"]
    assert [s["logStreamName"] for s in streams] == ["a", "b"]
    assert streams[0]["firstEventTimestamp"] == t
    assert streams[0]["lastEventTimestamp"] == t + 1
    newest = logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime",
                                       descending=True)["logStreams"]
    assert newest[0]["logStreamName"] == "a"
    with pytest.raises(ClientError) as e:
        logs.put_log_events(logGroupName=group, logStreamName="a",
                            logEvents=[{"timestamp": t + 5, "message": "x"},
                                       {"timestamp": t, "message": "y"}])
    assert error_code(e) == "InvalidParameterException"
    with pytest.raises(ClientError) as e:
        logs.put_log_events(logGroupName=group, logStreamName="nope",
                            logEvents=[{"timestamp": t, "message": "x"}])
    assert error_code(e) == "ResourceNotFoundException"


def test_put_log_events_reports_events_too_old(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    t = now_ms()
    old = t - 15 * 86400 * 1000
    out = logs.put_log_events(logGroupName=group, logStreamName="s",
                              logEvents=[{"timestamp": old, "message": "old"},
                                         {"timestamp": old + 1, "message": "older still"}])
    assert out["rejectedLogEventsInfo"]["tooOldLogEventEndIndex"] == 1
    logs.put_log_events(logGroupName=group, logStreamName="s",
                        logEvents=[{"timestamp": t, "message": "ok"}])
    events = logs.get_log_events(logGroupName=group, logStreamName="s")["events"]
    assert [e["message"] for e in events] == ["ok"]
    with pytest.raises(ClientError) as e:
        logs.put_log_events(logGroupName=group, logStreamName="s",
                            logEvents=[{"timestamp": t - 2 * 86400 * 1000, "message": "a"},
                                       {"timestamp": t, "message": "b"}])
    assert error_code(e) == "InvalidParameterException"


def test_get_log_events_pages_both_ways(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    t = now_ms()
    logs.put_log_events(logGroupName=group, logStreamName="s",
                        logEvents=[{"timestamp": t + i, "message": f"m{i}"} for i in range(5)])
    newest = logs.get_log_events(logGroupName=group, logStreamName="s", limit=2)
    assert [e["message"] for e in newest["events"]] == ["m3", "m4"]
    older = logs.get_log_events(logGroupName=group, logStreamName="s", limit=2,
                                nextToken=newest["nextBackwardToken"])
    assert [e["message"] for e in older["events"]] == ["m1", "m2"]
    head = logs.get_log_events(logGroupName=group, logStreamName="s", limit=3,
                               startFromHead=True)
    assert [e["message"] for e in head["events"]] == ["m0", "m1", "m2"]
    rest = logs.get_log_events(logGroupName=group, logStreamName="s", limit=3,
                               nextToken=head["nextForwardToken"])
    assert [e["message"] for e in rest["events"]] == ["m3", "m4"]
    end = logs.get_log_events(logGroupName=group, logStreamName="s",
                              nextToken=rest["nextForwardToken"])
    assert end["events"] == []
    assert end["nextForwardToken"] == rest["nextForwardToken"]


def test_filter_log_events_across_streams_with_patterns(logs, group):
    t = now_ms()
    for stream, offset in (("one", 0), ("two", 1)):
        logs.create_log_stream(logGroupName=group, logStreamName=stream)
        logs.put_log_events(logGroupName=group, logStreamName=stream,
                            logEvents=[{"timestamp": t + offset, "message": f"ERROR in {stream}"},
                                       {"timestamp": t + 10 + offset, "message": f"INFO {stream}"},
                                       {"timestamp": t + 20 + offset,
                                        "message": '{"level": "WARN", "ms": 250}'}])
    everything = logs.filter_log_events(logGroupName=group)["events"]
    assert len(everything) == 6
    assert [e["timestamp"] for e in everything] == sorted(e["timestamp"] for e in everything)
    errors = logs.filter_log_events(logGroupName=group, filterPattern="ERROR")["events"]
    assert [(e["logStreamName"], e["message"]) for e in errors] == [
        ("one", "ERROR in one"), ("two", "ERROR in two")]
    assert all("eventId" in e for e in errors)
    either = logs.filter_log_events(logGroupName=group, filterPattern="?ERROR ?INFO",
                                    logStreamNames=["two"])["events"]
    assert [e["message"] for e in either] == ["ERROR in two", "INFO two"]
    slow = logs.filter_log_events(logGroupName=group, filterPattern="{ $.ms > 200 }")["events"]
    assert len(slow) == 2
    window = logs.filter_log_events(logGroupName=group, startTime=t + 10, endTime=t + 11)
    assert [e["message"] for e in window["events"]] == ["INFO one", "INFO two"]


def test_filter_log_events_pages_with_next_token(logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    t = now_ms()
    logs.put_log_events(logGroupName=group, logStreamName="s",
                        logEvents=[{"timestamp": t + i, "message": f"m{i}"} for i in range(7)])
    seen = []
    for page in logs.get_paginator("filter_log_events").paginate(
            logGroupName=group, PaginationConfig={"PageSize": 3}):
        seen += [e["message"] for e in page["events"]]
    assert seen == [f"m{i}" for i in range(7)]


def test_retention_policy(logs, group):
    logs.put_retention_policy(logGroupName=group, retentionInDays=7)
    found = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]
    assert found["retentionInDays"] == 7
    with pytest.raises(ClientError) as e:
        logs.put_retention_policy(logGroupName=group, retentionInDays=8)
    assert error_code(e) == "InvalidParameterException"
    logs.delete_retention_policy(logGroupName=group)
    found = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]
    assert "retentionInDays" not in found


def test_tags(logs, group):
    arn = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]["arn"]
    arn = arn[:-2] if arn.endswith(":*") else arn
    logs.tag_resource(resourceArn=arn, tags={"team": "data", "env": "dev"})
    assert logs.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "data", "env": "dev"}
    logs.untag_resource(resourceArn=arn, tagKeys=["env"])
    assert logs.list_tags_log_group(logGroupName=group)["tags"] == {"team": "data"}


def test_cli_reads_events(aws_cli, logs, group):
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    logs.put_log_events(logGroupName=group, logStreamName="s",
                        logEvents=[{"timestamp": now_ms(), "message": "from the cli"}])
    out = aws_cli("logs", "filter-log-events", "--log-group-name", group)
    assert [e["message"] for e in out["events"]] == ["from the cli"]
    out = aws_cli("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", "s")
    assert [e["message"] for e in out["events"]] == ["from the cli"]
