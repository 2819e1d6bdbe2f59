"""How requests name their bucket: path-style (/BUCKET/KEY) and virtual-hosted
(BUCKET.<host>/KEY) against a local endpoint, including dotted bucket names, the
BUCKET.s3.localhost form and stratus's --s3-host-suffix.

Real S3 addresses buckets under s3.amazonaws.com; these tests are about the local host
names an emulator answers, so they skip with --aws.
"""
import hashlib
import http.client
import os
import tempfile
import urllib.parse

import boto3
import pytest
from botocore.config import Config

import signed_request
from s3_calls import list_all_keys, parse_error, unique_bucket_name
from stratus_process import StratusProcess


@pytest.fixture(autouse=True)
def _local_only(target):
    if target == "aws":
        pytest.skip("local host names only")


def port_of(endpoint):
    return urllib.parse.urlsplit(endpoint).port


def send_to_host(endpoint, host, method="GET", path="/", body=b"", headers=None):
    """Signs for http://HOST/PATH and sends it to the endpoint's address with that Host."""
    headers = dict(headers or {})
    headers["x-amz-content-sha256"] = hashlib.sha256(body).hexdigest()
    signed = signed_request.sign(method, f"http://{host}{path}", body, headers, service="s3")
    parts = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True)
        conn.putheader("Host", host)
        for name, value in signed.items():
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body or None)
        r = conn.getresponse()
        return signed_request.Response(r.status, {k.lower(): v for k, v in r.getheaders()},
                                       r.read())
    finally:
        conn.close()


def test_virtual_hosted_request_on_bucket_localhost(s3, endpoint, bucket):
    s3.put_object(Bucket=bucket, Key="dir/a.txt", Body=b"vh")
    host = f"{bucket}.localhost:{port_of(endpoint)}"
    r = send_to_host(endpoint, host, path="/dir/a.txt")
    assert (r.status, r.body) == (200, b"vh"), r
    r = send_to_host(endpoint, host, path="/")
    assert r.status == 200, r
    assert b"<Key>dir/a.txt</Key>" in r.body


def test_virtual_hosted_put_lands_in_the_named_bucket(s3, endpoint, bucket):
    host = f"{bucket}.localhost:{port_of(endpoint)}"
    r = send_to_host(endpoint, host, method="PUT", path="/written/by-host", body=b"payload")
    assert r.status == 200, r
    assert s3.get_object(Bucket=bucket, Key="written/by-host")["Body"].read() == b"payload"


def test_virtual_hosted_request_for_a_missing_bucket_is_no_such_bucket(endpoint):
    name = unique_bucket_name("missing")
    r = send_to_host(endpoint, f"{name}.localhost:{port_of(endpoint)}", path="/k")
    assert r.status == 404, r
    err = parse_error(r.body)
    assert err["Code"] == "NoSuchBucket"
    assert err.get("BucketName") == name


@pytest.mark.moto_gap("moto takes the label before '.s3.' as the bucket")
def test_virtual_hosted_client_with_a_dotted_bucket_name(s3, s3_virtual, make_bucket):
    # ".s3." inside the bucket's own name must not be taken for the S3 endpoint label.
    name = make_bucket(name="logs.s3.backup." + unique_bucket_name("dots"))
    s3_virtual.put_object(Bucket=name, Key="k", Body=b"dotted virtual")
    assert s3.get_object(Bucket=name, Key="k")["Body"].read() == b"dotted virtual"
    assert list_all_keys(s3_virtual, name) == ["k"]


def test_path_style_request_on_localhost_host_name(s3, endpoint, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"path style")
    r = send_to_host(endpoint, f"localhost:{port_of(endpoint)}", path=f"/{bucket}/k")
    assert (r.status, r.body) == (200, b"path style"), r


@pytest.mark.stratus_only
def test_virtual_hosted_request_on_bucket_s3_localhost(s3, endpoint, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"s3 label")
    r = send_to_host(endpoint, f"{bucket}.s3.localhost:{port_of(endpoint)}", path="/k")
    assert (r.status, r.body) == (200, b"s3 label"), r
    r = send_to_host(endpoint, f"{bucket}.s3.us-east-1.localhost:{port_of(endpoint)}", path="/k")
    assert (r.status, r.body) == (200, b"s3 label"), r


@pytest.mark.stratus_only
def test_path_style_request_on_s3_localhost(s3, endpoint, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"s3 endpoint")
    r = send_to_host(endpoint, f"s3.localhost:{port_of(endpoint)}", path=f"/{bucket}/k")
    assert (r.status, r.body) == (200, b"s3 endpoint"), r


@pytest.mark.stratus_only
def test_dotted_bucket_with_s3_label_on_bucket_s3_localhost(s3, endpoint, make_bucket):
    name = make_bucket(name="logs.s3.backup." + unique_bucket_name("label"))
    s3.put_object(Bucket=name, Key="k", Body=b"dotted label")
    r = send_to_host(endpoint, f"{name}.s3.localhost:{port_of(endpoint)}", path="/k")
    assert (r.status, r.body) == (200, b"dotted label"), r


@pytest.fixture
def suffixed_stratus(target, endpoint):
    """A second stratus, started here, that also takes BUCKET.s3.example.test as a bucket."""
    if target != "stratus":
        pytest.skip("needs a stratus this suite starts (STRATUS_BIN)")
    tmp = tempfile.mkdtemp(prefix="stratus-suffix-")
    server = StratusProcess(os.path.join(tmp, "data"), log_path=os.path.join(tmp, "log"),
                            extra_args=["--s3-host-suffix", "s3.example.test",
                                        "--s3-host-suffix", "localhost"])
    server.start(timeout=10.0)
    try:
        yield server
    finally:
        server.stop(grace=5.0)


@pytest.mark.stratus_only
def test_s3_host_suffix_option_adds_a_virtual_host_domain(suffixed_stratus):
    client = boto3.client("s3", endpoint_url=suffixed_stratus.endpoint, region_name="us-east-1",
                          aws_access_key_id="x", aws_secret_access_key="x",
                          config=Config(s3={"addressing_style": "path"}))
    name = unique_bucket_name("suffix")
    client.create_bucket(Bucket=name)
    client.put_object(Bucket=name, Key="k", Body=b"custom suffix")
    port = suffixed_stratus.port
    r = send_to_host(suffixed_stratus.endpoint, f"{name}.s3.example.test:{port}", path="/k")
    assert (r.status, r.body) == (200, b"custom suffix"), r
    r = send_to_host(suffixed_stratus.endpoint, f"{name}.localhost:{port}", path="/k")
    assert (r.status, r.body) == (200, b"custom suffix"), r
