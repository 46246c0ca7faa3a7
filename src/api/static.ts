import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { notFound } from './errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The dashboard hook: when `dir` (the built dashboard, dist/web) exists, its files are served for every GET
 * outside /api, and a path that is not a file gets index.html (client-side routes). Paths cannot leave `dir`.
 * Returns whether the folder was found.
 */
export function serveStaticFolder(app: FastifyInstance, dir: string | null): boolean {
  if (!dir || !existsSync(path.join(dir, 'index.html'))) return false;
  const root = path.resolve(dir);
  app.get('/*', async (request, reply) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(request.url.split('?')[0]!);
    } catch {
      throw notFound('no such file');
    }
    if (urlPath === '/api' || urlPath.startsWith('/api/')) throw notFound(`no such endpoint: GET ${urlPath}`);
    const wanted = path.resolve(root, `.${path.posix.normalize(urlPath)}`);
    const inside = wanted === root || wanted.startsWith(root + path.sep);
    const isFile = inside && existsSync(wanted) && statSync(wanted).isFile();
    const file = isFile ? wanted : path.join(root, 'index.html');
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Hashed assets may be cached for long; index.html must be fetched again to pick up a new build.
    const cache =
      isFile && file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000' : 'no-cache';
    return reply
      .type(type)
      .header('cache-control', cache)
      .header('x-content-type-options', 'nosniff')
      .send(await readFile(file));
  });
  return true;
}
