import { t, codeText, loc, applyStatic, languageButton, el, lang } from './i18n.js';
import { toPatchForm, fromPatchForm, applyOps } from './viewpatch.js';
import { renderOverview } from './hostpanel.js';
import { updateTurn, titleFor, whereLine, wireSoundButton, includes } from './turn.js';
import { renderQueueAdmin, wireQueueAdmin } from './staffpanel.js';
import { me, sessionId, keepMe, renderDevice } from './me.js';
import { recapBody } from './recap.js';
import { onResources, renderResources } from './resources.js';

const $ = id => document.getElementById(id);
const state = {
  format: null, view: null, seq: -1, chatEpoch: '', chatSeq: 0, chat: [],
  viewSeq: -1, form: null, resyncing: false, // the view's seq and patch form, for `patch` frames
  offset: 0, nextId: 1, pending: new Map(), joinSent: false, recap: null, recapLoading: false, caughtUp: false,
};

// ---- connection ----------------------------------------------------------------------------
let ws = null;
let attempts = 0;
let everOpen = false;
let lastHeard = Date.now();
let lastPing = 0;
let connectingSince = 0;
let retryTimer = 0;
let expired = false; // the server closed the socket because its token expired (close code 4401)
let signedOut = false; // ... or because its series links were signed out (error TOKEN_REVOKED, then 4401)
let removed = null; // a host removed this person (close code 4403): the host's reason; no reconnecting
let formatMissing = false; // the session's format is not installed (error FORMAT_MISSING): try again only now and then

function connect() {
  if (expired || removed !== null) return;
  setConn(everOpen ? 'reconnecting' : 'connecting');
  let url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/sessions/'
    + encodeURIComponent(sessionId) + '?token=' + encodeURIComponent(me.token);
  if (state.seq >= 0) {
    url += '&since=' + state.seq + '&chatEpoch=' + encodeURIComponent(state.chatEpoch) + '&chatSince=' + state.chatSeq;
  }
  const socket = new WebSocket(url);
  ws = socket;
  connectingSince = Date.now();
  state.joinSent = false;
  state.caughtUp = false;
  socket.onopen = () => { attempts = 0; everOpen = true; formatMissing = false; lastHeard = Date.now(); setConn('connected'); };
  socket.onmessage = m => { lastHeard = Date.now(); onFrame(JSON.parse(m.data)); };
  socket.onclose = ev => {
    if (ws !== socket) return; // an old socket we gave up on
    if (ev.code === 4401) { // the token expired: reconnecting with it cannot work; join again
      expired = true;
      ws = null;
      setConn(signedOut ? 'signedOut' : 'expired');
      return;
    }
    if (ev.code === 4403) { // removed by a host: this token will not get in again
      if (removed === null) removed = '';
      ws = null;
      setConn('removed');
      render();
      return;
    }
    attempts++;
    if (formatMissing) { // nothing will change until the organisers install the format again: say so, try once a minute
      setConn('formatMissing');
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, 60000);
      return;
    }
    setConn('reconnecting');
    // Jittered, so that the sockets of a server that restarts (1012: its rooms moved to other
    // servers) or went away do not all come back at the same instant.
    const base = Math.min(10000, 500 * 2 ** Math.min(attempts, 5));
    const delay = ev.code === 1012 && attempts === 1 ? 200 + Math.random() * 800 : base / 2 + Math.random() * base / 2;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, delay);
  };
}

// Heartbeat: a phone that loses its network, or a connection that silently stops, may never close
// the socket. While it is open the page sends a Ping (answered by a pong) whenever nothing came for
// PING_MS; a socket that brought nothing for DEAD_MS (two pings unanswered) is dead: the page says
// so at once and connects again, resuming by seq. A connection attempt that hangs is given up too.
const PING_MS = 3000;
const DEAD_MS = 8000;
const CONNECT_MS = 10000;

function abandon() {
  const dead = ws;
  ws = null; // its close event, whenever it comes, is ignored
  try { dead.close(); } catch (e) { /* closing */ }
}

setInterval(() => {
  if (!ws || expired || removed !== null) return;
  const now = Date.now();
  if (ws.readyState === WebSocket.CONNECTING && now - connectingSince > CONNECT_MS) {
    abandon();
    attempts++;
    connect();
  } else if (ws.readyState === WebSocket.OPEN && now - lastHeard > DEAD_MS) {
    abandon();
    attempts++;
    connect(); // shows "reconnecting"
  } else if (ws.readyState === WebSocket.OPEN && now - lastHeard >= PING_MS && now - lastPing >= PING_MS) {
    lastPing = now;
    ws.send(JSON.stringify({ type: 'Ping', id: idPrefix + 'ping' + state.nextId++ }));
  }
}, 1000);

// Back online, back in the foreground, or "reconnect now": try again at once, with the same token
// (the same person), instead of waiting for the back-off; `force` drops a socket still connecting.
function reconnectNow(force) {
  if (expired || removed !== null) return;
  if (ws && ws.readyState === WebSocket.OPEN) return;
  if (ws && ws.readyState === WebSocket.CONNECTING && force !== true) return;
  if (ws) abandon();
  clearTimeout(retryTimer);
  attempts = 0;
  connect();
}
window.addEventListener('online', reconnectNow);
document.addEventListener('visibilitychange', () => { if (!document.hidden) reconnectNow(); });

function setConn(what) {
  const c = $('conn');
  c.dataset.state = what;
  c.replaceChildren(t(what));
  if (what === 'removed' && removed) c.append(' ', t('removedReason', { reason: reasonText(removed) }));
  if (what === 'reconnecting') { // the same token: the same person, goals and queue place
    c.append(el('button', { type: 'button', class: 'ghost', 'data-test': 'rejoin', onclick: () => reconnectNow(true) },
      t('reconnectNow')));
  }
  if (what === 'expired') { // this token cannot come back: joining with the invite makes a new person, and says so
    c.append(' ', el('a', { href: 'index.html?session=' + encodeURIComponent(sessionId) }, t('joinAsNew')));
  }
}

// A command's id is its idempotency key (protocol.md): the room carries out an id once and answers
// it the same way ever after. So ids are this person's own across reloads (a random prefix per page
// load, then a counter), and a command whose outcome is unknown is sent again with the same id:
// after OUTCOME_UNKNOWN or ROOM_UNAVAILABLE, and after a reconnect for those never answered.
// Chat, cheers, pings and resyncs are not commands of the session and are never sent again.
const idPrefix = (() => {
  const a = new Uint32Array(2);
  crypto.getRandomValues(a); // works on plain http too, unlike crypto.randomUUID
  return 'c' + a[0].toString(36) + a[1].toString(36) + '-';
})();
const RETRY_CODES = new Set(['OUTCOME_UNKNOWN', 'ROOM_UNAVAILABLE', 'STORAGE_UNAVAILABLE']);
const ONCE = new Set(['Chat', 'Cheer', 'Ping', 'Resync']);
const MAX_TRIES = 5;

function send(type, fields = {}) {
  if (!ws || ws.readyState !== WebSocket.OPEN) { toast(t('reconnecting')); return null; }
  const id = idPrefix + state.nextId++;
  const frame = JSON.stringify({ type, id, ...fields });
  state.pending.set(id, { type, frame, tries: 1 });
  ws.send(frame);
  return id;
}

// Sends a command again, with its first id: the room applies it at most once.
function resend(id) {
  const p = state.pending.get(id);
  if (!p || !ws || ws.readyState !== WebSocket.OPEN) return; // a reconnect sends it again
  p.tries++;
  ws.send(p.frame);
}

// After a reconnect has caught up: the commands whose answers the old socket never brought.
function resendUnanswered() {
  for (const [id, p] of state.pending) {
    if (ONCE.has(p.type)) state.pending.delete(id);
    else resend(id);
  }
}

/** A name or text erased at its person's request comes as this mark; the page shows "gelöscht" / "erased". */
const ERASED = '\u2205';
function shownErased(v) {
  if (v === ERASED) return t('erased');
  if (Array.isArray(v)) return v.map(shownErased);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shownErased(x)]));
  return v;
}

// The view as the room sent it whole (snapshot, view) or patched; tests read it as window.peerworkView.
// Patches apply to the form as sent (state.form); the view shown has erased marks in words.
function setView(view, seq) {
  state.view = JSON.stringify(view).includes(ERASED) ? shownErased(view) : view;
  state.viewSeq = seq;
  window.peerworkView = view;
}
window.peerworkStats = { patches: 0, resyncs: 0 };

// A patch that does not fit the view we have (its base is another one): ask for the whole view.
function resync() {
  window.peerworkStats.resyncs++;
  state.resyncing = true;
  state.form = null;
  send('Resync');
}

function onFrame(f) {
  switch (f.type) {
    case 'welcome': // who this token is (a page opened from a link for another device learns it here)
      Object.assign(me, { participantId: f.participantId, role: f.role, displayName: f.displayName });
      keepMe();
      break;
    case 'snapshot':
      state.caughtUp = true;
      state.format = f.format;
      setView(f.view, f.seq);
      state.form = toPatchForm(f.view);
      state.resyncing = false;
      state.seq = f.seq;
      state.chatEpoch = f.chatEpoch;
      state.chatSeq = f.chatSeq;
      state.chat = f.chat;
      if (!chatPanel.loaded) { chatPanel.loaded = true; chatPanel.seen = f.chat.length; } // history is not news
      fillSelects();
      render();
      renderChat();
      resendUnanswered();
      break;
    case 'event':
      state.seq = Math.max(state.seq, f.seq);
      break;
    case 'offers':
      state.offers = f.goals;
      render();
      break;
    case 'resources': onResources(f); render(); break;
    case 'view':
      setView(f.view, f.seq);
      state.form = toPatchForm(f.view);
      state.resyncing = false;
      state.seq = Math.max(state.seq, f.seq);
      render();
      if (!state.caughtUp) { state.caughtUp = true; resendUnanswered(); } // the end of a resume
      break;
    case 'patch':
      if (state.resyncing) break; // a whole view is on its way
      if (!state.form || f.base !== state.viewSeq) { resync(); break; }
      try {
        applyOps(state.form, f.ops);
        setView(fromPatchForm(state.form), f.seq);
        window.peerworkStats.patches++;
      } catch (e) {
        resync();
        break;
      }
      state.seq = Math.max(state.seq, f.seq);
      render();
      break;
    case 'chat':
    case 'cheer':
      if (f.chatEpoch !== state.chatEpoch) { state.chat = []; state.chatEpoch = f.chatEpoch; }
      if (f.chatSeq > state.chatSeq || state.chat.length === 0) {
        state.chat.push(f);
        state.chatSeq = f.chatSeq;
        renderChat();
      }
      break;
    case 'ack':
      state.pending.delete(f.id);
      break;
    case 'seats':
      state.seats = f;
      renderSeats();
      break;
    case 'error': {
      if (f.code === 'FORMAT_MISSING') { // the socket closes next; reconnecting at once cannot help
        formatMissing = true;
        setConn('formatMissing');
        break;
      }
      if (f.code === 'TOKEN_REVOKED') { // the socket closes with 4401 next: the new link from the mail gets in
        signedOut = true;
        setConn('signedOut');
        break;
      }
      if (f.code === 'MEMBER_REMOVED') { // the socket closes with 4403 next
        removed = f.reason || '';
        setConn('removed');
        break;
      }
      const p = state.pending.get(f.id);
      if (p && !ONCE.has(p.type) && RETRY_CODES.has(f.code) && p.tries < MAX_TRIES) {
        setTimeout(() => resend(f.id), 500 * p.tries); // the same id: applied at most once
        break;
      }
      state.pending.delete(f.id);
      if (p && p.type === 'Resync') { // no whole view came: ask again a little later, patches wait meanwhile
        setTimeout(resync, 1000);
        break;
      }
      toast(codeText(f.code, f.message));
      break;
    }
    case 'rejected':
      state.pending.delete(f.id);
      if (!(f.command === 'Join' && f.code === 'SESSION_NOT_OPEN')) toast(codeText(f.code, f.message));
      break;
    default:
      break;
  }
}

let toastTimer = 0;
function toast(text) {
  const box = $('toast');
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 6000);
}

// ---- rendering -----------------------------------------------------------------------------
const members = () => new Map((state.view?.members ?? []).map(m => [m.id, m]));
const nameOf = id => members().get(id)?.name ?? '?';
/** Everyone a request is for: the asker, then who joined ("me too"). */
const memberIds = r => [r.participant, ...(r.group ?? []).map(g => g.participant)];
/** "Anna and Bernd": the names of everyone a request is for, in the page's language. */
const namesOf = r => new Intl.ListFormat(lang(), { type: 'conjunction' }).format(memberIds(r).map(nameOf));
const isMine = r => includes(r, me.participantId);
/** Puts {@code children} into {@code box} in place of what it had; null ones are left out. */
const fill = (box, ...children) => box.replaceChildren(...children.filter(c => c !== null && c !== undefined));
const clockTime = iso => new Date(iso).toLocaleTimeString(lang(), { hour: '2-digit', minute: '2-digit' });
const topicName = id => loc(state.format?.helpTopics.find(x => x.id === id)?.name) || id;
const isFinal = () => ['ENDED', 'CANCELLED'].includes(state.view?.status);

function fillSelects() {
  if (!state.format) return;
  const task = $('goal-task');
  const chosenTask = task.value;
  task.replaceChildren(el('option', { value: '' }, t('chooseTask')),
    ...state.format.tasks.map(x => el('option', { value: x.id }, loc(x.title))));
  task.value = chosenTask;
  const topic = $('help-topic');
  const chosenTopic = topic.value;
  // No topic is preselected: the person says what the help is about.
  topic.replaceChildren(el('option', { value: '' }, t('chooseTopic')),
    ...state.format.helpTopics.map(x => el('option', { value: x.id }, loc(x.name))));
  topic.value = chosenTopic;
  $('peer-topics').dataset.key = ''; // drawn anew, in this language, by renderPeerOffer
  topicChecks('expert-topics', 'expert-topic');
}

/**
 * Draws the room. Parts of it are drawn anew on every update, so the control that has the keyboard
 * focus may be replaced: it gets the focus back afterwards (the same control, found again by what it
 * is), and focus never falls to the page's body on an update.
 */
function render() {
  const focus = focusKey(document.activeElement);
  try {
    draw();
  } finally {
    restoreFocus(focus);
  }
}

// Ancestors that say which item a control belongs to (a goal, a request, a seat, a link, a person).
const ITEM_ATTRS = ['data-goal', 'data-request', 'data-seat', 'data-link', 'data-person'];

/** What the focused control is, in words that survive a redraw; null when the body has the focus. */
function focusKey(e) {
  if (!e || e === document.body || !document.querySelector('main.room')?.contains(e)) return null;
  const section = e.closest('section[id]');
  const item = e.closest(ITEM_ATTRS.map(a => '[' + a + ']').join(','));
  const itemAttr = item && ITEM_ATTRS.find(a => item.hasAttribute(a));
  return {
    section: section?.id,
    item: item ? '[' + itemAttr + '="' + CSS.escape(item.getAttribute(itemAttr)) + '"]' : '',
    what: e.id ? '#' + CSS.escape(e.id) : e.dataset.test ? '[data-test="' + CSS.escape(e.dataset.test) + '"]'
      : e.tagName.toLowerCase() + (e.dataset.cmd ? '[data-cmd="' + e.dataset.cmd + '"]' : ''),
  };
}

// When a control is gone after an update, the one that takes its place: raising a hand hides the form
// and shows "withdraw"; withdrawing brings the form back; claiming shows "finish", finishing "claim next".
const NEXT_CONTROL = {
  '[data-test="help-raise"]': '[data-test="help-withdraw"]', '[data-test="help-withdraw"]': '#help-topic',
  '#help-topic': '[data-test="help-withdraw"]', '#help-note': '[data-test="help-withdraw"]',
  '#claim-next': '[data-test="finish"]', '[data-test="finish"]': '#claim-next', '#outcome': '#claim-next',
  '[data-test="hold"]': '#claim-next', '#hold-minutes': '#claim-next', '[data-test="take-back"]': '[data-test="finish"]',
  '[data-test="me-too"]': '[data-test="me-too-note"]', '[data-test="me-too-send"]': '[data-test="help-withdraw"]',
  '[data-test="me-too-note"]': '[data-test="help-withdraw"]', '[data-test="me-too-cancel"]': '[data-test="me-too"]',
  '[data-test="peer-finish"]': '#help-topic', '#peer-outcome': '#help-topic',
  '[data-test="peer-withdraw"]': '#help-topic', '[data-test="rate-NOT_YET"]': '[data-test="carry-goal"]',
};

const usable = e => Boolean(e && e.isConnected && !e.disabled && e.getClientRects().length > 0);

function restoreFocus(key) {
  if (!key) return;
  const now = document.activeElement;
  // It kept the focus (a control hidden by this update still has it, until the browser notices).
  if (now && now !== document.body && usable(now)) return;
  const section = key.section ? $(key.section) : document;
  const scope = key.section ? '#' + CSS.escape(key.section) + ' ' : '';
  const candidates = [
    key.item ? scope + key.item + ' ' + key.what : null,
    scope + key.what,
    NEXT_CONTROL[key.what] ? scope + NEXT_CONTROL[key.what] : null,
  ].filter(Boolean);
  for (const selector of candidates) {
    const found = [...document.querySelectorAll(selector)].find(usable);
    if (found) { found.focus({ preventScroll: true }); return; }
  }
  // Nothing like it is left (the goal was the last of its kind, the section closed): its section's
  // heading, so that the next Tab goes on from where the person was.
  const heading = section && !section.hidden ? section.querySelector('h2[tabindex]') : null;
  if (heading) heading.focus({ preventScroll: true });
}

function draw() {
  applyStatic();
  const v = state.view;
  if (!v) return;
  updateTurn(v, me, { send, nameOf, namesOf, topicName, lang: lang() });
  document.title = titleFor(v.title);
  $('title').textContent = v.title;
  $('status').textContent = t('status' + v.status);
  $('status').dataset.status = v.status;
  $('me').textContent = me.displayName + ' · ' + t('role' + me.role);
  state.offset = Date.parse(v.serverTime) - Date.now();

  const mine = members().get(me.participantId);
  if (removed === null && !mine?.removed && !mine?.present && ['OPEN', 'RUNNING'].includes(v.status) && !state.joinSent && ws?.readyState === WebSocket.OPEN) {
    state.joinSent = true;
    send('Join');
  }

  const hint = v.current && state.format?.phaseHints?.[v.current.kind];
  $('hint').hidden = !hint;
  $('hint').textContent = hint ? loc(hint) : '';

  renderBeforeLobby(v);
  renderTimeline(v);
  announcePhase(v);
  tickClock();
  renderHost(v);
  renderOverview(v, overviewContext());
  renderQueueAdmin(v, staffContext());
  renderSeats();
  renderGoals(v);
  renderHelp(v);
  renderExpert(v);
  renderResources(v, { me, format: state.format, send, final: isFinal() || removed !== null });
  renderPeople(v);
  renderRecap(v);
  renderDevice(isFinal() || removed !== null);
  renderJumps();
}

/** The header's links to the room's parts: only to those this person sees. */
function renderJumps() {
  document.querySelectorAll('#jump a').forEach(a => { a.hidden = $(a.dataset.for).hidden; });
}

// ---- announcements: phase changes and time warnings, once each, politely -------------------------
const WARN_AT = [5, 1]; // minutes left
const announced = { phase: null, warned: new Set() };

function announce(text) {
  const box = $('announce');
  box.textContent = text;
}

function announcePhase(v) {
  const key = v.current ? v.current.index + '@' + v.current.endsAt : v.status;
  if (announced.phase === key) return;
  const first = announced.phase === null; // the room as it is when the page opens is not news
  const samePhase = announced.phase && v.current && announced.phase.startsWith(v.current.index + '@');
  announced.phase = key;
  announced.warned = new Set(); // a new phase, or this one extended: the warnings count again
  if (first || samePhase) return;
  if (v.current) {
    announce(t('announcePhase', { phase: t('phase' + v.current.kind), min: v.agenda[v.current.index]?.minutes ?? '' }));
  } else {
    announce(t('status' + v.status));
  }
}

function announceTime(v, left) {
  for (const min of WARN_AT) {
    if (left <= min * 60 && left > min * 60 - 30 && !announced.warned.has(min)) {
      announced.warned.add(min);
      announce(t(min === 1 ? 'announceOneLeft' : 'announceLeft', { phase: t('phase' + v.current.kind), min }));
    }
  }
}

/**
 * Before the lobby opens: when the session starts and that the host opens it; goals and help wait
 * until then (the room would refuse them with SESSION_NOT_OPEN).
 */
function renderBeforeLobby(v) {
  const before = v.status === 'SCHEDULED';
  const box = $('before-lobby');
  box.hidden = !before;
  if (before) {
    const when = new Date(v.plannedStart).toLocaleString(lang(), { weekday: 'long', day: 'numeric', month: 'long',
      hour: '2-digit', minute: '2-digit', timeZone: v.zone });
    box.replaceChildren(el('span', { 'data-test': 'starts-at' }, t('startsOn', { when })), ' ',
      t(me.role === 'HOST' ? 'youOpenLobby' : 'hostOpensLobby'));
  }
  document.querySelector('#goal-form [type=submit]').disabled = before;
}

function renderTimeline(v) {
  const done = new Set(v.completedPhases.map(p => p.index));
  $('timeline').replaceChildren(...v.agenda.map(p => {
    const current = v.current?.index === p.index;
    return el('li', {
      class: current ? 'current' : done.has(p.index) ? 'done' : '',
      'aria-current': current ? 'step' : null,
      'data-kind': p.kind,
    }, el('span', { class: 'kind' }, t('phase' + p.kind)), el('span', { class: 'mins' }, p.minutes + ' ' + t('minutes')),
    current ? el('span', { class: 'now' }, t('now')) : null);
  }));
}

function tickClock() {
  const v = state.view;
  const clock = $('clock');
  if (!v || !v.current) { clock.textContent = v && v.status === 'OPEN' ? t('waitingForStart') : ''; return; }
  const left = Math.round((Date.parse(v.current.endsAt) - (Date.now() + state.offset)) / 1000);
  const phase = t('phase' + v.current.kind);
  announceTime(v, left);
  if (left <= 0) { clock.textContent = t('clockOvertime', { phase }); return; }
  const mm = String(Math.floor(left / 60)).padStart(2, '0');
  const ss = String(left % 60).padStart(2, '0');
  clock.textContent = t('clockLeft', { phase, time: mm + ':' + ss });
}
setInterval(tickClock, 1000);

function renderHost(v) {
  $('host').hidden = me.role !== 'HOST' || isFinal();
  const enabled = {
    OpenSession: v.status === 'SCHEDULED', StartSession: v.status === 'OPEN',
    AdvancePhase: v.status === 'RUNNING' && v.current && v.current.index + 1 < v.agenda.length,
    ExtendPhase: v.status === 'RUNNING', EndSession: v.status === 'RUNNING',
  };
  document.querySelectorAll('#host [data-cmd]').forEach(b => { b.hidden = !enabled[b.dataset.cmd]; });
  document.querySelector('#host .danger-zone').hidden = !enabled.EndSession;
}

const overviewContext = () => ({ show: me.role === 'HOST' && !isFinal() && removed === null,
  now: Date.now() + state.offset, nameOf, namesOf, topicName });
const staffContext = () => ({ show: me.role !== 'PARTICIPANT' && !isFinal() && removed === null, nameOf, clockTime });
// Waits grow while nothing else changes: the host's overview counts them on.
setInterval(() => { if (state.view) renderOverview(state.view, overviewContext()); }, 30000);

/** A removal's reason: the host's words, or the page's own for the organiser's known reasons. */
const reasonText = reason => reason === 'SEAT_GIVEN_UP' ? t('reasonSEAT_GIVEN_UP') : reason;

/** The host's seats and links: who is connected, absent or removed, the no-show minutes, the links. */
function renderSeats() {
  const s = state.seats;
  $('seats-panel').hidden = me.role !== 'HOST' || !s || isFinal() || removed !== null;
  if (!s || $('seats-panel').hidden) return;
  const time = iso => new Date(iso).toLocaleTimeString(lang(), { hour: '2-digit', minute: '2-digit' });
  $('seat-list').replaceChildren(...s.members.filter(m => m.id !== me.participantId).map(m => {
    const name = m.name || m.id;
    let action = null;
    if (m.state === 'REMOVED') {
      action = el('button', { type: 'button', 'data-test': 'readmit',
        onclick: () => send('ReadmitMember', { participant: m.id }) }, t('readmit', { name }));
    } else if (m.role !== 'HOST') {
      action = el('button', { type: 'button', class: 'danger', 'data-test': 'remove', onclick: () => {
        const reason = prompt(t('removePrompt', { name }), '');
        if (reason !== null) send('RemoveMember', { participant: m.id, reason: reason.trim().slice(0, 280) });
      } }, t('removeMember', { name }));
    }
    return el('li', { class: 'seat', 'data-seat': m.id, 'data-state': m.state },
      el('strong', {}, name), el('small', {}, t('role' + m.role)),
      el('span', { class: 'state', 'data-state': m.state }, t('state' + m.state)
        + (m.since ? ' ' + t('since', { time: time(m.since) }) : '')
        + (m.freedAt ? ' · ' + t('freedAt', { time: time(m.freedAt) }) : '')
        + (m.reason ? ' · ' + reasonText(m.reason) : '')),
      action);
  }));
  const input = $('noshow');
  if (document.activeElement !== input) input.value = s.noShowMinutes;
  $('links').replaceChildren(...['participant', 'expert'].map(role => {
    const link = s.invites[role];
    const url = location.origin + '/?session=' + encodeURIComponent(sessionId) + '&code=' + encodeURIComponent(link.code);
    const key = role.toUpperCase();
    return el('div', { 'data-link': key },
      el('p', {}, el('strong', {}, t('link' + key)), ' ', el('code', { 'data-test': 'code-' + role }, link.code)),
      el('p', {}, el('small', {}, t('admitted', { n: link.admitted, limit: link.limit }))),
      el('div', { class: 'buttons' },
        el('button', { type: 'button', 'data-test': 'copy-' + role, onclick: async () => {
          try { await navigator.clipboard.writeText(url); toast(t('copied')); } catch (e) { prompt(t('copyLink'), url); }
        } }, t('copyLink')),
        el('button', { type: 'button', class: 'danger', 'data-test': 'revoke-' + role, onclick: () => {
          if (confirm(t('revokeConfirm'))) send('RevokeInvite', { role: key });
        } }, t('revokeLink'))));
  }));
}

/** "Block 2" for a goal of the second focus block, if the agenda has more than one. */
function blockLabel(g) {
  const blocks = (state.view?.agenda ?? []).filter(p => p.kind === 'FOCUS_BLOCK').map(p => p.index);
  return blocks.length > 1 ? t('block', { n: blocks.indexOf(g.focusBlock) + 1 }) : null;
}

function goalItem(g, own) {
  const task = g.taskId && state.format?.tasks.find(x => x.id === g.taskId);
  const label = blockLabel(g);
  const li = el('li', { class: 'goal', 'data-status': g.status, 'data-goal': g.id },
    el('span', { class: 'text' }, g.text),
    el('span', { class: 'badge s-' + g.status }, t('goal' + g.status)),
    task && loc(task.title) !== g.text || label
      ? el('small', { class: 'task' }, [label, task && loc(task.title) !== g.text ? loc(task.title) : null]
        .filter(Boolean).join(' · '))
      : null);
  if (own && task && task.checklist.length) {
    li.append(el('details', { class: 'checklist' }, el('summary', {}, t('checklist')),
      el('ol', {}, ...task.checklist.map(step => el('li', {}, loc(step))))));
  }
  if (own && !isFinal()) {
    const group = el('span', { class: 'marks', role: 'group', 'aria-label': g.text });
    for (const [status, key] of [['DONE', 'markDone'], ['PARTLY_DONE', 'markPartly'], ['CARRIED_OVER', 'markCarry']]) {
      group.append(el('button', {
        type: 'button', 'aria-pressed': String(g.status === status), 'data-test': 'mark-' + status,
        onclick: () => {
          if (status === 'DONE' && g.status !== 'DONE') suggestPeerHelpFor(g);
          send('MarkGoal', { goal: g.id, status });
        },
      }, t(key)));
    }
    li.append(group);
  }
  return li;
}

function renderGoals(v) {
  $('goals').hidden = me.role !== 'PARTICIPANT' || isFinal();
  const mine = v.goals.filter(g => g.owner === me.participantId);
  $('my-goals').replaceChildren(...(mine.length ? mine.map(g => goalItem(g, true)) : [el('li', { class: 'empty' }, t('noGoals'))]));
  renderOffers(mine);
  renderPeerSuggestion(v);
}

/**
 * The help topics this participant may offer others (protocol.md, OfferPeerHelp): those the
 * catalogue names for the tasks of their goals done, and those they offer already; in the format's order.
 */
function earnedTopics(v) {
  const earned = new Set(members().get(me.participantId)?.peerTopics ?? []);
  for (const g of v?.goals ?? []) {
    if (g.owner === me.participantId && g.status === 'DONE' && g.taskId) {
      (state.format?.tasks.find(x => x.id === g.taskId)?.helpTopics ?? []).forEach(id => earned.add(id));
    }
  }
  return (state.format?.helpTopics ?? []).map(x => x.id).filter(id => earned.has(id));
}

// The goals this page has suggested peer help for already: once per goal, in this tab.
const SUGGESTED_KEY = 'peerwork.peerSuggested.' + sessionId;
const suggestedGoals = () => JSON.parse(sessionStorage.getItem(SUGGESTED_KEY) || '[]');

/** Marking {@code g} done: once the room says it is, suggest helping others with its task's topics (once per goal). */
function suggestPeerHelpFor(g) {
  const task = g.taskId && state.format?.tasks.find(x => x.id === g.taskId);
  if (!task || !task.helpTopics.length || suggestedGoals().includes(g.id)) return;
  sessionStorage.setItem(SUGGESTED_KEY, JSON.stringify([...suggestedGoals(), g.id]));
  state.peerSuggest = g.id;
  state.peerSuggestShown = false;
}

/**
 * "You finished <task> – would you like to help others with <topic>?", with a one-tap offer of the
 * task's topics not offered yet (added to what is offered), and "not now". Gone once answered, once
 * everything is offered, or if the goal is no longer done.
 */
function renderPeerSuggestion(v) {
  const box = $('peer-suggest');
  const g = state.peerSuggest && v.goals.find(x => x.id === state.peerSuggest);
  const task = g && g.taskId && state.format?.tasks.find(x => x.id === g.taskId);
  const offered = members().get(me.participantId)?.peerTopics ?? [];
  const topics = task ? task.helpTopics.filter(id => !offered.includes(id)) : [];
  if (!g || g.status !== 'DONE' || !topics.length || isFinal()) {
    // It waits while the room has not said the goal is done; otherwise the suggestion is over.
    const waits = g && g.status !== 'DONE' && !state.peerSuggestShown && !isFinal();
    if (!waits) {
      state.peerSuggest = null;
      state.peerSuggestShown = false;
    }
    box.hidden = true;
    box.dataset.key = '';
    return;
  }
  state.peerSuggestShown = true;
  box.hidden = false;
  const key = JSON.stringify([g.id, topics, lang()]);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  const names = new Intl.ListFormat(lang(), { type: 'conjunction' }).format(topics.map(topicName));
  box.replaceChildren(el('p', {}, t('peerSuggestDone', { task: loc(task.title), topics: names })),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'primary', 'data-test': 'peer-suggest-offer', onclick: () => {
        state.peerSuggest = null;
        const now = members().get(me.participantId)?.peerTopics ?? [];
        send('OfferPeerHelp', { topics: earnedTopics(state.view).filter(id => now.includes(id) || task.helpTopics.includes(id)) });
        render();
      } }, t('peerSuggestOffer')),
      el('button', { type: 'button', class: 'ghost', 'data-test': 'peer-suggest-dismiss', onclick: () => {
        state.peerSuggest = null;
        render();
      } }, t('peerSuggestNotNow'))));
}

/** A series session: carry-overs and due routines as one-tap goals, until taken. */
function renderOffers(mine) {
  const taken = o => mine.some(g => (o.taskId && g.taskId === o.taskId) || g.text === o.text);
  const open = (state.offers ?? []).filter(o => !taken(o));
  $('offers-box').hidden = open.length === 0;
  const before = state.view?.status === 'SCHEDULED'; // nothing can be taken on before the lobby opens
  $('offers-intro').textContent = t(before ? 'offersLater' : 'offersIntro');
  $('offers').replaceChildren(...open.map(o => {
    const task = o.taskId && state.format?.tasks.find(x => x.id === o.taskId);
    const text = o.reason === 'ROUTINE_DUE' && task ? loc(task.title) : o.text;
    return el('li', {},
      el('button', { type: 'button', class: 'offer', 'data-test': 'offer', 'data-reason': o.reason, disabled: before,
        onclick: () => send('DeclareGoal', o.taskId ? { text, taskId: o.taskId } : { text }) },
        el('span', { class: 'badge r-' + o.reason }, t('offer' + o.reason)), ' ', text));
  }));
}

function renderHelp(v) {
  $('help').hidden = me.role !== 'PARTICIPANT' || isFinal();
  const q = v.queue;
  const waiting = q.waiting.find(isMine);
  const helping = q.inProgress.find(isMine);
  const held = (q.onHold ?? []).find(isMine);
  const giving = q.inProgress.find(r => r.byPeer && r.expert === me.participantId);
  const open = waiting || helping || held;
  $('help-form').hidden = Boolean(open || giving);
  document.querySelector('#help-form [type=submit]').disabled = v.status === 'SCHEDULED' || q.status === 'CLOSED';
  renderQueueState(v, Boolean(open));
  renderRaiseAgain(v, Boolean(open || giving));
  const status = $('help-status');
  const place = $('head-place');
  place.hidden = !waiting;
  place.textContent = waiting ? t('headPlace', { place: waiting.place }) : '';
  const together = r => {
    const others = memberIds(r).filter(id => id !== me.participantId);
    return r.group?.length ? el('p', { 'data-test': 'together' },
      t('together', { names: new Intl.ListFormat(lang(), { type: 'conjunction' }).format(others.map(nameOf)) })) : null;
  };
  if (waiting) {
    fill(status, el('p', { 'data-test': 'my-place' }, t('yourPlace', { place: waiting.place })),
      el('p', { 'data-test': 'my-wait' }, waitText(waiting)), together(waiting),
      el('button', { type: 'button', 'data-test': 'help-withdraw', onclick: () => send('WithdrawHand') }, t('withdraw')));
  } else if (helping) {
    fill(status, el('p', { 'data-test': 'being-helped' }, t('beingHelped', { name: nameOf(helping.expert) })),
      together(helping), whereLine(members().get(helping.expert)?.helpPlace));
  } else if (held) {
    fill(status, el('p', { 'data-test': 'my-hold' }, t(held.heldUntil ? 'onHoldUntil' : 'onHoldMine',
      { time: held.heldUntil ? clockTime(held.heldUntil) : '' })), together(held),
      el('button', { type: 'button', 'data-test': 'help-withdraw', onclick: () => send('WithdrawHand') }, t('withdraw')));
  } else {
    status.replaceChildren();
  }
  renderPeerHelping(giving);
  renderRate(v);
  renderOthers(v, Boolean(open || giving));
  renderPeerOffer(Boolean(open || giving));
}

/** The queue's state, as a participant is told it: paused (the expert is back soon) or closed. */
function renderQueueState(v, waiting) {
  const q = v.queue;
  const box = $('queue-state');
  let text = '';
  if (q.status === 'PAUSED') text = q.reason ? t('queuePausedReason', { reason: q.reason }) : t('queuePaused');
  if (q.status === 'CLOSED') {
    text = (q.reason ? t('queueClosedReason', { reason: q.reason }) : t('queueClosed'))
      + (waiting ? ' ' + t('queueClosedServed') : '');
  }
  box.dataset.status = q.status;
  if (box.textContent !== text) box.textContent = text;
}

/** A format that asks people to wait a little after a help: from when they may ask again. */
function renderRaiseAgain(v, busy) {
  const minutes = state.format?.raiseAgainAfterMinutes ?? 0;
  const last = (v.queue.finished ?? []).filter(isMine).map(r => Date.parse(r.closedAt)).reduce((a, b) => Math.max(a, b), 0);
  const from = last + minutes * 60000;
  const show = !busy && minutes > 0 && last > 0 && from > Date.now() + state.offset;
  $('raise-again').hidden = !show;
  $('raise-again').textContent = show ? t('raiseAgainAt', { time: clockTime(new Date(from).toISOString()), min: minutes }) : '';
}

/** A peer's help in progress: whom they help, and "finish" with an outcome. */
function renderPeerHelping(giving) {
  const box = $('peer-helping');
  const key = giving ? [giving.id, namesOf(giving), lang()].join('|') : '';
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.hidden = !giving;
  if (!giving) { box.replaceChildren(); return; }
  const select = outcomeSelect('peer-outcome');
  box.replaceChildren(
    el('p', { class: 'who' }, t('peerHelping', { name: namesOf(giving) })),
    el('p', {}, topicName(giving.topicId)),
    el('div', { class: 'field' }, el('label', { for: 'peer-outcome' }, t('outcome')), select),
    el('button', { type: 'button', class: 'primary', 'data-test': 'peer-finish',
      onclick: () => send('FinishHelp', { request: giving.id, outcome: select.value }) }, t('finish')));
}

function outcomeSelect(id) {
  return el('select', { id, 'data-test': id === 'outcome' ? 'outcome' : id },
    ...['SOLVED', 'PARTLY_SOLVED', 'FOLLOW_UP'].map(o => el('option', { value: o }, t('outcome' + o))));
}

/**
 * After a help: one tap, how it went, for the latest finished help of this participant that they
 * have not answered. "Not yet" then offers to take an open goal along to the next time.
 */
function renderRate(v) {
  const box = $('rate-box');
  const done = (v.queue.finished ?? []).filter(isMine).sort((a, b) => Date.parse(a.closedAt) - Date.parse(b.closedAt));
  const last = done.at(-1);
  const ask = last && !(last.ratedBy ?? []).includes(me.participantId);
  const openGoals = v.goals.filter(g => g.owner === me.participantId && g.status === 'OPEN');
  const follow = !ask && last && state.notYet === last.id;
  const key = ask ? 'ask|' + last.id + '|' + nameOf(last.expert) + '|' + lang()
    : follow ? 'carry|' + last.id + '|' + openGoals.map(g => g.id + g.text).join(',') + '|' + lang() : '';
  const asking = ask ? last.id : '';
  if (asking !== box.dataset.asked) { // a new question is said once; the one a page opens with is not news
    if (asking && box.dataset.asked !== undefined) announce(t('rateQuestion', { name: nameOf(last.expert), topic: topicName(last.topicId) }));
    box.dataset.asked = asking;
  }
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.hidden = !key;
  if (ask) {
    box.replaceChildren(el('p', { id: 'rate-q', class: 'who' },
      t('rateQuestion', { name: nameOf(last.expert), topic: topicName(last.topicId) })),
    el('div', { class: 'buttons' }, ...['SOLVED', 'PARTLY', 'NOT_YET'].map(answer => el('button', {
      type: 'button', 'data-test': 'rate-' + answer,
      onclick: () => { state.notYet = answer === 'NOT_YET' ? last.id : null; send('RateHelp', { request: last.id, answer }); },
    }, t('rate' + answer)))));
  } else if (follow) {
    box.replaceChildren(el('p', { id: 'rate-q' }, t(openGoals.length ? 'notYetCarry' : 'notYetNoGoal')),
      ...openGoals.map(g => el('button', { type: 'button', class: 'offer', 'data-test': 'carry-goal', 'data-goal': g.id,
        onclick: () => {
          state.notYet = null;
          send('MarkGoal', { goal: g.id, status: 'CARRIED_OVER' });
          toast(t('carried', { goal: g.text }));
        } }, t('carryGoal', { goal: g.text }))),
      el('button', { type: 'button', class: 'ghost', 'data-test': 'rate-close',
        onclick: () => { state.notYet = null; render(); } }, t('close')));
  } else {
    box.replaceChildren();
  }
}

/** Others' waiting requests, each with "me too" (and a note of one's own) while one has none open. */
function renderOthers(v, busy) {
  const others = v.queue.waiting.filter(r => !isMine(r));
  const show = !busy && !isFinal() && v.status !== 'SCHEDULED' && v.queue.status !== 'CLOSED' && others.length > 0;
  $('others-box').hidden = !show;
  if (!show) { state.joining = null; $('others').replaceChildren(); return; }
  const key = JSON.stringify([others.map(r => [r.id, namesOf(r), r.topicId]), state.joining, lang()]);
  const list = $('others');
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren(...others.map(r => {
    const li = el('li', { 'data-request': r.id },
      el('strong', {}, namesOf(r)), ' – ', el('span', {}, topicName(r.topicId)));
    if (state.joining === r.id) {
      const note = el('input', { id: 'me-too-note-' + r.id, maxlength: '500', autocomplete: 'off', 'data-test': 'me-too-note' });
      li.append(el('form', { class: 'me-too', onsubmit: ev => {
        ev.preventDefault();
        state.joining = null;
        send('JoinRequest', { request: r.id, note: note.value.trim() });
      } },
      el('label', { for: 'me-too-note-' + r.id }, t('meTooNote')), note,
      el('div', { class: 'buttons' },
        el('button', { type: 'submit', class: 'primary', 'data-test': 'me-too-send' }, t('meTooSend', { name: nameOf(r.participant) })),
        el('button', { type: 'button', 'data-test': 'me-too-cancel', onclick: () => { state.joining = null; render(); } },
          t('cancel')))));
    } else {
      li.append(el('button', { type: 'button', 'data-test': 'me-too', 'aria-label': t('meTooLabel', { name: namesOf(r), topic: topicName(r.topicId) }),
        onclick: () => { state.joining = r.id; render(); $('me-too-note-' + r.id)?.focus(); } }, t('meToo')));
    }
    return li;
  }));
}

/** "I can help with …": the topics this participant offers to peers, and taking the offer back. */
function renderPeerOffer(busy) {
  const m = members().get(me.participantId);
  const offered = m?.peerTopics ?? [];
  const line = $('peer-offered');
  line.hidden = offered.length === 0;
  const key = JSON.stringify([offered, m?.peerHelpsGiven ?? 0, lang()]);
  if (line.dataset.key !== key) {
    line.dataset.key = key;
    line.replaceChildren(...(offered.length ? [
      t('peerOffered', { topics: new Intl.ListFormat(lang(), { type: 'conjunction' }).format(offered.map(topicName)) }),
      m.peerHelpsGiven ? ' ' + t('peerThanks', { n: m.peerHelpsGiven }) : '', ' ',
      el('button', { type: 'button', class: 'ghost', 'data-test': 'peer-withdraw',
        onclick: () => send('OfferPeerHelp', { topics: [] }) }, t('peerWithdraw'))] : []));
  }
  // Only the topics earned can be offered: none earned yet, a hint instead of the control.
  const earned = earnedTopics(state.view);
  const topicsKey = JSON.stringify([earned, lang()]);
  if (state.format && $('peer-topics').dataset.key !== topicsKey) {
    $('peer-topics').dataset.key = topicsKey;
    topicChecks('peer-topics', 'peer-topic', earned);
  }
  $('peer-offer').hidden = busy || earned.length === 0;
  $('peer-earn').hidden = busy || earned.length > 0 || !(state.format?.tasks.some(x => x.helpTopics.length));
  syncChecks('peer-topics', offered, $('peer-offer'));
}

/** Checkboxes of help topics, ticked as {@code chosen} unless the person is choosing (the box is open). */
function syncChecks(containerId, chosen, details) {
  if (details.open) return;
  $(containerId).querySelectorAll('input[type=checkbox]').forEach(c => { c.checked = chosen.includes(c.value); });
}

/** Checkboxes for the format's help topics ({@code only} those, if given), keeping what is ticked. */
function topicChecks(containerId, prefix, only) {
  const box = $(containerId);
  const chosen = [...box.querySelectorAll('input:checked')].map(c => c.value);
  const topics = state.format.helpTopics.filter(x => !only || only.includes(x.id));
  box.replaceChildren(...topics.map(x => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: x.id, 'data-test': prefix + '-' + x.id, checked: chosen.includes(x.id) }),
    ' ', loc(x.name))));
}

const checkedTopics = containerId => [...$(containerId).querySelectorAll('input:checked')].map(c => c.value);

/**
 * What a waiting person is told about their wait: "next" at place 1 only, and otherwise the range
 * the room estimates (protocol.md: waitLowMinutes..waitHighMinutes), never a single exact number.
 */
function waitText(entry) {
  const low = entry.waitLowMinutes;
  const high = entry.waitHighMinutes;
  if (high === undefined) return entry.place === 1 ? t('youAreNext') + ' ' + t('noExpert') : t('noExpert');
  if (entry.place === 1) return high < 1 ? t('youAreNext') : t('nextWithin', { high });
  if (high < 1) return t('waitNone');
  if (low < 1) return t('waitUpTo', { high });
  return low === high ? t('estimatedWait', { min: high }) : t('waitRange', { low, high });
}

function renderExpert(v) {
  $('expert').hidden = me.role !== 'EXPERT' || isFinal();
  const q = v.queue;
  const current = q.inProgress.find(r => r.expert === me.participantId && !r.byPeer);
  const paused = q.status === 'PAUSED';
  renderCurrent(current);
  $('expert-paused').hidden = q.status === 'OPEN';
  $('expert-paused').textContent = paused ? t('expertPaused') : q.status === 'CLOSED' ? t('expertClosed') : '';
  $('claim-next').disabled = Boolean(current) || q.waiting.length === 0 || paused;
  const place = $('help-place');
  if (document.activeElement !== place) place.value = members().get(me.participantId)?.helpPlace ?? '';
  const now = Date.now() + state.offset;
  const canTake = !current && !paused;
  $('queue').replaceChildren(...(q.waiting.length ? q.waiting.map(r => el('li', { 'data-request': r.id },
    el('span', { class: 'place', 'data-test': 'place' }, t('placeNr', { place: r.place })), ' ',
    el('strong', {}, namesOf(r)), ' – ', el('span', {}, topicName(r.topicId)),
    r.returnedAt ? el('span', { class: 'badge back', 'data-test': 'returned' }, t('returned')) : null,
    notes(r) ?? ' · ',
    el('small', {}, waitedText(now - Date.parse(r.raisedAt))),
    r.peer ? el('small', { class: 'peer-hint' }, ' · ' + t('peerCould', { name: nameOf(r.peer) })) : null,
    canTake ? el('button', { type: 'button', 'data-test': 'claim', onclick: () => send('ClaimRequest', { request: r.id }) }, t('claim')) : null))
    : [el('li', { class: 'empty' }, t('queueEmpty'))]));

  const held = q.onHold ?? [];
  $('on-hold-box').hidden = held.length === 0;
  $('on-hold').replaceChildren(...held.map(r => el('li', { 'data-request': r.id },
    el('strong', {}, namesOf(r)), ' – ', el('span', {}, topicName(r.topicId)), ' · ',
    el('small', {}, (r.heldUntil ? t('heldUntil', { time: clockTime(r.heldUntil) }) : t('heldUntilReady'))
      + (r.expert && r.expert !== me.participantId ? ' · ' + t('heldBy', { name: nameOf(r.expert) }) : '')),
    canTake ? el('button', { type: 'button', 'data-test': 'take-back', onclick: () => send('ClaimRequest', { request: r.id }) },
      t('takeBack', { name: namesOf(r) })) : null)));

  const peers = q.inProgress.filter(r => r.byPeer);
  $('peer-helps-box').hidden = peers.length === 0;
  $('peer-helps').replaceChildren(...peers.map(r => el('li', { 'data-request': r.id },
    t('peerHelpLine', { peer: nameOf(r.expert), name: namesOf(r), min: minutesSince(r.claimedAt, now) }),
    ' – ', topicName(r.topicId))));

  const topics = members().get(me.participantId)?.topics ?? [];
  $('my-topics-now').textContent = topics.length
    ? new Intl.ListFormat(lang(), { type: 'conjunction' }).format(topics.map(topicName)) : t('allTopics');
  syncChecks('expert-topics', topics, $('topics-box'));
}

const minutesSince = (iso, now) => (iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / 60000)) : 0);

/** The notes of a request's members (staff see them): one line, or one per member of a group. */
function notes(r) {
  if (!r.group?.length) return r.note ? el('p', { class: 'note' }, r.note) : null;
  return el('ul', { class: 'notes', 'data-test': 'group-notes' },
    ...[{ participant: r.participant, note: r.note }, ...r.group].map(m =>
      el('li', {}, el('strong', {}, nameOf(m.participant) + ': '), m.note ? el('span', { class: 'note' }, m.note)
        : el('span', { class: 'empty' }, t('noNote')))));
}

/**
 * The help this expert gives now: whom (a group: everyone, with their notes), the time helped so far
 * against the topic's time-box, "hold" with its minutes, and "finish" with an outcome. Drawn anew
 * only when it changes, so that a choice in its selects survives the room's updates.
 */
function renderCurrent(current) {
  const box = $('expert-current');
  const key = current ? JSON.stringify([current, namesOf(current), lang()]) : '';
  if (box.dataset.key === key) { tickHelpClock(); return; }
  box.dataset.key = key;
  if (!current) { box.replaceChildren(); return; }
  const keep = { outcome: $('outcome')?.value, hold: $('hold-minutes')?.value };
  const select = outcomeSelect('outcome');
  const hold = el('select', { id: 'hold-minutes', 'data-test': 'hold-minutes' },
    ...[0, 5, 10, 15].map(min => el('option', { value: String(min) }, min ? t('holdMinutes', { min }) : t('holdUntilReady'))));
  if (keep.outcome) select.value = keep.outcome;
  if (keep.hold) hold.value = keep.hold;
  box.replaceChildren(el('div', { class: 'helping', 'data-request': current.id },
    el('p', { class: 'who' }, t('helping', { name: namesOf(current) })),
    el('p', {}, topicName(current.topicId)),
    notes(current),
    el('p', { id: 'help-elapsed', class: 'elapsed', 'data-test': 'help-elapsed' }),
    el('div', { class: 'field' }, el('label', { for: 'outcome' }, t('outcome')), select),
    el('button', { type: 'button', class: 'primary', 'data-test': 'finish',
      onclick: () => send('FinishHelp', { request: current.id, outcome: select.value }) }, t('finish')),
    el('div', { class: 'hold' },
      el('div', { class: 'field' }, el('label', { for: 'hold-minutes' }, t('holdLabel')), hold),
      el('button', { type: 'button', 'data-test': 'hold',
        onclick: () => send('HoldHelp', { request: current.id, minutes: Number(hold.value) }) }, t('hold')))));
  tickHelpClock();
}

const boxesSaid = new Set(); // the helps whose time-box was announced reached

/** The time helped so far (before holds, and since the last claim), against the topic's time-box. */
function tickHelpClock() {
  const line = $('help-elapsed');
  const v = state.view;
  const current = v && v.queue.inProgress.find(r => r.expert === me.participantId && !r.byPeer);
  if (!line || !current) return;
  const now = Date.now() + state.offset;
  const seconds = Math.max(0, Math.floor((current.earlierHelpSeconds ?? 0)
    + (current.claimedAt ? (now - Date.parse(current.claimedAt)) / 1000 : 0)));
  const time = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  const box = state.format?.helpTopics.find(x => x.id === current.topicId)?.timeBoxMinutes;
  const over = Boolean(box) && seconds >= box * 60;
  let text = t('helpElapsed', { time });
  if (box) text += ' · ' + (over ? t('timeBoxReached', { min: box }) : t('timeBoxOf', { min: box }));
  if (line.textContent !== text) line.textContent = text;
  line.classList.toggle('over', over);
  if (over && !boxesSaid.has(current.id + '@' + current.claimedAt)) {
    boxesSaid.add(current.id + '@' + current.claimedAt);
    announce(t('timeBoxReached', { min: box }));
  }
}
setInterval(tickHelpClock, 1000);

function waitedText(ms) {
  const min = Math.floor(ms / 60000);
  return min < 1 ? t('waitingJustNow') : t('waitingSince', { min });
}

function renderPeople(v) {
  $('seats').textContent = isFinal() ? '' : t('seats', { n: v.participantsPresent, cap: v.capacity });
  $('everyone').hidden = isFinal(); // the recap says it all
  const staff = v.members.filter(m => m.role !== 'PARTICIPANT' && m.present);
  $('staff').textContent = staff.length
    ? t('staffHere') + ': ' + staff.map(m => m.name + ' (' + t('role' + m.role) + ')').join(', ') : '';
  // Your own goals are in "My goals" already: here only the others'.
  const people = v.members.filter(m => m.role === 'PARTICIPANT' && !(m.id === me.participantId && !$('goals').hidden));
  $('people').replaceChildren(...people.map(m => {
    const goals = v.goals.filter(g => g.owner === m.id);
    return el('li', { 'data-person': m.id },
      el('div', { class: 'person' }, el('strong', {}, m.name + (m.id === me.participantId ? ' (' + t('you') + ')' : '')),
        el('small', { class: m.present ? 'present' : 'away' }, t(m.present ? 'present' : 'away'))),
      el('ul', { class: 'goals' }, ...goals.map(g => goalItem(g, false))));
  }));
}

async function renderRecap(v) {
  $('recap').hidden = !isFinal();
  if (!isFinal()) return;
  if (!state.recap && !state.recapLoading) {
    state.recapLoading = true;
    $('recap-body').replaceChildren(t('loadingRecap'));
    try {
      const r = await fetch('/api/sessions/' + encodeURIComponent(sessionId) + '/recap',
        { headers: { Authorization: 'Bearer ' + me.token } });
      if (r.ok) state.recap = await r.json();
    } finally {
      state.recapLoading = false;
    }
  }
  if (!state.recap) return;
  $('recap-body').replaceChildren(...recapBody(state.recap, { me, format: state.format, nameOf, goalItem }));
}


// ---- chat: a panel, closed on a phone until opened; what came while closed is counted ------------
const chatPanel = { open: !matchMedia('(max-width: 859px)').matches, seen: 0 };

function setChatOpen(open) {
  chatPanel.open = open;
  $('chat-toggle').setAttribute('aria-expanded', String(open));
  $('chat-body').hidden = !open;
  if (open) chatPanel.seen = state.chat.length;
  renderUnread();
}

function renderUnread() {
  const unread = chatPanel.open ? 0 : Math.max(0, state.chat.length - chatPanel.seen);
  $('chat-unread').textContent = unread ? t('chatUnread', { n: unread }) : '';
}

function renderChat() {
  if (chatPanel.open) chatPanel.seen = state.chat.length;
  else if (chatPanel.seen > state.chat.length) chatPanel.seen = 0; // a new chat epoch
  renderUnread();
  $('chat-log').replaceChildren(...state.chat.slice(-100).map(c => {
    if (c.type === 'cheer') {
      const text = c.to ? t('cheered', { from: c.from.name, to: nameOf(c.to) }) : t('cheeredAll', { from: c.from.name });
      return el('li', { class: 'cheer' }, text);
    }
    return el('li', {}, el('strong', {}, c.from.name + ': '), el('span', {}, c.text));
  }));
  const log = $('chat-log');
  log.scrollTop = log.scrollHeight;
}

// ---- inputs --------------------------------------------------------------------------------
document.querySelectorAll('#host [data-cmd]').forEach(b => b.addEventListener('click', () => {
  const cmd = b.dataset.cmd;
  if (cmd === 'EndSession' && !confirm(t('confirmEnd'))) return;
  send(cmd, cmd === 'ExtendPhase' ? { minutes: 5 } : {});
}));

$('goal-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const taskId = $('goal-task').value;
  let text = $('goal-text').value.trim();
  if (!text && taskId) text = loc(state.format.tasks.find(x => x.id === taskId).title);
  if (!text) { $('goal-text').focus(); return; }
  send('DeclareGoal', taskId ? { text, taskId } : { text });
  $('goal-text').value = '';
  $('goal-task').value = '';
});

$('help-form').addEventListener('submit', ev => {
  ev.preventDefault();
  if (!$('help-topic').value) { toast(t('chooseTopicFirst')); $('help-topic').focus(); return; }
  send('RaiseHand', { topicId: $('help-topic').value, note: $('help-note').value.trim() });
  $('help-note').value = '';
});

$('claim-next').addEventListener('click', () => send('ClaimNext'));

$('peer-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const topics = checkedTopics('peer-topics');
  if (!topics.length) { toast(t('chooseTopicFirst')); return; }
  send('OfferPeerHelp', { topics });
  $('peer-offer').open = false;
});
$('topics-form').addEventListener('submit', ev => {
  ev.preventDefault();
  send('SetExpertTopics', { topics: checkedTopics('expert-topics') });
  $('topics-box').open = false;
});
wireQueueAdmin(send);

$('place-form').addEventListener('submit', ev => {
  ev.preventDefault();
  send('SetHelpPlace', { place: $('help-place').value.trim() });
});
// My data (docs/api.md, "Your data"): a copy of everything stored about this person in the session,
// and erasing it once they typed their name again and confirmed.
$('session-data-download').href = '/api/sessions/' + encodeURIComponent(sessionId) + '/me/data?token='
  + encodeURIComponent(me.token);
$('session-erase').addEventListener('submit', async ev => {
  ev.preventDefault();
  const status = $('session-data-status');
  const displayName = $('session-erase-name').value.trim();
  // The code's own text asks for an address (a series'); here the name confirms.
  if (!displayName) { status.textContent = t('sessionEraseNotConfirmed'); return; }
  if (!confirm(t('confirmSessionErase'))) return;
  try {
    const r = await fetch('/api/sessions/' + encodeURIComponent(sessionId) + '/me/erase', { method: 'POST',
      headers: { Authorization: 'Bearer ' + me.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName }) });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      status.textContent = body.error?.code === 'ERASURE_NOT_CONFIRMED' ? t('sessionEraseNotConfirmed')
        : codeText(body.error?.code, body.error?.message);
      return;
    }
  } catch (e) {
    status.textContent = codeText('ROOM_UNAVAILABLE');
    return;
  }
  // This page forgets the token: it names a person who is erased now.
  localStorage.removeItem('peerwork.join.' + sessionId);
  sessionStorage.removeItem('peerwork.join.' + sessionId);
  $('session-erase').hidden = true;
  $('session-data-download').hidden = true;
  status.textContent = t('sessionErasedNotice');
});
$('device-copy').addEventListener('click', async () => {
  try { await navigator.clipboard.writeText($('device-link').href); toast(t('copied')); } catch (e) { prompt(t('copyLink'), $('device-link').href); }
});
const soundLabel = wireSoundButton();

$('noshow-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const minutes = Number($('noshow').value);
  if (Number.isInteger(minutes)) send('SetNoShowMinutes', { minutes });
});

$('chat-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const text = $('chat-text').value.trim();
  if (!text) return;
  send('Chat', { text });
  $('chat-text').value = '';
});
$('cheer').addEventListener('click', () => send('Cheer'));
$('chat-toggle').addEventListener('click', () => setChatOpen(!chatPanel.open));
setChatOpen(chatPanel.open);

// The header's links: to the part's heading (below the header), the chat opened if it was closed.
document.querySelectorAll('#jump a').forEach(a => a.addEventListener('click', ev => {
  ev.preventDefault();
  if (a.dataset.for === 'chat' && !chatPanel.open) setChatOpen(true);
  const heading = document.querySelector(a.getAttribute('href'));
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}));

languageButton($('lang'), () => { fillSelects(); render(); renderChat(); soundLabel(); setConn($('conn').dataset.state || 'connecting'); });
applyStatic();
document.documentElement.lang = lang();
connect();
