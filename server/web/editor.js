// editor.js: the form editor, generated from a catalog entry of
// GET /v1/forms. It holds the form's data, writes every input into it,
// adds, removes and moves list items (investors, projects), and shows
// the service's problems beside the fields they name. All text goes in
// with textContent or value, never as HTML.

import { describe, newItem, normalize, control, choicesOf, valueOf, hint, suggestions } from './fields.js';
import { parsePath, joinPath, getPath, setPath } from './draft.js';

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) Object.assign(e, props);
  e.append(...children);
  return e;
}

function button(text, label, data) {
  const b = el('button', { type: 'button', textContent: text });
  if (label) b.setAttribute('aria-label', label);
  Object.assign(b.dataset, data);
  return b;
}

/** Editor is the generated form editor inside root. */
export class Editor {
  /**
   * onInput(path) is called after each change of the data (path of the
   * field, or of the list for a structural change); sealPreview(id, img)
   * fills in a seal's picture.
   */
  constructor(root, { onInput, sealPreview }) {
    this.root = root;
    this.onInput = onInput;
    this.sealPreview = sealPreview;
    this.seals = [];
    this.nodes = [];
    this.data = {};
    this.fields = new Map(); // path → {wrap, input, err}
    this.byTpl = new Map(); // template path (rows[].projects) → node
    this.errors = [];
    root.addEventListener('input', (e) => this.changed(e.target));
    root.addEventListener('change', (e) => this.changed(e.target));
    root.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-action]');
      if (b && root.contains(b)) this.act(b.dataset.action, b.dataset.list, Number(b.dataset.index));
    });
  }

  /** load shows entry's editor with data (a new, empty form when null). */
  load(entry, data) {
    this.entry = entry;
    this.nodes = describe(entry);
    this.byTpl.clear();
    const index = (nodes) => {
      for (const n of nodes) {
        this.byTpl.set(n.tpl, n);
        if (n.children) index(n.children);
      }
    };
    index(this.nodes);
    this.data = data ? normalize(this.nodes, data) : newItem(this.nodes);
    this.errors = [];
    this.render();
  }

  /** setSeals sets the seals the picker offers: [{id, name}]. */
  setSeals(seals) {
    this.seals = seals;
    if (this.entry) this.render();
  }

  /** render rebuilds the inputs from the data, keeping the scroll place. */
  render() {
    const scroller = this.root.closest('.edit') || this.root;
    const top = scroller.scrollTop;
    this.fields.clear();
    const grid = el('div', { className: 'grid' });
    this.fieldsOf(this.nodes, '', this.data, grid, '');
    this.root.replaceChildren(grid);
    scroller.scrollTop = top;
    this.showErrors(this.errors);
  }

  fieldsOf(nodes, base, value, container, rowLabel) {
    for (const n of nodes) {
      const path = base ? base + '.' + n.key : n.key;
      const v = value ? value[n.key] : undefined;
      if (n.kind === 'array') this.list(n, path, Array.isArray(v) ? v : [], container, rowLabel);
      else if (n.children) this.group(n, path, v, container, rowLabel);
      else this.field(n, path, v, container);
    }
  }

  // group is an object's fieldset (项目联系人及电话: 联系人, 电话).
  group(n, path, value, container, rowLabel) {
    const grid = el('div', { className: 'grid' });
    const err = el('p', { className: 'group-err', id: 'e-' + path, hidden: true });
    const fs = el('fieldset', {}, el('legend', { textContent: n.title }), err, grid);
    fs.dataset.path = path;
    this.fields.set(path, { wrap: fs, input: null, err });
    this.fieldsOf(n.children, path, value && typeof value === 'object' ? value : {}, grid, rowLabel);
    container.append(fs);
  }

  // list is a list of objects: a fieldset per item with its tools, and an add button.
  list(n, path, items, container, rowLabel) {
    const err = el('p', { className: 'group-err', id: 'e-' + path, hidden: true });
    const fs = el('fieldset', {}, el('legend', { textContent: n.title }), err);
    fs.dataset.path = path;
    this.fields.set(path, { wrap: fs, input: null, err });
    items.forEach((item, i) => {
      const label = rowLabel ? rowLabel + '第' + (i + 1) + '个' + n.title : '第' + (i + 1) + '行';
      const ip = path + '[' + i + ']';
      const summary = el('span', { className: 'summary' });
      const grid = el('div', { className: 'grid' });
      const ierr = el('p', { className: 'group-err', id: 'e-' + ip, hidden: true });
      const ifs = el('fieldset', {}, el('legend', {}, label, summary), ierr, grid);
      ifs.dataset.path = ip;
      this.fields.set(ip, { wrap: ifs, input: null, err: ierr });
      this.fieldsOf(n.children, ip, item, grid, label);
      const first = n.children.find((c) => c.kind === 'text' && c.required);
      if (first) {
        ifs.dataset.summary = ip + '.' + first.key;
        summary.textContent = summaryText(item && item[first.key]);
      }
      const tools = el('div', { className: 'item-tools' },
        button('上移', '上移' + label, { action: 'up', list: path, index: i }),
        button('下移', '下移' + label, { action: 'down', list: path, index: i }),
        button('删除', '删除' + label, { action: 'remove', list: path, index: i }));
      tools.children[0].disabled = i === 0;
      tools.children[1].disabled = i === items.length - 1;
      tools.children[2].disabled = items.length <= n.min;
      ifs.append(tools);
      fs.append(ifs);
    });
    const add = rowLabel ? '添加' + n.title : '添加一行';
    fs.append(button(add, (rowLabel ? rowLabel + '：' : '') + add, { action: 'add', list: path, index: items.length }));
    fs.lastChild.classList.add('add');
    container.append(fs);
  }

  // field is one input with its label, hint and error line.
  field(n, path, value, container) {
    const id = 'f-' + path;
    const wrap = el('div', { className: 'field' });
    if (n.kind === 'multiline' || n.kind === 'list') wrap.classList.add('wide');
    wrap.dataset.path = path;
    const label = el('label', { htmlFor: id, textContent: n.title });
    if (n.required) label.append(el('span', { className: 'req', textContent: '*', title: '必填' }));
    const seal = n.tpl === 'seal';
    const input = control(n, value, seal ? this.sealChoices() : choicesOf(n));
    input.id = id;
    input.dataset.path = path;
    input.dataset.kind = n.kind;
    if (n.required) input.setAttribute('aria-required', 'true');
    if (n.kind === 'integer' && n.key === 'no') input.placeholder = '不填自动编号';
    const err = el('p', { className: 'err', id: 'e-' + path, hidden: true });
    const described = [err.id];
    wrap.append(label);
    if (seal) {
      const img = el('img', { alt: '', hidden: true });
      input.addEventListener('change', () => this.sealPreview(input.value, img));
      this.sealPreview(input.value, img);
      wrap.append(el('div', { className: 'seal-pick' }, input, img));
    } else if (n.kind === 'amount') {
      wrap.append(el('div', { className: 'unit' }, input, el('span', { textContent: n.schema['x-unit'] || '' })));
    } else {
      wrap.append(input);
    }
    const h = hint(n);
    if (h) {
      const p = el('p', { className: 'hint', id: 'h-' + path, textContent: h });
      wrap.append(p);
      described.push(p.id);
    }
    const list = suggestions(n);
    if (list) {
      const dl = el('datalist', { id: 'd-' + path });
      for (const x of list) dl.append(el('option', { value: x }));
      wrap.append(dl);
      input.setAttribute('list', dl.id);
    }
    input.setAttribute('aria-describedby', described.join(' '));
    wrap.append(err);
    this.fields.set(path, { wrap, input, err });
    container.append(wrap);
  }

  sealChoices() {
    const out = [['', '不盖章']];
    for (const s of this.seals) out.push([s.id, s.name && s.name !== s.id ? s.name + '（' + s.id + '）' : s.id]);
    return out;
  }

  // changed writes an input's value into the data.
  changed(input) {
    const path = input.dataset && input.dataset.path;
    if (!path || !this.fields.has(path)) return;
    setPath(this.data, parsePath(path), valueOf(input.dataset.kind, input));
    const item = input.closest('fieldset[data-summary]');
    if (item && item.dataset.summary === path) {
      item.querySelector('legend .summary').textContent = summaryText(input.value);
    }
    this.onInput(path);
  }

  // act adds, removes or moves an item of the list at path.
  act(action, path, i) {
    const tokens = parsePath(path);
    const n = this.byTpl.get(path.replace(/\[\d+\]/g, '[]'));
    if (!n) return;
    let items = getPath(this.data, tokens);
    if (!Array.isArray(items)) {
      items = [];
      setPath(this.data, tokens, items);
    }
    let focus = '';
    if (action === 'add') {
      items.push(newItem(n.children));
      focus = path + '[' + (items.length - 1) + ']';
    } else if (action === 'remove' && i < items.length) {
      items.splice(i, 1);
      focus = items.length ? path + '[' + Math.min(i, items.length - 1) + ']' : path;
    } else if ((action === 'up' && i > 0) || (action === 'down' && i < items.length - 1)) {
      const j = action === 'up' ? i - 1 : i + 1;
      [items[i], items[j]] = [items[j], items[i]];
      focus = path + '[' + j + ']';
    } else {
      return;
    }
    this.render();
    const f = this.fields.get(focus);
    if (f) {
      // A moved item keeps the focus on its button, or on the other
      // direction's at the end of the list.
      const tools = ':scope > .item-tools button:not(:disabled)';
      const target = action === 'up' || action === 'down'
        ? f.wrap.querySelector(tools + '[data-action="' + action + '"]') ||
          f.wrap.querySelector(tools + '[data-action="' + (action === 'up' ? 'down' : 'up') + '"]')
        : null;
      (target || f.wrap.querySelector('input, select, textarea, button')).focus();
    }
    this.onInput(path);
  }

  /** locate returns the path of the field or group that shows the problem at path, or ''. */
  locate(path) {
    const tokens = parsePath(path || '');
    while (tokens.length) {
      const p = joinPath(tokens);
      if (this.fields.has(p)) return p;
      tokens.pop();
    }
    return '';
  }

  /** showErrors shows each problem beside the field its path names. */
  showErrors(list) {
    this.errors = list;
    for (const f of this.fields.values()) {
      f.err.hidden = true;
      f.err.textContent = '';
      if (f.input) f.input.removeAttribute('aria-invalid');
    }
    for (const e of list) {
      const f = this.fields.get(this.locate(e.path));
      if (!f) continue;
      f.err.textContent += (f.err.textContent ? '\n' : '') + e.message;
      f.err.hidden = false;
      if (f.input) f.input.setAttribute('aria-invalid', 'true');
    }
  }

  /** focus scrolls to the field of path and puts the cursor in it. */
  focus(path) {
    const f = this.fields.get(this.locate(path));
    if (!f) return;
    f.wrap.scrollIntoView({ block: 'center' });
    const target = f.input || f.wrap.querySelector('input, select, textarea, button');
    if (target) target.focus({ preventScroll: true });
  }
}

function summaryText(v) {
  const s = v === undefined || v === null ? '' : String(v).trim();
  return s ? '：' + s : '';
}
