"""Regular expressions compiled when first used, not when their module is imported: a start
imports many modules whose patterns only a later action needs (a rating parsed, a comment's
Markdown shown), and compiling one costs a fraction of a millisecond to several."""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

COMPILED: list[str | bytes] = []  # the patterns compiled so far, in order (what a test looks at)


class _Lazy:
    """Stands for `re.compile(pattern, flags)`: compiled at the first attribute asked for;
    each attribute is then kept on the instance, so later calls cost a plain lookup."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._source)
            COMPILED.append(compiled.pattern)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def lazy(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """A pattern compiled on first use (its methods and attributes, as `re.compile`'s)."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, int(flags)))
