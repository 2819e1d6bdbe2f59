"""kill -9 the server while 4 clients add and remove statements of a function's resource-based
policy; after a restart every acknowledged AddPermission is in GetPolicy's policy unless its
RemovePermission was acknowledged too, and every acknowledged removal stays removed.

Run: python3 test/wire/run_pytest.py test/durability -m durability -k lambda_permissions
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import io
import json
import zipfile

import botocore.exceptions
import pytest

from kill9_driver import boto_client, writers_survive_kill9

FUNCTION = "guarded"


def _work(endpoint, client_number, acked, stop):
    """Adds statements and removes every other one until `stop`; records what was acknowledged."""
    lam = boto_client("lambda", endpoint)
    i = 0
    while not stop.is_set():
        sid = f"c{client_number}-s{i}"
        try:
            lam.add_permission(FunctionName=FUNCTION, StatementId=sid,
                               Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")
            acked["added"].add(sid)
            if i % 2 == 1:
                lam.remove_permission(FunctionName=FUNCTION, StatementId=sid)
                acked["removed"].add(sid)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError,
                ConnectionError):
            return  # The server died under us; whatever was not acknowledged is unknown.
        i += 1


def _prepare(endpoint):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return 1\n")
    boto_client("lambda", endpoint).create_function(
        FunctionName=FUNCTION, Runtime="python3.11", Handler="index.handler",
        Role="arn:aws:iam::000000000000:role/r", Code={"ZipFile": data.getvalue()})


def _verify(endpoint, acked, _prepared, seed):
    lam = boto_client("lambda", endpoint)
    try:
        policy = json.loads(lam.get_policy(FunctionName=FUNCTION)["Policy"])
        present = {s["Sid"] for s in policy["Statement"]}
    except botocore.exceptions.ClientError as e:
        assert e.response["Error"]["Code"] == "ResourceNotFoundException", (seed, e)
        present = set()
    lost = acked["added"] - acked["removed"] - present
    assert not lost, f"seed {seed}: acknowledged statements lost: {sorted(lost)[:5]}"
    back = acked["removed"] & present
    assert not back, f"seed {seed}: acknowledged removals undone: {sorted(back)[:5]}"
    return (f"{len(acked['added'])} additions, {len(acked['removed'])} removals acknowledged; "
            f"{len(present)} statements after restart")


@pytest.mark.durability
def test_acknowledged_permissions_survive_kill9():
    writers_survive_kill9("lambda-permissions", ["added", "removed"], _work, _verify,
                          prepare=_prepare)
