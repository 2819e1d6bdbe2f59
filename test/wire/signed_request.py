"""Sends hand-built HTTP requests signed with SigV4, for what an SDK will not send.

Malformed bodies, unknown operations and raw protocol checks go through here.
They are signed like an SDK would sign them so the same tests also run against
real AWS, where an unsigned request would fail authentication first.
"""
import http.client
import urllib.parse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # dict with lower-case names
        self.body = body        # bytes

    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"Response({self.status}, {self.headers}, {self.body[:500]!r})"


def sign(method, url, body, headers, region="us-east-1", service="sqs", access_key="x",
         secret_key="x"):
    """Returns `headers` plus the SigV4 headers (Authorization, X-Amz-Date) for this request."""
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers or {}))
    SigV4Auth(Credentials(access_key, secret_key), service, region).add_auth(request)
    return dict(request.headers.items())


def send(endpoint, body=b"", headers=None, method="POST", path="/", signed=True,
         region="us-east-1", service="sqs", access_key="x", secret_key="x", timeout=30):
    """Sends one request to endpoint + path and returns a Response (never raises on HTTP errors)."""
    url = endpoint.rstrip("/") + path
    headers = dict(headers or {})
    if isinstance(body, str):
        body = body.encode("utf-8")
    if signed:
        headers = sign(method, url, body, headers, region, service, access_key, secret_key)
    parts = urllib.parse.urlsplit(url)
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        conn.request(method, target, body=body if body else None, headers=headers)
        r = conn.getresponse()
        return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def json_call(endpoint, target, body, **kwargs):
    """An AWS JSON 1.0 call: X-Amz-Target AmazonSQS.<target>, body as given (str/bytes)."""
    headers = {"Content-Type": JSON_CONTENT_TYPE, "X-Amz-Target": f"AmazonSQS.{target}",
               "x-amzn-query-mode": "true"}
    return send(endpoint, body, headers, **kwargs)


def query_call(endpoint, body, path="/", **kwargs):
    """An AWS query call: form-encoded body (str/bytes or dict of params) POSTed to path."""
    if isinstance(body, dict):
        body = urllib.parse.urlencode(body)
    return send(endpoint, body, {"Content-Type": FORM_CONTENT_TYPE}, path=path, **kwargs)
