// A hash router: "#/athena/query?id=..." → path ["athena", "query"] and its params.
import { useEffect, useState } from "preact/hooks";

export interface Route {
  path: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, "");
  const q = text.indexOf("?");
  const pathPart = q >= 0 ? text.slice(0, q) : text;
  return {
    path: pathPart.split("/").filter(Boolean).map(decodeURIComponent),
    params: new URLSearchParams(q >= 0 ? text.slice(q + 1) : ""),
  };
}

/** The hash link to a route: href("states", "machine", arn) → "#/states/machine/<arn encoded>". */
export function href(...segments: string[]): string {
  return "#/" + segments.map(encodeURIComponent).join("/");
}

export function navigate(link: string): void {
  location.hash = link.startsWith("#") ? link.slice(1) : link;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
