"""The scan of the batch ETL's Iceberg table after its MERGE, and after OPTIMIZE, repeated.

  python3 bench/iceberg_scan_bench.py [--rows 1000000] [--loops 20] [--optimize]
                                      [--bin build/release/stratus] [--perf perf.data]

Builds the table as bench/iceberg_bench.py does (the previous day's result, then the MERGE of
all N transactions: merge-on-read, one position delete per updated row), then runs its scan query
--loops times and prints the best wall time and the median and least server CPU. With
--optimize, runs OPTIMIZE ... REWRITE DATA USING BIN_PACK (which folds the deletes into new
files) and measures the scan again. With --perf, records `perf record -g` of the server over
each series of scans (PATH.merged, PATH.optimized). Compare two builds by running this for
each, interleaved; the machine is shared.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent / "test" / "wire"))

import iceberg_bench  # noqa: E402
import sql_bench  # noqa: E402
from stratus_process import stratus_binary  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--loops", type=int, default=20)
    ap.add_argument("--optimize", action="store_true")
    ap.add_argument("--perf", default="")
    ap.add_argument("--bin", default=None)
    ap.add_argument("--lake-cache", default=os.path.join(tempfile.gettempdir(),
                                                         "stratus-sql-bench-lakes"))
    a = ap.parse_args()
    args = argparse.Namespace(tmp=None, stratus_bin=a.bin or stratus_binary(), stratus_arg=[],
                              lake=None, lake_cache=a.lake_cache, threads=0, skip=[],
                              duckdb_dir=os.path.join(tempfile.gettempdir(), "duckpeer"),
                              install_duckdb=False)
    lake = sql_bench.make_lake(a.rows, args)
    peer = iceberg_bench.StratusIceberg(args, lake)
    try:
        peer.create()
        peer.timed(iceberg_bench.MERGE.format(source=iceberg_bench.full_source()))

        def series(label):
            perf = None
            if a.perf:
                perf = subprocess.Popen(["perf", "record", "-g", "-o", f"{a.perf}.{label}",
                                         "-p", str(peer.proc.pid)], stderr=subprocess.DEVNULL)
                time.sleep(0.5)
            walls, cpus, rows = [], [], None
            for _ in range(a.loops):
                wall, cpu, rows = peer.timed(iceberg_bench.SCAN)
                walls.append(wall)
                cpus.append(cpu)
            if perf is not None:
                perf.send_signal(2)
                perf.wait()
            print(f"{label:10} best wall {min(walls):.3f} s  CPU median {sql_bench.median(cpus):.3f}"
                  f" min {min(cpus):.3f} s  rows {rows}", flush=True)

        series("merged")
        if a.optimize:
            wall, cpu, _ = peer.timed("OPTIMIZE user_transactions REWRITE DATA USING BIN_PACK")
            print(f"{'OPTIMIZE':10} wall {wall:.3f} s  CPU {cpu:.3f} s", flush=True)
            series("optimized")
    finally:
        peer.close()


if __name__ == "__main__":
    main()
