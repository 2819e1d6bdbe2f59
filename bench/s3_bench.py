#!/usr/bin/env python3
"""S3 benchmark: stratus and moto_server side by side, and the disk under dd, in one run.

  python3 bench/s3_bench.py [--duration 5] [--connections 32] [--list-keys 100000]
                            [--moto-list-keys 10000] [--json out.json]

In order:
  0. waits (bounded) for a quiet machine, then measures the disk with dd:
     sequential write of --large-count files of --large-mib MiB (conv=fsync,
     and oflag=direct), and reads them back with their pages dropped from the
     page cache (posix_fadvise DONTNEED; /proc/sys/vm/drop_caches is not
     writable in this container), buffered and iflag=direct; with dd's CPU
     per MiB. dd runs again right after stratus's large objects; the table
     shows the mean of the two runs.
  1. for stratus (release build, fresh data dir, fsync on), then moto_server:
     start-up (spawn -> first ListBuckets 200), idle RSS; 1 KiB PUT and GET
     with --connections closed loops for --duration s (bench/load/s3_load),
     server CPU per call from /proc/PID/stat; p50/p99 on one connection;
     large objects: --large-count PUTs of --large-mib MiB on one connection,
     then GETs of them with their blob files dropped from the page cache
     (stratus; moto keeps objects in its own memory), then again warm; one
     --huge-mib PUT and GET (2 GiB; stratus) with the server's peak RSS
     (VmHWM, reset through /proc/PID/clear_refs, and VmRSS sampled every
     10 ms) above its RSS just before; ETags of large objects are checked
     against the MD5 of the bytes s3_load sends. Last, LIST: fill a bucket
     with N keys (s3_load put, 32 connections), then page through it
     (ListObjectsV2, 1,000 keys a page) --list-runs times on one connection.
  2. one table: stratus | moto | dd | ratio | target.

Every loop is bounded in count and time; all traffic goes to 127.0.0.1.
Machines here are noisy: compare ratios from the same run, and server CPU per
call; "others" is the CPU (in cores) the rest of the machine used meanwhile.
"""
import argparse
import hashlib
import http.client
import json
import os
import platform
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT / "test" / "wire"))

from stratus_process import StratusProcess, free_port, stratus_binary  # noqa: E402

MIB = 1024 * 1024
PATTERN_BYTES = MIB
AUTH_HEADERS = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/s3/aws4_request, "
                     "SignedHeaders=host, Signature=" + "0" * 64,
    "X-Amz-Date": "20260101T000000Z",
    "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
}


# ----------------------------------------------------------------------------- machine and /proc


def load_average():
    return round(os.getloadavg()[0], 2)


def wait_for_quiet(max_load, max_wait):
    """Waits (at most max_wait s) for the 1-minute load average to fall to max_load."""
    deadline = time.monotonic() + max_wait
    load = load_average()
    if max_load <= 0 or load <= max_load:
        return load
    print(f"load average {load} > {max_load}: waiting up to {max_wait:.0f} s for a quieter machine",
          flush=True)
    while load > max_load and time.monotonic() < deadline:
        time.sleep(5)
        load = load_average()
    if load > max_load:
        print(f"! still {load} after {max_wait:.0f} s: measuring anyway; figures are suspect")
    return load


def proc_cpu_s(pid):
    """utime+stime seconds of one process (from /proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def proc_status_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def system_busy_s():
    """CPU seconds all processes of the machine spent (user, nice, system, irq, softirq)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:8]]
    user, nice, system, _idle, _iowait, irq, softirq = fields
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def children_cpu_s():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class PeakRss:
    """The server's peak RSS over a block: VmHWM reset through clear_refs, and VmRSS sampled
    every 10 ms (in case clear_refs is refused). Only our own child is touched."""

    def __init__(self, pid):
        self.pid = pid
        self.before_kib = 0
        self.sampled_kib = 0
        self.hwm_kib = None
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        self.before_kib = proc_status_kib(self.pid, "VmRSS")
        self.sampled_kib = self.before_kib
        try:
            with open(f"/proc/{self.pid}/clear_refs", "w") as f:
                f.write("5")  # Resets VmHWM to the current RSS.
            self.hwm_reset = True
        except OSError:
            self.hwm_reset = False
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.01):
            self.sampled_kib = max(self.sampled_kib, proc_status_kib(self.pid, "VmRSS"))

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        if self.hwm_reset:
            self.hwm_kib = proc_status_kib(self.pid, "VmHWM")

    def figures(self):
        peak = max(self.sampled_kib, self.hwm_kib or 0)
        return {"rss_before_mib": round(self.before_kib / 1024, 1),
                "peak_rss_mib": round(peak / 1024, 1),
                "peak_above_before_mib": round((peak - self.before_kib) / 1024, 1),
                "vmhwm_reset": self.hwm_reset}


# ----------------------------------------------------------------------------- object bytes


def pattern():
    """The 1 MiB that s3_load repeats (splitmix64 from a fixed seed; see s3_load.cc)."""
    mask = (1 << 64) - 1
    state = 0x5EED5EED5EED5EED
    out = bytearray()
    for _ in range(PATTERN_BYTES // 8):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        out += struct.pack("<Q", z)
    return bytes(out)


def expected_etag(size, cache={}):  # noqa: B006 - a deliberate memo
    if size not in cache:
        block = pattern()
        md5 = hashlib.md5()
        for offset in range(0, size, PATTERN_BYTES):
            md5.update(block[:min(PATTERN_BYTES, size - offset)])
        cache[size] = '"' + md5.hexdigest() + '"'
    return cache[size]


def drop_from_page_cache(paths):
    """posix_fadvise(DONTNEED) on each file (clean pages only: the files were fsynced)."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def cached_bytes(paths):
    """Bytes of `paths` in the page cache, by fincore (util-linux); None without it."""
    if not paths or shutil.which("fincore") is None:
        return None
    p = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", *paths],
                       capture_output=True, text=True, timeout=60)
    try:
        return sum(int(line.split()[0]) for line in p.stdout.splitlines() if line.strip())
    except (ValueError, IndexError):
        return None


# ----------------------------------------------------------------------------- dd


def timed_dd(argv, cpu):
    """Runs dd; returns its wall seconds and adds its CPU seconds to cpu[0]."""
    t0, c0 = time.monotonic(), children_cpu_s()
    subprocess.run(argv, check=True, capture_output=True, timeout=600)
    cpu[0] += children_cpu_s() - c0
    return time.monotonic() - t0


def measure_dd(args, label):
    """Sequential write and cold read of --large-count files of --large-mib MiB, with dd.

    Each figure comes with dd's own CPU per MiB: on this VM, writing into page-cache pages
    and the first read of freshly read ones cost from ~0.2 to ~4.5 ms of kernel CPU per MiB,
    depending on the guest's memory state, in dd and in the server alike."""
    work = tempfile.mkdtemp(prefix="stratus-s3-dd-", dir=args.tmp)
    source = os.path.join(work, "source")
    block = pattern()
    with open(source, "wb") as f:  # The bytes objects are made of, not zeros.
        for _ in range(args.large_mib):
            f.write(block)
        f.flush()
        os.fsync(f.fileno())
    size = args.large_mib * MIB
    total_mib = args.large_mib * args.large_count
    out = {"file_mib": args.large_mib, "files": args.large_count, "load": load_average()}

    def record(name, seconds, cpu):
        out[name + "_mb_s"] = round(size * args.large_count / seconds / 1e6, 1)
        out[name + "_cpu_ms_per_mib"] = round(cpu * 1000 / total_mib, 2)

    variants = {"write_fsync": ["conv=fsync"], "write_direct": ["oflag=direct", "conv=fsync"]}
    files = {}
    for name, flags in variants.items():
        seconds, cpu = 0.0, [0.0]
        files[name] = []
        for i in range(args.large_count):
            target = os.path.join(work, f"{name}-{i}")
            files[name].append(target)
            seconds += timed_dd(["dd", f"if={source}", f"of={target}", "bs=1M",
                                 f"count={args.large_mib}", *flags], cpu)
        record(name, seconds, cpu[0])
    reads = files["write_fsync"]
    drop_from_page_cache(reads)
    out["cached_after_drop_bytes"] = cached_bytes(reads)
    for name, flags, which in (("read_cold", [], reads),
                               ("read_direct", ["iflag=direct"], files["write_direct"]),
                               ("read_warm", [], reads)):
        cpu = [0.0]
        seconds = sum(timed_dd(["dd", f"if={f}", "of=/dev/null", "bs=1M", *flags], cpu)
                      for f in which)
        record(name, seconds, cpu[0])
    shutil.rmtree(work, ignore_errors=True)
    print(f"dd ({label}): write {out['write_fsync_mb_s']} MB/s (conv=fsync; dd CPU "
          f"{out['write_fsync_cpu_ms_per_mib']} ms/MiB), {out['write_direct_mb_s']} MB/s "
          f"(oflag=direct); read cold {out['read_cold_mb_s']} MB/s (buffered; dd CPU "
          f"{out['read_cold_cpu_ms_per_mib']} ms/MiB; {out['cached_after_drop_bytes']} bytes "
          f"cached after the drop), {out['read_direct_mb_s']} MB/s (iflag=direct), warm "
          f"{out['read_warm_mb_s']} MB/s", flush=True)
    return out


def mean_dd(runs, key):
    values = [r[key] for r in runs if r and r.get(key)]
    return round(sum(values) / len(values), 1) if values else None


# ----------------------------------------------------------------------------- S3 calls


def s3_call(endpoint, method, path, body=b"", timeout=60):
    """One fake-signed S3 call; returns (status, headers with lower-case names, body)."""
    host, port = endpoint.rsplit("/", 1)[1].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        headers = dict(AUTH_HEADERS)
        if method in ("PUT", "POST"):
            headers["Content-Type"] = "application/octet-stream"
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def list_buckets_ok(endpoint):
    try:
        return s3_call(endpoint, "GET", "/", timeout=2)[0] == 200
    except OSError:
        return False


def create_bucket(endpoint, name):
    status, _, body = s3_call(endpoint, "PUT", f"/{name}")
    if status != 200:
        raise RuntimeError(f"CreateBucket {name} -> {status}: {body[:300]!r}")


def head_etag(endpoint, path):
    status, headers, _ = s3_call(endpoint, "HEAD", path)
    if status != 200:
        raise RuntimeError(f"HEAD {path} -> {status}")
    return headers.get("etag")


# ----------------------------------------------------------------------------- servers


class Server:
    def __init__(self, name, endpoint, pid, stop, startup, data_dir=None):
        self.name = name
        self.endpoint = endpoint
        self.pid = pid
        self.stop = stop
        self.startup = startup
        self.data_dir = data_dir  # stratus only: where its blobs are


def start_stratus(args):
    data = os.path.join(args.tmp, "stratus-data")
    proc = StratusProcess(data, binary=args.stratus_bin, log_path=os.path.join(args.tmp,
                                                                              "stratus.log"))
    t0 = time.monotonic()
    proc.start(timeout=10.0)
    health_s = time.monotonic() - t0
    deadline = time.monotonic() + 10
    while not list_buckets_ok(proc.endpoint):
        if time.monotonic() > deadline:
            raise RuntimeError("stratus: ListBuckets never succeeded")
        time.sleep(0.005)
    first_call_s = time.monotonic() - t0
    return Server("stratus", proc.endpoint, proc.pid, lambda: proc.stop(grace=10.0),
                  {"health_s": round(health_s, 3), "startup_s": round(first_call_s, 3)}, data)


def start_moto(args):
    port = free_port()
    log = open(os.path.join(args.tmp, "moto.log"), "wb")  # noqa: SIM115 - handed to the child
    t0 = time.monotonic()
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    log.close()
    endpoint = f"http://127.0.0.1:{port}"
    deadline = t0 + 60
    while not list_buckets_ok(endpoint):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"moto_server did not serve (exit {proc.poll()})")
        time.sleep(0.005)
    startup = time.monotonic() - t0

    def stop():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # by its own PID only
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return Server("moto", endpoint, proc.pid, stop, {"startup_s": round(startup, 3)})


# ----------------------------------------------------------------------------- s3_load


def s3_load_binary(given):
    path = given or os.environ.get("STRATUS_S3_LOAD") or \
        str(REPO_ROOT / "build" / "release" / "bench" / "load" / "s3_load")
    if not os.path.exists(path):
        raise SystemExit(f"s3_load not found at {path}: build target s3_load or pass --s3-load")
    return path


def run_load(args, server, bucket, mode, connections, duration, max_ops, size=1024, keys=0,
             prefix="obj/", prepare=None, retry_noisy=True):
    """Runs s3_load; when other processes took more than --max-others cores meanwhile, runs it
    again (at most --noisy-retries more times) and keeps the quietest run. `prepare()` runs
    before each attempt. The result has "attempts", "others_per_attempt" and "max_calls" (the
    most calls of any attempt: a PUT run writes keys 0..calls-1)."""
    attempts = []
    while True:
        if prepare is not None:
            prepare()
        attempts.append(run_load_once(args, server, bucket, mode, connections, duration, max_ops,
                                      size, keys, prefix))
        others = attempts[-1]["others_cores"]
        # Under a second, /proc/stat's 10 ms ticks make "others" too coarse to act on.
        if not retry_noisy or others <= args.max_others or attempts[-1]["seconds"] < 1 or \
                len(attempts) > args.noisy_retries:
            break
        what = mode if mode == "list" else f"{mode} of {size:,} B"
        print(f"  (others took {others} cores during {what}: measuring again)", flush=True)
        time.sleep(args.noisy_pause)
    out = min(attempts, key=lambda r: r["others_cores"])
    out["attempts"] = len(attempts)
    out["others_per_attempt"] = [r["others_cores"] for r in attempts]
    out["max_calls"] = max(r.get("calls", 0) for r in attempts)
    return out


def run_load_once(args, server, bucket, mode, connections, duration, max_ops, size, keys,
                  prefix):
    """Runs s3_load once; adds the server's CPU, the client's and everyone else's."""
    argv = [args.s3_load, "--endpoint", server.endpoint, "--bucket", bucket, "--mode", mode,
            "--connections", str(connections), "--duration", str(duration),
            "--max-ops", str(max_ops), "--size", str(size), "--prefix", prefix]
    if keys:
        argv += ["--keys", str(keys)]
    cpu0, client0, busy0 = proc_cpu_s(server.pid), children_cpu_s(), system_busy_s()
    p = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 900)
    cpu1, client1, busy1 = proc_cpu_s(server.pid), children_cpu_s(), system_busy_s()
    if p.returncode != 0:
        raise RuntimeError(f"s3_load {mode} exited {p.returncode}: {p.stderr[-500:]}")
    out = json.loads([ln for ln in p.stdout.splitlines() if ln.startswith("{")][-1])
    seconds = out["seconds"] or 1e-9
    out["server_cpu_s"] = round(cpu1 - cpu0, 3)
    out["client_cpu_s"] = round(client1 - client0, 3)
    out["others_cores"] = round(max(0.0, (busy1 - busy0) - (cpu1 - cpu0) - (client1 - client0)) /
                                seconds, 2)
    calls = out.get("calls") or out.get("pages") or 0
    out["server_cpu_us_per_call"] = round(out["server_cpu_s"] * 1e6 / calls, 1) if calls else None
    if out.get("errors") or out.get("corrupt") or out.get("incomplete_listings"):
        print(f"  ! {mode}: errors {out.get('errors')} corrupt {out.get('corrupt')} incomplete "
              f"{out.get('incomplete_listings')}: {p.stderr.strip()[:300]}", flush=True)
    return out


# ----------------------------------------------------------------------------- measurements


def measure_small(args, server, fig):
    create_bucket(server.endpoint, "bench-small")
    put = run_load(args, server, "bench-small", "put", args.connections, args.duration,
                   args.max_ops)
    fig["put_1k"] = put
    written = put["max_calls"] - put["errors"]
    get = run_load(args, server, "bench-small", "get", args.connections, args.duration,
                   args.max_ops, keys=max(1, written))
    fig["get_1k"] = get
    for name, r in (("PUT", put), ("GET", get)):
        print(f"  1 KiB {name} C={args.connections}: {r['calls_per_s']:,.0f}/s  p50 "
              f"{r['p50_us']} us p99 {r['p99_us']} us  server CPU {r['server_cpu_us_per_call']} "
              f"us/call  others {r['others_cores']} cores", flush=True)
    fig["put_1k_c1"] = run_load(args, server, "bench-small", "put", 1, args.latency_duration,
                                args.max_ops, prefix="one/")
    fig["get_1k_c1"] = run_load(args, server, "bench-small", "get", 1, args.latency_duration,
                                args.max_ops, keys=max(1, written))
    print(f"  1 KiB C=1: PUT p50 {fig['put_1k_c1']['p50_us']} us, GET p50 "
          f"{fig['get_1k_c1']['p50_us']} us", flush=True)


def measure_list(args, server, fig, num_keys, runs):
    bucket = f"bench-list-{num_keys}"
    create_bucket(server.endpoint, bucket)
    fill = run_load(args, server, bucket, "put", args.connections, args.fill_timeout, num_keys,
                    prefix="k/", retry_noisy=False)
    if fill["calls"] - fill["errors"] < num_keys:
        print(f"  ! filled only {fill['calls'] - fill['errors']} of {num_keys} keys "
              f"({fill['seconds']} s)")
    listing = run_load(args, server, bucket, "list", 1, 900, runs, keys=num_keys)
    listing["fill"] = {k: fill[k] for k in ("calls", "errors", "seconds", "calls_per_s")}
    listing["num_keys"] = num_keys
    listing["server_cpu_ms_per_listing"] = round(
        listing["server_cpu_s"] * 1000 / max(1, listing["listings"]), 1)
    fig.setdefault("list", {})[str(num_keys)] = listing
    print(f"  LIST {num_keys:,} keys: {listing['listing_p50_ms']:,.0f} ms per listing "
          f"({listing['pages']} pages in {listing['listings']} listings; filled at "
          f"{fill['calls_per_s']:,.0f} PUT/s in {fill['seconds']:.1f} s)", flush=True)


def blob_files(server):
    root = os.path.join(server.data_dir, "s3", "blobs")
    return [os.path.join(d, f) for d, _, names in os.walk(root) for f in names]


def measure_large(args, server, fig):
    size = args.large_mib * MIB
    create_bucket(server.endpoint, "bench-large")
    put = run_load(args, server, "bench-large", "put", 1, 600, args.large_count, size=size)
    fig["put_large"] = put
    etag = head_etag(server.endpoint, "/bench-large/obj/00000000")
    fig["large_etag_ok"] = etag == expected_etag(size)
    if not fig["large_etag_ok"]:
        print(f"  ! ETag {etag} != MD5 of the bytes sent {expected_etag(size)}")
    cold = None
    if server.data_dir:
        def drop():
            files = blob_files(server)
            drop_from_page_cache(files)
            fig["large_cached_after_drop_bytes"] = cached_bytes(files)
        cold = run_load(args, server, "bench-large", "get", 1, 600, args.large_count, size=size,
                        keys=args.large_count, prepare=drop)
        fig["get_large_cold"] = cold
    warm = run_load(args, server, "bench-large", "get", 1, 600, args.large_count, size=size,
                    keys=args.large_count)
    fig["get_large_warm"] = warm
    for r in (put, cold, warm):
        if r is not None and r["bytes"]:
            r["server_cpu_ms_per_mib"] = round(r["server_cpu_s"] * 1000 / (r["bytes"] / MIB), 2)
            r["client_cpu_ms_per_mib"] = round(r["client_cpu_s"] * 1000 / (r["bytes"] / MIB), 2)
    print(f"  {args.large_mib} MiB x {args.large_count}: PUT {put['mb_per_s']} MB/s, GET "
          f"{'cold %s MB/s, ' % cold['mb_per_s'] if cold else ''}warm {warm['mb_per_s']} MB/s "
          f"(server CPU {put['server_cpu_ms_per_mib']} / {warm['server_cpu_ms_per_mib']} ms "
          f"per MiB); ETag {'ok' if fig['large_etag_ok'] else 'WRONG'}", flush=True)


def measure_huge(args, server, fig):
    size = args.huge_mib * MIB
    create_bucket(server.endpoint, "bench-huge")
    with PeakRss(server.pid) as rss:
        put = run_load(args, server, "bench-huge", "put", 1, 900, 1, size=size,
                       retry_noisy=False)
    put.update(rss.figures())
    fig["put_huge"] = put
    etag = head_etag(server.endpoint, "/bench-huge/obj/00000000")
    fig["huge_etag_ok"] = etag == expected_etag(size)
    if server.data_dir:
        drop_from_page_cache(blob_files(server))
    with PeakRss(server.pid) as rss:
        get = run_load(args, server, "bench-huge", "get", 1, 900, 1, size=size, keys=1,
                       retry_noisy=False)
    get.update(rss.figures())
    fig["get_huge"] = get
    print(f"  {args.huge_mib} MiB: PUT {put['mb_per_s']} MB/s, peak RSS +"
          f"{put['peak_above_before_mib']} MiB; GET {get['mb_per_s']} MB/s, peak RSS +"
          f"{get['peak_above_before_mib']} MiB (before: {put['rss_before_mib']} MiB); ETag "
          f"{'ok' if fig['huge_etag_ok'] else 'WRONG'}", flush=True)


def measure_server(args, server, after_large=None):
    time.sleep(0.5)
    fig = dict(server.startup)
    fig["idle_rss_mib"] = round(proc_status_kib(server.pid, "VmRSS") / 1024, 1)
    fig["load_at_start"] = load_average()
    print(f"{server.name}: ready in {fig['startup_s']:.3f} s, idle RSS {fig['idle_rss_mib']} MiB, "
          f"load average {fig['load_at_start']}", flush=True)
    measure_small(args, server, fig)
    measure_large(args, server, fig)
    if after_large is not None:
        after_large()
    if server.name == "stratus" or args.moto_huge:
        measure_huge(args, server, fig)
    list_sizes = [args.moto_list_keys] if server.name == "moto" else \
        sorted({args.moto_list_keys, args.list_keys})
    for n in list_sizes:
        if n > 0:
            measure_list(args, server, fig, n, args.list_runs)
    fig["peak_rss_mib"] = round(proc_status_kib(server.pid, "VmHWM") / 1024, 1)
    return fig


# ----------------------------------------------------------------------------- report


def get(fig, *path):
    value = fig
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def table(results, dd_runs, args):
    """Rows of (metric, stratus, moto, dd, ratio text, target, met)."""
    s, m = results.get("stratus", {}), results.get("moto", {})
    rows = []

    def row(label, path, higher_better=True, target=None, threshold=None, dd_value=None,
            scale=1.0):
        sv, mv = get(s, *path), get(m, *path)
        sv = sv * scale if sv is not None else None
        mv = mv * scale if mv is not None else None
        ratio, met = None, None
        if sv is not None and mv:
            ratio = sv / mv
        if threshold is not None and ratio is not None:
            met = ratio >= threshold if higher_better else ratio <= threshold
        rows.append((label, sv, mv, dd_value, ratio, target or "", met))

    row("start-up to first ListBuckets, s", ("startup_s",), higher_better=False)
    row("idle RSS, MiB", ("idle_rss_mib",), higher_better=False)
    c = args.connections
    row(f"1 KiB PUT, ops/s, {c} conns", ("put_1k", "calls_per_s"), target=">= 20x moto",
        threshold=20)
    row("1 KiB PUT, server CPU per call, us", ("put_1k", "server_cpu_us_per_call"),
        higher_better=False, target="<= 1/20 moto", threshold=1 / 20)
    row(f"1 KiB GET, ops/s, {c} conns", ("get_1k", "calls_per_s"), target=">= 20x moto",
        threshold=20)
    row("1 KiB GET, server CPU per call, us", ("get_1k", "server_cpu_us_per_call"),
        higher_better=False, target="<= 1/20 moto", threshold=1 / 20)
    row(f"1 KiB PUT p50 at {c} conns, ms", ("put_1k", "p50_us"), higher_better=False,
        scale=1e-3)
    row(f"1 KiB GET p50 at {c} conns, ms", ("get_1k", "p50_us"), higher_better=False,
        scale=1e-3)
    row("1 KiB PUT p50, one connection, ms", ("put_1k_c1", "p50_us"), higher_better=False,
        scale=1e-3)
    row("1 KiB GET p50, one connection, ms", ("get_1k_c1", "p50_us"), higher_better=False,
        scale=1e-3)
    for n in sorted({args.moto_list_keys, args.list_keys}):
        key = str(n)
        row(f"LIST {n:,} keys (1,000/page), ms per listing", ("list", key, "listing_p50_ms"),
            higher_better=False)
        row(f"LIST {n:,} keys, keys/s", ("list", key, "keys_per_s"))
        row(f"LIST {n:,} keys, server CPU per listing, ms",
            ("list", key, "server_cpu_ms_per_listing"), higher_better=False)
    mib = args.large_mib
    dd = {key: mean_dd(dd_runs, key) for key in (
        "write_fsync_mb_s", "write_direct_mb_s", "read_cold_mb_s", "read_direct_mb_s",
        "read_warm_mb_s", "write_fsync_cpu_ms_per_mib", "read_cold_cpu_ms_per_mib")}
    ddw = dd["write_fsync_mb_s"]
    ddr = dd["read_cold_mb_s"]
    rows_dd = [
        (f"{mib} MiB PUT, MB/s (dd: write conv=fsync)", ("put_large", "mb_per_s"), ddw),
        (f"{mib} MiB GET, page cache dropped, MB/s (dd: cold read)", ("get_large_cold",
                                                                      "mb_per_s"), ddr),
    ]
    for label, path, base in rows_dd:
        sv, mv = get(s, *path), get(m, *path)
        ratio = sv / base if sv is not None and base else None
        met = ratio >= 0.5 if ratio is not None else None
        rows.append((label, sv, mv, base, ratio, ">= 0.5x dd", met))
    rows.append(("  dd write oflag=direct / read iflag=direct, MB/s", None, None,
                 f"{dd['write_direct_mb_s']} / {dd['read_direct_mb_s']}", None, "", None))
    row(f"{mib} MiB GET, warm, MB/s (dd: warm read)", ("get_large_warm", "mb_per_s"),
        dd_value=dd["read_warm_mb_s"])
    row(f"{mib} MiB PUT, server CPU per MiB, ms (dd: its CPU writing)",
        ("put_large", "server_cpu_ms_per_mib"), higher_better=False,
        dd_value=dd["write_fsync_cpu_ms_per_mib"])
    row(f"{mib} MiB GET (cold), server CPU per MiB, ms (dd: its CPU reading)",
        ("get_large_cold", "server_cpu_ms_per_mib"), higher_better=False,
        dd_value=dd["read_cold_cpu_ms_per_mib"])
    row(f"{mib} MiB GET (cold), s3_load CPU per MiB, ms", ("get_large_cold",
                                                          "client_cpu_ms_per_mib"),
        higher_better=False)
    row(f"{mib} MiB GET (warm), server CPU per MiB, ms", ("get_large_warm",
                                                         "server_cpu_ms_per_mib"),
        higher_better=False)
    h = args.huge_mib
    row(f"{h} MiB PUT, MB/s", ("put_huge", "mb_per_s"))
    row(f"{h} MiB GET (cold), MB/s", ("get_huge", "mb_per_s"))
    for op in ("put", "get"):
        label = f"{h} MiB {op.upper()}, peak RSS above idle, MiB"
        sv = get(s, f"{op}_huge", "peak_above_before_mib")
        mv = get(m, f"{op}_huge", "peak_above_before_mib")
        rows.append((label, sv, mv, None, None, "< 64 MiB",
                     sv < 64 if sv is not None else None))
    return rows


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if isinstance(v, float) and abs(v) < 10:
        return f"{v:.3f}" if abs(v) < 1 else f"{v:.2f}"
    return f"{v:,.0f}"


def fmt_ratio(r):
    if r is None:
        return "-"
    if r >= 1:
        return f"{r:,.3g}x"
    return f"1/{1 / r:,.3g}" if r > 0 else "0"


def print_table(rows):
    header = (f"{'metric':<64} {'stratus':>11} {'moto':>11} {'dd (mean of 2)':>15} {'ratio':>9}"
              "  target")
    print("\n" + header)
    print("-" * (len(header) + 16))
    for label, sv, mv, ddv, ratio, target, met in rows:
        verdict = "" if met is None else ("  met" if met else "  MISSED")
        print(f"{label:<64} {fmt(sv):>11} {fmt(mv):>11} {fmt(ddv):>15} {fmt_ratio(ratio):>9}  "
              f"{target}{verdict}")


# ----------------------------------------------------------------------------- main


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=5.0, help="seconds per 1 KiB mode")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--latency-duration", type=float, default=3.0, help="seconds per C=1 run")
    ap.add_argument("--max-ops", type=int, default=500000, help="cap on calls per 1 KiB run")
    ap.add_argument("--list-keys", type=int, default=100000, help="keys stratus lists")
    ap.add_argument("--moto-list-keys", type=int, default=10000,
                    help="keys moto lists (stratus lists this many too, for a same-size ratio)")
    ap.add_argument("--list-runs", type=int, default=3, help="full listings per size")
    ap.add_argument("--fill-timeout", type=float, default=900,
                    help="seconds allowed to fill a LIST bucket")
    ap.add_argument("--large-mib", type=int, default=64)
    ap.add_argument("--large-count", type=int, default=8)
    ap.add_argument("--huge-mib", type=int, default=2048, help="the PUT/GET whose RSS is watched")
    ap.add_argument("--moto-huge", action="store_true",
                    help="also PUT/GET --huge-mib on moto (it holds the object in memory)")
    ap.add_argument("--no-dd", action="store_true")
    ap.add_argument("--no-moto", action="store_true")
    ap.add_argument("--no-stratus", action="store_true")
    ap.add_argument("--stratus-bin", default=None, help="default: $STRATUS_BIN or build/release/stratus")
    ap.add_argument("--s3-load", default=None,
                    help="default: $STRATUS_S3_LOAD or build/release/bench/load/s3_load")
    ap.add_argument("--max-load", type=float, default=1.5,
                    help="wait for the 1-minute load average to fall to this first (0: do not)")
    ap.add_argument("--max-load-wait", type=float, default=300)
    ap.add_argument("--max-others", type=float, default=0.3,
                    help="measure a figure again when other processes took more cores than this")
    ap.add_argument("--noisy-retries", type=int, default=2, help="at most this many times")
    ap.add_argument("--noisy-pause", type=float, default=5.0, help="seconds before measuring again")
    ap.add_argument("--tmp", default=None, help="work dir (default: a new dir under $TMPDIR)")
    ap.add_argument("--json", help="write results to this file")
    args = ap.parse_args()
    args.s3_load = s3_load_binary(args.s3_load)
    args.stratus_bin = args.stratus_bin or stratus_binary()
    return args


def main():
    args = parse_args()
    args.tmp = tempfile.mkdtemp(prefix="stratus-s3-bench-", dir=args.tmp)
    loads = {"start": wait_for_quiet(args.max_load, args.max_load_wait)}
    # dd runs just before stratus and again right after stratus's large objects, so that
    # both see the machine (and the VM's memory) as stratus's PUTs and GETs did.
    dd_runs = [] if args.no_dd else [measure_dd(args, "before stratus")]
    after_large = None if args.no_dd else \
        (lambda: dd_runs.append(measure_dd(args, "after stratus's large objects")))
    starters = []
    if not args.no_stratus:
        starters.append(("stratus", lambda: start_stratus(args)))
    if not args.no_moto:
        if shutil.which("moto_server"):
            starters.append(("moto", lambda: start_moto(args)))
        else:
            print("moto_server not found: peer skipped")
    results = {}
    ok = True
    for name, start in starters:
        server = None
        try:
            server = start()
            results[name] = measure_server(args, server,
                                           after_large if name == "stratus" else None)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            ok = False
            print(f"{name}: FAILED: {e}")
            results[name] = {"error": str(e)}
        finally:
            if server is not None:
                server.stop()
            loads[f"after_{name}"] = load_average()
    good = {n: f for n, f in results.items() if "error" not in f}
    rows = table(good, dd_runs, args)
    print_table(rows)
    others = [v.get("others_cores", 0) for f in good.values() for v in f.values()
              if isinstance(v, dict)]
    print("\nload average (1 min): " + ", ".join(f"{k} {v}" for k, v in loads.items()) +
          (f"; other processes used up to {max(others):.2f} cores while measuring" if others
           else "") + ("  (over 0.3: rerun on a quieter machine)" if others and max(others) > 0.3
                       else ""))
    if args.json:
        doc = {"info": {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "host": platform.node(),
                        "cpus": os.cpu_count(), "load_average": loads,
                        "options": {k: v for k, v in vars(args).items() if k != "tmp"}},
               "dd": dd_runs, "servers": results,
               "table": [{"metric": r[0], "stratus": r[1], "moto": r[2], "dd": r[3],
                          "ratio": r[4], "target": r[5], "met": r[6]} for r in rows]}
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1)
        print(f"JSON written to {args.json}")
    if ok:
        shutil.rmtree(args.tmp, ignore_errors=True)
    else:
        print(f"logs kept in {args.tmp}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
