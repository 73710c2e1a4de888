// A participant's page of a series: register, my dates, my routines with their history, calendar.
// Everything the server sends is set as text, never as HTML.
import { t, codeText, loc, applyStatic, languageButton, el, lang } from './i18n.js';
import { barChart, monthLabel, dateLabel as dayLabel, downloadCsv } from './charts.js';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const seriesId = params.get('series') ?? '';
const KEY = 'peerwork.series.' + seriesId;
let token = params.get('t') || localStorage.getItem(KEY);
let info = null;
let me = null;
/** The wall as this person reads it (GET /me/wall), once they are known. */
let wall = null;
/** The person's months (GET /me/months), for the chart and the done-log. */
let months = null;
// A confirmation link's code (?confirm=…): confirmed only when the person presses the button, so a
// mail scanner that opens links does not register anybody.
let pendingConfirm = params.get('confirm');
// A buddy mail's one-tap link (?buddy=<date>&how=<mood>): checks in once the page knows who this is.
let pendingBuddy = params.get('buddy') && ['GOING_WELL', 'STUCK', 'DONE'].includes(params.get('how'))
  ? { date: params.get('buddy'), how: params.get('how') } : null;
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
  $('download-data').href = '/api/series/' + encodeURIComponent(seriesId) + '/me/data?token=' + encodeURIComponent(token);
  renderWall();
  renderMonths();
  renderBuddy();
}

const taskTitle = id => loc((wall?.tasks ?? me?.tasks ?? []).find(x => x.id === id)?.title) || id;
const dayOf = key => new Date(key + 'T12:00:00Z').toLocaleDateString(lang(), { day: 'numeric', month: 'long' });

/** The wall: a share form (with the goals done at the last date as suggestions) and the posts, newest first. */
function renderWall() {
  if (!wall) { $('wall').hidden = true; return; }
  $('wall').hidden = false;
  $('wall-not-member').hidden = wall.member;
  const canShare = wall.member && Boolean(wall.shareDate);
  $('wall-share').hidden = !canShare;
  $('wall-no-share').hidden = !wall.member || canShare;
  const kind = $('wall-kind');
  [...kind.options].forEach(o => { o.textContent = t('wallKind' + o.value); });
  const task = $('wall-task');
  const chosen = task.value;
  task.replaceChildren(...(kind.value === 'TIP' ? [] : [el('option', { value: '' }, t('wallNoTask'))]),
    ...(wall.tasks ?? []).map(x => el('option', { value: x.id }, loc(x.title))));
  if ([...task.options].some(o => o.value === chosen)) task.value = chosen;
  $('wall-suggestions').replaceChildren(...(wall.suggestions?.length ? [
    el('p', { class: 'about' }, t('wallSuggestions', { date: dayOf(wall.shareDate) })),
    ...wall.suggestions.map(w => el('button', { type: 'button', class: 'suggestion', 'data-test': 'wall-suggestion',
      onclick: () => { kind.value = 'WIN'; renderWall(); $('wall-text').value = w.text; $('wall-task').value = w.taskId ?? ''; $('wall-text').focus(); } },
      '✓ ' + w.text))] : []));
  $('wall-posts').replaceChildren(...(wall.posts.length ? wall.posts.map(p => el('li', {
    class: 'post ' + p.kind, 'data-test': 'wall-post', 'data-id': p.id, 'data-kind': p.kind },
    el('div', { class: 'post-head' },
      el('span', { class: 'badge k-' + p.kind }, t('wallKind' + p.kind)),
      el('strong', {}, p.author === '\u2205' ? t('wallErased') : p.author),
      el('span', { class: 'about' }, dayOf(p.date))),
    el('p', { class: 'post-text', 'data-test': 'wall-post-text' }, p.text === '\u2205' ? t('wallErased') : p.text),
    p.taskId ? el('p', { class: 'about' }, taskTitle(p.taskId) + (p.promoted ? ' · ' + t('wallPromoted') : '')) : null,
    el('div', { class: 'post-actions' },
      el('span', { class: 'about', 'data-test': 'wall-cheers' }, t('wallCheers', { n: p.cheers })),
      p.mine ? el('button', { type: 'button', class: 'danger', 'data-test': 'wall-remove', onclick: () => removePost(p.id) }, t('wallRemove'))
        : el('button', { type: 'button', 'data-test': 'wall-cheer', disabled: p.cheered, 'aria-pressed': String(p.cheered),
          onclick: () => cheer(p.id) }, (p.cheered ? t('wallCheered') : t('wallCheer'))))))
    : [el('li', { class: 'empty' }, t('wallEmpty'))]));
}

async function loadWall() {
  const r = await api('/me/wall').catch(() => null);
  wall = r?.ok ? r.body : null;
  renderWall();
}

async function cheer(id) {
  const body = await act(api('/me/wall/' + encodeURIComponent(id) + '/cheer', { method: 'POST', body: '{}' }));
  if (body) { wall = body; renderWall(); }
}

async function removePost(id) {
  if (!confirm(t('wallConfirmRemove'))) return;
  const body = await act(api('/me/wall/' + encodeURIComponent(id) + '/remove', { method: 'POST', body: '{}' }));
  if (body) { wall = body; renderWall(); }
}

/** The buddy section: look for one, the others looking (first names), pair, your buddy and their check-in, yours. */
function renderBuddy() {
  const b = me.buddy;
  const shown = name => name === '\u2205' ? t('erased') : name; // an erased person's name
  $('buddy').hidden = !b;
  if (!b) return;
  const body = [];
  const until = b.until ? el('p', { class: 'about', 'data-test': 'buddy-until' }, t('buddyUntil', { when: when({ start: b.until }) })) : null;
  if (b.buddy) {
    body.push(el('p', { 'data-test': 'buddy-name' }, el('strong', {}, t('buddyWith', { name: shown(b.buddy.name) }))), until);
    body.push(el('p', { 'data-test': 'buddy-their-check', class: b.buddy.check ? 'mood-' + b.buddy.check.how : 'about' },
      b.buddy.check ? t('buddyTheirCheck', { name: shown(b.buddy.name), how: t('mood' + b.buddy.check.how) })
        : t('buddyNoCheck', { name: shown(b.buddy.name) })));
    body.push(el('p', {}, t('buddyHowAsk')));
    body.push(el('div', { class: 'inline moods' }, ...['GOING_WELL', 'STUCK', 'DONE'].map(how => el('button', {
      type: 'button', class: b.myCheck?.how === how ? 'primary' : '', 'aria-pressed': b.myCheck?.how === how ? 'true' : 'false',
      'data-test': 'buddy-mood', 'data-how': how, onclick: () => buddyCheckIn(b.date, how, $('buddy-mail').checked) }, t('mood' + how)))));
    body.push(el('p', {}, el('label', { class: 'check' }, el('input', { type: 'checkbox', id: 'buddy-mail', 'data-test': 'buddy-mail' }), ' ', t('buddyMail'))));
    if (b.myCheck) body.push(el('p', { class: 'about', 'data-test': 'buddy-my-check' }, t('buddyMine', { how: t('mood' + b.myCheck.how) })));
    body.push(el('p', {}, el('button', { type: 'button', class: 'danger', 'data-test': 'buddy-leave', onclick: () => buddyLeave(b.date) }, t('buddyLeave'))));
  } else {
    body.push(until);
    body.push(b.looking
      ? el('p', { 'data-test': 'buddy-looking' }, t('buddyLooking'), ' ',
        el('button', { type: 'button', 'data-test': 'buddy-stop', onclick: () => buddyAct(b.date, 'leave', {}) }, t('buddyStopLooking')))
      : el('p', {}, el('button', { type: 'button', class: 'primary', 'data-test': 'buddy-look', onclick: () => buddyAct(b.date, 'look', {}) }, t('buddyLook'))));
    body.push(el('p', {}, t('buddyOthers')));
    body.push(el('ul', { class: 'dates', 'data-test': 'buddy-others' }, ...(b.others.length ? b.others.map(o => el('li', { 'data-test': 'buddy-other' },
      el('span', { class: 'when' }, shown(o.name)),
      el('button', { type: 'button', class: 'primary', 'data-test': 'buddy-pair', onclick: () => buddyAct(b.date, 'pair', { with: o.id }) },
        t('buddyPair', { name: shown(o.name) })))) : [el('li', { class: 'empty' }, t('buddyNoOthers'))])));
  }
  $('buddy-body').replaceChildren(...body.filter(Boolean));
}

async function buddyAct(date, action, payload) {
  const body = await act(api('/me/buddy/' + date + '/' + action, { method: 'POST', body: JSON.stringify(payload) }));
  if (body) { me = body; render(); }
  return body;
}

async function buddyCheckIn(date, how, mail) {
  if (await buddyAct(date, 'check-in', { how, mail: Boolean(mail) })) notice(t('buddyCheckedIn'));
}

async function buddyLeave(date) {
  if (!confirm(t('confirmBuddyLeave'))) return;
  await buddyAct(date, 'leave', {});
}

/** The bars of a person's month, in the legend's order. */
const MONTH_SERIES = ['routinesOnTime', 'goalsDone', 'goalsPartly', 'goalsCarriedOver', 'helpsReceived', 'helpsGiven'];
const barLabel = key => t('bar' + key[0].toUpperCase() + key.slice(1));

/** "Mein Verlauf": the chart of the person's months, its table, and the done-log (what Print prints). */
function renderMonths() {
  const list = months?.months ?? [];
  $('months-print').disabled = list.length === 0;
  $('months-csv').disabled = list.length === 0;
  if (!list.length) {
    $('months-chart').replaceChildren(el('p', { class: 'empty' }, t('noMonths')));
    $('done-log').replaceChildren();
    return;
  }
  const series = MONTH_SERIES.map(key => ({ key, label: barLabel(key) }));
  $('months-chart').replaceChildren(barChart({
    id: 'months-chart-figure',
    title: t('chartMonthsTitle', { title: months.title }),
    desc: t('chartMonthsDesc', { n: list.length, from: monthLabel(list[0].month, true), to: monthLabel(list[list.length - 1].month, true) }),
    series,
    columns: [t('colMonth'), t('colSessions'), ...series.map(s => s.label)],
    groups: list.map(m => ({
      key: m.month, label: monthLabel(m.month), longLabel: monthLabel(m.month, true), values: m,
      cells: [t('ofN', { n: m.attended, of: m.sessions }), t('ofN', { n: m.routinesOnTime, of: m.routinesDue }),
        m.goalsDone, m.goalsPartly, m.goalsCarriedOver, m.helpsReceived, m.helpsGiven],
    })),
  }));
  $('done-log-for').textContent = t('doneLogFor', { name: months.name ?? months.email, title: months.title });
  $('done-log').replaceChildren(...list.map(m => el('section', { class: 'done-month', 'data-test': 'done-month', 'data-month': m.month },
    el('h4', {}, monthLabel(m.month, true)),
    m.done.length ? el('ul', {}, ...m.done.map(g => el('li', { 'data-test': 'done-goal' },
      el('span', { class: 'about' }, dayLabel(g.date) + ' · '), g.text))) : el('p', { class: 'empty' }, t('doneLogNothing')),
    m.routinesKept.length ? el('p', { 'data-test': 'routines-kept' },
      t('doneLogRoutines', { list: m.routinesKept.map(r => loc(r.title) || r.taskId).join(', ') })) : null)));
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
      if (m.ok) {
        me = m.body;
        localStorage.setItem(KEY, token);
        await loadWall();
        const mm = await api('/me/months');
        months = mm.ok ? mm.body : null;
      } else {
        // An expired, signed-out or retired link: say so, and offer a new one by mail.
        linkProblem = LINK_PROBLEMS.includes(m.body?.error?.code);
        if (linkProblem) fail(m.body);
        token = null; me = null; localStorage.removeItem(KEY);
      }
    }
    render();
    if (linkProblem) $('renew-email').focus();
    if (pendingBuddy && me) {
      const { date, how } = pendingBuddy;
      pendingBuddy = null;
      // The answer leaves the address bar, so a reload does not send it again.
      history.replaceState(null, '', 'series.html?series=' + encodeURIComponent(seriesId) + '&t=' + encodeURIComponent(token));
      await buddyCheckIn(date, how, false);
    }
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

/** Erases everything about this person in the series, once they typed their address again and confirmed. */
$('erase').addEventListener('submit', async e => {
  e.preventDefault();
  $('error').textContent = '';
  const email = $('erase-email').value.trim();
  if (!email) { $('error').textContent = codeText('ERASURE_NOT_CONFIRMED'); return; }
  if (!confirm(t('confirmErase'))) return;
  const body = await act(api('/me/erase', { method: 'POST', body: JSON.stringify({ email }) }));
  if (!body) return;
  token = null;
  me = null;
  localStorage.removeItem(KEY);
  history.replaceState(null, '', 'series.html?series=' + encodeURIComponent(seriesId));
  render();
  notice(t('erasedNotice'));
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

$('wall-kind').addEventListener('change', renderWall);
$('wall-share').addEventListener('submit', async ev => {
  ev.preventDefault();
  $('notice').hidden = true;
  const body = await act(api('/me/wall', { method: 'POST', body: JSON.stringify({
    date: wall.shareDate, kind: $('wall-kind').value, text: $('wall-text').value.trim(), taskId: $('wall-task').value || undefined }) }));
  if (!body) return;
  wall = body;
  $('wall-text').value = '';
  renderWall();
  notice(t('wallShared'));
});

$('add-routine').addEventListener('submit', async ev => {
  ev.preventDefault();
  const body = await act(api('/me/routines', { method: 'POST', body: JSON.stringify({ taskId: $('routine-task').value }) }));
  if (body) { me = body; render(); }
});

$('months-print').addEventListener('click', () => window.print());
$('months-csv').addEventListener('click', async () => {
  $('error').textContent = '';
  const ok = await downloadCsv('/api/series/' + encodeURIComponent(seriesId) + '/me/months.csv?lang=' + lang(), token,
    'peerwork-months.csv').catch(() => false);
  if (!ok) $('error').textContent = codeText('NETWORK');
});

languageButton($('lang'), render);
$('reg-lang').value = lang();
applyStatic();
if (!seriesId) fail({ error: { code: 'SERIES_NOT_FOUND' } }); else load();
