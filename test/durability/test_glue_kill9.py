"""kill -9 the server while 4 clients create tables, update them and add partitions; after a
restart every acknowledged CreateTable, UpdateTable (its version) and BatchCreatePartition is
there, and nothing unacknowledged is half there (a table exists whole or not at all).

Run: python3 test/wire/run_pytest.py test/durability -m durability -k glue
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import botocore.exceptions
import pytest

from kill9_driver import boto_client, writers_survive_kill9

DATABASE = "kill9"
NUM_CLIENTS = 4


def _table_input(name, description):
    return {"Name": name, "Description": description, "TableType": "EXTERNAL_TABLE",
            "PartitionKeys": [{"Name": "dt", "Type": "string"}],
            "StorageDescriptor": {"Location": f"s3://lake/{name}/",
                                  "Columns": [{"Name": "id", "Type": "bigint"}]}}


def _work(endpoint, client_number, acked, stop):
    """Creates, updates and partitions tables until `stop`; records what was acknowledged."""
    glue = boto_client("glue", endpoint)
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


def _prepare(endpoint):
    boto_client("glue", endpoint).create_database(DatabaseInput={"Name": DATABASE})


def _verify(endpoint, acked, _prepared, seed):
    glue = boto_client("glue", endpoint)
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
    return (f"{len(acked['tables'])} tables, {len(acked['updated'])} updates, "
            f"{len(acked['partitioned'])} partition batches acknowledged; "
            f"{len(tables)} tables after restart")


@pytest.mark.durability
def test_acknowledged_catalog_writes_survive_kill9():
    writers_survive_kill9("glue", ["tables", "updated", "partitioned"], _work, _verify,
                          prepare=_prepare, num_clients=NUM_CLIENTS)
