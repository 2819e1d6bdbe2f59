// A bucket's folder: its subfolders (CommonPrefixes) and objects a page at a
// time, a filter by name prefix, uploads (a file input, or files dropped on
// the page) with their progress, and a new folder.
import { asError } from "../../aws/client";
import { useEffect, useRef, useState } from "preact/hooks";
import { Button, ErrorBox, Loading, Page, Table, formatBytes, formatTime } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { createFolder, listObjects, uploadObject } from "./s3_api";
import { baseName, crumbs, folderHref, objectHref } from "./s3_route";

const PAGE_SIZE = 100;

interface Row {
  key: string;
  folder: boolean;
  size?: number;
  lastModified?: string;
  storageClass?: string;
}

interface Upload {
  name: string;
  loaded: number;
  total: number;
  done: boolean;
  error?: string;
}

export function FolderView(props: { bucket: string; prefix: string }) {
  const { bucket, prefix } = props;
  const [filter, setFilter] = useState("");
  // The continuation token of each page seen so far; the last is the page shown.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  const listing = useLoad((signal) => listObjects(bucket, prefix + filter, token, PAGE_SIZE, signal), [bucket, prefix, filter, token]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderName = useRef<HTMLInputElement>(null);
  const creating = newFolder !== null;
  useEffect(() => {
    if (creating) folderName.current?.focus();
  }, [creating]);

  const rows: Row[] = listing.data
    ? [
        ...listing.data.folders.map((p) => ({ key: p, folder: true })),
        // The folder's own marker object ("prefix/") is the folder, not a row.
        ...listing.data.objects.filter((o) => o.key !== prefix).map((o) => ({ ...o, folder: false })),
      ]
    : [];

  async function upload(files: FileList | File[]) {
    const list = Array.from(files);
    if (list.length === 0) return;
    setUploads((u) => [...u.filter((x) => !x.done || x.error), ...list.map((f) => ({ name: f.name, loaded: 0, total: f.size, done: false }))]);
    await Promise.all(
      list.map(async (file) => {
        const update = (change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.name === file.name && !u.done ? { ...u, ...change } : u)));
        try {
          await uploadObject(bucket, prefix + file.name, file, (loaded, total) => update({ loaded, total }));
          update({ loaded: file.size, done: true });
        } catch (e) {
          update({ done: true, error: e instanceof Error ? e.message : String(e) });
        }
      }),
    );
    listing.reload();
  }

  async function makeFolder() {
    const name = (newFolder ?? "").trim().replace(/^\/+|\/+$/g, "");
    if (!name) return;
    try {
      await createFolder(bucket, `${prefix}${name}/`);
      setNewFolder(null);
      setActionError(null);
      listing.reload();
    } catch (e) {
      setActionError(asError(e));
    }
  }

  return (
    <div
      class={`s3-drop ${dragging ? "s3-drop-active" : ""}`}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        if (e.dataTransfer?.files) void upload(e.dataTransfer.files);
      }}
    >
      <Page
        title={prefix ? baseName(prefix) : bucket}
        crumbs={crumbs(bucket, prefix)}
        actions={
          <>
            <Button onClick={listing.reload}>Refresh</Button>
            <Button onClick={() => setNewFolder(newFolder === null ? "" : null)}>Create folder</Button>
            <Button primary onClick={() => fileInput.current?.click()}>
              Upload files
            </Button>
            <input
              ref={fileInput}
              class="s3-file-input"
              type="file"
              multiple
              aria-label="Files to upload"
              tabIndex={-1}
              onChange={(e) => {
                const input = e.currentTarget;
                if (input.files) void upload(input.files).then(() => (input.value = ""));
              }}
            />
          </>
        }
      >
        <div class="s3-toolbar">
          <input
            type="search"
            class="s3-filter"
            placeholder={`Filter by name prefix in ${prefix || bucket + "/"}`}
            aria-label="Filter by name prefix"
            value={filter}
            onInput={(e) => {
              setFilter(e.currentTarget.value);
              setTokens([undefined]);
            }}
          />
          <span class="s3-hint">Drop files on this page to upload them here.</span>
          {newFolder !== null && (
            <form
              class="s3-new-folder"
              onSubmit={(e) => {
                e.preventDefault();
                void makeFolder();
              }}
            >
              <input ref={folderName} aria-label="New folder name" placeholder="Folder name" value={newFolder} onInput={(e) => setNewFolder(e.currentTarget.value)} />
              <button type="submit" class="btn primary">
                Create
              </button>
              <Button onClick={() => setNewFolder(null)}>Cancel</Button>
            </form>
          )}
        </div>
        <ErrorBox error={actionError} />
        {uploads.length > 0 && (
          <ul class="s3-uploads" aria-label="Uploads">
            {uploads.map((u, i) => (
              <li key={i}>
                <span class="s3-upload-name">{u.name}</span>
                <progress max={u.total || 1} value={u.loaded} />
                <span class={u.error ? "s3-upload-error" : "s3-upload-state"}>
                  {u.error ? u.error : u.done ? "uploaded" : `${formatBytes(u.loaded)} of ${formatBytes(u.total)}`}
                </span>
              </li>
            ))}
          </ul>
        )}
        <ErrorBox error={listing.error} />
        <Loading when={listing.loading && !listing.data} />
        {listing.data && (
          <Table
            rows={rows}
            rowKey={(r) => r.key}
            empty={filter ? `Nothing starts with "${filter}" here.` : "This folder is empty. Drop files here or use Upload files."}
            columns={[
              {
                title: "Name",
                render: (r) =>
                  r.folder ? (
                    <a class="s3-folder" href={folderHref(bucket, r.key)}>
                      {baseName(r.key)}
                    </a>
                  ) : (
                    <a href={objectHref(bucket, r.key)}>{baseName(r.key)}</a>
                  ),
              },
              { title: "Size", render: (r) => (r.folder ? "" : formatBytes(r.size ?? 0)), align: "right" },
              { title: "Last modified", render: (r) => (r.folder ? "" : formatTime(r.lastModified)) },
              { title: "Storage class", render: (r) => (r.folder ? "Folder" : r.storageClass) },
            ]}
          />
        )}
        {(tokens.length > 1 || listing.data?.nextToken) && (
          <div class="s3-pager">
            <button type="button" class="btn" disabled={tokens.length <= 1} onClick={() => setTokens(tokens.slice(0, -1))}>
              Previous page
            </button>
            <span>Page {tokens.length}</span>
            <button type="button" class="btn" disabled={!listing.data?.nextToken} onClick={() => setTokens([...tokens, listing.data?.nextToken])}>
              Next page
            </button>
          </div>
        )}
      </Page>
    </div>
  );
}
