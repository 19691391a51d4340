"""A griffe extension for the API reference: the package's docstrings are written for
``help()`` and doctest (``>>>`` examples, ``:func:`x``` roles); this turns them into
Markdown for mkdocstrings — each run of ``>>>`` lines and their output becomes a fenced
``pycon`` block, and a role becomes a code span. The docstrings themselves stay as they
are (``tests/test_rules.py`` runs them as doctests)."""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|mod|data|attr|exc|obj|const):`~?([^`]+)`")


def fence_doctests(text: str) -> str:
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while index < len(lines) and lines[index].strip() and lines[index].startswith(indent):
                block.append(lines[index][len(indent):])
                index += 1
            out += [indent + "```pycon", *(indent + b for b in block), indent + "```"]
            continue
        out.append(_ROLE.sub(r"`\1`", line))
        index += 1
    return "\n".join(out)


class DocstringsAsMarkdown(griffe.Extension):
    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
