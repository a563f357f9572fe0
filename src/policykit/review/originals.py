"""The original beside the reading: a PDF's pages as PNG images (poppler's pdftoppm), once per file.

    pages = Originals(cache_dir)
    pages.count(src)            # 2   (0 for a text file or a web page: the app shows their text)
    pages.png(src, 1)           # b"\\x89PNG..." of page 1, 100 dpi, rendered on first use

Images are kept outside the project (in the app's temporary folder), named by the original's
sha256, so the project is never written and an edited original is rendered anew.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from policykit.errors import PolicyError, Problem

DPI = 100
MAX_PAGES = 200   # the add command refuses longer PDFs


class Originals:
    def __init__(self, cache: Path):
        self.cache = Path(cache)

    def _folder(self, src) -> Path | None:
        original = src.original
        if original is None or not original.kind.startswith("pdf"):
            return None
        folder = self.cache / original.sha256
        if not folder.is_dir():
            if shutil.which("pdftoppm") is None:
                raise PolicyError(Problem(original.name, "poppler's pdftoppm is missing, so the PDF's pages "
                                          "cannot be shown", "install it: make intake-deps"))
            work = self.cache / f".{original.sha256}.tmp"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            subprocess.run(["pdftoppm", "-r", str(DPI), "-l", str(MAX_PAGES), "-png", str(original.path),
                            str(work / "page")], check=True, capture_output=True, timeout=120)
            work.rename(folder)
        return folder

    def count(self, src) -> int:
        folder = self._folder(src)
        return 0 if folder is None else len(list(folder.glob("page-*.png")))

    def png(self, src, page: int) -> bytes | None:
        folder = self._folder(src)
        if folder is None:
            return None
        files = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return files[page - 1].read_bytes() if 1 <= page <= len(files) else None
