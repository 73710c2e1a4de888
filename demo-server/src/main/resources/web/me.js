// Who this page is. A person is their token: the page keeps the one of its session (per browser
// tab, and for the next visit) and comes back with it, as the same person with their goals and
// queue place, after a drop, a reload or "reconnect now". A link for another device carries the
// token in the fragment (#t=..., which a browser never sends to a server); who it names comes with
// the room's welcome frame (room.js fills it in and calls keepMe).
const params = new URLSearchParams(location.search);
export const sessionId = params.get('session');
const joinKey = 'peerwork.join.' + sessionId;

const handed = new URLSearchParams(location.hash.slice(1)).get('t');
if (sessionId && handed) {
  const before = JSON.parse(localStorage.getItem(joinKey) || sessionStorage.getItem(joinKey) || 'null');
  if (!before || before.token !== handed) {
    sessionStorage.setItem(joinKey, JSON.stringify({ token: handed, sessionId }));
    localStorage.setItem(joinKey, JSON.stringify({ token: handed, sessionId }));
  }
  history.replaceState(null, '', location.pathname + location.search); // the token leaves the address bar
}
const stored = sessionStorage.getItem(joinKey) || localStorage.getItem(joinKey);
if (!sessionId || !stored) {
  location.replace('index.html' + (sessionId ? '?session=' + encodeURIComponent(sessionId) : ''));
  throw new Error('not joined');
}
sessionStorage.setItem(joinKey, stored);

/** {token, participantId, role, displayName}: the join's answer, or the welcome frame's. */
export const me = JSON.parse(stored);
window.peerworkMe = me; // tests read who this page is

/** Stores who this page is again, after the welcome frame named them. */
export function keepMe() {
  sessionStorage.setItem(joinKey, JSON.stringify(me));
  localStorage.setItem(joinKey, JSON.stringify(me));
}

/** The link that opens this room as this person on another device. */
export function renderDevice(hidden) {
  const url = location.origin + location.pathname + '?session=' + encodeURIComponent(sessionId)
    + '#t=' + encodeURIComponent(me.token);
  document.getElementById('device').hidden = hidden;
  const a = document.getElementById('device-link');
  a.href = url;
  a.textContent = url;
}
