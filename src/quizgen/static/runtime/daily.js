/* 每日练习 (<div class="qz-daily" data-qz-page="daily" data-index>): today's five questions (today.js), built
 * from the data files (render.js); each answer rates the question's FSRS card (fsrs.js): right Good, wrong Again. */

$$('[data-qz-page=daily]').forEach(function (box) {
  var index = JSON.parse(box.dataset.index);
  var store = openStore(box.dataset.course);
  var sec = $('section.qz', box);
  var line = $('.qz-today', box);
  var day = today();
  var qids = todaysSet(store.data, index, day);

  function tell() {
    return tellToday(line, store, qids, day);
  }

  var key = sec.dataset.quiz;
  var daily = dailyOf(store.data);
  if (daily.day !== day) {
    daily.day = day;
    daily.qids = qids;
    delete store.data.current[key]; // yesterday's attempt
    saveStore(store);
  }
  tell();
  doc.addEventListener('quizgen:checked', function (e) {
    var x = e.detail;
    if (x.quiz != key || typeof x.right != 'boolean') return;
    var data = store.data;
    var d = dailyOf(data);
    if (!isObject(data.cards)) data.cards = {};
    data.cards[x.qid] = review(cardOf(data, x.qid), x.right ? 3 : 1, day); // Good or Again; saved by the quiz
    if (!tell() && d.last != day) {
      d.streak = d.last == day - 1 ? d.streak + 1 : 1;
      d.last = day;
      tell();
    }
  });
  fillQuiz(sec, qids, function (q) {
    q.retry.hidden = true; // one review a day per question
    $('.qz-meta', sec).textContent = '练习 · 共 ' + qids.length + ' 题';
    sec.hidden = !qids.length;
  });
});
