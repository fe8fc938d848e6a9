"""The root of every error reeltui reports to a user.

Each layer raises its own subclass (StoreError, FormatError, DomainError, WPError, CliError...),
always with a message that reads as one line to a user; `hint` may add what to do about it.
The CLI and the UI catch `ReelError` and show it; anything else escaping is a bug, reported
as such (with where the log is) by one last-resort handler in each.
Standard library only: every layer imports it.
"""

from __future__ import annotations


class ReelError(Exception):
    """An error with a message for the user (str(error)) and an optional hint."""

    hint: str = ""

    def __init__(self, *args: object, hint: str = "") -> None:
        super().__init__(*args)
        if hint:
            self.hint = hint

    def describe(self) -> str:
        """The message, then the hint on a line of its own when there is one."""
        text = str(self)
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class InputError(ReelError, ValueError):
    """What was asked cannot be done as asked: a bad value, or nothing by that name.
    (A ValueError too, for code that checks values with the standard library's errors.)"""
