#!/usr/bin/env python3
"""kill -9 durability check for stratus S3: what was acknowledged survives, and no bytes are orphaned.

  python3 test/durability/s3_kill9.py [--put-threads 6] [--multipart-threads 3]
                                      [--min-kills 4] [--max-kills 6] [--seed S] [--keep]

What it does, on a temporary data dir and one fixed 127.0.0.1 port:
  1. Starts `stratus serve` ($STRATUS_BIN or build/release/stratus) and creates a bucket.
  2. Put threads PUT objects under distinct keys, each body generated from the
     seed and the key: small ones kept inline in s3.db (1-8 KiB) and blob-sized
     ones (100 KiB-1 MiB, files under <data>/s3/blobs/); now and then a thread
     deletes one of its acknowledged objects. Multipart threads create uploads
     of one part (100-600 KiB) or two (5 MiB + 10-300 KiB), upload the parts
     and complete them (about 1 in 7 is aborted instead). Every call is retried
     on connection errors and 5xx until it is acknowledged (200/204) or the run
     ends; what was attempted and what was acknowledged is recorded, with the
     MD5s.
  3. A killer SIGKILLs the server 4-6 times, restarting it on the same data dir
     and port each time: at random moments, and every other time just as a
     CompleteMultipartUpload is being sent (0-3 ms after it leaves the client).
  4. When the clients stop, one more kill -9 and restart on an idle server, then:
     - every acknowledged PUT and Complete (not deleted since) is listed with
       its ETag (MD5, or the MD5 of the part MD5s and -N) and reads back with
       the same bytes (MD5 of the GET, and its size);
     - acknowledged deletes and aborts are gone; nothing is listed under a key
       never attempted, and what is listed without an acknowledgement (a
       commit whose answer the kill cut off) reads back intact too; an upload
       that a retried Complete no longer finds must have become its object;
     - uploads still in progress (ListMultipartUploads) show every
       acknowledged part (ListParts) with its MD5;
     - the blob directory holds exactly the files that the listed object
       versions (ListObjectVersions; HeadObject partNumber=1 for a multipart
       object's parts count) and the parts of the uploads in progress name:
       the start-up sweep left no orphan, and no file is missing.

kill -9 keeps the kernel's page cache, so this catches acknowledging before
the write reaches the OS and crashes between the blob and its row, not a
missing fsync (that needs a VM or a fault-injecting file system).

Prints a summary and exits 0 when every check passed, 1 otherwise (keeping
the data dir and server log). Bounded in time (--time-limit, default 55 s)
and count; loopback only.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import boto3
import botocore.exceptions
from botocore.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "wire"))

from stratus_process import StratusProcess  # noqa: E402

BUCKET = "kill9"
MAX_INLINE_BYTES = 64 * 1024  # EngineOptions::max_inline_bytes (docs/formats/s3.md)
MIB = 1024 * 1024
BLOB_ID = re.compile(r"^[0-9a-f]{32}$")
RETRYABLE = (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError,
             botocore.exceptions.ReadTimeoutError, botocore.exceptions.ConnectTimeoutError,
             botocore.exceptions.HTTPClientError, ConnectionError)


def make_client(endpoint):
    cfg = Config(retries={"max_attempts": 0}, connect_timeout=2, read_timeout=15,
                 max_pool_connections=4, s3={"addressing_style": "path"})
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x", config=cfg)


def http_status(error):
    if isinstance(error, botocore.exceptions.ClientError):
        return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    return 0


def error_code(error):
    if isinstance(error, botocore.exceptions.ClientError):
        return error.response.get("Error", {}).get("Code", "")
    return ""


def is_retryable(error):
    # A server that is shutting down or starting may answer 5xx; that is not an acknowledgement.
    return isinstance(error, RETRYABLE) or http_status(error) >= 500


def call_with_retry(fn, deadline, on_retry=None):
    """Calls fn() until it returns without a retryable error or the deadline passes.

    Returns (result, attempts); raises the last error otherwise (with .attempts set).
    on_retry(error) is called once, at the first retry."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return fn(), attempt
        except Exception as e:  # noqa: BLE001 - classified below
            if not is_retryable(e) or time.monotonic() >= deadline:
                e.attempts = attempt
                raise
            if on_retry and attempt == 1:
                on_retry(e)
            time.sleep(0.02)


def body_for(seed, key, part, size):
    """The bytes of `key` (part `part`; 0 for a single PUT): a function of the seed and the key."""
    return random.Random(f"{seed}/{key}/{part}").randbytes(size)


def quoted_md5(data):
    return '"' + hashlib.md5(data).hexdigest() + '"'


def multipart_etag(part_md5s):
    joined = b"".join(bytes.fromhex(m.strip('"')) for m in part_md5s)
    return f'"{hashlib.md5(joined).hexdigest()}-{len(part_md5s)}"'


class PutRecord:
    def __init__(self, key, size, md5):
        self.key = key
        self.size = size
        self.md5 = md5            # quoted, as an ETag
        self.acked = False
        self.attempts = 0
        self.delete = None        # None, "attempted" or "acked"


class UploadRecord:
    def __init__(self, key, part_sizes):
        self.key = key
        self.part_sizes = part_sizes
        self.part_md5s = {}       # part number -> quoted MD5, of every part attempted
        self.acked_parts = set()  # part numbers whose UploadPart was acknowledged
        self.full_md5 = None      # quoted MD5 of the whole object
        self.etag = None          # the multipart ETag Complete must give
        self.upload_id = None     # None until CreateMultipartUpload is acknowledged
        self.finish = None        # "complete" or "abort": what the thread meant to do
        self.finish_attempted = False  # a Complete or Abort was sent at least once
        self.state = "creating"   # creating, parts, completing, completed, aborting, aborted,
        #                           complete-unknown (a retried Complete found no upload), stopped

    @property
    def size(self):
        return sum(self.part_sizes)


class Run:
    """State of one kill -9 run. Thread safety: records and counters are guarded by `lock`."""

    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.tmp = tempfile.mkdtemp(prefix="stratus-s3-kill9-")
        self.data_dir = os.path.join(self.tmp, "data")
        self.server = StratusProcess(self.data_dir, log_path=os.path.join(self.tmp, "stratus.log"))
        self.lock = threading.Lock()
        self.puts = {}            # key -> PutRecord
        self.uploads = {}         # key -> UploadRecord
        self.interrupted = {"put": 0, "delete": 0, "create": 0, "part": 0, "complete": 0,
                            "abort": 0}
        self.completing = threading.Event()  # set just before a Complete is sent
        self.stop_clients = threading.Event()
        self.kill_points = []
        self.restart_seconds = []
        self.errors = []
        self.notes = []

    # --------------------------------------------------------------- clients

    def retry_counter(self, what):
        def count(_error):
            with self.lock:
                self.interrupted[what] += 1
        return count

    def putter(self, index, deadline):
        rng = random.Random(f"{self.args.seed}/putter/{index}")
        client = make_client(self.server.endpoint)
        mine = []
        n = 0
        while not self.stop_clients.is_set() and time.monotonic() < deadline:
            key = f"put/{index}/{n:05d}"
            n += 1
            size = rng.randint(1024, 8 * 1024) if rng.random() < 0.6 else \
                rng.randint(100 * 1024, MIB)
            body = body_for(self.args.seed, key, 0, size)
            record = PutRecord(key, size, quoted_md5(body))
            with self.lock:
                self.puts[key] = record
            try:
                response, record.attempts = call_with_retry(
                    lambda: client.put_object(Bucket=BUCKET, Key=key, Body=body), deadline,
                    self.retry_counter("put"))
            except Exception as e:  # noqa: BLE001 - an unacknowledged PUT is allowed
                record.attempts = getattr(e, "attempts", 1)
                if not is_retryable(e):
                    self.errors.append(f"PutObject {key}: {e!r}"[:300])
                continue
            with self.lock:
                record.acked = True
            if response["ETag"] != record.md5:
                self.errors.append(f"PutObject {key} answered ETag {response['ETag']}, "
                                   f"expected {record.md5}")
            mine.append(record)
            if len(mine) > 5 and rng.random() < 0.1:
                victim = mine.pop(rng.randrange(len(mine) - 1))  # Not the newest.
                victim.delete = "attempted"
                try:
                    call_with_retry(lambda: client.delete_object(Bucket=BUCKET, Key=victim.key),
                                    deadline, self.retry_counter("delete"))
                    victim.delete = "acked"
                except Exception as e:  # noqa: BLE001 - an unacknowledged delete is allowed
                    if not is_retryable(e):
                        self.errors.append(f"DeleteObject {victim.key}: {e!r}"[:300])

    def multipart(self, index, deadline):
        rng = random.Random(f"{self.args.seed}/multipart/{index}")
        client = make_client(self.server.endpoint)
        n = 0
        while not self.stop_clients.is_set() and time.monotonic() < deadline:
            key = f"mpu/{index}/{n:04d}"
            n += 1
            sizes = [rng.randint(100 * 1024, 600 * 1024)] if rng.random() < 0.5 else \
                [5 * MIB, rng.randint(10 * 1024, 300 * 1024)]
            record = UploadRecord(key, sizes)
            record.finish = "abort" if rng.random() < 1 / 7 else "complete"
            with self.lock:
                self.uploads[key] = record
            try:
                self.run_upload(client, record, deadline)
            except Exception as e:  # noqa: BLE001 - an unacknowledged step is allowed
                with self.lock:
                    if record.state not in ("completed", "aborted", "complete-unknown"):
                        record.state = "stopped"
                if not is_retryable(e):
                    self.errors.append(f"multipart {key} ({record.state}): {e!r}"[:300])

    def run_upload(self, client, record, deadline):
        key = record.key
        created, _ = call_with_retry(
            lambda: client.create_multipart_upload(Bucket=BUCKET, Key=key), deadline,
            self.retry_counter("create"))
        upload_id = created["UploadId"]
        with self.lock:
            record.upload_id = upload_id
            record.state = "parts"
        whole = hashlib.md5()
        for number, size in enumerate(record.part_sizes, start=1):
            data = body_for(self.args.seed, key, number, size)
            whole.update(data)
            with self.lock:
                record.part_md5s[number] = quoted_md5(data)
            response, _ = call_with_retry(
                lambda: client.upload_part(Bucket=BUCKET, Key=key, UploadId=upload_id,
                                           PartNumber=number, Body=data),
                deadline, self.retry_counter("part"))
            with self.lock:
                record.acked_parts.add(number)
            if response["ETag"] != record.part_md5s[number]:
                self.errors.append(f"UploadPart {key} #{number} answered ETag {response['ETag']}, "
                                   f"expected {record.part_md5s[number]}")
        record.full_md5 = '"' + whole.hexdigest() + '"'
        record.etag = multipart_etag([record.part_md5s[i]
                                      for i in range(1, len(record.part_sizes) + 1)])
        if self.stop_clients.is_set():
            return
        if record.finish == "abort":
            record.state = "aborting"
            record.finish_attempted = True
            try:
                call_with_retry(lambda: client.abort_multipart_upload(
                    Bucket=BUCKET, Key=key, UploadId=upload_id), deadline,
                    self.retry_counter("abort"))
            except botocore.exceptions.ClientError as e:
                # A retry after an abort that committed but was not answered.
                if error_code(e) != "NoSuchUpload" or getattr(e, "attempts", 1) < 2:
                    raise
            record.state = "aborted"
            return
        parts = [{"PartNumber": i, "ETag": record.part_md5s[i]}
                 for i in range(1, len(record.part_sizes) + 1)]
        record.state = "completing"
        record.finish_attempted = True
        self.completing.set()
        try:
            response, _ = call_with_retry(lambda: client.complete_multipart_upload(
                Bucket=BUCKET, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}),
                deadline, self.retry_counter("complete"))
        except botocore.exceptions.ClientError as e:
            # A retry after a Complete that committed but was not answered.
            if error_code(e) == "NoSuchUpload" and getattr(e, "attempts", 1) >= 2:
                record.state = "complete-unknown"
                return
            raise
        finally:
            self.completing.clear()
        record.state = "completed"
        if response["ETag"] != record.etag:
            self.errors.append(f"CompleteMultipartUpload {key} answered ETag {response['ETag']}, "
                               f"expected {record.etag}")

    # --------------------------------------------------------------- killer

    def killer(self, num_kills):
        try:
            for i in range(num_kills):
                if i % 2 == 1 and self.completing.wait(timeout=self.args.kill_interval[1]):
                    time.sleep(self.rng.uniform(0.0, 0.003))
                    where = "complete in flight"
                else:
                    time.sleep(self.rng.uniform(*self.args.kill_interval))
                    where = "random"
                completing = self.completing.is_set()
                self.server.kill9()
                with self.lock:
                    acked = sum(1 for r in self.puts.values() if r.acked)
                    completed = sum(1 for r in self.uploads.values() if r.state == "completed")
                self.kill_points.append({"at": where, "complete_in_flight": completing,
                                         "puts_acked": acked, "completes_acked": completed})
                time.sleep(self.rng.uniform(0.0, 0.05))
                self.restart_seconds.append(self.server.start(timeout=10.0))
            time.sleep(self.args.tail_seconds)
        except Exception as e:  # noqa: BLE001 - a failed restart fails the run
            self.errors.append(f"killer: {e!r}")
        finally:
            self.stop_clients.set()

    # --------------------------------------------------------------- what the server holds

    def listing(self, client):
        objects = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            for o in page.get("Contents", []):
                objects[o["Key"]] = o
        versions, markers = [], []
        for page in client.get_paginator("list_object_versions").paginate(Bucket=BUCKET):
            versions += page.get("Versions", [])
            markers += page.get("DeleteMarkers", [])
        uploads = []
        for page in client.get_paginator("list_multipart_uploads").paginate(Bucket=BUCKET):
            uploads += page.get("Uploads", [])
        parts = {}
        for u in uploads:
            listed = []
            for page in client.get_paginator("list_parts").paginate(
                    Bucket=BUCKET, Key=u["Key"], UploadId=u["UploadId"]):
                listed += page.get("Parts", [])
            parts[u["UploadId"]] = listed
        return objects, versions, markers, uploads, parts

    def blob_files(self):
        root = os.path.join(self.data_dir, "s3", "blobs")
        files, strays = [], []
        for directory, _, names in os.walk(root):
            for name in names:
                fan_out = os.path.basename(directory)
                if BLOB_ID.match(name) and fan_out == name[:2] and \
                        os.path.dirname(directory) == root:
                    files.append(name)
                else:
                    strays.append(os.path.join(directory, name))
        return files, strays

    def read_back(self, client, key, size, md5):
        """GETs `key`; returns an error text, or None when it has `size` bytes with MD5 `md5`."""
        try:
            body = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        except botocore.exceptions.ClientError as e:
            return f"{key}: listed, but GetObject failed: {e}"
        if len(body) != size or quoted_md5(body) != md5:
            return (f"{key}: read back {len(body)} bytes, MD5 {quoted_md5(body)}; expected "
                    f"{size} bytes, MD5 {md5}")
        return None

    # --------------------------------------------------------------- checks

    def check(self, client):
        objects, versions, markers, uploads, parts = self.listing(client)
        summary = {"listed_objects": len(objects), "object_versions": len(versions),
                   "delete_markers": len(markers), "uploads_in_progress": len(uploads)}
        bad_reads = []
        read_back = 0

        def verify(key, size, md5, etag):
            nonlocal read_back
            listed = objects[key]
            if listed["ETag"] != etag or listed["Size"] != size:
                bad_reads.append(f"{key}: listed with ETag {listed['ETag']} size "
                                 f"{listed['Size']}; expected {etag}, {size}")
                return
            problem = self.read_back(client, key, size, md5)
            read_back += 1
            if problem:
                bad_reads.append(problem)

        lost = []
        for r in self.puts.values():
            if r.delete == "acked":
                if r.key in objects:
                    self.errors.append(f"{r.key}: deleted (acknowledged) but still listed")
                continue
            if r.key in objects:
                verify(r.key, r.size, r.md5, r.md5)
            elif r.acked and r.delete is None:
                lost.append(r.key)
        for r in self.uploads.values():
            if r.state == "aborted" and r.key in objects:
                self.errors.append(f"{r.key}: upload aborted (acknowledged) but an object is listed")
            if r.key in objects:
                if r.etag is None:
                    self.errors.append(f"{r.key}: listed, but its upload never got all its parts")
                else:
                    verify(r.key, r.size, r.full_md5, r.etag)
            elif r.state in ("completed", "complete-unknown"):
                lost.append(r.key)  # complete-unknown: the upload was gone, so it had completed.
        if lost:
            self.errors.append(f"LOST {len(lost)} acknowledged objects, e.g. {lost[:8]}")
        if bad_reads:
            self.errors.append(f"{len(bad_reads)} objects listed wrong or not byte-identical: "
                               f"{bad_reads[:4]}")
        never = sorted(set(objects) - set(self.puts) - set(self.uploads))
        if never:
            self.errors.append(f"{len(never)} objects listed under keys never written: {never[:8]}")
        if markers:
            self.errors.append(f"delete markers in an unversioned bucket: {markers[:3]}")
        summary.update(self.check_uploads(uploads, parts))
        summary.update(self.check_blobs(client, versions, uploads, parts))
        summary["objects_read_back"] = read_back
        return summary

    def check_uploads(self, uploads, parts):
        by_id = {r.upload_id: r for r in self.uploads.values() if r.upload_id}
        acked_parts_seen = 0
        for u in uploads:
            record = self.uploads.get(u["Key"])
            if record is None:
                self.errors.append(f"upload {u['UploadId'][:12]}… for a key never used: {u['Key']}")
                continue
            if u["UploadId"] not in by_id:
                # Created by a call that the kill cut off (its id never reached the client):
                # allowed, but nobody can have sent it a part.
                if parts[u["UploadId"]]:
                    self.errors.append(f"{u['Key']}: unknown upload has parts")
                continue
            if record.state in ("completed", "aborted", "complete-unknown"):
                self.errors.append(f"{record.key}: upload {record.state} (acknowledged) but still "
                                   f"in progress")
            listed = {p["PartNumber"]: p for p in parts[u["UploadId"]]}
            for number in sorted(record.acked_parts):
                part = listed.get(number)
                if part is None:
                    self.errors.append(f"{record.key}: acknowledged part {number} not listed")
                elif part["ETag"] != record.part_md5s[number]:
                    self.errors.append(f"{record.key}: part {number} listed with ETag "
                                       f"{part['ETag']}, expected {record.part_md5s[number]}")
                else:
                    acked_parts_seen += 1
            for number, part in listed.items():
                if number not in record.part_md5s or part["ETag"] != record.part_md5s[number]:
                    self.errors.append(f"{record.key}: part {number} listed but never sent so")
        # An acknowledged upload may leave the list only through a Complete (then its
        # object is checked in check()) or an Abort that was at least sent.
        in_progress = {u["UploadId"] for u in uploads}
        vanished = [r.key for r in self.uploads.values()
                    if r.upload_id and r.upload_id not in in_progress and not r.finish_attempted]
        if vanished:
            self.errors.append(f"LOST {len(vanished)} acknowledged uploads that nobody completed "
                               f"or aborted, e.g. {vanished[:5]}")
        unfinished = [r for r in self.uploads.values() if r.upload_id in in_progress]
        return {"acknowledged_parts_listed": acked_parts_seen,
                "uploads_left_in_progress": len(unfinished)}

    def check_blobs(self, client, versions, uploads, parts):
        expected = 0
        for v in versions:
            if "-" in v["ETag"]:
                head = client.head_object(Bucket=BUCKET, Key=v["Key"], VersionId=v["VersionId"],
                                          PartNumber=1)
                count = head.get("PartsCount", 0)
                suffix = int(v["ETag"].strip('"').rsplit("-", 1)[1])
                if count != suffix:
                    self.errors.append(f"{v['Key']}: HeadObject PartsCount {count}, ETag says "
                                       f"{suffix}")
                expected += count
            elif v["Size"] > MAX_INLINE_BYTES:
                expected += 1
        expected += sum(len(parts[u["UploadId"]]) for u in uploads)
        files, strays = self.blob_files()
        if len(files) != expected:
            self.errors.append(f"blob directory holds {len(files)} blobs; the listed versions and "
                               f"parts name {expected} ({len(files) - expected:+d})")
        if strays:
            self.errors.append(f"{len(strays)} files in the blob directory are not blobs: "
                               f"{strays[:3]}")
        return {"blob_files": len(files), "blobs_named": expected}

    def swept_per_start(self):
        try:
            with open(self.server.log_path, errors="replace") as f:
                text = f.read()
        except OSError:
            return []
        swept = []
        for chunk in text.split("=== start #")[1:]:
            m = re.search(r"removed (\d+) blobs that no object or part names", chunk)
            swept.append(int(m.group(1)) if m else 0)
        return swept

    # --------------------------------------------------------------- main

    def execute(self):
        t_start = time.monotonic()
        deadline = t_start + self.args.time_limit
        startup = self.server.start(timeout=10.0)
        make_client(self.server.endpoint).create_bucket(Bucket=BUCKET)
        num_kills = self.rng.randint(self.args.min_kills, self.args.max_kills)
        client_deadline = t_start + self.args.time_limit * 0.6
        threads = [threading.Thread(target=self.putter, args=(i, client_deadline), daemon=True)
                   for i in range(self.args.put_threads)]
        threads += [threading.Thread(target=self.multipart, args=(i, client_deadline), daemon=True)
                    for i in range(self.args.multipart_threads)]
        killer = threading.Thread(target=self.killer, args=(num_kills,), daemon=True)
        t_load = time.monotonic()
        for t in threads:
            t.start()
        killer.start()
        killer.join(timeout=max(0.0, client_deadline - time.monotonic()))
        self.stop_clients.set()
        for t in threads:
            t.join(timeout=max(0.0, deadline - time.monotonic()))
        load_seconds = time.monotonic() - t_load
        if any(t.is_alive() for t in threads):
            self.errors.append("client threads still running at the time limit")

        # One more kill on an idle server: the checks below see what start-up makes of it.
        self.server.kill9()
        self.restart_seconds.append(self.server.start(timeout=10.0))
        summary = self.check(make_client(self.server.endpoint))
        exit_code = self.server.stop(grace=5.0)

        states = {}
        for r in self.uploads.values():
            states[r.state] = states.get(r.state, 0) + 1
        summary.update({
            "puts_attempted": len(self.puts),
            "puts_acknowledged": sum(1 for r in self.puts.values() if r.acked),
            "puts_retried": sum(1 for r in self.puts.values() if r.attempts > 1),
            "blob_sized_puts_acknowledged": sum(1 for r in self.puts.values()
                                                if r.acked and r.size > MAX_INLINE_BYTES),
            "deletes_acknowledged": sum(1 for r in self.puts.values() if r.delete == "acked"),
            "uploads": len(self.uploads), "upload_states": states,
            "calls_retried_after_kills": self.interrupted,
            "kills": len(self.kill_points) + 1, "kill_points": self.kill_points,
            "blobs_swept_per_start": self.swept_per_start(),
            "startup_s": round(startup, 3),
            "restart_s": [round(s, 3) for s in self.restart_seconds],
            "load_s": round(load_seconds, 2), "total_s": round(time.monotonic() - t_start, 2),
            "seed": self.args.seed, "shutdown_exit_code": exit_code,
        })
        if len(self.kill_points) < num_kills:
            self.errors.append(f"only {len(self.kill_points)} of {num_kills} kills happened")
        if not any(p["at"] == "complete in flight" for p in self.kill_points) and num_kills > 1:
            self.notes.append("no kill landed while a Complete was in flight")
        if exit_code not in (0, None):
            self.errors.append(f"SIGTERM after the checks: exit code {exit_code}")
        return summary

    def cleanup(self, keep):
        if self.server.alive():
            self.server.kill9()
        if keep:
            print(f"data and log kept in {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--put-threads", type=int, default=6)
    ap.add_argument("--multipart-threads", type=int, default=3)
    ap.add_argument("--min-kills", type=int, default=4)
    ap.add_argument("--max-kills", type=int, default=6)
    ap.add_argument("--kill-interval", type=float, nargs=2, default=[1.0, 4.0],
                    help="seconds between kills (uniform), and how long to wait for a Complete")
    ap.add_argument("--tail-seconds", type=float, default=1.5,
                    help="uploads go on this long after the last restart")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--time-limit", type=float, default=55.0)
    ap.add_argument("--keep", action="store_true", help="keep the data dir and log")
    args = ap.parse_args(argv)
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 30)
    return args


def run(argv=None):
    """Runs once; returns (ok, summary, errors, notes, run)."""
    args = parse_args(argv)
    r = Run(args)
    summary = {}
    try:
        summary = r.execute()
    except Exception as e:  # noqa: BLE001 - reported as a failure with the server log
        r.errors.append(f"run aborted: {e!r}\n--- server log tail ---\n{r.server.log_tail()}")
    ok = not r.errors
    r.cleanup(keep=args.keep or not ok)
    return ok, summary, r.errors, r.notes, r


def main():
    ok, summary, errors, notes, _ = run()
    print("s3 kill -9 durability:", "PASS" if ok else "FAIL")
    for k, v in summary.items():
        print(f"  {k:30} {v}")
    for note in notes:
        print("  note:", note)
    for e in errors:
        print("  FAIL:", e)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
