"""One error root: every exception type reeltui defines for a user to see derives from
ReelError, so the CLI and the app can catch that root alone (private control-flow
exceptions, named with a leading underscore, never leave their module)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import reeltui
from reeltui.errors import ReelError


def _error_types() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(reeltui.__path__, "reeltui."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, BaseException)
                and value.__module__ == info.name
                and not value.__name__.startswith("_")
            ):
                found.append(value)
    return found


def test_every_public_error_type_derives_from_reel_error() -> None:
    types = _error_types()
    names = {t.__name__ for t in types}
    assert {"StoreError", "FormatError", "DomainError", "WPError", "CliError"} <= names
    stray = sorted(f"{t.__module__}.{t.__name__}" for t in types if not issubclass(t, ReelError))
    assert stray == []


def test_a_reel_error_carries_its_hint() -> None:
    error = ReelError("the store is locked", hint="close the other reeltui first")
    assert str(error) == "the store is locked"
    assert error.describe() == "the store is locked\n  hint: close the other reeltui first"
    assert ReelError("plain").describe() == "plain"
