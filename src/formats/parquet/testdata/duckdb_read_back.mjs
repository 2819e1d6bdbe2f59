// Prints a nested Parquet file's rows as DuckDB reads them, in the layout of
// nested_expected.tsv (parquet_nested_test.cc runs it on a file we wrote):
//   cd <dir with @duckdb/node-api> && node duckdb_read_back.mjs FILE
import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const file = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const r = await con.runAndReadAll(`SELECT id, arr::VARCHAR, m::VARCHAR, s::VARCHAR, ls::VARCHAR, ms::VARCHAR, nn::VARCHAR FROM '${file}' ORDER BY id`);
for (const row of r.getRows()) {
  console.log(row.map(v => v === null ? 'NULL' : String(v)).join('\t'));
}
