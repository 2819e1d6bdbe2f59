"""Builds aws-chunked request bodies (S3's streaming uploads) for raw requests.

Two of the encodings SDKs send (S3 API reference, "Signature Calculations for the
Authorization Header: Transferring Payload in Multiple Chunks"):
  STREAMING-UNSIGNED-PAYLOAD-TRAILER   chunks without signatures, checksum trailer
                                       (newer AWS SDKs over HTTPS)
  STREAMING-AWS4-HMAC-SHA256-PAYLOAD   every chunk signed, chained from the seed
                                       signature of the request (AWS SDK for Java v1)
"""
import hashlib
import hmac

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def chunks_of(data, chunk_size):
    return [data[i:i + chunk_size] for i in range(0, len(data), chunk_size)] or [b""]


def unsigned_trailer_body(data, chunk_size, trailer_name=None, trailer_value=None):
    """The STREAMING-UNSIGNED-PAYLOAD-TRAILER body: hex-size chunks, a 0 chunk, trailers."""
    out = bytearray()
    for chunk in chunks_of(data, chunk_size):
        if chunk:
            out += b"%x\r\n" % len(chunk) + chunk + b"\r\n"
    out += b"0\r\n"
    if trailer_name:
        out += f"{trailer_name}:{trailer_value}\r\n".encode()
    out += b"\r\n"
    return bytes(out)


def unsigned_trailer_headers(data, body, trailer_name=None):
    headers = {"x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
               "Content-Encoding": "aws-chunked",
               "x-amz-decoded-content-length": str(len(data)),
               "Content-Length": str(len(body))}
    if trailer_name:
        headers["x-amz-trailer"] = trailer_name
    return headers


def _hmac(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def signed_streaming_request(url, data, chunk_size, access_key, secret_key, region,
                             extra_headers=None, tamper_chunk=None):
    """Returns (headers, body) of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD PUT to `url`.

    `tamper_chunk`, an index, flips one byte of that chunk after signing (to see the
    server reject a chunk whose signature no longer matches).
    """
    chunks = [c for c in chunks_of(data, chunk_size) if c] + [b""]
    body_length = 0
    for chunk in chunks:
        body_length += len(f"{len(chunk):x};chunk-signature=") + 64 + 2 + len(chunk) + 2
    headers = dict(extra_headers or {})
    headers.update({"x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                    "Content-Encoding": "aws-chunked",
                    "x-amz-decoded-content-length": str(len(data)),
                    "Content-Length": str(body_length)})
    request = AWSRequest(method="PUT", url=url, data=b"", headers=headers)
    SigV4Auth(Credentials(access_key, secret_key), "s3", region).add_auth(request)
    signed = dict(request.headers.items())
    seed = signed["Authorization"].rsplit("Signature=", 1)[1]
    timestamp = signed["X-Amz-Date"]
    date = timestamp[:8]
    scope = f"{date}/{region}/s3/aws4_request"
    key = _hmac(_hmac(_hmac(_hmac(("AWS4" + secret_key).encode(), date), region), "s3"),
                "aws4_request")
    previous = seed
    body = bytearray()
    for index, chunk in enumerate(chunks):
        string_to_sign = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", timestamp, scope, previous,
                                    EMPTY_SHA256, hashlib.sha256(chunk).hexdigest()])
        signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
        if index == tamper_chunk and chunk:
            chunk = bytes([chunk[0] ^ 0xFF]) + chunk[1:]
        body += f"{len(chunk):x};chunk-signature={signature}\r\n".encode() + chunk + b"\r\n"
        previous = signature
    assert len(body) == body_length
    return signed, bytes(body)
