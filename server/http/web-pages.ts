import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendError } from './errors';

/**
 * The plant's web pages (`npm run build:web` → dist/web) under /web/. The
 * files are public (the data behind them needs a session), served with a CSP
 * that allows nothing but this server: no inline script or style, no frames
 * around it (clickjacking a block button), no form posted elsewhere.
 */

/**
 * dist/web of the checkout this code runs from: the nearest folder above it
 * that holds one. Not a fixed `../../`, because the same module runs from
 * server/http/ (tsx, tests) and from a bundled chunk in dist/node/<hash>/chunks/
 * (`takt server`), which sit at different depths. Unbuilt, the answer is the
 * source tree's (and the page says to build it).
 */
export function checkoutWebDir(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'dist', 'web'))) return join(dir, 'dist', 'web');
  }
  return join(start, '..', '..', 'dist', 'web');
}

export const DEFAULT_WEB_DIR = checkoutWebDir(import.meta.url);

export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function registerWebPages(app: FastifyInstance, webDir = DEFAULT_WEB_DIR): void {
  app.get('/web', { config: { auth: 'none' } }, (_request, reply) => reply.redirect('/web/', 302));
  app.get('/web/*', { config: { auth: 'none' } }, async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    // Client-side routes (/web/trace, /web/terminals) are the app's own: they get index.html.
    const path = rest === '' || !extname(rest) ? 'index.html' : rest;
    return sendFile(reply, webDir, path);
  });
}

async function sendFile(reply: FastifyReply, webDir: string, path: string): Promise<FastifyReply> {
  let root: string;
  let file: string;
  try {
    root = await realpath(webDir);
    file = await realpath(join(root, path));
  } catch {
    const hint = path === 'index.html' ? ' (the web pages are not built: npm run build:web)' : '';
    return sendError(reply, 'not-found', `no web file ${path}${hint}`);
  }
  // Symlinks and ../ resolved first, so nothing outside the build folder is ever read.
  if (!file.startsWith(root + sep)) return sendError(reply, 'not-found', `no web file ${path}`);
  const body = await readFile(file).catch(() => undefined);
  if (!body) return sendError(reply, 'not-found', `no web file ${path}`);
  const hashed = path.startsWith('assets/');
  return reply
    .header('content-security-policy', WEB_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    .type(TYPES[extname(file)] ?? 'application/octet-stream')
    .send(body);
}
