import { defineConfig } from "vite";

// The console is served by stratus under /_stratus/ui/ from assets embedded
// in the binary (see src/console/ and cmake/EmbedConsole.cmake).
export default defineConfig({
  base: "/_stratus/ui/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
