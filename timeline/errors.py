"""The library's errors: every one names the argument, what was expected and what came."""

from __future__ import annotations

__all__ = [
    "InvalidArgumentError",
    "InvalidReferenceError",
    "InvalidTimezoneError",
    "InvalidTypeError",
    "ParseError",
    "TimelineError",
]


class TimelineError(Exception):
    """Base class of every error raised by timeline."""


class InvalidArgumentError(TimelineError, ValueError):
    """An argument has the right type but a value timeline cannot use."""

    def __init__(self, argument: str, expected: str, received: object) -> None:
        self.argument = argument
        self.expected = expected
        self.received = received
        super().__init__(f"{argument}: expected {expected}, got {received!r}")


class InvalidTypeError(TimelineError, TypeError):
    """An argument is not of a type timeline accepts: ``extract(None)``, ``extract(b"...")``."""

    def __init__(self, argument: str, expected: str, received: str) -> None:
        self.argument = argument
        self.expected = expected
        self.received = received  # the name of the type that came
        super().__init__(f"{argument}: expected {expected}, got {received}")

    def __reduce__(self) -> tuple[type[InvalidTypeError], tuple[str, str, str]]:
        return type(self), (self.argument, self.expected, self.received)


class InvalidReferenceError(InvalidArgumentError):
    """``reference`` is not a date, a datetime, a pendulum value or an ISO 8601 string."""

    def __init__(self, received: object, argument: str = "reference") -> None:
        super().__init__(
            argument, "a date, a datetime or an ISO 8601 string such as '2024-10-20'", received
        )


class InvalidTimezoneError(InvalidArgumentError):
    """``tz`` is not an IANA time zone name or a fixed offset such as ``+07:00``."""

    def __init__(self, received: object) -> None:
        super().__init__(
            "tz", "an IANA time zone name such as 'Asia/Ho_Chi_Minh' or an offset such as '+07:00'",
            received,
        )


class ParseError(TimelineError, ValueError):
    """The string given to :func:`timeline.parse` holds no temporal expression."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        super().__init__(f"expression: no temporal expression found in {expression!r}")
