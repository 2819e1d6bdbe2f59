"""S3 integrity checks: flexible checksums (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) on
PutObject and multipart uploads, ChecksumMode on GET/HEAD, BadDigest/InvalidDigest for
wrong or malformed digests, and aws-chunked streaming bodies sent raw.

Checksum values are computed by s3_checksums.py, not taken from the SDK. Tests that need
an SDK feature (an algorithm, ChecksumType) skip when this interpreter's botocore lacks it.
"""
import base64
import hashlib
import zlib

import pytest
from botocore.exceptions import ClientError, FlexibleChecksumError

import s3_aws_chunked
import s3_checksums
import signed_request
from s3_calls import MIB, assert_s3_error, sdk_has_parameter

try:
    from botocore.exceptions import MissingDependencyException
except ImportError:  # older botocore
    MissingDependencyException = ()

ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]
BODY = b"The quick brown fox jumps over the lazy dog\n" * 100


def skip_unless_sdk_knows(s3, algorithm, operation="PutObject"):
    if not sdk_has_parameter(s3, operation, "Checksum" + algorithm):
        pytest.skip(f"this botocore has no Checksum{algorithm}")


def put_with_algorithm(s3, bucket, key, algorithm, body=BODY):
    try:
        return s3.put_object(Bucket=bucket, Key=key, Body=body, ChecksumAlgorithm=algorithm)
    except (MissingDependencyException, FlexibleChecksumError) as e:
        pytest.skip(f"this botocore cannot compute {algorithm}: {e}")


# ----------------------------------------------------------------------------- PutObject


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_put_object_with_checksum_algorithm_returns_the_checksum(s3, bucket, algorithm):
    skip_unless_sdk_knows(s3, algorithm)
    r = put_with_algorithm(s3, bucket, "k", algorithm)
    assert r["Checksum" + algorithm] == s3_checksums.CHECKSUMS[algorithm](BODY)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_get_and_head_with_checksum_mode_return_the_stored_checksum(s3, bucket, algorithm):
    skip_unless_sdk_knows(s3, algorithm)
    put_with_algorithm(s3, bucket, "k", algorithm)
    expected = s3_checksums.CHECKSUMS[algorithm](BODY)
    head = s3.head_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert head["Checksum" + algorithm] == expected
    got = s3.get_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert got["Checksum" + algorithm] == expected
    assert got["Body"].read() == BODY  # newer botocore also validates the checksum here


@pytest.mark.moto_gap("moto ignores a checksum value sent without x-amz-sdk-checksum-algorithm")
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_put_object_with_a_precomputed_checksum_stores_it(s3, bucket, algorithm):
    skip_unless_sdk_knows(s3, algorithm)
    value = s3_checksums.CHECKSUMS[algorithm](BODY)
    r = s3.put_object(Bucket=bucket, Key="k", Body=BODY, **{"Checksum" + algorithm: value})
    assert r["Checksum" + algorithm] == value
    head = s3.head_object(Bucket=bucket, Key="k", ChecksumMode="ENABLED")
    assert head["Checksum" + algorithm] == value


@pytest.mark.moto_gap("moto does not verify checksums")
@pytest.mark.parametrize("algorithm", ["CRC32", "SHA256"])
def test_put_object_with_a_wrong_checksum_fails_bad_digest(s3, bucket, algorithm):
    wrong = s3_checksums.CHECKSUMS[algorithm](b"some other body")
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="k", Body=BODY, **{"Checksum" + algorithm: wrong})
    # AWS: "The CRC32 you specified did not match the calculated checksum." (400 BadDigest).
    assert_s3_error(e, "BadDigest", 400)
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key="k")


@pytest.mark.moto_gap("moto does not verify checksums")
def test_put_object_with_a_malformed_checksum_is_rejected(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="k", Body=BODY, ChecksumCRC32="not a checksum")
    # AWS: a value that is not the base64 of a 4-byte CRC32 is 400 InvalidRequest
    # ("Value for x-amz-checksum-crc32 header is invalid.").
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert e.value.response["Error"]["Code"] in ("InvalidRequest", "InvalidDigest", "BadDigest")


@pytest.mark.moto_gap("moto does not verify Content-MD5")
def test_put_object_with_a_wrong_content_md5_fails_bad_digest(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="k", Body=BODY,
                      ContentMD5=s3_checksums.content_md5(b"other"))
    # AWS: "The Content-MD5 you specified did not match what we received." (400 BadDigest).
    assert_s3_error(e, "BadDigest", 400)


@pytest.mark.moto_gap("moto does not verify Content-MD5")
def test_put_object_with_a_malformed_content_md5_fails_invalid_digest(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key="k", Body=BODY, ContentMD5="not-base64!")
    # AWS: "The Content-MD5 you specified is not valid." (400 InvalidDigest).
    assert_s3_error(e, "InvalidDigest", 400)


# ----------------------------------------------------------------------------- multipart


def upload_parts_with_checksums(s3, bucket, key, parts, algorithm, **create_kwargs):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key, ChecksumAlgorithm=algorithm,
                                           **create_kwargs)["UploadId"]
    done = []
    for number, body in enumerate(parts, start=1):
        value = s3_checksums.CHECKSUMS[algorithm](body)
        r = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number,
                           Body=body, **{"Checksum" + algorithm: value})
        assert r["Checksum" + algorithm] == value
        done.append({"PartNumber": number, "ETag": r["ETag"], "Checksum" + algorithm: value})
    return upload_id, done


@pytest.mark.moto_gap("moto does not compute composite multipart checksums")
@pytest.mark.parametrize("algorithm", ["CRC32", "SHA256"])
def test_multipart_upload_with_checksums_reports_the_composite_checksum(s3, bucket, algorithm):
    parts = [b"a" * (5 * MIB), b"tail part"]
    upload_id, done = upload_parts_with_checksums(s3, bucket, "mpu", parts, algorithm)
    listed = s3.list_parts(Bucket=bucket, Key="mpu", UploadId=upload_id)["Parts"]
    assert [p["Checksum" + algorithm] for p in listed] == [d["Checksum" + algorithm] for d in done]
    r = s3.complete_multipart_upload(Bucket=bucket, Key="mpu", UploadId=upload_id,
                                     MultipartUpload={"Parts": done})
    # AWS: a COMPOSITE checksum is the checksum of the concatenated part checksums,
    # followed by -<number of parts> (S3 user guide, "Checking object integrity").
    expected = s3_checksums.composite(algorithm, parts)
    assert r["Checksum" + algorithm] == expected
    head = s3.head_object(Bucket=bucket, Key="mpu", ChecksumMode="ENABLED")
    assert head["Checksum" + algorithm] == expected


@pytest.mark.moto_gap("moto does not support full-object multipart checksums")
def test_multipart_upload_with_a_full_object_crc32(s3, bucket):
    if not sdk_has_parameter(s3, "CreateMultipartUpload", "ChecksumType"):
        pytest.skip("this botocore has no ChecksumType")
    parts = [bytes(range(256)) * (5 * 4096), b"the last part"]
    upload_id, done = upload_parts_with_checksums(s3, bucket, "full", parts, "CRC32",
                                                  ChecksumType="FULL_OBJECT")
    whole = s3_checksums.crc32(b"".join(parts))
    r = s3.complete_multipart_upload(Bucket=bucket, Key="full", UploadId=upload_id,
                                     MultipartUpload={"Parts": done}, ChecksumType="FULL_OBJECT",
                                     ChecksumCRC32=whole)
    # AWS: a FULL_OBJECT checksum is the CRC of the whole object, with no -N suffix.
    assert r["ChecksumCRC32"] == whole
    assert r["ChecksumType"] == "FULL_OBJECT"
    head = s3.head_object(Bucket=bucket, Key="full", ChecksumMode="ENABLED")
    assert head["ChecksumCRC32"] == whole


@pytest.mark.moto_gap("moto does not verify part checksums")
def test_upload_part_with_a_wrong_checksum_fails_bad_digest(s3, bucket):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="k",
                                           ChecksumAlgorithm="SHA256")["UploadId"]
    with pytest.raises(ClientError) as e:
        s3.upload_part(Bucket=bucket, Key="k", UploadId=upload_id, PartNumber=1, Body=BODY,
                       ChecksumSHA256=s3_checksums.sha256(b"other"))
    assert_s3_error(e, "BadDigest", 400)


@pytest.mark.moto_gap("moto does not return checksums from GetObjectAttributes")
def test_get_object_attributes_reports_checksum_and_parts(s3, bucket):
    parts = [b"p" * (5 * MIB), b"end"]
    upload_id, done = upload_parts_with_checksums(s3, bucket, "attrs", parts, "SHA256")
    s3.complete_multipart_upload(Bucket=bucket, Key="attrs", UploadId=upload_id,
                                 MultipartUpload={"Parts": done})
    r = s3.get_object_attributes(Bucket=bucket, Key="attrs",
                                 ObjectAttributes=["Checksum", "ObjectParts", "ObjectSize"])
    assert r["ObjectSize"] == sum(len(p) for p in parts)
    assert r["Checksum"]["ChecksumSHA256"] == s3_checksums.composite("SHA256", parts)
    assert r["ObjectParts"]["TotalPartsCount"] == 2


# ----------------------------------------------------------------------------- aws-chunked


@pytest.mark.moto_gap("moto does not answer with the trailing checksum")
def test_unsigned_aws_chunked_body_with_a_crc32_trailer_is_decoded(raw_s3, s3, bucket):
    data = bytes(range(256)) * 300  # 76,800 bytes in 3 chunks of 32 KiB or less
    value = s3_checksums.crc32(data)
    body = s3_aws_chunked.unsigned_trailer_body(data, 32 * 1024, "x-amz-checksum-crc32", value)
    headers = s3_aws_chunked.unsigned_trailer_headers(data, body, "x-amz-checksum-crc32")
    r = raw_s3.put(f"/{bucket}/chunked", body, headers=headers)
    assert r.status == 200, r
    got = s3.get_object(Bucket=bucket, Key="chunked")
    assert got["Body"].read() == data
    assert got["ContentLength"] == len(data)
    # Content-Encoding: aws-chunked describes the request only; it is not stored.
    assert "aws-chunked" not in got.get("ContentEncoding", "")
    # AWS: PutObject answers with the checksum it verified, trailer or header alike.
    assert r.headers.get("x-amz-checksum-crc32") == value


@pytest.mark.moto_gap("moto does not verify trailing checksums")
def test_unsigned_aws_chunked_body_with_a_wrong_trailer_fails_bad_digest(raw_s3, s3, bucket):
    data = b"payload" * 3000  # 21,000 bytes: chunks of 8 KiB, the smallest S3 allows
    wrong = base64.b64encode((zlib.crc32(data) ^ 1).to_bytes(4, "big")).decode()
    body = s3_aws_chunked.unsigned_trailer_body(data, 8192, "x-amz-checksum-crc32", wrong)
    headers = s3_aws_chunked.unsigned_trailer_headers(data, body, "x-amz-checksum-crc32")
    r = raw_s3.put(f"/{bucket}/bad-trailer", body, headers=headers)
    assert r.status == 400, r
    assert "<Code>BadDigest</Code>" in r.text(), r
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key="bad-trailer")


def signed_chunked_put(raw_s3, bucket, key, data, chunk_size, tamper_chunk=None):
    url = f"{raw_s3.endpoint}/{bucket}/{key}"
    headers, body = s3_aws_chunked.signed_streaming_request(
        url, data, chunk_size, raw_s3.keys["access_key"], raw_s3.keys["secret_key"],
        raw_s3.region, tamper_chunk=tamper_chunk)
    return signed_request.send(raw_s3.endpoint, body, headers, method="PUT",
                               path=f"/{bucket}/{key}", signed=False)


def test_signed_aws_chunked_body_is_verified_and_decoded(raw_s3, s3, bucket):
    data = bytes(range(251)) * 400  # 100,400 bytes: two 64 KiB chunks, the second partial
    r = signed_chunked_put(raw_s3, bucket, "signed-chunks", data, 64 * 1024)
    assert r.status == 200, r
    got = s3.get_object(Bucket=bucket, Key="signed-chunks")
    assert got["Body"].read() == data
    assert got["ETag"] == '"' + hashlib.md5(data).hexdigest() + '"'


@pytest.mark.moto_gap("moto does not check aws-chunked chunk sizes")
def test_aws_chunked_chunk_smaller_than_8_kib_before_the_last_is_rejected(raw_s3, s3, bucket):
    data = b"z" * 10000
    body = s3_aws_chunked.unsigned_trailer_body(data, 4096, "x-amz-checksum-crc32",
                                                s3_checksums.crc32(data))
    headers = s3_aws_chunked.unsigned_trailer_headers(data, body, "x-amz-checksum-crc32")
    r = raw_s3.put(f"/{bucket}/small-chunks", body, headers=headers)
    # AWS: every chunk but the last must be at least 8 KiB (S3 API reference, "Transferring
    # payload in multiple chunks"); a smaller one is 400 InvalidChunkSizeError.
    assert r.status == 400, r
    assert "<Code>InvalidChunkSizeError</Code>" in r.text(), r
