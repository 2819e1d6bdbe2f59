"""What the kill -9 scripts share: running one Run (a class with execute(), cleanup(keep),
errors, notes, server, args), printing its report, and the pytest body that runs it; and,
for the simpler tests, writers_survive_kill9(): writer threads record what was acknowledged,
the server is killed -9 at a random moment and restarted, and a check looks at what survived.

A Run's execute() drives the load, the kills and the checks and returns a summary dict; its
errors list fails the run.
"""
import os
import random
import shutil
import sys
import tempfile
import threading
import time


def run_once(run_class, args):
    """Runs once; returns (ok, summary, errors, notes, run)."""
    r = run_class(args)
    summary = {}
    try:
        summary = r.execute()
    except Exception as e:  # noqa: BLE001 - reported as a failure with the server log
        r.errors.append(f"run aborted: {e!r}\n--- server log tail ---\n{r.server.log_tail()}")
    ok = not r.errors
    r.cleanup(keep=args.keep or not ok)
    return ok, summary, r.errors, r.notes, r


def print_report(title, result):
    """Prints run_once()'s result; returns the process exit code."""
    ok, summary, errors, notes, _ = result
    print(f"{title}:", "PASS" if ok else "FAIL")
    width = max((len(k) for k in summary), default=0)
    for k, v in summary.items():
        print(f"  {k:{width}} {v}")
    for note in notes:
        print("  note:", note)
    for e in errors:
        print("  FAIL:", e)
    return 0 if ok else 1


def pytest_run(module):
    """The body of a pytest test: runs module.run() with $STRATUS_KILL9_SEED, if set, and fails
    with the seed and the errors."""
    import pytest  # noqa: PLC0415 - only the pytest entries need it

    from stratus_process import stratus_binary  # noqa: PLC0415

    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = os.environ.get("STRATUS_KILL9_SEED")
    argv = ["--seed", seed] if seed else []
    ok, summary, errors, notes, run = module.run(argv)
    print("summary:", summary)
    for note in notes:
        print("note:", note)
    assert ok, f"seed {run.args.seed}: " + "\n".join(errors)


def boto_client(service, endpoint):
    """A boto3 client for one stratus endpoint that does not retry (a retry could hide a lost
    acknowledgement) and gives up quickly on a dead server."""
    import boto3  # noqa: PLC0415 - only the writer-thread tests need it
    from botocore.config import Config  # noqa: PLC0415

    cfg = Config(retries={"max_attempts": 0}, read_timeout=10, connect_timeout=2)
    return boto3.client(service, config=cfg, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="x", aws_secret_access_key="x")


def writers_survive_kill9(name, acked_kinds, work, verify, prepare=None, num_clients=4):
    """The body of a pytest test: starts stratus on a fresh data dir, runs prepare(endpoint)
    (its result is passed to verify), starts num_clients threads of
    work(endpoint, client_number, acked, stop), which record what the server acknowledged in
    acked (a set per kind in acked_kinds) until stop is set or a call fails, kills -9 the server
    0.5 to 1.5 s later, restarts it and runs verify(endpoint, acked, prepared, seed), which
    asserts and returns a one-line summary. The seed is $STRATUS_KILL9_SEED or random; the data
    dir and log are kept when the test fails."""
    import pytest  # noqa: PLC0415 - only the pytest entries need it

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wire"))
    from stratus_process import StratusProcess, stratus_binary  # noqa: PLC0415

    if not os.path.exists(stratus_binary()):
        pytest.fail(f"stratus binary not found at {stratus_binary()} (build it or set STRATUS_BIN)")
    seed = int(os.environ.get("STRATUS_KILL9_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix=f"stratus-{name}-kill9-")
    server = StratusProcess(os.path.join(tmp, "data"))
    server.start()
    ok = False
    try:
        prepared = prepare(server.endpoint) if prepare else None
        acked = {kind: set() for kind in acked_kinds}
        stop = threading.Event()
        threads = [threading.Thread(target=work, args=(server.endpoint, n, acked, stop))
                   for n in range(num_clients)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.5, 1.5))
        server.kill9()
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        assert acked[acked_kinds[0]], f"seed {seed}: nothing was acknowledged before the kill"

        server.start()
        print(f"seed {seed}: {verify(server.endpoint, acked, prepared, seed)}")
        ok = True
    finally:
        server.stop()
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"data dir and log kept at {tmp}")
