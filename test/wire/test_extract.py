"""`stratus extract` end to end: a throw-away MariaDB server (mariadb-install-db + mariadbd on a
loopback port), a running stratus, and the CLI writing Hive CSV into that server's S3, read
back with boto3. Covers a full and a parallel extract, an incremental run and its watermark
object, and the clear failures (unknown table, refused connection, wrong password, no such
bucket) that leave no object behind.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import boto3
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402
from stratus_process import stratus_binary  # noqa: E402

pytestmark = pytest.mark.stratus_only



def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def mariadb():
    if not os.path.exists("/usr/sbin/mariadbd"):
        pytest.skip("mariadbd not installed")
    home = tempfile.mkdtemp(prefix="sx")
    port = free_port()
    user = "root" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
    subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={home}/data",
                    f"--user={user}", "--auth-root-authentication-method=normal",
                    "--skip-test-db"], check=True, capture_output=True)
    server = subprocess.Popen(
        ["/usr/sbin/mariadbd", "--no-defaults", f"--user={user}", f"--datadir={home}/data",
         f"--socket={home}/sock", f"--port={port}", "--bind-address=127.0.0.1",
         f"--log-error={home}/log", "--skip-name-resolve", "--innodb-buffer-pool-size=64M"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sql = ["mariadb", "--no-defaults", "-uroot", f"--socket={home}/sock"]
    for _ in range(600):
        if subprocess.run(sql + ["-e", "SELECT 1"], capture_output=True).returncode == 0:
            break
        time.sleep(0.05)
    subprocess.run(sql, check=True, input=(
        "CREATE DATABASE shop;"
        "CREATE TABLE shop.orders (id INT PRIMARY KEY, amount DECIMAL(8,2), day DATE,"
        " note VARCHAR(40) CHARACTER SET utf8mb4);"
        "INSERT INTO shop.orders SELECT seq, seq * 1.5, DATE('2023-01-01') + INTERVAL seq DAY,"
        " IF(seq % 3 = 0, NULL, CONCAT('note, ', seq, '\\n', 'ü')) FROM shop.seq_1_to_1000;"
        "CREATE USER 'etl'@'127.0.0.1' IDENTIFIED BY 'p@ss';"
        "GRANT SELECT ON shop.* TO 'etl'@'127.0.0.1';").encode())
    yield {"port": port, "sql": sql}
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def s3(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture
def bucket(s3):
    name = f"extract-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


def extract(endpoint, url, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY,
               AWS_DEFAULT_REGION=REGION)
    return subprocess.run([stratus_binary(), "extract", url, "--endpoint-url", endpoint, *args],
                          capture_output=True, text=True, env=env, timeout=120)


def keys(s3, bucket, prefix):
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
                  .get("Contents", []))


def body(s3, bucket, key):
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()


def test_full_and_parallel_extracts_write_hive_csv(endpoint, mariadb, s3, bucket):
    url = f"mysql://etl:p%40ss@127.0.0.1:{mariadb['port']}/shop"
    done = extract(endpoint, url, "--table", "orders", "--to", f"s3://{bucket}/orders/")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1000 rows")
    lines = body(s3, bucket, "orders/part-00000.csv").splitlines()
    assert len(lines) == 1000
    assert lines[0] == "1,1.50,2023-01-02,note\\, 1\\nü"
    assert lines[2] == "3,4.50,2023-01-04,\\N"

    done = extract(endpoint, url, "--table", "orders", "--to", f"s3://{bucket}/orders/",
                   "--parallel", "4", "--null-as", "")
    assert done.returncode == 0, done.stderr
    assert keys(s3, bucket, "orders/") == [f"orders/part-0000{i}.csv" for i in range(4)]
    rows = sorted(line for i in range(4)
                  for line in body(s3, bucket, f"orders/part-0000{i}.csv").splitlines())
    assert len(rows) == 1000
    assert "3,4.50,2023-01-04," in rows


def test_incremental_runs_keep_a_watermark_in_the_lake(endpoint, mariadb, s3, bucket):
    url = f"mysql://etl:p%40ss@127.0.0.1:{mariadb['port']}/shop"
    args = ["--table", "orders", "--incremental-column", "id", "--to", f"s3://{bucket}/inc/"]
    first = extract(endpoint, url, *args)
    assert first.returncode == 0, first.stderr
    assert "watermark 1000" in first.stdout
    subprocess.run(mariadb["sql"] + ["-e", "INSERT INTO shop.orders VALUES "
                                     "(1001, 1.00, '2024-01-01', 'late')"], check=True)
    second = extract(endpoint, url, *args)
    assert second.returncode == 0, second.stderr
    assert body(s3, bucket, "inc/run-000002-part-00000.csv") == "1001,1.00,2024-01-01,late\n"
    state = json.loads(body(s3, bucket, "inc/_stratus_extract_state.json"))
    assert state == {"version": 1, "source": "orders", "column": "id", "watermark": "1001",
                     "runs": 2}
    subprocess.run(mariadb["sql"] + ["-e", "DELETE FROM shop.orders WHERE id = 1001"],
                   check=True)


def test_failures_are_clear_and_leave_nothing(endpoint, mariadb, s3, bucket):
    port = mariadb["port"]
    to = ["--to", f"s3://{bucket}/bad/"]
    unknown = extract(endpoint, f"mysql://etl:p%40ss@127.0.0.1:{port}/shop", "--table", "nope",
                      *to)
    assert unknown.returncode == 1
    assert "Table 'shop.nope' doesn't exist" in unknown.stderr
    refused = extract(endpoint, f"mysql://etl:p%40ss@127.0.0.1:{free_port()}/shop", "--table",
                      "orders", *to)
    assert refused.returncode == 1
    assert "cannot connect to 127.0.0.1" in refused.stderr
    denied = extract(endpoint, f"mysql://etl:wrong@127.0.0.1:{port}/shop", "--table", "orders",
                     *to)
    assert denied.returncode == 1
    assert "Access denied" in denied.stderr
    no_bucket = extract(endpoint, f"mysql://etl:p%40ss@127.0.0.1:{port}/shop", "--table",
                        "orders", "--to", f"s3://{bucket}-missing/x/")
    assert no_bucket.returncode == 1
    assert "NoSuchBucket" in no_bucket.stderr
    bad_url = extract(endpoint, "mysql:/nope", "--table", "orders", *to)
    assert bad_url.returncode == 2
    assert "bad URL" in bad_url.stderr
    assert keys(s3, bucket, "bad/") == []
