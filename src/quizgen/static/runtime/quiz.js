/* One quiz: <section class="qz" data-quiz="<course>/<docname>#<n>" data-mode="practice|test|exam"> from
 * quizgen/render_html.py. The attempt in progress (its seed, answers, checked questions, the exam's end time,
 * whether it was graded) is the progress record's "current" entry for the quiz, so a reload or Back restores it. */

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

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function Quiz(sec) {
  var key = sec.dataset.quiz;
  var mode = sec.dataset.mode;
  var course = key.split('/')[0];
  var inBook = !!sec.closest('.qz-book');
  var draw = sec.dataset.draw ? JSON.parse(sec.dataset.draw) : null; // 模拟考试: {type: count} per attempt
  var store = openStore(course);
  var items = $$('.qz-q', sec);
  var list = $('.qz-list', sec);
  var score = $('.qz-score', sec);
  var timer = $('.qz-timer', sec);
  var submit = $('.qz-submit', sec);
  var retry = $('.qz-retry', sec);
  var gate = $('.qz-gate', sec);
  var dialog = $('.qz-dialog', sec);
  var builtOrder = items.map(function (li) {
    return $$('.qz-opt', li); // options are shuffled from this order, so a seed always gives the same one
  });
  var answers = JSON.parse($('.qz-data', sec).textContent);
  var live = items; // the questions of this attempt
  var attempt; // {seed, answers: {qid: [...]}, checked: [qid], end, finished, timeout}
  var done = false;
  var ticking = 0;
  var review;

  function spec(li) {
    return answers[li.dataset.qid] || { a: [] };
  }

  function accepts(accepted, value) {
    return (accepted || []).some(function (x) {
      return norm(x) == norm(value);
    });
  }

  function scored() {
    return live.filter(function (li) {
      return li.dataset.type != 'open';
    });
  }

  // The 错题本 keeps no attempt: what was answered right there leaves it on reload.
  function keep() {
    if (!inBook) store.data.current[key] = attempt;
    saveStore(store);
  }

  function isRight(li) {
    var q = spec(li);
    var given = answerOf(li);
    if (q.t == 'fill')
      return given.every(function (v, i) {
        return accepts(q.a[i], v);
      });
    return given.sort().join() == q.a.slice().sort().join();
  }

  function mark(good, text) {
    return el('span', 'qz-mark ' + (good ? 'qz-ok' : 'qz-no'), text);
  }

  // An answered question: marks, feedback, then 正确答案, 解析 and the full 提示 quote.
  function show(li) {
    var q = spec(li);
    var empty = isBlank(answerOf(li));
    var ok = li.dataset.type == 'open' ? null : !empty && isRight(li);
    var fb = $('.qz-fb', li);
    li.dataset.done = ok == null ? 'open' : ok ? 'right' : 'wrong';
    $$('input,textarea,button', li).forEach(function (input) {
      input.disabled = true;
    });
    $$('.qz-opt', li).forEach(function (opt) {
      var chosen = $('input', opt).checked;
      var good = q.a.indexOf(opt.dataset.key) >= 0;
      var feedback = q.fb && q.fb[opt.dataset.key];
      if (good || chosen) opt.append(mark(good, good ? (chosen ? '✓ 选对了' : '✓ 正确答案') : '✗ 选错了'));
      if (feedback) opt.append(el('span', 'qz-ofb', feedback));
    });
    if (li.dataset.shuffle == '1')
      $('.qz-answer', li).lastChild.textContent = $$('.qz-opt', li)
        .map(function (opt, i) {
          return q.a.indexOf(opt.dataset.key) >= 0 ? KEYS[i] : '';
        })
        .join('');
    if (li.dataset.type == 'fill')
      $$('input[data-blank]', li).forEach(function (input, i) {
        var good = accepts(q.a[i], input.value);
        input.setAttribute('aria-invalid', !good);
        input.after(mark(good, good ? '✓ 对' : '✗ 错'));
      });
    fb.className = 'qz-fb ' + (ok == null ? 'qz-info' : ok ? 'qz-right' : 'qz-wrong');
    fb.textContent =
      ok == null
        ? '请对照参考答案自评（简答题不计分）。'
        : ok
          ? '✓ 回答正确' + (inBook ? '，本题已移出错题本。' : '。')
          : (empty ? '✗ 未作答' : '✗ 回答错误') + '：正确答案、解析和原文提示见下方。';
    hide($$('.qz-pre,.qz-hintbtn', li), true);
    $('.qz-after', li).hidden = false;
    return ok;
  }

  function reset(li, n) {
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
      shuffled(builtOrder[n], seeded(attempt.seed ^ hashText(li.dataset.qid))).forEach(function (opt, i) {
        opt.parentNode.appendChild(opt);
        $('.qz-key', opt).textContent = KEYS[i] + '.';
      });
  }

  // 提示 before answering: the cited passage with the words of the answer masked (＿＿); when they are not in it
  // (a 判断题, or options in words of their own), the passage without its marked quote, which would give it away.
  function showHint(li) {
    var q = spec(li);
    var box = $('.qz-pre', li);
    var quote = $('.qz-hint blockquote', li).cloneNode(true);
    var before = quote.textContent;
    var words = [];
    if (q.t == 'fill') words = [].concat.apply([], q.a);
    if (q.t == 'single' || q.t == 'multiple')
      words = q.a.map(function (k) {
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

  function tally() {
    var auto = scored();
    var right = auto.filter(function (li) {
      return li.dataset.done == 'right';
    }).length;
    return { score: right, max: auto.length, percent: auto.length ? Math.round((100 * right) / auto.length) : 0 };
  }

  function summary() {
    var result = tally();
    var record = store.data.quizzes[key];
    var text = '';
    if (mode == 'practice') {
      var checked = scored().filter(function (li) {
        return li.dataset.done;
      }).length;
      text = '已检查 ' + checked + ' / ' + result.max + ' 题，答对 ' + result.score + ' 题。';
    }
    if (done) {
      text = (attempt.timeout ? '时间到，已自动交卷。' : '') + '得分：答对 ' + result.score + ' / ' + result.max;
      text += ' 题（' + result.percent + '%）。';
      if (live.length > result.max) text += '简答题 ' + (live.length - result.max) + ' 道不计分，请对照参考答案自评。';
      if (record && !inBook) text += '最好成绩 ' + record.best + '%，已完成 ' + record.attempts + ' 次。';
    }
    score.textContent = text;
  }

  // After 交卷: the questions answered wrongly, each linked, with the passage of the speech it cites.
  function listWrong() {
    var wrong = scored().filter(function (li) {
      return li.dataset.done == 'wrong';
    });
    var ul = el('ul');
    review = el('div', 'qz-review');
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
    score.after(review);
  }

  // Graded: the score, the record (best, attempts) and quizgen:graded; not again when an attempt is restored.
  function finish(restoring) {
    if (done) return;
    done = true;
    stopTimer();
    submit.disabled = true;
    var result = tally();
    if (!restoring) {
      attempt.finished = true;
      if (!inBook && result.max) {
        var record = store.data.quizzes[key] || { best: 0, attempts: 0 };
        record.attempts++;
        record.best = Math.max(record.best, result.percent);
        record.last = result.percent;
        store.data.quizzes[key] = record;
        emit('graded', {
          course: course,
          quiz: key,
          mode: mode,
          final: sec.dataset.final == '1',
          score: result.score,
          max: result.max,
          percent: result.percent,
        });
      }
      keep();
    }
    summary();
    if (mode != 'practice') listWrong();
  }

  // Checks one question and keeps 错题本 up to date; `all` when 交卷 checks them all (saved once, by finish).
  function check(li, all) {
    var open = li.dataset.type == 'open';
    var fb = $('.qz-fb', li);
    if (isBlank(answerOf(li)) && !all) {
      fb.className = 'qz-fb qz-info';
      fb.textContent = open ? '请先写下你的回答，再看参考答案。' : '请先作答，再检查答案。';
      return;
    }
    var ok = show(li);
    var mistakes = store.data.mistakes;
    var at = mistakes.indexOf(li.dataset.qid);
    if (ok && at >= 0) mistakes.splice(at, 1);
    if (ok === false && !isBlank(answerOf(li)) && at < 0) mistakes.push(li.dataset.qid);
    if (attempt.checked.indexOf(li.dataset.qid) < 0) attempt.checked.push(li.dataset.qid);
    if (all) return;
    fb.tabIndex = -1;
    fb.focus();
    keep();
  }

  function submitAll() {
    live.forEach(function (li) {
      if (!li.dataset.done) check(li, true);
    });
    finish();
  }

  // 交卷 with questions left blank asks first, in the page: a <dialog>, not window.confirm.
  function askSubmit() {
    var blank = live.filter(function (li) {
      return isBlank(answerOf(li));
    }).length;
    if (!blank) return submitAll();
    $('.qz-unanswered', dialog).textContent = blank;
    dialog.returnValue = '';
    dialog.showModal();
    $('.qz-stay', dialog).focus();
  }

  function stopTimer() {
    clearInterval(ticking);
    timer.hidden = true;
  }

  function runTimer() {
    var warned = false;
    function tick() {
      var left = Math.max(0, Math.round((attempt.end - Date.now()) / 1e3));
      timer.textContent = '剩余时间 ' + pad2(Math.floor(left / 60)) + ':' + pad2(left % 60);
      if (left <= 0) {
        attempt.timeout = true;
        submitAll();
      } else if (left <= 60 && !warned) {
        warned = true;
        score.textContent = '还剩 1 分钟。';
      }
    }
    list.before(timer);
    timer.hidden = false;
    clearInterval(ticking);
    ticking = setInterval(tick, 250);
    tick();
  }

  // 模拟考试: nothing is shown or timed until 开始考试.
  function showGate(started) {
    gate.hidden = started;
    list.hidden = submit.hidden = retry.hidden = !started;
  }

  // When a 模拟考试 started now would end.
  function examEnd() {
    var hook = /[?&]quiz-seconds=(\d{1,5})/.exec(location.search); // tests shorten the exam
    return Date.now() + 1e3 * (hook ? +hook[1] : 60 * (+sec.dataset.minutes || 30));
  }

  function startExam() {
    attempt.end = examEnd();
    keep();
    showGate(true);
    runTimer();
    $('.qz-q:not([hidden]) input,.qz-q:not([hidden]) textarea', sec).focus();
  }

  // The questions of this attempt: all of them, the 错题本's mistakes, or a draw by type (模拟考试).
  function chooseLive() {
    if (inBook)
      live = items.filter(function (li) {
        return store.data.mistakes.indexOf(li.dataset.qid) >= 0;
      });
    if (draw) {
      var random = seeded(attempt.seed);
      var chosen = [];
      Object.keys(draw).forEach(function (type) {
        var ofType = items.filter(function (li) {
          return li.dataset.type == type;
        });
        chosen = chosen.concat(shuffled(ofType, random).slice(0, draw[type]));
      });
      live = items.filter(function (li) {
        return chosen.indexOf(li) >= 0;
      });
    }
    items.forEach(function (li) {
      li.hidden = live.indexOf(li) < 0;
    });
    live.forEach(function (li, i) {
      $('.qz-num', li).textContent = '第 ' + (i + 1) + ' 题';
    });
    if (inBook) {
      $('.qz-meta', sec).textContent = '错题 ' + live.length + ' 道';
      $('.qz-empty', sec.parentNode).hidden = !!live.length;
    }
  }

  // A new attempt (再练一次, or none stored), or the stored one as it was left.
  function begin(fresh) {
    var saved = !inBook && !fresh && store.data.current[key];
    var record = store.data.quizzes[key];
    done = false;
    stopTimer();
    submit.disabled = false;
    if (review) review.remove();
    // A stored attempt is used as far as it makes sense: a seed draws as it did before (seeded() and the option
    // order take it as a 32-bit integer) unless it is not a number (converting junk could throw: it draws as 0
    // did); answers for questions no longer on the page stay in the record unused.
    attempt = isObject(saved) ? saved : { seed: newSeed(), answers: {}, checked: [] };
    if (typeof attempt.seed != 'number') attempt.seed = 0;
    if (!isObject(attempt.answers)) attempt.answers = {};
    if (!Array.isArray(attempt.checked)) attempt.checked = [];
    chooseLive();
    items.forEach(reset);
    score.textContent = record && !inBook ? '上次为止最好成绩 ' + record.best + '%，已完成 ' + record.attempts + ' 次。' : '';
    if (!saved && (draw || (fresh && store.data.current[key]))) keep(); // a draw must survive a reload
    live.forEach(function (li) {
      var given = attempt.answers[li.dataset.qid];
      if (Array.isArray(given)) putAnswer(li, given);
    });
    if (mode == 'practice')
      live.forEach(function (li) {
        if (attempt.checked.indexOf(li.dataset.qid) >= 0) show(li);
      });
    // An exam's end that is not a number, or is later than a whole exam from now (a clock set back, an edited
    // record), restarts the countdown with the answers kept; one in the past submits as when time ran out away.
    var latest = examEnd();
    if (gate && attempt.end) attempt.end = typeof attempt.end == 'number' && attempt.end < latest ? attempt.end : latest;
    if (gate) showGate(!!(attempt.end || attempt.finished));
    if (attempt.finished) {
      if (mode != 'practice') live.forEach(show);
      finish(true);
    } else if (gate && attempt.end) {
      if (Date.now() < attempt.end) runTimer();
      else {
        attempt.timeout = true; // the time ran out while the page was closed
        submitAll();
      }
    } else if (attempt.checked.length) summary();
  }

  sec.classList.add('qz-on');
  showStoreState(store);
  submit.hidden = mode == 'practice';
  items.forEach(function (li) {
    var checkButton = $('.qz-check', li);
    checkButton.hidden = mode != 'practice';
    checkButton.onclick = function () {
      check(li);
      if (
        scored().every(function (x) {
          return x.dataset.done;
        })
      )
        finish();
      else summary();
    };
    if (mode == 'practice')
      $('.qz-hintbtn', li).onclick = function () {
        showHint(li);
      };
  });
  // Every answer is kept as it is given, so that leaving the page loses nothing.
  sec.addEventListener('input', function (e) {
    var li = e.target.closest('.qz-q');
    if (!li || li.dataset.done || inBook) return;
    attempt.answers[li.dataset.qid] = answerOf(li);
    keep();
  });
  submit.onclick = askSubmit;
  if (dialog) {
    dialog.onclick = function (e) {
      if (e.target.value) dialog.close(e.target.value); // 继续作答 or 确定交卷
    };
    dialog.onclose = function () {
      if (dialog.returnValue == 'go') submitAll();
      else submit.focus();
    };
  }
  if (gate) $('.qz-start', gate).onclick = startExam;
  retry.onclick = function () {
    begin(true);
    var first = gate && !attempt.end ? $('.qz-start', gate) : $('.qz-q:not([hidden]) input,.qz-q:not([hidden]) textarea', sec);
    if (first) first.focus();
  };
  begin(false);
}
