/* Questions built from the compact data files (quizgen/sphinx/question_data.py), for pages that show only some of
 * them (错题本, 每日练习): the same elements as render_html.question_html, text through textContent only. A page
 * script module: the page's index (data-index) names the files, which load by script tags (file:// allows them). */

function add(parent, kids) {
  kids.forEach(function (kid) {
    if (kid != null) parent.append(kid); // strings become text nodes
  });
  return parent;
}

function tag(name, className, kids, attrs) {
  var node = add(el(name, className), kids || []);
  Object.keys(attrs || {}).forEach(function (k) {
    node.setAttribute(k, attrs[k]);
  });
  return node;
}

// Loads the data files `names` (once each) and calls back when all are there; a file that fails is skipped.
function loadData(names, then) {
  var data = (win.quizgenData = win.quizgenData || {});
  var base = $('script[src*="quizgen.js"]').src.replace(/quizgen\.js.*/, 'qz-data/');
  var left = names.length + 1;
  function one() {
    if (!--left) then(data);
  }
  names.forEach(function (name) {
    if (data[name]) return one();
    var s = el('script');
    s.src = base + name + '.js';
    s.onload = s.onerror = one;
    doc.head.append(s);
  });
  one();
}

// The passage cited, with the quoted words marked (as render_html.highlight).
function passage(anchor, quote, speech) {
  var text = (speech[anchor] || [''])[0];
  var at = text.indexOf(quote);
  if (at < 0) return [quote];
  return [text.slice(0, at), tag('mark', null, [quote]), text.slice(at + quote.length)];
}

function controls(r, name) {
  var t = r.t;
  if (t == 'fill')
    return tag(
      'div',
      'qz-blanks',
      r.s.slice(1).map(function (x, i) {
        return tag('label', 'qz-blank', [
          '第 ' + (i + 1) + ' 空 ',
          tag('input', null, [], {
            type: 'text',
            autocomplete: 'off',
            name: name + '-' + (i + 1),
            'data-blank': i + 1,
            style: 'width:' + r.w[i] + 'em',
          }),
        ]);
      })
    );
  var options = t == 'truefalse' ? [['T', ' 正确'], ['F', ' 错误']] : r.o;
  return tag(
    'div',
    'qz-opts',
    options.map(function (o) {
      var input = tag('input', null, [], { type: t == 'multiple' ? 'checkbox' : 'radio', name: name, value: o[0] });
      var kids = t == 'truefalse' ? [input, o[1]] : [input, tag('span', 'qz-key', [o[0] + '.']), ' ', tag('span', 'qz-text', [o[1]])];
      return tag('label', 'qz-opt', kids, { 'data-key': o[0] });
    })
  );
}

// One question, numbered n, of the quiz `key` (its anchor tells its elements apart on the page).
function renderQuestion(r, qid, n, key, index, speech) {
  var stem = [r.s[0]];
  r.s.slice(1).forEach(function (part, i) {
    stem.push(tag('span', 'qz-gap', ['（' + (i + 1) + '）____']), part);
  });
  var cite = r.c;
  var li = tag(
    'li',
    'qz-q',
    [
      tag('fieldset', null, [
        tag('legend', null, [
          tag('span', 'qz-num', ['第 ' + n + ' 题']),
          ' ',
          tag('span', 'qz-type', [index.n[r.t]]),
          r.k ? ' ' : null,
          r.k ? tag('span', 'qz-kind', [index.k]) : null,
          ' ',
          tag('span', 'qz-stem', stem),
        ]),
        controls(r, key + '|' + qid),
      ]),
      tag('div', 'qz-row', [tag('button', 'qz-check', ['检查答案']), tag('button', 'qz-hintbtn', ['提示'])]),
      tag('div', 'qz-pre', [tag('strong', null, ['提示']), r.m ? '（答案处以＿＿代替）' : '：答案就在这段原文里'], {
        tabindex: -1,
        hidden: '',
      }),
      tag('div', 'qz-fb', [], { role: 'status', 'aria-live': 'polite' }),
      tag(
        'div',
        'qz-after',
        [
          tag('p', 'qz-answer', [tag('strong', null, ['正确答案：']), r.at]),
          tag('div', 'qz-expl', [tag('strong', null, ['解析']), tag('p', null, [r.x])]),
          tag('div', 'qz-hint', [
            tag('strong', null, ['提示：讲话原文']),
            tag('blockquote', null, passage(cite[0], cite[1], speech)),
            tag('a', 'qz-src', ['查看原文：' + (speech[cite[0]] || [0, cite[0]])[1]], { href: index.h + '#' + cite[0] }),
          ]),
        ],
        { hidden: '' }
      ),
    ],
    { id: 'q' + key.split('#')[1] + '-' + qid, 'data-qid': qid, 'data-type': r.t, 'data-shuffle': r.sh ? 1 : 0 }
  );
  $$('button', li).forEach(function (b) {
    b.type = 'button';
  });
  return li;
}

// Fills the quiz `sec` with the questions `qids` (in that order) and starts it; `done` gets the quiz's state.
function fillQuiz(sec, qids, done) {
  var index = JSON.parse(sec.parentNode.dataset.index);
  var files = [];
  qids.forEach(function (qid) {
    index.q.forEach(function (ids, i) {
      if (ids.indexOf(qid) >= 0 && files.indexOf(index.f[i]) < 0) files.push(index.f[i]);
    });
  });
  loadData(files.length ? files.concat('speech') : [], function (data) {
    var answers = {};
    var n = 0;
    qids.forEach(function (qid) {
      var r;
      files.forEach(function (f) {
        r = r || (data[f] && data[f][qid]);
      });
      if (!r) return; // no longer in the course
      answers[qid] = r.a;
      $('.qz-list', sec).append(renderQuestion(r, qid, ++n, sec.dataset.quiz, index, data.speech || {}));
    });
    $('.qz-data', sec).textContent = JSON.stringify(answers);
    done(Quiz(sec));
  });
}
