// The staff's part of the help queue (room.html #queue-admin), for experts and hosts: open, pause
// ("back in 10 minutes") or close the queue with a reason everyone reads, and pin a short note at the
// top of the room for everyone or only for those waiting (replace it, take it down).
import { t } from './i18n.js';

const $ = id => document.getElementById(id);

/**
 * Draws the section from the room's view. What a person is typing or choosing is left alone: the
 * form takes the view's state again only when it has not been changed since it was last saved.
 *
 * @param v the room's view
 * @param ctx { show, nameOf, clockTime }: whether to show it (expert or host, session not over), and
 *     the page's helpers for names and times
 */
export function renderQueueAdmin(v, ctx) {
  const section = $('queue-admin');
  section.hidden = !ctx.show;
  if (!ctx.show || !v) return;
  const q = v.queue;
  const by = q.statusBy ? t('queueStateBy', { name: ctx.nameOf(q.statusBy), time: ctx.clockTime(q.statusSince) }) : '';
  $('queue-now').textContent = t('queueNow' + q.status) + (q.reason ? ': ' + q.reason : '') + (by ? ' (' + by + ')' : '');
  $('queue-now').dataset.status = q.status;
  const form = $('queue-form');
  if (form.dataset.dirty !== 'yes') {
    form.querySelectorAll('input[name=queue-status]').forEach(r => { r.checked = r.value === q.status; });
    $('queue-reason').value = q.reason ?? '';
  }
  $('pin-remove').hidden = !v.announcement;
}

/** Wires the section's forms to {@code send(type, fields)}. */
export function wireQueueAdmin(send) {
  const form = $('queue-form');
  form.addEventListener('input', () => { form.dataset.dirty = 'yes'; });
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const status = form.querySelector('input[name=queue-status]:checked')?.value ?? 'OPEN';
    send('SetQueueState', { status, reason: $('queue-reason').value.trim() });
    form.dataset.dirty = 'no';
  });
  $('pin-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const text = $('pin-text').value.trim();
    if (!text) { $('pin-text').focus(); return; }
    send('PostAnnouncement', { text, audience: $('pin-audience').value });
    $('pin-text').value = '';
  });
  $('pin-remove').addEventListener('click', () => send('RemoveAnnouncement'));
}
