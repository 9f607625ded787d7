"""``quizgen keygen``, ``quizgen certificates`` and ``quizgen verify``: 结业证书 signed with the trainer's key.

The private key is written outside the project (so no build, bundle or commit can pick it up), never over an
existing key, readable by its owner only; ``certificates`` reads it and writes PDFs, the 证书查验 page (with the
public key) and a list, never the key. See certificate.py for what a certificate proves.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

from ..output import OutputRefused, project_inputs, real, write_file, write_files
from ..problems import print_problems, write_failed

PRIVATE_NAME = "证书私钥.pem"
PUBLIC_NAME = "证书公钥.pem"
LIST = "证书清单.txt"
PAGE = "证书查验.html"


def _project_root() -> Path | None:
    from ..source import find_speech

    try:
        return find_speech().parent.parent
    except FileNotFoundError:
        return None


def cmd_keygen(args: argparse.Namespace) -> int:
    from .certificate import new_key

    folder = Path(args.output)
    root = _project_root()
    if root is not None and (real(folder) == real(root) or real(root) in real(folder).parents):
        raise OutputRefused(
            f"拒绝把密钥写到 {folder}：它在项目文件夹中，可能被打包进课程或提交到版本库。请放在项目之外，如 ~/培训证书密钥"
        )
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    if private_path.exists() or public_path.exists():
        raise OutputRefused(
            f"拒绝覆盖 {private_path}：已有密钥，覆盖后用它签发的证书将无法查验。要换密钥请先自行移走旧密钥"
        )
    private, public = new_key()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(private)
        write_file(public_path, public)
    except OSError as exc:
        private_path.unlink(missing_ok=True)
        return write_failed(folder, exc)
    print(
        f"已生成密钥：{private_path}（私钥，只有你能读取，请妥善保管、不要外传）和 {public_path}（公钥）",
        file=sys.stderr,
    )
    return 0


def _file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "学员"


def cmd_certificates(args: argparse.Namespace) -> int:
    from ..project import open_project
    from .analysis import analyse
    from .certificate import Facts, load_private, raw_public, sign
    from .certificate_pdf import certificate_pdf
    from .course import course_info
    from .read import read_codes
    from .verify_page import verify_page

    out = Path(args.output)
    key_path = Path(args.key)
    if real(out) == real(key_path.parent) or real(out) in real(key_path).parents:
        raise OutputRefused(f"拒绝写入 {out}：私钥 {key_path} 在这个文件夹中，发出去的证书文件夹不能含有私钥")
    key = load_private(key_path)
    project = open_project()
    course = course_info(project, Path(args.course))
    learners, problems = read_codes([Path(p) for p in args.inputs], course)
    print_problems(problems)
    final = course.final
    if final is None:
        print(f"quizgen: 课程 {course.id} 没有结业测验（带 :final: 的测验），无法判断是否结业", file=sys.stderr)
        return 1
    bank = {q.id: q for q in project.questions}
    graded = analyse(final, learners, bank).graded
    date = args.date or course.date or dt.date.today().isoformat()
    files: dict[str, bytes] = {}
    listing = ["证书编号\t姓名\t单位\t成绩\t查验码"]
    passed = sorted((g for g in graded if g.percent >= course.mastery), key=lambda g: g.learner.identity)
    for number, g in enumerate(passed, 1):
        r = g.learner.results
        facts = Facts(
            course.id, course.title, r.name, r.unit, date, g.percent, course.hours, f"{course.id}-{date}-{number:03d}"
        )
        token = sign(facts, key)
        files[f"结业证书-{number:03d}-{_file_name(r.name)}.pdf"] = certificate_pdf(facts, token, args.issuer or "")
        listing.append(f"{facts.serial}\t{r.name}\t{r.unit}\t{g.percent}\t{token}")
    files[LIST] = ("\n".join(listing) + "\n").encode("utf-8")
    files[PAGE] = verify_page(raw_public(key.public_key()), args.issuer or "", course.title).encode("utf-8")
    try:
        write_files(out, files, project_inputs(project.root, *args.inputs))
    except OSError as exc:
        return write_failed(out, exc)
    failed = len(graded) - len(passed)
    print(f"已为 {len(passed)} 名通过结业测验（≥ {course.mastery}%）的学员写出结业证书到 {out}；"
          f"未通过 {failed} 人，没有结业测验成绩 {len(learners) - len(graded)} 人", file=sys.stderr)  # fmt: skip
    return 1 if [p for p in problems if p.level == "error"] else 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .certificate import CertificateError, find_token, load_public, verify

    key = load_public(Path(args.key))
    course_id = None
    if args.course:
        from ..project import open_project
        from .course import course_info

        course_id = course_info(open_project(), Path(args.course)).id
    bad = 0
    for item in args.certificates:
        path = Path(item)
        try:
            data = path.read_bytes() if path.is_file() else item.encode()
        except OSError as exc:
            print(f"{item}: 无法读取：{exc.strerror}", file=sys.stderr)
            bad += 1
            continue
        token = find_token(data)
        try:
            if token is None:
                raise CertificateError("找不到查验码（QC1. 开头的一串字符）")
            facts = verify(token, key)
            if course_id is not None and facts.course != course_id:
                raise CertificateError(f"签名有效，但证书属于另一课程“{facts.course}”（应为 {course_id}）")
        except CertificateError as exc:
            print(f"{item}: ✗ 无效：{exc}", file=sys.stderr)
            bad += 1
            continue
        print(
            f"{item}: ✓ 有效：{facts.serial} {facts.name}（{facts.unit}）{facts.title} {facts.date} 成绩 {facts.score} 分 学时 {facts.hours}"
        )
    return 1 if bad else 0


def configure_keygen(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        help=f"密钥文件夹（项目之外）：写出 {PRIVATE_NAME} 和 {PUBLIC_NAME}",
    )


def configure_certificates(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="IN", help="学员的成绩码文件（与 quizgen results 读取的相同）")
    p.add_argument(
        "--course", required=True, metavar="MANIFEST", help="课程清单：课程名称、学时（duration）、及格线（mastery）"
    )
    p.add_argument("--key", required=True, metavar="KEY", help=f"quizgen keygen 生成的私钥 {PRIVATE_NAME}")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=f"输出文件夹：每人一份 PDF、{LIST}、{PAGE}")
    p.add_argument("--issuer", metavar="单位", help="证书上的培训单位名称（默认留空，盖章处填写）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="发证日期（默认：课程清单的 date，没有则为今天）")


def configure_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("certificates", nargs="+", metavar="CERT", help="证书 PDF 文件，或二维码中的文字（QC1. 开头）")
    p.add_argument("--key", required=True, metavar="PUBLIC", help=f"培训单位的公钥 {PUBLIC_NAME}")
    p.add_argument("--course", metavar="MANIFEST", help="只承认这一课程的证书")


COMMANDS = {
    "keygen": (cmd_keygen, configure_keygen, "生成签发结业证书用的密钥（Ed25519）"),
    "certificates": (cmd_certificates, configure_certificates, "为通过结业测验的学员生成带签名二维码的结业证书 PDF"),
    "verify": (cmd_verify, configure_verify, "查验结业证书的签名"),
}
