"""结业证书: keygen keeps the private key out of the project and never overwrites one; certificates go to the
learners who passed, with Chinese that renders; verify accepts them and rejects a changed byte, another key and
another course."""

from __future__ import annotations

import math
import shutil
import stat
import subprocess

import pytest
from certificate_setup import MANIFEST, issue

from quizgen.cli import main


@pytest.fixture(scope="module")
def issued(project, root, tmp_path_factory):
    return issue(project, root, tmp_path_factory.mktemp("certs"))


def test_keygen_keeps_the_key_private_and_outside(tmp_path, root, issued):
    keys, _, _ = issued
    assert stat.S_IMODE((keys / "证书私钥.pem").stat().st_mode) == 0o600
    before = (keys / "证书私钥.pem").read_bytes()
    assert main(["keygen", "-o", str(keys)]) == 2  # never over an existing key
    assert (keys / "证书私钥.pem").read_bytes() == before
    assert main(["keygen", "-o", str(root / "_build" / "keys")]) == 2  # never inside the project
    assert not (root / "_build" / "keys").exists()


def test_certificates_for_those_who_passed(issued):
    _, out, klass = issued
    passed = [x for x in klass if math.floor(100 * sum(x.right.values()) / len(x.right) + 0.5) >= 80]
    pdfs = sorted(out.glob("*.pdf"))
    assert 0 < len(pdfs) == len(passed) < len(klass)
    names = {x.name for x in passed}
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        text = text.replace("\n", "")
        assert "结 业 证 书" in text and "新任职工会干部廉政教育（半天）" in text and "学时3小时55分钟" in text
        assert any(f"{name}（" in text for name in names)
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert any("UMing" in line and " yes yes " in line for line in fonts.splitlines())  # embedded, subset
    assert not list(out.glob("*.pem")) and b"PRIVATE" not in b"".join(p.read_bytes() for p in out.iterdir())
    page = (out / "证书查验.html").read_text(encoding="utf-8")
    assert "crypto.subtle" in page and "http" not in page


def test_verify_accepts_the_issued(capsys, issued):
    keys, out, _ = issued
    pdfs = [str(p) for p in sorted(out.glob("*.pdf"))]
    assert main(["verify", *pdfs, "--key", str(keys / "证书公钥.pem"), "--course", MANIFEST]) == 0
    assert capsys.readouterr().out.count("✓ 有效") == len(pdfs)


def test_verify_rejects_one_byte_changed(capsys, issued, tmp_path):
    keys, out, _ = issued
    pdf = sorted(out.glob("*.pdf"))[0]
    data = pdf.read_bytes()
    at = data.index(b"QC1.") + 30
    for replacement in (b"A", b"B"):
        if data[at : at + 1] != replacement:
            changed = tmp_path / "changed.pdf"
            changed.write_bytes(data[:at] + replacement + data[at + 1 :])
            break
    assert main(["verify", str(changed), "--key", str(keys / "证书公钥.pem")]) == 1
    assert "✗ 无效" in capsys.readouterr().err


def test_verify_rejects_another_key(capsys, issued, tmp_path):
    _, out, _ = issued
    assert main(["keygen", "-o", str(tmp_path / "other")]) == 0
    pdf = str(sorted(out.glob("*.pdf"))[0])
    assert main(["verify", pdf, "--key", str(tmp_path / "other" / "证书公钥.pem")]) == 1
    assert "签名无效" in capsys.readouterr().err


def test_verify_rejects_another_course(capsys, issued):
    keys, out, _ = issued
    pdf = str(sorted(out.glob("*.pdf"))[0])
    other = "quizzes/courses/annual-training-one-day.yaml"
    assert main(["verify", pdf, "--key", str(keys / "证书公钥.pem"), "--course", other]) == 1
    assert "另一课程" in capsys.readouterr().err


def test_the_key_is_refused_inside_the_output(issued, tmp_path):
    keys, _, _ = issued
    inside = tmp_path / "out"
    inside.mkdir()
    shutil.copy(keys / "证书私钥.pem", inside / "k.pem")
    args = ["certificates", str(tmp_path), "--course", MANIFEST, "--key", str(inside / "k.pem"), "-o", str(inside)]
    assert main(args) == 2
