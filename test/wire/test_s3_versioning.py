"""S3 versioning through boto3: Enabled/Suspended, version ids, delete markers,
ListObjectVersions order and paging, GET/HEAD/DELETE by versionId, the null version.

Written to AWS's documented behaviour so the same file passes against real S3
(`pytest --aws`), stratus and moto_server.
"""
import pytest
from botocore.exceptions import ClientError

from s3_calls import assert_s3_error


def headers_of(exc_info):
    return exc_info.value.response["ResponseMetadata"]["HTTPHeaders"]


def versions_of(s3, bucket, **kwargs):
    r = s3.list_object_versions(Bucket=bucket, **kwargs)
    return r.get("Versions", []), r.get("DeleteMarkers", [])


# ----------------------------------------------------------------------------- configuration


def test_new_bucket_has_no_versioning_status(s3, bucket):
    r = s3.get_bucket_versioning(Bucket=bucket)
    # AWS: a bucket that never had versioning enabled returns no Status.
    assert "Status" not in r


def test_versioning_can_be_enabled_and_suspended(s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Suspended"


def test_put_in_an_unversioned_bucket_returns_no_version_id(s3, bucket):
    r = s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    assert "VersionId" not in r


def test_objects_of_an_unversioned_bucket_list_as_the_null_version(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    versions, markers = versions_of(s3, bucket)
    assert [(v["Key"], v["VersionId"], v["IsLatest"]) for v in versions] == [("k", "null", True)]
    assert markers == []


# ----------------------------------------------------------------------------- versions


def test_each_put_creates_a_new_version(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"two")["VersionId"]
    assert v1 and v2 and v1 != v2 and "null" not in (v1, v2)
    latest = s3.get_object(Bucket=versioned_bucket, Key="k")
    assert latest["Body"].read() == b"two"
    assert latest["VersionId"] == v2


def test_get_and_head_by_version_id_return_that_version(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"second")
    got = s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=v1)
    assert got["Body"].read() == b"one"
    assert got["VersionId"] == v1
    head = s3.head_object(Bucket=versioned_bucket, Key="k", VersionId=v1)
    assert head["ContentLength"] == 3
    assert head["VersionId"] == v1


def test_list_object_versions_orders_keys_ascending_and_versions_newest_first(s3,
                                                                             versioned_bucket):
    ids = {}
    for key in ("b", "a"):
        ids[key] = [s3.put_object(Bucket=versioned_bucket, Key=key, Body=f"{key}{i}".encode())
                    ["VersionId"] for i in range(3)]
    versions, _ = versions_of(s3, versioned_bucket)
    assert [(v["Key"], v["VersionId"]) for v in versions] == \
        [("a", i) for i in reversed(ids["a"])] + [("b", i) for i in reversed(ids["b"])]
    assert [v["IsLatest"] for v in versions] == [True, False, False] * 2
    assert all(v["Size"] == 2 and v["ETag"] and v["LastModified"] for v in versions)


def test_list_object_versions_pages_with_key_and_version_id_markers(s3, versioned_bucket):
    expected = []
    for key in ("a", "b"):
        ids = [s3.put_object(Bucket=versioned_bucket, Key=key, Body=b"x")["VersionId"]
               for _ in range(3)]
        expected += [(key, i) for i in reversed(ids)]
    seen = []
    kwargs = {"MaxKeys": 2}
    for _ in range(10):
        r = s3.list_object_versions(Bucket=versioned_bucket, **kwargs)
        page = [(v["Key"], v["VersionId"]) for v in r.get("Versions", [])]
        assert len(page) <= 2
        seen += page
        if not r["IsTruncated"]:
            break
        kwargs = {"MaxKeys": 2, "KeyMarker": r["NextKeyMarker"],
                  "VersionIdMarker": r["NextVersionIdMarker"]}
        assert (r["NextKeyMarker"], r["NextVersionIdMarker"]) == page[-1]
    assert seen == expected


def test_list_object_versions_paginator_gives_every_version_once(s3, versioned_bucket):
    for key in ("a", "b", "c"):
        for _ in range(2):
            s3.put_object(Bucket=versioned_bucket, Key=key, Body=b"x")
        s3.delete_object(Bucket=versioned_bucket, Key=key)
    pages = list(s3.get_paginator("list_object_versions").paginate(
        Bucket=versioned_bucket, PaginationConfig={"PageSize": 2}))
    versions = [(v["Key"], v["VersionId"]) for p in pages for v in p.get("Versions", [])]
    markers = [(m["Key"], m["VersionId"]) for p in pages for m in p.get("DeleteMarkers", [])]
    assert len(versions) == len(set(versions)) == 6
    assert len(markers) == len(set(markers)) == 3


def test_list_object_versions_with_prefix_and_delimiter(s3, versioned_bucket):
    for key in ("logs/a", "logs/sub/b", "top"):
        s3.put_object(Bucket=versioned_bucket, Key=key, Body=b"x")
    r = s3.list_object_versions(Bucket=versioned_bucket, Prefix="logs/", Delimiter="/")
    assert [v["Key"] for v in r["Versions"]] == ["logs/a"]
    assert [p["Prefix"] for p in r["CommonPrefixes"]] == ["logs/sub/"]


# ----------------------------------------------------------------------------- delete markers


def test_delete_without_version_id_creates_a_delete_marker(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    r = s3.delete_object(Bucket=versioned_bucket, Key="k")
    assert r["DeleteMarker"] is True
    marker_id = r["VersionId"]
    assert marker_id and marker_id != v1
    versions, markers = versions_of(s3, versioned_bucket)
    assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [(v1, False)]
    assert [(m["Key"], m["VersionId"], m["IsLatest"]) for m in markers] == \
        [("k", marker_id, True)]
    assert s3.list_objects_v2(Bucket=versioned_bucket)["KeyCount"] == 0


@pytest.mark.moto_gap("moto omits x-amz-delete-marker on errors")
def test_get_latest_behind_a_delete_marker_is_404_with_delete_marker_header(s3,
                                                                            versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")
    marker_id = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=versioned_bucket, Key="k")
    assert_s3_error(e, "NoSuchKey", 404)
    # AWS: "If the current version of the object is a delete marker, Amazon S3 behaves as if
    # the object was deleted and includes x-amz-delete-marker: true in the response."
    # (S3 API reference, GetObject).
    assert headers_of(e).get("x-amz-delete-marker") == "true"
    assert headers_of(e).get("x-amz-version-id") == marker_id
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=versioned_bucket, Key="k")
    assert_s3_error(e, "404", 404)
    assert headers_of(e).get("x-amz-delete-marker") == "true"


@pytest.mark.moto_gap("moto answers 404 NoSuchVersion")
def test_get_by_the_version_id_of_a_delete_marker_is_method_not_allowed(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")
    marker_id = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=marker_id)
    # AWS: "If the specified version is a delete marker, the response returns a 405 Method
    # Not Allowed error and the Last-Modified: timestamp response header." (GetObject).
    assert_s3_error(e, "MethodNotAllowed", 405)
    assert headers_of(e).get("x-amz-delete-marker") == "true"
    assert headers_of(e).get("last-modified")
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=versioned_bucket, Key="k", VersionId=marker_id)
    assert_s3_error(e, "405", 405)


@pytest.mark.moto_gap("moto omits x-amz-delete-marker when a marker is deleted")
def test_deleting_the_delete_marker_restores_the_object(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    marker_id = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    r = s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=marker_id)
    assert r["VersionId"] == marker_id
    assert r["DeleteMarker"] is True
    got = s3.get_object(Bucket=versioned_bucket, Key="k")
    assert got["Body"].read() == b"one"
    assert got["VersionId"] == v1
    assert versions_of(s3, versioned_bucket)[1] == []


def test_delete_by_version_id_removes_only_that_version(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"two")["VersionId"]
    r = s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=v2)
    assert r["VersionId"] == v2
    assert "DeleteMarker" not in r or r["DeleteMarker"] is False
    # The previous version becomes the current one again.
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"one"
    versions, markers = versions_of(s3, versioned_bucket)
    assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [(v1, True)]
    assert markers == []
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=v2)
    assert error_is_missing_version(e)


def error_is_missing_version(exc_info):
    # AWS: an unknown version id is 404 NoSuchVersion; one S3 cannot parse is 400
    # InvalidArgument "Invalid version id specified".
    err = exc_info.value.response["Error"]
    status = exc_info.value.response["ResponseMetadata"]["HTTPStatusCode"]
    return (err["Code"], status) in {("NoSuchVersion", 404), ("InvalidArgument", 400)}


def test_get_by_an_unknown_version_id_fails(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=versioned_bucket, Key="k", VersionId="3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbr")
    assert error_is_missing_version(e), e.value.response


def test_delete_all_versions_leaves_nothing(s3, versioned_bucket):
    ids = [s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")["VersionId"]
           for _ in range(2)]
    ids.append(s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"])
    for version_id in ids:
        s3.delete_object(Bucket=versioned_bucket, Key="k", VersionId=version_id)
    assert versions_of(s3, versioned_bucket) == ([], [])
    s3.delete_bucket(Bucket=versioned_bucket)


# ----------------------------------------------------------------------------- null version


def test_enabling_versioning_keeps_existing_objects_as_the_null_version(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"before")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    v2 = s3.put_object(Bucket=bucket, Key="k", Body=b"after")["VersionId"]
    versions, _ = versions_of(s3, bucket)
    assert [v["VersionId"] for v in versions] == [v2, "null"]
    assert s3.get_object(Bucket=bucket, Key="k", VersionId="null")["Body"].read() == b"before"


@pytest.mark.moto_gap("moto drops older versions when suspended")
def test_puts_while_suspended_replace_the_null_version(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"enabled")["VersionId"]
    s3.put_bucket_versioning(Bucket=versioned_bucket,
                             VersioningConfiguration={"Status": "Suspended"})
    r = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"suspended one")
    # AWS: objects added while versioning is suspended get the version id "null"
    # (S3 user guide, "Working with objects in a versioning-suspended bucket").
    assert r.get("VersionId", "null") == "null"
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"suspended two")
    versions, _ = versions_of(s3, versioned_bucket)
    assert [v["VersionId"] for v in versions] == ["null", v1]
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"suspended two"
    assert s3.get_object(Bucket=versioned_bucket, Key="k",
                         VersionId=v1)["Body"].read() == b"enabled"


@pytest.mark.moto_gap("moto drops older versions when suspended")
def test_delete_while_suspended_makes_a_null_delete_marker(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"enabled")["VersionId"]
    s3.put_bucket_versioning(Bucket=versioned_bucket,
                             VersioningConfiguration={"Status": "Suspended"})
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"null version")
    r = s3.delete_object(Bucket=versioned_bucket, Key="k")
    # AWS: in a suspended bucket DELETE replaces the null version with a delete marker
    # whose version id is "null" (S3 user guide, "Deleting objects from
    # versioning-suspended buckets").
    assert r["DeleteMarker"] is True
    assert r.get("VersionId", "null") == "null"
    versions, markers = versions_of(s3, versioned_bucket)
    assert [v["VersionId"] for v in versions] == [v1]
    assert [(m["VersionId"], m["IsLatest"]) for m in markers] == [("null", True)]
