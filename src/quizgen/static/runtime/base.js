/* Shared helpers: DOM shortcuts, answer normalisation, a seeded random generator, events.
 *
 * The modules in this folder share one function scope: quizgen/sphinx/runtime.py joins them in order and
 * minifies the result (calmjs.parse, which reads ES5: hence var and function rather than const and =>) into
 * _static/quizgen.js. Text reaches the page only through textContent. */

var doc = document;
var win = window;
var KEYS = 'ABCDEFGH';

function $(selector, root) {
  return (root || doc).querySelector(selector);
}

function $$(selector, root) {
  return Array.from((root || doc).querySelectorAll(selector));
}

function el(tag, className, text) {
  var node = doc.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

function isObject(o) {
  return !!o && typeof o == 'object' && !Array.isArray(o);
}

function hide(nodes, hidden) {
  nodes.forEach(function (node) {
    node.hidden = hidden;
  });
}

// The same as quizgen.model.normalize_answer: NFKC, full case folding, no whitespace (str.isspace) or
// punctuation (Unicode P*). A test compares both on every assigned code point.
function norm(s) {
  return String(s)
    .normalize('NFKC')
    .replace(/[^ı]+/g, function (x) {
      return x.toUpperCase().toLowerCase();
    })
    .replace(/ß/g, 'ss')
    .replace(/ς/g, 'σ')
    .replace(/[\uab70-\uabbf\u13f8-\u13fd]/g, function (c) {
      return c.toUpperCase();
    })
    .replace(/[\t-\r\x1c-\x1f\x85\p{Z}\p{P}]/gu, ''); // \p{Z}: the spaces and line and paragraph separators
}

// FNV-1a: a number from a question id, so that each question gets an option order of its own.
function hashText(text) {
  var h = 2166136261;
  for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// mulberry32: the same seed gives the same sequence, so an attempt's stored seed redraws the same
// questions and option orders after a reload.
function seeded(seed) {
  var a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    var t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(list, random) {
  var out = list.slice();
  for (var i = out.length - 1; i > 0; i--) {
    var j = Math.floor(random() * (i + 1));
    var swap = out[i];
    out[i] = out[j];
    out[j] = swap;
  }
  return out;
}

function newSeed() {
  return Math.floor(Math.random() * 2147483647);
}

// quizgen:ready, quizgen:graded, quizgen:saved: the contract with LMS adapters (store.js).
function emit(name, detail) {
  doc.dispatchEvent(new CustomEvent('quizgen:' + name, { detail: detail }));
}
