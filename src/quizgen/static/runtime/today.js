/* 每日练习's schedule: which five questions are today's (错题 that are due first, then other questions due for
 * review by FSRS, then questions not yet seen from the lessons the learner has studied) and the line that says how
 * many are left and the streak. The record keeps each question's card ("cards") and the day's set and streak
 * ("daily"; RECORD.md). Also the home page's page script (<p class="qz-today" data-qz-page="today" data-index>). */

// Days since 1970 in the learner's time zone: a new day starts at local midnight.
function today() {
  var now = new Date();
  return Math.floor((now.getTime() - now.getTimezoneOffset() * 6e4) / 864e5);
}

function cardOf(data, qid) {
  var c = isObject(data.cards) && data.cards[qid];
  return Array.isArray(c) && c.length == 4 && c.every(isFinite) && c[0] > 0 && c[1] >= 1 && c[1] <= 10 ? c : null;
}

// The record's "daily" entry, made plausible in place: {day, qids, streak, last} (a record may hold anything).
function dailyOf(data) {
  var d = isObject(data.daily) ? data.daily : (data.daily = {});
  if (!Array.isArray(d.qids)) d.qids = [];
  d.streak >>>= 0;
  return d;
}

// Today's questions (the set drawn earlier today, if any).
function todaysSet(data, index, day) {
  var daily = dailyOf(data);
  if (daily.day === day) return daily.qids;
  var all = [].concat.apply([], index.q);
  var studied = {};
  function fileOf(qid) {
    return index.q.findIndex(function (ids) {
      return ids.indexOf(qid) >= 0;
    });
  }
  function due(qid) {
    var c = cardOf(data, qid);
    return !c || c[3] <= day;
  }
  Object.keys(data.quizzes)
    .concat(Object.keys(data.current))
    .forEach(function (k) {
      (index.d[k.slice(k.indexOf('/') + 1).split('#')[0]] || []).forEach(function (f) {
        studied[f] = 1;
      });
    });
  Object.keys(isObject(data.cards) ? data.cards : {}).forEach(function (qid) {
    studied[fileOf(qid)] = 1; // a lesson met through its 错题 stays studied
  });
  var wrong = data.mistakes.filter(function (qid) {
    studied[fileOf(qid)] = 1;
    return all.indexOf(qid) >= 0 && due(qid);
  });
  var reviews = all
    .filter(function (qid) {
      return cardOf(data, qid) && due(qid) && wrong.indexOf(qid) < 0;
    })
    .sort(function (a, b) {
      return cardOf(data, a)[3] - cardOf(data, b)[3];
    });
  var unseen = all.filter(function (qid) {
    return !cardOf(data, qid) && wrong.indexOf(qid) < 0 && studied[fileOf(qid)];
  });
  return wrong.concat(reviews, unseen).slice(0, 5);
}

// The line: 今日待练 N 题 (or done, or nothing to practise yet) and the streak; returns how many are left.
function tellToday(line, store, qids, day) {
  var data = store.data;
  var daily = dailyOf(data);
  var left = qids.filter(function (qid) {
    var c = cardOf(data, qid);
    return !c || c[2] != day;
  }).length;
  var streak = daily.last >= day - 1 ? daily.streak : 0;
  line.textContent =
    !qids.length && !Object.keys(data.cards || {}).length
      ? '还没有可练的题：学完一课、做过课后自测后，每日练习每天为你安排 5 道题。'
      : (left
          ? '今日待练 ' + left + ' 题'
          : qids.length
            ? '今天的 ' + qids.length + ' 道题已练完，明天再来'
            : '今天没有到期要复习的题，学完新的一课后会有新题') + (streak ? '，已连续练习 ' + streak + ' 天。' : '。');
  return left;
}

$$('[data-qz-page=today]').forEach(function (line) {
  var store = openStore(line.dataset.course);
  tellToday(line, store, todaysSet(store.data, JSON.parse(line.dataset.index), today()), today());
});
