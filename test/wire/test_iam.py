"""IAM through boto3 and the AWS CLI.

Roles (create, get, list with PathPrefix and Marker/MaxItems paging, update, trust
policy, tags, delete with DeleteConflict), inline role and user policies, managed
policies with versions (at most five, the default cannot go), attachments (AWS managed
ARNs too), instance profiles, users and access keys, and IAM's errors:
EntityAlreadyExists (names are case-insensitive), NoSuchEntity, MalformedPolicyDocument,
ValidationError, DeleteConflict, LimitExceeded. Written to AWS's documented behaviour, so
that it also runs against real AWS (--aws).
"""
import json
import os
import sys
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from conftest import ACCESS_KEY, REGION, SECRET_KEY  # noqa: E402

TRUST = {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole"}]}
READ = {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}
AWS_READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


@pytest.fixture(scope="session")
def iam(endpoint, target):
    cfg = Config(retries={"max_attempts": 0}, read_timeout=60, connect_timeout=5)
    if target == "aws":
        return boto3.client("iam", config=cfg)
    return boto3.client("iam", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture(scope="session")
def iam_unvalidated(endpoint, target):
    """A client that sends what botocore would refuse, to see the server refuse it."""
    cfg = Config(retries={"max_attempts": 0}, parameter_validation=False)
    if target == "aws":
        return boto3.client("iam", config=cfg)
    return boto3.client("iam", config=cfg, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def error_of(excinfo):
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


@pytest.fixture
def role(iam):
    name = unique("stratus-role")
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
    yield name
    try:
        iam.delete_role(RoleName=name)
    except ClientError:
        pass


def test_role_lifecycle_through_the_cli(aws_cli):
    name = unique("cli-role")
    created = aws_cli("iam", "create-role", "--role-name", name, "--path", "/etl/",
                      "--assume-role-policy-document", json.dumps(TRUST),
                      "--description", "loads the lake", "--max-session-duration", "7200",
                      "--tags", "Key=team,Value=data")["Role"]
    assert created["Arn"].endswith(f":role/etl/{name}")
    assert created["RoleId"].startswith("AROA") and len(created["RoleId"]) == 21
    assert created["RoleId"][4:].isupper() or created["RoleId"][4:].isalnum()
    assert created["CreateDate"].startswith("20")
    got = aws_cli("iam", "get-role", "--role-name", name)["Role"]
    assert got["AssumeRolePolicyDocument"] == TRUST
    assert got["Description"] == "loads the lake"
    assert got["MaxSessionDuration"] == 7200
    assert got["Tags"] == [{"Key": "team", "Value": "data"}]

    aws_cli("iam", "update-role", "--role-name", name, "--description", "changed",
            "--max-session-duration", "3600")
    aws_cli("iam", "update-assume-role-policy", "--role-name", name,
            "--policy-document", json.dumps(READ | {"Statement": TRUST["Statement"]}))
    aws_cli("iam", "tag-role", "--role-name", name, "--tags", "Key=env,Value=dev")
    aws_cli("iam", "untag-role", "--role-name", name, "--tag-keys", "team")
    tags = aws_cli("iam", "list-role-tags", "--role-name", name)["Tags"]
    assert tags == [{"Key": "env", "Value": "dev"}]
    got = aws_cli("iam", "get-role", "--role-name", name)["Role"]
    assert got["Description"] == "changed" and got["MaxSessionDuration"] == 3600
    listed = aws_cli("iam", "list-roles", "--path-prefix", "/etl/")["Roles"]
    assert name in [r["RoleName"] for r in listed]
    aws_cli("iam", "delete-role", "--role-name", name)
    missing = aws_cli.run_raw("iam", "get-role", "--role-name", name)
    assert missing.returncode != 0 and "NoSuchEntity" in missing.stderr


def test_role_names_are_unique_without_regard_to_case(iam, role):
    with pytest.raises(ClientError) as e:
        iam.create_role(RoleName=role.upper(), AssumeRolePolicyDocument=json.dumps(TRUST))
    assert error_of(e) == ("EntityAlreadyExists", 409)
    assert iam.get_role(RoleName=role.upper())["Role"]["RoleName"] == role


def test_list_roles_pages_with_marker(iam):
    path = f"/{unique('paging')}/"
    names = sorted(unique("page") for _ in range(5))
    for name in names:
        iam.create_role(RoleName=name, Path=path, AssumeRolePolicyDocument=json.dumps(TRUST))
    try:
        first = iam.list_roles(PathPrefix=path, MaxItems=2)
        assert [r["RoleName"] for r in first["Roles"]] == names[:2]
        assert first["IsTruncated"] is True
        second = iam.list_roles(PathPrefix=path, MaxItems=2, Marker=first["Marker"])
        assert [r["RoleName"] for r in second["Roles"]] == names[2:4]
        pages = iam.get_paginator("list_roles").paginate(PathPrefix=path,
                                                         PaginationConfig={"PageSize": 2})
        assert [r["RoleName"] for page in pages for r in page["Roles"]] == names
        last = iam.list_roles(PathPrefix=path, MaxItems=10)
        assert last["IsTruncated"] is False and "Marker" not in last
        # A prefix need not end in a slash: "/paging-x" matches "/paging-x.../".
        partial = iam.list_roles(PathPrefix=path[:-3])["Roles"]
        assert [r["RoleName"] for r in partial] == names
    finally:
        for name in names:
            iam.delete_role(RoleName=name)


def test_inline_role_policies(iam, role, aws_cli):
    iam.put_role_policy(RoleName=role, PolicyName="read", PolicyDocument=json.dumps(READ))
    aws_cli("iam", "put-role-policy", "--role-name", role, "--policy-name", "write",
            "--policy-document", json.dumps(READ))
    got = iam.get_role_policy(RoleName=role, PolicyName="read")
    assert got["PolicyDocument"] == READ  # botocore decodes IAM's URL-encoded document
    assert got["RoleName"] == role and got["PolicyName"] == "read"
    assert iam.list_role_policies(RoleName=role)["PolicyNames"] == ["read", "write"]
    with pytest.raises(ClientError) as e:
        iam.delete_role(RoleName=role)
    assert error_of(e) == ("DeleteConflict", 409)
    iam.delete_role_policy(RoleName=role, PolicyName="read")
    iam.delete_role_policy(RoleName=role, PolicyName="write")
    with pytest.raises(ClientError) as e:
        iam.get_role_policy(RoleName=role, PolicyName="read")
    assert error_of(e) == ("NoSuchEntity", 404)


def test_managed_policy_versions(iam, aws_cli):
    name = unique("policy")
    policy = aws_cli("iam", "create-policy", "--policy-name", name,
                     "--policy-document", json.dumps(READ))["Policy"]
    arn = policy["Arn"]
    assert arn.endswith(f":policy/{name}") and policy["PolicyId"].startswith("ANPA")
    assert policy["DefaultVersionId"] == "v1" and policy["AttachmentCount"] == 0
    try:
        for number in range(2, 6):
            version = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(READ),
                                                SetAsDefault=number == 4)["PolicyVersion"]
            assert version["VersionId"] == f"v{number}"
        with pytest.raises(ClientError) as e:
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(READ))
        assert error_of(e) == ("LimitExceeded", 409)
        assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v4"
        versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
        assert [v["VersionId"] for v in versions] == ["v5", "v4", "v3", "v2", "v1"]
        assert [v["IsDefaultVersion"] for v in versions] == [False, True, False, False, False]
        got = iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]
        assert got["Document"] == READ and got["IsDefaultVersion"] is False
        with pytest.raises(ClientError) as e:
            iam.delete_policy_version(PolicyArn=arn, VersionId="v4")
        assert error_of(e) == ("DeleteConflict", 409)
        iam.set_default_policy_version(PolicyArn=arn, VersionId="v1")
        for version_id in ("v2", "v3", "v4", "v5"):
            iam.delete_policy_version(PolicyArn=arn, VersionId=version_id)
        with pytest.raises(ClientError) as e:
            iam.get_policy_version(PolicyArn=arn, VersionId="v5")
        assert error_of(e) == ("NoSuchEntity", 404)
    finally:
        iam.delete_policy(PolicyArn=arn)
    with pytest.raises(ClientError) as e:
        iam.get_policy(PolicyArn=arn)
    assert error_of(e) == ("NoSuchEntity", 404)


def test_attachments_and_delete_conflicts(iam, role, aws_cli):
    name = unique("attached")
    arn = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(READ),
                            Description="read the lake")["Policy"]["Arn"]
    try:
        iam.attach_role_policy(RoleName=role, PolicyArn=arn)
        aws_cli("iam", "attach-role-policy", "--role-name", role, "--policy-arn", AWS_READ_ONLY)
        attached = iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]
        assert {(p["PolicyName"], p["PolicyArn"]) for p in attached} == {
            (name, arn), ("ReadOnlyAccess", AWS_READ_ONLY)}
        policy = iam.get_policy(PolicyArn=arn)["Policy"]
        assert policy["AttachmentCount"] == 1 and policy["Description"] == "read the lake"
        only_attached = iam.list_policies(Scope="Local", OnlyAttached=True)["Policies"]
        assert arn in [p["Arn"] for p in only_attached]
        with pytest.raises(ClientError) as e:
            iam.delete_policy(PolicyArn=arn)
        assert error_of(e) == ("DeleteConflict", 409)
        with pytest.raises(ClientError) as e:
            iam.delete_role(RoleName=role)
        assert error_of(e) == ("DeleteConflict", 409)
        with pytest.raises(ClientError) as e:
            iam.attach_role_policy(RoleName=role,
                                   PolicyArn=arn.replace(name, unique("missing")))
        assert error_of(e) == ("NoSuchEntity", 404)
        iam.detach_role_policy(RoleName=role, PolicyArn=arn)
        iam.detach_role_policy(RoleName=role, PolicyArn=AWS_READ_ONLY)
        assert iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"] == []
        with pytest.raises(ClientError) as e:
            iam.detach_role_policy(RoleName=role, PolicyArn=arn)
        assert error_of(e) == ("NoSuchEntity", 404)
    finally:
        iam.delete_policy(PolicyArn=arn)


def test_instance_profiles(iam, role, aws_cli):
    name = unique("profile")
    other = unique("other-role")
    iam.create_role(RoleName=other, AssumeRolePolicyDocument=json.dumps(TRUST))
    profile = aws_cli("iam", "create-instance-profile",
                      "--instance-profile-name", name)["InstanceProfile"]
    assert profile["Arn"].endswith(f":instance-profile/{name}") and profile["Roles"] == []
    try:
        with pytest.raises(ClientError) as e:
            iam.create_instance_profile(InstanceProfileName=name)
        assert error_of(e) == ("EntityAlreadyExists", 409)
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=role)
        with pytest.raises(ClientError) as e:
            iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=other)
        assert error_of(e) == ("LimitExceeded", 409)
        got = iam.get_instance_profile(InstanceProfileName=name)["InstanceProfile"]
        assert [r["RoleName"] for r in got["Roles"]] == [role]
        for_role = iam.list_instance_profiles_for_role(RoleName=role)["InstanceProfiles"]
        assert [p["InstanceProfileName"] for p in for_role] == [name]
        assert name in [p["InstanceProfileName"]
                        for p in iam.list_instance_profiles()["InstanceProfiles"]]
        with pytest.raises(ClientError) as e:
            iam.delete_role(RoleName=role)
        assert error_of(e) == ("DeleteConflict", 409)
        with pytest.raises(ClientError) as e:
            iam.delete_instance_profile(InstanceProfileName=name)
        assert error_of(e) == ("DeleteConflict", 409)
        iam.remove_role_from_instance_profile(InstanceProfileName=name, RoleName=role)
    finally:
        iam.delete_instance_profile(InstanceProfileName=name)
        iam.delete_role(RoleName=other)
    with pytest.raises(ClientError) as e:
        iam.get_instance_profile(InstanceProfileName=name)
    assert error_of(e) == ("NoSuchEntity", 404)


def test_users_and_access_keys(iam, aws_cli):
    name = unique("user")
    user = aws_cli("iam", "create-user", "--user-name", name, "--path", "/people/")["User"]
    assert user["UserId"].startswith("AIDA") and user["Arn"].endswith(f":user/people/{name}")
    assert iam.get_user(UserName=name)["User"]["UserId"] == user["UserId"]
    assert name in [u["UserName"] for u in iam.list_users(PathPrefix="/people/")["Users"]]
    key = iam.create_access_key(UserName=name)["AccessKey"]
    assert key["AccessKeyId"].startswith("AKIA") and len(key["AccessKeyId"]) == 20
    assert len(key["SecretAccessKey"]) == 40 and key["Status"] == "Active"
    second = aws_cli("iam", "create-access-key", "--user-name", name)["AccessKey"]
    with pytest.raises(ClientError) as e:
        iam.create_access_key(UserName=name)
    assert error_of(e) == ("LimitExceeded", 409)
    iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"], Status="Inactive")
    listed = iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
    assert {(k["AccessKeyId"], k["Status"]) for k in listed} == {
        (key["AccessKeyId"], "Inactive"), (second["AccessKeyId"], "Active")}
    assert all("SecretAccessKey" not in k for k in listed)
    iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps(READ))
    assert iam.get_user_policy(UserName=name, PolicyName="p")["PolicyDocument"] == READ
    assert iam.list_user_policies(UserName=name)["PolicyNames"] == ["p"]
    iam.attach_user_policy(UserName=name, PolicyArn=AWS_READ_ONLY)
    attached = iam.list_attached_user_policies(UserName=name)["AttachedPolicies"]
    assert attached == [{"PolicyName": "ReadOnlyAccess", "PolicyArn": AWS_READ_ONLY}]
    with pytest.raises(ClientError) as e:
        iam.delete_user(UserName=name)
    assert error_of(e) == ("DeleteConflict", 409)
    iam.detach_user_policy(UserName=name, PolicyArn=AWS_READ_ONLY)
    iam.delete_user_policy(UserName=name, PolicyName="p")
    iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
    aws_cli("iam", "delete-access-key", "--user-name", name,
            "--access-key-id", second["AccessKeyId"])
    with pytest.raises(ClientError) as e:
        iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
    assert error_of(e) == ("NoSuchEntity", 404)
    iam.delete_user(UserName=name)
    with pytest.raises(ClientError) as e:
        iam.get_user(UserName=name)
    assert error_of(e) == ("NoSuchEntity", 404)


def test_get_user_without_a_name_is_the_caller(iam, target):
    if target == "aws":
        pytest.skip("the caller of real AWS may be a role, which GetUser refuses")
    user = iam.get_user()["User"]
    assert user["Arn"].endswith(":root")


@pytest.mark.parametrize("document,message", [
    ("not json", "invalid Json"),
    (json.dumps({"Version": "2012-10-17"}), "Statement"),
])
def test_malformed_policy_documents(iam, document, message):
    with pytest.raises(ClientError) as e:
        iam.create_role(RoleName=unique("malformed"), AssumeRolePolicyDocument=document)
    assert error_of(e) == ("MalformedPolicyDocument", 400)
    assert message in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        iam.create_policy(PolicyName=unique("malformed"), PolicyDocument=document)
    assert error_of(e) == ("MalformedPolicyDocument", 400)


def test_invalid_names(iam, iam_unvalidated):
    with pytest.raises(ClientError) as e:
        iam.create_role(RoleName="bad name", AssumeRolePolicyDocument=json.dumps(TRUST))
    assert error_of(e) == ("ValidationError", 400)
    assert "regular expression pattern" in e.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as e:
        iam.create_role(RoleName="x" * 65, AssumeRolePolicyDocument=json.dumps(TRUST))
    assert error_of(e) == ("ValidationError", 400)
    with pytest.raises(ClientError) as e:
        iam.create_user(UserName="a/b")
    assert error_of(e) == ("ValidationError", 400)
    with pytest.raises(ClientError) as e:
        iam.create_role(RoleName=unique("path"), Path="no-slashes",
                        AssumeRolePolicyDocument=json.dumps(TRUST))
    assert error_of(e) == ("ValidationError", 400)
    with pytest.raises(ClientError) as e:
        iam_unvalidated.create_role(RoleName=unique("long"), MaxSessionDuration=60,
                        AssumeRolePolicyDocument=json.dumps(TRUST))
    assert error_of(e) == ("ValidationError", 400)
    with pytest.raises(ClientError) as e:
        iam.list_roles(PathPrefix="no-leading-slash")
    assert error_of(e) == ("ValidationError", 400)
    with pytest.raises(ClientError) as e:
        iam_unvalidated.list_roles(MaxItems=0)
    assert error_of(e) == ("ValidationError", 400)


def test_missing_entities(iam):
    missing = unique("missing")
    for call in (lambda: iam.get_role(RoleName=missing),
                 lambda: iam.delete_role(RoleName=missing),
                 lambda: iam.get_user(UserName=missing),
                 lambda: iam.list_role_policies(RoleName=missing),
                 lambda: iam.get_policy(PolicyArn=f"arn:aws:iam::000000000000:policy/{missing}"),
                 lambda: iam.get_instance_profile(InstanceProfileName=missing)):
        with pytest.raises(ClientError) as e:
            call()
        assert error_of(e) == ("NoSuchEntity", 404)


def test_query_responses_have_iams_xml_shape(endpoint, target, role):
    if target == "aws":
        pytest.skip("sends an unsigned request")
    import urllib.error  # noqa: PLC0415
    import urllib.parse  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415
    import xml.etree.ElementTree as ElementTree  # noqa: PLC0415

    def post(params):
        body = urllib.parse.urlencode({"Version": "2010-05-08", **params}).encode()
        request = urllib.request.Request(
            endpoint + "/", data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, ElementTree.fromstring(response.read())
        except urllib.error.HTTPError as e:
            return e.code, ElementTree.fromstring(e.read())

    ns = {"iam": "https://iam.amazonaws.com/doc/2010-05-08/"}
    status, root = post({"Action": "GetRole", "RoleName": role})
    assert status == 200 and root.tag == f"{{{ns['iam']}}}GetRoleResponse"
    assert root.find("iam:GetRoleResult/iam:Role/iam:RoleName", ns).text == role
    assert root.find("iam:ResponseMetadata/iam:RequestId", ns).text
    status, root = post({"Action": "GetRole", "RoleName": unique("missing")})
    assert status == 404 and root.tag == f"{{{ns['iam']}}}ErrorResponse"
    assert root.find("iam:Error/iam:Code", ns).text == "NoSuchEntity"
    assert root.find("iam:Error/iam:Type", ns).text == "Sender"
    assert root.find("iam:RequestId", ns).text
