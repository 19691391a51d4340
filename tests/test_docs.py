"""The documentation cannot drift from the code.

- Every ```python block of ``docs/*.md`` and ``README.md`` that holds ``>>>`` runs as a
  doctest, the blocks of one page one after another in one namespace (a page reads like
  a notebook), in a scratch directory where ``seeds/`` is the repository's.
- Every ```console block runs its ``$ timeline …`` commands through the command line of
  the package, in that same directory, and each must exit with status 0.
- ``docs/rules.md`` is what ``python -m timeline.catalogue`` writes today.
- The site builds with ``mkdocs build --strict`` (broken links, missing pages and
  unresolved API references fail); ``make docs`` does the same.
"""

from __future__ import annotations

import doctest
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.catalogue import catalogue
from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def blocks(page: Path, language: str) -> Iterator[tuple[int, str]]:
    """(line number, body) of every fenced block of that language."""
    text = page.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        if match.group(1) == language:
            yield text.count("\n", 0, match.start(2)), match.group(2)


def _ids(pages: list[Path]) -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in pages]


DOCTEST_PAGES = [p for p in PAGES if any(">>>" in b for _, b in blocks(p, "python"))]
CONSOLE_PAGES = [p for p in PAGES if any("$ timeline" in b for _, b in blocks(p, "console"))]


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A working directory where ``seeds/`` is the repository's seeds."""
    (tmp_path / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def test_the_docs_have_examples() -> None:
    names = {p.name for p in DOCTEST_PAGES}
    assert {"index.md", "quickstart.md", "guide.md", "cookbook.md", "README.md"} <= names
    assert {"quickstart.md", "cookbook.md"} <= {p.name for p in CONSOLE_PAGES}


@pytest.mark.parametrize("page", DOCTEST_PAGES, ids=_ids(DOCTEST_PAGES))
def test_python_examples(page: Path, scratch: Path) -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    report = io.StringIO()
    for line, body in blocks(page, "python"):
        if ">>>" not in body:
            continue
        test = parser.get_doctest(body, namespace, page.name, str(page), line)
        runner.run(test, out=report.write, clear_globs=False)
        namespace = test.globs
    result = runner.summarize(verbose=False)
    assert result.failed == 0, (
        f"{page.name}: {result.failed} of {result.attempted} examples differ from what the "
        f"code does now; fix the page or the code:\n{report.getvalue()}")


@pytest.mark.parametrize("page", CONSOLE_PAGES, ids=_ids(CONSOLE_PAGES))
def test_console_examples(page: Path, scratch: Path) -> None:
    ran = 0
    for line, body in blocks(page, "console"):
        for offset, command in enumerate(body.splitlines()):
            if not command.startswith("$ timeline "):
                continue
            argv = shlex.split(command[len("$ timeline "):])
            out, err = io.StringIO(), io.StringIO()
            status = main(argv, stdout=out, stderr=err)
            assert status == 0, (f"{page.name}:{line + offset + 1}: {command!r} exited "
                                 f"{status}: {err.getvalue()}")
            for flag in ("-o", "--output", "--ics", "--json", "--html"):
                if flag in argv:
                    target = scratch / argv[argv.index(flag) + 1]
                    assert target.stat().st_size > 0, f"{command!r} wrote no {target.name}"
            ran += 1
    assert ran


def test_rule_catalogue_is_up_to_date() -> None:
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert committed.startswith("<!-- GENERATED")
    if committed != catalogue():
        pytest.fail("docs/rules.md is not what the grammar says today: run "
                    "'make rules' (python -m timeline.catalogue -o docs/rules.md) and "
                    "commit it")


def test_every_rule_is_in_the_catalogue() -> None:
    from timeline.rules import all_rules

    text = catalogue()
    for rule in all_rules():
        assert f"### `{rule.name}`" in text
        for example in rule.examples:
            assert " ".join(example.text.split()) in text


def test_catalogue_command_line(tmp_path: Path) -> None:
    target = tmp_path / "rules.md"
    subprocess.run([sys.executable, "-m", "timeline.catalogue", "-o", str(target)],
                   check=True, cwd=ROOT)
    assert target.read_text(encoding="utf-8") == catalogue()


def test_site_builds_strictly(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    if mkdocs is None:
        pytest.fail("mkdocs is not installed: pip install -e '.[dev]' (make test does)")
    result = subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
    site = tmp_path / "site"
    for page in ("index", "quickstart", "guide", "cookbook", "api", "rules", "changelog"):
        assert (site / f"{page}.html").exists(), page
    api = (site / "api.html").read_text(encoding="utf-8")
    assert "to_dataframe" in api and "Timeline" in api and "extract_many" in api
