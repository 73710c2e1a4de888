// The recap once a session is over: what each participant got done, the helps of the session and,
// for the staff, the expert's summary (each help's length against its time-box, holds and answers).
import { t, el, loc, shown } from './i18n.js';

/** Seconds of an ISO-8601 duration such as PT7M30S. */
export function parseDuration(iso) {
  const m = /PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?/.exec(iso || '');
  return m ? (+(m[1] || 0)) * 3600 + (+(m[2] || 0)) * 60 + (+(m[3] || 0)) : 0;
}

const minutes = iso => Math.round(parseDuration(iso) / 60);

/**
 * The recap's body. ctx: { me, format, nameOf(id), goalItem(goal, own) }. Staff (hosts, experts)
 * also get the summary of every help; the server leaves each help's answers out for participants.
 */
export function recapBody(recap, ctx) {
  const rows = recap.participants.map(p => {
    const count = s => p.goals.filter(g => g.status === s).length;
    const mine = p.id === ctx.me.participantId;
    const extra = p.peerHelpsGiven ? ' · ' + t('recapPeerGiven', { n: p.peerHelpsGiven }) : '';
    return el('li', { 'data-person': p.id, class: mine ? 'mine' : null, 'aria-current': mine ? 'true' : null },
      el('strong', {}, shown(p.displayName) + (mine ? ' (' + t('you') + ')' : '')),
      el('p', {}, count('DONE') + ' ' + t('recapDone') + ' · ' + count('PARTLY_DONE') + ' ' + t('recapPartly')
        + ' · ' + count('CARRIED_OVER') + ' ' + t('recapCarried')),
      el('small', {}, t('recapFocus', { min: Math.floor(parseDuration(p.timeInFocus) / 60) })
        + ' · ' + t('recapHelps', { n: p.helpsReceived }) + extra),
      el('ul', { class: 'goals' }, ...p.goals.map(g => ctx.goalItem(g, false))));
  });
  const helps = recap.helps || [];
  const groups = helps.filter(h => h.helped.length > 1).length;
  const peers = helps.filter(h => h.byPeer).length;
  const fb = recap.feedback || { solved: 0, partly: 0, notYet: 0 };
  const session = el('section', { class: 'recap-helps', 'aria-labelledby': 'recap-helps-title' },
    el('h3', { id: 'recap-helps-title' }, t('recapHelpsTitle')),
    el('p', { 'data-recap': 'helps' }, t('recapHelpCounts', { n: helps.length, holds: recap.holds || 0, groups, peers })),
    el('p', { 'data-recap': 'answers' }, t('recapAnswers', { solved: fb.solved, partly: fb.partly, notYet: fb.notYet })));
  const parts = [el('ul', { class: 'recap' }, ...rows), session];
  if (ctx.me.role !== 'PARTICIPANT' && helps.length) parts.push(summary(helps, ctx));
  return parts;
}

/** The expert's summary: one line per help, its length against the topic's time-box. */
function summary(helps, ctx) {
  const topic = id => ctx.format?.helpTopics.find(x => x.id === id);
  const answer = a => t('rate' + a.answer);
  const items = helps.map(h => {
    const box = topic(h.topicId)?.timeBoxMinutes;
    const len = minutes(h.length);
    const over = box && len > box;
    const who = h.helped.map(ctx.nameOf).join(', ');
    const bits = [t('recapLength', { min: len }) + (box ? ' / ' + t('recapBox', { min: box }) : '')];
    if (h.holds) bits.push(t('recapHeld', { n: h.holds }));
    if (h.byPeer) bits.push(t('recapByPeer', { name: ctx.nameOf(h.helper) }));
    if (h.answers?.length) bits.push(h.answers.map(a => ctx.nameOf(a.participant) + ': ' + answer(a)).join(', '));
    return el('li', { 'data-help': h.request, class: over ? 'over-box' : null },
      el('strong', {}, loc(topic(h.topicId)?.name) || h.topicId), ' – ', who,
      el('small', {}, ' · ' + bits.join(' · ')));
  });
  return el('details', { class: 'recap-summary', open: '' },
    el('summary', {}, t('recapSummary')), el('ul', {}, ...items));
}
