#!/usr/bin/env node
// Gate 5 (the council's look and paper), in Debian's headless Chromium:
//
//   node theme.mjs --site DIR --brand DIR [--pack PDF --base-url URL]
//
// --site is the example site built at the root; --brand a theme-free copy of
// it with a `brand:` block (see run.sh, which writes the block this checks).
//   - brand: the header's computed background is the brand colour, the logo
//     loads with its alt text, the footer carries the brand's links;
//   - print: the committee report of the Telford August 2013 cycle is printed
//     with Chromium's own PDF printing and read back with pdftotext: every
//     exception appears exactly once, the status words are there as text, and
//     every page carries the meeting and its page number; in the PDF that
//     `ragtime pack` printed, every link leads to --base-url; the Telford plan
//     page prints in fewer A4 pages than before the print stylesheet, and the
//     plan with the most actions prints to at most 20 A4 pages;
//   - every new page kind (report, embed) in print emulation: no navigation
//     chrome, status tags black text with a border;
//   - the embed page works in an iframe on another origin.
// Needs pdftotext (poppler-utils). Exits 1 listing each problem.

import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs, serve, walk, decodeEntities } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const REPORT = 'cycles/2013-08/report/';
const MEETING = '15 August 2013';
const PLAN = 'plans/telford-improvement-plan/';
// The Telford plan page printed to 38 A4 pages before the print stylesheet
// (main at 2f216b0, Chromium 156, measured with this gate's printing).
const PLAN_PAGES_BEFORE = 38;
// A committee member can carry the largest plan: at most this many A4 pages.
const PLAN_PAGES_MOST = 20;
// What run.sh writes into the brand site's site.yaml.
const BRAND = {
  colour: 'rgb(0, 94, 165)', // #005ea5
  alt: 'Example Borough Council',
  footer: ['Privacy notice', 'Accessibility statement'],
};

const args = parseArgs(process.argv.slice(2));
if (!args.site || !args.brand) {
  console.error('usage: node theme.mjs --site DIR --brand DIR');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const playwright = require('playwright-core');
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  console.error('theme: pdftotext is not installed (apt-get install -y poppler-utils)');
  process.exit(1);
}

const problems = [];
const report = (where, message) => problems.push(`${where}: ${message}`);
const work = mkdtempSync(join(tmpdir(), 'ragtime-theme-'));
const servers = await serve({ '/': args.site, '/brand/': args.brand });
const other = await serve({ '/': args.site }); // a second origin, for the iframe
const browser = await playwright.chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** A PDF's text, page by page, whitespace collapsed. */
function pdfPages(file) {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim()).map((p) => p.replace(/\s+/g, ' '));
}

/** Prints a page with Chromium's PDF printing (A4, no backgrounds, as a browser prints) and reads back its text, page by page. */
async function printed(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(servers.origin + path, { waitUntil: 'load' });
  const file = join(work, `${path.replace(/\W+/g, '-')}.pdf`);
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
  await context.close();
  return pdfPages(file);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

try {
  // Brand: header colour, logo and alt, footer links.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${servers.origin}/brand/`, { waitUntil: 'load' });
    const seen = await page.evaluate(() => {
      const img = document.querySelector('.site-header img');
      return {
        header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
        link: getComputedStyle(document.querySelector('main a[href]')).color,
        logo: img && { alt: img.getAttribute('alt'), loaded: img.complete && img.naturalWidth > 0 },
        footer: [...document.querySelectorAll('.site-footer a')].map((a) => a.textContent.trim()),
        notice: document.querySelector('.site-notice')?.textContent.trim() || '',
      };
    });
    if (seen.header !== BRAND.colour) report('brand', `the header's background is ${seen.header}, expected the brand colour ${BRAND.colour}`);
    if (seen.link !== BRAND.colour) report('brand', `links are ${seen.link}, expected the brand colour ${BRAND.colour}`);
    if (!seen.logo) report('brand', 'the header has no logo');
    else {
      if (seen.logo.alt !== BRAND.alt) report('brand', `the logo's alt is "${seen.logo.alt}", expected "${BRAND.alt}"`);
      if (!seen.logo.loaded) report('brand', 'the logo did not load');
    }
    for (const label of BRAND.footer) if (!seen.footer.includes(label)) report('brand', `the footer has no link "${label}" (it has: ${seen.footer.join(', ')})`);
    if (!seen.notice) report('brand', 'the notice banner is missing');
    await context.close();
  }

  // The committee report, printed.
  {
    const html = readFileSync(join(args.site, REPORT, 'index.html'), 'utf8');
    // Each exception's name: the link that starts the row's second cell (Action).
    const names = [...html.matchAll(/<tr>\s*<td>(?:(?!<\/td>)[\s\S])*<\/td>\s*<td><a href="[^"]*">([^<]+)<\/a>/g)].map((m) => decodeEntities(m[1]));
    if (!names.length) report(REPORT, 'the report lists no exceptions; the Telford August 2013 cycle has some');
    const check = (what, pages) => {
      const all = pages.join(' ');
      for (const name of names) {
        // "R2, action 1" must not count inside "R22, action 1" or "R2, action 10".
        const n = all.match(new RegExp(`(?<![\\w])${escape(name)}(?!\\d)`, 'g'))?.length || 0;
        if (n !== 1) report(what, `the exception "${name}" appears ${n} times, expected once`);
      }
      for (const word of ['Behind schedule', 'Overdue', 'Complete']) {
        if (!all.includes(word)) report(what, `the status word "${word}" is not in the text`);
      }
      pages.forEach((text, i) => {
        if (!text.includes(MEETING)) report(`${what}, page ${i + 1}`, `does not say the meeting (${MEETING})`);
        if (!text.includes(`Page ${i + 1} of ${pages.length}`)) report(`${what}, page ${i + 1}`, `has no page number "Page ${i + 1} of ${pages.length}"`);
      });
    };
    const pages = await printed(`/${REPORT}`);
    check(`${REPORT} printed`, pages);
    // The same report as `ragtime pack 2013-08 --pdf` printed it.
    if (args.pack) {
      if (!existsSync(args.pack)) report('ragtime pack', `${args.pack} was not written`);
      else {
        const packed = pdfPages(args.pack);
        check(`${args.pack} (ragtime pack)`, packed);
        // Its links lead to the published site (--base-url), never to the folder it was printed from.
        const links = [...readFileSync(args.pack, 'latin1').matchAll(/\/URI \(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
        if (!links.length) report('ragtime pack', 'the PDF has no links; each exception links to its plan');
        for (const link of links) {
          if (!args['base-url'] || !link.startsWith(args['base-url'])) report('ragtime pack', `a link leads to ${link}, not to the published site ${args['base-url']}`);
        }
        console.log(`theme: ragtime pack printed the committee report to ${packed.length} A4 pages`);
      }
    }
    console.log(`theme: the committee report printed to ${pages.length} A4 pages with ${names.length} exceptions, each once`);
  }

  // The Telford plan page: fewer A4 pages than before.
  {
    const pages = await printed(`/${PLAN}`);
    if (pages.length >= PLAN_PAGES_BEFORE) report(`${PLAN} printed`, `${pages.length} A4 pages, expected fewer than the ${PLAN_PAGES_BEFORE} it printed to before`);
    pages.forEach((text, i) => {
      if (!text.includes(MEETING)) report(`${PLAN} printed, page ${i + 1}`, `does not say the meeting it is as of (${MEETING})`);
    });
    console.log(`theme: the Telford plan page printed to ${pages.length} A4 pages (${PLAN_PAGES_BEFORE} before)`);
  }

  // The plan with the most actions (rows of its tables): at most PLAN_PAGES_MOST A4 pages.
  {
    const plans = walk(args.site).filter((f) => /^plans\/[^/]+\/index\.html$/.test(f))
      .map((file) => ({ file, rows: (readFileSync(join(args.site, file), 'utf8').match(/ data-row[ >]/g) || []).length }))
      .sort((a, b) => b.rows - a.rows || a.file.localeCompare(b.file));
    if (!plans.length) report(args.site, 'no plan page to print');
    else {
      const path = `/${plans[0].file.replace(/index\.html$/, '')}`;
      const pages = await printed(path);
      if (pages.length > PLAN_PAGES_MOST) report(`${path} printed`, `${pages.length} A4 pages for ${plans[0].rows} actions, expected at most ${PLAN_PAGES_MOST}`);
      console.log(`theme: the plan with the most actions (${path}, ${plans[0].rows}) printed to ${pages.length} A4 pages`);
    }
  }

  // Every new page kind in print emulation: no chrome, tags in black with a border.
  for (const path of [`/${REPORT}`, `/${PLAN}`, `/${PLAN}embed/`]) {
    if (!existsSync(join(args.site, path, 'index.html'))) {
      report(path, 'not built');
      continue;
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(servers.origin + path, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(() => ({
      chrome: [...document.querySelectorAll('.site-header, .site-nav, .breadcrumbs, .site-footer')].filter((e) => e.getClientRects().length > 0).map((e) => e.className),
      tags: [...document.querySelectorAll('.tag')].filter((e) => e.getClientRects().length > 0).map((e) => {
        const s = getComputedStyle(e);
        return { text: e.textContent.trim(), colour: s.color, border: parseFloat(s.borderTopWidth) };
      }),
    }));
    for (const c of seen.chrome) report(`${path} in print`, `navigation chrome is shown (${c})`);
    for (const t of seen.tags.filter((t) => t.colour !== 'rgb(0, 0, 0)' || !(t.border > 0)).slice(0, 3)) {
      report(`${path} in print`, `the tag "${t.text}" is ${t.colour} with a ${t.border}px border; tags print black with a border`);
    }
    await context.close();
  }

  // The embed page inside an iframe on another origin.
  {
    const embed = `${servers.origin}/${PLAN}embed/`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // A page of the second origin, holding the frame as a council's CMS would.
    await page.goto(`${other.origin}/`, { waitUntil: 'load' });
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = 'Plan status';
      frame.width = '400';
      frame.height = '300';
      document.body.prepend(frame);
    }, embed);
    await page.waitForSelector('iframe[title="Plan status"]');
    const frame = await (await page.$('iframe[title="Plan status"]')).contentFrame();
    await frame.waitForLoadState('load');
    const seen = await frame.evaluate(() => ({
      origin: location.origin,
      headline: document.querySelector('h1')?.textContent.trim() || '',
      bar: !!document.querySelector('svg'),
      target: document.querySelector('.embed__link a')?.getAttribute('target'),
    }));
    const parentOrigin = await page.evaluate(() => location.origin);
    if (seen.origin === parentOrigin) report('embed in an iframe', `the frame and the page share an origin (${seen.origin}); the test needs two`);
    if (!seen.headline) report('embed in an iframe', 'the embed page shows no headline in the frame');
    if (!seen.bar) report('embed in an iframe', 'the embed page shows no status bar in the frame');
    if (seen.target !== '_top') report('embed in an iframe', `the link to the full plan has target="${seen.target}", expected "_top"`);
    await context.close();
  }
} finally {
  await browser.close();
  await servers.close();
  await other.close();
  rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  for (const p of problems) console.error(`theme: ${p}`);
  console.error(`theme: FAILED with ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log('theme: ok: brand shown, report printed with each exception once, pages numbered and dated, print styles, embed in a cross-origin frame');
