// The preview on an object's page: CSV, JSON and text from its first 256 KB
// (a ranged GetObject; gzip'd keys inflated in the browser), Parquet through
// the console's /_stratus/preview endpoint.
import { useState } from "preact/hooks";
import { ErrorBox, Loading } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { PREVIEW_BYTES, isGzipKey, kindOfKey, previewCsv, previewJson, sniffKind, type PreviewKind, type TablePreview } from "./preview_parse";
import { getHead, previewParquet, type ParquetPreview } from "./s3_api";

type Loaded =
  | { kind: "parquet"; parquet: ParquetPreview }
  | { kind: Exclude<PreviewKind, "parquet">; text: string; truncated: boolean; gzip: boolean; bytes: number };

/** Inflates gzip'd bytes, up to PREVIEW_BYTES; a stream cut short (a ranged read) yields what it holds. */
async function gunzip(data: Uint8Array, cut: boolean): Promise<{ data: Uint8Array; truncated: boolean }> {
  const reader = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      if (total >= PREVIEW_BYTES) {
        truncated = true;
        await reader.cancel();
        break;
      }
    }
  } catch (e) {
    if (!cut || total === 0) throw new Error(`cannot inflate this gzip object: ${e instanceof Error ? e.message : e}`);
    truncated = true;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { data: out, truncated: truncated || cut };
}

async function loadPreview(bucket: string, key: string, signal: AbortSignal): Promise<Loaded> {
  const byKey = kindOfKey(key);
  if (byKey === "parquet") return { kind: "parquet", parquet: await previewParquet(bucket, key, 50, signal) };
  const head = await getHead(bucket, key, PREVIEW_BYTES, signal);
  const gzip = isGzipKey(key);
  const { data, truncated } = gzip ? await gunzip(head.data, head.truncated) : { data: head.data, truncated: head.truncated };
  const text = new TextDecoder("utf-8").decode(data, { stream: truncated });
  const kind = byKey ?? sniffKind(data, text);
  if (kind === "parquet") return { kind: "parquet", parquet: await previewParquet(bucket, key, 50, signal) };
  return { kind, text, truncated, gzip, bytes: data.length };
}

function Cell(props: { value: string | null | undefined }) {
  return props.value === null || props.value === undefined ? <span class="s3-null">NULL</span> : <>{props.value}</>;
}

/** A preview's rows under their column names (and types, for Parquet). */
function PreviewTable(props: { table: TablePreview; types?: string[] }) {
  const { table, types } = props;
  if (table.rows.length === 0 && table.columns.length === 0) return <p class="empty">No rows.</p>;
  return (
    <div class="table-wrap s3-preview-table">
      <table class="grid">
        <thead>
          <tr>
            {table.columns.map((name, i) => (
              <th key={i} scope="col">
                {name}
                {types && <span class="s3-type">{types[i]}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {table.columns.map((_, i) => (
                <td key={i}>
                  <Cell value={row[i]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", "\u0001": "\\u0001 (Hive)" };

function CsvPreview(props: { text: string; truncated: boolean }) {
  const [header, setHeader] = useState<boolean | undefined>(undefined);
  const table = previewCsv(props.text, props.truncated, header);
  return (
    <>
      <p class="s3-preview-note">
        Delimiter: {DELIMITER_NAMES[table.delimiter ?? ","]} ·{" "}
        <label>
          <input type="checkbox" checked={table.header} onChange={(e) => setHeader(e.currentTarget.checked)} /> first row is a header
        </label>{" "}
        · first {table.rows.length} rows
      </p>
      <PreviewTable table={table} />
    </>
  );
}

export function Preview(props: { bucket: string; objectKey: string }) {
  const preview = useLoad((signal) => loadPreview(props.bucket, props.objectKey, signal), [props.bucket, props.objectKey]);
  const p = preview.data;
  return (
    <section class="s3-preview" aria-label="Preview">
      <h2>Preview</h2>
      <ErrorBox error={preview.error} />
      <Loading when={preview.loading && !p} />
      {p?.kind === "parquet" && (
        <>
          <p class="s3-preview-note">
            Parquet · {p.parquet.columns.length} columns · first {p.parquet.rows.length} of {p.parquet.total_rows} rows
          </p>
          <PreviewTable table={{ columns: p.parquet.columns.map((c) => c.name), rows: p.parquet.rows }} types={p.parquet.columns.map((c) => c.type)} />
        </>
      )}
      {p && p.kind !== "parquet" && p.kind !== "binary" && (
        <p class="s3-preview-note">
          {p.gzip ? "gzip, inflated in the browser · " : ""}
          {p.truncated ? `the first ${Math.round(p.bytes / 1024)} KB` : "the whole object"}
        </p>
      )}
      {p?.kind === "csv" && <CsvPreview text={p.text} truncated={p.truncated} />}
      {p?.kind === "json" && <JsonView text={p.text} truncated={p.truncated} />}
      {p?.kind === "text" && <pre class="s3-text">{p.text}</pre>}
      {p?.kind === "binary" && <p class="empty">Binary data: no preview. Download it to look inside.</p>}
    </section>
  );
}

function JsonView(props: { text: string; truncated: boolean }) {
  const json = previewJson(props.text, props.truncated);
  if (json.kind === "lines") return <PreviewTable table={json.table} />;
  return <pre class="s3-text">{json.text}</pre>;
}
