import { useEffect, useState } from "preact/hooks";
import { DEFAULT_CREDENTIALS, loadCredentials, saveCredentials } from "./aws/client";
import { fetchHealth } from "./pages/home";
import { PAGES } from "./pages/registry";
import { useRoute } from "./router";
import { Button } from "./ui/components";

type Theme = "light" | "dark";

/** The saved theme, else the system's; main.tsx applies it before the first render so a reload never shows the other one. */
export function initialTheme(): Theme {
  const saved = localStorage.getItem("stratus.theme");
  if (saved === "light" || saved === "dark") return saved;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Asks for access keys when the server verifies signatures; the console signs every call with them. */
function KeysDialog(props: { onClose: () => void }) {
  const current = loadCredentials();
  const [id, setId] = useState(current.accessKeyId);
  const [secret, setSecret] = useState(current.secretAccessKey);
  const [region, setRegion] = useState(current.region);
  return (
    <div class="dialog-backdrop">
      <form
        class="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          saveCredentials({ ...DEFAULT_CREDENTIALS, accessKeyId: id, secretAccessKey: secret, region });
          props.onClose();
        }}
      >
        <h2>Access keys</h2>
        <p>This server verifies request signatures. The console signs its calls with these keys; they stay in this browser.</p>
        <label>
          Access key id <input name="accessKeyId" value={id} onInput={(e) => setId(e.currentTarget.value)} />
        </label>
        <label>
          Secret access key <input name="secretAccessKey" type="password" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} />
        </label>
        <label>
          Region <input name="region" value={region} onInput={(e) => setRegion(e.currentTarget.value)} />
        </label>
        <div class="actions">
          <Button onClick={props.onClose}>Cancel</Button>
          <button type="submit" class="btn primary">
            Save
          </button>
        </div>
      </form>
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [asking, setAsking] = useState(false);
  const [verified, setVerified] = useState(false);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem("stratus.theme", theme);
  }, [theme]);
  useEffect(() => {
    fetchHealth().then(
      (health) => {
        setVerified(health.signatures === "verified");
        if (health.signatures === "verified" && !localStorage.getItem("stratus.credentials")) setAsking(true);
      },
      () => undefined,
    );
  }, []);
  const segment = route.path[0] ?? "";
  const page = PAGES.find((p) => p.segment === segment);
  const Component = page?.component;
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="Services">
        <a class="brand" href="#/">
          stratus
        </a>
        <ul>
          {PAGES.filter((p) => p.segment).map((p) => (
            <li key={p.segment}>
              <a href={`#/${p.segment}`} class={p.segment === segment ? "active" : undefined} aria-current={p.segment === segment ? "page" : undefined}>
                {p.title}
              </a>
            </li>
          ))}
        </ul>
        <div class="sidebar-foot">
          <Button onClick={() => setTheme(theme === "dark" ? "light" : "dark")} title="Switch theme">
            {theme === "dark" ? "Light theme" : "Dark theme"}
          </Button>
          {verified && <Button onClick={() => setAsking(true)}>Access keys</Button>}
        </div>
      </nav>
      <main class="content">{Component ? <Component route={route} /> : <p class="error">No such page: {segment}</p>}</main>
      {asking && <KeysDialog onClose={() => setAsking(false)} />}
    </div>
  );
}
