/* 错题本 (<div class="qz-book" data-qz-page="book" data-index>): only the learner's wrong questions, built from the
 * data files of their lessons (render.js), in the course's order; questions answered right there leave it. */

$$('[data-qz-page=book]>section.qz').forEach(function (sec) {
  var key = sec.dataset.quiz;
  var course = key.split('/')[0];
  var mistakes = openStore(course).data.mistakes;
  var index = JSON.parse(sec.parentNode.dataset.index);
  fillQuiz(
    sec,
    [].concat.apply([], index.q).filter(function (qid) {
      return mistakes.indexOf(qid) >= 0;
    }),
    function () {
      emit('ready', { course: course, page: key.slice(course.length + 1).split('#')[0] });
    }
  );
});
