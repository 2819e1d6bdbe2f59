"""The AWS CLI S3 flows a user types, end to end, with each CLI: the awscli v1 on PATH and
Debian's awscli v2 at /usr/bin/aws (or only $STRATUS_AWS_CLI when set).

`aws s3 presign` is tested in test_s3_presigned.py.
"""
import hashlib
import os

from s3_calls import MIB, delete_bucket_fully, list_all_keys, unique_bucket_name


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tree_of(root):
    """{relative path: sha256} of every file under root."""
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            out[os.path.relpath(path, root).replace(os.sep, "/")] = sha256_of(path)
    return out


def test_cli_bucket_lifecycle_with_a_multipart_copy(s3_cli, s3, tmp_path):
    bucket = unique_bucket_name("cli")
    small = tmp_path / "small.txt"
    small.write_bytes(b"hello from the cli\n")
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(20 * MIB + 7))
    removed = False
    try:
        assert f"make_bucket: {bucket}" in s3_cli.s3("mb", f"s3://{bucket}")
        s3_cli.s3("cp", str(small), f"s3://{bucket}/docs/small.txt")
        # 20 MiB is above the CLI's 8 MiB multipart threshold.
        s3_cli.s3("cp", str(big), f"s3://{bucket}/data/big.bin")
        head = s3.head_object(Bucket=bucket, Key="data/big.bin")
        assert head["ContentLength"] == 20 * MIB + 7
        assert "-" in head["ETag"], f"a 20 MiB CLI upload should be multipart: {head['ETag']}"

        down = tmp_path / "down.bin"
        s3_cli.s3("cp", f"s3://{bucket}/data/big.bin", str(down))
        assert sha256_of(down) == sha256_of(big)

        listing = s3_cli.s3("ls", f"s3://{bucket}", "--recursive")
        lines = [line.split() for line in listing.splitlines() if line.strip()]
        assert {(parts[-1], int(parts[-2])) for parts in lines} == {
            ("docs/small.txt", small.stat().st_size), ("data/big.bin", 20 * MIB + 7)}

        s3_cli.s3("rm", f"s3://{bucket}", "--recursive")
        assert list_all_keys(s3, bucket) == []
        assert f"remove_bucket: {bucket}" in s3_cli.s3("rb", f"s3://{bucket}")
        removed = True
        assert bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    finally:
        if not removed:
            delete_bucket_fully(s3, bucket)


def test_cli_sync_up_and_back_reproduces_the_tree(s3_cli, s3, bucket, tmp_path):
    src = tmp_path / "src"
    files = {
        "top.txt": b"top level\n",
        "nested/deeper/leaf.csv": b"a,b\n1,2\n",
        "with space/file name.txt": b"spaces\n",
        "ünïcode/文件.txt": "unicode\n".encode(),
    }
    for rel, data in files.items():
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    s3_cli.s3("sync", str(src), f"s3://{bucket}/mirror")
    assert sorted(list_all_keys(s3, bucket)) == sorted(f"mirror/{rel}" for rel in files)

    # A second sync has nothing to do.
    assert s3_cli.s3("sync", str(src), f"s3://{bucket}/mirror").strip() == ""

    back = tmp_path / "back"
    s3_cli.s3("sync", f"s3://{bucket}/mirror", str(back))
    assert tree_of(back) == tree_of(src)


def test_cli_s3api_put_object_and_get_object(s3_cli, bucket, tmp_path):
    body = tmp_path / "body.json"
    body.write_bytes(b'{"hello": "s3api"}')
    put = s3_cli("s3api", "put-object", "--bucket", bucket, "--key", "api/doc.json",
                 "--body", str(body), "--content-type", "application/json",
                 "--metadata", "owner=cli,stage=test")
    assert put["ETag"] == '"' + hashlib.md5(body.read_bytes()).hexdigest() + '"'

    out = tmp_path / "out.json"
    got = s3_cli("s3api", "get-object", "--bucket", bucket, "--key", "api/doc.json", str(out))
    assert out.read_bytes() == body.read_bytes()
    assert got["ContentType"] == "application/json"
    assert got["Metadata"] == {"owner": "cli", "stage": "test"}
    assert got["ContentLength"] == len(body.read_bytes())


def test_cli_reports_a_missing_bucket_as_no_such_bucket(s3_cli):
    p = s3_cli.run_raw("s3", "ls", f"s3://{unique_bucket_name('missing')}")
    assert p.returncode != 0
    assert "NoSuchBucket" in p.stderr, p.stderr
