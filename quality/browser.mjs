#!/usr/bin/env node
// Gate 2 (accessibility in a real browser) and the rendered half of gate 4
// (keyboard and structure), in Debian's headless Chromium driven by
// playwright-core, with axe-core injected.
//
//   node browser.mjs --site /=DIR [--site /improvement/=DIR2 ...] [--all | --kinds K1,K2] [--no-sweep]
//
// Each built folder is served by a small static server on 127.0.0.1 at the
// given path. On the first site, one page of every kind (the largest built
// page of that kind, so the most content) is checked at 1280 px and 375 px:
//   - axe-core with the WCAG 2.0/2.1/2.2 A and AA rules: zero violations;
//   - HTML_CodeSniffer (build/HTMLCS.js of the html_codesniffer package) with
//     its WCAG2AA standard: zero errors (its warnings and notices ask for a
//     person's judgement and are not counted);
//   - at 375 px nothing scrolls sideways (scrollWidth <= clientWidth), and any
//     box that scrolls on its own is a focusable, labelled region;
//   - at 375 px every table of actions (table.actions, .exceptions,
//     .owner-actions, or any table with a th.col-action) is still laid out as a
//     table: a table whose rows or cells become blocks loses its rows and
//     columns for screen readers;
//   - Tab first reaches a visible skip link, Enter moves focus to <main>, and
//     every element Tab reaches next is visibly focused (its style changes);
//   - exactly one h1, lang set, a non-empty title.
// Every other page of the first site is loaded at 375 px for the no-sideways-
// scroll and table checks, and every page kind of the other sites is loaded to
// prove that the stylesheet and everything else it asks for arrive (a sub-path
// mount) and that HTML_CodeSniffer finds no error there either.
// --all runs axe on every page instead of one of each kind; --kinds checks only
// those kinds (dashboard, plan, ...) and nothing else (for the self-test); the
// kind "scripts" is the filters and the search, which run otherwise:
//   - filters on the largest plan page: a status narrows the rows, the count is
//     announced, the address keeps the choice (reload restores it, Back undoes
//     it), Tab walks the controls, printing shows every row, axe and
//     HTML_CodeSniffer pass;
//   - search: a word of an action's progress finds it, results are grouped
//     and marked, the query fetches at most 300 KB, axe and HTML_CodeSniffer
//     pass on the results, and the dashboard loads neither the search script
//     nor its index;
//   - with scripts off: every row shown, no empty form, axe and
//     HTML_CodeSniffer pass (plan, dashboard, owner, cycle and search pages).
// Unless --kinds is given, the first screen of the plan with the most actions,
// at 1280x800 and 375x812: its summary's overdue and red counts are on screen
// without scrolling, and equal the rows its tables flag.
//
// The first screens (the viewport, unscrolled, at 1280x800 and 375x812):
//   - the dashboard says "overdue" and names, by its title, a plan that has
//     overdue actions (the plans' open data, plans/<id>.json, say which).
// A screenshot of the first screen of each page kind at each width is saved
// in --screenshots DIR (or $QUALITY_SCREENSHOTS; default screenshots/ here),
// so a change can be reviewed by looking; the gate prints where.
//
// Exits 1 listing each violation (page, width, rule, the elements and why).

import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs, walk, serve } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [1280, 375];
const TABS = 12;
const WORKERS = Number(process.env.QUALITY_WORKERS || 2); // focusable elements checked for visible focus after the skip link

const args = parseArgs(process.argv.slice(2), ['site']);
if (!args.site.length) {
  console.error('usage: node browser.mjs --site /=DIR [--site /sub/=DIR ...] [--all]');
  process.exit(2);
}
const sites = args.site.map((spec) => {
  const at = spec.indexOf('=');
  const mount = spec.slice(0, at);
  const dir = spec.slice(at + 1);
  if (at < 0 || !mount.startsWith('/') || !mount.endsWith('/')) throw new Error(`--site wants /path/=DIR, got ${spec}`);
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`no built site in ${dir}`);
  return { mount, dir };
});

const SCREENSHOTS = resolve(typeof args.screenshots === 'string' ? args.screenshots
  : process.env.QUALITY_SCREENSHOTS || join(import.meta.dirname, 'screenshots'));
/** The first screen of a page as it stands, saved as <kind>-<width>.png. */
async function screenshot(page, kind, width) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const name = `${kind.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${width}.png`;
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}

const require = createRequire(import.meta.url);
let playwright;
let axePath;
let htmlcsPath;
try {
  playwright = require('playwright-core');
  axePath = join(require.resolve('axe-core'), '..', 'axe.min.js');
  // The built file holds the sniffer, every standard and its messages, so it
  // loads nothing more into the page.
  htmlcsPath = join(require.resolve('html_codesniffer'), '..', 'build', 'HTMLCS.js');
  if (!existsSync(htmlcsPath)) throw new Error(`no ${htmlcsPath}`);
} catch (error) {
  console.error(`browser: playwright-core, axe-core and html_codesniffer are not installed (${error.message}): run \`npm ci\` in quality/`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`browser: Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium)`);
  process.exit(1);
}

/** Address of a built page under a mount. */
const addressOf = (mount, file) => mount + file.replace(/(^|\/)index\.html$/, '$1');

/** One page of each kind: the largest built file that matches. */
function representatives(dir) {
  const files = walk(dir).filter((f) => f.endsWith('.html'));
  const kinds = [
    ['dashboard', /^index\.html$/],
    ['plans list', /^plans\/index\.html$/],
    ['plan', /^plans\/[^/]+\/index\.html$/],
    ['plan at a cycle', /^plans\/[^/]+\/(?!embed\/|embed-code\/|history\/)[^/]+\/index\.html$/],
    ['earlier updates of a plan', /^plans\/[^/]+\/history\/index\.html$/],
    ['embed code for web teams', /^plans\/[^/]+\/embed-code\/index\.html$/],
    ['inspection', /^inspections\/[^/]+\/index\.html$/],
    ['briefing', /^briefings\/[^/]+\/index\.html$/],
    ['owner', /^owners\/[^/]+\/index\.html$/],
    ['cycle', /^cycles\/[^/]+\/index\.html$/],
    ['committee report', /^cycles\/[^/]+\/report\/index\.html$/],
    ['embed', /^plans\/[^/]+\/embed\/index\.html$/],
    ['list', /^(inspections|briefings|owners|cycles)\/index\.html$/],
    ['page', /^(?!plans|inspections|briefings|owners|cycles|indicators|search|organisations)[^/]+\/index\.html$/],
    ['indicator scorecard', /^indicators\/index\.html$/],
    ['indicator with a chart', /^indicators\/[^/]+\/index\.html$/, 'class="chart"'],
    ['plan with indicators', /^plans\/[^/]+\/index\.html$/, 'id="plan-scorecard"'],
    ['search', /^search\/index\.html$/],
    // Parts only some plans have: a fourth level of steps, the paper's own
    // summary; an owner whose role or organisation the directory gives.
    ['plan with steps', /^plans\/[^/]+\/index\.html$/, 'class="steps"'],
    ['plan with the paper\'s summary', /^plans\/[^/]+\/index\.html$/, 'id="paper-summary"'],
    ['owner with a role or organisation', /^owners\/[^/]+\/index\.html$/, '<dt>Organisation</dt>'],
    // Accountability: deadlines, a plan's change log, a meeting's undertakings and challenge log.
    ['plan with deadlines and a change log', /^plans\/[^/]+\/index\.html$/, 'id="plan-changes"'],
    ['inspection with deadlines', /^inspections\/[^/]+\/index\.html$/, 'id="clocks"'],
    ['cycle with undertakings due', /^cycles\/[^/]+\/index\.html$/, 'id="undertakings"'],
    ['cycle with a challenge log', /^cycles\/[^/]+\/index\.html$/, 'id="challenge-log"'],
  ];
  const picked = [];
  for (const [kind, pattern, needle] of kinds) {
    const matching = files.filter(
      (f) => pattern.test(f) && (!needle || readFileSync(join(dir, f), 'utf8').includes(needle)),
    );
    if (!matching.length) {
      picked.push({ kind, missing: true });
      continue;
    }
    matching.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size || a.localeCompare(b));
    picked.push({ kind, file: matching[0] });
  }
  picked.push({ kind: '404', file: null, path: 'no/such/page/' });
  return { picked, files };
}

const problems = [];
const report = (where, message) => problems.push(`${where}: ${message}`);

const started = Date.now();
const servers = await serve(Object.fromEntries(sites.map((s) => [s.mount, s.dir])));
const browser = await playwright.chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Opens a page at a width, recording any request that fails or answers with an error. */
async function open(width, url, expectStatus = 200) {
  const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 812 }, javaScriptEnabled: true });
  const page = await context.newPage();
  const failures = [];
  page.on('requestfailed', (r) => failures.push(`${r.url()} failed (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.url() !== url && r.status() >= 400) failures.push(`${r.url()} answered ${r.status()}`);
  });
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== expectStatus) failures.push(`${url} answered ${response?.status()}, expected ${expectStatus}`);
  const styled = await page.evaluate(() => [...document.styleSheets].some((s) => { try { return s.cssRules.length > 0; } catch { return false; } }));
  if (!styled) failures.push('no stylesheet was applied');
  return { context, page, failures };
}

/** Checks that nothing scrolls sideways and that boxes that scroll are labelled, focusable regions. */
async function checkReflow(page, where, report) {
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const out = { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: [], regions: [] };
    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      if (el.classList.length) s += `.${[...el.classList].join('.')}`;
      const parent = el.parentElement?.closest('[id]');
      return parent && parent !== el ? `${s} in #${parent.id}` : s;
    };
    if (root.scrollWidth > root.clientWidth) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= root.clientWidth + 0.5) continue;
        // Only report the outermost offenders.
        const parent = el.parentElement.getBoundingClientRect();
        if (parent.right > root.clientWidth + 0.5 && el.parentElement !== document.body) continue;
        out.wide.push(`${describe(el)} reaches ${Math.round(r.right)}px`);
        if (out.wide.length >= 5) break;
      }
    }
    // Tables of actions keep their table layout: a row or cell displayed as a
    // block is no longer a row or cell to a screen reader.
    out.cards = [];
    const laidOut = { TABLE: ['table'], THEAD: ['table-header-group'], TBODY: ['table-row-group'], TR: ['table-row'], TH: ['table-cell'], TD: ['table-cell'] };
    for (const table of document.querySelectorAll('table.actions, table.exceptions, table.owner-actions, table:has(th.col-action)')) {
      const parts = [table, ...table.querySelectorAll(':scope > thead, :scope > tbody, :scope > * > tr, :scope > * > tr > th, :scope > * > tr > td')];
      const off = parts.find((el) => { const d = getComputedStyle(el).display; return d !== 'none' && !laidOut[el.tagName].includes(d); });
      if (off) out.cards.push(`${describe(table)} loses its table semantics: its <${off.tagName.toLowerCase()}> is display: ${getComputedStyle(off).display}, not ${laidOut[off.tagName][0]} (keep the table and let it scroll sideways in a labelled, focusable region)`);
    }
    for (const el of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(el);
      if (!/(auto|scroll)/.test(style.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
      const name = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      const focusable = el.tabIndex >= 0;
      const region = el.getAttribute('role') === 'region' || el.tagName === 'SECTION';
      if (!name || !focusable || !region) {
        out.regions.push(`${describe(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px) but is not a focusable, labelled region (needs role="region", aria-label and tabindex="0")`);
      }
    }
    return out;
  });
  if (result.scrollWidth > result.clientWidth) {
    report(where, `the page scrolls sideways: scrollWidth ${result.scrollWidth}px > clientWidth ${result.clientWidth}px; too wide: ${result.wide.join('; ') || 'unknown'}`);
  }
  for (const r of result.regions) report(where, r);
  for (const c of result.cards) report(where, c);
}

/** Keyboard: skip link first and visible, Enter moves focus to main, focus always visible. */
async function checkKeyboard(page, where, report) {
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), text: el.textContent.trim(),
      visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
    };
  });
  if (skip.tag !== 'a' || skip.href !== '#main') {
    report(where, `the first Tab should reach the skip link <a href="#main">, it reached <${skip.tag}${skip.href ? ` href="${skip.href}"` : ''}> "${skip.text.slice(0, 40)}"`);
  } else {
    if (!skip.visible) report(where, 'the skip link is focused but not visible on screen');
    await page.keyboard.press('Enter');
    const after = await page.evaluate(() => ({ hash: location.hash, active: document.activeElement.id, tag: document.activeElement.tagName.toLowerCase() }));
    if (after.tag !== 'main') report(where, `Enter on the skip link should move focus to <main id="main">, focus is on <${after.tag}${after.active ? ` id="${after.active}"` : ''}>`);
  }
  // Visible focus: Tab on from <main> and compare each element's focused style with its resting style.
  const handles = [];
  for (let i = 0; i < TABS; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluateHandle(() => document.activeElement);
    const state = await focused.evaluate((el) => {
      if (el === document.body || el === document.documentElement) return null;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        what: `<${el.tagName.toLowerCase()}> "${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`,
        style: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine].join('|'),
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
        size: r.width > 0 && r.height > 0,
      };
    });
    if (!state) break;
    handles.push({ focused, ...state });
  }
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (const h of handles) {
    const resting = await h.focused.evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine].join('|');
    });
    if (!h.size) report(where, `${h.what} takes keyboard focus but has no size on screen`);
    else if (resting === h.style && !h.outline) report(where, `${h.what} shows no visible focus: its style does not change when it has keyboard focus`);
    await h.focused.dispose();
  }
}

/** Structure that needs the rendered page. */
async function checkStructure(page, where, report) {
  const s = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    lang: document.documentElement.lang,
    title: document.title.trim(),
    main: document.querySelectorAll('main#main').length,
  }));
  if (s.h1 !== 1) report(where, `expected exactly one <h1>, found ${s.h1}`);
  if (!s.lang) report(where, '<html> has no lang');
  if (!s.title) report(where, 'the page has no title');
  if (s.main !== 1) report(where, 'no <main id="main">');
}

async function runAxe(page, where, report) {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, tags: v.tags.filter((t) => /^wcag\d/.test(t)).join(','),
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary.replace(/\s+/g, ' ').trim() })),
    }));
  }, TAGS);
  for (const v of results) {
    const shown = v.nodes.slice(0, 5).map((n) => `\n      ${n.target}: ${n.summary.slice(0, 300)}`).join('');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    report(where, `axe ${v.id} (${v.impact}; ${v.tags}): ${v.help} — ${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}:${shown}${more}`);
  }
  return results.length;
}

/**
 * HTML_CodeSniffer's WCAG2AA standard on the page as it stands: every error
 * (message type 1) is a failure, reported with its code (the WCAG technique,
 * e.g. WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2), the element and the
 * message. Warnings and notices need a person to judge them and are left out.
 */
async function runCodeSniffer(page, where, report) {
  codeSnifferRuns++;
  if (!(await page.evaluate(() => typeof window.HTMLCS !== 'undefined'))) await page.addScriptTag({ path: htmlcsPath });
  const errors = await page.evaluate(() => new Promise((resolve, reject) => {
    const describe = (el) => {
      if (!el || el.nodeType !== 1) return 'the document';
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      if (el.classList.length) s += `.${[...el.classList].join('.')}`;
      const html = el.outerHTML.replace(/\s+/g, ' ');
      return `${s} ${html.length > 160 ? `${html.slice(0, 160)}…` : html}`;
    };
    window.HTMLCS.process('WCAG2AA', document, () => {
      resolve(window.HTMLCS.getMessages().filter((m) => m.type === window.HTMLCS.ERROR)
        .map((m) => ({ code: m.code, element: describe(m.element), message: m.msg })));
    }, () => reject(new Error('HTML_CodeSniffer could not run its WCAG2AA standard')), 'en');
  }));
  for (const e of errors) report(where, `htmlcs ${e.code}: ${e.element}: ${e.message}`);
  return errors.length;
}

let axeRuns = 0;
let codeSnifferRuns = 0;
let loads = 0;

/**
 * Opens a page with the site's scripts or without them. "Without" blocks every
 * script file the page asks for (the site has no inline scripts), rather than
 * turning JavaScript off in the browser, which would stop axe itself.
 */
async function visit(width, url, scripts) {
  const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 812 } });
  if (!scripts) await context.route(/\.js(\?|$)/, (route) => route.abort());
  const page = await context.newPage();
  const failures = [];
  page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) failures.push(`${r.url()} answered ${r.status()}`); });
  await page.goto(url, { waitUntil: 'load' });
  return { context, page, failures };
}

/** Rows of the filtered tables that are on screen. */
const shownRows = (page) => page.evaluate(() => [...document.querySelectorAll('tr[data-row]')].filter((r) => r.getClientRects().length > 0).length);

/**
 * Filters on the largest plan page: a status narrows the rows and the count is
 * announced; the address keeps the choice (a reload restores it, Back undoes
 * it); Tab walks the controls in order; axe passes with the filter on.
 */
async function checkFilters(origin, file, width, add) {
  const url = origin + file;
  const where = `filters on ${file} at ${width}px`;
  const { context, page, failures } = await visit(width, url, true);
  try {
    const total = await page.locator('tr[data-row]').count();
    const form = page.locator('form.filters');
    if (!(await form.isVisible())) { add(where, 'the filter form is not shown with scripts on'); return; }
    // The status with the fewest rows.
    const statuses = await page.evaluate(() => {
      const counts = {};
      // As filter.js reads it: the row's data-status, else the tag in its first cell (a <td>).
      const statusOf = (row) => row.dataset.status ?? (row.cells[0]?.tagName === 'TD' ? row.cells[0].querySelector('.tag:not(.tag--overdue)')?.textContent.trim() : undefined);
      for (const row of document.querySelectorAll('tr[data-row]')) counts[statusOf(row)] = (counts[statusOf(row)] || 0) + 1;
      return Object.entries(counts).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    });
    const [status, expected] = statuses[0];
    await page.selectOption('form.filters select[name="status"]', status);
    const shown = await shownRows(page);
    if (shown !== expected) add(where, `choosing "${status}" shows ${shown} rows, expected ${expected} of ${total}`);
    const said = await page.evaluate(() => document.querySelector('form.filters [role="status"]')?.textContent || '');
    if (!said.includes(`Showing ${expected} of ${total}`)) add(where, `the count announced is "${said}", expected "Showing ${expected} of ${total} …"`);
    const address = new URL(page.url());
    if (address.searchParams.get('status') !== status) add(where, `the address ${page.url()} does not keep the status`);
    await axeOn(page, `${where}, filtered`, add);
    // A shared address restores the filter.
    await page.reload({ waitUntil: 'load' });
    const restored = await page.locator('form.filters select[name="status"]').inputValue();
    if (restored !== status || (await shownRows(page)) !== expected) add(where, `reloading ${page.url()} shows ${await shownRows(page)} rows with status "${restored}", expected ${expected} with "${status}"`);
    // Back undoes it: every row again.
    await page.goto(url, { waitUntil: 'load' });
    await page.selectOption('form.filters select[name="status"]', status);
    await page.goBack({ waitUntil: 'load' }).catch(() => {});
    await page.waitForFunction((n) => [...document.querySelectorAll('tr[data-row]')].filter((r) => r.getClientRects().length > 0).length === n, total, { timeout: 5000 })
      .catch(() => add(where, 'Back did not bring every row back'));
    // Tab walks the form in order: each control, then "Show all".
    await page.focus('form.filters select[name="status"]');
    const order = ['select'];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const el = document.activeElement;
        return el.closest('form.filters') ? `${el.tagName.toLowerCase()}${el.type === 'checkbox' ? ':checkbox' : ''}` : null;
      });
      if (!at) break;
      order.push(at);
    }
    if (order[order.length - 1] !== 'button') add(where, `Tab through the filters reaches ${order.join(' → ')}, expected the controls then the "Show all" button`);
    // Printing shows every row, whatever the filter.
    await page.selectOption('form.filters select[name="status"]', status);
    await page.emulateMedia({ media: 'print' });
    const printed = await shownRows(page);
    if (printed !== total) add(where, `printing shows ${printed} of ${total} rows with a filter on`);
    await page.emulateMedia({ media: 'screen' });
  } finally {
    for (const f of failures) add(where, f);
    await context.close();
  }
}

/**
 * Search: a word of an action's progress finds that action, the results are
 * grouped and marked, a query fetches at most 300 KB, and axe passes on the
 * results. Other pages never load the search script or index.
 */
async function checkSearch(origin, mount, planFile, width, add) {
  const where = `search at ${width}px`;
  // Two long words from the progress of an action on the plan page (one
  // alone may be in more places than a page of results shows, as the site
  // grows), and that action's address.
  const { context: c1, page: plan } = await visit(width, origin + planFile, true);
  const target = await plan.evaluate(() => {
    for (const row of document.querySelectorAll('tr[data-row][id]')) {
      const progress = row.querySelector('.progress');
      if (!progress) continue;
      const words = [...new Set(progress.textContent.split(/[^\p{Alphabetic}\p{N}]+/u).filter((w) => w.length >= 9))];
      if (words.length) return { word: words.slice(0, 2).join(' '), anchor: row.id };
    }
    return null;
  });
  await c1.close();
  if (!target) { add(where, `no action with progress text on ${planFile}`); return; }
  const { context, page, failures } = await visit(width, `${origin}${mount}search/`, true);
  try {
    let bytes = 0;
    page.on('response', async (r) => {
      if (!r.url().includes('/search/')) return;
      try { bytes += (await r.body()).length; } catch { /* a navigation */ }
    });
    await page.fill('#search-query', target.word);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /results? for/.test(document.getElementById('search-count').textContent), null, { timeout: 10000 })
      .catch(() => add(where, `no results announced for "${target.word}"`));
    const links = await page.evaluate(() => [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href')));
    if (!links.some((href) => href.endsWith(`#${target.anchor}`))) add(where, `searching "${target.word}" does not find #${target.anchor}: ${links.slice(0, 5).join(', ')}`);
    const marks = await page.locator('#search-results mark').count();
    if (!marks) add(where, 'no match is highlighted');
    if (!(await page.locator('#search-results h2').count())) add(where, 'results are not grouped by kind');
    if (bytes > 300 * 1024) add(where, `the query fetched ${bytes} bytes, more than 300 KB`);
    if (!new URL(page.url()).searchParams.get('q')) add(where, 'the address does not keep the query');
    // Tab from the box: the button, then the first result.
    await page.focus('#search-query');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement.tagName.toLowerCase());
    if (next !== 'button') add(where, `Tab from the search box reaches <${next}>, expected the button`);
    await axeOn(page, `${where}, with results`, add);
  } finally {
    for (const f of failures) add(where, f);
    await context.close();
  }
  // The dashboard loads neither the search script nor its index.
  const { context: c2, page: home } = await visit(width, origin + mount, true);
  const asked = await home.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  for (const name of asked.filter((n) => /search(\.js|\/)/.test(n))) add(`${mount} at ${width}px`, `the dashboard loads ${name} before anyone searches`);
  await c2.close();
}

/** Axe and HTML_CodeSniffer on a page as it stands (after interaction). */
async function axeOn(page, where, add) {
  axeRuns++;
  await runCodeSniffer(page, where, add);
  return runAxe(page, where, add);
}

/** With scripts off: every row is there, the filter form is not, and axe passes. */
async function checkWithoutScripts(origin, file, width, add) {
  const where = `${file} at ${width}px with scripts off`;
  const { context, page, failures } = await visit(width, origin + file, false);
  try {
    const rows = await page.locator('tr[data-row]').count();
    if ((await shownRows(page)) !== rows) add(where, 'rows are hidden without scripts');
    if (await page.locator('form.filters').isVisible().catch(() => false)) add(where, 'an empty filter form is shown without scripts');
    await axeOn(page, where, add);
  } finally {
    for (const f of failures) add(where, f);
    await context.close();
  }
}

/**
 * The dashboard's first screen, at 1280x800 and 375x812 with nothing
 * scrolled: it must say "overdue" and name, by its title, a plan that has
 * overdue actions, as the plans' open data (plans/<id>.json) give them. A
 * word counts only when its whole box is on the screen.
 */
async function checkDashboardFirstScreen(origin, mount, dir, add) {
  const titles = walk(dir)
    .filter((f) => /^plans\/[^/]+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((data) => data.summary?.overdue > 0)
    .map((data) => data.plan.title.trim());
  for (const [width, height] of [[1280, 800], [375, 812]]) {
    const where = `dashboard ${mount} at ${width}x${height}`;
    const context = await browser.newContext({ viewport: { width, height } });
    try {
      const page = await context.newPage();
      await page.goto(origin + mount, { waitUntil: 'load' });
      const seen = await page.evaluate((titles) => {
        const onScreen = (rects) => rects.length > 0 && [...rects].every((r) => r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth);
        let overdue = false;
        const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
        while (!overdue && walker.nextNode()) {
          const node = walker.currentNode;
          const at = node.textContent.search(/\boverdue\b/i);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 'overdue'.length);
          overdue = onScreen(range.getClientRects());
        }
        const named = [...document.querySelectorAll('main a')]
          .filter((a) => titles.includes(a.textContent.replace(/\s+/g, ' ').trim()) && onScreen(a.getClientRects()))
          .map((a) => a.textContent.trim());
        return { overdue, named };
      }, titles);
      if (!seen.overdue) add(where, 'the first screen does not say "overdue"');
      if (titles.length && !seen.named.length) add(where, `the first screen names no plan with overdue actions (${titles.slice(0, 3).join('; ')})`);
      await screenshot(page, 'dashboard first screen', `${width}x${height}`);
    } finally {
      await context.close();
    }
  }
}

/** Runs tasks two at a time (the machine has two cores); results keep task order. */
/** The plan page with the most actions (rows of its actions tables). */
function largestPlan(dir, files) {
  const plans = files.filter((f) => /^plans\/[^/]+\/index\.html$/.test(f))
    .map((file) => ({ file, rows: (readFileSync(join(dir, file), 'utf8').match(/ data-row[ >]/g) || []).length }));
  plans.sort((a, b) => b.rows - a.rows || a.file.localeCompare(b.file));
  return plans[0];
}

/**
 * The plan page's first screen answers first: at 1280x800 and 375x812 the
 * plan with the most actions shows its overdue count and its red (behind
 * schedule) counts, as its own summary states them, without scrolling; and
 * the counts it states are the rows its tables flag.
 */
async function checkPlanFirstScreen(origin, path, width, height, add) {
  const where = `plan first screen ${path} at ${width}x${height}`;
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(origin + path, { waitUntil: 'load' });
  const seen = await page.evaluate(() => {
    const number = (el) => Number((el.querySelector('strong') || el).textContent.replace(/[^0-9]/g, ''));
    const onScreen = (el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
    };
    const stated = (el) => ({ text: el.textContent.trim(), n: number(el), shown: onScreen(el) });
    const overdue = document.querySelector('.standing [data-count="overdue"]');
    return {
      overdue: overdue && stated(overdue),
      red: [...document.querySelectorAll('.standing [data-colour="red"]')].map(stated),
      rowsOverdue: document.querySelectorAll('table.actions tr[data-overdue]').length,
      rowsRed: document.querySelectorAll('table.actions tr[data-row] > td:first-child > .tag--red').length,
    };
  });
  if (!seen.overdue) add(where, 'the summary states no overdue count (.standing [data-count="overdue"])');
  else {
    if (!seen.overdue.shown) add(where, `"${seen.overdue.text}" is not on the first screen`);
    if (seen.overdue.n !== seen.rowsOverdue) add(where, `the summary states ${seen.overdue.n} overdue, the tables flag ${seen.rowsOverdue}`);
  }
  if (seen.rowsRed > 0 && !seen.red.length) add(where, `${seen.rowsRed} actions are red but the summary states no red count`);
  for (const red of seen.red) if (!red.shown) add(where, `"${red.text}" is not on the first screen`);
  const statedRed = seen.red.reduce((sum, r) => sum + r.n, 0);
  if (statedRed !== seen.rowsRed) add(where, `the summary states ${statedRed} red, the tables show ${seen.rowsRed}`);
  await context.close();
}

async function pool(tasks, width = WORKERS) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

/** Runs a check, keeping its problems apart so the report reads in page order. */
const collect = (fn) => async () => {
  const mine = [];
  const add = (where, message) => mine.push(`${where}: ${message}`);
  await fn(add);
  return mine;
};

try {
  const [first, ...others] = sites;
  const { picked, files } = representatives(first.dir);
  const wanted = typeof args.kinds === 'string' ? args.kinds.split(',').map((k) => k.trim()) : null;
  for (const p of picked.filter((p) => p.missing)) report(`${first.dir}`, `the build has no ${p.kind} page to check`);
  if (wanted) {
    for (const k of wanted) if (k !== 'scripts' && !picked.some((p) => p.kind === k)) report('--kinds', `unknown page kind "${k}" (kinds: ${picked.map((p) => p.kind).join(', ')})`);
  }
  const targets = args.all
    ? [...files.filter((f) => f !== '404.html').map((file) => ({ kind: 'page', file })), picked.find((p) => p.kind === '404')]
    : picked.filter((p) => !p.missing && (!wanted || wanted.includes(p.kind)));

  // One page of each kind at each width: structure, reflow, axe, keyboard.
  const checks = targets.flatMap((target) => WIDTHS.map((width) => collect(async (add) => {
    const path = target.file ? addressOf(first.mount, target.file) : first.mount + target.path;
    const where = `${target.kind} ${path} at ${width}px`;
    const { context, page, failures } = await open(width, servers.origin + path, target.kind === '404' ? 404 : 200);
    loads++;
    await checkStructure(page, where, add);
    if (width < 500) await checkReflow(page, where, add);
    await runAxe(page, where, add);
    axeRuns++;
    await runCodeSniffer(page, where, add);
    await checkKeyboard(page, where, add);
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await screenshot(page, target.kind, width);
    for (const f of failures) add(where, f);
    await context.close();
  })));

  // First screens: what a reader sees before scrolling.
  const firstScreens = wanted && !wanted.includes('dashboard') ? [] : [
    collect((add) => checkDashboardFirstScreen(servers.origin, first.mount, first.dir, add)),
  ];

  // Every other page at 375 px: nothing may scroll sideways.
  const done = new Set(targets.map((t) => t.file));
  const rest = args['no-sweep'] || wanted ? [] : files.filter((f) => !done.has(f) && f !== '404.html');
  const halves = [rest.filter((_, i) => i % 2 === 0), rest.filter((_, i) => i % 2 === 1)].filter((h) => h.length);
  const sweeps = halves.map((half) => collect(async (add) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    for (const file of half) {
      const path = addressOf(first.mount, file);
      const response = await page.goto(servers.origin + path, { waitUntil: 'load' });
      loads++;
      if (response.status() !== 200) add(path, `answered ${response.status()}`);
      await checkReflow(page, `${path} at 375px`, add);
    }
    await context.close();
  }));

  // Other mounts (a sub-path): every page kind loads with its stylesheet, nothing
  // it asks for fails, and no link leaves the mount.
  const mounted = (wanted ? [] : others).flatMap((site) => representatives(site.dir).picked
    .filter((k) => !k.missing)
    .map((target) => collect(async (add) => {
      const path = target.file ? addressOf(site.mount, target.file) : site.mount + target.path;
      const { context, page, failures } = await open(1280, servers.origin + path, target.kind === '404' ? 404 : 200);
      loads++;
      const outside = await page.evaluate((mount) => [...document.querySelectorAll('a[href], link[href]')]
        .map((a) => new URL(a.getAttribute('href'), location.href))
        .filter((u) => u.origin === location.origin && !u.pathname.startsWith(mount))
        .map((u) => u.pathname), site.mount);
      for (const l of outside.slice(0, 3)) add(`${target.kind} ${path}`, `links to ${l}, outside ${site.mount}`);
      await runCodeSniffer(page, `${target.kind} ${path} at 1280px`, add);
      for (const f of failures) add(`${target.kind} ${path}`, f);
      await context.close();
    })));

  // Scripts: filters and search with scripts on, every page kind that has
  // them with scripts off, at each width.
  const plan = picked.find((p) => p.kind === 'plan');
  const interactive = (wanted && !wanted.includes('scripts')) || !plan || plan.missing ? [] : WIDTHS.flatMap((width) => [
    collect((add) => checkFilters(servers.origin, addressOf(first.mount, plan.file), width, add)),
    collect((add) => checkSearch(servers.origin, first.mount, addressOf(first.mount, plan.file), width, add)),
    ...['plan', 'dashboard', 'owner', 'cycle', 'search'].map((kind) => picked.find((p) => p.kind === kind && !p.missing))
      .filter(Boolean)
      .map((p) => collect((add) => checkWithoutScripts(servers.origin, addressOf(first.mount, p.file), width, add))),
  ]);

  // The plan page's first screen, on the plan with the most actions.
  const largest = wanted ? null : largestPlan(first.dir, files);
  const planScreens = !largest ? [] : [[1280, 800], [375, 812]].map(([width, height]) =>
    collect((add) => checkPlanFirstScreen(servers.origin, addressOf(first.mount, largest.file), width, height, add)));

  for (const list of await pool([...checks, ...firstScreens, ...planScreens, ...sweeps, ...mounted, ...interactive])) problems.push(...list);
} finally {
  await browser.close();
  await servers.close();
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  console.error(`browser: screenshots of each page kind's first screen at each width are in ${SCREENSHOTS}`);
  for (const p of problems) console.error(`browser: ${p}`);
  console.error(`browser: FAILED with ${problems.length} problem${problems.length === 1 ? '' : 's'} (${axeRuns} axe runs, ${codeSnifferRuns} HTML_CodeSniffer runs, ${loads} page loads, ${seconds} s)`);
  process.exit(1);
}
console.log(`browser: screenshots of each page kind's first screen at each width are in ${SCREENSHOTS}`);
console.log(`browser: ok: ${axeRuns} axe runs (${TAGS.join(', ')}) with no violations, ${codeSnifferRuns} HTML_CodeSniffer runs (WCAG2AA) with no errors, ${loads} page loads, no sideways scroll at 375px, keyboard and focus ok (${seconds} s)`);
