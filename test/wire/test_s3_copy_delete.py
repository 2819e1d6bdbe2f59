"""S3 CopyObject (metadata and tagging directives, copy-source conditions, versions) and
DeleteObjects (quiet and verbose, missing keys, versioned buckets).

Written to AWS's documented behaviour so the same file passes against real S3
(`pytest --aws`), stratus and moto_server.
"""
import datetime

import pytest
from botocore.exceptions import ClientError

from s3_calls import assert_s3_error, unique_bucket_name

PAST = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
FUTURE = datetime.datetime(2099, 1, 1, tzinfo=datetime.timezone.utc)


def source(bucket, key, version_id=None):
    src = {"Bucket": bucket, "Key": key}
    if version_id:
        src["VersionId"] = version_id
    return src


@pytest.fixture
def original(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="src/original.txt", Body=b"original body",
                        ContentType="text/plain", Metadata={"origin": "source"},
                        Tagging="stage=raw")
    return {"key": "src/original.txt", "etag": put["ETag"]}


# ----------------------------------------------------------------------------- CopyObject


def test_copy_object_copies_data_type_and_metadata_by_default(s3, bucket, original):
    r = s3.copy_object(Bucket=bucket, Key="dst/copy.txt", CopySource=source(bucket, original["key"]))
    # AWS: a copy of a single-part, unencrypted object has the same MD5 ETag.
    assert r["CopyObjectResult"]["ETag"] == original["etag"]
    assert r["CopyObjectResult"]["LastModified"] is not None
    got = s3.get_object(Bucket=bucket, Key="dst/copy.txt")
    assert got["Body"].read() == b"original body"
    assert got["ContentType"] == "text/plain"
    assert got["Metadata"] == {"origin": "source"}


def test_copy_object_copies_tags_by_default(s3, bucket, original):
    s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, original["key"]))
    tags = s3.get_object_tagging(Bucket=bucket, Key="dst")["TagSet"]
    assert tags == [{"Key": "stage", "Value": "raw"}]


def test_copy_object_with_tagging_directive_replace_sets_new_tags(s3, bucket, original):
    s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, original["key"]),
                   TaggingDirective="REPLACE", Tagging="stage=curated")
    tags = s3.get_object_tagging(Bucket=bucket, Key="dst")["TagSet"]
    assert tags == [{"Key": "stage", "Value": "curated"}]


def test_copy_object_with_metadata_directive_replace_uses_the_new_metadata(s3, bucket, original):
    s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, original["key"]),
                   MetadataDirective="REPLACE", Metadata={"fresh": "yes"},
                   ContentType="application/octet-stream")
    head = s3.head_object(Bucket=bucket, Key="dst")
    assert head["Metadata"] == {"fresh": "yes"}
    assert head["ContentType"] == "application/octet-stream"


def test_copy_object_with_metadata_directive_copy_ignores_given_metadata(s3, bucket, original):
    s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, original["key"]),
                   MetadataDirective="COPY", Metadata={"ignored": "yes"})
    assert s3.head_object(Bucket=bucket, Key="dst")["Metadata"] == {"origin": "source"}


def test_copy_object_between_buckets(s3, bucket, make_bucket, original):
    other = make_bucket()
    s3.copy_object(Bucket=other, Key="k", CopySource=source(bucket, original["key"]))
    assert s3.get_object(Bucket=other, Key="k")["Body"].read() == b"original body"


def test_copy_object_onto_itself_without_changes_fails_invalid_request(s3, bucket, original):
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=bucket, Key=original["key"], CopySource=source(bucket, original["key"]))
    # AWS: "This copy request is illegal because it is trying to copy an object to itself
    # without changing the object's metadata, storage class, website redirect location or
    # encryption attributes." (S3 API reference, CopyObject).
    assert_s3_error(e, "InvalidRequest", 400)


def test_copy_object_onto_itself_with_replace_updates_metadata(s3, bucket, original):
    s3.copy_object(Bucket=bucket, Key=original["key"], CopySource=source(bucket, original["key"]),
                   MetadataDirective="REPLACE", Metadata={"origin": "rewritten"},
                   ContentType="text/csv")
    head = s3.head_object(Bucket=bucket, Key=original["key"])
    assert head["Metadata"] == {"origin": "rewritten"}
    assert head["ContentType"] == "text/csv"
    assert s3.get_object(Bucket=bucket, Key=original["key"])["Body"].read() == b"original body"


def test_copy_object_with_a_key_that_needs_escaping(s3, bucket):
    key = "dir with space/ünïcode+plus%percent.txt"
    s3.put_object(Bucket=bucket, Key=key, Body=b"escaped")
    s3.copy_object(Bucket=bucket, Key=key + ".copy", CopySource=source(bucket, key))
    assert s3.get_object(Bucket=bucket, Key=key + ".copy")["Body"].read() == b"escaped"


def test_copy_object_from_missing_key_fails_no_such_key(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, "missing"))
    assert_s3_error(e, "NoSuchKey", 404)


def test_copy_object_from_missing_bucket_fails_no_such_bucket(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=bucket, Key="dst",
                       CopySource=source(unique_bucket_name("missing"), "k"))
    assert_s3_error(e, "NoSuchBucket", 404)


@pytest.mark.parametrize("condition", [
    {"CopySourceIfMatch": '"0123456789abcdef0123456789abcdef"'},
    {"CopySourceIfUnmodifiedSince": PAST},
    {"CopySourceIfModifiedSince": FUTURE},
], ids=["if-match", "if-unmodified-since", "if-modified-since"])
@pytest.mark.moto_gap("moto checks only x-amz-copy-source-if-none-match")
def test_copy_object_with_a_false_copy_source_condition_fails_precondition(s3, bucket, original,
                                                                           condition):
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, original["key"]),
                       **condition)
    assert_s3_error(e, "PreconditionFailed", 412)
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key="dst")


def test_copy_object_with_if_none_match_of_the_source_etag_fails_precondition(s3, bucket,
                                                                              original):
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, original["key"]),
                       CopySourceIfNoneMatch=original["etag"])
    assert_s3_error(e, "PreconditionFailed", 412)


def test_copy_object_with_true_copy_source_conditions_copies(s3, bucket, original):
    s3.copy_object(Bucket=bucket, Key="dst", CopySource=source(bucket, original["key"]),
                   CopySourceIfMatch=original["etag"], CopySourceIfUnmodifiedSince=FUTURE)
    assert s3.get_object(Bucket=bucket, Key="dst")["Body"].read() == b"original body"


def test_copy_object_of_an_older_version(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"version one")["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"version two")
    r = s3.copy_object(Bucket=versioned_bucket, Key="restored",
                       CopySource=source(versioned_bucket, "k", v1))
    assert r["CopySourceVersionId"] == v1
    assert r.get("VersionId")  # the destination bucket is versioned, so the copy has a version
    assert s3.get_object(Bucket=versioned_bucket, Key="restored")["Body"].read() == b"version one"


def test_copy_object_of_a_missing_version_fails(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")
    bogus = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"
    with pytest.raises(ClientError) as e:
        s3.copy_object(Bucket=versioned_bucket, Key="dst",
                       CopySource=source(versioned_bucket, "k", bogus))
    # AWS: a version id that does not exist is 400 InvalidArgument ("Invalid version id
    # specified") when malformed, or 404 NoSuchVersion when well-formed but unknown.
    assert e.value.response["Error"]["Code"] in ("NoSuchVersion", "InvalidArgument")


# ----------------------------------------------------------------------------- DeleteObjects


def test_delete_objects_reports_each_deleted_key(s3, bucket):
    for key in ("a", "b", "c"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    r = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}]})
    assert sorted(d["Key"] for d in r["Deleted"]) == ["a", "b"]
    assert "Errors" not in r
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["c"]


def test_delete_objects_reports_missing_keys_as_deleted(s3, bucket):
    s3.put_object(Bucket=bucket, Key="present", Body=b"x")
    r = s3.delete_objects(Bucket=bucket,
                          Delete={"Objects": [{"Key": "present"}, {"Key": "absent"}]})
    # AWS: deleting a key that does not exist is reported as deleted
    # (S3 API reference, DeleteObjects).
    assert sorted(d["Key"] for d in r["Deleted"]) == ["absent", "present"]
    assert "Errors" not in r


@pytest.mark.moto_gap("moto ignores Quiet")
def test_delete_objects_in_quiet_mode_reports_nothing_on_success(s3, bucket):
    for key in ("a", "b"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    r = s3.delete_objects(Bucket=bucket,
                          Delete={"Objects": [{"Key": "a"}, {"Key": "b"}], "Quiet": True})
    # AWS: "In quiet mode the response includes only keys where the delete action
    # encountered an error."
    assert r.get("Deleted", []) == []
    assert r.get("Errors", []) == []
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_delete_objects_with_keys_that_need_escaping(s3, bucket):
    keys = ["with space", "ünïcode", "a&b<c>", "plus+sign", "100%"]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    r = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})
    assert sorted(d["Key"] for d in r["Deleted"]) == sorted(keys)
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0


def test_delete_objects_in_a_versioned_bucket_creates_delete_markers(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")
    r = s3.delete_objects(Bucket=versioned_bucket, Delete={"Objects": [{"Key": "k"}]})
    deleted = r["Deleted"][0]
    assert deleted["Key"] == "k"
    assert deleted["DeleteMarker"] is True
    assert deleted["DeleteMarkerVersionId"]
    markers = s3.list_object_versions(Bucket=versioned_bucket)["DeleteMarkers"]
    assert [m["VersionId"] for m in markers] == [deleted["DeleteMarkerVersionId"]]


def test_delete_objects_by_version_id_removes_that_version(s3, versioned_bucket):
    v1 = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"one")["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"two")
    r = s3.delete_objects(Bucket=versioned_bucket,
                          Delete={"Objects": [{"Key": "k", "VersionId": v1}]})
    assert r["Deleted"] == [{"Key": "k", "VersionId": v1}]
    versions = s3.list_object_versions(Bucket=versioned_bucket)["Versions"]
    assert v1 not in [v["VersionId"] for v in versions]
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"two"


@pytest.mark.moto_gap("moto has no 1,000-key limit")
def test_delete_objects_with_more_than_1000_keys_fails_malformed_xml(s3, bucket):
    objects = [{"Key": f"k{i}"} for i in range(1001)]
    with pytest.raises(ClientError) as e:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": objects})
    # AWS: the request can contain a list of up to 1,000 keys; more is MalformedXML.
    assert_s3_error(e, "MalformedXML", 400)
