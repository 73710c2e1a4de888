// "Your turn, unmistakably": when an expert claims your help request (or you are next in the queue
// while an expert is here),
// a banner at the top of the room, the tab's title, a short tone (off until allowed with one tap),
// a vibration on phones, and a system notification while the tab is in the background. Says who
// helps you and where (the place the expert set: a table, or a call link).
import { t, el } from './i18n.js';

const $ = id => document.getElementById(id);
const SOUND_KEY = 'peerwork.turnSound';

let audio = null; // an AudioContext, made on the tap that allows sound (browsers want a gesture)
let last = null;  // what was signalled last: 'helping:<request>' or 'next:<request>' or ''

const soundOn = () => localStorage.getItem(SOUND_KEY) === 'on';

/** A short tone, made with the Web Audio API: no audio file. Two rising notes for "your turn", one soft for "next". */
function tone(strong) {
  if (!soundOn()) return;
  try {
    audio = audio || new AudioContext();
    if (audio.state === 'suspended') audio.resume();
    const notes = strong ? [660, 880] : [523];
    notes.forEach((hz, i) => {
      const o = audio.createOscillator();
      const g = audio.createGain();
      const start = audio.currentTime + i * 0.18;
      o.frequency.value = hz;
      g.gain.setValueAtTime(0.0001, start);
      g.gain.exponentialRampToValueAtTime(strong ? 0.3 : 0.12, start + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
      o.connect(g).connect(audio.destination);
      o.start(start);
      o.stop(start + 0.17);
    });
  } catch (e) { /* no audio here: the banner and title still say it */ }
}

function notify(title, body) {
  if (!document.hidden || !soundOn() || !('Notification' in window) || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag: 'peerwork-turn', renotify: true });
    n.onclick = () => { window.focus(); n.close(); };
  } catch (e) { /* some phones allow notifications only from a service worker */ }
}

/** The sound button of the help card: off by default; one tap allows sound and asks for notifications. */
export function wireSoundButton() {
  const b = $('turn-sound');
  const label = () => {
    b.setAttribute('aria-pressed', String(soundOn()));
    b.textContent = soundOn() ? t('turnSoundOn') : t('turnSoundOff');
  };
  b.addEventListener('click', () => {
    if (soundOn()) {
      localStorage.setItem(SOUND_KEY, 'off');
    } else {
      localStorage.setItem(SOUND_KEY, 'on');
      audio = audio || new AudioContext(); // made on the tap, so it may play later
      audio.resume();
      tone(false); // so one hears what it sounds like
      if ('Notification' in window && Notification.permission === 'default') Notification.requestPermission();
    }
    label();
  });
  // A page loaded with sound allowed earlier: the first tap anywhere lets its tones play.
  document.addEventListener('pointerdown', () => { if (soundOn() && !audio) { audio = new AudioContext(); audio.resume(); } },
    { once: true });
  label();
  return label;
}

/** A help place as text, or as a link if it is one (the room checked it: an http(s) address). */
export function placeNode(place) {
  return /^https?:\/\//i.test(place)
    ? el('a', { href: place, target: '_blank', rel: 'noopener noreferrer', 'data-test': 'help-place-link' }, place)
    : el('strong', { 'data-test': 'help-place-text' }, place);
}

/** Lines saying where the help happens, or none if the expert did not say. */
export function whereLine(place) {
  if (!place) return null;
  return el('p', { class: 'where', 'data-test': 'turn-where' },
    (/^https?:\/\//i.test(place) ? t('turnCall') : t('turnWhere')) + ' ', placeNode(place));
}

/** What the page shows in the tab's title, before the session's own title. */
let prefix = '';
export function titleFor(title) {
  return prefix + title + ' – Peerwork';
}

/** Whether {@code who} asked or joined request {@code r} ("me too"). */
export function includes(r, who) {
  return r.participant === who || (r.group ?? []).some(g => g.participant === who);
}

/**
 * Fills {@code box} anew only when what it shows ({@code key}) changed, so that a room update does
 * not replace a button under a finger, nor say a live region's news again. An empty key hides it;
 * a box hidden while it had the keyboard focus hands the focus to the help card's heading.
 */
function show(box, key, build) {
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  if (!key) {
    const hadFocus = box.contains(document.activeElement);
    box.hidden = true;
    box.replaceChildren();
    if (hadFocus) document.getElementById('help-h')?.focus({ preventScroll: true });
    return;
  }
  box.replaceChildren(...build().filter(Boolean));
  box.hidden = false;
}

/** The pinned note, for everyone or (audience WAITING) for staff and those with an open request. */
function updatePinned(v, me, ctx) {
  const a = v.announcement;
  const staff = me.role !== 'PARTICIPANT';
  const mine = r => includes(r, me.participantId);
  const waiting = v.queue.waiting.some(mine) || v.queue.inProgress.some(mine) || (v.queue.onHold ?? []).some(mine);
  const shown = a && !['ENDED', 'CANCELLED'].includes(v.status) && (a.audience === 'EVERYONE' || staff || waiting);
  show($('pinned'), shown ? [a.at, a.text, a.audience, ctx.nameOf(a.by), staff, ctx.lang].join('|') : '', () => [
    el('p', { class: 'pinned-text' }, a.text),
    el('small', {}, '– ' + ctx.nameOf(a.by) + (staff && a.audience === 'WAITING' ? ' · ' + t('audienceWAITING') : ''))]);
}

/**
 * After each view: is this participant being helped, or next? Shows the banners, sets the title, and
 * on a change (not on the first view of a page: a reload does not ring again) plays the tone,
 * vibrates and notifies. Also the banners of the help queue's news: the pinned note, a help on hold
 * (with "ready"), a peer who can help now (accept, or keep waiting), and, for a peer, whom they help.
 *
 * @param v the room's view
 * @param me {participantId, role}
 * @param ctx {send, nameOf, topicName, lang}: the page's sender and helpers; without it only the turn
 *     banners are drawn
 */
export function updateTurn(v, me, ctx) {
  const final = ['ENDED', 'CANCELLED'].includes(v.status);
  const participant = !final && me.role === 'PARTICIPANT';
  const mine = r => includes(r, me.participantId);
  const helping = participant && v.queue.inProgress.find(mine);
  const next = participant && !helping && v.queue.expertsPresent > 0 && v.queue.status !== 'PAUSED'
    && v.queue.waiting.find(r => mine(r) && r.place === 1 && !(r.peer && r.participant === me.participantId));
  const alertBox = $('turn-alert');
  const nextBox = $('turn-next');
  let now = '';
  if (helping) {
    const expert = (v.members || []).find(m => m.id === helping.expert);
    const name = expert?.name ?? '?';
    const place = expert?.helpPlace;
    now = 'helping:' + helping.id + ':' + (place || '');
    alertBox.replaceChildren(...[el('p', {}, t(helping.byPeer ? 'turnNowPeer' : 'turnNow', { name })), whereLine(place)]
      .filter(Boolean));
    alertBox.hidden = false;
    nextBox.hidden = true;
    prefix = '● ' + t('turnTitle') + ' – ';
    if (last !== null && !String(last).startsWith('helping:' + helping.id + ':')) {
      tone(true);
      if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
      notify(t('turnTitle'), t('turnNow', { name }) + (place ? ' ' + t('turnWhere') + ' ' + place : ''));
    }
  } else if (next) {
    now = 'next:' + next.id;
    nextBox.replaceChildren(el('p', {}, t('turnNext')));
    nextBox.hidden = false;
    alertBox.hidden = true;
    prefix = '○ ' + t('turnNextTitle') + ' – ';
    if (last !== null && last !== now) {
      tone(false);
      if (navigator.vibrate) navigator.vibrate(120);
      notify(t('turnNextTitle'), t('turnNext'));
    }
  } else {
    alertBox.hidden = true;
    nextBox.hidden = true;
    prefix = '';
  }
  last = now;
  if (ctx) updateQueueBanners(v, me, ctx, participant);
}

let lastPeer = null; // the peer help signalled last: 'suggest:<request>:<peer>' or 'turn:<request>'

function updateQueueBanners(v, me, ctx, participant) {
  updatePinned(v, me, ctx);
  const mine = r => includes(r, me.participantId);
  const held = participant && (v.queue.onHold ?? []).find(mine);
  const until = held?.heldUntil
    ? new Date(held.heldUntil).toLocaleTimeString(ctx.lang, { hour: '2-digit', minute: '2-digit' }) : '';
  show($('hold-banner'), held ? [held.id, until, ctx.lang].join('|') : '', () => [
    el('p', {}, t('holdBanner')),
    until ? el('p', { class: 'small' }, t('holdUntil', { time: until })) : null,
    el('button', { type: 'button', class: 'primary', 'data-test': 'ready', onclick: () => ctx.send('ReadyAgain') },
      t('ready'))]);

  // A peer for the asker's waiting request, while no expert is free.
  const asked = participant && v.queue.waiting.find(r => r.participant === me.participantId && r.peer);
  const peerName = asked ? ctx.nameOf(asked.peer) : '';
  const suggestion = asked ? 'suggest:' + asked.id + ':' + asked.peer : '';
  show($('peer-banner'), asked ? [suggestion, peerName, ctx.lang].join('|') : '', () => [
    el('p', {}, t('peerSuggest', { name: peerName, topic: ctx.topicName(asked.topicId) })),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'primary', 'data-test': 'peer-accept',
        onclick: () => ctx.send('AcceptPeerHelp', { peer: asked.peer }) }, t('peerAccept', { name: peerName })),
      el('button', { type: 'button', 'data-test': 'peer-decline', onclick: () => ctx.send('DeclinePeerHelp') },
        t('peerDecline')))]);

  // A peer: someone accepted their offer, they help now.
  const giving = participant && v.queue.inProgress.find(r => r.byPeer && r.expert === me.participantId);
  const turn = giving ? 'turn:' + giving.id : '';
  show($('peer-turn'), giving ? [turn, ctx.lang].join('|') : '', () => [
    el('p', {}, t('peerTurn', { name: ctx.namesOf(giving), topic: ctx.topicName(giving.topicId) }))]);

  const signal = turn || suggestion;
  if (lastPeer !== null && signal && signal !== lastPeer) {
    tone(Boolean(turn));
    if (navigator.vibrate) navigator.vibrate(turn ? [200, 100, 200] : 120);
    notify(t('turnTitle'), turn ? t('peerTurn', { name: ctx.namesOf(giving), topic: ctx.topicName(giving.topicId) })
      : t('peerSuggest', { name: peerName, topic: ctx.topicName(asked.topicId) }));
  }
  lastPeer = signal;
}
