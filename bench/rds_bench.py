"""RDS's MySQL front side by side with MariaDB on its own.

Drives stratus_mysql_front_bench (src/connectors/mysql/mysql_front_bench.cc), which starts a
throw-away mariadbd, a front over its socket and a lake over a local S3 engine, then prints:

  (a) SELECT ... INTO OUTFILE S3 through the front vs MariaDB's own SELECT ... INTO OUTFILE
      to a local file (rows/s, best of three interleaved rounds after a warm-up run; target
      >= 0.8x), mariadbd's and the front's CPU per exported row, the CPU-time ratio, and the
      same SELECT read by a client that drops the rows (the server's cost of streaming them);
  (b) the extract engine behind `stratus extract` vs `mariadb --batch -e` > file (rows/s;
      target >= 1.0x);
  (c) a SELECT 1 round trip through the front vs straight to the server's socket (us; target
      < 50 us added).

    cmake --build build/release --target stratus_mysql_front_bench -- -j2
    python3 bench/rds_bench.py [--rows N] [--max-load L] [--export-only]
"""
import argparse
import pathlib
import subprocess
import sys

import bench_host

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = ROOT / "build/release/src/connectors/mysql/stratus_mysql_front_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=300000)
    parser.add_argument("--max-load", type=float, default=1.5,
                        help="wait (up to 120 s) for the 1-minute load average to fall to this")
    parser.add_argument("--binary", default=str(BINARY))
    parser.add_argument("--export-only", action="store_true", help="run part (a) only")
    args = parser.parse_args()
    if not pathlib.Path(args.binary).exists():
        sys.exit(f"{args.binary} not found: build the stratus_mysql_front_bench target first")
    load = bench_host.wait_for_quiet(args.max_load, 120)
    print(f"load average {load}", flush=True)
    command = [args.binary, str(args.rows)] + (["export"] if args.export_only else [])
    result = subprocess.run(command, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        print(line)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        sys.exit(result.returncode)


if __name__ == "__main__":
    main()
