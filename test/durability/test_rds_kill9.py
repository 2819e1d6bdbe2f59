"""kill -9 of stratus with an RDS instance running: after a restart the instance is
available again with its data and users, on the same port, and the MariaDB server the
killed stratus left running (an orphan holding the data dir) was stopped, not doubled.
A master password change acknowledged but not yet applied when stratus died is applied
after the restart.

Run: python3 test/wire/run_pytest.py test/durability/test_rds_kill9.py -m durability
"""
import os
import signal
import sys
import time

import pymysql
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wire"))

from rds_helpers import (PASSWORD, pid_alive, query, rds_client, server_pid,  # noqa: E402
                         wait_instance, wait_until)
from stratus_process import StratusProcess, stratus_binary  # noqa: E402


def mariadbd_pids_on(data_dir):
    """Returns the pids of every mariadbd whose --datadir lies under `data_dir`."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"mariadbd") and pid_alive(int(entry)) and any(
                a.startswith(b"--datadir=" + data_dir.encode()) for a in argv):
            pids.append(int(entry))
    return pids


@pytest.fixture
def server(tmp_path):
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    if not os.path.exists("/usr/sbin/mariadbd"):
        pytest.skip("mariadb-server is not installed")
    s = StratusProcess(tmp_path / "data", log_path=tmp_path / "stratus.log")
    yield s
    s.stop(grace=60.0)
    # Whatever happened, leave no server of ours behind.
    for pid in mariadbd_pids_on(str(tmp_path / "data")):
        os.kill(pid, 9)


@pytest.mark.durability
def test_kill9_of_stratus_keeps_the_instance_and_its_data(server):
    server.start(timeout=30.0)
    rds = rds_client(server.endpoint)
    rds.create_db_instance(DBInstanceIdentifier="durable", Engine="mysql",
                           DBInstanceClass="db.t3.micro", MasterUsername="root",
                           MasterUserPassword=PASSWORD, AllocatedStorage=20)
    port = wait_instance(rds, "durable")["Endpoint"]["Port"]
    query(port, "CREATE DATABASE myschema")
    query(port, "CREATE TABLE myschema.users AS SELECT 1 AS id UNION ALL SELECT 2")
    query(port, "CREATE USER 'etl'@'%' IDENTIFIED BY 'EtlPassword1'")
    query(port, "GRANT SELECT ON myschema.* TO 'etl'@'%'")
    orphan = server_pid(server.data_dir, "instances", "durable")
    assert pid_alive(orphan)

    server.kill9()
    assert pid_alive(orphan)  # The server outlives the control plane...

    server.start(timeout=30.0)
    rds = rds_client(server.endpoint)
    instance = wait_instance(rds, "durable")
    assert instance["Endpoint"]["Port"] == port
    assert not pid_alive(orphan)  # ...until the new control plane stops it.
    assert len(mariadbd_pids_on(server.data_dir)) == 1
    assert query(port, "SELECT COUNT(*) FROM myschema.users") == ((2,),)
    assert query(port, "SELECT COUNT(*) FROM myschema.users", user="etl",
                 password="EtlPassword1") == ((2,),)

    # A graceful stop stops the server; nothing is left on the data dir.
    assert server.stop(grace=60.0) == 0
    wait_until(lambda: not mariadbd_pids_on(server.data_dir), timeout=30,
               what="no mariadbd left")


@pytest.mark.durability
def test_master_password_change_interrupted_by_kill9_is_applied_after_restart(server):
    """ModifyDBInstance MasterUserPassword is acknowledged before the server runs the
    ALTER USER. The instance's MariaDB server is frozen (SIGSTOP) so that the change
    cannot reach it, stratus is killed, and the frozen server dies too: after a restart
    the new password works and the old one does not."""
    server.start(timeout=30.0)
    rds = rds_client(server.endpoint)
    rds.create_db_instance(DBInstanceIdentifier="pwdb", Engine="mysql",
                           DBInstanceClass="db.t3.micro", MasterUsername="root",
                           MasterUserPassword=PASSWORD, AllocatedStorage=20)
    port = wait_instance(rds, "pwdb")["Endpoint"]["Port"]
    assert query(port, "SELECT 1") == ((1,),)
    mariadbd = server_pid(server.data_dir, "instances", "pwdb")
    assert pid_alive(mariadbd)

    os.kill(mariadbd, signal.SIGSTOP)
    try:
        modified = rds.modify_db_instance(DBInstanceIdentifier="pwdb",
                                          MasterUserPassword="NewPassword22",
                                          ApplyImmediately=True)["DBInstance"]
        assert modified["DBInstanceStatus"] == "modifying"
        time.sleep(0.5)  # The control plane is now stuck on the frozen server.
        server.kill9()
    finally:
        os.kill(mariadbd, signal.SIGKILL)
        os.kill(mariadbd, signal.SIGCONT)
    wait_until(lambda: not pid_alive(mariadbd), timeout=30, what="the frozen mariadbd gone")

    server.start(timeout=30.0)
    rds = rds_client(server.endpoint)
    instance = wait_instance(rds, "pwdb")
    assert instance["Endpoint"]["Port"] == port
    assert query(port, "SELECT 2", password="NewPassword22") == ((2,),)
    with pytest.raises(pymysql.err.OperationalError):
        query(port, "SELECT 3", password=PASSWORD)
