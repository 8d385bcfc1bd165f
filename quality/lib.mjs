// Shared helpers for the quality gates: command-line flags, walking a built
// site, a small tag tokenizer for the (validated) HTML ragtime writes, and the
// static server the browser gate uses. No dependencies beyond Node itself.

import { createServer } from 'node:http';
import { readdirSync, statSync, existsSync, createReadStream } from 'node:fs';
import { join, extname, resolve, sep } from 'node:path';

/** `--name value` and `--flag` pairs into an object; repeated names collect into arrays. */
export function parseArgs(argv, repeated = []) {
  const out = {};
  for (const name of repeated) out[name] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const name = arg.slice(2);
    const next = argv[i + 1];
    const value = next === undefined || next.startsWith('--') ? true : (i++, next);
    if (repeated.includes(name)) out[name].push(value);
    else out[name] = value;
  }
  return out;
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export function walk(dir) {
  const out = [];
  const visit = (rel) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, path)).isDirectory()) visit(path);
      else out.push(path);
    }
  };
  visit('');
  return out;
}

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references found in attribute values and text. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>|<\/([a-zA-Z][a-zA-Z0-9:-]*)\s*>/g;
const ATTR = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * The start and end tags of an HTML or XML document, in order, each with its
 * line number; start tags carry their attributes (names lower-cased, values
 * decoded). Comments are skipped.
 */
export function tags(source) {
  const out = [];
  let line = 1;
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    line += countLines(source, last, match.index);
    last = match.index;
    if (match[0].startsWith('<!')) continue;
    if (match[1]) {
      const attrs = {};
      for (const a of (match[2] || '').matchAll(ATTR)) {
        const name = a[1].toLowerCase();
        if (!(name in attrs)) attrs[name] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      }
      out.push({ type: 'start', name: match[1].toLowerCase(), attrs, line, index: match.index, end: match.index + match[0].length, selfClosing: match[3] === '/' });
    } else {
      out.push({ type: 'end', name: match[4].toLowerCase(), line, index: match.index, end: match.index + match[0].length });
    }
  }
  return out;
}

function countLines(text, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The text between two offsets with tags stripped and entities decoded. */
export function textBetween(source, from, to) {
  return decodeEntities(source.slice(from, to).replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * A static file server on 127.0.0.1 at a free port. `mounts` maps URL
 * prefixes ("/", "/improvement/") to built site folders, as a council web
 * server would: "dir/" serves dir/index.html, "dir" redirects to "dir/", and
 * anything missing is the mount's 404.html with status 404. Resolves to
 * { origin, close() }.
 */
export function serve(mounts) {
  const sorted = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    const send404 = (root) => {
      const page = root && join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      if (page && existsSync(page)) createReadStream(page).pipe(res);
      else res.end('not found');
    };
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const mount = sorted.find(([prefix]) => path.startsWith(prefix) || `${path}/` === prefix);
    if (!mount) return send404(null);
    const [prefix, root] = mount;
    if (`${path}/` === prefix) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    const file = resolve(root, `.${sep}${path.slice(prefix.length)}`);
    if (file !== resolve(root) && !file.startsWith(resolve(root) + sep)) return send404(root);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return send404(root);
    }
    if (stat.isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { location: `${path}/` }).end();
        return;
      }
      const index = join(file, 'index.html');
      if (!existsSync(index)) return send404(root);
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      createReadStream(index).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
