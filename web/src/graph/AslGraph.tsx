// A state machine's definition drawn as a graph. This first version lists
// the states; the laid-out graph replaces it with the same props.
export type StateStatus = "running" | "succeeded" | "failed" | "caught" | "aborted";

export interface AslGraphProps {
  definition: string; // The ASL JSON text.
  statuses?: Record<string, StateStatus>; // By state name (names are unique in a machine).
  selected?: string;
  onSelect?: (stateName: string) => void;
}

function stateNames(definition: string): string[] {
  const names: string[] = [];
  const walk = (states: Record<string, any> | undefined) => {
    for (const [name, state] of Object.entries(states ?? {})) {
      names.push(name);
      for (const branch of state.Branches ?? []) walk(branch.States);
      walk((state.ItemProcessor ?? state.Iterator)?.States);
    }
  };
  try {
    walk(JSON.parse(definition).States);
  } catch {
    // An unparsable definition draws nothing.
  }
  return names;
}

export function AslGraph(props: AslGraphProps) {
  return (
    <ul class="asl-graph-list">
      {stateNames(props.definition).map((name) => (
        <li key={name}>
          <button type="button" class={`btn ${props.selected === name ? "primary" : ""}`} onClick={() => props.onSelect?.(name)} data-state={name} data-status={props.statuses?.[name] ?? ""}>
            {name} {props.statuses?.[name] && <span class={`badge ${props.statuses[name]}`}>{props.statuses[name]}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
