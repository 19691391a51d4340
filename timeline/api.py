"""The public entry points: :func:`extract` and :func:`parse`."""

from __future__ import annotations

from timeline.model import Mention


def extract(text: str, reference: object = None, *, tz: str = "Asia/Ho_Chi_Minh") -> list[Mention]:
    raise NotImplementedError  # replaced by the engine


def parse(expression: str, reference: object = None, *, tz: str = "Asia/Ho_Chi_Minh") -> Mention:
    raise NotImplementedError
