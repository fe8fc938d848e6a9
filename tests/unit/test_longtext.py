"""Long Markdown cut into pieces: nothing lost, fences never split."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reeltui.services.longtext import pieces
from tests.fuzzing import examples

BLOCKS = st.sampled_from(
    ["# Title", "Some *text* here.", "", "- item", "> quote", "```", "code line", "~~~~", "  "]
)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(BLOCKS, max_size=80), st.integers(1, 60))
def test_pieces_join_back_and_keep_fences_whole(lines: list[str], size: int) -> None:
    text = "\n".join(lines)
    found = pieces(text, size)
    assert found

    # cut points are blank lines: every other line survives, in order
    def lines_of(t: str) -> list[str]:
        return [line for line in t.split("\n") if line.strip()]

    assert lines_of("\n".join(found)) == lines_of(text)
    for piece in found:  # a fence opened in a piece is closed in it
        opened = ""
        for line in piece.split("\n"):
            stripped = line.lstrip(" ")
            if len(line) - len(stripped) <= 3 and stripped[:3] in ("```", "~~~"):
                mark = stripped[0] * (len(stripped) - len(stripped.lstrip(stripped[0])))
                if not opened:
                    opened = mark
                elif mark.startswith(opened):
                    opened = ""
        unclosed_at_end_of_text = piece is found[-1]
        assert not opened or unclosed_at_end_of_text


def test_short_text_is_one_piece_and_long_text_many() -> None:
    assert pieces("short") == ["short"]
    long_text = "\n\n".join(f"Paragraph {i} " + "word " * 50 for i in range(200))
    found = pieces(long_text, 2000)
    assert len(found) > 10
    assert "\n\n".join(found) == long_text
