"""kill -9 the server while 4 clients start queries, create named queries, prepared
statements and work groups; after a restart every acknowledged one is there, and every
execution that had not finished at the kill ends FAILED with a reason naming the restart
(docs/formats/athena.md, "Restarts").

Run: python3 test/wire/run_pytest.py test/durability -m durability -k athena
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import time

import botocore.exceptions
import pytest

from kill9_driver import boto_client, writers_survive_kill9

NUM_CLIENTS = 4
BUCKET = "athena-kill9"
RESULTS = f"s3://{BUCKET}/results/"


def _work(endpoint, client_number, acked, stop):
    """Starts queries and creates resources until `stop`; records what was acknowledged."""
    athena = boto_client("athena", endpoint)
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


def _prepare(endpoint):
    """Starts a query that runs for minutes, so that it is RUNNING when the server dies;
    returns its id."""
    s3 = boto_client("s3", endpoint)
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="numbers/n.csv",
                  Body="".join(f"{i}\n" for i in range(2500)).encode())
    athena = boto_client("athena", endpoint)
    athena.start_query_execution(
        QueryString=f"CREATE EXTERNAL TABLE numbers (n bigint) LOCATION 's3://{BUCKET}/numbers/'",
        ResultConfiguration={"OutputLocation": RESULTS})
    time.sleep(0.5)
    return athena.start_query_execution(
        QueryString="SELECT count(*) FROM numbers a CROSS JOIN numbers b CROSS JOIN numbers c",
        ResultConfiguration={"OutputLocation": RESULTS})["QueryExecutionId"]


def _verify(endpoint, acked, long_query, seed):
    athena = boto_client("athena", endpoint)
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
    return (f"{len(acked['queries'])} queries {states}, {len(acked['named'])} named, "
            f"{len(acked['prepared'])} prepared, {len(acked['work_groups'])} work groups")


@pytest.mark.durability
def test_acknowledged_athena_state_survives_kill9():
    writers_survive_kill9("athena", ["queries", "named", "prepared", "work_groups"], _work,
                          _verify, prepare=_prepare, num_clients=NUM_CLIENTS)
