// Writes the Parquet fixtures of test/sql/parquet/*.test with DuckDB
// (@duckdb/node-api; see bench/sql_bench.py --install-duckdb):
//   cd /tmp/duckpeer && node <repo>/test/sql/parquet/data/make_fixtures.mjs <repo>/test/sql/parquet/data
// The .test files check values computed from the formulas below; change both together.
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const out = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
console.log((await con.runAndReadAll('select version()')).getRows());

// orders/: two files, 12000 rows, row groups of 2048 rows (DuckDB's least) (order_id ascending, so
// min/max statistics prune), NULLs, dictionary strings, decimals, dates, timestamps.
const orders = (lo, hi) => `SELECT
  i AS order_id,
  CASE WHEN i % 11 = 0 THEN NULL ELSE 'customer_' || (i % 37) END AS customer,
  (i % 100 * 1.25)::DECIMAL(10,2) AS amount,
  CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 7)::INTEGER END AS quantity,
  DATE '2024-01-01' + (i // 400)::INTEGER AS order_date,
  TIMESTAMP '2024-01-01 00:00:00' + to_seconds(i * 60) AS ordered_at,
  i % 3 = 0 AS priority,
  (i / 8.0)::DOUBLE AS score
FROM range(${lo}, ${hi}) t(i)`;
fs.mkdirSync(`${out}/orders`, { recursive: true });
await con.run(`COPY (${orders(0, 6000)}) TO '${out}/orders/part-0.parquet' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048)`);
await con.run(`COPY (${orders(6000, 12000)}) TO '${out}/orders/part-1.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048)`);
console.log((await con.runAndReadAll(`SELECT count(*), count(customer), sum(amount)::VARCHAR, sum(quantity), min(order_date)::VARCHAR, max(ordered_at)::VARCHAR, count(*) FILTER (WHERE priority), sum(score) FROM '${out}/orders/*.parquet'`)).getRows());

// sales/: Hive-partitioned by region (DuckDB's PARTITION_BY writes region=<v>/ directories).
await con.run(`COPY (SELECT i AS id, (i * 10)::BIGINT AS cents, CASE i % 3 WHEN 0 THEN 'eu' WHEN 1 THEN 'us' ELSE 'ap' END AS region FROM range(0, 30) t(i)) TO '${out}/sales' (FORMAT parquet, PARTITION_BY (region), OVERWRITE_OR_IGNORE true, FILENAME_PATTERN 'data_{i}')`);
console.log((await con.runAndReadAll(`SELECT region, count(*), sum(cents) FROM read_parquet('${out}/sales/*/*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1`)).getRows());
