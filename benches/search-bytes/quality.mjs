// Search quality on a judgement set (issue 20): nDCG@5 and the zero-result
// rate of `catalogue search` next to Pagefind run on the same built site.
// `scripts/search-quality` runs it on the shipped catalogue with the set in
// tests/fixtures/search-judgements.toml (converted to JSON by the script).
//
//   node quality.mjs --judgements <queries.json> --bin <catalogue binary>
//                    --catalogue <dir> [--site <built site>] [--out <details.json>]
//
// queries.json is [{ lang, text, relevant: { "<case id>": grade } }].
//
// ours      each query through `<bin> search --catalogue <dir> --format json
//           --limit 5`, the case ids as printed.
// Pagefind  (with --site) runs the pinned npm `pagefind` on the site, then in
//           headless Chromium opens one small page per language whose <html
//           lang> is the query's language (Pagefind searches the index of
//           the page's language, as on a real multilingual site) and runs
//           `pagefind.search(text)`. Its results are pages; the case pages
//           among them (/<lang>/cases/<cc>/<slug>/) are mapped to case ids
//           and the first five distinct ones are ranked. Other pages
//           (municipality, term and list pages) are skipped rather than
//           counted as misses, which favours Pagefind ("Pagefind cases").
//           "Pagefind as shown" ranks the first five pages as Pagefind
//           returns them, a page that is not a case counting as not relevant.
//
// nDCG@5: gain 2^grade − 1, discount log2(rank + 1), the ideal ranking from
// the judgements; the zero-result rate counts queries with no case at all.

import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, createServer, runPagefind as indexWithPagefind } from './common.mjs';

const CUTOFF = 5;
// How many Pagefind results are opened (`.data()`) looking for five cases.
const SCAN = 40;
const LANGUAGES = ['sv', 'nb', 'nn', 'da', 'fi', 'is', 'en'];

const { values: opts } = parseArgs({
  options: {
    judgements: { type: 'string' },
    bin: { type: 'string' },
    catalogue: { type: 'string' },
    site: { type: 'string' },
    out: { type: 'string' },
  },
});
if (!opts.judgements || !opts.bin || !opts.catalogue) {
  console.error('usage: node quality.mjs --judgements <queries.json> --bin <catalogue> --catalogue <dir> [--site <site>] [--out <file>]');
  process.exit(2);
}
const log = (...args) => console.error(...args);
const queries = JSON.parse(await readFile(opts.judgements, 'utf8'));

// ---------------------------------------------------------------- metrics

const dcg = (grades) =>
  grades.slice(0, CUTOFF).reduce((sum, grade, rank) => sum + (2 ** grade - 1) / Math.log2(rank + 2), 0);

function ndcg(ranked, relevant) {
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a));
  return ideal > 0 ? dcg(ranked.map((id) => relevant[id] ?? 0)) / ideal : 0;
}

// ---------------------------------------------------------------- ours

function ours(query) {
  const stdout = execFileSync(
    opts.bin,
    ['search', '--catalogue', opts.catalogue, '--format', 'json', '--limit', String(CUTOFF), '--', query.text],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return JSON.parse(stdout).map((row) => row.id);
}

// ---------------------------------------------------------------- Pagefind

const pageOf = (lang) => `pagefind-quality-${lang}.html`;

async function runPagefind(site) {
  const { output } = await indexWithPagefind(site, LANGUAGES.map(pageOf));
  log(output.split('\n').filter((line) => /Indexed|language/i.test(line)).join('\n'));
  // Written after indexing, so that Pagefind does not index them.
  for (const lang of LANGUAGES)
    await writeFile(
      path.join(site, pageOf(lang)),
      `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>Pagefind quality</title></head>
<body>
<p>Pagefind search-quality page (written by benches/search-bytes/quality.mjs).</p>
<script type="module">
const pagefind = await import('/pagefind/pagefind.js');
window.pagefindQuery = async (query, scan) => {
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, scan).map((result) => result.data()));
  return { count: search.results.length, urls: data.map((d) => d.url) };
};
window.pagefindReady = true;
</script>
</body>
</html>
`,
    );
}

/** `/sv/cases/se/digital-colleague/` (or at the root for English) → `se/digital-colleague`. */
function caseId(url) {
  const match = /(?:^|\/)cases\/([a-z]{2})\/([a-z0-9][a-z0-9-]*)\/(?:index\.html)?$/.exec(url.split(/[?#]/)[0]);
  return match ? `${match[1]}/${match[2]}` : null;
}

async function pagefindRankings(site) {
  await runPagefind(site);
  const { server } = createServer(site);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const rankings = new Map();
  try {
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.route((url) => !url.href.startsWith(origin), (route) => route.abort('blockedbyclient'));
    for (const lang of LANGUAGES) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${origin}/${pageOf(lang)}`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.pagefindReady === true, null, { timeout: 60_000 });
      for (const query of queries.filter((q) => q.lang === lang)) {
        const result = await page.evaluate(([text, scan]) => window.pagefindQuery(text, scan), [query.text, SCAN]);
        const ids = [];
        for (const url of result.urls) {
          const id = caseId(url);
          if (id && !ids.includes(id)) ids.push(id);
        }
        rankings.set(query, { ids: ids.slice(0, CUTOFF), pages: result.count, urls: result.urls.slice(0, CUTOFF) });
      }
      if (errors.length) throw new Error(`pagefind (${lang}): page errors: ${errors.join('; ')}`);
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
  return rankings;
}

// ---------------------------------------------------------------- main

const details = queries.map((query) => {
  const ranked = ours(query);
  return { lang: query.lang, text: query.text, relevant: query.relevant, ours: { ids: ranked, ndcg: ndcg(ranked, query.relevant) } };
});
if (opts.site) {
  const rankings = await pagefindRankings(path.resolve(opts.site));
  queries.forEach((query, i) => {
    const r = rankings.get(query);
    details[i].pagefind = { ...r, ndcg: ndcg(r.ids, query.relevant) };
    const shown = r.urls.map((url) => caseId(url) ?? url);
    details[i].shown = { ids: shown, ndcg: ndcg(shown, query.relevant) };
  });
}

const engines = opts.site ? ['ours', 'pagefind', 'shown'] : ['ours'];
const NAMES = { ours: 'catalogue search', pagefind: 'Pagefind cases', shown: 'Pagefind as shown' };
const row = (label, rows) => {
  const cells = [label, String(rows.length)];
  for (const engine of engines) {
    const mean = rows.reduce((s, d) => s + d[engine].ndcg, 0) / rows.length;
    const zero = rows.filter((d) => d[engine].ids.length === 0).length;
    cells.push(mean.toFixed(3), `${(zero / rows.length).toFixed(3)} (${zero})`);
  }
  return `| ${cells.join(' | ')} |`;
};
const header = ['language', 'queries'];
for (const engine of engines) {
  const name = NAMES[engine];
  header.push(`${name} nDCG@5`, `${name} zero-result rate`);
}
console.log(`| ${header.join(' | ')} |`);
console.log(`|${'---|'.repeat(header.length)}`);
for (const lang of LANGUAGES) {
  const rows = details.filter((d) => d.lang === lang);
  if (rows.length) console.log(row(lang, rows));
}
console.log(row('all', details));

if (opts.out) await writeFile(opts.out, `${JSON.stringify(details, null, 1)}\n`);
