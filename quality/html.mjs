#!/usr/bin/env node
// Gate 1 (valid HTML): the Nu Html Checker (vnu.jar from npm's vnu-jar, run
// with the machine's Java) over every HTML page of each built site, errors
// only. Zero errors allowed.
//
//   node html.mjs DIR [DIR ...]
//
// Every page is named on vnu's command line, so none is skipped silently;
// problems are printed as `DIR/page.html:line:column: message` with the
// offending markup.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { walk } from './lib.mjs';

const dirs = process.argv.slice(2);
if (!dirs.length) {
  console.error('usage: node html.mjs DIR [DIR ...]');
  process.exit(2);
}

const require = createRequire(import.meta.url);
let jar;
try {
  jar = join(require.resolve('vnu-jar/package.json'), '..', 'build', 'dist', 'vnu.jar');
} catch {
  jar = null;
}
if (!jar || !existsSync(jar)) {
  console.error('html: vnu.jar not found: run `npm ci --ignore-scripts` in quality/');
  process.exit(1);
}
const java = process.env.JAVA || 'java';
const version = spawnSync(java, ['-version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  console.error(`html: Java not found (${java}): install a Java runtime (apt-get install -y default-jre-headless)`);
  process.exit(1);
}

const started = Date.now();
const pages = [];
for (const dir of dirs) {
  const files = walk(dir).filter((f) => f.endsWith('.html'));
  if (!files.length) {
    console.error(`html: no HTML pages in ${dir}`);
    process.exit(1);
  }
  for (const f of files) pages.push({ dir, file: f, path: resolve(dir, f) });
}

const run = spawnSync(java, ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', '--exit-zero-always', ...pages.map((p) => p.path)], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (run.error || run.status !== 0) {
  console.error(`html: vnu.jar did not run: ${run.error?.message ?? `exit ${run.status}`}\n${run.stderr}`);
  process.exit(1);
}
let report;
try {
  report = JSON.parse(run.stderr || run.stdout);
} catch {
  console.error(`html: could not read vnu's report:\n${(run.stderr || run.stdout).slice(0, 2000)}`);
  process.exit(1);
}

const byPath = new Map(pages.map((p) => [`file:${p.path}`, p]));
const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
for (const m of errors) {
  const page = byPath.get(m.url);
  const where = page ? `${page.dir.replace(/\/$/, '')}/${page.file}` : (m.url || 'vnu');
  const at = m.lastLine ? `:${m.firstLine ?? m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 0}` : '';
  const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 200)}` : '';
  console.error(`html: ${where}${at}: ${m.message}${extract}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (errors.length) {
  console.error(`html: FAILED: ${errors.length} error${errors.length === 1 ? '' : 's'} from the Nu Html Checker in ${pages.length} pages (${seconds} s)`);
  process.exit(1);
}
console.log(`html: ok: the Nu Html Checker found no errors in ${pages.length} pages (${seconds} s)`);
