// Site search (loaded by the search page only). The index is built with the
// site (see src/render/search.rs): words in buckets by their first two
// letters (search/terms/<bucket>.json), records eight to a file per source
// (search/docs/<source>/<n>.json). A query fetches one bucket per word, then
// the record files of the results it shows, a page at a time.
(function () {
  'use strict';

  var form = document.querySelector('form.search');
  if (!form || !window.fetch) return;
  var input = form.querySelector('input[name="q"]');
  var count = document.getElementById('search-count');
  var out = document.getElementById('search-results');
  var help = document.getElementById('search-help');
  var docs = form.getAttribute('data-docs');
  var terms = form.getAttribute('data-terms');
  var buckets = Number(form.getAttribute('data-buckets'));
  var CHUNK = 8;
  var PAGE = 20;
  // As the index leaves them out (src/render/search.rs, COMMON).
  var COMMON = ['an', 'and', 'are', 'as', 'at', 'be', 'been', 'by', 'for', 'from', 'has', 'have', 'in', 'is',
    'it', 'of', 'on', 'or', 'our', 'that', 'the', 'this', 'to', 'was', 'we', 'were', 'which', 'will', 'with'];
  var KINDS = [
    ['plan', 'Plans'], ['section', 'Sections of plans'], ['recommendation', 'Recommendations'],
    ['action', 'Actions'], ['inspection', 'Inspections'], ['finding', 'Inspection findings'],
    ['indicator', 'Indicators'], ['briefing', 'Briefings'], ['owner', 'Owners'], ['page', 'Pages']
  ];
  // As the index takes them off (src/render/index.rs, ENDINGS).
  var ENDINGS = ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'ments', 'ment', 'ness', 'ed', 'es', 's'];
  var SPLIT = /[^\p{Alphabetic}\p{N}]+/u;
  var PIECES = /([\p{Alphabetic}\p{N}]+)/u;
  var fetched = {};
  var latest = 0;

  help.textContent = 'Type one or more words: results contain every word, in any of its forms ("adopted" finds "adoption").';

  function stem(word) {
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = ENDINGS[i];
      if (word.length > ending.length && word.slice(-ending.length) === ending &&
          Array.from(word.slice(0, -ending.length)).length >= 4) {
        return word.slice(0, -ending.length);
      }
    }
    return word;
  }

  function words(text) {
    var seen = [];
    text.toLowerCase().split(SPLIT).forEach(function (w) {
      if (Array.from(w).length < 2 || COMMON.indexOf(w) >= 0) return;
      var s = stem(w);
      if (seen.indexOf(s) < 0) seen.push(s);
    });
    return seen;
  }

  // 31 × hash + code point, in 32 bits (src/render/index.rs, bucket).
  function bucketOf(word) {
    var hash = 0;
    Array.from(word).forEach(function (c) { hash = (Math.imul(hash, 31) + c.codePointAt(0)) >>> 0; });
    return hash % buckets;
  }

  function json(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ' answered ' + response.status);
        return response.json();
      });
    }
    return fetched[url];
  }

  // Records holding `word`: "source#place" → weight. A very common word
  // lists only some of its records, and how many it is in under "".
  function matches(word) {
    return json(terms + bucketOf(word) + '.json').then(function (bucket) {
      var found = new Map();
      var entry = bucket[word] || {};
      Object.keys(entry).forEach(function (source) {
        if (source === '') {
          found.total = entry[''][0];
          return;
        }
        entry[source].forEach(function (n) {
          found.set(source + '#' + (n >> 1), (n & 1) ? 3 : 1);
        });
      });
      return found;
    });
  }

  function record(key) {
    var at = key.lastIndexOf('#');
    var source = key.slice(0, at);
    var place = Number(key.slice(at + 1));
    return json(docs + source + '/' + Math.floor(place / CHUNK) + '.json').then(function (chunk) {
      return chunk[place % CHUNK];
    });
  }

  // Text with each word that starts with a query word in <mark>.
  function marked(text, query, parent) {
    text.split(PIECES).forEach(function (piece, i) {
      var lower = piece.toLowerCase();
      var hit = i % 2 === 1 && query.indexOf(stem(lower)) >= 0;
      if (hit) {
        var mark = document.createElement('mark');
        mark.textContent = piece;
        parent.appendChild(mark);
      } else if (piece) {
        parent.appendChild(document.createTextNode(piece));
      }
    });
  }

  // About 30 words around the first match.
  function excerpt(text, query) {
    var pieces = text.split(/(\s+)/);
    var first = pieces.findIndex(function (p) {
      return p.toLowerCase().split(SPLIT).some(function (w) { return w && query.indexOf(stem(w)) >= 0; });
    });
    if (first < 0) first = 0;
    var start = Math.max(0, first - 20);
    var end = Math.min(pieces.length, first + 40);
    return (start > 0 ? '… ' : '') + pieces.slice(start, end).join('').trim() + (end < pieces.length ? ' …' : '');
  }

  function show(query, ranked, shown) {
    var token = latest;
    var page = ranked.slice(0, shown);
    return Promise.all(page.map(function (hit) { return record(hit.key); })).then(function (records) {
      if (token !== latest) return;
      out.textContent = '';
      var noun = ranked.length === 1 ? 'result' : 'results';
      count.textContent = ranked.length + ' ' + noun + ' for “' + input.value.trim() + '”' +
        (ranked.length > shown ? ', the first ' + shown + ' shown.' : '.');
      KINDS.forEach(function (kind) {
        var mine = records.filter(function (r) { return r && r.kind === kind[0]; });
        if (!mine.length) return;
        var section = document.createElement('section');
        section.className = 'search-group';
        var heading = document.createElement('h2');
        heading.textContent = kind[1] + ' (' + mine.length + ')';
        section.appendChild(heading);
        var list = document.createElement('ol');
        list.className = 'search-list';
        mine.forEach(function (r) {
          var item = document.createElement('li');
          item.className = 'search-result';
          var title = document.createElement('a');
          title.href = r.url;
          title.className = 'search-result__title';
          marked(r.title, query, title);
          item.appendChild(title);
          var about = document.createElement('p');
          about.className = 'search-result__about';
          if (r.status) {
            var status = document.createElement('strong');
            // Each status in its own colour, as on the plan's page; "none" only for no status.
            status.className = 'tag tag--' + (/^[a-z]+$/.test(r.colour || '') ? r.colour : 'none');
            status.textContent = r.status;
            about.appendChild(status);
            about.appendChild(document.createTextNode(' '));
          }
          if (r.context) about.appendChild(document.createTextNode(r.context));
          if (about.childNodes.length) item.appendChild(about);
          if (r.text) {
            var text = document.createElement('p');
            text.className = 'search-result__text';
            marked(excerpt(r.text, query), query, text);
            item.appendChild(text);
          }
          list.appendChild(item);
        });
        section.appendChild(list);
        out.appendChild(section);
      });
      if (ranked.length > shown) {
        var more = document.createElement('button');
        more.type = 'button';
        more.className = 'search-more';
        more.textContent = 'Show ' + Math.min(PAGE, ranked.length - shown) + ' more results';
        more.addEventListener('click', function () {
          show(query, ranked, shown + PAGE).then(function () {
            var links = out.querySelectorAll('a.search-result__title');
            if (links[shown]) links[shown].focus();
          });
        });
        out.appendChild(more);
      }
    });
  }

  function run(text) {
    var query = words(text);
    var token = ++latest;
    if (!query.length) {
      out.textContent = '';
      count.textContent = text.trim() ? 'Type a word of two letters or more.' : '';
      return Promise.resolve();
    }
    count.textContent = 'Searching…';
    return Promise.all(query.map(matches)).then(function (found) {
      if (token !== latest) return undefined;
      // Every word must match; a record scores the sum of its words' weights.
      var ranked = [];
      found[0].forEach(function (weight, key) {
        var score = weight;
        for (var i = 1; i < found.length; i++) {
          if (!found[i].has(key)) return;
          score += found[i].get(key);
        }
        ranked.push({ key: key, score: score });
      });
      var common = found.filter(function (f) { return f.total; }).length > 0;
      ranked.sort(function (a, b) { return b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0); });
      if (!ranked.length) {
        out.textContent = '';
        count.textContent = 'No results for “' + text.trim() + '”.';
        return undefined;
      }
      return show(query, ranked, PAGE).then(function () {
        if (common && token === latest) {
          count.textContent += ' A word you searched for is in so many records that only some are listed: add another word to narrow the search.';
        }
      });
    }).catch(function (error) {
      count.textContent = 'The search index could not be read (' + error.message + ').';
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = input.value.trim();
    var address = window.location.pathname + (q ? '?q=' + encodeURIComponent(q) : '');
    if (address !== window.location.pathname + window.location.search) window.history.pushState(null, '', address);
    run(q);
  });
  window.addEventListener('popstate', function () {
    input.value = new URLSearchParams(window.location.search).get('q') || '';
    run(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get('q') || '';
  if (initial) {
    input.value = initial;
    run(initial);
  }
}());
