"""The Markdown rendering path on hostile text: `sanitize`, markdown-it-py parsing and
rendering, to a Rich console (10,000 cases) and in Textual's Markdown widget (a subset, in
one headless app). Nothing unsafe reaches the output and lines fit the width."""

from __future__ import annotations

import io

import pytest
import rich.markdown
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt
from rich.cells import cell_len
from rich.console import Console
from rich.markdown import Markdown as RichMarkdown
from textual.app import App, ComposeResult
from textual.widgets import Markdown

from reeltui.domain.sanitize import sanitize
from tests.fuzz.hostile import HOSTILE, unsafe
from tests.fuzzing import examples

WIDTH = 60


CONSOLE = Console(file=io.StringIO(), width=WIDTH, color_system=None, force_terminal=False)
# Rich builds a new markdown-it parser (the same configuration) for every Markdown object;
# building it costs more than parsing a short text. Share one so 10,000 cases fit in CI.
PARSER = MarkdownIt().enable("strikethrough").enable("table")


def render_rich(text: str) -> str:
    CONSOLE.begin_capture()
    CONSOLE.print(RichMarkdown(text))
    return CONSOLE.end_capture()


@settings(
    max_examples=examples(10_000),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=HOSTILE)
def test_sanitized_markdown_renders_safely_in_rich(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rich.markdown, "MarkdownIt", lambda *args, **kwargs: PARSER)
    clean = sanitize(text)
    assert not unsafe(clean.replace("\t", ""))
    output = render_rich(clean)
    assert not unsafe(output), repr(output)
    assert all(cell_len(line) <= WIDTH for line in output.splitlines())


SAMPLES: list[str] = []


@settings(max_examples=examples(150), deadline=None, database=None)
@given(HOSTILE)
def test_collect_samples_for_textual(text: str) -> None:
    SAMPLES.append(text)  # hypothesis as a generator: rendered below in one app


class Reader(App[None]):
    def compose(self) -> ComposeResult:
        yield Markdown("")


async def test_textual_markdown_widget_renders_hostile_samples_safely() -> None:
    samples = SAMPLES or ["\x1b]0;x\x07# Title\n> quote \u202eevil"]
    app = Reader()
    async with app.run_test(size=(WIDTH, 30)) as pilot:
        widget = app.query_one(Markdown)
        for text in samples:
            await widget.update(sanitize(text))
            await pilot.pause()
            for strip in app.screen._compositor.render_strips():
                assert not unsafe(strip.text), repr(strip.text)
                assert cell_len(strip.text) <= WIDTH
