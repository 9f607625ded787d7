/* 学习记录 (<div class="qz-progress" data-course>): status, best score and bars; export, import, clear. A page
 * script: loaded only by the page that holds 学习记录 (quizgen/sphinx/runtime.py, PAGE_SCRIPTS). */

var STATUS = { new: '未开始', going: '进行中', tried: '已练习', done: '已掌握' };

// Merges record `o` into `data` (see 导入 below); returns [quizzes changed, mistakes added, cards changed].
function merge(data, o) {
  var changed = 0;
  var cardsChanged = 0;
  var before = data.mistakes.length;
  Object.keys(o.quizzes).forEach(function (k) {
    var b = o.quizzes[k];
    var a = data.quizzes[k] || b;
    var newer = b.attempts > a.attempts ? b : a;
    var r = { best: Math.max(a.best, b.best), attempts: newer.attempts, last: newer.last };
    if (JSON.stringify(r) != JSON.stringify(data.quizzes[k])) changed++;
    data.quizzes[k] = r;
  });
  data.mistakes = Array.from(new Set(data.mistakes.concat(o.mistakes)));
  // 每日练习's cards: per question the one reviewed last (a card is [stability, difficulty, last day, due day]).
  var theirs = isObject(o.cards) ? o.cards : {};
  Object.keys(theirs).forEach(function (k) {
    var b = theirs[k];
    var cards = isObject(data.cards) ? data.cards : (data.cards = {});
    var ok = Array.isArray(b) && b.length == 4 && b.every(isFinite);
    if (ok && (!Array.isArray(cards[k]) || b[2] > cards[k][2])) {
      cards[k] = b;
      cardsChanged++;
    }
  });
  if (!isObject(data.daily) && isObject(o.daily)) data.daily = o.daily;
  // Attempts in progress the browser does not have (answers given on another computer) come along.
  Object.keys(o.current).forEach(function (k) {
    if (!data.current[k]) changed += !!(data.current[k] = o.current[k]);
  });
  return [changed, data.mistakes.length - before, cardsChanged];
}

function Progress(box) {
  var course = box.dataset.course;
  var store = openStore(course);

  function note(text) {
    $('.qz-io-msg', box).textContent = text;
  }

  function draw() {
    var records = store.data.quizzes;
    var modules = {};
    showStoreState(store);
    $$('tr[data-quiz]', box).forEach(function (row) {
      var record = records[row.dataset.quiz];
      var best = record ? record.best : 0;
      // A first attempt not yet finished is under way, not 未开始: count the questions answered in it.
      var current = store.data.current[row.dataset.quiz];
      var answered = isObject(current) && isObject(current.answers) ? Object.keys(current.answers).length : 0;
      var status = !record ? (answered ? 'going' : 'new') : best >= 80 ? 'done' : 'tried';
      row.dataset.status = status;
      $('.qz-st', row).textContent = STATUS[status];
      $('.qz-best', row).textContent = record
        ? best + '%（' + record.attempts + ' 次）'
        : answered
          ? '—（已答 ' + answered + ' 题）'
          : '—';
      (modules[row.dataset.module] = modules[row.dataset.module] || []).push(best);
    });
    $$('[data-module-bar]', box).forEach(function (li) {
      var bests = modules[li.dataset.moduleBar] || [0];
      var sum = bests.reduce(function (x, y) {
        return x + y;
      }, 0);
      var mean = Math.round(sum / bests.length);
      $('.qz-fill', li).style.width = mean + '%';
      $('.qz-val', li).textContent = mean + '%';
      $('.qz-bar', li).setAttribute('aria-valuenow', mean);
    });
    $('.qz-nmist', box).textContent = store.data.mistakes.length;
  }

  $('.qz-export', box).onclick = function () {
    var link = el('a');
    var json = JSON.stringify(Object.assign({}, store.data, { exported: new Date().toISOString() }), null, 1);
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.download = 'quizgen-' + course + '-学习记录.json';
    link.click(); // the blob's URL lives until the page is left: a record is small
    note('学习记录已导出为 JSON 文件。');
  };

  // 导入 merges the file into the record kept here, never the other way round: importing an older export loses
  // nothing newer. Per quiz the best score is the higher one and the attempts the larger number (not the sum: the
  // same or an older export of this record, the usual case, must not count attempts twice); `last` comes from the
  // record with more attempts, the newer one in a shared history. 错题本 gains the file's mistakes after its own.
  // The attempts in progress (`current`) stay those of this browser; those it has not (answers given elsewhere)
  // come from the file. 每日练习's cards: per question the one reviewed last. A file that is not a valid record of this
  // course, whole, is refused and changes nothing; a record of any earlier version is upgraded. A record is some
  // tens of kilobytes (localStorage holds about 5 million characters a site): a file over 5 MB is refused.
  $('.qz-import', box).onchange = function (e) {
    var file = e.target.files[0];
    e.target.value = '';
    if (file)
      file
        .slice(0, 5e6)
        .text()
        .then(function (text) {
          // U+FFFD: bytes that are not UTF-8
          var o = file.size <= 5e6 && !/\ufffd/.test(text) && upgrade(JSON.parse(text));
          if (!o || o.course !== course || lastDropped()) throw 0;
          readStore(store); // with what other pages saved meanwhile (a damaged record stays unsaved over)
          var changed = merge(store.data, o);
          if (changed[0] + changed[1] + changed[2]) saveStore(store);
          draw();
          note(
            '已合并：' +
              changed[0] +
              ' 个自测有更新，新增 ' +
              changed[1] +
              ' 道错题。' +
              (changed[2] ? '每日练习有 ' + changed[2] + ' 道题的复习安排更新。' : '') +
              storeMessage(store)
          );
        })
        .catch(function () {
          note('导入失败：所选文件不是本课程的学习记录。');
        });
  };

  $('.qz-clear', box).onclick = function () {
    if (!win.confirm('确定清除本课程的全部学习记录和错题本吗？')) return;
    clearStore(store);
    draw();
    note('学习记录已清除。');
  };

  draw();
  // Back from the back/forward cache: the shared runtime has read the record again (main.js); show it.
  win.addEventListener('pageshow', function (e) {
    if (e.persisted) draw();
  });
}

$$('.qz-progress[data-course]').forEach(Progress);
