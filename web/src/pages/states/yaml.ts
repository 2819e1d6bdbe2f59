// A small JSON → YAML printer for showing a definition as YAML: block style,
// strings plain where YAML reads them back as the same string, JSON-quoted
// (a valid YAML double-quoted scalar) otherwise.

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const PLAIN = /^[A-Za-z_$./(][^:#\n]*$/;

function isPlain(text: string): boolean {
  if (text === "" || RESERVED.test(text) || !PLAIN.test(text)) return false;
  if (text !== text.trim() || /[{}[\],&*!|>'"%@`]/.test(text[0])) return false;
  if (/[[\]{},]/.test(text)) return false; // Safe in block context, but plain flow characters confuse readers.
  return !/^[-+]?(\.?\d|\.inf|\.nan)/i.test(text);
}

function text(value: string): string {
  return isPlain(value) ? value : JSON.stringify(value);
}

/** The inline form of a scalar or an empty container; null for a container with members. */
function inline(value: unknown): string | null {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return text(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "[]" : null;
  if (typeof value === "object") return Object.keys(value).length === 0 ? "{}" : null;
  return JSON.stringify(String(value));
}

function block(value: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const one = inline(item);
      if (one !== null) {
        out.push(`${pad}- ${one}`);
        continue;
      }
      const inner = block(item, indent + 2);
      out.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
    }
    return out;
  }
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const one = inline(member);
    if (one !== null) out.push(`${pad}${text(key)}: ${one}`);
    else out.push(`${pad}${text(key)}:`, ...block(member, indent + 2));
  }
  return out;
}

/** The YAML text of a JSON value. */
export function toYaml(value: unknown): string {
  const one = inline(value);
  return (one !== null ? one : block(value, 0).join("\n")) + "\n";
}
