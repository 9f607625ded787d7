/* Grading: whether an answer is right, checking one question (and 错题本), the score, and finishing an attempt
 * (the record's best and attempts, the quizgen:graded event). */

function spec(q, li) {
  return q.answers[li.dataset.qid] || { a: [] };
}

function accepts(accepted, value) {
  return (accepted || []).some(function (x) {
    return norm(x) == norm(value);
  });
}

// The auto-scored questions of this attempt (简答题 are never scored).
function scored(q) {
  return q.live.filter(function (li) {
    return li.dataset.type != 'open';
  });
}

function isRight(q, li) {
  var s = spec(q, li);
  var given = answerOf(li);
  if (s.t == 'fill')
    return given.every(function (v, i) {
      return accepts(s.a[i], v);
    });
  return given.sort().join() == s.a.slice().sort().join();
}

function tally(q) {
  var auto = scored(q);
  var right = auto.filter(function (li) {
    return li.dataset.done == 'right';
  }).length;
  return { score: right, max: auto.length, percent: auto.length ? Math.round((100 * right) / auto.length) : 0 };
}

// Checks one question and keeps 错题本 up to date; `all` when 交卷 checks them all (saved once, by finish).
function check(q, li, all) {
  var open = li.dataset.type == 'open';
  var fb = $('.qz-fb', li);
  if (isBlank(answerOf(li)) && !all) {
    fb.className = 'qz-fb qz-info';
    fb.textContent = open ? '请先写下你的回答，再看参考答案。' : '请先作答，再检查答案。';
    return;
  }
  var ok = show(q, li);
  var mistakes = q.store.data.mistakes;
  var at = mistakes.indexOf(li.dataset.qid);
  var checked = q.attempt.checked;
  if (ok && at >= 0) mistakes.splice(at, 1);
  if (ok === false && !isBlank(answerOf(li)) && at < 0) mistakes.push(li.dataset.qid);
  if (checked.indexOf(li.dataset.qid) < 0) checked.push(li.dataset.qid);
  emit('checked', { course: q.course, quiz: q.key, qid: li.dataset.qid, right: ok });
  if (all) return;
  fb.tabIndex = -1;
  fb.focus();
  keep(q);
}

function submitAll(q) {
  q.live.forEach(function (li) {
    if (!li.dataset.done) check(q, li, true);
  });
  finish(q);
}

// Graded: the score, the record (best, attempts) and quizgen:graded; not again when an attempt is restored.
function finish(q, restoring) {
  if (q.done) return;
  q.done = true;
  stopTimer(q);
  q.submit.disabled = true;
  var result = tally(q);
  var store = q.store;
  if (!restoring) {
    q.attempt.finished = true;
    if (q.attempt.t0 > 0) q.attempt.took = Math.round((Date.now() - q.attempt.t0) / 1e3); // 我的成绩 sends it
    if (!q.inBook && result.max) {
      var record = store.data.quizzes[q.key] || { best: 0, attempts: 0 };
      record.attempts++;
      record.best = Math.max(record.best, result.percent);
      record.last = result.percent;
      store.data.quizzes[q.key] = record;
      emit('graded', {
        course: q.course,
        quiz: q.key,
        mode: q.mode,
        final: q.sec.dataset.final == '1',
        score: result.score,
        max: result.max,
        percent: result.percent,
      });
    }
    keep(q);
  }
  summary(q);
  if (q.mode != 'practice') {
    listWrong(q);
    showResult(q, !restoring);
  }
}
