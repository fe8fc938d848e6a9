"""YAML front matter read in bounded time and memory: no alias bombs.

A YAML alias (`*name`) repeats a value defined once (`&name`). Nine aliases to a list of
nine aliases to a list of nine... is a 377-byte file that expands to billions of values (it
once took 46 s and 3 GB before being refused). The document is composed first (its size is
that of the file), then the values it would expand to are counted, once per distinct node;
more than MAX_ALIASED values added by aliases, or an alias inside its own definition, is
refused before anything is built.

Scalars stay strings (PyYAML's BaseLoader): a title "NO" or a tag "on" stays text.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from reeltui.errors import ReelError

MAX_ALIASED = 100_000
# libyaml's loader when PyYAML was built with it (~10x faster, same results: tests run both)
YAML_LOADER: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class AliasBomb(ReelError, ValueError):
    """The document's aliases expand to too much, or one contains itself."""


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def expanded_size(root: Node) -> tuple[int, int]:
    """(values the document expands to, distinct nodes).

    Iterative (no recursion on deep documents); each distinct node is visited once, so the
    cost is the size of the file, whatever the expansion. AliasBomb on a cycle.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise AliasBomb("a YAML alias (*name) is used inside its own definition")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)], len(sizes)


def load(text: str) -> Any:
    """The YAML document `text` with every scalar a string; None for an empty document.

    Raises yaml.YAMLError for bad YAML, AliasBomb for aliases that expand to more than
    MAX_ALIASED values, RecursionError for nesting deeper than Python's stack.
    """
    loader = YAML_LOADER(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        expanded, distinct = expanded_size(root)
        if expanded - distinct > MAX_ALIASED:
            raise AliasBomb(
                f"its YAML aliases (*name) expand to more than {MAX_ALIASED:,} values; "
                "refused (an alias bomb?)"
            )
        return loader.construct_document(root)
    finally:
        loader.dispose()
