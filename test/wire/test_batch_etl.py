"""The batch ETL pipeline end to end, as `./x demo` runs it.

Deploys examples/batch-etl/cfn_mysql.yaml (an Aurora MySQL cluster: a real MariaDB
behind the RDS endpoint) with `aws cloudformation deploy`, creates the lake bucket,
runs the author's deploy.sh (zip of the connector Lambda to S3, `aws cloudformation
deploy` of stack.yaml with change sets), then starts the pipeline's state machine:
the first run takes the Choice's "no tables" branch and creates the external and
Iceberg tables; the second MERGEs (the Map branch); the third changes nothing; after
new transactions in MySQL the fourth updates only what changed. Every run's
Lambda really connects to MySQL with pymysql and exports with Aurora's
SELECT ... INTO OUTFILE S3. The server is this test's own.
"""
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict

import boto3
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from stratus_process import StratusProcess  # noqa: E402

pymysql = pytest.importorskip("pymysql")

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "batch-etl")
REGION = "us-east-1"
LAKE = "datalake.staging.liveproject"
MACHINE_ARN = ("arn:aws:states:us-east-1:000000000000:stateMachine:"
               "ETL-StateMachine-mysql-connector-staging")
CREATE_BRANCH = ["Create users table (external)", "Create transactions table (external)",
                 "Create report table (parquet)"]
MERGE_BRANCH = ["Check All Tables", "Insert New parquet Data"]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    if shutil.which("mariadbd") is None and not os.path.exists("/usr/sbin/mariadbd"):
        pytest.skip("mariadb-server is not installed (./x deps installs it)")
    tmp = tmp_path_factory.mktemp("batch-etl")
    server = StratusProcess(str(tmp / "data"), log_path=str(tmp / "stratus.log"))
    server.start(timeout=20.0)
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_DEFAULT_REGION=REGION, AWS_PAGER="", ENDPOINT=server.endpoint)
    env.pop("AWS_PROFILE", None)
    work = tmp / "stack"
    shutil.copytree(EXAMPLE, work)
    try:
        yield Pipeline(server, env, work)
    finally:
        server.stop(grace=20.0)


class Pipeline:
    def __init__(self, server, env, work):
        self.server = server
        self.env = env
        self.work = work
        kwargs = dict(endpoint_url=server.endpoint, region_name=REGION,
                      aws_access_key_id="test", aws_secret_access_key="test")
        self.sfn = boto3.client("stepfunctions", **kwargs)
        self.athena = boto3.client("athena", **kwargs)
        self.rds = boto3.client("rds", **kwargs)
        self.cfn = boto3.client("cloudformation", **kwargs)
        self.db_port = None

    def aws(self, *args, timeout=600):
        p = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, *args], env=self.env,
                           capture_output=True, text=True, timeout=timeout)
        assert p.returncode == 0, f"aws {' '.join(args)}: {p.stdout}\n{p.stderr}"
        return p.stdout

    def mysql(self):
        return pymysql.connect(host="127.0.0.1", port=self.db_port, user="root",
                               passwd="AmazingPassword", autocommit=True)

    def run(self, name):
        arn = self.sfn.start_execution(stateMachineArn=MACHINE_ARN, name=name)["executionArn"]
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            described = self.sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING":
                break
            time.sleep(0.2)
        assert described["status"] == "SUCCEEDED", described
        events = []
        pages = self.sfn.get_paginator("get_execution_history").paginate(executionArn=arn)
        for page in pages:
            events += page["events"]
        return [e["stateEnteredEventDetails"]["name"] for e in events
                if "stateEnteredEventDetails" in e]

    def query(self, sql):
        qid = self.athena.start_query_execution(
            QueryString=sql, WorkGroup="primary",
            ResultConfiguration={"OutputLocation": "s3://your.datalake.aws/athena/"})[
                "QueryExecutionId"]
        for _ in range(600):
            status = self.athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"][
                "Status"]
            if status["State"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
                break
            time.sleep(0.05)
        assert status["State"] == "SUCCEEDED", status
        rows = []
        for page in self.athena.get_paginator("get_query_results").paginate(QueryExecutionId=qid):
            rows += [[d.get("VarCharValue") for d in r["Data"]] for r in page["ResultSet"]["Rows"]]
        return rows[1:]

    def table(self):
        rows = self.query("SELECT dt, user_id, total_cost_usd, registration_date "
                          "FROM mydatabase.user_transactions ORDER BY dt, user_id")
        return [(dt, int(user), round(float(cost), 2), registration) for dt, user, cost,
                registration in rows]

    def expected_from_mysql(self):
        """The MERGE's source computed by MySQL itself: sum of costs per (dt, user)."""
        with self.mysql() as conn, conn.cursor() as cur:
            cur.execute("SELECT t.dt, t.user_id, t.total_cost, u.registration_date "
                        "FROM myschema.transactions t LEFT JOIN myschema.users u "
                        "ON u.id = t.user_id")
            sums = defaultdict(float)
            for dt, user, cost, registration in cur.fetchall():
                key = (str(dt), int(user), None if registration is None else str(registration))
                sums[key] += float(cost)
        return sorted((dt, user, round(total, 2), registration)
                      for (dt, user, registration), total in sums.items())


def test_the_pipeline_deploys_and_runs_both_branches_then_merges_only_changes(pipeline):
    # 1. The source database, from its own template.
    pipeline.aws("cloudformation", "deploy", "--template-file",
                 str(pipeline.work / "cfn_mysql.yaml"), "--stack-name", "MySQLDB",
                 "--capabilities", "CAPABILITY_IAM")
    instance = pipeline.rds.describe_db_instances(DBInstanceIdentifier="mymysqldb")[
        "DBInstances"][0]
    assert instance["DBInstanceStatus"] == "available"
    assert instance["Engine"] == "aurora-mysql"
    pipeline.db_port = instance["Endpoint"]["Port"]
    if pipeline.db_port != 3306:
        with open(pipeline.work / "mysql_connector" / "config" / "staging.yaml", "a") as f:
            f.write(f"  rds_port: {pipeline.db_port}\n")

    # 2. The lake and the pipeline, with the author's deploy script.
    pipeline.aws("s3", "mb", f"s3://{LAKE}")
    deployed = subprocess.run(["./deploy.sh"], cwd=pipeline.work, env=pipeline.env,
                              capture_output=True, text=True, timeout=600)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    stack = pipeline.cfn.describe_stacks(StackName="BatchETLpipeline")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    again = subprocess.run(["aws", "--endpoint-url", pipeline.server.endpoint, "cloudformation",
                            "deploy", "--template-file", "stack.yaml", "--stack-name",
                            "BatchETLpipeline", "--capabilities", "CAPABILITY_IAM"],
                           cwd=pipeline.work, env=pipeline.env, capture_output=True, text=True,
                           timeout=600)
    assert "No changes to deploy" in again.stdout + again.stderr

    # 3. First run: no tables yet, the Choice creates them; the lake has the exports.
    first = pipeline.run("first-run")
    assert first[:5] == ["HelloWorld", "Extract from MySQL", "Create Athena DB", "Show tables",
                         "Get Show tables query results"]
    assert first[5:] == ["Decide what next", *CREATE_BRANCH]
    assert pipeline.table() == []
    s3 = boto3.client("s3", endpoint_url=pipeline.server.endpoint, region_name=REGION,
                      aws_access_key_id="test", aws_secret_access_key="test")
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=LAKE, Prefix="data/myschema/")["Contents"]}
    assert "data/myschema/transactions/transactions.scv.part_00000" in keys
    assert "data/myschema/users/users.scv.part_00000" in keys

    # 4. Second run: the Map branch MERGEs; the table is MySQL's sums per (dt, user).
    second = pipeline.run("second-run")
    assert all(state in second for state in MERGE_BRANCH)
    assert not any(state in second for state in CREATE_BRANCH)
    expected = pipeline.expected_from_mysql()
    assert len(expected) == 7
    assert pipeline.table() == expected

    # 5. Third run over the same data: nothing changes, nothing is duplicated.
    pipeline.run("third-run")
    assert pipeline.table() == expected

    # 6. New transactions in MySQL: one adds to an existing (dt, user), one is a new row
    #    for a user without a users row (LEFT JOIN: no registration date).
    with pipeline.mysql() as conn, conn.cursor() as cur:
        cur.execute("SELECT CURRENT_DATE(), DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY)")
        today, yesterday = (str(d) for d in cur.fetchone())
        cur.execute("INSERT INTO myschema.transactions VALUES (8, 2, 20.00, CURRENT_DATE()), "
                    "(9, 3, 7.50, DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY))")
    pipeline.run("fourth-run")
    after = pipeline.table()
    assert after == pipeline.expected_from_mysql()
    assert len(after) == len(expected) + 1
    changed = {(row[0], row[1]) for row in set(after) - set(expected)}
    assert changed == {(today, 2), (yesterday, 3)}
    assert [row for row in after if row[1] == 3] == [(yesterday, 3, 7.5, None)]
