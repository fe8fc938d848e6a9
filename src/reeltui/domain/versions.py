"""Version numbers in the files reeltui writes (a store's schema in meta.json, a JSON export's
"version"): a whole number from 1 up; one above the newest this reeltui knows was written by
a newer reeltui. The store and the JSON reader each say it with the file's name
(store/starting.py, formats/jsonio.py)."""

from __future__ import annotations

from reeltui.domain.models import DomainError


class VersionError(DomainError):
    """Not a version this reeltui reads; `newer`: a version, of a newer reeltui."""

    def __init__(self, message: str, *, newer: bool) -> None:
        super().__init__(message)
        self.newer = newer


def readable_version(value: object, newest: int, what: str) -> int:
    """`value` as a version of `what` ("schema", "JSON export") that this reeltui reads, 1 to
    `newest`; else VersionError saying why."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise VersionError(f"no valid {what} version", newer=False)
    if value > newest:
        raise VersionError(
            f"{what} version {value} is newer than this reeltui (it reads up to {newest}); "
            "please upgrade reeltui",
            newer=True,
        )
    return value
