// AWS Signature Version 4 for the console's calls: the same signature the
// SDKs send, so that stratus checks the console's requests as any other
// client's when signature verification is on.
import { hex, hmacSha256, sha256, utf8 } from "./sha256";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
}

export interface SignInput {
  method: string;
  host: string;
  path: string; // As sent: each segment percent-encoded once.
  query: [string, string][]; // Decoded names and values.
  headers: Record<string, string>;
  body: Uint8Array;
  service: string; // The signing name: "states", "s3", ...
}

/** RFC 3986 percent-encoding, as SigV4 wants it. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

export function canonicalQuery(query: [string, string][]): string {
  return query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Returns the headers to add to the request: X-Amz-Date, X-Amz-Content-Sha256, Authorization (and the session token). */
export function sign(input: SignInput, credentials: Credentials, now: Date = new Date()): Record<string, string> {
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const payloadHash = hex(sha256(input.body));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) headers[k.toLowerCase()] = v;
  headers["host"] = input.host;
  headers["x-amz-date"] = date;
  // Only S3 wants the payload hash as a header (the SDKs send it to S3 alone).
  if (input.service === "s3") headers["x-amz-content-sha256"] = payloadHash;
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n].trim().replace(/\s+/g, " ")}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalPath =
    input.service === "s3"
      ? input.path
      : input.path
          .split("/")
          .map((segment) => uriEncode(segment))
          .join("/");
  const canonicalRequest = [
    input.method,
    canonicalPath || "/",
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${day}/${credentials.region}/${input.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, hex(sha256(utf8(canonicalRequest)))].join("\n");
  let key = hmacSha256(utf8("AWS4" + credentials.secretAccessKey), utf8(day));
  key = hmacSha256(key, utf8(credentials.region));
  key = hmacSha256(key, utf8(input.service));
  key = hmacSha256(key, utf8("aws4_request"));
  const signature = hex(hmacSha256(key, utf8(stringToSign)));
  const out: Record<string, string> = {
    "X-Amz-Date": date,
    ...(input.service === "s3" ? { "X-Amz-Content-Sha256": payloadHash } : {}),
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
  if (credentials.sessionToken) out["X-Amz-Security-Token"] = credentials.sessionToken;
  return out;
}

export interface PresignInput {
  method: string;
  host: string;
  path: string; // As sent: each segment percent-encoded once (S3's form).
  query?: [string, string][]; // Decoded names and values, signed with the rest.
  service: string;
  expiresSeconds: number; // How long the URL works: 1 to 604800 (seven days).
}

/**
 * Query-string SigV4 (a presigned URL, as `aws s3 presign` makes): returns the
 * path and query ("/bucket/key?X-Amz-Algorithm=...&X-Amz-Signature=...") that
 * anyone may GET until it expires. Only the host header is signed, and the
 * payload is UNSIGNED-PAYLOAD.
 */
export function presign(input: PresignInput, credentials: Credentials, now: Date = new Date()): string {
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const scope = `${day}/${credentials.region}/${input.service}/aws4_request`;
  const query: [string, string][] = [
    ...(input.query ?? []),
    ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
    ["X-Amz-Credential", `${credentials.accessKeyId}/${scope}`],
    ["X-Amz-Date", date],
    ["X-Amz-Expires", String(Math.max(1, Math.min(604800, Math.floor(input.expiresSeconds))))],
    ...(credentials.sessionToken ? ([["X-Amz-Security-Token", credentials.sessionToken]] as [string, string][]) : []),
    ["X-Amz-SignedHeaders", "host"],
  ];
  const canonicalRequest = [input.method, input.path || "/", canonicalQuery(query), `host:${input.host}\n`, "host", "UNSIGNED-PAYLOAD"].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, hex(sha256(utf8(canonicalRequest)))].join("\n");
  let key = hmacSha256(utf8("AWS4" + credentials.secretAccessKey), utf8(day));
  key = hmacSha256(key, utf8(credentials.region));
  key = hmacSha256(key, utf8(input.service));
  key = hmacSha256(key, utf8("aws4_request"));
  const signature = hex(hmacSha256(key, utf8(stringToSign)));
  const search = query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join("&");
  return `${input.path || "/"}?${search}&X-Amz-Signature=${signature}`;
}
