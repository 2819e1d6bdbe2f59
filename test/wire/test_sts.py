"""STS through boto3 and the AWS CLI.

GetCallerIdentity for the account's root, a user's access key and assumed-role
credentials; AssumeRole (unknown role -> AccessDenied, DurationSeconds against the
role's MaxSessionDuration, session name pattern); GetSessionToken; and, against a
server that verifies signatures, calls signed with credentials STS and IAM made:
temporary ones need their session token and stop at their expiry (ExpiredToken).
"""
import json
import os
import sqlite3
import sys
import tempfile
import urllib.request
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402
from stratus_process import StratusProcess  # noqa: E402

TRUST = {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                        "Action": "sts:AssumeRole"}]}
VERIFY_KEY = "AKIASTRATUSSTSTEST01"
VERIFY_SECRET = "sts/wire/test/secret/key/for/sigv4/0000"
CONFIG = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)


def client(service, endpoint, access_key, secret_key, token=None, **config):
    cfg = CONFIG.merge(Config(**config)) if config else CONFIG
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                        aws_session_token=token)


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def error_of(excinfo):
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


@pytest.fixture(scope="module")
def local(target, endpoint):
    if target != "stratus":
        pytest.skip("names the root account of a stratus started here")
    return endpoint


@pytest.fixture(scope="module")
def sts(local):
    return client("sts", local, ACCESS_KEY, SECRET_KEY)


@pytest.fixture(scope="module")
def iam(local):
    return client("iam", local, ACCESS_KEY, SECRET_KEY)


@pytest.fixture
def role(iam):
    name = unique("sts-role")
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST),
                          MaxSessionDuration=7200)["Role"]["Arn"]
    yield name, arn
    iam.delete_role(RoleName=name)


def test_caller_identity_of_the_configured_key_is_the_root(sts, aws_cli):
    identity = sts.get_caller_identity()
    assert identity["Account"] == "000000000000"
    assert identity["Arn"] == "arn:aws:iam::000000000000:root"
    assert identity["UserId"] == "000000000000"
    assert aws_cli("sts", "get-caller-identity")["Arn"] == identity["Arn"]


def test_caller_identity_before_and_after_assume_role(sts, local, role, aws_cli):
    name, arn = role
    before = sts.get_caller_identity()["Arn"]
    assumed = aws_cli("sts", "assume-role", "--role-arn", arn, "--role-session-name", "etl-run",
                      "--duration-seconds", "7200")
    credentials = assumed["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA") and len(credentials["AccessKeyId"]) == 20
    assert len(credentials["SecretAccessKey"]) == 40 and credentials["SessionToken"]
    assert credentials["Expiration"].startswith("20")
    session_arn = f"arn:aws:sts::000000000000:assumed-role/{name}/etl-run"
    assert assumed["AssumedRoleUser"]["Arn"] == session_arn
    assert assumed["AssumedRoleUser"]["AssumedRoleId"].startswith("AROA")
    assert assumed["AssumedRoleUser"]["AssumedRoleId"].endswith(":etl-run")
    as_role = client("sts", local, credentials["AccessKeyId"], credentials["SecretAccessKey"],
                     credentials["SessionToken"])
    after = as_role.get_caller_identity()
    assert after["Arn"] == session_arn
    assert after["UserId"] == assumed["AssumedRoleUser"]["AssumedRoleId"]
    assert before == "arn:aws:iam::000000000000:root"
    assert sts.get_caller_identity()["Arn"] == before


def test_caller_identity_of_a_users_access_key(iam, local):
    name = unique("sts-user")
    user = iam.create_user(UserName=name)["User"]
    key = iam.create_access_key(UserName=name)["AccessKey"]
    try:
        as_user = client("sts", local, key["AccessKeyId"], key["SecretAccessKey"])
        identity = as_user.get_caller_identity()
        assert identity["Arn"] == user["Arn"] and identity["UserId"] == user["UserId"]
        as_user_iam = client("iam", local, key["AccessKeyId"], key["SecretAccessKey"])
        assert as_user_iam.get_user()["User"]["UserName"] == name
    finally:
        iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
        iam.delete_user(UserName=name)


def test_assume_role_errors(sts, local, role):
    name, arn = role
    with pytest.raises(ClientError) as e:
        sts.assume_role(RoleArn=arn.replace(name, unique("missing")), RoleSessionName="s1")
    assert error_of(e) == ("AccessDenied", 403)
    assert "not authorized to perform: sts:AssumeRole" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        sts.assume_role(RoleArn=arn, RoleSessionName="s1", DurationSeconds=7201)
    assert error_of(e) == ("ValidationError", 400)
    assert "MaxSessionDuration" in e.value.response["Error"]["Message"]
    unvalidated = client("sts", local, ACCESS_KEY, SECRET_KEY, parameter_validation=False)
    with pytest.raises(ClientError) as e:
        unvalidated.assume_role(RoleArn=arn, RoleSessionName="s1", DurationSeconds=60)
    assert error_of(e) == ("ValidationError", 400)
    with pytest.raises(ClientError) as e:
        sts.assume_role(RoleArn=arn, RoleSessionName="bad name")
    assert error_of(e) == ("ValidationError", 400)


def test_get_session_token(sts, local):
    token = sts.get_session_token(DurationSeconds=900)["Credentials"]
    assert token["AccessKeyId"].startswith("ASIA") and token["SessionToken"]
    with_token = client("sts", local, token["AccessKeyId"], token["SecretAccessKey"],
                        token["SessionToken"])
    assert with_token.get_caller_identity()["Arn"] == "arn:aws:iam::000000000000:root"
    with pytest.raises(ClientError) as e:
        with_token.get_session_token()
    assert error_of(e) == ("AccessDenied", 403)
    assert sts.get_access_key_info(AccessKeyId=token["AccessKeyId"])["Account"] == "000000000000"


# ---------------------------------------------------------------------------
# A server that verifies signatures.


@pytest.fixture(scope="module")
def verifying(target):
    if target != "stratus":
        pytest.skip("starts its own stratus with a credentials file")
    tmp = tempfile.mkdtemp(prefix="stratus-sts-")
    credentials = os.path.join(tmp, "credentials")
    with open(credentials, "w") as f:
        f.write(f"[default]\naws_access_key_id = {VERIFY_KEY}\n"
                f"aws_secret_access_key = {VERIFY_SECRET}\n")
    process = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "log"),
                             extra_args=["--credentials-file", credentials])
    process.start(timeout=10.0)
    try:
        yield process
    finally:
        process.stop(grace=5.0)


def test_signed_calls_with_made_credentials_verify(verifying):
    endpoint = verifying.endpoint
    iam = client("iam", endpoint, VERIFY_KEY, VERIFY_SECRET)
    sts = client("sts", endpoint, VERIFY_KEY, VERIFY_SECRET)
    with pytest.raises(ClientError) as e:
        client("sts", endpoint, "AKIAUNKNOWNKEY000000", "x").get_caller_identity()
    assert error_of(e) == ("InvalidClientTokenId", 403)

    role_arn = iam.create_role(RoleName="verified",
                               AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    credentials = sts.assume_role(RoleArn=role_arn, RoleSessionName="signed")["Credentials"]
    as_role = client("sqs", endpoint, credentials["AccessKeyId"],
                     credentials["SecretAccessKey"], credentials["SessionToken"])
    as_role.create_queue(QueueName="made-by-a-role")
    assert any(url.endswith("/made-by-a-role") for url in as_role.list_queues()["QueueUrls"])
    sts_as_role = client("sts", endpoint, credentials["AccessKeyId"],
                         credentials["SecretAccessKey"], credentials["SessionToken"])
    assert sts_as_role.get_caller_identity()["Arn"].endswith(":assumed-role/verified/signed")

    # S3 too: a streamed (aws-chunked) upload's chunk signatures chain from the looked-up
    # key, and a presigned URL carries the token in its query string.
    as_role_s3 = client("s3", endpoint, credentials["AccessKeyId"],
                        credentials["SecretAccessKey"], credentials["SessionToken"],
                        s3={"addressing_style": "path"}, signature_version="s3v4")
    as_role_s3.create_bucket(Bucket="made-by-a-role")
    as_role_s3.put_object(Bucket="made-by-a-role", Key="k", Body=b"temporary" * 1000)
    got = as_role_s3.get_object(Bucket="made-by-a-role", Key="k")["Body"].read()
    assert got == b"temporary" * 1000
    url = as_role_s3.generate_presigned_url("get_object",
                                            Params={"Bucket": "made-by-a-role", "Key": "k"})
    assert "X-Amz-Security-Token" in url
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.read() == b"temporary" * 1000

    without_token = client("sts", endpoint, credentials["AccessKeyId"],
                           credentials["SecretAccessKey"])
    with pytest.raises(ClientError) as e:
        without_token.get_caller_identity()
    assert error_of(e) == ("InvalidClientTokenId", 403)

    iam.create_user(UserName="signer")
    key = iam.create_access_key(UserName="signer")["AccessKey"]
    as_user = client("sts", endpoint, key["AccessKeyId"], key["SecretAccessKey"])
    assert as_user.get_caller_identity()["Arn"].endswith(":user/signer")
    with pytest.raises(ClientError) as e:
        client("sts", endpoint, key["AccessKeyId"], "wrong" + key["SecretAccessKey"][5:]) \
            .get_caller_identity()
    assert error_of(e) == ("SignatureDoesNotMatch", 403)
    iam.update_access_key(UserName="signer", AccessKeyId=key["AccessKeyId"], Status="Inactive")
    with pytest.raises(ClientError) as e:
        as_user.get_caller_identity()
    assert error_of(e) == ("InvalidClientTokenId", 403)


def test_expired_temporary_credentials_fail_with_expired_token(verifying):
    endpoint = verifying.endpoint
    sts = client("sts", endpoint, VERIFY_KEY, VERIFY_SECRET)
    credentials = sts.get_session_token(DurationSeconds=900)["Credentials"]
    with_token = client("sts", endpoint, credentials["AccessKeyId"],
                        credentials["SecretAccessKey"], credentials["SessionToken"])
    assert with_token.get_caller_identity()["Account"] == "000000000000"
    # Waiting out the shortest lifetime (15 minutes) is too slow for a test: move
    # the recorded expiry (docs/formats/iam.md) into the past instead.
    database = sqlite3.connect(os.path.join(verifying.data_dir, "iam.db"), timeout=10)
    with database:
        database.execute("UPDATE sessions SET expires_millis = 0 WHERE access_key_id = ?",
                         (credentials["AccessKeyId"],))
    database.close()
    with pytest.raises(ClientError) as e:
        with_token.get_caller_identity()
    assert error_of(e) == ("ExpiredToken", 403)
