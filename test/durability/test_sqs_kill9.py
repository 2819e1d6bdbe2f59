"""pytest entry for sqs_kill9.py: kill -9 the server mid-load and lose nothing acknowledged.

Run: python3 test/wire/run_pytest.py test/durability -m durability
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import os

import pytest

import sqs_kill9
from stratus_process import stratus_binary


@pytest.mark.durability
def test_acknowledged_messages_survive_kill9():
    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = os.environ.get("STRATUS_KILL9_SEED")
    argv = ["--seed", seed] if seed else []
    ok, summary, errors, notes, run = sqs_kill9.run(argv)
    print("summary:", summary)
    for note in notes:
        print("note:", note)
    assert ok, f"seed {run.args.seed}: " + "\n".join(errors)
