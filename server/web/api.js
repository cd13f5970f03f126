// api.js: the calls of the page to the zsdoc service (same origin only):
// the token, problem details, documents and their file names.

const TOKEN_KEY = 'zsdoc:token';

/** token returns the access token of this tab ('' when none). */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

/** setToken keeps t for this tab only (sessionStorage), or forgets it. */
export function setToken(t) {
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra) {
  const h = new Headers(extra);
  const t = token();
  if (t) h.set('Authorization', 'Bearer ' + t);
  return h;
}

/** ProblemError is an answer of the service that is not a success. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || '服务返回错误（HTTP ' + status + '）');
    this.status = status;
    this.problem = problem;
  }
}

async function problemOf(res) {
  let p;
  try {
    p = await res.json();
  } catch {
    p = { title: '服务返回了无法识别的错误（HTTP ' + res.status + '）' };
  }
  return new ProblemError(res.status, p || {});
}

/** getJSON fetches a JSON answer. */
export async function getJSON(url, signal) {
  const res = await fetch(url, { headers: headers({ Accept: 'application/json' }), signal });
  if (!res.ok) throw await problemOf(res);
  return res.json();
}

/**
 * validate checks a form's JSON body for format: the list of problems
 * (empty when valid). Other failures (401, 403, 503 …) throw a ProblemError.
 */
export async function validate(form, body, signal, format) {
  const res = await fetch('/v1/forms/' + encodeURIComponent(form) + '/validate?format=' + encodeURIComponent(format), {
    method: 'POST', body, signal,
    headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
  });
  if (res.ok) return [];
  const err = await problemOf(res);
  if ((res.status === 422 || res.status === 400) && Array.isArray(err.problem.errors)) {
    return err.problem.errors;
  }
  throw err;
}

async function documentOf(url, init) {
  const res = await fetch(url, init);
  if (!res.ok) throw await problemOf(res);
  return { blob: await res.blob(), name: fileName(res.headers.get('Content-Disposition')) };
}

/** render asks for the filled, stamped form in format: {blob, name}. */
export function render(form, body, format) {
  return documentOf('/v1/forms/' + encodeURIComponent(form) + '?format=' + encodeURIComponent(format), {
    method: 'POST', body, headers: headers({ 'Content-Type': 'application/json' }),
  });
}

/** blank asks for the blank form in format: {blob, name}. */
export function blank(form, format) {
  return documentOf('/v1/forms/' + encodeURIComponent(form) + '/blank?format=' + encodeURIComponent(format), {
    headers: headers(),
  });
}

/**
 * importFile sends a spreadsheet to the service's import route of form and
 * returns the JSON text of the form it read (the hook for spreadsheet
 * import: the route is the catalog's, see app.js).
 */
export async function importFile(url, file) {
  const res = await fetch(url, {
    method: 'POST', body: file,
    headers: headers({ 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' }),
  });
  if (!res.ok) throw await problemOf(res);
  return res.text();
}

/** imageURL fetches an image with the token and returns a blob: URL. */
export async function imageURL(url) {
  const res = await fetch(url, { headers: headers() });
  if (!res.ok) throw await problemOf(res);
  return URL.createObjectURL(await res.blob());
}

/**
 * fileName reads the file name of a Content-Disposition header: the
 * UTF-8 filename* when given (the Chinese name), else filename.
 */
export function fileName(cd) {
  if (!cd) return '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch { /* fall back to the plain name */ }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(cd) || /filename\s*=\s*([^;]+)/i.exec(cd);
  return plain ? plain[1].trim() : '';
}

/** saveBlob offers blob to the user as a download named name. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
