"""FIFO queues through boto3: per-group order, group blocking while in flight, deduplication."""
import time

import pytest
from botocore.exceptions import ClientError

from error_assertions import assert_error
from sqs_calls import receive_all
from sqs_digests import md5_of_body


def drain_in_order(sqs, url, expected, timeout=20.0):
    """Receives and deletes until `expected` messages; returns bodies in receive order."""
    bodies = []
    deadline = time.monotonic() + timeout
    while len(bodies) < expected and time.monotonic() < deadline:
        r = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        msgs = r.get("Messages", [])
        for m in msgs:
            bodies.append(m["Body"])
        if msgs:
            sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(msgs)])
    return bodies


@pytest.mark.moto_gap("sequence numbers are random, not increasing")
def test_fifo_send_returns_sequence_number(sqs, fifo_queue):
    r = sqs.send_message(QueueUrl=fifo_queue, MessageBody="first", MessageGroupId="g",
                         MessageDeduplicationId="d1")
    assert r["MD5OfMessageBody"] == md5_of_body("first")
    assert r["SequenceNumber"].isdigit()
    r2 = sqs.send_message(QueueUrl=fifo_queue, MessageBody="second", MessageGroupId="g",
                          MessageDeduplicationId="d2")
    assert int(r2["SequenceNumber"]) > int(r["SequenceNumber"])


def test_fifo_preserves_order_within_a_group(sqs, fifo_queue):
    for i in range(15):
        sqs.send_message(QueueUrl=fifo_queue, MessageBody=f"m{i:02d}", MessageGroupId="g",
                         MessageDeduplicationId=f"d{i}")
    assert drain_in_order(sqs, fifo_queue, 15) == [f"m{i:02d}" for i in range(15)]


def test_fifo_preserves_order_per_group_across_groups(sqs, fifo_queue):
    for i in range(6):
        for group in ("a", "b", "c"):
            sqs.send_message(QueueUrl=fifo_queue, MessageBody=f"{group}{i}", MessageGroupId=group,
                             MessageDeduplicationId=f"{group}-{i}")
    bodies = drain_in_order(sqs, fifo_queue, 18)
    assert len(bodies) == 18
    for group in ("a", "b", "c"):
        assert [b for b in bodies if b[0] == group] == [f"{group}{i}" for i in range(6)]


@pytest.mark.moto_gap("sequence numbers are random, not increasing")
def test_fifo_batch_send_keeps_entry_order(sqs, fifo_queue):
    r = sqs.send_message_batch(QueueUrl=fifo_queue, Entries=[
        {"Id": f"e{i}", "MessageBody": f"b{i}", "MessageGroupId": "g",
         "MessageDeduplicationId": f"bd{i}"} for i in range(10)])
    assert len(r["Successful"]) == 10
    by_id = {s["Id"]: int(s["SequenceNumber"]) for s in r["Successful"]}
    assert [by_id[f"e{i}"] for i in range(10)] == sorted(by_id.values())
    assert drain_in_order(sqs, fifo_queue, 10) == [f"b{i}" for i in range(10)]


def test_fifo_group_is_blocked_while_a_message_is_in_flight(sqs, fifo_queue):
    for i in range(2):
        sqs.send_message(QueueUrl=fifo_queue, MessageBody=f"a{i}", MessageGroupId="a",
                         MessageDeduplicationId=f"a{i}")
    sqs.send_message(QueueUrl=fifo_queue, MessageBody="b0", MessageGroupId="b",
                     MessageDeduplicationId="b0")
    first = sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=1, VisibilityTimeout=30,
                                WaitTimeSeconds=2)["Messages"][0]
    blocked_group = first["Body"][0]
    other_group = "b" if blocked_group == "a" else "a"
    # While `first` is in flight, its group yields nothing; the other group still delivers.
    seen = [m["Body"] for m in receive_all(sqs, fifo_queue, 3, timeout=3, VisibilityTimeout=30)]
    assert all(b[0] == other_group for b in seen), seen
    assert seen[:1] == [f"{other_group}0"]
    sqs.delete_message(QueueUrl=fifo_queue, ReceiptHandle=first["ReceiptHandle"])
    if blocked_group == "a":
        after = receive_all(sqs, fifo_queue, 1, timeout=5)
        assert [m["Body"] for m in after] == ["a1"]


def test_fifo_message_becomes_available_again_in_order_after_visibility_zero(sqs, fifo_queue):
    for i in range(3):
        sqs.send_message(QueueUrl=fifo_queue, MessageBody=f"m{i}", MessageGroupId="g",
                         MessageDeduplicationId=f"d{i}")
    msgs = sqs.receive_message(QueueUrl=fifo_queue, MaxNumberOfMessages=2, VisibilityTimeout=30,
                               WaitTimeSeconds=2)["Messages"]
    assert [m["Body"] for m in msgs][:1] == ["m0"]
    for m in msgs:
        sqs.change_message_visibility(QueueUrl=fifo_queue, ReceiptHandle=m["ReceiptHandle"],
                                      VisibilityTimeout=0)
    assert drain_in_order(sqs, fifo_queue, 3) == ["m0", "m1", "m2"]


@pytest.mark.moto_gap("a deduplicated send gets a new MessageId")
def test_fifo_duplicate_deduplication_id_returns_same_message_id(sqs, fifo_queue):
    first = sqs.send_message(QueueUrl=fifo_queue, MessageBody="once", MessageGroupId="g",
                             MessageDeduplicationId="same")
    again = sqs.send_message(QueueUrl=fifo_queue, MessageBody="once", MessageGroupId="g",
                             MessageDeduplicationId="same")
    assert again["MessageId"] == first["MessageId"]
    got = receive_all(sqs, fifo_queue, 2, timeout=3)
    assert [m["Body"] for m in got] == ["once"]


@pytest.mark.moto_gap("forgets deduplication ids of deleted messages")
def test_fifo_deduplication_still_applies_after_the_message_is_deleted(sqs, fifo_queue):
    sqs.send_message(QueueUrl=fifo_queue, MessageBody="x", MessageGroupId="g",
                     MessageDeduplicationId="gone")
    assert drain_in_order(sqs, fifo_queue, 1) == ["x"]
    sqs.send_message(QueueUrl=fifo_queue, MessageBody="x again", MessageGroupId="g",
                     MessageDeduplicationId="gone")
    assert receive_all(sqs, fifo_queue, 1, timeout=2) == []


@pytest.mark.moto_gap("a deduplicated send gets a new MessageId")
def test_fifo_content_based_deduplication(sqs, make_queue):
    url = make_queue(fifo=True, attributes={"ContentBasedDeduplication": "true"})
    first = sqs.send_message(QueueUrl=url, MessageBody="same body", MessageGroupId="g")
    again = sqs.send_message(QueueUrl=url, MessageBody="same body", MessageGroupId="g")
    other = sqs.send_message(QueueUrl=url, MessageBody="other body", MessageGroupId="g")
    assert again["MessageId"] == first["MessageId"]
    assert other["MessageId"] != first["MessageId"]
    assert drain_in_order(sqs, url, 2) == ["same body", "other body"]


def test_fifo_explicit_deduplication_id_overrides_content(sqs, make_queue):
    url = make_queue(fifo=True, attributes={"ContentBasedDeduplication": "true"})
    sqs.send_message(QueueUrl=url, MessageBody="body", MessageGroupId="g", MessageDeduplicationId="1")
    sqs.send_message(QueueUrl=url, MessageBody="body", MessageGroupId="g", MessageDeduplicationId="2")
    assert drain_in_order(sqs, url, 2) == ["body", "body"]


def test_fifo_without_deduplication_id_or_content_dedup_is_rejected(sqs, fifo_queue):
    with pytest.raises(ClientError) as e:
        sqs.send_message(QueueUrl=fifo_queue, MessageBody="x", MessageGroupId="g")
    assert_error(e, "InvalidParameterValue", client=sqs)


def test_fifo_without_message_group_id_is_rejected(sqs, fifo_queue):
    with pytest.raises(ClientError) as e:
        sqs.send_message(QueueUrl=fifo_queue, MessageBody="x", MessageDeduplicationId="d")
    assert_error(e, "MissingParameter", client=sqs)


def test_fifo_rejects_per_message_delay(sqs, fifo_queue):
    with pytest.raises(ClientError) as e:
        sqs.send_message(QueueUrl=fifo_queue, MessageBody="x", MessageGroupId="g",
                         MessageDeduplicationId="d", DelaySeconds=5)
    assert_error(e, "InvalidParameterValue", client=sqs)


def test_zero_delay_seconds_is_accepted_and_the_queue_delay_applies(sqs, make_queue):
    # AWS (recorded by LocalStack: test_sqs.py::test_send_message_with_delay_0_works_for_fifo,
    # ::test_fifo_queue_send_message_with_zero_delay_defaults_to_queue_delay): only a
    # non-zero per-message delay is refused, and DelaySeconds=0 keeps the queue's delay.
    url = make_queue(fifo=True, attributes={"DelaySeconds": "2",
                                            "ContentBasedDeduplication": "true"})
    t0 = time.monotonic()
    sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g1", DelaySeconds=0)
    batch = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "zero", "MessageBody": "two", "MessageGroupId": "g2", "DelaySeconds": 0},
        {"Id": "five", "MessageBody": "three", "MessageGroupId": "g2", "DelaySeconds": 5}])
    assert [e["Id"] for e in batch["Successful"]] == ["zero"]
    assert [(e["Id"], e["Code"]) for e in batch["Failed"]] == [("five", "InvalidParameterValue")]
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages", []) == []
    got = receive_all(sqs, url, 2, timeout=10)
    assert sorted(m["Body"] for m in got) == ["one", "two"]
    assert time.monotonic() - t0 >= 1.5


def test_fifo_receive_system_attributes(sqs, fifo_queue):
    sent = sqs.send_message(QueueUrl=fifo_queue, MessageBody="x", MessageGroupId="grp",
                            MessageDeduplicationId="dedup")
    msg = receive_all(sqs, fifo_queue, 1, AttributeNames=["All"])[0]
    attrs = msg["Attributes"]
    assert attrs["MessageGroupId"] == "grp"
    assert attrs["MessageDeduplicationId"] == "dedup"
    assert attrs["SequenceNumber"] == sent["SequenceNumber"]
    assert attrs["ApproximateReceiveCount"] == "1"


def test_fifo_queue_delay_seconds_applies(sqs, make_queue):
    url = make_queue(fifo=True, attributes={"DelaySeconds": "2"})
    sqs.send_message(QueueUrl=url, MessageBody="later", MessageGroupId="g", MessageDeduplicationId="d")
    assert sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0).get("Messages", []) == []
    got = receive_all(sqs, url, 1, timeout=10)
    assert [m["Body"] for m in got] == ["later"]
