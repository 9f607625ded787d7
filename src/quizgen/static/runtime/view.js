/* What a quiz shows: an answered question (marks, feedback, 正确答案, 解析, 提示), a question made fresh, the 提示
 * before answering, the score line, the list of wrong answers, and the result brought into view. */

function mark(good, text) {
  return el('span', 'qz-mark ' + (good ? 'qz-ok' : 'qz-no'), text);
}

// An answered question: marks, feedback, then 正确答案, 解析 and the full 提示 quote.
function show(q, li) {
  var s = spec(q, li);
  var empty = isBlank(answerOf(li));
  var ok = li.dataset.type == 'open' ? null : !empty && isRight(q, li);
  var fb = $('.qz-fb', li);
  li.dataset.done = ok == null ? 'open' : ok ? 'right' : 'wrong';
  $$('input,textarea,button', li).forEach(function (input) {
    input.disabled = true;
  });
  $$('.qz-opt', li).forEach(function (opt) {
    var chosen = $('input', opt).checked;
    var good = s.a.indexOf(opt.dataset.key) >= 0;
    var feedback = s.fb && s.fb[opt.dataset.key];
    if (good || chosen) opt.append(mark(good, good ? (chosen ? '✓ 选对了' : '✓ 正确答案') : '✗ 选错了'));
    if (feedback) opt.append(el('span', 'qz-ofb', feedback));
  });
  if (li.dataset.shuffle == '1')
    $('.qz-answer', li).lastChild.textContent = $$('.qz-opt', li)
      .map(function (opt, i) {
        return s.a.indexOf(opt.dataset.key) >= 0 ? KEYS[i] : '';
      })
      .join('');
  if (li.dataset.type == 'fill')
    $$('input[data-blank]', li).forEach(function (input, i) {
      var good = accepts(s.a[i], input.value);
      input.setAttribute('aria-invalid', !good);
      input.after(mark(good, good ? '✓ 对' : '✗ 错'));
    });
  fb.className = 'qz-fb ' + (ok == null ? 'qz-info' : ok ? 'qz-right' : 'qz-wrong');
  fb.textContent =
    ok == null
      ? '请对照参考答案自评（简答题不计分）。'
      : ok
        ? '✓ 回答正确' + (q.inBook ? '，本题已移出错题本。' : '。')
        : (empty ? '✗ 未作答' : '✗ 回答错误') + '：正确答案、解析和原文提示见下方。';
  hide($$('.qz-pre,.qz-hintbtn', li), true);
  $('.qz-after', li).hidden = false;
  return ok;
}

function reset(q, li, n) {
  delete li.dataset.done;
  $$('.qz-mark,.qz-ofb,.qz-pre blockquote', li).forEach(function (node) {
    node.remove();
  });
  $$('input,textarea,button', li).forEach(function (input) {
    input.disabled = input.checked = false;
    if (isText(input)) input.value = '';
    input.removeAttribute('aria-invalid');
  });
  hide($$('.qz-pre', li), true);
  hide($$('.qz-hintbtn', li), false);
  $('.qz-fb', li).className = 'qz-fb';
  $('.qz-fb', li).textContent = '';
  $('.qz-after', li).hidden = true;
  // Options in an order of this attempt's own, lettered A, B, C… as shown.
  if (li.dataset.shuffle == '1')
    shuffled(q.builtOrder[n], seeded(q.attempt.seed ^ hashText(li.dataset.qid))).forEach(function (opt, i) {
      opt.parentNode.appendChild(opt);
      $('.qz-key', opt).textContent = KEYS[i] + '.';
    });
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// 提示 before answering: the cited passage with the words of the answer masked (＿＿); when they are not in it
// (a 判断题, or options in words of their own), the passage without its marked quote, which would give it away.
function showHint(q, li) {
  var s = spec(q, li);
  var box = $('.qz-pre', li);
  var quote = $('.qz-hint blockquote', li).cloneNode(true);
  var before = quote.textContent;
  var words = [];
  if (s.t == 'fill') words = [].concat.apply([], s.a);
  if (s.t == 'single' || s.t == 'multiple')
    words = s.a.map(function (k) {
      return $('[data-key="' + k + '"] .qz-text', li).textContent;
    });
  words = words
    .filter(function (w) {
      return w.trim();
    })
    .sort(function (a, b) {
      return b.length - a.length;
    });
  if (words.length) {
    var pattern = new RegExp(words.map(escapeRegExp).join('|'), 'g');
    var walker = doc.createTreeWalker(quote, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) walker.currentNode.data = walker.currentNode.data.replace(pattern, '＿＿');
  }
  if (quote.textContent == before)
    $$('mark', quote).forEach(function (m) {
      m.replaceWith(m.textContent);
    });
  box.append(quote);
  $('.qz-hintbtn', li).hidden = true;
  box.hidden = false;
  box.focus();
}

// The score line: a practice's progress, or a graded attempt's score, pass mark (80%, as 已掌握) and best.
function summary(q) {
  var result = tally(q);
  var record = q.store.data.quizzes[q.key];
  var text = '';
  if (q.mode == 'practice')
    text =
      '已检查 ' +
      scored(q).filter(function (li) {
        return li.dataset.done;
      }).length +
      ' / ' +
      result.max +
      ' 题，答对 ' +
      result.score +
      ' 题' +
      (q.live.length > result.max ? '（另有简答题 ' + (q.live.length - result.max) + ' 道，自评不计分）。' : '。');
  if (q.done) {
    text = (q.attempt.timeout ? '时间到，已自动交卷。' : '') + '得分：答对 ' + result.score + ' / ' + result.max;
    text += ' 题（' + result.percent + '%），' + (result.percent >= 80 ? '达到' : '未达到') + ' 80% 的掌握线。';
    if (q.live.length > result.max) text += '简答题 ' + (q.live.length - result.max) + ' 道不计分，请对照参考答案自评。';
    if (record && !q.inBook) text += '最好成绩 ' + record.best + '%，已完成 ' + record.attempts + ' 次。';
  }
  q.score.textContent = text;
  q.score.dataset.pass = q.done ? +(result.percent >= 80) : '';
}

// After 交卷: the questions answered wrongly, each linked, with the passage of the speech it cites.
function listWrong(q) {
  var wrong = scored(q).filter(function (li) {
    return li.dataset.done == 'wrong';
  });
  var ul = el('ul');
  var review = (q.review = el('div', 'qz-review'));
  review.append(el('p', null, wrong.length ? '答错的题（' + wrong.length + ' 道）：' : '全部答对，没有错题。'));
  wrong.forEach(function (li) {
    var item = el('li');
    var stem = $('.qz-stem', li).textContent;
    var link = el('a', null, $('.qz-num', li).textContent + '：' + (stem.length > 24 ? stem.slice(0, 24) + '…' : stem));
    link.href = '#' + li.id;
    item.append(link, el('br'), $('.qz-src', li).cloneNode(true));
    ul.append(item);
  });
  if (wrong.length) review.append(ul);
  q.score.after(review);
}

// Handed in (or out of time): the result goes above the opened questions; a new hand-in brings it into view below
// the sticky header and gives it the focus, so that it is seen and read out (a restored one stays quiet).
function showResult(q, focus) {
  var box = q.result;
  box.hidden = false;
  box.append(q.score, q.review);
  if (focus) {
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'start' });
  }
}
