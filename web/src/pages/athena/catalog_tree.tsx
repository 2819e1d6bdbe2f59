// The Glue catalog as a tree: databases, their tables (kind and location),
// each expandable to its columns with types, partition keys marked.
// Clicking a table inserts its name into the editor; "Preview" runs
// SELECT * FROM db.table LIMIT 10.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { GlueTable } from "./athena_types";
import { quoteName, tableColumns, tableKind, type CatalogDatabase } from "./results";

export interface CatalogTreeProps {
  databases: CatalogDatabase[];
  current: string; // The editor's database: its tables insert without the database prefix.
  onInsert: (text: string) => void;
  onPreview: (database: string, table: string) => void;
}

/** A name with break opportunities after its underscores, so long table names wrap at word boundaries. */
function Breakable(props: { name: string }) {
  const parts = props.name.split("_");
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}

function TableNode(props: { database: string; table: GlueTable; tree: CatalogTreeProps }) {
  const [open, setOpen] = useState(false);
  const { table, database, tree } = props;
  const kind = tableKind(table);
  const location = table.StorageDescriptor?.Location ?? "";
  const name = database === tree.current ? quoteName(table.Name) : `${quoteName(database)}.${quoteName(table.Name)}`;
  return (
    <li class="athena-table" data-table={`${database}.${table.Name}`}>
      <div class="athena-node">
        <button class="athena-twisty" aria-expanded={open} aria-label={`${open ? "Collapse" : "Expand"} ${table.Name}`} onClick={() => setOpen(!open)}>
          {open ? "▾" : "▸"}
        </button>
        <button class="athena-name" title={`${kind}${location ? ` · ${location}` : ""}\nClick to insert into the editor`} onClick={() => tree.onInsert(name)}>
          <Breakable name={table.Name} />
        </button>
        <span class={`athena-kind ${kind.toLowerCase()}`}>{kind}</span>
        <button class="athena-preview" title={`SELECT * FROM ${database}.${table.Name} LIMIT 10`} onClick={() => tree.onPreview(database, table.Name)}>
          Preview
        </button>
      </div>
      {open && (
        <ul class="athena-columns">
          {location && <li class="athena-location">{location}</li>}
          {tableColumns(table).map((c) => (
            <li key={c.Name}>
              <button class="athena-name" onClick={() => tree.onInsert(quoteName(c.Name))} title="Click to insert into the editor">
                {c.Name}
              </button>
              <span class="athena-type">{c.Type}</span>
              {c.partition && <span class="athena-partition">partition</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function DatabaseNode(props: { db: CatalogDatabase; tree: CatalogTreeProps }) {
  const [open, setOpen] = useState(props.db.name === props.tree.current);
  const { db } = props;
  useEffect(() => {
    if (db.name === props.tree.current) setOpen(true);
  }, [props.tree.current]);
  return (
    <li class="athena-database" data-database={db.name}>
      <div class="athena-node">
        <button class="athena-twisty" aria-expanded={open} aria-label={`${open ? "Collapse" : "Expand"} ${db.name}`} onClick={() => setOpen(!open)}>
          {open ? "▾" : "▸"}
        </button>
        <button class="athena-name athena-db-name" onClick={() => setOpen(!open)}>
          {db.name}
        </button>
        <span class="athena-count">{db.tables ? db.tables.length : ""}</span>
      </div>
      {open && (
        <ul>
          {db.error && <li class="error">{db.error}</li>}
          {db.tables === null && !db.error && <li class="loading">Loading…</li>}
          {db.tables?.length === 0 && <li class="empty">No tables.</li>}
          {db.tables?.map((t) => <TableNode key={t.Name} database={db.name} table={t} tree={props.tree} />)}
        </ul>
      )}
    </li>
  );
}

export function CatalogTree(props: CatalogTreeProps) {
  if (props.databases.length === 0) return <p class="empty">No databases. CREATE DATABASE in the editor, or with Glue's CreateDatabase.</p>;
  return (
    <ul class="athena-tree-root">
      {props.databases.map((db) => (
        <DatabaseNode key={db.name} db={db} tree={props} />
      ))}
    </ul>
  );
}
