"""The AWS CLI flows a user types, end to end ($STRATUS_AWS_CLI, default `aws`)."""
import json

from queue_names import unique_name
from sqs_calls import eventually
from sqs_digests import md5_of_attributes, md5_of_body


def test_cli_queue_lifecycle(aws_cli):
    name = unique_name("cli")
    url = aws_cli("sqs", "create-queue", "--queue-name", name,
                  "--attributes", "VisibilityTimeout=40,DelaySeconds=0")["QueueUrl"]
    try:
        assert url.endswith("/" + name)
        assert aws_cli("sqs", "get-queue-url", "--queue-name", name)["QueueUrl"] == url

        listed = eventually(lambda: url in aws_cli("sqs", "list-queues", "--queue-name-prefix",
                                                   name).get("QueueUrls", []), timeout=60)
        assert listed

        attrs = aws_cli("sqs", "get-queue-attributes", "--queue-url", url,
                        "--attribute-names", "All")["Attributes"]
        assert attrs["VisibilityTimeout"] == "40"
        assert attrs["QueueArn"].endswith(":" + name)

        aws_cli("sqs", "set-queue-attributes", "--queue-url", url,
                "--attributes", "VisibilityTimeout=50")
        attrs = aws_cli("sqs", "get-queue-attributes", "--queue-url", url,
                        "--attribute-names", "VisibilityTimeout")["Attributes"]
        assert attrs == {"VisibilityTimeout": "50"}
    finally:
        aws_cli("sqs", "delete-queue", "--queue-url", url)


def test_cli_send_receive_delete(aws_cli):
    url = aws_cli("sqs", "create-queue", "--queue-name", unique_name("cli-msg"))["QueueUrl"]
    try:
        attributes = {"kind": {"DataType": "String", "StringValue": "greeting"},
                      "n": {"DataType": "Number", "StringValue": "3"}}
        sent = aws_cli("sqs", "send-message", "--queue-url", url, "--message-body", "hello cli",
                       "--message-attributes", json.dumps(attributes))
        assert sent["MD5OfMessageBody"] == md5_of_body("hello cli")
        assert sent["MD5OfMessageAttributes"] == md5_of_attributes(attributes)

        got = aws_cli("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "5",
                      "--attribute-names", "All", "--message-attribute-names", "All")
        msgs = got["Messages"]
        assert len(msgs) == 1
        assert msgs[0]["Body"] == "hello cli"
        assert msgs[0]["MessageId"] == sent["MessageId"]
        assert msgs[0]["MessageAttributes"] == attributes
        assert msgs[0]["Attributes"]["ApproximateReceiveCount"] == "1"

        aws_cli("sqs", "delete-message", "--queue-url", url,
                "--receipt-handle", msgs[0]["ReceiptHandle"])
        again = aws_cli("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "1",
                        "--visibility-timeout", "0")
        assert (again or {}).get("Messages", []) == []
    finally:
        aws_cli("sqs", "delete-queue", "--queue-url", url)


def test_cli_send_batch_and_purge(aws_cli):
    url = aws_cli("sqs", "create-queue", "--queue-name", unique_name("cli-purge"))["QueueUrl"]
    try:
        entries = [{"Id": f"m{i}", "MessageBody": f"body {i}"} for i in range(5)]
        r = aws_cli("sqs", "send-message-batch", "--queue-url", url, "--entries", json.dumps(entries))
        assert sorted(s["Id"] for s in r["Successful"]) == [f"m{i}" for i in range(5)]

        def depth(expected):
            attrs = aws_cli("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names",
                            "ApproximateNumberOfMessages")["Attributes"]
            assert attrs["ApproximateNumberOfMessages"] == expected
            return True
        eventually(lambda: depth("5"), timeout=60)
        aws_cli("sqs", "purge-queue", "--queue-url", url)
        eventually(lambda: depth("0"), timeout=70)
    finally:
        aws_cli("sqs", "delete-queue", "--queue-url", url)


def test_cli_reports_missing_queue_with_nonzero_exit(aws_cli):
    p = aws_cli.run_raw("sqs", "get-queue-url", "--queue-name", unique_name("cli-missing"))
    assert p.returncode != 0
    assert "NonExistentQueue" in p.stderr or "QueueDoesNotExist" in p.stderr, p.stderr


def test_cli_delete_queue_removes_it(aws_cli):
    name = unique_name("cli-del")
    url = aws_cli("sqs", "create-queue", "--queue-name", name)["QueueUrl"]
    aws_cli("sqs", "delete-queue", "--queue-url", url)

    def gone():
        return aws_cli.run_raw("sqs", "get-queue-url", "--queue-name", name).returncode != 0
    assert eventually(gone, timeout=70)
