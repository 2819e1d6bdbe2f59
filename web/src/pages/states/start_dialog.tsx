// "Start execution": a name (optional) and the input as JSON, checked
// before it is sent; on success, the execution's page.
import { useEffect, useRef, useState } from "preact/hooks";
import { href, navigate } from "../../router";
import { Button, ErrorBox } from "../../ui/components";
import { startExecution } from "./api";
import { CodeView } from "./code_view";

/** Why `text` is not acceptable execution input, or "" when it is. */
export function inputProblem(text: string): string {
  try {
    JSON.parse(text);
    return "";
  } catch (e) {
    return `The input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

export function StartDialog(props: { machineArn: string; onClose: () => void }) {
  const [name, setName] = useState("");
  const [input, setInput] = useState('{\n  "Comment": "Insert your JSON here"\n}');
  const [problem, setProblem] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") props.onClose();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const why = name && !NAME.test(name) ? "The name may hold only letters, digits, - and _ (at most 80)." : inputProblem(input);
    setProblem(why);
    if (why) return;
    setBusy(true);
    setError(null);
    try {
      const arn = await startExecution(props.machineArn, name, input);
      props.onClose();
      navigate(href("states", "execution", arn));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setBusy(false);
    }
  };

  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <form class="dialog sfn-start-dialog" role="dialog" aria-modal="true" aria-labelledby="sfn-start-title" onSubmit={submit}>
        <h2 id="sfn-start-title">Start execution</h2>
        <label>
          Name (optional)
          <input ref={first} value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="generated when empty" />
        </label>
        <div class="sfn-field">
          <span id="sfn-input-label">Input (JSON)</span>
          <CodeView value={input} language="json" label="Execution input" onChange={setInput} class="sfn-input-editor" />
        </div>
        {problem && (
          <div class="error" role="alert">
            {problem}
          </div>
        )}
        <ErrorBox error={error} />
        <div class="actions sfn-dialog-actions">
          <Button onClick={props.onClose}>Cancel</Button>
          <button type="submit" class="btn primary" disabled={busy}>
            {busy ? "Starting…" : "Start"}
          </button>
        </div>
      </form>
    </div>
  );
}
