// Bytes a browser downloads per search query: the site's own static search
// export (site/search/ + static/search.js) next to Pagefind run on the same
// built site. Issue 4's measurement; `scripts/bench-search` runs it on
// synthetic catalogues of 1k and 10k cases.
//
//   node measure.mjs --site <built site> [--port 0] [--first "kommunerna digital"]
//                    [--later "ekonomiskt bistånd"] [--pagefind-results 10] [--json]
//
// 1. Runs Pagefind (the pinned npm `pagefind`) on the site, writing its index to
//    <site>/pagefind/ (an old one is removed first), and times it. Then writes
//    <site>/pagefind-bench.html, a minimal page that loads /pagefind/pagefind.js.
// 2. Serves the site on 127.0.0.1 with a tiny static server that gzips text
//    responses (level 6, as a typical static host; Pagefind's own files are
//    gzipped on disk and sent as they are) and logs the bytes of every
//    response body as sent on the wire.
// 3. In headless Chromium, one fresh browser context per engine:
//    ours      opens /search/, types the first query into #search-q, waits until
//              the results have rendered and the network is quiet, then types
//              the later query the same way;
//    Pagefind  opens /pagefind-bench.html and runs `pagefind.search(q)` plus
//              `.data()` of the top N results, for the first and the later query.
//    Ours is measured twice: at 1280 px, where the filter panel is open
//    beside the results (its counts need facets.json), and at 360 px, where
//    it is folded away; each then reaches for the municipality filter, which
//    fetches places.json (and on the phone, opening the panel, facets.json).
//    "First query" is everything fetched from opening the page until the first
//    results are shown, so it includes each engine's JavaScript (search.js;
//    pagefind.js, its worker and wasm); "later query" is everything fetched for
//    the second query. HTML pages, CSS and /favicon.ico are not counted.
//
// Prints a readable summary, or with --json one JSON object on stdout.
// KB = 1,000 bytes; MB = 1,000,000 bytes.

import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createServer, runPagefind as indexWithPagefind } from './common.mjs';

const BENCH_PAGE = 'pagefind-bench.html';
const QUIET_MS = 500; // the network counts as done after this long without a request
const TIMEOUT_MS = 120_000;

const { values: opts } = parseArgs({
  options: {
    site: { type: 'string' },
    port: { type: 'string', default: '0' },
    first: { type: 'string', default: 'kommunerna digital' },
    later: { type: 'string', default: 'ekonomiskt bistånd' },
    'pagefind-results': { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
if (!opts.site) {
  console.error('usage: node measure.mjs --site <built site> [--port N] [--first Q] [--later Q] [--pagefind-results N] [--json]');
  process.exit(2);
}
const SITE = path.resolve(opts.site);
const TOP = Number(opts['pagefind-results']);
const log = (...args) => console.error(...args);

// ---------------------------------------------------------------- files on disk

/** Bytes and files below `dir`, HTML pages left out (site/search/index.html is the page). */
async function du(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.endsWith('.html')) {
      bytes += (await stat(path.join(entry.parentPath ?? entry.path, entry.name))).size;
      files += 1;
    }
  }
  return { bytes, files };
}

// ---------------------------------------------------------------- Pagefind

async function runPagefind() {
  const { seconds, pages, words, output } = await indexWithPagefind(SITE, [BENCH_PAGE]);
  // Written after indexing, so that Pagefind does not index it.
  await writeFile(
    path.join(SITE, BENCH_PAGE),
    `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body>
<p>Pagefind bytes-per-query bench (written by benches/search-bytes/measure.mjs).</p>
<script type="module">
const pagefind = await import('/pagefind/pagefind.js');
window.pagefindQuery = async (query, top) => {
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, top).map((result) => result.data()));
  return { count: search.results.length, shown: data.map((d) => d.url) };
};
window.pagefindReady = true;
</script>
</body>
</html>
`,
  );
  return { seconds, pages, words, output };
}

// ---------------------------------------------------------------- the server

/** Resolves once no request has been open for QUIET_MS. */
async function quiet(state) {
  const until = performance.now() + TIMEOUT_MS;
  for (;;) {
    if (state.inflight === 0 && performance.now() - state.last >= QUIET_MS) return;
    if (performance.now() > until) throw new Error('the network never went quiet');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const counted = (e) =>
  e.status === 200 && !e.type.startsWith('text/html') && !e.type.startsWith('text/css') && !e.path.startsWith('/favicon.ico');

/** The counted responses of log[from..] as { bytes, raw, requests, files }. */
function tally(log, from) {
  const files = log.slice(from).filter(counted);
  return {
    bytes: files.reduce((s, e) => s + e.sent, 0),
    raw: files.reduce((s, e) => s + e.raw, 0),
    requests: files.length,
    files: files.map(({ path: p, sent, raw }) => ({ path: p, sent, raw })),
    uncounted: log.slice(from).filter((e) => !counted(e)).map(({ path: p, status, sent }) => ({ path: p, status, sent })),
  };
}

/** Bytes per group of files: search.js, manifest, shards, facets, cards / pagefind js, wasm, meta, index, fragments. */
function groups(files) {
  const out = {};
  for (const f of files) {
    const p = f.path.split('?')[0];
    const name =
      p.endsWith('/search.js') ? 'search.js'
      : p.includes('/search/shards/') ? 'shards'
      : p.includes('/search/cards/') ? 'cards'
      : p.endsWith('/search/manifest.json') ? 'manifest'
      : p.endsWith('/search/facets.json') ? 'facets'
      : p.endsWith('/search/browse.json') ? 'browse'
      : p.includes('/search/sort/') ? 'sort'
      : p.includes('/pagefind/fragment/') ? 'fragments'
      : p.includes('/pagefind/index/') ? 'index chunks'
      : p.includes('/pagefind/filter/') ? 'filters'
      : /\/pagefind\/wasm\./.test(p) ? 'wasm'
      : p.endsWith('.pf_meta') || p.endsWith('pagefind-entry.json') ? 'entry+meta'
      : p.endsWith('.js') ? 'js'
      : p;
    out[name] ??= { bytes: 0, files: 0 };
    out[name].bytes += f.sent;
    out[name].files += 1;
  }
  return out;
}

// ---------------------------------------------------------------- the browser

// A wide screen shows the filter panel open beside the results, so its
// counts need facets.json with the first query; a phone folds it away.
const VIEWPORTS = { desktop: { width: 1280, height: 720 }, phone: { width: 360, height: 740 } };

async function measureOurs(browser, origin, state, viewport = VIEWPORTS.desktop) {
  const context = await browser.newContext({ locale: 'en-GB', viewport });
  await context.route((url) => !url.href.startsWith(origin), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const input = page.locator('#search-q');

  async function query(q) {
    const before = state.log.length;
    await page.evaluate(() => (window.__oldCount = document.querySelector('#search-results > h2')));
    await input.fill('');
    await input.pressSequentially(q, { delay: 20 }); // under search.js's 150 ms debounce: one search
    await page.waitForFunction(
      (wanted) => {
        const count = document.querySelector('#search-results > h2');
        return (
          count &&
          count !== window.__oldCount &&
          new URLSearchParams(location.search).get('q') === wanted &&
          document.querySelectorAll('ol.search-list > li').length > 0
        );
      },
      q,
      { timeout: TIMEOUT_MS },
    );
    await quiet(state);
    const shown = await page.evaluate(() => ({
      heading: document.querySelector('#search-results > h2').textContent,
      cards: document.querySelectorAll('ol.search-list > li').length,
    }));
    return { ...shown, ...tally(state.log, before) };
  }

  const opened = state.log.length;
  await page.goto(`${origin}/search/`, { waitUntil: 'load' });
  await quiet(state);
  const atLoad = tally(state.log, opened);
  // Since issue 18 the page lists every case before any query (browse.json
  // and the first cards): counted in the first query, and shown apart as
  // what opening the page costs.
  const first = await query(opts.first);
  const later = await query(opts.later);
  // What a hand on the municipality filter adds (places.json; on a phone
  // the panel opens first, which adds facets.json).
  const reachedFrom = state.log.length;
  const panel = page.locator('details.search-filter-panel');
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
  await page.locator('#search-municipality').hover();
  await page.waitForFunction(() => document.querySelectorAll('#search-municipality option').length > 1, null, { timeout: TIMEOUT_MS });
  await quiet(state);
  const reach = tally(state.log, reachedFrom);
  await context.close();
  if (errors.length) throw new Error(`ours: page errors: ${errors.join('; ')}`);
  // The first query includes what the page loaded for search (search.js).
  const firstAll = {
    ...first,
    bytes: first.bytes + atLoad.bytes,
    raw: first.raw + atLoad.raw,
    requests: first.requests + atLoad.requests,
    files: [...atLoad.files, ...first.files],
  };
  return { open: atLoad, first: firstAll, later, reach };
}

async function measurePagefind(browser, origin, state) {
  const context = await browser.newContext({ locale: 'en-GB' });
  await context.route((url) => !url.href.startsWith(origin), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  async function query(q, from = state.log.length) {
    const result = await page.evaluate(([query, top]) => window.pagefindQuery(query, top), [q, TOP]);
    await quiet(state);
    return { heading: `${result.count} results`, count: result.count, cards: result.shown.length, ...tally(state.log, from) };
  }

  const opened = state.log.length;
  await page.goto(`${origin}/${BENCH_PAGE}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.pagefindReady === true, null, { timeout: TIMEOUT_MS });
  const first = await query(opts.first, opened); // from opening the page: pagefind.js counts
  const later = await query(opts.later);
  await context.close();
  if (errors.length) throw new Error(`pagefind: page errors: ${errors.join('; ')}`);
  return { first, later };
}

// ---------------------------------------------------------------- main

const pagefind = await runPagefind();
log(`pagefind: indexed ${pagefind.pages} pages in ${pagefind.seconds.toFixed(1)} s`);
const disk = { ours: await du(path.join(SITE, 'search')), pagefind: await du(path.join(SITE, 'pagefind')) };

const { server, state } = createServer(SITE);
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(Number(opts.port), '127.0.0.1', resolve);
});
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
let ours;
let pf;
try {
  ours = await measureOurs(browser, origin, state);
  ours.phone = await measureOurs(browser, origin, state, VIEWPORTS.phone);
  pf = await measurePagefind(browser, origin, state);
} finally {
  await browser.close();
  server.closeAllConnections?.();
  await new Promise((r) => server.close(r));
}

for (const [name, r] of [['ours', ours], ['pagefind', pf]])
  for (const which of ['first', 'later'])
    if (!r[which].cards) throw new Error(`${name}: no results for the ${which} query "${opts[which]}"`);

const summary = (r) => ({
  bytes: r.bytes,
  raw: r.raw,
  requests: r.requests,
  results: r.heading,
  shown: r.cards,
  groups: groups(r.files),
  files: r.files,
});
const report = {
  site: SITE,
  queries: { first: opts.first, later: opts.later },
  ours: {
    first: summary(ours.first),
    later: summary(ours.later),
    reach: summary(ours.reach),
    phone: { first: summary(ours.phone.first), later: summary(ours.phone.later), reach: summary(ours.phone.reach) },
    disk: disk.ours,
  },
  pagefind: {
    first: summary(pf.first),
    later: summary(pf.later),
    disk: disk.pagefind,
    index_seconds: pagefind.seconds,
    pages: pagefind.pages,
    words: pagefind.words,
  },
  ratio_first: ours.first.bytes / pf.first.bytes,
};

if (opts.json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const kb = (b) => (b / 1000).toFixed(1);
  const mb = (b) => (b / 1e6).toFixed(1);
  for (const name of ['ours', 'pagefind']) {
    const r = report[name];
    console.log(`${name}: index ${mb(r.disk.bytes)} MB in ${r.disk.files} files`);
    for (const which of ['first', 'later']) {
      const q = r[which];
      if (!q) continue;
      const parts = Object.entries(q.groups)
        .map(([g, v]) => `${g} ${kb(v.bytes)} (${v.files})`)
        .join(', ');
      console.log(`  ${which} "${opts[which]}": ${kb(q.bytes)} KB in ${q.requests} requests [${parts}]; ${q.results}, ${q.shown} shown`);
    }
  }
  console.log(`pagefind indexing: ${pagefind.seconds.toFixed(1)} s (${pagefind.pages} pages)`);
  console.log(`first query ours/Pagefind: ${report.ratio_first.toFixed(2)}`);
}
