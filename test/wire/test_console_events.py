"""The console's live execution events (docs/console.md): a stratus endpoint, no AWS API.

A plain HTTP client follows the stream as EventSource does (Last-Event-ID on
each reconnection) until `event: end`, and must see exactly the history that
GetExecutionHistory returns."""
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import boto3
import pytest

from sfn_calls import history

pytestmark = pytest.mark.stratus_only

ROLE = "arn:aws:iam::000000000000:role/stratus-console-test"

WAITING = {
    "StartAt": "First",
    "States": {
        "First": {"Type": "Pass", "Result": {"n": 1}, "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Last"},
        "Last": {"Type": "Pass", "End": True},
    },
}


@pytest.fixture(scope="module")
def sfn(endpoint):
    return boto3.client("stepfunctions", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


def events_url(endpoint, execution_arn):
    return f"{endpoint}/_stratus/states/executions/{urllib.parse.quote(execution_arn, safe='')}/events"


def parse_stream(body):
    """(list of (id, event type, data), retry) of one text/event-stream answer."""
    out, retry, fields = [], None, {}
    for line in body.split("\n"):
        if line == "":
            if "event" in fields:
                out.append((fields.get("id"), fields["event"], fields.get("data", "")))
            fields = {}
            continue
        name, _, value = line.partition(": ")
        if name == "retry":
            retry = int(value)
        else:
            fields[name] = value
    return out, retry


def follow(endpoint, execution_arn, timeout=30.0):
    """Reads the stream as EventSource would until `end`; returns (events, number of requests)."""
    deadline = time.time() + timeout
    last_id, events, requests = None, [], 0
    while time.time() < deadline:
        request = urllib.request.Request(events_url(endpoint, execution_arn))
        if last_id is not None:
            request.add_header("Last-Event-ID", last_id)
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/event-stream")
            body = response.read().decode()
        requests += 1
        parsed, retry = parse_stream(body)
        assert retry == 100
        for event_id, kind, data in parsed:
            if kind == "end":
                assert json.loads(data)["status"] in {"SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"}
                return events, requests
            assert kind == "history"
            event = json.loads(data)
            assert str(event["id"]) == event_id
            events.append(event)
            last_id = event_id
    raise AssertionError(f"no end after {timeout} s; got {len(events)} events")


def test_stream_followed_with_last_event_id_matches_get_execution_history(endpoint, sfn):
    machine = sfn.create_state_machine(name=f"console-{uuid.uuid4().hex[:8]}",
                                       definition=json.dumps(WAITING), roleArn=ROLE)["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine, input='{"a": 1}')["executionArn"]
    streamed, requests = follow(endpoint, execution)
    # The Wait state makes the client wait at least once for news.
    assert requests >= 2
    recorded = history(sfn, execution)
    as_json = json.loads(json.dumps(recorded, default=lambda t: t.timestamp()))
    assert [e["id"] for e in streamed] == [e["id"] for e in as_json]
    assert [e["type"] for e in streamed] == [e["type"] for e in as_json]
    assert streamed[-1]["type"] == "ExecutionSucceeded"
    # Ask again from the last event: at once, only the end.
    body = urllib.request.urlopen(urllib.request.Request(
        events_url(endpoint, execution), headers={"Last-Event-ID": str(streamed[-1]["id"])}),
        timeout=5).read().decode()
    assert [kind for _, kind, _ in parse_stream(body)[0]] == ["end"]


def test_unknown_execution_is_404_with_a_json_error(endpoint):
    arn = "arn:aws:states:us-east-1:000000000000:execution:nothing:none"
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(events_url(endpoint, arn), timeout=5)
    assert raised.value.code == 404
    assert json.loads(raised.value.read())["__type"] == "ExecutionDoesNotExist"
