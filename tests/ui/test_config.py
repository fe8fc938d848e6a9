"""Settings in TOML: defaults, round trip, clear problems for bad files, crash-safe writes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reeltui.config import ConfigError, Settings, dumps, load_settings, save_settings
from reeltui.domain.identity import Identity
from reeltui.ui.navigation import History, internal_slug, is_external
from reeltui.ui.widgets.comment_text import inline_markdown


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    settings, problems = load_settings(tmp_path / "none.toml")
    assert problems == [] and settings.theme == "textual-dark" and settings.mouse


def test_round_trip_with_awkward_strings(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.toml"
    keymap = {"list.sort": "o", 'odd"id\\': "ctrl+x,\u00e9"}
    save_settings(Settings(theme="nord", mouse=False, sort="title", keymap=keymap, path=path))
    assert tomllib.loads(path.read_text())["keymap"] == keymap
    loaded, problems = load_settings(path)
    assert problems == []
    assert (loaded.theme, loaded.mouse, loaded.sort, loaded.keymap) == (
        "nord", False, "title", keymap,
    )  # fmt: skip
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("theme = 3", "theme must be"),
        ("mouse = 1", "mouse must be true or false"),
        ('sort = "stars"', "sort must be one of"),
        ('keymap = "x"', "[keymap] must be a table"),
        ("[keymap]\n'list.sort' = 5", "keymap 'list.sort' must be a string"),
        ("theme = ", "is not valid TOML"),
        (b"\xff\xfe", "is not valid TOML"),
    ],
)
def test_bad_values_give_one_line_problems(
    tmp_path: Path, content: str | bytes, problem: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    settings, problems = load_settings(path)
    assert len(problems) == 1 and problem in problems[0] and "\n" not in problems[0]
    assert settings.sort in ("date",) and settings.mouse is True


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="could not save settings"):
        save_settings(Settings(path=blocker / "config.toml"))


MINE = """# my reeltui settings
theme = "nord"   # the one I like
# no mouse in tmux
mouse = false
colour = "extra key reeltui does not know"

[keymap]
"list.sort" = "o"   # o for order
"""


def test_saving_keeps_the_users_comments_keys_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(MINE)
    settings, problems = load_settings(path)
    assert problems == []
    settings.theme, settings.sort = "gruvbox", "title"
    save_settings(settings)
    text = path.read_text()
    # Every line of the user's file is still there; the theme changed in place and the sort,
    # which the file did not set, was added after its last top-level line.
    assert text == MINE.replace('"nord"', '"gruvbox"').replace(
        'does not know"\n', 'does not know"\nsort = "title"\n'
    )
    loaded, _ = load_settings(path)
    assert (loaded.theme, loaded.mouse, loaded.sort) == ("gruvbox", False, "title")
    assert loaded.keymap == {"list.sort": "o"}
    assert tomllib.loads(text)["colour"] == "extra key reeltui does not know"


def test_a_file_that_does_not_parse_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    broken = b'theme = "nord"\nmouse = \n# half-edited by hand\n'
    path.write_bytes(broken)
    settings, problems = load_settings(path)
    assert problems and "not valid TOML" in problems[0]
    settings.theme = "gruvbox"
    with pytest.raises(ConfigError, match=r"not valid TOML.*left as it is"):
        save_settings(settings)
    assert path.read_bytes() == broken


def test_saving_unchanged_settings_does_not_rewrite_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(MINE)
    settings, _ = load_settings(path)
    before = path.stat()
    save_settings(settings)  # the sort the file does not set is the default: stays implicit
    after = path.stat()
    assert path.read_text() == MINE
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_dumps_is_valid_toml() -> None:
    assert tomllib.loads(dumps(Settings()))["mouse"] is True


def test_history_back_and_forward() -> None:
    history = History()
    for item in ("a", "b", "c"):
        history.visit(item)
    assert history.step(-1) == "b" and history.step(-1) == "a" and history.step(-1) is None
    history.visit("d")  # a new visit drops the forward entries
    assert history.entries == ["a", "d"] and history.step(1) is None


def test_link_kinds() -> None:
    assert internal_slug("/flixchatter-review-spike-jonzes-her/") == (
        "flixchatter-review-spike-jonzes-her"
    )
    assert internal_slug("her#comments") == "her"
    assert internal_slug("https://example.com/her/") is None
    assert is_external("https://example.com/") and not is_external("/her/")


def test_comment_emphasis_is_styled_not_markup() -> None:
    text = inline_markdown("I saw *Her* and **loved** it [bold]x[/bold]")
    assert text.plain == "I saw Her and loved it [bold]x[/bold]"
    assert {(s.start, s.end, str(s.style)) for s in text.spans} == {
        (6, 9, "italic"), (14, 19, "bold"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("mine", "expected"),
    [
        # CRLF line endings stay CRLF, the lines the app adds too
        (
            '# mine\r\ntheme = "nord"  # dark\r\n\r\n[keymap]\r\n"list.sort" = "o"\r\n',
            '# mine\r\ntheme = "gruvbox"  # dark\r\nsort = "title"\r\n\r\n[keymap]\r\n'
            '"list.sort" = "o"\r\n',
        ),
        # quoted keys and a multi-line string are valid TOML: updated in place
        (
            '"theme" = """nord"""\n\'mouse\' = true\n',
            '"theme" = "gruvbox"\n\'mouse\' = true\nsort = "title"\n',
        ),
        (
            "theme = '''\nnord'''\n# end\n",
            'theme = "gruvbox"\n# end\nsort = "title"\n',
        ),
        # a file with only tables: the keys go before the first table
        (  # (tomlkit before 0.13 adds no blank line before the table: either is right)
            '[keymap]\n"list.sort" = "o"\n',
            'theme = "gruvbox"\nsort = "title"\n[keymap]\n"list.sort" = "o"\n',
        ),
    ],
)
def test_valid_files_of_any_style_are_updated_in_place(
    tmp_path: Path, mine: str, expected: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(mine.encode())
    settings, problems = load_settings(path)
    assert problems == []
    settings.theme, settings.sort = "gruvbox", "title"
    save_settings(settings)
    assert path.read_bytes().decode().replace("\n\n[", "\n[") == expected.replace("\n\n[", "\n[")
    loaded, _ = load_settings(path)
    assert (loaded.theme, loaded.sort) == ("gruvbox", "title")


def test_identity_is_read_and_written_beside_the_users_lines(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n\n[keymap]\n"list.sort" = "o"  # o for order\n')
    settings, _ = load_settings(path)
    assert settings.identity is None  # never said: the app asks
    settings.identity = Identity("Ruth  Maramis", "ruth@example.org")
    save_settings(settings)
    text = path.read_text()
    assert text.startswith('theme = "nord"\n\n[keymap]\n"list.sort" = "o"  # o for order\n')
    assert tomllib.loads(text)["identity"] == {"name": "Ruth  Maramis", "email": "ruth@example.org"}
    loaded, problems = load_settings(path)
    assert problems == [] and loaded.identity == Identity("Ruth Maramis", "ruth@example.org")
    # changed later: the same table is updated, a comment in it kept
    path.write_text(text.replace('email = "ruth@example.org"', 'email = "ruth@example.org" # work'))
    loaded.identity = Identity("Ruth", "ruth@example.org")
    save_settings(loaded)
    assert 'name = "Ruth"' in path.read_text() and "# work" in path.read_text()
    dotted = tmp_path / "dotted.toml"
    dotted.write_text('identity.name = "A"\ntheme = "nord"\n')
    found, _ = load_settings(dotted)
    found.identity = Identity("B", "b@example.org")
    save_settings(found)
    assert load_settings(dotted)[0].identity == Identity("B", "b@example.org")


@pytest.mark.parametrize(
    ("content", "problem"),
    [("identity = 3", "[identity] must be a table"), ("[identity]\nname = 3", "identity name")],
)
def test_a_bad_identity_is_a_one_line_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content)
    _, problems = load_settings(path)
    assert len(problems) == 1 and problem in problems[0]
