"""kill -9 the server while 4 clients start queries, create named queries, prepared
statements and work groups; after a restart every acknowledged one is there, and every
execution that had not finished at the kill ends FAILED with a reason naming the restart
(docs/formats/athena.md, "Restarts").

Run: python3 test/wire/run_pytest.py test/durability -m durability -k athena
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from stratus_process import StratusProcess, stratus_binary  # noqa: E402

NUM_CLIENTS = 4
BUCKET = "athena-kill9"
RESULTS = f"s3://{BUCKET}/results/"


def _client(endpoint, service="athena"):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=10, connect_timeout=2)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x")


def _work(endpoint, client_number, acked, stop):
    """Starts queries and creates resources until `stop`; records what was acknowledged."""
    athena = _client(endpoint)
    i = 0
    while not stop.is_set():
        try:
            query_id = athena.start_query_execution(
                QueryString=f"SELECT {client_number} AS c, {i} AS i",
                ResultConfiguration={"OutputLocation": RESULTS})["QueryExecutionId"]
            acked["queries"].add(query_id)
            named = athena.create_named_query(Name=f"q{client_number}_{i}", Database="default",
                                              QueryString="SELECT 1")["NamedQueryId"]
            acked["named"].add(named)
            statement = f"s{client_number}_{i}"
            athena.create_prepared_statement(StatementName=statement, WorkGroup="primary",
                                             QueryStatement="SELECT ?")
            acked["prepared"].add(statement)
            if i % 5 == 0:
                group = f"wg{client_number}_{i}"
                athena.create_work_group(Name=group, Configuration={
                    "ResultConfiguration": {"OutputLocation": RESULTS}})
                acked["work_groups"].add(group)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError,
                ConnectionError):
            return  # The server died under us; whatever was not acknowledged is unknown.
        i += 1


@pytest.mark.durability
def test_acknowledged_athena_state_survives_kill9():
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = int(os.environ.get("STRATUS_KILL9_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="stratus-athena-kill9-")
    server = StratusProcess(os.path.join(tmp, "data"))
    server.start()
    ok = False
    try:
        s3 = _client(server.endpoint, "s3")
        s3.create_bucket(Bucket=BUCKET)
        s3.put_object(Bucket=BUCKET, Key="numbers/n.csv",
                      Body="".join(f"{i}\n" for i in range(2500)).encode())
        athena = _client(server.endpoint)
        athena.start_query_execution(
            QueryString=f"CREATE EXTERNAL TABLE numbers (n bigint) LOCATION 's3://{BUCKET}/numbers/'",
            ResultConfiguration={"OutputLocation": RESULTS})
        time.sleep(0.5)
        # A query that runs for minutes: it is RUNNING when the server dies.
        long_query = athena.start_query_execution(
            QueryString="SELECT count(*) FROM numbers a CROSS JOIN numbers b CROSS JOIN numbers c",
            ResultConfiguration={"OutputLocation": RESULTS})["QueryExecutionId"]
        acked = {"queries": set(), "named": set(), "prepared": set(), "work_groups": set()}
        stop = threading.Event()
        threads = [threading.Thread(target=_work, args=(server.endpoint, n, acked, stop))
                   for n in range(NUM_CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.5, 1.5))
        server.kill9()
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        assert acked["queries"], f"seed {seed}: nothing was acknowledged before the kill"

        server.start()
        athena = _client(server.endpoint)
        states = {}
        for query_id in acked["queries"]:
            execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
            status = execution["Status"]
            states[status["State"]] = states.get(status["State"], 0) + 1
            assert status["State"] in ("SUCCEEDED", "FAILED"), (seed, query_id, status)
            if status["State"] == "FAILED":
                assert "restart" in status["StateChangeReason"], (seed, query_id, status)
            else:
                rows = athena.get_query_results(QueryExecutionId=query_id)["ResultSet"]["Rows"]
                assert rows[0]["Data"] == [{"VarCharValue": "c"}, {"VarCharValue": "i"}]
        interrupted = athena.get_query_execution(QueryExecutionId=long_query)["QueryExecution"]
        assert interrupted["Status"]["State"] == "FAILED", (seed, interrupted["Status"])
        assert interrupted["Status"]["AthenaError"]["ErrorCategory"] == 1
        assert "restart" in interrupted["Status"]["StateChangeReason"]
        for named in acked["named"]:
            athena.get_named_query(NamedQueryId=named)
        for statement in acked["prepared"]:
            athena.get_prepared_statement(StatementName=statement, WorkGroup="primary")
        for group in acked["work_groups"]:
            athena.get_work_group(WorkGroup=group)
        # Athena runs queries again after the restart.
        query_id = athena.start_query_execution(
            QueryString="SELECT 1", ResultConfiguration={"OutputLocation": RESULTS})[
                "QueryExecutionId"]
        for _ in range(600):
            state = athena.get_query_execution(QueryExecutionId=query_id)[
                "QueryExecution"]["Status"]["State"]
            if state not in ("QUEUED", "RUNNING"):
                break
            time.sleep(0.05)
        assert state == "SUCCEEDED"
        print(f"seed {seed}: {len(acked['queries'])} queries {states}, {len(acked['named'])} "
              f"named, {len(acked['prepared'])} prepared, {len(acked['work_groups'])} work groups")
        ok = True
    finally:
        server.stop()
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"data dir and log kept at {tmp}")
