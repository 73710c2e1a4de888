import { t, codeText, applyStatic, languageButton, lang, loc } from './i18n.js';

const params = new URLSearchParams(location.search);
const session = params.get('session');
const form = document.getElementById('join');
const error = document.getElementById('error');
let info = null;
let format = null;

// This browser joined this session before: the same token is the same person (goals, queue place,
// seat); offer to go back as them, and joining with the form below is for someone else.
const saved = session && JSON.parse(localStorage.getItem('peerwork.join.' + session) || 'null');

function render() {
  applyStatic();
  if (saved && saved.token) {
    document.getElementById('rejoin').hidden = false;
    document.getElementById('rejoin-text').textContent = t('rejoinAs', { name: saved.displayName || '?' });
    const a = document.getElementById('rejoin-link');
    a.href = 'room.html?session=' + encodeURIComponent(session);
    a.textContent = t('continueAs', { name: saved.displayName || '?' });
  }
  if (info) {
    document.getElementById('info').hidden = false;
    document.getElementById('info-title').textContent = info.title;
    document.getElementById('info-start').textContent = new Date(info.plannedStart).toLocaleString(lang(), {
      dateStyle: 'medium', timeStyle: 'short', timeZone: info.zone });
    document.getElementById('info-about').textContent = format ? loc(format.description) : '';
  }
}

languageButton(document.getElementById('lang'), render);
if (params.get('code')) document.getElementById('code').value = params.get('code');
const savedName = localStorage.getItem('peerwork.name');
if (savedName) document.getElementById('name').value = savedName;
if (!session) {
  document.getElementById('no-session').hidden = false;
  form.hidden = true;
} else {
  fetch('/api/sessions/' + encodeURIComponent(session)).then(r => r.json()).then(body => {
    if (body.error) { error.textContent = codeText(body.error.code, body.error.message); return; }
    info = body;
    render();
    return fetch('/api/formats/' + encodeURIComponent(body.formatId)).then(r => r.json()).then(f => {
      if (!f.error) { format = f; render(); }
    });
  }).catch(() => { error.textContent = codeText('NETWORK'); });
}
render();

form.addEventListener('submit', async ev => {
  ev.preventDefault();
  error.textContent = '';
  const name = document.getElementById('name').value.trim();
  const code = document.getElementById('code').value.trim();
  if (!name) { error.textContent = codeText('INVALID_NAME'); document.getElementById('name').focus(); return; }
  const button = document.getElementById('submit');
  button.disabled = true;
  button.textContent = t('joining');
  try {
    const r = await fetch('/api/sessions/' + encodeURIComponent(session) + '/join', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ displayName: name, code }),
    });
    const body = await r.json();
    if (!r.ok) { error.textContent = codeText(body.error?.code, body.error?.message); return; }
    localStorage.setItem('peerwork.name', name);
    sessionStorage.setItem('peerwork.join.' + session, JSON.stringify(body));
    localStorage.setItem('peerwork.join.' + session, JSON.stringify(body));
    location.href = 'room.html?session=' + encodeURIComponent(session);
  } catch (e) {
    error.textContent = codeText('NETWORK');
  } finally {
    button.disabled = false;
    button.textContent = t('join');
  }
});
