"""S3 objects through boto3: put/get/head/delete, metadata, ranges, conditional reads,
response overrides, GetObjectAttributes and object tagging.

Written to AWS's documented behaviour so the same file passes against real S3
(`pytest --aws`), stratus and moto_server.
"""
import base64
import datetime
import hashlib
import io

import pytest
from botocore.exceptions import ClientError

from s3_calls import assert_s3_error, sdk_has_operation

ALPHABET = b"abcdefghijklmnopqrstuvwxyz"


def quoted_md5(data):
    return '"' + hashlib.md5(data).hexdigest() + '"'


def read(s3, bucket, key, **kwargs):
    return s3.get_object(Bucket=bucket, Key=key, **kwargs)["Body"].read()


# ----------------------------------------------------------------------------- put / get / head


def test_put_then_get_returns_the_same_bytes_and_md5_etag(s3, bucket):
    body = bytes(range(256)) * 40
    put = s3.put_object(Bucket=bucket, Key="bin", Body=body)
    # AWS: the ETag of an object uploaded by PutObject (no SSE-KMS) is the MD5 of its data.
    assert put["ETag"] == quoted_md5(body)
    got = s3.get_object(Bucket=bucket, Key="bin")
    assert got["Body"].read() == body
    assert got["ETag"] == put["ETag"]
    assert got["ContentLength"] == len(body)
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert got["LastModified"] is not None


def test_put_empty_object(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="empty", Body=b"")
    assert put["ETag"] == quoted_md5(b"")
    got = s3.get_object(Bucket=bucket, Key="empty")
    assert got["ContentLength"] == 0
    assert got["Body"].read() == b""


def test_put_replaces_an_existing_object(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"first")
    s3.put_object(Bucket=bucket, Key="k", Body=b"second, longer")
    assert read(s3, bucket, "k") == b"second, longer"


def test_head_object_returns_size_etag_and_type_without_body(s3, bucket):
    s3.put_object(Bucket=bucket, Key="h", Body=b"0123456789", ContentType="text/plain")
    head = s3.head_object(Bucket=bucket, Key="h")
    assert head["ContentLength"] == 10
    assert head["ETag"] == quoted_md5(b"0123456789")
    assert head["ContentType"] == "text/plain"
    assert head["ResponseMetadata"]["HTTPHeaders"]["accept-ranges"] == "bytes"
    assert isinstance(head["LastModified"], datetime.datetime)


def test_object_without_content_type_is_binary_octet_stream(raw_s3, s3, bucket):
    # boto3 sends no Content-Type for PutObject unless asked; send one raw to be sure.
    r = raw_s3.put(f"/{bucket}/untyped", b"data")
    assert r.status == 200, r
    # AWS: "binary/octet-stream" is the default Content-Type (S3 API reference, PutObject).
    assert s3.head_object(Bucket=bucket, Key="untyped")["ContentType"] == "binary/octet-stream"


def test_user_metadata_round_trips_with_lower_cased_names(s3, bucket):
    s3.put_object(Bucket=bucket, Key="m", Body=b"x",
                  Metadata={"Color": "Blue", "project-ID": "p-42", "empty": ""})
    # AWS: user-defined metadata names are stored and returned in lower case
    # (S3 user guide, "Working with object metadata").
    expected = {"color": "Blue", "project-id": "p-42", "empty": ""}
    assert s3.head_object(Bucket=bucket, Key="m")["Metadata"] == expected
    assert s3.get_object(Bucket=bucket, Key="m")["Metadata"] == expected


def test_user_metadata_sent_raw_comes_back_as_x_amz_meta_headers(raw_s3, bucket):
    r = raw_s3.put(f"/{bucket}/raw-meta", b"x", headers={"x-amz-meta-MiXeD-Case": "Value 1"})
    assert r.status == 200, r
    head = raw_s3.request("HEAD", f"/{bucket}/raw-meta")
    assert head.status == 200, head
    assert head.headers.get("x-amz-meta-mixed-case") == "Value 1"


def test_standard_content_headers_round_trip(s3, bucket):
    headers = {"ContentType": "application/json; charset=utf-8",
               "ContentEncoding": "identity",
               "ContentDisposition": 'attachment; filename="report.json"',
               "ContentLanguage": "en-GB",
               "CacheControl": "max-age=60"}
    s3.put_object(Bucket=bucket, Key="c", Body=b"{}", **headers)
    for r in (s3.head_object(Bucket=bucket, Key="c"), s3.get_object(Bucket=bucket, Key="c")):
        for name, value in headers.items():
            assert r[name] == value, name


def test_expires_round_trips(s3, raw_s3, bucket):
    expires = datetime.datetime(2037, 10, 21, 7, 28, tzinfo=datetime.timezone.utc)
    # botocore sends the header as an HTTP-date: "Wed, 21 Oct 2037 07:28:00 GMT".
    s3.put_object(Bucket=bucket, Key="exp", Body=b"x", Expires=expires)
    head = raw_s3.request("HEAD", f"/{bucket}/exp")
    assert head.headers.get("expires") == "Wed, 21 Oct 2037 07:28:00 GMT", head


def test_correct_content_md5_is_accepted(s3, bucket):
    body = b"checked body"
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    put = s3.put_object(Bucket=bucket, Key="md5", Body=body, ContentMD5=md5)
    assert put["ETag"] == quoted_md5(body)


@pytest.mark.stratus_only  # what real S3 answers here is not documented
def test_empty_upload_with_expect_continue_leaves_the_connection_usable(make_s3_client, bucket):
    # botocore sends "Expect: 100-continue" with file-like bodies, empty ones too. A server
    # that answers such a request without an interim 100 Continue (RFC 9110 allows it for an
    # empty body) leaves botocore holding that final status for the pooled connection: the
    # next upload on it stalls until the read timeout (boto/botocore#3755). `aws s3 sync` of
    # a tree with an empty file then hangs 60 s per hit.
    client = make_s3_client(max_pool_connections=1, read_timeout=2)
    client.put_object(Bucket=bucket, Key="empty", Body=io.BytesIO(b""))
    client.put_object(Bucket=bucket, Key="after", Body=io.BytesIO(b"after the empty one"))
    assert read(client, bucket, "after") == b"after the empty one"
    assert client.head_object(Bucket=bucket, Key="empty")["ContentLength"] == 0


# ----------------------------------------------------------------------------- missing / delete


def test_get_missing_key_fails_no_such_key_naming_the_key(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="dir/missing.txt")
    err = assert_s3_error(e, "NoSuchKey", 404)
    # AWS: the NoSuchKey error body names the key (<Key>) (S3 API reference, Error responses).
    assert err.get("Key") == "dir/missing.txt"
    assert isinstance(e.value, s3.exceptions.NoSuchKey)


def test_head_missing_key_is_404_without_body(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=bucket, Key="missing")
    assert_s3_error(e, "404", 404)


def test_delete_object_removes_it_and_returns_204(s3, bucket):
    s3.put_object(Bucket=bucket, Key="d", Body=b"x")
    r = s3.delete_object(Bucket=bucket, Key="d")
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="d")
    assert_s3_error(e, "NoSuchKey", 404)


def test_delete_missing_key_succeeds(s3, bucket):
    # AWS: deleting a key that does not exist in an unversioned bucket still returns 204.
    r = s3.delete_object(Bucket=bucket, Key="never-was")
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_keys_differing_only_in_case_or_trailing_slash_are_distinct(s3, bucket):
    for key in ("Key", "key", "key/"):
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    for key in ("Key", "key", "key/"):
        assert read(s3, bucket, key) == key.encode()


# ----------------------------------------------------------------------------- ranges


@pytest.fixture
def alphabet(s3, bucket):
    s3.put_object(Bucket=bucket, Key="abc", Body=ALPHABET)
    return "abc"


@pytest.mark.parametrize("range_header, expected, content_range", [
    ("bytes=0-9", ALPHABET[0:10], "bytes 0-9/26"),
    ("bytes=-5", ALPHABET[-5:], "bytes 21-25/26"),
    ("bytes=5-", ALPHABET[5:], "bytes 5-25/26"),
    ("bytes=20-100", ALPHABET[20:], "bytes 20-25/26"),
    ("bytes=25-25", b"z", "bytes 25-25/26"),
])
def test_get_with_range_returns_partial_content(s3, bucket, alphabet, range_header, expected,
                                                content_range):
    r = s3.get_object(Bucket=bucket, Key=alphabet, Range=range_header)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert r["Body"].read() == expected
    assert r["ContentRange"] == content_range
    assert r["ContentLength"] == len(expected)


def test_get_with_range_past_the_end_fails_invalid_range(s3, bucket, alphabet):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key=alphabet, Range="bytes=26-30")
    err = assert_s3_error(e, "InvalidRange", 416)
    # AWS: the error names the object's size (<ActualObjectSize>).
    assert err.get("ActualObjectSize", "26") == "26"


def test_head_with_range_reports_partial_length(s3, bucket, alphabet):
    r = s3.head_object(Bucket=bucket, Key=alphabet, Range="bytes=0-3")
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert r["ContentLength"] == 4
    # Older botocore models HeadObject without ContentRange; the header is there either way.
    assert r["ResponseMetadata"]["HTTPHeaders"]["content-range"] == "bytes 0-3/26"


def test_get_part_number_one_of_a_simple_object_returns_all_of_it(s3, bucket, alphabet):
    r = s3.get_object(Bucket=bucket, Key=alphabet, PartNumber=1)
    assert r["ResponseMetadata"]["HTTPStatusCode"] in (200, 206)
    assert r["Body"].read() == ALPHABET


# ----------------------------------------------------------------------------- conditional GET


@pytest.fixture
def stored(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="cond", Body=b"conditional")
    head = s3.head_object(Bucket=bucket, Key="cond")
    return {"key": "cond", "etag": put["ETag"], "modified": head["LastModified"]}


PAST = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
FUTURE = datetime.datetime(2099, 1, 1, tzinfo=datetime.timezone.utc)


def test_get_with_if_match_of_the_current_etag_returns_the_object(s3, bucket, stored):
    assert read(s3, bucket, stored["key"], IfMatch=stored["etag"]) == b"conditional"


def test_get_with_if_match_of_another_etag_fails_precondition(s3, bucket, stored):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key=stored["key"], IfMatch='"0123456789abcdef0123456789abcdef"')
    assert_s3_error(e, "PreconditionFailed", 412)


def test_get_with_if_none_match_of_the_current_etag_is_not_modified(s3, bucket, stored):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key=stored["key"], IfNoneMatch=stored["etag"])
    # AWS: 304 Not Modified carries no body; the SDK reports the status as the code.
    assert_s3_error(e, "304", 304)


def test_get_with_if_none_match_of_another_etag_returns_the_object(s3, bucket, stored):
    assert read(s3, bucket, stored["key"], IfNoneMatch='"nope"') == b"conditional"


def test_get_with_if_modified_since_in_the_future_is_not_modified(s3, bucket, stored):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key=stored["key"], IfModifiedSince=FUTURE)
    assert_s3_error(e, "304", 304)


def test_get_with_if_modified_since_in_the_past_returns_the_object(s3, bucket, stored):
    assert read(s3, bucket, stored["key"], IfModifiedSince=PAST) == b"conditional"


def test_get_with_if_unmodified_since_in_the_past_fails_precondition(s3, bucket, stored):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key=stored["key"], IfUnmodifiedSince=PAST)
    assert_s3_error(e, "PreconditionFailed", 412)


def test_get_with_if_unmodified_since_in_the_future_returns_the_object(s3, bucket, stored):
    assert read(s3, bucket, stored["key"], IfUnmodifiedSince=FUTURE) == b"conditional"


@pytest.mark.moto_gap("moto checks If-Unmodified-Since even when If-Match holds")
def test_if_match_true_wins_over_if_unmodified_since_false(s3, bucket, stored):
    # AWS: "If both of the If-Match and If-Unmodified-Since headers are present ...
    # If-Match condition evaluates to true, and If-Unmodified-Since condition
    # evaluates to false; then, S3 returns 200 OK" (S3 API reference, GetObject).
    got = read(s3, bucket, stored["key"], IfMatch=stored["etag"], IfUnmodifiedSince=PAST)
    assert got == b"conditional"


def test_if_none_match_false_wins_over_if_modified_since_true(s3, bucket, stored):
    # AWS: If-None-Match false and If-Modified-Since true -> 304 Not Modified
    # (S3 API reference, GetObject).
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key=stored["key"], IfNoneMatch=stored["etag"],
                      IfModifiedSince=PAST)
    assert_s3_error(e, "304", 304)


def test_head_with_if_match_of_another_etag_is_412(s3, bucket, stored):
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=bucket, Key=stored["key"], IfMatch='"nope"')
    assert_s3_error(e, "412", 412)


def test_head_with_if_none_match_of_the_current_etag_is_304(s3, bucket, stored):
    with pytest.raises(ClientError) as e:
        s3.head_object(Bucket=bucket, Key=stored["key"], IfNoneMatch=stored["etag"])
    assert_s3_error(e, "304", 304)


# ----------------------------------------------------------------------------- response overrides


@pytest.mark.moto_gap("moto ignores response-* overrides")
def test_get_response_overrides_replace_the_response_headers(s3, bucket):
    s3.put_object(Bucket=bucket, Key="o", Body=b"x", ContentType="text/plain")
    r = s3.get_object(Bucket=bucket, Key="o",
                      ResponseContentType="application/x-custom",
                      ResponseContentDisposition='attachment; filename="x.bin"',
                      ResponseContentLanguage="fr",
                      ResponseCacheControl="no-cache",
                      ResponseContentEncoding="identity")
    assert r["ContentType"] == "application/x-custom"
    assert r["ContentDisposition"] == 'attachment; filename="x.bin"'
    assert r["ContentLanguage"] == "fr"
    assert r["CacheControl"] == "no-cache"
    assert r["ContentEncoding"] == "identity"
    # The stored object is unchanged.
    assert s3.head_object(Bucket=bucket, Key="o")["ContentType"] == "text/plain"


# ----------------------------------------------------------------------------- attributes


def test_get_object_attributes_reports_etag_size_and_storage_class(s3, bucket):
    if not sdk_has_operation(s3, "GetObjectAttributes"):
        pytest.skip("this boto3 has no GetObjectAttributes")
    body = b"attributes"
    s3.put_object(Bucket=bucket, Key="attrs", Body=body)
    r = s3.get_object_attributes(Bucket=bucket, Key="attrs",
                                 ObjectAttributes=["ETag", "ObjectSize", "StorageClass"])
    # AWS: GetObjectAttributes returns the ETag without the surrounding quotes.
    assert r["ETag"].strip('"') == hashlib.md5(body).hexdigest()
    assert r["ObjectSize"] == len(body)
    assert r["StorageClass"] == "STANDARD"
    assert r["LastModified"] is not None


def test_get_object_attributes_of_missing_key_fails_no_such_key(s3, bucket):
    if not sdk_has_operation(s3, "GetObjectAttributes"):
        pytest.skip("this boto3 has no GetObjectAttributes")
    with pytest.raises(ClientError) as e:
        s3.get_object_attributes(Bucket=bucket, Key="missing", ObjectAttributes=["ETag"])
    assert_s3_error(e, "NoSuchKey", 404)


# ----------------------------------------------------------------------------- tagging


def tag_set(s3, bucket, key, **kwargs):
    return {t["Key"]: t["Value"]
            for t in s3.get_object_tagging(Bucket=bucket, Key=key, **kwargs)["TagSet"]}


def test_put_object_with_tagging_header_stores_tags_and_counts_them(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x", Tagging="team=core&env=test%20env")
    assert tag_set(s3, bucket, "t") == {"team": "core", "env": "test env"}
    # AWS: GetObject reports the number of tags in x-amz-tagging-count.
    assert s3.get_object(Bucket=bucket, Key="t")["TagCount"] == 2


def test_put_object_tagging_replaces_the_tag_set(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x", Tagging="a=1&b=2")
    s3.put_object_tagging(Bucket=bucket, Key="t",
                          Tagging={"TagSet": [{"Key": "c", "Value": "3"}]})
    assert tag_set(s3, bucket, "t") == {"c": "3"}


def test_delete_object_tagging_leaves_no_tags(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x", Tagging="a=1")
    r = s3.delete_object_tagging(Bucket=bucket, Key="t")
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert tag_set(s3, bucket, "t") == {}
    assert "TagCount" not in s3.get_object(Bucket=bucket, Key="t")


def test_object_without_tags_has_an_empty_tag_set(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x")
    assert tag_set(s3, bucket, "t") == {}


def test_object_tagging_of_missing_key_fails_no_such_key(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_object_tagging(Bucket=bucket, Key="missing")
    assert_s3_error(e, "NoSuchKey", 404)


@pytest.mark.moto_gap("moto accepts duplicate tag keys")
def test_put_object_tagging_with_duplicate_keys_fails_invalid_tag(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x")
    with pytest.raises(ClientError) as e:
        s3.put_object_tagging(Bucket=bucket, Key="t", Tagging={"TagSet": [
            {"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]})
    # AWS: "Cannot provide multiple Tags with the same key" (InvalidTag, 400).
    assert_s3_error(e, "InvalidTag", 400)


def test_more_than_ten_object_tags_fail(s3, bucket):
    s3.put_object(Bucket=bucket, Key="t", Body=b"x")
    tags = [{"Key": f"k{i}", "Value": "v"} for i in range(11)]
    # AWS: an object can have up to 10 tags (S3 user guide, "Categorizing your objects using
    # tags"); more is 400 BadRequest "Object tags cannot be greater than 10".
    with pytest.raises(ClientError) as e:
        s3.put_object_tagging(Bucket=bucket, Key="t", Tagging={"TagSet": tags})
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert e.value.response["Error"]["Code"] in ("BadRequest", "InvalidTag")
