// The S3 calls of the console's S3 pages (REST-XML, path-style), and the
// console's Parquet preview endpoint.
import { AwsError, loadCredentials, parseXml, s3Fetch, s3KeyPath, xmlText } from "../../aws/client";
import { presign } from "../../aws/sigv4";

export interface Bucket {
  name: string;
  created: string;
}

export interface ObjectEntry {
  key: string;
  size: number;
  lastModified: string;
  storageClass: string;
}

export interface Listing {
  folders: string[]; // CommonPrefixes, each ending with "/".
  objects: ObjectEntry[];
  nextToken?: string;
}

export interface ObjectHead {
  size: number;
  contentType: string;
  etag: string;
  lastModified: string;
  storageClass: string;
  versionId: string;
  metadata: [string, string][]; // x-amz-meta-* without the prefix.
}

function children(node: ParentNode, tag: string): Element[] {
  return Array.from((node as Element).getElementsByTagName(tag));
}

async function xml(response: Response): Promise<Document> {
  return parseXml(await response.text(), response.status);
}

export async function listBuckets(signal?: AbortSignal): Promise<Bucket[]> {
  const doc = await xml(await s3Fetch("GET", "/", { signal }));
  return children(doc, "Bucket").map((b) => ({ name: xmlText(b, "Name"), created: xmlText(b, "CreationDate") }));
}

/** One page of ListObjectsV2 below `prefix`, folded at "/". */
export async function listObjects(bucket: string, prefix: string, token: string | undefined, pageSize: number, signal?: AbortSignal): Promise<Listing> {
  const query: [string, string][] = [
    ["list-type", "2"],
    ["delimiter", "/"],
    ["prefix", prefix],
    ["max-keys", String(pageSize)],
  ];
  if (token) query.push(["continuation-token", token]);
  const doc = await xml(await s3Fetch("GET", s3KeyPath(bucket), { query, signal }));
  const folders = children(doc, "CommonPrefixes").map((p) => xmlText(p, "Prefix"));
  const objects = children(doc, "Contents").map((c) => ({
    key: xmlText(c, "Key"),
    size: Number(xmlText(c, "Size")),
    lastModified: xmlText(c, "LastModified"),
    storageClass: xmlText(c, "StorageClass"),
  }));
  const truncated = xmlText(doc, "IsTruncated") === "true";
  return { folders, objects, nextToken: truncated ? xmlText(doc, "NextContinuationToken") || undefined : undefined };
}

export async function headObject(bucket: string, key: string, signal?: AbortSignal): Promise<ObjectHead> {
  const response = await s3Fetch("HEAD", s3KeyPath(bucket, key), { signal }).catch((e) => {
    // A HEAD error has no body: name the usual one.
    if (e instanceof AwsError && e.status === 404) throw new AwsError("NoSuchKey", 404, `no object ${key} in ${bucket}`);
    throw e;
  });
  const h = response.headers;
  const metadata: [string, string][] = [];
  h.forEach((value, name) => {
    if (name.startsWith("x-amz-meta-")) metadata.push([name.slice("x-amz-meta-".length), value]);
  });
  metadata.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    size: Number(h.get("content-length") ?? 0),
    contentType: h.get("content-type") ?? "",
    etag: h.get("etag") ?? "",
    lastModified: h.get("last-modified") ?? "",
    storageClass: h.get("x-amz-storage-class") ?? "STANDARD",
    versionId: h.get("x-amz-version-id") ?? "",
    metadata,
  };
}

export async function getTags(bucket: string, key: string, signal?: AbortSignal): Promise<[string, string][]> {
  const doc = await xml(await s3Fetch("GET", s3KeyPath(bucket, key), { query: [["tagging", ""]], signal }));
  return children(doc, "Tag").map((t) => [xmlText(t, "Key"), xmlText(t, "Value")]);
}

/** The first `bytes` bytes of an object (a ranged GetObject), and whether there is more. */
export async function getHead(bucket: string, key: string, bytes: number, signal?: AbortSignal): Promise<{ data: Uint8Array; truncated: boolean }> {
  const response = await s3Fetch("GET", s3KeyPath(bucket, key), { headers: { Range: `bytes=0-${bytes - 1}` }, signal });
  const data = new Uint8Array(await response.arrayBuffer());
  const range = response.headers.get("content-range"); // "bytes 0-262143/1000000"
  const total = range ? Number(range.slice(range.lastIndexOf("/") + 1)) : data.length;
  return { data, truncated: total > data.length };
}

/** A presigned URL of the object (GET, or PUT for uploads), valid for `seconds`. */
export function presignedUrl(method: "GET" | "PUT", bucket: string, key: string, seconds = 3600): string {
  return presign({ method, host: location.host, path: s3KeyPath(bucket, key), service: "s3", expiresSeconds: seconds }, loadCredentials());
}

/**
 * Uploads a file with PutObject through a presigned PUT (so that the file
 * goes as it is, unhashed, and XMLHttpRequest reports its progress).
 */
export function uploadObject(bucket: string, key: string, file: Blob, onProgress: (loaded: number, total: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", presignedUrl("PUT", bucket, key, 3600));
    if (file.type) xhr.setRequestHeader("Content-Type", file.type);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status < 300) return resolve();
      try {
        parseXml(xhr.responseText, xhr.status);
      } catch (e) {
        return reject(e);
      }
      reject(new AwsError("UnknownError", xhr.status, xhr.statusText));
    };
    xhr.onerror = () => reject(new Error(`uploading ${key} failed: the connection broke`));
    xhr.send(file);
  });
}

export async function deleteObject(bucket: string, key: string): Promise<void> {
  await s3Fetch("DELETE", s3KeyPath(bucket, key));
}

/** A folder as the AWS console makes one: an empty object named "prefix/". */
export async function createFolder(bucket: string, prefix: string): Promise<void> {
  await s3Fetch("PUT", s3KeyPath(bucket, prefix), { body: "" });
}

export interface ParquetPreview {
  columns: { name: string; type: string }[];
  rows: (string | null)[][];
  total_rows: number;
}

/** The first rows of a Parquet object, through the console's /_stratus/preview. */
export async function previewParquet(bucket: string, key: string, rows: number, signal?: AbortSignal): Promise<ParquetPreview> {
  const uri = `s3://${bucket}/${key}`;
  const response = await fetch(`/_stratus/preview?uri=${encodeURIComponent(uri)}&rows=${rows}`, { signal });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new AwsError(body.code ?? "PreviewFailed", response.status, body.message ?? response.statusText);
  return body as ParquetPreview;
}
