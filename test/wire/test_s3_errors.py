"""S3 error responses on the wire: the XML <Error> body (Code, Message, RequestId and the
error's own fields), its status, and the request-id headers, checked with raw signed
requests; bodiless HEAD errors; malformed XML bodies.

AWS: S3 API reference, "Error responses" and "List of error codes".
"""
import hashlib

import pytest
from botocore.exceptions import ClientError

from s3_calls import parse_error, unique_bucket_name
from s3_checksums import content_md5


def assert_xml_error(response, code, status):
    """Checks status, content type and the <Error> body; returns the parsed fields."""
    assert response.status == status, response
    assert "xml" in response.headers.get("content-type", ""), response
    err = parse_error(response.body)
    assert err["Code"] == code, response
    assert err.get("Message"), response
    assert err.get("RequestId"), response
    return err


def test_no_such_bucket_error_body(raw_s3):
    name = unique_bucket_name("missing")
    r = raw_s3.get(f"/{name}/some/key")
    err = assert_xml_error(r, "NoSuchBucket", 404)
    assert err.get("BucketName") == name


def test_no_such_key_error_body(raw_s3, bucket):
    r = raw_s3.get(f"/{bucket}/dir/missing%20file.txt")
    err = assert_xml_error(r, "NoSuchKey", 404)
    assert err.get("Key") == "dir/missing file.txt"


def test_no_such_upload_error_body(raw_s3, bucket):
    r = raw_s3.get(f"/{bucket}/k", query={"uploadId": "no-such-upload"})
    err = assert_xml_error(r, "NoSuchUpload", 404)
    assert err.get("UploadId", "no-such-upload") == "no-such-upload"


def test_invalid_range_error_body(raw_s3, s3, bucket):
    s3.put_object(Bucket=bucket, Key="ten", Body=b"0123456789")
    r = raw_s3.get(f"/{bucket}/ten", headers={"Range": "bytes=10-20"})
    err = assert_xml_error(r, "InvalidRange", 416)
    assert err.get("ActualObjectSize", "10") == "10"
    assert r.headers.get("content-range", "bytes */10") == "bytes */10"


def test_precondition_failed_error_body(raw_s3, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    r = raw_s3.get(f"/{bucket}/k", headers={"If-Match": '"0123456789abcdef0123456789abcdef"'})
    err = assert_xml_error(r, "PreconditionFailed", 412)
    assert err.get("Condition", "If-Match") == "If-Match"


def test_not_modified_has_no_body(raw_s3, s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="k", Body=b"x")["ETag"]
    r = raw_s3.get(f"/{bucket}/k", headers={"If-None-Match": etag})
    assert r.status == 304, r
    assert r.body == b""
    assert r.headers.get("etag") == etag


@pytest.mark.moto_gap("moto answers 404 NoSuchVersion")
def test_method_not_allowed_error_body_for_a_delete_marker(raw_s3, s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]
    r = raw_s3.get(f"/{versioned_bucket}/k", query={"versionId": marker})
    err = assert_xml_error(r, "MethodNotAllowed", 405)
    assert err.get("Method", "GET") == "GET"
    assert err.get("ResourceType", "DeleteMarker") == "DeleteMarker"
    assert r.headers.get("x-amz-delete-marker") == "true"


@pytest.mark.moto_gap("moto sends x-amzn-requestid, not x-amz-request-id")
def test_error_request_id_is_the_x_amz_request_id_header(raw_s3, bucket):
    r = raw_s3.get(f"/{bucket}/missing")
    err = assert_xml_error(r, "NoSuchKey", 404)
    assert r.headers.get("x-amz-request-id") == err["RequestId"], r
    assert r.headers.get("x-amz-id-2"), r


def test_head_errors_have_a_status_but_no_body(raw_s3, bucket):
    r = raw_s3.request("HEAD", f"/{bucket}/missing")
    assert r.status == 404, r
    assert r.body == b""
    r = raw_s3.request("HEAD", f"/{unique_bucket_name('missing')}")
    assert r.status == 404, r
    assert r.body == b""


MALFORMED_DELETE = b"<Delete><Object><Key>a</Key></Object>"  # never closed


@pytest.mark.moto_gap("moto answers 500 to a malformed DeleteObjects body")
def test_delete_objects_with_malformed_xml_fails_malformed_xml(raw_s3, bucket):
    r = raw_s3.request("POST", f"/{bucket}", body=MALFORMED_DELETE, query="delete",
                       headers={"Content-MD5": content_md5(MALFORMED_DELETE),
                                "Content-Type": "application/xml"})
    assert_xml_error(r, "MalformedXML", 400)


@pytest.mark.moto_gap("moto accepts a DeleteObjects body that is not a Delete document")
def test_delete_objects_with_a_foreign_document_fails_malformed_xml(raw_s3, bucket):
    body = b"<NotDelete><Object><Key>a</Key></Object></NotDelete>"
    r = raw_s3.request("POST", f"/{bucket}", body=body, query="delete",
                       headers={"Content-MD5": content_md5(body)})
    assert_xml_error(r, "MalformedXML", 400)


@pytest.mark.moto_gap("moto answers 500 to a malformed versioning body")
def test_put_bucket_versioning_with_malformed_xml_fails_malformed_xml(raw_s3, bucket):
    body = b"<VersioningConfiguration><Status>Enabled</Stat"
    r = raw_s3.request("PUT", f"/{bucket}", body=body, query="versioning",
                       headers={"Content-MD5": content_md5(body)})
    assert_xml_error(r, "MalformedXML", 400)


@pytest.mark.moto_gap("moto does not check x-amz-content-sha256 against the body")
def test_body_that_does_not_match_its_signed_sha256_is_rejected(raw_s3, s3, bucket):
    r = raw_s3.put(f"/{bucket}/k", b"the real body",
                   headers={"x-amz-content-sha256": hashlib.sha256(b"another").hexdigest()})
    # AWS: 400 XAmzContentSHA256Mismatch, "The provided 'x-amz-content-sha256' header does
    # not match what was computed."
    assert_xml_error(r, "XAmzContentSHA256Mismatch", 400)
    r = raw_s3.request("HEAD", f"/{bucket}/k")
    assert r.status == 404


@pytest.mark.moto_gap("moto sends x-amzn-requestid, not x-amz-request-id")
def test_client_error_carries_the_request_id(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=bucket, Key="missing")
    meta = e.value.response["ResponseMetadata"]
    assert meta["RequestId"]
    assert meta["HTTPHeaders"]["x-amz-request-id"] == meta["RequestId"]
