"""S3 listings through boto3: ListObjectsV2 and ListObjects (v1) with prefix, delimiter,
CommonPrefixes, MaxKeys paging, StartAfter/Marker, FetchOwner, EncodingType=url, and the
paginators; the 1,000-key default page.

Written to AWS's documented behaviour so the same file passes against real S3
(`pytest --aws`), stratus and moto_server.
"""
import concurrent.futures
import urllib.parse
import xml.etree.ElementTree as ElementTree

import pytest

from s3_calls import delete_bucket_fully, list_all_keys, put_objects, unique_bucket_name, xml_find

TREE = [
    "a.txt",
    "b/1.txt",
    "b/2.txt",
    "b/c/3.txt",
    "b/c/d/4.txt",
    "c.txt",
    "d/5.txt",
    "dd/6.txt",
]


@pytest.fixture
def tree(s3, bucket):
    put_objects(s3, bucket, TREE)
    return bucket


def keys_of(response):
    return [o["Key"] for o in response.get("Contents", [])]


def prefixes_of(response):
    return [p["Prefix"] for p in response.get("CommonPrefixes", [])]


# ----------------------------------------------------------------------------- ListObjectsV2


def test_list_objects_v2_returns_all_keys_in_order_with_their_fields(s3, tree):
    r = s3.list_objects_v2(Bucket=tree)
    assert keys_of(r) == TREE
    assert r["KeyCount"] == len(TREE)
    assert r["IsTruncated"] is False
    assert r["Name"] == tree
    assert r["MaxKeys"] == 1000
    first = r["Contents"][0]
    assert first["Size"] == 1
    assert first["ETag"] == '"9dd4e461268c8034f5c8564e155c67a6"'  # MD5 of b"x"
    assert first["StorageClass"] == "STANDARD"
    assert first["LastModified"] is not None
    # AWS: ListObjectsV2 omits the owner unless FetchOwner is true.
    assert "Owner" not in first


def test_list_objects_v2_with_fetch_owner_includes_the_owner(s3, tree):
    r = s3.list_objects_v2(Bucket=tree, FetchOwner=True)
    assert all(o["Owner"]["ID"] for o in r["Contents"])


def test_list_objects_v2_of_an_empty_bucket_has_no_contents(s3, bucket):
    r = s3.list_objects_v2(Bucket=bucket)
    assert r["KeyCount"] == 0
    assert "Contents" not in r
    assert r["IsTruncated"] is False


def test_list_objects_v2_with_prefix_returns_only_matching_keys(s3, tree):
    r = s3.list_objects_v2(Bucket=tree, Prefix="b/c/")
    assert keys_of(r) == ["b/c/3.txt", "b/c/d/4.txt"]
    assert r["Prefix"] == "b/c/"
    assert keys_of(s3.list_objects_v2(Bucket=tree, Prefix="d")) == ["d/5.txt", "dd/6.txt"]
    assert s3.list_objects_v2(Bucket=tree, Prefix="zzz")["KeyCount"] == 0


def test_list_objects_v2_with_delimiter_groups_common_prefixes(s3, tree):
    r = s3.list_objects_v2(Bucket=tree, Delimiter="/")
    assert keys_of(r) == ["a.txt", "c.txt"]
    assert prefixes_of(r) == ["b/", "d/", "dd/"]
    assert r["Delimiter"] == "/"
    # AWS: KeyCount counts keys and common prefixes alike.
    assert r["KeyCount"] == 5


def test_list_objects_v2_with_prefix_and_delimiter_lists_one_level(s3, tree):
    r = s3.list_objects_v2(Bucket=tree, Prefix="b/", Delimiter="/")
    assert keys_of(r) == ["b/1.txt", "b/2.txt"]
    assert prefixes_of(r) == ["b/c/"]
    r = s3.list_objects_v2(Bucket=tree, Prefix="b/c/", Delimiter="/")
    assert keys_of(r) == ["b/c/3.txt"]
    assert prefixes_of(r) == ["b/c/d/"]


def test_list_objects_v2_with_a_delimiter_other_than_slash(s3, bucket):
    put_objects(s3, bucket, ["2024-01-a", "2024-01-b", "2024-02-a", "2025"])
    r = s3.list_objects_v2(Bucket=bucket, Delimiter="-")
    assert keys_of(r) == ["2025"]
    assert prefixes_of(r) == ["2024-"]
    r = s3.list_objects_v2(Bucket=bucket, Prefix="2024-", Delimiter="-")
    assert prefixes_of(r) == ["2024-01-", "2024-02-"]


def test_list_objects_v2_pages_with_max_keys_and_continuation_token(s3, tree):
    seen = []
    kwargs = {"MaxKeys": 3}
    pages = 0
    while True:
        r = s3.list_objects_v2(Bucket=tree, **kwargs)
        pages += 1
        assert r["KeyCount"] <= 3
        assert r["MaxKeys"] == 3
        seen.extend(keys_of(r))
        if not r["IsTruncated"]:
            assert "NextContinuationToken" not in r
            break
        kwargs["ContinuationToken"] = r["NextContinuationToken"]
        assert pages < 10
    assert seen == TREE
    assert pages == 3


@pytest.mark.moto_gap("moto does not echo ContinuationToken")
def test_list_objects_v2_echoes_the_continuation_token(s3, tree):
    first = s3.list_objects_v2(Bucket=tree, MaxKeys=2)
    token = first["NextContinuationToken"]
    second = s3.list_objects_v2(Bucket=tree, MaxKeys=2, ContinuationToken=token)
    assert second["ContinuationToken"] == token
    assert keys_of(second) == TREE[2:4]


def test_list_objects_v2_common_prefixes_count_against_max_keys(s3, tree):
    # AWS: each rolled-up common prefix counts as one result against MaxKeys.
    seen_keys, seen_prefixes = [], []
    kwargs = {"Delimiter": "/", "MaxKeys": 2}
    for _ in range(10):
        r = s3.list_objects_v2(Bucket=tree, **kwargs)
        assert len(keys_of(r)) + len(prefixes_of(r)) <= 2
        seen_keys.extend(keys_of(r))
        seen_prefixes.extend(prefixes_of(r))
        if not r["IsTruncated"]:
            break
        kwargs["ContinuationToken"] = r["NextContinuationToken"]
    assert seen_keys == ["a.txt", "c.txt"]
    assert seen_prefixes == ["b/", "d/", "dd/"]


def test_list_objects_v2_with_start_after_begins_after_that_key(s3, tree):
    r = s3.list_objects_v2(Bucket=tree, StartAfter="b/c/3.txt")
    assert keys_of(r) == TREE[4:]
    assert r["StartAfter"] == "b/c/3.txt"
    # StartAfter need not be an existing key.
    assert keys_of(s3.list_objects_v2(Bucket=tree, StartAfter="c")) == ["c.txt", "d/5.txt",
                                                                         "dd/6.txt"]


def test_list_objects_v2_paginator_gives_every_key_once(s3, tree):
    keys = list_all_keys(s3, tree, PaginationConfig={"PageSize": 3})
    assert keys == TREE


# ----------------------------------------------------------------------------- ListObjects v1


def test_list_objects_v1_returns_keys_with_owner(s3, tree):
    r = s3.list_objects(Bucket=tree)
    assert keys_of(r) == TREE
    assert r["IsTruncated"] is False
    assert r["MaxKeys"] == 1000
    assert all(o["Owner"]["ID"] for o in r["Contents"])


@pytest.mark.moto_gap("moto does not echo Marker")
def test_list_objects_v1_pages_with_marker(s3, tree):
    r = s3.list_objects(Bucket=tree, MaxKeys=3)
    assert keys_of(r) == TREE[:3]
    assert r["IsTruncated"] is True
    # AWS: without a delimiter NextMarker may be absent; the last key is the next marker.
    marker = r.get("NextMarker", keys_of(r)[-1])
    r = s3.list_objects(Bucket=tree, MaxKeys=3, Marker=marker)
    assert r["Marker"] == marker
    assert keys_of(r) == TREE[3:6]


@pytest.mark.moto_gap("moto counts MaxKeys without common prefixes in v1")
def test_list_objects_v1_with_delimiter_returns_next_marker_when_truncated(s3, tree):
    r = s3.list_objects(Bucket=tree, Delimiter="/", MaxKeys=2)
    assert r["IsTruncated"] is True
    # AWS: "This element is returned only if you have the delimiter request parameter
    # specified." (S3 API reference, ListObjects, NextMarker).
    assert r["NextMarker"] == "b/"
    assert keys_of(r) == ["a.txt"] and prefixes_of(r) == ["b/"]
    r = s3.list_objects(Bucket=tree, Delimiter="/", MaxKeys=2, Marker=r["NextMarker"])
    assert keys_of(r) == ["c.txt"] and prefixes_of(r) == ["d/"]


def test_list_objects_v1_paginator_gives_every_key_once(s3, tree):
    pages = s3.get_paginator("list_objects").paginate(Bucket=tree,
                                                      PaginationConfig={"PageSize": 3})
    assert [o["Key"] for page in pages for o in page.get("Contents", [])] == TREE


@pytest.mark.moto_gap("moto repeats common prefixes across v1 pages")
def test_list_objects_v1_paginator_with_delimiter_gives_every_prefix_once(s3, tree):
    pages = list(s3.get_paginator("list_objects").paginate(
        Bucket=tree, Delimiter="/", PaginationConfig={"PageSize": 1}))
    assert [k for p in pages for k in keys_of(p)] == ["a.txt", "c.txt"]
    assert [k for p in pages for k in prefixes_of(p)] == ["b/", "d/", "dd/"]


# ----------------------------------------------------------------------------- awkward keys

AWKWARD_KEYS = [
    "with space.txt",
    "plus+sign",
    "percent%20literal",
    "question?mark",
    "hash#tag",
    "amp&er<sand>",
    "quote\"and'apostrophe",
    "tilde~and=equals",
    "ünïcödé/文件.txt",
    "emoji-😀",
    "tab\there",
]


def test_keys_with_awkward_characters_list_and_round_trip(s3, bucket):
    for key in AWKWARD_KEYS:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode("utf-8"))
    # AWS: keys list in UTF-8 binary order, which is the code point order of the strings.
    assert list_all_keys(s3, bucket) == sorted(AWKWARD_KEYS)
    for key in AWKWARD_KEYS:
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode("utf-8")
    v1 = s3.list_objects(Bucket=bucket)
    assert keys_of(v1) == sorted(AWKWARD_KEYS)


def test_keys_list_in_utf8_binary_order(s3, bucket):
    keys = ["a", "B", "Z", "_", "é", "中", "aa", "a/", "a-"]
    put_objects(s3, bucket, keys)
    expected = sorted(keys, key=lambda k: k.encode("utf-8"))
    assert list_all_keys(s3, bucket) == expected


def test_list_with_explicit_encoding_type_url_returns_encoded_keys(s3, bucket):
    keys = ["space here", "plus+", "ünï", "pct%41", "amp&"]
    put_objects(s3, bucket, keys)
    # botocore sends encoding-type=url on every listing and decodes the answer itself, but
    # only when it chose the encoding: asked for explicitly, the keys come back encoded.
    for r in (s3.list_objects_v2(Bucket=bucket, EncodingType="url"),
              s3.list_objects(Bucket=bucket, EncodingType="url")):
        assert r["EncodingType"] == "url"
        encoded = keys_of(r)
        assert all(" " not in k and "&" not in k and k.isascii() for k in encoded), encoded
        assert sorted(urllib.parse.unquote_plus(k) for k in encoded) == sorted(keys)


def test_list_with_encoding_type_url_encodes_keys_on_the_wire(raw_s3, s3, bucket):
    keys = ["space here", "ünï", "ctl\x01char"]
    put_objects(s3, bucket, keys)
    r = raw_s3.get(f"/{bucket}", query={"list-type": "2", "encoding-type": "url"})
    assert r.status == 200, r
    root = ElementTree.fromstring(r.body)
    raw_keys = [xml_find(c, "Key").text for c in root if c.tag.endswith("Contents")]
    # AWS encodes keys like an HTML form (a space may come as '+' or '%20').
    assert sorted(urllib.parse.unquote_plus(k) for k in raw_keys) == sorted(keys)
    for k in raw_keys:
        assert all(32 < ord(ch) < 127 for ch in k), k


# ----------------------------------------------------------------------------- 1,000-key pages


@pytest.fixture(scope="module")
def thousand_and_five(make_s3_client, s3_region):
    """A bucket holding 1,005 keys k0000..k1004, shared by this module's paging tests."""
    client = make_s3_client(max_pool_connections=16)
    name = unique_bucket_name("thousand")
    kwargs = {} if s3_region == "us-east-1" else {
        "CreateBucketConfiguration": {"LocationConstraint": s3_region}}
    client.create_bucket(Bucket=name, **kwargs)
    keys = [f"k{i:04d}" for i in range(1005)]
    try:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda k: client.put_object(Bucket=name, Key=k, Body=b""), keys))
        yield name, keys
    finally:
        delete_bucket_fully(client, name)


def test_list_objects_v2_default_page_is_1000_keys(s3, thousand_and_five):
    bucket, keys = thousand_and_five
    r = s3.list_objects_v2(Bucket=bucket)
    assert r["KeyCount"] == 1000
    assert r["IsTruncated"] is True
    assert keys_of(r) == keys[:1000]
    r = s3.list_objects_v2(Bucket=bucket, ContinuationToken=r["NextContinuationToken"])
    assert keys_of(r) == keys[1000:]
    assert r["IsTruncated"] is False


@pytest.mark.moto_gap("moto returns more than 1,000 keys for a larger MaxKeys")
def test_list_objects_v2_max_keys_above_1000_still_returns_1000(s3, thousand_and_five):
    bucket, _ = thousand_and_five
    # AWS: "returns up to 1,000 key names"; a larger MaxKeys does not raise the cap.
    r = s3.list_objects_v2(Bucket=bucket, MaxKeys=5000)
    assert r["KeyCount"] == 1000
    assert r["IsTruncated"] is True


def test_list_objects_v1_default_page_is_1000_keys(s3, thousand_and_five):
    bucket, keys = thousand_and_five
    r = s3.list_objects(Bucket=bucket)
    assert keys_of(r) == keys[:1000]
    assert r["IsTruncated"] is True
    r = s3.list_objects(Bucket=bucket, Marker=keys[999])
    assert keys_of(r) == keys[1000:]


def test_paginators_give_each_of_1005_keys_once(s3, thousand_and_five):
    bucket, keys = thousand_and_five
    assert list_all_keys(s3, bucket) == keys
    pages = s3.get_paginator("list_objects").paginate(Bucket=bucket)
    assert [o["Key"] for page in pages for o in page.get("Contents", [])] == keys
