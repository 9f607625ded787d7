/* 我的成绩 (<section class="qz-mine" data-course data-version data-tests>): the learner's name and unit, kept in
 * this browser, and the 成绩码 of the progress record, to copy into WeChat or save as a file. A page script of
 * 学习记录 (quizgen/sphinx/runtime.py, PAGE_SCRIPTS). The code's format, and the Python reader that must read
 * every code this writes, character for character the same as its encoder: quizgen/results/code.py. */

var RAW = new RegExp('^[A-Za-z0-9-]$|^[\\p{L}\\p{N}]$', 'u'); // non-ASCII letters and digits stay as they are
var CRC = [];
for (var n = 0; n < 256; n++) {
  var c = n;
  for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC[n] = c >>> 0;
}

function crc32(text) {
  var bytes = new TextEncoder().encode(text);
  var crc = 0xffffffff;
  for (var i = 0; i < bytes.length; i++) crc = CRC[(crc ^ bytes[i]) & 255] ^ (crc >>> 8);
  return ('0000000' + ((crc ^ 0xffffffff) >>> 0).toString(16)).slice(-8);
}

function esc(text) {
  return Array.from(String(text).toWellFormed ? String(text).toWellFormed() : String(text))
    .map(function (ch) {
      if (RAW.test(ch)) return ch;
      return Array.from(new TextEncoder().encode(ch))
        .map(function (b) {
          return '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
        })
        .join('');
    })
    .join('');
}

// Front coding: each item after one base-36 digit, how many leading characters (code points, as Python counts
// them) it shares with the one before.
function front(items) {
  var before = [];
  return items.map(function (text) {
    var item = Array.from(text);
    var shared = 0;
    while (shared < Math.min(item.length, before.length, 35) && item[shared] == before[shared]) shared++;
    before = item;
    return shared.toString(36) + item.slice(shared).join('');
  });
}

function byText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function today() {
  var d = new Date();
  return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate());
}

// The 成绩码 of `data` (a progress record): see quizgen/results/code.py.
function resultsCode(data, course, version, name, unit, tests) {
  var prefix = course + '/';
  var keys = Object.keys(data.quizzes)
    .filter(function (k) {
      return k.indexOf(prefix) == 0;
    })
    .map(function (k) {
      return { key: k, coded: esc(k.slice(prefix.length)) };
    })
    .sort(function (a, b) {
      return byText(a.coded, b.coded);
    });
  var coded = front(
    keys.map(function (x) {
      return x.coded;
    })
  );
  var lines = [[course, version, name, unit, today()].map(esc).join('*')];
  keys.forEach(function (x, i) {
    var r = data.quizzes[x.key];
    var attempt = data.current[x.key];
    var items = [];
    if (tests.indexOf(x.key) >= 0 && isObject(attempt) && attempt.finished && Array.isArray(attempt.checked)) {
      var answers = isObject(attempt.answers) ? attempt.answers : {};
      var ids = attempt.checked
        .filter(function (id) {
          return typeof id == 'string';
        })
        .map(function (id) {
          return { id: id, coded: esc(id) };
        })
        .sort(function (a, b) {
          return byText(a.coded, b.coded);
        });
      var codedIds = front(
        ids.map(function (y) {
          return y.coded;
        })
      );
      items = ids.map(function (y, j) {
        var given = Array.isArray(answers[y.id]) ? answers[y.id] : [];
        var parts = given.map(function (p) {
          return esc(Array.from(typeof p == 'string' ? p : '').slice(0, 24).join(''));
        });
        return codedIds[j] + '_' + parts.join(',');
      });
    }
    var last = typeof r.last == 'number' ? r.last : r.best;
    var took = items.length && attempt.took >= 0 && attempt.took <= 1e8 ? Math.round(attempt.took) : '';
    lines.push([coded[i], Math.round(r.best), Math.round(last), r.attempts, took, items.join('~')].join('*'));
  });
  var body = 'QG1.' + lines.join('!');
  return body + '.' + crc32(body);
}

function Mine(box) {
  var course = box.dataset.course;
  var store = openStore(course);
  var key = 'quizgen:' + course + ':learner';
  var name = $('.qz-name', box);
  var unit = $('.qz-unit', box);
  var out = $('.qz-code', box);
  var msg = $('.qz-code-msg', box);
  var saved = {};
  try {
    saved = JSON.parse(win.localStorage.getItem(key)) || {};
  } catch (e) {}
  name.value = typeof saved.name == 'string' ? saved.name : '';
  unit.value = typeof saved.unit == 'string' ? saved.unit : '';

  function make() {
    var who = { name: name.value.trim(), unit: unit.value.trim() };
    if (!who.name) {
      msg.textContent = '请先填写姓名，培训老师靠它对应到你。';
      name.focus();
      return '';
    }
    try {
      win.localStorage.setItem(key, JSON.stringify(who));
    } catch (e) {}
    readStore(store); // what other pages saved meanwhile
    var code = resultsCode(store.data, course, box.dataset.version, who.name, who.unit, JSON.parse(box.dataset.tests));
    out.value = code;
    out.hidden = false;
    return code;
  }

  function copied() {
    msg.textContent = '成绩码已复制（' + out.value.length + ' 个字符）：请到微信中粘贴，发送给培训老师。';
  }

  $('.qz-code-copy', box).onclick = function () {
    if (!make()) return;
    out.select();
    var clip = win.navigator.clipboard;
    if (clip && clip.writeText) clip.writeText(out.value).then(copied, fallback);
    else fallback();
    function fallback() {
      out.select();
      if (doc.execCommand && doc.execCommand('copy')) copied();
      else msg.textContent = '无法自动复制：请长按上面的成绩码，全选后复制。';
    }
  };

  $('.qz-code-save', box).onclick = function () {
    var code = make();
    if (!code) return;
    var text = '课程成绩（' + name.value.trim() + '，' + unit.value.trim() + '）\n请把本文件发给培训老师。\n\n' + code + '\n';
    var link = el('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    link.download = '成绩-' + name.value.trim() + '.txt';
    link.click();
    msg.textContent = '已保存为文件。若在微信中无法保存，请改用“复制成绩码”。';
  };
}

$$('.qz-mine[data-course]').forEach(Mine);
