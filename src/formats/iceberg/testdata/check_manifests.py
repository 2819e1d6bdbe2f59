#!/usr/bin/python3
"""Reads the manifests and manifest lists our writer made with Debian's
python3-avro (an independent Avro implementation) and checks their field ids
and metadata keys against the Iceberg v2 spec.

Usage: check_manifests.py METADATA_DIR. Exits 77 (ctest: skipped) when
python3-avro is not installed.
"""

import glob
import json
import os
import sys
import warnings

try:
    import avro.datafile
    import avro.io
except ImportError:
    print("python3-avro is not installed: skipping")
    sys.exit(77)

warnings.simplefilter("ignore")

# Spec "Manifest Lists" (v2): name -> field id.
MANIFEST_LIST_IDS = {
    "manifest_path": 500, "manifest_length": 501, "partition_spec_id": 502, "content": 517,
    "sequence_number": 515, "min_sequence_number": 516, "added_snapshot_id": 503,
    "added_data_files_count": 504, "existing_data_files_count": 505,
    "deleted_data_files_count": 506, "added_rows_count": 512, "existing_rows_count": 513,
    "deleted_rows_count": 514, "partitions": 507,
}
SUMMARY_IDS = {"contains_null": 509, "contains_nan": 518, "lower_bound": 510, "upper_bound": 511}
# Spec "Manifests" (v2).
ENTRY_IDS = {"status": 0, "snapshot_id": 1, "sequence_number": 3, "file_sequence_number": 4,
             "data_file": 2}
DATA_FILE_IDS = {
    "content": 134, "file_path": 100, "file_format": 101, "partition": 102, "record_count": 103,
    "file_size_in_bytes": 104, "column_sizes": 108, "value_counts": 109,
    "null_value_counts": 110, "nan_value_counts": 137, "lower_bounds": 125, "upper_bounds": 128,
    "key_metadata": 131, "split_offsets": 132, "equality_ids": 135, "sort_order_id": 140,
}
MAP_IDS = {"column_sizes": (117, 118), "value_counts": (119, 120), "null_value_counts": (121, 122),
           "nan_value_counts": (138, 139), "lower_bounds": (126, 127), "upper_bounds": (129, 130)}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def strip_union(schema):
    if isinstance(schema, list):
        return [s for s in schema if s != "null"][0]
    return schema


def check_ids(where, fields, expected):
    seen = {f["name"]: f.get("field-id") for f in fields}
    for name, field_id in expected.items():
        check(seen.get(name) == field_id, f"{where}: {name} has field-id {seen.get(name)}, "
                                          f"expected {field_id}")


def read(path):
    with open(path, "rb") as handle:
        reader = avro.datafile.DataFileReader(handle, avro.io.DatumReader())
        meta = {k: v.decode() for k, v in reader.meta.items()}
        records = list(reader)
    return meta, records


def check_manifest_list(path):
    meta, records = read(path)
    schema = json.loads(meta["avro.schema"])
    check_ids(path, schema["fields"], MANIFEST_LIST_IDS)
    partitions = strip_union([f for f in schema["fields"] if f["name"] == "partitions"][0]["type"])
    check(partitions.get("element-id") == 508, f"{path}: partitions element-id")
    check_ids(path, partitions["items"]["fields"], SUMMARY_IDS)
    for key in ("snapshot-id", "parent-snapshot-id", "sequence-number", "format-version"):
        check(key in meta, f"{path}: metadata {key} missing")
    check(meta.get("avro.codec") == "deflate", f"{path}: codec {meta.get('avro.codec')}")
    for record in records:
        check(record["manifest_path"].endswith(".avro"), f"{path}: manifest_path")
        check(record["content"] in (0, 1), f"{path}: content")
    return [r["manifest_path"] for r in records]


def check_manifest(path):
    meta, records = read(path)
    for key in ("schema", "partition-spec", "partition-spec-id", "format-version", "content"):
        check(key in meta, f"{path}: metadata {key} missing")
    check(meta.get("format-version") == "2", f"{path}: format-version")
    json.loads(meta["schema"])
    json.loads(meta["partition-spec"])
    schema = json.loads(meta["avro.schema"])
    check_ids(path, schema["fields"], ENTRY_IDS)
    data_file = [f for f in schema["fields"] if f["name"] == "data_file"][0]["type"]
    check_ids(path, data_file["fields"], DATA_FILE_IDS)
    for field in data_file["fields"]:
        if field["name"] in MAP_IDS:
            items = strip_union(field["type"])["items"]["fields"]
            key_id, value_id = MAP_IDS[field["name"]]
            check([f["field-id"] for f in items] == [key_id, value_id],
                  f"{path}: {field['name']} key/value ids")
    partition = [f for f in data_file["fields"] if f["name"] == "partition"][0]["type"]
    spec = json.loads(meta["partition-spec"])
    check([f["field-id"] for f in partition["fields"]] == [f["field-id"] for f in spec],
          f"{path}: partition field ids")
    for record in records:
        check(record["status"] in (0, 1, 2), f"{path}: status")
        check(record["data_file"]["file_format"] == "PARQUET", f"{path}: file_format")
    return len(records)


def main():
    directory = sys.argv[1]
    lists = sorted(glob.glob(os.path.join(directory, "snap-*.avro")))
    check(lists, f"{directory}: no manifest lists")
    manifests = [p for p in glob.glob(os.path.join(directory, "*.avro")) if p not in lists]
    check(manifests, f"{directory}: no manifests")
    for path in lists:
        check_manifest_list(path)
    entries = sum(check_manifest(path) for path in manifests)
    check(entries > 0, "no manifest entries")
    for failure in failures:
        print("FAIL:", failure)
    print(f"checked {len(lists)} manifest lists and {len(manifests)} manifests "
          f"({entries} entries) with python3-avro")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
