import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const out = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const q = `SELECT
  i::INTEGER AS id,
  CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN []::INTEGER[]
       ELSE [i, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 2 END, i * 3][1:(i % 4) + 1] END AS arr,
  CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN MAP {}::MAP(VARCHAR, INTEGER)
       ELSE MAP {'k' || i: i, 'z' || (i % 3): CASE WHEN i % 4 = 0 THEN NULL ELSE -i END} END AS m,
  CASE WHEN i % 7 = 0 THEN NULL WHEN i % 7 = 1 THEN {'a': NULL::INTEGER, 'b': NULL::VARCHAR}
       ELSE {'a': i * 10, 'b': CASE WHEN i % 2 = 0 THEN 's' || i ELSE NULL END} END AS s,
  CASE WHEN i % 8 = 0 THEN NULL
       ELSE [{'x': i, 'tags': CASE WHEN i % 3 = 0 THEN NULL ELSE ['t' || i, 'u'][1:(i % 3)] END},
             CASE WHEN i % 4 = 1 THEN NULL ELSE {'x': NULL::INTEGER, 'tags': []::VARCHAR[]} END][1:(i % 3)] END AS ls,
  CASE WHEN i % 9 = 0 THEN NULL
       ELSE MAP {i: {'p': i % 4, 'q': CASE WHEN i % 2 = 0 THEN NULL ELSE i / 2 END}} END AS ms,
  CASE WHEN i % 10 = 0 THEN NULL
       ELSE [[i, i + 1], CASE WHEN i % 3 = 0 THEN NULL ELSE []::INTEGER[] END, [NULL::INTEGER]][1:(i % 4)] END AS nn
FROM range(0, 120) t(i)`;
await con.run(`COPY (${q}) TO '${out}/nested.parquet' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 50)`);
await con.run(`COPY (${q}) TO '${out}/nested_v2.parquet' (FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION v2)`);
const r = await con.runAndReadAll(`SELECT id, arr::VARCHAR, m::VARCHAR, s::VARCHAR, ls::VARCHAR, ms::VARCHAR, nn::VARCHAR FROM '${out}/nested.parquet' ORDER BY id`);
const lines = r.getRows().map(row => row.map(v => v === null ? 'NULL' : String(v)).join('\t'));
fs.writeFileSync(`${out}/nested_expected.tsv`, lines.join('\n') + '\n');
const md = await con.runAndReadAll(`SELECT path_in_schema, max(num_values) FROM parquet_metadata('${out}/nested.parquet') GROUP BY ALL ORDER BY ALL`);
console.log(md.getRows());
const sc = await con.runAndReadAll(`SELECT name, type, repetition_type, converted_type, num_children FROM parquet_schema('${out}/nested.parquet')`);
console.log(sc.getRows());
