"""What the kill -9 scripts share: running one Run (a class with execute(), cleanup(keep),
errors, notes, server, args), printing its report, and the pytest body that runs it.

A Run's execute() drives the load, the kills and the checks and returns a summary dict; its
errors list fails the run.
"""
import os


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
