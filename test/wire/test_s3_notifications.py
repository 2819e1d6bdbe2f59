"""S3 event notifications to an SQS queue: the s3:TestEvent, ObjectCreated/ObjectRemoved
records (key URL-encoded, size, eTag), prefix/suffix filters, and destination validation.

AWS: S3 user guide, "Amazon S3 Event Notifications" and "Event message structure".
The queue gets a policy letting S3 send to it, which real AWS requires.
"""
import json
import time
import urllib.parse

import pytest
from botocore.exceptions import ClientError

from s3_calls import assert_s3_error
from sqs_calls import queue_arn


def allow_s3_to_send(sqs, url, arn, bucket):
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"},
        "Action": "sqs:SendMessage", "Resource": arn,
        "Condition": {"ArnLike": {"aws:SourceArn": f"arn:aws:s3:::{bucket}"}}}]}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})


class Events:
    """Reads the S3 event messages arriving on one queue (and deletes them)."""

    def __init__(self, sqs, url):
        self.sqs = sqs
        self.url = url
        self.seen = []  # parsed message bodies, in arrival order

    def _poll(self):
        r = self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10,
                                     WaitTimeSeconds=1)
        for m in r.get("Messages", []):
            self.seen.append(json.loads(m["Body"]))
            self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=m["ReceiptHandle"])

    def records(self):
        return [rec for body in self.seen for rec in body.get("Records", [])]

    def wait_for(self, predicate, timeout=10.0, what="event", records=True):
        """Polls until predicate(x) holds for an event record (or, with records=False, for a
        message body that is not a list of records, such as s3:TestEvent); returns x."""
        deadline = time.monotonic() + timeout
        while True:
            candidates = self.records() if records else \
                [body for body in self.seen if "Records" not in body]
            for candidate in candidates:
                if predicate(candidate):
                    return candidate
            assert time.monotonic() < deadline, f"no {what} within {timeout}s; got {self.seen}"
            self._poll()

    def drain(self, seconds=1.0):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._poll()


def key_of(record):
    # AWS: "The s3 key provided in the event notification is URL encoded" (spaces as '+').
    return urllib.parse.unquote_plus(record["s3"]["object"]["key"])


@pytest.fixture
def notified(s3, sqs, bucket, make_queue):
    """A bucket whose ObjectCreated/ObjectRemoved events under in/ ending .csv go to a queue."""
    url = make_queue()
    arn = queue_arn(sqs, url)
    allow_s3_to_send(sqs, url, arn, bucket)
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
        "QueueConfigurations": [{
            "Id": "csv-in",
            "QueueArn": arn,
            "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"},
                                               {"Name": "suffix", "Value": ".csv"}]}},
        }]})
    return bucket, arn, Events(sqs, url)


def test_configuring_a_queue_sends_an_s3_test_event(notified):
    bucket, _, events = notified
    body = events.wait_for(lambda b: b.get("Event") == "s3:TestEvent", what="s3:TestEvent",
                           records=False)
    assert body["Service"] == "Amazon S3"
    assert body["Bucket"] == bucket


def test_notification_configuration_is_echoed(s3, notified):
    bucket, arn, _ = notified
    config = s3.get_bucket_notification_configuration(Bucket=bucket)
    [queue] = config["QueueConfigurations"]
    assert queue["Id"] == "csv-in"
    assert queue["QueueArn"] == arn
    assert sorted(queue["Events"]) == ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    rules = {r["Name"].lower(): r["Value"] for r in queue["Filter"]["Key"]["FilterRules"]}
    assert rules == {"prefix": "in/", "suffix": ".csv"}


@pytest.mark.moto_gap("moto also encodes '/' in event keys")
def test_put_sends_object_created_put_with_key_size_and_etag(s3, notified, s3_region):
    bucket, _, events = notified
    key = "in/daily report 1.csv"
    body = b"a,b\n1,2\n"
    etag = s3.put_object(Bucket=bucket, Key=key, Body=body)["ETag"]
    rec = events.wait_for(lambda r: r["eventName"] == "ObjectCreated:Put", what="ObjectCreated:Put")
    assert rec["eventSource"] == "aws:s3"
    assert rec["awsRegion"] == s3_region
    assert rec["eventVersion"].startswith("2.")
    assert rec["eventTime"]
    assert rec["s3"]["bucket"]["name"] == bucket
    assert rec["s3"]["bucket"]["arn"] == f"arn:aws:s3:::{bucket}"
    assert rec["s3"]["configurationId"] == "csv-in"
    obj = rec["s3"]["object"]
    # AWS: '"red flower.jpg" becomes "red+flower.jpg"' (form encoding); real S3 leaves the
    # '/' of a key as it is.
    assert obj["key"] == "in/daily+report+1.csv"
    assert key_of(rec) == key
    assert obj["size"] == len(body)
    assert obj["eTag"] == etag.strip('"')
    assert obj["sequencer"]


def test_delete_sends_object_removed_delete(s3, notified):
    bucket, _, events = notified
    s3.put_object(Bucket=bucket, Key="in/gone.csv", Body=b"x")
    s3.delete_object(Bucket=bucket, Key="in/gone.csv")
    rec = events.wait_for(lambda r: r["eventName"] == "ObjectRemoved:Delete",
                          what="ObjectRemoved:Delete")
    assert key_of(rec) == "in/gone.csv"


def test_copy_and_multipart_send_their_own_created_events(s3, notified):
    bucket, _, events = notified
    s3.put_object(Bucket=bucket, Key="src.bin", Body=b"source")  # filtered out itself
    s3.copy_object(Bucket=bucket, Key="in/copied.csv", CopySource={"Bucket": bucket,
                                                                    "Key": "src.bin"})
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="in/mpu.csv")["UploadId"]
    etag = s3.upload_part(Bucket=bucket, Key="in/mpu.csv", UploadId=upload_id, PartNumber=1,
                          Body=b"part")["ETag"]
    s3.complete_multipart_upload(Bucket=bucket, Key="in/mpu.csv", UploadId=upload_id,
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]})
    copied = events.wait_for(lambda r: r["eventName"] == "ObjectCreated:Copy",
                             what="ObjectCreated:Copy")
    assert key_of(copied) == "in/copied.csv"
    completed = events.wait_for(
        lambda r: r["eventName"] == "ObjectCreated:CompleteMultipartUpload",
        what="ObjectCreated:CompleteMultipartUpload")
    assert key_of(completed) == "in/mpu.csv"


def test_filters_drop_keys_outside_the_prefix_and_suffix(s3, notified):
    bucket, _, events = notified
    for key in ("out/x.csv", "in/x.txt", "x.csv", "in.csv"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"ignored")
    s3.put_object(Bucket=bucket, Key="in/kept.csv", Body=b"kept")
    events.wait_for(lambda r: key_of(r) == "in/kept.csv", what="the in/kept.csv event")
    events.drain(1.0)
    assert sorted(key_of(r) for r in events.records()) == ["in/kept.csv"]


def test_event_keys_with_unicode_and_reserved_characters_are_url_encoded(s3, notified):
    bucket, _, events = notified
    key = "in/ünï cødé+plus&amp=eq.csv"
    s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    rec = events.wait_for(lambda r: r["eventName"].startswith("ObjectCreated"),
                          what="ObjectCreated")
    raw = rec["s3"]["object"]["key"]
    assert " " not in raw and "+plus" not in raw and raw.isascii(), raw
    assert key_of(rec) == key


@pytest.mark.moto_gap("moto sends no DeleteMarkerCreated event")
def test_versioned_delete_sends_delete_marker_created(s3, notified):
    bucket, _, events = notified
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    version = s3.put_object(Bucket=bucket, Key="in/v.csv", Body=b"x")["VersionId"]
    s3.delete_object(Bucket=bucket, Key="in/v.csv")
    rec = events.wait_for(lambda r: r["eventName"] == "ObjectRemoved:DeleteMarkerCreated",
                          what="ObjectRemoved:DeleteMarkerCreated")
    assert key_of(rec) == "in/v.csv"
    created = events.wait_for(lambda r: r["eventName"] == "ObjectCreated:Put",
                              what="ObjectCreated:Put")
    assert created["s3"]["object"]["versionId"] == version


@pytest.mark.moto_gap("moto does not validate notification destinations")
def test_notification_to_a_missing_queue_fails_invalid_argument(s3, bucket, account_id,
                                                               s3_region):
    arn = f"arn:aws:sqs:{s3_region}:{account_id}:no-such-queue-for-s3-events"
    with pytest.raises(ClientError) as e:
        s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
            "QueueConfigurations": [{"QueueArn": arn, "Events": ["s3:ObjectCreated:*"]}]})
    # AWS: 400 InvalidArgument, "Unable to validate the following destination
    # configurations" (S3 user guide, "Troubleshooting event notifications").
    err = assert_s3_error(e, "InvalidArgument", 400)
    assert "Unable to validate the following destination configurations" in err["Message"]


def test_clearing_the_configuration_stops_events(s3, notified):
    bucket, _, events = notified
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={})
    assert "QueueConfigurations" not in s3.get_bucket_notification_configuration(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="in/after.csv", Body=b"x")
    events.drain(1.5)
    assert events.records() == []
