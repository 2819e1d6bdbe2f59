"""pytest entry for s3_kill9.py: kill -9 the server during uploads and completes; lose nothing
acknowledged, list nothing never written, leave no orphan blob.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k s3
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import os

import pytest

import s3_kill9
from stratus_process import stratus_binary


@pytest.mark.durability
def test_acknowledged_objects_survive_kill9_and_no_blob_is_orphaned():
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = os.environ.get("STRATUS_KILL9_SEED")
    argv = ["--seed", seed] if seed else []
    ok, summary, errors, notes, run = s3_kill9.run(argv)
    print("summary:", summary)
    for note in notes:
        print("note:", note)
    assert ok, f"seed {run.args.seed}: " + "\n".join(errors)
