"""What the Step Functions kill -9 tests share: a client, an activity worker's poll, and
the seeded run with its report."""
import os
import random
import sys
import time
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from stratus_process import stratus_binary  # noqa: E402


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


def run_seeded(run):
    """Runs `run(seed, errors)` (it returns its data dir) with $STRATUS_KILL9_SEED or a
    random seed, and fails with the seed, the data dir and the errors it collected."""
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = int(os.environ.get("STRATUS_KILL9_SEED", random.randrange(1 << 30)))
    errors = []
    tmp = run(seed, errors)
    print(f"seed={seed}")
    assert not errors, f"seed {seed} (data kept in {tmp}):\n" + "\n".join(errors[:30])
