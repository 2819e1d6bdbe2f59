"""RDS DB snapshots through boto3, with real MariaDB servers behind the endpoints.

CreateDBSnapshot (creating → available, the SDK's db_snapshot_available waiter), a
restore to a new instance on a new port that serves the rows as they were when the
snapshot was taken (read with pymysql), DescribeDBSnapshots' filters and paging,
CopyDBSnapshot, DeleteDBSnapshot (db_snapshot_deleted), the final snapshot of
DeleteDBInstance, the errors RDS names, snapshots across kill -9 of stratus, and
CloudFormation's DeletionPolicy: Snapshot and DBSnapshotIdentifier on AWS::RDS::DBInstance.

These tests start their own stratus with a data dir of their own (they kill it).
"""
import os
import shutil
import sys
import tempfile
import time

import boto3
import pytest
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from rds_helpers import PASSWORD, query, rds_client, wait_gone, wait_instance  # noqa: E402
from stratus_process import StratusProcess  # noqa: E402

pytestmark = pytest.mark.skipif(not os.path.exists("/usr/sbin/mariadbd"),
                                reason="mariadb-server is not installed")

FAST = {"Delay": 1, "MaxAttempts": 180}


@pytest.fixture(scope="module")
def server(target):
    if target != "stratus":
        pytest.skip("starts and kills its own stratus")
    tmp = tempfile.mkdtemp(prefix="stratus-rds-snap-")
    s = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "stratus.log"))
    s.start(timeout=30.0)
    yield s
    code = s.stop(grace=60.0)
    if code not in (0, None, -15):
        print(f"\nstratus exited with {code}; log kept at {s.log_path}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def rds(server):
    return rds_client(server.endpoint)


def error_of(excinfo):
    return (excinfo.value.response["Error"]["Code"],
            excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"])


def create_instance(rds, identifier):
    rds.create_db_instance(DBInstanceIdentifier=identifier, Engine="mysql",
                           DBInstanceClass="db.t3.micro", MasterUsername="root",
                           MasterUserPassword=PASSWORD, AllocatedStorage=20)
    rds.get_waiter("db_instance_available").wait(DBInstanceIdentifier=identifier,
                                                 WaiterConfig=FAST)
    return rds.describe_db_instances(DBInstanceIdentifier=identifier)["DBInstances"][0]


def snapshot_of(rds, identifier):
    return rds.describe_db_snapshots(DBSnapshotIdentifier=identifier)["DBSnapshots"][0]


@pytest.fixture(scope="module")
def source(rds):
    """An instance with myschema.users (3 rows) and a snapshot `before` of it, taken
    before the rows were changed."""
    instance = create_instance(rds, "snapsrc")
    port = instance["Endpoint"]["Port"]
    query(port, "CREATE DATABASE myschema")
    query(port, "CREATE TABLE myschema.users (id INT PRIMARY KEY, name VARCHAR(20)) "
                "ENGINE=InnoDB")
    query(port, "INSERT INTO myschema.users VALUES (1, 'ada'), (2, 'bob'), (3, 'cy')")
    created = rds.create_db_snapshot(DBInstanceIdentifier="snapsrc",
                                     DBSnapshotIdentifier="Before",
                                     Tags=[{"Key": "team", "Value": "data"}])["DBSnapshot"]
    assert created["DBSnapshotIdentifier"] == "before"
    assert created["Status"] == "creating"
    rds.get_waiter("db_snapshot_available").wait(DBSnapshotIdentifier="before", WaiterConfig=FAST)
    wait_instance(rds, "snapsrc")
    query(port, "UPDATE myschema.users SET name = 'changed'")
    query(port, "DELETE FROM myschema.users WHERE id = 3")
    return {"port": port, "instance": instance}


def test_snapshot_is_available_with_the_instance_shape(source, rds):
    snapshot = snapshot_of(rds, "before")
    assert snapshot["Status"] == "available"
    assert snapshot["DBInstanceIdentifier"] == "snapsrc"
    assert snapshot["SnapshotType"] == "manual"
    assert snapshot["Engine"] == "mysql"
    assert snapshot["MasterUsername"] == "root"
    assert snapshot["AllocatedStorage"] == 20
    assert snapshot["PercentProgress"] == 100
    assert snapshot["DbiResourceId"] == source["instance"]["DbiResourceId"]
    assert snapshot["DBSnapshotArn"].endswith(":snapshot:before")
    assert snapshot["TagList"] == [{"Key": "team", "Value": "data"}]
    # The instance serves again after the snapshot, with the changed rows.
    assert query(source["port"], "SELECT id, name FROM myschema.users ORDER BY id") == (
        (1, "changed"), (2, "changed"))


def test_restore_serves_the_rows_of_the_snapshot(source, rds):
    restored = rds.restore_db_instance_from_db_snapshot(
        DBInstanceIdentifier="snaprestored", DBSnapshotIdentifier="before",
        DBInstanceClass="db.t3.small")["DBInstance"]
    assert restored["DBInstanceStatus"] == "creating"
    assert restored["Engine"] == "mysql"
    assert restored["MasterUsername"] == "root"
    rds.get_waiter("db_instance_available").wait(DBInstanceIdentifier="snaprestored",
                                                 WaiterConfig=FAST)
    instance = rds.describe_db_instances(DBInstanceIdentifier="snaprestored")["DBInstances"][0]
    assert instance["DBInstanceClass"] == "db.t3.small"
    port = instance["Endpoint"]["Port"]
    assert port != source["port"]
    assert query(port, "SELECT id, name FROM myschema.users ORDER BY id") == (
        (1, "ada"), (2, "bob"), (3, "cy"))
    # The two instances are apart: a write to the restored one leaves the source alone.
    query(port, "INSERT INTO myschema.users VALUES (4, 'dee')")
    assert query(source["port"], "SELECT COUNT(*) FROM myschema.users") == ((2,),)
    rds.delete_db_instance(DBInstanceIdentifier="snaprestored", SkipFinalSnapshot=True)
    wait_gone(rds, "snaprestored")


def test_describe_filters(source, rds):
    copy = rds.copy_db_snapshot(SourceDBSnapshotIdentifier="before",
                                TargetDBSnapshotIdentifier="before-copy",
                                CopyTags=True)["DBSnapshot"]
    assert copy["Status"] == "creating"
    rds.get_waiter("db_snapshot_available").wait(DBSnapshotIdentifier="before-copy",
                                                 WaiterConfig=FAST)
    copy = snapshot_of(rds, "before-copy")
    assert copy["SourceDBSnapshotIdentifier"].endswith(":snapshot:before")
    assert copy["TagList"] == [{"Key": "team", "Value": "data"}]
    assert copy["DBInstanceIdentifier"] == "snapsrc"

    def ids(**kwargs):
        return sorted(s["DBSnapshotIdentifier"]
                      for s in rds.describe_db_snapshots(**kwargs)["DBSnapshots"])

    assert {"before", "before-copy"} <= set(ids())
    assert ids(DBInstanceIdentifier="snapsrc") == ["before", "before-copy"]
    assert ids(DBInstanceIdentifier="nosuchdb") == []
    assert ids(DBInstanceIdentifier="snapsrc", SnapshotType="manual") == ["before", "before-copy"]
    assert ids(DBInstanceIdentifier="snapsrc", SnapshotType="automated") == []
    assert ids(Filters=[{"Name": "db-snapshot-id", "Values": ["before-copy"]}]) == ["before-copy"]
    assert ids(Filters=[{"Name": "db-instance-id", "Values": ["snapsrc"]},
                        {"Name": "snapshot-type", "Values": ["manual"]}]) == [
        "before", "before-copy"]
    assert ids(DBSnapshotIdentifier="arn:aws:rds:us-east-1:000000000000:snapshot:before") == [
        "before"]
    with pytest.raises(ClientError) as excinfo:
        rds.describe_db_snapshots(Filters=[{"Name": "bogus", "Values": ["x"]}])
    assert error_of(excinfo) == ("InvalidParameterValue", 400)


def test_describe_pages_with_marker(source, rds):
    # MaxRecords is at least 20: 21 snapshots make two pages.
    for i in range(21 - len(rds.describe_db_snapshots()["DBSnapshots"])):
        rds.copy_db_snapshot(SourceDBSnapshotIdentifier="before",
                             TargetDBSnapshotIdentifier=f"page-{i:02d}")
    every = []
    marker = None
    pages = 0
    while True:
        kwargs = {"MaxRecords": 20}
        if marker:
            kwargs["Marker"] = marker
        page = rds.describe_db_snapshots(**kwargs)
        pages += 1
        every += [s["DBSnapshotIdentifier"] for s in page["DBSnapshots"]]
        marker = page.get("Marker")
        if not marker:
            break
    assert pages == 2
    assert len(every) == len(set(every)) >= 21
    paginated = [s["DBSnapshotIdentifier"]
                 for p in rds.get_paginator("describe_db_snapshots").paginate(
                     PaginationConfig={"PageSize": 20})
                 for s in p["DBSnapshots"]]
    assert paginated == every
    for i in range(21):
        name = f"page-{i:02d}"
        if name in every:
            rds.get_waiter("db_snapshot_available").wait(DBSnapshotIdentifier=name,
                                                         WaiterConfig=FAST)
            rds.delete_db_snapshot(DBSnapshotIdentifier=name)


def test_delete_and_the_deleted_waiter(source, rds):
    rds.copy_db_snapshot(SourceDBSnapshotIdentifier="before",
                         TargetDBSnapshotIdentifier="doomed")
    rds.get_waiter("db_snapshot_available").wait(DBSnapshotIdentifier="doomed", WaiterConfig=FAST)
    deleted = rds.delete_db_snapshot(DBSnapshotIdentifier="doomed")["DBSnapshot"]
    assert deleted["DBSnapshotIdentifier"] == "doomed"
    assert deleted["Status"] == "deleted"
    rds.get_waiter("db_snapshot_deleted").wait(DBSnapshotIdentifier="doomed", WaiterConfig=FAST)
    with pytest.raises(ClientError) as excinfo:
        rds.describe_db_snapshots(DBSnapshotIdentifier="doomed")
    assert error_of(excinfo) == ("DBSnapshotNotFound", 404)


def test_snapshot_errors(source, rds):
    cases = [
        (lambda: rds.create_db_snapshot(DBInstanceIdentifier="nosuchdb",
                                        DBSnapshotIdentifier="x1"),
         ("DBInstanceNotFound", 404)),
        (lambda: rds.create_db_snapshot(DBInstanceIdentifier="snapsrc",
                                        DBSnapshotIdentifier="before"),
         ("DBSnapshotAlreadyExists", 400)),
        (lambda: rds.create_db_snapshot(DBInstanceIdentifier="snapsrc",
                                        DBSnapshotIdentifier="bad--name"),
         ("InvalidParameterValue", 400)),
        (lambda: rds.describe_db_snapshots(DBSnapshotIdentifier="nosuchsnap"),
         ("DBSnapshotNotFound", 404)),
        (lambda: rds.delete_db_snapshot(DBSnapshotIdentifier="nosuchsnap"),
         ("DBSnapshotNotFound", 404)),
        (lambda: rds.copy_db_snapshot(SourceDBSnapshotIdentifier="nosuchsnap",
                                      TargetDBSnapshotIdentifier="x2"),
         ("DBSnapshotNotFound", 404)),
        (lambda: rds.copy_db_snapshot(SourceDBSnapshotIdentifier="before",
                                      TargetDBSnapshotIdentifier="before-copy"),
         ("DBSnapshotAlreadyExists", 400)),
        (lambda: rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="fresh",
                                                          DBSnapshotIdentifier="nosuchsnap"),
         ("DBSnapshotNotFound", 404)),
        (lambda: rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="snapsrc",
                                                          DBSnapshotIdentifier="before"),
         ("DBInstanceAlreadyExists", 400)),
    ]
    for call, expected in cases:
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo) == expected
    assert "nosuchsnap" in snapshot_error_message(rds)

    # While a snapshot is being taken: the instance is backing-up and takes no
    # other snapshot; the snapshot can be neither deleted nor restored yet.
    rds.create_db_snapshot(DBInstanceIdentifier="snapsrc", DBSnapshotIdentifier="busy")
    instance = rds.describe_db_instances(DBInstanceIdentifier="snapsrc")["DBInstances"][0]
    assert instance["DBInstanceStatus"] == "backing-up"
    busy_cases = [
        (lambda: rds.create_db_snapshot(DBInstanceIdentifier="snapsrc",
                                        DBSnapshotIdentifier="busy2"),
         ("InvalidDBInstanceState", 400)),
        (lambda: rds.delete_db_snapshot(DBSnapshotIdentifier="busy"),
         ("InvalidDBSnapshotState", 400)),
        (lambda: rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="fresh",
                                                          DBSnapshotIdentifier="busy"),
         ("InvalidDBSnapshotState", 400)),
    ]
    for call, expected in busy_cases:
        if snapshot_of(rds, "busy")["Status"] != "creating":
            break  # The copy was quicker than the test; the cases above need it running.
        with pytest.raises(ClientError) as excinfo:
            call()
        assert error_of(excinfo) == expected
    rds.get_waiter("db_snapshot_available").wait(DBSnapshotIdentifier="busy", WaiterConfig=FAST)
    wait_instance(rds, "snapsrc")
    rds.delete_db_snapshot(DBSnapshotIdentifier="busy")


def snapshot_error_message(rds):
    try:
        rds.describe_db_snapshots(DBSnapshotIdentifier="nosuchsnap")
    except ClientError as error:
        return error.response["Error"]["Message"]
    return ""


def test_final_snapshot_on_delete(source, rds):
    instance = create_instance(rds, "finaldb")
    port = instance["Endpoint"]["Port"]
    query(port, "CREATE DATABASE app")
    query(port, "CREATE TABLE app.t (v INT)")
    query(port, "INSERT INTO app.t VALUES (7), (8)")
    with pytest.raises(ClientError) as excinfo:
        rds.delete_db_instance(DBInstanceIdentifier="finaldb", SkipFinalSnapshot=True,
                               FinalDBSnapshotIdentifier="final")
    assert error_of(excinfo) == ("InvalidParameterCombination", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.delete_db_instance(DBInstanceIdentifier="finaldb", FinalDBSnapshotIdentifier="before")
    assert error_of(excinfo) == ("DBSnapshotAlreadyExists", 400)
    assert wait_instance(rds, "finaldb")["DBInstanceStatus"] == "available"

    deleting = rds.delete_db_instance(DBInstanceIdentifier="finaldb",
                                      FinalDBSnapshotIdentifier="final")["DBInstance"]
    assert deleting["DBInstanceStatus"] == "deleting"
    rds.get_waiter("db_instance_deleted").wait(DBInstanceIdentifier="finaldb", WaiterConfig=FAST)
    rds.get_waiter("db_snapshot_available").wait(DBSnapshotIdentifier="final", WaiterConfig=FAST)
    assert snapshot_of(rds, "final")["DBInstanceIdentifier"] == "finaldb"

    rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="finaldb",
                                             DBSnapshotIdentifier="final")
    restored = wait_instance(rds, "finaldb")
    assert query(restored["Endpoint"]["Port"], "SELECT v FROM app.t ORDER BY v") == ((7,), (8,))
    rds.delete_db_instance(DBInstanceIdentifier="finaldb", SkipFinalSnapshot=True)
    wait_gone(rds, "finaldb")


def test_snapshots_survive_kill9(server, source, rds):
    before = snapshot_of(rds, "before")
    # A snapshot being taken when stratus dies is finished after the restart,
    # or reported failed: never listed as available with half its files.
    rds.create_db_snapshot(DBInstanceIdentifier="snapsrc", DBSnapshotIdentifier="interrupted")
    time.sleep(0.3)
    server.kill9()
    server.start(timeout=30.0)
    rds = rds_client(server.endpoint)
    assert snapshot_of(rds, "before")["Status"] == "available"
    assert snapshot_of(rds, "before")["SnapshotCreateTime"] == before["SnapshotCreateTime"]
    deadline = time.monotonic() + 180
    while snapshot_of(rds, "interrupted")["Status"] == "creating":
        assert time.monotonic() < deadline, "the interrupted snapshot stayed creating"
        time.sleep(0.5)
    status = snapshot_of(rds, "interrupted")["Status"]
    assert status in ("available", "failed")
    snapshot_dir = os.path.join(server.data_dir, "rds", "snapshots", "interrupted")
    assert not os.path.exists(snapshot_dir + "/data.partial")
    port = wait_instance(rds, "snapsrc")["Endpoint"]["Port"]
    assert query(port, "SELECT COUNT(*) FROM myschema.users") == ((2,),)
    if status == "available":
        rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="afterkill",
                                                 DBSnapshotIdentifier="interrupted")
        restored = wait_instance(rds, "afterkill")
        assert query(restored["Endpoint"]["Port"],
                     "SELECT id, name FROM myschema.users ORDER BY id") == (
            (1, "changed"), (2, "changed"))
        rds.delete_db_instance(DBInstanceIdentifier="afterkill", SkipFinalSnapshot=True)
        wait_gone(rds, "afterkill")



SNAPSHOT_POLICY_TEMPLATE = """
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    Properties:
      DBInstanceIdentifier: CfnDb
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: root
      MasterUserPassword: AmazingPassword
      AllocatedStorage: 20
"""

RESTORE_TEMPLATE = """
Parameters:
  Snapshot: {Type: String}
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceIdentifier: cfnrestored
      DBSnapshotIdentifier: !Ref Snapshot
      DBInstanceClass: db.t3.micro
Outputs:
  Port: {Value: !GetAtt Db.Endpoint.Port}
"""


def test_cloudformation_snapshot_policy_and_restore(server, rds):
    cfn = boto3.client("cloudformation", endpoint_url=server.endpoint, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test")
    wait = {"Delay": 1, "MaxAttempts": 300}
    cfn.create_stack(StackName="snapdb", TemplateBody=SNAPSHOT_POLICY_TEMPLATE)
    cfn.get_waiter("stack_create_complete").wait(StackName="snapdb", WaiterConfig=wait)
    port = wait_instance(rds, "cfndb")["Endpoint"]["Port"]
    query(port, "CREATE DATABASE kept")
    query(port, "CREATE TABLE kept.t AS SELECT 41 AS v UNION ALL SELECT 42")

    # DeletionPolicy: Snapshot takes a final snapshot before the instance goes.
    cfn.delete_stack(StackName="snapdb")
    cfn.get_waiter("stack_delete_complete").wait(StackName="snapdb", WaiterConfig=wait)
    wait_gone(rds, "cfndb")
    snapshots = rds.describe_db_snapshots(DBInstanceIdentifier="cfndb")["DBSnapshots"]
    assert len(snapshots) == 1
    name = snapshots[0]["DBSnapshotIdentifier"]
    rds.get_waiter("db_snapshot_available").wait(DBSnapshotIdentifier=name, WaiterConfig=FAST)

    # DBSnapshotIdentifier restores from it.
    cfn.create_stack(StackName="restoreddb", TemplateBody=RESTORE_TEMPLATE,
                     Parameters=[{"ParameterKey": "Snapshot", "ParameterValue": name}])
    cfn.get_waiter("stack_create_complete").wait(StackName="restoreddb", WaiterConfig=wait)
    stack = cfn.describe_stacks(StackName="restoreddb")["Stacks"][0]
    restored_port = int({o["OutputKey"]: o["OutputValue"] for o in stack["Outputs"]}["Port"])
    assert query(restored_port, "SELECT v FROM kept.t ORDER BY v") == ((41,), (42,))
    cfn.delete_stack(StackName="restoreddb")
    cfn.get_waiter("stack_delete_complete").wait(StackName="restoreddb", WaiterConfig=wait)
    wait_gone(rds, "cfnrestored")
    # The default policy (Delete) takes no snapshot.
    assert rds.describe_db_snapshots(DBInstanceIdentifier="cfnrestored")["DBSnapshots"] == []
