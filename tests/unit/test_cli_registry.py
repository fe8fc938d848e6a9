"""A command line naming a known command registers that command's module alone
(`cli.commands.register`): the table it uses is the one the modules register, and each
command parses and explains itself the same either way."""

from __future__ import annotations

import argparse

import pytest

from reeltui.cli import build_parser, commands


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no sub-commands")


def test_the_table_is_what_the_modules_register() -> None:
    found = {}
    for name in commands.MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        commands.module(name).register(sub)
        found.update({command: name for command in sub.choices})
    assert found == commands.COMMANDS
    assert list(_subparsers(build_parser())) == list(commands.COMMANDS)  # `--help`'s order


@pytest.mark.parametrize("command", sorted(commands.COMMANDS))
def test_a_command_alone_parses_and_explains_itself_as_among_all(command: str) -> None:
    alone = build_parser(["--store", "S", command, "--help"])
    assert list(_subparsers(alone)) == [
        c for c, module in commands.COMMANDS.items() if module == commands.COMMANDS[command]
    ]
    everything = build_parser()
    assert (
        _subparsers(alone)[command].format_help() == _subparsers(everything)[command].format_help()
    )
    assert alone.format_usage() == everything.format_usage()


@pytest.mark.parametrize("words", [[], ["--help"], ["pots"], ["--store", "posts"], ["--", "x"]])
def test_no_known_command_registers_them_all(words: list[str]) -> None:
    assert list(_subparsers(build_parser(words))) == list(commands.COMMANDS)
