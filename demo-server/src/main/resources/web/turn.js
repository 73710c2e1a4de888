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

/**
 * After each view: is this participant being helped, or next? Shows the banners, sets the title, and
 * on a change (not on the first view of a page: a reload does not ring again) plays the tone,
 * vibrates and notifies.
 *
 * @param v the room's view
 * @param me {participantId, role}
 */
export function updateTurn(v, me) {
  const final = ['ENDED', 'CANCELLED'].includes(v.status);
  const helping = !final && me.role === 'PARTICIPANT' && v.queue.inProgress.find(r => r.participant === me.participantId);
  const next = !final && !helping && me.role === 'PARTICIPANT' && v.queue.expertsPresent > 0
    && v.queue.waiting.find(r => r.participant === me.participantId && r.place === 1);
  const alertBox = $('turn-alert');
  const nextBox = $('turn-next');
  let now = '';
  if (helping) {
    const expert = (v.members || []).find(m => m.id === helping.expert);
    const name = expert?.name ?? '?';
    const place = expert?.helpPlace;
    now = 'helping:' + helping.id + ':' + (place || '');
    alertBox.replaceChildren(el('p', {}, t('turnNow', { name })), whereLine(place));
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
}
