// Bar charts as SVG, drawn by the page from the server's figures (no library): a person's months on
// the series page, the series' dates on the host page. Each chart is an image with a title and a
// description, a legend, and the same figures as a table (its text alternative); text is set as
// text, never as HTML. Also the CSV download with the page's token (a link cannot carry it).
import { t, el, lang } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const BAR = 12;
const GAP = 18;
const HEIGHT = 170;
const TOP = 12;
const LEFT = 28;
const BOTTOM = 34;

function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** "Jan 30" / "Jän. 30" for a "2030-01" month. */
export function monthLabel(ym, long = false) {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(lang(),
    long ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', year: '2-digit', timeZone: 'UTC' });
}

/** "5. Feb." / "Feb 5" for a "2030-02-05" date. */
export function dateLabel(iso, long = false) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang(),
    long ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/**
 * A grouped bar chart with its legend and table, in a figure.
 *
 * @param o { id, title, desc, groups: [{ label, longLabel, values: {key: n}, cells: [text...] }],
 *     series: [{ key, label }], columns: [header...] (the table's, after the group's) }
 */
export function barChart(o) {
  const max = Math.max(1, ...o.groups.flatMap(g => o.series.map(s => g.values[s.key] ?? 0)));
  const groupWidth = o.series.length * BAR + GAP;
  const width = Math.max(280, LEFT + o.groups.length * groupWidth + 8);
  const plot = HEIGHT - TOP - BOTTOM;
  const y = v => TOP + plot - (v / max) * plot;
  const titleId = o.id + '-title';
  const descId = o.id + '-desc';
  const chart = svg('svg', { viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-labelledby': titleId + ' ' + descId,
    class: 'chart-svg', style: `min-width:${width}px`, 'data-test': o.id + '-svg' },
    svg('title', { id: titleId }, o.title), svg('desc', { id: descId }, o.desc),
    svg('line', { x1: LEFT, x2: width - 4, y1: y(0), y2: y(0), class: 'axis' }),
    svg('line', { x1: LEFT, x2: width - 4, y1: y(max), y2: y(max), class: 'grid' }),
    svg('text', { x: LEFT - 4, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, String(max)),
    svg('text', { x: LEFT - 4, y: y(0) + 4, 'text-anchor': 'end', class: 'tick' }, '0'));
  o.groups.forEach((g, i) => {
    const x0 = LEFT + GAP / 2 + i * groupWidth;
    const group = svg('g', { 'data-test': 'chart-group', 'data-group': g.key });
    o.series.forEach((s, j) => {
      const v = g.values[s.key] ?? 0;
      group.append(svg('rect', { x: x0 + j * BAR, y: y(v), width: BAR - 2, height: y(0) - y(v),
        class: 'chart-bar c-' + s.key, 'data-test': 'bar', 'data-series': s.key, 'data-value': v },
        svg('title', {}, g.longLabel + ' – ' + s.label + ': ' + v)));
    });
    group.append(svg('text', { x: x0 + (o.series.length * BAR) / 2, y: HEIGHT - BOTTOM + 16, 'text-anchor': 'middle',
      class: 'tick' }, g.label));
    if (g.note) {
      group.append(svg('text', { x: x0 + (o.series.length * BAR) / 2, y: HEIGHT - BOTTOM + 29, 'text-anchor': 'middle',
        class: 'tick note' }, g.note));
    }
    chart.append(group);
  });
  const legend = el('ul', { class: 'legend', 'aria-hidden': 'true' },
    ...o.series.map(s => el('li', {}, el('span', { class: 'swatch c-' + s.key }), s.label)));
  const table = el('table', { class: 'table chart-table', 'data-test': o.id + '-table' },
    el('caption', { class: 'sr-only' }, o.title),
    el('thead', {}, el('tr', {}, ...o.columns.map(c => el('th', { scope: 'col' }, c)))),
    el('tbody', {}, ...o.groups.map(g => el('tr', {},
      el('th', { scope: 'row' }, g.longLabel), ...g.cells.map(c => el('td', {}, String(c)))))));
  return el('figure', { class: 'chart', 'data-test': o.id },
    el('div', { class: 'chart-scroll' }, chart), legend,
    el('details', { class: 'chart-details' }, el('summary', {}, t('chartTable')), el('div', { class: 'table-scroll' }, table)));
}

/** Downloads a CSV the server makes, sending the page's token; the file keeps the server's name. */
export async function downloadCsv(url, token, fallbackName) {
  const r = await fetch(url, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  if (!r.ok) return false;
  const name = /filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await r.blob());
  const a = el('a', { href, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
  return true;
}
