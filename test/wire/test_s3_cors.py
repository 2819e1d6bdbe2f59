"""S3 CORS as a browser meets it: OPTIONS preflights answered from the bucket's CORS rules,
and Access-Control-* headers on actual requests that carry an Origin.

AWS: S3 user guide, "Using cross-origin resource sharing (CORS)" and "Troubleshooting
CORS": a preflight that matches a rule gets 200 with Access-Control-Allow-Origin/-Methods;
one that matches none gets 403 "CORSResponse: This CORS request is not allowed", and a
bucket without CORS gets 403 "CORSResponse: CORS is not enabled for this bucket".
Preflights are unsigned, as browsers send them.
"""
import pytest

from s3_calls import parse_error

APP = "https://app.example.com"
# moto_server answers every preflight 403 (with permissive Access-Control-* headers) and
# adds Access-Control-Allow-Origin: * to every response.
pytestmark = pytest.mark.moto_gap("moto does not evaluate CORS rules")

RULES = [
    {"AllowedOrigins": [APP], "AllowedMethods": ["GET", "PUT"],
     "AllowedHeaders": ["content-type", "x-amz-*"], "ExposeHeaders": ["ETag"],
     "MaxAgeSeconds": 600},
    {"AllowedOrigins": ["https://*.partner.example"], "AllowedMethods": ["GET"]},
    {"AllowedOrigins": ["*"], "AllowedMethods": ["HEAD"]},
]


@pytest.fixture
def cors_bucket(s3, bucket):
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": RULES})
    s3.put_object(Bucket=bucket, Key="page.html", Body=b"<html/>", ContentType="text/html")
    return bucket


def preflight(raw_s3, bucket, origin, method, request_headers=None, key="page.html"):
    headers = {"Origin": origin, "Access-Control-Request-Method": method}
    if request_headers:
        headers["Access-Control-Request-Headers"] = request_headers
    return raw_s3.request("OPTIONS", f"/{bucket}/{key}", headers=headers, signed=False)


def allowed_methods(response):
    value = response.headers.get("access-control-allow-methods", "")
    return {m.strip() for m in value.split(",") if m.strip()}


def assert_cors_refused(response, message_part):
    assert response.status == 403, response
    assert "access-control-allow-origin" not in response.headers, response
    if response.body:
        assert message_part in parse_error(response.body).get("Message", ""), response


# ----------------------------------------------------------------------------- preflight


def test_preflight_matching_a_rule_is_allowed(raw_s3, cors_bucket):
    r = preflight(raw_s3, cors_bucket, APP, "PUT", "content-type, x-amz-meta-owner")
    assert r.status == 200, r
    assert r.headers["access-control-allow-origin"] == APP
    assert "PUT" in allowed_methods(r)
    allowed_headers = {h.strip().lower()
                       for h in r.headers.get("access-control-allow-headers", "").split(",")}
    assert {"content-type", "x-amz-meta-owner"} <= allowed_headers
    assert r.headers.get("access-control-max-age") == "600"


def test_preflight_from_a_wildcard_origin_pattern_is_allowed(raw_s3, cors_bucket):
    r = preflight(raw_s3, cors_bucket, "https://eu.partner.example", "GET")
    assert r.status == 200, r
    assert r.headers["access-control-allow-origin"] == "https://eu.partner.example"
    assert "GET" in allowed_methods(r)


def test_preflight_against_an_any_origin_rule_is_allowed(raw_s3, cors_bucket):
    r = preflight(raw_s3, cors_bucket, "https://anyone.test", "HEAD")
    assert r.status == 200, r
    assert r.headers["access-control-allow-origin"] in ("*", "https://anyone.test")
    assert "HEAD" in allowed_methods(r)


def test_preflight_from_an_unknown_origin_is_forbidden(raw_s3, cors_bucket):
    r = preflight(raw_s3, cors_bucket, "https://evil.example.net", "GET")
    assert_cors_refused(r, "This CORS request is not allowed")


def test_preflight_with_a_method_no_rule_allows_is_forbidden(raw_s3, cors_bucket):
    r = preflight(raw_s3, cors_bucket, APP, "DELETE")
    assert_cors_refused(r, "This CORS request is not allowed")


def test_preflight_with_a_header_no_rule_allows_is_forbidden(raw_s3, cors_bucket):
    r = preflight(raw_s3, cors_bucket, APP, "PUT", "x-custom-secret")
    assert_cors_refused(r, "This CORS request is not allowed")


def test_preflight_on_a_bucket_without_cors_is_forbidden(raw_s3, s3, bucket):
    s3.put_object(Bucket=bucket, Key="page.html", Body=b"x")
    r = preflight(raw_s3, bucket, APP, "GET")
    assert_cors_refused(r, "CORS is not enabled for this bucket")


def test_preflight_on_a_missing_key_is_answered_from_the_bucket_rules(raw_s3, cors_bucket):
    # Preflights are about the bucket's rules, not about the object existing.
    r = preflight(raw_s3, cors_bucket, APP, "PUT", key="not/yet/uploaded.bin")
    assert r.status == 200, r
    assert r.headers["access-control-allow-origin"] == APP


def test_preflight_after_deleting_the_cors_configuration_is_forbidden(raw_s3, s3, cors_bucket):
    s3.delete_bucket_cors(Bucket=cors_bucket)
    r = preflight(raw_s3, cors_bucket, APP, "GET")
    assert r.status == 403, r


# ----------------------------------------------------------------------------- actual requests


def test_get_with_a_matching_origin_gets_allow_origin_and_exposed_headers(raw_s3, cors_bucket):
    r = raw_s3.get(f"/{cors_bucket}/page.html", headers={"Origin": APP})
    assert r.status == 200, r
    assert r.body == b"<html/>"
    assert r.headers["access-control-allow-origin"] == APP
    exposed = {h.strip().lower()
               for h in r.headers.get("access-control-expose-headers", "").split(",")}
    assert "etag" in exposed
    assert "origin" in r.headers.get("vary", "").lower()


def test_get_with_a_non_matching_origin_succeeds_without_cors_headers(raw_s3, cors_bucket):
    r = raw_s3.get(f"/{cors_bucket}/page.html", headers={"Origin": "https://evil.example.net"})
    # The request itself is fine; the browser will refuse to hand the response to the page.
    assert r.status == 200, r
    assert "access-control-allow-origin" not in r.headers


def test_get_without_origin_has_no_cors_headers(raw_s3, cors_bucket):
    r = raw_s3.get(f"/{cors_bucket}/page.html")
    assert r.status == 200, r
    assert "access-control-allow-origin" not in r.headers
