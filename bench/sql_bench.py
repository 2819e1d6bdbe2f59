"""SQL benchmark: stratus (through Athena), DuckDB and SQLite on the same queries, in one run.

  python3 bench/sql_bench.py [--rows 1000000,10000000] [--reps 3] [--json out.json]

Data: the batch ETL's two tables as headerless CSV (users: id, registration_date;
transactions: transaction_id, user_id, total_cost, dt), made by
../shared/peers/gen_lake.py (or given with --lake N=DIR), N transactions, N/20 users.

Queries (each peer runs exactly the same SQL text):
  seed       the batch ETL's aggregate (LEFT JOIN + GROUP BY + SUM), its ~0.9 N groups reduced
             to one row (count, sum, count of matched users) so that no peer pays for a big
             result set
  scan       a full scan that parses every column (sum, count, max): CSV scan throughput,
             reported as a fraction of memcpy bandwidth measured in the same run
  filter_agg scan, filter and aggregate by day (TPC-H Q1's shape)
  join3      a 3-way join: transactions, users, and per-user totals
  topn       ORDER BY total_cost DESC LIMIT 10
  window     row_number() per day, reduced to one row
  parquet_scan    the scan query over a Parquet copy of transactions (DuckDB writes it once
                  from the CSVs: SNAPPY, row groups of 122,880 rows); both peers read the same
                  files (stratus: an external table STORED AS PARQUET over them in its S3)
  parquet_filter  a selective range on transaction_id over the Parquet copy: row groups the
                  min/max statistics rule out are skipped

Peers:
  stratus  a fresh `stratus serve`; the CSVs are PUT into its S3, the tables created by Athena
           DDL over s3:// locations, each query run by StartQueryExecution and timed from start
           to SUCCEEDED (wall) and by the server's CPU; peak RSS is the server's VmHWM above
           its RSS before the first query.
  duckdb   @duckdb/node-api (install with --install-duckdb into --duckdb-dir) over read_csv views
           of the same files: wall, CPU, and the node process's peak RSS (node's own ~45 MiB
           included).
  sqlite   Debian's sqlite3: .import into typed tables (load time reported on its own), then each
           query; "incl. load" adds the load to every query's time.

Machines here are noisy: compare ratios from the same run; CPU seconds are less sensitive to
load than wall time.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(REPO_ROOT / "test" / "wire"))
sys.path.insert(0, str(BENCH_DIR))

from bench_host import load_average, proc_cpu_s, proc_status_kib, wait_for_quiet  # noqa: E402
from stratus_process import StratusProcess, stratus_binary  # noqa: E402

SHARED_PEERS = REPO_ROOT.parent / "shared" / "peers"

SEED_INNER = ("SELECT date(dt) dt, user_id, sum(total_cost) total_cost_usd, registration_date "
              "FROM transactions LEFT JOIN users ON users.id = transactions.user_id "
              "GROUP BY dt, user_id, registration_date")

QUERIES = {
    "seed": f"SELECT count(*), round(sum(total_cost_usd), 2), count(registration_date) "
            f"FROM ({SEED_INNER}) r",
    "scan": "SELECT sum(total_cost), count(dt), max(user_id), max(transaction_id) "
            "FROM transactions",
    "filter_agg": "SELECT count(*), round(sum(s), 2) FROM (SELECT dt, count(*) c, "
                  "sum(total_cost) s, avg(total_cost) a FROM transactions "
                  "WHERE total_cost > 100 GROUP BY dt) q",
    "join3": "SELECT count(*), round(sum(t.total_cost / p.total), 4) FROM transactions t "
             "JOIN users u ON u.id = t.user_id JOIN (SELECT user_id, sum(total_cost) total "
             "FROM transactions GROUP BY user_id) p ON p.user_id = u.id",
    "topn": "SELECT sum(transaction_id), round(sum(total_cost), 2) FROM (SELECT transaction_id, "
            "total_cost FROM transactions ORDER BY total_cost DESC, transaction_id LIMIT 10) q",
    "window": "SELECT count(*), sum(r) FROM (SELECT row_number() OVER (PARTITION BY dt "
              "ORDER BY total_cost DESC, transaction_id) r FROM transactions) q WHERE r <= 3",
    "parquet_scan": "SELECT sum(total_cost), count(dt), max(user_id), max(transaction_id) "
                    "FROM transactions_parquet",
    "parquet_filter": "SELECT count(*), round(sum(total_cost), 2), count(DISTINCT dt) "
                      "FROM transactions_parquet WHERE transaction_id BETWEEN 100000 AND 300000",
}
# Queries over the Parquet copy (SQLite has none).
PARQUET_QUERIES = ("parquet_scan", "parquet_filter")

USERS_DDL = ("CREATE EXTERNAL TABLE IF NOT EXISTS bench.users (id bigint, registration_date "
             "string) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE "
             "LOCATION 's3://sqlbench/users/'")
TRANSACTIONS_DDL = ("CREATE EXTERNAL TABLE IF NOT EXISTS bench.transactions (transaction_id "
                    "bigint, user_id bigint, total_cost double, dt string) ROW FORMAT DELIMITED "
                    "FIELDS TERMINATED BY ',' STORED AS TEXTFILE "
                    "LOCATION 's3://sqlbench/transactions/'")
PARQUET_DDL = ("CREATE EXTERNAL TABLE IF NOT EXISTS bench.transactions_parquet (transaction_id "
               "bigint, user_id bigint, total_cost double, dt string) STORED AS PARQUET "
               "LOCATION 's3://sqlbench/transactions_parquet/'")


def median(values):
    return round(statistics.median(values), 3) if values else None


def csv_files(lake, table):
    return sorted(str(p) for p in (Path(lake) / table).glob("*.csv"))


def lake_bytes(lake):
    return sum(os.path.getsize(f) for t in ("users", "transactions") for f in csv_files(lake, t))


def make_lake(rows, args):
    given = dict(item.split("=", 1) for item in args.lake) if args.lake else {}
    if str(rows) in given:
        return given[str(rows)]
    out = Path(args.lake_cache) / f"lake-{rows}"
    if (out / "transactions").is_dir() and csv_files(out, "transactions"):
        return str(out)
    generator = SHARED_PEERS / "gen_lake.py"
    if not generator.exists():
        raise RuntimeError(f"{generator} is absent: pass --lake {rows}=DIR with gen_lake.py's layout")
    print(f"generating {rows:,} transactions into {out}", flush=True)
    subprocess.run([sys.executable, str(generator), str(rows), "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return str(out)


def parquet_files(lake):
    return sorted(str(p) for p in (Path(lake) / "transactions_parquet").glob("*.parquet"))


PARQUET_WRITER_SCRIPT = r"""
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const [lake, out] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
await con.run(`COPY (SELECT * FROM read_csv('${lake}/transactions/*.csv', header=false, delim=',',
  columns={'transaction_id':'BIGINT','user_id':'BIGINT','total_cost':'DOUBLE','dt':'VARCHAR'}))
  TO '${out}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)`);
"""


def make_parquet(lake, args):
    """Writes <lake>/transactions_parquet/data.parquet with DuckDB once; None without DuckDB."""
    if parquet_files(lake):
        return parquet_files(lake)
    if not ensure_duckdb(args):
        return None
    out = Path(lake) / "transactions_parquet"
    out.mkdir(exist_ok=True)
    script = Path(args.duckdb_dir) / "stratus_sql_bench_parquet.mjs"
    script.write_text(PARQUET_WRITER_SCRIPT)
    print(f"writing the Parquet copy of transactions into {out}", flush=True)
    subprocess.run(["node", str(script), lake, str(out / "data.parquet")], cwd=args.duckdb_dir,
                   check=True)
    return parquet_files(lake)


def ensure_duckdb(args):
    if (Path(args.duckdb_dir) / "node_modules" / "@duckdb" / "node-api").is_dir():
        return True
    if not args.install_duckdb:
        return False
    os.makedirs(args.duckdb_dir, exist_ok=True)
    subprocess.run(["npm", "init", "-y"], cwd=args.duckdb_dir, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["npm", "install", "@duckdb/node-api"], cwd=args.duckdb_dir, check=True,
                   stdout=subprocess.DEVNULL)
    return True


def memcpy_gbps(mib=256, reps=5):
    """Bandwidth of copying a buffer bigger than the caches (one core), in GB/s."""
    src = bytearray(os.urandom(1 << 20)) * mib
    dst = bytearray(len(src))
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        dst[:] = src
        best = min(best, time.perf_counter() - t0)
    return round(len(src) / best / 1e9, 2)


# ----------------------------------------------------------------------------- stratus


class StratusPeer:
    name = "stratus"

    def __init__(self, args, lake):
        import boto3
        from botocore.config import Config
        self.tmp = tempfile.mkdtemp(prefix="sqlbench-stratus-", dir=args.tmp)
        self.proc = StratusProcess(os.path.join(self.tmp, "data"), binary=args.stratus_bin,
                                   log_path=os.path.join(self.tmp, "stratus.log"),
                                   extra_args=args.stratus_arg)
        self.proc.start(timeout=20.0)
        config = Config(retries={"max_attempts": 1}, read_timeout=3600)
        kw = dict(endpoint_url=self.proc.endpoint, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test", config=config)
        self.s3 = boto3.client("s3", **kw)
        self.athena = boto3.client("athena", **kw)
        self.s3.create_bucket(Bucket="sqlbench")
        t0 = time.monotonic()
        for table in ("users", "transactions"):
            for path in csv_files(lake, table):
                self.s3.upload_file(path, "sqlbench", f"{table}/{os.path.basename(path)}")
        for path in parquet_files(lake):
            self.s3.upload_file(path, "sqlbench", f"transactions_parquet/{os.path.basename(path)}")
        self.load_s = round(time.monotonic() - t0, 2)
        for sql in ("CREATE DATABASE IF NOT EXISTS bench", USERS_DDL, TRANSACTIONS_DDL,
                    PARQUET_DDL):
            self.run(sql)
        self.rss_before_kib = proc_status_kib(self.proc.pid, "VmRSS")
        with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
            f.write("5")  # Resets VmHWM to the current RSS.

    def run(self, sql):
        start = self.athena.start_query_execution(
            QueryString=sql, QueryExecutionContext={"Database": "bench"},
            ResultConfiguration={"OutputLocation": "s3://sqlbench/results/"})
        qid = start["QueryExecutionId"]
        delay = 0.002
        while True:
            execution = self.athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]
            state = execution["Status"]["State"]
            if state in ("SUCCEEDED", "FAILED", "CANCELLED"):
                break
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        if state != "SUCCEEDED":
            raise RuntimeError(f"{sql[:60]}...: {state}: "
                               f"{execution['Status'].get('StateChangeReason')}")
        rows = self.athena.get_query_results(QueryExecutionId=qid)["ResultSet"]["Rows"]
        return [[d.get("VarCharValue") for d in r["Data"]] for r in rows[1:]]

    def time_query(self, sql):
        cpu0 = proc_cpu_s(self.proc.pid)
        t0 = time.monotonic()
        rows = self.run(sql)
        return time.monotonic() - t0, proc_cpu_s(self.proc.pid) - cpu0, rows

    def peak_rss_mib(self):
        return round((proc_status_kib(self.proc.pid, "VmHWM") - self.rss_before_kib) / 1024, 1)

    def close(self):
        self.proc.stop(grace=10.0)
        shutil.rmtree(self.tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- duckdb

DUCKDB_SCRIPT = r"""
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const [lake, sqlJson, threads] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:', threads !== '0' ? { threads } : {});
const con = await inst.connect();
await con.run(`create view users as select * from read_csv('${lake}/users/*.csv', header=false,
  delim=',', columns={'id':'BIGINT','registration_date':'VARCHAR'})`);
await con.run(`create view transactions as select * from read_csv('${lake}/transactions/*.csv',
  header=false, delim=',', columns={'transaction_id':'BIGINT','user_id':'BIGINT',
  'total_cost':'DOUBLE','dt':'VARCHAR'})`);
if (fs.existsSync(`${lake}/transactions_parquet`)) {
  await con.run(`create view transactions_parquet as select * from
    read_parquet('${lake}/transactions_parquet/*.parquet')`);
}
const out = {};
for (const [name, sql] of Object.entries(JSON.parse(sqlJson))) {
  const c = process.cpuUsage(); const t = process.hrtime.bigint();
  const rows = (await con.runAndReadAll(sql)).getRows();
  const wall = Number(process.hrtime.bigint() - t) / 1e9; const d = process.cpuUsage(c);
  out[name] = { wall, cpu: (d.user + d.system) / 1e6,
                rows: rows.map(r => r.map(v => v === null ? null : String(v))) };
}
console.log(JSON.stringify(out));
"""


class DuckDbPeer:
    name = "duckdb"

    def __init__(self, args, lake):
        self.args = args
        self.lake = lake
        self.dir = args.duckdb_dir
        if not ensure_duckdb(args):
            raise RuntimeError(f"@duckdb/node-api is not installed in {self.dir} "
                               "(pass --install-duckdb)")
        self.script = Path(self.dir) / "stratus_sql_bench_peer.mjs"
        self.script.write_text(DUCKDB_SCRIPT)
        self.load_s = 0.0
        self.peak_kib = 0

    def run_all(self, queries):
        """Runs every query once in one process; returns {name: (wall, cpu, rows)}."""
        rss_file = os.path.join(self.args.tmp or tempfile.gettempdir(), "duckdb_peer.rss")
        out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file, "node",
                              str(self.script), self.lake, json.dumps(queries),
                              str(self.args.threads)],
                             cwd=self.dir, check=True, capture_output=True, text=True)
        with open(rss_file) as f:
            self.peak_kib = max(self.peak_kib, int(f.read().split()[-1]))
        result = json.loads(out.stdout.strip().splitlines()[-1])
        return {n: (r["wall"], r["cpu"], r["rows"]) for n, r in result.items()}

    def peak_rss_mib(self):
        return round(self.peak_kib / 1024, 1)

    def close(self):
        pass


# ----------------------------------------------------------------------------- sqlite


class SqlitePeer:
    name = "sqlite"

    def __init__(self, args, lake):
        self.tmp = tempfile.mkdtemp(prefix="sqlbench-sqlite-", dir=args.tmp)
        self.db = os.path.join(self.tmp, "peer.db")
        imports = "".join(f".import --csv {path} {table}\n" for table in ("users", "transactions")
                          for path in csv_files(lake, table))
        script = ("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;\n"
                  "CREATE TABLE users(id INTEGER, registration_date TEXT);\n"
                  "CREATE TABLE transactions(transaction_id INTEGER, user_id INTEGER, "
                  "total_cost REAL, dt TEXT);\n" + imports)
        t0 = time.monotonic()
        subprocess.run(["sqlite3", self.db], input=script, text=True, check=True,
                       stdout=subprocess.DEVNULL)
        self.load_s = round(time.monotonic() - t0, 2)
        self.peak_kib = 0
        self.timeout_s = args.sqlite_timeout

    def time_query(self, sql):
        # SQLite has no date(varchar) with Trino's meaning; its date() returns the same text.
        rss_file = os.path.join(self.tmp, "rss")
        t0 = time.monotonic()
        try:
            out = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", rss_file, "sqlite3",
                                  "-separator", "|", self.db,
                                  "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-2000000; " + sql],
                                 check=True, capture_output=True, text=True,
                                 timeout=self.timeout_s)
        except subprocess.TimeoutExpired:
            return float("inf"), float("inf"), [["timeout"]]
        wall = time.monotonic() - t0
        with open(rss_file) as f:
            user, system, kib = f.read().split()[-3:]
        self.peak_kib = max(self.peak_kib, int(kib))
        rows = [line.split("|") for line in out.stdout.strip().splitlines()]
        return wall, float(user) + float(system), rows

    def peak_rss_mib(self):
        return round(self.peak_kib / 1024, 1)

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


# ----------------------------------------------------------------------------- driver


def measure(peer, queries, reps):
    """{query: {wall_s, cpu_s, rows}} with medians over reps runs."""
    results = {}
    if isinstance(peer, DuckDbPeer):
        runs = [peer.run_all(queries) for _ in range(reps)]
        for name in queries:
            results[name] = {"wall_s": median([r[name][0] for r in runs]),
                             "cpu_s": median([r[name][1] for r in runs]),
                             "rows": runs[0][name][2]}
        return results
    for name, sql in queries.items():
        walls, cpus, rows = [], [], None
        for _ in range(reps):
            wall, cpu, rows = peer.time_query(sql)
            walls.append(wall)
            cpus.append(cpu)
            if wall == float("inf"):
                break  # One timeout is enough to know.
        results[name] = {"wall_s": median(walls), "cpu_s": median(cpus), "rows": rows}
        print(f"  {peer.name:8} {name:10} {results[name]['wall_s']:8.3f} s  "
              f"cpu {results[name]['cpu_s']:.3f} s  {rows}", flush=True)
    return results


def run_size(rows, args, memcpy):
    lake = make_lake(rows, args)
    size = lake_bytes(lake)
    print(f"== {rows:,} transactions, {size / 2**20:.0f} MiB of CSV ({lake})", flush=True)
    queries = {n: q for n, q in QUERIES.items() if n in args.queries}
    if any(n in queries for n in PARQUET_QUERIES) and not make_parquet(lake, args):
        print("  the Parquet queries need DuckDB to write the files (--install-duckdb): skipped")
        queries = {n: q for n, q in queries.items() if n not in PARQUET_QUERIES}
    figures = {"rows": rows, "csv_bytes": size, "peers": {}}
    if parquet_files(lake):
        figures["parquet_bytes"] = sum(os.path.getsize(f) for f in parquet_files(lake))
    for cls in (StratusPeer, DuckDbPeer, SqlitePeer):
        if cls.name in args.skip:
            continue
        if cls is SqlitePeer and rows > args.sqlite_max_rows:
            print(f"  sqlite skipped above {args.sqlite_max_rows:,} rows (--sqlite-max-rows)")
            continue
        wait_for_quiet(args.max_load, args.max_load_wait)
        peer = None
        try:
            peer = cls(args, lake)
            peer_queries = queries if cls is not SqlitePeer else {
                n: q for n, q in queries.items() if n not in PARQUET_QUERIES}
            results = measure(peer, peer_queries, args.reps)
            figures["peers"][cls.name] = {"load_s": peer.load_s, "queries": results,
                                          "peak_rss_mib": peer.peak_rss_mib(),
                                          "load_average": load_average()}
        except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
            print(f"  {cls.name}: FAILED: {e}", flush=True)
            figures["peers"][cls.name] = {"error": str(e)}
        finally:
            if peer is not None:
                peer.close()
    stratus = figures["peers"].get("stratus", {})
    scan = stratus.get("queries", {}).get("scan")
    if scan and scan["wall_s"]:
        gbps = size / scan["wall_s"] / 1e9
        figures["scan_gbps"] = round(gbps, 3)
        figures["scan_fraction_of_memcpy"] = round(gbps / memcpy, 3)
    return figures


def print_table(figures):
    peers = [p for p in ("stratus", "duckdb", "sqlite") if "queries" in
             figures["peers"].get(p, {})]
    print(f"\n{figures['rows']:,} transactions — median wall s (cpu s)")
    print(f"{'query':12}" + "".join(f"{p:>22}" for p in peers) + f"{'stratus/duckdb':>16}"
          f"{'sqlite+load/stratus':>22}")
    for name in next(iter(figures["peers"][p]["queries"] for p in peers)) if peers else []:
        cells = []
        for p in peers:
            q = figures["peers"][p]["queries"].get(name)
            cells.append(f"{q['wall_s']:.3f} ({q['cpu_s']:.2f})" if q else "-")
        line = f"{name:12}" + "".join(f"{c:>22}" for c in cells)
        s = figures["peers"].get("stratus", {}).get("queries", {}).get(name)
        d = figures["peers"].get("duckdb", {}).get("queries", {}).get(name)
        q = figures["peers"].get("sqlite", {}).get("queries", {}).get(name)
        line += f"{(s['wall_s'] / d['wall_s']) if s and d else float('nan'):>16.2f}"
        if s and q:
            load = figures["peers"]["sqlite"]["load_s"]
            line += f"{(q['wall_s'] + load) / s['wall_s']:>22.1f}"
        print(line)
    print("peak RSS MiB: " + ", ".join(f"{p} {figures['peers'][p]['peak_rss_mib']}"
                                       for p in peers))
    print("load s: " + ", ".join(f"{p} {figures['peers'][p]['load_s']}" for p in peers))
    if "scan_gbps" in figures:
        print(f"stratus CSV scan {figures['scan_gbps']} GB/s = "
              f"{figures['scan_fraction_of_memcpy']:.1%} of memcpy")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="1000000,10000000", help="transactions per size, comma list")
    ap.add_argument("--lake", action="append", help="N=DIR: use this lake for N rows")
    ap.add_argument("--lake-cache", default=os.path.join(tempfile.gettempdir(),
                                                         "stratus-sql-bench-lakes"))
    ap.add_argument("--queries", default=",".join(QUERIES), help="comma list")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (0: its default)")
    ap.add_argument("--skip", default="", help="comma list of peers to skip")
    ap.add_argument("--sqlite-max-rows", type=int, default=10_000_000)
    ap.add_argument("--sqlite-timeout", type=float, default=300,
                    help="seconds before a SQLite query counts as a timeout")
    ap.add_argument("--duckdb-dir", default=os.path.join(tempfile.gettempdir(), "duckpeer"))
    ap.add_argument("--install-duckdb", action="store_true",
                    help="npm install @duckdb/node-api into --duckdb-dir when missing")
    ap.add_argument("--stratus-bin", default=None)
    ap.add_argument("--stratus-arg", action="append", default=[],
                    help="extra argument for stratus serve (repeatable)")
    ap.add_argument("--max-load", type=float, default=1.5)
    ap.add_argument("--max-load-wait", type=float, default=300)
    ap.add_argument("--tmp", default=None)
    ap.add_argument("--json", help="write results to this file")
    args = ap.parse_args()
    args.queries = [q for q in args.queries.split(",") if q]
    args.skip = [s for s in args.skip.split(",") if s]
    args.stratus_bin = args.stratus_bin or os.environ.get("STRATUS_BIN") or stratus_binary()
    return args


def main():
    args = parse_args()
    memcpy = memcpy_gbps()
    print(f"memcpy {memcpy} GB/s (one core)", flush=True)
    all_figures = {"memcpy_gbps": memcpy, "sizes": []}
    for rows in [int(r) for r in args.rows.split(",") if r]:
        figures = run_size(rows, args, memcpy)
        all_figures["sizes"].append(figures)
        print_table(figures)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(all_figures, f, indent=2)


if __name__ == "__main__":
    main()
