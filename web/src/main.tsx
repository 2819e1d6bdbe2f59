import { render } from "preact";
import { App, initialTheme } from "./app";
import "./style.css";

document.documentElement.dataset.theme = initialTheme();
render(<App />, document.getElementById("app")!);
