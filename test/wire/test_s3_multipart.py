"""S3 multipart uploads through boto3: create/upload/complete, the "-N" ETag, ListParts
and ListMultipartUploads paging, abort, part-size and part-list errors, UploadPartCopy,
and the boto3 transfer manager.

Written to AWS's documented behaviour so the same file passes against real S3
(`pytest --aws`), stratus and moto_server.
"""
import hashlib
import os

import pytest
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from s3_calls import MIB, assert_s3_error

PART = os.urandom(5 * MIB)  # the smallest size a part other than the last may have
TAIL = os.urandom(1000)


def multipart_etag(parts):
    """The ETag S3 gives a completed multipart upload: MD5 of the parts' MD5s, then -N."""
    digests = b"".join(hashlib.md5(p).digest() for p in parts)
    return f'"{hashlib.md5(digests).hexdigest()}-{len(parts)}"'


def upload(s3, bucket, key, parts, **create_kwargs):
    """Creates an upload and uploads `parts` (numbered from 1); returns (upload_id, part list)."""
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key, **create_kwargs)["UploadId"]
    done = []
    for number, body in enumerate(parts, start=1):
        etag = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number,
                              Body=body)["ETag"]
        done.append({"PartNumber": number, "ETag": etag})
    return upload_id, done


def complete(s3, bucket, key, upload_id, parts, **kwargs):
    return s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                        MultipartUpload={"Parts": parts}, **kwargs)


# ----------------------------------------------------------------------------- happy path


def test_multipart_upload_assembles_parts_and_reports_the_dash_n_etag(s3, bucket):
    upload_id, parts = upload(s3, bucket, "big.bin", [PART, TAIL])
    assert parts[0]["ETag"] == '"' + hashlib.md5(PART).hexdigest() + '"'
    r = complete(s3, bucket, "big.bin", upload_id, parts)
    assert r["Key"] == "big.bin"
    assert r["Bucket"] == bucket
    # AWS: a multipart object's ETag is not the MD5 of its data; it ends in -<parts>.
    assert r["ETag"] == multipart_etag([PART, TAIL])
    got = s3.get_object(Bucket=bucket, Key="big.bin")
    assert got["ContentLength"] == len(PART) + len(TAIL)
    assert got["ETag"] == r["ETag"]
    assert got["Body"].read() == PART + TAIL


def test_multipart_upload_of_one_small_part(s3, bucket):
    upload_id, parts = upload(s3, bucket, "one", [b"only part"])
    r = complete(s3, bucket, "one", upload_id, parts)
    assert r["ETag"] == multipart_etag([b"only part"])
    assert s3.get_object(Bucket=bucket, Key="one")["Body"].read() == b"only part"


def test_multipart_object_keeps_the_metadata_given_at_create(s3, bucket):
    upload_id, parts = upload(s3, bucket, "meta", [b"x"], ContentType="text/csv",
                              Metadata={"source": "mpu"}, Tagging="kind=multipart")
    complete(s3, bucket, "meta", upload_id, parts)
    head = s3.head_object(Bucket=bucket, Key="meta")
    assert head["ContentType"] == "text/csv"
    assert head["Metadata"] == {"source": "mpu"}
    tags = s3.get_object_tagging(Bucket=bucket, Key="meta")["TagSet"]
    assert tags == [{"Key": "kind", "Value": "multipart"}]


@pytest.mark.moto_gap("moto answers 200 and ignores partNumber")
def test_get_with_part_number_returns_that_part(s3, bucket):
    upload_id, parts = upload(s3, bucket, "parts", [PART, TAIL])
    complete(s3, bucket, "parts", upload_id, parts)
    r = s3.get_object(Bucket=bucket, Key="parts", PartNumber=2)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert r["Body"].read() == TAIL
    assert r["PartsCount"] == 2
    assert r["ContentRange"] == f"bytes {len(PART)}-{len(PART) + len(TAIL) - 1}/" \
                                f"{len(PART) + len(TAIL)}"
    head = s3.head_object(Bucket=bucket, Key="parts", PartNumber=1)
    assert head["ContentLength"] == len(PART)
    assert head["PartsCount"] == 2


def test_reuploading_a_part_replaces_it(s3, bucket):
    upload_id, _ = upload(s3, bucket, "re", [b"first try"])
    etag = s3.upload_part(Bucket=bucket, Key="re", UploadId=upload_id, PartNumber=1,
                          Body=b"second try")["ETag"]
    complete(s3, bucket, "re", upload_id, [{"PartNumber": 1, "ETag": etag}])
    assert s3.get_object(Bucket=bucket, Key="re")["Body"].read() == b"second try"


def test_complete_may_skip_uploaded_parts_and_use_gaps_in_numbers(s3, bucket):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="gaps")["UploadId"]
    used = []
    for number, body in ((1, PART), (3, b"unused"), (7, b"last")):
        etag = s3.upload_part(Bucket=bucket, Key="gaps", UploadId=upload_id, PartNumber=number,
                              Body=body)["ETag"]
        if number != 3:
            used.append({"PartNumber": number, "ETag": etag})
    complete(s3, bucket, "gaps", upload_id, used)
    assert s3.get_object(Bucket=bucket, Key="gaps")["Body"].read() == PART + b"last"


def test_upload_part_copy_with_a_range(s3, bucket):
    source = PART + TAIL
    s3.put_object(Bucket=bucket, Key="source", Body=source)
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="copied")["UploadId"]
    first = s3.upload_part_copy(Bucket=bucket, Key="copied", UploadId=upload_id, PartNumber=1,
                                CopySource={"Bucket": bucket, "Key": "source"},
                                CopySourceRange=f"bytes=0-{len(PART) - 1}")
    assert first["CopyPartResult"]["ETag"] == '"' + hashlib.md5(PART).hexdigest() + '"'
    second = s3.upload_part_copy(Bucket=bucket, Key="copied", UploadId=upload_id, PartNumber=2,
                                 CopySource={"Bucket": bucket, "Key": "source"},
                                 CopySourceRange=f"bytes={len(PART)}-{len(PART) + 99}")
    complete(s3, bucket, "copied", upload_id, [
        {"PartNumber": 1, "ETag": first["CopyPartResult"]["ETag"]},
        {"PartNumber": 2, "ETag": second["CopyPartResult"]["ETag"]}])
    assert s3.get_object(Bucket=bucket, Key="copied")["Body"].read() == source[:len(PART) + 100]


def test_upload_part_copy_of_a_whole_object(s3, bucket):
    s3.put_object(Bucket=bucket, Key="small", Body=b"whole object")
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="copied")["UploadId"]
    r = s3.upload_part_copy(Bucket=bucket, Key="copied", UploadId=upload_id, PartNumber=1,
                            CopySource={"Bucket": bucket, "Key": "small"})
    complete(s3, bucket, "copied", upload_id,
             [{"PartNumber": 1, "ETag": r["CopyPartResult"]["ETag"]}])
    assert s3.get_object(Bucket=bucket, Key="copied")["Body"].read() == b"whole object"


# ----------------------------------------------------------------------------- listing


def test_list_parts_pages_with_max_parts(s3, bucket):
    upload_id, parts = upload(s3, bucket, "lp", [b"a" * 10, b"b" * 20, b"c" * 30])
    r = s3.list_parts(Bucket=bucket, Key="lp", UploadId=upload_id, MaxParts=2)
    assert [p["PartNumber"] for p in r["Parts"]] == [1, 2]
    assert [p["Size"] for p in r["Parts"]] == [10, 20]
    assert [p["ETag"] for p in r["Parts"]] == [p["ETag"] for p in parts[:2]]
    assert r["IsTruncated"] is True
    assert r["NextPartNumberMarker"] == 2
    assert r["UploadId"] == upload_id
    r = s3.list_parts(Bucket=bucket, Key="lp", UploadId=upload_id, MaxParts=2,
                      PartNumberMarker=r["NextPartNumberMarker"])
    assert [p["PartNumber"] for p in r["Parts"]] == [3]
    assert r["IsTruncated"] is False


def test_list_parts_paginator_gives_every_part_once(s3, bucket):
    upload_id, _ = upload(s3, bucket, "lp", [b"p"] * 5)
    pages = s3.get_paginator("list_parts").paginate(Bucket=bucket, Key="lp", UploadId=upload_id,
                                                    PaginationConfig={"PageSize": 2})
    assert [p["PartNumber"] for page in pages for p in page.get("Parts", [])] == [1, 2, 3, 4, 5]


def test_list_multipart_uploads_shows_uploads_in_progress_only(s3, bucket):
    in_progress = s3.create_multipart_upload(Bucket=bucket, Key="dir/pending")["UploadId"]
    upload_id, parts = upload(s3, bucket, "dir/done", [b"x"])
    complete(s3, bucket, "dir/done", upload_id, parts)
    r = s3.list_multipart_uploads(Bucket=bucket)
    assert [(u["Key"], u["UploadId"]) for u in r["Uploads"]] == [("dir/pending", in_progress)]
    assert r["Uploads"][0]["Initiated"] is not None
    assert s3.list_multipart_uploads(Bucket=bucket, Prefix="other/").get("Uploads", []) == []


def test_list_multipart_uploads_pages_with_key_and_upload_id_markers(s3, bucket):
    created = sorted((key, s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"])
                     for key in ("a", "b", "c"))
    seen = []
    kwargs = {"MaxUploads": 2}
    for _ in range(5):
        r = s3.list_multipart_uploads(Bucket=bucket, **kwargs)
        seen += [(u["Key"], u["UploadId"]) for u in r.get("Uploads", [])]
        if not r["IsTruncated"]:
            break
        kwargs = {"MaxUploads": 2, "KeyMarker": r["NextKeyMarker"],
                  "UploadIdMarker": r["NextUploadIdMarker"]}
    assert seen == created


# ----------------------------------------------------------------------------- abort / errors


@pytest.mark.moto_gap("moto answers 500 for a part of an aborted upload")
def test_abort_removes_the_upload_then_it_is_no_such_upload(s3, bucket):
    upload_id, parts = upload(s3, bucket, "ab", [b"x"])
    r = s3.abort_multipart_upload(Bucket=bucket, Key="ab", UploadId=upload_id)
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    for call in (lambda: s3.list_parts(Bucket=bucket, Key="ab", UploadId=upload_id),
                 lambda: s3.upload_part(Bucket=bucket, Key="ab", UploadId=upload_id,
                                        PartNumber=2, Body=b"y"),
                 lambda: complete(s3, bucket, "ab", upload_id, parts)):
        with pytest.raises(ClientError) as e:
            call()
        assert_s3_error(e, "NoSuchUpload", 404)
        assert isinstance(e.value, s3.exceptions.NoSuchUpload)
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key="ab")


@pytest.mark.moto_gap("moto answers 500 for an unknown upload id")
def test_unknown_upload_id_is_no_such_upload(s3, bucket):
    with pytest.raises(ClientError) as e:
        s3.upload_part(Bucket=bucket, Key="k", UploadId="no-such-upload-id", PartNumber=1,
                       Body=b"x")
    err = assert_s3_error(e, "NoSuchUpload", 404)
    assert err.get("UploadId", "no-such-upload-id") == "no-such-upload-id"


def test_non_last_part_smaller_than_5_mib_fails_entity_too_small(s3, bucket):
    upload_id, parts = upload(s3, bucket, "small", [b"a" * 1024, b"b" * 1024])
    with pytest.raises(ClientError) as e:
        complete(s3, bucket, "small", upload_id, parts)
    # AWS: "Your proposed upload is smaller than the minimum allowed object size. Each part
    # must be at least 5 MB in size, except the last part." (CompleteMultipartUpload).
    assert_s3_error(e, "EntityTooSmall", 400)


def test_complete_with_a_wrong_part_etag_fails_invalid_part(s3, bucket):
    upload_id, parts = upload(s3, bucket, "wrong", [b"x"])
    parts[0]["ETag"] = '"0123456789abcdef0123456789abcdef"'
    with pytest.raises(ClientError) as e:
        complete(s3, bucket, "wrong", upload_id, parts)
    assert_s3_error(e, "InvalidPart", 400)


def test_complete_with_a_part_never_uploaded_fails_invalid_part(s3, bucket):
    upload_id, parts = upload(s3, bucket, "missing-part", [b"x"])
    parts.append({"PartNumber": 2, "ETag": parts[0]["ETag"]})
    with pytest.raises(ClientError) as e:
        complete(s3, bucket, "missing-part", upload_id, parts)
    assert_s3_error(e, "InvalidPart", 400)


@pytest.mark.moto_gap("moto sorts the parts itself")
def test_complete_with_parts_out_of_order_fails_invalid_part_order(s3, bucket):
    # Both parts are full-sized so that EntityTooSmall cannot be the answer instead.
    upload_id, parts = upload(s3, bucket, "order", [PART, PART])
    with pytest.raises(ClientError) as e:
        complete(s3, bucket, "order", upload_id, list(reversed(parts)))
    # AWS: "The list of parts was not in ascending order. The parts list must be specified
    # in order by part number." (CompleteMultipartUpload).
    assert_s3_error(e, "InvalidPartOrder", 400)


def test_complete_with_no_parts_fails_malformed_xml(s3, bucket):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="none")["UploadId"]
    with pytest.raises(ClientError) as e:
        complete(s3, bucket, "none", upload_id, [])
    assert_s3_error(e, "MalformedXML", 400)


@pytest.mark.parametrize("number", [
    pytest.param(0, marks=pytest.mark.moto_gap("moto answers NoSuchUpload for part number 0")),
    10001])
def test_part_number_outside_1_to_10000_is_rejected(s3, bucket, number):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="range")["UploadId"]
    with pytest.raises(ClientError) as e:
        s3.upload_part(Bucket=bucket, Key="range", UploadId=upload_id, PartNumber=number,
                       Body=b"x")
    # AWS: "Part number must be an integer between 1 and 10000, inclusive" (InvalidArgument).
    assert_s3_error(e, "InvalidArgument", 400)


# ----------------------------------------------------------------------------- transfer manager


def transfer_round_trip(s3, bucket, tmp_path, size):
    data = os.urandom(size)
    src = tmp_path / "upload.bin"
    src.write_bytes(data)
    config = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB,
                            max_concurrency=4)
    s3.upload_file(str(src), bucket, "transfer/file.bin", Config=config)
    head = s3.head_object(Bucket=bucket, Key="transfer/file.bin")
    assert head["ContentLength"] == size
    parts = -(-size // (5 * MIB))
    assert head["ETag"].endswith(f'-{parts}"'), head["ETag"]
    dst = tmp_path / "download.bin"
    s3.download_file(bucket, "transfer/file.bin", str(dst), Config=config)
    assert hashlib.sha256(dst.read_bytes()).digest() == hashlib.sha256(data).digest()


def test_transfer_manager_round_trips_a_20_mib_file_byte_identical(s3, bucket, tmp_path):
    transfer_round_trip(s3, bucket, tmp_path, 20 * MIB + 12345)


@pytest.mark.slow
def test_transfer_manager_round_trips_a_200_mib_file(s3, bucket, tmp_path):
    transfer_round_trip(s3, bucket, tmp_path, 200 * MIB)
