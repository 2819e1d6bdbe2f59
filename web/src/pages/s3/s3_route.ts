// The S3 pages' routes. Keys may hold empty segments ("a//b") and a folder
// is a prefix ending with "/", which the router's path (split on "/", empty
// segments dropped) cannot tell apart, so these routes are read from the
// hash itself: #/s3, #/s3/<bucket>/<prefix>/ (a folder), #/s3/<bucket>/<key>
// (an object); each segment percent-encoded.

export type S3Location = { view: "buckets" } | { view: "folder"; bucket: string; prefix: string } | { view: "object"; bucket: string; key: string };

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export function parseS3Hash(hash: string): S3Location {
  let text = hash.replace(/^#\/?/, "");
  const q = text.indexOf("?");
  if (q >= 0) text = text.slice(0, q);
  if (!text.startsWith("s3/")) return { view: "buckets" };
  const rest = text.slice(3);
  const slash = rest.indexOf("/");
  const bucket = decodeURIComponent(slash >= 0 ? rest.slice(0, slash) : rest);
  if (!bucket) return { view: "buckets" };
  const path = slash >= 0 ? rest.slice(slash + 1).split("/").map(decodeURIComponent).join("/") : "";
  if (path === "" || path.endsWith("/")) return { view: "folder", bucket, prefix: path };
  return { view: "object", bucket, key: path };
}

export function bucketsHref(): string {
  return "#/s3";
}

export function folderHref(bucket: string, prefix = ""): string {
  return `#/s3/${encodeURIComponent(bucket)}/${encodePath(prefix)}`;
}

export function objectHref(bucket: string, key: string): string {
  return `#/s3/${encodeURIComponent(bucket)}/${encodePath(key)}`;
}

/** The breadcrumbs above a folder or object: the buckets, the bucket, each parent folder. */
export function crumbs(bucket: string, path: string): [string, string][] {
  const out: [string, string][] = [
    ["S3", bucketsHref()],
    [bucket, folderHref(bucket)],
  ];
  const parts = path.split("/");
  parts.pop(); // The object's name, or "" after a folder's slash.
  if (path.endsWith("/")) parts.pop(); // The folder itself is the page's title.
  let prefix = "";
  for (const part of parts) {
    prefix += part + "/";
    out.push([part || "(empty)", folderHref(bucket, prefix)]);
  }
  return out;
}

/** The last segment of a key or folder prefix ("a/b/" → "b/", "a/c.csv" → "c.csv"). */
export function baseName(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  const name = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  return path.endsWith("/") ? name + "/" : name;
}
