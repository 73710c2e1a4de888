// The host's page of a series: create one; see its dates, registrations, waitlist and check-in list;
// check people in, record no-shows, mark paid, move or cancel a date, prepare a date's session.
// Everything the server sends is set as text, never as HTML.
import { t, codeText, loc, applyStatic, languageButton, el, lang, shown } from './i18n.js';
import { barChart, dateLabel, downloadCsv } from './charts.js';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const seriesId = params.get('series');
const key = params.get('key') || (seriesId && localStorage.getItem('peerwork.host.' + seriesId));
let info = null;
let formats = [];
let current = null; // the date shown in detail
let detail = null;
let wall = null; // the series' wall (GET /wall): every post, with its author
let stats = null; // the series' figures per date (GET /stats)

const call = (path, method = 'GET', body, auth = key) => fetch(path, {
  method, headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: 'Bearer ' + auth } : {}) },
  body: body === undefined ? undefined : JSON.stringify(body),
}).then(async r => ({ ok: r.ok, body: await r.json() })).catch(() => ({ ok: false, body: { error: { code: 'NETWORK' } } }));
const series = (path, method, body) => call('/api/series/' + encodeURIComponent(seriesId) + path, method, body);

function fail(body) { $('error').textContent = codeText(body?.error?.code, body?.error?.message); }

const when = d => new Date(d.start).toLocaleString(lang(), {
  weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: info?.zone });

function render() {
  applyStatic();
  $('create').hidden = Boolean(seriesId);
  $('series').hidden = !info;
  if (!seriesId) renderCreate();
  if (!info) return;
  document.title = info.title + ' – Peerwork';
  $('s-title').textContent = info.title;
  $('s-place').textContent = [info.place.address, info.place.onlineLink].filter(Boolean).join(' · ');
  const reg = location.origin + '/series.html?series=' + encodeURIComponent(seriesId);
  $('s-register').href = reg;
  $('s-register').textContent = reg;
  $('dates').replaceChildren(...info.dates.map(d => el('li', {
    class: [d.cancelled !== null ? 'cancelled' : '', d.past ? 'past' : ''].join(' ').trim(),
    'data-test': 'date', 'data-date': d.date, 'data-past': String(d.past) },
    el('span', { class: 'when' }, when(d),
      d.past ? el('span', { class: 'about', 'data-test': 'date-past' }, ' (' + t('pastDate') + ')') : null,
      d.moved ? el('span', { class: 'about' }, ' (' + t('movedDate') + ')') : null,
      d.cancelled !== null ? el('span', { class: 'about' }, ' – ' + t('cancelledDate') + (d.cancelled ? ': ' + d.cancelled : '')) : null),
    el('span', { class: 'badge', 'data-test': 'date-seats' }, d.seated + '/' + d.capacity + (d.waitlisted ? ' +' + d.waitlisted : '')),
    el('button', { type: 'button', 'data-test': 'date-details', onclick: () => show(d.date) }, t('details')))));
  renderStats();
  renderDetail();
  renderWall();
}

const erased = text => text === '\u2205' ? t('wallErased') : text;
const taskTitle = id => loc((info?.tasks ?? []).find(x => x.id === id)?.title) || id;

/** The wall: every post, newest first; a tip not yet promoted has a form to make it a resource of its task. */
function renderWall() {
  if (!wall) return;
  $('host-wall-posts').replaceChildren(...(wall.posts.length ? wall.posts.map(p => el('li', {
    class: 'post ' + p.kind, 'data-test': 'host-wall-post', 'data-id': p.id, 'data-kind': p.kind },
    el('div', { class: 'post-head' },
      el('span', { class: 'badge k-' + p.kind }, t('wallKind' + p.kind)),
      el('strong', {}, erased(p.author)),
      el('span', { class: 'about' }, p.date)),
    el('p', { class: 'post-text' }, erased(p.text)),
    p.taskId ? el('p', { class: 'about' }, taskTitle(p.taskId) + (p.promoted ? ' · ' + t('wallPromoted') : '')) : null,
    el('div', { class: 'post-actions' },
      el('span', { class: 'about' }, t('wallCheers', { n: p.cheers })),
      el('button', { type: 'button', class: 'danger', 'data-test': 'host-wall-remove', onclick: () => {
        if (confirm(t('wallConfirmRemove'))) wallAct(series('/wall/' + encodeURIComponent(p.id) + '/remove', 'POST', {}));
      } }, t('wallRemove')),
      p.kind === 'TIP' && !p.promoted ? promoteForm(p) : null)))
    : [el('li', { class: 'empty' }, t('wallEmpty'))]));
}

function promoteForm(p) {
  const title = el('input', { maxlength: '120', 'aria-label': t('wallPromoteTitle'), placeholder: t('wallPromoteTitle'),
    // The resource outlives the post (and its author's erasure): it names the task, not the person.
    'data-test': 'promote-title', value: t('wallKindTIP') + (p.taskTitle ? ': ' + loc(p.taskTitle) : '') });
  const link = el('input', { type: 'url', maxlength: '300', 'aria-label': t('wallPromoteLink'), placeholder: t('wallPromoteLink'),
    'data-test': 'promote-link' });
  return el('form', { class: 'inline', novalidate: true, onsubmit: ev => {
    ev.preventDefault();
    wallAct(series('/wall/' + encodeURIComponent(p.id) + '/promote', 'POST',
      { title: title.value.trim(), link: link.value.trim() || undefined }));
  } }, title, link, el('button', { type: 'submit', 'data-test': 'promote' }, t('wallPromote')));
}

async function wallAct(promise) {
  $('error').textContent = '';
  const r = await promise;
  if (!r.ok) { fail(r.body); return; }
  wall = r.body;
  renderWall();
}

function renderCreate() {
  const f = $('c-format');
  if (!f.options.length && formats.length) f.replaceChildren(...formats.map(x => el('option', { value: x.id }, loc(x.name))));
  const o = $('c-ordinal');
  const ov = o.value || '1';
  o.replaceChildren(...[1, 2, 3, 4, -1].map(n => el('option', { value: String(n) }, t(n === -1 ? 'ordinalLast' : 'ordinal' + n))));
  o.value = ov;
  const day = $('c-day');
  const dv = day.value || 'TUESDAY';
  const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  day.replaceChildren(...days.map((x, i) => el('option', { value: x }, t('weekday' + (i + 1)))));
  day.value = dv;
  renderPreview();
}

/** The series' zone: the form makes series in Vienna's time (see the create handler). */
const ZONE = 'Europe/Vienna';
const PREVIEW_COUNT = 6;

/** Today's date (YYYY-MM-DD) and time (HH:MM) in the series' zone. */
function nowInZone() {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date()).map(x => [x.type, x.value]));
  return { date: p.year + '-' + p.month + '-' + p.day, time: p.hour + ':' + p.minute };
}

/** The day of month of the ordinal-th (1..4, or -1 for the last) weekday (1 = Monday) of a month. */
function nthWeekday(year, month, ordinal, weekday) {
  const dow = d => ((new Date(Date.UTC(year, month, d)).getUTCDay() + 6) % 7) + 1;
  if (ordinal > 0) return 1 + ((weekday - dow(1) + 7) % 7) + 7 * (ordinal - 1);
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return last - ((dow(last) - weekday + 7) % 7);
}

/** The dates the form will make, from this month on, as the server's MonthlyWeekday does; past ones marked. */
function renderPreview() {
  const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  const ordinal = Number($('c-ordinal').value || '1');
  const weekday = days.indexOf($('c-day').value || 'TUESDAY') + 1;
  const start = $('c-start').value || '09:00';
  const hours = Number($('c-hours').value) || 0;
  const now = nowInZone();
  const [y, m] = now.date.split('-').map(Number);
  const items = [];
  for (let i = 0; i < PREVIEW_COUNT; i++) {
    const year = y + Math.floor((m - 1 + i) / 12);
    const month = (m - 1 + i) % 12;
    const day = nthWeekday(year, month, ordinal, weekday);
    const iso = year + '-' + String(month + 1).padStart(2, '0') + '-' + String(day).padStart(2, '0');
    const past = iso < now.date || (iso === now.date && start <= now.time);
    const label = new Date(Date.UTC(year, month, day)).toLocaleDateString(lang(),
      { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      + ', ' + start + (hours > 0 ? '–' + endTime(start, hours) : '');
    items.push(el('li', { class: past ? 'past' : '', 'data-test': 'preview-date', 'data-date': iso, 'data-past': String(past) },
      label, past ? ' (' + t('pastDate') + ')' : ''));
  }
  $('c-preview').replaceChildren(...items);
}

function endTime(start, hours) {
  const [h, min] = start.split(':').map(Number);
  const total = (h * 60 + min + Math.round(hours * 60)) % (24 * 60);
  return String(Math.floor(total / 60)).padStart(2, '0') + ':' + String(total % 60).padStart(2, '0');
}

const STATS_SERIES = ['attended', 'noShows', 'goalsDone'];

/** The series' chart: per past date attended, no-shows and goals done, with its table. */
function renderStats() {
  const list = stats?.dates ?? [];
  $('stats-csv').disabled = list.length === 0;
  if (!list.length) {
    $('stats-chart').replaceChildren(el('p', { class: 'empty' }, t('noStats')));
    return;
  }
  const series = STATS_SERIES.map(key => ({ key, label: t('bar' + key[0].toUpperCase() + key.slice(1)) }));
  $('stats-chart').replaceChildren(barChart({
    id: 'stats-chart-figure',
    title: t('chartStatsTitle', { title: stats.title }),
    desc: t('chartStatsDesc', { n: list.length, from: dateLabel(list[0].date, true), to: dateLabel(list[list.length - 1].date, true) }),
    series,
    columns: [t('colDate'), t('colSeated'), ...series.map(s => s.label), t('colWaitlisted'), t('colCancelled')],
    groups: list.map(d => ({
      key: d.date, label: dateLabel(d.date), longLabel: dateLabel(d.date, true), values: d,
      note: d.cancelled !== null ? t('cancelledShort') : null,
      cells: [d.seated, d.attended, d.noShows, t('ofN', { n: d.goalsDone, of: d.goalsSet }), d.waitlisted,
        d.cancelled === null ? '' : (d.cancelled || t('yes'))],
    })),
  }));
}

function renderDetail() {
  $('detail').hidden = !detail;
  if (!detail) return;
  $('d-title').textContent = when(detail);
  const seatRow = s => el('tr', { 'data-test': 'seat' },
    el('td', {}, el('strong', {}, shown(s.name)), el('br'), el('span', { class: 'about' }, s.email)),
    el('td', {}, s.checkedIn ? t('arrived') : s.noShow ? t('noShow') : ''),
    el('td', {}, el('button', { type: 'button', 'aria-pressed': String(s.paid), 'data-test': 'paid',
      onclick: () => act(series('/dates/' + current + '/paid', 'POST', { email: s.email, paid: !s.paid })) }, t('markPaid'))));
  $('d-seated').replaceChildren(...(detail.seated.length ? detail.seated.map(seatRow) : [el('tr', {}, el('td', { class: 'empty' }, t('nobody')))]));
  $('d-waitlist').replaceChildren(...(detail.waitlist.length
    ? detail.waitlist.map(s => el('li', { 'data-test': 'waiting' }, shown(s.name) + ' · ' + s.email)) : [el('li', { class: 'empty' }, t('nobodyWaiting'))]));
  $('d-checkin').replaceChildren(...detail.checkIn.map(s => el('tr', { 'data-test': 'checkin' },
    el('td', {}, shown(s.name)),
    el('td', {}, s.checkedIn ? el('span', { class: 'badge s-DONE' }, t('arrived'))
      : el('button', { type: 'button', 'data-test': 'check-in',
        onclick: () => act(series('/dates/' + current + '/check-in', 'POST', { email: s.email })) }, t('checkIn'))))));
  $('d-newstart').value = $('d-newstart').value || detail.start.slice(0, 16);
}

async function act(promise) {
  $('error').textContent = '';
  const r = await promise;
  if (!r.ok) { fail(r.body); return null; }
  await load();
  return r.body;
}

async function show(date) {
  current = date;
  $('d-links').replaceChildren();
  $('d-newstart').value = '';
  await load();
  $('detail').scrollIntoView({ behavior: 'smooth' });
}

async function load() {
  const r = await series('');
  if (!r.ok) { fail(r.body); return; }
  info = r.body;
  const w = await series('/wall');
  wall = w.ok ? w.body : null;
  const st = await series('/stats');
  stats = st.ok ? st.body : null;
  if (current) {
    const d = await series('/dates/' + current);
    if (!d.ok) { fail(d.body); detail = null; } else detail = d.body;
  }
  render();
}

$('d-session').addEventListener('click', async () => {
  $('error').textContent = '';
  const r = await series('/dates/' + current + '/session', 'POST', {});
  if (!r.ok) { fail(r.body); return; }
  const link = role => location.origin + '/?session=' + encodeURIComponent(r.body.sessionId) + '&code=' + encodeURIComponent(r.body.invites[role]);
  $('d-links').replaceChildren(
    el('a', { href: link('host'), 'data-test': 'host-link' }, t('hostLink')), el('br'),
    t('expertLink') + ': ', el('span', { 'data-test': 'expert-link' }, link('expert')));
});
$('stats-csv').addEventListener('click', async () => {
  $('error').textContent = '';
  const ok = await downloadCsv('/api/series/' + encodeURIComponent(seriesId) + '/stats.csv', key, 'peerwork-dates.csv')
    .catch(() => false);
  if (!ok) $('error').textContent = codeText('NETWORK');
});
$('d-noshows').addEventListener('click', () => act(series('/dates/' + current + '/no-shows', 'POST', {})));
$('d-move').addEventListener('submit', ev => {
  ev.preventDefault();
  act(series('/dates/' + current + '/move', 'POST', { start: $('d-newstart').value }));
});
$('d-cancel').addEventListener('submit', ev => {
  ev.preventDefault();
  if (!confirm(t('confirmCancel'))) return;
  act(series('/dates/' + current + '/cancel', 'POST', { reason: $('d-reason').value.trim() }));
});

$('create').addEventListener('submit', async ev => {
  ev.preventDefault();
  $('error').textContent = '';
  const body = {
    formatId: $('c-format').value, title: $('c-title').value.trim() || undefined, zone: ZONE,
    capacity: Number($('c-capacity').value),
    retentionMonths: Number($('c-retention').value),
    experts: $('c-experts').value.split(',').map(x => x.trim()).filter(Boolean),
    place: { address: $('c-address').value.trim() || undefined, onlineLink: $('c-link').value.trim() || undefined },
    recurrence: { type: 'MonthlyWeekday', ordinal: Number($('c-ordinal').value), day: $('c-day').value,
      start: $('c-start').value, length: 'PT' + Number($('c-hours').value) + 'H' },
  };
  const r = await call('/api/series', 'POST', body, $('c-key').value || undefined);
  if (!r.ok) { fail(r.body); return; }
  localStorage.setItem('peerwork.host.' + r.body.seriesId, r.body.hostKey);
  location.href = 'host.html?series=' + encodeURIComponent(r.body.seriesId) + '&key=' + encodeURIComponent(r.body.hostKey);
});

['c-ordinal', 'c-day', 'c-start', 'c-hours'].forEach(id => $(id).addEventListener('input', renderPreview));
languageButton($('lang'), render);
applyStatic();
if (seriesId) {
  if (key) localStorage.setItem('peerwork.host.' + seriesId, key);
  load();
} else {
  call('/api/formats').then(r => { if (r.ok) { formats = r.body; render(); } });
  render();
}
