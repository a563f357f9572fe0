"""Every word of the restored text is Swedish the dictionary knows, or allow-listed with a reason.

A word the dictionary (hunspell-sv via spylls) does not know is almost always a missed OCR
repair; the allow-list (sources/spelling-allowlist.yml) holds the real words it lacks.
"""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import ROOT
from policykit import datafile
from policykit.clauses.model import build_model
from policykit.authoring.spelling import WORD, known, propose


def unknown_words(texts) -> Counter:
    words = Counter(w for t in texts for w in WORD.findall(t))
    return Counter({w: n for w, n in words.items() if not (known(w) or known(w.lower()))})


@pytest.fixture(scope="module")
def allowlist() -> dict[str, str]:
    data = datafile.load(ROOT / "sources" / "spelling-allowlist.yml")
    return {e["word"]: e["why"] for e in data["words"]}


@pytest.fixture(scope="module")
def restored_unknown() -> Counter:
    return unknown_words(c.text for c in build_model(ROOT).clauses)


def test_restored_text_has_no_unknown_word(restored_unknown, allowlist):
    missed = {w: n for w, n in restored_unknown.items() if w not in allowlist}
    assert not missed, ("words the dictionary does not know (a missed OCR repair? add it to sources/repairs/, "
                        f"or allow-list a real word with its reason): {missed}")


def test_allowlist_has_no_stale_entry(restored_unknown, allowlist):
    stale = sorted(set(allowlist) - set(restored_unknown))
    assert not stale, f"allow-listed words that no longer occur or are now known: {stale}"
    assert all(why.strip() for why in allowlist.values())


def test_the_dictionary_catches_ocr_damage():
    damaged = ["6vergripande mal for stadens arbetssétt", "Stromsund med framgdngsrika foretag", "&rende"]
    flagged = set(unknown_words(damaged))
    assert {"arbetssétt", "Stromsund", "framgdngsrika"} <= flagged
    assert propose("arbetssétt") == ["arbetssätt"]
    assert "övergripande" in propose("6vergripande") or "övergripande" in propose("dvergripande")
