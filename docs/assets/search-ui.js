// Search with Pagefind in Material's header search box (overrides/partials/search.html): the
// part loaded by search.js once the reader opens the search, or arrives from a result.
//
// Then pagefind/pagefind.js loads, and it fetches only the index fragments of the page's <html lang>
// that the words typed need. A hit in policy text is shown as its clause: the sentence with the
// words found marked, linked to the clause's anchor. Clause ids and their text come from
// Pagefind's "anchors" (every element with an id): a clause is a <span id> whose words hold a
// hit location; its "<id>--ord" span holds the hidden compound parts (publish/search.py).
(function () {
  "use strict";
  var box = document.querySelector("[data-policy-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) {
    return;
  }
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var form = box.querySelector("form");
  var t = function (key) { return box.getAttribute("data-t-" + key) || ""; };
  var pagefind = null;
  var timer = null;
  var latest = 0;
  var PAGES = 5; // results whose fragments are fetched at once; "more" fetches the next ones
  var more = box.querySelector(".policy-search-more");
  var found = null;
  var loaded = [];
  var MAX_CLAUSES = 5;

  function load() {
    if (!pagefind) {
      meta.textContent = t("initializer");
      var url = new URL(box.getAttribute("data-pagefind"), document.baseURI);
      pagefind = import(url.href).then(function (pf) {
        // Result URLs from the site's root, wherever it is served; long documents are the policy
        // text itself, so their length does not rank them down.
        // No web worker: one script less to fetch (12 KB gzip); a query takes milliseconds.
        return pf.options({ baseUrl: new URL("..", url).pathname, excerptLength: 24, noWorker: true,
                            ranking: { pageLength: 0.1, termFrequency: 0.6 } }).then(function () {
          meta.textContent = t("placeholder");
          return pf;
        });
      });
    }
    return pagefind;
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function words(text) {
    return text.trim().split(/\s+/).filter(Boolean);
  }

  // The clauses of a result that hold a hit: [{id, html (the sentence, words found marked), hits}],
  // most hits first. Word n of the page is word n of data.content (Pagefind's locations count
  // words); a clause's own words run from its anchor to its hidden "--ord" words or the next anchor.
  function clauses(data, terms) {
    var content = words(data.content);
    var byId = {};
    var starts = data.anchors.map(function (a) { byId[a.id] = a; return a.location; });
    var found = [];
    data.anchors.forEach(function (a) {
      if (a.element !== "span" || a.id.indexOf("--") >= 0 || a.id.indexOf("term-") === 0) { // glossary terms are no clauses
        return;
      }
      var parts = byId[a.id + "--ord"];
      var next = starts.filter(function (l) { return l > a.location; }).concat([content.length]);
      var n = parts ? parts.location - a.location : Math.min(Math.min.apply(null, next) - a.location, words(a.text).length);
      var end = parts ? parts.location + words(parts.text).length : a.location + n;
      var at = {};
      var hits = 0;
      data.locations.forEach(function (loc) {
        if (loc >= a.location && loc < end) {
          hits += 1;
          at[loc - a.location] = true;
        }
      });
      if (!hits || n <= 0) {
        return;
      }
      var html = content.slice(a.location, a.location + n).map(function (w, i) {
        var lower = w.toLowerCase();
        var marked = at[i] || terms.some(function (term) { return term.length > 3 && lower.indexOf(term) >= 0; });
        return marked ? "<mark>" + escape(w) + "</mark>" : escape(w);
      }).join(" ");
      found.push({ id: a.id, html: html, hits: hits, order: found.length });
    });
    return found.sort(function (x, y) { return y.hits - x.hits || x.order - y.order; });
  }

  function link(href, title, text, level) {
    title = String(title).replace(/\s*\u00b6$/, "");  // the heading's permalink mark, read with its text
    var icon = level === 1 ? '<div class="md-search-result__icon md-icon"></div>' : "";
    var heading = level === 1 ? "<h1>" + escape(title) + "</h1>" : "<h2>" + escape(title) + "</h2>";
    return '<a href="' + escape(href) + '" class="md-search-result__link">' +
      '<article class="md-search-result__article' + (level === 1 ? " md-search-result__article--document" : "") +
      ' md-typeset">' + icon + heading + (text ? "<p>" + text + "</p>" : "") + "</article></a>";
  }

  function withTerms(url, terms) {
    var hash = url.indexOf("#");
    var base = hash < 0 ? url : url.slice(0, hash);
    return base + (base.indexOf("?") < 0 ? "?" : "&") + "h=" + encodeURIComponent(terms.join(" ")) +
      (hash < 0 ? "" : url.slice(hash));
  }

  function render(results, terms, count) {
    meta.textContent = count === 0 ? t("none") : count === 1 ? t("one") : t("other").replace("#", count);
    // Policy text first: pages with hits in clauses, then the others, each in Pagefind's order.
    var shown = results.map(function (data, rank) {
      return { data: data, rank: rank, hits: clauses(data, terms) };
    }).sort(function (x, y) { return (y.hits.length > 0) - (x.hits.length > 0) || x.rank - y.rank; });
    list.innerHTML = shown.map(function (item) {
      var data = item.data;
      var hits = item.hits;
      var title = (data.meta && data.meta.title) || data.url;
      var out = link(withTerms(hits.length ? data.url + "#" + hits[0].id : data.url, terms), title,
                     hits.length ? "" : data.excerpt, 1);
      if (hits.length) {
        // Titled as the pages cite the clause ("Strategin, avsnitt 4, punkt 4"): the § link's
        // data-cite, Pagefind's metadata "cite-ID" (render/clause_ext.py).
        var clause = function (c) {
          var name = (data.meta && data.meta["cite-" + c.id]) || "§ " + c.id;
          return link(withTerms(data.url + "#" + c.id, terms), name, c.html, 2);
        };
        out += hits.slice(0, MAX_CLAUSES).map(clause).join("");
        var rest = hits.slice(MAX_CLAUSES);
        if (rest.length) { // as Material's "N more on this page"
          out += '<details class="md-search-result__more"><summary><div>' +
            escape(t(rest.length === 1 ? "more-one" : "more-other").replace("#", rest.length)) + "</div></summary>" +
            rest.map(clause).join("") + "</details>";
        }
      } else {
        // A heading's section as its own result, unless it would repeat an excerpt already shown.
        var excerpts = [data.excerpt];
        out += (data.sub_results || []).filter(function (s) {
          var fresh = s.url !== data.url && excerpts.indexOf(s.excerpt) < 0;
          excerpts.push(s.excerpt);
          return fresh;
        }).slice(0, 3).map(function (s) {
          return link(withTerms(s.url, terms), s.title, s.excerpt, 2);
        }).join("");
      }
      return '<li class="md-search-result__item">' + out + "</li>";
    }).join("");
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.innerHTML = "";
      more.hidden = true;
      meta.textContent = t("placeholder");
      return;
    }
    var terms = query.toLowerCase().split(/[\s\-]+/).filter(Boolean);
    load().then(function (pf) { return pf.search(query); }).then(function (result) {
      if (ticket !== latest) {
        return;
      }
      found = { results: result.results, terms: terms, ticket: ticket, query: query };
      loaded = [];
      return next();
    });
  }

  // The next PAGES results' fragments, then the list again (policy text first among those shown).
  function next() {
    var current = found;
    var batch = current.results.slice(loaded.length, loaded.length + PAGES);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (current.ticket === latest) {
        loaded = loaded.concat(data);
        // No policy text among the first results: fetch a few more before showing any, once.
        var policy = loaded.some(function (d) { return clauses(d, current.terms).length; });
        if (!policy && loaded.length === PAGES && current.results.length > PAGES) {
          return next();
        }
        render(loaded, current.terms, current.results.length);
        list.setAttribute("data-query", current.query); // which query the list shows (for tests)
        more.hidden = loaded.length >= current.results.length;
      }
    });
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      input.focus();
      load();
    }
  });
  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) {
      first.click();
    }
  });
  form.addEventListener("reset", function () {
    setTimeout(search, 0);
  });
  more.addEventListener("click", function () {
    var count = loaded.length;
    next().then(function () {
      var first = list.querySelectorAll(".md-search-result__item")[count];
      var target = first && first.querySelector("a");
      if (target) {
        target.focus(); // keyboard users continue where the new results begin
      }
    });
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) {
      close(); // a link to the same page only moves to the anchor: leave the search
    }
  });

  // Keyboard in the open search (search.js opens it on "/", "s" or "f"): arrows move between the
  // results and Escape closes it.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || !toggle.checked) {
      return;
    }
    var active = document.activeElement;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var index = links.indexOf(active);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!links.length) {
        return;
      }
      event.preventDefault();
      var next = event.key === "ArrowDown" ? index + 1 : index - 1;
      if (next < 0) {
        input.focus();
      } else {
        links[Math.min(next, links.length - 1)].focus();
      }
    }
  });

  // Opened before this script arrived: catch up with what the reader has done meanwhile.
  if (toggle.checked) {
    load();
    if (input.value.trim()) {
      search();
    }
  }

  // A page opened from a result (?h=words#clause): mark the words in the clause (or the article).
  var terms = new URLSearchParams(window.location.search).get("h");
  if (terms) {
    var scope = (window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)))) ||
      document.querySelector("article");
    var stems = terms.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; }).map(function (w) {
      return w.length > 5 ? w.slice(0, Math.max(4, w.length - 2)) : w;
    });
    if (scope && stems.length) {
      var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) {
        if (!walker.currentNode.parentElement.closest("a, mark, [hidden], .cited-in")) {
          nodes.push(walker.currentNode);
        }
      }
      nodes.forEach(function (node) {
        var parts = node.textContent.split(/(\s+)/);
        if (!parts.some(function (p) { return stems.some(function (s) { return p.toLowerCase().indexOf(s) >= 0; }); })) {
          return;
        }
        var frag = document.createDocumentFragment();
        parts.forEach(function (p) {
          if (p && stems.some(function (s) { return p.toLowerCase().indexOf(s) >= 0; })) {
            var mark = document.createElement("mark");
            mark.textContent = p;
            frag.appendChild(mark);
          } else {
            frag.appendChild(document.createTextNode(p));
          }
        });
        node.parentNode.replaceChild(frag, node);
      });
    }
  }
})();
