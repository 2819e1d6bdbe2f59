"""S3 call sequences the wire tests share: bucket names, emptying a bucket, raw signed requests.

Raw requests are signed the way an SDK signs S3 requests (SigV4 with an
x-amz-content-sha256 header), so the same tests also run against real AWS.
"""
import hashlib
import socket
import urllib.parse
import uuid
import xml.etree.ElementTree as ElementTree

import botocore
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

import signed_request

S3_XML_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
MIB = 1024 * 1024


def unique_bucket_name(hint="b"):
    """A bucket name unique to this run: lower-case letters, digits and '-', 3 to 63 chars."""
    clean = "".join(c if c.isalnum() else "-" for c in hint.lower())
    clean = "-".join(part for part in clean.split("-") if part)
    tail = "-" + uuid.uuid4().hex[:12]
    return "w-" + clean[: 63 - 2 - len(tail)].rstrip("-") + tail


def unique_key(hint="k"):
    return f"{hint}-{uuid.uuid4().hex[:8]}"


def sdk_version():
    """botocore's version as a tuple of ints, e.g. (1, 43, 11)."""
    return tuple(int(p) for p in botocore.__version__.split(".")[:3])


def sdk_has_parameter(client, operation, parameter):
    """True when this SDK's model of `operation` has the input member `parameter`."""
    shape = client.meta.service_model.operation_model(operation).input_shape
    return shape is not None and parameter in shape.members


def sdk_has_operation(client, operation):
    return operation in client.meta.service_model.operation_names


def error_code(exc_info_or_error):
    """Error.Code of a ClientError (or of a pytest ExceptionInfo holding one)."""
    e = getattr(exc_info_or_error, "value", exc_info_or_error)
    return e.response["Error"].get("Code")


def http_status(exc_info_or_error):
    e = getattr(exc_info_or_error, "value", exc_info_or_error)
    return e.response["ResponseMetadata"]["HTTPStatusCode"]


def assert_s3_error(exc_info, code, status):
    """Checks a botocore ClientError: S3's error code and HTTP status; returns Error."""
    err = exc_info.value.response["Error"]
    assert err.get("Code") == code, exc_info.value.response
    assert http_status(exc_info) == status, exc_info.value.response
    return err


def _decoded(page, key):
    """A listed key as stored: decoded when the page says it is url-encoded.

    Listings here ask for EncodingType=url themselves (older botocore does not for
    every listing), so keys with control characters survive XML; botocore then
    leaves decoding to the caller.
    """
    return urllib.parse.unquote_plus(key) if page.get("EncodingType") == "url" else key


def empty_bucket(client, bucket):
    """Deletes every object version, delete marker and multipart upload in `bucket`."""
    uploads = client.get_paginator("list_multipart_uploads")
    for page in uploads.paginate(Bucket=bucket, EncodingType="url"):
        for upload in page.get("Uploads", []):
            try:
                client.abort_multipart_upload(Bucket=bucket, Key=_decoded(page, upload["Key"]),
                                              UploadId=upload["UploadId"])
            except ClientError:
                pass
    versions = client.get_paginator("list_object_versions")
    try:
        for page in versions.paginate(Bucket=bucket, EncodingType="url"):
            entries = page.get("Versions", []) + page.get("DeleteMarkers", [])
            for i in range(0, len(entries), 1000):
                batch = [{"Key": _decoded(page, v["Key"]), "VersionId": v["VersionId"]}
                         for v in entries[i:i + 1000]]
                client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
    except ResponseParserError:
        pass  # moto_server ignores EncodingType here and sends control characters raw.
    # A bucket that never had versioning still lists its objects (VersionId "null") above;
    # this also catches an endpoint whose version listing misses something.
    objects = client.get_paginator("list_objects_v2")
    for page in objects.paginate(Bucket=bucket, EncodingType="url"):
        for obj in page.get("Contents", []):
            client.delete_object(Bucket=bucket, Key=_decoded(page, obj["Key"]))


def delete_bucket_fully(client, bucket):
    """Empties and deletes `bucket`; a bucket that is already gone is fine."""
    try:
        empty_bucket(client, bucket)
        client.delete_bucket(Bucket=bucket)
    except ClientError as e:
        if e.response["Error"].get("Code") != "NoSuchBucket":
            raise


def put_objects(client, bucket, keys, body=b"x"):
    for key in keys:
        client.put_object(Bucket=bucket, Key=key, Body=body)


def list_all_keys(client, bucket, **kwargs):
    """Every key ListObjectsV2 returns, through the paginator, in order."""
    keys = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, **kwargs):
        keys.extend(o["Key"] for o in page.get("Contents", []))
    return keys


# --------------------------------------------------------------------------- XML


def xml_find(element, path):
    """Finds `path` (slash-separated local names) ignoring the S3 namespace, or None."""
    node = element
    for name in path.split("/"):
        node = next((c for c in node if c.tag.split("}")[-1] == name), None)
        if node is None:
            return None
    return node


def xml_text(element, path):
    node = xml_find(element, path)
    return None if node is None else (node.text or "")


def parse_error(body):
    """Parses S3's <Error> body into a dict of child name -> text; asserts the shape."""
    root = ElementTree.fromstring(body)
    assert root.tag.split("}")[-1] == "Error", body
    return {c.tag.split("}")[-1]: (c.text or "") for c in root}


# --------------------------------------------------------------------------- raw requests


def quote_key(key):
    """A key as it goes in a request path: every byte but unreserved characters and '/' escaped."""
    return urllib.parse.quote(key, safe="/~")


class RawS3:
    """Signed hand-built S3 requests against the endpoint under test (path-style by default)."""

    def __init__(self, endpoint, keys, region):
        self.endpoint = endpoint
        self.keys = keys
        self.region = region

    def request(self, method, path, body=b"", headers=None, query=None, signed=True, host=None,
                timeout=30):
        """Sends one request; `path` is already escaped. Returns signed_request.Response.

        `host` replaces the endpoint's host (virtual-hosted requests such as
        BUCKET.localhost:PORT); the connection still goes to that name.
        """
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = dict(headers or {})
        endpoint = self.endpoint
        if host is not None:
            parts = urllib.parse.urlsplit(endpoint)
            endpoint = f"{parts.scheme}://{host}"
        if query:
            path += "?" + (query if isinstance(query, str) else urllib.parse.urlencode(query))
        if signed:
            headers.setdefault("x-amz-content-sha256", hashlib.sha256(body).hexdigest())
        return signed_request.send(endpoint, body, headers, method=method, path=path,
                                   signed=signed, region=self.region, service="s3",
                                   timeout=timeout, **self.keys)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def put(self, path, body=b"", **kwargs):
        return self.request("PUT", path, body=body, **kwargs)


# --------------------------------------------------------------------------- *.localhost


_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo_with_localhost_subdomains(host, *args, **kwargs):
    if isinstance(host, (bytes, bytearray)):
        host = host.decode("ascii", errors="replace")
    name = host.lower().rstrip(".") if isinstance(host, str) else ""
    if name == "localhost" or name.endswith(".localhost"):
        host = "127.0.0.1"
    return _real_getaddrinfo(host, *args, **kwargs)


def resolve_localhost_subdomains():
    """Makes NAME.localhost resolve to 127.0.0.1 in this process (RFC 6761 section 6.3).

    systemd-resolved, macOS and browsers already do this; plain glibc with
    /etc/hosts (this machine) does not, and virtual-hosted addressing against a
    local endpoint needs BUCKET.localhost:PORT to reach the server.
    """
    socket.getaddrinfo = _getaddrinfo_with_localhost_subdomains
