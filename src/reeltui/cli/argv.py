"""Words that start with "-" but are no options, found before argparse sees them.

`reeltui search -trailer` excludes a word, as in the app's search: argparse would take
`-trailer` for an unknown option. For the commands that take a search as their words (QUERY),
a word starting with a single "-" that is none of the command's options is moved after a
`--`, so it reaches the query as typed. For every command, a value starting with "-" given
to an option that takes one (`posts --search -trailer`, `reply --text "-1 for me"`) is
joined to it (`--search=-trailer`), which argparse reads as that value.
"""

from __future__ import annotations

import argparse

QUERY = ("search", "stats")  # commands whose positional words are a search


def _command_at(argv: list[str], parser: argparse.ArgumentParser) -> int:
    """The index of the command in `argv` (after the global options), or -1."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            return -1
        action = _option(parser, word)
        if action is not None:
            takes = action.nargs != 0 and "=" not in word
            index += 2 if takes else 1
        elif word.startswith("-"):
            index += 1
        else:
            return index
    return -1


def command_word(parser: argparse.ArgumentParser, argv: list[str]) -> str | None:
    """The command `argv` names (after the global options `parser` knows), or None."""
    at = _command_at(argv, parser)
    return argv[at] if at >= 0 else None


def _option(parser: argparse.ArgumentParser, word: str) -> argparse.Action | None:
    """The option `word` names (`--js` for --json, as argparse allows), or None."""
    if not word.startswith("-") or word == "-":
        return None
    name = word.split("=", 1)[0]
    options = parser._option_string_actions
    if name in options:
        return options[name]
    if name.startswith("--"):
        found = {options[o] for o in options if o.startswith(name)}
        if len(found) == 1:
            return found.pop()
    return None


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found = action.choices.get(name)
            return found if isinstance(found, argparse.ArgumentParser) else None
    return None


def prepare(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`argv` with dashed query words and dashed option values made unambiguous."""
    at = _command_at(argv, parser)
    if at < 0:
        return argv
    command = _subparser(parser, argv[at])
    if command is None:
        return argv
    head, rest = argv[: at + 1], argv[at + 1 :]
    options: list[str] = []
    words: list[str] = []
    index = 0
    while index < len(rest):
        word = rest[index]
        index += 1
        if word == "--":
            words += rest[index:]
            break
        action = _option(command, word)
        if action is None:
            query_word = argv[at] in QUERY and not word.startswith("--")
            (words if query_word else options).append(word)  # "-trailer": excluded
            continue
        options.append(word)
        if action.nargs is None and "=" not in word and index < len(rest):
            value = rest[index]
            if value == "--" or _option(command, value) is not None:
                continue  # the value is missing: argparse says so
            index += 1
            if value.startswith("-"):
                options[-1] = f"{word}={value}"  # `--search -trailer`
            else:
                options.append(value)
    if argv[at] in QUERY and words:
        return [*head, *options, "--", *words]
    return [*head, *options, *words]
