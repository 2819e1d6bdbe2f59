"""Iceberg benchmark: the batch ETL's MERGE and a Parquet scan, stratus beside DuckDB, in one run.

  python3 bench/iceberg_bench.py [--rows 1000000,10000000] [--reps 3] [--json out.json]

Data: the batch ETL's CSV lake (bench/sql_bench.py's make_lake: N transactions, N/20 users).

Work (each peer does the same, its own way):
  previous   (untimed) the table holding the previous day's result: the batch ETL's aggregate
             over every transaction but the last day's, merged into an empty table
  merge      the batch ETL's MERGE INTO user_transactions of the aggregate over all N
             transactions: every existing (dt, user_id) row updated, the last day's inserted
  scan       a full scan of the merged table's Parquet data (sum, count, count of a string)
  size       the table's Parquet bytes after `previous` (both zstd)

Peers:
  stratus  a fresh `stratus serve`; CSVs PUT into its S3, Athena DDL, an Iceberg table
           (Parquet, zstd); the MERGE is merge-on-read (position deletes + new data files).
           Timed from StartQueryExecution to SUCCEEDED (wall) and by the server's CPU.
  duckdb   @duckdb/node-api (--install-duckdb) over read_csv views of the same files: the
           table is a Parquet file; the MERGE reads it, runs DuckDB's MERGE INTO, and writes
           the Parquet file anew (COPY ... (FORMAT parquet, COMPRESSION zstd)) — the same
           upsert into a Parquet-backed table. The scan reads that file.

Compare ratios from the same run; the machine is shared.
"""
import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent / "test" / "wire"))

import sql_bench  # noqa: E402
from bench_host import proc_cpu_s, proc_status_kib  # noqa: E402
from stratus_process import stratus_binary  # noqa: E402

AGGREGATE = ("SELECT date(dt) dt, user_id, sum(total_cost) total_cost_usd, registration_date "
             "FROM transactions LEFT JOIN users ON users.id = transactions.user_id {where} "
             "GROUP BY dt, user_id, registration_date")
MERGE = ("MERGE INTO user_transactions AS ut USING ({source}) AS ut2 "
         "ON (ut.dt = ut2.dt AND ut.user_id = ut2.user_id) "
         "WHEN MATCHED THEN UPDATE SET total_cost_usd = ut2.total_cost_usd, "
         "registration_date = ut2.registration_date "
         "WHEN NOT MATCHED THEN INSERT (dt, user_id, total_cost_usd, registration_date) "
         "VALUES (ut2.dt, ut2.user_id, ut2.total_cost_usd, ut2.registration_date)")
SCAN = ("SELECT count(*), round(sum(total_cost_usd), 0), count(registration_date) "
        "FROM user_transactions")
LAST_DAY = "(SELECT max(dt) FROM transactions)"


def previous_source():
    return AGGREGATE.format(where=f"WHERE dt < {LAST_DAY}")


def full_source():
    return AGGREGATE.format(where="")


# ----------------------------------------------------------------------------- stratus


class StratusIceberg(sql_bench.StratusPeer):
    def __init__(self, args, lake):
        super().__init__(args, lake)
        self.table_prefix = "iceberg/user_transactions/"

    def create(self):
        self.run("DROP TABLE IF EXISTS user_transactions")
        self.run("CREATE TABLE user_transactions (dt date, user_id int, total_cost_usd float, "
                 "registration_date string) PARTITIONED BY (dt) "
                 f"LOCATION 's3://sqlbench/{self.table_prefix}' "
                 "TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet', "
                 "'write_compression'='zstd')")
        self.run(MERGE.format(source=previous_source()))

    def data_bytes(self):
        total = 0
        for page in self.s3.get_paginator("list_objects_v2").paginate(
                Bucket="sqlbench", Prefix=self.table_prefix + "data/"):
            total += sum(o["Size"] for o in page.get("Contents", []))
        return total

    def timed(self, sql):
        cpu0 = proc_cpu_s(self.proc.pid)
        t0 = time.monotonic()
        rows = self.run(sql)
        return time.monotonic() - t0, proc_cpu_s(self.proc.pid) - cpu0, rows

    def rep(self):
        """One repetition: fresh table, then the timed MERGE and scan."""
        self.create()
        size = self.data_bytes()
        merge = self.timed(MERGE.format(source=full_source()))
        scan = self.timed(SCAN)
        return {"merge": merge, "scan": scan, "size": size}


# ----------------------------------------------------------------------------- duckdb

DUCKDB_SCRIPT = r"""
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const [lake, work, sqlJson, threads] = process.argv.slice(2);
const q = JSON.parse(sqlJson);
const inst = await DuckDBInstance.create(':memory:', threads !== '0' ? { threads } : {});
const con = await inst.connect();
await con.run(`create view users as select * from read_csv('${lake}/users/*.csv', header=false,
  delim=',', columns={'id':'BIGINT','registration_date':'VARCHAR'})`);
await con.run(`create view transactions as select * from read_csv('${lake}/transactions/*.csv',
  header=false, delim=',', columns={'transaction_id':'BIGINT','user_id':'BIGINT',
  'total_cost':'DOUBLE','dt':'VARCHAR'})`);
const file = `${work}/user_transactions.parquet`;
const copy = `copy user_transactions to '${file}' (format parquet, compression zstd)`;
// The previous day's table, as a Parquet file.
await con.run(`create or replace table user_transactions (dt date, user_id int,
  total_cost_usd float, registration_date varchar)`);
await con.run(q.previous);
await con.run(copy);
await con.run('drop table user_transactions');
const fs = await import('node:fs');
const size = fs.statSync(file).size;
const timed = async (fn) => {
  const c = process.cpuUsage(); const t = process.hrtime.bigint();
  const rows = await fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e9; const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1e6, rows };
};
const merge = await timed(async () => {
  await con.run(`create table user_transactions as select * from read_parquet('${file}')`);
  await con.run(q.merge);
  await con.run(copy);
  await con.run('drop table user_transactions');
  return [];
});
const scan = await timed(async () => {
  await con.run(`create view user_transactions as select * from read_parquet('${file}')`);
  const rows = (await con.runAndReadAll(q.scan)).getRows();
  await con.run('drop view user_transactions');
  return rows.map(r => r.map(v => v === null ? null : String(v)));
});
console.log(JSON.stringify({ merge, scan, size }));
"""


class DuckDbIceberg:
    name = "duckdb"

    def __init__(self, args, lake):
        self.args = args
        self.lake = lake
        sql_bench.DuckDbPeer(args, lake)  # installs @duckdb/node-api when asked
        self.script = Path(args.duckdb_dir) / "stratus_iceberg_bench_peer.mjs"
        self.script.write_text(DUCKDB_SCRIPT)
        self.work = tempfile.mkdtemp(prefix="icebench-duckdb-", dir=args.tmp)
        self.peak_kib = 0

    def rep(self):
        import subprocess
        rss_file = os.path.join(self.work, "rss")
        queries = {"previous": MERGE.format(source=previous_source()),
                   "merge": MERGE.format(source=full_source()), "scan": SCAN}
        out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file, "node",
                              str(self.script), self.lake, self.work, json.dumps(queries),
                              str(self.args.threads)],
                             cwd=self.args.duckdb_dir, check=True, capture_output=True, text=True)
        with open(rss_file) as f:
            self.peak_kib = max(self.peak_kib, int(f.read().split()[-1]))
        r = json.loads(out.stdout.strip().splitlines()[-1])
        return {"merge": (r["merge"]["wall"], r["merge"]["cpu"], []),
                "scan": (r["scan"]["wall"], r["scan"]["cpu"], r["scan"]["rows"]),
                "size": r["size"]}

    def peak_rss_mib(self):
        return round(self.peak_kib / 1024, 1)

    def close(self):
        pass


# ----------------------------------------------------------------------------- main


def measure(peer, reps):
    runs = [peer.rep() for _ in range(reps)]
    out = {}
    for work in ("merge", "scan"):
        out[work] = {"wall_s": round(sql_bench.median([r[work][0] for r in runs]), 3),
                     "cpu_s": round(sql_bench.median([r[work][1] for r in runs]), 2),
                     "rows": runs[-1][work][2]}
    out["size_bytes"] = runs[-1]["size"]
    out["peak_rss_mib"] = peer.peak_rss_mib()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="1000000,10000000")
    ap.add_argument("--lake", action="append")
    ap.add_argument("--lake-cache", default=os.path.join(tempfile.gettempdir(),
                                                         "stratus-sql-bench-lakes"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--skip", default="")
    ap.add_argument("--duckdb-dir", default=os.path.join(tempfile.gettempdir(), "duckpeer"))
    ap.add_argument("--install-duckdb", action="store_true")
    ap.add_argument("--stratus-bin", default=None)
    ap.add_argument("--stratus-arg", action="append", default=[])
    ap.add_argument("--tmp", default=None)
    ap.add_argument("--json")
    args = ap.parse_args()
    args.skip = [s for s in args.skip.split(",") if s]
    args.stratus_bin = args.stratus_bin or os.environ.get("STRATUS_BIN") or stratus_binary()
    results = []
    for rows in [int(r) for r in args.rows.split(",") if r]:
        lake = sql_bench.make_lake(rows, args)
        figures = {"rows": rows, "peers": {}}
        for cls in (StratusIceberg, DuckDbIceberg):
            if cls.name in args.skip:
                continue
            peer = cls(args, lake)
            try:
                figures["peers"][cls.name] = measure(peer, args.reps)
            finally:
                peer.close()
        results.append(figures)
        s = figures["peers"].get("stratus")
        d = figures["peers"].get("duckdb")
        print(f"\n{rows:,} transactions")
        print(f"{'work':8}{'stratus wall (cpu)':>22}{'duckdb wall (cpu)':>22}{'stratus/duckdb':>16}")
        for work in ("merge", "scan"):
            cells = [f"{p[work]['wall_s']:.3f} ({p[work]['cpu_s']:.2f})" if p else "-"
                     for p in (s, d)]
            ratio = s[work]["wall_s"] / d[work]["wall_s"] if s and d else float("nan")
            print(f"{work:8}{cells[0]:>22}{cells[1]:>22}{ratio:>16.2f}")
        if s and d:
            print(f"Parquet bytes (zstd): stratus {s['size_bytes']:,}, duckdb {d['size_bytes']:,} "
                  f"({s['size_bytes'] / d['size_bytes']:.2f}x)")
            print(f"scan rows: stratus {s['scan']['rows']}, duckdb {d['scan']['rows']}")
            print(f"peak RSS MiB: stratus {s['peak_rss_mib']}, duckdb {d['peak_rss_mib']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
