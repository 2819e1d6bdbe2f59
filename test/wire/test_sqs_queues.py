"""SQS queue management through boto3: create, look up, list, delete, attributes, tags.

Written to AWS's documented behaviour so the same file passes against real SQS
(`pytest --aws`), stratus and moto_server.
"""
import json
import time

import pytest
from botocore.exceptions import ClientError

from queue_names import unique_name
from error_assertions import assert_error, assert_error_code_in
from sqs_calls import eventually, queue_arn

NON_EXISTENT_QUEUE = ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist")
QUEUE_NAME_EXISTS = ("QueueAlreadyExists", "QueueNameExists")

STANDARD_ATTRIBUTES = {
    "QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp",
    "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
}
# AWS raised the maximum message size from 256 KiB to 1 MiB in 2025; either default is AWS's.
DEFAULT_MAXIMUM_MESSAGE_SIZES = {"262144", "1048576"}


# ----------------------------------------------------------------------------- CreateQueue


def test_create_queue_returns_url_ending_in_account_and_name(sqs, make_queue, queue_name):
    url = make_queue(name=queue_name)
    parts = url.rstrip("/").split("/")
    assert parts[-1] == queue_name
    assert parts[-2].isdigit() and len(parts[-2]) == 12
    assert url.startswith("http")


def test_create_queue_is_idempotent_with_same_attributes(sqs, make_queue, queue_name):
    url = make_queue(name=queue_name, attributes={"VisibilityTimeout": "45"})
    again = sqs.create_queue(QueueName=queue_name, Attributes={"VisibilityTimeout": "45"})
    assert again["QueueUrl"] == url


def test_create_queue_with_different_attributes_fails_queue_name_exists(sqs, make_queue, queue_name):
    make_queue(name=queue_name, attributes={"VisibilityTimeout": "45"})
    with pytest.raises(ClientError) as e:
        sqs.create_queue(QueueName=queue_name, Attributes={"VisibilityTimeout": "46"})
    assert_error(e, *QUEUE_NAME_EXISTS, client=sqs)


def test_create_queue_with_attributes_sets_them(sqs, make_queue):
    attributes = {"VisibilityTimeout": "60", "DelaySeconds": "5", "MaximumMessageSize": "2048",
                  "MessageRetentionPeriod": "120", "ReceiveMessageWaitTimeSeconds": "3"}
    url = make_queue(attributes=attributes)
    got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=list(attributes))["Attributes"]
    assert got == attributes


def test_create_queue_with_tags(sqs, make_queue):
    url = make_queue(tags={"team": "core", "env": "test"})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "core", "env": "test"}


@pytest.mark.parametrize("name", ["has space", "slash/name", "a" * 81, "dot.name"])
def test_create_queue_rejects_invalid_names(sqs_unvalidated, make_queue, name):
    with pytest.raises(ClientError) as e:
        make_queue(name=name)
    assert_error(e, "InvalidParameterValue", client=sqs_unvalidated)


def test_create_queue_accepts_80_character_name(sqs, make_queue):
    name = unique_name("long")
    name = name + "x" * (80 - len(name))
    url = make_queue(name=name)
    assert url.endswith("/" + name)


@pytest.mark.moto_gap("no attribute validation on CreateQueue")
def test_create_queue_rejects_out_of_range_attribute_value(sqs, make_queue):
    with pytest.raises(ClientError) as e:
        make_queue(attributes={"VisibilityTimeout": "43201"})
    assert_error(e, "InvalidAttributeValue", client=sqs)


@pytest.mark.moto_gap("no attribute validation on CreateQueue")
def test_create_queue_rejects_non_numeric_attribute_value(sqs, make_queue):
    with pytest.raises(ClientError) as e:
        make_queue(attributes={"DelaySeconds": "soon"})
    assert_error(e, "InvalidAttributeValue", client=sqs)


def test_create_fifo_queue_requires_fifo_suffix(sqs, make_queue):
    with pytest.raises(ClientError) as e:
        make_queue(name=unique_name("nosuffix"), attributes={"FifoQueue": "true"})
    assert_error(e, "InvalidParameterValue", client=sqs)


def test_create_fifo_queue_has_fifo_attributes(sqs, make_queue):
    url = make_queue(fifo=True, attributes={"ContentBasedDeduplication": "true"})
    assert url.endswith(".fifo")
    got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert got["FifoQueue"] == "true"
    assert got["ContentBasedDeduplication"] == "true"
    assert STANDARD_ATTRIBUTES <= set(got)


# ----------------------------------------------------------------------------- GetQueueUrl


def test_get_queue_url_returns_created_url(sqs, make_queue, queue_name):
    url = make_queue(name=queue_name)
    assert sqs.get_queue_url(QueueName=queue_name)["QueueUrl"] == url


def test_get_queue_url_of_missing_queue_fails_non_existent_queue(sqs):
    with pytest.raises(ClientError) as e:
        sqs.get_queue_url(QueueName=unique_name("missing"))
    assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)


def test_get_queue_url_with_owner_account(sqs, make_queue, queue_name, account_id):
    url = make_queue(name=queue_name)
    got = sqs.get_queue_url(QueueName=queue_name, QueueOwnerAWSAccountId=account_id)
    assert got["QueueUrl"] == url


def test_queue_name_works_as_queue_url(sqs, make_queue, queue_name):
    # AWS resolves a bare queue name in the caller's account and region, for
    # every QueueUrl operation (recorded by LocalStack against AWS:
    # test_sqs.py::test_posting_to_queue_via_queue_name; moto#5073).
    url = make_queue(name=queue_name)
    sent = sqs.send_message(QueueUrl=queue_name, MessageBody="by name")
    got = sqs.receive_message(QueueUrl=queue_name, WaitTimeSeconds=1)["Messages"]
    assert [m["MessageId"] for m in got] == [sent["MessageId"]]
    sqs.delete_message(QueueUrl=queue_name, ReceiptHandle=got[0]["ReceiptHandle"])
    attributes = sqs.get_queue_attributes(QueueUrl=queue_name, AttributeNames=["QueueArn"])
    assert attributes["Attributes"]["QueueArn"].endswith(":" + queue_name)
    sqs.tag_queue(QueueUrl=queue_name, Tags={"by": "name"})
    assert sqs.list_queue_tags(QueueUrl=queue_name)["Tags"] == {"by": "name"}
    sqs.purge_queue(QueueUrl=queue_name)
    sqs.delete_queue(QueueUrl=queue_name)

    def gone():
        with pytest.raises(ClientError) as e:
            sqs.get_queue_attributes(QueueUrl=url)
        assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)
        return True
    eventually(gone, timeout=70)


@pytest.mark.parametrize("bad_url", ["http://whatever-incorrect-queue-address",
                                     "no such queue!", "http://localhost/"])
def test_queue_url_that_names_no_queue_is_queue_does_not_exist(sqs, bad_url):
    # AWS: NonExistentQueue, not InvalidAddress (moto's aws-verified
    # test_get_queue_url_error_not_exists, for the first URL).
    with pytest.raises(ClientError) as e:
        sqs.get_queue_attributes(QueueUrl=bad_url, AttributeNames=["All"])
    assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)


# ----------------------------------------------------------------------------- ListQueues


def _list_all(sqs, prefix, page_size):
    urls, token, pages = [], None, 0
    while pages < 50:
        kwargs = {"QueueNamePrefix": prefix, "MaxResults": page_size}
        if token:
            kwargs["NextToken"] = token
        r = sqs.list_queues(**kwargs)
        urls += r.get("QueueUrls", [])
        pages += 1
        token = r.get("NextToken")
        if not token:
            break
    return urls, pages


def test_list_queues_filters_by_prefix(sqs, make_queue):
    prefix = unique_name("lq")
    mine = sorted(make_queue(name=f"{prefix}-{i}") for i in range(3))
    other = make_queue()

    def listed():
        urls = sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])
        assert sorted(urls) == mine
        return True
    eventually(listed)
    assert other not in sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])


def test_list_queues_with_unmatched_prefix_returns_no_urls(sqs):
    r = sqs.list_queues(QueueNamePrefix=unique_name("nothing-here"))
    assert r.get("QueueUrls", []) == []
    assert "NextToken" not in r


@pytest.mark.moto_gap("ListQueues ignores MaxResults")
def test_list_queues_paginates_with_max_results_and_next_token(sqs, make_queue):
    prefix = unique_name("page")
    mine = sorted(make_queue(name=f"{prefix}-{i}") for i in range(5))

    def all_pages():
        urls, pages = _list_all(sqs, prefix, page_size=2)
        assert sorted(urls) == mine
        assert pages == 3
        return True
    eventually(all_pages)
    first = sqs.list_queues(QueueNamePrefix=prefix, MaxResults=2)
    assert len(first["QueueUrls"]) == 2
    assert first.get("NextToken")


def test_list_queues_without_max_results_has_no_next_token(sqs, make_queue):
    prefix = unique_name("nopage")
    for i in range(3):
        make_queue(name=f"{prefix}-{i}")
    r = eventually(lambda: (lambda r: r if len(r.get("QueueUrls", [])) == 3 else None)(
        sqs.list_queues(QueueNamePrefix=prefix)))
    assert r is not None and "NextToken" not in r


@pytest.mark.moto_gap("ListQueues ignores MaxResults")
@pytest.mark.parametrize("max_results", [0, 1001])
def test_list_queues_rejects_max_results_out_of_range(sqs_unvalidated, max_results):
    with pytest.raises(ClientError) as e:
        sqs_unvalidated.list_queues(MaxResults=max_results)
    assert_error(e, "InvalidParameterValue", client=sqs_unvalidated)


# ----------------------------------------------------------------------------- DeleteQueue


def test_delete_queue_makes_it_unreachable(sqs, queue_name):
    url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)

    def gone():
        with pytest.raises(ClientError) as e:
            sqs.get_queue_url(QueueName=queue_name)
        assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)
        return True
    eventually(gone, timeout=70)


def test_operations_on_deleted_queue_fail_non_existent_queue(sqs, queue_name):
    url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)

    def gone():
        with pytest.raises(ClientError) as e:
            sqs.send_message(QueueUrl=url, MessageBody="x")
        assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)
        return True
    eventually(gone, timeout=70)
    with pytest.raises(ClientError) as e:
        sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
    assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)


def test_delete_missing_queue_fails_non_existent_queue(sqs, queue):
    missing = queue.rsplit("/", 1)[0] + "/" + unique_name("never")
    with pytest.raises(ClientError) as e:
        sqs.delete_queue(QueueUrl=missing)
    assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)


# ----------------------------------------------------------------------------- GetQueueAttributes


@pytest.mark.moto_gap("timestamps are floats")
def test_get_queue_attributes_all_on_new_standard_queue(sqs, queue, account_id):
    got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["All"])["Attributes"]
    assert STANDARD_ATTRIBUTES <= set(got), STANDARD_ATTRIBUTES - set(got)
    assert "FifoQueue" not in got
    assert got["VisibilityTimeout"] == "30"
    assert got["MaximumMessageSize"] in DEFAULT_MAXIMUM_MESSAGE_SIZES
    assert got["MessageRetentionPeriod"] == "345600"
    assert got["DelaySeconds"] == "0"
    assert got["ReceiveMessageWaitTimeSeconds"] == "0"
    assert got["ApproximateNumberOfMessages"] == "0"
    assert got["ApproximateNumberOfMessagesNotVisible"] == "0"
    assert got["ApproximateNumberOfMessagesDelayed"] == "0"
    name = queue.rstrip("/").split("/")[-1]
    assert got["QueueArn"].startswith("arn:aws:sqs:")
    assert got["QueueArn"].endswith(f":{account_id}:{name}")
    now = time.time()
    assert abs(int(got["CreatedTimestamp"]) - now) < 300
    assert abs(int(got["LastModifiedTimestamp"]) - now) < 300


def test_get_queue_attributes_without_names_returns_no_attributes(sqs, queue):
    r = sqs.get_queue_attributes(QueueUrl=queue)
    assert r.get("Attributes", {}) == {}


@pytest.mark.parametrize("name", sorted(STANDARD_ATTRIBUTES))
def test_get_queue_attributes_returns_exactly_the_named_attribute(sqs, queue, name):
    got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=[name])["Attributes"]
    assert set(got) == {name}


def test_get_queue_attributes_rejects_unknown_name(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["NoSuchAttribute"])
    assert_error(e, "InvalidAttributeName", client=sqs)


def test_approximate_counts_follow_visible_in_flight_and_delayed(sqs, queue):
    for i in range(3):
        sqs.send_message(QueueUrl=queue, MessageBody=f"visible {i}")
    sqs.send_message(QueueUrl=queue, MessageBody="delayed", DelaySeconds=60)
    r = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=60,
                            WaitTimeSeconds=1)
    assert len(r["Messages"]) == 1
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
             "ApproximateNumberOfMessagesDelayed"]

    def counts():
        got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=names)["Attributes"]
        assert got == {names[0]: "2", names[1]: "1", names[2]: "1"}
        return True
    eventually(counts, timeout=70)


# ----------------------------------------------------------------------------- SetQueueAttributes


@pytest.mark.parametrize("name,value", [
    ("VisibilityTimeout", "0"), ("VisibilityTimeout", "43200"),
    ("DelaySeconds", "900"), ("MaximumMessageSize", "1024"),
    ("MessageRetentionPeriod", "60"), ("MessageRetentionPeriod", "1209600"),
    ("ReceiveMessageWaitTimeSeconds", "20"),
])
def test_set_queue_attributes_accepts_documented_bounds(sqs, queue, name, value):
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={name: value})
    got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=[name])["Attributes"]
    assert got == {name: value}


@pytest.mark.moto_gap("no attribute validation")
@pytest.mark.parametrize("name,value", [
    ("VisibilityTimeout", "-1"), ("VisibilityTimeout", "43201"),
    ("DelaySeconds", "901"), ("MaximumMessageSize", "1023"),
    ("MessageRetentionPeriod", "59"), ("MessageRetentionPeriod", "1209601"),
    ("ReceiveMessageWaitTimeSeconds", "21"),
])
def test_set_queue_attributes_rejects_out_of_range_values(sqs, queue, name, value):
    with pytest.raises(ClientError) as e:
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={name: value})
    assert_error(e, "InvalidAttributeValue", client=sqs)
    got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=[name])["Attributes"]
    assert got[name] != value


@pytest.mark.moto_gap("answers 500")
def test_set_queue_attributes_rejects_unknown_name(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Colour": "blue"})
    assert_error(e, "InvalidAttributeName", client=sqs)


def test_set_redrive_policy_round_trips(sqs, make_queue):
    dlq = make_queue()
    src = make_queue()
    dlq_arn = queue_arn(sqs, dlq)
    policy = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "4"}
    sqs.set_queue_attributes(QueueUrl=src, Attributes={"RedrivePolicy": json.dumps(policy)})
    got = sqs.get_queue_attributes(QueueUrl=src, AttributeNames=["RedrivePolicy"])["Attributes"]
    parsed = json.loads(got["RedrivePolicy"])
    assert parsed["deadLetterTargetArn"] == dlq_arn
    assert int(parsed["maxReceiveCount"]) == 4
    all_attrs = sqs.get_queue_attributes(QueueUrl=src, AttributeNames=["All"])["Attributes"]
    assert json.loads(all_attrs["RedrivePolicy"]) == parsed


@pytest.mark.moto_gap("answers 500")
def test_redrive_policy_that_is_not_json_is_rejected(sqs, queue):
    with pytest.raises(ClientError) as e:
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"RedrivePolicy": "{not json"})
    assert_error_code_in(e, {"InvalidParameterValue", "InvalidAttributeValue"})


@pytest.mark.moto_gap("timestamps are floats")
def test_set_queue_attributes_updates_last_modified(sqs, queue):
    before = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["LastModifiedTimestamp"])
    time.sleep(1.1)
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"VisibilityTimeout": "31"})

    def moved():
        after = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["LastModifiedTimestamp"])
        assert int(after["Attributes"]["LastModifiedTimestamp"]) > \
            int(before["Attributes"]["LastModifiedTimestamp"])
        return True
    eventually(moved, timeout=70)


def test_policy_round_trips(sqs, queue, account_id):
    arn = queue_arn(sqs, queue)
    policy = {"Version": "2012-10-17", "Id": "wire-test", "Statement": [{
        "Sid": "AllowOwnerSend", "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
        "Action": "sqs:SendMessage", "Resource": arn}]}
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Policy": json.dumps(policy)})
    got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["Policy"])["Attributes"]
    parsed = json.loads(got["Policy"])
    assert parsed["Statement"][0]["Action"] == "sqs:SendMessage"
    assert parsed["Statement"][0]["Resource"] == arn


@pytest.mark.moto_gap("no RedriveAllowPolicy")
@pytest.mark.parametrize("policy", [{"redrivePermission": "allowAll"},
                                    {"redrivePermission": "denyAll"}])
def test_redrive_allow_policy_round_trips(sqs, queue, policy):
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"RedriveAllowPolicy": json.dumps(policy)})
    got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["RedriveAllowPolicy"])
    assert json.loads(got["Attributes"]["RedriveAllowPolicy"]) == policy


@pytest.mark.parametrize("attributes", [
    {"SqsManagedSseEnabled": "false"}, {"SqsManagedSseEnabled": "true"},
    {"KmsMasterKeyId": "alias/aws/sqs", "KmsDataKeyReusePeriodSeconds": "120"},
], ids=["sse-off", "sse-on", "kms"])
def test_encryption_attributes_round_trip(sqs, queue, attributes):
    sqs.set_queue_attributes(QueueUrl=queue, Attributes=attributes)
    got = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=list(attributes))["Attributes"]
    assert got == attributes


def test_fifo_queue_throughput_attributes(sqs, make_queue):
    url = make_queue(fifo=True)
    got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert got["ContentBasedDeduplication"] == "false"
    assert got["DeduplicationScope"] == "queue"
    assert got["FifoThroughputLimit"] == "perQueue"
    high = {"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId",
            "ContentBasedDeduplication": "true"}
    sqs.set_queue_attributes(QueueUrl=url, Attributes=high)
    got = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=list(high))["Attributes"]
    assert got == high


@pytest.mark.moto_gap("accepts FIFO attributes on standard queues")
def test_fifo_only_attributes_are_rejected_on_standard_queue(sqs, make_queue):
    with pytest.raises(ClientError) as e:
        make_queue(attributes={"ContentBasedDeduplication": "true"})
    assert_error_code_in(e, {"InvalidAttributeName", "InvalidAttributeValue",
                             "InvalidParameterValue"})


# ----------------------------------------------------------------------------- Tags


def test_tag_list_untag_queue(sqs, queue):
    assert sqs.list_queue_tags(QueueUrl=queue).get("Tags", {}) == {}
    sqs.tag_queue(QueueUrl=queue, Tags={"a": "1", "b": "2"})
    sqs.tag_queue(QueueUrl=queue, Tags={"b": "3", "c": ""})
    assert sqs.list_queue_tags(QueueUrl=queue)["Tags"] == {"a": "1", "b": "3", "c": ""}
    sqs.untag_queue(QueueUrl=queue, TagKeys=["a", "c", "not-there"])
    assert sqs.list_queue_tags(QueueUrl=queue)["Tags"] == {"b": "3"}


def test_tags_on_missing_queue_fail_non_existent_queue(sqs, queue):
    missing = queue.rsplit("/", 1)[0] + "/" + unique_name("never")
    with pytest.raises(ClientError) as e:
        sqs.list_queue_tags(QueueUrl=missing)
    assert_error(e, *NON_EXISTENT_QUEUE, client=sqs)


# ----------------------------------------------------------------------------- ListDeadLetterSourceQueues


@pytest.mark.moto_gap("ignores MaxResults")
def test_list_dead_letter_source_queues(sqs, make_queue):
    dlq = make_queue()
    sources = sorted(make_queue() for _ in range(2))
    make_queue()  # an unrelated queue
    policy = json.dumps({"deadLetterTargetArn": queue_arn(sqs, dlq), "maxReceiveCount": "2"})
    for url in sources:
        sqs.set_queue_attributes(QueueUrl=url, Attributes={"RedrivePolicy": policy})

    def listed():
        got = sqs.list_dead_letter_source_queues(QueueUrl=dlq)
        assert sorted(got["queueUrls"]) == sources
        return True
    eventually(listed, timeout=70)
    page = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=1)
    assert len(page["queueUrls"]) == 1
    assert page.get("NextToken")
    rest = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=1, NextToken=page["NextToken"])
    assert sorted(page["queueUrls"] + rest["queueUrls"]) == sources


def test_list_dead_letter_source_queues_of_plain_queue_is_empty(sqs, queue):
    assert sqs.list_dead_letter_source_queues(QueueUrl=queue).get("queueUrls", []) == []
