// The host's overview of the room (room.html #overview): how the room is going (goals done of
// declared, helps given, requests open), who waits and for how long, who is being helped by whom.
// Everything comes from the room's view; notes stay out (the host does not need them here).
import { t, el } from './i18n.js';

const minutesSince = (iso, now) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60000));

/**
 * Draws the overview into the #overview section.
 *
 * @param v the room's view
 * @param ctx { show, now, nameOf, namesOf, topicName }: whether to show it (the host, session not
 *     over), the server's time in ms, and the page's helpers for names (of a person, of everyone a
 *     request is for) and topics
 */
export function renderOverview(v, ctx) {
  const section = document.getElementById('overview');
  section.hidden = !ctx.show;
  if (!ctx.show || !v) return;
  const p = v.progress ?? {};
  document.getElementById('overview-progress').replaceChildren(...[
    el('li', { 'data-test': 'host-goals' }, t('overviewGoals', { done: p.goalsDone ?? 0, declared: p.goalsDeclared ?? 0 })),
    el('li', { 'data-test': 'host-helps' }, t('overviewHelps', { n: p.helpsGiven ?? 0 })),
    el('li', { 'data-test': 'host-requests' }, t('overviewOpen', { n: p.requestsOpen ?? 0 })),
    p.peerHelps ? el('li', { 'data-test': 'host-peer-helps' }, t('overviewPeerHelps', { n: p.peerHelps })) : null,
    p.holds ? el('li', { 'data-test': 'host-holds' }, t('overviewHolds', { n: p.holds })) : null,
    answers(v)].filter(Boolean));

  const waiting = v.queue.waiting;
  document.getElementById('overview-waiting-h').textContent = t('overviewWaiting', { n: waiting.length });
  document.getElementById('overview-waiting').replaceChildren(...(waiting.length ? waiting.map(r => {
    const min = minutesSince(r.raisedAt, ctx.now);
    return el('li', { 'data-request': r.id },
      el('span', { class: 'place' }, t('placeNr', { place: r.place })), ' ',
      el('strong', {}, ctx.namesOf(r)), ' – ', ctx.topicName(r.topicId), ' · ',
      el('span', { 'data-test': 'waited' }, min < 1 ? t('waitingJustNow') : t('waitingSince', { min })));
  }) : [el('li', { class: 'empty' }, t('queueEmpty'))]));

  const helping = v.queue.inProgress;
  document.getElementById('overview-helping-h').textContent = t('overviewHelping', { n: helping.length });
  document.getElementById('overview-helping').replaceChildren(...(helping.length ? helping.map(r =>
    el('li', { 'data-request': r.id },
      t(r.byPeer ? 'overviewPeerLine' : 'overviewHelpLine', { expert: ctx.nameOf(r.expert), name: ctx.namesOf(r),
        min: (r.earlierHelpSeconds ? Math.floor(r.earlierHelpSeconds / 60) : 0)
          + (r.claimedAt ? minutesSince(r.claimedAt, ctx.now) : 0) }),
      ' – ', ctx.topicName(r.topicId)))
    : [el('li', { class: 'empty' }, t('overviewNobodyHelped'))]));

  const held = v.queue.onHold ?? [];
  document.getElementById('overview-hold-box').hidden = held.length === 0;
  document.getElementById('overview-hold-h').textContent = t('overviewOnHold', { n: held.length });
  document.getElementById('overview-hold').replaceChildren(...held.map(r => el('li', { 'data-request': r.id },
    t('overviewHoldLine', { expert: ctx.nameOf(r.expert), name: ctx.namesOf(r) }), ' – ', ctx.topicName(r.topicId))));
}

/** The participants' answers after their helps (staff see them): "solved 3 · partly 1 · not yet 0". */
function answers(v) {
  const counts = { SOLVED: 0, PARTLY: 0, NOT_YET: 0 };
  let any = false;
  for (const r of v.queue.finished ?? []) {
    for (const answer of Object.values(r.ratings ?? {})) {
      if (answer in counts) { counts[answer]++; any = true; }
    }
  }
  return any ? el('li', { 'data-test': 'host-answers' },
    t('overviewAnswers', { solved: counts.SOLVED, partly: counts.PARTLY, notYet: counts.NOT_YET })) : null;
}
