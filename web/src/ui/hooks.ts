import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { asError } from "../aws/client";

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `deps` change (and on reload()), keeping the last data
 * while a reload runs; `intervalMs` > 0 reloads periodically while mounted,
 * `intervalMs` after each load settles (so a load slower than the period is
 * never cut short by the next one).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], intervalMs = 0): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settled = () => {
      setLoading(false);
      if (intervalMs > 0) timer = setTimeout(reload, intervalMs);
    };
    setLoading(true);
    loadRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(undefined);
        settled();
      },
      (e) => {
        if (controller.signal.aborted) return;
        setError(asError(e));
        settled();
      },
    );
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [...deps, tick, intervalMs]);
  return { data, error, loading, reload };
}
