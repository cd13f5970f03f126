// fields.js: what the editor knows about a form, read from GET /v1/forms
// (the JSON Schema, the labels and the kinds of the values), the input
// of each kind of value, and imported values brought to the inputs' shapes.

/**
 * describe turns a catalog entry into the editor's nodes: one per key, in
 * the schema's x-order, with its kind, label, required flag and, for
 * objects and lists of objects, its children.
 */
export function describe(entry) {
  let root = entry.schema || {};
  if (!root.properties && Array.isArray(root.anyOf)) {
    root = root.anyOf.find((s) => s && s.properties) || {}; // 附件6: one order of the anyOf
  }
  return objectNodes(root, '', entry);
}

/** hasFields reports whether a catalog entry has anything to fill in. */
export function hasFields(entry) {
  return !entry.blankOnly && describe(entry).length > 0;
}

function objectNodes(schema, tpl, entry) {
  const req = new Set(schema.required || []);
  return Object.entries(schema.properties || {})
    .sort((a, b) => (a[1]['x-order'] ?? 0) - (b[1]['x-order'] ?? 0))
    .map(([key, s]) => fieldNode(key, s, tpl ? tpl + '.' + key : key, req.has(key), entry));
}

function types(s) {
  return Array.isArray(s.type) ? s.type : [s.type];
}

// guessKind reads the kind from the schema, for a server without kinds.
function guessKind(s) {
  const t = types(s);
  if (t.includes('array') && s.items && s.items.properties) return 'array';
  if (t.includes('array')) return 'list';
  if (t.includes('object') && t.includes('string')) return 'textOrObject';
  if (t.includes('object')) return 'object';
  if (s['x-codes']) return 'code';
  if (s['x-unit']) return 'amount';
  if (t.includes('boolean')) return 'bool';
  if (t.includes('integer')) return 'integer';
  if (s['x-multiline']) return 'multiline';
  return 'text';
}

function fieldNode(key, s, tpl, required, entry) {
  const kind = (entry.kinds && entry.kinds[tpl]) || guessKind(s);
  const n = {
    key, tpl, kind, required, schema: s,
    title: s.title || (entry.labels && entry.labels[tpl]) || key,
  };
  if (kind === 'array') {
    n.children = objectNodes(s.items || {}, tpl + '[]', entry);
    n.min = s.minItems || 0;
  } else if (kind === 'object' || kind === 'textOrObject') {
    n.children = objectNodes(s, tpl, entry);
  }
  return n;
}

/** newItem is an empty object of children, with the one item each required list needs. */
export function newItem(children) {
  const o = {};
  for (const c of children) {
    if (c.kind === 'array' && c.min > 0) o[c.key] = [newItem(c.children)];
  }
  return o;
}

const fullwidth = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

function halfwidth(s) {
  return s.replace(fullwidth, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0));
}

/** isoDate reads the spellings the service takes ("2026年11月26日", "2026/11/26") as 2026-11-26, or ''. */
export function isoDate(v) {
  const m = /^\s*(\d{4})[-年/.]\+?(\d{1,2})[-月/.]\+?(\d{1,2})日?\s*$/.exec(halfwidth(String(v)));
  if (!m) return '';
  return m[1] + '-' + m[2].padStart(2, '0') + '-' + m[3].padStart(2, '0');
}

// codeOf finds the code a spelling names: "A", "Ａ", "合资", "A—合资", "A类".
function codeOf(codes, v) {
  const s = halfwidth(String(v)).trim();
  for (const c of codes) {
    if (s === c.code || s === c.name || s === c.legend || s.toUpperCase() === c.code) return c.code;
  }
  for (const c of codes) {
    if (s.toUpperCase().startsWith(c.code) && /^[类—\-:：、.\s]/.test(s.slice(c.code.length))) return c.code;
  }
  return v;
}

function boolOf(v) {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (s === '是' || s === 'true') return true;
  if (s === '否' || s === 'false') return false;
  return v;
}

/**
 * normalize brings imported data to the shapes of the inputs: dates as
 * 2026-11-26, codes as their letter, 是/否 as true/false, lists as
 * arrays, numbers as text. A value the page cannot read is kept as it
 * is, for the service to name.
 */
export function normalize(nodes, value) {
  const o = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  for (const n of nodes) {
    let v = o[n.key];
    if (v === undefined || v === null) continue;
    switch (n.kind) {
      case 'date':
        v = isoDate(v) || v;
        break;
      case 'code':
        v = codeOf(n.schema['x-codes'] || [], v);
        break;
      case 'bool':
        v = boolOf(v);
        break;
      case 'list':
        if (typeof v === 'string') v = v.split(/\r?\n/);
        if (Array.isArray(v)) v = v.filter((x) => x !== null && String(x).trim() !== '').map(String);
        break;
      case 'textOrObject':
        if (typeof v === 'string') v = n.children.some((c) => c.key === 'text') ? { text: v } : v;
        if (typeof v === 'object') v = normalize(n.children, v);
        break;
      case 'object':
        v = normalize(n.children, v);
        break;
      case 'array':
        if (Array.isArray(v)) v = v.map((item) => normalize(n.children, item));
        break;
      default:
        if (typeof v === 'number') v = String(v);
    }
    o[n.key] = v;
  }
  return o;
}

function el(tag, props) {
  const e = document.createElement(tag);
  if (props) Object.assign(e, props);
  return e;
}

function option(value, text, selected) {
  const o = el('option', { value, textContent: text });
  o.selected = selected;
  return o;
}

/**
 * control makes the input of a value: text, date, decimal text, select.
 * choices are [value, text] pairs for a select; a value that is none of
 * them is kept as an extra choice marked unknown, never dropped.
 */
export function control(n, value, choices) {
  let c;
  const str = value === undefined || value === null ? '' : String(value);
  if (choices) {
    c = el('select');
    let found = false;
    for (const [v, text] of choices) {
      const sel = v === str;
      found = found || sel;
      c.append(option(v, text, sel));
    }
    if (!found && str !== '') c.append(option(str, str + '（无法识别）', true));
    return c;
  }
  switch (n.kind) {
    case 'multiline':
      c = el('textarea', { rows: 3, value: str });
      break;
    case 'list':
      c = el('textarea', { rows: 3, value: Array.isArray(value) ? value.join('\n') : str });
      break;
    case 'date':
      c = el('input', { type: 'date', min: '1949-01-01', max: '2100-12-31' });
      c.value = isoDate(str) ? str : '';
      break;
    default:
      c = el('input', { type: 'text', value: str });
      if (n.kind === 'amount') c.inputMode = 'decimal';
      if (n.kind === 'integer') c.inputMode = 'numeric';
  }
  c.spellcheck = false;
  return c;
}

/** choicesOf returns the select choices of a kind, or null for a typed input. */
export function choicesOf(n) {
  if (n.kind === 'bool') return [['', n.required ? '请选择' : '（不填）'], ['true', '是'], ['false', '否']];
  if (n.kind === 'code') {
    const out = [['', '请选择']];
    for (const c of n.schema['x-codes'] || []) out.push([c.code, c.legend || c.name || c.code]);
    return out;
  }
  return null;
}

/** valueOf reads an input back as the value of its kind; undefined for empty. */
export function valueOf(kind, input) {
  const v = input.value;
  if (kind === 'bool') return v === 'true' ? true : v === 'false' ? false : undefined;
  if (kind === 'list') {
    const items = v.split('\n').filter((s) => s.trim() !== '');
    return items.length ? items : undefined;
  }
  return v === '' ? undefined : v;
}

/** hint is the line shown under an input: its unit, default or format. */
export function hint(n) {
  const s = n.schema;
  if (n.kind === 'amount') return '单位：' + (s['x-unit'] || '') + '，填数字，如 12.5';
  if (n.kind === 'list') return '每行一项';
  if (n.kind === 'bool' && typeof s.default === 'boolean') return '不填为' + (s.default ? '是' : '否');
  if (s.default !== undefined && s.default !== 0) return '不填为' + s.default;
  return '';
}

/** suggestions are the examples of a field that lists its values (市州, 榜单), for a datalist. */
export function suggestions(n) {
  const ex = n.schema.examples;
  if (n.kind !== 'text' || !Array.isArray(ex) || ex.length < 3) return null;
  return ex.every((x) => typeof x === 'string') ? ex : null;
}
