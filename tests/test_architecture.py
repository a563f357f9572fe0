"""The project's structure, held by tests: one registry, one marker grammar, one check per build.

- a principle of one municipality that cites another municipality's clause fails the check
  (which documents belong to whom is written once, in sources/sources.yml);
- the checker and the renderer accept and refuse exactly the same markers;
- `python -m policykit build` checks the project once, and the plugin reuses that check.
"""

from __future__ import annotations

from unittest import mock

import pytest

from conftest import ROOT, copy_project
from policykit.check.checker import check
from policykit.pages import markers
from policykit.project import load
from policykit.publish import build as build_module
from policykit.publish import plugin as plugin_module
from policykit.render.common import Context

# (marker, accepted?) The marker stands on a page of its own in a project copy.
SAMPLES = [
    ("<!-- ref: strategi-4-p2 -->", True),
    ("<!-- glossary -->", True),
    ("<!-- comparison -->", True),
    ("<!-- responsibilities: by-area -->", True),
    ("<!-- TODO: an editor's note, not a marker -->", True),
    ("<!-- ref: strategi-4-p2 strategi-4-p3 -->", False),
    ("<!-- note: check this -->", False),
    ("<!-- ref: strategi-4-p9 -->", False),
    ("<!-- ref -->", False),
    ("<!-- glossary: everything -->", False),
    ("<!-- responsibilities: by-town -->", False),
    ("<!-- clauses -->", False),
]


def test_a_principle_citing_another_municipalitys_clause_fails(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "data" / "principles.yml"
    text = path.read_text(encoding="utf-8")
    assert "clauses: [strategi-4-p1]" in text
    path.write_text(text.replace("clauses: [strategi-4-p1]", "clauses: [stromsund-syfte-s1]", 1), encoding="utf-8")
    report = check(project)
    assert not report.ok
    assert any("clause stromsund-syfte-s1 is not from this municipality's documents (rapport, strategi)" in str(p)
               and "cite a clause of the municipality the entry is about" in str(p) for p in report.problems), \
        [str(p) for p in report.problems]


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    """marker -> (refused by the checker, refused by the renderer)."""
    project = copy_project(tmp_path_factory.mktemp("markers") / "project")
    good = load(ROOT)
    plugin = plugin_module.PolicyPlugin()
    plugin.checked(check(good))
    out = {}
    for n, (sample, _) in enumerate(SAMPLES):
        for rel in ("ny-kommun.md", "ny-kommun.en.md"):  # both languages: no translation difference
            page = project / "docs" / rel
            page.write_text(page.read_text(encoding="utf-8") + f"\n{sample}\n", encoding="utf-8")
        line = (project / "docs" / "ny-kommun.md").read_text(encoding="utf-8").count("\n")
        report = check(project)
        by_checker = any(str(p).startswith(f"error: docs/ny-kommun.md:{line}:") for p in report.problems)
        ctx = Context(good.model, good.data, "sv", "ny-kommun.md", plugin.report, {})
        found = markers.find(sample)
        try:
            for marker in found:
                plugin._render(ctx, marker, "docs/ny-kommun.md")
            by_renderer = False
        except plugin_module.PluginError:
            by_renderer = True
        out[sample] = (by_checker, by_renderer)
        for rel in ("ny-kommun.md", "ny-kommun.en.md"):
            (project / "docs" / rel).write_text((ROOT / "docs" / rel).read_text(encoding="utf-8"), encoding="utf-8")
    return out


@pytest.mark.parametrize("sample, accepted", SAMPLES)
def test_the_checker_and_the_renderer_accept_and_refuse_the_same_markers(judged, sample, accepted):
    by_checker, by_renderer = judged[sample]
    assert by_checker == by_renderer == (not accepted), (sample, by_checker, by_renderer)


def test_the_build_checks_the_project_once_and_the_plugin_reuses_it(tmp_path):
    calls = []

    def counted(root):
        calls.append(root)
        return check(root)

    with mock.patch.object(build_module, "check", counted), \
            mock.patch.object(plugin_module, "check", side_effect=AssertionError("the plugin checked again")):
        assert build_module.build(ROOT, tmp_path / "site") == 0
    assert len(calls) == 1
    assert (tmp_path / "site" / "stockholm" / "strategi" / "index.html").is_file()
