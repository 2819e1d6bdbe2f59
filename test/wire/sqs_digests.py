"""The MD5 digests SQS returns for message bodies and message attributes.

AWS documents the algorithm for MD5OfMessageAttributes: attributes sorted by
name; for each, encode name, data type and value as 4-byte big-endian length
+ bytes, with one transport byte (1 = String/Number, 2 = Binary) before the
value; MD5 over the concatenation. botocore does not check these digests, so
the tests do.
"""
import hashlib
import struct


def md5_of_body(body):
    return hashlib.md5(body.encode("utf-8")).hexdigest()


def _encoded(data):
    return struct.pack(">I", len(data)) + data


def md5_of_attributes(attributes):
    """MD5 hex of a MessageAttributes dict as boto3 takes it ({name: {DataType, StringValue|BinaryValue}})."""
    digest = hashlib.md5()
    for name in sorted(attributes):
        value = attributes[name]
        data_type = value["DataType"]
        digest.update(_encoded(name.encode("utf-8")))
        digest.update(_encoded(data_type.encode("utf-8")))
        if "BinaryValue" in value:
            raw = value["BinaryValue"]
            digest.update(b"\x02" + _encoded(raw if isinstance(raw, bytes) else raw.encode()))
        else:
            digest.update(b"\x01" + _encoded(value["StringValue"].encode("utf-8")))
    return digest.hexdigest()
