"""Iceberg tables through Athena and Step Functions: the batch ETL's heart.

The batch ETL's state machine from "Create Athena DB" onwards, exactly as its template
writes it (SHOW TABLES, the Choice on Rows[0], the external tables, the Iceberg table
partitioned by dt, the Map whose Choice MERGEs into it, the Pass), run three times: the
first run creates the tables, the second MERGEs without duplicating, the third MERGEs
new transactions and changes only the affected (dt, user_id) rows. Glue points at the
table's current metadata as AWS does; the files are in the lake where Athena puts them.
"""
import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sfn_calls import history, run_to_end  # noqa: E402
from test_athena import (  # noqa: E402,F401  (fixtures are used by name)
    CREATE_TRANSACTIONS, CREATE_USERS, ROLE, TRANSACTIONS_CSV, USERS_CSV, all_rows, athena,
    bucket, results, sfn, succeeded, unique)
from test_glue import glue  # noqa: E402,F401

CREATE_REPORT = (
    "CREATE TABLE IF NOT EXISTS {db}.user_transactions ( dt date, user_id int, total_cost_usd "
    "float, registration_date string ) PARTITIONED BY (dt) LOCATION "
    "'s3://{bucket}/{prefix}/data/myschema/optimized-data-iceberg-parquet/' TBLPROPERTIES ( "
    "'table_type'='ICEBERG', 'format'='parquet', 'write_target_data_file_size_bytes'='536870912', "
    "'optimize_rewrite_delete_file_threshold'='10' ) ;")
MERGE = (
    "MERGE INTO {db}.user_transactions  as ut USING ( SELECT date(dt) dt , user_id , "
    "sum(total_cost) total_cost_usd , registration_date FROM {db}.transactions LEFT JOIN "
    "{db}.users ON users.id = transactions.user_id GROUP BY dt , user_id , registration_date ) "
    "as ut2 ON (ut.dt = ut2.dt and ut.user_id = ut2.user_id) WHEN MATCHED THEN UPDATE SET "
    "total_cost_usd = ut2.total_cost_usd, registration_date = ut2.registration_date WHEN NOT "
    "MATCHED THEN INSERT ( dt ,user_id ,total_cost_usd ,registration_date ) VALUES ( ut2.dt "
    ",ut2.user_id ,ut2.total_cost_usd ,ut2.registration_date ) ;")


def _machine(db, bucket, prefix, results):
    def athena_task(sql, next_state=None):
        task = {"Resource": "arn:aws:states:::athena:startQueryExecution.sync",
                "Parameters": {"QueryString": sql, "WorkGroup": "primary",
                               "ResultConfiguration": {"OutputLocation": results}},
                "Type": "Task"}
        if next_state:
            task["Next"] = next_state
        else:
            task["End"] = True
        return task
    return {
        "Comment": "The batch ETL from Create Athena DB onwards",
        "StartAt": "Create Athena DB",
        "States": {
            "Create Athena DB": athena_task(f"CREATE DATABASE if not exists {db}", "Show tables"),
            "Show tables": athena_task(f"show tables in {db}", "Get Show tables query results"),
            "Get Show tables query results": {
                "Resource": "arn:aws:states:::athena:getQueryResults",
                "Parameters": {"QueryExecutionId.$": "$.QueryExecution.QueryExecutionId"},
                "Type": "Task", "Next": "Decide what next"},
            "Decide what next": {
                "Type": "Choice",
                "Choices": [
                    {"Not": {"Variable": "$.ResultSet.Rows[0].Data[0].VarCharValue",
                             "IsPresent": True},
                     "Next": "Create users table (external)"},
                    {"Variable": "$.ResultSet.Rows[0].Data[0].VarCharValue",
                     "IsPresent": True, "Next": "Check All Tables"}],
                "Default": "Check All Tables"},
            "Create users table (external)": athena_task(
                CREATE_USERS.format(db=db, bucket=bucket, prefix=prefix),
                "Create transactions table (external)"),
            "Create transactions table (external)": athena_task(
                CREATE_TRANSACTIONS.format(db=db, bucket=bucket, prefix=prefix),
                "Create report table (parquet)"),
            "Create report table (parquet)": athena_task(
                CREATE_REPORT.format(db=db, bucket=bucket, prefix=prefix)),
            "Check All Tables": {
                "Type": "Map", "InputPath": "$.ResultSet", "ItemsPath": "$.Rows",
                "MaxConcurrency": 0,
                "Iterator": {
                    "StartAt": "CheckTable",
                    "States": {
                        "CheckTable": {
                            "Type": "Choice",
                            "Choices": [
                                {"Variable": "$.Data[0].VarCharValue",
                                 "StringMatches": "*users", "Next": "passstep"},
                                {"Variable": "$.Data[0].VarCharValue",
                                 "StringMatches": "*user_transactions",
                                 "Next": "Insert New parquet Data"}],
                            "Default": "passstep"},
                        "Insert New parquet Data": athena_task(MERGE.format(db=db)),
                        "passstep": {"Type": "Pass", "Result": "NA", "End": True},
                    }},
                "End": True},
        },
    }


def _report(athena, results, db):
    execution = succeeded(
        athena, results,
        f"SELECT CAST(dt AS varchar), user_id, total_cost_usd, registration_date "
        f"FROM {db}.user_transactions ORDER BY dt, user_id")
    rows, _ = all_rows(athena, execution["QueryExecutionId"])
    return rows[1:]


def _entered(sfn, execution):
    return [e["stateEnteredEventDetails"]["name"] for e in history(sfn, execution)
            if e["type"].endswith("StateEntered")]


@pytest.fixture
def lake(s3, bucket):
    prefix = unique("lake")
    s3.put_object(Bucket=bucket, Key=f"{prefix}/data/myschema/users/users.csv",
                  Body=USERS_CSV.encode())
    s3.put_object(Bucket=bucket, Key=f"{prefix}/data/myschema/transactions/transactions.scv",
                  Body=TRANSACTIONS_CSV.encode())
    return prefix


def test_batch_etl_state_machine_creates_then_merges_idempotently(sfn, athena, s3, glue, bucket,
                                                                   results, lake):
    db = unique("iceberg")
    machine = sfn.create_state_machine(
        name=unique("etl"), roleArn=ROLE,
        definition=json.dumps(_machine(db, bucket, lake, results)))["stateMachineArn"]

    first = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    done = run_to_end(sfn, first, timeout=120)
    assert done["status"] == "SUCCEEDED", done
    assert "Create report table (parquet)" in _entered(sfn, first)
    assert _report(athena, results, db) == []

    # Glue points at the table's metadata, as Athena leaves it.
    table = glue.get_table(DatabaseName=db, Name="user_transactions")["Table"]
    assert table["Parameters"]["table_type"].upper() == "ICEBERG"
    metadata_location = table["Parameters"]["metadata_location"]
    assert metadata_location.startswith(
        f"s3://{bucket}/{lake}/data/myschema/optimized-data-iceberg-parquet/metadata/")
    assert metadata_location.endswith(".metadata.json")

    shown = succeeded(athena, results, f"SHOW CREATE TABLE {db}.user_transactions")
    lines = [r[0] for r in all_rows(athena, shown["QueryExecutionId"])[0]]
    assert lines[:6] == [f"CREATE TABLE {db}.user_transactions (", "  dt date,",
                         "  user_id int,", "  total_cost_usd float,",
                         "  registration_date string)", "PARTITIONED BY (`dt`)"], lines
    assert lines[6] == (f"LOCATION 's3://{bucket}/{lake}/data/myschema/"
                        f"optimized-data-iceberg-parquet'"), lines
    assert "  'table_type'='iceberg'," in lines, lines
    shown = succeeded(athena, results, f"SHOW TBLPROPERTIES {db}.user_transactions "
                                       f"('optimize_rewrite_delete_file_threshold')")
    assert all_rows(athena, shown["QueryExecutionId"])[0] == [
        ["optimize_rewrite_delete_file_threshold\t10"]]
    assert "  'optimize_rewrite_delete_file_threshold'='10'," in lines or \
        "  'optimize_rewrite_delete_file_threshold'='10')" in lines, lines

    second = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    done = run_to_end(sfn, second, timeout=120)
    assert done["status"] == "SUCCEEDED", done
    assert "Insert New parquet Data" in _entered(sfn, second)
    merged = _report(athena, results, db)
    assert merged == [
        ["2024-06-07", "1", "4.99", "2024-06-10"],
        ["2024-06-07", "2", "4.99", "2024-06-09"],
        ["2024-06-10", "1", "16.98", "2024-06-10"],
        ["2024-06-10", "2", "4.99", "2024-06-09"],
    ]
    # The commit moved Glue's pointer and kept the previous one.
    table = glue.get_table(DatabaseName=db, Name="user_transactions")["Table"]
    assert table["Parameters"]["metadata_location"] != metadata_location
    assert table["Parameters"]["previous_metadata_location"] == metadata_location

    # Run again: nothing is duplicated.
    third = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    assert run_to_end(sfn, third, timeout=120)["status"] == "SUCCEEDED"
    assert _report(athena, results, db) == merged

    # New transactions land: only the affected (dt, user_id) rows change.
    s3.put_object(Bucket=bucket, Key=f"{lake}/data/myschema/transactions/more.csv",
                  Body=b"6,2,1.01,2024-06-07\n7,1,2.5,2024-06-11\n")
    fourth = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    assert run_to_end(sfn, fourth, timeout=120)["status"] == "SUCCEEDED"
    assert _report(athena, results, db) == [
        ["2024-06-07", "1", "4.99", "2024-06-10"],
        ["2024-06-07", "2", "6.0", "2024-06-09"],
        ["2024-06-10", "1", "16.98", "2024-06-10"],
        ["2024-06-10", "2", "4.99", "2024-06-09"],
        ["2024-06-11", "1", "2.5", "2024-06-10"],
    ]

    # Data files are Parquet under the table's data/, partitioned by dt.
    keys = [o["Key"] for o in s3.list_objects_v2(
        Bucket=bucket, Prefix=f"{lake}/data/myschema/optimized-data-iceberg-parquet/")["Contents"]]
    assert any("/data/dt=2024-06-11/" in k and k.endswith(".parquet") for k in keys), keys
    assert any(k.endswith(".avro") for k in keys), keys
    snapshots = succeeded(athena, results,
                          f'SELECT operation FROM "{db}"."user_transactions$snapshots" '
                          f"ORDER BY committed_at")
    rows, _ = all_rows(athena, snapshots["QueryExecutionId"])
    assert len(rows) - 1 == 3


def test_update_delete_and_time_travel_through_athena(athena, results):
    db = unique("iceberg_dml")
    succeeded(athena, results, f"CREATE DATABASE {db}")
    succeeded(athena, results,
              f"CREATE TABLE {db}.t (id int, v string) TBLPROPERTIES ('table_type'='ICEBERG')")
    insert = succeeded(athena, results, f"INSERT INTO {db}.t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
    rows, _ = all_rows(athena, insert["QueryExecutionId"])
    assert rows == [["rows"], ["3"]]
    succeeded(athena, results, f"UPDATE {db}.t SET v = 'B' WHERE id = 2")
    succeeded(athena, results, f"DELETE FROM {db}.t WHERE id = 3")
    current = succeeded(athena, results, f"SELECT id, v FROM {db}.t ORDER BY id")
    assert all_rows(athena, current["QueryExecutionId"])[0][1:] == [["1", "a"], ["2", "B"]]
    first = succeeded(athena, results,
                      f'SELECT snapshot_id FROM "{db}"."t$snapshots" WHERE parent_id IS NULL')
    snapshot = all_rows(athena, first["QueryExecutionId"])[0][1][0]
    old = succeeded(athena, results,
                    f"SELECT id, v FROM {db}.t FOR VERSION AS OF {snapshot} ORDER BY id")
    assert all_rows(athena, old["QueryExecutionId"])[0][1:] == [["1", "a"], ["2", "b"], ["3", "c"]]
