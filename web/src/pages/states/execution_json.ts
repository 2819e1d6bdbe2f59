// Payloads in history and DescribeExecution are JSON text: shown indented.

/** `text` indented when it is JSON, as it is otherwise; "" for none. */
export function prettyJson(text: unknown): string {
  if (text === undefined || text === null) return "";
  const s = String(text);
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}
