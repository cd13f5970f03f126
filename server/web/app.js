// app.js: the page of zsdoc serve. It loads the forms (GET /v1/forms) and
// the seals the token may use, keeps a draft per form in localStorage,
// checks the form as one types (POST …/validate, debounced), lists the
// problems, previews the stamped PDF and downloads every format.

import * as api from './api.js';
import { Editor } from './editor.js';
import { hasFields } from './fields.js';
import { loadDraft, saveDraft, clearDraft, parseJSON, prune } from './draft.js';

const $ = (id) => document.getElementById(id);
const FORM_KEY = 'zsdoc:form';
const CHECK_DELAY = 300; // ms after the last keystroke
const NEED_TOKEN = '此服务需要访问令牌：请在上方“访问令牌”处填写，再按“使用”';

const state = {
  catalog: null,
  entry: null,
  touched: new Set(), // fields typed in: their empty required problems are shown
  showAll: false, // after a restore, an import, a preview or a download
  errors: [],
  seq: 0,
  timer: 0,
  abort: null,
  previewURL: '',
  sealURLs: new Map(),
};

const editor = new Editor($('editor'), { onInput, sealPreview });

function status(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = 'status' + (kind ? ' ' + kind : '');
}

function order(entry) {
  const m = /\d+/.exec(entry.attachment || '');
  return m ? Number(m[0]) : 99;
}

async function init() {
  wire();
  const seals = loadSeals(); // at the same time as the forms
  try {
    state.catalog = await api.getJSON('/v1/forms');
  } catch (e) {
    status('无法读取表单列表：' + e.message, 'bad');
    return;
  }
  const forms = [...state.catalog.forms].sort((a, b) => order(a) - order(b));
  const select = $('form-select');
  select.replaceChildren(...forms.map((f) => {
    const o = document.createElement('option');
    o.value = f.id;
    o.textContent = f.attachment + ' ' + f.title;
    return o;
  }));
  select.disabled = false;
  let id = localStorage.getItem(FORM_KEY);
  // A first visit opens the first form to fill in (附件1 is a diagram).
  if (!forms.some((f) => f.id === id)) id = (forms.find((f) => !f.blankOnly) || forms[0]).id;
  select.value = id;
  await seals;
  selectForm(id);
  if (!$('token-box').hidden && !api.token()) status(NEED_TOKEN, 'bad');
  performance.mark('zsdoc:ready'); // the editor is built: first load done
}

function wire() {
  $('form-select').addEventListener('change', (e) => selectForm(e.target.value));
  $('token').value = api.token();
  if (api.token()) $('token-box').hidden = false;
  $('token-apply').addEventListener('click', applyToken);
  $('token').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      applyToken();
    }
  });
  $('preview').addEventListener('click', preview);
  $('export-json').addEventListener('click', exportJSON);
  $('import-file').addEventListener('change', importFile);
  $('clear').addEventListener('click', clearForm);
}

async function applyToken() {
  api.setToken($('token').value.trim());
  await loadSeals();
  if (state.entry && hasFields(state.entry)) check(0);
}

async function loadSeals() {
  try {
    const r = await api.getJSON('/v1/seals');
    editor.setSeals(r.seals || []);
  } catch (e) {
    editor.setSeals([]);
    if (e.status === 401) {
      $('token-box').hidden = false;
      status(NEED_TOKEN, 'bad');
    }
  }
}

async function sealPreview(id, img) {
  img.hidden = true;
  if (!id) return;
  const seal = editor.seals.find((s) => s.id === id);
  if (!seal) return;
  try {
    if (!state.sealURLs.has(id)) state.sealURLs.set(id, await api.imageURL(seal.image));
    img.src = state.sealURLs.get(id);
    img.alt = '印章“' + id + '”';
    img.hidden = false;
  } catch { /* the picker still works without the picture */ }
}

function selectForm(id) {
  const entry = state.catalog.forms.find((f) => f.id === id);
  if (!entry) return;
  state.entry = entry;
  localStorage.setItem(FORM_KEY, id);
  state.touched.clear();
  state.errors = [];
  state.showAll = false;
  clearTimeout(state.timer);
  if (state.abort) state.abort.abort();
  showPreview('');
  showProblems();
  const imports = (entry.imports || []).map((x) => '.' + x);
  $('import-file').accept = ['.json', 'application/json', ...imports].join(',');
  downloads(entry);
  const fillable = hasFields(entry);
  for (const b of ['export-json', 'clear']) $(b).disabled = !fillable;
  $('import-file').disabled = !fillable;
  $('import-label').hidden = !fillable;
  if (!fillable) {
    const p = document.createElement('p');
    p.className = 'blank-only';
    p.textContent = entry.attachment + ' ' + entry.title + '不需要填写：可预览和下载空白表。';
    $('editor').replaceChildren(p);
    status('');
    return;
  }
  const draft = loadDraft(id);
  editor.load(entry, draft);
  if (draft) {
    state.showAll = true;
    status('已恢复上次的草稿');
  } else {
    status('新表单：填写后自动保存草稿并检查');
  }
  check(draft ? 0 : CHECK_DELAY);
}

// downloads makes a button per format: the form's own list when the
// catalog gives one (a form some format cannot draw), else the server's.
function downloads(entry) {
  let formats = entry.formats || state.catalog.formats || ['docx', 'pdf'];
  formats = ['pdf', ...formats.filter((f) => f !== 'pdf')].filter((f) => formats.includes(f));
  $('downloads').replaceChildren(...formats.map((f) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = '下载 ' + f.toUpperCase();
    b.dataset.format = f;
    if (f === 'pdf') b.className = 'primary';
    b.addEventListener('click', () => download(f));
    return b;
  }));
  $('preview').textContent = hasFields(entry) ? '刷新预览' : '预览空白表';
}

function onInput(path) {
  state.touched.add(path);
  const saved = saveDraft(state.entry.id, editor.data);
  status(saved ? '草稿已保存，正在检查…' : '浏览器不允许保存草稿（存储已满或被禁用），请导出 JSON 备份', saved ? '' : 'bad');
  check(CHECK_DELAY);
}

function body() {
  return JSON.stringify(prune(editor.data));
}

function check(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(runCheck, delay);
}

// runCheck asks the service what is wrong, in two steps: the quick check
// of the form's rules and seals (a DOCX needs no more), and, once that
// passes, the PDF's own check (every character has a glyph, the pages lay
// out), which lays the form out and so costs tens of milliseconds.
async function runCheck() {
  if (state.abort) state.abort.abort();
  const ctl = new AbortController();
  state.abort = ctl;
  const seq = ++state.seq;
  const data = body();
  const quick = (state.catalog.formats || []).includes('docx') ? ['docx'] : [];
  try {
    for (const format of [...quick, 'pdf']) {
      const errors = await api.validate(state.entry.id, data, ctl.signal, format);
      if (seq !== state.seq) return;
      state.errors = errors;
      if (errors.length > 0) break;
    }
    showProblems();
  } catch (e) {
    if (ctl.signal.aborted || seq !== state.seq) return;
    if (e.status === 401) $('token-box').hidden = false;
    status(e.status === 401 ? NEED_TOKEN : '无法检查：' + e.message, 'bad');
  }
}

// showProblems shows the problems beside their fields and in the list at
// the top; an empty required field is named only once it was typed in, or
// after a restore, import, preview or download.
function showProblems() {
  const visible = [];
  let waiting = 0;
  for (const e of state.errors) {
    if (state.showAll || e.rule !== 'required' || state.touched.has(editor.locate(e.path))) visible.push(e);
    else waiting++;
  }
  editor.showErrors(visible);
  const list = $('problem-list');
  list.replaceChildren(...visible.map((e) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = e.message;
    b.addEventListener('click', () => editor.focus(e.path));
    const li = document.createElement('li');
    li.append(b);
    return li;
  }));
  $('problems').hidden = visible.length === 0;
  $('problems-title').textContent = '有 ' + visible.length + ' 处问题（点击跳到该栏）';
  if (!state.entry || !hasFields(state.entry)) return;
  if (state.errors.length === 0) status('✓ 检查通过，可以预览和下载', 'ok');
  else if (visible.length === 0) status('还有 ' + waiting + ' 项必填内容未填写');
  else status('有 ' + visible.length + ' 处问题' + (waiting ? '，另有 ' + waiting + ' 项必填内容未填写' : ''), 'bad');
}

// fetchDocument renders the form (or the blank form) in format, listing
// the problems when the service refuses it.
async function fetchDocument(format) {
  const entry = state.entry;
  if (!hasFields(entry)) return api.blank(entry.id, format);
  state.showAll = true;
  showProblems();
  try {
    return await api.render(entry.id, body(), format);
  } catch (e) {
    if (e.problem && Array.isArray(e.problem.errors)) {
      state.errors = e.problem.errors;
      showProblems();
    }
    throw e;
  }
}

// failure says why a document was refused, in the page's words.
function failure(e) {
  if (e.status === 401) return NEED_TOKEN;
  const list = e.problem && e.problem.errors;
  if (Array.isArray(list) && list.length > 0) return '表单有 ' + list.length + ' 处问题，请先按上方列表改正';
  return e.message;
}

function showPreview(url) {
  if (state.previewURL) URL.revokeObjectURL(state.previewURL);
  state.previewURL = url;
  const frame = $('preview-frame');
  if (url) frame.src = url;
  else frame.removeAttribute('src');
  $('preview-note').hidden = !!url;
}

async function preview() {
  status('正在生成预览…');
  try {
    const doc = await fetchDocument('pdf');
    showPreview(URL.createObjectURL(doc.blob));
    status('预览已更新：' + doc.name, 'ok');
  } catch (e) {
    status('无法生成预览：' + failure(e), 'bad');
  }
}

async function download(format) {
  status('正在生成 ' + format.toUpperCase() + '…');
  try {
    const doc = await fetchDocument(format);
    api.saveBlob(doc.blob, doc.name || state.entry.attachment + '.' + format);
    status('已下载：' + doc.name, 'ok');
  } catch (e) {
    status('无法下载：' + failure(e), 'bad');
  }
}

function exportJSON() {
  const entry = state.entry;
  const text = JSON.stringify(prune(editor.data), null, 2) + '\n';
  api.saveBlob(new Blob([text], { type: 'application/json' }), entry.attachment + '-' + entry.title + '.json');
}

// importFile reads a JSON file (or, where the service offers it, a
// spreadsheet) into the editor.
async function importFile(e) {
  const file = e.target.files[0];
  e.target.value = '';
  if (!file) return;
  const entry = state.entry;
  try {
    let text;
    const ext = (/\.([^.]+)$/.exec(file.name) || [])[1] || '';
    if ((entry.imports || []).includes(ext.toLowerCase())) {
      text = await api.importFile('/v1/forms/' + encodeURIComponent(entry.id) + '/import', file);
    } else {
      text = await file.text();
    }
    let data = parseJSON(text);
    let note = '';
    if (Array.isArray(data) || (data && Array.isArray(data.orders))) {
      const orders = Array.isArray(data) ? data : data.orders;
      if (orders.length > 1) note = '（文件中有 ' + orders.length + ' 份，只导入了第 1 份）';
      data = orders[0];
    }
    if (!data || typeof data !== 'object') throw new Error('文件内容不是一份表单');
    editor.load(entry, data);
    saveDraft(entry.id, editor.data);
    state.showAll = true;
    status('已导入“' + file.name + '”' + note);
    check(0);
  } catch (err) {
    status('无法导入“' + file.name + '”：' + (err instanceof SyntaxError ? '不是有效的 JSON' : err.message), 'bad');
  }
}

function clearForm() {
  const b = $('clear');
  if (b.dataset.armed !== '1') {
    b.dataset.armed = '1';
    b.textContent = '确认清空？';
    setTimeout(() => {
      b.dataset.armed = '';
      b.textContent = '清空';
    }, 4000);
    return;
  }
  b.dataset.armed = '';
  b.textContent = '清空';
  clearDraft(state.entry.id);
  state.touched.clear();
  state.showAll = false;
  editor.load(state.entry, null);
  status('已清空，重新开始填写');
  check(0);
}

init();
