"""SQS message operations through boto3: send, receive, delete, visibility, purge, long polling.

MD5 digests are checked here (botocore does not check them). Timing assertions
use generous bounds: they pin behaviour (a long poll returns early when a
message arrives), not speed.
"""
import threading
import time

import pytest
from botocore.exceptions import ClientError

from error_assertions import assert_error
from sqs_calls import eventually, receive_all
from sqs_digests import md5_of_attributes, md5_of_body

ATTRIBUTES = {
    "s": {"DataType": "String", "StringValue": "hello \u00e9\u4e16"},
    "n": {"DataType": "Number", "StringValue": "-12.50"},
    "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xffbinary"},
    "custom": {"DataType": "String.json", "StringValue": "{\"k\": 1}"},
    "app.trace": {"DataType": "Number.int", "StringValue": "7"},
    "app.blob": {"DataType": "Binary.gz", "BinaryValue": b"\x1f\x8b"},
}


def receive_one(sqs, url, **kwargs):
    msgs = receive_all(sqs, url, 1, **kwargs)
    assert len(msgs) == 1, msgs
    return msgs[0]


# ----------------------------------------------------------------------------- SendMessage


def test_send_returns_message_id_and_body_md5(sqs, queue):
    body = "hello stratus"
    r = sqs.send_message(QueueUrl=queue, MessageBody=body)
    assert r["MD5OfMessageBody"] == md5_of_body(body)
    assert len(r["MessageId"]) >= 32
    assert "MD5OfMessageAttributes" not in r
    assert "SequenceNumber" not in r


def test_send_and_receive_round_trips_unicode_body(sqs, queue):
    body = "tab\tnewline\n cr\r \u00e9 \u4e16\u754c \U0001F600 \ufffd"
    sent = sqs.send_message(QueueUrl=queue, MessageBody=body)
    assert sent["MD5OfMessageBody"] == md5_of_body(body)
    msg = receive_one(sqs, queue)
    assert msg["Body"] == body
    assert msg["MD5OfBody"] == md5_of_body(body)
    assert msg["MessageId"] == sent["MessageId"]


def test_send_with_message_attributes_returns_attribute_md5(sqs, queue):
    r = sqs.send_message(QueueUrl=queue, MessageBody="attrs", MessageAttributes=ATTRIBUTES)
    assert r["MD5OfMessageAttributes"] == md5_of_attributes(ATTRIBUTES)


def test_receive_all_message_attributes_returns_them_with_md5(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="attrs", MessageAttributes=ATTRIBUTES)
    msg = receive_one(sqs, queue, MessageAttributeNames=["All"])
    assert msg["MessageAttributes"] == ATTRIBUTES
    assert msg["MD5OfMessageAttributes"] == md5_of_attributes(ATTRIBUTES)


def test_receive_message_attributes_by_name_and_prefix(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="attrs", MessageAttributes=ATTRIBUTES)
    msg = receive_one(sqs, queue, MessageAttributeNames=["s", "app.*"], VisibilityTimeout=0)
    wanted = {k: ATTRIBUTES[k] for k in ("s", "app.trace", "app.blob")}
    assert msg["MessageAttributes"] == wanted
    assert msg["MD5OfMessageAttributes"] == md5_of_attributes(wanted)


def test_receive_prefix_selects_names_starting_with_it(sqs, queue):
    # AWS: "prefix.*" selects the names that start with the text before ".*":
    # "Hel.*" returns "Hello" and "Help.Me" (recorded by LocalStack against AWS:
    # test_sqs.py::test_receive_message_message_attribute_names_filters); "*" selects all.
    attributes = {name: {"DataType": "String", "StringValue": name}
                  for name in ("Custom1", "Custom.x", "Customer", "Other")}
    sqs.send_message(QueueUrl=queue, MessageBody="attrs", MessageAttributes=attributes)
    msg = receive_one(sqs, queue, MessageAttributeNames=["Custom.*"], VisibilityTimeout=0)
    wanted = {k: attributes[k] for k in ("Custom1", "Custom.x", "Customer")}
    assert msg["MessageAttributes"] == wanted
    assert msg["MD5OfMessageAttributes"] == md5_of_attributes(wanted)
    msg = receive_one(sqs, queue, MessageAttributeNames=["*"])
    assert msg["MessageAttributes"] == attributes


def test_receive_without_message_attribute_names_returns_none(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="attrs", MessageAttributes=ATTRIBUTES)
    msg = receive_one(sqs, queue)
    assert "MessageAttributes" not in msg


def test_receive_dot_star_means_all_message_attributes(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="attrs", MessageAttributes=ATTRIBUTES)
    msg = receive_one(sqs, queue, MessageAttributeNames=[".*"])
    assert msg["MessageAttributes"] == ATTRIBUTES


def test_send_with_delay_hides_message_until_delay_passes(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="later", DelaySeconds=2)
    t0 = time.monotonic()
    first = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=0)
    assert first.get("Messages", []) == []
    msg = receive_one(sqs, queue, WaitTimeSeconds=10)
    assert msg["Body"] == "later"
    assert time.monotonic() - t0 >= 1.5


def test_queue_delay_seconds_applies_when_message_gives_none(sqs, make_queue):
    url = make_queue(attributes={"DelaySeconds": "2"})
    t0 = time.monotonic()
    sqs.send_message(QueueUrl=url, MessageBody="queue delayed")
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages", []) == []
    msg = receive_one(sqs, url, WaitTimeSeconds=10)
    assert msg["Body"] == "queue delayed"
    assert time.monotonic() - t0 >= 1.5


def test_message_delay_zero_overrides_queue_delay(sqs, make_queue):
    url = make_queue(attributes={"DelaySeconds": "60"})
    sqs.send_message(QueueUrl=url, MessageBody="now", DelaySeconds=0)
    assert receive_one(sqs, url)["Body"] == "now"


def test_send_rejects_delay_above_900(sqs_unvalidated, queue):
    with pytest.raises(ClientError) as e:
        sqs_unvalidated.send_message(QueueUrl=queue, MessageBody="x", DelaySeconds=901)
    assert_error(e, "InvalidParameterValue", client=sqs_unvalidated)


def test_send_body_at_maximum_size_is_accepted(sqs, make_queue):
    url = make_queue(attributes={"MaximumMessageSize": "1024"})
    body = "m" * 1024
    r = sqs.send_message(QueueUrl=url, MessageBody=body)
    assert r["MD5OfMessageBody"] == md5_of_body(body)
    assert receive_one(sqs, url)["Body"] == body


def test_send_body_over_queue_maximum_size_is_rejected(sqs, make_queue):
    url = make_queue(attributes={"MaximumMessageSize": "1024"})
    with pytest.raises(ClientError) as e:
        sqs.send_message(QueueUrl=url, MessageBody="m" * 1025)
    assert_error(e, "InvalidParameterValue", client=sqs)


def test_send_body_over_one_mebibyte_is_rejected(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.send_message(QueueUrl=queue, MessageBody="m" * (1024 * 1024 + 1))
    assert_error(e, "InvalidParameterValue", client=sqs)


@pytest.mark.moto_gap("no body character validation")
def test_send_body_with_invalid_character_is_rejected(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.send_message(QueueUrl=queue, MessageBody="bad \x01 char")
    assert_error(e, "InvalidMessageContents", client=sqs)


MOTO_ATTRIBUTE_GAP = pytest.mark.moto_gap("partial message attribute validation")


@pytest.mark.parametrize("attributes", [
    pytest.param({"a": {"DataType": "Strin", "StringValue": "x"}}, id="bad-type"),
    pytest.param({"a": {"DataType": "Number", "StringValue": "not a number"}}, id="bad-number",
                 marks=MOTO_ATTRIBUTE_GAP),
    pytest.param({"a": {"DataType": "String", "StringValue": ""}}, id="empty-value",
                 marks=MOTO_ATTRIBUTE_GAP),
    pytest.param({"AWS.reserved": {"DataType": "String", "StringValue": "x"}}, id="reserved-name",
                 marks=MOTO_ATTRIBUTE_GAP),
    pytest.param({f"a{i}": {"DataType": "String", "StringValue": "x"} for i in range(11)},
                 id="eleven-attributes", marks=MOTO_ATTRIBUTE_GAP),
])
def test_send_rejects_invalid_message_attributes(sqs, queue, attributes):
    with pytest.raises(ClientError) as e:
        sqs.send_message(QueueUrl=queue, MessageBody="x", MessageAttributes=attributes)
    assert_error(e, "InvalidParameterValue", client=sqs)


# ----------------------------------------------------------------------------- ReceiveMessage


def test_receive_from_empty_queue_returns_no_messages(sqs, queue):
    r = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=0)
    assert r.get("Messages", []) == []


def test_receive_returns_at_most_max_number_of_messages(sqs, queue):
    for i in range(6):
        sqs.send_message(QueueUrl=queue, MessageBody=f"m{i}")
    r = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=4, WaitTimeSeconds=2)
    assert 1 <= len(r["Messages"]) <= 4
    rest = receive_all(sqs, queue, 6 - len(r["Messages"]))
    bodies = sorted(m["Body"] for m in r["Messages"] + rest)
    assert bodies == [f"m{i}" for i in range(6)]


def test_receive_up_to_ten_messages(sqs, queue):
    sqs.send_message_batch(QueueUrl=queue, Entries=[
        {"Id": str(i), "MessageBody": f"b{i}"} for i in range(10)])
    got = receive_all(sqs, queue, 10)
    assert sorted(m["Body"] for m in got) == sorted(f"b{i}" for i in range(10))
    assert len({m["MessageId"] for m in got}) == 10
    assert len({m["ReceiptHandle"] for m in got}) == 10


@pytest.mark.parametrize("count", [0, 11])
def test_receive_rejects_max_number_out_of_range(sqs_unvalidated, queue, count):
    with pytest.raises(ClientError) as e:
        sqs_unvalidated.receive_message(QueueUrl=queue, MaxNumberOfMessages=count)
    assert_error(e, "InvalidParameterValue", client=sqs_unvalidated)


def test_receive_rejects_wait_time_above_20(sqs_unvalidated, queue):
    with pytest.raises(ClientError) as e:
        sqs_unvalidated.receive_message(QueueUrl=queue, WaitTimeSeconds=21)
    assert_error(e, "InvalidParameterValue", client=sqs_unvalidated)


def test_receive_all_system_attributes(sqs, queue):
    before_ms = int(time.time() * 1000) - 60_000
    sqs.send_message(QueueUrl=queue, MessageBody="sys")
    msg = receive_one(sqs, queue, AttributeNames=["All"])
    attrs = msg["Attributes"]
    assert {"SenderId", "SentTimestamp", "ApproximateReceiveCount",
            "ApproximateFirstReceiveTimestamp"} <= set(attrs), attrs
    assert attrs["ApproximateReceiveCount"] == "1"
    after_ms = int(time.time() * 1000) + 60_000
    assert before_ms <= int(attrs["SentTimestamp"]) <= after_ms
    assert int(attrs["SentTimestamp"]) <= int(attrs["ApproximateFirstReceiveTimestamp"]) <= after_ms
    assert "MessageGroupId" not in attrs


def test_receive_named_system_attributes_only(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="sys")
    msg = receive_one(sqs, queue, AttributeNames=["SentTimestamp"])
    assert set(msg["Attributes"]) == {"SentTimestamp"}


def test_receive_message_system_attribute_names(sqs, queue):
    if "MessageSystemAttributeNames" not in \
            sqs.meta.service_model.operation_model("ReceiveMessage").input_shape.members:
        pytest.skip(f"boto3 {sqs.meta.service_model.api_version} model lacks MessageSystemAttributeNames")
    sqs.send_message(QueueUrl=queue, MessageBody="sys")
    msg = receive_one(sqs, queue, MessageSystemAttributeNames=["ApproximateReceiveCount", "SenderId"])
    assert set(msg["Attributes"]) == {"ApproximateReceiveCount", "SenderId"}


def test_approximate_receive_count_grows_with_each_receive(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="again")
    counts = []
    for _ in range(3):
        msg = receive_one(sqs, queue, AttributeNames=["ApproximateReceiveCount"], VisibilityTimeout=0)
        counts.append(int(msg["Attributes"]["ApproximateReceiveCount"]))
    assert counts == [1, 2, 3]


def test_each_receive_gives_a_new_receipt_handle(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="handles")
    first = receive_one(sqs, queue, VisibilityTimeout=0)
    second = receive_one(sqs, queue, VisibilityTimeout=0)
    assert first["MessageId"] == second["MessageId"]
    assert first["ReceiptHandle"] != second["ReceiptHandle"]


# ----------------------------------------------------------------------------- Visibility


def test_received_message_is_invisible_until_its_timeout(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="hide")
    t0 = time.monotonic()
    receive_one(sqs, queue, VisibilityTimeout=3)
    hidden = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1)
    assert hidden.get("Messages", []) == []
    again = receive_one(sqs, queue, WaitTimeSeconds=10, AttributeNames=["ApproximateReceiveCount"])
    assert time.monotonic() - t0 >= 2.5
    assert again["Body"] == "hide"
    assert again["Attributes"]["ApproximateReceiveCount"] == "2"


def test_queue_visibility_timeout_is_the_default(sqs, make_queue):
    url = make_queue(attributes={"VisibilityTimeout": "60"})
    sqs.send_message(QueueUrl=url, MessageBody="hide")
    receive_one(sqs, url)
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2).get("Messages", []) == []


def test_change_visibility_to_zero_makes_message_visible_again(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="back")
    msg = receive_one(sqs, queue, VisibilityTimeout=600)
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=msg["ReceiptHandle"],
                                  VisibilityTimeout=0)
    again = receive_one(sqs, queue, WaitTimeSeconds=5)
    assert again["MessageId"] == msg["MessageId"]


def test_change_visibility_extends_the_timeout(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="longer")
    msg = receive_one(sqs, queue, VisibilityTimeout=1)
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=msg["ReceiptHandle"],
                                  VisibilityTimeout=600)
    time.sleep(1.5)
    assert sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1).get("Messages", []) == []


def test_change_visibility_rejects_timeout_above_12_hours(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="x")
    msg = receive_one(sqs, queue)
    with pytest.raises(ClientError) as e:
        sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=msg["ReceiptHandle"],
                                      VisibilityTimeout=43201)
    assert_error(e, "InvalidParameterValue", client=sqs)


def test_change_visibility_with_invalid_handle_fails(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle="not-a-handle",
                                      VisibilityTimeout=10)
    assert_error(e, "ReceiptHandleIsInvalid", client=sqs)


def test_change_visibility_batch(sqs, queue):
    for i in range(3):
        sqs.send_message(QueueUrl=queue, MessageBody=f"cvb{i}")
    msgs = receive_all(sqs, queue, 3, VisibilityTimeout=600)
    assert len(msgs) == 3
    r = sqs.change_message_visibility_batch(QueueUrl=queue, Entries=[
        {"Id": f"e{i}", "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": 0}
        for i, m in enumerate(msgs)])
    assert sorted(s["Id"] for s in r["Successful"]) == ["e0", "e1", "e2"]
    assert r.get("Failed", []) == []
    assert len(receive_all(sqs, queue, 3)) == 3


def test_change_visibility_batch_reports_bad_handle_per_entry(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="ok")
    msg = receive_one(sqs, queue)
    r = sqs.change_message_visibility_batch(QueueUrl=queue, Entries=[
        {"Id": "good", "ReceiptHandle": msg["ReceiptHandle"], "VisibilityTimeout": 5},
        {"Id": "bad", "ReceiptHandle": "garbage", "VisibilityTimeout": 5}])
    assert [s["Id"] for s in r["Successful"]] == ["good"]
    assert len(r["Failed"]) == 1
    failed = r["Failed"][0]
    assert failed["Id"] == "bad"
    assert failed["Code"] == "ReceiptHandleIsInvalid"
    assert failed["SenderFault"] is True


# ----------------------------------------------------------------------------- DeleteMessage


def test_deleted_message_is_never_received_again(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="bye")
    msg = receive_one(sqs, queue, VisibilityTimeout=1)
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=msg["ReceiptHandle"])
    time.sleep(1.5)
    assert sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1).get("Messages", []) == []


def test_deleting_twice_with_the_same_handle_succeeds(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="twice")
    msg = receive_one(sqs, queue)
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=msg["ReceiptHandle"])
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=msg["ReceiptHandle"])


def test_delete_with_invalid_receipt_handle_fails(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.delete_message(QueueUrl=queue, ReceiptHandle="definitely-not-a-receipt-handle")
    assert_error(e, "ReceiptHandleIsInvalid", client=sqs)


def test_delete_message_batch(sqs, queue):
    for i in range(4):
        sqs.send_message(QueueUrl=queue, MessageBody=f"d{i}")
    msgs = receive_all(sqs, queue, 4, VisibilityTimeout=2)
    r = sqs.delete_message_batch(QueueUrl=queue, Entries=[
        {"Id": f"x{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(msgs)])
    assert sorted(s["Id"] for s in r["Successful"]) == [f"x{i}" for i in range(4)]
    assert r.get("Failed", []) == []
    time.sleep(2.5)
    assert sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1).get("Messages", []) == []


def test_delete_message_batch_reports_bad_handle_per_entry(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="d")
    msg = receive_one(sqs, queue)
    r = sqs.delete_message_batch(QueueUrl=queue, Entries=[
        {"Id": "good", "ReceiptHandle": msg["ReceiptHandle"]},
        {"Id": "bad", "ReceiptHandle": "garbage"}])
    assert [s["Id"] for s in r["Successful"]] == ["good"]
    assert [(f["Id"], f["Code"], f["SenderFault"]) for f in r["Failed"]] == \
        [("bad", "ReceiptHandleIsInvalid", True)]


# ----------------------------------------------------------------------------- SendMessageBatch


def test_send_message_batch_returns_ids_and_md5s(sqs, queue):
    entries = [{"Id": f"id-{i}", "MessageBody": f"batch body {i}"} for i in range(9)]
    entries.append({"Id": "with_attrs", "MessageBody": "attrs", "MessageAttributes": ATTRIBUTES,
                    "DelaySeconds": 0})
    r = sqs.send_message_batch(QueueUrl=queue, Entries=entries)
    assert r.get("Failed", []) == []
    by_id = {s["Id"]: s for s in r["Successful"]}
    assert set(by_id) == {e["Id"] for e in entries}
    for e in entries:
        assert by_id[e["Id"]]["MD5OfMessageBody"] == md5_of_body(e["MessageBody"])
    assert by_id["with_attrs"]["MD5OfMessageAttributes"] == md5_of_attributes(ATTRIBUTES)
    assert len({s["MessageId"] for s in r["Successful"]}) == 10
    got = receive_all(sqs, queue, 10, MessageAttributeNames=["All"])
    assert sorted(m["Body"] for m in got) == sorted(e["MessageBody"] for e in entries)
    with_attrs = [m for m in got if m["Body"] == "attrs"][0]
    assert with_attrs["MessageAttributes"] == ATTRIBUTES
    assert with_attrs["MessageId"] == by_id["with_attrs"]["MessageId"]


def test_send_message_batch_entry_delay(sqs, queue):
    r = sqs.send_message_batch(QueueUrl=queue, Entries=[
        {"Id": "now", "MessageBody": "now"},
        {"Id": "later", "MessageBody": "later", "DelaySeconds": 60}])
    assert len(r["Successful"]) == 2
    got = receive_all(sqs, queue, 2, timeout=3)
    assert [m["Body"] for m in got] == ["now"]


# ----------------------------------------------------------------------------- PurgeQueue


def test_purge_queue_removes_all_messages(sqs, queue):
    for i in range(5):
        sqs.send_message(QueueUrl=queue, MessageBody=f"p{i}")
    receive_one(sqs, queue, VisibilityTimeout=1)  # one in flight too
    sqs.purge_queue(QueueUrl=queue)

    def empty():
        got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=[
            "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
        assert got == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}
        return True
    eventually(empty, timeout=70)
    time.sleep(1.5)
    assert sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1).get("Messages", []) == []


def test_messages_sent_after_purge_are_kept(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="old")
    sqs.purge_queue(QueueUrl=queue)
    time.sleep(1.5)  # AWS: messages sent within a moment of the purge may also be deleted.
    sqs.send_message(QueueUrl=queue, MessageBody="new")
    assert [m["Body"] for m in receive_all(sqs, queue, 2, timeout=3)] == ["new"]


@pytest.mark.moto_gap("no PurgeQueueInProgress")
def test_second_purge_within_60_seconds_fails(sqs, queue):
    sqs.purge_queue(QueueUrl=queue)
    with pytest.raises(ClientError) as e:
        sqs.purge_queue(QueueUrl=queue)
    assert_error(e, "AWS.SimpleQueueService.PurgeQueueInProgress", "PurgeQueueInProgress", client=sqs)


# ----------------------------------------------------------------------------- Long polling


def test_long_poll_returns_as_soon_as_a_message_arrives(sqs, queue):
    result = {}

    def poll():
        t0 = time.monotonic()
        result["response"] = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=10)
        result["seconds"] = time.monotonic() - t0
    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.5)
    sqs.send_message(QueueUrl=queue, MessageBody="wake up")
    poller.join(timeout=15)
    assert not poller.is_alive()
    assert [m["Body"] for m in result["response"].get("Messages", [])] == ["wake up"]
    assert result["seconds"] < 5.0, result["seconds"]


def test_long_poll_on_empty_queue_waits_then_returns_empty(sqs, queue):
    t0 = time.monotonic()
    r = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2)
    elapsed = time.monotonic() - t0
    assert r.get("Messages", []) == []
    assert 1.5 <= elapsed < 8, elapsed


def test_queue_receive_wait_time_is_the_default_wait(sqs, make_queue):
    url = make_queue(attributes={"ReceiveMessageWaitTimeSeconds": "2"})
    t0 = time.monotonic()
    r = sqs.receive_message(QueueUrl=url)
    assert r.get("Messages", []) == []
    assert time.monotonic() - t0 >= 1.5


def test_wait_time_zero_overrides_queue_wait_time(sqs, make_queue):
    url = make_queue(attributes={"ReceiveMessageWaitTimeSeconds": "20"})
    t0 = time.monotonic()
    sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0)
    assert time.monotonic() - t0 < 5


def test_concurrent_long_polls_each_get_a_different_message(sqs, queue):
    results, threads = [], []
    lock = threading.Lock()

    def poll():
        r = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=10, MaxNumberOfMessages=1)
        with lock:
            results.extend(r.get("Messages", []))
    for _ in range(3):
        threads.append(threading.Thread(target=poll))
        threads[-1].start()
    time.sleep(0.5)
    for i in range(3):
        sqs.send_message(QueueUrl=queue, MessageBody=f"c{i}")
    for t in threads:
        t.join(timeout=15)
    bodies = sorted(m["Body"] for m in results)
    assert len(bodies) == len(set(bodies))
    leftover = receive_all(sqs, queue, 3 - len(bodies), timeout=3)
    assert sorted(bodies + [m["Body"] for m in leftover]) == ["c0", "c1", "c2"]
