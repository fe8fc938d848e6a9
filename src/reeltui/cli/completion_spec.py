"""What can be typed after `reeltui`, read from its argparse parser: the commands, their
options and positionals, and what kind of value each takes (a file, a directory, a slug, one
of some choices, free text). The completion scripts (cli/completion_shells.py) are written
from this.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

_FILE_METAVARS = {"PATH", "FILE", "DIR", "FILE|DIR"}


@dataclass
class Arg:
    """An option or a positional: what it is called, what it says, what its value can be."""

    names: list[str]  # option strings; [] for a positional
    help: str
    value: str  # "" (a flag), "file", "dir", "slug", "choice", "text"
    choices: list[str] = field(default_factory=list)


@dataclass
class Spec:
    args: list[Arg] = field(default_factory=list)
    commands: dict[str, tuple[str, Spec]] = field(default_factory=dict)  # name -> (help, spec)

    @property
    def options(self) -> list[Arg]:
        return [a for a in self.args if a.names]

    @property
    def positionals(self) -> list[Arg]:
        return [a for a in self.args if not a.names]


def _value_kind(action: argparse.Action) -> tuple[str, list[str]]:
    if action.nargs == 0:
        return "", []
    if action.choices:
        return "choice", [str(c) for c in action.choices]
    metavar = str(action.metavar or "")
    if action.dest == "slug":
        return "slug", []
    if action.type is Path or metavar in _FILE_METAVARS:
        return ("dir" if action.dest == "store" else "file"), []
    if isinstance(action.type, argparse.FileType):
        return ("dir" if action.dest == "store" else "file"), []
    return "text", []


def spec_of(parser: argparse.ArgumentParser) -> Spec:
    """What can be typed after `parser`'s program name, read from its actions."""
    spec = Spec()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: str(a.help or "") for a in action._choices_actions}
            for name, child in action.choices.items():
                if name in helps:  # commands without help are hidden
                    spec.commands[name] = (helps[name], spec_of(child))
            continue
        if action.help == argparse.SUPPRESS:
            continue
        kind, choices = _value_kind(action)
        spec.args.append(Arg(list(action.option_strings), str(action.help or ""), kind, choices))
    return spec
