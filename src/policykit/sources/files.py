"""The bytes of the files the registry names: inside sources/, byte for byte, readable as text.

    path = inside_sources(root, "005_norrvik.pdf", "original", "sources/sources.yml", 12)
    digest = verify(raw, expected_sha256, "sources/005_norrvik.pdf", "sources/sources.yml", 12)
    text = decode(raw, "sources/005_norrvik.txt")      # UTF-8, a byte order mark dropped

Each raises `PolicyError` naming the file, the registry line and the fix: a path that leads out of
sources/ (the build publishes the sources), a changed byte, an empty, binary, UTF-16 or not-UTF-8 file.
"""

import hashlib
import re
from pathlib import Path

from policykit.errors import PolicyError, Problem, at

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def verify(raw: bytes, expected: str, shown: str, where: str, line: int) -> str:
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected:
        raise PolicyError(Problem(
            shown, f"checksum mismatch: sha256 is {digest}, {where} line {line} expects {expected}",
            "restore the file byte for byte (git checkout -- " + shown + "); if a new version of the source "
            "was delivered, review it, update the sha256 and the repairs, and let the checker guide the pages"))
    return digest


def inside_sources(root: Path, name: str, key: str, where: str, line: int) -> Path:
    """``sources/<name>``, refused when it leads out of sources/: the build publishes the sources."""
    folder = (root / "sources").resolve()
    path = (folder / name).resolve()
    if not name or not path.is_relative_to(folder) or path == folder:
        raise PolicyError(Problem(at(where, line), f"'{key}: {name}' does not name a file inside sources/",
                                  f"put the file in sources/ and give its path relative to sources/"))
    return root / "sources" / name


def decode(raw: bytes, shown: str, what: str = "OCR text", fix_empty: str | None = None) -> str:
    """The text of a file that must be UTF-8 text (a byte order mark dropped), or a PolicyError naming
    the file, the line and the fix: empty, binary, UTF-16 or not UTF-8. One decoder for every input."""
    if not raw.strip():
        raise PolicyError(Problem(shown, "the file is empty" if not raw else "the file holds only blank space",
                                  fix_empty or f"restore the delivered {what} (git checkout -- {shown})"))
    if raw.startswith(UTF16_BOMS):
        raise PolicyError(Problem(shown, "not valid UTF-8 (byte 0)", f"deliver the {what} as UTF-8 (it starts "
                                  "with a UTF-16 byte order mark: iconv -f UTF-16 -t UTF-8 converts it)"))
    # Text never holds control characters other than tab, line ends and form feed (a page break).
    control = re.search(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]", raw)
    if control:
        raise PolicyError(Problem(at(shown, raw.count(b"\n", 0, control.start()) + 1),
                                  f"control character {control.group().decode()!r} at byte {control.start()}: "
                                  f"a binary file, not {what}", f"deliver the {what} as plain UTF-8 text"))
    try:
        # A UTF-8 byte order mark is an encoding signature, not text: "utf-8-sig" drops it, as MkDocs does.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        raise PolicyError(Problem(at(shown, raw.count(b"\n", 0, offset) + 1), f"not valid UTF-8 (byte {offset})",
                                  f"deliver the {what} as UTF-8 (a Latin-1 or Windows-1252 file converts with "
                                  "iconv -f WINDOWS-1252 -t UTF-8)"))
