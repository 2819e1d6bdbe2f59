"""pytest entry for sqs_kill9.py: kill -9 the server mid-load and lose nothing acknowledged.

Run: python3 test/wire/run_pytest.py test/durability -m durability
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import pytest

import kill9_driver
import sqs_kill9


@pytest.mark.durability
def test_acknowledged_messages_survive_kill9():
    kill9_driver.pytest_run(sqs_kill9)
