"""The SCORM 1.2 package in an LMS: scorm-again's Scorm12API plays the LMS in a host page, the package is unzipped
from disk. Chromium treats file:// frames as separate origins (an LMS serves the host and the package from one),
so Playwright serves both under a made-up origin from the local files; every other request is refused and logged.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree
from playwright.sync_api import BrowserContext, Frame, Page, Route, expect
from qzhelp import ROOT, answer

from quizgen.scorm import NOT_RECORDED, SUSPEND_LIMIT, write_package
from quizgen.scorm.imsmanifest import ADLCP, CP

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ORIGIN = "http://lms.invalid/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCORM_AGAIN = ROOT / "tests" / "js" / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"

# The LMS: Scorm12API as window.API, the SCO in a frame, and what the LMS keeps about the learner (in its own
# localStorage, as a server would keep it) reloaded into a fresh API on the next launch.
HOST = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script>
<script>
const kept = JSON.parse(localStorage.getItem('lms-record') || 'null');
window.API = new Scorm12API({autocommit: false, logLevel: 5});
API.loadFromJSON(kept || {student_data: {mastery_score: new URLSearchParams(location.search).get('mastery')}});
window.lmsCalls = [];
if (window.lmsHostile) lmsHostile(API);  // a test makes the LMS misbehave (an init script defines it)
function keep() {
  const c = API.cmi;
  localStorage.setItem('lms-record', JSON.stringify({
    core: {lesson_status: c.core.lesson_status, lesson_location: c.core.lesson_location,
           score: {raw: c.core.score.raw, min: c.core.score.min, max: c.core.score.max}},
    suspend_data: c.suspend_data, student_data: {mastery_score: c.student_data.mastery_score}}));
}
// every call, also across launches, in the LMS's own storage (a test reads it after the learner has left)
function log(name) {
  const calls = JSON.parse(localStorage.getItem('lms-log') || '[]');
  localStorage.setItem('lms-log', JSON.stringify([...calls, name]));
}
for (const name of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) API.on(name, () => { lmsCalls.push(name); log(name); keep(); });
</script></head>
<body style="margin:0"><iframe id="sco" src="pkg/index.html" style="border:0;width:100vw;height:100vh"></iframe></body></html>
"""
# An LMS that opens the SCO in a window of its own: the adapter finds the API through window.opener.
POPUP_HOST = HOST.replace(
    '<body style="margin:0"><iframe id="sco" src="pkg/index.html" style="border:0;width:100vw;height:100vh"></iframe>',
    "<body><button id=\"open\" onclick=\"window.open('pkg/index.html', 'sco')\">开始学习</button>",
)


@pytest.fixture(scope="module")
def package(scorm_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site's learner edition (every lesson and quiz: the largest course there is) packed and unzipped."""
    if not SCORM_AGAIN.is_file():
        pytest.fail("scorm-again is missing. Install it with:  (cd tests/js && npm ci)", pytrace=False)
    base = tmp_path_factory.mktemp("scorm")
    zip_path = write_package(scorm_site, base, "course", "1.0", "测试课程", 80)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(base / "pkg")
    return base / "pkg"


@pytest.fixture
def lms(context: BrowserContext, package: Path) -> list[str]:
    """Serve the LMS under ORIGIN from disk; returns every request the pages made outside it (to stay empty)."""
    elsewhere: list[str] = []

    def serve(route: Route) -> None:
        url = route.request.url
        if not url.startswith(ORIGIN):
            elsewhere.append(url)
            route.abort()
            return
        path = unquote(url[len(ORIGIN) :].split("?")[0].split("#")[0])
        if path in ("lms.html", "lms-popup.html", "left.html"):
            body = {"lms.html": HOST, "lms-popup.html": POPUP_HOST}.get(
                path, "<!DOCTYPE html><title>已离开课程</title>"
            )
            route.fulfill(body=body, content_type="text/html; charset=utf-8")
        elif path == "scorm12.min.js":
            route.fulfill(path=SCORM_AGAIN)
        elif path.startswith("pkg/") and (package / path[4:]).is_file() and ".." not in path:
            route.fulfill(path=package / path[4:])
        else:
            route.fulfill(status=404, body="not in the package")

    context.route("**/*", serve)
    context.on("request", lambda r: None if r.url.startswith((ORIGIN, "data:", "blob:")) else elsewhere.append(r.url))
    return elsewhere


def mastery(package: Path) -> str:
    manifest = etree.parse(str(package / "imsmanifest.xml"))
    return manifest.findtext(f".//{{{CP}}}item/{{{ADLCP}}}masteryscore")


def launch(page: Page, package: Path) -> Frame:
    """Open the LMS page; returns the frame of the course's page once the adapter has handed over its store."""
    page.goto(f"{ORIGIN}lms.html?mastery={mastery(package)}")
    page.wait_for_function("window.lmsCalls && lmsCalls.includes('LMSInitialize')")
    sco = page.frame_locator("#sco")
    expect(sco.locator("#qz-frame")).to_be_attached()
    for _ in range(100):
        inner = [f for f in page.frames if f.url.startswith(f"{ORIGIN}pkg/site/")]
        if inner and inner[0].evaluate("!!window.quizgenStore"):
            return inner[0]
        page.wait_for_timeout(100)
    raise AssertionError(f"the course's page never got the SCORM store: {[f.url for f in page.frames]}")


def record(page: Page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('lms-record')"))


def calls(page: Page) -> list[str]:
    """Every LMSInitialize, LMSCommit and LMSFinish the LMS has had, over every launch of the context."""
    return json.loads(page.evaluate("localStorage.getItem('lms-log') || '[]'"))


def api(page: Page, element: str) -> str:
    return page.evaluate(f"API.cmi.{element}")


def full_record(package: Path) -> dict:
    """The biggest progress record the course can have: every quiz done many times, every question in 错题本,
    and an attempt kept for every quiz (graded ones, and one still in progress) as the runtime keeps them."""
    config = launch_config(package)
    questions = config["questions"]
    quizzes = {key: {"best": 100, "attempts": 9999, "last": 99} for key in config["quizzes"]}
    current = {
        key: {"seed": 2147483646, "answers": {q: ["不对的答案"] for q in questions[:50]}, "checked": questions[:50],
              "finished": True}
        for key in config["quizzes"][1:]
    }  # fmt: skip
    current[config["quizzes"][0]] = {"seed": 12345, "answers": {questions[3]: ["B", "~C"]}, "checked": [questions[3]]}
    return {"version": 2, "course": config["course"], "quizzes": quizzes, "mistakes": questions, "current": current}


def launch_config(package: Path) -> dict:
    text = (package / "index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="qz-scorm">(.*?)</script>', text).group(1))


def test_the_largest_course_fits_suspend_data_and_resumes(page: Page, package: Path, lms: list[str]):
    config = launch_config(package)
    assert len(config["quizzes"]) >= 15 and len(config["questions"]) >= 250  # the whole site: 13 lessons, 2 tests
    frame = launch(page, package)
    full = full_record(package)
    frame.evaluate("r => quizgenStore.save(r.course, JSON.stringify(r))", full)
    stored = api(page, "suspend_data")
    assert 0 < len(stored) <= SUSPEND_LIMIT
    assert record(page)["suspend_data"] != stored  # set, and committed with the next page
    frame.goto(f"{ORIGIN}pkg/site/practice/progress.html")
    frame.wait_for_function("!!window.quizgenStore")
    assert record(page)["suspend_data"] == stored  # committed to the LMS
    back = json.loads(frame.evaluate("c => quizgenStore.load(c)", config["course"]))
    assert back["quizzes"] == full["quizzes"]
    assert sorted(back["mistakes"]) == sorted(full["mistakes"])
    assert back["course"] == full["course"] and back["version"] == 2
    # what does not fit goes first: graded attempts; the one in progress is kept exactly
    assert back["current"] == {config["quizzes"][0]: full["current"][config["quizzes"][0]]}
    assert lms == []


def test_when_space_runs_out_the_daily_schedule_goes_first(page: Page, package: Path, lms: list[str]):
    """每日练习's cards for every question cannot fit beside the rest: they are dropped, and only they, so the
    attempts (graded ones too), 学习记录, 错题本 and today's 每日练习 come back whole; cards that fit are kept."""
    config = launch_config(package)
    questions, quizzes = config["questions"], config["quizzes"]
    frame = launch(page, package)
    current = {
        key: {"seed": 1000 + n, "answers": {q: ["B"] for q in questions[n * 8 : n * 8 + 8]},
              "checked": questions[n * 8 : n * 8 + 8], **({"finished": True} if n else {})}
        for n, key in enumerate(quizzes[:3])
    }  # fmt: skip
    daily = {"day": 20514, "qids": questions[:5], "streak": 4, "last": 20513}
    full = {"version": 2, "course": config["course"], "quizzes": {k: {"best": 90, "attempts": 3, "last": 80} for k in quizzes},
            "mistakes": questions[::2], "current": current, "daily": daily,
            "cards": {q: [3.17, 5.3, 20514, 20517 + i % 40] for i, q in enumerate(questions)}}  # fmt: skip
    for cards, kept in ((full["cards"], {}), (dict(list(full["cards"].items())[:5]), None)):
        record = {**full, "cards": cards}
        frame.evaluate("r => quizgenStore.save(r.course, JSON.stringify(r))", record)
        assert 0 < len(api(page, "suspend_data")) <= SUSPEND_LIMIT
        back = json.loads(frame.evaluate("c => quizgenStore.load(c)", config["course"]))
        assert back["current"] == current and back["daily"] == daily
        assert back["quizzes"] == full["quizzes"] and back["mistakes"] == full["mistakes"]
        assert back["cards"] == (cards if kept is None else kept)
    assert lms == []


def test_progress_page_and_score_reach_the_lms_and_resume_after_reload(page: Page, package: Path, lms: list[str]):
    config = launch_config(package)
    frame = launch(page, package)
    assert api(page, "core.lesson_status") == "incomplete"
    assert frame.evaluate("c => quizgenStore.load(c)", config["course"]) is None  # a first launch: nothing kept
    # What the quiz runtime does on a lesson page: save its record, and report a graded quiz.
    frame.goto(f"{ORIGIN}pkg/site/modules/m3/l3.html")
    frame.wait_for_function("!!window.quizgenStore")
    assert api(page, "core.lesson_location") == "modules/m3/l3.html"
    quiz, question = config["quizzes"][3], config["questions"][7]
    progress = {"version": 2, "course": config["course"], "quizzes": {quiz: {"best": 60, "attempts": 1, "last": 60}},
                "mistakes": [question], "current": {quiz: {"seed": 7, "answers": {question: ["\\x", "@y"]},
                "checked": [question], "finished": True}}}  # fmt: skip
    frame.evaluate("r => quizgenStore.save(r.course, JSON.stringify(r))", progress)

    def graded(percent: int, final: bool) -> None:
        detail = {"course": config["course"], "quiz": quiz, "mode": "test", "final": final, "score": percent,
                  "max": 100, "percent": percent}  # fmt: skip
        frame.evaluate("d => document.dispatchEvent(new CustomEvent('quizgen:graded', {detail: d}))", detail)

    graded(60, final=False)  # a lesson's quiz does not count
    assert api(page, "core.lesson_status") == "incomplete" and api(page, "core.score.raw") == ""
    graded(70, final=True)
    assert api(page, "core.lesson_status") == "failed"
    assert (api(page, "core.score.raw"), api(page, "core.score.min"), api(page, "core.score.max")) == ("70", "0", "100")
    graded(85, final=True)
    assert api(page, "core.lesson_status") == "passed" and api(page, "core.score.raw") == "85"
    graded(40, final=True)  # the best attempt counts: a later practice run does not undo a pass
    assert api(page, "core.lesson_status") == "passed" and api(page, "core.score.raw") == "85"
    kept = record(page)
    assert kept["core"]["lesson_status"] == "passed" and kept["core"]["score"]["raw"] == "85"

    page.reload()  # LMSFinish on unload; the LMS launches the SCO again with what it kept
    frame = launch(page, package)
    assert frame.url == f"{ORIGIN}pkg/site/modules/m3/l3.html"  # back where the learner was
    assert json.loads(frame.evaluate("c => quizgenStore.load(c)", config["course"])) == progress
    assert api(page, "core.lesson_status") == "passed"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quizgen:'))") == []
    assert lms == []


SLOW_COMMIT = "const commit = api.LMSCommit.bind(api); api.LMSCommit = x => { const t = Date.now(); while (Date.now() - t < 500); return commit(x); };"


@pytest.mark.parametrize("lms_speed", ["quick", "slow"])
def test_taking_the_final_test_reports_to_the_lms_and_resumes(
    page: Page, package: Path, lms: list[str], project, lms_speed: str
):
    """A whole final test taken and the course closed: at most 10 LMSCommit calls (the adapter once committed on
    every click and keystroke, 81–87 times), and with every commit taking 500 ms, as a busy LMS's synchronous
    request does, nothing recorded is lost. The score is exactly 90 and 错题本 exactly the five answered wrong.
    Broken on purpose, this fails: committing in save() again (≈ 60 commits), or reporting the last attempt rather
    than the percent shown (a wrong score)."""
    if lms_speed == "slow":
        misbehave(page, SLOW_COMMIT)
    config = launch_config(package)
    frame = launch(page, package)
    frame.goto(f"{ORIGIN}pkg/site/practice/final-test.html")
    frame.wait_for_selector("section.qz.qz-on[data-final='1']")
    items = frame.locator("section.qz[data-final='1'] li.qz-q:not([hidden])")
    shown = items.evaluate_all("ls => ls.map(l => [l.dataset.qid, l.dataset.type])")
    assert len(shown) == 50 and all(kind != "open" for _, kind in shown)  # 50 auto-scored questions
    qids = [qid for qid, _ in shown]
    chosen_wrong = qids[::10]  # five, spread over the paper: 45 of 50 right is 90%, over the mastery score of 80
    for n, qid in enumerate(qids):
        answer(items.nth(n), project.question(qid), right=qid not in chosen_wrong)
    assert api(page, "core.lesson_status") == "incomplete"
    frame.locator("section.qz[data-final='1'] .qz-submit").click()
    page.wait_for_function("API.cmi.core.lesson_status === 'passed'")
    score = frame.locator("section.qz[data-final='1'] .qz-score").text_content()
    assert re.search(r"（(\d+)%）", score).group(1) == "90"  # the score the learner sees is the one reported
    marked = frame.locator("section.qz[data-final='1'] li.qz-q[data-done='wrong']")
    assert sorted(marked.evaluate_all("ls => ls.map(l => l.dataset.qid)")) == sorted(chosen_wrong)
    assert (api(page, "core.score.raw"), api(page, "core.score.min"), api(page, "core.score.max")) == ("90", "0", "100")
    assert api(page, "core.lesson_location") == "practice/final-test.html"
    assert record(page)["core"]["lesson_status"] == "passed"
    assert_interactions(page, shown, chosen_wrong)

    page.goto(f"{ORIGIN}left.html")  # the learner closes the course: LMSFinish
    log = calls(page)
    assert log.count("LMSInitialize") == 1 and log.count("LMSFinish") == 1 and log[-1] == "LMSFinish"
    assert log.count("LMSCommit") <= 10, log
    kept = record(page)
    assert kept["core"]["lesson_status"] == "passed" and kept["core"]["score"]["raw"] == "90"

    frame = launch(page, package)  # the next launch: the final test's record and 错题本 come back from suspend_data
    assert frame.url == f"{ORIGIN}pkg/site/practice/final-test.html"
    kept = json.loads(frame.evaluate("c => quizgenStore.load(c)", config["course"]))
    assert kept["quizzes"][f"{config['course']}/practice/final-test#1"]["best"] == 90
    assert sorted(kept["mistakes"]) == sorted(chosen_wrong)
    frame.goto(f"{ORIGIN}pkg/site/practice/mistakes.html")
    frame.wait_for_selector("section.qz.qz-on")
    book = frame.locator(".qz-book li.qz-q:not([hidden])").evaluate_all("ls => ls.map(l => l.dataset.qid)")
    assert sorted(book) == sorted(chosen_wrong)
    frame.goto(f"{ORIGIN}pkg/site/practice/progress.html")
    row = frame.locator(f'tr[data-quiz="{config["course"]}/practice/final-test#1"]')
    expect(row.locator(".qz-best")).to_contain_text("90%（1 次）")  # 学习记录 from the LMS's copy
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quizgen:'))") == []
    assert lms == []


SCORM_TYPES = {"single": "choice", "multiple": "choice", "truefalse": "true-false", "fill": "fill-in"}


def assert_interactions(page: Page, shown: list[list[str]], wrong: list[str]) -> None:
    """The final test's questions as cmi.interactions.n, within SCORM 1.2's formats, as Moodle's item reports read
    them: one per question in the order shown, each right answer's response equal to its correct pattern."""
    raw = page.evaluate("JSON.parse(JSON.stringify(API.cmi.interactions))")
    rows = [raw[k] for k in sorted(raw, key=int)] if isinstance(raw, dict) else raw
    assert [(r["id"], r["type"]) for r in rows] == [(qid, SCORM_TYPES[kind]) for qid, kind in shown]
    for row, (qid, kind) in zip(rows, shown, strict=True):
        patterns = row["correct_responses"]
        pattern = (patterns["0"] if isinstance(patterns, dict) else patterns[0])["pattern"]
        assert row["result"] == ("wrong" if qid in wrong else "correct"), row
        assert (row["student_response"] == pattern) == (qid not in wrong), row
        assert 0 < len(pattern) <= 255 and len(row["student_response"]) <= 255
        if kind in ("single", "multiple"):
            assert re.fullmatch(r"[a-z](,[a-z])*", pattern), row
        elif kind == "truefalse":
            assert pattern in ("t", "f"), row
        assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", row["latency"]), row


def test_changes_between_pages_are_committed_within_a_minute(page: Page, package: Path, lms: list[str]):
    """A fake clock: a saved record waits for the next page, grading or exit, or at most a minute, and then one
    commit carries it. Broken on purpose (no timer), the record is never committed while the learner stays."""
    page.clock.install()
    config = launch_config(package)
    frame = launch(page, package)
    before = calls(page).count("LMSCommit")
    progress = {"version": 2, "course": config["course"], "quizzes": {}, "mistakes": config["questions"][:2],
                "current": {}}  # fmt: skip
    frame.evaluate("r => quizgenStore.save(r.course, JSON.stringify(r))", progress)
    stored = api(page, "suspend_data")
    page.clock.run_for(50_000)
    assert calls(page).count("LMSCommit") == before and record(page)["suspend_data"] != stored
    page.clock.run_for(11_000)
    assert calls(page).count("LMSCommit") == before + 1 and record(page)["suspend_data"] == stored
    page.clock.run_for(120_000)  # nothing changed since: no commit
    assert calls(page).count("LMSCommit") == before + 1
    assert lms == []


def test_an_lms_that_opens_the_course_in_a_window_is_found_through_the_opener(
    page: Page, package: Path, lms: list[str]
):
    """The LMS opens the SCO with window.open: the adapter finds the API on window.opener, as the SCORM 1.2 run-time
    specifies, initialises once however many pages the learner opens, and finishes once. Broken on purpose (no
    opener search), the course opens without an LMS and nothing reaches it."""
    page.goto(f"{ORIGIN}lms-popup.html?mastery={mastery(package)}")
    with page.expect_popup() as opened:
        page.locator("#open").click()
    popup = opened.value
    popup.wait_for_function("document.getElementById('qz-frame') && document.getElementById('qz-frame').src")
    frame = next(f for f in popup.frames if f.parent_frame is not None)
    frame.wait_for_function("!!window.quizgenStore")
    for path in ("modules/m3/l3.html", "practice/progress.html", "reference/glossary.html"):
        frame.goto(f"{ORIGIN}pkg/site/{path}")
        frame.wait_for_function("!!window.quizgenStore")
        assert page.evaluate("API.cmi.core.lesson_location") == path
    assert page.evaluate("lmsCalls.filter(c => c === 'LMSInitialize').length") == 1
    popup.close(run_before_unload=True)
    page.wait_for_function("lmsCalls.includes('LMSFinish')")
    assert page.evaluate("lmsCalls.filter(c => c === 'LMSFinish').length") == 1
    assert record(page)["core"]["lesson_location"] == "reference/glossary.html"
    assert lms == []


@pytest.mark.parametrize("how", ["returns false", "throws"])
def test_an_lms_that_refuses_to_initialise_is_told_to_the_learner(page: Page, package: Path, lms: list[str], how: str):
    """The launch page says so, in the words used when the LMS fails later, and still shows the course (which keeps
    its progress in the browser). Broken on purpose (the old silent fallback), the notice is missing."""
    failing = "return 'false';" if how == "returns false" else "throw new Error('LMS down');"
    misbehave(page, f"api.LMSInitialize = () => {{ {failing} }};")
    page.goto(f"{ORIGIN}lms.html?mastery={mastery(package)}")
    sco = page.frame_locator("#sco")
    expect(sco.locator("#qz-lms")).to_be_visible()
    expect(sco.locator("#qz-lms")).to_have_text(NOT_RECORDED)
    assert NOT_RECORDED == "无法保存学习记录：练习照常进行，但进度不会被保存。"  # the runtime's words (store.js)
    site = sco.frame_locator("#qz-frame")
    expect(site.locator("main")).to_contain_text("学习路径")  # the course's home page, below the notice
    assert page.evaluate("lmsCalls") == []


def test_without_an_lms_the_package_opens_the_site_as_today(page: Page, package: Path, offsite_requests):
    page.goto((package / "index.html").as_uri())
    expect(page).to_have_url((package / "site" / "index.html").as_uri())
    page.goto((package / "site" / "modules" / "m3" / "l3.html").as_uri())
    assert page.evaluate("window.quizgenStore === undefined")
    question = page.locator("li.qz-q[data-type=truefalse]").first
    question.locator("input").first.check()
    question.locator("button.qz-check").click()
    expect(question.locator(".qz-fb")).to_contain_text("回答")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quizgen:'))")
    assert kept == ["quizgen:main"]  # progress kept in the browser, as ever
    assert offsite_requests == []


# An LMS that misbehaves: what it hands back as cmi.suspend_data, or calls that fail. The init script runs in every
# frame; only the LMS's page calls lmsHostile.
def misbehave(page: Page, script: str) -> None:
    page.add_init_script(f"window.lmsHostile = api => {{ {script} }};")


def frame_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions of every frame (the LMS's own page logs nothing here)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def answer_one(frame: Frame, project) -> None:
    """Answers the lesson's first auto-scored question and checks it, as a learner would."""
    li = frame.locator("section.qz li.qz-q:not([data-type=open])").first
    answer(li, project.question(li.get_attribute("data-qid")), right=False)
    li.locator(".qz-check").click()
    expect(li.locator(".qz-fb")).to_contain_text("回答错误")


def open_lesson(page: Page, package: Path) -> Frame:
    frame = launch(page, package)
    frame.goto(f"{ORIGIN}pkg/site/modules/m3/l3.html")
    frame.wait_for_selector("section.qz.qz-on")
    return frame


GET_SUSPEND = "const get = api.LMSGetValue.bind(api); api.LMSGetValue = k => k === 'cmi.suspend_data' ? {} : get(k);"


@pytest.mark.parametrize(
    "suspend",
    ["garbage that is no record", "2|a later format", '{"version": 2, "quizzes": 5}', "null", "x" * 200_000],
    ids=["garbage", "another-format", "json-not-a-record", "json-null", "over-long"],
)
def test_suspend_data_that_is_not_a_record_is_reported_and_never_overwritten(
    page: Page, package: Path, lms: list[str], project, suspend: str
):
    errors = frame_errors(page)
    misbehave(page, GET_SUSPEND.replace("{}", json.dumps(suspend)) + "api.lmsSets = [];"
              "const set = api.LMSSetValue.bind(api); api.LMSSetValue = (k, v) => (api.lmsSets.push(k), set(k, v));")  # fmt: skip
    frame = open_lesson(page, package)
    store = frame.locator("section.qz .qz-store")
    expect(store).to_have_text("保存的学习记录已损坏：练习照常进行，但进度不会被保存。")
    answer_one(frame, project)
    assert "cmi.suspend_data" not in page.evaluate("API.lmsSets")  # what the LMS holds is left alone
    assert errors == [] and lms == []


def test_a_truncated_suspend_data_keeps_what_it_still_holds(page: Page, package: Path, lms: list[str], project):
    config = launch_config(package)
    frame = launch(page, package)
    quiz = next(k for k in config["quizzes"] if "/modules/m3/l3#" in k)
    record = {"version": 2, "course": config["course"], "mistakes": config["questions"][:3],
              "quizzes": {quiz: {"best": 60, "attempts": 2, "last": 60}},
              "current": {quiz: {"seed": 7, "answers": {config["questions"][0]: ["B"]}, "checked": []}}}  # fmt: skip
    frame.evaluate("r => quizgenStore.save(r.course, JSON.stringify(r))", record)
    whole = api(page, "suspend_data")
    cut = whole[:-12]  # the LMS kept only the first part: the attempt in progress, at the end, is cut
    errors = frame_errors(page)
    page.evaluate("localStorage.removeItem('lms-record')")
    misbehave(page, GET_SUSPEND.replace("{}", json.dumps(cut)))
    page.reload()
    frame = open_lesson(page, package)
    expect(frame.locator("section.qz .qz-store")).to_be_hidden()
    expect(frame.locator("section.qz .qz-score")).to_have_text("上次为止最好成绩 60%，已完成 2 次。")
    kept = json.loads(frame.evaluate("c => quizgenStore.load(c)", config["course"]))
    assert kept["quizzes"] == record["quizzes"] and kept["mistakes"] == record["mistakes"]
    assert kept.get("current", {}) == {}  # a version 1 record to the runtime: nothing in progress
    assert errors == [] and lms == []


def test_an_lms_that_cannot_give_the_record_gets_nothing_written_over_it(
    page: Page, package: Path, lms: list[str], project
):
    errors = frame_errors(page)
    misbehave(page, "const get = api.LMSGetValue.bind(api); api.lmsSets = [];"
              "api.LMSGetValue = k => { if (k === 'cmi.suspend_data') throw new Error('LMS down'); return get(k); };"
              "const set = api.LMSSetValue.bind(api); api.LMSSetValue = (k, v) => (api.lmsSets.push(k), set(k, v));")  # fmt: skip
    frame = open_lesson(page, package)
    expect(frame.locator("section.qz .qz-store")).to_have_text("无法读取学习记录：练习照常进行，但进度不会被保存。")
    answer_one(frame, project)
    assert "cmi.suspend_data" not in page.evaluate("API.lmsSets")
    assert page.evaluate("API.cmi.core.lesson_location") == "modules/m3/l3.html"  # the rest still reaches the LMS
    assert errors == [] and lms == []


@pytest.mark.parametrize("how", ["refuses", "throws"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_lms_that_refuses_to_save_is_told_to_the_learner(
    page: Page, package: Path, lms: list[str], project, how: str, viewport: dict
):
    page.set_viewport_size(viewport)
    errors = frame_errors(page)
    failing = "return 'false';" if how == "refuses" else "throw new Error('LMS full');"
    misbehave(page, "const set = api.LMSSetValue.bind(api);"
              f"api.LMSSetValue = (k, v) => {{ if (k === 'cmi.suspend_data') {{ {failing} }} return set(k, v); }};"
              "api.LMSCommit = () => { throw new Error('LMS gone'); };"
              "api.LMSFinish = () => { throw new Error('LMS gone'); };")  # fmt: skip
    frame = open_lesson(page, package)
    store = frame.locator("section.qz .qz-store")
    expect(store).to_be_hidden()
    answer_one(frame, project)
    expect(store).to_have_text("无法保存学习记录：练习照常进行，但进度不会被保存。")
    assert_readable(store)
    assert api(page, "suspend_data") == ""
    page.reload()  # LMSFinish throws on unload: nothing reaches the console
    launch(page, package)
    assert errors == [] and lms == []


def assert_readable(locator) -> None:
    """The message is on screen, inside the viewport's width, and its text does not overflow its box."""
    box = locator.bounding_box()
    width = locator.evaluate("e => e.ownerDocument.documentElement.clientWidth")
    assert box and box["width"] > 0 and box["height"] > 0
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
    assert locator.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


def test_the_record_of_a_changed_package_starts_over_as_documented(page: Page, package: Path, lms: list[str], project):
    errors = frame_errors(page)
    misbehave(page, GET_SUSPEND.replace("{}", json.dumps("1|an-earlier-package|0.2s.1|B")))
    frame = open_lesson(page, package)
    expect(frame.locator("section.qz .qz-store")).to_be_hidden()
    expect(frame.locator("section.qz .qz-score")).to_have_text("")
    answer_one(frame, project)
    assert api(page, "suspend_data").startswith(f"1|{launch_config(package)['table']}|")
    assert errors == [] and lms == []
