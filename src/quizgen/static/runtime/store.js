/* The progress store: one JSON record per course (its format and versions: RECORD.md, here).
 *
 * Contract with LMS adapters (a SCORM adapter, say), kept exactly:
 * - Storage. If window.quizgenStore exists when this runtime starts (a script loaded before quizgen.js sets it),
 *   it is an object {load(course) -> string|null, save(course, json)}, and the runtime uses it instead of
 *   localStorage["quizgen:<course>"] for the progress record: the same JSON string, read once per page (again
 *   when the page comes back from the back/forward cache) and written after every change. load returning null
 *   means "no record yet"; a throw from load or save is reported to the learner as blocked or full storage
 *   would be, and the quizzes go on without saving. 清除学习记录 saves an empty record through it.
 * - Events: CustomEvents dispatched on document, with these details:
 *   quizgen:ready  {course, page}  a page's quizzes are set up (page: the Sphinx docname);
 *   quizgen:graded {course, quiz, mode, final, score, max, percent}  a quiz, test or exam was graded
 *                  (quiz: its data-quiz key; mode: practice, test or exam; final: true for the course's final
 *                  assessment, the {quiz} option :final:; score: auto-scored questions answered right, of max);
 *   quizgen:saved  {course}  after each successful save.
 */

var STORE_PREFIX = 'quizgen:';
var STORE_VERSION = 2;
var adapter = win.quizgenStore; // taken once, when the runtime starts
// What the learner is told when the record cannot be read or saved, in localStorage or by an LMS (storeMessage).
var STORE_MESSAGES = { none: '无法读取学习记录', bad: '保存的学习记录已损坏', full: '无法保存学习记录' };
var backend = adapter || {
  load: function (course) {
    return win.localStorage.getItem(STORE_PREFIX + course);
  },
  save: function (course, json) {
    win.localStorage.setItem(STORE_PREFIX + course, json);
  },
};
var stores = {};
var dropped = 0; // how many entries the last upgrade() left out

function blankRecord(course) {
  return { version: STORE_VERSION, course: course, quizzes: {}, mistakes: [], current: {} };
}

function isPercent(v) {
  return typeof v == 'number' && v >= 0 && v <= 100;
}

// A record of any known version as the current version, or null when it is not a progress record. A course has
// some hundreds of questions: more than 10,000 mistakes is not a learner's record. Entries are checked one by
// one: a quiz whose best, last (percentages) or attempts (a whole number up to a million) is not plausible, a
// mistake that is not a question id or is there twice, is left out and counted in `dropped`, so that one odd
// value loses only itself. Attempts in progress (`current`) are checked where they are used (quiz.js).
function upgrade(o) {
  if (!isObject(o)) return null;
  var record = Object.assign({}, o, o.version === 1 && { version: 2, current: {} });
  var mistakes = o.mistakes;
  if (
    record.version !== STORE_VERSION ||
    !isObject(o.quizzes) ||
    !Array.isArray(mistakes) ||
    mistakes.length > 1e4 ||
    !isObject(record.current)
  )
    return null;
  record.quizzes = {};
  record.mistakes = Array.from(new Set(mistakes)).filter(function (id) {
    return typeof id == 'string';
  });
  dropped = mistakes.length - record.mistakes.length;
  Object.keys(o.quizzes).forEach(function (k) {
    var r = o.quizzes[k];
    var ok =
      isObject(r) &&
      isPercent(r.best) &&
      isPercent(r.last == null ? 0 : r.last) &&
      r.attempts >>> 0 === r.attempts && // a whole number, not negative
      r.attempts <= 1e6;
    if (ok) record.quizzes[k] = r;
    else dropped++;
  });
  return record;
}

function lastDropped() {
  return dropped;
}

function readStore(store) {
  var raw;
  store.data = blankRecord(store.course);
  store.error = 'none';
  try {
    raw = backend.load(store.course);
    // Nothing stored (null parses as null) is no error; anything else is 'bad' until it proves a record: a bad
    // record is left as it is, never overwritten.
    store.error = raw == null ? '' : 'bad';
    var record = upgrade(JSON.parse(raw));
    if (record) {
      store.data = record;
      store.error = '';
    }
  } catch (e) {}
}

function openStore(course) {
  if (!stores[course]) readStore((stores[course] = { course: course }));
  return stores[course];
}

function saveStore(store) {
  if (!store.error) {
    try {
      backend.save(store.course, JSON.stringify(store.data));
      emit('saved', { course: store.course });
    } catch (e) {
      store.error = 'full'; // the record as it was stays in the storage
    }
  }
  showStoreState(store);
}

function clearStore(store) {
  try {
    if (adapter) adapter.save(store.course, JSON.stringify(blankRecord(store.course)));
    else win.localStorage.removeItem(STORE_PREFIX + store.course);
  } catch (e) {}
  readStore(store);
}

function showStoreState(store) {
  $$('.qz-store').forEach(function (p) {
    p.textContent = storeMessage(store);
    p.hidden = !store.error;
  });
}

// A damaged record is cleared on 学习记录, which says so.
function storeMessage(store) {
  var e = store.error;
  return e ? STORE_MESSAGES[e] + '：练习照常进行，但进度不会被保存。' : '';
}
