// What measure.mjs and quality.mjs share: Chromium's settings, running
// Pagefind over a built site, and a static server that logs what it sends.

import { spawn } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// As tests/browser/site.test.mjs: the network is closed here.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Pagefind over `site` into site/pagefind/, after removing its previous
 * index and the `pages` a bench writes beside it (written after indexing,
 * so that Pagefind does not index them): { seconds, pages, words, output }.
 */
export async function runPagefind(site, pages = []) {
  await rm(path.join(site, 'pagefind'), { recursive: true, force: true });
  for (const page of pages) await rm(path.join(site, page), { force: true });
  const bin = path.join(HERE, 'node_modules', '.bin', 'pagefind');
  const started = performance.now();
  const output = await new Promise((resolve, reject) => {
    const child = spawn(bin, ['--site', site, '--output-subdir', 'pagefind'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`pagefind exited with ${code}:\n${text}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  const count = (what) => Number((output.match(new RegExp(`Indexed (\\d+) ${what}s?`)) || [])[1] ?? NaN);
  return { seconds, pages: count('page'), words: count('word'), output };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
};
const typeOf = (file) => TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
// What a typical static host compresses: text. Pagefind's .pf_* and
// wasm.*.pagefind files are gzip already and go out as they are.
const compressible = (type) => /^text\/|json|javascript|xml|svg|wasm/.test(type);

/** Logs { path, status, type, raw, sent } per response; `inflight` counts open requests. */
export function createServer(root) {
  const state = { log: [], inflight: 0, last: performance.now() };
  const server = http.createServer(async (req, res) => {
    state.inflight += 1;
    state.last = performance.now();
    const entry = { path: req.url, status: 0, type: '', raw: 0, sent: 0 };
    const done = () => {
      state.inflight -= 1;
      state.last = performance.now();
      state.log.push(entry);
    };
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let file = path.join(root, decodeURIComponent(url.pathname));
      if (!file.startsWith(root)) throw new Error('outside the site');
      if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
      let info;
      try {
        info = await stat(file);
      } catch {
        info = null;
      }
      if (!info || !info.isFile()) {
        entry.status = 404;
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('404\n', done);
        return;
      }
      const type = typeOf(file);
      const body = await readFile(file);
      const gzip = compressible(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const sent = gzip ? zlib.gzipSync(body, { level: 6 }) : body;
      Object.assign(entry, { status: 200, type, raw: body.length, sent: sent.length });
      // No Last-Modified or ETag, so nothing is cached heuristically: each
      // page load downloads what it needs, and each engine's own in-memory
      // cache is what saves bytes on the later query.
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': sent.length,
        ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
        'Cache-Control': 'no-store',
      });
      res.end(sent, done);
    } catch (error) {
      entry.status = 500;
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`500 ${error}\n`, done);
    }
  });
  return { server, state };
}

