"""The ``quizgen generate`` command: facts in, a checked generated bank out, byte-identical for a seed."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..check import check_banks
from ..layout import ProjectLayout
from ..load import bank_files, load_bank
from ..model import Bank, Question, normalize_answer
from ..problems import InputError, Problem, display_path, write_failed
from ..source import Speech, find_speech
from ..yamlio import load_yaml, plain
from .facts import DEFAULT_FACTS, DEFAULT_OUTPUT, GENERATED, load_facts
from .questions import build, dump, repeat_key

# --- the command ---------------------------------------------------------------------------------------


def _is_generated_file(path: Path) -> bool:
    doc, problems = load_yaml(path)
    return not problems and isinstance(doc, dict) and plain(doc).get("generated") is True


def _answer_words(q: Question) -> str:
    if q.type == "fill":
        return "|".join(sorted(b[0] for b in q.blanks))
    return "|".join(sorted(o.text for o in q.options if o.key in q.correct_keys))


def run(root: Path, facts_path: Path, output: Path, seed: int | None) -> tuple[str, Bank, list[str]]:
    """The generated bank's text, the bank itself (checked) and notes; raises InputError on any problem."""
    layout = ProjectLayout(root)
    speech = Speech.from_file(layout.speech)
    file_seed, facts = load_facts(facts_path, speech, display_path(facts_path, root))
    seed = file_seed if seed is None else seed
    out_display = display_path(output, root)
    if output.exists() and not _is_generated_file(output):
        from ..output import OutputRefused  # a refusal, like every other (exit 2)

        raise OutputRefused(f"拒绝覆盖 {out_display}：这个文件不是自动生成的题库（没有 generated: true）")
    hand: list[Bank] = []
    problems: list[Problem] = []
    for path in bank_files([layout.quizzes]):
        if path.resolve() == output.resolve():
            continue
        bank, found = load_bank(path, display_path(path, root))
        if bank is not None and bank.questions and all(q.generated for q in bank.questions):
            continue  # another generated bank (the default one when -o names a new file): not hand-written
        problems += found
        if bank is not None:
            hand.append(bank)
    taken_ids = {q.id for bank in hand for q in bank.questions}
    taken_stems = {normalize_answer(q.stem) for bank in hand for q in bank.questions}
    taken_repeats = {repeat_key(q.source.quote, _answer_words(q)) for bank in hand for q in bank.questions}
    questions, notes = build(facts, seed, taken_ids, taken_stems, taken_repeats)
    text = dump(questions)
    with tempfile.TemporaryDirectory() as temp:
        candidate = Path(temp) / output.name
        candidate.write_text(text, encoding="utf-8")
        bank, found = load_bank(candidate, out_display)
    found += [p for p in check_banks([*hand, bank] if bank else hand, speech) if p.file == out_display]
    errors = [p for p in found if p.level == "error"]
    if errors or bank is None:
        raise InputError(errors or found)
    return text, bank, notes


def cmd_generate(args: argparse.Namespace) -> int:
    from ..output import project_inputs, write_file

    root = find_speech().parent.parent
    layout = ProjectLayout(root)
    facts_path = Path(args.facts) if args.facts else layout.facts
    output = Path(args.output) if args.output else layout.banks / GENERATED
    if not facts_path.is_file():
        print(f"quizgen: 找不到事实文件 {facts_path}", file=sys.stderr)
        return 1
    text, bank, notes = run(root, facts_path, output, args.seed)
    for note in notes:
        print(f"提示：{note}", file=sys.stderr)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            print(f"{output} 不是最新的：请运行 quizgen generate 重新生成", file=sys.stderr)
            return 1
        print(f"{output} 是最新的（{len(bank.questions)} 道题）")
        return 0
    try:
        allow = [output] if not output.exists() or _is_generated_file(output) else []  # a bank's own folder
        write_file(output, text.encode("utf-8"), project_inputs(root, facts_path), allow)
    except OSError as exc:
        return write_failed(output, exc)
    print(f"已生成 {len(bank.questions)} 道题到 {output}")
    return 0


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--facts", metavar="FILE", help=f"事实文件（默认：{DEFAULT_FACTS}）")
    p.add_argument("-o", "--output", metavar="FILE", help=f"生成的题库（默认：{DEFAULT_OUTPUT}）")
    p.add_argument("--seed", type=int, help="随机种子（默认：事实文件里的 seed）；同一种子输出逐字节相同")
    p.add_argument("--check", action="store_true", help="只检查生成的题库是否最新，不写文件；不是最新时退出码为 1")


COMMANDS = {"generate": (cmd_generate, configure, "根据 quizzes/facts.yaml 里的列举与要点自动生成题目")}
