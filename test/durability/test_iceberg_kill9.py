"""kill -9 the server while 4 clients INSERT into one Iceberg table through Athena; after a
restart every acknowledged INSERT's rows are there (concurrent commits retried on the newer
snapshot: no lost update), no INSERT is half there (a snapshot is whole or absent), and the
table reads and takes writes.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k iceberg
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import time

import botocore.exceptions
import pytest

from kill9_driver import boto_client, writers_survive_kill9

NUM_CLIENTS = 4
ROWS_PER_INSERT = 3
RESULTS = "s3://kill9-iceberg/results/"


def _query(athena, sql, timeout=60.0):
    """Runs a statement to its end; returns its final state and rows (header dropped)."""
    qid = athena.start_query_execution(
        QueryString=sql, QueryExecutionContext={"Database": "lake"},
        ResultConfiguration={"OutputLocation": RESULTS})["QueryExecutionId"]
    deadline = time.time() + timeout
    while True:
        status = athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]["Status"]
        if status["State"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            break
        if time.time() > deadline:
            raise TimeoutError(sql)
        time.sleep(0.02)
    if status["State"] != "SUCCEEDED":
        return status, []
    rows = athena.get_query_results(QueryExecutionId=qid)["ResultSet"]["Rows"]
    return status, [[d.get("VarCharValue") for d in r["Data"]] for r in rows[1:]]


def _work(endpoint, client_number, acked, stop):
    athena = boto_client("athena", endpoint)
    i = 0
    while not stop.is_set():
        batch = f"c{client_number}_{i}"
        values = ", ".join(f"('{batch}', {r})" for r in range(ROWS_PER_INSERT))
        try:
            status, _ = _query(athena, f"INSERT INTO events VALUES {values}")
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError,
                ConnectionError, TimeoutError):
            return  # The server died under us; whatever was not acknowledged is unknown.
        if status["State"] != "SUCCEEDED":
            reason = status.get("StateChangeReason", "")
            # A commit that lost every retry fails cleanly; anything else is a bug.
            assert "ICEBERG_COMMIT_ERROR" in reason, reason
        else:
            acked["inserts"].add(batch)
        i += 1


def _prepare(endpoint):
    boto_client("s3", endpoint).create_bucket(Bucket="kill9-iceberg")
    athena = boto_client("athena", endpoint)
    for sql in ("CREATE DATABASE lake",
                "CREATE TABLE events (batch string, n int) "
                "LOCATION 's3://kill9-iceberg/events/' TBLPROPERTIES ('table_type'='ICEBERG')"):
        status, _ = _query(athena, sql)
        assert status["State"] == "SUCCEEDED", status


def _verify(endpoint, acked, _prepared, seed):
    athena = boto_client("athena", endpoint)
    status, rows = _query(athena, "SELECT batch, count(*) FROM events GROUP BY batch")
    assert status["State"] == "SUCCEEDED", (seed, status)
    counts = {batch: int(n) for batch, n in rows}
    lost = acked["inserts"] - counts.keys()
    assert not lost, f"seed {seed}: acknowledged inserts lost: {sorted(lost)[:5]}"
    torn = {b: n for b, n in counts.items() if n != ROWS_PER_INSERT}
    assert not torn, f"seed {seed}: inserts half there: {torn}"
    # The table still takes writes after the restart.
    status, _ = _query(athena, "INSERT INTO events VALUES ('after', 0)")
    assert status["State"] == "SUCCEEDED", (seed, status)
    status, snapshots = _query(athena, 'SELECT count(*) FROM "events$snapshots"')
    assert status["State"] == "SUCCEEDED", (seed, status)
    return (f"{len(acked['inserts'])} inserts acknowledged, {len(counts)} batches after restart, "
            f"{snapshots[0][0]} snapshots")


@pytest.mark.durability
def test_acknowledged_iceberg_commits_survive_kill9_and_none_is_torn():
    writers_survive_kill9("iceberg", ["inserts"], _work, _verify, prepare=_prepare,
                          num_clients=NUM_CLIENTS)
