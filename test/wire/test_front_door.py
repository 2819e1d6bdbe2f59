"""The HTTP front door: health, routing of unknown services/operations, auth leniency, keep-alive.

Tests marked stratus_only check stratus's own endpoint or its local-dev
leniency (any credentials, unsigned requests) and are skipped elsewhere.
"""
import http.client
import json
import threading
import urllib.parse

import boto3
import pytest
from botocore.config import Config

import signed_request
from sqs_calls import eventually
from queue_names import unique_name
from stratus_process import fetch_health


@pytest.mark.stratus_only
def test_health_reports_version_and_running_sqs(endpoint):
    status, doc = fetch_health(endpoint)
    assert status == 200
    assert isinstance(doc, dict), doc
    assert isinstance(doc.get("version"), str) and doc["version"]
    assert doc["services"]["sqs"] == "running"


@pytest.mark.stratus_only
def test_unknown_json_service_gets_an_aws_shaped_error(endpoint):
    r = signed_request.send(endpoint, "{}", {"Content-Type": "application/x-amz-json-1.0",
                                             "X-Amz-Target": "NoSuchService_20990101.DoThing"})
    assert 400 <= r.status < 500, r
    doc = json.loads(r.body)
    assert doc.get("__type"), r
    assert doc.get("message") or doc.get("Message"), r


@pytest.mark.stratus_only
def test_unknown_query_action_gets_an_aws_shaped_error(endpoint):
    r = signed_request.query_call(endpoint, {"Action": "NoSuchAction", "Version": "2012-11-05"})
    assert 400 <= r.status < 500, r
    assert b"<ErrorResponse" in r.body and b"<Code>" in r.body, r


@pytest.mark.stratus_only
def test_request_without_authorization_is_served(endpoint):
    r = signed_request.json_call(endpoint, "ListQueues", "{}", signed=False)
    assert r.status == 200, r
    assert "QueueUrls" in json.loads(r.body) or json.loads(r.body) == {}


@pytest.mark.stratus_only
def test_query_request_without_authorization_is_served(endpoint):
    r = signed_request.query_call(endpoint, {"Action": "ListQueues", "Version": "2012-11-05"},
                                  signed=False)
    assert r.status == 200, r


@pytest.mark.stratus_only
def test_any_credentials_are_accepted(endpoint):
    client = boto3.client("sqs", endpoint_url=endpoint, region_name="eu-west-3",
                          aws_access_key_id="AKIAANYTHINGATALL000", aws_secret_access_key="whatever",
                          config=Config(retries={"max_attempts": 0}))
    client.list_queues()


@pytest.mark.moto_gap("closes the connection after every response")
def test_keep_alive_serves_several_calls_on_one_connection(endpoint, raw_sqs):
    parts = urllib.parse.urlsplit(raw_sqs.endpoint)
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(parts.hostname, parts.port, timeout=10)
    try:
        sockets = []
        for i in range(5):
            body = json.dumps({"QueueNamePrefix": f"keepalive-none-{i}"})
            headers = signed_request.sign(
                "POST", raw_sqs.endpoint + "/", body,
                {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AmazonSQS.ListQueues",
                 "x-amzn-query-mode": "true"}, **raw_sqs.keys)
            conn.request("POST", "/", body=body, headers=headers)
            r = conn.getresponse()
            r.read()
            assert r.status == 200
            assert (r.getheader("Connection") or "").lower() != "close"
            sockets.append(conn.sock)
        assert all(s is sockets[0] for s in sockets), "the server closed the connection"
    finally:
        conn.close()


def assert_depth(sqs, queue, expected):
    def depth():
        attrs = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"])
        assert attrs["Attributes"]["ApproximateNumberOfMessages"] == str(expected)
        return True
    eventually(depth, timeout=60)


def test_one_boto3_client_serves_many_sequential_calls(sqs, queue):
    for i in range(30):
        sqs.send_message(QueueUrl=queue, MessageBody=f"seq{i}")
    assert_depth(sqs, queue, 30)


def test_concurrent_clients_are_all_served(sqs, queue):
    errors = []

    def worker(k):
        try:
            for i in range(10):
                sqs.send_message(QueueUrl=queue, MessageBody=f"w{k}-{i}")
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert_depth(sqs, queue, 80)


def _client_for(endpoint):
    return boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x",
                        config=Config(retries={"max_attempts": 0}))


@pytest.mark.stratus_only
@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_queue_url_uses_the_host_the_client_sent(endpoint, host):
    port = urllib.parse.urlsplit(endpoint).port
    client = _client_for(f"http://{host}:{port}")
    name = unique_name("host")
    url = client.create_queue(QueueName=name)["QueueUrl"]
    try:
        assert url == f"http://{host}:{port}/000000000000/{name}"
    finally:
        client.delete_queue(QueueUrl=url)


@pytest.mark.stratus_only
def test_queue_url_works_whichever_host_it_names(endpoint):
    port = urllib.parse.urlsplit(endpoint).port
    via_localhost = _client_for(f"http://localhost:{port}")
    via_ip = _client_for(f"http://127.0.0.1:{port}")
    url = via_localhost.create_queue(QueueName=unique_name("anyhost"))["QueueUrl"]
    try:
        via_ip.send_message(QueueUrl=url, MessageBody="across hosts")
        got = via_ip.receive_message(QueueUrl=url.replace("localhost", "127.0.0.1"),
                                     WaitTimeSeconds=2).get("Messages", [])
        assert [m["Body"] for m in got] == ["across hosts"]
    finally:
        via_ip.delete_queue(QueueUrl=url)
