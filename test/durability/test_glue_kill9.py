"""kill -9 the server while 4 clients create tables, update them and add partitions; after a
restart every acknowledged CreateTable, UpdateTable (its version) and BatchCreatePartition is
there, and nothing unacknowledged is half there (a table exists whole or not at all).

Run: python3 test/wire/run_pytest.py test/durability -m durability -k glue
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from stratus_process import StratusProcess, stratus_binary  # noqa: E402

DATABASE = "kill9"
NUM_CLIENTS = 4


def _client(endpoint):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=10, connect_timeout=2)
    return boto3.client("glue", config=cfg, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x")


def _table_input(name, description):
    return {"Name": name, "Description": description, "TableType": "EXTERNAL_TABLE",
            "PartitionKeys": [{"Name": "dt", "Type": "string"}],
            "StorageDescriptor": {"Location": f"s3://lake/{name}/",
                                  "Columns": [{"Name": "id", "Type": "bigint"}]}}


def _work(endpoint, client_number, acked, stop):
    """Creates, updates and partitions tables until `stop`; records what was acknowledged."""
    glue = _client(endpoint)
    i = 0
    while not stop.is_set():
        name = f"c{client_number}_t{i}"
        try:
            glue.create_table(DatabaseName=DATABASE, TableInput=_table_input(name, "v0"))
            acked["tables"].add(name)
            glue.update_table(DatabaseName=DATABASE, TableInput=_table_input(name, "v1"))
            acked["updated"].add(name)
            glue.batch_create_partition(DatabaseName=DATABASE, TableName=name, PartitionInputList=[
                {"Values": [f"2024-01-0{d}"]} for d in range(1, 4)])
            acked["partitioned"].add(name)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError,
                ConnectionError):
            return  # The server died under us; whatever was not acknowledged is unknown.
        i += 1


@pytest.mark.durability
def test_acknowledged_catalog_writes_survive_kill9():
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = int(os.environ.get("STRATUS_KILL9_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="stratus-glue-kill9-")
    server = StratusProcess(os.path.join(tmp, "data"))
    server.start()
    ok = False
    try:
        _client(server.endpoint).create_database(DatabaseInput={"Name": DATABASE})
        acked = {"tables": set(), "updated": set(), "partitioned": set()}
        stop = threading.Event()
        threads = [threading.Thread(target=_work, args=(server.endpoint, n, acked, stop))
                   for n in range(NUM_CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.5, 1.5))
        server.kill9()
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        assert acked["tables"], f"seed {seed}: nothing was acknowledged before the kill"

        server.start()
        glue = _client(server.endpoint)
        tables = {t["Name"]: t for page in glue.get_paginator("get_tables").paginate(
            DatabaseName=DATABASE) for t in page["TableList"]}
        missing = acked["tables"] - tables.keys()
        assert not missing, f"seed {seed}: acknowledged tables lost: {sorted(missing)[:5]}"
        for name in acked["updated"]:
            assert tables[name]["VersionId"] == "1", (seed, name, tables[name]["VersionId"])
            assert tables[name]["Description"] == "v1", (seed, name)
        for name, table in tables.items():  # Acknowledged or not: whole.
            assert table["StorageDescriptor"]["Location"] == f"s3://lake/{name}/", (seed, name)
        for name in acked["partitioned"]:
            parts = glue.get_partitions(DatabaseName=DATABASE, TableName=name)["Partitions"]
            assert len(parts) == 3, (seed, name, parts)
        print(f"seed {seed}: {len(acked['tables'])} tables, {len(acked['updated'])} updates, "
              f"{len(acked['partitioned'])} partition batches acknowledged; "
              f"{len(tables)} tables after restart")
        ok = True
    finally:
        server.stop()
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"data dir and log kept at {tmp}")
