"""Dead-letter queues through boto3: redrive after maxReceiveCount, and moving messages back.

StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask are newer
than Debian's boto3 1.26; with that SDK those tests are skipped.
"""
import json
import time

import pytest
from botocore.exceptions import ClientError

from error_assertions import assert_error_code_in
from sqs_calls import eventually, queue_arn, receive_all


def make_source_and_dlq(sqs, make_queue, max_receive_count=2, fifo=False):
    dlq = make_queue(fifo=fifo)
    dlq_arn = queue_arn(sqs, dlq)
    policy = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(max_receive_count)}
    source = make_queue(fifo=fifo, attributes={"RedrivePolicy": json.dumps(policy)})
    return source, dlq, dlq_arn


def receive_until_dead(sqs, source, max_receive_count, timeout=30.0):
    """Receives with VisibilityTimeout=0 until the source is empty; returns the receive counts seen."""
    counts = []
    deadline = time.monotonic() + timeout
    empty_in_a_row = 0
    while time.monotonic() < deadline and empty_in_a_row < 2 and len(counts) < 10 * max_receive_count:
        r = sqs.receive_message(QueueUrl=source, VisibilityTimeout=0, WaitTimeSeconds=1,
                                AttributeNames=["ApproximateReceiveCount"])
        msgs = r.get("Messages", [])
        empty_in_a_row = 0 if msgs else empty_in_a_row + 1
        counts += [int(m["Attributes"]["ApproximateReceiveCount"]) for m in msgs]
    return counts


def dead_letter(sqs, make_queue, bodies, max_receive_count=2):
    """Creates source+DLQ, sends bodies to source and cycles them until they land in the DLQ."""
    source, dlq, dlq_arn = make_source_and_dlq(sqs, make_queue, max_receive_count)
    ids = {}
    for body in bodies:
        ids[body] = sqs.send_message(QueueUrl=source, MessageBody=body)["MessageId"]
    receive_until_dead(sqs, source, max_receive_count * len(bodies))

    def in_dlq():
        attrs = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"])
        assert attrs["Attributes"]["ApproximateNumberOfMessages"] == str(len(bodies))
        return True
    eventually(in_dlq, timeout=30)
    return source, dlq, dlq_arn, ids


def test_message_moves_to_dlq_after_max_receive_count(sqs, make_queue):
    source, dlq, _ = make_source_and_dlq(sqs, make_queue, max_receive_count=3)
    sent = sqs.send_message(QueueUrl=source, MessageBody="poison")
    counts = receive_until_dead(sqs, source, 3)
    assert counts == [1, 2, 3]
    got = receive_all(sqs, dlq, 1, timeout=10, AttributeNames=["All"])
    assert len(got) == 1
    assert got[0]["Body"] == "poison"
    assert got[0]["MessageId"] == sent["MessageId"]
    assert sqs.receive_message(QueueUrl=source, WaitTimeSeconds=1).get("Messages", []) == []


def test_deleted_message_never_reaches_dlq(sqs, make_queue):
    source, dlq, _ = make_source_and_dlq(sqs, make_queue, max_receive_count=1)
    sqs.send_message(QueueUrl=source, MessageBody="fine")
    msg = receive_all(sqs, source, 1)[0]
    sqs.delete_message(QueueUrl=source, ReceiptHandle=msg["ReceiptHandle"])
    assert receive_all(sqs, source, 1, timeout=2) == []
    assert receive_all(sqs, dlq, 1, timeout=2) == []


def test_fifo_message_moves_to_fifo_dlq(sqs, make_queue):
    source, dlq, _ = make_source_and_dlq(sqs, make_queue, max_receive_count=2, fifo=True)
    for i in range(2):
        sqs.send_message(QueueUrl=source, MessageBody=f"f{i}", MessageGroupId="g",
                         MessageDeduplicationId=f"d{i}")
    receive_until_dead(sqs, source, 4)
    got = receive_all(sqs, dlq, 2, timeout=10)
    assert sorted(m["Body"] for m in got) == ["f0", "f1"]


def test_redrive_policy_must_name_a_fifo_dlq_for_a_fifo_queue(sqs, make_queue):
    dlq = make_queue()
    policy = json.dumps({"deadLetterTargetArn": queue_arn(sqs, dlq), "maxReceiveCount": "2"})
    fifo = make_queue(fifo=True)
    with pytest.raises(ClientError) as e:
        sqs.set_queue_attributes(QueueUrl=fifo, Attributes={"RedrivePolicy": policy})
    assert_error_code_in(e, {"InvalidParameterValue", "InvalidAttributeValue",
                             "InvalidParameterCombination"})


# ----------------------------------------------------------------------------- Message move tasks


@pytest.fixture
def move_tasks(sqs):
    if "StartMessageMoveTask" not in sqs.meta.service_model.operation_names:
        pytest.skip(f"this boto3 ({sqs.meta.service_model.protocol}) has no StartMessageMoveTask")
    return sqs


def wait_for_task(sqs, source_arn, timeout=60):
    def finished():
        results = sqs.list_message_move_tasks(SourceArn=source_arn, MaxResults=10)["Results"]
        assert results, "no move task listed"
        assert results[0]["Status"] in ("COMPLETED", "FAILED", "CANCELLED"), results[0]
        return results[0]
    return eventually(finished, timeout=timeout, interval=0.5)


@pytest.mark.moto_gap("no message move tasks")
def test_move_task_redrives_dlq_back_to_source(move_tasks, make_queue):
    sqs = move_tasks
    source, dlq, dlq_arn, ids = dead_letter(sqs, make_queue, ["r0", "r1", "r2"])
    task = sqs.start_message_move_task(SourceArn=dlq_arn)
    assert task["TaskHandle"]
    result = wait_for_task(sqs, dlq_arn)
    assert result["Status"] == "COMPLETED"
    assert result["SourceArn"] == dlq_arn
    assert result["ApproximateNumberOfMessagesMoved"] == 3
    got = receive_all(sqs, source, 3, timeout=10)
    assert sorted(m["Body"] for m in got) == ["r0", "r1", "r2"]
    assert receive_all(sqs, dlq, 1, timeout=2) == []


@pytest.mark.moto_gap("no message move tasks")
def test_move_task_to_explicit_destination(move_tasks, make_queue):
    sqs = move_tasks
    _, dlq, dlq_arn, _ = dead_letter(sqs, make_queue, ["x0", "x1"])
    destination = make_queue()
    sqs.start_message_move_task(SourceArn=dlq_arn, DestinationArn=queue_arn(sqs, destination),
                                MaxNumberOfMessagesPerSecond=50)
    result = wait_for_task(sqs, dlq_arn)
    assert result["Status"] == "COMPLETED"
    assert result["DestinationArn"] == queue_arn(sqs, destination)
    got = receive_all(sqs, destination, 2, timeout=10)
    assert sorted(m["Body"] for m in got) == ["x0", "x1"]


@pytest.mark.moto_gap("no message move tasks")
def test_move_task_from_a_queue_that_is_not_a_dlq_is_rejected(move_tasks, make_queue):
    sqs = move_tasks
    plain = make_queue()
    with pytest.raises(ClientError) as e:
        sqs.start_message_move_task(SourceArn=queue_arn(sqs, plain))
    assert_error_code_in(e, {"InvalidParameterValue", "ResourceNotFoundException",
                             "AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperation"})


@pytest.mark.moto_gap("no message move tasks")
def test_list_move_tasks_of_dlq_without_tasks_is_empty(move_tasks, make_queue):
    sqs = move_tasks
    _, _, dlq_arn = make_source_and_dlq(sqs, make_queue)
    assert sqs.list_message_move_tasks(SourceArn=dlq_arn).get("Results", []) == []
