// One object: its metadata (HeadObject) and tags (GetObjectTagging), a
// download through a presigned URL, delete with a confirmation, and a
// preview of its contents.
import { asError } from "../../aws/client";
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Button, ErrorBox, KeyValues, Loading, Page, formatBytes, formatTime } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { navigate } from "../../router";
import { Preview } from "./preview";
import { deleteObject, getTags, headObject, presignedUrl } from "./s3_api";
import { baseName, crumbs, folderHref } from "./s3_route";

export function ObjectView(props: { bucket: string; objectKey: string }) {
  const { bucket, objectKey: key } = props;
  const head = useLoad((signal) => headObject(bucket, key, signal), [bucket, key]);
  const tags = useLoad((signal) => getTags(bucket, key, signal), [bucket, key]);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<Error | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const parent = key.slice(0, key.lastIndexOf("/") + 1);
  const name = baseName(key);

  async function remove() {
    try {
      await deleteObject(bucket, key);
      navigate(folderHref(bucket, parent));
    } catch (e) {
      setDeleteError(asError(e));
    }
  }

  const h = head.data;
  return (
    <Page
      title={name}
      crumbs={crumbs(bucket, key)}
      actions={
        <>
          {/* A fresh URL each render: it is valid for an hour. */}
          <a class="btn s3-link-btn" href={presignedUrl("GET", bucket, key, 3600)} download={name}>
            Download
          </a>
          <button type="button" class="btn" onClick={() => setConfirming(true)} disabled={confirming}>
            Delete
          </button>
        </>
      }
    >
      {confirming && (
        <div class="s3-confirm" role="alertdialog" aria-label="Confirm delete">
          <span>
            Delete <code>s3://{bucket}/{key}</code>? This cannot be undone.
          </span>
          <button type="button" ref={confirmButton} class="btn primary s3-danger" onClick={() => void remove()}>
            Delete object
          </button>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
        </div>
      )}
      <ErrorBox error={deleteError} />
      <ErrorBox error={head.error} />
      <Loading when={head.loading && !h} />
      {h && (
        <div class="s3-object-meta">
          <section aria-label="Properties">
            <h2>Properties</h2>
            <KeyValues
              items={[
                ["URI", <code>{`s3://${bucket}/${key}`}</code>],
                ["Size", `${formatBytes(h.size)} (${h.size.toLocaleString()} bytes)`],
                ["Content-Type", h.contentType],
                ["ETag", <code>{h.etag}</code>],
                ["Last modified", formatTime(h.lastModified)],
                ["Storage class", h.storageClass],
                ...(h.versionId ? [["Version ID", <code>{h.versionId}</code>] as [string, ComponentChildren]] : []),
              ]}
            />
          </section>
          <section aria-label="Metadata and tags">
            <h2>User metadata</h2>
            {h.metadata.length === 0 ? <p class="empty">None.</p> : <KeyValues items={h.metadata.map(([k, v]) => [`x-amz-meta-${k}`, v])} />}
            <h2>Tags</h2>
            <ErrorBox error={tags.error} />
            {tags.data && (tags.data.length === 0 ? <p class="empty">None.</p> : <KeyValues items={tags.data.map(([k, v]) => [k, v])} />)}
          </section>
        </div>
      )}
      {h && <Preview bucket={bucket} objectKey={key} />}
    </Page>
  );
}
