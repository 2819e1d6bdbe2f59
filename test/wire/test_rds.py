"""RDS through awscli and boto3, with real MariaDB servers behind the endpoints.

Instances (create with the AWS CLI exactly as the docs show it, wait, connect with
the `mariadb` client and pymysql through Endpoint.Port, SQL), describe with filters,
modify (password, parameter group), reboot, stop/start, delete; an Aurora cluster
with a member instance serving the same data; parameter groups applied to the
server (time_zone); roles, tags, events; the errors RDS names. The servers outlive
a restart of stratus and are restarted when they die (an event is recorded).

These tests start their own stratus with a data dir of their own (they restart it).
Port 3306 may be taken by another program, so they assert on the reported
Endpoint.Port; one checks the 3306 default when it is free.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from rds_helpers import (PASSWORD, connect, mariadb_client, pid_alive, port_is_free,  # noqa: E402
                         query, rds_client, server_pid, wait_cluster, wait_gone,
                         wait_instance, wait_until)
from stratus_process import StratusProcess, stratus_binary  # noqa: E402

pytestmark = pytest.mark.skipif(not os.path.exists("/usr/sbin/mariadbd"),
                                reason="mariadb-server is not installed")


@pytest.fixture(scope="module")
def server(target):
    if target != "stratus":
        pytest.skip("starts and restarts its own stratus")
    tmp = tempfile.mkdtemp(prefix="stratus-rds-")
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


def aws_cli(server, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
    out = subprocess.run(["aws", "--endpoint-url", server.endpoint.replace("127.0.0.1", "localhost"),
                          *args], capture_output=True, text=True, env=env, timeout=120)
    return out


def error_of(excinfo):
    return (excinfo.value.response["Error"]["Code"],
            excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"])


@pytest.fixture(scope="module")
def mydb(server, rds):
    """The instance the AWS CLI creates (MyMySQLDB), available, with myschema loaded."""
    was_free = port_is_free(3306)
    out = aws_cli(server, "rds", "create-db-instance", "--db-instance-identifier", "MyMySQLDB",
                  "--engine", "mysql", "--master-username", "root", "--master-user-password",
                  "AmazingPassword", "--db-instance-class", "db.t3.micro",
                  "--allocated-storage", "20")
    assert out.returncode == 0, out.stderr
    created = json.loads(out.stdout)["DBInstance"]
    assert created["DBInstanceIdentifier"] == "mymysqldb"
    assert created["DBInstanceStatus"] == "creating"
    rds.get_waiter("db_instance_available").wait(
        DBInstanceIdentifier="MyMySQLDB", WaiterConfig={"Delay": 1, "MaxAttempts": 120})
    instance = rds.describe_db_instances(DBInstanceIdentifier="MyMySQLDB")["DBInstances"][0]
    return {"instance": instance, "port": instance["Endpoint"]["Port"], "was_free": was_free}


def test_cli_instance_is_available_on_its_endpoint(mydb, rds):
    instance = mydb["instance"]
    assert instance["DBInstanceStatus"] == "available"
    assert instance["Endpoint"]["Address"] == "localhost"
    assert instance["Engine"] == "mysql"
    assert instance["MasterUsername"] == "root"
    assert instance["AllocatedStorage"] == 20
    assert instance["DBInstanceArn"] == "arn:aws:rds:us-east-1:000000000000:db:mymysqldb"
    assert instance["DbiResourceId"].startswith("db-")
    if mydb["was_free"]:
        # AWS: Port defaults to 3306 for MySQL.
        assert mydb["port"] == 3306
    else:
        assert 13306 <= mydb["port"] <= 13405


def test_sql_through_the_mariadb_client_and_pymysql(mydb):
    port = mydb["port"]
    mariadb_client(port, "CREATE DATABASE myschema; "
                         "CREATE TABLE myschema.users AS SELECT 1 AS user_id, 'ana' AS name "
                         "UNION ALL SELECT 2, 'bo' UNION ALL SELECT 3, 'cy';")
    assert mariadb_client(port, "SELECT COUNT(*) FROM myschema.users") == "3\n"
    rows = query(port, "SELECT name FROM myschema.users ORDER BY user_id")
    assert [r[0] for r in rows] == ["ana", "bo", "cy"]
    if port == 3306:
        # The batch ETL's Lambda: pymysql to host localhost, no port.
        import pymysql
        conn = pymysql.connect(host="localhost", user="root", password=PASSWORD)
        with conn.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM myschema.users")
            assert cur.fetchone()[0] == 3
        conn.close()


def test_wrong_password_is_refused(mydb):
    import pymysql
    with pytest.raises(pymysql.err.OperationalError) as excinfo:
        connect(mydb["port"], password="NotThePassword")
    assert excinfo.value.args[0] == 1045


def test_describe_filters_and_paging(mydb, rds):
    found = rds.describe_db_instances(
        Filters=[{"Name": "db-instance-id", "Values": ["mymysqldb"]}])["DBInstances"]
    assert [i["DBInstanceIdentifier"] for i in found] == ["mymysqldb"]
    none = rds.describe_db_instances(
        Filters=[{"Name": "engine", "Values": ["postgres"]}])["DBInstances"]
    assert none == []
    arn = mydb["instance"]["DBInstanceArn"]
    by_arn = rds.describe_db_instances(DBInstanceIdentifier=arn)["DBInstances"]
    assert by_arn[0]["DBInstanceIdentifier"] == "mymysqldb"
    page = rds.describe_db_instances(MaxRecords=20)
    assert "Marker" not in page
    with pytest.raises(ClientError) as excinfo:
        rds.describe_db_instances(Filters=[{"Name": "nonsense", "Values": ["x"]}])
    assert error_of(excinfo) == ("InvalidParameterValue", 400)


def test_parameter_group_time_zone_applies_to_the_server(mydb, rds):
    group = rds.create_db_parameter_group(DBParameterGroupName="tz-eastern",
                                          DBParameterGroupFamily="mysql8.0",
                                          Description="US/Eastern")["DBParameterGroup"]
    assert group["DBParameterGroupArn"].endswith(":pg:tz-eastern")
    rds.modify_db_parameter_group(
        DBParameterGroupName="tz-eastern",
        Parameters=[{"ParameterName": "time_zone", "ParameterValue": "US/Eastern",
                     "ApplyMethod": "immediate"},
                    {"ParameterName": "max_connections", "ParameterValue": "77",
                     "ApplyMethod": "immediate"}])
    params = rds.describe_db_parameters(DBParameterGroupName="tz-eastern",
                                        Source="user")["Parameters"]
    assert {p["ParameterName"]: p["ParameterValue"] for p in params} == {
        "time_zone": "US/Eastern", "max_connections": "77"}
    assert all(p["Source"] == "user" for p in params)
    modified = rds.modify_db_instance(DBInstanceIdentifier="mymysqldb",
                                      DBParameterGroupName="tz-eastern",
                                      ApplyImmediately=True)["DBInstance"]
    assert modified["DBInstanceStatus"] == "modifying"
    instance = wait_instance(rds, "mymysqldb")
    assert instance["DBParameterGroups"][0]["DBParameterGroupName"] == "tz-eastern"
    assert [g["DBParameterGroupName"] for g in rds.describe_db_parameter_groups()[
        "DBParameterGroups"]] == ["tz-eastern"]
    assert query(mydb["port"], "SELECT @@global.time_zone, @@max_connections") == (
        ("US/Eastern", 77),)
    assert query(mydb["port"], "SELECT @@time_zone") == (("US/Eastern",),)
    with pytest.raises(ClientError) as excinfo:
        rds.delete_db_parameter_group(DBParameterGroupName="tz-eastern")
    assert error_of(excinfo) == ("InvalidDBParameterGroupState", 400)
    rds.reset_db_parameter_group(DBParameterGroupName="tz-eastern",
                                 Parameters=[{"ParameterName": "max_connections",
                                              "ApplyMethod": "immediate"}])
    params = rds.describe_db_parameters(DBParameterGroupName="tz-eastern")["Parameters"]
    assert [p["ParameterName"] for p in params] == ["time_zone"]


def test_default_parameter_groups_are_built_in(mydb, rds):
    name = mydb["instance"]["DBParameterGroups"][0]["DBParameterGroupName"]
    assert name == "default.mysql8.0"
    group = rds.describe_db_parameter_groups(DBParameterGroupName=name)["DBParameterGroups"][0]
    assert group["DBParameterGroupFamily"] == "mysql8.0"
    assert rds.describe_db_parameters(DBParameterGroupName=name, Source="user")[
        "Parameters"] == []
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_parameter_group(DBParameterGroupName="default.mine",
                                      DBParameterGroupFamily="mysql8.0", Description="no")
    assert error_of(excinfo) == ("InvalidParameterValue", 400)


def test_tags(mydb, rds):
    arn = mydb["instance"]["DBInstanceArn"]
    rds.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "team", "Value": "data"},
                                                     {"Key": "env", "Value": "test"}])
    rds.remove_tags_from_resource(ResourceName=arn, TagKeys=["env"])
    assert rds.list_tags_for_resource(ResourceName=arn)["TagList"] == [
        {"Key": "team", "Value": "data"}]
    with pytest.raises(ClientError) as excinfo:
        rds.list_tags_for_resource(ResourceName="arn:aws:rds:us-east-1:000000000000:db:nope")
    assert error_of(excinfo) == ("DBInstanceNotFound", 404)


def test_errors_as_rds_names_them(mydb, rds):
    with pytest.raises(ClientError) as excinfo:
        rds.describe_db_instances(DBInstanceIdentifier="no-such-db")
    assert error_of(excinfo) == ("DBInstanceNotFound", 404)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="MyMySQLDB", Engine="mysql",
                               DBInstanceClass="db.t3.micro", MasterUsername="root",
                               MasterUserPassword=PASSWORD)
    assert error_of(excinfo) == ("DBInstanceAlreadyExists", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="1bad--name", Engine="mysql",
                               DBInstanceClass="db.t3.micro", MasterUsername="root",
                               MasterUserPassword=PASSWORD)
    assert error_of(excinfo) == ("InvalidParameterValue", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="shortpw", Engine="mysql",
                               DBInstanceClass="db.t3.micro", MasterUsername="root",
                               MasterUserPassword="short")
    assert error_of(excinfo) == ("InvalidParameterValue", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="oracle", Engine="oracle-ee",
                               DBInstanceClass="db.t3.micro", MasterUsername="root",
                               MasterUserPassword=PASSWORD)
    assert error_of(excinfo) == ("InvalidParameterValue", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="lonely-aurora", Engine="aurora-mysql",
                               DBInstanceClass="db.r5.large")
    assert error_of(excinfo) == ("InvalidParameterCombination", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="nogroup", Engine="mysql",
                               DBInstanceClass="db.t3.micro", MasterUsername="root",
                               MasterUserPassword=PASSWORD, DBParameterGroupName="missing")
    assert error_of(excinfo) == ("DBParameterGroupNotFound", 404)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="orphan", Engine="aurora-mysql",
                               DBInstanceClass="db.r5.large", DBClusterIdentifier="no-cluster")
    assert error_of(excinfo) == ("DBClusterNotFoundFault", 404)
    with pytest.raises(ClientError) as excinfo:
        rds.describe_db_clusters(DBClusterIdentifier="no-cluster")
    assert error_of(excinfo) == ("DBClusterNotFoundFault", 404)
    with pytest.raises(ClientError) as excinfo:
        rds.describe_db_parameters(DBParameterGroupName="missing")
    assert error_of(excinfo) == ("DBParameterGroupNotFound", 404)
    with pytest.raises(ClientError) as excinfo:
        rds.start_db_instance(DBInstanceIdentifier="mymysqldb")
    assert error_of(excinfo) == ("InvalidDBInstanceState", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_parameter_group(DBParameterGroupName="tz-eastern",
                                      DBParameterGroupFamily="mysql8.0", Description="again")
    assert error_of(excinfo) == ("DBParameterGroupAlreadyExists", 400)


def test_missing_parameter(server):
    # AWS: a required member left out is MissingParameter (botocore checks this
    # itself unless told not to).
    unvalidated = boto3.client("rds", endpoint_url=server.endpoint, region_name="us-east-1",
                               aws_access_key_id="test", aws_secret_access_key="test",
                               config=Config(parameter_validation=False,
                                             retries={"max_attempts": 0}))
    with pytest.raises(ClientError) as excinfo:
        unvalidated.create_db_instance(Engine="mysql", DBInstanceClass="db.t3.micro")
    assert error_of(excinfo) == ("MissingParameter", 400)
    assert "DBInstanceIdentifier" in excinfo.value.response["Error"]["Message"]


def test_delete_needs_final_snapshot_choice(mydb, rds):
    # AWS: FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot.
    with pytest.raises(ClientError) as excinfo:
        rds.delete_db_instance(DBInstanceIdentifier="mymysqldb")
    assert error_of(excinfo) == ("InvalidParameterCombination", 400)
    assert wait_instance(rds, "mymysqldb")["DBInstanceStatus"] == "available"


def test_killed_server_is_restarted_with_an_event(server, mydb, rds):
    data_dir = server.data_dir
    pid = server_pid(data_dir, "instances", "mymysqldb")
    assert pid_alive(pid)
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: server_pid(data_dir, "instances", "mymysqldb") not in (None, pid)
               and pid_alive(server_pid(data_dir, "instances", "mymysqldb")),
               timeout=60, what="a new mariadbd")
    wait_until(lambda: _answers(mydb["port"]), timeout=60, what="the endpoint answering")
    assert query(mydb["port"], "SELECT COUNT(*) FROM myschema.users") == ((3,),)

    def messages():
        return [e["Message"] for e in rds.describe_events(
            SourceIdentifier="mymysqldb", SourceType="db-instance", Duration=60)["Events"]]
    wait_until(lambda: "DB instance restarted" in messages(), timeout=30,
               what="the restart event")
    assert "DB instance created" in messages()
    # The restarted process has the parameter group's values again.
    wait_until(lambda: query(mydb["port"], "SELECT @@global.time_zone") == (("US/Eastern",),),
               timeout=30, what="time_zone re-applied")


def _answers(port):
    try:
        query(port, "SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means not yet
        return False


def test_boto3_instance_lifecycle(mydb, rds):
    created = rds.create_db_instance(DBInstanceIdentifier="lifecycle", Engine="mariadb",
                                     DBInstanceClass="db.t3.micro", MasterUsername="admin",
                                     MasterUserPassword="FirstPassword1", AllocatedStorage=20,
                                     Tags=[{"Key": "k", "Value": "v"}])["DBInstance"]
    assert created["DBInstanceStatus"] == "creating"
    assert "Endpoint" not in created
    instance = wait_instance(rds, "lifecycle")
    port = instance["Endpoint"]["Port"]
    assert port != mydb["port"]  # Its own endpoint, its own server.
    assert instance["TagList"] == [{"Key": "k", "Value": "v"}]
    query(port, "CREATE DATABASE life", user="admin", password="FirstPassword1")
    query(port, "CREATE TABLE life.t AS SELECT 7 AS x", user="admin", password="FirstPassword1")
    # The other instance's data is not here.
    assert query(port, "SHOW DATABASES LIKE 'myschema'", user="admin",
                 password="FirstPassword1") == ()

    rds.modify_db_instance(DBInstanceIdentifier="lifecycle", MasterUserPassword="SecondPassword2",
                           ApplyImmediately=True)
    wait_instance(rds, "lifecycle")
    assert query(port, "SELECT x FROM life.t", user="admin", password="SecondPassword2") == ((7,),)

    assert rds.reboot_db_instance(DBInstanceIdentifier="lifecycle")["DBInstance"][
        "DBInstanceStatus"] == "rebooting"
    wait_instance(rds, "lifecycle")
    assert query(port, "SELECT x FROM life.t", user="admin", password="SecondPassword2") == ((7,),)

    assert rds.stop_db_instance(DBInstanceIdentifier="lifecycle")["DBInstance"][
        "DBInstanceStatus"] == "stopping"
    wait_instance(rds, "lifecycle", status="stopped")
    assert not _answers_as(port, "admin", "SecondPassword2")
    with pytest.raises(ClientError) as excinfo:
        rds.reboot_db_instance(DBInstanceIdentifier="lifecycle")
    assert error_of(excinfo) == ("InvalidDBInstanceState", 400)
    rds.start_db_instance(DBInstanceIdentifier="lifecycle")
    started = wait_instance(rds, "lifecycle")
    assert started["Endpoint"]["Port"] == port  # The recorded port, still free.
    assert query(port, "SELECT x FROM life.t", user="admin", password="SecondPassword2") == ((7,),)

    deleted = rds.delete_db_instance(DBInstanceIdentifier="lifecycle",
                                     SkipFinalSnapshot=True)["DBInstance"]
    assert deleted["DBInstanceStatus"] == "deleting"
    wait_gone(rds, "lifecycle")
    assert not _answers_as(port, "admin", "SecondPassword2")
    messages = [e["Message"] for e in rds.describe_events(
        SourceIdentifier="lifecycle", SourceType="db-instance")["Events"]]
    assert messages[0] == "DB instance created"
    assert "DB instance stopped" in messages
    assert messages[-1] == "DB instance deleted"


def _answers_as(port, user, password):
    try:
        query(port, "SELECT 1", user=user, password=password)
        return True
    except Exception:  # noqa: BLE001 - any failure means no
        return False


def test_aurora_cluster_with_a_member_instance(mydb, rds):
    cluster = rds.create_db_cluster(DBClusterIdentifier="etl-cluster", Engine="aurora-mysql",
                                    MasterUsername="root", MasterUserPassword=PASSWORD,
                                    DatabaseName="myschema")["DBCluster"]
    assert cluster["Status"] == "creating"
    assert cluster["DbClusterResourceId"].startswith("cluster-")
    assert cluster["DBClusterArn"] == "arn:aws:rds:us-east-1:000000000000:cluster:etl-cluster"
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_cluster(DBClusterIdentifier="etl-cluster", Engine="aurora-mysql",
                              MasterUsername="root", MasterUserPassword=PASSWORD)
    assert error_of(excinfo) == ("DBClusterAlreadyExistsFault", 400)
    with pytest.raises(ClientError) as excinfo:
        rds.create_db_instance(DBInstanceIdentifier="etl-writer", Engine="aurora-mysql",
                               DBInstanceClass="db.r5.large", DBClusterIdentifier="etl-cluster",
                               MasterUsername="root", MasterUserPassword=PASSWORD)
    assert error_of(excinfo) == ("InvalidParameterCombination", 400)
    rds.create_db_instance(DBInstanceIdentifier="etl-writer", Engine="aurora-mysql",
                           DBInstanceClass="db.r5.large", DBClusterIdentifier="etl-cluster")
    cluster = wait_cluster(rds, "etl-cluster")
    writer = wait_instance(rds, "etl-writer")
    assert cluster["Endpoint"] == "localhost" and cluster["ReaderEndpoint"] == "localhost"
    assert [m["DBInstanceIdentifier"] for m in cluster["DBClusterMembers"]] == ["etl-writer"]
    assert writer["DBClusterIdentifier"] == "etl-cluster"
    assert writer["MasterUsername"] == "root"
    cluster_port = cluster["Port"]
    writer_port = writer["Endpoint"]["Port"]
    assert cluster_port != writer_port
    # One server: what the writer's endpoint writes, the cluster endpoint reads.
    query(writer_port, "CREATE TABLE myschema.transactions AS SELECT 1 AS id, 9.5 AS cost")
    assert query(cluster_port, "SELECT id FROM myschema.transactions") == ((1,),)

    role = "arn:aws:iam::000000000000:role/aurora-s3"
    rds.add_role_to_db_cluster(DBClusterIdentifier="etl-cluster", RoleArn=role,
                               FeatureName="s3Export")
    with pytest.raises(ClientError) as excinfo:
        rds.add_role_to_db_cluster(DBClusterIdentifier="etl-cluster", RoleArn=role)
    assert error_of(excinfo)[0] == "DBClusterRoleAlreadyExists"
    roles = rds.describe_db_clusters(DBClusterIdentifier="etl-cluster")["DBClusters"][0][
        "AssociatedRoles"]
    assert roles == [{"RoleArn": role, "Status": "ACTIVE", "FeatureName": "s3Export"}]
    rds.remove_role_from_db_cluster(DBClusterIdentifier="etl-cluster", RoleArn=role)
    assert rds.describe_db_clusters(DBClusterIdentifier="etl-cluster")["DBClusters"][0][
        "AssociatedRoles"] == []

    rds.create_db_cluster_parameter_group(DBClusterParameterGroupName="etl-params",
                                          DBParameterGroupFamily="aurora-mysql8.0",
                                          Description="etl")
    rds.modify_db_cluster_parameter_group(
        DBClusterParameterGroupName="etl-params",
        Parameters=[{"ParameterName": "sql_mode", "ParameterValue": "ANSI_QUOTES",
                     "ApplyMethod": "immediate"}])
    rds.modify_db_cluster(DBClusterIdentifier="etl-cluster",
                          DBClusterParameterGroupName="etl-params", ApplyImmediately=True)
    wait_cluster(rds, "etl-cluster")
    assert query(cluster_port, "SELECT @@global.sql_mode") == (("ANSI_QUOTES",),)

    # Aurora's S3 export through the cluster endpoint lands in the lake (local S3).
    s3 = boto3.client("s3", endpoint_url=rds.meta.endpoint_url, region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")
    s3.create_bucket(Bucket="rds-lake")
    query(cluster_port, "SELECT id, cost FROM myschema.transactions "
                        "INTO OUTFILE S3 's3://rds-lake/export/transactions' FORMAT CSV")
    body = s3.get_object(Bucket="rds-lake", Key="export/transactions.part_00000")["Body"].read()
    assert body.decode().strip() == '"1","9.5"'  # FORMAT CSV encloses fields in quotes.

    rds.modify_db_cluster(DBClusterIdentifier="etl-cluster", MasterUserPassword="NewPassword9",
                          ApplyImmediately=True)
    wait_cluster(rds, "etl-cluster")
    assert query(writer_port, "SELECT 1", password="NewPassword9") == ((1,),)

    with pytest.raises(ClientError) as excinfo:
        rds.delete_db_cluster(DBClusterIdentifier="etl-cluster", SkipFinalSnapshot=True)
    assert error_of(excinfo) == ("InvalidDBClusterStateFault", 400)

    rds.stop_db_cluster(DBClusterIdentifier="etl-cluster")
    wait_cluster(rds, "etl-cluster", status="stopped")
    assert wait_instance(rds, "etl-writer", status="stopped")
    rds.start_db_cluster(DBClusterIdentifier="etl-cluster")
    wait_cluster(rds, "etl-cluster")
    wait_instance(rds, "etl-writer")
    assert query(cluster_port, "SELECT id FROM myschema.transactions",
                 password="NewPassword9") == ((1,),)

    rds.delete_db_instance(DBInstanceIdentifier="etl-writer")
    wait_gone(rds, "etl-writer")
    rds.delete_db_cluster(DBClusterIdentifier="etl-cluster", SkipFinalSnapshot=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            rds.describe_db_clusters(DBClusterIdentifier="etl-cluster")
        except rds.exceptions.DBClusterNotFoundFault:
            break
        time.sleep(0.25)
    else:
        raise AssertionError("cluster not deleted")
    rds.delete_db_cluster_parameter_group(DBClusterParameterGroupName="etl-params")


def test_data_and_port_survive_a_stratus_restart(server, mydb, rds):
    pid = server_pid(server.data_dir, "instances", "mymysqldb")
    assert server.stop(grace=60.0) == 0
    # A graceful stop stops the servers too.
    assert not pid_alive(pid)
    server.start(timeout=30.0)
    client = rds_client(server.endpoint)
    instance = wait_instance(client, "mymysqldb")
    assert instance["Endpoint"]["Port"] == mydb["port"]
    assert query(mydb["port"], "SELECT COUNT(*) FROM myschema.users") == ((3,),)
    assert query(mydb["port"], "SELECT @@global.time_zone") == (("US/Eastern",),)
