"""One error root: every exception type reeltui defines for a user to see derives from
ReelError, so the CLI and the app can catch that root alone (private control-flow
exceptions, named with a leading underscore, never leave their module)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import reeltui
from reeltui.errors import InputError, ReelError


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


def test_the_command_line_says_a_users_error_in_one_line_with_its_hint(
    tmp_path: Path,
    store_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reeltui.cli import main, reading

    def refused(*_: object) -> int:
        raise InputError("no such month", hint="a month looks like 2013-11")

    monkeypatch.setattr(reading, "print_rows", refused)  # what `reeltui posts` calls last
    monkeypatch.setenv("REELTUI_CRASH_DIR", str(tmp_path / "crashes"))
    assert main(["posts", "--store", str(store_path)]) == 2
    err = capsys.readouterr().err
    assert err.endswith("reeltui: no such month\nreeltui: hint: a month looks like 2013-11\n")
    assert not (tmp_path / "crashes").exists()


def test_a_bug_in_a_command_is_one_line_naming_its_crash_report(
    tmp_path: Path,
    store_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reeltui.cli import main, reading

    def broken(*_: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'slug'")

    monkeypatch.setattr(reading, "print_rows", broken)
    monkeypatch.setenv("REELTUI_CRASH_DIR", str(tmp_path / "crashes"))
    monkeypatch.setenv("REELTUI_WP_PASSWORD", "abcd efgh ijkl mnop qrst uvwx")
    assert main(["posts", "--store", str(store_path)]) == 70
    err = capsys.readouterr().err.splitlines()
    [report] = (tmp_path / "crashes").glob("crash-*.log")
    assert err[-1] == (
        "reeltui: a bug in reeltui stopped this (AttributeError: 'NoneType' object has no "
        f"attribute 'slug'); the details are in {report} - please report it"
    )
    assert not any("Traceback" in line for line in err)
    text = report.read_text()
    assert "Traceback" in text and "in broken" in text and "command: reeltui" in text
    assert "abcd efgh" not in text  # scrubbed like the debug log
