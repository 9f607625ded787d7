/* One quiz: <section class="qz" data-quiz="<course>/<docname>#<n>" data-mode="practice|test|exam"> from
 * quizgen/render_html.py. Quiz() gathers the quiz's state (`q`, passed to attempt.js, grading.js, exam.js and
 * view.js) and wires its buttons. */

function firstField(q) {
  return $('.qz-q:not([hidden]) input,.qz-q:not([hidden]) textarea', q.sec);
}

// Leaving answers not yet handed in (再练一次) asks first: one tap must not lose them.
function mayDiscard(q) {
  return !hasAnswers(q) || win.confirm('重新开始会清除本次已填写的答案' + (q.draw ? '并重新抽题' : '') + '，确定吗？');
}

function Quiz(sec) {
  var key = sec.dataset.quiz;
  var items = $$('.qz-q', sec);
  var q = {
    sec: sec,
    key: key,
    mode: sec.dataset.mode,
    course: key.split('/')[0],
    inBook: !!sec.closest('.qz-book'),
    draw: sec.dataset.draw ? JSON.parse(sec.dataset.draw) : null, // 模拟考试: {type: count} per attempt
    store: openStore(key.split('/')[0]),
    items: items,
    live: items, // the questions of this attempt
    list: $('.qz-list', sec),
    score: $('.qz-score', sec),
    foot: $('.qz-foot', sec),
    timer: $('.qz-timer', sec),
    clock: el('span'),
    note: el('span', 'qz-note'),
    submit: $('.qz-submit', sec),
    retry: $('.qz-retry', sec),
    gate: $('.qz-gate', sec),
    dialog: $('.qz-dialog', sec),
    result: el('div', 'qz-result'),
    answers: JSON.parse($('.qz-data', sec).textContent),
    builtOrder: items.map(function (li) {
      return $$('.qz-opt', li); // options are shuffled from this order, so a seed always gives the same one
    }),
    attempt: null, // {seed, answers: {qid: [...]}, checked: [qid], end, finished, timeout}
    done: false,
    ticking: 0,
    review: null,
  };
  var mode = q.mode;
  q.note.setAttribute('role', 'alert');
  q.timer.append(q.clock, q.note);
  q.result.tabIndex = -1;
  q.list.before(q.result);
  sec.classList.add('qz-on');
  showStoreState(q.store);
  q.submit.hidden = mode == 'practice';
  items.forEach(function (li) {
    var checkButton = $('.qz-check', li);
    checkButton.hidden = mode != 'practice';
    checkButton.onclick = function () {
      check(q, li);
      if (
        scored(q).every(function (x) {
          return x.dataset.done;
        })
      )
        finish(q);
      else summary(q);
    };
    if (mode == 'practice')
      $('.qz-hintbtn', li).onclick = function () {
        showHint(q, li);
      };
  });
  // Every answer is kept as it is given, so that leaving the page loses nothing.
  sec.addEventListener('input', function (e) {
    var li = e.target.closest('.qz-q');
    if (!li || li.dataset.done || q.inBook) return;
    q.attempt.answers[li.dataset.qid] = answerOf(li);
    keep(q);
  });
  q.submit.onclick = function () {
    askSubmit(q);
  };
  if (q.dialog) {
    q.dialog.onclick = function (e) {
      if (e.target.value) q.dialog.close(e.target.value); // 继续作答 or 确定交卷
    };
    q.dialog.onclose = function () {
      if (q.dialog.returnValue == 'go') submitAll(q);
      else q.submit.focus();
    };
  }
  if (q.gate)
    $('.qz-start', q.gate).onclick = function () {
      startExam(q);
    };
  q.retry.onclick = function () {
    if (!mayDiscard(q)) return;
    begin(q, true);
    var first = q.gate && !q.attempt.end ? $('.qz-start', q.gate) : firstField(q);
    if (first) first.focus();
  };
  begin(q, false);
  return q;
}
