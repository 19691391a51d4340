"""Text as the grammar sees it, and the way back to the caller's offsets.

The caller's string may be NFD-decomposed, use typographic dashes and odd spaces, or
be typed without diacritics. :func:`normalize` gives

- ``text``: NFC, every dash folded to ``-``, every space-like character to ``' '``,
  one character for one NFC character (so the grammar sees one script);
- ``folded``: the same text without diacritics and in lower case (``đ`` → ``d``),
  character for character, for the context-guarded accent-free path;
- ``to_original(i)``: the offset in the caller's string of offset ``i`` of ``text``.

>>> n = normalize("Ngày 15–18/10")
>>> n.text
'Ngày 15-18/10'
>>> n.folded
'ngay 15-18/10'
>>> decomposed = "tha\u0301ng 10"
>>> m = normalize(decomposed)
>>> m.text, m.to_original(len(m.text))
('tháng 10', 9)
"""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

__all__ = ["NormalizedText", "fold", "normalize"]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t"
)
_ODD_CHARACTER = re.compile(f"[{_DASHES}{_SPACES}]")
_TRANSLATE = str.maketrans({**{c: "-" for c in _DASHES}, **{c: " " for c in _SPACES}})


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    if char.isascii():
        return char.lower()
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


_FOLD_CACHE_LIMIT = 0x2000  # characters below this are folded through a precomputed table
_FOLD_TABLE = {code: _fold_char(chr(code)) for code in range(0x80, _FOLD_CACHE_LIMIT)}


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one: ``Tháng Giêng`` → ``thang gieng``."""
    return (
        text.lower().translate(_FOLD_TABLE)
        if len(text.lower()) == len(text)
        else "".join(_fold_char(c) for c in text)
    )


@attrs.frozen(slots=True)
class NormalizedText:
    original: str
    text: str
    offsets: tuple[int, ...] | None  # None: the identity map (the common, fast case)

    @functools.cached_property
    def folded(self) -> str:
        """``text`` without diacritics, lower case, character for character (on demand)."""
        return fold(self.text)

    def to_original(self, index: int) -> int:
        return index if self.offsets is None else self.offsets[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``text`` to the caller's string."""
        return self.to_original(start), self.to_original(end)


def normalize(original: str) -> NormalizedText:
    if unicodedata.is_normalized("NFC", original):
        nfc, offsets = original, None
    else:
        nfc, offsets = _nfc_with_offsets(original)
    text = nfc.translate(_TRANSLATE) if _ODD_CHARACTER.search(nfc) else nfc
    return NormalizedText(original, text, offsets)


_MAX_CLUSTER = 32


def _nfc_with_offsets(original: str) -> tuple[str, tuple[int, ...]]:
    """NFC of ``original`` cluster by cluster, remembering where each output char came from."""
    pieces: list[str] = []
    offsets: list[int] = []
    cluster_start = 0
    for index in range(1, len(original) + 1):
        at_boundary = (
            index == len(original)
            or unicodedata.combining(original[index]) == 0
            # NFC sorts a run of marks in quadratic time: cut runs past the 30 marks of
            # Unicode's stream-safe format (UAX #15), which no real text reaches
            or index - cluster_start > _MAX_CLUSTER
        )
        if at_boundary:
            piece = unicodedata.normalize("NFC", original[cluster_start:index])
            pieces.append(piece)
            offsets.extend([cluster_start] * len(piece))
            cluster_start = index
    offsets.append(len(original))
    return "".join(pieces), tuple(offsets)
