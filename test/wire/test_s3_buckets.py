"""S3 buckets through boto3: create, head, list (paging), delete, names, location.

Written to AWS's documented behaviour so the same file passes against real S3
(`pytest --aws`), stratus and moto_server.

BucketAlreadyExists (a bucket another account owns) needs a second account, so
it is not tested here: the emulators under test serve one account.
"""
import pytest
from botocore.exceptions import ClientError

from s3_calls import (assert_s3_error, delete_bucket_fully, sdk_has_parameter,
                      unique_bucket_name)

OTHER_REGION = "eu-west-1"


# ----------------------------------------------------------------------------- create / head


def test_create_bucket_then_head_bucket_succeeds(s3, make_bucket):
    name = make_bucket()
    r = s3.head_bucket(Bucket=name)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_create_bucket_returns_location_of_the_bucket(s3, s3_region):
    name = unique_bucket_name("loc")
    kwargs = {} if s3_region == "us-east-1" else {
        "CreateBucketConfiguration": {"LocationConstraint": s3_region}}
    r = s3.create_bucket(Bucket=name, **kwargs)
    try:
        # AWS: Location is "/NAME" in us-east-1 and the bucket's URL elsewhere
        # (S3 API reference, CreateBucket).
        assert name in r["Location"]
    finally:
        delete_bucket_fully(s3, name)


def test_head_bucket_reports_the_bucket_region(s3, bucket, s3_region):
    r = s3.head_bucket(Bucket=bucket)
    # AWS: HeadBucket answers with x-amz-bucket-region (S3 API reference, HeadBucket).
    assert r["ResponseMetadata"]["HTTPHeaders"].get("x-amz-bucket-region") == s3_region


def test_recreating_your_own_bucket_in_us_east_1_succeeds(s3, make_bucket, s3_region):
    if s3_region != "us-east-1":
        pytest.skip("the legacy 200 applies to us-east-1 only")
    name = make_bucket()
    # AWS: "For legacy compatibility, if you re-create an existing bucket that you
    # already own in the North Virginia Region, Amazon S3 returns 200 OK"
    # (S3 API reference, CreateBucket, BucketAlreadyOwnedByYou).
    r = s3.create_bucket(Bucket=name)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 200
    s3.head_bucket(Bucket=name)


def test_recreating_your_own_bucket_outside_us_east_1_fails_already_owned(make_s3_client,
                                                                         make_bucket):
    regional = make_s3_client(region=OTHER_REGION)
    name = make_bucket(client=regional)
    with pytest.raises(ClientError) as e:
        regional.create_bucket(Bucket=name,
                               CreateBucketConfiguration={"LocationConstraint": OTHER_REGION})
    assert_s3_error(e, "BucketAlreadyOwnedByYou", 409)
    assert isinstance(e.value, regional.exceptions.BucketAlreadyOwnedByYou)


MOTO_NAME_GAP = pytest.mark.moto_gap("moto checks only the length of bucket names")


@pytest.mark.parametrize("name", [
    pytest.param("UpperCase-bucket", marks=MOTO_NAME_GAP, id="upper-case"),
    pytest.param("ab", id="too-short"),
    pytest.param("a" * 64, id="too-long"),
    pytest.param("192.168.5.4", marks=MOTO_NAME_GAP, id="ip-address"),
    pytest.param("double..dot", marks=MOTO_NAME_GAP, id="adjacent-periods"),
    pytest.param("-leading-hyphen", marks=MOTO_NAME_GAP, id="leading-hyphen"),
    pytest.param("trailing-hyphen-", marks=MOTO_NAME_GAP, id="trailing-hyphen"),
    pytest.param("under_score", marks=MOTO_NAME_GAP, id="underscore"),
])
def test_create_bucket_rejects_invalid_names(s3_unvalidated, name):
    # AWS: bucket naming rules (S3 user guide, "General purpose bucket naming rules").
    with pytest.raises(ClientError) as e:
        s3_unvalidated.create_bucket(Bucket=name)
        delete_bucket_fully(s3_unvalidated, name)
    assert_s3_error(e, "InvalidBucketName", 400)


def test_bucket_name_with_dots_works(s3, make_bucket):
    name = "datalake.staging." + unique_bucket_name("live")
    make_bucket(name=name)
    s3.put_object(Bucket=name, Key="k", Body=b"dotted")
    assert s3.get_object(Bucket=name, Key="k")["Body"].read() == b"dotted"
    assert name in [b["Name"] for b in s3.list_buckets()["Buckets"]]


def test_bucket_name_of_63_characters_works(s3, make_bucket):
    name = unique_bucket_name("max")
    name = name + "x" * (63 - len(name))
    make_bucket(name=name)
    s3.head_bucket(Bucket=name)


def test_virtual_hosted_client_creates_and_uses_buckets(s3, s3_virtual, make_bucket):
    name = make_bucket(client=s3_virtual)
    s3_virtual.put_object(Bucket=name, Key="dir/k", Body=b"virtual")
    assert s3.get_object(Bucket=name, Key="dir/k")["Body"].read() == b"virtual"
    listed = s3_virtual.list_objects_v2(Bucket=name)
    assert [o["Key"] for o in listed["Contents"]] == ["dir/k"]
    s3_virtual.head_bucket(Bucket=name)


# ----------------------------------------------------------------------------- head / missing


def test_head_bucket_of_missing_bucket_is_404_without_body(s3):
    with pytest.raises(ClientError) as e:
        s3.head_bucket(Bucket=unique_bucket_name("missing"))
    # AWS: HEAD responses carry no body, so the SDK reports the status as the code.
    assert_s3_error(e, "404", 404)


def test_operations_on_a_missing_bucket_fail_no_such_bucket(s3):
    name = unique_bucket_name("missing")
    with pytest.raises(ClientError) as e:
        s3.list_objects_v2(Bucket=name)
    err = assert_s3_error(e, "NoSuchBucket", 404)
    assert err.get("BucketName") == name
    assert isinstance(e.value, s3.exceptions.NoSuchBucket)
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=name, Key="k", Body=b"x")
    assert_s3_error(e, "NoSuchBucket", 404)
    with pytest.raises(ClientError) as e:
        s3.delete_bucket(Bucket=name)
    assert_s3_error(e, "NoSuchBucket", 404)


# ----------------------------------------------------------------------------- delete


def test_delete_bucket_removes_it(s3):
    name = unique_bucket_name("del")
    s3.create_bucket(Bucket=name)
    r = s3.delete_bucket(Bucket=name)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as e:
        s3.head_bucket(Bucket=name)
    assert_s3_error(e, "404", 404)


def test_delete_bucket_with_objects_fails_bucket_not_empty(s3, bucket):
    s3.put_object(Bucket=bucket, Key="keep", Body=b"x")
    with pytest.raises(ClientError) as e:
        s3.delete_bucket(Bucket=bucket)
    assert_s3_error(e, "BucketNotEmpty", 409)


def test_delete_bucket_with_only_a_delete_marker_fails_bucket_not_empty(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="gone", Body=b"x")
    s3.delete_object(Bucket=versioned_bucket, Key="gone")
    assert s3.list_objects_v2(Bucket=versioned_bucket)["KeyCount"] == 0
    # AWS: all object versions, including delete markers, must be deleted before
    # the bucket itself can be (S3 user guide, "Deleting a bucket").
    with pytest.raises(ClientError) as e:
        s3.delete_bucket(Bucket=versioned_bucket)
    assert_s3_error(e, "BucketNotEmpty", 409)


# ----------------------------------------------------------------------------- list


def test_list_buckets_includes_created_buckets_with_creation_date(s3, make_bucket):
    names = {make_bucket() for _ in range(2)}
    r = s3.list_buckets()
    listed = {b["Name"]: b for b in r["Buckets"]}
    assert names <= set(listed)
    for name in names:
        assert listed[name]["CreationDate"] is not None
    assert r["Owner"]["ID"]


@pytest.mark.moto_gap("moto ignores ListBuckets MaxBuckets and Prefix")
def test_list_buckets_pages_with_max_buckets_and_prefix(s3, make_bucket):
    if not sdk_has_parameter(s3, "ListBuckets", "MaxBuckets"):
        pytest.skip("this boto3 has no ListBuckets MaxBuckets/ContinuationToken/Prefix")
    prefix = unique_bucket_name("pg")
    names = sorted(make_bucket(name=f"{prefix}-{i}") for i in range(5))
    seen = []
    kwargs = {"MaxBuckets": 2, "Prefix": prefix}
    for _ in range(10):
        r = s3.list_buckets(**kwargs)
        page = [b["Name"] for b in r["Buckets"]]
        assert len(page) <= 2
        assert r.get("Prefix") == prefix
        seen.extend(page)
        if "ContinuationToken" not in r:
            break
        kwargs["ContinuationToken"] = r["ContinuationToken"]
    # AWS documents no order for ListBuckets (real S3 lists by name); paging gives each once.
    assert sorted(seen) == names and len(seen) == len(names)


@pytest.mark.moto_gap("moto ignores ListBuckets MaxBuckets and Prefix")
def test_list_buckets_paginator_gives_every_bucket_once(s3, make_bucket):
    if not sdk_has_parameter(s3, "ListBuckets", "MaxBuckets"):
        pytest.skip("this boto3 has no ListBuckets pagination")
    prefix = unique_bucket_name("pgn")
    names = sorted(make_bucket(name=f"{prefix}-{i}") for i in range(3))
    pages = s3.get_paginator("list_buckets").paginate(Prefix=prefix,
                                                      PaginationConfig={"PageSize": 1})
    seen = [b["Name"] for page in pages for b in page["Buckets"]]
    assert sorted(seen) == names and len(seen) == len(names)


# ----------------------------------------------------------------------------- location


def test_get_bucket_location_in_us_east_1_is_none(s3, bucket, s3_region):
    if s3_region != "us-east-1":
        pytest.skip("the client's region is not us-east-1")
    # AWS: buckets in us-east-1 have a LocationConstraint of null
    # (S3 API reference, GetBucketLocation).
    assert s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] is None


def test_get_bucket_location_returns_the_location_constraint(make_s3_client, make_bucket):
    regional = make_s3_client(region=OTHER_REGION)
    name = make_bucket(client=regional)  # passes LocationConstraint=eu-west-1
    assert regional.get_bucket_location(Bucket=name)["LocationConstraint"] == OTHER_REGION
    r = regional.head_bucket(Bucket=name)
    assert r["ResponseMetadata"]["HTTPHeaders"].get("x-amz-bucket-region") == OTHER_REGION


def test_create_bucket_with_a_location_constraint_other_than_the_clients_region_fails(
        make_s3_client):
    regional = make_s3_client(region=OTHER_REGION)
    name = unique_bucket_name("mismatch")
    # AWS: the LocationConstraint must match the region the request is sent to;
    # otherwise 400 IllegalLocationConstraintException.
    with pytest.raises(ClientError) as e:
        regional.create_bucket(Bucket=name,
                               CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
        delete_bucket_fully(regional, name)
    assert_s3_error(e, "IllegalLocationConstraintException", 400)
