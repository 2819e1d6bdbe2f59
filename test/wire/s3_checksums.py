"""The S3 flexible checksums, computed here so tests need not trust the SDK or the server.

Each function returns the value S3 puts in x-amz-checksum-<algorithm>: the
big-endian digest, base64-encoded. Pure Python table-driven CRCs: fine for the
small bodies the tests use.
"""
import base64
import hashlib
import zlib


def _reflected_table(polynomial, width):
    mask = (1 << width) - 1
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ polynomial if crc & 1 else crc >> 1
        table.append(crc & mask)
    return table


_CRC32C_TABLE = _reflected_table(0x82F63B78, 32)
_CRC64NVME_TABLE = _reflected_table(0x9A6C9329AC4BC9B5, 64)


def _reflected_crc(data, table, width):
    mask = (1 << width) - 1
    crc = mask
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ mask


def _b64(value, num_bytes):
    return base64.b64encode(value.to_bytes(num_bytes, "big")).decode()


def crc32(data):
    return _b64(zlib.crc32(data) & 0xFFFFFFFF, 4)


def crc32c(data):
    return _b64(_reflected_crc(data, _CRC32C_TABLE, 32), 4)


def crc64nvme(data):
    return _b64(_reflected_crc(data, _CRC64NVME_TABLE, 64), 8)


def sha1(data):
    return base64.b64encode(hashlib.sha1(data).digest()).decode()


def sha256(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def content_md5(data):
    return base64.b64encode(hashlib.md5(data).digest()).decode()


CHECKSUMS = {"CRC32": crc32, "CRC32C": crc32c, "CRC64NVME": crc64nvme, "SHA1": sha1,
             "SHA256": sha256}


def composite(algorithm, parts):
    """A COMPOSITE multipart checksum: the checksum of the parts' raw checksums, then -N."""
    raw = b"".join(base64.b64decode(CHECKSUMS[algorithm](p)) for p in parts)
    return f"{CHECKSUMS[algorithm](raw)}-{len(parts)}"
