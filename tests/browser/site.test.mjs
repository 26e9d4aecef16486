// Real-browser accessibility tests for the generated site.
//
// Serves the built site (env SITE_DIR, default ../../target/browser-site relative to this
// file) on 127.0.0.1 with a tiny static server, opens the main page types in
// Debian's Chromium through playwright-core, and checks on each:
//   - axe-core finds no WCAG 2.0/2.1 A or AA violation (at 1280 px and 360 px),
//   - the page requested nothing from any host other than the local server,
//   - no cookie was set, no uncaught script error, no broken local asset,
// saves a full-page screenshot per width into screenshots/<name>-<width>.png,
// and checks that the home page and a case page work with JavaScript off.
//
// Run with `scripts/browser-test` (installs Chromium and node_modules, builds
// the site) or `node --test tests/browser/` once those are in place.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
// Where cargo puts the binary: CARGO_TARGET_DIR when set, as for `cargo build`.
const TARGET = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
const SITE_DIR = path.resolve(process.env.SITE_DIR ?? path.join(HERE, '..', '..', 'target', 'browser-site'));
const SCREENSHOT_DIR = path.join(HERE, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The network is closed here and Chromium otherwise keeps trying to reach
// Google. playwright-core itself adds --headless and a fresh temporary
// --user-data-dir (it refuses a --user-data-dir in args), removed on close.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { width: 1280, height: 800, isMobile: false, hasTouch: false },
  { width: 360, height: 740, isMobile: true, hasTouch: true }, // phone: honours <meta name=viewport>
];
const TEST_TIMEOUT = 60_000;

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

// ---------------------------------------------------------------- server

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(file) {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A static file server for `root`: `/x/` -> `/x/index.html`, 404 -> /404.html.
 * With a `mount` (`/sub/path/`), the site is served below it and nothing
 * else is: a host that publishes the site in a sub-folder.
 */
function createStaticServer(root, mount = '/') {
  const send = async (req, res, status, file) => {
    const body = await readFile(file);
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const notFound = async (req, res) => {
    const page = path.join(root, '404.html');
    if (await isFile(page)) return send(req, res, 404, page);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : '404 Not Found (and the site has no /404.html)\n');
  };

  return http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' });
        return res.end();
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      if (!url.pathname.startsWith(mount)) return notFound(req, res);
      let pathname;
      try {
        pathname = decodeURIComponent(`/${url.pathname.slice(mount.length)}`);
      } catch {
        return notFound(req, res);
      }
      let file = path.join(root, pathname);
      if (pathname.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) {
        return notFound(req, res);
      }
      if (pathname.endsWith('/')) {
        file = path.join(file, 'index.html');
      } else if (await isDirectory(file)) {
        // What static hosts do: /x -> /x/
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      if (!(await isFile(file))) return notFound(req, res);
      return send(req, res, 200, file);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`500 ${err}\n`);
    }
  });
}

// ---------------------------------------------------------------- setup

let server;
let origin; // http://127.0.0.1:<port>
let browser;

const isLocal = (u) => {
  const url = new URL(u);
  if (['data:', 'blob:', 'about:'].includes(url.protocol)) return true;
  return url.origin === origin;
};

before(
  async () => {
    assert.ok(
      existsSync(path.join(SITE_DIR, 'index.html')),
      `no site at ${SITE_DIR} (no index.html): build it with scripts/browser-test ` +
        'or set SITE_DIR',
    );
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: scripts/browser-test installs it`);
    server = createStaticServer(SITE_DIR);
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    origin = `http://127.0.0.1:${server.address().port}`;
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  },
  { timeout: TEST_TIMEOUT },
);

after(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A fresh context whose requests to any other host are recorded by the caller and aborted here. */
async function newContext(options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', deviceScaleFactor: 1, ...options });
  // Fail fast and never leak: nothing but the local server is reachable.
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
  return context;
}

/** The path of the first link on `pagePath` whose (resolved) path matches `re`. */
const linkCache = new Map();
function firstLinkMatching(pagePath, re) {
  const key = `${pagePath} ${re}`;
  if (!linkCache.has(key)) {
    linkCache.set(
      key,
      (async () => {
        const context = await newContext();
        try {
          const page = await context.newPage();
          const response = await page.goto(origin + pagePath);
          assert.equal(response?.status(), 200, `${pagePath} did not load`);
          // getAttribute, not .href: an SVG <a> (the map) has an SVGAnimatedString there.
          const hrefs = await page
            .locator('a[href]')
            .evaluateAll((as) => as.map((a) => new URL(a.getAttribute('href'), document.baseURI).href));
          for (const href of hrefs) {
            const url = new URL(href);
            if (url.origin === origin && re.test(url.pathname)) return url.pathname;
          }
          assert.fail(`no link on ${pagePath} matches ${re} (links: ${hrefs.slice(0, 40).join(' ')})`);
        } finally {
          await context.close();
        }
      })(),
    );
  }
  return linkCache.get(key);
}

const MUNICIPALITY_LINK = /^\/countries\/se\/\d+\/(index\.html)?$/;
const CASE_LINK = /^\/cases\/[a-z]{2}\/[a-z0-9][a-z0-9-]*\/(index\.html)?$/i;
const STUDY_LINK = /^\/research\/[a-z0-9][a-z0-9-]*\/(index\.html)?$/;

// ---------------------------------------------------------------- checks

const clip = (s, n = 300) => (s.length > n ? `${s.slice(0, n)}…` : s);

function formatViolations(violations) {
  return violations
    .map((v) =>
      [
        `  [${v.impact}] ${v.id}: ${v.help}`,
        `    ${v.helpUrl}`,
        ...v.nodes.flatMap((n) => [
          `    - target: ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ')}`,
          `      html:   ${clip(n.html.replace(/\s+/g, ' '))}`,
          ...(n.failureSummary
            ? [`      why:    ${clip(n.failureSummary.replace(/\s+/g, ' '), 400)}`]
            : []),
        ]),
      ].join('\n'),
    )
    .join('\n');
}

async function runAxe(page) {
  try {
    await page.addScriptTag({ content: AXE_SOURCE });
  } catch (err) {
    // A strict Content-Security-Policy (script-src 'self', which a static
    // site should have) blocks the injected inline script and addScriptTag
    // throws; evaluating through the DevTools protocol is not subject to it.
    if (!/Content Security Policy/i.test(String(err))) throw err;
  }
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/**
 * Opens `pagePath` at every width: axe, foreign requests, cookies, script
 * errors, broken local assets, screenshot. Reports every problem at once.
 */
async function auditPage(name, pagePath) {
  const problems = [];
  for (const { width, height, isMobile, hasTouch } of VIEWPORTS) {
    const where = `${pagePath} at ${width}px`;
    const context = await newContext({ viewport: { width, height }, isMobile, hasTouch });
    try {
      const page = await context.newPage();
      const requests = [];
      const pageErrors = [];
      const badResponses = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('websocket', (ws) => requests.push(ws.url()));
      page.on('pageerror', (err) => pageErrors.push(err.message));
      page.on('response', (r) => {
        if (r.status() >= 400 && isLocal(r.url()) && r.url() !== origin + pagePath) {
          badResponses.push(`${r.status()} ${r.url()}`);
        }
      });

      const response = await page.goto(origin + pagePath, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, `${where}: HTTP ${response?.status()}`);
      // Let scripts that fetch data (search index) finish before auditing.
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});

      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });

      const violations = await runAxe(page);
      if (violations.length) {
        problems.push(
          `axe: ${violations.length} WCAG A/AA violation(s) on ${where}:\n${formatViolations(violations)}`,
        );
      }

      const foreign = [...new Set(requests.filter((u) => !isLocal(u)))];
      if (foreign.length) {
        problems.push(`${where} requested other hosts than ${origin}:\n${foreign.map((u) => `  - ${u}`).join('\n')}`);
      }
      const cookies = await context.cookies();
      if (cookies.length) {
        problems.push(
          `${where} set cookies:\n${cookies.map((c) => `  - ${c.name} (${c.domain}${c.path})`).join('\n')}`,
        );
      }
      if (pageErrors.length) {
        problems.push(`${where} threw script errors:\n${pageErrors.map((e) => `  - ${e}`).join('\n')}`);
      }
      if (badResponses.length) {
        problems.push(`${where} has broken local assets:\n${badResponses.map((r) => `  - ${r}`).join('\n')}`);
      }
    } finally {
      await context.close();
    }
  }
  if (problems.length) assert.fail(problems.join('\n\n'));
}

/** With JavaScript off the page still has a visible <h1> and a non-empty <main>. */
async function checkWithoutJavaScript(pagePath) {
  const context = await newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const response = await page.goto(origin + pagePath, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, `${pagePath} without JavaScript: HTTP ${response?.status()}`);
    const h1 = page.locator('h1');
    const main = page.locator('main');
    assert.ok((await h1.count()) >= 1, `${pagePath} without JavaScript: no <h1>`);
    assert.ok((await main.count()) >= 1, `${pagePath} without JavaScript: no <main>`);
    assert.ok(await h1.first().isVisible(), `${pagePath} without JavaScript: the <h1> is not visible`);
    const mainText = (await main.first().innerText()).trim();
    assert.ok(mainText.length > 0, `${pagePath} without JavaScript: <main> has no visible text`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- tests

const opts = { timeout: TEST_TIMEOUT };

test('home page / is accessible, local-only, cookie-free', opts, () => auditPage('home', '/'));

test('country page /countries/se/ is accessible, local-only, cookie-free', opts, () =>
  auditPage('country-se', '/countries/se/'),
);

test('municipality page (first linked from /countries/se/) is accessible, local-only, cookie-free', opts, async () =>
  auditPage('municipality', await firstLinkMatching('/countries/se/', MUNICIPALITY_LINK)),
);

test('case page (first linked from /) is accessible, local-only, cookie-free', opts, async () =>
  auditPage('case', await firstLinkMatching('/', CASE_LINK)),
);

test('search page /search/ is accessible, local-only, cookie-free', opts, () => auditPage('search', '/search/'));

test('research list /research/ is accessible, local-only, cookie-free', opts, () => auditPage('research', '/research/'));

test('study page (first linked from /research/) is accessible, local-only, cookie-free', opts, async () =>
  auditPage('study', await firstLinkMatching('/research/', STUDY_LINK)),
);

for (const [name, pagePath] of [
  ['about', '/about/'],
  ['accessibility', '/accessibility/'],
  ['privacy', '/privacy/'],
]) {
  test(`${name} page ${pagePath} is accessible, local-only, cookie-free`, opts, () => auditPage(name, pagePath));
}

test('home page works without JavaScript', opts, () => checkWithoutJavaScript('/'));

test('case page works without JavaScript', opts, async () =>
  checkWithoutJavaScript(await firstLinkMatching('/', CASE_LINK)),
);

// ---------------------------------------------------------------- served at any path

test('one build works served at the root and below a sub-path: CSS, links and search', opts, async () => {
  const mount = '/sub/path/';
  const nested = createStaticServer(SITE_DIR, mount);
  await new Promise((resolve, reject) => {
    nested.once('error', reject);
    nested.listen(0, '127.0.0.1', resolve);
  });
  const nestedOrigin = `http://127.0.0.1:${nested.address().port}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route((url) => new URL(url).origin !== origin && new URL(url).origin !== nestedOrigin, (route) =>
    route.abort('blockedbyclient'),
  );
  try {
    for (const base of [`${origin}/`, `${nestedOrigin}${mount}`]) {
      const page = await context.newPage();
      const failed = [];
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      await page.goto(base);
      // The stylesheet applied: it moves the skip link above the screen.
      const skipTop = await page.locator('.skip-link').evaluate((a) => a.getBoundingClientRect().top);
      assert.ok(skipTop < 0, `${base}: the stylesheet did not apply`);
      // Every link on the home page that stays on the site stays below the base.
      // getAttribute, not .href: an SVG <a> (the map) has an SVGAnimatedString there.
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => new URL(a.getAttribute('href'), document.baseURI).href));
      const local = hrefs.filter((h) => new URL(h).origin === new URL(base).origin);
      assert.ok(local.length > 10, `${base}: ${local.length} local links`);
      for (const href of local) assert.ok(href.startsWith(base), `${base}: a link leaves the site: ${href}`);
      // A case page and back, by following links.
      await page.locator('a[href*="cases/"]').first().click();
      assert.match(page.url(), new RegExp(`^${base}cases/[a-z]{2}/[a-z0-9-]+/$`), `${base}: the case link`);
      await page.locator('.site-header nav a').first().click();
      assert.equal(page.url(), `${base}countries/`, `${base}: the navigation from a case page`);
      // Search from the form: results link to case pages below the base.
      await page.goto(`${base}search/?q=${encodeURIComponent(SEARCH_QUERY)}`);
      const first = page.locator('.search-list > li h3 a').first();
      await first.waitFor({ timeout: 10_000 });
      const result = await first.evaluate((a) => a.href);
      assert.ok(result.startsWith(`${base}cases/`), `${base}: a search result links to ${result}`);
      assert.deepEqual(failed, [], `${base}: broken requests`);
      await page.close();
    }
  } finally {
    await context.close();
    nested.closeAllConnections?.();
    await new Promise((resolve) => nested.close(resolve));
  }
});

// ---------------------------------------------------------------- paged lists

test('a paged list has every case exactly once across its pages, at most 50 a page', { timeout: 300_000 }, async () => {
  // The shipped catalogue has no list over 50: a generated one of 200
  // cases (one category each, about 67 a category) has.
  const synthetic = path.join(TARGET, 'debug', 'examples', 'synthetic');
  const binary = path.join(TARGET, 'debug', 'catalogue');
  if (!existsSync(synthetic) || !existsSync(binary)) {
    execFileSync('cargo', ['build', '--quiet', '--bin', 'catalogue', '--example', 'synthetic'], { cwd: REPO, stdio: 'inherit' });
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'catalogue-paged-'));
  const site = path.join(work, 'site');
  execFileSync(synthetic, ['200', path.join(work, 'catalogue'), '7']);
  execFileSync(binary, ['build', '--catalogue', path.join(work, 'catalogue'), '--theme', path.join(REPO, 'themes', 'default'),
    '--out', site, '--base-url', 'http://localhost/'], { stdio: 'ignore' });
  const paged = createStaticServer(site);
  await new Promise((resolve, reject) => {
    paged.once('error', reject);
    paged.listen(0, '127.0.0.1', resolve);
  });
  const pagedOrigin = `http://127.0.0.1:${paged.address().port}`;
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const cases = JSON.parse(await readFile(path.join(site, 'data', 'cases.json'), 'utf8'));
    const page = await context.newPage();
    const problems = [];
    for (const category of ['internal', 'external', 'ai']) {
      const expected = cases.filter((c) => c.categories.includes(category)).map((c) => `/cases/${c.id}/`).sort();
      assert.ok(expected.length > 50, `${category}: ${expected.length} cases, not enough for two pages`);
      const seen = [];
      let pages = 0;
      await page.goto(`${pagedOrigin}/categories/${category}/`);
      for (;;) {
        pages += 1;
        const shown = await page.locator('.case-card h3 a').evaluateAll((links) => links.map((a) => a.pathname));
        assert.ok(shown.length <= 50, `${page.url()}: ${shown.length} cards`);
        seen.push(...shown);
        if (pages === 2) {
          const violations = await runAxe(page);
          if (violations.length) problems.push(`${page.url()}:\n${formatViolations(violations)}`);
        }
        const next = page.locator('a[rel="next"]');
        if (!(await next.count())) break;
        await next.first().click();
        await page.waitForURL(new RegExp(`/categories/${category}/page/${pages + 1}/$`));
      }
      assert.equal(pages, Math.ceil(expected.length / 50), `${category}: the number of pages`);
      assert.deepEqual(seen.sort(), expected, `${category}: every case once across the pages`);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  } finally {
    await context.close();
    paged.closeAllConnections?.();
    await new Promise((resolve) => paged.close(resolve));
    await rm(work, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- languages

test('the language switch on a case page lands on the same case, with the interface translated', opts, async () => {
  const casePath = await firstLinkMatching('/', CASE_LINK);
  const context = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(origin + casePath);
    const title = await page.locator('h1').innerText();
    const steps = [
      { name: 'Svenska', folder: 'sv/', lang: 'sv', skip: 'Hoppa till innehållet' },
      { name: 'Suomi', folder: 'fi/', lang: 'fi', skip: 'Siirry sisältöön' },
      { name: 'English', folder: '', lang: 'en', skip: 'Skip to content' },
    ];
    for (const { name, folder, lang, skip } of steps) {
      // One control on a phone: the list opens from it.
      await page.locator('.language-switch summary').click();
      await page.locator('.language-switch a', { hasText: name }).click();
      await page.waitForURL(`${origin}/${folder}${casePath.slice(1)}`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang, `${name}: <html lang>`);
      assert.equal(await page.locator('.skip-link').innerText(), skip, `${name}: the interface`);
      assert.equal(await page.locator('h1').innerText(), title, `${name}: the same case`);
      const current = page.locator('.language-switch a[aria-current="true"]');
      assert.equal(await current.getAttribute('lang'), lang, `${name}: the switch marks the page's language`);
    }
  } finally {
    await context.close();
  }
});

test('search on a Swedish page links to the Swedish case pages, with Swedish labels', opts, async () => {
  const context = await newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/sv/search/?country=SE`);
    const first = page.locator('.search-list > li').first();
    await first.waitFor({ timeout: 10_000 });
    const href = await first.locator('h3 a').getAttribute('href');
    assert.match(href, /^\/sv\/cases\/se\/[a-z0-9-]+\/$/, 'a result links to the Swedish page');
    assert.match(await first.locator('.meta').innerText(), /Sverige/, 'the country in Swedish');
    const option = await page.locator('#search-country option[value="SE"]').innerText();
    assert.match(option, /^Sverige \(\d+\)$/, 'the filter in Swedish');
    // Sorted by title, the page sorts the titles it shows, from its own file.
    const requested = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${origin}/sv/search/?sort=title`);
    await page.locator('.search-list > li').first().waitFor({ timeout: 10_000 });
    assert.ok(requested.includes('/search/sort/title.sv.json'), `requested: ${requested.join(' ')}`);
    assert.ok(!requested.includes('/search/sort/title.json'), 'the English titles were loaded');
    await page.locator('.search-list > li h3 a').first().click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
  } finally {
    await context.close();
  }
});

test('every page kind has no WCAG A/AA violation in three languages, at 1280 and 360 px', { timeout: 600_000 }, async () => {
  const kinds = await everyPageKind();
  const problems = [];
  for (const { width, height, isMobile, hasTouch } of VIEWPORTS) {
    const context = await newContext({ viewport: { width, height }, isMobile, hasTouch });
    try {
      const page = await context.newPage();
      for (const folder of ['', 'sv/', 'fi/']) {
        for (const kind of kinds) {
          const pagePath = `/${folder}${kind.slice(1)}`;
          const response = await page.goto(origin + pagePath, { waitUntil: 'load' });
          if (response?.status() !== 200) {
            problems.push(`${pagePath}: HTTP ${response?.status()}`);
            continue;
          }
          await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
          const violations = await runAxe(page);
          if (violations.length) {
            problems.push(`${pagePath} at ${width}px:\n${formatViolations(violations)}`);
          }
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scrollWidth > width) problems.push(`${pagePath} at ${width}px scrolls sideways (${scrollWidth} px)`);
        }
      }
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(problems, [], problems.join('\n\n'));
});

// ---------------------------------------------------------------- keyboard

test('the map costs at most one Tab stop; its links are in the table below it', opts, async () => {
  const context = await newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(origin + '/', { waitUntil: 'load' });
    const dots = await page.locator('svg.map a').count();
    assert.ok(dots > 5, `the home map has ${dots} dots`);
    // Tab through the whole page: focus never lands inside the map.
    let stops = 0;
    let inMap = 0;
    let summary = false;
    for (; stops < 400; stops++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return 'body';
        if (element.closest('svg.map')) return 'map';
        if (element.matches('.map-data summary')) return 'summary';
        return 'other';
      });
      if (where === 'body') break;
      if (where === 'map') inMap++;
      if (where === 'summary') summary = true;
    }
    assert.equal(inMap, 0, 'Tab stops inside the map');
    assert.ok(summary, 'the table of the map is reachable by Tab');
    assert.ok(stops < 400, 'focus came back to the page');
  } finally {
    await context.close();
  }
});

test('every map marker is a target of at least 24 x 24 px, none overlapping (WCAG 2.5.8)', opts, async () => {
  const problems = [];
  for (const pagePath of ['/', '/countries/se/', '/countries/dk/']) {
    for (const width of [1280, 360, 320]) {
      const context = await newContext({ viewport: { width, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto(origin + pagePath, { waitUntil: 'load' });
        // In view, so that a point of it can be hit.
        await page.locator('svg.map').scrollIntoViewIfNeeded();
        const targets = await page.evaluate(() =>
          [...document.querySelectorAll('svg.map a')]
            .filter((a) => a.getClientRects().length > 0)
            .map((a) => {
              const box = a.querySelector('.target').getBoundingClientRect();
              return { href: a.getAttribute('href'), x: box.x + box.width / 2, y: box.y + box.height / 2, w: box.width, h: box.height };
            }),
        );
        const where = `${pagePath} at ${width}px`;
        if (targets.length === 0) problems.push(`${where}: no marker is shown`);
        for (const [i, a] of targets.entries()) {
          if (a.w < 23.99 || a.h < 23.99) problems.push(`${where}: ${a.href} is ${a.w.toFixed(1)} x ${a.h.toFixed(1)} px`);
          for (const b of targets.slice(i + 1)) {
            if (Math.hypot(a.x - b.x, a.y - b.y) < (a.w + b.w) / 2 - 0.5) problems.push(`${where}: ${a.href} and ${b.href} overlap`);
          }
        }
        // The target itself takes the pointer: a point near its edge, off
        // the small visible dot, is inside the marker's link.
        const first = targets[0];
        if (first) {
          const hit = await page.evaluate(
            ({ x, y }) => document.elementFromPoint(x, y)?.closest('a')?.getAttribute('href') ?? null,
            { x: first.x + first.w / 2 - 2, y: first.y },
          );
          if (hit !== first.href) problems.push(`${where}: the edge of ${first.href}'s target hits ${hit}`);
        }
      } finally {
        await context.close();
      }
    }
  }
  assert.deepEqual(problems, []);
});

// ---------------------------------------------------------------- reflow (WCAG 1.4.10)

/** One page of every kind, as paths below the site root. */
async function everyPageKind() {
  return [
    '/',
    '/countries/',
    '/countries/se/',
    await firstLinkMatching('/countries/se/', MUNICIPALITY_LINK),
    '/municipalities/',
    '/municipalities/co-operation/',
    '/municipalities/sparsely-populated/',
    '/categories/',
    '/categories/internal/',
    '/service-areas/',
    '/cooperation/',
    '/cooperation/host-municipality/',
    '/bodies/',
    '/bodies/ax-kst/',
    await firstLinkMatching('/', CASE_LINK),
    '/research/',
    '/research/countries/se/',
    await firstLinkMatching('/research/', STUDY_LINK),
    '/search/',
    '/search/?q=digital',
    '/about/',
    '/accessibility/',
    '/privacy/',
    '/contribute/',
  ];
}

test('no page is wider than a 320 px screen (WCAG reflow), in four languages', { timeout: 400_000 }, async () => {
  const context = await newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const wide = [];
  try {
    const page = await context.newPage();
    // Finnish and Icelandic have the longest words of the site's languages.
    const kinds = await everyPageKind();
    const every = ['', 'sv/', 'fi/', 'is/'].flatMap((folder) => kinds.map((kind) => `/${folder}${kind.slice(1)}`));
    for (const pagePath of every) {
      const response = await page.goto(origin + pagePath, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, `${pagePath}: HTTP ${response?.status()}`);
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) {
        const culprits = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > 321 && !e.closest('.table-scroll, [data-scroll]'))
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} (${Math.round(e.getBoundingClientRect().right)} px)`),
        );
        wide.push(`${pagePath}: ${width} px wide; ${culprits.join(', ')}`);
      }
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(wide, [], `pages that scroll sideways at 320 px:\n${wide.join('\n')}`);
});

// ---------------------------------------------------------------- search with a query

/** `catalogue search` (the reference engine) as [{ id, title, country, score }]. */
function catalogueSearch(query, ...args) {
  const binary = path.join(TARGET, 'debug', 'catalogue');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--quiet'], { cwd: REPO, stdio: 'inherit' });
  const out = execFileSync(binary, ['search', query, '--limit', '1000', '--format', 'json', ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

const SEARCH_QUERY = 'ekonomiskt bistånd';

test('search page with a query shows what catalogue search finds, with filters, accessibly', opts, async () => {
  const expected = catalogueSearch(SEARCH_QUERY);
  assert.ok(expected.length > 1, `catalogue search "${SEARCH_QUERY}" should find several cases`);
  const inSweden = catalogueSearch(SEARCH_QUERY, '--country', 'SE');
  const problems = [];
  for (const { width, height, isMobile, hasTouch } of VIEWPORTS) {
    const where = `/search/?q=${SEARCH_QUERY} at ${width}px`;
    const context = await newContext({ viewport: { width, height }, isMobile, hasTouch });
    try {
      const page = await context.newPage();
      const requests = [];
      const pageErrors = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (err) => pageErrors.push(err.message));
      const response = await page.goto(`${origin}/search/?q=${encodeURIComponent(SEARCH_QUERY)}`);
      assert.equal(response?.status(), 200, `${where}: HTTP ${response?.status()}`);

      const results = page.locator('.search-list > li');
      await results.first().waitFor({ timeout: 10_000 });
      const href = await results.first().locator('h3 a').getAttribute('href');
      assert.equal(new URL(href, origin).pathname, `/cases/${expected[0].id}/`, `${where}: the first result`);
      assert.equal(await results.count(), Math.min(expected.length, 20), `${where}: the number of results shown`);
      const announced = await page.locator('#search-results').innerText();
      assert.match(announced, new RegExp(`\\b${expected.length} results\\b`), `${where}: the live region`);
      // The filters fold away on a phone, behind one control, and are open
      // beside the results on a wide screen.
      const panel = page.locator('details.search-filter-panel');
      assert.equal(await panel.evaluate((d) => d.open), width >= 832, `${where}: the filter panel's state`);
      if (width < 832) {
        const top = await results.first().evaluate((li) => li.getBoundingClientRect().top + window.scrollY);
        assert.ok(top < 700, `${where}: the first result is ${Math.round(top)} px down`);
        await panel.locator('summary').click();
      }
      assert.ok(await page.locator('fieldset.search-filters').isVisible(), `${where}: no filters showing`);
      assert.ok((await page.locator('.search-list mark').count()) > 0, `${where}: no matched word is marked`);
      // Each card says what matched it, as catalogue search does.
      const why = await results.first().locator('.search-matched').innerText();
      const first = expected[0].matched[0];
      assert.ok(
        why.startsWith('Matched: ') && why.includes(first.label ?? first.word),
        `${where}: what matched the first result: ${why}`,
      );

      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `search-results-${width}.png`), fullPage: true });
      const violations = await runAxe(page);
      if (violations.length) {
        problems.push(`axe: ${violations.length} WCAG A/AA violation(s) on ${where}:\n${formatViolations(violations)}`);
      }

      // A filter narrows the results as `--country SE` does and goes into the address.
      await page.locator('#search-country').selectOption('SE');
      await page.waitForFunction(
        (n) => document.querySelectorAll('.search-list > li').length === n,
        Math.min(inSweden.length, 20),
        { timeout: 10_000 },
      );
      const firstInSweden = await results.first().locator('h3 a').getAttribute('href');
      assert.equal(new URL(firstInSweden, origin).pathname, `/cases/${inSweden[0].id}/`, `${where}: with country=SE`);
      assert.equal(new URL(page.url()).searchParams.get('country'), 'SE', `${where}: the filter is not in the address`);
      assert.equal(new URL(page.url()).searchParams.get('q'), SEARCH_QUERY, `${where}: the query is not in the address`);

      const foreign = [...new Set(requests.filter((u) => !isLocal(u)))];
      if (foreign.length) problems.push(`${where} requested other hosts:\n${foreign.map((u) => `  - ${u}`).join('\n')}`);
      if (pageErrors.length) problems.push(`${where} threw script errors:\n${pageErrors.map((e) => `  - ${e}`).join('\n')}`);
    } finally {
      await context.close();
    }
  }
  if (problems.length) assert.fail(problems.join('\n\n'));
});

// The facet columns are most of a query's bytes at scale (issue 20): a
// query fetches facets.json only while the filter panel shows its counts,
// and places.json (municipalities, bodies) only once a hand reaches for a
// filter; the counts then agree with what each choice gives.
test('a query fetches the filter columns only when the filters show, the place columns only when reached for', opts, async () => {
  for (const width of [360, 1280]) {
    const context = await newContext({ viewport: { width, height: 800 } });
    try {
      const page = await context.newPage();
      const pageErrors = [];
      const fetched = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      const got = (file) => fetched.includes(`/search/${file}`);
      const options = (id) => page.locator(`#search-${id} option`);
      await page.goto(`${origin}/search/?q=${encodeURIComponent(SEARCH_QUERY)}`);
      await page.locator('.search-list > li').first().waitFor({ timeout: 10_000 });
      const where = `${SEARCH_QUERY} at ${width} px`;
      assert.equal(got('facets.json'), width >= 832, `${where}: facets.json is fetched exactly when the panel is open`);
      assert.ok(!got('places.json'), `${where}: places.json before any hand on a filter`);
      assert.equal(await options('municipality').count(), 1, `${where}: the municipality filter waits for its column`);
      if (width < 832) {
        await page.locator('details.search-filter-panel summary').click();
        await page.waitForFunction(() => document.querySelectorAll('#search-country option').length > 1, null, { timeout: 10_000 });
        assert.ok(got('facets.json') && !got('places.json'), `${where}: opening the panel fetches the small columns alone`);
      }
      await page.locator('#search-municipality').hover();
      await page.waitForFunction(() => document.querySelectorAll('#search-municipality option').length > 1, null, { timeout: 10_000 });
      assert.ok(got('places.json'), `${where}: reaching for a filter fetches places.json`);
      assert.equal(await page.locator('#search-municipality').getAttribute('aria-busy'), null);
      // A municipality's count is what choosing it gives.
      const option = options('municipality').nth(1);
      const [value, label] = [await option.getAttribute('value'), await option.innerText()];
      const n = Number(label.match(/\((\d+)\)$/)[1]);
      assert.ok(n > 0, `${where}: ${label}`);
      await page.locator('#search-municipality').selectOption(value);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.search-list > li').length === Math.min(n, 20) && new URLSearchParams(location.search).has('municipality'),
        n,
        { timeout: 10_000 },
      );
      assert.match(await page.locator('#search-results').innerText(), new RegExp(`\\b${n} results?\\b`), `${where}: ${label}`);
      assert.deepEqual(pageErrors, [], where);
    } finally {
      await context.close();
    }
  }
});

// ---------------------------------------------------------------- browsing without a word

test('filters without a word list every matching case and study, and survive a reload', opts, async () => {
  const cases = JSON.parse(await readFile(path.join(SITE_DIR, 'data', 'cases.json'), 'utf8'));
  const studies = JSON.parse(await readFile(path.join(SITE_DIR, 'data', 'studies.json'), 'utf8'));
  const norwegianCases = cases.filter((c) => c.country === 'NO').map((c) => `/cases/${c.id}/`);
  assert.ok(norwegianCases.length > 1, 'the site has several Norwegian cases');
  // The studies that cover Norway come after the cases (issue 23).
  const norwegianStudies = studies.filter((s) => s.countries.includes('NO')).map((s) => `/research/${s.key}/`);
  assert.ok(norwegianStudies.length > 0, 'the site has studies that cover Norway');
  const norwegian = [...norwegianCases, ...norwegianStudies].sort();
  const context = await newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    for (const load of [() => page.goto(`${origin}/search/?country=NO`), () => page.reload()]) {
      await load();
      await page.waitForFunction(
        (n) => document.querySelectorAll('.search-list > li').length === n,
        Math.min(norwegian.length, 20),
        { timeout: 10_000 },
      );
      const shown = (await page.locator('.search-list > li h3 a').evaluateAll((links) => links.map((a) => a.pathname))).sort();
      assert.deepEqual(shown, norwegian.slice(0, 20));
      const announced = await page.locator('#search-results').innerText();
      assert.match(announced, new RegExp(`\\b${norwegian.length} results\\b`));
      assert.equal(await page.locator('#search-country').inputValue(), 'NO');
      assert.equal(new URL(page.url()).searchParams.get('country'), 'NO');
      assert.equal(new URL(page.url()).searchParams.get('q'), null);
    }
    // Clearing the filter with no word leaves the page as it was at first: every case.
    await page.locator('.search-filters button').click();
    await page.waitForFunction(
      (n) => document.getElementById('search-results').innerText.includes(`${n} results`),
      cases.length,
      { timeout: 10_000 },
    );
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await page.locator('#search-country').inputValue(), '');
    // Studies alone, each card saying it is a study.
    await page.locator('#search-type').selectOption('study');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.search-list > li').length === n,
      Math.min(studies.length, 20),
      { timeout: 10_000 },
    );
    assert.equal(new URL(page.url()).searchParams.get('type'), 'study');
    const cards = await page.locator('.search-list > li').evaluateAll((items) =>
      items.map((li) => [li.querySelector('h3 a').pathname, li.querySelector('.search-type')?.textContent]),
    );
    for (const [link, type] of cards) {
      assert.match(link, /^\/research\/[a-z0-9-]+\/$/);
      assert.equal(type, 'Study');
    }
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

/** The case paths the search page lists, in order. */
const listed = (page) => page.locator('.search-list > li h3 a').evaluateAll((links) => links.map((a) => a.pathname));

/** Waits until the listing's first links are `paths`. */
async function waitForListing(page, paths) {
  await page.waitForFunction(
    (want) => {
      const got = [...document.querySelectorAll('.search-list > li h3 a')].map((a) => a.pathname);
      return got.length === want.length && got.every((p, i) => p === want[i]);
    },
    paths,
    { timeout: 10_000 },
  );
}

test('with no word and no filter every case is listed, newest first, sortable by title, and the order survives reload and back', opts, async () => {
  const cases = JSON.parse(await readFile(path.join(SITE_DIR, 'data', 'cases.json'), 'utf8'));
  assert.ok(cases.length > 20, 'the shipped catalogue has more than one page of cases');
  const url = (c) => `/cases/${c.id}/`;
  // Most recently reviewed first, equal dates in catalogue order (the order of cases.json).
  const newest = cases
    .map((c, i) => [c, i])
    .sort((a, b) => (a[0].reviewed < b[0].reviewed) - (a[0].reviewed > b[0].reviewed) || a[1] - b[1])
    .map(([c]) => url(c));
  const collator = new Intl.Collator('en');
  const byTitle = [...cases].map((c, i) => [c, i]).sort((a, b) => collator.compare(a[0].title, b[0].title) || a[1] - b[1]).map(([c]) => url(c));
  assert.notDeepEqual(byTitle, newest, 'the title order differs from the default one');
  const context = await newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    const fetched = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(`${origin}/search/`);
    await waitForListing(page, newest.slice(0, 20));
    assert.match(await page.locator('#search-results').innerText(), new RegExp(`\\b${cases.length} results\\b`));
    assert.equal(await page.locator('#search-sort').inputValue(), 'reviewed');
    // The first state needs neither the facet table nor a sort file.
    assert.ok(fetched.includes('/search/browse.json'), fetched.join(' '));
    assert.ok(!fetched.some((p) => p.endsWith('/facets.json') || p.includes('/search/sort/')), fetched.join(' '));
    // The unfiltered counts: every country's count is its number of cases.
    for (const country of new Set(cases.map((c) => c.country))) {
      const n = cases.filter((c) => c.country === country).length;
      assert.match(await page.locator(`#search-country option[value="${country}"]`).innerText(), new RegExp(`\\(${n}\\)$`));
    }
    await page.locator('.search-more').click();
    await waitForListing(page, newest);
    assert.ok(await page.locator('.search-more').isHidden());

    await page.locator('#search-sort').selectOption('title');
    await waitForListing(page, byTitle.slice(0, 20));
    assert.equal(new URL(page.url()).searchParams.get('sort'), 'title');
    await page.reload();
    await waitForListing(page, byTitle.slice(0, 20));
    assert.equal(await page.locator('#search-sort').inputValue(), 'title');
    // Back to the default order, then forward to the title order again.
    await page.goBack();
    await waitForListing(page, newest.slice(0, 20));
    assert.equal(new URL(page.url()).searchParams.get('sort'), null);
    assert.equal(await page.locator('#search-sort').inputValue(), 'reviewed');
    await page.goForward();
    await waitForListing(page, byTitle.slice(0, 20));
    // With a word, relevance is offered and is the default.
    await page.goto(`${origin}/search/?q=digital`);
    await page.waitForFunction(() => document.querySelectorAll('.search-list > li').length > 0, null, { timeout: 10_000 });
    assert.equal(await page.locator('#search-sort').inputValue(), 'relevance');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

test('the co-operation form and body facets narrow the listing with the right counts', opts, async () => {
  const cases = JSON.parse(await readFile(path.join(SITE_DIR, 'data', 'cases.json'), 'utf8'));
  const forms = new Map();
  for (const c of cases) forms.set(c.cooperation, (forms.get(c.cooperation) || 0) + 1);
  const [form, count] = [...forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  assert.ok(count > 1 && count < cases.length, 'one co-operation form is shared by some cases, not all');
  const context = await newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${origin}/search/`);
    await page.waitForFunction(() => document.querySelectorAll('.search-list > li').length === 20, null, { timeout: 10_000 });
    for (const [value, n] of forms) {
      assert.match(await page.locator(`#search-cooperation option[value="${value}"]`).innerText(), new RegExp(`\\(${n}\\)$`), value);
    }
    assert.equal(await page.locator('label[for="search-cooperation"]').innerText(), 'Form of co-operation');
    await page.locator('#search-cooperation').selectOption(form);
    const expected = cases.filter((c) => c.cooperation === form).map((c) => `/cases/${c.id}/`);
    await waitForListing(page, expected);
    assert.match(await page.locator('#search-results').innerText(), new RegExp(`\\b${count} results\\b`));
    assert.equal(new URL(page.url()).searchParams.get('cooperation'), form);
    // The country counts are now those of this form's cases alone.
    const swedish = cases.filter((c) => c.cooperation === form && c.country === 'SE').length;
    if (swedish) assert.match(await page.locator('#search-country option[value="SE"]').innerText(), new RegExp(`\\(${swedish}\\)$`));
    await page.reload();
    await waitForListing(page, expected);
    assert.equal(await page.locator('#search-cooperation').inputValue(), form);

    // Bodies: the one named by most cases narrows to exactly those.
    const bodies = new Map();
    for (const c of cases) for (const b of c.bodies) bodies.set(b.id, [...(bodies.get(b.id) || []), `/cases/${c.id}/`]);
    const [body, named] = [...bodies].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
    await page.goto(`${origin}/search/?body=${body}`);
    await waitForListing(page, named);
    assert.equal(await page.locator('#search-body').inputValue(), body);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------- propose a case

// Later than any shipped case's review, so `check` of the copy passes.
const FORM_DAY = new Date('2030-01-15T12:00:00');

/** A page of the form with the clock fixed, so `reviewed` is known. */
async function formPage(context, pagePath = '/contribute/') {
  const page = await context.newPage();
  await page.clock.setFixedTime(FORM_DAY);
  await page.goto(origin + pagePath, { waitUntil: 'load' });
  await page.waitForSelector('#contribute:not([hidden])');
  await page.waitForFunction(() => !document.getElementById('f-municipalities').disabled);
  return page;
}

/** Press Tab until `selector` has the focus: it is reachable by keyboard. */
async function tabTo(page, selector, limit = 150) {
  for (let presses = 0; presses < limit; presses++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} was not reached with ${limit} presses of Tab`);
}

/** The answers a representative gives, typed with the keyboard alone. */
async function fillByKeyboard(page) {
  await tabTo(page, '#f-title');
  await page.keyboard.type('Shared family counselling in Ostrobothnia: råd, hjälp och stöd');
  await tabTo(page, '#f-summary');
  await page.keyboard.type('Two municipalities share one family counsellor through video meetings. Families in the archipelago no longer travel to the mainland.');
  await tabTo(page, '#f-country');
  await page.keyboard.type('Finland'); // a closed <select> picks the option typed
  assert.equal(await page.inputValue('#f-country'), 'FI');
  await tabTo(page, '#f-municipalities');
  await page.keyboard.type('Korsholm');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Vörå');
  await page.keyboard.press('Enter');
  await tabTo(page, '#categories-internal');
  await page.keyboard.press('Space');
  await tabTo(page, '#categories-external');
  await page.keyboard.press('Space');
  await tabTo(page, '#service_areas-families');
  await page.keyboard.press('Space');
  await tabTo(page, 'input[name="cooperation"]');
  await page.keyboard.press('Space');
  await tabTo(page, 'input[name="status"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, '#f-started');
  await page.keyboard.type('2023-09-01');
  await tabTo(page, '#f-source-1-title');
  await page.keyboard.type('Familjerådgivning på distans (Korsholms kommun)');
  await tabTo(page, '#f-source-1-url');
  await page.keyboard.type('https://www.korsholm.fi/familjeradgivning');
  await tabTo(page, '#f-section-0');
  await page.keyboard.type('Skärgårdens familjer hade långt till rådgivningen.\nÖver 40 km med färja.');
  await tabTo(page, '#f-section-1');
  await page.keyboard.type('Kommunerna delar en rådgivare som träffar familjer på video.');
  await tabTo(page, '#f-section-2');
  await page.keyboard.type('Väntetiden blev kortare, enligt kommunen.');
  await tabTo(page, '#f-section-3');
  await page.keyboard.type('Boka tekniken innan rådgivaren anställs.');
}

test('the form, filled by keyboard alone, writes a case file that catalogue check accepts, the bytes catalogue new writes for the same answers', { timeout: 120_000 }, async () => {
  const context = await newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  try {
    const page = await formPage(context);
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await fillByKeyboard(page);
    const preview = await page.textContent('#result-preview');
    assert.match(preview, /^municipalities = \["Mustasaari", "Vöyri"\]$/m, 'Korsholm is written as the register names it');
    assert.match(preview, /^categories = \["internal", "external"\]$/m);
    assert.match(preview, /^reviewed = 2030-01-15$/m);
    await tabTo(page, '#take-download');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const file = await readFile(await download.path(), 'utf8');
    assert.equal(file, preview, 'the downloaded file is the one shown');
    assert.equal(download.suggestedFilename(), 'shared-family-counselling-in-ostrobothnia-rad-hjalp-och-stod.md');
    assert.match(file, /Över 40 km med färja\./);
    assert.deepEqual(errors, []);

    // The file passes `catalogue check` in a copy of the shipped catalogue.
    const binary = path.join(TARGET, 'debug', 'catalogue');
    if (!existsSync(binary)) execFileSync('cargo', ['build', '--quiet'], { cwd: REPO, stdio: 'inherit' });
    const work = await mkdtemp(path.join(os.tmpdir(), 'catalogue-form-'));
    try {
      execFileSync('cp', ['-r', path.join(REPO, 'examples-catalogue'), path.join(work, 'catalogue')]);
      const target = path.join(work, 'catalogue', 'cases', 'FI', download.suggestedFilename());
      await writeFile(target, file);
      const env = { ...process.env, CATALOGUE_TODAY: '2030-01-15', NO_COLOR: '1' };
      execFileSync(binary, ['check', '--catalogue', path.join(work, 'catalogue'), '--format', 'short'], { env, encoding: 'utf8' });

      // The same answers to `catalogue new`, asked one by one, give the same bytes.
      const picked = (key) => file.match(new RegExp(`^${key} = "([^"]+)"$`, 'm'))[1];
      const answers = [
        'Shared family counselling in Ostrobothnia: råd, hjälp och stöd',
        'same-answers', // the slug
        'FI',
        'Korsholm', 'Vörå', '', // municipalities, by the names typed in the form
        '', // no body
        'internal, external',
        'families',
        picked('cooperation'),
        picked('status'),
        '', // evaluation
        '2023-09-01',
        '', // ended
        '', // the body's language: English
        '', // no title in the case's own language
        'Two municipalities share one family counsellor through video meetings. Families in the archipelago no longer travel to the mainland.',
        '', // organisations
        '', // tags
        'Familjerådgivning på distans (Korsholms kommun)', 'https://www.korsholm.fi/familjeradgivning', '',
        '', // no contact
        '', // no translation
        'Skärgårdens familjer hade långt till rådgivningen.', 'Över 40 km med färja.', '.',
        'Kommunerna delar en rådgivare som träffar familjer på video.', '.',
        'Väntetiden blev kortare, enligt kommunen.', '.',
        'Boka tekniken innan rådgivaren anställs.', '.',
      ];
      execFileSync('cp', ['-r', path.join(REPO, 'examples-catalogue'), path.join(work, 'asked')]);
      execFileSync(binary, ['new', '--catalogue', path.join(work, 'asked'), '--interactive', '--color', 'never'], {
        env, input: `${answers.join('\n')}\n`, stdio: ['pipe', 'pipe', 'pipe'],
      });
      const asked = await readFile(path.join(work, 'asked', 'cases', 'FI', 'same-answers.md'), 'utf8');
      assert.equal(asked, file, 'catalogue new wrote other bytes for the same answers');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  } finally {
    await context.close();
  }
});

test('with required fields empty no file can be taken, and each missing field is named next to it', { timeout: 120_000 }, async () => {
  for (const { width, height, isMobile, hasTouch } of VIEWPORTS) {
    const context = await newContext({ viewport: { width, height }, isMobile, hasTouch, acceptDownloads: true });
    try {
      const page = await formPage(context);
      let downloads = 0;
      page.on('download', () => downloads++);
      await page.fill('#f-title', 'Only a title');
      await page.click('#take-download');
      await page.click('#take-copy');
      assert.equal(downloads, 0, 'a file was downloaded');
      const missing = ['f-summary', 'f-country', 'f-municipalities', 'f-categories', 'f-service_areas', 'f-cooperation',
        'f-status', 'f-started', 'f-source-1-title', 'f-source-1-url', 'f-section-0', 'f-section-1', 'f-section-2', 'f-section-3'];
      for (const id of missing) {
        const message = page.locator(`#${id}-error`);
        assert.ok(await message.isVisible(), `${id}: no message next to it at ${width}px`);
        assert.ok((await message.textContent()).trim().length > 0, `${id}: an empty message`);
      }
      assert.ok(!(await page.locator('#f-title-error').isVisible()), 'the filled title is reported');
      const summary = page.locator('#contribute-errors');
      assert.ok(await summary.isVisible());
      assert.equal(await summary.locator('li a').count(), missing.length, 'the summary lists each problem once');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'contribute-errors', 'the summary takes the focus');
      assert.equal((await page.textContent('#result-status')).trim(), '');
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `with its errors shown, at ${width}px:\n${formatViolations(violations)}`);
      // Following a link of the summary lands on the field.
      await summary.locator('li a').first().click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-summary');
    } finally {
      await context.close();
    }
  }
});

test('a reload half-way through the form loses nothing typed', opts, async () => {
  const context = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const page = await formPage(context, '/sv/contribute/');
    await page.fill('#f-title', 'Digital familjerådgivning i skärgården');
    await page.fill('#f-slug', 'skargardens-familjeradgivning');
    await page.fill('#f-summary', 'Två kommuner delar en familjerådgivare.');
    await page.selectOption('#f-country', 'FI');
    await page.fill('#f-municipalities', 'Korsholm');
    await page.keyboard.press('Enter');
    await page.check('#categories-ai');
    await page.click('#add-source');
    await page.fill('#f-source-2-title', 'Andra källan');
    await page.fill('#f-section-0', 'Åtta öar, ingen bro.');
    await page.locator('details.translation[data-language="fi"] > summary').click();
    await page.fill('#f-translation-fi-title', 'Saariston perheneuvonta');
    const before = await page.textContent('#result-preview');
    assert.match(before, /title = "Saariston perheneuvonta"/);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#contribute:not([hidden])');
    assert.equal(await page.textContent('#result-preview'), before, 'the file differs after the reload');
    assert.equal(await page.inputValue('#f-slug'), 'skargardens-familjeradgivning');
    assert.ok(await page.isChecked('#categories-ai'));
    assert.equal(await page.inputValue('#f-source-2-title'), 'Andra källan');
    assert.match(await page.textContent('#f-municipalities-picked'), /Mustasaari/);
    assert.ok(await page.locator('details.translation[data-language="fi"]').evaluate((d) => d.open));
    // "Start again" asks first; refusing keeps everything, accepting clears it.
    page.once('dialog', (dialog) => dialog.dismiss());
    await page.click('#start-again');
    assert.equal(await page.inputValue('#f-title'), 'Digital familjerådgivning i skärgården');
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('#start-again');
    assert.equal(await page.inputValue('#f-title'), '');
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#contribute:not([hidden])');
    assert.equal(await page.inputValue('#f-summary'), '');
  } finally {
    await context.close();
  }
});

test('without JavaScript the form page explains the other ways to propose a case', opts, async () => {
  const context = await newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/contribute/`, { waitUntil: 'load' });
    assert.ok(!(await page.locator('#contribute').isVisible()), 'a form that cannot work is shown');
    assert.ok(await page.locator('.contribute-other').isVisible());
    const template = await page.locator('a[href$="case-template.md"]').first().getAttribute('href');
    const response = await context.request.get(new URL(template, `${origin}/contribute/`).href);
    assert.equal(response.status(), 200);
    assert.match(await response.text(), /^\+\+\+\n/);
  } finally {
    await context.close();
  }
});

test('with [site] repository set, the form proposes the file on GitHub and case pages link to edit and report', { timeout: 300_000 }, async () => {
  const binary = path.join(TARGET, 'debug', 'catalogue');
  if (!existsSync(binary)) execFileSync('cargo', ['build', '--quiet'], { cwd: REPO, stdio: 'inherit' });
  const work = await mkdtemp(path.join(os.tmpdir(), 'catalogue-repository-'));
  const catalogue = path.join(work, 'catalogue');
  execFileSync('cp', ['-r', path.join(REPO, 'examples-catalogue'), catalogue]);
  const settings = path.join(catalogue, 'catalogue.toml');
  const text = await readFile(settings, 'utf8');
  // Two languages are enough here, and build in half the time.
  await writeFile(settings, text.replace('[site]\n', '[site]\nrepository = "nordic-welfare/good-examples"\n')
    .replace(/^languages = \[.*\]$/m, 'languages = ["en", "fi"]'));
  const site = path.join(work, 'site');
  execFileSync(binary, ['build', '--catalogue', catalogue, '--theme', path.join(REPO, 'themes', 'default'),
    '--out', site, '--base-url', 'http://localhost/'], { stdio: 'pipe' });
  const served = createStaticServer(site);
  await new Promise((resolve, reject) => {
    served.once('error', reject);
    served.listen(0, '127.0.0.1', resolve);
  });
  const here = `http://127.0.0.1:${served.address().port}`;
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // GitHub's page is answered here, so the address the form opens is seen
  // and nothing leaves the machine; every other host is refused.
  await context.route((url) => url.origin === 'https://github.com', (route) => route.fulfill({ status: 200, body: 'GitHub' }));
  await context.route((url) => url.origin !== here && url.origin !== 'https://github.com' && !['data:', 'blob:', 'about:'].includes(url.protocol),
    (route) => route.abort('blockedbyclient'));
  try {
    const page = await context.newPage();
    await page.clock.setFixedTime(FORM_DAY);
    await page.goto(`${here}/contribute/`, { waitUntil: 'load' });
    await page.waitForSelector('#contribute:not([hidden])');
    await page.waitForFunction(() => !document.getElementById('f-municipalities').disabled);
    await fillByKeyboard(page);
    const file = await page.textContent('#result-preview');
    const slug = await page.inputValue('#f-slug');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#take-propose')]);
    const proposed = new URL(popup.url());
    await popup.close();
    assert.equal(`${proposed.origin}${proposed.pathname}`, 'https://github.com/nordic-welfare/good-examples/new/main');
    assert.equal(proposed.searchParams.get('filename'), `examples-catalogue/cases/FI/${slug}.md`);
    assert.equal(proposed.searchParams.get('value'), file, 'the proposed text is the file shown');

    // Too long for an address: the file is downloaded, the page opened with the name only.
    await page.fill('#f-section-3', 'Lärdom. '.repeat(1200));
    const [download, longPopup] = await Promise.all([
      page.waitForEvent('download'), context.waitForEvent('page'), page.click('#take-propose'),
    ]);
    const opened = new URL(longPopup.url());
    await longPopup.close();
    assert.equal(opened.searchParams.get('value'), null);
    assert.equal(opened.searchParams.get('filename'), `examples-catalogue/cases/FI/${slug}.md`);
    assert.equal(await readFile(await download.path(), 'utf8'), await page.textContent('#result-preview'));
    assert.match(await page.textContent('#result-status'), /paste/i);

    // A case page, in Finnish: both links, and no axe violation.
    await page.goto(`${here}/fi/cases/se/digital-colleague/`, { waitUntil: 'load' });
    const edit = await page.locator('.improve a').first().getAttribute('href');
    assert.equal(edit, 'https://github.com/nordic-welfare/good-examples/edit/main/examples-catalogue/cases/SE/digital-colleague.md');
    const report = new URL(await page.locator('.improve a').nth(1).getAttribute('href'));
    assert.equal(`${report.origin}${report.pathname}`, 'https://github.com/nordic-welfare/good-examples/issues/new');
    assert.match(report.searchParams.get('body'), /se\/digital-colleague/);
    const violations = await runAxe(page);
    assert.deepEqual(violations, [], formatViolations(violations));
  } finally {
    await context.close();
    served.closeAllConnections?.();
    await new Promise((resolve) => served.close(resolve));
    await rm(work, { recursive: true, force: true });
  }
});
