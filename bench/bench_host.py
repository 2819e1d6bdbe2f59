"""What the benchmarks read from the machine and its processes, and how they start moto_server.

Shared by sqs_bench.py, sfn_bench.py and s3_bench.py: the load average and the wait for a quiet
machine, CPU seconds and /proc/PID/status figures of a server (with its children, for moto's
workers), the CPU the whole machine used, and a moto_server started on a free port.
"""
import os
import resource
import signal
import subprocess
import time


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


def children_of(pid):
    """PIDs of pid's descendants."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(x) for x in f.read().split()]
    except OSError:
        return []
    out = []
    for k in kids:
        out += [k] + children_of(k)
    return out


def proc_cpu_s(pid, with_children=False):
    """utime+stime seconds of pid (and of its descendants when asked), from /proc/PID/stat."""
    tck = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in [pid] + (children_of(pid) if with_children else []):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tck
        except OSError:
            pass
    return total


def proc_status_kib(pid, key, with_children=False):
    """/proc/PID/status `key` (VmRSS, VmHWM) in KiB, summed over descendants when asked."""
    total = 0
    for p in [pid] + (children_of(pid) if with_children else []):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith(key + ":"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def system_busy_s():
    """CPU seconds all processes of the machine spent (user, nice, system, irq, softirq)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:8]]
    user, nice, system, _idle, _iowait, irq, softirq = fields
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def children_cpu_s():
    """CPU seconds of this script's waited-for children (dd, the load generators)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_moto(tmp, port, ready):
    """Starts moto_server on 127.0.0.1:port, logging to tmp/moto.log, and waits (at most 60 s)
    until ready(endpoint) is true. Returns (pid, endpoint, start-up seconds, stop)."""
    log = open(os.path.join(tmp, "moto.log"), "wb")  # noqa: SIM115 - handed to the child
    t0 = time.monotonic()
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    log.close()
    endpoint = f"http://127.0.0.1:{port}"
    deadline = t0 + 60
    while not ready(endpoint):
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
    return proc.pid, endpoint, startup, stop
