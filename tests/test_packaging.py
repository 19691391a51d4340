"""Packaging: ``python -m build`` makes a wheel and an sdist cleanly; the wheel holds the
language data, the JSON Schema and ``py.typed``, and complete metadata; installed into
a fresh virtual environment, its ``timeline`` command reads a seed article."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DATA = sorted(p.relative_to(ROOT).as_posix()
                      for pattern in ("timeline/lang/vi/*.toml", "timeline/export/*.json",
                                      "timeline/py.typed")
                      for p in ROOT.glob(pattern))
SEED = ROOT / "seeds" / "002_45f38c0026ac2206.txt"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel",
                             "--outdir", str(out), str(ROOT)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # "Cleanly": no warning from the build backend about the project's configuration.
    log = result.stdout + result.stderr
    for bad in ("SetuptoolsDeprecationWarning", "License classifiers are deprecated",
                "warning: no files found matching"):
        assert bad not in log, bad
    return out


def _wheel(dist: Path) -> Path:
    [wheel] = dist.glob("timeline-*.whl")
    return wheel


def test_wheel_holds_the_package_data(dist: Path) -> None:
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        names = set(wheel.namelist())
    assert PACKAGE_DATA and set(PACKAGE_DATA) <= names, set(PACKAGE_DATA) - names
    assert "timeline/lang/vi/calendar.toml" in names
    assert "timeline/export/timeline.schema.json" in names
    assert "timeline/py.typed" in names
    assert "timeline/export/html.py" in names and "timeline/catalogue.py" in names
    # Only the package: no tests, docs or seeds inside the wheel.
    assert not any(n.startswith(("tests/", "docs/", "seeds/", "benchmarks/")) for n in names)


def test_wheel_metadata_is_complete(dist: Path) -> None:
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        info = next(n.rsplit("/", 1)[0] for n in wheel.namelist() if n.endswith("/METADATA"))
        metadata = Parser().parsestr(wheel.read(f"{info}/METADATA").decode("utf-8"))
        entry_points = wheel.read(f"{info}/entry_points.txt").decode("utf-8")
        names = wheel.namelist()
    assert metadata["Name"] == "timeline"
    assert metadata["Summary"] and metadata["Requires-Python"] == ">=3.11"
    assert metadata["License-Expression"] == "MIT"
    assert f"{info}/licenses/LICENSE" in names
    classifiers = metadata.get_all("Classifier") or []
    assert "Natural Language :: Vietnamese" in classifiers
    assert "Typing :: Typed" in classifiers
    assert any(c.startswith("Programming Language :: Python :: 3.11") for c in classifiers)
    assert "vietnamese" in (metadata["Keywords"] or "")
    extras = set(metadata.get_all("Provides-Extra") or [])
    assert {"pandas", "dask", "docs", "dev"} <= extras
    requires = metadata.get_all("Requires-Dist") or []
    assert any(r.startswith("pandas") and 'extra == "pandas"' in r for r in requires)
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "timeline = timeline.cli:main" in entry_points


def test_sdist_holds_the_sources(dist: Path) -> None:
    [sdist] = dist.glob("timeline-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert {"pyproject.toml", "README.md", "LICENSE", "timeline/__init__.py"} <= names
    assert set(PACKAGE_DATA) <= names, set(PACKAGE_DATA) - names


def test_installed_wheel_runs_on_a_seed(dist: Path, tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    python = env / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", str(_wheel(dist))],
                             capture_output=True, text=True, cwd=tmp_path)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    # The console script, run away from the repository so that only the wheel is seen.
    run = subprocess.run([str(env / "bin" / "timeline"), "extract", str(SEED),
                          "--reference", "2024-10-19", "--format", "json"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    values = {m["value"] for d in data["documents"] for m in d["mentions"]}
    assert {"2024-10-15/2024-10-18", "2024-10-16", "2024-11-16/2024-11-17"} <= values
    # The package data came from the wheel: the JSON Schema ships inside it.
    where = subprocess.run([str(python), "-c",
                            "import timeline, timeline.export.json as j; "
                            "print(timeline.__file__); print(len(j.schema()))"],
                           capture_output=True, text=True, cwd=tmp_path, check=True)
    assert str(env) in where.stdout.splitlines()[0]
    # python -m timeline is the console script.
    helps = [subprocess.run(command, capture_output=True, text=True, cwd=tmp_path,
                            check=True).stdout
             for command in ([str(env / "bin" / "timeline"), "--help"],
                             [str(python), "-m", "timeline", "--help"])]
    assert helps[0] == helps[1] and "examples / ví dụ" in helps[0]
