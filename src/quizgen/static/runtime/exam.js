/* 交卷 and the 模拟考试's clock: the question before handing in with blanks, 开始考试, the countdown and its
 * notices, and an attempt whose time ran out while the page was closed. */

// 交卷 with questions left blank asks first, in the page: a <dialog>, not window.confirm.
function askSubmit(q) {
  var blank = q.live.filter(function (li) {
    return isBlank(answerOf(li));
  }).length;
  if (!blank) return submitAll(q);
  $('.qz-unanswered', q.dialog).textContent = blank;
  q.dialog.returnValue = '';
  q.dialog.showModal();
  $('.qz-stay', q.dialog).focus();
}

function stopTimer(q) {
  clearInterval(q.ticking);
  q.timer.hidden = true;
}

function runTimer(q) {
  var warned = false;
  function tick() {
    var left = Math.max(0, Math.round((q.attempt.end - Date.now()) / 1e3));
    q.clock.textContent = '剩余时间 ' + pad2(Math.floor(left / 60)) + ':' + pad2(left % 60);
    if (left <= 0) {
      q.attempt.timeout = true;
      submitAll(q); // the result, which says 时间到, comes into view and takes focus
    } else if (left <= 60 && !warned) {
      warned = true;
      q.note.textContent = '还剩 1 分钟。'; // in the sticky timer, where the learner is, and announced
    }
  }
  q.list.before(q.timer);
  q.timer.hidden = false;
  clearInterval(q.ticking);
  q.ticking = setInterval(tick, 250);
  tick();
}

// 模拟考试: nothing is shown or timed until 开始考试.
function showGate(q, started) {
  q.gate.hidden = started;
  q.list.hidden = q.submit.hidden = q.retry.hidden = !started;
}

// When a 模拟考试 started now would end.
function examEnd(q) {
  var hook = /[?&]quiz-seconds=(\d{1,5})/.exec(location.search); // tests shorten the exam
  return Date.now() + 1e3 * (hook ? +hook[1] : 60 * (+q.sec.dataset.minutes || 30));
}

function startExam(q) {
  q.attempt.end = examEnd(q);
  q.attempt.t0 = Date.now();
  keep(q);
  showGate(q, true);
  runTimer(q);
  firstField(q).focus();
}

// After begin(): a graded attempt as it was left, a running exam's countdown, or a practice's summary.
function startOrResume(q) {
  var attempt = q.attempt;
  var gate = q.gate;
  // An exam's end that is not a number, or is later than a whole exam from now (a clock set back, an edited
  // record), restarts the countdown with the answers kept; one in the past submits as when time ran out away.
  var latest = examEnd(q);
  if (gate && attempt.end) attempt.end = typeof attempt.end == 'number' && attempt.end < latest ? attempt.end : latest;
  if (gate) showGate(q, !!(attempt.end || attempt.finished));
  if (attempt.finished) {
    if (q.mode != 'practice')
      q.live.forEach(function (li) {
        show(q, li);
      });
    finish(q, true);
  } else if (gate && attempt.end) {
    if (Date.now() < attempt.end) runTimer(q);
    else {
      attempt.timeout = true; // the time ran out while the page was closed
      submitAll(q);
    }
  } else if (attempt.checked.length) summary(q);
}
