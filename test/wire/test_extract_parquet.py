"""`stratus extract --format parquet` end to end: a throw-away MariaDB server with a table of
every MySQL column type the extract maps, the CLI writing Parquet into a running stratus's S3,
then the files read back two ways and compared value by value: through Athena (an external
table STORED AS PARQUET over the prefix, with boto3) and through DuckDB when it is installed
(npm @duckdb/node-api in $STRATUS_DUCKDB_DIR, default /tmp/duckpeer; skipped cleanly if
absent). Also: the files roll over at --file-size-mb, and a failed extract leaves nothing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_athena import (all_rows, athena, bucket, results, succeeded,  # noqa: E402,F401
                         unique)
from test_extract import extract, keys, mariadb  # noqa: E402,F401

pytestmark = pytest.mark.stratus_only

COLUMNS = [
    ("id", "INT PRIMARY KEY", "int"),
    ("ti", "TINYINT", "tinyint"),
    ("tu", "TINYINT UNSIGNED", "smallint"),
    ("si", "SMALLINT", "smallint"),
    ("mi", "MEDIUMINT", "int"),
    ("iu", "INT UNSIGNED", "bigint"),
    ("bi", "BIGINT", "bigint"),
    ("bu", "BIGINT UNSIGNED", "decimal(20,0)"),
    ("de", "DECIMAL(10,2)", "decimal(10,2)"),
    ("dw", "DECIMAL(30,8)", "decimal(30,8)"),
    ("fl", "FLOAT", "float"),
    ("db", "DOUBLE", "double"),
    ("da", "DATE", "date"),
    ("dt", "DATETIME(3)", "timestamp"),
    ("ts", "TIMESTAMP NULL", "timestamp"),
    ("ch", "CHAR(3)", "string"),
    ("vc", "VARCHAR(40) CHARACTER SET utf8mb4", "string"),
    ("tx", "TEXT CHARACTER SET utf8mb4", "string"),
    ("js", "JSON", "string"),
    ("en", "ENUM('red','green')", "string"),
    ("bn", "BINARY(3)", "binary"),
    ("vb", "VARBINARY(8)", "binary"),
    ("bl", "BLOB", "binary"),
    ("b1", "BIT(1)", "boolean"),
    ("b9", "BIT(9)", "bigint"),
    ("yr", "YEAR", "smallint"),
]

ROW_1 = ("1, -128, 255, -32768, -8388608, 4294967295, -9223372036854775808, "
         "18446744073709551615, -12345678.90, 1234567890123456789012.12345678, 1.5, -2.25e-10, "
         "'2023-02-28', '2023-01-02 03:04:05.678', '2023-06-01 12:00:00', 'abc', "
         "'Zoë, \"x\" and a line\\nbreak', 'long text', '{\"k\": [1, 2]}', 'green', X'00FF0A', "
         "X'2C0A5C', X'DEADBEEF', b'1', b'100000001', 2024")
ROW_3 = ("3, 127, 0, 32767, 8388607, 0, 9223372036854775807, 0, 0.05, -0.00000001, -3.25, 1e300, "
         "'1000-01-01', '9999-12-31 23:59:59.999', '1970-01-01 02:00:01', '', '', '', '[]', "
         "'red', X'000000', X'', X'', b'0', b'0', 1901")

# As Athena shows them (its GetQueryResults strings), row by row.
ATHENA_ROWS = [
    ["1", "-128", "255", "-32768", "-8388608", "4294967295", "-9223372036854775808",
     "18446744073709551615", "-12345678.90", "1234567890123456789012.12345678", "1.5",
     "-2.25E-10", "2023-02-28", "2023-01-02 03:04:05.678", "2023-06-01 10:00:00.000", "abc",
     "Zoë, \"x\" and a line\nbreak", "long text", "{\"k\": [1, 2]}", "green", "00 ff 0a",
     "2c 0a 5c", "de ad be ef", "true", "257", "2024"],
    ["2"] + [None] * 25,
    ["3", "127", "0", "32767", "8388607", "0", "9223372036854775807", "0", "0.05",
     "-0.00000001", "-3.25", "1.0E300", "1000-01-01", "9999-12-31 23:59:59.999",
     "1970-01-01 00:00:01.000", "", "", "", "[]", "red", "00 00 00", "", "", "false", "0",
     "1901"],
]

# As DuckDB casts them to VARCHAR.
DUCKDB_ROWS = [
    ["1", "-128", "255", "-32768", "-8388608", "4294967295", "-9223372036854775808",
     "18446744073709551615", "-12345678.90", "1234567890123456789012.12345678", "1.5",
     "-2.25e-10", "2023-02-28", "2023-01-02 03:04:05.678", "2023-06-01 10:00:00", "abc",
     "Zoë, \"x\" and a line\nbreak", "long text", "{\"k\": [1, 2]}", "green", "\\x00\\xFF\\x0A",
     ",\\x0A\\x5C", "\\xDE\\xAD\\xBE\\xEF", "true", "257", "2024"],
    ["2"] + [None] * 25,
    ["3", "127", "0", "32767", "8388607", "0", "9223372036854775807", "0", "0.05",
     "-0.00000001", "-3.25", "1e+300", "1000-01-01", "9999-12-31 23:59:59.999",
     "1970-01-01 00:00:01", "", "", "", "[]", "red", "\\x00\\x00\\x00", "", "", "false", "0",
     "1901"],
]


@pytest.fixture(scope="module")
def typed(mariadb):
    columns = ", ".join(f"{name} {mysql}" for name, mysql, _ in COLUMNS)
    done = subprocess.run(mariadb["sql"], capture_output=True, input=(
        "SET time_zone = '+02:00';"
        f"CREATE OR REPLACE TABLE shop.typed ({columns});"
        f"INSERT INTO shop.typed VALUES ({ROW_1}), (2{', NULL' * 25}), ({ROW_3});").encode())
    assert done.returncode == 0, done.stderr
    return f"mysql://etl:p%40ss@127.0.0.1:{mariadb['port']}/shop"


def test_every_type_reads_back_through_athena_and_duckdb(endpoint, typed, s3, athena, bucket,
                                                         results):
    prefix = unique("typed")
    done = extract(endpoint, typed, "--table", "typed", "--format", "parquet", "--compression",
                   "zstd", "--to", f"s3://{bucket}/{prefix}/")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3 rows")
    assert keys(s3, bucket, f"{prefix}/") == [f"{prefix}/part-00000-00000.parquet"]

    database = unique("extract")
    succeeded(athena, results, f"CREATE DATABASE {database}")
    columns = ", ".join(f"{name} {hive}" for name, _, hive in COLUMNS)
    succeeded(athena, results,
              f"CREATE EXTERNAL TABLE {database}.typed ({columns}) STORED AS PARQUET "
              f"LOCATION 's3://{bucket}/{prefix}/'")
    execution = succeeded(athena, results, f"SELECT * FROM {database}.typed ORDER BY id")
    rows, _ = all_rows(athena, execution["QueryExecutionId"])
    assert rows[0] == [name for name, _, _ in COLUMNS]
    assert rows[1:] == ATHENA_ROWS
    succeeded(athena, results, f"DROP DATABASE {database} CASCADE")

    duckdb_dir = os.environ.get("STRATUS_DUCKDB_DIR", "/tmp/duckpeer")
    if shutil.which("node") is None or not os.path.isdir(
            os.path.join(duckdb_dir, "node_modules", "@duckdb", "node-api")):
        pytest.skip(f"DuckDB (npm @duckdb/node-api in {duckdb_dir}) is not installed")
    local = tempfile.mkdtemp(prefix="sxp")
    try:
        path = os.path.join(local, "part.parquet")
        s3.download_file(bucket, f"{prefix}/part-00000-00000.parquet", path)
        script = (
            "import { createRequire } from 'node:module';"
            "const require = createRequire(process.cwd() + '/noop.js');"
            "const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));"
            "const con = await (await DuckDBInstance.create(':memory:')).connect();"
            "const reader = await con.runAndReadAll(\"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM "
            f"read_parquet('{path}') ORDER BY id::INT\");"
            "console.log(JSON.stringify(reader.getRows()));")
        read = subprocess.run(["node", "--input-type=module", "-e", script], cwd=duckdb_dir,
                              capture_output=True, text=True, timeout=120)
        assert read.returncode == 0, read.stderr
        assert json.loads(read.stdout) == DUCKDB_ROWS
    finally:
        shutil.rmtree(local, ignore_errors=True)


def test_files_roll_over_and_a_failed_extract_leaves_nothing(endpoint, mariadb, typed, s3,
                                                             bucket):
    done = subprocess.run(mariadb["sql"], capture_output=True, input=(
        "CREATE OR REPLACE TABLE shop.wide (id INT PRIMARY KEY, pad VARCHAR(600)) AS SELECT seq "
        "AS id, CONCAT(seq, REPEAT('x', 500), RAND()) AS pad FROM shop.seq_1_to_6000;").encode())
    assert done.returncode == 0, done.stderr
    prefix = unique("wide")
    done = extract(endpoint, typed, "--table", "wide", "--format", "parquet", "--compression",
                   "none", "--file-size-mb", "1", "--to", f"s3://{bucket}/{prefix}/")
    assert done.returncode == 0, done.stderr
    assert keys(s3, bucket, f"{prefix}/") == [
        f"{prefix}/part-00000-0000{i}.parquet" for i in range(3)]

    failed = extract(endpoint, typed, "--table", "typed", "--format", "parquet", "--to",
                     f"s3://{bucket}-missing/x/")
    assert failed.returncode == 1
    assert "NoSuchBucket" in failed.stderr
    bad = extract(endpoint, typed, "--table", "typed", "--compression", "zstd", "--to",
                  f"s3://{bucket}/x/")
    assert bad.returncode == 2
    assert "need --format parquet" in bad.stderr
