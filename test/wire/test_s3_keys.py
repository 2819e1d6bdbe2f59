"""Hostile object keys: path tricks, dots, doubled and trailing slashes, control characters,
unicode, and the 1,024-byte limit. Each must round-trip byte for byte and list as itself,
through path-style and virtual-hosted clients alike.

AWS: a key is any sequence of Unicode characters whose UTF-8 encoding is at most 1,024
bytes (S3 user guide, "Naming Amazon S3 objects"); S3 does not interpret '.' or '..'
segments. Listings of keys with characters XML 1.0 cannot carry need EncodingType=url,
which botocore sends on its own.
"""
import pytest
from botocore.exceptions import ClientError

from s3_calls import assert_s3_error, list_all_keys, quote_key

HOSTILE_KEYS = [
    "../../etc/passwd",
    "../sibling",
    "a/../b",
    "a/./b",
    "a//b",
    "//double-leading",
    "/leading-slash",
    ".",
    "..",
    "...",
    "trailing/",
    "dir/.hidden",
    " ",
    "  spaces  around  ",
    "question?and#hash",
    "semi;colon,comma",
    "percent%2Fencoded-slash",
    "back\\slash",
    "ünïcødé/日本語/ملف.txt",
    "e\u0301-combining",        # decomposed é, distinct from the composed one
    "\u00e9-composed",
    "emoji-🚀-🧪",
    "bidi-\u202eevil\u202c",
    "nul-like-\u2400",
]


def round_trip(client, reader, bucket, key):
    body = key.encode("utf-8") + b"|payload"
    client.put_object(Bucket=bucket, Key=key, Body=body)
    assert reader.get_object(Bucket=bucket, Key=key)["Body"].read() == body, key
    assert reader.head_object(Bucket=bucket, Key=key)["ContentLength"] == len(body), key
    return body


@pytest.mark.parametrize("key", HOSTILE_KEYS, ids=[repr(k) for k in HOSTILE_KEYS])
def test_hostile_key_round_trips_and_lists_as_itself(s3, bucket, key):
    round_trip(s3, s3, bucket, key)
    assert list_all_keys(s3, bucket) == [key]
    assert list_all_keys(s3, bucket, Prefix=key) == [key]
    s3.delete_object(Bucket=bucket, Key=key)
    assert list_all_keys(s3, bucket) == []


def test_all_hostile_keys_coexist_and_list_in_binary_order(s3, bucket):
    for key in HOSTILE_KEYS:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode("utf-8"))
    assert list_all_keys(s3, bucket) == sorted(HOSTILE_KEYS, key=lambda k: k.encode("utf-8"))
    for key in HOSTILE_KEYS:
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode("utf-8"), key


def test_dot_segments_are_not_resolved(s3, bucket):
    s3.put_object(Bucket=bucket, Key="a/../b", Body=b"dots")
    for other in ("b", "a/b", "a"):
        with pytest.raises(ClientError) as e:
            s3.get_object(Bucket=bucket, Key=other)
        assert_s3_error(e, "NoSuchKey", 404)


def test_traversal_key_stays_inside_its_bucket(s3, bucket, make_bucket):
    other = make_bucket()
    s3.put_object(Bucket=bucket, Key=f"../{other}/planted", Body=b"escape attempt")
    assert list_all_keys(s3, other) == []
    with pytest.raises(ClientError) as e:
        s3.get_object(Bucket=other, Key="planted")
    assert_s3_error(e, "NoSuchKey", 404)


@pytest.mark.parametrize("key", ["../../etc/passwd", "a//b", ".", "..", "trailing/", "a/./b"])
def test_hostile_key_through_a_virtual_hosted_client(s3, s3_virtual, bucket, key):
    round_trip(s3_virtual, s3, bucket, key)
    assert list_all_keys(s3_virtual, bucket) == [key]
    s3_virtual.delete_object(Bucket=bucket, Key=key)
    assert list_all_keys(s3, bucket) == []


def control_keys(codes):
    return [f"ctl-{code:02x}-{chr(code)}-end" for code in codes]


def test_keys_with_control_characters_round_trip_and_list(s3, bucket):
    keys = control_keys([c for c in range(1, 0x20) if c != 0x0A] + [0x7F])
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    # botocore asks for EncodingType=url and decodes, so \x01..\x1f survive the XML.
    assert list_all_keys(s3, bucket) == sorted(keys)
    for key in keys:
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode(), repr(key)


@pytest.mark.moto_gap("moto's router answers 404 for a key with a line feed")
def test_key_with_a_line_feed_round_trips_and_lists(s3, bucket):
    key = "line\nfeed\r\nand-crlf"
    round_trip(s3, s3, bucket, key)
    assert list_all_keys(s3, bucket) == [key]


def test_percent_encoded_slash_in_the_path_is_a_slash_in_the_key(s3, raw_s3, bucket):
    s3.put_object(Bucket=bucket, Key="dir/file", Body=b"slash")
    r = raw_s3.get(f"/{bucket}/dir%2Ffile")
    assert r.status == 200, r
    assert r.body == b"slash"


def test_raw_request_with_fully_escaped_key_finds_the_object(s3, raw_s3, bucket):
    key = "ünï cødé/../x+y"
    s3.put_object(Bucket=bucket, Key=key, Body=b"escaped")
    r = raw_s3.get(f"/{bucket}/{quote_key(key)}")
    assert r.status == 200, r
    assert r.body == b"escaped"


@pytest.mark.parametrize("unit, count", [("k", 1024), ("é", 512), ("日", 341)],
                         ids=["ascii", "two-byte", "three-byte"])
def test_key_of_at_most_1024_utf8_bytes_is_accepted(s3, bucket, unit, count):
    key = unit * count
    assert len(key.encode("utf-8")) <= 1024
    round_trip(s3, s3, bucket, key)
    assert list_all_keys(s3, bucket) == [key]


@pytest.mark.moto_gap("moto counts characters, not UTF-8 bytes")
@pytest.mark.parametrize("key", ["k" * 1025, "é" * 513], ids=["ascii", "two-byte"])
def test_key_longer_than_1024_utf8_bytes_fails_key_too_long(s3, bucket, key):
    with pytest.raises(ClientError) as e:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    # AWS: 400 KeyTooLongError, "Your key is too long" (S3 API reference, Error codes).
    assert_s3_error(e, "KeyTooLongError", 400)
    assert list_all_keys(s3, bucket) == []
