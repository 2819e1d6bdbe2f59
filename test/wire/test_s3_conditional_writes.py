"""S3 conditional writes, the data lake's commit primitive: If-None-Match: * and If-Match on
PutObject and CompleteMultipartUpload, and races between writers.

AWS: conditional writes (S3 user guide, "How to prevent object overwrites with conditional
writes"): If-None-Match: * writes only when no object has the key, else 412; If-Match
writes only when the current ETag matches, else 412; a concurrent conflicting write may
instead get 409 ConditionalRequestConflict, which the caller retries.

Older SDKs (Debian's botocore 1.29) have no IfNoneMatch/IfMatch parameters on writes; the
headers are then added to the signed request by an event handler, which is all the
parameters do.
"""
import threading
import uuid

import pytest
from botocore.exceptions import ClientError

from s3_calls import assert_s3_error, sdk_has_parameter

LOSING_STATUSES = {412, 409}  # PreconditionFailed, or ConditionalRequestConflict


def with_conditions(client, operation, call, if_none_match=None, if_match=None):
    """Runs call() with If-None-Match/If-Match sent as parameters or, for an older SDK, headers."""
    params = {}
    if if_none_match is not None:
        params["IfNoneMatch"] = if_none_match
    if if_match is not None:
        params["IfMatch"] = if_match
    if all(sdk_has_parameter(client, operation, p) for p in params):
        return call(**params)
    headers = {"If-None-Match" if p == "IfNoneMatch" else "If-Match": v for p, v in params.items()}

    def add_headers(request, **_):
        for name, value in headers.items():
            request.headers[name] = value

    event = f"before-sign.s3.{operation}"
    unique_id = "conditional-" + uuid.uuid4().hex
    client.meta.events.register_first(event, add_headers, unique_id=unique_id)
    try:
        return call()
    finally:
        client.meta.events.unregister(event, unique_id=unique_id)


def put(client, bucket, key, body, **conditions):
    return with_conditions(client, "PutObject",
                           lambda **p: client.put_object(Bucket=bucket, Key=key, Body=body, **p),
                           **conditions)


# ----------------------------------------------------------------------------- PutObject


def test_put_with_if_none_match_star_creates_a_new_key(s3, bucket):
    r = put(s3, bucket, "new", b"created", if_none_match="*")
    assert r["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert s3.get_object(Bucket=bucket, Key="new")["Body"].read() == b"created"


def test_put_with_if_none_match_star_on_an_existing_key_fails_precondition(s3, bucket):
    s3.put_object(Bucket=bucket, Key="taken", Body=b"first")
    with pytest.raises(ClientError) as e:
        put(s3, bucket, "taken", b"second", if_none_match="*")
    assert_s3_error(e, "PreconditionFailed", 412)
    assert s3.get_object(Bucket=bucket, Key="taken")["Body"].read() == b"first"


def test_put_with_if_none_match_star_after_a_delete_creates_again(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"first")
    s3.delete_object(Bucket=bucket, Key="k")
    put(s3, bucket, "k", b"again", if_none_match="*")
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"again"


def test_put_with_if_none_match_star_behind_a_delete_marker_creates(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"first")
    s3.delete_object(Bucket=versioned_bucket, Key="k")
    # AWS: a delete marker as the current version counts as no object.
    put(s3, versioned_bucket, "k", b"after marker", if_none_match="*")
    assert s3.get_object(Bucket=versioned_bucket, Key="k")["Body"].read() == b"after marker"


def test_put_with_if_match_of_the_current_etag_replaces_the_object(s3, bucket):
    etag = s3.put_object(Bucket=bucket, Key="k", Body=b"v1")["ETag"]
    r = put(s3, bucket, "k", b"v2", if_match=etag)
    assert r["ETag"] != etag
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"v2"


def test_put_with_if_match_of_another_etag_fails_precondition(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"v1")
    stale = s3.put_object(Bucket=bucket, Key="other", Body=b"other")["ETag"]
    with pytest.raises(ClientError) as e:
        put(s3, bucket, "k", b"v2", if_match=stale)
    assert_s3_error(e, "PreconditionFailed", 412)
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"v1"


def test_put_with_if_match_on_a_missing_key_fails_no_such_key(s3, bucket):
    with pytest.raises(ClientError) as e:
        put(s3, bucket, "missing", b"v", if_match='"0123456789abcdef0123456789abcdef"')
    # AWS: with If-Match, "if there's no current object version with the same name ... the
    # operation fails with a 404 Not Found error" (S3 user guide, conditional writes).
    assert_s3_error(e, "NoSuchKey", 404)
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key="missing")


# ----------------------------------------------------------------------------- races


def race(make_s3_client, writers, attempt):
    """Runs attempt(client, index) on `writers` threads, each with its own client, released
    together; returns the list of (index, response or ClientError)."""
    clients = [make_s3_client() for _ in range(writers)]
    barrier = threading.Barrier(writers)
    results = [None] * writers

    def run(index):
        barrier.wait()
        try:
            results[index] = attempt(clients[index], index)
        except ClientError as e:
            results[index] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return list(enumerate(results))


def winners_and_losers(results):
    winners = [(i, r) for i, r in results if not isinstance(r, ClientError)]
    losers = [(i, r) for i, r in results if isinstance(r, ClientError)]
    for _, e in losers:
        status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        assert status in LOSING_STATUSES, e.response
    return winners, losers


def test_racing_creates_with_if_none_match_star_have_exactly_one_winner(make_s3_client, s3,
                                                                       bucket):
    results = race(make_s3_client, 8,
                   lambda c, i: put(c, bucket, "commit/00001.json", f"writer {i}".encode(),
                                    if_none_match="*"))
    winners, losers = winners_and_losers(results)
    assert len(winners) == 1, results
    assert len(losers) == 7
    index, response = winners[0]
    got = s3.get_object(Bucket=bucket, Key="commit/00001.json")
    assert got["Body"].read() == f"writer {index}".encode()
    assert got["ETag"] == response["ETag"]


def test_racing_updates_with_if_match_have_exactly_one_winner(make_s3_client, s3, bucket):
    base = s3.put_object(Bucket=bucket, Key="pointer", Body=b"v0")["ETag"]
    results = race(make_s3_client, 8,
                   lambda c, i: put(c, bucket, "pointer", f"v1 from {i}".encode(), if_match=base))
    winners, _ = winners_and_losers(results)
    assert len(winners) == 1, results
    index, _ = winners[0]
    assert s3.get_object(Bucket=bucket, Key="pointer")["Body"].read() == f"v1 from {index}".encode()


def test_a_commit_log_built_with_if_none_match_has_no_gaps_or_overwrites(make_s3_client, s3,
                                                                        bucket):
    # Four writers each append three entries: claim the next number with If-None-Match: *,
    # and on a lost race move on to the next number.
    def writer(client, index):
        mine, number = [], 0
        while len(mine) < 3:
            key = f"log/{number:05d}"
            try:
                put(client, bucket, key, f"{index}".encode(), if_none_match="*")
                mine.append(number)
            except ClientError as e:
                if e.response["ResponseMetadata"]["HTTPStatusCode"] not in LOSING_STATUSES:
                    raise
                if e.response["ResponseMetadata"]["HTTPStatusCode"] == 409:
                    continue  # AWS: retry the same number after a conflict
            number += 1
        return mine

    results = race(make_s3_client, 4, writer)
    claimed = sorted(n for _, r in results for n in r)
    assert claimed == list(range(12))
    for index, numbers in results:
        for n in numbers:
            body = s3.get_object(Bucket=bucket, Key=f"log/{n:05d}")["Body"].read()
            assert body == f"{index}".encode()


# ----------------------------------------------------------------------------- multipart


def start_upload(s3, bucket, key, body=b"multipart body"):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    etag = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=1,
                          Body=body)["ETag"]
    return upload_id, [{"PartNumber": 1, "ETag": etag}]


def complete(s3, bucket, key, upload_id, parts, **conditions):
    def call(**p):
        return s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                            MultipartUpload={"Parts": parts}, **p)
    return with_conditions(s3, "CompleteMultipartUpload", call, **conditions)


def test_complete_with_if_none_match_star_creates_a_new_key(s3, bucket):
    upload_id, parts = start_upload(s3, bucket, "mpu")
    complete(s3, bucket, "mpu", upload_id, parts, if_none_match="*")
    assert s3.get_object(Bucket=bucket, Key="mpu")["Body"].read() == b"multipart body"


def test_complete_with_if_none_match_star_on_an_existing_key_fails_precondition(s3, bucket):
    upload_id, parts = start_upload(s3, bucket, "mpu")
    s3.put_object(Bucket=bucket, Key="mpu", Body=b"got there first")
    with pytest.raises(ClientError) as e:
        complete(s3, bucket, "mpu", upload_id, parts, if_none_match="*")
    assert_s3_error(e, "PreconditionFailed", 412)
    assert s3.get_object(Bucket=bucket, Key="mpu")["Body"].read() == b"got there first"


@pytest.mark.moto_gap("moto ignores If-Match on CompleteMultipartUpload")
def test_complete_with_if_match_checks_the_current_etag(s3, bucket):
    current = s3.put_object(Bucket=bucket, Key="mpu", Body=b"v1")["ETag"]
    upload_id, parts = start_upload(s3, bucket, "mpu")
    with pytest.raises(ClientError) as e:
        complete(s3, bucket, "mpu", upload_id, parts, if_match='"0123456789abcdef0123456789abcdef"')
    assert_s3_error(e, "PreconditionFailed", 412)
    complete(s3, bucket, "mpu", upload_id, parts, if_match=current)
    assert s3.get_object(Bucket=bucket, Key="mpu")["Body"].read() == b"multipart body"
