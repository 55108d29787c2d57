#!/usr/bin/env python3
"""A decryptor for attach's envelopes written from docs/envelope.md alone,
in another language and library (Python's `cryptography`), to show that the
page is enough. Used by tests/unit/envelope-independent.test.ts.

    ENVELOPE_PASSPHRASE=... python3 tests/helpers/envelope_open.py <file>

writes the plaintext's bytes to stdout; exit 1 when the passphrase does not
open it (or the file was changed), exit 2 when it is not a valid envelope.
"""
import base64
import binascii
import json
import os
import sys
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt


class NotAnEnvelope(Exception):
    pass


def decoded(value, length, name):
    if not isinstance(value, str):
        raise NotAnEnvelope(name)
    try:
        raw = base64.b64decode(value, validate=True)
    except binascii.Error:
        raise NotAnEnvelope(name + " is not base64")
    if length is not None and len(raw) != length:
        raise NotAnEnvelope(name + " has the wrong length")
    return raw


def open_envelope(text, passphrase):
    try:
        e = json.loads(text)
    except ValueError:
        raise NotAnEnvelope("not JSON")
    if not isinstance(e, dict) or e.get("format") != "attach.encrypted":
        raise NotAnEnvelope("format")
    if e.get("version") != 1 or e.get("cipher") != "aes-256-gcm":
        raise NotAnEnvelope("version or cipher")
    k = e.get("kdf") or {}
    n, r, p = k.get("N"), k.get("r"), k.get("p")
    ints = all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (n, r, p))
    if k.get("name") != "scrypt" or k.get("keyLength") != 32 or not ints or n & (n - 1):
        raise NotAnEnvelope("kdf")
    if n > 2**20 or 128 * n * r > 2**30 or p > 16:
        raise NotAnEnvelope("kdf too costly")
    salt = decoded(e.get("salt"), 16, "salt")
    nonce = decoded(e.get("nonce"), 12, "nonce")
    tag = decoded(e.get("tag"), 16, "tag")
    ciphertext = decoded(e.get("ciphertext"), None, "ciphertext")

    password = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password)
    aad = json.dumps(
        ["attach.encrypted", 1, "scrypt", n, r, p, 32, e["salt"], "aes-256-gcm", e["nonce"]],
        separators=(",", ":"),
    ).encode("utf-8")
    try:
        return AESGCM(key).decrypt(nonce, ciphertext + tag, aad)
    except InvalidTag:
        return None


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    try:
        plain = open_envelope(text, os.environ.get("ENVELOPE_PASSPHRASE", ""))
    except NotAnEnvelope as problem:
        sys.stderr.write(str(problem) + "\n")
        sys.exit(2)
    if plain is None:
        sys.exit(1)
    sys.stdout.buffer.write(plain)


if __name__ == "__main__":
    main()
