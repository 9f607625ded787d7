/* The attempt in progress: the answers as given, the questions of this attempt, a new attempt or the stored one,
 * kept in the progress record's "current" entry for the quiz (its format: RECORD.md), so that a reload or Back
 * restores it. `q` is one quiz's state, made by Quiz() (quiz.js). */

// A question's answer fields: its blanks, its text box, or its options' radio buttons or check boxes.
function fields(li) {
  var type = li.dataset.type;
  return $$(type == 'fill' ? 'input[data-blank]' : type == 'open' ? 'textarea' : 'input', li);
}

function isText(input) {
  return /text/.test(input.type); // text and textarea
}

function answerOf(li) {
  return fields(li)
    .filter(function (input) {
      return input.checked || isText(input);
    })
    .map(function (input) {
      return input.value;
    });
}

// Answers restored from the record, which may hold anything: only strings reach the page.
function putAnswer(li, answer) {
  fields(li).forEach(function (input, i) {
    if (isText(input)) input.value = typeof answer[i] == 'string' ? answer[i] : '';
    else input.checked = answer.indexOf(input.value) >= 0;
  });
}

function isBlank(answer) {
  return answer.every(function (v) {
    return !v.trim();
  });
}

// Whether leaving this attempt would lose answers the learner gave and has not handed in.
function hasAnswers(q) {
  return (
    !q.done &&
    q.live.some(function (li) {
      return !li.dataset.done && !isBlank(answerOf(li));
    })
  );
}

// The 错题本 keeps no attempt: what was answered right there leaves it on reload.
function keep(q) {
  if (!q.inBook) q.store.data.current[q.key] = q.attempt;
  saveStore(q.store);
}

// The questions of this attempt: all of them, the 错题本's mistakes, or a draw by type (模拟考试).
function chooseLive(q) {
  var items = q.items;
  if (q.inBook)
    q.live = items.filter(function (li) {
      return q.store.data.mistakes.indexOf(li.dataset.qid) >= 0;
    });
  if (q.draw) {
    var random = seeded(q.attempt.seed);
    var chosen = [];
    Object.keys(q.draw).forEach(function (type) {
      var ofType = items.filter(function (li) {
        return li.dataset.type == type;
      });
      chosen = chosen.concat(shuffled(ofType, random).slice(0, q.draw[type]));
    });
    q.live = items.filter(function (li) {
      return chosen.indexOf(li) >= 0;
    });
  }
  items.forEach(function (li) {
    li.hidden = q.live.indexOf(li) < 0;
  });
  q.live.forEach(function (li, i) {
    $('.qz-num', li).textContent = '第 ' + (i + 1) + ' 题';
  });
  if (q.inBook) {
    $('.qz-meta', q.sec).textContent = '错题 ' + q.live.length + ' 道';
    $('.qz-empty', q.sec.parentNode).hidden = !!q.live.length;
  }
}

// A new attempt (再练一次, or none stored), or the stored one as it was left.
function begin(q, fresh) {
  var store = q.store;
  var saved = !q.inBook && !fresh && store.data.current[q.key];
  var record = store.data.quizzes[q.key];
  var attempt;
  q.done = false;
  stopTimer(q);
  q.submit.disabled = false;
  if (q.review) q.review.remove();
  q.foot.append(q.score); // back from the result box of the attempt before
  q.result.hidden = true;
  // A stored attempt is used as far as it makes sense: a seed draws as it did before (seeded() and the option
  // order take it as a 32-bit integer) unless it is not a number (converting junk could throw: it draws as 0
  // did); answers for questions no longer on the page stay in the record unused.
  attempt = q.attempt = isObject(saved) ? saved : { seed: newSeed(), answers: {}, checked: [], t0: Date.now() };
  if (typeof attempt.seed != 'number') attempt.seed = 0;
  if (!isObject(attempt.answers)) attempt.answers = {};
  if (!Array.isArray(attempt.checked)) attempt.checked = [];
  chooseLive(q);
  q.items.forEach(function (li, n) {
    reset(q, li, n);
  });
  q.score.textContent = record && !q.inBook ? '上次为止最好成绩 ' + record.best + '%，已完成 ' + record.attempts + ' 次。' : '';
  if (!saved && (q.draw || (fresh && store.data.current[q.key]))) keep(q); // a draw must survive a reload
  q.live.forEach(function (li) {
    var given = attempt.answers[li.dataset.qid];
    if (Array.isArray(given)) putAnswer(li, given);
  });
  if (q.mode == 'practice')
    q.live.forEach(function (li) {
      if (attempt.checked.indexOf(li.dataset.qid) >= 0) show(q, li);
    });
  startOrResume(q);
}
