// The SQL editor: CodeMirror 6 with the Athena dialect, highlighting,
// completion of keywords and of the catalog's databases, tables and columns,
// and Ctrl/Cmd+Enter to run the statement (or the selected text).
import { useEffect, useRef } from "preact/hooks";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { sql, type SQLNamespace } from "@codemirror/lang-sql";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers, placeholder } from "@codemirror/view";
import { AthenaSQL, sqlHighlight } from "./sql_dialect";

/** What the page can do to the editor. */
export interface SqlEditorHandle {
  /** The selected text, or the whole text when nothing is selected. */
  statement(): string;
  text(): string;
  setText(text: string): void;
  /** Inserts at the cursor (replacing the selection) and focuses the editor. */
  insert(text: string): void;
  focus(): void;
}

export interface SqlEditorProps {
  initial: string;
  schema: SQLNamespace;
  database: string; // Completion's default schema: its tables complete without the database prefix.
  onRun: () => void;
  onChange?: (text: string) => void;
  handle: { current: SqlEditorHandle | null };
}

const editorTheme = EditorView.theme({
  "&": { backgroundColor: "var(--bg)", color: "var(--fg)", border: "1px solid var(--border)", borderRadius: "6px", fontSize: "13px" },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--mono)", minHeight: "160px", maxHeight: "40vh" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground": { backgroundColor: "var(--athena-selection)" },
  ".cm-activeLine": { backgroundColor: "var(--athena-active-line)" },
  ".cm-gutters": { backgroundColor: "var(--bg-soft)", color: "var(--fg-soft)", borderRight: "1px solid var(--border)", borderRadius: "6px 0 0 6px" },
  ".cm-tooltip": { backgroundColor: "var(--bg-soft)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--accent)", color: "var(--accent-fg)" },
  ".cm-completionDetail": { color: "var(--fg-soft)", fontStyle: "normal", marginLeft: "1em" },
  ".cm-placeholder": { color: "var(--fg-soft)" },
});

function sqlConfig(schema: SQLNamespace, database: string) {
  return sql({ dialect: AthenaSQL, schema, defaultSchema: database || undefined, upperCaseKeywords: true });
}

export function SqlEditor(props: SqlEditorProps) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const run = () => {
      latest.current.onRun();
      return true;
    };
    const state = EditorState.create({
      doc: props.initial,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        autocompletion({ icons: false }),
        syntaxHighlighting(sqlHighlight),
        placeholder("SELECT … (Ctrl+Enter runs the statement, or the selected text)"),
        Prec.highest(keymap.of([{ key: "Mod-Enter", run }])),
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        language.current.of(sqlConfig(props.schema, props.database)),
        editorTheme,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": "SQL statement" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange?.(update.state.doc.toString());
        }),
      ],
    });
    const editor = new EditorView({ state, parent: box.current! });
    view.current = editor;
    props.handle.current = {
      statement() {
        const { from, to } = editor.state.selection.main;
        const selected = editor.state.sliceDoc(from, to);
        return selected.trim() ? selected : editor.state.doc.toString();
      },
      text: () => editor.state.doc.toString(),
      setText(text) {
        editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text }, selection: { anchor: text.length } });
      },
      insert(text) {
        editor.dispatch(editor.state.replaceSelection(text));
        editor.focus();
      },
      focus: () => editor.focus(),
    };
    return () => {
      props.handle.current = null;
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sqlConfig(props.schema, props.database)) });
  }, [props.schema, props.database]);

  return <div class="athena-editor" ref={box} />;
}
