"""Credentials: environment over file, file mode 0600, clear errors; site URLs normalised."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reeltui.services.sync import credentials
from reeltui.services.sync.client import WPClient, normalise_site
from reeltui.services.sync.credentials import Credentials, CredentialsError


@pytest.fixture(autouse=True)
def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REELTUI_CONFIG", str(tmp_path / "cfg" / "config.toml"))
    for name in ("REELTUI_WP_URL", "REELTUI_WP_USER", "REELTUI_WP_APP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def test_save_is_private_and_round_trips(tmp_path: Path) -> None:
    path = credentials.save(Credentials("https://blog.example", "ruth", 'ab "cd" \\ ef'))
    assert path == tmp_path / "cfg" / "credentials.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = credentials.load()
    assert (loaded.site, loaded.user, loaded.app_password) == (
        "https://blog.example",
        "ruth",
        'ab "cd" \\ ef',
    )
    assert loaded.source == "file" and "ab" not in repr(loaded)


def test_environment_wins_and_saved_password_only_for_its_site(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials.save(Credentials("https://blog.example", "ruth", "saved-pw"))
    assert credentials.load(site="https://other.example").app_password == ""
    assert credentials.load(site="blog.example/").app_password == "saved-pw"  # same site
    assert credentials.load(user="someone").app_password == ""
    monkeypatch.setenv("REELTUI_WP_APP_PASSWORD", "env-pw")
    monkeypatch.setenv("REELTUI_WP_USER", "env-user")
    got = credentials.load()
    assert (got.user, got.app_password, got.source) == ("env-user", "env-pw", "env")
    assert credentials.load(user="cli-user").user == "cli-user"


def test_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = credentials.save(Credentials("https://blog.example", "ruth", "pw"))
    os.chmod(path, 0o644)
    with pytest.raises(CredentialsError, match="chmod 600"):
        credentials.load()


def test_bad_toml_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "credentials.toml"
    path.parent.mkdir()
    path.write_text("site = \n")
    os.chmod(path, 0o600)
    with pytest.raises(CredentialsError, match="not valid TOML"):
        credentials.load()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("blog.example", "https://blog.example"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("https://example.com/blog/wp-json/", "https://example.com/blog"),
        ("https://example.com/blog/wp-admin", "https://example.com/blog"),
    ],
)
def test_site_urls_are_normalised(given: str, expected: str) -> None:
    assert normalise_site(given) == expected


@pytest.mark.parametrize("bad", ["", "ftp://x", "http://"])
def test_bad_site_url(bad: str) -> None:
    with pytest.raises(ValueError):
        normalise_site(bad)


def test_client_never_shows_the_password() -> None:
    client = WPClient("https://blog.example", "ruth", "secret pass word")
    assert "secret" not in repr(client)


def test_a_redirect_is_a_clear_error_not_followed() -> None:
    """urllib would turn a redirected POST into a GET (the reply lost): never follow."""
    import http.server
    import threading

    from reeltui.services.sync.client import ServerFailed

    class Moved(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(301)
            self.send_header("Location", "https://blog.example/")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Moved)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = WPClient(f"http://127.0.0.1:{server.server_port}", "ruth", "pw")
        with pytest.raises(ServerFailed) as caught:
            client.post("/wp/v2/comments", {"post": 1, "content": "hi"})
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
    assert str(caught.value).startswith("moved: ")
    assert "redirects to https://blog.example/" in str(caught.value)
