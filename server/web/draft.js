// draft.js: the form's data in the browser: paths into it, the drafts
// kept in localStorage, and JSON read with its numbers kept as text.

const PREFIX = 'zsdoc:draft:';

/** loadDraft returns the saved draft of form id, or null. */
export function loadDraft(id) {
  try {
    const s = localStorage.getItem(PREFIX + id);
    const v = s ? JSON.parse(s) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** saveDraft keeps data as the draft of form id; false when storage is full or off. */
export function saveDraft(id, data) {
  try {
    localStorage.setItem(PREFIX + id, JSON.stringify(data));
    return true;
  } catch {
    return false;
  }
}

/** clearDraft forgets the draft of form id. */
export function clearDraft(id) {
  try {
    localStorage.removeItem(PREFIX + id);
  } catch { /* storage off: nothing kept anyway */ }
}

/**
 * numbersAsText rewrites the number literals of a JSON text as strings
 * ("28.50", not 28.5), so that amounts are never floats in the page: the
 * service reads numbers given as text alike.
 */
export function numbersAsText(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9eE.+-]/.test(text[j])) j++;
      out += '"' + text.slice(i, j) + '"';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** parseJSON reads a JSON text with its numbers as strings. */
export function parseJSON(text) {
  return JSON.parse(numbersAsText(text.replace(/^\uFEFF/, '')));
}

/**
 * prune returns data as sent to the service: keys whose value is empty
 * text or null are left out; list items keep their places, so that the
 * paths of the service's errors name the items of the editor.
 */
export function prune(v) {
  if (Array.isArray(v)) return v.map(prune);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === '' || x === null || x === undefined) continue;
      o[k] = prune(x);
    }
    return o;
  }
  return v;
}

/** parsePath splits "rows[0].projects[1].name" into ['rows', 0, 'projects', 1, 'name']. */
export function parsePath(path) {
  const out = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return out;
}

/** joinPath is the inverse of parsePath. */
export function joinPath(tokens) {
  let s = '';
  for (const t of tokens) s += typeof t === 'number' ? '[' + t + ']' : (s ? '.' : '') + t;
  return s;
}

/** getPath returns the value at tokens, or undefined. */
export function getPath(obj, tokens) {
  let v = obj;
  for (const t of tokens) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[t];
  }
  return v;
}

/** setPath sets the value at tokens, making the objects and lists on the way; undefined deletes it. */
export function setPath(obj, tokens, value) {
  let v = obj;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (v[t] === null || typeof v[t] !== 'object') v[t] = typeof tokens[i + 1] === 'number' ? [] : {};
    v = v[t];
  }
  const last = tokens[tokens.length - 1];
  if (value === undefined && !Array.isArray(v)) delete v[last];
  else v[last] = value;
}
