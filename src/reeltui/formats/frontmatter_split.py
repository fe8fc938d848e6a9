"""A Markdown document's front matter, split from its body: YAML between `---` fences or TOML
between `+++` fences, loaded into a mapping (YAML with PyYAML's BaseLoader, every scalar a
string, aliases that would expand without bound refused: `yaml_bounded`). Bad front matter is
a FormatError with a one-line reason.
"""

from __future__ import annotations

import tomllib
from typing import Any

import yaml

from reeltui.formats import FormatError, yaml_bounded


def split_front_matter(text: str) -> tuple[str, dict[str, Any], str]:
    """(kind, metadata, body) where kind is "yaml", "toml" or "" (no front matter)."""
    text = text.lstrip("\ufeff")
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if text.startswith(fence + "\n") or text.startswith(fence + "\r\n"):
            rest = text[len(fence) :].lstrip("\r\n")
            end = _find_fence(rest, fence)
            if end is None:
                raise FormatError(f"front matter opened with {fence} is never closed")
            head, body = rest[: end[0]], rest[end[1] :]
            return kind, _load(kind, head), body.lstrip("\r\n")
    return "", {}, text


def _find_fence(text: str, fence: str) -> tuple[int, int] | None:
    if text.startswith(fence + "\n") or text.rstrip() == fence:
        return 0, len(fence) + 1
    pos = text.find(f"\n{fence}\n")
    if pos >= 0:
        return pos + 1, pos + len(fence) + 2
    if text.endswith(f"\n{fence}"):
        return len(text) - len(fence), len(text)
    return None


def _load(kind: str, head: str) -> dict[str, Any]:
    try:
        data = yaml_bounded.load(head) if kind == "yaml" else tomllib.loads(head)
    except RecursionError:
        raise FormatError(f"front matter is nested too deeply to be {kind.upper()}") from None
    except yaml_bounded.AliasBomb as exc:
        raise FormatError(f"front matter: {exc}") from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FormatError(f"front matter is not valid {kind.upper()}: {first}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FormatError("front matter must be a mapping of keys to values")
    return data
