"""Starts, waits for, kills and restarts one `stratus serve` process.

Shared by the wire tests (test/wire/conftest.py), the kill -9 durability test
(test/durability/sqs_kill9.py) and the benchmark (bench/sqs_bench.py). Only the
process this object started is ever signalled, by its own PID. Traffic goes to
127.0.0.1 only.

Thread safety: none; one thread drives a StratusProcess.
"""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HEALTH_PATH = "/_stratus/health"


def stratus_binary():
    """Returns the stratus binary: $STRATUS_BIN, else build/release/stratus."""
    return os.environ.get("STRATUS_BIN") or str(REPO_ROOT / "build" / "release" / "stratus")


def free_port():
    """Returns a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_health(endpoint, timeout=1.0):
    """Returns (status, parsed JSON or None) of GET /_stratus/health; raises OSError if unreachable."""
    try:
        with urllib.request.urlopen(endpoint + HEALTH_PATH, timeout=timeout) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        return e.code, None
    try:
        return status, json.loads(body)
    except ValueError:
        return status, None


def is_ready(endpoint):
    """Returns True when health answers 200 and (if it lists services) SQS is running."""
    try:
        status, doc = fetch_health(endpoint)
    except (OSError, ValueError):
        return False
    if status != 200:
        return False
    services = (doc or {}).get("services") if isinstance(doc, dict) else None
    return not isinstance(services, dict) or services.get("sqs", "running") == "running"


class StratusError(RuntimeError):
    """The server could not be started or did not become ready."""


class StratusProcess:
    """One `stratus serve` child process on a fixed port and data dir.

    start() may be called again after stop() or kill9(): the restart reuses the
    same port and data dir, which is what the durability test needs.
    """

    def __init__(self, data_dir, port=None, binary=None, log_path=None, extra_args=()):
        self.data_dir = str(data_dir)
        self.port = port or free_port()
        self.binary = binary or stratus_binary()
        self.log_path = str(log_path) if log_path else self.data_dir + ".log"
        self.extra_args = list(extra_args)
        self.proc = None
        self.starts = 0

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def argv(self):
        return [self.binary, "serve", "--port", str(self.port), "--data-dir", self.data_dir,
                "--host", "127.0.0.1", *self.extra_args]

    def start(self, timeout=10.0):
        """Spawns the server and waits until it is ready; returns seconds from spawn to ready."""
        if not os.path.exists(self.binary):
            raise StratusError(f"stratus binary not found at {self.binary} (set STRATUS_BIN)")
        os.makedirs(self.data_dir, exist_ok=True)
        self.starts += 1
        log = open(self.log_path, "ab")  # noqa: SIM115 - owned by the child from here on
        log.write(f"\n=== start #{self.starts}: {' '.join(self.argv())}\n".encode())
        log.flush()
        t0 = time.monotonic()
        self.proc = subprocess.Popen(self.argv(), stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        deadline = t0 + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise StratusError(f"stratus exited with {self.proc.returncode} before ready; "
                                   f"log: {self.log_path}\n{self.log_tail()}")
            if is_ready(self.endpoint):
                return time.monotonic() - t0
            time.sleep(0.01)
        self.kill9()
        raise StratusError(f"stratus not ready after {timeout}s at {self.endpoint}; "
                           f"log: {self.log_path}\n{self.log_tail()}")

    def stop(self, grace=5.0):
        """SIGTERM, then SIGKILL after `grace` seconds. Returns the exit code (None if not running)."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return self.proc.returncode

    def kill9(self):
        """SIGKILL the server (no chance to flush anything) and reap it."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, num_bytes=4000):
        try:
            with open(self.log_path, "rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - num_bytes))
                return f.read().decode(errors="replace")
        except OSError:
            return ""
