#!/usr/bin/env node
// Gate 3 (links) and the static half of gate 4 (structure) for a built site.
//
//   node links.mjs --dir DIR --base-url URL [--mount PATH]
//
// DIR is the build output, URL the site's base_url, PATH the address the
// folder is served at (default: the path of URL). Every internal href, src,
// srcset, ... in every HTML page, and every link in feed.xml and sitemap.xml,
// must resolve to a built file, and a #fragment to an id on that page. Ids must
// be unique per page. Each page must also have the structure the theme
// promises: lang, a title that names the page, one h1, a skip link first that
// targets <main id="main">, landmarks, tables with captions and header cells,
// images with alt, charts with a text equivalent, status tags with text.
//
// Exits 1 with one line per problem (file:line: what) when anything fails.

import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, walk, tags, textBetween, decodeEntities } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.dir || !args['base-url']) {
  console.error('usage: node links.mjs --dir DIR --base-url URL [--mount PATH]');
  process.exit(2);
}
const dir = args.dir;
const base = new URL(args['base-url']);
if (!base.pathname.endsWith('/')) base.pathname += '/';
const mount = args.mount || base.pathname;
if (!mount.startsWith('/') || !mount.endsWith('/')) {
  console.error(`--mount must start and end with "/": ${mount}`);
  process.exit(2);
}
const label = `links (${base.href} served at ${mount})`;

const problems = [];
const problem = (file, line, message) => problems.push(`${file}:${line}: ${message}`);
const warnings = [];
const warning = (file, line, message) => warnings.push(`${file}:${line}: ${message}`);

const files = walk(dir);
const htmlFiles = files.filter((f) => f.endsWith('.html'));
const fileSet = new Set(files);

/** The address a built file is served at (404.html: any missing address). */
function addressOf(file) {
  if (file === '404.html') return `${mount}no/such/page/here`;
  if (file === 'index.html') return mount;
  if (file.endsWith('/index.html')) return mount + file.slice(0, -'index.html'.length);
  return mount + file;
}

// Parse every page once: its tags, ids and source.
const pages = new Map();
for (const file of htmlFiles) {
  const source = readFileSync(join(dir, file), 'utf8');
  const list = tags(source);
  const ids = new Map();
  for (const tag of list) {
    if (tag.type !== 'start') continue;
    const id = tag.attrs.id;
    if (id !== undefined) {
      if (id === '') problem(file, tag.line, `empty id on <${tag.name}>`);
      else if (/\s/.test(id)) problem(file, tag.line, `id "${id}" on <${tag.name}> contains white space`);
      if (ids.has(id)) problem(file, tag.line, `duplicate id "${id}" on <${tag.name}> (first on line ${ids.get(id)})`);
      else ids.set(id, tag.line);
    }
    if (tag.name === 'a' && tag.attrs.name && !ids.has(tag.attrs.name)) ids.set(tag.attrs.name, tag.line);
  }
  pages.set(file, { source, tags: list, ids });
}

// ---- Links -------------------------------------------------------------------

const LINK_ATTRS = {
  href: ['a', 'area', 'link', 'base'],
  src: ['img', 'script', 'iframe', 'source', 'audio', 'video', 'track', 'embed', 'input'],
  srcset: ['img', 'source'],
  poster: ['video'],
  action: ['form'],
  formaction: ['button', 'input'],
  data: ['object'],
  cite: ['blockquote', 'q', 'del', 'ins'],
  'xlink:href': ['use', 'image', 'a'],
};

let checked = 0;
let external = 0;

/** Checks one link found in `file` (served at `from`) at `line`. */
function checkLink(file, line, from, raw, what) {
  const value = raw.trim();
  if (value === '') return problem(file, line, `empty ${what}`);
  if (value === '#') return problem(file, line, `${what} "#" goes nowhere`);
  let url;
  try {
    url = new URL(value, new URL(from, base.origin));
  } catch {
    return problem(file, line, `${what} "${value}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    if (url.protocol === 'javascript:') problem(file, line, `${what} "${value}" uses javascript:`);
    external++;
    return;
  }
  if (url.origin !== base.origin) {
    external++;
    return;
  }
  checked++;
  if (file === '404.html' && !/^(\/|[a-z]+:|#)/i.test(value)) {
    problem(file, line, `${what} "${value}" is relative, but 404.html is served at any missing address: use a root-relative or absolute URL`);
  }
  const path = decodeURIComponent(url.pathname);
  if (!path.startsWith(mount)) {
    return problem(file, line, `${what} "${value}" points to ${path}, outside the site (served at ${mount})`);
  }
  let target = path.slice(mount.length);
  if (target === '' || target.endsWith('/')) target += 'index.html';
  // A fragment-only link stays on the page itself, wherever it is served.
  if (value.startsWith('#')) target = file;
  if (!fileSet.has(target)) {
    const folder = join(dir, target);
    if (existsSync(folder) && statSync(folder).isDirectory()) {
      return problem(file, line, `${what} "${value}" names the folder ${target}/ without its trailing slash`);
    }
    return problem(file, line, `broken ${what} "${value}": no file ${target} in the build`);
  }
  const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
  if (url.hash === '#' || (value.endsWith('#') && !fragment)) {
    return problem(file, line, `${what} "${value}" has an empty fragment`);
  }
  if (fragment) {
    const page = pages.get(target);
    if (!page) return problem(file, line, `${what} "${value}" has a fragment, but ${target} is not an HTML page`);
    if (!page.ids.has(fragment)) {
      return problem(file, line, `broken ${what} "${value}": ${target} has no element with id "${fragment}"`);
    }
  }
}

for (const [file, page] of pages) {
  const from = addressOf(file);
  for (const tag of page.tags) {
    if (tag.type !== 'start') continue;
    for (const [attr, elements] of Object.entries(LINK_ATTRS)) {
      if (!elements.includes(tag.name) || tag.attrs[attr] === undefined) continue;
      const value = tag.attrs[attr];
      if (attr === 'srcset') {
        for (const candidate of value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) checkLink(file, tag.line, from, url, `<${tag.name} srcset>`);
        }
      } else {
        checkLink(file, tag.line, from, value, `<${tag.name} ${attr}>`);
      }
    }
    if (tag.attrs.style && /url\(/i.test(tag.attrs.style)) {
      for (const m of tag.attrs.style.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) {
        checkLink(file, tag.line, from, m[1], `style url()`);
      }
    }
  }
}

// CSS: url() references in the built stylesheets.
for (const file of files.filter((f) => f.endsWith('.css'))) {
  const css = readFileSync(join(dir, file), 'utf8');
  let line = 1;
  for (const text of css.split('\n')) {
    for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)) {
      if (!m[1].startsWith('data:')) checkLink(file, line, mount + file, m[1], 'url()');
    }
    line++;
  }
}

// feed.xml and sitemap.xml: every address must be a page of this site.
for (const file of ['feed.xml', 'sitemap.xml']) {
  if (!fileSet.has(file)) {
    problem(file, 0, `missing: the build has no ${file}`);
    continue;
  }
  const source = readFileSync(join(dir, file), 'utf8');
  const list = tags(source);
  const from = mount + file;
  for (let i = 0; i < list.length; i++) {
    const tag = list[i];
    if (tag.type !== 'start') continue;
    if (tag.name === 'link' && tag.attrs.href !== undefined) checkLink(file, tag.line, from, tag.attrs.href, '<link href>');
    if (tag.name === 'loc' || (tag.name === 'id' && file === 'feed.xml') || (tag.name === 'icon' || tag.name === 'logo')) {
      const close = list.slice(i + 1).find((t) => t.type === 'end' && t.name === tag.name);
      if (!close) continue;
      const value = decodeEntities(source.slice(tag.end, close.index).trim());
      checkLink(file, tag.line, from, value, `<${tag.name}>`);
    }
    if (tag.name === 'content' || tag.name === 'summary') {
      // Atom text constructs of type html carry escaped HTML: check its links too.
      if ((tag.attrs.type || 'text') !== 'html') continue;
      const close = list.slice(i + 1).find((t) => t.type === 'end' && t.name === tag.name);
      if (!close) continue;
      const html = decodeEntities(source.slice(tag.end, close.index).replace(/^<!\[CDATA\[|\]\]>$/g, ''));
      for (const inner of tags(html)) {
        if (inner.type !== 'start') continue;
        if (inner.attrs.href !== undefined) checkLink(file, tag.line, from, inner.attrs.href, `<${tag.name}> <${inner.name} href>`);
        if (inner.attrs.src !== undefined) checkLink(file, tag.line, from, inner.attrs.src, `<${tag.name}> <${inner.name} src>`);
      }
    }
  }
}

// ---- Structure ---------------------------------------------------------------

const FOCUSABLE = new Set(['a', 'button', 'input', 'select', 'textarea', 'summary', 'iframe']);

/** Index of the end tag closing the start tag at `i` (same name, nesting counted). */
function closing(list, i) {
  const name = list[i].name;
  let depth = 0;
  for (let j = i; j < list.length; j++) {
    const t = list[j];
    if (t.name !== name) continue;
    if (t.type === 'start' && !t.selfClosing) depth++;
    if (t.type === 'end' && --depth === 0) return j;
  }
  return -1;
}

const titles = new Map();
let siteTitle = null;

for (const [file, { source, tags: list, ids }] of pages) {
  const starts = list.filter((t) => t.type === 'start');
  const html = starts.find((t) => t.name === 'html');
  if (!html || !html.attrs.lang || !/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(html.attrs.lang)) {
    problem(file, html ? html.line : 1, `<html> needs a lang attribute (found "${html?.attrs.lang ?? ''}")`);
  }

  const titleIndex = list.findIndex((t) => t.type === 'start' && t.name === 'title');
  const title = titleIndex >= 0 ? textBetween(source, list[titleIndex].end, list[closing(list, titleIndex)].index) : '';
  if (!title) problem(file, 1, 'the page has no <title>');
  else {
    if (titles.has(title)) problem(file, list[titleIndex].line, `the title "${title}" is also the title of ${titles.get(title)}: a title must say which page this is`);
    else titles.set(title, file);
  }

  const h1s = list.map((t, i) => [t, i]).filter(([t]) => t.type === 'start' && t.name === 'h1');
  if (h1s.length !== 1) {
    problem(file, h1s[1]?.[0].line ?? 1, `a page needs exactly one <h1>, this one has ${h1s.length}${h1s.length ? ` (lines ${h1s.map(([t]) => t.line).join(', ')})` : ''}`);
  }
  if (h1s.length >= 1 && title) {
    const [h1, i] = h1s[0];
    const heading = textBetween(source, h1.end, list[closing(list, i)].index);
    if (!heading) problem(file, h1.line, 'the <h1> is empty');
    // The title starts with what the page is, then " – " and the site's title.
    const parts = title.split(' – ');
    const site = parts[parts.length - 1];
    if (file === 'index.html') siteTitle = site;
    if (parts.length < 2 || !parts[0].trim()) problem(file, 1, `the title "${title}" should read "<this page> – <site title>"`);
    else if (file !== 'index.html' && file !== '404.html' && !title.includes(heading) && !heading.includes(parts[0])) {
      problem(file, 1, `the title "${title}" does not name the page's heading "${heading}"`);
    }
  }

  // Skip link: the first focusable thing in <body>, pointing at <main id="main">.
  const bodyIndex = list.findIndex((t) => t.type === 'start' && t.name === 'body');
  const firstFocusable = list.slice(bodyIndex + 1).find((t) => t.type === 'start'
    && ((FOCUSABLE.has(t.name) && (t.name !== 'a' || t.attrs.href !== undefined)) || (t.attrs.tabindex !== undefined && Number(t.attrs.tabindex) >= 0)));
  if (!firstFocusable || firstFocusable.name !== 'a' || firstFocusable.attrs.href !== '#main') {
    problem(file, firstFocusable?.line ?? 1, `the first focusable element must be the skip link <a href="#main">, found <${firstFocusable?.name ?? 'nothing'}${firstFocusable?.attrs.href !== undefined ? ` href="${firstFocusable.attrs.href}"` : ''}>`);
  }
  const mains = starts.filter((t) => t.name === 'main');
  if (mains.length !== 1) problem(file, mains[1]?.line ?? 1, `a page needs exactly one <main>, this one has ${mains.length}`);
  else if (mains[0].attrs.id !== 'main') problem(file, mains[0].line, '<main> must have id="main", the skip link\'s target');
  // The status panel is made to sit in another site's iframe: no header, footer or navigation of its own.
  const embedded = /(^|\/)embed\/index\.html$/.test(file);
  for (const [landmark, why] of embedded ? [] : [['header', 'banner'], ['footer', 'contentinfo'], ['nav', 'navigation']]) {
    if (!starts.some((t) => t.name === landmark)) problem(file, 1, `no <${landmark}> (${why} landmark)`);
  }
  for (const nav of starts.filter((t) => t.name === 'nav')) {
    if (!nav.attrs['aria-label'] && !nav.attrs['aria-labelledby']) problem(file, nav.line, '<nav> needs aria-label or aria-labelledby: a page has more than one');
  }

  for (let i = 0; i < list.length; i++) {
    const tag = list[i];
    if (tag.type !== 'start') continue;
    if (tag.name === 'table') {
      const end = closing(list, i);
      const inner = list.slice(i + 1, end);
      const firstChild = inner.find((t) => t.type === 'start');
      if (!firstChild || firstChild.name !== 'caption') {
        problem(file, tag.line, `<table> needs a <caption> as its first child${tag.attrs.class ? ` (class "${tag.attrs.class}")` : ''}`);
      } else {
        const c = list.indexOf(firstChild);
        if (!textBetween(source, firstChild.end, list[closing(list, c)].index)) problem(file, firstChild.line, 'the table\'s <caption> is empty');
      }
      if (!inner.some((t) => t.type === 'start' && t.name === 'th')) problem(file, tag.line, '<table> has no header cells (<th>)');
      for (const th of inner.filter((t) => t.type === 'start' && t.name === 'th')) {
        const k = list.indexOf(th);
        if (!textBetween(source, th.end, list[closing(list, k)].index)) {
          warning(file, th.line, 'empty header cell <th></th> (a Markdown table whose header row is blank)');
          break;
        }
      }
    }
    if (tag.name === 'img') {
      if (tag.attrs.alt === undefined) problem(file, tag.line, `<img src="${tag.attrs.src ?? ''}"> has no alt attribute`);
    }
    if (tag.name === 'svg') {
      const hidden = tag.attrs['aria-hidden'] === 'true';
      const named = tag.attrs.role === 'img' && (tag.attrs['aria-label'] || tag.attrs['aria-labelledby']);
      if (!hidden && !named) problem(file, tag.line, '<svg> must be role="img" with aria-label or aria-labelledby, or aria-hidden="true" beside a text equivalent');
      for (const ref of (tag.attrs['aria-labelledby'] || '').split(/\s+/).filter(Boolean)) {
        if (!ids.has(ref)) problem(file, tag.line, `<svg aria-labelledby> names "${ref}", which is not on the page`);
      }
      // An indicator's chart must name a table on the page that gives its figures as text.
      if (/(^|\s)chart(\s|$)/.test(tag.attrs.class || '')) {
        const refs = (tag.attrs['aria-describedby'] || '').split(/\s+/).filter(Boolean);
        const table = refs.some((ref) => list.some((t) => t.type === 'start' && t.name === 'table' && t.attrs.id === ref));
        if (!table) problem(file, tag.line, '<svg class="chart"> must name, with aria-describedby, a <table> on the page that gives the same figures as text');
        const end = closing(list, i);
        const inner = end < 0 ? [] : list.slice(i + 1, end);
        if (!inner.some((t) => t.type === 'start' && t.name === 'title') || !inner.some((t) => t.type === 'start' && t.name === 'desc')) {
          problem(file, tag.line, '<svg class="chart"> needs a <title> and a <desc>');
        }
      }
      if (hidden && !/rag__bar|trend__bar/.test(tag.attrs.class || '')) {
        problem(file, tag.line, `<svg aria-hidden="true" class="${tag.attrs.class ?? ''}"> is not one of the theme's charts with a text equivalent beside it`);
      }
    }
    for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls']) {
      if (tag.name === 'svg' && attr === 'aria-labelledby') continue;
      for (const ref of (tag.attrs[attr] || '').split(/\s+/).filter(Boolean)) {
        if (!ids.has(ref)) problem(file, tag.line, `<${tag.name} ${attr}> names "${ref}", which is not on the page`);
      }
    }
    if (/(^|\s)tag(\s|$)/.test(tag.attrs.class || '')) {
      const end = closing(list, i);
      if (end < 0 || !textBetween(source, tag.end, list[end].index)) problem(file, tag.line, `status tag <${tag.name} class="${tag.attrs.class}"> has no text: status must never be shown by colour alone`);
    }
  }
}

const pagesWithTitle = [...titles.keys()].length;
for (const w of warnings) console.log(`${label}: warning: ${w}`);
if (problems.length) {
  for (const p of problems) console.error(`${label}: ${p}`);
  console.error(`${label}: FAILED with ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${htmlFiles.length} pages`);
  process.exit(1);
}
console.log(`${label}: ok: ${htmlFiles.length} pages (${pagesWithTitle} distinct titles), ${checked} internal links and fragments resolve, ${external} external links not followed; structure ok`);
