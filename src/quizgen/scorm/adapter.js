/* quizgen SCORM 1.2 adapter, shipped as _static/quizgen-scorm.js only in a site built with quizgen_scorm = True
 * (the SCORM package's learner edition), never on the plain site. Minified by the runtime's pipeline
 * (quizgen.sphinx.runtime): ES5 syntax only, like the runtime's modules.
 *
 * In the launch page (the package's index.html, the SCO) it finds the LMS's API, initialises once and keeps the
 * session while the course's pages come and go in its frame. In those pages it hands the quiz runtime a store
 * backed by cmi.suspend_data (window.quizgenStore, see static/runtime/store.js), reports the page shown and the
 * final test's score. Without an LMS the launch page opens the site itself, and the pages keep progress in
 * localStorage as always. */
(function () {
  'use strict';
  var W = window;
  var d = document;
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var SUSPEND_LIMIT = 4096; // cmi.suspend_data is a CMIString4096
  var MINUTE = 6e4;

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function each(o, f) {
    Object.keys(o).forEach(function (k) {
      f(k, o[k]);
    });
  }

  function copy(o) {
    var out = {};
    each(o, function (k, v) {
      out[k] = v;
    });
    return out;
  }

  function indexOf(list) {
    var ix = {};
    list.forEach(function (item, i) {
      ix['$' + item] = i; // '$': an id such as "constructor" is never an Object property
    });
    return function (item) {
      var i = ix['$' + item];
      return typeof i == 'number' ? i : null;
    };
  }

  /* SCORM 1.2 RTE API discovery: the API object on a parent window (at most 7 levels up), else on the opener's. */
  function findAPI(w) {
    for (var n = 0; w && n < 8; n++) {
      try {
        if (w.API && typeof w.API.LMSInitialize == 'function') return w.API;
      } catch (e) {
        /* another origin: keep looking */
      }
      if (w.parent == null || w.parent === w) break;
      w = w.parent;
    }
    return null;
  }

  /* Every call into the LMS goes through call(): an LMS that throws is an LMS that said no, never an error in the
   * learner's console. */
  function call(f) {
    try {
      return f();
    } catch (e) {
      return null;
    }
  }

  /* suspend_data (≤ 4096 characters): "1|table|quizzes|mistakes|rest". table names the package's lists of quiz
   * keys and question ids (a changed course does not misread an old record); quizzes are index.best.attempts.last
   * in base 36; mistakes a bitset over the question list, six to a character; rest the record's other fields as
   * JSON with quiz keys and question ids as short tokens. When rest does not fit, 每日练习's schedule (cards) goes
   * first, then attempts already graded, then every other field keeps only its shape: 学习记录 and 错题本 always fit
   * (a test proves it). */
  function Codec(cfg) {
    var question = indexOf(cfg.questions);
    var quiz = indexOf(cfg.quizzes);

    function n36(v) {
      return Math.max(0, Math.round(+v || 0)).toString(36);
    }

    function walk(v, f) {
      if (Array.isArray(v))
        return v.map(function (x) {
          return walk(x, f);
        });
      if (v && typeof v == 'object') {
        var o = {};
        each(v, function (k, x) {
          o[f(k)] = walk(x, f);
        });
        return o;
      }
      return typeof v == 'string' ? f(v) : v;
    }

    function token(x) {
      var i = question(x);
      if (i != null) return '~' + i.toString(36);
      i = quiz(x);
      if (i != null) return '@' + i.toString(36);
      return /^[~@\\]/.test(x) ? '\\' + x : x;
    }

    function untoken(x) {
      var c = x.charAt(0);
      if (c == '~') return cfg.questions[parseInt(x.slice(1), 36)] || x;
      if (c == '@') return cfg.quizzes[parseInt(x.slice(1), 36)] || x;
      return c == '\\' ? x.slice(1) : x;
    }

    function shape(o) {
      var out = {};
      each(o, function (k, v) {
        out[k] = Array.isArray(v) ? [] : v && typeof v == 'object' ? {} : v;
      });
      return out;
    }

    function pack(rec) {
      var quizzes = [];
      each(rec.quizzes || {}, function (key, r) {
        var i = quiz(key);
        if (i == null || !r || typeof r != 'object') return;
        var fields = [i, r.best, r.attempts];
        if (r.last != null) fields.push(r.last);
        quizzes.push(fields.map(n36).join('.'));
      });
      var bits = [];
      for (var j = 0; j < Math.ceil(cfg.questions.length / 6); j++) bits.push(0);
      (rec.mistakes || []).forEach(function (id) {
        var i = question(id);
        if (i != null) bits[(i / 6) | 0] |= 1 << i % 6;
      });
      var rest = copy(rec);
      delete rest.course;
      delete rest.quizzes;
      delete rest.mistakes;
      var mistakes = bits.map(function (b) {
        return B64.charAt(b);
      });
      var head = ['1', cfg.table, quizzes.join(','), mistakes.join('').replace(/A+$/, '')].join('|');
      var light = rest; // without 每日练习's schedule (cards), the first thing to go: it starts again from the 错题本
      if (rest.cards && typeof rest.cards == 'object') {
        light = copy(rest);
        light.cards = {};
      }
      var open = light;
      if (rest.current && typeof rest.current == 'object') {
        open = copy(light);
        open.current = {};
        each(rest.current, function (k, a) {
          if (!(a && a.finished)) open.current[k] = a;
        });
      }
      var tries = [rest, light, open, shape(rest)];
      for (var t = 0; t < tries.length; t++) {
        var s = head + '|' + JSON.stringify(walk(tries[t], token));
        if (s.length <= SUSPEND_LIMIT) return s;
      }
      return head;
    }

    // What a truncated record still holds is read; the runtime checks every value.
    function unpack(s) {
      var p = s.split('|');
      if (p[0] !== '1' || p[1] !== cfg.table) return null;
      var quizzes = {};
      var mistakes = [];
      (p[2] ? p[2].split(',') : []).forEach(function (entry) {
        var n = entry.split('.').map(function (x) {
          return parseInt(x, 36);
        });
        var key = cfg.quizzes[n[0]];
        if (key == null || !(n[1] >= 0 && n[2] >= 0)) return;
        quizzes[key] = n[3] >= 0 ? { best: n[1], attempts: n[2], last: n[3] } : { best: n[1], attempts: n[2] };
      });
      (p[3] || '').split('').forEach(function (c, j) {
        var b = B64.indexOf(c);
        for (var k = 0; b >= 0 && k < 6; k++) if ((b >> k) & 1 && cfg.questions[6 * j + k]) mistakes.push(cfg.questions[6 * j + k]);
      });
      var rec = { version: 1 };
      try {
        var o = walk(JSON.parse(p.slice(4).join('|') || '{}'), untoken);
        if (o && typeof o == 'object' && !Array.isArray(o)) each(o, function (k, v) { rec[k] = v; });
      } catch (e) {
        /* an unreadable rest: 学习记录 and 错题本 still count */
      }
      rec.course = cfg.course;
      rec.quizzes = quizzes;
      rec.mistakes = mistakes;
      return rec;
    }

    return { pack: pack, unpack: unpack };
  }

  /* Commits are few: an LMS such as Moodle answers each LMSCommit with a synchronous request (the page waits), and
   * lighter players send each as a keep-alive request with a small quota. Values are set as they change; commit()
   * runs on a page change, on grading and on exit, and a change made in between is committed within a minute. */
  function launch(cfg) {
    var A = findAPI(W.parent !== W ? W.parent : null) || (W.opener ? findAPI(W.opener) : null);
    var frame = d.getElementById('qz-frame');
    if (!A) {
      W.location.replace(cfg.start); // no LMS: the offline site, as it is
      return;
    }
    if (String(call(function () { return A.LMSInitialize(''); })) !== 'true') {
      d.getElementById('qz-lms').hidden = false; // an LMS that says no: the learner must know nothing is recorded
      frame.src = cfg.start;
      return;
    }
    var dirty = false;
    var ended = false;
    var started = Date.now();
    // null when the LMS could not answer
    function get(k) {
      return call(function () {
        var v = A.LMSGetValue(k);
        return v == null ? '' : String(v);
      });
    }
    function set(k, v) {
      var ok = String(call(function () { return A.LMSSetValue(k, String(v)); })) === 'true';
      if (ok) dirty = true;
      return ok;
    }
    function commit() {
      dirty = false;
      call(function () { return A.LMSCommit(''); });
    }
    W.setInterval(function () {
      if (dirty && !ended) commit();
    }, MINUTE);

    var codec = Codec(cfg);
    var mastery = parseFloat(get('cmi.student_data.mastery_score'));
    if (!(mastery >= 0 && mastery <= 100)) mastery = cfg.mastery;
    var best = parseFloat(get('cmi.core.score.raw'));
    if (isNaN(best)) best = -1;
    var suspend = get('cmi.suspend_data');
    var where = get('cmi.core.lesson_location');
    var status = get('cmi.core.lesson_status');
    if (!status || status == 'not attempted') set('cmi.core.lesson_status', 'incomplete'); // committed with the first page

    /* The runtime's store (store.js): a suspend_data the LMS could not give throws (progress is not saved, so as
     * not to overwrite what the LMS holds); one of a package whose quizzes or questions differ is no record (the
     * course changed: progress starts over); anything else not in this format is handed over as it is, which the
     * runtime reports as damaged and never overwrites; a save the LMS refuses throws, so the learner is told. */
    function load(course) {
      if (suspend == null) throw Error('cmi.suspend_data unreadable');
      if (course !== cfg.course || !suspend) return null;
      if (/^1\|/.test(suspend) && suspend.indexOf('1|' + cfg.table + '|') !== 0) return null; // an earlier package's
      var rec = codec.unpack(suspend);
      return rec ? JSON.stringify(rec) : suspend;
    }

    function save(course, json) {
      if (course !== cfg.course || ended) return;
      var rec;
      try {
        rec = JSON.parse(json);
      } catch (e) {
        return;
      }
      var s = codec.pack(rec);
      if (s === suspend) return;
      if (!set('cmi.suspend_data', s)) throw Error('cmi.suspend_data refused');
      suspend = s; // committed with the next page, grading or exit, or within a minute
    }

    // The page shown, relative to the site: resumed from on the next launch.
    function at(href) {
      var base = new URL(cfg.site, W.location.href).href;
      if (ended || href.indexOf(base) !== 0) return;
      var rel = href.slice(base.length).split(/[?#]/)[0] || 'index.html';
      if (rel !== where && cfg.pages.indexOf(rel) >= 0 && set('cmi.core.lesson_location', rel)) where = rel;
      if (dirty) commit();
    }

    // The final test, as a percentage against the mastery score; the best attempt counts.
    function graded(g, items) {
      var pct = Number(g && g.percent);
      if (ended || !g || !g.final || !(pct >= 0 && pct <= 100)) return;
      if (pct > best) {
        best = pct;
        set('cmi.core.score.min', 0);
        set('cmi.core.score.max', 100);
        set('cmi.core.score.raw', pct);
      }
      set('cmi.core.lesson_status', best >= mastery ? 'passed' : 'failed');
      interactions(items || []);
      commit();
    }

    /* Each question of a graded final test as cmi.interactions.n (appended, one set per attempt), for the LMS's
     * item reports: id, type, the learner's response and the correct one in SCORM 1.2's formats (choice: keys
     * a,b; true-false: t or f; fill-in: the blanks' text, comma-separated; at most 255 characters each), result
     * and latency. */
    function interactions(items) {
      var n = parseInt(get('cmi.interactions._count'), 10);
      if (!(n >= 0)) return; // an LMS without interactions
      for (var i = 0; i < items.length; i++, n++) {
        var q = items[i];
        var p = 'cmi.interactions.' + n + '.';
        if (!set(p + 'id', q.id.slice(0, 255))) return;
        set(p + 'type', q.type);
        set(p + 'student_response', q.response.slice(0, 255));
        set(p + 'correct_responses.0.pattern', q.correct.slice(0, 255));
        set(p + 'result', q.result);
        set(p + 'latency', span(q.latency));
      }
    }

    function finish() {
      if (ended) return;
      ended = true;
      var t = Math.round((Date.now() - started) / 1e3);
      set('cmi.core.session_time', two(Math.floor(t / 3600)) + ':' + two(Math.floor(t / 60) % 60) + ':' + two(t % 60));
      set('cmi.core.exit', 'suspend'); // keeps suspend_data: 学习记录 and 错题本 go on at the next launch
      commit();
      call(function () { return A.LMSFinish(''); });
    }

    W.quizgenScorm = { load: load, save: save, at: at, graded: graded };
    W.addEventListener('pagehide', finish);
    W.addEventListener('beforeunload', finish);
    frame.src = cfg.site + (cfg.pages.indexOf(where) >= 0 ? where : cfg.start.slice(cfg.site.length));
  }

  // SCORM 1.2's CMITimespan: HHHH:MM:SS.SS
  function span(ms) {
    var t = Math.max(0, Math.round(ms / 10)) / 100;
    var h = Math.min(9999, Math.floor(t / 3600));
    return two(h) + ':' + two(Math.floor(t / 60) % 60) + ':' + two(Math.floor(t % 60)) + '.' + two(Math.round((t % 1) * 100) % 100);
  }

  /* A page of the site inside the launch page's frame: the runtime's store and the page's reports go through the
   * launch page's session. */
  function page() {
    var s = null;
    try {
      var p = W.parent;
      if (p !== W && p.quizgenScorm) s = p.quizgenScorm;
    } catch (e) {
      /* a frame of another origin: no session */
    }
    if (!s) return;
    W.quizgenStore = {
      load: function (course) {
        return s.load(course);
      },
      save: function (course, json) {
        return s.save(course, json);
      },
    };
    s.at(W.location.href);
    var times = {}; // per question: the learner's first and last change to the answer
    function touch(e) {
      var li = e.target.closest && e.target.closest('li.qz-q[data-qid]');
      if (!li) return;
      var t = Date.now();
      var r = times[li.dataset.qid] || (times[li.dataset.qid] = { first: t });
      r.last = t;
    }
    d.addEventListener('input', touch, true);
    d.addEventListener('change', touch, true);
    d.addEventListener('quizgen:graded', function (e) {
      var g = e.detail || {};
      s.graded(g, g.final ? answered(g.quiz, times) : []);
    });
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* The questions of the quiz graded, as the page shows them after grading (data-done) with the answers of its
   * data. */
  function answered(quiz, times) {
    var sec = all(d, 'section.qz[data-quiz]').filter(function (x) {
      return x.dataset.quiz === quiz;
    })[0];
    if (!sec) return [];
    var data = {};
    try {
      data = JSON.parse(sec.querySelector('script.qz-data').textContent);
    } catch (e) {
      /* no answers to report */
    }
    function keys(li) {
      return all(li, 'label.qz-opt[data-key]')
        .filter(function (l) {
          return l.querySelector('input:checked');
        })
        .map(function (l) {
          return l.dataset.key;
        })
        .sort();
    }
    return all(sec, 'li.qz-q[data-qid]:not([hidden])')
      .filter(function (li) {
        return li.dataset.type !== 'open';
      })
      .map(function (li) {
        var id = li.dataset.qid;
        var kind = li.dataset.type;
        var a = (data[id] || {}).a || [];
        var t = times[id];
        var type = 'choice';
        var response = keys(li).join(',').toLowerCase();
        var correct = a.slice().sort().join(',').toLowerCase();
        if (kind === 'truefalse') {
          type = 'true-false';
          response = response.slice(0, 1);
          correct = correct.slice(0, 1);
        }
        if (kind === 'fill') {
          type = 'fill-in';
          response = all(li, 'input[data-blank]')
            .map(function (i) {
              return i.value.trim();
            })
            .join(',');
          correct = a
            .map(function (b) {
              return Array.isArray(b) ? b[0] : b;
            })
            .join(',');
        }
        return { id: id, type: type, response: response, correct: correct, result: li.dataset.done === 'right' ? 'correct' : 'wrong', latency: t ? t.last - t.first : 0 };
      });
  }

  var config = d.getElementById('qz-scorm');
  if (config) launch(JSON.parse(config.textContent));
  else page();
})();
