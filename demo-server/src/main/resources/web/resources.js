// Resources per task (protocol.md, "resources"): links and short checklists for the tasks of the
// format's catalogue. A participant sees a task's resources under their goals when they declare the
// task, and under their raised hand when its topic is one of the task's help topics. In a session of
// a series the expert (or host) edits them per task; they belong to the series, so next month's room
// has them too. Elsewhere the format's own suggestions (format.tasks[].resources) show.
//
// room.js hands over each `resources` frame (onResources) and calls renderResources on every update.
// The editor is built once and then only its list is redrawn, so nothing typed is lost on an update.
// Every text a person wrote is set as text, and links open only if they are http(s).
import { t, loc, el, codeText } from './i18n.js';

const $ = id => document.getElementById(id);

const res = {
  frame: null, // the latest `resources` frame: only sessions of a series have one
  task: '', // the task the editor shows
  draft: null, // the editor's unsaved list for `task` ({title, link, checklist} as the frame has them), or null
  built: false,
  ctx: null,
};

/** A `resources` frame arrived: the series' resources per task (whole each time). */
export function onResources(frame) {
  res.frame = frame;
  res.draft = null; // saved (or someone else changed them): show what the series has now
}

/** The resources of task `id`: the series' if this is a series session, else what the format ships. */
function resourcesOf(id, format) {
  if (res.frame) return res.frame.tasks?.[id] ?? [];
  return format?.tasks.find(x => x.id === id)?.resources ?? [];
}

const safeLink = url => /^https?:\/\//i.test(url ?? '') ? url : null;

/** One resource as the page shows it: its title (a link if it has one), then its checklist. */
function resourceItem(r) {
  const href = safeLink(r.link);
  const title = href
    ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-test': 'resource-link' }, loc(r.title))
    : el('strong', {}, loc(r.title));
  return el('li', { 'data-test': 'resource' }, title,
    r.checklist?.length ? el('ul', { 'data-test': 'resource-checklist' }, ...r.checklist.map(i => el('li', {}, loc(i))))
      : null);
}

/** "Help with <task>" and its resources, for each task in `taskIds` that has any. */
function blocks(taskIds, format, heading) {
  const out = [];
  for (const id of new Set(taskIds)) {
    const list = resourcesOf(id, format);
    const task = format?.tasks.find(x => x.id === id);
    if (!task || list.length === 0) continue;
    out.push(el('div', { 'data-task': id },
      el('p', { class: 'about' }, t(heading, { task: loc(task.title) })),
      el('ul', { class: 'goals' }, ...list.map(resourceItem))));
  }
  return out;
}

/**
 * Draws the resources for the room `v`. ctx: {me, format, send, final}: who this page is, the
 * format, room.js's send(type, fields) and whether the session is over.
 */
export function renderResources(v, ctx) {
  res.ctx = ctx;
  const { me, format } = ctx;
  const participant = me.role === 'PARTICIPANT' && !ctx.final;

  // Under my goals: the resources of the tasks I declared.
  const goalBox = $('goal-resources');
  if (goalBox) {
    const mine = participant ? v.goals.filter(g => g.owner === me.participantId && g.taskId).map(g => g.taskId) : [];
    const shown = blocks(mine, format, 'resForTask');
    goalBox.hidden = shown.length === 0;
    goalBox.replaceChildren(...shown);
  }

  // Under my raised hand: the resources of the tasks whose help topics include its topic.
  const handBox = $('help-resources');
  if (handBox) {
    const queue = v.queue ?? {};
    // My open request: asked by me, or joined ("me too"); waiting, being helped or on hold.
    const mine = r => r.participant === me.participantId || (r.group ?? []).some(c => c.participant === me.participantId);
    const mineReq = participant
      ? [...(queue.waiting ?? []), ...(queue.inProgress ?? []), ...(queue.onHold ?? [])].find(mine) : null;
    const tasks = mineReq ? (format?.tasks ?? []).filter(x => x.helpTopics.includes(mineReq.topicId)).map(x => x.id) : [];
    const shown = blocks(tasks, format, 'resForHand');
    handBox.hidden = shown.length === 0;
    handBox.replaceChildren(...shown);
  }

  renderEditor(ctx);
}

// ---- the expert's and host's editor ------------------------------------------------------------

function renderEditor(ctx) {
  const box = $('resources-editor');
  if (!box) return;
  // Only in a session of a series (it has a `resources` frame): that is where resources are kept.
  box.hidden = ctx.me.role === 'PARTICIPANT' || ctx.final || !res.frame || !ctx.format;
  if (box.hidden) return;
  if (!res.built) build(box);
  const select = $('res-task');
  const chosen = select.value || res.task;
  select.replaceChildren(...ctx.format.tasks.map(x => el('option', { value: x.id }, loc(x.title))));
  select.value = chosen && ctx.format.tasks.some(x => x.id === chosen) ? chosen : ctx.format.tasks[0]?.id ?? '';
  if (select.value !== res.task) { res.task = select.value; res.draft = null; loadTips(); }
  drawList();
}

// ---- the series' tips for the task, which the expert (or host) takes over as resources --------

/** The series of this room's session (`<series>-<yyyyMMdd>`), or null for a session of no series. */
function seriesOfRoom() {
  const sid = new URLSearchParams(location.search).get('session') ?? '';
  const m = /^(.+)-\d{8}$/.exec(sid);
  return m ? m[1] : null;
}

/** Shows the wall's tips for the chosen task that are not resources yet (docs/api.md, "Wall"). */
async function loadTips() {
  const box = $('res-tips');
  const series = seriesOfRoom();
  if (!box || !series) return;
  const task = res.task;
  let wall = null;
  try {
    const r = await fetch('/api/series/' + encodeURIComponent(series) + '/wall',
      { headers: { Authorization: 'Bearer ' + res.ctx.me.token } });
    wall = r.ok ? await r.json() : null;
  } catch { /* offline: the list stays as it was */ return; }
  if (task !== res.task) return; // another task was chosen meanwhile
  const tips = (wall?.posts ?? []).filter(p => p.kind === 'TIP' && p.taskId === task && !p.promoted);
  box.replaceChildren(...(tips.length ? [el('p', { class: 'about' }, t('resTipsAbout')),
    el('ul', { class: 'goals', 'data-test': 'res-tips' }, ...tips.map(p => tipItem(series, p)))] : []));
}

function tipItem(series, p) {
  const status = el('span', { class: 'about', role: 'status' });
  const take = el('button', { type: 'button', 'data-test': 'res-promote' }, t('wallPromote'));
  take.addEventListener('click', async () => {
    take.disabled = true;
    try {
      const r = await fetch('/api/series/' + encodeURIComponent(series) + '/wall/' + encodeURIComponent(p.id)
        + '/promote', { method: 'POST', headers: { Authorization: 'Bearer ' + res.ctx.me.token,
        'Content-Type': 'application/json' }, body: JSON.stringify({ title: t('resTipTitle', { name: p.author }) }) });
      if (!r.ok) {
        const e = await r.json().catch(() => ({}));
        status.textContent = codeText(e.error?.code, e.error?.message ?? '');
        take.disabled = false;
        return;
      }
    } catch {
      take.disabled = false;
      return;
    }
    loadTips(); // the room's `resources` frame brings the new resource into the list above
  });
  return el('li', { 'data-test': 'res-tip' }, el('span', {}, p.text), ' – ', el('em', {}, p.author), ' ', take, ' ',
    status);
}

/** The list the editor shows: the unsaved draft, or what the series has now. */
const shownList = () => res.draft ?? resourcesOf(res.task, res.ctx.format);

function drawList() {
  const list = shownList();
  const curated = (res.frame?.curated ?? []).includes(res.task);
  $('res-origin').textContent = list.length && !curated && res.draft === null ? t('resFromFormat') : '';
  $('res-list').replaceChildren(...(list.length ? list.map((r, i) => {
    const li = resourceItem(r);
    li.append(' ', el('button', { type: 'button', class: 'danger', 'data-test': 'res-remove', onclick: () => {
      res.draft = shownList().filter((x, j) => j !== i);
      drawList();
    } }, t('resRemove')));
    return li;
  }) : [el('li', { class: 'empty' }, t('resNone'))]));
  $('res-save').disabled = res.draft === null;
  $('res-unsaved').textContent = res.draft === null ? '' : t('resUnsaved');
}

function field(id, key, input) {
  return el('div', { class: 'field' }, el('label', { for: id, 'data-i18n': key }, t(key)), input);
}

function build(box) {
  res.built = true;
  const title = el('input', { id: 'res-title', maxlength: '120', autocomplete: 'off', 'data-test': 'res-title' });
  const link = el('input', { id: 'res-link', type: 'url', maxlength: '300', autocomplete: 'off',
    placeholder: 'https://', 'data-test': 'res-link' });
  const items = el('textarea', { id: 'res-checklist', rows: '3', 'data-test': 'res-checklist' });
  const select = el('select', { id: 'res-task', 'data-test': 'res-task' });
  select.addEventListener('change', () => { res.task = select.value; res.draft = null; drawList(); loadTips(); });
  const form = el('form', { id: 'res-form', 'data-test': 'res-form' },
    field('res-title', 'resTitle', title), field('res-link', 'resLink', link),
    field('res-checklist', 'resChecklist', items),
    el('button', { type: 'submit', 'data-i18n': 'resAdd', 'data-test': 'res-add' }, t('resAdd')));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const text = title.value.trim();
    const url = link.value.trim();
    const checklist = items.value.split('\n').map(s => s.trim()).filter(Boolean);
    if (!text) { title.focus(); return; }
    if (!url && checklist.length === 0) { link.focus(); return; }
    const same = x => ({ de: x, en: x }); // written once: the same for a reader of either language
    const r = { title: same(text), checklist: checklist.map(same) };
    if (url) r.link = url;
    res.draft = [...shownList(), r];
    title.value = '';
    link.value = '';
    items.value = '';
    drawList();
  });
  const save = el('button', { type: 'button', id: 'res-save', class: 'primary', 'data-i18n': 'resSave',
    'data-test': 'res-save' }, t('resSave'));
  save.addEventListener('click', () => {
    if (res.draft === null) return;
    // Every text as the frame has it ({de, en}): a format's suggestions keep both languages. The
    // draft stays until the room's next `resources` frame replaces it (or a refusal says why not).
    const resources = res.draft.map(r => ({ title: r.title, link: r.link ?? null, checklist: r.checklist ?? [] }));
    res.ctx.send('SetTaskResources', { taskId: res.task, resources });
  });
  box.append(
    el('p', { class: 'about', 'data-i18n': 'resEditorAbout' }, t('resEditorAbout')),
    field('res-task', 'resTask', select),
    el('p', { id: 'res-origin', class: 'about', 'data-test': 'res-origin' }),
    el('ul', { id: 'res-list', class: 'goals', 'data-test': 'res-list' }),
    form,
    el('div', { class: 'buttons' }, save, el('span', { id: 'res-unsaved', class: 'about', role: 'status' })),
    el('div', { id: 'res-tips', 'data-test': 'res-tips-box' }));
}
