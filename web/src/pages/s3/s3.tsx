// The S3 browser: buckets, a bucket's folders, an object with its metadata
// and a preview (docs/console.md).
import type { Route } from "../../router";
import { Button, ErrorBox, Loading, Page, Table, formatTime } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { FolderView } from "./folder";
import { ObjectView } from "./object";
import { listBuckets } from "./s3_api";
import { folderHref, parseS3Hash } from "./s3_route";

export function S3Page(_props: { route: Route }) {
  // The route is read from the hash itself (s3_route.ts); the prop only re-renders the page when it changes.
  const where = parseS3Hash(location.hash);
  if (where.view === "folder") return <FolderView key={where.bucket + "/" + where.prefix} bucket={where.bucket} prefix={where.prefix} />;
  if (where.view === "object") return <ObjectView key={where.bucket + "/" + where.key} bucket={where.bucket} objectKey={where.key} />;
  return <BucketsView />;
}

function BucketsView() {
  const buckets = useLoad(listBuckets, []);
  return (
    <Page title="S3 buckets" actions={<Button onClick={buckets.reload}>Refresh</Button>}>
      <ErrorBox error={buckets.error} />
      <Loading when={buckets.loading && !buckets.data} />
      {buckets.data && (
        <Table
          rows={buckets.data}
          rowKey={(b) => b.name}
          empty="No buckets. Create one with: aws --endpoint-url URL s3 mb s3://NAME"
          columns={[
            { title: "Name", render: (b) => <a href={folderHref(b.name)}>{b.name}</a> },
            { title: "Created", render: (b) => formatTime(b.created) },
          ]}
        />
      )}
    </Page>
  );
}
