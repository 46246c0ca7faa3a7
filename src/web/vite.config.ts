import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Paths from this file, not the working directory: `npm run build` and the e2e tests may start anywhere.
const here = new URL('.', import.meta.url).pathname;

/**
 * Content-Security-Policy of the built page: scripts only from our own files, no inline script, no plugins.
 * Post text is rendered as text anyway; this is the second wall if a bug ever let markup through.
 * (Build only: the dev server injects an inline script for hot reload.)
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'attache-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root: here,
  // Absolute asset paths: the server answers index.html for every page path (/country/FR, /channel/12).
  base: '/',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: new URL('../../dist/web', import.meta.url).pathname,
    emptyOutDir: true,
    // ECharts and the world map make one chunk of ~1.2 MB (400 kB gzipped); it is a local tool.
    chunkSizeWarningLimit: 1600,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
