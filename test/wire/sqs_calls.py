"""SQS call sequences the wire tests repeat: a queue's ARN, receive until N, wait until true."""
import time


def queue_arn(client, url):
    return client.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def eventually(check, timeout=10.0, interval=0.1):
    """Calls check() until it returns a truthy value or raises no AssertionError; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
            if value:
                return value
            if time.monotonic() >= deadline:
                return value
        except AssertionError:
            if time.monotonic() >= deadline:
                raise
        time.sleep(interval)


def receive_all(client, url, expected, timeout=10.0, **kwargs):
    """Receives until `expected` messages were seen or timeout; returns the list of messages."""
    got = []
    kwargs.setdefault("WaitTimeSeconds", 1)
    deadline = time.monotonic() + timeout
    while len(got) < expected and time.monotonic() < deadline:
        r = client.receive_message(QueueUrl=url, MaxNumberOfMessages=min(10, expected - len(got)),
                                   **kwargs)
        got.extend(r.get("Messages", []))
    return got
