// Small building blocks every page uses: a page header, an error box, a
// table, a key/value list, buttons. Styles are in src/style.css.
import type { ComponentChildren, JSX } from "preact";

export function Page(props: { title: string; actions?: ComponentChildren; children?: ComponentChildren; crumbs?: [string, string][] }) {
  return (
    <section class="page">
      <header class="page-header">
        <div>
          {props.crumbs && (
            <nav class="crumbs">
              {props.crumbs.map(([label, link]) => (
                <span key={link}>
                  <a href={link}>{label}</a> /{" "}
                </span>
              ))}
            </nav>
          )}
          <h1>{props.title}</h1>
        </div>
        <div class="actions">{props.actions}</div>
      </header>
      {props.children}
    </section>
  );
}

export function ErrorBox(props: { error: Error | undefined | null }) {
  if (!props.error) return null;
  return (
    <div class="error" role="alert">
      {props.error.message}
    </div>
  );
}

export function Loading(props: { when: boolean }) {
  return props.when ? <div class="loading">Loading…</div> : null;
}

export interface Column<T> {
  title: string;
  render: (row: T) => ComponentChildren;
  align?: "left" | "right";
}

export function Table<T>(props: { columns: Column<T>[]; rows: T[]; empty?: string; rowKey?: (row: T, index: number) => string; onRowClick?: (row: T) => void }) {
  if (props.rows.length === 0) return <p class="empty">{props.empty ?? "Nothing here yet."}</p>;
  return (
    <div class="table-wrap">
      <table class="grid">
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.title} class={c.align === "right" ? "num" : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr key={props.rowKey ? props.rowKey(row, i) : i} onClick={props.onRowClick ? () => props.onRowClick!(row) : undefined} class={props.onRowClick ? "clickable" : undefined}>
              {props.columns.map((c) => (
                <td key={c.title} class={c.align === "right" ? "num" : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KeyValues(props: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="kv">
      {props.items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Button(props: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { primary?: boolean }) {
  // An explicit type={undefined} must not make it a submit button.
  const { primary, class: cls, type, ...rest } = props;
  return <button type={type ?? "button"} class={`btn ${primary ? "primary" : ""} ${cls ?? ""}`} {...rest} />;
}

/** `text` indented when it is JSON, as it is otherwise (YAML, plain text); "" for none. */
export function prettyJson(text: unknown): string {
  if (text === undefined || text === null) return "";
  const s = String(text);
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}

export function formatTime(value: number | string | undefined): string {
  if (value === undefined || value === "") return "";
  const date = typeof value === "number" ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
