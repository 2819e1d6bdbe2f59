"""Helpers of the RDS wire and durability tests: clients, waits, SQL through an endpoint.

Only processes these tests started are signalled, by their own PIDs.
"""
import os
import socket
import subprocess
import time

import boto3
import pymysql
from botocore.config import Config

REGION = "us-east-1"
PASSWORD = "AmazingPassword"


def rds_client(endpoint):
    return boto3.client("rds", endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=Config(retries={"max_attempts": 0}, read_timeout=120))


def port_is_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_instance(rds, identifier, status="available", timeout=120.0):
    """Polls DescribeDBInstances until the instance has `status`; returns it."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = rds.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]
        if last["DBInstanceStatus"] == status:
            return last
        if last["DBInstanceStatus"] == "failed":
            raise AssertionError(f"instance {identifier} failed: {last}")
        time.sleep(0.25)
    raise AssertionError(f"instance {identifier} not {status} after {timeout}s: {last}")


def wait_cluster(rds, identifier, status="available", timeout=120.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = rds.describe_db_clusters(DBClusterIdentifier=identifier)["DBClusters"][0]
        if last["Status"] == status:
            return last
        time.sleep(0.25)
    raise AssertionError(f"cluster {identifier} not {status} after {timeout}s: {last}")


def wait_gone(rds, identifier, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            rds.describe_db_instances(DBInstanceIdentifier=identifier)
        except rds.exceptions.DBInstanceNotFoundFault:
            return
        time.sleep(0.25)
    raise AssertionError(f"instance {identifier} still there after {timeout}s")


def connect(port, user="root", password=PASSWORD, database=None):
    return pymysql.connect(host="127.0.0.1", port=port, user=user, password=password,
                           database=database, connect_timeout=10, autocommit=True)


def query(port, sql, user="root", password=PASSWORD):
    """Runs `sql` through pymysql on the endpoint; returns the rows of the last statement."""
    conn = connect(port, user, password)
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        conn.close()


def mariadb_client(port, sql, user="root", password=PASSWORD):
    """Runs `sql` through the `mariadb` command-line client; returns its stdout."""
    out = subprocess.run(
        ["mariadb", "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1", "-P", str(port),
         "-u", user, f"-p{password}", "--batch", "--skip-column-names", "-e", sql],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def server_pid(data_dir, kind, identifier):
    """Returns the pid in a server's pid file, or None."""
    path = os.path.join(data_dir, "rds", kind, identifier, "mysqld.pid")
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def pid_alive(pid):
    if pid is None:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(predicate, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} not met after {timeout}s")
