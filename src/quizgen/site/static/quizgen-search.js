/* search.html only (quizgen/site/search_page.py): learner pages first, then the pages that use the searched words
   most; under each result a snippet with the words marked, cut from the page texts in quizgen-search-texts.js,
   which a script tag loads from file:// too (Sphinx's own snippets need fetch(), which Chromium refuses there). */
(function () {
  "use strict";
  var data = window.QZ_SEARCH;
  var box = document.getElementById("search-results");
  if (!data || !box || typeof Scorer === "undefined") return;
  var query = new URLSearchParams(location.search).get("q") || "";
  var words = query.split(/[^\p{L}\p{N}_]+/u).filter(function (w) { return w.length > 1; });  // as Sphinx splits it
  if (!words.length) return;
  words.sort(function (a, b) { return b.length - a.length; });
  var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi");
  var learner = new Set(data.learner);

  function uses(text) {
    return (text.match(pattern) || []).length;
  }

  var sphinxScore = Scorer.score;
  Scorer.score = function (result) {
    var score = sphinxScore ? sphinxScore(result) : result[4];
    return score + (learner.has(result[0]) ? 1000 : 0) + Math.min(uses(data.texts[result[0]] || ""), 500);
  };

  function snippet(text) {
    pattern.lastIndex = 0;
    var found = pattern.exec(text);
    if (!found) return null;
    // the sentence the words are in, at most 40 characters before them and 80 after
    var start = found.index, end = found.index + found[0].length;
    while (start > 0 && found.index - start < 40 && !/[。！？；]/.test(text[start - 1])) start--;
    while (end < text.length && end - found.index < 80 && !/[。！？；]/.test(text[end - 1])) end++;
    var piece = text.slice(start, end).trim();
    if (start > 0 && !/[。！？；]/.test(text[start - 1])) piece = "…" + piece;
    if (end < text.length && !/[。！？；]/.test(text[end - 1])) piece += "…";
    var p = document.createElement("p"), last = 0, m;
    p.className = "context qz-snippet";
    pattern.lastIndex = 0;
    while ((m = pattern.exec(piece))) {
      p.append(piece.slice(last, m.index));
      p.appendChild(document.createElement("mark")).textContent = m[0];
      last = m.index + m[0].length;
    }
    p.append(piece.slice(last));
    return p;
  }

  function addSnippets() {
    box.querySelectorAll("ul.search > li:not([data-qz-snippet])").forEach(function (li) {
      li.setAttribute("data-qz-snippet", "");
      var link = li.querySelector("a");
      var doc = link ? (link.getAttribute("href") || "").replace(/#.*$/, "").replace(/\.html$/, "") : "";
      var p = snippet(data.texts[doc] || "");
      if (p) li.appendChild(p);
    });
  }
  new MutationObserver(addSnippets).observe(box, { childList: true, subtree: true });
})();
