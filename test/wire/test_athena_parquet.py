"""Athena over Parquet tables through boto3: CTAS writes Parquet by default (Athena's
"CTAS table properties"), with the Glue table Athena makes (ParquetHiveSerDe,
MapredParquetInputFormat/OutputFormat, parquet.compression); the files in S3 are Parquet
and read back, partitioned; external tables STORED AS PARQUET read files another engine
wrote (DuckDB, test/sql/parquet/data); the hidden "$path" column names each row's object.
Written to Athena's documented behaviour, so that it also runs against real AWS.
"""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_athena import (_client, all_rows, athena, bucket, results, run,  # noqa: E402,F401
                         succeeded, unique)

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql", "parquet", "data",
                       "orders", "part-1.parquet")


@pytest.fixture(scope="module")
def glue(endpoint, target):
    return _client("glue", endpoint, target)


@pytest.fixture(scope="module")
def database(athena, results):
    db = unique("parquet")
    succeeded(athena, results, f"CREATE DATABASE {db}")
    yield db
    run(athena, results, f"DROP DATABASE IF EXISTS {db} CASCADE")


def rows_of(athena, execution):
    rows, _ = all_rows(athena, execution["QueryExecutionId"])
    return rows


def test_ctas_writes_a_partitioned_parquet_table_by_default(athena, s3, glue, bucket, results,
                                                            database):
    prefix = unique("ctas")
    succeeded(athena, results,
              f"CREATE TABLE {database}.events WITH (external_location = "
              f"'s3://{bucket}/{prefix}/', write_compression = 'SNAPPY', "
              f"partitioned_by = ARRAY['kind']) AS SELECT n AS id, n * 0.5 AS weight, "
              f"CASE WHEN n % 2 = 0 THEN 'even' ELSE 'odd' END AS kind "
              f"FROM UNNEST(sequence(1, 1000)) AS t(n)")
    table = glue.get_table(DatabaseName=database, Name="events")["Table"]
    storage = table["StorageDescriptor"]
    assert storage["SerdeInfo"]["SerializationLibrary"] == \
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    assert storage["InputFormat"] == \
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    assert storage["OutputFormat"] == \
        "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"
    assert table["Parameters"]["parquet.compression"] == "SNAPPY"
    assert [k["Name"] for k in table["PartitionKeys"]] == ["kind"]

    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix)["Contents"]]
    assert {k.split("/")[1] for k in keys} == {"kind=even", "kind=odd"}
    for key in keys:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        assert body[:4] == b"PAR1" and body[-4:] == b"PAR1", key

    got = rows_of(athena, succeeded(
        athena, results,
        f"SELECT kind, count(*), sum(id), sum(weight) FROM {database}.events "
        f"GROUP BY kind ORDER BY kind"))
    assert got == [["kind", "_col1", "_col2", "_col3"],
                   ["even", "500", "250500", "125250.0"],
                   ["odd", "500", "250000", "125000.0"]]

    paths = rows_of(athena, succeeded(
        athena, results,
        f'SELECT "$path", count(*) FROM {database}.events GROUP BY 1 ORDER BY 1'))
    assert paths[0] == ["$path", "_col1"]
    assert sorted(p for p, _ in paths[1:]) == sorted(f"s3://{bucket}/{k}" for k in keys)
    assert sum(int(c) for _, c in paths[1:]) == 1000


def test_insert_into_a_parquet_table_adds_files(athena, s3, bucket, results, database):
    prefix = unique("insert")
    succeeded(athena, results,
              f"CREATE TABLE {database}.counters WITH (format = 'PARQUET', external_location = "
              f"'s3://{bucket}/{prefix}/') AS SELECT 1 AS n, 'one' AS name")
    succeeded(athena, results,
              f"INSERT INTO {database}.counters VALUES (2, 'two'), (3, NULL)")
    got = rows_of(athena, succeeded(
        athena, results,
        f'SELECT count(*), count(name), count(DISTINCT "$path") FROM {database}.counters'))
    assert got[1] == ["3", "2", "2"]


def test_external_parquet_table_reads_another_engines_files(athena, s3, bucket, results,
                                                            database):
    prefix = unique("orders")
    with open(FIXTURE, "rb") as f:
        s3.put_object(Bucket=bucket, Key=f"{prefix}/part-1.parquet", Body=f.read())
    succeeded(athena, results,
              f"CREATE EXTERNAL TABLE {database}.orders (order_id bigint, customer string, "
              f"amount decimal(10,2)) STORED AS PARQUET LOCATION 's3://{bucket}/{prefix}/'")
    execution = succeeded(
        athena, results,
        f"SELECT count(*), min(order_id), max(order_id) FROM {database}.orders "
        f"WHERE order_id BETWEEN 6100 AND 6199")
    assert rows_of(athena, execution)[1] == ["100", "6100", "6199"]
    assert execution["Statistics"]["DataScannedInBytes"] > 0


NESTED_FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sql", "parquet",
                              "data", "nested", "nested.parquet")


def test_external_parquet_table_reads_nested_columns(athena, s3, bucket, results, database):
    # DuckDB's file (src/formats/parquet/testdata/make_nested_fixtures.mjs): LIST, MAP, struct
    # and a list of structs holding a list, with NULL and empty lists and NULL structs.
    prefix = unique("nested")
    with open(NESTED_FIXTURE, "rb") as f:
        s3.put_object(Bucket=bucket, Key=f"{prefix}/nested.parquet", Body=f.read())
    succeeded(athena, results,
              f"CREATE EXTERNAL TABLE {database}.nested (id int, arr array<bigint>, "
              f"m map<string,bigint>, s struct<a:bigint,b:string>, "
              f"ls array<struct<x:bigint,tags:array<string>>>) "
              f"STORED AS PARQUET LOCATION 's3://{bucket}/{prefix}/'")
    got = rows_of(athena, succeeded(
        athena, results,
        f"SELECT id, arr, s.a, s.b, element_at(m, 'k2'), cardinality(ls) FROM {database}.nested "
        f"WHERE id IN (0, 1, 2) ORDER BY id"))
    assert got[0] == ["id", "arr", "a", "b", "_col4", "_col5"]
    assert got[1:] == [["0", None, None, None, None, None],
                       ["1", "[]", None, None, None, "1"],
                       ["2", "[2, 4, 6]", "20", "s2", "2", "2"]]
    got = rows_of(athena, succeeded(
        athena, results,
        f"SELECT count(*), sum(x) FROM {database}.nested CROSS JOIN UNNEST(arr) AS t(x)"))
    assert got[1] == ["162", "15306"]  # What DuckDB computes over the same file.
