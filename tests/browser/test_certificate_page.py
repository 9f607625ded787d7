"""The offline 证书查验 page in Chromium (WebCrypto Ed25519): an issued certificate is valid, by its QR text or its
PDF; a changed character and another trainer's certificate are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from certificate_setup import issue
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def issued(project, root, tmp_path_factory):
    return issue(project, root, tmp_path_factory.mktemp("certs"))


def tokens(out: Path) -> list[str]:
    lines = (out / "证书清单.txt").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t")[-1] for line in lines]


def check(page: Page, text: str) -> None:
    page.fill("#text", text)
    page.click("#go")


def test_valid_and_invalid(page: Page, issued, offsite_requests, console_errors):
    _, out, _ = issued
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto((out / "证书查验.html").as_uri())
    token = tokens(out)[0]
    check(page, f"扫码结果：{token}")
    expect(page.locator("#out")).to_contain_text("✓ 证书有效")
    expect(page.locator("#out")).to_contain_text("新任职工会干部廉政教育（半天）")
    at = 40
    changed = token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
    check(page, changed)
    expect(page.locator("#out")).to_contain_text("✗")
    page.set_input_files("#file", str(sorted(out.glob("*.pdf"))[0]))
    expect(page.locator("#out")).to_contain_text("✓ 证书有效")
    assert offsite_requests == [] and console_errors == []


def test_another_trainers_certificate(page: Page, issued, project, root, tmp_path):
    _, out, _ = issued
    _, other, _ = issue(project, root, tmp_path)
    page.goto((out / "证书查验.html").as_uri())
    check(page, tokens(other)[0])
    expect(page.locator("#out")).to_contain_text("✗ 证书无效")
