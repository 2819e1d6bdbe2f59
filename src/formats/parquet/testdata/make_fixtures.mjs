import { createRequire } from 'node:module';
import path from 'node:path';
const require = createRequire(path.join(process.cwd(), 'noop.js'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const out = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const v = await con.runAndReadAll("select version()");
console.log(v.getRows());
const q = `SELECT
  CASE WHEN i % 7 = 0 THEN NULL ELSE i % 3 = 0 END AS b,
  CASE WHEN i % 7 = 1 THEN NULL ELSE (i * 37 - 500)::INTEGER END AS i32,
  CASE WHEN i % 7 = 2 THEN NULL ELSE i::BIGINT * 1000000007 - 5 END AS i64,
  (i / 4)::FLOAT AS f,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1.5 - 100)::DOUBLE END AS d,
  CASE WHEN i % 7 = 4 THEN NULL ELSE 'name_' || (i % 13) || CASE WHEN i % 5 = 0 THEN '_a_long_suffix_beyond_twelve' ELSE '' END END AS s,
  CASE WHEN i % 7 = 5 THEN NULL ELSE DATE '2024-01-01' + (i - 50)::INTEGER END AS dt,
  CASE WHEN i % 7 = 6 THEN NULL ELSE TIMESTAMP '2024-03-01 12:00:00' + to_milliseconds(i * 1234567 - 90000000) END AS ts,
  (i * 12.34 - 500)::DECIMAL(9,2) AS dec9,
  (i * 1234567.891 - 9999)::DECIMAL(18,3) AS dec18,
  (i::HUGEINT * 123456789012345678901 - 7)::DECIMAL(38,0) AS dec38,
  (i % 100 - 50)::TINYINT AS i8,
  (i * 100 - 5000)::SMALLINT AS i16
FROM range(0, 300) t(i)`;
for (const [name, opts] of [
  ['types_snappy.parquet', "COMPRESSION snappy"],
  ['types_zstd.parquet', "COMPRESSION zstd"],
  ['types_gzip.parquet', "COMPRESSION gzip"],
  ['types_lz4.parquet', "COMPRESSION lz4"],
  ['types_uncompressed_v2.parquet', "COMPRESSION uncompressed, PARQUET_VERSION v2"],
]) {
  await con.run(`COPY (${q}) TO '${out}/${name}' (FORMAT parquet, ${opts})`);
  const r = await con.runAndReadAll(`SELECT count(*), sum(i32), sum(i64), count(s), min(ts)::VARCHAR, sum(dec18)::VARCHAR FROM '${out}/${name}'`);
  console.log(name, r.getRows());
}
await con.run(`COPY (SELECT (i * 3 - 1000)::INTEGER AS i32, (i % 10)::BIGINT AS i64 FROM range(0, 5000) t(i)) TO '${out}/row_groups.parquet' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048)`);
const rg = await con.runAndReadAll(`SELECT row_group_id, row_group_num_rows, stats_min, stats_max FROM parquet_metadata('${out}/row_groups.parquet') WHERE path_in_schema = 'i32'`);
console.log(rg.getRows());
await con.run(`COPY (SELECT CASE WHEN i % 9 = 4 THEN NULL ELSE 'customer_' || lpad((i * 7919 % 1000)::VARCHAR, 6, '0') || CASE WHEN i % 3 = 0 THEN '_long_suffix_' || i ELSE '' END END AS s FROM range(0, 400) t(i)) TO '${out}/strings_delta_v2.parquet' (FORMAT parquet, COMPRESSION snappy, PARQUET_VERSION v2, DICTIONARY_SIZE_LIMIT 100)`);
