"""Glue Data Catalog through boto3 and the AWS CLI: databases, tables, versions, partitions.

Written to Glue's documented behaviour (awsJson1_1, errors as EntityNotFoundException /
AlreadyExistsException / InvalidInputException / ConcurrentModificationException with HTTP 400),
so that the file also runs against real AWS (--aws; it creates and deletes databases).
"""
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import ACCESS_KEY, REGION, SECRET_KEY


def _glue_client(endpoint, target, **config):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=30, connect_timeout=5, **config)
    if target == "aws":
        return boto3.client("glue", config=cfg)
    return boto3.client("glue", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture(scope="session")
def glue(endpoint, target):
    return _glue_client(endpoint, target)


@pytest.fixture(scope="session")
def glue_unvalidated(endpoint, target):
    """A client that skips botocore's own parameter checks, to reach the server's."""
    return _glue_client(endpoint, target, parameter_validation=False)


def unique(hint):
    return f"w_{hint}_{uuid.uuid4().hex[:10]}"


@pytest.fixture
def make_database(glue):
    created = []

    def make(name=None, **database_input):
        name = name or unique("db")
        glue.create_database(DatabaseInput={"Name": name, **database_input})
        created.append(name)
        return name.lower()

    yield make
    for name in created:
        try:
            glue.delete_database(Name=name)
        except ClientError:
            pass


@pytest.fixture
def database(make_database):
    return make_database()


def csv_table_input(name, partition_keys=None, location="s3://lake/t/", **extra):
    table_input = {
        "Name": name,
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"EXTERNAL": "TRUE", "classification": "csv"},
        "StorageDescriptor": {
            "Columns": [{"Name": "user_id", "Type": "bigint", "Comment": "the user"},
                        {"Name": "amount", "Type": "decimal(10,2)"}],
            "Location": location,
            "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "SerdeInfo": {"SerializationLibrary":
                          "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                          "Parameters": {"field.delim": ","}},
        },
        "PartitionKeys": partition_keys or [],
    }
    table_input.update(extra)
    return table_input


@pytest.fixture
def partitioned_table(glue, database):
    glue.create_table(DatabaseName=database, TableInput=csv_table_input(
        "events", partition_keys=[{"Name": "year", "Type": "int"},
                                  {"Name": "dt", "Type": "date"},
                                  {"Name": "region", "Type": "string"}]))
    return database, "events"


def partition_input(values, location=None):
    return {"Values": values,
            "StorageDescriptor": {"Location": location or "s3://lake/events/" + "/".join(values) + "/",
                                  "Columns": [{"Name": "user_id", "Type": "bigint"}]},
            "Parameters": {"numRows": "1"}}


def expect_error(call, code, message=None, **kwargs):
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    err = info.value.response["Error"]
    assert err["Code"] == code, err
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    if message is not None:
        assert err["Message"] == message, err
    return err


# Databases -------------------------------------------------------------------------


def test_database_lifecycle(glue, account_id_glue):
    name = unique("life")
    glue.create_database(DatabaseInput={"Name": name, "Description": "lake",
                                        "LocationUri": "s3://lake/", "Parameters": {"k": "v"}})
    try:
        db = glue.get_database(Name=name)["Database"]
        assert db["Name"] == name
        assert db["Description"] == "lake"
        assert db["LocationUri"] == "s3://lake/"
        assert db["Parameters"] == {"k": "v"}
        assert db["CatalogId"] == account_id_glue
        assert db["CreateTime"].year >= 2024
        assert db["CreateTableDefaultPermissions"] == [
            {"Principal": {"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"},
             "Permissions": ["ALL"]}]
        glue.update_database(Name=name, DatabaseInput={"Name": name, "Description": "new"})
        db = glue.get_database(Name=name)["Database"]
        assert db["Description"] == "new"
        assert "LocationUri" not in db
    finally:
        glue.delete_database(Name=name)
    expect_error(glue.get_database, "EntityNotFoundException", f"Database {name} not found.",
                 Name=name)
    expect_error(glue.delete_database, "EntityNotFoundException", Name=name)
    expect_error(glue.update_database, "EntityNotFoundException", Name=name,
                 DatabaseInput={"Name": name})


@pytest.fixture(scope="session")
def account_id_glue(endpoint, target):
    if target == "aws":
        return boto3.client("sts").get_caller_identity()["Account"]
    return "000000000000"


def test_create_database_twice_is_already_exists(glue, database):
    expect_error(glue.create_database, "AlreadyExistsException", "Database already exists.",
                 DatabaseInput={"Name": database})


def test_names_are_lowercased(glue, make_database):
    name = make_database("W_Mixed_" + uuid.uuid4().hex[:8].upper())
    assert glue.get_database(Name=name.upper())["Database"]["Name"] == name
    glue.create_table(DatabaseName=name.upper(), TableInput=csv_table_input("Sales_Daily"))
    table = glue.get_table(DatabaseName=name, Name="SALES_DAILY")["Table"]
    assert table["Name"] == "sales_daily"
    assert table["DatabaseName"] == name


def test_get_databases_pages(glue, make_database):
    names = sorted(make_database(unique("page")) for _ in range(5))
    seen, pages, token = [], 0, None
    while True:
        kwargs = {"MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        out = glue.get_databases(**kwargs)
        assert len(out["DatabaseList"]) <= 2
        seen += [d["Name"] for d in out["DatabaseList"]]
        pages += 1
        token = out.get("NextToken")
        if not token:
            break
    assert [n for n in seen if n in names] == names
    assert pages >= 3
    listed = [d["Name"] for page in glue.get_paginator("get_databases").paginate(
        PaginationConfig={"PageSize": 3}) for d in page["DatabaseList"]]
    assert set(names) <= set(listed)


def test_model_constraints_are_validation_exceptions(glue_unvalidated):
    err = expect_error(glue_unvalidated.create_database, "ValidationException",
                       DatabaseInput={"Name": "x" * 256})
    # AWS prints the path in lowerCamelCase ('databaseInput.name'); stratus's shared front door
    # prints the model's member names.
    assert "databaseinput.name" in err["Message"].lower(), err
    expect_error(glue_unvalidated.get_tables, "ValidationException",
                 DatabaseName="d", MaxResults=1000)


# Tables ----------------------------------------------------------------------------


def test_table_round_trips_every_member(glue, database, account_id_glue):
    table_input = csv_table_input(
        "users", partition_keys=[{"Name": "dt", "Type": "date", "Comment": "day"}],
        Description="people", Owner="hadoop", Retention=3)
    table_input["StorageDescriptor"].update({
        "Compressed": True, "NumberOfBuckets": 4, "BucketColumns": ["user_id"],
        "SortColumns": [{"Column": "user_id", "SortOrder": 0}],
        "Parameters": {"skip.header.line.count": "1"}, "StoredAsSubDirectories": True})
    glue.create_table(DatabaseName=database, TableInput=table_input)
    table = glue.get_table(DatabaseName=database, Name="users")["Table"]
    assert table["Name"] == "users"
    assert table["DatabaseName"] == database
    assert table["CatalogId"] == account_id_glue
    assert table["VersionId"] == "0"
    assert table["Description"] == "people"
    assert table["Owner"] == "hadoop"
    assert table["Retention"] == 3
    assert table["TableType"] == "EXTERNAL_TABLE"
    assert table["Parameters"] == {"EXTERNAL": "TRUE", "classification": "csv"}
    assert table["PartitionKeys"] == [{"Name": "dt", "Type": "date", "Comment": "day"}]
    assert table["CreateTime"] == table["UpdateTime"]
    sd = table["StorageDescriptor"]
    for member, value in table_input["StorageDescriptor"].items():
        assert sd[member] == value, member


def test_views_keep_their_text(glue, database):
    glue.create_table(DatabaseName=database, TableInput={
        "Name": "recent", "TableType": "VIRTUAL_VIEW",
        "ViewOriginalText": "/* Presto View: e30= */", "ViewExpandedText": "/* Presto View */",
        "Parameters": {"presto_view": "true"}})
    table = glue.get_table(DatabaseName=database, Name="recent")["Table"]
    assert table["TableType"] == "VIRTUAL_VIEW"
    assert table["ViewOriginalText"] == "/* Presto View: e30= */"
    assert "StorageDescriptor" not in table


def test_table_errors(glue, database):
    missing_db = unique("nodb")
    expect_error(glue.create_table, "EntityNotFoundException", f"Database {missing_db} not found.",
                 DatabaseName=missing_db, TableInput=csv_table_input("t"))
    glue.create_table(DatabaseName=database, TableInput=csv_table_input("t"))
    expect_error(glue.create_table, "AlreadyExistsException", "Table already exists.",
                 DatabaseName=database, TableInput=csv_table_input("T"))
    expect_error(glue.get_table, "EntityNotFoundException", "Table nope not found.",
                 DatabaseName=database, Name="nope")
    expect_error(glue.get_table, "EntityNotFoundException", f"Database {missing_db} not found.",
                 DatabaseName=missing_db, Name="t")
    expect_error(glue.get_tables, "EntityNotFoundException", DatabaseName=missing_db)
    expect_error(glue.delete_table, "EntityNotFoundException", DatabaseName=database, Name="nope")
    expect_error(glue.update_table, "EntityNotFoundException", DatabaseName=database,
                 TableInput=csv_table_input("nope"))


def test_get_tables_expression_and_paging(glue, database):
    for name in ["sales_2023", "sales_2024", "sales_eu", "users", "orders"]:
        glue.create_table(DatabaseName=database, TableInput=csv_table_input(name))

    def names(**kwargs):
        return [t["Name"] for t in glue.get_tables(DatabaseName=database, **kwargs)["TableList"]]

    assert names() == ["orders", "sales_2023", "sales_2024", "sales_eu", "users"]
    assert names(Expression="sales*") == ["sales_2023", "sales_2024", "sales_eu"]
    assert names(Expression="sales_.*") == ["sales_2023", "sales_2024", "sales_eu"]
    assert names(Expression="users|orders") == ["orders", "users"]
    assert names(Expression="*2024") == ["sales_2024"]
    first = glue.get_tables(DatabaseName=database, MaxResults=2)
    assert [t["Name"] for t in first["TableList"]] == ["orders", "sales_2023"]
    second = glue.get_tables(DatabaseName=database, MaxResults=2, NextToken=first["NextToken"])
    assert [t["Name"] for t in second["TableList"]] == ["sales_2024", "sales_eu"]
    paged = [t["Name"] for page in glue.get_paginator("get_tables").paginate(
        DatabaseName=database, PaginationConfig={"PageSize": 2}) for t in page["TableList"]]
    assert paged == names()


def test_delete_table_and_batch_delete_table(glue, database):
    for name in ["a", "b", "c"]:
        glue.create_table(DatabaseName=database, TableInput=csv_table_input(name))
    glue.delete_table(DatabaseName=database, Name="a")
    out = glue.batch_delete_table(DatabaseName=database, TablesToDelete=["B", "zz", "c"])
    assert out["Errors"] == [{"TableName": "zz", "ErrorDetail": {
        "ErrorCode": "EntityNotFoundException", "ErrorMessage": "Table zz not found."}}]
    assert glue.get_tables(DatabaseName=database)["TableList"] == []


def test_delete_database_takes_its_tables_and_partitions(glue, make_database):
    name = make_database()
    glue.create_table(DatabaseName=name, TableInput=csv_table_input(
        "t", partition_keys=[{"Name": "p", "Type": "string"}]))
    glue.create_partition(DatabaseName=name, TableName="t", PartitionInput=partition_input(["x"]))
    glue.delete_database(Name=name)
    glue.create_database(DatabaseInput={"Name": name})
    expect_error(glue.get_table, "EntityNotFoundException", DatabaseName=name, Name="t")


# Versions --------------------------------------------------------------------------


def test_update_table_keeps_versions(glue, database):
    glue.create_table(DatabaseName=database, TableInput=csv_table_input("t"))
    for description in ["one", "two"]:
        glue.update_table(DatabaseName=database,
                          TableInput=csv_table_input("t", Description=description))
    table = glue.get_table(DatabaseName=database, Name="t")["Table"]
    assert table["VersionId"] == "2"
    assert table["Description"] == "two"
    versions = glue.get_table_versions(DatabaseName=database, TableName="t")["TableVersions"]
    assert [v["VersionId"] for v in versions] == ["2", "1", "0"]
    assert [v["Table"].get("Description") for v in versions] == ["two", "one", None]
    old = glue.get_table_version(DatabaseName=database, TableName="t", VersionId="1")
    assert old["TableVersion"]["Table"]["Description"] == "one"
    current = glue.get_table_version(DatabaseName=database, TableName="t")["TableVersion"]
    assert current["VersionId"] == "2"
    page = glue.get_table_versions(DatabaseName=database, TableName="t", MaxResults=2)
    assert len(page["TableVersions"]) == 2
    rest = glue.get_table_versions(DatabaseName=database, TableName="t",
                                   NextToken=page["NextToken"])
    assert [v["VersionId"] for v in rest["TableVersions"]] == ["0"]


def test_update_table_skip_archive_keeps_no_old_version(glue, database):
    glue.create_table(DatabaseName=database, TableInput=csv_table_input("t"))
    glue.update_table(DatabaseName=database, TableInput=csv_table_input("t", Description="x"),
                      SkipArchive=True)
    versions = glue.get_table_versions(DatabaseName=database, TableName="t")["TableVersions"]
    assert [v["VersionId"] for v in versions] == ["1"]
    expect_error(glue.get_table_version, "EntityNotFoundException", DatabaseName=database,
                 TableName="t", VersionId="0")


def test_update_table_version_id_is_optimistic_concurrency(glue, database):
    params = {"table_type": "ICEBERG", "metadata_location": "s3://lake/m/00000.json"}
    glue.create_table(DatabaseName=database, TableInput=csv_table_input("ice", Parameters=params))
    read = glue.get_table(DatabaseName=database, Name="ice")["Table"]["VersionId"]
    params["metadata_location"] = "s3://lake/m/00001.json"
    glue.update_table(DatabaseName=database, VersionId=read,
                      TableInput=csv_table_input("ice", Parameters=params))
    params["metadata_location"] = "s3://lake/m/00002.json"
    expect_error(glue.update_table, "ConcurrentModificationException",
                 "Update table failed due to concurrent modifications.",
                 DatabaseName=database, VersionId=read,
                 TableInput=csv_table_input("ice", Parameters=params))
    table = glue.get_table(DatabaseName=database, Name="ice")["Table"]
    assert table["Parameters"]["metadata_location"] == "s3://lake/m/00001.json"
    assert table["VersionId"] == "1"


def test_delete_table_versions(glue, database):
    glue.create_table(DatabaseName=database, TableInput=csv_table_input("t"))
    for _ in range(3):
        glue.update_table(DatabaseName=database, TableInput=csv_table_input("t"))
    glue.delete_table_version(DatabaseName=database, TableName="t", VersionId="0")
    out = glue.batch_delete_table_version(DatabaseName=database, TableName="t",
                                          VersionIds=["1", "0", "abc"])
    assert sorted(e["VersionId"] for e in out["Errors"]) == ["0", "abc"]
    assert {e["ErrorDetail"]["ErrorCode"] for e in out["Errors"]} == {"EntityNotFoundException"}
    versions = glue.get_table_versions(DatabaseName=database, TableName="t")["TableVersions"]
    assert [v["VersionId"] for v in versions] == ["3", "2"]
    expect_error(glue.delete_table_version, "EntityNotFoundException", DatabaseName=database,
                 TableName="t", VersionId="0")


# Partitions ------------------------------------------------------------------------


def test_partition_lifecycle(glue, partitioned_table):
    db, table = partitioned_table
    glue.create_partition(DatabaseName=db, TableName=table,
                          PartitionInput=partition_input(["2024", "2024-01-01", "eu"]))
    part = glue.get_partition(DatabaseName=db, TableName=table,
                              PartitionValues=["2024", "2024-01-01", "eu"])["Partition"]
    assert part["Values"] == ["2024", "2024-01-01", "eu"]
    assert part["DatabaseName"] == db
    assert part["TableName"] == table
    assert part["Parameters"] == {"numRows": "1"}
    assert part["StorageDescriptor"]["Location"] == "s3://lake/events/2024/2024-01-01/eu/"
    assert "CreationTime" in part
    expect_error(glue.create_partition, "AlreadyExistsException", "Partition already exists.",
                 DatabaseName=db, TableName=table,
                 PartitionInput=partition_input(["2024", "2024-01-01", "eu"]))
    expect_error(glue.get_partition, "EntityNotFoundException", "Cannot find partition.",
                 DatabaseName=db, TableName=table, PartitionValues=["1", "2024-01-01", "eu"])
    glue.update_partition(DatabaseName=db, TableName=table,
                          PartitionValueList=["2024", "2024-01-01", "eu"],
                          PartitionInput=partition_input(["2024", "2024-01-01", "eu"],
                                                         location="s3://lake/moved/"))
    part = glue.get_partition(DatabaseName=db, TableName=table,
                              PartitionValues=["2024", "2024-01-01", "eu"])["Partition"]
    assert part["StorageDescriptor"]["Location"] == "s3://lake/moved/"
    glue.delete_partition(DatabaseName=db, TableName=table,
                          PartitionValues=["2024", "2024-01-01", "eu"])
    expect_error(glue.delete_partition, "EntityNotFoundException", DatabaseName=db,
                 TableName=table, PartitionValues=["2024", "2024-01-01", "eu"])
    expect_error(glue.create_partition, "EntityNotFoundException", "Table nope not found.",
                 DatabaseName=db, TableName="nope", PartitionInput=partition_input(["1", "2", "3"]))


def test_batch_create_partition_reports_each_failure(glue, partitioned_table):
    db, table = partitioned_table
    glue.create_partition(DatabaseName=db, TableName=table,
                          PartitionInput=partition_input(["1", "2024-01-01", "eu"]))
    out = glue.batch_create_partition(DatabaseName=db, TableName=table, PartitionInputList=[
        partition_input(["1", "2024-01-01", "eu"]),
        partition_input(["2", "2024-01-02", "eu"]),
        partition_input(["only-one"])])
    errors = {tuple(e["PartitionValues"]): e["ErrorDetail"]["ErrorCode"] for e in out["Errors"]}
    assert errors == {("1", "2024-01-01", "eu"): "AlreadyExistsException",
                      ("only-one",): "InvalidInputException"}
    got = glue.batch_get_partition(DatabaseName=db, TableName=table, PartitionsToGet=[
        {"Values": ["2", "2024-01-02", "eu"]}, {"Values": ["9", "2024-01-09", "eu"]},
        {"Values": ["1", "2024-01-01", "eu"]}])
    assert sorted(p["Values"][0] for p in got["Partitions"]) == ["1", "2"]
    assert got.get("UnprocessedKeys", []) == []
    out = glue.batch_delete_partition(DatabaseName=db, TableName=table, PartitionsToDelete=[
        {"Values": ["1", "2024-01-01", "eu"]}, {"Values": ["7", "2024-01-07", "eu"]}])
    assert out["Errors"] == [{"PartitionValues": ["7", "2024-01-07", "eu"], "ErrorDetail": {
        "ErrorCode": "EntityNotFoundException", "ErrorMessage": "Cannot find partition."}}]


@pytest.fixture
def many_partitions(glue, partitioned_table):
    db, table = partitioned_table
    inputs = []
    for year in [9, 10, 2023, 2024]:
        for day, region in [("01", "eu"), ("15", "us"), ("28", "ap")]:
            inputs.append(partition_input([str(year), f"{year:04d}-02-{day}", region]))
    glue.batch_create_partition(DatabaseName=db, TableName=table, PartitionInputList=inputs)
    return db, table


def keys_of(glue, db, table, expression, **kwargs):
    out = glue.get_partitions(DatabaseName=db, TableName=table, Expression=expression, **kwargs)
    return sorted(tuple(p["Values"]) for p in out["Partitions"])


@pytest.mark.parametrize("expression,count", [
    ("year > 9", 9),                       # int key: 10 > 9 (as text '10' < '9').
    ("year = 2024", 3),
    ("year <> 2024", 9),
    ("year != 2024 AND region = 'eu'", 3),
    ("year >= 2023 and region in ('eu', 'us')", 4),
    ("region NOT IN ('eu')", 8),
    ("year BETWEEN 10 AND 2023", 6),
    ("dt between '2023-02-01' and '2024-02-14'", 4),
    ("dt > '0010-02-20'", 7),              # date key: by calendar.
    ("region LIKE 'e%'", 4),
    ("region like '_s'", 4),
    ("NOT (year < 2023 OR region = 'ap')", 4),
    ("(year = 9 OR year = 10) AND NOT region LIKE 'a%'", 4),
    ("region IS NOT NULL", 12),
    ("region IS NULL", 0),
])
def test_get_partitions_expression_operators(glue, many_partitions, expression, count):
    db, table = many_partitions
    assert len(keys_of(glue, db, table, expression)) == count, expression


def test_get_partitions_expression_errors(glue, many_partitions):
    db, table = many_partitions
    for bad in ["year >", "colour = 'red'", "year = 'abc'", "(year = 1", "year = 1 year"]:
        expect_error(glue.get_partitions, "InvalidInputException",
                     DatabaseName=db, TableName=table, Expression=bad)


def test_get_partitions_pages_and_segments(glue, many_partitions):
    db, table = many_partitions
    seen, token = [], None
    while True:
        kwargs = {"MaxResults": 5, "Expression": "year >= 10"}
        if token:
            kwargs["NextToken"] = token
        out = glue.get_partitions(DatabaseName=db, TableName=table, **kwargs)
        assert len(out["Partitions"]) <= 5
        seen += [tuple(p["Values"]) for p in out["Partitions"]]
        token = out.get("NextToken")
        if not token:
            break
    assert len(seen) == 9 and len(set(seen)) == 9
    paged = [p for page in glue.get_paginator("get_partitions").paginate(
        DatabaseName=db, TableName=table, PaginationConfig={"PageSize": 4})
        for p in page["Partitions"]]
    assert len(paged) == 12
    segmented = []
    for number in range(3):
        out = glue.get_partitions(DatabaseName=db, TableName=table,
                                  Segment={"SegmentNumber": number, "TotalSegments": 3})
        segmented += [tuple(p["Values"]) for p in out["Partitions"]]
    assert len(segmented) == 12 and len(set(segmented)) == 12
    out = glue.get_partitions(DatabaseName=db, TableName=table, ExcludeColumnSchema=True)
    assert all(p["StorageDescriptor"]["Columns"] == [] for p in out["Partitions"])


def test_get_catalog_import_status(glue):
    status = glue.get_catalog_import_status()["ImportStatus"]
    assert status["ImportCompleted"] is True


# The AWS CLI -----------------------------------------------------------------------


def test_awscli_catalog_flow(aws_cli, glue):
    name = unique("cli")
    aws_cli("glue", "create-database", "--database-input", f'{{"Name": "{name}"}}')
    try:
        aws_cli("glue", "create-table", "--database-name", name, "--table-input",
                '{"Name": "tx", "PartitionKeys": [{"Name": "dt", "Type": "string"}],'
                ' "StorageDescriptor": {"Location": "s3://lake/tx/",'
                ' "Columns": [{"Name": "id", "Type": "int"}]}}')
        aws_cli("glue", "batch-create-partition", "--database-name", name, "--table-name", "tx",
                "--partition-input-list", '[{"Values": ["2024-01-01"]}, {"Values": ["2024-01-02"]}]')
        tables = aws_cli("glue", "get-tables", "--database-name", name)
        assert [t["Name"] for t in tables["TableList"]] == ["tx"]
        parts = aws_cli("glue", "get-partitions", "--database-name", name, "--table-name", "tx",
                        "--expression", "dt > '2024-01-01'")
        assert [p["Values"] for p in parts["Partitions"]] == [["2024-01-02"]]
        missing = aws_cli.run_raw("glue", "get-table", "--database-name", name, "--name", "nope")
        assert missing.returncode != 0
        assert "EntityNotFoundException" in missing.stderr
        assert "Table nope not found." in missing.stderr
    finally:
        glue.delete_database(Name=name)
