"""The package's public names: all there, each from its module, loaded only when used."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import timeline


def test_every_public_name_resolves_to_the_object_of_its_module() -> None:
    homes = timeline._HOME
    assert sorted(homes) == sorted(timeline.__all__)
    for name, module in homes.items():
        assert getattr(timeline, name) is getattr(importlib.import_module(module), name)


def test_dir_lists_the_public_names() -> None:
    assert set(timeline.__all__) <= set(dir(timeline))


def test_an_unknown_name_is_an_attribute_error_that_names_it() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        timeline.no_such_thing  # noqa: B018


def test_submodules_import_as_usual() -> None:
    from timeline import catalogue

    assert catalogue.__name__ == "timeline.catalogue"


@pytest.mark.parametrize(
    ("loaded_by", "absent"),
    [
        # import timeline alone loads none of the library
        ("", ("timeline.api", "timeline.model", "attrs", "pendulum", "lunar_vn")),
        # extracting needs neither events, the Timeline, the exporters nor the lunar calendar
        (
            "timeline.extract('Ngày 15/10/2024 họp.', reference='2024-10-20')",
            ("timeline.events", "timeline.timeline", "timeline.export", "icalendar", "lunar_vn"),
        ),
    ],
)
def test_what_is_imported_is_what_is_used(loaded_by: str, absent: tuple[str, ...]) -> None:
    code = (
        "import sys, timeline\n"
        f"{loaded_by}\n"
        f"print([name for name in {absent!r} if name in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == "[]"


def test_no_submodule_shadows_a_public_name() -> None:
    """Importing a submodule binds its name on the package: a module named like a public
    function (timeline/extract.py beside timeline.extract) would replace the function."""
    code = (
        "import importlib, pkgutil, types, timeline\n"
        "for info in pkgutil.walk_packages(timeline.__path__, 'timeline.'):\n"
        "    try:\n"
        "        importlib.import_module(info.name)\n"
        "    except ImportError:\n"
        "        pass  # an optional extra that is not installed\n"
        "modules = [n for n in timeline.__all__\n"
        "           if isinstance(getattr(timeline, n), types.ModuleType)]\n"
        "print(modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert result.stdout.strip() == "[]"
