/* quizgen: offline quiz runtime. Plain JS, nothing from the network; all text is set with textContent. */
(() => {
'use strict';
const d = document, W = window;
const $ = (s, e) => (e || d).querySelector(s), $$ = (s, e) => [...(e || d).querySelectorAll(s)];
const el = (tag, cls, text) => { const e = d.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
// Exactly quizgen.model.normalize_answer: NFKC, casefold, drop whitespace and punctuation (P*).
const norm = s => String(s).normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ')
  .replace(/[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\p{P}]/gu, '');
const MASTER = 80;
const MSG = {
  none: '浏览器的本地存储不可用，练习照常进行，但进度不会被保存。',
  bad: '本地保存的学习记录已损坏，练习照常进行，但进度不会被保存（可在“学习记录”页清除后重新开始）。',
  full: '浏览器存储空间已满，练习照常进行，但进度未能保存。'
};

/* ---- progress store, one localStorage entry per course ---- */
const DB = {};
const blank = course => ({ version: 1, course, quizzes: {}, mistakes: [] });
const valid = o => o && typeof o === 'object' && o.version === 1 && o.quizzes && typeof o.quizzes === 'object' &&
  !Array.isArray(o.quizzes) && Array.isArray(o.mistakes) && o.mistakes.every(x => typeof x === 'string') &&
  Object.values(o.quizzes).every(r => r && typeof r.best === 'number' && typeof r.attempts === 'number');
function db(course, fresh) {
  if (DB[course] && !fresh) return DB[course];
  const s = { course, data: blank(course), err: '' };
  DB[course] = s;
  let raw;
  try { raw = W.localStorage.getItem('quizgen:' + course); } catch (e) { s.err = 'none'; return s; }
  if (raw == null) return s;
  try { const o = JSON.parse(raw); if (valid(o)) { s.data = o; return s; } } catch (e) { /* corrupt */ }
  s.err = 'bad';
  return s;
}
function save(s) {
  if (s.err) return say(s);
  try { W.localStorage.setItem('quizgen:' + s.course, JSON.stringify(s.data)); } catch (e) { s.err = s.err || 'full'; }
  say(s);
}
function say(s) {
  for (const p of $$('.qz-store')) { p.textContent = s.err ? MSG[s.err] : ''; p.hidden = !s.err; }
}
function mistake(s, qid, wrong) {
  const m = s.data.mistakes, i = m.indexOf(qid);
  if (wrong && i < 0) m.push(qid);
  if (!wrong && i >= 0) m.splice(i, 1);
}

/* ---- one quiz ---- */
function answerOf(li) {
  const t = li.dataset.type;
  if (t === 'fill') return $$('input[data-blank]', li).map(i => i.value);
  if (t === 'open') return [$('textarea', li).value];
  return $$('input:checked', li).map(i => i.value);
}
const emptyAns = (li, a) => li.dataset.type === 'fill' ? a.every(v => !v.trim()) : !a.length || !String(a[0]).trim();
function shuffle(li) {
  const box = $('.qz-opts', li), opts = $$('.qz-opt', box);
  for (let i = opts.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [opts[i], opts[j]] = [opts[j], opts[i]]; }
  opts.forEach(o => box.appendChild(o));
}
const fmt = n => String(Math.floor(n / 60)).padStart(2, '0') + ':' + String(n % 60).padStart(2, '0');

function Quiz(sec) {
  const key = sec.dataset.quiz || '', course = key.split('/')[0], mode = sec.dataset.mode;
  const book = sec.closest('.qz-book');
  let data = {};
  try { data = JSON.parse($('.qz-data', sec).textContent); } catch (e) { /* leave empty */ }
  const items = $$('.qz-q', sec), score = $('.qz-score', sec), timer = $('.qz-timer', sec);
  const submit = $('.qz-submit', sec), retry = $('.qz-retry', sec), list = $('.qz-list', sec);
  const store = db(course);
  let live = items, finished = false, tick = 0, startBtn, emptyP;
  say(store);

  const grade = li => {
    const q = data[li.dataset.qid] || {}, a = answerOf(li);
    if (q.t === 'fill') return a.every((v, i) => (q.a[i] || []).some(x => norm(x) === norm(v)));
    return a.slice().sort().join() === (q.a || []).slice().sort().join();
  };
  function show(li, ok) {
    const q = data[li.dataset.qid] || {}, t = li.dataset.type, fb = $('.qz-fb', li);
    li.dataset.done = ok == null ? 'open' : ok ? 'right' : 'wrong';
    $$('input,textarea', li).forEach(i => { i.disabled = true; });
    const chk = $('.qz-check', li); if (chk) chk.disabled = true;
    for (const o of $$('.qz-opt', li)) {
      const k = o.dataset.key, on = $('input', o).checked, good = (q.a || []).includes(k);
      if (good || on) o.appendChild(el('span', 'qz-mark ' + (good ? 'qz-ok' : 'qz-no'), good ? (on ? '✓ 你选对了' : '✓ 正确答案') : '✗ 你的选择有误'));
      if (q.fb && q.fb[k]) o.appendChild(el('span', 'qz-ofb', q.fb[k]));
    }
    if (t === 'fill') $$('input[data-blank]', li).forEach((inp, i) => {
      const good = (q.a[i] || []).some(x => norm(x) === norm(inp.value));
      inp.setAttribute('aria-invalid', String(!good));
      inp.after(el('span', 'qz-mark ' + (good ? 'qz-ok' : 'qz-no'), good ? '✓ 对' : '✗ 错'));
    });
    fb.className = 'qz-fb ' + (ok == null ? 'qz-info' : ok ? 'qz-right' : 'qz-wrong');
    fb.textContent = ok == null ? '请对照下面的参考答案自评（简答题不计分）。' : ok ? '✓ 回答正确' : '✗ 回答错误：正确答案和解析见下方。';
    if (book && ok) fb.textContent += ' 本题已移出错题本。';
    $('.qz-after', li).hidden = false;
  }
  function reset(li) {
    delete li.dataset.done;
    $$('.qz-mark,.qz-ofb', li).forEach(m => m.remove());
    $$('input,textarea', li).forEach(i => { i.disabled = false; i.checked = false; if (i.type === 'text' || i.tagName === 'TEXTAREA') i.value = ''; i.removeAttribute('aria-invalid'); });
    const chk = $('.qz-check', li); if (chk) chk.disabled = false;
    const fb = $('.qz-fb', li); fb.className = 'qz-fb'; fb.textContent = '';
    $('.qz-after', li).hidden = true;
    if (li.dataset.shuffle === '1') shuffle(li);
  }
  const auto = () => live.filter(li => li.dataset.type !== 'open');
  function summary() {
    const a = auto(), done = a.filter(li => li.dataset.done), right = a.filter(li => li.dataset.done === 'right').length;
    const pct = a.length ? Math.round(100 * right / a.length) : 0;
    let txt;
    if (finished) {
      txt = `得分：答对 ${right} / ${a.length} 题（${pct}%）。`;
      if (live.length > a.length) txt += `简答题 ${live.length - a.length} 道不计分，请对照参考答案自评。`;
      const r = store.data.quizzes[key];
      if (r && !book) txt += `最好成绩 ${r.best}%，共练习 ${r.attempts} 次。`;
    } else txt = mode === 'practice' ? `已检查 ${done.length} / ${a.length} 题，答对 ${right} 题。` : '';
    score.textContent = txt;
    return pct;
  }
  function finish() {
    if (finished) return;
    finished = true;
    clearInterval(tick);
    submit.disabled = true;
    const pct = summary();
    if (!book && auto().length) {
      const r = store.data.quizzes[key] || { best: 0, attempts: 0 };
      r.attempts++; r.best = Math.max(r.best, pct); r.last = pct;
      store.data.quizzes[key] = r;
      save(store);
    }
    summary();
  }
  function check(li, forced) {
    const a = answerOf(li), empty = emptyAns(li, a), t = li.dataset.type;
    if (empty && !forced) {
      const fb = $('.qz-fb', li); fb.className = 'qz-fb qz-info';
      fb.textContent = t === 'open' ? '请先写下你的回答，再查看参考答案。' : '请先作答，再检查答案。';
      return;
    }
    const ok = t === 'open' ? null : !empty && grade(li);
    show(li, ok);
    if (ok != null && !empty) { mistake(store, li.dataset.qid, !ok); save(store); }
  }
  function start() {
    if (startBtn) { startBtn.hidden = true; list.hidden = false; submit.hidden = false; }
    if (mode !== 'exam') return;
    const m = /[?&]quiz-seconds=(\d+)/.exec(location.search);
    let left = m ? +m[1] : +(sec.dataset.seconds || 0) || 60 * (+sec.dataset.minutes || 30);
    timer.hidden = false;
    const draw = () => { timer.textContent = `剩余时间 ${fmt(left)}`; };
    draw();
    clearInterval(tick);
    tick = setInterval(() => {
      left--; draw();
      if (left === 60) score.textContent = '还剩 1 分钟。';
      if (left <= 0) { clearInterval(tick); timer.textContent = '时间到，已自动交卷。'; submitAll(); }
    }, 1000);
  }
  function submitAll() { live.forEach(li => { if (!li.dataset.done) check(li, true); }); finish(); }
  function filterBook() {
    const wrong = new Set(store.data.mistakes);
    live = items.filter(li => wrong.has(li.dataset.qid));
    let n = 0;
    items.forEach(li => { li.hidden = !wrong.has(li.dataset.qid); if (!li.hidden) $('.qz-num', li).textContent = `第 ${++n} 题`; });
    const meta = $('.qz-meta', sec); if (meta) meta.textContent = `错题 ${n} 道`;
    if (!emptyP) { emptyP = el('p', 'qz-empty'); list.before(emptyP); }
    emptyP.textContent = n ? '' : '错题本是空的：在各课自测和测验中答错的题会自动收集到这里，答对后移出。';
    emptyP.hidden = !!n;
  }
  function begin() {
    finished = false;
    submit.disabled = false;
    if (book) filterBook();
    items.forEach(reset);
    score.textContent = '';
    if (mode === 'exam') {
      if (!startBtn) { startBtn = el('button', 'qz-start', '开始考试'); startBtn.type = 'button'; startBtn.onclick = () => { start(); const f = $('input,textarea', list); if (f) f.focus(); }; list.before(startBtn); }
      startBtn.hidden = false; list.hidden = true; submit.hidden = true; timer.hidden = true;
    }
  }
  sec.classList.add('qz-on', 'qz-' + mode);
  if (mode === 'practice') submit.hidden = true;
  items.forEach(li => {
    const b = $('.qz-check', li);
    if (mode === 'practice') b.onclick = () => { check(li); if (live.filter(x => x.dataset.type !== 'open').every(x => x.dataset.done)) finish(); else summary(); };
    else b.hidden = true;
  });
  submit.onclick = submitAll;
  retry.onclick = () => { clearInterval(tick); begin(); const f = $('input,textarea,.qz-start', sec); if (f && !f.closest('[hidden]')) f.focus(); };
  begin();
}

/* ---- 学习记录 ---- */
function Progress(box) {
  const course = box.dataset.course, msg = $('.qz-io-msg', box);
  let store = db(course);
  function draw() {
    say(store);
    const q = store.data.quizzes, mods = {};
    for (const tr of $$('tr[data-quiz]', box)) {
      const r = q[tr.dataset.quiz], best = r ? r.best : 0, m = tr.dataset.module;
      const st = !r ? '未开始' : best >= MASTER ? '已掌握' : '已练习';
      $('.qz-st', tr).textContent = st;
      tr.dataset.status = !r ? 'new' : best >= MASTER ? 'done' : 'tried';
      $('.qz-best', tr).textContent = r ? `${best}%（${r.attempts} 次）` : '—';
      (mods[m] = mods[m] || []).push(best);
    }
    for (const li of $$('[data-module-bar]', box)) {
      const v = mods[li.dataset.moduleBar] || [0], pct = Math.round(v.reduce((a, b) => a + b, 0) / v.length);
      $('.qz-fill', li).style.width = pct + '%';
      $('.qz-val', li).textContent = pct + '%';
      const bar = $('.qz-bar', li); bar.setAttribute('aria-valuenow', pct);
    }
    const n = $('.qz-nmist', box); if (n) n.textContent = store.data.mistakes.length;
  }
  const note = t => { msg.textContent = t; };
  $('.qz-export', box).onclick = () => {
    const blob = new Blob([JSON.stringify({ ...store.data, exported: new Date().toISOString() }, null, 1)], { type: 'application/json' });
    const a = el('a'); a.href = URL.createObjectURL(blob); a.download = `quizgen-${course}-学习记录.json`;
    d.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    note('学习记录已导出为 JSON 文件。');
  };
  $('.qz-import', box).onchange = e => {
    const f = e.target.files[0]; if (!f) return;
    f.text().then(t => {
      const o = JSON.parse(t);
      delete o.exported;
      if (!valid(o) || o.course !== course) throw new Error();
      store.err = ''; store.data = o; save(store);
      note(store.err ? '导入的记录只在本页有效：' + MSG[store.err] : `已导入学习记录（${Object.keys(o.quizzes).length} 个自测，${o.mistakes.length} 道错题）。`);
      draw();
    }).catch(() => note('导入失败：所选文件不是本课程的学习记录。'));
    e.target.value = '';
  };
  $('.qz-clear', box).onclick = () => {
    if (!W.confirm('确定清除本课程的全部学习记录和错题本吗？')) return;
    try { W.localStorage.removeItem('quizgen:' + course); } catch (e) { /* unavailable */ }
    store = db(course, true);
    note('学习记录已清除。');
    draw();
  };
  draw();
}

function init() {
  $$('section.qz[data-quiz]').forEach(Quiz);
  $$('.qz-progress[data-course]').forEach(Progress);
}
W.quizgen = { norm };
if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init); else init();
})();
