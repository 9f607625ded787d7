"""The 成绩码 format: round trip, every one-character edit and every cut detected, found inside chat text, and a
whole course's results within one WeChat message (2,000 characters)."""

from __future__ import annotations

import pytest

from quizgen.results.code import CodeError, QuizResult, Results, decode, encode, find_codes, record_text

SAMPLE = Results(
    "new-cadres-half-day", "1.0", "欧阳 明月", "XX区总工会；机关工会", "2026-12-07",
    [
        QuizResult("modules/m1/l1#1", 100, 90, 3),
        QuizResult("practice/final-test#1", 80, 80, 2, 754,
                   {"m1-l1-004": ["B"], "m1-l1-007": ["廉政谈话", ""], "m2-l1-001": ["A", "C"],
                    "gen-x_1": ["a,b;c=d%e*f!g~h_i.j/k"]}),
    ],
)  # fmt: skip


def test_round_trip_and_shape():
    code = encode(SAMPLE)
    assert code.startswith("QG1.") and code.count(".") == 2
    assert decode(code) == SAMPLE
    assert "欧阳%20明月" in code  # Chinese stays as it is, a space is escaped
    assert "/" not in code and "[" not in code and " " not in code


def test_every_one_character_edit_is_detected():
    code = encode(SAMPLE)
    for at in range(len(code)):
        for other in {"A", "7", "%", "中", "."} - {code[at]}:
            with pytest.raises(CodeError):
                decode(code[:at] + other + code[at + 1 :])


def test_every_cut_is_detected():
    code = encode(SAMPLE)
    for end in range(len(code)):
        with pytest.raises(CodeError):
            decode(code[:end])


def test_later_version_refused_by_name():
    with pytest.raises(CodeError, match="版本 2"):
        decode("QG2." + encode(SAMPLE)[4:])


def test_found_in_chat_text():
    code = encode(SAMPLE)
    assert find_codes(f"老师好，这是我的成绩码：{code}。谢谢！") == [code]
    assert find_codes(f"{code}\t{code}") == [code, code]
    assert find_codes("QG1.abc，后面被截断了") == ["QG1.abc"]


def test_record_text_is_documented_shape():
    lines = record_text(SAMPLE).split("!")
    assert lines[0] == "new-cadres-half-day*1%2E0*欧阳%20明月*XX区总工会%EF%BC%9B机关工会*2026-12-07"
    assert lines[1] == "0modules%2Fm1%2Fl1%231*100*90*3**"
    assert lines[2].startswith("0practice%2Ffinal-test%231*80*80*2*754*0gen-x%5F1_a%2Cb")


def test_whole_course_fits_one_wechat_message(project):
    """Every lesson's 自测 scored, the 综合测验's 50 and one 模拟考试 attempt's 30 questions answered, chosen to make
    the code as long as the banks allow (longest ids, longest accepted fill-in answers), a long name and unit."""

    def answer(q):
        if q.type == "fill":
            return [max(blank, key=len) for blank in q.blanks]
        return {"single": q.correct_keys[:1], "multiple": q.correct_keys, "truefalse": ["T"]}[q.type]

    def cost(q):
        return len(encode(Results("c", "1", "", "", "2026-01-01", [QuizResult("k", 0, 0, 0, None, {q.id: answer(q)})])))

    auto = sorted((q for q in project.questions if q.type != "open"), key=cost, reverse=True)
    lessons = sorted({q.lesson for q in project.questions if not q.generated})
    quizzes = [QuizResult(f"modules/{b[:2]}/{b[3:]}#1", 100, 100, 99, 3599) for b in lessons]
    quizzes.append(QuizResult("practice/final-test#1", 100, 100, 99, 3599, {q.id: answer(q) for q in auto[:50]}))
    exam = [q for t, n in (("single", 10), ("multiple", 5), ("truefalse", 10), ("fill", 5))
            for q in [x for x in auto if x.type == t][:n]]  # fmt: skip
    quizzes.append(QuizResult("practice/mock-exam#1", 100, 100, 99, 1800, {q.id: answer(q) for q in exam}))
    code = encode(Results("annual-training-one-day", "1.0", "欧阳明月" * 3, "XX市XX区总工会机关工会委员会" * 2,
                          "2026-12-07", quizzes))  # fmt: skip
    assert len(code) <= 2000, len(code)
    assert decode(code).quizzes[-1].responses == quizzes[-1].responses


def test_fill_in_answers_fit_uncut(project):
    from quizgen.results.code import MAX_PART

    assert max(len(a) for q in project.questions for blank in q.blanks for a in blank) <= MAX_PART
