/* 学习记录 (<div class="qz-progress" data-course>): status, best score and bars; export, import, clear. */

var STATUS = { new: '未开始', tried: '已练习', done: '已掌握' };

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
      var status = !record ? 'new' : best >= 80 ? 'done' : 'tried';
      row.dataset.status = status;
      $('.qz-st', row).textContent = STATUS[status];
      $('.qz-best', row).textContent = record ? best + '%（' + record.attempts + ' 次）' : '—';
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
    doc.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 9999);
    note('学习记录已导出为 JSON 文件。');
  };

  // A record of any earlier version is accepted and upgraded.
  $('.qz-import', box).onchange = function (e) {
    var file = e.target.files[0];
    if (!file) return;
    file
      .text()
      .then(function (text) {
        var o = JSON.parse(text);
        delete o.exported;
        var record = upgrade(o);
        if (!record || record.course !== course) throw 0;
        store.error = '';
        store.data = record;
        saveStore(store);
        draw();
        note(
          '已导入学习记录：' + Object.keys(record.quizzes).length + ' 个自测，' + record.mistakes.length + ' 道错题。' +
            (store.error ? STORE_MESSAGES[store.error] : '')
        );
      })
      .catch(function () {
        note('导入失败：所选文件不是本课程的学习记录。');
      });
    e.target.value = '';
  };

  $('.qz-clear', box).onclick = function () {
    if (!win.confirm('确定清除本课程的全部学习记录和错题本吗？')) return;
    clearStore(store);
    draw();
    note('学习记录已清除。');
  };

  draw();
  return draw;
}
