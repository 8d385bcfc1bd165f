#!/usr/bin/env bash
# Quality gates for the pages ragtime's default theme produces (see the book,
# docs/src/developers.md, "Quality checks"). One command, locally and in CI:
#
#   bash quality/run.sh              build the example site twice (at / and under a
#                                    sub-path), run every gate, then the self-test
#   bash quality/run.sh --no-selftest    the gates only
#
# Gates: html (Nu Html Checker, errors only), browser (axe-core WCAG 2.2 A/AA and
# HTML_CodeSniffer WCAG2AA, errors only, in headless Chromium at 1280 and 375 px;
# sideways scroll, tables of actions still tables at 375 px, keyboard, focus),
# links (every internal href/src/fragment and feed/sitemap link resolves, ids
# unique, page structure), each on the root build and on the sub-path build.
# theme (brand block shown; pages printed to PDF with Chromium and read with
# pdftotext; the embed page in a frame on another origin).
# Needs node, java, /usr/bin/chromium and pdftotext (poppler-utils); npm packages are installed here from
# package-lock.json when missing. A missing tool is a failure, never a skip.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
selftest=1
for arg in "$@"; do
  case "$arg" in
    --no-selftest) selftest=0 ;;
    *) echo "usage: bash quality/run.sh [--no-selftest]" >&2; exit 2 ;;
  esac
done

fail() { echo "quality: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Tools: checked, never skipped.
command -v node >/dev/null || fail "node is not installed"
command -v java >/dev/null || fail "java is not installed (apt-get install -y default-jre-headless)"
command -v pdftotext >/dev/null || fail "pdftotext is not installed (apt-get install -y poppler-utils)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || fail "Chromium is not installed at ${CHROMIUM:-/usr/bin/chromium} (apt-get install -y chromium)"
# npm packages, pinned in package-lock.json: (re)installed with `npm ci` unless
# exactly those versions are already there. --ignore-scripts: vnu-jar's
# postinstall would fetch its own Java; the machine's Java runs vnu.jar.
if ! (cd "$here" && node -e '
  const lock = require("./package-lock.json").packages;
  for (const [path, entry] of Object.entries(lock)) {
    if (!path) continue;
    const installed = require("./" + path + "/package.json").version;
    if (installed !== entry.version) throw new Error(path + " " + installed + " != " + entry.version);
  }' 2>/dev/null); then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund) || fail "npm ci failed in quality/"
fi

# The ragtime binary, as the README builds it.
start="$(now)"
(cd "$root" && cargo build --release --locked --quiet)
ragtime="$root/target/release/ragtime"
[ -x "$ragtime" ] || fail "no ragtime binary at $ragtime"

work="$(mktemp -d "${TMPDIR:-/tmp}/ragtime-quality.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# 1. The example site as published at the root of a domain.
base_url="$(sed -n 's/^base_url:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$root/content/site.yaml")"
[ -n "$base_url" ] || fail "content/site.yaml has no base_url"
"$ragtime" build --root "$root" --output "$work/root" >"$work/build-root.log" 2>&1 \
  || { cat "$work/build-root.log" >&2; fail "the example site did not build"; }

# 2. The same site with base_url under a sub-path, as a council website mounts it.
sub_url="https://www.example.gov.uk/improvement/"
sub_mount="/improvement/"
mkdir -p "$work/sub-site"
cp -R "$root/content" "$work/sub-site/content"
[ -d "$root/themes" ] && cp -R "$root/themes" "$work/sub-site/themes"
sed -i "s|^base_url:.*|base_url: $sub_url|" "$work/sub-site/content/site.yaml"
grep -q "^base_url: $sub_url\$" "$work/sub-site/content/site.yaml" || fail "could not set base_url for the sub-path build"
"$ragtime" build --root "$work/sub-site" --output "$work/sub" >"$work/build-sub.log" 2>&1 \
  || { cat "$work/build-sub.log" >&2; fail "the sub-path site did not build"; }
# 3. A theme-free copy with a `brand:` block (what theme.mjs checks it shows).
mkdir -p "$work/brand-site/brand"
cp -R "$root/content" "$work/brand-site/content"
cat >"$work/brand-site/brand/logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" fill="#ffffff"/><text x="8" y="27" font-size="18" font-family="sans-serif" fill="#005ea5">EBC</text></svg>
SVG
sed -i 's|^base_url:.*|base_url: https://www.example.gov.uk/brand/|; /^theme:/d' "$work/brand-site/content/site.yaml"
cat >>"$work/brand-site/content/site.yaml" <<'YAML'
brand:
  colour: "#005ea5"
  logo: brand/logo.svg
  logo_alt: Example Borough Council
  home: https://www.example.gov.uk/
  header_links:
    - label: Council home
      url: https://www.example.gov.uk/
  footer_links:
    - label: Privacy notice
      url: https://www.example.gov.uk/privacy
    - label: Accessibility statement
      url: https://www.example.gov.uk/accessibility
  contact: improvement@example.gov.uk
  notice: This is a test of the brand block.
YAML
"$ragtime" build --root "$work/brand-site" --output "$work/brand" >"$work/build-brand.log" 2>&1 \
  || { cat "$work/build-brand.log" >&2; fail "the brand site did not build"; }
# 4. The committee report of the Telford August 2013 cycle, as `ragtime pack` prints it.
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" "$ragtime" pack 2013-08 --pdf --root "$root" --output "$work/pack.pdf" >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log" >&2; fail "ragtime pack 2013-08 --pdf failed"; }
echo "quality: built the example site at $base_url, at $sub_url and with a brand block ($(since "$start") s)"

passed=0
failed=0
summary=()
gate() {
  local name="$1"; shift
  local t0; t0="$(now)"
  if (cd "$here" && "$@"); then
    passed=$((passed + 1)); summary+=("  $name: passed ($(since "$t0") s)")
  else
    failed=$((failed + 1)); summary+=("  $name: FAILED ($(since "$t0") s)")
  fi
}

gate "html (Nu Html Checker, both builds)" node html.mjs "$work/root" "$work/sub"
gate "browser (axe-core, HTML_CodeSniffer, reflow, keyboard in Chromium)" node browser.mjs --site "/=$work/root" --site "$sub_mount=$work/sub"
gate "links and structure (root build)" node links.mjs --dir "$work/root" --base-url "$base_url" --mount "$(node -e 'console.log(new URL(process.argv[1]).pathname)' "$base_url")"
gate "links and structure (sub-path build)" node links.mjs --dir "$work/sub" --base-url "$sub_url" --mount "$sub_mount"
gate "theme (brand, print to PDF, embed in a frame)" node theme.mjs --site "$work/root" --brand "$work/brand" --pack "$work/pack.pdf" --base-url "$base_url"
if [ "$selftest" = 1 ]; then
  gate "self-test (each gate fails on a broken theme)" bash selftest.sh
fi

echo "quality: gates took $(since "$start") s"
printf '%s\n' "${summary[@]}"
echo "quality: $passed passed, $failed failed"
[ "$failed" = 0 ]
