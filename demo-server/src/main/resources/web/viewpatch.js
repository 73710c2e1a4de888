// The room's view and its patch form (see docs/protocol.md, "patch"): the same transformation as the
// server's ViewPatches. A `patch` frame's ops apply to the patch form; `view` frames carry the view.
import { applyPatch } from './vendor/fast-json-patch/core.mjs';

const KEYED = ['members', 'goals'];
const BY_PLACE = ['place', 'waitLowMinutes', 'waitHighMinutes']; // belong to a position in the queue, not to a request

function keyed(parent, field) {
  const list = parent[field];
  if (!Array.isArray(list)) return null;
  const k = { ids: [], byId: {} };
  for (const e of list) {
    k.ids.push(e.id);
    k.byId[e.id] = e;
  }
  parent[field] = k;
  return k;
}

function listed(parent, field) {
  const k = parent[field];
  if (!k || typeof k !== 'object' || Array.isArray(k)) return [];
  const list = k.ids.map(id => {
    if (!Object.prototype.hasOwnProperty.call(k.byId, id)) throw new Error(field + ' lists ' + id + ' but has no entry');
    return structuredClone(k.byId[id]);
  });
  parent[field] = list;
  return list;
}

/** The patch form of a view (a new object; the view is not changed). */
export function toPatchForm(view) {
  const f = structuredClone(view);
  KEYED.forEach(field => keyed(f, field));
  const q = f.queue;
  if (q && typeof q === 'object') {
    keyed(q, 'inProgress');
    const waiting = q.waiting;
    const w = keyed(q, 'waiting');
    if (w) {
      for (const field of BY_PLACE) w[field] = waiting.map(e => (field in e ? e[field] : null));
      for (const e of Object.values(w.byId)) BY_PLACE.forEach(field => delete e[field]);
    }
  }
  return f;
}

/** The view a patch form stands for. */
export function fromPatchForm(form) {
  const v = structuredClone(form);
  KEYED.forEach(field => listed(v, field));
  const q = v.queue;
  if (q && typeof q === 'object') {
    listed(q, 'inProgress');
    const w = q.waiting;
    const waiting = listed(q, 'waiting');
    if (w) {
      for (const field of BY_PLACE) {
        waiting.forEach((e, i) => { const value = w[field]?.[i]; if (value !== null && value !== undefined) e[field] = value; });
      }
    }
  }
  return v;
}

/** Applies a patch's ops to a patch form in place; throws if an op does not fit it. */
export function applyOps(form, ops) {
  applyPatch(form, ops, true, true);
}
