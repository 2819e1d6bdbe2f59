// The console's only way to stratus's services: the AWS wire protocols the
// SDKs speak (JSON, query, REST-JSON, REST-XML), signed with SigV4.
import { sign, uriEncode, type Credentials } from "./sigv4";

const CREDENTIALS_KEY = "stratus.credentials";

export const DEFAULT_CREDENTIALS: Credentials = { accessKeyId: "test", secretAccessKey: "test", region: "us-east-1" };

export function loadCredentials(): Credentials {
  try {
    const saved = globalThis.localStorage?.getItem(CREDENTIALS_KEY);
    if (saved) return { ...DEFAULT_CREDENTIALS, ...JSON.parse(saved) };
  } catch {
    // Fall through to the defaults.
  }
  return DEFAULT_CREDENTIALS;
}

export function saveCredentials(credentials: Credentials | null): void {
  if (credentials === null) globalThis.localStorage?.removeItem(CREDENTIALS_KEY);
  else globalThis.localStorage?.setItem(CREDENTIALS_KEY, JSON.stringify(credentials));
}

/** An error as AWS reports it: its code ("QueueDoesNotExist"), HTTP status and message. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message ? `${code}: ${message}` : code);
  }
}

export interface RawRequest {
  service: string; // Signing name.
  method?: string;
  path?: string; // Percent-encoded once.
  query?: [string, string][];
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

/** Any thrown value as an Error (what the pages show in an ErrorBox). */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** Sends one signed request to the server the console came from. */
export async function awsFetch(request: RawRequest): Promise<Response> {
  const method = request.method ?? "GET";
  const path = request.path ?? "/";
  const query = request.query ?? [];
  const body = typeof request.body === "string" ? new TextEncoder().encode(request.body) : (request.body ?? new Uint8Array());
  const headers = { ...(request.headers ?? {}) };
  const signed = sign(
    { method, host: location.host, path, query, headers, body, service: request.service },
    loadCredentials(),
  );
  const search = query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join("&");
  return fetch(path + (search ? "?" + search : ""), {
    method,
    headers: { ...headers, ...signed },
    body: method === "GET" || method === "HEAD" ? undefined : (body as BodyInit),
    signal: request.signal,
  });
}

interface JsonService {
  prefix: string;
  version: "1.0" | "1.1";
}

const JSON_SERVICES: Record<string, JsonService> = {
  states: { prefix: "AWSStepFunctions", version: "1.0" },
  sqs: { prefix: "AmazonSQS", version: "1.0" },
  logs: { prefix: "Logs_20140328", version: "1.1" },
  athena: { prefix: "AmazonAthena", version: "1.1" },
  glue: { prefix: "AWSGlue", version: "1.1" },
  dynamodb: { prefix: "DynamoDB_20120810", version: "1.0" },
  events: { prefix: "AWSEvents", version: "1.1" },
};

function errorCode(raw: string | null | undefined): string {
  if (!raw) return "";
  const hash = raw.lastIndexOf("#");
  const code = hash >= 0 ? raw.slice(hash + 1) : raw;
  return code.split(":")[0];
}

/** Calls an operation of a JSON-protocol service (Step Functions, SQS, Logs, Athena, Glue). */
export async function jsonCall<T = any>(service: string, operation: string, input: object = {}, signal?: AbortSignal): Promise<T> {
  const spec = JSON_SERVICES[service];
  if (!spec) throw new Error(`not a JSON service: ${service}`);
  const response = await awsFetch({
    service,
    method: "POST",
    headers: { "Content-Type": `application/x-amz-json-${spec.version}`, "X-Amz-Target": `${spec.prefix}.${operation}` },
    body: JSON.stringify(input),
    signal,
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const code =
      errorCode(response.headers.get("x-amzn-query-error")) ||
      errorCode(body.__type) ||
      errorCode(response.headers.get("x-amzn-errortype")) ||
      "UnknownError";
    throw new AwsError(code, response.status, body.message ?? body.Message ?? "");
  }
  return body as T;
}

/** Calls a REST-JSON operation (Lambda): method, path (encoded), query and JSON body. */
export async function restJsonCall<T = any>(
  service: string,
  method: string,
  path: string,
  options: { query?: [string, string][]; body?: object | string; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<{ body: T; headers: Headers; status: number }> {
  const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const response = await awsFetch({
    service,
    method,
    path,
    query: options.query,
    headers: { ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...(options.headers ?? {}) },
    body,
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // Not JSON (an invoked function may answer anything): keep the text.
  }
  if (!response.ok && !response.headers.get("x-amz-function-error")) {
    const code = errorCode(response.headers.get("x-amzn-errortype")) || errorCode(parsed?.__type) || "UnknownError";
    throw new AwsError(code, response.status, parsed?.message ?? parsed?.Message ?? "");
  }
  return { body: parsed as T, headers: response.headers, status: response.status };
}

const QUERY_VERSIONS: Record<string, string> = {
  cloudformation: "2010-05-15",
  rds: "2014-10-31",
  iam: "2010-05-08",
  sts: "2011-06-15",
  monitoring: "2010-08-01",
};

/** Parses an XML body; throws the AWS error it carries, if any. */
export function parseXml(text: string, status: number): Document {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  if (status >= 300) {
    const code = doc.getElementsByTagName("Code")[0]?.textContent ?? "UnknownError";
    const message = doc.getElementsByTagName("Message")[0]?.textContent ?? "";
    throw new AwsError(code, status, message);
  }
  return doc;
}

/** Calls a query-protocol operation (CloudFormation, RDS, IAM): flattened parameters in, XML document out. */
export async function queryCall(service: string, action: string, params: Record<string, string> = {}, signal?: AbortSignal): Promise<Document> {
  const form = new URLSearchParams({ Action: action, Version: QUERY_VERSIONS[service] ?? "", ...params });
  const response = await awsFetch({
    service,
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: form.toString(),
    signal,
  });
  return parseXml(await response.text(), response.status);
}

/** The text of the first `tag` below `node`, or "". */
export function xmlText(node: ParentNode, tag: string): string {
  const found = (node as Element).getElementsByTagName?.(tag)[0] ?? (node as Document).getElementsByTagName(tag)[0];
  return found?.textContent ?? "";
}

/** The text of the direct child `tag` of `node` ("" when absent): nested lists may reuse a name (Description). */
export function xmlChild(node: Element, tag: string): string {
  for (const c of Array.from(node.children)) if (c.tagName === tag) return c.textContent ?? "";
  return "";
}

/** The direct children named `tag` of each `<member>` list below the first `listTag`. */
export function xmlMembers(node: ParentNode, listTag: string, memberTag = "member"): Element[] {
  const list = (node as Element).getElementsByTagName(listTag)[0];
  if (!list) return [];
  return Array.from(list.children).filter((child) => child.tagName === memberTag);
}

/** Calls S3 (REST-XML) with a path-style path: "/bucket/key". */
export async function s3Fetch(
  method: string,
  path: string,
  options: { query?: [string, string][]; headers?: Record<string, string>; body?: string | Uint8Array; signal?: AbortSignal } = {},
): Promise<Response> {
  const response = await awsFetch({ service: "s3", method, path, ...options });
  if (response.status >= 300) {
    parseXml(await response.text(), response.status);
    throw new AwsError("UnknownError", response.status, "");
  }
  return response;
}

/** Encodes an S3 key for a path: each segment percent-encoded, slashes kept. */
export function s3KeyPath(bucket: string, key = ""): string {
  return "/" + uriEncode(bucket) + (key ? "/" + key.split("/").map(uriEncode).join("/") : "");
}
