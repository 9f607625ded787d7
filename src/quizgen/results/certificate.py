"""结业证书 facts, signed with the trainer's Ed25519 key, as one ASCII token the QR code and the PDF carry::

    QC1.<facts>.<signature>

``<facts>`` is the UTF-8 text of the facts (one a line: course id, course title, name, unit, date, score, 学时,
serial) in unpadded base64url; ``<signature>`` is the Ed25519 signature of the ASCII bytes ``QC1.<facts>``, in
unpadded base64url. Changing any byte of the token breaks it; a certificate of another course is refused by
``quizgen verify --course``. What it proves: that the holder of the private key issued these facts. Not how the
learner took the test (results come from the learner's own browser) and not who is holding the paper.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import astuple, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "QC1."
FIND = re.compile(r"QC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


class CertificateError(ValueError):
    """A token that is not a valid certificate (Chinese message)."""


@dataclass(frozen=True)
class Facts:
    course: str
    title: str
    name: str
    unit: str
    date: str
    score: int
    hours: str
    serial: str

    def text(self) -> str:
        return "\n".join(str(v).replace("\n", " ") for v in astuple(self))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(facts: Facts, key: Ed25519PrivateKey) -> str:
    body = PREFIX + _b64(facts.text().encode())
    return f"{body}.{_b64(key.sign(body.encode()))}"


def verify(token: str, key: Ed25519PublicKey) -> Facts:
    """The facts of a token signed with ``key``; ``CertificateError`` otherwise."""
    if not FIND.fullmatch(token):
        raise CertificateError("不是结业证书的查验码（应以 QC1. 开头）")
    body, _, signature = token.rpartition(".")
    try:
        key.verify(_unb64(signature), body.encode())
    except (InvalidSignature, binascii.Error, ValueError) as exc:
        raise CertificateError("签名无效：证书被改动过，或不是用这把密钥签发的") from exc
    fields = _unb64(body[len(PREFIX) :]).decode("utf-8").split("\n")
    if len(fields) != 8 or not fields[5].isdigit():
        raise CertificateError("证书内容格式不对")
    return Facts(*fields[:5], int(fields[5]), *fields[6:])  # type: ignore[arg-type]


def find_token(data: bytes) -> str | None:
    """The certificate token in a PDF's bytes or in pasted text (the QR code's text)."""
    found = FIND.search(data.decode("latin-1"))
    return found.group() if found else None


def new_key() -> tuple[bytes, bytes]:
    """A new key pair as PEM: (private, public)."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise CertificateError(f"{path}：不是 quizgen keygen 生成的私钥") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise CertificateError(f"{path}：不是 Ed25519 私钥")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise CertificateError(f"{path}：不是 quizgen keygen 生成的公钥") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise CertificateError(f"{path}：不是 Ed25519 公钥")
    return key


def raw_public(key: Ed25519PublicKey) -> str:
    """The 32 raw bytes of a public key, base64url: what the 证书查验 page holds."""
    return _b64(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
