// A CodeMirror editor for JSON or YAML text: read-only for showing a
// definition, editable for an execution's input. Colours come from the
// console's theme variables, so it follows the light and dark themes.
import { useEffect, useRef } from "preact/hooks";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, foldGutter, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { tags } from "@lezer/highlight";

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--accent)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--ok)" },
  { tag: tags.number, color: "var(--warn)" },
  { tag: [tags.bool, tags.null, tags.keyword, tags.atom], color: "var(--fail)" },
  { tag: [tags.comment, tags.meta], color: "var(--fg-soft)" },
  { tag: [tags.punctuation, tags.separator, tags.bracket], color: "var(--fg-soft)" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--bg)", color: "var(--fg)", height: "100%", fontSize: "13px" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--fg)" },
  ".cm-scroller": { fontFamily: "var(--mono)" },
  ".cm-gutters": { backgroundColor: "var(--bg-soft)", color: "var(--fg-soft)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "transparent" },
  "&.cm-focused .cm-activeLine": { backgroundColor: "var(--bg-soft)" },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "-2px" },
  ".cm-cursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--run-bg)" },
  ".cm-matchingBracket": { backgroundColor: "var(--run-bg)", outline: "1px solid var(--run)" },
});

export interface CodeViewProps {
  value: string; // The text (of an editable editor: the text it starts with).
  language: "json" | "yaml";
  label: string; // The editor's accessible name.
  readOnly?: boolean;
  onChange?: (text: string) => void;
  class?: string;
}

export function CodeView(props: CodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    const state = EditorState.create({
      doc: props.value,
      extensions: [
        lineNumbers(),
        foldGutter(),
        history(),
        bracketMatching(),
        highlightActiveLine(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        props.language === "json" ? json() : yaml(),
        syntaxHighlighting(highlight),
        theme,
        EditorState.readOnly.of(!!props.readOnly),
        EditorView.lineWrapping,
        EditorView.editable.of(true), // Read-only text stays focusable and selectable.
        EditorView.contentAttributes.of({ "aria-label": props.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange.current?.(update.state.doc.toString());
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current! });
    return () => {
      view.current?.destroy();
      view.current = null;
    };
  }, [props.language, props.readOnly, props.label]);

  // A read-only view shows each new value. An editable one owns its text
  // after it opens (value is where it starts): its own edits come back as
  // props late, after more typing, and must not be pushed back into it.
  useEffect(() => {
    const v = view.current;
    if (v && props.readOnly && v.state.doc.toString() !== props.value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
  }, [props.value]);

  return <div class={`sfn-code ${props.class ?? ""}`} ref={host} data-language={props.language} />;
}
