"""SQS error responses: batch request errors through boto3, and protocol-level errors in raw requests.

Raw requests (signed_request.py) pin the wire shape AWS uses, which every SDK
depends on: JSON errors carry `__type` plus the `x-amzn-query-error` header,
query errors are an XML <ErrorResponse>.
"""
import json
import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from botocore.exceptions import ClientError

from queue_names import unique_name
from error_assertions import assert_error

SQS_NS = "{http://queue.amazonaws.com/doc/2012-11-05/}"
QUERY_VERSION = "2012-11-05"


def batch_calls(sqs, url, entries_of):
    """(operation name, callable taking N entries) for the three batch operations."""
    return [
        ("SendMessageBatch", lambda n: sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": i, "MessageBody": "b"} for i in entries_of(n)])),
        ("DeleteMessageBatch", lambda n: sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": i, "ReceiptHandle": "rh"} for i in entries_of(n)])),
        ("ChangeMessageVisibilityBatch", lambda n: sqs.change_message_visibility_batch(
            QueueUrl=url, Entries=[{"Id": i, "ReceiptHandle": "rh", "VisibilityTimeout": 1}
                                   for i in entries_of(n)])),
    ]


def batch_operations(*moto_gaps):
    """The three batch operation names as parameters; those named are marked moto_gap."""
    gap = pytest.mark.moto_gap("does not validate this batch operation's entries")
    return [pytest.param(name, marks=gap if name in moto_gaps else ())
            for name in ("SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch")]


def distinct_ids(n):
    return [f"id{i}" for i in range(n)]


def same_ids(n):
    return ["dup"] * n


@pytest.mark.parametrize("operation", batch_operations("ChangeMessageVisibilityBatch"))
def test_empty_batch_is_rejected(sqs, queue, operation):
    call = dict(batch_calls(sqs, queue, distinct_ids))[operation]
    with pytest.raises(ClientError) as e:
        call(0)
    assert_error(e, "AWS.SimpleQueueService.EmptyBatchRequest", "EmptyBatchRequest", client=sqs)


@pytest.mark.parametrize("operation", batch_operations("DeleteMessageBatch", "ChangeMessageVisibilityBatch"))
def test_batch_of_eleven_is_rejected(sqs, queue, operation):
    call = dict(batch_calls(sqs, queue, distinct_ids))[operation]
    with pytest.raises(ClientError) as e:
        call(11)
    assert_error(e, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                 "TooManyEntriesInBatchRequest", client=sqs)


@pytest.mark.parametrize("operation", batch_operations("ChangeMessageVisibilityBatch"))
def test_batch_with_repeated_ids_is_rejected(sqs, queue, operation):
    call = dict(batch_calls(sqs, queue, same_ids))[operation]
    with pytest.raises(ClientError) as e:
        call(2)
    assert_error(e, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct",
                 client=sqs)


def test_batch_entry_id_with_invalid_characters_is_rejected(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": "not valid!", "MessageBody": "x"}])
    assert_error(e, "AWS.SimpleQueueService.InvalidBatchEntryId", "InvalidBatchEntryId", client=sqs)


def test_batch_whose_total_size_is_too_long_is_rejected(sqs, queue):
    # Each entry is below even the old 256 KiB message limit; together they exceed 1 MiB.
    body = "z" * (220 * 1024)
    with pytest.raises(ClientError) as e:
        sqs.send_message_batch(QueueUrl=queue, Entries=[
            {"Id": f"e{i}", "MessageBody": body} for i in range(5)])
    assert_error(e, "AWS.SimpleQueueService.BatchRequestTooLong", "BatchRequestTooLong", client=sqs)


def test_batch_on_missing_queue_fails_non_existent_queue(sqs, queue):
    missing = queue.rsplit("/", 1)[0] + "/" + unique_name("never")
    with pytest.raises(ClientError) as e:
        sqs.send_message_batch(QueueUrl=missing, Entries=[{"Id": "a", "MessageBody": "x"}])
    assert_error(e, "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", client=sqs)


# ----------------------------------------------------------------------------- JSON protocol, raw


def json_error_type(response):
    assert response.headers.get("content-type", "").startswith("application/x-amz-json-1.0"), response
    doc = json.loads(response.body)
    return doc["__type"].rsplit("#", 1)[-1], doc


def test_json_error_carries_type_and_query_error_header(raw_sqs):
    r = raw_sqs.json("GetQueueUrl", json.dumps({"QueueName": unique_name("nope")}))
    assert r.status == 400, r
    error_type, doc = json_error_type(r)
    assert error_type == "QueueDoesNotExist"
    assert doc.get("message") or doc.get("Message")
    assert r.headers["x-amzn-query-error"] == "AWS.SimpleQueueService.NonExistentQueue;Sender"
    assert r.headers.get("x-amzn-requestid")


def test_json_success_has_request_id_and_json_content_type(raw_sqs):
    r = raw_sqs.json("ListQueues", json.dumps({"QueueNamePrefix": unique_name("none")}))
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("application/x-amz-json-1.0")
    assert r.headers.get("x-amzn-requestid")
    assert json.loads(r.body).get("QueueUrls", []) == []


@pytest.mark.moto_gap("ignores a malformed JSON body")
def test_json_malformed_body_is_a_serialization_error(raw_sqs):
    r = raw_sqs.json("ListQueues", '{"QueueNamePrefix": ')
    assert r.status == 400, r
    error_type, _ = json_error_type(r)
    assert error_type == "SerializationException", r


@pytest.mark.moto_gap("ignores a JSON body that is not an object")
def test_json_body_that_is_not_an_object_is_a_serialization_error(raw_sqs):
    r = raw_sqs.json("ListQueues", "[1, 2]")
    assert r.status == 400, r
    error_type, _ = json_error_type(r)
    assert error_type == "SerializationException", r


@pytest.mark.moto_gap("answers 500 to an unknown operation")
def test_json_unknown_operation_is_rejected(raw_sqs):
    r = raw_sqs.json("Frobnicate", "{}")
    assert r.status == 400, r
    error_type, _ = json_error_type(r)
    assert error_type == "UnknownOperationException", r


@pytest.mark.moto_gap("answers 500 to a wrongly typed member")
def test_json_wrongly_typed_member_is_rejected(raw_sqs, queue):
    r = raw_sqs.json("ReceiveMessage", json.dumps({"QueueUrl": queue, "MaxNumberOfMessages": "ten"}))
    assert r.status == 400, r
    error_type, _ = json_error_type(r)
    assert error_type in {"SerializationException", "InvalidParameterValue"}, r


# ----------------------------------------------------------------------------- query protocol, raw


def query_error_code(response):
    assert response.headers.get("content-type", "").startswith("text/xml"), response
    root = ET.fromstring(response.body)
    assert root.tag.endswith("ErrorResponse"), response
    code = root.find(f"{SQS_NS}Error/{SQS_NS}Code")
    if code is None:
        code = root.find("Error/Code")
    assert code is not None, response
    return code.text


def test_query_error_is_xml_error_response(raw_sqs):
    r = raw_sqs.query({"Action": "GetQueueUrl", "QueueName": unique_name("nope"),
                       "Version": QUERY_VERSION})
    assert r.status == 400, r
    assert query_error_code(r) == "AWS.SimpleQueueService.NonExistentQueue"


def test_query_success_is_xml_with_request_id(raw_sqs):
    r = raw_sqs.query({"Action": "ListQueues", "QueueNamePrefix": unique_name("none"),
                       "Version": QUERY_VERSION})
    assert r.status == 200, r
    root = ET.fromstring(r.body)
    assert root.tag == f"{SQS_NS}ListQueuesResponse"
    request_id = root.find(f"{SQS_NS}ResponseMetadata/{SQS_NS}RequestId")
    assert request_id is not None and request_id.text


@pytest.mark.moto_gap("answers 500 to an unknown action")
def test_query_unknown_action_is_rejected(raw_sqs):
    r = raw_sqs.query({"Action": "Frobnicate", "Version": QUERY_VERSION})
    assert r.status == 400, r
    assert query_error_code(r) == "InvalidAction"


def test_query_malformed_form_is_rejected(raw_sqs):
    r = raw_sqs.query(b"\xff\xfe%%%=&&=\x00")
    assert r.status == 400, r
    assert query_error_code(r)


@pytest.mark.moto_gap("answers 500 to a missing parameter")
def test_query_missing_required_parameter_is_rejected(raw_sqs, queue):
    r = raw_sqs.query({"Action": "SendMessage", "QueueUrl": queue, "Version": QUERY_VERSION})
    assert r.status == 400, r
    assert query_error_code(r) == "MissingParameter"


def test_query_call_posted_to_the_queue_url_path(raw_sqs, sqs, queue):
    # AWS: the SQS developer guide ("Making query API requests") POSTs to /ACCOUNT/QUEUE with
    # no QueueUrl parameter; older SDKs (e.g. AWS SDK for Java 1.x) do the same.
    path = "/" + "/".join(queue.rstrip("/").split("/")[-2:])
    r = raw_sqs.query({"Action": "SendMessage", "MessageBody": "via path", "Version": QUERY_VERSION},
                      path=path)
    assert r.status == 200, r
    got = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2).get("Messages", [])
    assert [m["Body"] for m in got] == ["via path"]


@pytest.mark.moto_gap("answers 500 to a GET query request")
def test_query_get_request_to_the_queue_url(raw_sqs, sqs, queue):
    # AWS: the same guide's GET form: GET /ACCOUNT/QUEUE?Action=SendMessage&MessageBody=...
    path = "/" + "/".join(queue.rstrip("/").split("/")[-2:])
    query = urllib.parse.urlencode({"Action": "SendMessage", "MessageBody": "via GET",
                                    "Version": QUERY_VERSION})
    r = raw_sqs.send(method="GET", path=f"{path}?{query}")
    assert r.status == 200, r
    got = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2).get("Messages", [])
    assert [m["Body"] for m in got] == ["via GET"]
