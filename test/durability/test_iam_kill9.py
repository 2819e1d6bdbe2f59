"""kill -9 the server while 4 clients create roles with inline and attached policies, users
and access keys; after a restart every acknowledged role, policy, attachment, user and key is
there (and the key still names its user to STS), and nothing unacknowledged is half there (a
role exists whole, with its trust policy, or not at all).

Run: python3 test/wire/run_pytest.py test/durability -m durability -k iam
Uses $STRATUS_BIN or build/release/stratus; ignores STRATUS_ENDPOINT (it must own the process).
"""
import json

import boto3
import botocore.exceptions
import pytest
from botocore.config import Config

from kill9_driver import boto_client, writers_survive_kill9

NUM_CLIENTS = 4
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
     "Action": "sts:AssumeRole"}]})
READ = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
AWS_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def _client(service, endpoint, key_id="x", secret="x"):
    """A client that does not retry, from its own session: boto3's default session is not
    safe to make clients from in several threads at once."""
    cfg = Config(retries={"max_attempts": 0}, read_timeout=10, connect_timeout=2)
    return boto3.session.Session().client(service, config=cfg, endpoint_url=endpoint,
                                          region_name="us-east-1", aws_access_key_id=key_id,
                                          aws_secret_access_key=secret)


def _work(endpoint, client_number, acked, stop):
    """Creates roles, policies, users and keys until `stop`; records what was acknowledged."""
    iam = _client("iam", endpoint)
    i = 0
    while not stop.is_set():
        role = f"c{client_number}-role-{i}"
        user = f"c{client_number}-user-{i}"
        try:
            iam.create_role(RoleName=role, Path="/kill9/", AssumeRolePolicyDocument=TRUST)
            acked["roles"].add(role)
            iam.put_role_policy(RoleName=role, PolicyName="read", PolicyDocument=READ)
            acked["inline"].add(role)
            iam.attach_role_policy(RoleName=role, PolicyArn=AWS_POLICY)
            acked["attached"].add(role)
            iam.create_user(UserName=user)
            acked["users"].add(user)
            key = iam.create_access_key(UserName=user)["AccessKey"]
            acked["keys"].add((user, key["AccessKeyId"], key["SecretAccessKey"]))
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError,
                ConnectionError):
            return  # The server died under us; whatever was not acknowledged is unknown.
        i += 1


def _verify(endpoint, acked, _prepared, seed):
    iam = boto_client("iam", endpoint)
    roles = {r["RoleName"]: r for page in iam.get_paginator("list_roles").paginate(
        PathPrefix="/kill9/") for r in page["Roles"]}
    missing = acked["roles"] - roles.keys()
    assert not missing, f"seed {seed}: acknowledged roles lost: {sorted(missing)[:5]}"
    for name, role in roles.items():  # Acknowledged or not: whole.
        assert role["AssumeRolePolicyDocument"] == json.loads(TRUST), (seed, name)
        assert role["RoleId"].startswith("AROA"), (seed, name)
    for name in acked["inline"]:
        got = iam.get_role_policy(RoleName=name, PolicyName="read")["PolicyDocument"]
        assert got == json.loads(READ), (seed, name)
    for name in acked["attached"]:
        attached = iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
        assert [p["PolicyArn"] for p in attached] == [AWS_POLICY], (seed, name)
    users = {u["UserName"] for page in iam.get_paginator("list_users").paginate()
             for u in page["Users"]}
    lost_users = acked["users"] - users
    assert not lost_users, f"seed {seed}: acknowledged users lost: {sorted(lost_users)[:5]}"
    for user, key_id, secret in acked["keys"]:
        keys = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
        assert [k["AccessKeyId"] for k in keys] == [key_id], (seed, user, keys)
        identity = _client("sts", endpoint, key_id, secret).get_caller_identity()
        assert identity["Arn"].endswith(f":user/{user}"), (seed, user, identity)
    return (f"{len(acked['roles'])} roles, {len(acked['inline'])} inline policies, "
            f"{len(acked['attached'])} attachments, {len(acked['users'])} users, "
            f"{len(acked['keys'])} keys acknowledged; {len(roles)} roles after restart")


@pytest.mark.durability
def test_acknowledged_iam_writes_survive_kill9():
    writers_survive_kill9("iam", ["roles", "inline", "attached", "users", "keys"], _work, _verify,
                          num_clients=NUM_CLIENTS)
