"""The README works off the repository (on a package index page): every link and image is
absolute, and each one into the repository names a file that exists. It says how to install."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
REPOSITORY = "https://github.com/reeltui/reeltui"
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
IN_REPOSITORY = re.compile(
    r"^(?:https://github\.com/reeltui/reeltui/blob/main/|"
    r"https://raw\.githubusercontent\.com/reeltui/reeltui/main/)(.+)$"
)


def test_every_link_works_off_the_repository() -> None:
    targets = LINK.findall(README)
    assert len(targets) > 10
    for target in targets:
        assert target.startswith(("https://", "http://", "#")), target
        inside = IN_REPOSITORY.match(target)
        if inside:
            assert (ROOT / inside.group(1).split("#")[0]).exists(), target


def test_install_section_and_two_quick_start_commands() -> None:
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    for way in ("pipx install", "uv tool install", "pip install .", "pip install dist/"):
        assert way in install, way
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+", quick, re.MULTILINE)
    assert commands == ["make run", "make test"]


def test_project_urls_point_at_the_repository() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["urls"]["Source"] == REPOSITORY
    assert project["license-files"] == ["LICENSE"] and (ROOT / "LICENSE").exists()
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert not any(d.startswith("textual[") for d in project["dependencies"])
