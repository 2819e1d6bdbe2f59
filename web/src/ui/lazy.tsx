// A component whose code loads on first render (a separate chunk).
import { asError } from "../aws/client";
import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";

export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  let pending: Promise<FunctionComponent<P>> | null = null;
  return function LazyPage(props: P) {
    const [component, setComponent] = useState<FunctionComponent<P> | null>(() => loaded);
    const [error, setError] = useState<Error | null>(null);
    useEffect(() => {
      if (loaded) return;
      pending ??= load();
      pending.then(
        (c) => {
          loaded = c;
          setComponent(() => c);
        },
        (e) => {
          pending = null;
          setError(asError(e));
        },
      );
    }, []);
    if (error) return <div class="error">This page failed to load: {error.message}</div>;
    if (!component) return <div class="loading">Loading…</div>;
    const Component = component;
    return <Component {...props} />;
  };
}
