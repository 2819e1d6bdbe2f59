"""The Step Functions client and activity worker poll the kill -9 tests share."""
import time

import boto3
from botocore.config import Config


def client(endpoint, read_timeout=70):
    """A Step Functions client without retries, for a server that may be killed."""
    cfg = Config(retries={"max_attempts": 0}, connect_timeout=2, read_timeout=read_timeout,
                 inject_host_prefix=False)
    return boto3.client("stepfunctions", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x", config=cfg)


def poll(sfn, activity_arn, timeout=20.0, worker="kill9-worker"):
    """GetActivityTask until a task comes or `timeout` passes (then None)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        task = sfn.get_activity_task(activityArn=activity_arn, workerName=worker)
        if task.get("taskToken"):
            return task
    return None
