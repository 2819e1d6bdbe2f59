"""The SQL engine's memory budget, as `stratus serve --sql-memory-limit` sets it.

Starts its own stratus (stratus_only) with a 4 MiB budget, puts a CSV of
200,000 distinct keys into its S3, and runs through Athena a GROUP BY that
needs far more than 4 MiB of hash table. The query must end cleanly — with
the exact result when the engine spills, or FAILED with Trino's
EXCEEDED_LOCAL_MEMORY_LIMIT — and the server must go on serving queries that
fit. Bad values of the option are refused at start-up.
"""
import os
import shutil
import subprocess
import tempfile
import time

import boto3
import pytest
from botocore.config import Config

from stratus_process import StratusProcess, stratus_binary

KEYS = 200_000


@pytest.fixture
def small_budget_stratus(target):
    if target != "stratus":
        pytest.skip("needs a stratus this suite starts (STRATUS_BIN)")
    tmp = tempfile.mkdtemp(prefix="stratus-sqlmem-")
    server = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"),
                            extra_args=["--sql-memory-limit", "4M", "--sql-threads", "2"])
    server.start(timeout=10.0)
    try:
        yield server
    finally:
        server.stop(grace=5.0)
        shutil.rmtree(tmp, ignore_errors=True)


def clients(endpoint):
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x",
              aws_secret_access_key="x", config=Config(retries={"max_attempts": 1}))
    return boto3.client("s3", **kw), boto3.client("athena", **kw)


def run(athena, sql, timeout=120):
    qid = athena.start_query_execution(
        QueryString=sql, QueryExecutionContext={"Database": "memtest"},
        ResultConfiguration={"OutputLocation": "s3://memtest/results/"})["QueryExecutionId"]
    deadline = time.monotonic() + timeout
    while True:
        execution = athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]
        if execution["Status"]["State"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            return qid, execution
        assert time.monotonic() < deadline, f"{sql} still {execution['Status']['State']}"
        time.sleep(0.05)


def rows(athena, qid):
    out = []
    for page in athena.get_paginator("get_query_results").paginate(QueryExecutionId=qid):
        out += [[d.get("VarCharValue") for d in r["Data"]] for r in page["ResultSet"]["Rows"]]
    return out[1:]  # The header row.


@pytest.mark.stratus_only
def test_a_query_over_the_budget_spills_or_fails_cleanly(small_budget_stratus):
    s3, athena = clients(small_budget_stratus.endpoint)
    s3.create_bucket(Bucket="memtest")
    body = "".join(f"{i},key-{i:08d}-{'x' * 40}\n" for i in range(KEYS))
    s3.put_object(Bucket="memtest", Key="wide/part-0.csv", Body=body.encode())
    for sql in ("CREATE DATABASE memtest",
                "CREATE EXTERNAL TABLE wide (id bigint, k string) ROW FORMAT DELIMITED FIELDS "
                "TERMINATED BY ',' LOCATION 's3://memtest/wide/'"):
        _, execution = run(athena, sql)
        assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]

    qid, execution = run(athena, "SELECT count(*), count(DISTINCT c) FROM "
                                 "(SELECT k, count(*) c FROM wide GROUP BY k) g")
    status = execution["Status"]
    if status["State"] == "SUCCEEDED":
        assert rows(athena, qid) == [[str(KEYS), "1"]]
    else:
        assert status["State"] == "FAILED", status
        assert status["AthenaError"]["ErrorMessage"].startswith("EXCEEDED_LOCAL_MEMORY_LIMIT: "), \
            status
        assert status["AthenaError"]["ErrorCategory"] == 2, status

    # The budget is returned: a query that fits still runs.
    qid, execution = run(athena, "SELECT count(*), max(id) FROM wide")
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    assert rows(athena, qid) == [[str(KEYS), str(KEYS - 1)]]


@pytest.mark.stratus_only
@pytest.mark.parametrize("value", ["", "12Q", "0", "101%", "-5M"])
def test_bad_memory_limits_are_refused_at_start(target, value):
    if target != "stratus":
        pytest.skip("runs the stratus binary")
    result = subprocess.run([stratus_binary(), "serve", "--port", "0", "--sql-memory-limit",
                             value], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "--sql-memory-limit must be" in result.stderr
