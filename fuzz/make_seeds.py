#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/ (checked in; rerun after changing an input format).

Each seed is a small valid input in the format its target's comment describes. The signed
aws-chunked seeds carry real chunk signatures under AWS's documented example key, so that
the fuzzer starts from bodies that verify.
"""
import hashlib
import hmac
import pathlib
import struct
import zlib

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"

# AWS's chunked-upload example: key, scope and seed signature.
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TIMESTAMP = "20130524T000000Z"
SCOPE = "20130524/us-east-1/s3/aws4_request"
SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
EMPTY = hashlib.sha256(b"").hexdigest()


def signing_key():
    key = ("AWS4" + SECRET).encode()
    for part in ("20130524", "us-east-1", "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def sign(string_to_sign):
    return hmac.new(signing_key(), string_to_sign.encode(), hashlib.sha256).hexdigest()


def encode(chunks, trailers=(), signed=False, signed_trailer=False, zero_signatures=False):
    out, previous = b"", SEED
    for chunk in list(chunks) + [b""]:
        out += b"%x" % len(chunk)
        if signed:
            signature = "0" * 64 if zero_signatures else sign("\n".join(
                ["AWS4-HMAC-SHA256-PAYLOAD", TIMESTAMP, SCOPE, previous, EMPTY,
                 hashlib.sha256(chunk).hexdigest()]))
            out += b";chunk-signature=" + signature.encode()
            previous = signature
        out += b"\r\n" + (chunk + b"\r\n" if chunk else b"")
    canonical = "".join(f"{name}:{value}\n" for name, value in sorted(trailers))
    for name, value in trailers:
        out += f"{name}:{value}\r\n".encode()
    if signed_trailer:
        signature = sign("\n".join(["AWS4-HMAC-SHA256-TRAILER", TIMESTAMP, SCOPE, previous,
                                    hashlib.sha256(canonical.encode()).hexdigest()]))
        out += b"x-amz-trailer-signature:" + signature.encode() + b"\r\n"
    return out + b"\r\n"


def chunked_seed(flags, decoded_length, cuts, body):
    return (bytes([flags]) + struct.pack("<H", decoded_length) + bytes([len(cuts)]) +
            b"".join(struct.pack("<H", cut) for cut in cuts) + body)


CRC32 = [("x-amz-checksum-crc32", "DUoRhQ==")]
AWS_CHUNKED = {
    # Flags: bits 0-1 kind (0 unsigned trailer, 1 signed, 2 signed trailer), 4 decoded length
    # given, 8 verify, 16 x-amz-trailer crc32, 32 8 KiB chunk minimum.
    "botocore_hello_world": chunked_seed(0x14, 11, [1, 7, 30], encode([b"hello world"], CRC32)),
    "botocore_empty": chunked_seed(0x14, 0, [], encode([], [("x-amz-checksum-crc32", "AAAAAA==")])),
    "unsigned_two_chunks": chunked_seed(0x04, 10, [4, 9], encode([b"hello", b"world"])),
    "signed_verified": chunked_seed(0x0D, 10, [50, 100],
                                    encode([b"hello", b"world"], signed=True)),
    "signed_trailer_verified": chunked_seed(
        0x1E, 11, [60], encode([b"hello world"], CRC32, signed=True, signed_trailer=True)),
    "signed_unverified": chunked_seed(0x05, 5, [],
                                      encode([b"hello"], signed=True, zero_signatures=True)),
    "minimum_chunk_size": chunked_seed(0x24, 8195, [8000],
                                       encode([b"a" * 8192, b"bcd"])),
}


def lines(method, *parts, body=b""):
    return "\n".join((method,) + parts).encode() + b"\n\n" + body


SIGV4 = {
    # Lines: method, Authorization, query, path, X-Amz-Date, x-amz-content-sha256,
    # x-amz-decoded-content-length, x-amz-trailer, headers..., empty line, body.
    "sqs_header_signed": lines(
        "POST",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sqs/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=214b2517990d049b26dc8d4e59cdadd1c3f841805bef28a730710f3ec405c63e",
        "", "/", "20261123T005056Z", "", "", "",
        "Content-Type:application/x-amz-json-1.0", "X-Amz-Target:AmazonSQS.CreateQueue",
        body=b'{"QueueName":"orders"}'),
    "s3_presigned_get": lines(
        "GET",
        "",
        "versionId=v1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261123%2F"
        "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261123T005056Z&X-Amz-Expires=900&"
        "X-Amz-SignedHeaders=host&X-Amz-Signature="
        "9f448cb0feecc1670720f316ba12b8da166ee92cd8291346875ffe28578f1a0b",
        "/bucket/photos/a%20b.jpg", "", "", "", ""),
    "s3_streaming_unsigned_trailer": lines(
        "PUT",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request, "
        "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;"
        "x-amz-decoded-content-length;x-amz-trailer, "
        "Signature=3a87368c486f0796dfff6fe67dab45eea5ec6510ac355d2431227fd6f97d871d",
        "", "/bucket/key", "20261123T005056Z", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "11",
        "x-amz-checksum-crc32", "Content-Encoding:aws-chunked",
        body=encode([b"hello world"], CRC32)),
    "s3_aws_documented_seed": lines(
        "PUT",
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
        "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
        "x-amz-decoded-content-length;x-amz-storage-class,Signature=" + SEED,
        "", "/examplebucket/chunkObject.txt", TIMESTAMP, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
        "66560", "", "Host:s3.amazonaws.com", "Content-Encoding:aws-chunked", "Content-Length:66824",
        "x-amz-storage-class:REDUCED_REDUNDANCY"),
    "s3_put_hex_hash": lines(
        "PUT",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/s3/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, "
        "Signature=757517a9db206b3251857e0f7db49743e329a3794b18e8d2bc871676793f985c",
        "", "/bucket/dir/a%20b%2Bc~d.txt", "20261123T005056Z",
        "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9", "", "",
        "Content-Type:text/plain", body=b"hello world"),
}

NS = ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'
REST_XML = {
    # Byte 0 picks the operation (fuzz/rest_xml_request_fuzz.cc's kOperations).
    "delete_objects": bytes([0]) + f"<Delete{NS}><Object><Key>a</Key></Object><Object><Key>b</Key>"
    "<VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>".encode(),
    "complete_multipart_upload": bytes([1]) + f"<CompleteMultipartUpload{NS}><Part><ETag>\"e1\""
    "</ETag><PartNumber>1</PartNumber></Part><Part><ChecksumCRC32>AAAAAA==</ChecksumCRC32>"
    "<ETag>\"e2\"</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>".encode(),
    "put_bucket_cors": bytes([2]) + f"<CORSConfiguration{NS}><CORSRule><AllowedHeader>*"
    "</AllowedHeader><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
    "<AllowedOrigin>*</AllowedOrigin><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000"
    "</MaxAgeSeconds></CORSRule></CORSConfiguration>".encode(),
    "put_bucket_tagging": bytes([3]) + f"<Tagging{NS}><TagSet><Tag><Key>k</Key><Value>v</Value>"
    "</Tag><Tag><Key>a &amp; b</Key><Value></Value></Tag></TagSet></Tagging>".encode(),
    "put_bucket_lifecycle": bytes([5]) + f"<LifecycleConfiguration{NS}><Rule><ID>r</ID><Filter>"
    "<Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>30</Days>"
    "</Expiration></Rule></LifecycleConfiguration>".encode(),
    "create_bucket": bytes([6]) + f"<CreateBucketConfiguration{NS}><LocationConstraint>eu-west-1"
    "</LocationConstraint></CreateBucketConfiguration>".encode(),
    "put_bucket_notification": bytes([8]) + f"<NotificationConfiguration{NS}><QueueConfiguration>"
    "<Id>q</Id><Queue>arn:aws:sqs:us-east-1:000000000000:q</Queue><Event>s3:ObjectCreated:*"
    "</Event><Filter><S3Key><FilterRule><Name>prefix</Name><Value>in/</Value></FilterRule>"
    "</S3Key></Filter></QueueConfiguration></NotificationConfiguration>".encode(),
    "put_object_acl": bytes([10]) + f"<AccessControlPolicy{NS}><Owner><ID>o</ID></Owner>"
    "<AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:type=\"CanonicalUser\"><ID>o</ID></Grantee><Permission>FULL_CONTROL</Permission>"
    "</Grant></AccessControlList></AccessControlPolicy>".encode(),
}

# Byte 0 picks the entry point (fuzz/sql_parse_fuzz.cc): 0 statement, 1 script,
# 2 expression, 3 type. The batch ETL's statements come first.
SQL_PARSE = {
    "etl_create_database": b"\0CREATE DATABASE if not exists mydatabase",
    "etl_show_tables": b"\0show tables in mydatabase",
    "etl_create_external_table": b"\0CREATE EXTERNAL TABLE mydatabase.transactions ( "
    b"transaction_id bigint , user_id bigint , total_cost double , dt string ) ROW FORMAT "
    b"DELIMITED FIELDS TERMINATED BY ',' STORED AS INPUTFORMAT "
    b"'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT "
    b"'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION "
    b"'s3://datalake/data/myschema/transactions/' TBLPROPERTIES ( 'skip.header.line.count'='0') ;",
    "etl_create_iceberg_table": b"\0CREATE TABLE IF NOT EXISTS mydatabase.user_transactions ( "
    b"dt date, user_id int, total_cost_usd float, registration_date string ) PARTITIONED BY (dt) "
    b"LOCATION 's3://datalake/data/myschema/optimized-data-iceberg-parquet/' TBLPROPERTIES ( "
    b"'table_type'='ICEBERG', 'format'='parquet', 'write_target_data_file_size_bytes'='536870912',"
    b" 'optimize_rewrite_delete_file_threshold'='10' ) ;",
    "etl_merge": b"\0MERGE INTO mydatabase.user_transactions as ut USING ( SELECT date(dt) dt , "
    b"user_id , sum(total_cost) total_cost_usd , registration_date FROM mydatabase.transactions "
    b"LEFT JOIN mydatabase.users ON users.id = transactions.user_id GROUP BY dt , user_id , "
    b"registration_date ) as ut2 ON (ut.dt = ut2.dt and ut.user_id = ut2.user_id) WHEN MATCHED "
    b"THEN UPDATE SET total_cost_usd = ut2.total_cost_usd, registration_date = "
    b"ut2.registration_date WHEN NOT MATCHED THEN INSERT ( dt ,user_id ,total_cost_usd "
    b",registration_date ) VALUES ( ut2.dt ,ut2.user_id ,ut2.total_cost_usd "
    b",ut2.registration_date ) ;",
    "query_everything": b"\0WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t "
    b"WHERE n < 5) SELECT DISTINCT t.*, x.a AS b, count(*) FILTER (WHERE n > 1) OVER (PARTITION "
    b"BY n ORDER BY n DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t "
    b"CROSS JOIN UNNEST(ARRAY[1,2]) WITH ORDINALITY AS x(a, o) LEFT JOIN (SELECT 1) s ON true "
    b"GROUP BY GROUPING SETS ((a, b), (), a), ROLLUP (a), CUBE (b) HAVING sum(a) > 1 "
    b"INTERSECT SELECT 1 EXCEPT ALL TABLE u ORDER BY 1 OFFSET 1 ROWS FETCH FIRST 3 ROWS WITH TIES",
    "expressions": b"\0SELECT CAST(x AS decimal(10,2)), TRY_CAST(y AS array(row(a bigint))), "
    b"EXTRACT(year FROM d), DATE '2024-01-01', INTERVAL -'1' DAY TO SECOND, X'0aff', "
    b"U&'\\0041', 1.5, 1e3, 'it''s', ?, transform(arr, x -> x + 1), map_filter(m, (k, v) -> v > "
    b"0), a[1], m['k'].f, ROW(1, 'a'), current_timestamp(3), ts AT TIME ZONE 'UTC', "
    b"array_agg(x ORDER BY y) IGNORE NULLS OVER w, position('a' IN s), substring(s FROM 2 FOR "
    b"3), trim(BOTH 'x' FROM s), a NOT BETWEEN 1 AND 2, b IS NOT DISTINCT FROM c, e NOT IN (1), "
    b"g LIKE 'a%' ESCAPE '!', EXISTS (SELECT 1), h = ANY (SELECT 1), CASE WHEN a THEN 1 END "
    b"FROM t FOR VERSION AS OF 3 TABLESAMPLE BERNOULLI (5) WINDOW w AS (ORDER BY x)",
    "script": b"\1CREATE SCHEMA s WITH DBPROPERTIES ('a'='b'); SHOW TABLES IN s 'x*'; "
    b"DESCRIBE FORMATTED t; SHOW CREATE VIEW v; SHOW PARTITIONS t; SHOW TBLPROPERTIES t('k');"
    b"CREATE OR REPLACE VIEW v AS SELECT 1; DROP VIEW v; INSERT INTO t (a) VALUES (1);"
    b"MSCK REPAIR TABLE t; ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt='1') LOCATION 's3://x/';"
    b"ALTER TABLE t DROP PARTITION (dt='1'); UPDATE t SET a = 1 WHERE b; DELETE FROM t;"
    b"OPTIMIZE t REWRITE DATA USING BIN_PACK WHERE a; VACUUM t; PREPARE p FROM SELECT ?;"
    b"EXECUTE p USING 1; DEALLOCATE PREPARE p; USE db; EXPLAIN (TYPE IO) SELECT 1;"
    b"CREATE TABLE c WITH (format='PARQUET') AS SELECT 1 WITH NO DATA; DROP SCHEMA s CASCADE",
    "serde_table": b"\0CREATE EXTERNAL TABLE `t` (`date` string COMMENT 'c', s struct<a:int>, "
    b"m map<string,array<int>>) PARTITIONED BY (y int) CLUSTERED BY (a) INTO 4 BUCKETS ROW FORMAT"
    b" SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' WITH SERDEPROPERTIES ('quoteChar'='\"')"
    b" STORED AS TEXTFILE LOCATION 's3://b/'",
    "expression": b"\2-a * (b + c) || d AND NOT e OR f IS NULL",
    "data_type": b"\3array<struct<a:int,b:map<string,decimal(10,2)>>>",
    "row_type": b"\3row(x timestamp(3) with time zone, y interval day to second, double precision)",
}


# Line 1: values of year (int), dt (date), region (string), amount (decimal); then the expression.
GLUE_PARTITION_EXPRESSION = {
    "compare_int": b"2024,2024-01-10,eu,1.50\nyear > 9",
    "and_or_not": b"2024,2024-01-10,eu,1.50\nregion = 'us' OR year = 2024 AND NOT dt < '2024-01-01'",
    "between_date": b"2024,2024-01-10,eu,1.50\ndt BETWEEN DATE '2024-01-01' AND '2024-01-31'",
    "in_list": b"2024,2024-01-10,eu,1.50\nyear NOT IN (2023, 2024) or region in ('eu','us')",
    "like": b"2024,2024-01-10,eu-west-1,1.50\nregion LIKE 'eu-%' AND region NOT LIKE '_s%'",
    "is_null": b"2024,2024-01-10,eu,1.50\nregion IS NOT NULL AND NOT (amount IS NULL)",
    "quoted": b"2024,2024-01-10,it's,-3\n`YEAR` >= -1 AND \"Region\" <> 'it''s' AND amount < 2.5",
    "parens": b"9,0010-02-01,ap,0\n((year = 9) OR (year = 10)) AND (dt != TIMESTAMP '2024')",
    "bad_key": b"1,2,3,4\ncolour = 'red'",
}


def avro_long(value):
    value = (value << 1) ^ (value >> 63)
    out = b""
    while value >= 0x80:
        out += bytes([(value & 0x7F) | 0x80])
        value >>= 7
    return out + bytes([value])


def avro_bytes(data):
    return avro_long(len(data)) + data


def avro_container(schema, records, codec=b"null", blocks=1):
    """An Avro object container file; `records` are already-encoded datums."""
    sync = hashlib.md5(schema).digest()
    out = b"Obj\x01" + avro_long(2) + avro_bytes(b"avro.schema") + avro_bytes(schema)
    out += avro_bytes(b"avro.codec") + avro_bytes(codec) + avro_long(0) + sync
    per_block = max(1, len(records) // blocks)
    for start in range(0, len(records), per_block):
        chunk = records[start:start + per_block]
        data = b"".join(chunk)
        if codec == b"deflate":
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = compressor.compress(data) + compressor.flush()
        out += avro_long(len(chunk)) + avro_bytes(data) + sync
    return out


GENERIC_SCHEMA = (b'{"type":"record","name":"r","fields":[{"name":"id","type":"long"},'
                  b'{"name":"name","type":["null","string"]},{"name":"raw","type":"bytes"},'
                  b'{"name":"tags","type":{"type":"array","items":"int"}},'
                  b'{"name":"sizes","type":{"type":"map","values":"long"}},'
                  b'{"name":"kind","type":{"type":"enum","name":"k","symbols":["A","B"]}},'
                  b'{"name":"hash","type":{"type":"fixed","name":"h","size":4}},'
                  b'{"name":"ratio","type":"double"},{"name":"flag","type":"boolean"}]}')


def generic_record(i):
    name = avro_long(0) if i % 2 else avro_long(1) + avro_bytes(b"row %d" % i)
    return (avro_long(i) + name + avro_bytes(b"\x00\xff") + avro_long(2) + avro_long(i) +
            avro_long(-i) + avro_long(0) + avro_long(1) + avro_bytes(b"k") + avro_long(i) +
            avro_long(0) + avro_long(i % 2) + b"abcd" + struct.pack("<d", i / 4) + b"\x01")


def iceberg_fixture_files():
    metadata = (pathlib.Path(__file__).resolve().parent.parent /
                "src/formats/iceberg/testdata/sales/metadata")
    seeds = {}
    for path in sorted(metadata.glob("*.avro")):
        kind = "manifest_list" if path.name.startswith("snap-") else "manifest"
        seeds.setdefault(kind, path.read_bytes())
    return seeds


def avro_seeds():
    records = [generic_record(i) for i in range(6)]
    seeds = {
        "generic_null_codec": avro_container(GENERIC_SCHEMA, records),
        "generic_deflate_two_blocks": avro_container(GENERIC_SCHEMA, records, b"deflate", 2),
        "empty_file": avro_container(b'"long"', []),
    }
    seeds.update(iceberg_fixture_files())
    return seeds


def mysql_packet(payload, sequence):
    return struct.pack("<I", len(payload))[:3] + bytes([sequence]) + payload


def lenenc(data):
    return bytes([len(data)]) + data


def mysql_seeds():
    greeting = (b"\x0a10.11.6-MariaDB\x00" + struct.pack("<I", 7) + b"abcdefgh\x00"
                + struct.pack("<H", 0xf7fe) + b"\x21\x02\x00" + struct.pack("<H", 0x81bf)
                + b"\x15" + b"\x00" * 10 + b"ijklmnopqrst\x00mysql_native_password\x00")
    response = (struct.pack("<I", 0x010aa20f) + struct.pack("<I", 1 << 24) + b"\x21"
                + b"\x00" * 23 + b"root\x00\x14" + b"s" * 20 + b"mysql_native_password\x00")
    column = b"".join(lenenc(x) for x in (b"def", b"db", b"t", b"t", b"id", b"id"))
    column += b"\x0c\x3f\x00\x0b\x00\x00\x00\x03\x00\x00\x00\x00\x00"
    result = (mysql_packet(b"\x01", 1) + mysql_packet(column, 2)
              + mysql_packet(b"\xfe\x00\x00\x02\x00", 3) + mysql_packet(lenenc(b"42"), 4)
              + mysql_packet(b"\xfb", 5) + mysql_packet(b"\xfe\x00\x00\x02\x00", 6))
    export = (b"\x03SELECT * FROM myschema.transactions INTO OUTFILE S3 "
              b"'s3://datalake/data/t.scv' FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' "
              b"OVERWRITE ON;")
    load = b"\x03LOAD DATA FROM S3 PREFIX 's3://b/p' REPLACE INTO TABLE t FIELDS TERMINATED BY ','"
    return {
        "handshake": b"\x10\x01" + mysql_packet(greeting, 0) + mysql_packet(response, 1),
        "result_set": b"\x07\x01" + result,
        "export_statement": b"\xff\x00" + mysql_packet(export, 0),
        "load_statement": b"\x03\x00" + mysql_packet(load, 0),
        "continued": b"\xff\x00" + mysql_packet(b"\x03" + b"x" * 0xfffffe, 0)[:300]
                     + b"\x00\x00\x00\x01",
        "ok_err": b"\x01\x00" + mysql_packet(b"\x00\x01\x00\x02\x00\x00\x00", 1)
                  + mysql_packet(b"\xff\x3e\x04#HY000File exists", 1),
    }


def main():
    for target, seeds in (("aws_chunked_fuzz", AWS_CHUNKED), ("sigv4_parse_fuzz", SIGV4),
                          ("rest_xml_request_fuzz", REST_XML), ("sql_parse_fuzz", SQL_PARSE),
                          ("glue_partition_expression_fuzz", GLUE_PARTITION_EXPRESSION)):
        folder = ROOT / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in seeds.items():
            (folder / name).write_bytes(data)
    folder = ROOT / "avro_read_fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in avro_seeds().items():
        (folder / name).write_bytes(data)
    folder = ROOT / "mysql_packet_fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in mysql_seeds().items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
