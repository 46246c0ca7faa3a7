import { readFileSync } from 'node:fs';

// src/ and dist/ both sit one level below the package root.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Recorded with every run and raw record as the collector version. */
export const VERSION = `attache/${pkg.version}`;
