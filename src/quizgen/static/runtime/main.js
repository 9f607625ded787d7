/* Start-up: accessible names the theme leaves out, every quiz on the page, Back and forward. Page scripts
 * (学习记录, 每日练习…) run after this one and reach its helpers through window.quizgen.lib (runtime.py). */

function tidy() {
  $$('summary').forEach(function (x) {
    if (!x.textContent.trim()) x.setAttribute('aria-label', '展开或收起');
  });
  $$('button[aria-label]').forEach(function (b) {
    if (b.textContent.trim()) b.removeAttribute('aria-label');
  });
  $$('object.graphviz:not([aria-label])').forEach(function (o) {
    var caption = $('figcaption', o.closest('figure') || o);
    o.setAttribute('role', 'img');
    o.setAttribute('aria-label', '示意图' + (caption ? '：' + caption.textContent.trim() : ''));
  });
}

function init() {
  var quizzes = $$(':not([data-qz-page])>section.qz[data-quiz]'); // a page script fills and starts the others
  tidy();
  quizzes.forEach(Quiz);
  if (quizzes.length) {
    var key = quizzes[0].dataset.quiz;
    var course = key.split('/')[0];
    emit('ready', { course: course, page: key.slice(course.length + 1).split('#')[0] });
  }
  // A page back from the back/forward cache kept its quizzes as they were, but other pages may have changed
  // the record meanwhile: read it again, so that the next save does not undo their changes.
  win.addEventListener('pageshow', function (e) {
    if (!e.persisted) return;
    Object.keys(stores).forEach(function (course) {
      readStore(stores[course]);
    });
  });
}

win.quizgen = { norm: norm };
if (doc.readyState == 'loading') doc.addEventListener('DOMContentLoaded', init);
else init();
