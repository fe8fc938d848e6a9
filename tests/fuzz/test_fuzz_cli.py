"""The command line on random arguments (10,000 cases): `reeltui.cli.main(argv)` never raises
and exits 0, 1 or 2, with at most a one-line error and never a traceback. Stores: a sound one,
a corrupt one, a foreign folder, a file, a missing path. The full-screen app is not started:
its launcher is replaced by a recorder (what is fuzzed here is the argument handling)."""

from __future__ import annotations

import contextlib
import io
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reeltui.cli.commands
from reeltui.cli import main
from reeltui.domain import Comment, Post
from reeltui.store import Store, records
from tests.fuzzing import examples

WORDS = [
    "posts",
    "show",
    "check",
    "--json",
    "--status",
    "--search",
    "--sort",
    "--repair",
    "--yes",
    "--read-only",
    "--version",
    "-h",
    "--help",
    "published",
    "draft",
    "trash",
    "date",
    "rating",
    "comments",
    "title",
    "flixchatter-review-spike-jonzes-her",
    "her",
    "Q",
    "",
    "-",
    "--",
    "-x",
    "--json=1",
    "--sort=rating",
    "--status=",
    "=",
    "\x00",
    "\udcff",
    "é",
    "\x1b[31m",
    "\u202e",
    "🎬",
    " ",
    "-" * 300,
    "a" * 5000,
    "--no",
    "posts --json",
    "%s",
    "{}",
]


@contextlib.contextmanager
def captured() -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield out, err


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("cli-fuzz")
    good, corrupt = root / "good", root / "corrupt"
    for path in (good, corrupt):  # small stores: 10,000 runs must fit in CI
        with Store.open(path) as store:
            records.put_post(store, Post(id="p1", slug="her", title="Her", body="*Good* film."))
            records.put_comment(store, Comment(id="c1", post_id="p1", body="\x1b]0;x\x07Yes"))
    (corrupt / "posts.json").write_bytes(b"{cut")
    foreign = root / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    a_file = root / "file.json"
    a_file.write_text("{}")
    return [str(p) for p in (good, corrupt, foreign, a_file, root / "no" / "such" / "store")]


def argv_from(seed: int, stores: list[str]) -> list[str]:
    rng = random.Random(seed)
    argv: list[str] = []
    if rng.random() < 0.8:
        argv += ["--store", rng.choice(stores)]
    return argv + [rng.choice(WORDS) for _ in range(rng.randint(0, 6))]


# The last test reads what the fuzz test recorded: under xdist both run on one worker, in order.
pytestmark = pytest.mark.xdist_group("fuzz_cli")

SAFE_TEXT = st.text(max_size=12).filter(lambda t: not t.startswith("--s") and "--st" not in t)


@pytest.fixture(scope="module")
def cli(stores: list[str]) -> Iterator[list[object]]:
    """The CLI with the app's launcher replaced by a recorder, and its parser built once
    (building it costs more than parsing: main() runs once per process in real use)."""
    started: list[object] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reeltui.cli.commands, "run_tui", lambda args: started.append(args) or 0)
        parser = reeltui.cli.build_parser()
        patch.setattr(reeltui.cli, "build_parser", lambda argv=None: parser)  # (every command)
        patch.setenv("REELTUI_STORE", stores[0])  # never the user's own store
        patch.chdir(Path(stores[0]).parent)  # a relative path never lands in the project
        yield started


@settings(
    max_examples=examples(10_000),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**64), extra=st.lists(SAFE_TEXT, max_size=2))
def test_main_never_raises_and_exits_0_1_or_2(
    seed: int, extra: list[str], stores: list[str], cli: list[object]
) -> None:
    argv = argv_from(seed, stores)
    argv[len(argv) // 2 : len(argv) // 2] = extra
    if any(a.startswith("--s") and "--store".startswith(a.split("=")[0]) for a in argv[:-1]):
        # an abbreviation of --store followed by a random word would create a store there
        argv = [a for a in argv if not a.startswith("--s")]
    with captured() as (_out, err):
        code = main(argv)
        err.flush()
        message = err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert code in (0, 1, 2), (argv, code, message)
    assert "Traceback" not in message


def test_the_app_was_reached_without_a_command(cli: list[object]) -> None:
    assert cli, "some argument lists should have opened the app (the recorder)"
