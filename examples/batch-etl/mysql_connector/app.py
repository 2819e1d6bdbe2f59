"""The batch ETL's MySQL connector: fills the source tables, then exports them to the lake.

Configuration comes from config/<environment>.yaml next to this file; ENV picks the
environment, TESTING=true runs from the working copy instead of the Lambda task root.
The export uses Aurora MySQL's SELECT ... INTO OUTFILE S3, which the database behind
the endpoint writes into the lake itself.
"""
import logging
import os
import sys
from datetime import datetime

import pymysql
import pytz
import yaml

ENVIRONMENT = os.environ["ENV"]
TESTING = os.environ["TESTING"]
LAMBDA_PATH = os.environ["LAMBDA_PATH"]
CONFIG_FILES = {"staging": "staging.yaml", "live": "production.yaml", "test": "test.yaml"}

logger = logging.getLogger()
logger.setLevel(logging.INFO)
print(f"ENV: {ENVIRONMENT}, Running locally: {TESTING}")


def work_dir(testing):
    return LAMBDA_PATH if testing == "true" else "/var/task/" + LAMBDA_PATH


def load_settings(environment, path):
    name = CONFIG_FILES.get(environment)
    if name is None:
        raise SystemExit(f"No config for environment {environment!r}")
    with open(os.path.join(path, "config", name)) as f:
        return yaml.safe_load(f)


WORK_DIR = work_dir(TESTING)
# The Lambda runtime runs the handler from its task root; fall back to this file's folder.
if not os.path.isdir(WORK_DIR):
    WORK_DIR = os.path.dirname(os.path.abspath(__file__))
print(f"LAMBDA_PATH: {WORK_DIR}")
CONFIG = load_settings(ENVIRONMENT, WORK_DIR)
DATA_S3 = CONFIG["S3dataLocation"]
MYSQL = CONFIG["Mysql"]

# Connect once per sandbox, outside the handler, so warm invocations reuse the connection.
try:
    connection = pymysql.connect(host=MYSQL["rds_host"], port=int(MYSQL.get("rds_port", 3306)),
                                 user=MYSQL.get("user", "root"),
                                 passwd=MYSQL.get("password", "AmazingPassword"),
                                 db=MYSQL.get("database", "mysql"), connect_timeout=5,
                                 autocommit=True)
except pymysql.MySQLError as e:
    logger.error("ERROR: could not connect to the MySQL instance: %s", e)
    sys.exit(1)
logger.info("SUCCESS: connected to the MySQL instance")


def statements(file_name):
    with open(os.path.join(WORK_DIR, file_name)) as f:
        return [s.strip() for s in f.read().split(";") if s.strip()]


def run_script(file_name, substitutions=None):
    ran = 0
    for statement in statements(file_name):
        for key, value in (substitutions or {}).items():
            statement = statement.replace(key, value)
        with connection.cursor() as cursor:
            cursor.execute(statement)
        print("---")
        print(statement)
        ran += 1
    return ran


def now():
    return datetime.utcnow().replace(tzinfo=pytz.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def lambda_handler(event, context):
    started = now()
    populated = run_script("populate_database.sql")
    exported = run_script("export.sql", {"{{DATA_S3}}": DATA_S3})
    return {
        "statusCode": 200,
        "body": {
            "lambdaResult": "Successfully populated the database and created an export job.",
            "statements": populated + exported,
            "started": started,
            "finished": now(),
        },
    }
