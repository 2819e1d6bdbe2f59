"""pytest entry for s3_kill9.py: kill -9 the server during uploads and completes; lose nothing
acknowledged, list nothing never written, leave no orphan blob.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k s3
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import pytest

import kill9_driver
import s3_kill9


@pytest.mark.durability
def test_acknowledged_objects_survive_kill9_and_no_blob_is_orphaned():
    kill9_driver.pytest_run(s3_kill9)
