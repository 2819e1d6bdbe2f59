#!/usr/bin/env python3
"""kill -9 durability check for stratus SQS: nothing acknowledged to a client may be lost.

  python3 test/durability/sqs_kill9.py [--messages 2000] [--kills 3-5] [--threads 8] [--seed S]

What it does, on a temporary data dir and one fixed 127.0.0.1 port:
  1. Starts `stratus serve` ($STRATUS_BIN or build/release/stratus).
  2. Visibility probe: sends 20 messages to a second queue, receives 10 of them
     with a visibility timeout, deletes 5 of those. All of that is acknowledged
     just before the first kill.
  3. A pool of client threads sends N distinct messages (the body carries a
     sequence number), retrying connection errors until acknowledged, while a
     killer thread SIGKILLs the server 3-5 times at random points of the run and
     restarts it on the same data dir and port. Meanwhile one thread per message
     group sends numbered messages to a FIFO queue, deduplicated by body.
  4. Right after the first restart, checks the probe: the 5 deleted and the 5
     in-flight messages are not received, the 10 never-received ones are.
  5. Drains the main queue (receive + delete) and checks that every acknowledged
     send is present; a send acknowledged on its first attempt must be present
     exactly once (duplicates are allowed only for sends that were retried).
  6. Drains the FIFO queue: every acknowledged message exactly once (retried
     sends reuse their MessageDeduplicationId, so even they may not repeat) and
     each group in send order.
  7. After the probe's visibility timeout has passed, the 5 in-flight messages
     are received again (they were not lost either).

Prints a summary and exits 0 when every check passed, 1 otherwise. Bounded in
time (--time-limit, default 55 s) and in count; loopback only.
"""
import argparse
import os
import random
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

import kill9_driver  # noqa: E402,I001

PROBE_TOTAL = 20
PROBE_RECEIVED = 10
PROBE_DELETED = 5
PROBE_VISIBILITY_S = 12
RETRYABLE = (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError,
             botocore.exceptions.ReadTimeoutError, botocore.exceptions.ConnectTimeoutError,
             botocore.exceptions.HTTPClientError, ConnectionError)


def make_client(endpoint):
    cfg = Config(retries={"max_attempts": 0}, connect_timeout=2, read_timeout=10,
                 max_pool_connections=4)
    return boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x", config=cfg)


def is_retryable(error):
    if isinstance(error, RETRYABLE):
        return True
    if isinstance(error, botocore.exceptions.ClientError):
        # A server that is shutting down or starting may answer 5xx; that is not an acknowledgement.
        return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) >= 500
    return False


def call_with_retry(fn, deadline, on_retry=None):
    """Calls fn() until it returns without a retryable error or the deadline passes."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return fn(), attempt
        except Exception as e:  # noqa: BLE001 - classified below
            if not is_retryable(e) or time.monotonic() >= deadline:
                raise
            if on_retry:
                on_retry(e)
            time.sleep(0.02)


class Run:
    """State of one kill -9 run. Thread safety: counters and sets are guarded by `lock`."""

    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.tmp = tempfile.mkdtemp(prefix="stratus-kill9-")
        self.server = StratusProcess(os.path.join(self.tmp, "data"),
                                     log_path=os.path.join(self.tmp, "stratus.log"))
        self.lock = threading.Lock()
        self.next_seq = 0
        self.acked = {}           # seq -> attempts it took
        self.message_ids = {}     # seq -> MessageId of the acknowledged send
        self.delivered_ids = {}   # seq -> MessageIds it was delivered with (drain)
        self.fifo_acked = {}      # FIFO body -> attempts it took
        self.fifo_failed = {}     # FIFO body -> last error
        self.failed = {}          # seq -> last error, for sends never acknowledged
        self.restart_seconds = []
        self.kill_points = []
        self.errors = []          # check failures, human-readable
        self.notes = []
        self.kill_event_first = threading.Event()
        self.probe_checked = threading.Event()

    # --------------------------------------------------------------- sending

    def take_seq(self):
        with self.lock:
            if self.next_seq >= self.args.messages:
                return None
            seq = self.next_seq
            self.next_seq += 1
            return seq

    def sender(self, url, deadline):
        client = make_client(self.server.endpoint)
        while time.monotonic() < deadline:
            seq = self.take_seq()
            if seq is None:
                return
            body = f"seq-{seq:06d}-" + "p" * self.args.body_bytes
            try:
                response, attempts = call_with_retry(
                    lambda: client.send_message(QueueUrl=url, MessageBody=body), deadline)
                with self.lock:
                    self.acked[seq] = attempts
                    self.message_ids[seq] = response["MessageId"]
            except Exception as e:  # noqa: BLE001 - recorded; an unacknowledged send is allowed
                with self.lock:
                    self.failed[seq] = repr(e)[:200]

    def fifo_sender(self, url, group, count, deadline):
        """Sends `count` messages to one message group, in order, deduplicated by body."""
        client = make_client(self.server.endpoint)
        for i in range(count):
            body = f"fifo-{group}-{i:05d}"
            try:
                _, attempts = call_with_retry(lambda: client.send_message(
                    QueueUrl=url, MessageBody=body, MessageGroupId=f"g{group}",
                    MessageDeduplicationId=body), deadline)
                with self.lock:
                    self.fifo_acked[body] = attempts
            except Exception as e:  # noqa: BLE001 - recorded; stops this group to keep its order
                with self.lock:
                    self.fifo_failed[body] = repr(e)[:200]
                return

    def killer(self, kill_at):
        try:
            self.kill_and_restart(kill_at)
        except Exception as e:  # noqa: BLE001 - a failed restart fails the run
            self.errors.append(f"killer: {e!r}")
            self.kill_event_first.set()

    def kill_and_restart(self, kill_at):
        for i, threshold in enumerate(kill_at):
            while True:
                with self.lock:
                    done = len(self.acked) + len(self.failed)
                if done >= threshold or done >= self.args.messages:
                    break
                time.sleep(0.001)
            if i == 0:
                self.kill_event_first.set()
            self.server.kill9()
            self.kill_points.append(done)
            time.sleep(self.rng.uniform(0.0, 0.05))
            self.restart_seconds.append(self.server.start(timeout=10.0))
            if i == 0:
                self.probe_checked.wait(timeout=20)

    # --------------------------------------------------------------- probe

    def probe_before_kill(self, client, url):
        for i in range(PROBE_TOTAL):
            client.send_message(QueueUrl=url, MessageBody=f"probe-{i:02d}")
        received = []
        deadline = time.monotonic() + 10
        while len(received) < PROBE_RECEIVED and time.monotonic() < deadline:
            r = client.receive_message(QueueUrl=url, MaxNumberOfMessages=PROBE_RECEIVED - len(received),
                                       VisibilityTimeout=PROBE_VISIBILITY_S, WaitTimeSeconds=1)
            received += r.get("Messages", [])
        received_at = time.monotonic()
        deleted = received[:PROBE_DELETED]
        for m in deleted:
            client.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        return {"received_at": received_at,
                "deleted": {m["Body"] for m in deleted},
                "in_flight": {m["Body"] for m in received[PROBE_DELETED:]},
                "all": {f"probe-{i:02d}" for i in range(PROBE_TOTAL)}}

    def probe_after_restart(self, url, probe, deadline):
        client = make_client(self.server.endpoint)
        expected = probe["all"] - probe["deleted"] - probe["in_flight"]
        seen = set()
        while seen != expected and time.monotonic() < min(deadline, probe["received_at"] +
                                                           PROBE_VISIBILITY_S - 1):
            r, _ = call_with_retry(lambda: client.receive_message(
                QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=600, WaitTimeSeconds=1),
                deadline)
            for m in r.get("Messages", []):
                body = m["Body"]
                age = time.monotonic() - probe["received_at"]
                if body in probe["deleted"]:
                    self.errors.append(f"probe: deleted message {body} received again after restart")
                elif body in probe["in_flight"] and age < PROBE_VISIBILITY_S - 0.5:
                    self.errors.append(f"probe: {body} received while invisible "
                                       f"({age:.1f}s after a {PROBE_VISIBILITY_S}s receive)")
                seen.add(body)
        if not expected <= seen:
            self.errors.append(f"probe: never-received messages missing after restart: "
                               f"{sorted(expected - seen)}")
        probe["visible_seen"] = seen

    def probe_after_timeout(self, client, url, probe, deadline):
        wait = probe["received_at"] + PROBE_VISIBILITY_S + 0.5 - time.monotonic()
        if wait > 0:
            time.sleep(min(wait, max(0.0, deadline - time.monotonic())))
        back = set()
        end = min(deadline, time.monotonic() + 8)
        while back != probe["in_flight"] and time.monotonic() < end:
            r = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=600,
                                       WaitTimeSeconds=1)
            for m in r.get("Messages", []):
                if m["Body"] in probe["deleted"]:
                    self.errors.append(f"probe: deleted message {m['Body']} came back")
                back.add(m["Body"])
        missing = probe["in_flight"] - back
        if missing:
            self.errors.append(f"probe: in-flight messages lost across kill -9: {sorted(missing)}")

    # --------------------------------------------------------------- drain and check

    def drain(self, client, url, deadline):
        counts = {}
        unknown = []
        empty = 0
        while empty < 3 and time.monotonic() < deadline:
            r = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=120,
                                       WaitTimeSeconds=1 if empty else 0)
            msgs = r.get("Messages", [])
            empty = 0 if msgs else empty + 1
            for m in msgs:
                body = m["Body"]
                if body.startswith("seq-"):
                    seq = int(body[4:10])
                    counts[seq] = counts.get(seq, 0) + 1
                    self.delivered_ids.setdefault(seq, []).append(m["MessageId"])
                else:
                    unknown.append(body[:40])
            for m in msgs:
                # Single deletes keep this test about durability, not batch coverage.
                client.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        if empty < 3:
            self.errors.append("drain: time limit reached before the queue was empty")
        return counts, unknown

    def drain_fifo(self, client, url, deadline):
        """Receives and deletes the FIFO queue; returns {group: [index, ...]} in delivery order."""
        order = {}
        empty = 0
        while empty < 3 and time.monotonic() < deadline:
            r = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=120,
                                       WaitTimeSeconds=1 if empty else 0)
            msgs = r.get("Messages", [])
            empty = 0 if msgs else empty + 1
            for m in msgs:
                _, group, index = m["Body"].split("-")
                order.setdefault(group, []).append(int(index))
            for m in msgs:
                client.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        if empty < 3:
            self.errors.append("fifo drain: time limit reached before the queue was empty")
        return order

    def check_fifo(self, order):
        delivered = {f"fifo-{g}-{i:05d}" for g, idx in order.items() for i in idx}
        lost = sorted(b for b in self.fifo_acked if b not in delivered)
        duplicates = sum(len(idx) - len(set(idx)) for idx in order.values())
        out_of_order = [g for g, idx in order.items() if idx != sorted(set(idx))]
        if lost:
            self.errors.append(f"fifo: LOST {len(lost)} acknowledged messages, e.g. {lost[:5]}")
        if duplicates:
            self.errors.append(f"fifo: {duplicates} deliveries repeat a deduplicated message")
        if out_of_order:
            self.errors.append(f"fifo: groups delivered out of order: "
                               f"{ {g: order[g][:20] for g in out_of_order[:2]} }")
        return {"fifo_acknowledged": len(self.fifo_acked),
                "fifo_retried": sum(1 for a in self.fifo_acked.values() if a > 1),
                "fifo_lost": len(lost), "fifo_duplicates": duplicates,
                "fifo_groups_out_of_order": len(out_of_order)}

    def check(self, counts, unknown):
        lost = sorted(s for s in self.acked if counts.get(s, 0) == 0)
        dup_first_try = sorted(s for s, a in self.acked.items() if a == 1 and counts.get(s, 0) > 1)
        dup_retried = sorted(s for s, a in self.acked.items() if a > 1 and counts.get(s, 0) > 1)
        never_sent = sorted(s for s in counts if s >= self.next_seq)
        if lost:
            self.errors.append(f"LOST {len(lost)} acknowledged messages, e.g. seq {lost[:10]}")
        if dup_first_try:
            examples = "; ".join(f"seq {s}: sent as {self.message_ids.get(s)}, delivered as "
                                 f"{self.delivered_ids.get(s)}" for s in dup_first_try[:3])
            self.errors.append(f"{len(dup_first_try)} messages acknowledged on the first attempt "
                               f"were delivered more than once, e.g. {examples}")
        if never_sent or unknown:
            self.errors.append(f"unexpected messages: seq {never_sent[:10]} bodies {unknown[:5]}")
        return {"lost": len(lost), "duplicates_first_try": len(dup_first_try),
                "duplicates_retried": len(dup_retried)}

    # --------------------------------------------------------------- main

    def execute(self):
        t_start = time.monotonic()
        deadline = t_start + self.args.time_limit
        startup = self.server.start(timeout=10.0)
        client = make_client(self.server.endpoint)
        url = client.create_queue(QueueName="kill9-main")["QueueUrl"]
        probe_url = client.create_queue(QueueName="kill9-probe")["QueueUrl"]
        fifo_url = client.create_queue(QueueName="kill9-fifo.fifo",
                                       Attributes={"FifoQueue": "true"})["QueueUrl"]

        num_kills = self.rng.randint(self.args.min_kills, self.args.max_kills)
        n = self.args.messages
        kill_at = sorted(self.rng.randint(int(n * 0.05), int(n * 0.9)) for _ in range(num_kills))
        probe = self.probe_before_kill(client, probe_url)

        send_deadline = t_start + self.args.time_limit * 0.6
        senders = [threading.Thread(target=self.sender, args=(url, send_deadline), daemon=True)
                   for _ in range(self.args.threads)]
        per_group = self.args.fifo_messages // max(1, self.args.fifo_groups)
        senders += [threading.Thread(target=self.fifo_sender,
                                     args=(fifo_url, g, per_group, send_deadline), daemon=True)
                    for g in range(self.args.fifo_groups)]
        killer = threading.Thread(target=self.killer, args=(kill_at,), daemon=True)
        t_send = time.monotonic()
        for t in senders:
            t.start()
        killer.start()
        self.kill_event_first.wait(timeout=self.args.time_limit)
        # The killer restarts the server and waits for this check before its next kill.
        while not self.restart_seconds and killer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.005)
        self.probe_after_restart(probe_url, probe, deadline)
        self.probe_checked.set()
        for t in senders:
            t.join(timeout=max(0.0, deadline - time.monotonic()))
        killer.join(timeout=max(0.0, deadline - time.monotonic()))
        send_seconds = time.monotonic() - t_send

        client = make_client(self.server.endpoint)
        counts, unknown = self.drain(client, url, deadline)
        summary = self.check(counts, unknown)
        summary.update(self.check_fifo(self.drain_fifo(client, fifo_url, deadline)))
        self.probe_after_timeout(client, probe_url, probe, deadline + 15)
        exit_code = self.server.stop(grace=5.0)

        retried = sum(1 for a in self.acked.values() if a > 1)
        summary.update({
            "messages": n, "acknowledged": len(self.acked), "unacknowledged": len(self.failed),
            "retried": retried, "delivered_distinct": len(counts),
            "delivered_total": sum(counts.values()), "kills": len(self.kill_points),
            "kill_points": self.kill_points, "startup_s": round(startup, 3),
            "restart_s": [round(s, 3) for s in self.restart_seconds],
            "send_s": round(send_seconds, 2), "total_s": round(time.monotonic() - t_start, 2),
            "seed": self.args.seed, "shutdown_exit_code": exit_code,
        })
        if len(self.kill_points) < num_kills:
            self.errors.append(f"only {len(self.kill_points)} of {num_kills} kills happened")
        if self.failed:
            self.notes.append(f"{len(self.failed)} sends never acknowledged, e.g. "
                              f"{list(self.failed.values())[:1]}")
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
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--min-kills", type=int, default=3)
    ap.add_argument("--max-kills", type=int, default=5)
    ap.add_argument("--body-bytes", type=int, default=64)
    ap.add_argument("--fifo-messages", type=int, default=400, help="sent to a FIFO queue too")
    ap.add_argument("--fifo-groups", type=int, default=2, help="one sender thread per group")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--time-limit", type=float, default=55.0)
    ap.add_argument("--keep", action="store_true", help="keep the data dir and log")
    args = ap.parse_args(argv)
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1 << 30)
    return args


def run(argv=None):
    """Runs once; returns (ok, summary, errors, notes, run)."""
    return kill9_driver.run_once(Run, parse_args(argv))


def main():
    return kill9_driver.print_report("sqs kill -9 durability", run())


if __name__ == "__main__":
    sys.exit(main())
