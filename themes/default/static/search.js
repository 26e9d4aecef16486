// Search for the static site, without dependencies.
//
// 1. The engine: src/search/engine.rs step by step over the export of
//    src/search/export.rs, so that the browser finds the same cases in the
//    same order with the same (integer) scores as `catalogue search`:
//      search(load, query, filters, language) -> { hits: [{ ordinal,
//        score, matched: [{ word, via, concept?, label?, forms }] }],
//        allWords, words: [[word, { kind, words? }]], stems }
//    where load(path) resolves to the parsed JSON of a file below search/
//    ("manifest.json", "shards/3.json", "facets.json", "browse.json",
//    "cards/7.json").
//    Files are fetched once per load function and kept.
// 2. The search page: when the page has input#search-q and
//    div#search-results, results as you type, cards with the matched words
//    marked, facet filters with counts, a sort order, all of it in the
//    address. With no word and no filter it lists every case, most recently
//    reviewed first, from browse.json alone (facet values with their counts
//    and the first page); facets.json and the sort files under sort/ are
//    fetched only once a word, a filter, another order or "show more" needs
//    them.
//
// The studies of the research mapping are documents after the cases: the
// ordinals from browse.json's `cases` on are studies (`studies` of them),
// which is their `type`; facets.json's `studies` has their countries and
// themes (as categories), and they have no value of any other facet.

const WORD = /[\p{Alphabetic}\p{N}]+/gu;
// The columns of each case in facets.json; `type` (good example or study)
// is known from the ordinal.
const FACETS = ['country', 'municipality', 'category', 'service_area', 'status', 'size_class', 'sparse', 'cooperation', 'body', 'type'];
// The filters as the page shows them: which kind of document, where, then what, then how.
const SHOWN = ['type', 'country', 'municipality', 'body', 'category', 'service_area', 'cooperation', 'status', 'size_class', 'sparse'];
// Facets whose column no file holds.
const DERIVED = ['type'];
// Facets whose values are names, listed by name rather than in vocabulary order.
const NAMED = ['municipality', 'body'];
const SORTS = ['relevance', 'reviewed', 'started', 'title'];
const cache = new WeakMap();

// Keys compare in Rust's byte order: UTF-16 order, but with surrogates
// (characters above U+FFFF) after U+E000..U+FFFF.
const unit = (c) => (c < 0xd800 ? c : c < 0xe000 ? c + 0x2000 : c - 0x800);
export function compare(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i === a.length || i === b.length ? a.length - b.length : unit(a.charCodeAt(i)) - unit(b.charCodeAt(i));
}

// As tantivy: runs of letters and digits, longer than 40 bytes dropped,
// then lowercased character by character (so no final sigma).
const lower = (text) => Array.from(text, (c) => c.toLowerCase()).join('');
const encoder = new TextEncoder();
export const words = (text) =>
  (String(text).match(WORD) || []).filter((w) => encoder.encode(w).length <= 40).map(lower);

const stemOf = (key) => key.slice(key.indexOf(':') + 1);

/** One file below search/, fetched once; a failed fetch is tried again next time. */
function file(load, path, make = (json) => json) {
  let files = cache.get(load);
  if (!files) cache.set(load, (files = new Map()));
  let promise = files.get(path);
  if (!promise) {
    files.set(path, (promise = Promise.resolve(path).then(load).then(make)));
    promise.catch(() => files.delete(path));
  }
  return promise;
}

/** The shard `text` falls into: the last whose first key is <= text. */
async function shardOf(load, text) {
  let number = 0;
  (await file(load, 'manifest.json')).shards.forEach((start, i) => {
    if (compare(start, text) <= 0) number = i;
  });
  return file(load, `shards/${number}.json`, (json) => {
    // Sorted here: JSON objects list integer-like keys ("2024") first.
    const list = Object.entries(json).sort((a, b) => compare(a[0], b[0]));
    return { list, map: new Map(list) };
  });
}

const entry = async (load, text) => (await shardOf(load, text)).map.get(text);

/** [[ordinal, score]] of one analyzer of an entry. */
function postings(entry, analyzer) {
  const list = entry && entry.p && Object.hasOwn(entry.p, analyzer) && entry.p[analyzer];
  let ordinal = 0;
  return list ? list[0].map((delta, i) => [(ordinal += delta), list[1][i]]) : [];
}

const formKeys = (found) => found.flatMap(([, e]) => (e.v || []).map(([a, stem]) => `${a}:${stem}`));
const stemKeys = (e, text) =>
  Object.keys(e.p || {})
    .filter((a) => a !== 'c')
    .map((a) => `${a}:${text}`);

/** Levenshtein distance in characters; limit + 1 when surely above limit. */
function distance(a, b, limit) {
  a = Array.from(a);
  b = Array.from(b);
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = b.map((_, j) => j + 1);
  previous.unshift(0);
  a.forEach((ca, i) => {
    const row = [i + 1];
    b.forEach((cb, j) => row.push(Math.min(previous[j + 1] + 1, row[j] + 1, previous[j] + (ca !== cb))));
    previous = row;
  });
  return previous[b.length];
}

// Diacritics and Nordic letter variants folded away (analysis.rs `fold`).
const FOLD = new Map([
  ...Array.from('åäæáàâã', (c) => [c, 'a']),
  ...Array.from('öøóòôõ', (c) => [c, 'o']),
  ...Array.from('éèêë', (c) => [c, 'e']),
  ...Array.from('íìîï', (c) => [c, 'i']),
  ...Array.from('úùûü', (c) => [c, 'u']),
  ...Array.from('ýÿ', (c) => [c, 'y']),
  ['ð', 'd'],
  ['þ', 'th'],
]);
export function fold(word) {
  let folded = '';
  for (const c of word) {
    const replacement = FOLD.get(c) ?? c;
    if (!(replacement === 'a' && folded.endsWith('a'))) folded += replacement;
  }
  return folded;
}

const pairKeys = (pairs) => (pairs || []).map(([a, stem]) => `${a}:${stem}`);
const analyzerOf = (key) => key.slice(0, key.indexOf(':'));

/** Each stem in every other analyzer that has it (engine.rs `across_languages`). */
async function across(load, keys) {
  const all = new Set(keys);
  for (const key of keys) {
    const e = await entry(load, stemOf(key));
    if (e) stemKeys(e, stemOf(key)).forEach((k) => all.add(k));
  }
  return all;
}

/** Whether any of `keys` finds a case, by its postings or a concept. */
async function useful(load, keys) {
  for (const key of keys) {
    const e = await entry(load, stemOf(key));
    if (postings(e, analyzerOf(key)).length || ((e && e.ph) || []).some((p) => p[1][0] === key)) return true;
  }
  return false;
}

const none = () => new Set();

// How a word matched a case, best first (engine.rs `Via`).
const VIA = ['exact', 'stem', 'folded', 'typo', 'concept', 'part', 'prefix'];

/** The word's own keys as sources: the word itself, else by stem (engine.rs `own_sources`). */
function ownSources(word, keys) {
  const byForm = new Map();
  for (const key of keys) {
    const stem = stemOf(key);
    const [via, form] = stem === word ? ['exact', word] : ['stem', stem];
    const id = `${via} ${form}`;
    if (!byForm.has(id)) byForm.set(id, { via, form, keys: new Set() });
    byForm.get(id).keys.add(key);
  }
  return [...byForm.values()];
}

/** Keys as sources of `via`, one per stem (engine.rs `stem_sources`). */
function stemSources(via, keys) {
  const byStem = new Map();
  for (const key of keys) {
    if (!byStem.has(stemOf(key))) byStem.set(stemOf(key), { via, form: stemOf(key), keys: new Set() });
    byStem.get(stemOf(key)).keys.add(key);
  }
  return [...byStem.values()];
}

const both = (a, b) => new Set([...a].filter((k) => b.has(k)));

/**
 * One query word (engine.rs `resolve`): [{ keys, folded, longer, stop }, how].
 * `keys` count in full, `folded` (other spellings) and `longer` (longer
 * words a complete last word begins) at half.
 */
async function resolve(load, word, last) {
  const shard = await shardOf(load, word);
  const own = shard.map.get(word);
  const stop = !!(own && own.s);
  const exact = await across(load, own ? [...formKeys([[word, own]]), ...stemKeys(own, word)] : []);
  const sources = ownSources(word, exact);
  // A function word is never taken for another word.
  if (stop) return [{ keys: exact, folded: none(), longer: none(), stop, sources }, { kind: 'exact' }];
  const spellings = own ? pairKeys(own.f) : [];
  const folded = fold(word);
  if ((!own || !own.v) && folded !== word) {
    const e = await entry(load, folded);
    if (e) spellings.push(...formKeys([[folded, e]]), ...stemKeys(e, folded), ...pairKeys(e.f));
  }
  const other = new Set([...(await across(load, spellings))].filter((k) => !exact.has(k)));
  const length = Array.from(word).length;
  const withForms = shard.list.filter(([, e]) => e.v);
  // The last word also stands for the longer words it begins.
  const longer =
    last && length >= 3 ? withForms.filter(([key]) => key !== word && key.startsWith(word)).slice(0, 50) : [];
  const longerKeys = new Set(
    [...(await across(load, formKeys(longer)))].filter((k) => !exact.has(k) && !other.has(k)),
  );
  // Each longer word by the keys it brings.
  const longerSources = [];
  for (const [text, e] of longer)
    longerSources.push({ via: 'prefix', form: text, keys: both(await across(load, formKeys([[text, e]])), longerKeys) });
  if (await useful(load, exact)) {
    // A compound also finds its parts ("partnervåld": "våld").
    const parts = [];
    for (const part of (own && own.c) || []) {
      const e = await entry(load, part);
      if (e) parts.push([part, await across(load, [...formKeys([[part, e]]), ...stemKeys(e, part)])]);
    }
    const weak = new Set(parts.flatMap(([, keys]) => [...keys]).filter((k) => !exact.has(k) && !other.has(k)));
    sources.push(...stemSources('folded', other));
    sources.push(...parts.map(([part, keys]) => ({ via: 'part', form: part, keys: both(keys, weak) })));
    sources.push(...longerSources);
    longerKeys.forEach((k) => weak.add(k));
    return [{ keys: exact, folded: other, longer: weak, stop, sources }, { kind: 'exact' }];
  }
  if (await useful(load, other)) {
    const words = [...new Set([...other].map(stemOf))].sort(compare);
    sources.push(...stemSources('folded', other), ...longerSources);
    const understood = { keys: new Set([...exact, ...other]), folded: none(), longer: longerKeys, stop, sources };
    return [understood, { kind: 'typo', words }];
  }
  if (longer.length) {
    const how = { kind: 'prefix', words: longer.map((n) => n[0]) };
    sources.push(...longerSources);
    return [{ keys: new Set([...exact, ...longerKeys]), folded: none(), longer: none(), stop, sources }, how];
  }
  const limit = length >= 8 ? 2 : 1;
  const near = withForms
    .filter(([key, e]) => key !== word && !e.s)
    .map(([key, e]) => [key, e, distance(word, key, limit)])
    .filter((n) => n[2] <= limit)
    .sort((a, b) => a[2] - b[2] || compare(a[0], b[0]))
    .slice(0, 5);
  const keys = new Set([...exact, ...(await across(load, formKeys(near)))]);
  for (const [text, e] of near) sources.push({ via: 'typo', form: text, keys: await across(load, formKeys([[text, e]])) });
  const how = near.length ? { kind: 'typo', words: near.map((n) => n[0]) } : { kind: 'none' };
  return [{ keys, folded: none(), longer: none(), stop, sources }, how];
}

/**
 * A typed word as a compound of words cases have, longest first part first
 * (analysis.rs `split_typed`): each part it tries begins as the word, or
 * the rest of it, does, so each part costs at most one more shard.
 */
async function splitTyped(word, known, parts = 3) {
  const chars = Array.from(word);
  if (parts < 2 || chars.length < 8) return null;
  // Only the two longest known first parts: each costs a shard for what follows.
  let tried = 0;
  for (let at = chars.length - 4; at >= 4 && tried < 2; at--) {
    const first = chars.slice(0, at).join('');
    if (!(await known(first))) continue;
    tried++;
    const rest = chars.slice(at).join('');
    const rests = [rest];
    if ((rest[0] === 's' || rest[0] === 'e') && chars.length - at - 1 >= 4) rests.push(rest.slice(1));
    for (const r of rests) if (await known(r)) return [first, r];
    for (const r of rests) {
      const more = await splitTyped(r, known, parts - 1);
      if (more) return [first, ...more];
    }
  }
  return null;
}

/** The parts of a word no case, spelling or concept has (engine.rs `split_unknown`). */
async function splitUnknown(load, word, last) {
  // A stem has postings under its own text, without being a form.
  const stem = (e) => Object.keys(e.p || {}).some((a) => a !== 'c');
  const known = async (text) => {
    const e = await entry(load, text);
    return !!(e && (e.s || stem(e) || e.v || e.f || e.ph));
  };
  if ((await known(word)) || (await known(fold(word)))) return null;
  if (last && (await shardOf(load, word)).list.some(([key, e]) => key.startsWith(word) && e.v)) return null;
  return splitTyped(word, async (part) => {
    const e = await entry(load, part);
    return !!(e && !e.s && (stem(e) || e.v || e.f));
  });
}

/** Thesaurus variants [concept, keys] starting with one of `keys`. */
async function phrasesFrom(load, keys) {
  const phrases = [];
  for (const key of keys) {
    const e = await entry(load, stemOf(key));
    for (const phrase of (e && e.ph) || []) if (phrase[1][0] === key) phrases.push(phrase);
  }
  return phrases;
}

function add(scores, list) {
  for (const [ordinal, score] of list) scores.set(ordinal, (scores.get(ordinal) || 0) + score);
  return scores;
}

/** A word's scores: its keys in full, its other spellings and longer words at half. */
async function wordScores(load, word) {
  const scores = new Map();
  for (const key of word.keys) add(scores, postings(await entry(load, stemOf(key)), analyzerOf(key)));
  for (const key of [...word.folded, ...word.longer])
    for (const [ordinal, score] of postings(await entry(load, stemOf(key)), analyzerOf(key)))
      scores.set(ordinal, (scores.get(ordinal) || 0) + Math.floor(score / 2));
  return scores;
}

const conceptPostings = async (load, concept) => postings(await entry(load, `~${concept}`), 'c');

/**
 * The query's units (each { scores: Map ordinal -> score, strong: Set of
 * the ordinals it matches in full }), before filters, and how each word
 * was understood; `marks` are the words and `stems` the stems it matched
 * (for marking), function words left out.
 */
export async function understand(load, query) {
  const typed = words(query);
  const splits = await Promise.all(typed.map((word, i) => splitUnknown(load, word, i === typed.length - 1)));
  const list = typed.flatMap((word, i) => splits[i] || [word]);
  const resolved = await Promise.all(list.map((word, i) => resolve(load, word, i === list.length - 1)));
  const onlyStop = resolved.every(([word]) => word.stop);
  const has = (word, key) => word.keys.has(key) || word.folded.has(key) || word.longer.has(key);
  const units = [];
  for (let i = 0; i < list.length; ) {
    const word = resolved[i][0];
    const phrases = await phrasesFrom(load, [...word.keys, ...word.folded, ...word.longer]);
    // The longest variant the next words form; of equal ones, the first concept.
    let best;
    for (const [concept, phrase] of phrases) {
      const n = phrase.length;
      if (
        n > 1 &&
        i + n <= list.length &&
        phrase.every((key, j) => has(resolved[i + j][0], key)) &&
        (!best || n > best[1].length || (n === best[1].length && compare(concept, best[0]) < 0))
      )
        best = [concept, phrase];
    }
    let scores;
    let strong;
    let explain;
    if (best) {
      const n = best[1].length;
      explain = {
        words: list.slice(i, i + n).join(' '),
        concept: best[0],
        each: list.slice(i, i + n).map((text, j) => [text, resolved[i + j][0].sources]),
      };
      // Every word of the phrase, or the concept.
      for (let j = i; j < i + best[1].length; j++) {
        const found = await wordScores(load, resolved[j][0]);
        scores = scores
          ? new Map([...scores].filter(([o]) => found.has(o)).map(([o, s]) => [o, s + found.get(o)]))
          : found;
      }
      add(scores, await conceptPostings(load, best[0]));
      strong = new Set(scores.keys());
      i += best[1].length;
    } else if (word.stop && !onlyStop) {
      // A function word outside a phrase is no unit.
      i++;
      continue;
    } else {
      scores = await wordScores(load, word);
      // The cases it matches in full: by its own keys or a concept.
      strong = new Set();
      for (const key of word.keys)
        for (const [ordinal] of postings(await entry(load, stemOf(key)), analyzerOf(key))) strong.add(ordinal);
      const own = await phrasesFrom(load, [...word.keys, ...word.folded]);
      const concepts = [...new Set(own.filter((p) => p[1].length === 1).map((p) => p[0]))].sort(compare);
      for (const concept of concepts) {
        const list = await conceptPostings(load, concept);
        add(scores, list);
        list.forEach(([ordinal]) => strong.add(ordinal));
      }
      explain = { word: list[i], sources: word.sources, concepts };
      i++;
    }
    units.push({ scores, strong, explain });
  }
  const kept = resolved.filter(([word]) => !word.stop || onlyStop);
  return {
    units,
    words: typed.map((word, i) => {
      if (splits[i]) return [word, { kind: 'split', words: splits[i] }];
      const at = typed.slice(0, i).reduce((n, _, j) => n + (splits[j] ? splits[j].length : 1), 0);
      return [word, resolved[at][1]];
    }),
    marks: list.filter((_, i) => !resolved[i][0].stop || onlyStop),
    stems: [...new Set(kept.flatMap(([word]) => [...word.keys, ...word.folded, ...word.longer].map(stemOf)))],
  };
}

// The ordinals of an entry's postings per analyzer, decoded once.
const decoded = new WeakMap();
function ordinalsOf(e, analyzer) {
  if (!e) return none();
  if (!decoded.has(e)) decoded.set(e, new Map());
  const sets = decoded.get(e);
  if (!sets.has(analyzer)) sets.set(analyzer, new Set(postings(e, analyzer).map(([ordinal]) => ordinal)));
  return sets.get(analyzer);
}

const hasCase = async (load, key, ordinal) => ordinalsOf(await entry(load, stemOf(key)), analyzerOf(key)).has(ordinal);

/** A match through a concept: its name in `language`, its variants the case has (engine.rs `by_concept`). */
async function byConcept(load, word, concept, ordinal, language) {
  const e = await entry(load, `~${concept}`);
  if (!e) return null;
  const labels = e.l || {};
  const label = (Object.hasOwn(labels, language) ? labels[language] : Object.hasOwn(labels, 'en') ? labels.en : null) ?? concept;
  const forms = (e.w || [])
    .filter(([, deltas]) => {
      let at = 0;
      return deltas.some((delta) => (at += delta) === ordinal);
    })
    .map(([form]) => form);
  return { word, via: 'concept', concept, label, forms };
}

/** The best way one word matched the case (engine.rs `explain_word`). */
async function explainWord(load, word, sources, concepts, ordinal, language) {
  const found = [];
  for (const source of sources) {
    for (const key of source.keys)
      if (await hasCase(load, key, ordinal)) {
        found.push(source);
        break;
      }
  }
  const best = found.length ? Math.min(...found.map((source) => VIA.indexOf(source.via))) : -1;
  let concept;
  for (const c of concepts)
    if (ordinalsOf(await entry(load, `~${c}`), 'c').has(ordinal)) {
      concept = c;
      break;
    }
  if (concept !== undefined && (best < 0 || best > VIA.indexOf('concept'))) return byConcept(load, word, concept, ordinal, language);
  if (best < 0) return null;
  const via = VIA[best];
  const forms = [...new Set(found.filter((source) => source.via === via).map((source) => source.form))].sort(compare);
  return { word, via, forms };
}

/**
 * What matched the case at `ordinal`, a row per unit of `units` it matches
 * (engine.rs `explain`): [{ word, via, concept?, label?, forms }].
 */
export async function matched(load, units, ordinal, language = 'en') {
  const rows = [];
  for (const { scores, explain } of units) {
    if (!explain || !scores.has(ordinal)) continue;
    if (explain.concept !== undefined) {
      if (ordinalsOf(await entry(load, `~${explain.concept}`), 'c').has(ordinal)) {
        const row = await byConcept(load, explain.words, explain.concept, ordinal, language);
        if (row) rows.push(row);
        continue;
      }
      for (const [word, sources] of explain.each) {
        const row = await explainWord(load, word, sources, [], ordinal, language);
        if (row) rows.push(row);
      }
    } else {
      const row = await explainWord(load, explain.word, explain.sources, explain.concepts, ordinal, language);
      if (row) rows.push(row);
    }
  }
  return rows;
}

const ascii = (text) => text.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/** ordinal -> whether the case passes `filters` (engine.rs `allowed`). */
function allowed(facets, filters) {
  const wanted = FACETS.map((name, column) => {
    const value = filters[name];
    if (value == null) return null;
    const same = column ? (v) => v === value : (v) => ascii(v) === ascii(value);
    return new Set(facets[name].flatMap(([v], i) => (same(v) ? [i] : [])));
  });
  return (ordinal) => {
    const values = facets.cases[ordinal];
    return !!values && wanted.every((set, column) => !set || [].concat(values[column]).some((i) => set.has(i)));
  };
}

/**
 * Filter the units and rank (engine.rs `rank`): the cases that match all
 * of up to three units, all but one in four of more (units no case
 * matches do not count), else any; by how many units they match, then
 * how many in full, then score, then ordinal.
 */
export function rank(units, facets, filters = {}) {
  const ok = allowed(facets, filters);
  units = units.map(({ scores, strong }) => ({ scores: new Map([...scores].filter(([o]) => ok(o))), strong }));
  // ordinal -> [units matched, of them in full, total score]
  const found = new Map();
  for (const { scores, strong } of units)
    for (const [ordinal, score] of scores) {
      const [count, full, sum] = found.get(ordinal) || [0, 0, 0];
      found.set(ordinal, [count + 1, full + (strong.has(ordinal) ? 1 : 0), sum + score]);
    }
  const live = units.filter((unit) => unit.scores.size).length;
  const enough = live - Math.floor(live / 4);
  let hits = [...found].filter(([, [count]]) => count >= enough);
  if (!hits.length) hits = [...found];
  hits = hits
    .map(([ordinal, [count, full, score]]) => ({ ordinal, score, count, full }))
    .sort((a, b) => b.count - a.count || b.full - a.full || b.score - a.score || a.ordinal - b.ordinal);
  const allWords = !hits.length || hits[0].count === units.length;
  return { hits: hits.map(({ ordinal, score }) => ({ ordinal, score })), allWords };
}

/**
 * The hits in the order `sort` asks for: by the position in sort/<sort>.json
 * (every ordinal, most recent first) or by title in the collation of
 * `language`; equal ones in catalogue order. Relevance keeps their order.
 */
export async function sortHits(load, hits, sort, language) {
  if (sort === 'reviewed' || sort === 'started') {
    const { position } = await orderOf(load, sort);
    const at = (hit) => position.get(hit.ordinal) ?? position.size;
    return [...hits].sort((a, b) => at(a) - at(b) || a.ordinal - b.ordinal);
  }
  if (sort === 'title') {
    const titles = await file(load, 'sort/title.json');
    const collator = new Intl.Collator(language);
    return [...hits].sort((a, b) => collator.compare(titles[a.ordinal] ?? '', titles[b.ordinal] ?? '') || a.ordinal - b.ordinal);
  }
  return hits;
}

const orderOf = (load, key) =>
  file(load, `sort/${key}.json`, (order) => ({ order, position: new Map(order.map((ordinal, i) => [ordinal, i])) }));

// The facets whose columns are in places.json rather than facets.json:
// municipalities and bodies have hundreds of values each, so their
// columns are most of the facet bytes at scale, and only a place filter
// (or a hand reaching for one) needs them.
const PLACES = ['municipality', 'body'];
const assembled = new WeakMap();

/**
 * The facets: each facet's values as [value, label] (from browse.json),
 * `cases`, per ordinal (cases, then studies) the value indices of each
 * column (the files store them column by column), and `loaded`, the facets
 * whose columns are in `cases`. `small` loads facets.json, `places`
 * places.json; a column not loaded is undefined in every case.
 */
function facetsOf(load, { small = true, places = false } = {}) {
  let made = assembled.get(load);
  if (!made) assembled.set(load, (made = new Map()));
  const key = `${small} ${places}`;
  if (!made.has(key)) {
    const part = (wanted, path) => (wanted ? file(load, path) : {});
    const promise = Promise.all([file(load, 'browse.json'), part(small, 'facets.json'), part(places, 'places.json')]).then(
      ([{ values, cases, studies = 0 }, ...parts]) => {
        const columns = Object.assign({}, ...parts.map((part) => part.columns));
        const ofStudies = parts[0].studies || {};
        // The index of `case` or `study` among the type's values; none without studies.
        const types = (values.type || []).map(([value]) => value);
        const type = (value) => (types.includes(value) ? types.indexOf(value) : undefined);
        const row = (own, kind) => FACETS.map((name) => (name === 'type' ? type(kind) : own(name)));
        const facets = {
          loaded: new Set(FACETS.filter((name) => columns[name] || (DERIVED.includes(name) && types.length))),
          cases: [
            ...Array.from({ length: cases }, (_, ordinal) => row((name) => columns[name]?.[ordinal], 'case')),
            ...Array.from({ length: studies }, (_, study) => row((name) => ofStudies[name]?.[study], 'study')),
          ],
        };
        FACETS.forEach((name) => (facets[name] = (values[name] || []).map(([value, label]) => [value, label])));
        return facets;
      },
    );
    made.set(key, promise);
    promise.catch(() => made.delete(key));
  }
  return made.get(key);
}

/** The parts of the facets that `filters` need. */
const needed = (filters, more = {}) => ({
  small: !!more.small || FACETS.some((name) => filters[name] && !PLACES.includes(name) && !DERIVED.includes(name)),
  places: !!more.places || PLACES.some((name) => filters[name]),
});

/** Run a query as `catalogue search` does, naming concepts in `language`. */
export async function search(load, query, filters = {}, language = 'en') {
  const [understood, facets] = await Promise.all([understand(load, query), facetsOf(load, needed(filters))]);
  const ranked = rank(understood.units, facets, filters);
  const hits = [];
  for (const hit of ranked.hits) hits.push({ ...hit, matched: await matched(load, understood.units, hit.ordinal, language) });
  return { ...ranked, hits, words: understood.words, stems: understood.stems };
}

// ------------------------------------------------------------ the page

const PAGE = 20;

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const name in attributes) element.setAttribute(name, attributes[name]);
  element.append(...children); // strings become text nodes
  return element;
}

function page(input, live) {
  const root = new URL('..', import.meta.url);
  // The page's language: its case pages are below its folder (`sv/`), and
  // its labels and the titles it sorts are in its own files
  // (`browse.sv.json`, `sort/title.sv.json`); every other search file
  // serves all languages.
  const pages = new URL(live.dataset.pages || '', root);
  const ownFiles = {
    'browse.json': live.dataset.browse || 'browse.json',
    'sort/title.json': live.dataset.titles || 'sort/title.json',
  };
  const load = async (path) => {
    const response = await fetch(new URL(`search/${ownFiles[path] || path}`, root));
    if (!response.ok) throw new Error(`${response.status} ${path}`);
    return response.json();
  };
  const plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  // Every string comes from the page: search.html renders the theme's UI
  // strings into data-* attributes of #search-results (data-results-one
  // for resultsOne, ...), so the site, the appendix and this script share
  // one source. A missing one shows its key rather than failing.
  const t = (key, values = {}) =>
    (live.dataset[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => values[name]);
  const hidden = (text) => h('span', { class: 'visually-hidden' }, `${text}: `);

  const language = document.documentElement.lang || 'en';
  const filters = {};
  let sort = '';
  // The state is the address: read on load and on back/forward.
  function read() {
    const params = new URLSearchParams(location.search);
    FACETS.forEach((name) => {
      if (params.get(name)) filters[name] = params.get(name);
      else delete filters[name];
    });
    input.value = params.get('q') || '';
    sort = SORTS.includes(params.get('sort')) ? params.get('sort') : '';
  }
  read();
  const wordy = () => words(input.value).length > 0;
  const defaultSort = () => (wordy() ? 'relevance' : 'reviewed');
  // Relevance needs a word; without one the listing falls back to the newest.
  const sorting = () => (sort && (sort !== 'relevance' || wordy()) ? sort : defaultSort());
  const filtered = () => FACETS.some((name) => filters[name]);

  // Filters, sort, results and "show more" come after the live region,
  // which only says how many results there are and how the query was
  // understood.
  const selects = {};
  const boxes = {};
  const clear = h('button', { type: 'button' }, t('clearFilters'));
  const fieldset = h('fieldset', { class: 'search-filters' }, h('legend', {}, t('filters')));
  SHOWN.forEach((name) => {
    const id = `search-${name.replace('_', '-')}`;
    selects[name] = h('select', { id, name });
    boxes[name] = h('div', {}, h('label', { for: id }, t(name.replace(/_(\w)/g, (_, c) => c.toUpperCase()))), ' ', selects[name]);
    fieldset.append(boxes[name]);
  });
  fieldset.append(clear);
  // On a phone nine filters would push the first result a screen down:
  // they fold away behind one control, open where there is room beside
  // the results.
  const panelSummary = h('summary', {}, t('filters'));
  const panel = h('details', { class: 'search-filter-panel' }, panelSummary, fieldset);
  panel.open = window.matchMedia('(min-width: 52rem)').matches;
  const sortLabels = {
    relevance: t('sortRelevance'),
    reviewed: t('sortReviewed'),
    started: t('sortStarted'),
    title: t('sortTitle'),
  };
  const sortSelect = h('select', { id: 'search-sort', name: 'sort' });
  const sortBox = h('div', { class: 'search-sort' }, h('label', { for: 'search-sort' }, t('sort')), ' ', sortSelect);
  const list = h('ol', { class: 'case-list search-list' });
  const more = h('button', { type: 'button', class: 'search-more' }, t('more'));
  const output = h('div', { class: 'search-output' }, panel, sortBox, list, more);
  output.hidden = more.hidden = true;
  live.after(output);

  let generation = 0;
  let timer;
  let hits = [];
  // Without a word or filter, browse.json gives only the first page of
  // the newest; `complete` says whether `hits` holds every result.
  let complete = true;
  let total = 0;
  let shown = 0;
  let marked;
  // The query whose results the filters count (null in the first state,
  // which counts from browse.json), and whether a hand has reached for a
  // filter, which loads the place columns.
  let counted = null;
  let reached = false;

  /** Loads the columns the open panel shows and counts them. */
  async function recount() {
    if (!counted || !panel.open) return;
    const mine = generation;
    const understood = counted;
    const facets = await facetsOf(load, needed(filters, { small: true, places: reached })).catch(() => null);
    if (!facets || mine !== generation) return;
    SHOWN.forEach((name) => options(facets, understood, name));
  }
  panel.addEventListener('toggle', recount);
  const reach = () => {
    if (reached) return;
    reached = true;
    recount();
  };
  fieldset.addEventListener('pointerover', reach);
  fieldset.addEventListener('focusin', reach);
  // The units of the query shown, to say what matched each card.
  let units = [];

  // `also`: the words of the forms through which a concept matched the
  // card's case, marked too where its title or summary has them.
  function mark(text, also = new Set()) {
    const parts = [];
    let at = 0;
    const begins = (word, s) => word === s || (s.length > 2 && word.startsWith(s));
    for (const match of String(text).matchAll(WORD)) {
      const word = lower(match[0]);
      if (
        marked.words.has(word) ||
        marked.stems.some((s) => begins(word, s)) ||
        [...also].some((s) => begins(word, s))
      ) {
        parts.push(text.slice(at, match.index), h('mark', {}, match[0]));
        at = match.index + match[0].length;
      }
    }
    parts.push(text.slice(at));
    return parts;
  }

  // A card names its country and categories by their terms; the labels
  // are those of the page's browse file, loaded before any card is shown.
  let labels = new Map();
  const labelOf = (facet, value) => labels.get(`${facet} ${value}`) ?? value;
  // One row of what matched: the word itself, a concept with the forms of
  // it the case has, or the forms found for a word.
  const describe = (row) => {
    if (row.via === 'concept') {
      const forms = row.forms.filter((form) => form !== row.label);
      return forms.length ? `${row.label} — ${forms.join(', ')}` : row.label;
    }
    // A stem ("digit" of "digital") is not a word a reader knows: another
    // form of the word shows as the word.
    if (row.via === 'exact' || row.via === 'stem') return row.word;
    return t('matchedAs', { word: row.word, forms: row.forms.join(', ') });
  };
  // What a study's card says of it: that it is a study, by whom, when, what kind.
  const studyMeta = (study) => [
    h('span', { class: 'search-type' }, t('typeStudy')),
    ' · ',
    hidden(t('authors')),
    study.authors.join('; '),
    ' · ',
    hidden(t('year')),
    String(study.year),
    ' · ',
    hidden(t('kind')),
    t(`kind-${study.kind}`.replace(/-(\w)/g, (_, c) => c.toUpperCase())),
  ];
  const card = ([c, rows]) => {
    // The texts in the page's language where the case has them, else English;
    // a study's title is in the language it was published in.
    const own = (c.localised || {})[language];
    const [title, titleLang] = own ? [own.title, own.title_lang] : [c.title, (c.study && c.study.language) || 'en'];
    const [summary, summaryLang] = own ? [own.summary, own.summary_lang] : [c.summary, 'en'];
    // Function words of a phrase ("i", "og") are not marked.
    const also = new Set(
      rows.filter((row) => row.via === 'concept').flatMap((row) => row.forms.flatMap(words)).filter((w) => Array.from(w).length > 3),
    );
    // A case that names no municipality runs through its co-operation
    // bodies; a part with nothing in it is left out, with its separator.
    const meta = c.study
      ? studyMeta(c.study)
      : [
          [t('country'), labelOf('country', c.country)],
          c.municipalities.length ? [t('municipalities'), c.municipalities.join(', ')] : [t('body'), (c.bodies || []).join(', ')],
          [t('category'), c.categories.map((term) => labelOf('category', term)).join(', ')],
        ]
          .filter(([, text]) => text)
          .flatMap(([label, text], i) => [...(i ? [' · '] : []), hidden(label), text]);
    const why = rows.length
      ? [h('p', { class: 'search-matched' }, h('span', { class: 'search-matched-label' }, `${t('matched')}: `), rows.map(describe).join('; '))]
      : [];
    return h(
      'li',
      { class: 'case-card' },
      h('h3', { lang: titleLang }, h('a', { href: new URL(c.url, pages).pathname }, ...mark(title, also))),
      h('p', { lang: summaryLang }, ...mark(summary, also)),
      ...why,
      h('p', { class: 'meta' }, ...meta),
    );
  };

  // The cards of the next page, each with what matched its case.
  const cards = async (list, from, shownUnits) => {
    const { values } = await file(load, 'browse.json');
    labels = new Map(['country', 'category'].flatMap((facet) => (values[facet] || []).map(([value, label]) => [`${facet} ${value}`, label])));
    return Promise.all(
      list
        .slice(from, from + PAGE)
        .map((hit) => Promise.all([file(load, `cards/${hit.ordinal}.json`), matched(load, shownUnits, hit.ordinal, language)])),
    );
  };

  /** The state into the address: a new history entry when `push`. */
  function address(push = false) {
    const query = new URLSearchParams();
    if (input.value) query.set('q', input.value);
    FACETS.forEach((name) => filters[name] && query.set(name, filters[name]));
    if (sort && sort !== defaultSort()) query.set('sort', sort);
    const text = query.toString().replace(/%2F/gi, '/');
    const url = location.pathname + (text ? `?${text}` : '') + location.hash;
    if (push && url !== location.pathname + location.search + location.hash) history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
  }

  /** One select's options: `values` as [value, label, count], `all` the total. */
  function fill(name, values, all) {
    if (NAMED.includes(name)) values = [...values].sort((a, b) => a[1].localeCompare(b[1], language));
    const select = selects[name];
    // A facet no case has a value of (no case names a body) is not offered.
    boxes[name].hidden = !values.length;
    select.replaceChildren(
      new Option(`${t('all')} (${all})`, ''),
      ...values
        .filter(([value, , n]) => n || value === filters[name])
        .map(([value, label, n]) => new Option(`${label} (${n})`, value, false, value === filters[name])),
    );
  }

  function options(facets, understood, name) {
    // Until its column is loaded a filter offers only "all" and its own
    // choice; the column comes when the panel opens or a hand reaches for
    // a filter (recount below).
    if (!facets.loaded.has(name)) {
      fill(name, facets[name].map(([value, label]) => [value, label, 0]), total);
      selects[name].setAttribute('aria-busy', 'true');
      return;
    }
    selects[name].removeAttribute('aria-busy');
    // Counted over the results with every other filter applied (this
    // facet's own filter left out), so that each choice shows what it gives.
    const column = FACETS.indexOf(name);
    const counts = new Map();
    const found = rank(understood.units, facets, { ...filters, [name]: null }).hits;
    for (const { ordinal } of found) [].concat(facets.cases[ordinal][column] ?? []).forEach((i) => counts.set(i, (counts.get(i) || 0) + 1));
    fill(name, facets[name].map(([value, label], i) => [value, label, counts.get(i) || 0]), found.length);
  }

  function sortOptions(current) {
    sortSelect.replaceChildren(
      ...SORTS.filter((key) => key !== 'relevance' || wordy()).map((key) => new Option(sortLabels[key], key, false, key === current)),
    );
  }

  async function run() {
    const mine = ++generation;
    address();
    clearTimeout(timer);
    try {
      let understood = { units: [], words: [], marks: [], stems: [] };
      let allWords = true;
      let found;
      if (!wordy() && !filtered()) {
        // The first state: every case, from browse.json and a sort file.
        const browse = await file(load, 'browse.json');
        const order = sorting();
        const every = () => Array.from({ length: browse.cases }, (_, ordinal) => ({ ordinal }));
        found = order === 'reviewed' ? browse.first.map((ordinal) => ({ ordinal })) : await sortHits(load, every(), order, language);
        if (mine !== generation) return;
        total = browse.cases;
        complete = found.length >= total;
        counted = null;
        SHOWN.forEach((name) => fill(name, browse.values[name] || [], total));
      } else {
        // Counts need the columns only while the panel is open; a filter
        // needs its own.
        const want = needed(filters, { small: panel.open, places: panel.open && reached });
        const [words, facets] = await Promise.all([wordy() ? understand(load, input.value) : null, facetsOf(load, want)]);
        // A value from the address as the facet spells it; one it does not know is dropped.
        FACETS.forEach((name, column) => {
          const wanted = filters[name] && (column ? filters[name] : ascii(filters[name]));
          const known = (facets[name] || []).find(([value]) => (column ? value : ascii(value)) === wanted);
          if (known) filters[name] = known[0];
          else delete filters[name];
        });
        if (mine !== generation) return;
        const every = new Map(facets.cases.map((_, ordinal) => [ordinal, 0]));
        understood = words ?? { units: [{ scores: every, strong: new Set(every.keys()) }], words: [], marks: [], stems: [] };
        const results = rank(understood.units, facets, filters);
        allWords = results.allWords;
        found = await sortHits(load, results.hits, sorting(), language);
        if (mine !== generation) return;
        total = found.length;
        complete = true;
        counted = understood;
        SHOWN.forEach((name) => options(facets, understood, name));
      }
      const first = await cards(found, 0, understood.units);
      if (mine !== generation) return;
      hits = found;
      units = understood.units;
      address();
      marked = { words: new Set(understood.marks), stems: understood.stems };

      const notes = [];
      for (const [word, how] of understood.words) {
        if (how.kind === 'typo') notes.push(t('typo', { word, words: how.words.join(', ') }));
        if (how.kind === 'prefix') notes.push(t('prefix', { word }));
        if (how.kind === 'split') notes.push(t('split', { word, words: how.words.join(' + ') }));
        if (how.kind === 'none') notes.push(t('unknown', { word }));
      }
      if (!allWords && total) notes.push(t('anyWord'));
      const n = total;
      const count = h('h2', { class: 'search-count' }, n ? t(plural.select(n) === 'one' ? 'resultsOne' : 'resultsOther', { n }) : t('noResults'));
      const tips = n
        ? []
        : [
            h(
              'ul',
              { class: 'search-tips' },
              h('li', {}, t('tipSpelling')),
              ...(filtered() ? [h('li', {}, t('tipFilters'))] : []),
              h('li', {}, h('a', { href: '#browse' }, t('tipBrowse'))),
            ),
          ];
      live.replaceChildren(count, ...notes.map((note) => h('p', { class: 'search-note' }, note)), ...tips);

      sortOptions(sorting());
      const active = FACETS.filter((name) => filters[name]).length;
      clear.hidden = !active && !sort;
      panelSummary.textContent = active ? `${t('filters')} (${active})` : t('filters');
      list.replaceChildren(...first.map(card));
      shown = first.length;
      more.hidden = shown >= n;
      sortBox.hidden = !n;
      output.hidden = false;
    } catch (error) {
      if (mine !== generation) return;
      live.replaceChildren(h('p', { class: 'search-count' }, t('error')));
      output.hidden = true;
      console.error(error);
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.form.addEventListener('submit', (event) => {
    event.preventDefault();
    address(true);
    run();
  });
  fieldset.addEventListener('change', (event) => {
    filters[event.target.name] = event.target.value || undefined;
    address(true);
    run();
  });
  sortSelect.addEventListener('change', () => {
    sort = sortSelect.value === defaultSort() ? '' : sortSelect.value;
    address(true);
    run();
  });
  clear.addEventListener('click', () => {
    FACETS.forEach((name) => delete filters[name]);
    sort = '';
    address(true);
    input.focus();
    run();
  });
  window.addEventListener('popstate', () => {
    read();
    run();
  });
  let loading = false;
  more.addEventListener('click', async () => {
    if (loading) return;
    const mine = generation;
    loading = true;
    const next = await (complete ? Promise.resolve(hits) : orderOf(load, 'reviewed').then(({ order }) => order.map((ordinal) => ({ ordinal }))))
      .then((all) => {
        if (mine === generation) {
          hits = all;
          complete = true;
        }
        return cards(all, shown, units);
      })
      .catch(() => [])
      .finally(() => (loading = false));
    if (mine !== generation) return;
    const items = next.map(card);
    list.append(...items);
    shown += items.length;
    more.hidden = shown >= total;
    if (items.length) items[0].querySelector('a').focus();
  });
  run();
}

if (typeof document !== 'undefined') {
  const input = document.getElementById('search-q');
  const live = document.getElementById('search-results');
  if (input && input.form && live) page(input, live);
}
