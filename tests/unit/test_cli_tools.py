"""The command line's helpers for users: `paths`, `--log FILE`, shell completion, and a post
list whose slugs are never cut."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from reeltui import debuglog
from reeltui.cli import main
from reeltui.cli.reading import print_posts
from reeltui.domain.models import Post
from reeltui.services.session import open_blog
from tests.conftest import need_tool

EXE = str(Path(sys.executable).parent / "reeltui")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- paths ----------------------------------------------------------------------------------


def test_paths_says_where_everything_is_and_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REELTUI_STORE", raising=False)
    monkeypatch.delenv("REELTUI_CONFIG", raising=False)
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "cfg"),
        ("XDG_STATE_HOME", "st"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(tmp_path / sub))
    code, out, err = run(capsys, "paths", "--json")
    assert code == 0 and err == ""
    found = json.loads(out)
    assert found["store"]["path"] == str(tmp_path / "data" / "reeltui" / "store")
    assert found["store"]["state"].startswith("not created yet")
    assert found["config"]["path"] == str(tmp_path / "cfg" / "reeltui" / "config.toml")
    assert found["credentials"]["path"] == str(tmp_path / "cfg" / "reeltui" / "credentials.toml")
    assert found["backups"]["path"] == str(tmp_path / "data" / "reeltui" / "store" / "backups")
    assert found["log"]["path"] == str(tmp_path / "st" / "reeltui" / "reeltui.log")
    assert found["log"]["state"].startswith("off")
    assert found["cache"] == {
        "path": str(tmp_path / "cache" / "reeltui"),
        "state": "empty: safe to delete, made again",
    }
    assert Path(found["demo blog"]["path"]).is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing was created
    code, out, _ = run(capsys, "paths", "--log", str(tmp_path / "my.log"))
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [
        "config", "store", "credentials", "backups", "log", "cache", "demo",
    ]  # fmt: skip
    assert f"{tmp_path / 'my.log'}  (written; named by --log)" in out
    for line in lines:  # one plain phrase in the parentheses that end each line
        assert line.endswith(")") and "(" not in line.rsplit("  (", 1)[1], line
    assert "(not written yet: defaults apply)" in out


def test_paths_of_a_named_store(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "paths", "--store", str(store_path))
    assert code == 0 and f"{store_path}  (exists; named by --store)" in out


# -- the debug log --------------------------------------------------------------------------

PASSWORD = "abcd EFGH 1234 ijkl MNOP 5678"


def test_the_log_holds_what_happened_and_never_a_password(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "debug.log"
    env = {**os.environ, "REELTUI_WP_APP_PASSWORD": "s3cret-Env-Value"}
    argv = [EXE, "--log", str(log), "--store", str(store_path), "show", "nope"]
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert done.returncode == 2 and "nope" in done.stderr and "Traceback" not in done.stderr
    text = log.read_text()
    assert "reeltui 0.1.0" in text and "show nope" in text and "no post with slug 'nope'" in text
    assert "finished after" in text
    # every secret shape is scrubbed, whatever logs it
    debuglog.hide("my-typed-secret")
    monkeypatch.setenv("REELTUI_WP_APP_PASSWORD", "s3cret-Env-Value")
    line = (
        f'pw {PASSWORD} app_password = "x1y2" password=hunter22 Authorization: Basic '
        "dXNlcjpwYXNz my-typed-secret s3cret-Env-Value"
    )
    scrubbed = debuglog.scrub(line)
    for secret in (PASSWORD, "x1y2", "hunter22", "dXNlcjpwYXNz", "my-typed-secret", "s3cret"):
        assert secret not in scrubbed
    assert scrubbed.count("[hidden]") == 6


def test_a_log_that_cannot_be_written_is_one_line(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("")  # a missing folder is made: a file cannot be one
    code, out, err = run(capsys, "--log", str(tmp_path / "a-file" / "x.log"), "posts")
    assert code == 2 and out == "" and err.startswith("reeltui: cannot write the log ")
    assert err.count("\n") == 1


# -- completion -----------------------------------------------------------------------------


def bash_complete(line: str, store: Path) -> list[str]:
    """What bash offers after `line` (the last word is being completed)."""
    script = subprocess.run([EXE, "completion", "bash"], capture_output=True, text=True).stdout
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    program = (
        f"{script}\nCOMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n_reeltui\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    )
    env = {
        **os.environ,
        "REELTUI_STORE": str(store),
        "PATH": f"{Path(EXE).parent}:{os.environ['PATH']}",
    }
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return [w for w in done.stdout.splitlines() if w]


def test_bash_completes_commands_options_choices_and_slugs(store_path: Path) -> None:
    assert {"posts", "show", "paths", "completion"} <= set(bash_complete("reeltui ", store_path))
    assert bash_complete("reeltui po", store_path) == ["posts"]
    assert "--search" in bash_complete("reeltui posts --", store_path)
    assert "--store" in bash_complete("reeltui posts --", store_path)  # global, after too
    assert bash_complete("reeltui posts --sort r", store_path) == ["rating"]
    assert bash_complete("reeltui export --format ", store_path) == [
        "markdown",
        "wxr",
        "json",
        "letterboxd",
    ]
    assert bash_complete("reeltui show flix", store_path) == ["flixchatter-review-spike-jonzes-her"]
    assert bash_complete("reeltui show g", store_path) == [
        "guest-post-elysium-her-the-nature-of-science-fiction"
    ]


@pytest.fixture
def other_store(tmp_path: Path) -> Path:
    """A second store, named with --store on the line (REELTUI_STORE names the demo one)."""
    path = tmp_path / "other"
    with open_blog(path) as blog:
        blog.save_post(Post(id="p-other", slug="only-in-the-other-store", title="Other"))
    return path


def test_bash_completes_the_slugs_of_the_store_the_line_names(
    store_path: Path, other_store: Path
) -> None:
    for line in (
        f"reeltui --store {other_store} show only-in",
        f"reeltui show --store {other_store} on",  # a global option after the command
        f"reeltui --store={other_store} edit only-in",
    ):
        assert bash_complete(line, store_path) == ["only-in-the-other-store"], line
    assert bash_complete("reeltui show only-in", store_path) == []  # $REELTUI_STORE's: none
    missing = other_store.parent / "missing"
    assert bash_complete(f"reeltui --store {missing} show g", store_path) == []
    assert not missing.exists()


def test_zsh_completes_the_slugs_of_the_store_the_line_names(
    store_path: Path, other_store: Path
) -> None:
    zsh = need_tool("zsh")
    script = subprocess.run([EXE, "completion", "zsh"], capture_output=True, text=True).stdout
    env = {
        **os.environ,
        "REELTUI_STORE": str(store_path),
        "PATH": f"{Path(EXE).parent}:{os.environ['PATH']}",
    }

    def offered(line: str) -> list[str]:
        program = (
            "compdef() { : }\n"  # loaded outside a completion system: only the helper is used
            f"{script}\n"
            'compadd() { print -rl -- "${(@P)2}" }\n'  # what the helper offers, one a line
            f"BUFFER={shlex.quote(line)}\n_reeltui_slugs\n"
        )
        done = subprocess.run([zsh, "-f", "-c", program], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return [w for w in done.stdout.splitlines() if w]

    assert "only-in-the-other-store" in offered(f"reeltui --store {other_store} show ")
    assert "only-in-the-other-store" in offered(f"reeltui show --store={other_store} ")
    assert "only-in-the-other-store" not in offered("reeltui show ")


def test_slugs_for_completion_never_make_a_store(tmp_path: Path) -> None:
    env = {**os.environ, "REELTUI_STORE": str(tmp_path / "none")}
    done = subprocess.run([EXE, "completion", "--slugs"], capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout) == (0, "") and not (tmp_path / "none").exists()


def test_zsh_loads_the_completion(store_path: Path) -> None:
    zsh = need_tool("zsh")
    program = (
        "autoload -U compinit && compinit -u -D\n"
        f'eval "$({EXE} completion zsh)"\n'
        "print -r -- $_comps[reeltui]\n"
    )
    done = subprocess.run([zsh, "-f", "-c", program], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "_reeltui", done.stderr
    script = subprocess.run([EXE, "completion", "zsh"], capture_output=True, text=True).stdout
    assert subprocess.run([zsh, "-n", "-c", script]).returncode == 0


def test_fish_completes(store_path: Path, tmp_path: Path) -> None:
    fish = need_tool("fish")
    script = tmp_path / "reeltui.fish"
    script.write_text(
        subprocess.run([EXE, "completion", "fish"], capture_output=True, text=True).stdout
    )
    env = {
        **os.environ,
        "REELTUI_STORE": str(store_path),
        "PATH": f"{Path(EXE).parent}:{os.environ['PATH']}",
    }

    def offered(line: str) -> list[str]:
        done = subprocess.run(
            [fish, "--no-config", "-c", f"source {script}; complete -C {shlex.quote(line)}"],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return [w.split("\t")[0] for w in done.stdout.splitlines()]

    assert "posts" in offered("reeltui po")
    assert "--search" in offered("reeltui posts --")
    assert offered("reeltui posts --sort ") == ["comments", "date", "rating", "title"]
    assert offered("reeltui show flix") == ["flixchatter-review-spike-jonzes-her"]
    other = tmp_path / "other"
    with open_blog(other) as blog:
        blog.save_post(Post(id="p-other", slug="only-in-the-other-store", title="Other"))
    assert offered(f"reeltui --store {other} show only-in") == ["only-in-the-other-store"]
    assert offered(f"reeltui show --store={other} on") == ["only-in-the-other-store"]
    assert offered("reeltui show only-in") == []


def test_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "completion", "tcsh")
    assert code == 2 and "invalid choice" in err


# -- the post list keeps slugs whole --------------------------------------------------------


def test_piped_posts_keep_every_title_whole_on_its_slugs_line(store_path: Path) -> None:
    """The new-user pass: `reeltui posts | grep ...` cut titles to ~12 characters (the
    table was fitted to 160 columns and the long slugs kept whole). Not a terminal: one line
    a post, nothing cut, so grep finds a title's last word with the post's slug."""
    long_title = "A Very Long Title About Cinema, Memory and Every Film We Watched in 2013 " * 2
    with open_blog(store_path) as blog:
        blog.save_post(Post(id="p-long", slug="a-" + "very-long-" * 12 + "slug", title=long_title))
        rows = blog.rows()
    exe = Path(sys.executable).parent / "reeltui"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reeltui"]
    done = subprocess.run(
        [*cmd, "--store", str(store_path), "posts"], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 1 + len(rows) and "…" not in done.stdout
    for row in rows:
        [line] = [x for x in lines if x.rstrip().endswith(f"  {row.post.slug}")]
        assert " ".join(row.post.title.split()) in line  # whole, on the slug's line
    header = lines[0]
    assert lines[1].index(rows[0].post.slug) == header.index("slug")  # still a table


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
def test_posts_never_cut_a_slug(
    store_path: Path, width: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_blog(store_path) as blog:
        blog.save_post(
            Post(id="p-ja", slug="千と千尋の神隠し", title="千と千尋の神隠し " * 6, author="宮崎")
        )
        rows = blog.rows()
    console = Console(width=width, color_system=None, legacy_windows=False)
    print_posts(console, rows)
    text = capsys.readouterr().out
    for row in rows:
        assert any(row.post.slug in line for line in text.splitlines()), (width, row.post.slug)
    longest = max(len(r.post.slug) for r in rows)
    for line in text.splitlines():  # only a slug longer than the screen may run past it
        assert Console(width=width).measure(line).maximum <= max(width, longest)
