"""S3 request authentication against a server that checks SigV4 signatures: wrong secrets,
unknown keys, unsigned requests, tampered presigned URLs and tampered aws-chunked chunks.

stratus accepts any credentials by default (local-dev leniency), so these tests start their
own stratus with --credentials-file; with --aws they run against real S3. Against any other
given endpoint (moto_server does not check signatures) they skip.
"""
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import s3_aws_chunked
import signed_request
from s3_calls import assert_s3_error, delete_bucket_fully, parse_error, unique_bucket_name
from stratus_process import StratusProcess

ACCESS_KEY = "AKIASTRATUSWIRETEST1"
SECRET_KEY = "wire/test/secret/key/for/sigv4/checks+0"


class Verifying:
    """A server that verifies signatures, with one valid key pair, and a bucket on it."""

    def __init__(self, endpoint, access_key, secret_key, region):
        self.endpoint = endpoint
        self.access_key = access_key
        self.secret_key = secret_key
        self.region = region
        self.bucket = None

    def client(self, access_key=None, secret_key=None, **config):
        return boto3.client(
            "s3", endpoint_url=self.endpoint, region_name=self.region,
            aws_access_key_id=access_key or self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            config=Config(retries={"max_attempts": 0}, s3={"addressing_style": "path"},
                          **config))


@pytest.fixture(scope="module")
def verifying(target, s3_region):
    if target == "aws":
        creds = boto3.session.Session().get_credentials().get_frozen_credentials()
        server = Verifying(f"https://s3.{s3_region}.amazonaws.com", creds.access_key,
                           creds.secret_key, s3_region)
        process = None
    elif target == "stratus":
        tmp = tempfile.mkdtemp(prefix="stratus-sigv4-")
        credentials = os.path.join(tmp, "credentials")
        with open(credentials, "w") as f:
            f.write(f"[default]\naws_access_key_id = {ACCESS_KEY}\n"
                    f"aws_secret_access_key = {SECRET_KEY}\n")
        process = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "log"),
                                 extra_args=["--credentials-file", credentials])
        process.start(timeout=10.0)
        server = Verifying(process.endpoint, ACCESS_KEY, SECRET_KEY, s3_region)
    else:
        pytest.skip("needs a server that checks signatures: --aws, or a stratus started here")
    client = server.client()
    server.bucket = unique_bucket_name("sigv4")
    kwargs = {} if s3_region == "us-east-1" else {
        "CreateBucketConfiguration": {"LocationConstraint": s3_region}}
    client.create_bucket(Bucket=server.bucket, **kwargs)
    client.put_object(Bucket=server.bucket, Key="secret.txt", Body=b"only for signed eyes")
    try:
        yield server
    finally:
        delete_bucket_fully(client, server.bucket)
        if process is not None:
            process.stop(grace=5.0)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_correctly_signed_requests_succeed(verifying):
    got = verifying.client().get_object(Bucket=verifying.bucket, Key="secret.txt")
    assert got["Body"].read() == b"only for signed eyes"


def test_wrong_secret_key_fails_signature_does_not_match(verifying):
    client = verifying.client(secret_key="not-the-right-secret")
    with pytest.raises(ClientError) as e:
        client.get_object(Bucket=verifying.bucket, Key="secret.txt")
    # AWS: 403 SignatureDoesNotMatch, "The request signature we calculated does not match
    # the signature you provided."
    assert_s3_error(e, "SignatureDoesNotMatch", 403)


def test_unknown_access_key_fails_invalid_access_key_id(verifying):
    client = verifying.client(access_key="AKIAUNKNOWNUNKNOWN00", secret_key="whatever")
    with pytest.raises(ClientError) as e:
        client.list_objects_v2(Bucket=verifying.bucket)
    # AWS: 403 InvalidAccessKeyId, "The AWS Access Key Id you provided does not exist in our
    # records."
    assert_s3_error(e, "InvalidAccessKeyId", 403)


def test_unsigned_request_to_a_private_bucket_is_access_denied(verifying):
    status, body = fetch(f"{verifying.endpoint}/{verifying.bucket}/secret.txt")
    assert status == 403
    assert parse_error(body)["Code"] == "AccessDenied"


def test_wrongly_signed_put_stores_nothing(verifying):
    client = verifying.client(secret_key="not-the-right-secret")
    with pytest.raises(ClientError) as e:
        client.put_object(Bucket=verifying.bucket, Key="forged.txt", Body=b"forged")
    assert_s3_error(e, "SignatureDoesNotMatch", 403)
    with pytest.raises(ClientError) as e:
        verifying.client().head_object(Bucket=verifying.bucket, Key="forged.txt")
    assert_s3_error(e, "404", 404)


def test_presigned_url_works_and_a_tampered_one_does_not(verifying):
    client = verifying.client(signature_version="s3v4")
    url = client.generate_presigned_url("get_object", ExpiresIn=300,
                                        Params={"Bucket": verifying.bucket, "Key": "secret.txt"})
    assert fetch(url) == (200, b"only for signed eyes")
    # Pointing the signed URL at another key breaks the signature.
    other = url.replace("/secret.txt?", "/other.txt?")
    status, body = fetch(other)
    assert status == 403
    assert parse_error(body)["Code"] == "SignatureDoesNotMatch"
    # So does a changed expiry.
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    query["X-Amz-Expires"] = "600"
    status, body = fetch(urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query))))
    assert status == 403
    assert parse_error(body)["Code"] == "SignatureDoesNotMatch"


def signed_chunked_put(verifying, key, data, chunk_size, tamper_chunk=None):
    url = f"{verifying.endpoint}/{verifying.bucket}/{key}"
    headers, body = s3_aws_chunked.signed_streaming_request(
        url, data, chunk_size, verifying.access_key, verifying.secret_key, verifying.region,
        tamper_chunk=tamper_chunk)
    return signed_request.send(verifying.endpoint, body, headers, method="PUT",
                               path=f"/{verifying.bucket}/{key}", signed=False)


def test_signed_aws_chunked_upload_is_verified_and_stored(verifying):
    data = bytes(range(256)) * 400
    r = signed_chunked_put(verifying, "chunked.bin", data, 64 * 1024)
    assert r.status == 200, r
    got = verifying.client().get_object(Bucket=verifying.bucket, Key="chunked.bin")
    assert got["Body"].read() == data


def test_signed_aws_chunked_upload_with_a_tampered_chunk_is_rejected(verifying):
    data = b"x" * (70 * 1024)
    r = signed_chunked_put(verifying, "tampered.bin", data, 64 * 1024, tamper_chunk=0)
    # AWS: a chunk whose signature does not match is 403 SignatureDoesNotMatch.
    assert r.status == 403, r
    assert parse_error(r.body)["Code"] == "SignatureDoesNotMatch"
    with pytest.raises(ClientError):
        verifying.client().head_object(Bucket=verifying.bucket, Key="tampered.bin")
