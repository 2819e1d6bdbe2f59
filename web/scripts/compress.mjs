// Writes NAME.gz beside every built asset worth compressing, so that stratus
// can serve the gzip form to browsers that accept it without compressing at
// run time. The embedding step (cmake/EmbedConsole.cmake) takes both forms.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";

const root = new URL("../dist/", import.meta.url).pathname;
let raw = 0;
let packed = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { walk(path); continue; }
    if (!/\.(js|css|html|svg|json|map|txt)$/.test(name)) continue;
    const bytes = readFileSync(path);
    const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION});
    raw += bytes.length;
    packed += gz.length;
    if (gz.length < bytes.length) writeFileSync(path + ".gz", gz);
  }
}
walk(root);
console.log(`console assets: ${raw} bytes, ${packed} gzipped`);
