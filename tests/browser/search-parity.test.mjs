// The browser's search engine (themes/default/static/search.js) against the
// reference engine (`catalogue search`, src/search/engine.rs): for every
// query below, the same cases in the same order with the same scores, and
// the same explanation of what matched each.
//
// The engine reads the static export of the built site (env SITE_DIR, else
// target/browser-site, which scripts/browser-test builds; built here when
// missing or older than the catalogue or the binary) straight from disk;
// the command line indexes examples-catalogue/ itself.
//
//   node --test tests/browser/search-parity.test.mjs

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { search } from '../../themes/default/static/search.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const DEFAULT_SITE = path.join(REPO, 'target', 'browser-site');
const SITE = path.resolve(process.env.SITE_DIR ?? DEFAULT_SITE);
// Where cargo puts it: CARGO_TARGET_DIR when set, as for `cargo build`.
const TARGET = process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target');
const BINARY = path.join(TARGET, 'debug', process.platform === 'win32' ? 'catalogue.exe' : 'catalogue');
const CATALOGUE = path.join(REPO, 'examples-catalogue');
const MANIFEST = path.join(SITE, 'search', 'manifest.json');

// [query, filters for the engine, the same filters for the command line]
const QUERIES = [
  ['digital', {}, []], // English
  ['socialtjänsten', {}, []], // Swedish
  ['sosialhjelp', {}, []], // Norwegian
  ['digital social services', {}, []], // several words
  ['kommunerna', {}, []], // inflected: Swedish, Norwegian, Danish share the stem
  ['kommunene', {}, []],
  ['kommunerne', {}, []],
  ['KOMMUNERNA', {}, []], // case
  ['kontanthjælp', {}, []], // Danish
  ['toimeentulotuki', {}, []], // Finnish
  ['lapin kunnat', {}, []],
  // Places (issue 20): a region (also of a county's members), a Swedish genitive, a Danish region.
  ['Lappi', {}, []],
  ['Norrbottens', {}, []],
  ['Hovedstaden', {}, []],
  ['fjárhagsaðstoð', {}, []], // Icelandic (no stemmer)
  ['Sveitarfélögin', {}, []],
  ['kommnuer', {}, []], // typo, distance 1
  ['sosialhjelpp', {}, []], // typo in a long word
  ['digit', {}, []], // a word of its own ("DIGIT"), so not a prefix
  ['digita', {}, []], // prefix as the last word
  ['kommu', {}, []],
  ['shared digita', {}, []], // prefix after a whole word
  ['zebra', {}, []], // not in the catalogue
  ['AI platform zebra', {}, []], // no case has every word: any word
  ['!!!', {}, []], // no words at all
  // Compounds no case has, read as their parts (issue 20), one with a linking s.
  ['socialtjänstsamverkan', {}, []],
  ['barnevernssamarbeid', {}, []],
  ['kommunsamarbete digitalt', {}, []],
  ['våldsutsatta', {}, []],
  ['Skagafirði', {}, []], // an Icelandic place name in the dative
  ['ekonomiskt bistånd', {}, []], // thesaurus variants across languages
  ['økonomisk sosialhjelp', {}, []],
  ['financial assistance', {}, []],
  ['barnevern', {}, []],
  ['barnavernd', {}, []],
  ['vold i nære relasjoner', {}, []],
  ['violence in close relationships', {}, []],
  ['missbruk', {}, []],
  // Issue 20: diacritics folded, a thesaurus word without postings, head
  // words, function words, partial matches, prefixes of complete words.
  ['fjarhagsadstod', {}, []],
  ['Fjarhagsadstod', {}, []],
  ['bistand', {}, []],
  ['ekonomiskt bistand', {}, []],
  ['hjalp', {}, []],
  ['arhus', {}, []],
  ['Aarhus', {}, []],
  ['Århus', {}, []],
  ['våld', {}, []],
  ['vald', {}, []],
  ['sosialtjenesten', {}, []],
  ['barnevernet', {}, []],
  ['barnev', {}, []],
  ['samarbejde mellem kommuner om it-systemer', {}, []],
  ['how do small municipalities share a social worker', {}, []],
  ['och', {}, []],
  ['mellem', {}, []],
  ['ogg', {}, []],
  ['digital samarbete mellan kommuner i norr', {}, []],
  // Compounds: found by their parts, and finding them.
  ['tjänsten', {}, []],
  ['socialtjänsten', {}, []],
  ['kontanthjælpsområdet', {}, []],
  ['verksamhetssystem', {}, []],
  ['utveckling', {}, []],
  ['partnervåld', {}, []],
  ['väkivalta', {}, []],
  ['vakivalta', {}, []],
  [`kommun ${'a'.repeat(41)}`, {}, []], // a word over 40 bytes is dropped
  ['kommun', { country: 'SE' }, ['--country', 'SE']],
  ['digital', { country: 'no' }, ['--country', 'no']],
  ['kommun', { category: 'ai' }, ['--category', 'ai']],
  ['kommun', { municipality: 'se/2260' }, ['--municipality', 'Ånge']],
  ['kommun', { country: 'SE', municipality: 'se/2260' }, ['--country', 'se', '--municipality', '2260']],
  // Issue 23: the studies of the research mapping, by title, summary and
  // author words, an inflected Swedish title word, and filtered by type,
  // country and theme (a municipality leaves them out).
  ['Nordregio', {}, []],
  ['Teledialog', {}, []],
  ['kunskap och kompetens', {}, []],
  ['lösningen', {}, []],
  ['artificiell intelligens socialtjänsten', {}, []],
  ['rural services', {}, []],
  ['digital', { type: 'study' }, ['--type', 'study']],
  ['digital', { type: 'case' }, ['--type', 'case']],
  ['Nordregio', { country: 'is' }, ['--country', 'is']],
  ['digital', { category: 'ai', type: 'study' }, ['--category', 'ai', '--type', 'study']],
  ['service', { municipality: 'se/2260' }, ['--municipality', 'Ånge']],
  // What matched, with concepts named in another language than English.
  ['kontanthjælp', { language: 'sv' }, ['--lang', 'sv']],
  ['bistand', { language: 'fi' }, ['--lang', 'fi']],
  ['våld i nära relationer', { language: 'da' }, ['--lang', 'da']],
];

// And every query of the judgement set (tests/fixtures/search-judgements.toml:
// compounds, folded spellings, places, questions in seven languages), each
// with what matched named in the query's language.
const JUDGED = readFileSync(path.join(REPO, 'tests', 'fixtures', 'search-judgements.toml'), 'utf8')
  .split('[[query]]')
  .slice(1)
  .map((block) => {
    const value = (key) => {
      const found = block.match(new RegExp(`^${key} = ("(?:[^"\\\\]|\\\\.)*")`, 'm'));
      return found && JSON.parse(found[1]);
    };
    return [value('text'), { language: value('lang') }, ['--lang', value('lang')]];
  });
assert.ok(JUDGED.length >= 60 && JUDGED.every(([text, { language }]) => text && language), 'the judgement set reads');
const known = new Set(QUERIES.map(([query, filters, args]) => JSON.stringify([query, filters, args])));
QUERIES.push(...JUDGED.filter((query) => !known.has(JSON.stringify(query))));

function newest(dir) {
  let time = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    time = Math.max(time, item.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return time;
}

before(
  () => {
    if (!existsSync(BINARY)) execFileSync('cargo', ['build', '--quiet'], { cwd: REPO, stdio: 'inherit' });
    const stale = () =>
      !existsSync(MANIFEST) || statSync(MANIFEST).mtimeMs < Math.max(newest(CATALOGUE), statSync(BINARY).mtimeMs);
    if (!stale()) return;
    if (existsSync(MANIFEST) && SITE !== DEFAULT_SITE) {
      assert.fail(`${SITE} is older than examples-catalogue/ or ${BINARY}: rebuild it or unset SITE_DIR`);
    }
    execFileSync('cargo', ['run', '--quiet', '--', 'build', '--out', SITE, '--base-url', 'http://localhost/'], {
      cwd: REPO,
      stdio: 'inherit',
    });
  },
  { timeout: 600_000 },
);

const load = (file) => JSON.parse(readFileSync(path.join(SITE, 'search', file), 'utf8'));

/** `catalogue search` as [{ id, score, matched }]. */
function reference(query, args) {
  const out = execFileSync(BINARY, ['search', query, '--limit', '1000', '--format', 'json', ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return JSON.parse(out).map(({ id, score, matched }) => ({ id, score, matched }));
}

async function browser(query, filters, language = 'en') {
  const results = await search(load, query, filters, language);
  return {
    results,
    rows: results.hits.map(({ ordinal, score, matched }) => ({
      id: load(`cards/${ordinal}.json`).id,
      score: score / 1000,
      matched,
    })),
  };
}

let withHits = 0;

for (const [query, filters, args] of QUERIES) {
  const name = `${JSON.stringify(query)}${args.length ? ` ${args.join(' ')}` : ''}`;
  test(`search.js finds what catalogue search finds: ${name}`, async () => {
    const expected = reference(query, args);
    const { language, ...only } = filters;
    const { rows } = await browser(query, only, language);
    assert.deepEqual(rows, expected);
    if (expected.length) withHits++;
  });
}

test('the comparison is not vacuous: most queries find something', () => {
  assert.ok(withHits >= 15, `only ${withHits} of ${QUERIES.length} queries found a case`);
});

test('search.js reports how words were understood', async () => {
  const word = async (query, index = 0) => (await search(load, query, {})).words[index][1].kind;
  assert.equal(await word('kommunerna'), 'exact');
  assert.equal(await word('digita'), 'prefix');
  assert.equal(await word('shared digita', 1), 'prefix');
  assert.equal(await word('kommnuer'), 'typo');
  assert.equal(await word('zebra'), 'none');
  assert.equal(await word('socialtjänstsamverkan'), 'split');
  assert.deepEqual((await search(load, 'socialtjänstsamverkan', {})).words[0][1].words, ['socialtjänst', 'samverkan']);
  assert.equal(await word('kommunsamarbete digitalt', 1), 'exact', 'the words after a split are understood as themselves');
  assert.equal(await word('fjarhagsadstod'), 'typo', 'a word without its diacritics stands for the word with them');
  assert.deepEqual((await search(load, 'fjarhagsadstod', {})).words[0][1].words, ['fjárhagsaðstoð']);
  assert.equal(await word('mellem'), 'exact', 'a function word is never corrected');
  assert.notEqual(await word('digita shared'), 'prefix', 'only the last word matches as a prefix');
  assert.equal((await search(load, 'AI platform zebra', {})).allWords, false);
  assert.equal((await search(load, 'kommunerna', {})).allWords, true);
  assert.deepEqual((await search(load, '', {})).hits, []);
});

test('search.js says what matched each case, through a concept in another language too', async () => {
  const rows = async (query, language = 'en') =>
    (await search(load, query, {}, language)).hits.flatMap((hit) => hit.matched.map((row) => [load(`cards/${hit.ordinal}.json`).id, row]));
  // Danish "kontanthjælp" finds Norwegian and Icelandic cases through the concept.
  const concept = (await rows('kontanthjælp', 'sv')).filter(([id]) => !id.startsWith('dk/'));
  assert.ok(concept.length, 'kontanthjælp finds cases outside Denmark');
  for (const [id, row] of concept) {
    assert.equal(row.via, 'concept', id);
    assert.equal(row.concept, 'financial-assistance');
    assert.equal(row.label, 'ekonomiskt bistånd', 'named in the language asked for');
    assert.ok(row.forms.length, `${id} names the forms it has`);
  }
  const [[, folded]] = await rows('fjarhagsadstod');
  assert.deepEqual(folded, { word: 'fjarhagsadstod', via: 'folded', forms: ['fjárhagsaðstoð'] });
});
