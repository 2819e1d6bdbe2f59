"""Athena through boto3, the AWS CLI, Step Functions and `stratus sql`.

The batch ETL's SQL (CREATE DATABASE, SHOW TABLES on an empty then a full database, both
CREATE EXTERNAL TABLEs over CSV objects in S3, the LEFT JOIN + GROUP BY + SUM aggregate)
with the rows Athena returns; GetQueryResults' shape (ColumnInfo, the header row of SELECT
results, none for SHOW, NULL as an empty Datum, NextToken paging); the result files at
the OutputLocation; errors; cancelling; work groups, named queries, prepared statements
and the data catalog. Written to Athena's documented behaviour, so that it also runs
against real AWS (--aws; STRATUS_ATHENA_BUCKET names a bucket it may write to).
"""
import csv
import io
import json
import os
import subprocess
import sys
import time
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402
from sfn_calls import history, run_to_end  # noqa: E402
from stratus_process import stratus_binary  # noqa: E402

ROLE = "arn:aws:iam::000000000000:role/stratus-athena-test"

USERS_CSV = "1,2024-06-10\n2,2024-06-09\n"
TRANSACTIONS_CSV = ("1,1,10.99,2024-06-10\n2,2,4.99,2024-06-10\n3,2,4.99,2024-06-07\n"
                    "4,1,4.99,2024-06-07\n5,1,5.99,2024-06-10\n")

CREATE_USERS = (
    "CREATE EXTERNAL TABLE {db}.users ( id                bigint , registration_date string ) "
    "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS INPUTFORMAT   "
    "'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT   "
    "'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION  "
    "'s3://{bucket}/{prefix}/data/myschema/users/' TBLPROPERTIES (  'skip.header.line.count'='0') ;")
CREATE_TRANSACTIONS = (
    "CREATE EXTERNAL TABLE {db}.transactions ( transaction_id    bigint , user_id           bigint "
    ", total_cost        double , dt                string ) ROW FORMAT DELIMITED FIELDS "
    "TERMINATED BY ',' STORED AS INPUTFORMAT   'org.apache.hadoop.mapred.TextInputFormat' "
    "OUTPUTFORMAT   'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION  "
    "'s3://{bucket}/{prefix}/data/myschema/transactions/' TBLPROPERTIES (  "
    "'skip.header.line.count'='0') ;")
AGGREGATE = """SELECT
      date(dt) dt
    , user_id
    , sum(total_cost) total_cost_usd
    , registration_date
  FROM {db}.transactions
  LEFT JOIN {db}.users
  ON users.id = transactions.user_id
  GROUP BY
    dt
    , user_id
    , registration_date
;"""
AGGREGATE_ROWS = sorted([
    ["2024-06-07", "1", "4.99", "2024-06-10"],
    ["2024-06-07", "2", "4.99", "2024-06-09"],
    ["2024-06-10", "1", "16.98", "2024-06-10"],
    ["2024-06-10", "2", "4.99", "2024-06-09"],
])


# ----------------------------------------------------------------------------- fixtures


def _client(service, endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)
    if target == "aws":
        return boto3.client(service, config=cfg)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture(scope="session")
def athena(endpoint, target):
    return _client("athena", endpoint, target)


@pytest.fixture(scope="session")
def sfn(endpoint, target):
    return _client("stepfunctions", endpoint, target)


@pytest.fixture(scope="session")
def bucket(s3, target):
    if target == "aws":
        name = os.environ.get("STRATUS_ATHENA_BUCKET")
        if not name:
            pytest.skip("set STRATUS_ATHENA_BUCKET to run the Athena tests against AWS")
        return name
    name = f"athena-wire-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture(scope="session")
def results(bucket):
    return f"s3://{bucket}/athena-results/"


def unique(hint):
    return f"w_{hint}_{uuid.uuid4().hex[:8]}"


def wait(athena, query_id, timeout=60.0):
    deadline = time.time() + timeout
    while True:
        execution = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
        if execution["Status"]["State"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            return execution
        assert time.time() < deadline, f"query {query_id} still {execution['Status']['State']}"
        time.sleep(0.05)


def run(athena, results, sql, database=None, work_group="primary", **extra):
    kwargs = {"QueryString": sql, "WorkGroup": work_group,
              "ResultConfiguration": {"OutputLocation": results}, **extra}
    if database:
        kwargs["QueryExecutionContext"] = {"Database": database}
    query_id = athena.start_query_execution(**kwargs)["QueryExecutionId"]
    return wait(athena, query_id)


def succeeded(athena, results, sql, **kwargs):
    execution = run(athena, results, sql, **kwargs)
    assert execution["Status"]["State"] == "SUCCEEDED", execution["Status"]
    return execution


def all_rows(athena, query_id, page=1000):
    rows, token = [], None
    while True:
        kwargs = {"QueryExecutionId": query_id, "MaxResults": page}
        if token:
            kwargs["NextToken"] = token
        got = athena.get_query_results(**kwargs)
        rows += [[d.get("VarCharValue") for d in r["Data"]] for r in got["ResultSet"]["Rows"]]
        token = got.get("NextToken")
        if not token:
            return rows, got


@pytest.fixture(scope="session")
def etl(athena, s3, bucket, results):
    """The batch ETL's database with its two external tables over CSV objects in S3."""
    db = unique("etl")
    prefix = unique("lake")
    s3.put_object(Bucket=bucket, Key=f"{prefix}/data/myschema/users/users.csv",
                  Body=USERS_CSV.encode())
    s3.put_object(Bucket=bucket, Key=f"{prefix}/data/myschema/transactions/transactions.scv",
                  Body=TRANSACTIONS_CSV.encode())
    created = succeeded(athena, results, f"CREATE DATABASE if not exists {db}")
    empty = succeeded(athena, results, f"show tables in {db}")
    succeeded(athena, results, CREATE_USERS.format(db=db, bucket=bucket, prefix=prefix))
    succeeded(athena, results, CREATE_TRANSACTIONS.format(db=db, bucket=bucket, prefix=prefix))
    yield {"db": db, "create": created, "empty_show": empty, "prefix": prefix}
    run(athena, results, f"DROP DATABASE IF EXISTS {db} CASCADE")


# ----------------------------------------------------------------------------- the batch ETL


def test_create_database_is_ddl_with_a_txt_result(etl):
    execution = etl["create"]
    assert execution["StatementType"] == "DDL"
    assert execution["ResultConfiguration"]["OutputLocation"].endswith(
        execution["QueryExecutionId"] + ".txt")
    assert "CompletionDateTime" in execution["Status"]
    assert execution["Statistics"]["TotalExecutionTimeInMillis"] >= 0


def test_show_tables_of_an_empty_database_has_no_rows(athena, etl):
    got = athena.get_query_results(QueryExecutionId=etl["empty_show"]["QueryExecutionId"])
    assert got["ResultSet"]["Rows"] == []


def test_show_tables_of_a_full_database_has_no_header_row(athena, results, etl):
    execution = succeeded(athena, results, f"show tables in {etl['db']}")
    rows, got = all_rows(athena, execution["QueryExecutionId"])
    assert rows == [["transactions"], ["users"]]
    # The batch ETL's Choice reads $.ResultSet.Rows[0].Data[0].VarCharValue.
    assert got["ResultSet"]["Rows"][0]["Data"][0]["VarCharValue"] == "transactions"


def test_aggregate_returns_header_row_then_the_daily_totals(athena, results, etl):
    execution = succeeded(athena, results, AGGREGATE.format(db=etl["db"]))
    assert execution["StatementType"] == "DML"
    rows, got = all_rows(athena, execution["QueryExecutionId"])
    assert rows[0] == ["dt", "user_id", "total_cost_usd", "registration_date"]
    assert sorted(rows[1:]) == AGGREGATE_ROWS
    columns = got["ResultSet"]["ResultSetMetadata"]["ColumnInfo"]
    assert [(c["Name"], c["Type"]) for c in columns] == [
        ("dt", "date"), ("user_id", "bigint"), ("total_cost_usd", "double"),
        ("registration_date", "varchar")]
    assert columns[0]["CatalogName"] == "hive" and columns[0]["Nullable"] == "UNKNOWN"
    assert columns[1]["Precision"] == 19
    assert execution["Statistics"]["DataScannedInBytes"] > 0


def test_select_result_is_written_as_quoted_csv_at_the_output_location(athena, s3, bucket,
                                                                         results, etl):
    execution = succeeded(athena, results, f"SELECT id, registration_date FROM {etl['db']}.users "
                                           "ORDER BY id")
    location = execution["ResultConfiguration"]["OutputLocation"]
    assert location == results + execution["QueryExecutionId"] + ".csv"
    key = location[len(f"s3://{bucket}/"):]
    body = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
    assert body == '"id","registration_date"\n"1","2024-06-10"\n"2","2024-06-09"\n'
    s3.head_object(Bucket=bucket, Key=key + ".metadata")


def test_query_execution_context_database_resolves_unqualified_names(athena, results, etl):
    execution = succeeded(athena, results, "SELECT count(*) AS n FROM transactions",
                          database=etl["db"])
    assert execution["QueryExecutionContext"]["Database"] == etl["db"]
    rows, _ = all_rows(athena, execution["QueryExecutionId"])
    assert rows == [["n"], ["5"]]


# ----------------------------------------------------------------------------- results


def test_null_is_an_empty_datum_and_empty_string_a_value(athena, results):
    execution = succeeded(athena, results, "SELECT CAST(NULL AS varchar) AS n, '' AS e")
    got = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    assert got["ResultSet"]["Rows"][1]["Data"] == [{}, {"VarCharValue": ""}]


@pytest.fixture(scope="session")
def numbers(athena, s3, bucket, results):
    """A database with numbers(n bigint): 0..2499 from a CSV object."""
    db = unique("numbers")
    prefix = unique("numbers")
    s3.put_object(Bucket=bucket, Key=f"{prefix}/numbers.csv",
                  Body="".join(f"{i}\n" for i in range(2500)).encode())
    succeeded(athena, results, f"CREATE DATABASE {db}")
    succeeded(athena, results, f"CREATE EXTERNAL TABLE {db}.numbers (n bigint) ROW FORMAT "
                               f"DELIMITED FIELDS TERMINATED BY ',' LOCATION "
                               f"'s3://{bucket}/{prefix}/'")
    yield db
    run(athena, results, f"DROP DATABASE {db} CASCADE")


def test_results_page_with_next_token(athena, results, numbers):
    execution = succeeded(athena, results, f"SELECT n FROM {numbers}.numbers ORDER BY n")
    query_id = execution["QueryExecutionId"]
    first = athena.get_query_results(QueryExecutionId=query_id, MaxResults=1000)
    assert len(first["ResultSet"]["Rows"]) == 1000
    assert first["ResultSet"]["Rows"][0]["Data"][0]["VarCharValue"] == "n"
    rows, last = all_rows(athena, query_id, page=1000)
    assert len(rows) == 2501
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(2500)]
    assert "NextToken" not in last


def test_results_survive_in_the_result_files(athena, results):
    execution = succeeded(athena, results, "SELECT 1 AS a, 'x' AS b")
    got = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"], MaxResults=1)
    assert len(got["ResultSet"]["Rows"]) == 1
    assert "NextToken" in got
    rest = athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"],
                                    NextToken=got["NextToken"])
    assert rest["ResultSet"]["Rows"][0]["Data"] == [{"VarCharValue": "1"}, {"VarCharValue": "x"}]


# ----------------------------------------------------------------------------- errors


def test_unknown_column_fails_with_trinos_message_and_user_category(athena, results):
    execution = run(athena, results, "SELECT x FROM (VALUES 1) AS t (a)")
    status = execution["Status"]
    assert status["State"] == "FAILED"
    assert status["StateChangeReason"] == (
        "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved or requester is not "
        "authorized to access requested resources")
    assert status["AthenaError"]["ErrorCategory"] == 2
    assert status["AthenaError"]["ErrorMessage"] == status["StateChangeReason"]


def test_unknown_table_fails_with_table_not_found(athena, results):
    execution = run(athena, results, "SELECT * FROM no_such_database_xyz.no_table")
    assert execution["Status"]["State"] == "FAILED"
    assert execution["Status"]["StateChangeReason"].startswith(("TABLE_NOT_FOUND", "SCHEMA_NOT_FOUND"))


def test_division_by_zero_fails(athena, results):
    execution = run(athena, results, "SELECT 1 / 0")
    assert execution["Status"]["State"] == "FAILED"
    assert execution["Status"]["StateChangeReason"].startswith("DIVISION_BY_ZERO")


def test_missing_output_bucket_fails_the_query(athena):
    execution = run(athena, f"s3://no-such-bucket-{uuid.uuid4().hex[:8]}/results/", "SELECT 1")
    assert execution["Status"]["State"] == "FAILED"
    assert execution["Status"]["StateChangeReason"].startswith(
        "Unable to verify/create output bucket no-such-bucket-")


def test_results_of_a_failed_query_are_an_invalid_request(athena, results):
    execution = run(athena, results, "SELECT x")
    with pytest.raises(ClientError) as error:
        athena.get_query_results(QueryExecutionId=execution["QueryExecutionId"])
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"


def test_unknown_query_execution_is_an_invalid_request(athena):
    with pytest.raises(ClientError) as error:
        athena.get_query_execution(QueryExecutionId=str(uuid.uuid4()))
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"


@pytest.mark.stratus_only
def test_work_group_without_output_location_needs_one(athena):
    name = unique("wg")
    athena.create_work_group(Name=name)
    with pytest.raises(ClientError) as error:
        athena.start_query_execution(QueryString="SELECT 1", WorkGroup=name)
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "No output location provided" in error.value.response["Error"]["Message"]
    athena.delete_work_group(WorkGroup=name, RecursiveDeleteOption=True)


def test_client_request_token_makes_start_idempotent(athena, results):
    token = uuid.uuid4().hex * 2
    kwargs = {"QueryString": "SELECT 2", "ClientRequestToken": token,
              "ResultConfiguration": {"OutputLocation": results}}
    first = athena.start_query_execution(**kwargs)["QueryExecutionId"]
    second = athena.start_query_execution(**kwargs)["QueryExecutionId"]
    assert first == second


def test_stop_query_execution_cancels_a_long_query(athena, results, numbers):
    # 2500^3 rows to join: minutes of work, unless cancelled.
    query_id = athena.start_query_execution(
        QueryString=f"SELECT count(*) FROM {numbers}.numbers a CROSS JOIN {numbers}.numbers b "
                    f"CROSS JOIN {numbers}.numbers c WHERE a.n + b.n + c.n >= 0",
        ResultConfiguration={"OutputLocation": results})["QueryExecutionId"]
    time.sleep(0.3)
    athena.stop_query_execution(QueryExecutionId=query_id)
    execution = wait(athena, query_id, timeout=30)
    assert execution["Status"]["State"] == "CANCELLED"


# ----------------------------------------------------------------------------- resources


def test_list_and_batch_get_query_executions(athena, results):
    a = succeeded(athena, results, "SELECT 'a'")["QueryExecutionId"]
    b = succeeded(athena, results, "SELECT 'b'")["QueryExecutionId"]
    listed = athena.list_query_executions(WorkGroup="primary", MaxResults=50)["QueryExecutionIds"]
    assert listed.index(b) < listed.index(a)
    missing = str(uuid.uuid4())
    got = athena.batch_get_query_execution(QueryExecutionIds=[a, missing])
    assert [e["QueryExecutionId"] for e in got["QueryExecutions"]] == [a]
    assert got["UnprocessedQueryExecutionIds"][0]["QueryExecutionId"] == missing
    stats = athena.get_query_runtime_statistics(QueryExecutionId=a)["QueryRuntimeStatistics"]
    assert "Timeline" in stats


def test_work_group_configuration_is_enforced(athena, bucket):
    name = unique("wg")
    location = f"s3://{bucket}/{name}/"
    athena.create_work_group(Name=name, Description="d", Configuration={
        "ResultConfiguration": {"OutputLocation": location},
        "EnforceWorkGroupConfiguration": True})
    got = athena.get_work_group(WorkGroup=name)["WorkGroup"]
    assert got["Configuration"]["ResultConfiguration"]["OutputLocation"] == location
    assert name in [w["Name"] for w in athena.list_work_groups()["WorkGroups"]]
    query_id = athena.start_query_execution(
        QueryString="SELECT 1", WorkGroup=name,
        ResultConfiguration={"OutputLocation": f"s3://{bucket}/elsewhere/"})["QueryExecutionId"]
    execution = wait(athena, query_id)
    assert execution["ResultConfiguration"]["OutputLocation"].startswith(location)
    assert execution["WorkGroup"] == name
    athena.update_work_group(WorkGroup=name, State="DISABLED")
    with pytest.raises(ClientError):
        athena.start_query_execution(QueryString="SELECT 1", WorkGroup=name)
    athena.delete_work_group(WorkGroup=name, RecursiveDeleteOption=True)
    with pytest.raises(ClientError) as error:
        athena.get_work_group(WorkGroup=name)
    assert error.value.response["Error"]["Code"] == "InvalidRequestException"


def test_primary_work_group_exists(athena):
    assert athena.get_work_group(WorkGroup="primary")["WorkGroup"]["State"] == "ENABLED"


def test_named_queries_round_trip(athena):
    query_id = athena.create_named_query(Name="daily", Database="mydatabase",
                                         QueryString="SELECT 1", Description="d")["NamedQueryId"]
    got = athena.get_named_query(NamedQueryId=query_id)["NamedQuery"]
    assert (got["Name"], got["QueryString"], got["WorkGroup"]) == ("daily", "SELECT 1", "primary")
    athena.update_named_query(NamedQueryId=query_id, Name="daily2", QueryString="SELECT 2")
    assert athena.get_named_query(NamedQueryId=query_id)["NamedQuery"]["QueryString"] == "SELECT 2"
    assert query_id in athena.list_named_queries()["NamedQueryIds"]
    batch = athena.batch_get_named_query(NamedQueryIds=[query_id, str(uuid.uuid4())])
    assert len(batch["NamedQueries"]) == 1 and len(batch["UnprocessedNamedQueryIds"]) == 1
    token = uuid.uuid4().hex * 2
    first = athena.create_named_query(Name="again", Database="d", QueryString="SELECT 3",
                                      ClientRequestToken=token)["NamedQueryId"]
    second = athena.create_named_query(Name="again", Database="d", QueryString="SELECT 3",
                                       ClientRequestToken=token)["NamedQueryId"]
    assert first == second
    athena.delete_named_query(NamedQueryId=first)
    athena.delete_named_query(NamedQueryId=query_id)
    assert query_id not in athena.list_named_queries()["NamedQueryIds"]


def test_prepared_statement_runs_with_execute_using(athena, results):
    name = unique("stmt")
    athena.create_prepared_statement(StatementName=name, WorkGroup="primary",
                                     QueryStatement="SELECT ? + 1 AS v, ? AS w")
    got = athena.get_prepared_statement(StatementName=name, WorkGroup="primary")
    assert got["PreparedStatement"]["QueryStatement"] == "SELECT ? + 1 AS v, ? AS w"
    listed = athena.list_prepared_statements(WorkGroup="primary")["PreparedStatements"]
    assert name in [s["StatementName"] for s in listed]
    execution = succeeded(athena, results, f"EXECUTE {name} USING 41, 'x'")
    rows, _ = all_rows(athena, execution["QueryExecutionId"])
    assert rows == [["v", "w"], ["42", "x"]]
    execution = succeeded(athena, results, f"EXECUTE {name}", ExecutionParameters=["1", "'y'"])
    rows, _ = all_rows(athena, execution["QueryExecutionId"])
    assert rows[1] == ["2", "y"]
    athena.delete_prepared_statement(StatementName=name, WorkGroup="primary")
    with pytest.raises(ClientError):
        athena.get_prepared_statement(StatementName=name, WorkGroup="primary")


def test_data_catalog_lists_databases_and_table_metadata(athena, etl):
    catalogs = athena.list_data_catalogs()["DataCatalogsSummary"]
    assert {"CatalogName": "AwsDataCatalog", "Type": "GLUE"} in catalogs
    assert athena.get_data_catalog(Name="AwsDataCatalog")["DataCatalog"]["Type"] == "GLUE"
    databases = athena.list_databases(CatalogName="AwsDataCatalog")["DatabaseList"]
    assert etl["db"] in [d["Name"] for d in databases]
    table = athena.get_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=etl["db"],
                                      TableName="users")["TableMetadata"]
    assert table["TableType"] == "EXTERNAL_TABLE"
    assert [(c["Name"], c["Type"]) for c in table["Columns"]] == [
        ("id", "bigint"), ("registration_date", "string")]
    listed = athena.list_table_metadata(CatalogName="AwsDataCatalog",
                                        DatabaseName=etl["db"])["TableMetadataList"]
    assert [t["Name"] for t in listed] == ["transactions", "users"]
    with pytest.raises(ClientError) as error:
        athena.get_table_metadata(CatalogName="AwsDataCatalog", DatabaseName=etl["db"],
                                  TableName="nope")
    assert error.value.response["Error"]["Code"] == "MetadataException"


# ----------------------------------------------------------------------------- the AWS CLI


def test_aws_cli_starts_a_query_and_reads_its_results(aws_cli, results):
    started = aws_cli("athena", "start-query-execution", "--query-string",
                      "SELECT 'cli' AS source", "--work-group", "primary",
                      "--result-configuration", f"OutputLocation={results}")
    query_id = started["QueryExecutionId"]
    for _ in range(600):
        state = aws_cli("athena", "get-query-execution", "--query-execution-id",
                        query_id)["QueryExecution"]["Status"]["State"]
        if state not in ("QUEUED", "RUNNING"):
            break
        time.sleep(0.05)
    assert state == "SUCCEEDED"
    got = aws_cli("athena", "get-query-results", "--query-execution-id", query_id)
    assert got["ResultSet"]["Rows"][1]["Data"] == [{"VarCharValue": "cli"}]


def test_aws_cli_runs_the_batch_etl_aggregate(aws_cli, results, etl):
    started = aws_cli("athena", "start-query-execution", "--query-string",
                      AGGREGATE.format(db=etl["db"]), "--work-group", "primary",
                      "--result-configuration", f"OutputLocation={results}")
    query_id = started["QueryExecutionId"]
    for _ in range(600):
        state = aws_cli("athena", "get-query-execution", "--query-execution-id",
                        query_id)["QueryExecution"]["Status"]["State"]
        if state not in ("QUEUED", "RUNNING"):
            break
        time.sleep(0.05)
    assert state == "SUCCEEDED"
    got = aws_cli("athena", "get-query-results", "--query-execution-id", query_id)
    rows = [[d.get("VarCharValue") for d in r["Data"]] for r in got["ResultSet"]["Rows"]]
    assert rows[0] == ["dt", "user_id", "total_cost_usd", "registration_date"]
    assert sorted(rows[1:]) == AGGREGATE_ROWS


# ----------------------------------------------------------------------------- Step Functions


def _etl_machine(db, bucket, prefix, results):
    def athena_task(sql, next_state):
        return {"Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
                "Parameters": {"QueryString": sql, "WorkGroup": "primary",
                               "ResultConfiguration": {"OutputLocation": results}},
                "Next": next_state}
    return {
        "StartAt": "Create Athena DB",
        "States": {
            "Create Athena DB": athena_task(f"CREATE DATABASE if not exists {db}", "Show tables"),
            "Show tables": athena_task(f"show tables in {db}", "Get Show tables query results"),
            "Get Show tables query results": {
                "Type": "Task", "Resource": "arn:aws:states:::athena:getQueryResults",
                "Parameters": {"QueryExecutionId.$": "$.QueryExecution.QueryExecutionId"},
                "Next": "Decide what next"},
            "Decide what next": {
                "Type": "Choice",
                "Choices": [
                    {"Not": {"Variable": "$.ResultSet.Rows[0].Data[0].VarCharValue",
                             "IsPresent": True},
                     "Next": "Create users table (external)"},
                    {"Variable": "$.ResultSet.Rows[0].Data[0].VarCharValue",
                     "IsPresent": True, "Next": "Tables exist"}],
                "Default": "Tables exist"},
            "Create users table (external)": athena_task(
                CREATE_USERS.format(db=db, bucket=bucket, prefix=prefix),
                "Create transactions table (external)"),
            "Create transactions table (external)": athena_task(
                CREATE_TRANSACTIONS.format(db=db, bucket=bucket, prefix=prefix), "Aggregate"),
            "Aggregate": athena_task(AGGREGATE.format(db=db), "Get aggregate"),
            "Get aggregate": {
                "Type": "Task", "Resource": "arn:aws:states:::athena:getQueryResults",
                "Parameters": {"QueryExecutionId.$": "$.QueryExecution.QueryExecutionId"},
                "End": True},
            "Tables exist": {"Type": "Succeed"},
        },
    }


def test_state_machine_runs_the_batch_etl_sql(sfn, s3, bucket, results):
    db = unique("sfn")
    prefix = unique("lake")
    s3.put_object(Bucket=bucket, Key=f"{prefix}/data/myschema/users/users.csv",
                  Body=USERS_CSV.encode())
    s3.put_object(Bucket=bucket, Key=f"{prefix}/data/myschema/transactions/transactions.scv",
                  Body=TRANSACTIONS_CSV.encode())
    machine = sfn.create_state_machine(
        name=unique("etl"), roleArn=ROLE,
        definition=json.dumps(_etl_machine(db, bucket, prefix, results)))["stateMachineArn"]
    first = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    done = run_to_end(sfn, first, timeout=120)
    assert done["status"] == "SUCCEEDED", done
    output = json.loads(done["output"])
    rows = [[d.get("VarCharValue") for d in r["Data"]] for r in output["ResultSet"]["Rows"]]
    assert sorted(rows[1:]) == AGGREGATE_ROWS
    entered = [e["stateEnteredEventDetails"]["name"] for e in history(sfn, first)
               if e["type"].endswith("StateEntered")]
    assert "Create users table (external)" in entered
    # The second run finds the tables and takes the other branch.
    second = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    done = run_to_end(sfn, second, timeout=120)
    assert done["status"] == "SUCCEEDED", done
    entered = [e["stateEnteredEventDetails"]["name"] for e in history(sfn, second)
               if e["type"].endswith("StateEntered")]
    assert entered[-1] == "Tables exist"


def test_failed_query_fails_the_sync_task(sfn, results):
    definition = {"StartAt": "Bad", "States": {"Bad": {
        "Type": "Task", "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
        "Parameters": {"QueryString": "SELECT no_such_column",
                       "ResultConfiguration": {"OutputLocation": results}},
        "End": True}}}
    machine = sfn.create_state_machine(name=unique("bad"), roleArn=ROLE,
                                       definition=json.dumps(definition))["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    done = run_to_end(sfn, execution, timeout=60)
    assert done["status"] == "FAILED"
    assert done["error"] == "States.TaskFailed"
    assert "COLUMN_NOT_FOUND" in done["cause"]


# ----------------------------------------------------------------------------- stratus sql


@pytest.mark.stratus_only
def test_stratus_sql_prints_csv_json_and_tables(endpoint, target, results, etl):
    if target == "aws":
        pytest.skip("stratus sql talks to a stratus server")
    base = [stratus_binary(), "sql", "--endpoint-url", endpoint, "--database", etl["db"],
            "--output-location", results]
    sql = "SELECT id, registration_date FROM users ORDER BY id"
    as_csv = subprocess.run(base + ["-c", sql, "--format", "csv"], capture_output=True,
                            text=True, timeout=60)
    assert as_csv.returncode == 0, as_csv.stderr
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [
        ["id", "registration_date"], ["1", "2024-06-10"], ["2", "2024-06-09"]]
    as_json = subprocess.run(base + ["-c", sql, "--format", "json"], capture_output=True,
                             text=True, timeout=60)
    assert json.loads(as_json.stdout) == [{"id": "1", "registration_date": "2024-06-10"},
                                          {"id": "2", "registration_date": "2024-06-09"}]
    as_table = subprocess.run(base + ["-c", "show tables; SELECT count(*) AS n FROM users;"],
                              capture_output=True, text=True, timeout=60)
    assert as_table.returncode == 0, as_table.stderr
    assert " tab_name" in as_table.stdout or "transactions" in as_table.stdout
    assert " n\n---\n 2\n(1 row)\n" in as_table.stdout
    failing = subprocess.run(base + ["-c", "SELECT nope FROM users"], capture_output=True,
                             text=True, timeout=60)
    assert failing.returncode == 1
    assert "COLUMN_NOT_FOUND" in failing.stderr


def test_state_machine_starts_reads_and_stops_a_query(sfn, results):
    def task(action, parameters, next_state=None, result_path="$"):
        state = {"Type": "Task", "Resource": f"arn:aws:states:::athena:{action}",
                 "Parameters": parameters, "ResultPath": result_path}
        state.update({"Next": next_state} if next_state else {"End": True})
        return state
    definition = {"StartAt": "Start", "States": {
        "Start": task("startQueryExecution",
                      {"QueryString": "SELECT 7 AS seven",
                       "ResultConfiguration": {"OutputLocation": results}}, "Get", "$.started"),
        "Get": task("getQueryExecution",
                    {"QueryExecutionId.$": "$.started.QueryExecutionId"}, "Stop", "$.got"),
        "Stop": task("stopQueryExecution",
                     {"QueryExecutionId.$": "$.started.QueryExecutionId"}, None, "$.stopped"),
    }}
    machine = sfn.create_state_machine(name=unique("ops"), roleArn=ROLE,
                                       definition=json.dumps(definition))["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    done = run_to_end(sfn, execution, timeout=60)
    assert done["status"] == "SUCCEEDED", done
    output = json.loads(done["output"])
    assert output["got"]["QueryExecution"]["QueryExecutionId"] == output["started"][
        "QueryExecutionId"]
    assert output["got"]["QueryExecution"]["Query"] == "SELECT 7 AS seven"
