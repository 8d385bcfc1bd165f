#!/usr/bin/env bash
# Self-test of the quality gates: each gate must FAIL, with a readable message,
# on a theme broken on purpose.
#
#   bash quality/selftest.sh
#
# For each defect it copies the example site into a temporary folder, copies
# the default theme into that site's themes/broken/ (the site names it in
# content/site.yaml: `theme: broken`), breaks one template or the stylesheet in
# one way, builds, runs one gate and asserts that the gate exits non-zero and
# prints the expected message. Run by quality/run.sh (and so by CI).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
ragtime="$root/target/release/ragtime"
(cd "$root" && cargo build --release --locked --quiet)
[ -x "$ragtime" ] || { echo "selftest: no ragtime binary at $ragtime" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/ragtime-selftest.XXXXXX")"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
n=0

# The site: the example content, naming the broken theme.
mkdir -p "$work/site"
cp -R "$root/content" "$work/site/content"
if grep -q '^theme:' "$work/site/content/site.yaml"; then
  sed -i 's/^theme:.*/theme: broken/' "$work/site/content/site.yaml"
else
  echo 'theme: broken' >>"$work/site/content/site.yaml"
fi
base_url="$(sed -n 's/^base_url:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$work/site/content/site.yaml")"

# case GATE "what is broken" FILE FROM TO EXPECTED [sub-path]
#   FILE is templates/NAME or static/NAME in the theme; FROM is replaced by TO
#   (literally, once); the gate's output must contain EXPECTED.
case_() {
  local gate="$1" what="$2" file="$3" from="$4" to="$5" expected="$6" sub="${7:-}"
  n=$((n + 1))
  local theme="$work/site/themes/broken"
  rm -rf "$work/site/themes" "$work/out"
  mkdir -p "$theme"
  cp -R "$root/themes/default/templates" "$root/themes/default/static" "$theme/"
  # A full copy of the default, as `ragtime theme eject` writes: its stylesheet replaces the default's.
  printf 'stylesheet: replace\n' >"$theme/theme.yaml"
  local url="$base_url" mount
  if [ -n "$sub" ]; then
    url="https://www.example.gov.uk/improvement/"
  fi
  sed -i "s|^base_url:.*|base_url: $url|" "$work/site/content/site.yaml"
  mount="$(node -e 'console.log(new URL(process.argv[1]).pathname)' "$url")"
  if ! FROM="$from" TO="$to" perl -0777 -i -pe 'BEGIN { $c = 0 } $c += s/\Q$ENV{FROM}\E/$ENV{TO}/; END { exit($c ? 0 : 3) }' "$theme/$file"; then
    echo "selftest $n: [$gate] $what: the defect could not be made: \"$from\" is not in themes/default/$file" >&2
    failed=$((failed + 1))
    return
  fi
  if ! "$ragtime" build --root "$work/site" --output "$work/out" >"$work/build.log" 2>&1; then
    echo "selftest $n: [$gate] $what: the broken site did not build:" >&2
    cat "$work/build.log" >&2
    failed=$((failed + 1))
    return
  fi
  local status=0
  case "$gate" in
    html) (cd "$here" && node html.mjs "$work/out") >"$work/gate.log" 2>&1 || status=$? ;;
    links) (cd "$here" && node links.mjs --dir "$work/out" --base-url "$url" --mount "$mount") >"$work/gate.log" 2>&1 || status=$? ;;
    browser) (cd "$here" && node browser.mjs --site "$mount=$work/out" --kinds dashboard) >"$work/gate.log" 2>&1 || status=$? ;;
    scripts) (cd "$here" && node browser.mjs --site "$mount=$work/out" --kinds scripts) >"$work/gate.log" 2>&1 || status=$? ;;
    *) echo "selftest: unknown gate $gate" >&2; exit 2 ;;
  esac
  local evidence
  evidence="$(grep -F -m1 -- "$expected" "$work/gate.log" || true)"
  if [ "$status" -ne 0 ] && [ -n "$evidence" ]; then
    passed=$((passed + 1))
    echo "selftest $n: [$gate] $what: the gate failed, as it must:"
    echo "    ${evidence:0:400}"
  else
    failed=$((failed + 1))
    echo "selftest $n: [$gate] $what: NOT CAUGHT (gate exit $status; expected a line with \"$expected\"):" >&2
    sed 's/^/    /' "$work/gate.log" | head -20 >&2
  fi
}

IMG='<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" width="40" height="40">'
MAIN='<main id="main" tabindex="-1">'

# Gate 1: the Nu Html Checker.
case_ html "an image without alt" templates/base.html "$MAIN" "$MAIN$IMG" \
  'element must have an “alt” attribute'
case_ html "a duplicate id" templates/base.html '<header class="site-header">' '<header class="site-header" id="main">' \
  'Duplicate ID “main”'

# Gate 2: axe-core and the rendered checks in Chromium.
case_ browser "an image without alt" templates/base.html "$MAIN" "$MAIN$IMG" \
  'axe image-alt'
case_ browser "a form with no submit button" templates/base.html "$MAIN" "$MAIN"'<form method="get"><label>Search the plans <input name="q"></label></form>' \
  'htmlcs WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2'
case_ browser "grey text too light to read" static/style.css '.muted { color: var(--secondary-text); }' '.muted { color: #b1b4b6; }' \
  'axe color-contrast'
case_ browser "a box too wide for a phone" static/style.css '.plan-cards { list-style: none;' '.plan-cards { min-width: 600px; list-style: none;' \
  'the page scrolls sideways'
case_ browser "links with no visible focus" static/style.css '  outline: 3px solid transparent;
  color: var(--text);
  background-color: var(--focus);
  box-shadow: 0 -2px var(--focus), 0 4px var(--text);
  text-decoration: none;' '  outline: none;' \
  'shows no visible focus'
case_ browser "no skip link" templates/base.html '<a class="skip-link" href="#main">Skip to main content</a>' '' \
  'the first Tab should reach the skip link'
case_ browser "a dashboard whose first screen is not what is overdue" templates/index.html '<div class="glance">' '<div style="height: 2000px"></div><div class="glance">' \
  'first screen does not say "overdue"'
case_ browser "a table of actions that becomes cards on a phone" static/style.css '  table.actions, table.exceptions, table.owner-actions { min-width: 34rem; }' '  table.exceptions tr, table.exceptions td { display: block; }' \
  'table.exceptions in #main loses its table semantics'

# Gate 2, the scripts: filters and search in Chromium.
case_ scripts "a filter whose count nobody hears" static/filter.js "count.setAttribute('role', 'status');" '' \
  'the count announced is ""'
case_ scripts "search results with nothing marked" static/search.js "document.createElement('mark')" "document.createElement('span')" \
  'no match is highlighted'

# Gate 3: links, ids and structure.
case_ links "a broken link" templates/base.html '<li><a href="{{ nav.feed }}">Updates feed (Atom)</a></li>' '<li><a href="{{ nav.feed }}">Updates feed (Atom)</a></li><li><a href="{{ nav.home }}no-such-page/">Missing</a></li>' \
  'broken <a href> "/no-such-page/": no file no-such-page/index.html'
case_ links "a link to a missing anchor" templates/plan.html '<h2 id="contents">Contents</h2>' '<h2 id="contents">Contents</h2><p><a href="#no-such-section">Jump</a></p>' \
  'has no element with id "no-such-section"'
case_ links "a duplicate id" templates/base.html '<header class="site-header">' '<header class="site-header" id="main">' \
  'duplicate id "main"'
case_ links "a root-relative link under a sub-path" templates/base.html '<li><a href="{{ nav.feed }}">Updates feed (Atom)</a></li>' '<li><a href="{{ nav.feed }}">Updates feed (Atom)</a></li><li><a href="/plans/">Plans</a></li>' \
  'outside the site (served at /improvement/)' sub
case_ links "a second h1" templates/index.html '<h2 id="attention">Needs attention</h2>' '<h1 id="attention">Needs attention</h1>' \
  'a page needs exactly one <h1>, this one has 2'
case_ links "a table without a caption" templates/actions_table.html '<caption class="visually-hidden" id="{{ table_label }}">{{ table_caption }}</caption>' '' \
  '<table> needs a <caption> as its first child'
case_ links "a status tag without text" templates/components.html '<strong class="tag tag--{{ status.colour }}">{{ status.label }}</strong>' '<strong class="tag tag--{{ status.colour }}"></strong>' \
  'has no text: status must never be shown by colour alone'
case_ links "no skip link" templates/base.html '<a class="skip-link" href="#main">Skip to main content</a>' '' \
  'the first focusable element must be the skip link'
case_ links "a chart without its table" templates/indicator.html '<table class="figures" id="chart-table">' '<table class="figures">' \
  'must name, with aria-describedby, a <table> on the page'

echo "selftest: $passed passed, $failed failed"
[ "$failed" = 0 ]
