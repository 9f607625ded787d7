/* The progress store: one JSON record per course (its format and versions: quizgen/sphinx/progress.py).
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
var STORE_MESSAGES = {
  none: '浏览器不允许本地存储：练习照常进行，但进度不会被保存。',
  bad: '本地保存的学习记录已损坏：练习照常进行，但进度不会被保存（可在“学习记录”页清除后重新开始）。',
  full: '浏览器存储空间已满：练习照常进行，但进度没有保存。',
};
var adapter = win.quizgenStore; // taken once, when the runtime starts
var backend = adapter || {
  load: function (course) {
    return win.localStorage.getItem(STORE_PREFIX + course);
  },
  save: function (course, json) {
    win.localStorage.setItem(STORE_PREFIX + course, json);
  },
};
var stores = {};

function blankRecord(course) {
  return { version: STORE_VERSION, course: course, quizzes: {}, mistakes: [], current: {} };
}

// A record of any known version as the current version, or null when it is not a progress record.
function upgrade(o) {
  if (isObject(o) && o.version === 1) o = Object.assign({}, o, { version: 2, current: {} });
  var ok =
    isObject(o) &&
    o.version === STORE_VERSION &&
    isObject(o.quizzes) &&
    Object.values(o.quizzes).every(function (r) {
      return isObject(r) && typeof r.best == 'number' && typeof r.attempts == 'number';
    }) &&
    Array.isArray(o.mistakes) &&
    o.mistakes.every(function (id) {
      return typeof id == 'string';
    }) &&
    isObject(o.current) &&
    Object.values(o.current).every(isObject);
  return ok ? o : null;
}

function readStore(store) {
  var raw;
  var record = null;
  store.data = blankRecord(store.course);
  store.error = '';
  try {
    raw = backend.load(store.course);
  } catch (e) {
    store.error = 'none';
    return;
  }
  if (raw == null) return;
  try {
    record = upgrade(JSON.parse(raw));
  } catch (e) {}
  if (record) store.data = record;
  else store.error = 'bad'; // left as it is: never overwritten
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
      store.error = 'full';
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
    p.textContent = store.error ? STORE_MESSAGES[store.error] : '';
    p.hidden = !store.error;
  });
}
