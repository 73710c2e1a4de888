// A participant's page of a series: register, my dates, my routines with their history, calendar.
// Everything the server sends is set as text, never as HTML.
import { t, codeText, loc, applyStatic, languageButton, el, lang } from './i18n.js';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const seriesId = params.get('series') ?? '';
const KEY = 'peerwork.series.' + seriesId;
let token = params.get('t') || localStorage.getItem(KEY);
let info = null;
let me = null;
// A confirmation link's code (?confirm=…): confirmed only when the person presses the button, so a
// mail scanner that opens links does not register anybody.
let pendingConfirm = params.get('confirm');
/** Why a personal link may stop working; the page then offers a fresh one by mail. */
const LINK_PROBLEMS = ['TOKEN_EXPIRED', 'TOKEN_REVOKED', 'KEY_RETIRED', 'INVALID_TOKEN'];

const api = (path, options = {}) => fetch('/api/series/' + encodeURIComponent(seriesId) + path, {
  ...options,
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
}).then(async r => ({ ok: r.ok, status: r.status, body: await r.json() }));

function fail(body) {
  $('error').textContent = codeText(body?.error?.code, body?.error?.message);
}

const when = d => new Date(d.start).toLocaleString(lang(), {
  weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: info?.zone });

function dateLabel(d) {
  if (d.cancelled !== null) return when(d) + ' – ' + t('cancelledDate');
  const free = d.capacity - d.seated;
  return when(d) + ' – ' + (free > 0 && d.waitlisted === 0 ? t(free === 1 ? 'seatFree' : 'seatsFree', { n: free }) : t('waitlistOnly'));
}

const upcoming = () => (info?.dates ?? []).filter(d => !d.past && d.cancelled === null);

function render() {
  applyStatic();
  if (!info) return;
  document.title = info.title + ' – Peerwork';
  $('title').textContent = info.title;
  $('info').hidden = false;
  $('format').textContent = loc(info.formatName);
  $('place').replaceChildren(...[info.place.address, info.place.onlineLink].filter(Boolean).map(x => el('span', {}, x, el('br'))));
  $('experts').textContent = info.experts.length ? t('experts') + ': ' + info.experts.join(', ') : '';
  $('series-calendar').href = '/api/series/' + encodeURIComponent(seriesId) + '/calendar.ics?lang=' + lang();
  $('register').hidden = Boolean(me) || Boolean(pendingConfirm);
  $('renew').hidden = Boolean(me) || Boolean(pendingConfirm);
  $('confirm').hidden = !pendingConfirm;
  if (pendingConfirm) {
    const c = confirmation(pendingConfirm);
    const d = info.dates.find(x => x.date === c?.date);
    $('confirm-what').textContent = c ? t('confirmWhat', { name: c.name, email: c.email, when: d ? when(d) : c.date }) : '';
  }
  $('mine').hidden = !me;
  const regDate = $('reg-date');
  const chosen = regDate.value;
  regDate.replaceChildren(...upcoming().map(d => el('option', { value: d.date }, dateLabel(d))));
  if (chosen) regDate.value = chosen;
  if (me) renderMine();
}

function renderMine() {
  const mineDates = new Set(me.dates.map(d => d.date));
  $('my-dates').replaceChildren(...(me.dates.length ? me.dates.map(d => {
    const status = d.cancelled !== null ? t('cancelledDate')
      : d.status === 'SEATED' ? t('seated') : t('waitlisted', { n: d.waitlistPlace });
    const ended = new Date(d.end) < new Date();
    return el('li', { class: d.cancelled !== null ? 'cancelled' : '', 'data-test': 'my-date', 'data-date': d.date },
      el('span', { class: 'when' }, when(d)),
      el('span', { class: 'badge', 'data-test': 'my-date-status' }, status),
      d.status === 'SEATED' && d.cancelled === null && !ended
        ? el('button', { type: 'button', class: 'primary', 'data-test': 'to-session', onclick: () => join(d.date) }, t('toSession')) : null,
      !d.past && d.cancelled === null
        ? el('button', { type: 'button', class: 'danger', 'data-test': 'cancel-date', onclick: () => cancel(d.date) }, t('cancelMine')) : null);
  }) : [el('li', { class: 'empty' }, t('noDates'))]));
  const more = upcoming().filter(d => !mineDates.has(d.date));
  $('more').hidden = more.length === 0;
  $('more-date').replaceChildren(...more.map(d => el('option', { value: d.date }, dateLabel(d))));

  $('routines').replaceChildren(...(me.routines.length ? me.routines.map(r => el('li', { 'data-test': 'routine', 'data-task': r.taskId },
    el('div', { class: 'when' },
      el('strong', {}, loc(r.title) || r.taskId), ' · ', t('cadence' + r.cadence),
      // Nothing to count before a first date has passed.
      r.of > 0 ? el('div', { class: 'about', 'data-test': 'done-in' }, t('doneIn', { n: r.doneInLast, of: r.of })) : null,
      r.dueNext ? el('div', { class: 'about' }, t('dueNext')) : null,
      el('div', { class: 'history' }, ...r.history.map(h => el('span', {
        class: h.status ?? 'none', title: h.date + (h.status ? ' · ' + t('goal' + h.status) : '') },
        h.status === 'DONE' ? '✓' : h.status === 'PARTLY_DONE' ? '◐' : h.status === 'CARRIED_OVER' ? '→' : '·')))),
    el('button', { type: 'button', 'data-test': 'drop', onclick: () => drop(r.taskId) }, t('drop'))))
    : [el('li', { class: 'empty' }, t('noRoutines'))]));
  const chosen = new Set(me.routines.map(r => r.taskId));
  const tasks = me.tasks.filter(x => !chosen.has(x.id));
  $('add-routine').hidden = tasks.length === 0;
  $('routine-task').replaceChildren(...tasks.map(x => el('option', { value: x.id }, loc(x.title) + ' (' + t('cadence' + x.cadence) + ')')));
  const link = location.origin + '/series.html?series=' + encodeURIComponent(seriesId) + '&t=' + encodeURIComponent(token);
  $('personal-link').href = link;
  $('personal-link').textContent = link;
  $('my-calendar').href = me.calendarLink;
}

async function load(keepError = false) {
  if (!keepError) $('error').textContent = '';
  try {
    const r = await api('');
    if (!r.ok) { fail(r.body); return; }
    info = r.body;
    let linkProblem = false;
    if (token) {
      const m = await api('/me');
      if (m.ok) { me = m.body; localStorage.setItem(KEY, token); } else {
        // An expired, signed-out or retired link: say so, and offer a new one by mail.
        linkProblem = LINK_PROBLEMS.includes(m.body?.error?.code);
        if (linkProblem) fail(m.body);
        token = null; me = null; localStorage.removeItem(KEY);
      }
    }
    render();
    if (linkProblem) $('renew-email').focus();
  } catch (e) {
    $('error').textContent = codeText('NETWORK');
  }
}

async function act(promise) {
  $('error').textContent = '';
  try {
    const r = await promise;
    if (!r.ok) { fail(r.body); return null; }
    return r.body;
  } catch (e) {
    $('error').textContent = codeText('NETWORK');
    return null;
  }
}

async function join(date) {
  const body = await act(api('/me/dates/' + date + '/join', { method: 'POST', body: '{}' }));
  if (!body) return;
  sessionStorage.setItem('peerwork.join.' + body.sessionId, JSON.stringify(body));
  localStorage.setItem('peerwork.join.' + body.sessionId, JSON.stringify(body));
  location.href = 'room.html?session=' + encodeURIComponent(body.sessionId);
}

async function cancel(date) {
  if (!confirm(t('confirmCancel'))) return;
  if (await act(api('/me/registrations/' + date + '/cancel', { method: 'POST', body: '{}' }))) load();
}

async function drop(task) {
  const body = await act(api('/me/routines/' + encodeURIComponent(task) + '/drop', { method: 'POST', body: '{}' }));
  if (body) { me = body; render(); }
}

$('register').addEventListener('submit', async ev => {
  ev.preventDefault();
  $('notice').hidden = true;
  const r = await api('/registrations', { method: 'POST', body: JSON.stringify({
    date: $('reg-date').value, name: $('reg-name').value.trim(), email: $('reg-email').value.trim(), language: $('reg-lang').value }) })
    .catch(() => null);
  if (!r) { $('error').textContent = codeText('NETWORK'); return; }
  if (!r.ok) { fail(r.body); return; }
  notice(t('checkMail', { email: $('reg-email').value.trim(), hours: r.body.validHours }));
});

/** Asks for a fresh personal link by mail; the answer is the same whether or not the address is registered. */
$('renew').addEventListener('submit', async ev => {
  ev.preventDefault();
  $('notice').hidden = true;
  const email = $('renew-email').value.trim();
  const body = await act(api('/me/link', { method: 'POST', body: JSON.stringify({ email, language: lang() }) }));
  if (body) notice(t('renewSent', { email }));
});

/** Signs out every link of this person (this one too); a new one comes by mail. */
$('sign-out-all').addEventListener('click', async () => {
  if (!confirm(t('confirmSignOutAll'))) return;
  const body = await act(api('/me/revoke', { method: 'POST', body: '{}' }));
  if (!body) return;
  token = null;
  me = null;
  localStorage.removeItem(KEY);
  history.replaceState(null, '', 'series.html?series=' + encodeURIComponent(seriesId));
  render();
  notice(t('signedOutAll', { email: body.email }));
});

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
}

/** What a confirmation code asks for (its signed payload, readable by anyone who has the link). */
function confirmation(code) {
  try {
    const b64 = code.split('.')[0].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), ch => ch.charCodeAt(0))));
  } catch (e) {
    return null;
  }
}

/** Confirms: registers as asked and keeps the personal token. */
$('confirm').addEventListener('submit', async ev => {
  ev.preventDefault();
  $('error').textContent = '';
  const r = await api('/confirmations', { method: 'POST', body: JSON.stringify({ token: pendingConfirm }) }).catch(() => null);
  if (!r) { $('error').textContent = codeText('NETWORK'); return; } // the button stays for another try
  pendingConfirm = null;
  if (r.ok) {
    token = r.body.token;
    localStorage.setItem(KEY, token);
    notice(t('confirmed'));
  } else {
    $('error').textContent = r.body?.error?.code === 'TOKEN_EXPIRED' ? t('confirmExpired') : codeText(r.body?.error?.code, r.body?.error?.message);
  }
  // The confirmation code leaves the address bar (and the history).
  history.replaceState(null, '', 'series.html?series=' + encodeURIComponent(seriesId) + (token ? '&t=' + encodeURIComponent(token) : ''));
  load(true);
});

$('more').addEventListener('submit', async ev => {
  ev.preventDefault();
  if (await act(api('/me/registrations', { method: 'POST', body: JSON.stringify({ date: $('more-date').value }) }))) load();
});

$('add-routine').addEventListener('submit', async ev => {
  ev.preventDefault();
  const body = await act(api('/me/routines', { method: 'POST', body: JSON.stringify({ taskId: $('routine-task').value }) }));
  if (body) { me = body; render(); }
});

languageButton($('lang'), render);
$('reg-lang').value = lang();
applyStatic();
if (!seriesId) fail({ error: { code: 'SERIES_NOT_FOUND' } }); else load();
