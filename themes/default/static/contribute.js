// "Propose a case" (/contribute/): the form that writes a case file in the
// browser, without dependencies and without sending anything anywhere.
//
// 1. fill(pieces, answers): a line-for-line port of fill() in
//    src/case_file.rs. The pieces are the case file's layout, which the
//    build puts into the page (script#contribute-data) from the same code
//    `catalogue new` uses, so the form and the command write the same bytes
//    for the same answers (a browser test compares them).
// 2. The page: answers gathered from the form as it is typed, the file shown
//    beside it, checks that name each missing or wrong field next to it
//    before the file can be taken (downloaded, copied, or proposed on
//    GitHub's new-file page when the site names its repository), a
//    municipality picker over every name form of the register, and the
//    draft kept in localStorage so a reload loses nothing.

// Only ASCII white space is trimmed, as tidy() in Rust.
export const tidy = (text) => String(text ?? '').replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');

const ESCAPES = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f' };
export function tomlString(text) {
  let out = '"';
  for (const c of text) {
    const code = c.codePointAt(0);
    if (ESCAPES[c]) out += ESCAPES[c];
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    else out += c;
  }
  return out + '"';
}

const DATE_OR_YEAR = /^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$/;

function fieldValue(answers, name, shape) {
  const value = answers[name];
  if (shape === 'list') {
    const items = (Array.isArray(value) ? value : []).map(tidy).filter((item) => item !== '').map(tomlString);
    return items.length ? '[' + items.join(', ') + ']' : null;
  }
  const text = tidy(value);
  if (text === '') return null;
  return shape === 'date' && DATE_OR_YEAR.test(text) ? text : tomlString(text);
}

const tableKey = (language) => (/^[A-Za-z0-9_-]+$/.test(language) ? language : tomlString(language));
const sectionText = (text) => tidy(String(text ?? '').replace(/\r\n/g, '\n').replace(/\r/g, '\n'));

export function fill(pieces, answers) {
  let out = '';
  for (const piece of pieces) {
    switch (piece.piece) {
      case 'text':
        out += piece.text;
        break;
      case 'field': {
        out += piece.comment;
        const value = fieldValue(answers, piece.name, piece.shape);
        if (value !== null) out += `${piece.name} = ${value}\n`;
        else if (piece.instead && fieldValue(answers, piece.instead.when, 'list') !== null) out += piece.instead.text;
        else out += piece.unanswered;
        break;
      }
      case 'sources': {
        out += piece.comment;
        const given = (answers.sources || []).filter((s) => tidy(s.title) !== '' || tidy(s.url) !== '');
        const blocks = given.length ? given : [piece.placeholder];
        const or = (value, instead) => tomlString(tidy(value) === '' ? instead : tidy(value));
        for (const source of blocks) {
          out += `[[sources]]\ntitle = ${or(source.title, piece.placeholder.title)}\nurl = ${or(source.url, piece.placeholder.url)}\n\n`;
        }
        break;
      }
      case 'contact': {
        const contact = answers.contact || {};
        const parts = [['organisation', tidy(contact.organisation)], ['email', tidy(contact.email)], ['url', tidy(contact.url)]];
        if (parts.every(([, value]) => value === '')) {
          out += piece.unanswered;
        } else {
          out += piece.comment + '[contact]\n';
          for (const [key, value] of parts) if (value !== '') out += `${key} = ${tomlString(value)}\n`;
        }
        break;
      }
      case 'translations': {
        out += piece.comment;
        const written = new Set();
        const tables = (answers.translations || []).filter((t) => {
          const language = tidy(t.language);
          if (language === '' || written.has(language)) return false;
          written.add(language);
          return true;
        });
        if (!tables.length) out += piece.unanswered;
        for (const translation of tables) {
          const language = tidy(translation.language);
          const name = piece.names[language] ?? language;
          const title = tidy(translation.title);
          const summary = tidy(translation.summary);
          out += `[translations.${tableKey(language)}]\n`;
          if (title === '' && summary === '') {
            out += `title = ${tomlString(`TODO: the title in ${name}`)}\nsummary = ${tomlString(`TODO: the summary in ${name}`)}\n`;
            continue;
          }
          if (title !== '') out += `title = ${tomlString(title)}\n`;
          if (summary !== '') out += `summary = ${tomlString(summary)}\n`;
        }
        break;
      }
      case 'sections':
        piece.sections.forEach((section, index) => {
          const text = sectionText((answers.sections || [])[index]);
          out += `\n## ${section.heading}\n\n${text === '' ? section.placeholder : text}\n`;
        });
        break;
      default:
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The page.

const DRAFT_KEY = 'catalogue-contribute-draft';
// GitHub answers 414 well before 8 KB of address: above this the file goes
// by download and paste instead.
const URL_LIMIT = 7500;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TAG = SLUG;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Folded for finding names: case and diacritics do not matter ("korsholm",
// "Pello" for "Pelló"), and the Nordic letters match their ASCII spellings.
export function fold(text) {
  return String(text)
    .toLowerCase()
    .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').replace(/ð/g, 'd').replace(/þ/g, 'th')
    .normalize('NFD').replace(/\p{M}/gu, '');
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function suggestSlug(text) {
  const spelled = [...String(text).toLowerCase()].map((c) => {
    if ('åäáà'.includes(c)) return 'a';
    if (c === 'æ') return 'ae';
    if ('øöó'.includes(c)) return 'o';
    if ('üú'.includes(c)) return 'u';
    if ('éè'.includes(c)) return 'e';
    if (c === 'í') return 'i';
    if (c === 'ý') return 'y';
    if (c === 'ð') return 'd';
    if (c === 'þ') return 'th';
    return /[a-z0-9]/.test(c) ? c : '-';
  }).join('');
  return spelled.split('-').filter(Boolean).join('-').slice(0, 80).replace(/-+$/, '');
}

const splitList = (text, separator) => String(text).split(separator).map(tidy).filter((item) => item !== '');

function page() {
  const form = document.getElementById('contribute');
  const data = document.getElementById('contribute-data');
  if (!form || !data) return;
  let layout;
  try {
    layout = JSON.parse(data.textContent);
  } catch {
    return;
  }
  const text = form.dataset;
  const $ = (id) => document.getElementById(id);
  const status = $('result-status');
  const preview = $('result-preview');
  const pathOut = $('result-path');
  const errors = $('contribute-errors');
  let slugEdited = false;
  let register = null;
  const picked = { municipalities: [], bodies: [] };

  // --- Answers from the form, and back.
  const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
  const sourceRows = () => [...form.querySelectorAll('#f-sources > li')];

  function answers() {
    return {
      title: $('f-title').value,
      title_local: $('f-title_local').value,
      summary: $('f-summary').value,
      country: $('f-country').value,
      municipalities: picked.municipalities.map((m) => m.entry),
      bodies: picked.bodies.map((b) => b.entry),
      categories: checked('categories'),
      service_areas: checked('service_areas'),
      cooperation: checked('cooperation')[0] ?? '',
      status: checked('status')[0] ?? '',
      started: $('f-started').value,
      ended: $('f-ended').value,
      language: $('f-language').value,
      organisations: splitList($('f-organisations').value, /\n/),
      evaluation: checked('evaluation')[0] ?? '',
      tags: splitList($('f-tags').value, /[,\s]+/),
      reviewed: today(),
      sources: sourceRows().map((row) => ({
        title: row.querySelector('input[name="source-title"]').value,
        url: row.querySelector('input[name="source-url"]').value,
      })),
      contact: {
        organisation: $('f-contact-organisation').value,
        email: $('f-contact-email').value,
        url: $('f-contact-url').value,
      },
      translations: [...form.querySelectorAll('details.translation')].map((details) => ({
        language: details.dataset.language,
        title: details.querySelector('input').value,
        summary: details.querySelector('textarea').value,
      })).filter((t) => tidy(t.title) !== '' || tidy(t.summary) !== ''),
      sections: [...form.querySelectorAll('textarea[data-section]')].map((area) => area.value),
    };
  }

  function draft() {
    const values = {};
    for (const element of form.querySelectorAll('input[id], textarea[id], select[id]')) {
      if (element.type === 'checkbox' || element.type === 'radio') values[element.id] = element.checked;
      else if (element.getAttribute('role') !== 'combobox') values[element.id] = element.value;
    }
    return { values, sources: sourceRows().length, slugEdited, picked };
  }

  function restore(saved) {
    if (!saved || typeof saved !== 'object') return false;
    for (let n = sourceRows().length; n < Math.min(Number(saved.sources) || 1, 50); n++) addSource(false);
    for (const [id, value] of Object.entries(saved.values || {})) {
      const element = document.getElementById(id);
      if (!element || !form.contains(element)) continue;
      if (element.type === 'checkbox' || element.type === 'radio') element.checked = value === true;
      else if (typeof value === 'string') element.value = value;
    }
    slugEdited = saved.slugEdited === true;
    for (const kind of ['municipalities', 'bodies']) {
      const list = Array.isArray(saved.picked?.[kind]) ? saved.picked[kind] : [];
      picked[kind] = list.filter((item) => item && typeof item.entry === 'string' && typeof item.label === 'string');
      showPicked(kind);
    }
    for (const details of form.querySelectorAll('details.translation')) {
      if ([...details.querySelectorAll('input, textarea')].some((field) => field.value !== '')) details.open = true;
    }
    return true;
  }

  function save() {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(draft()));
    } catch {
      // Private browsing or a full storage: the form still works.
    }
  }

  // --- The file beside the form.
  const filePath = () => {
    const country = $('f-country').value || 'XX';
    const slug = tidy($('f-slug').value) || 'new-case';
    return `${layout.cases_folder}/${country}/${slug}.md`;
  };

  function update() {
    const title = $('f-title').value;
    if (!slugEdited) $('f-slug').value = suggestSlug(title);
    preview.textContent = fill(layout.pieces, answers());
    const folder = text.folder ? text.folder.replace(/\/+$/, '') + '/' : '';
    pathOut.textContent = folder + filePath();
    save();
  }

  // --- Checks: each problem is named next to its field and in a summary.
  function problems() {
    const found = [];
    const add = (id, message) => found.push({ id, message });
    const input = (id) => $(id);
    const tooLong = (id) => {
      const element = input(id);
      const max = Number(element.getAttribute('maxlength'));
      return max && [...element.value].length > max ? text.tooLong.replace('{max}', String(max)) : null;
    };
    for (const id of ['f-title', 'f-slug', 'f-summary', 'f-started']) {
      if (tidy(input(id).value) === '') add(id, text.required);
      else if (tooLong(id)) add(id, tooLong(id));
    }
    const slug = tidy($('f-slug').value);
    if (slug !== '' && !SLUG.test(slug)) add('f-slug', text.slug);
    for (const id of ['f-title_local', 'f-organisations']) if (tooLong(id)) add(id, tooLong(id));
    if ($('f-country').value === '') add('f-country', text.required);
    if (!picked.municipalities.length && !picked.bodies.length) add('f-municipalities', text.place);
    for (const name of ['categories', 'service_areas']) if (!checked(name).length) add(`f-${name}`, text.choose);
    for (const name of ['cooperation', 'status']) if (!checked(name).length) add(`f-${name}`, text.required);
    for (const id of ['f-started', 'f-ended']) {
      const value = tidy(input(id).value);
      if (value !== '' && !DATE_OR_YEAR.test(value)) add(id, text.date);
    }
    if (checked('status')[0] === 'ended' && tidy($('f-ended').value) === '') add('f-ended', text.ended);
    const tags = splitList($('f-tags').value, /[,\s]+/);
    if (tags.some((tag) => !TAG.test(tag))) add('f-tags', text.tags);
    sourceRows().forEach((row, index) => {
      const title = row.querySelector('input[name="source-title"]');
      const url = row.querySelector('input[name="source-url"]');
      const empty = tidy(title.value) === '' && tidy(url.value) === '';
      if (empty && index > 0) return;
      if (tidy(title.value) === '') add(title.id, text.required);
      if (tidy(url.value) === '') add(url.id, text.required);
      else if (!/^https?:\/\/[^\s/]+\.[^\s]+$/.test(tidy(url.value))) add(url.id, text.url);
    });
    // `check` refuses a section left as its TODO hint, so each needs a text.
    for (const area of form.querySelectorAll('textarea[data-section]')) {
      if (sectionText(area.value) === '') add(area.id, text.required);
    }
    const email = tidy($('f-contact-email').value);
    if (email !== '' && !EMAIL.test(email)) add('f-contact-email', text.email);
    const contactUrl = tidy($('f-contact-url').value);
    if (contactUrl !== '' && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(contactUrl)) add('f-contact-url', text.url);
    if ((email !== '' || contactUrl !== '') && tidy($('f-contact-organisation').value) === '') {
      add('f-contact-organisation', text.required);
    }
    return found;
  }

  function labelOf(id) {
    const element = $(id);
    if (element?.tagName === 'FIELDSET') return element.querySelector('legend').firstChild.textContent.trim();
    const label = form.querySelector(`label[for="${id}"]`);
    const row = element?.closest('#f-sources > li');
    const prefix = row ? `${text.source} ${sourceRows().indexOf(row) + 1}: ` : '';
    return prefix + (label ? label.firstChild.textContent.trim() : id);
  }

  function showProblems(found) {
    for (const message of form.querySelectorAll('.field-error')) {
      message.hidden = true;
      message.textContent = '';
    }
    for (const element of form.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
    const list = errors.querySelector('ul');
    list.replaceChildren();
    for (const { id, message } of found) {
      const slot = $(`${id}-error`);
      if (slot && slot.hidden) {
        slot.textContent = message;
        slot.hidden = false;
      }
      $(id)?.setAttribute('aria-invalid', 'true');
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${id}`;
      link.textContent = `${labelOf(id)}: ${message}`;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        const target = $(id);
        const focusable = target?.tagName === 'FIELDSET' ? target.querySelector('input') : target;
        focusable?.focus();
        target?.scrollIntoView({ block: 'center' });
      });
      item.append(link);
      list.append(item);
    }
    errors.hidden = found.length === 0;
  }

  let checkedOnce = false;
  function ready() {
    const found = problems();
    checkedOnce = true;
    showProblems(found);
    if (found.length) {
      status.textContent = '';
      errors.focus();
      return null;
    }
    return preview.textContent;
  }

  // --- Taking the file.
  function download(content) {
    const blob = new Blob([content], { type: 'text/markdown;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${tidy($('f-slug').value) || 'new-case'}.md`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  async function copy(content) {
    try {
      await navigator.clipboard.writeText(content);
      return true;
    } catch {
      return false;
    }
  }

  $('take-download').addEventListener('click', () => {
    const content = ready();
    if (content === null) return;
    download(content);
    status.textContent = text.downloaded;
  });
  $('take-copy').addEventListener('click', async () => {
    const content = ready();
    if (content === null) return;
    status.textContent = (await copy(content)) ? text.copied : text.copyFailed;
  });
  $('take-propose')?.addEventListener('click', async () => {
    const content = ready();
    if (content === null || !text.newFile) return;
    const folder = text.folder ? text.folder.replace(/\/+$/, '') + '/' : '';
    const base = `${text.newFile}?filename=${encodeURIComponent(folder + filePath())}`;
    const full = `${base}&value=${encodeURIComponent(content)}`;
    if (full.length <= URL_LIMIT) {
      window.open(full, '_blank', 'noopener');
      return;
    }
    download(content);
    await copy(content);
    status.textContent = text.paste;
    window.open(base, '_blank', 'noopener');
  });
  $('start-again').addEventListener('click', () => {
    if (!window.confirm(text.confirmRestart)) return;
    try {
      localStorage.removeItem(DRAFT_KEY);
    } catch {
      // Nothing kept, nothing to remove.
    }
    form.reset();
    for (const row of sourceRows().slice(1)) row.remove();
    slugEdited = false;
    picked.municipalities = [];
    picked.bodies = [];
    showPicked('municipalities');
    showPicked('bodies');
    checkedOnce = false;
    showProblems([]);
    status.textContent = '';
    update();
    $('f-title').focus();
  });

  // --- Sources: one row each, the first required.
  function addSource(focus) {
    const rows = sourceRows();
    const number = rows.length + 1;
    const row = rows[0].cloneNode(true);
    for (const element of row.querySelectorAll('[id]')) element.id = element.id.replace(/^f-source-1-/, `f-source-${number}-`);
    for (const label of row.querySelectorAll('label[for]')) {
      label.htmlFor = label.htmlFor.replace(/^f-source-1-/, `f-source-${number}-`);
      label.querySelector('.required')?.remove();
    }
    for (const input of row.querySelectorAll('input')) {
      input.value = '';
      input.required = false;
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', `${input.id}-error`);
    }
    for (const message of row.querySelectorAll('.field-error')) {
      message.hidden = true;
      message.textContent = '';
    }
    $('f-sources').append(row);
    if (focus) row.querySelector('input').focus();
    return row;
  }
  $('add-source').addEventListener('click', () => {
    addSource(true);
    update();
  });

  // --- The pickers: every name form of the register, as a combobox.
  function showPicked(kind) {
    const list = $(`f-${kind}-picked`);
    list.replaceChildren();
    picked[kind].forEach((item, index) => {
      const entry = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = item.label;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = text.remove;
      remove.setAttribute('aria-label', `${text.remove}: ${item.label}`);
      remove.addEventListener('click', () => {
        picked[kind].splice(index, 1);
        showPicked(kind);
        update();
        $(`f-${kind}`).focus();
      });
      entry.append(name, ' ', remove);
      list.append(entry);
    });
  }

  function candidates(kind, query) {
    if (!register) return [];
    const country = $('f-country').value;
    const wanted = fold(tidy(query));
    if (wanted === '' || country === '') return [];
    const rows = kind === 'municipalities'
      ? register.municipalities.filter((m) => m.country === country || m.territory === country)
      : register.bodies.filter((b) => b.country === country || (b.country === 'AX' && country === 'FI'));
    const scored = [];
    for (const row of rows) {
      const names = [row.name, ...(row.names || []), ...(kind === 'municipalities' ? [row.code] : [row.id])];
      let best = null;
      for (const name of names) {
        const folded = fold(name);
        const rank = folded === wanted ? 0 : folded.startsWith(wanted) ? 1 : folded.includes(wanted) ? 2 : null;
        if (rank !== null && (best === null || rank < best.rank)) best = { rank, name };
      }
      if (best) scored.push({ row, ...best });
    }
    scored.sort((a, b) => a.rank - b.rank || a.row.name.localeCompare(b.row.name));
    return scored.slice(0, 12).map(({ row, name }) => {
      const also = name !== row.name && name !== row.code && name !== row.id ? ` (${name})` : '';
      const where = kind === 'municipalities' && row.region ? `, ${row.region}` : '';
      const ended = row.ended ? `, ${text.endedOn.replace('{date}', row.ended)}` : '';
      return {
        entry: kind === 'municipalities' ? row.entry : row.id,
        label: `${row.name}${also}${where}${ended}`,
        key: kind === 'municipalities' ? `${row.country}/${row.code}` : row.id,
      };
    });
  }

  function picker(kind) {
    const input = $(`f-${kind}`);
    const listbox = $(`f-${kind}-options`);
    const announce = input.closest('.picker').querySelector('.picker-status');
    let options = [];
    let active = -1;
    const close = () => {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const mark = () => {
      [...listbox.children].forEach((option, index) => option.setAttribute('aria-selected', String(index === active)));
      if (active >= 0) input.setAttribute('aria-activedescendant', `f-${kind}-option-${active}`);
      else input.removeAttribute('aria-activedescendant');
      listbox.children[active]?.scrollIntoView({ block: 'nearest' });
    };
    const choose = (index) => {
      const option = options[index];
      if (!option) return;
      if (!picked[kind].some((item) => item.entry === option.entry)) {
        picked[kind].push({ entry: option.entry, label: option.label, country: $('f-country').value });
      }
      showPicked(kind);
      input.value = '';
      close();
      update();
      if (checkedOnce) showProblems(problems());
    };
    const show = () => {
      options = candidates(kind, input.value);
      listbox.replaceChildren();
      options.forEach((option, index) => {
        const item = document.createElement('li');
        item.id = `f-${kind}-option-${index}`;
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        item.textContent = option.label;
        item.addEventListener('mousedown', (event) => event.preventDefault());
        item.addEventListener('click', () => choose(index));
        listbox.append(item);
      });
      active = options.length ? 0 : -1;
      const open = tidy(input.value) !== '' && options.length > 0;
      listbox.hidden = !open;
      input.setAttribute('aria-expanded', String(open));
      mark();
      if (tidy(input.value) !== '') {
        announce.textContent = options.length === 0 ? text.noMatch
          : options.length === 1 ? text.matchesOne : text.matchesOther.replace('{count}', String(options.length));
      }
    };
    input.addEventListener('input', show);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' && options.length) {
        event.preventDefault();
        if (listbox.hidden) show();
        active = (active + 1) % options.length;
        mark();
      } else if (event.key === 'ArrowUp' && options.length) {
        event.preventDefault();
        active = (active - 1 + options.length) % options.length;
        mark();
      } else if (event.key === 'Enter') {
        if (!listbox.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', close);
  }

  // --- Start.
  $('f-slug').addEventListener('input', () => {
    slugEdited = $('f-slug').value !== '';
  });
  form.addEventListener('input', (event) => {
    if (event.target.getAttribute('role') === 'combobox') return;
    update();
    if (checkedOnce) showProblems(problems());
  });
  form.addEventListener('change', () => {
    update();
    if (checkedOnce) showProblems(problems());
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  $('f-country').addEventListener('change', () => {
    // Another country's municipalities cannot stay.
    const country = $('f-country').value;
    for (const kind of ['municipalities', 'bodies']) {
      picked[kind] = picked[kind].filter((item) => item.country === country);
      showPicked(kind);
    }
    update();
  });

  let restored = false;
  try {
    restored = restore(JSON.parse(localStorage.getItem(DRAFT_KEY) || 'null'));
  } catch {
    restored = false;
  }
  form.hidden = false;
  picker('municipalities');
  picker('bodies');
  update();
  if (restored) status.textContent = text.restored;

  // The register is one file for every language, beside static/.
  fetch(new URL('../contribute/register.json', import.meta.url))
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then((json) => {
      register = json;
      $('f-municipalities').disabled = false;
      $('f-bodies').disabled = false;
    })
    .catch(() => {
      // Without the register the pickers stay disabled; the hint says why.
    });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', page);
  else page();
}
