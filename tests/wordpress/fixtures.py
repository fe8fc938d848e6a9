"""The real WordPress as pytest fixtures, for every test folder (a plugin of tests/conftest.py):
one server for the whole run, started by the first test that asks for it and reset to the
seeded site before each test. Defined once here, so the sync tests and the end-to-end test in
tmux share that one server (a fixture imported into a test module is a second session
fixture, and a second server started: ~5 s)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from reeltui.services.sync.credentials import Credentials
from tests.conftest import IN_CI
from tests.wordpress.server import PACKAGES, WordPress, missing_tools


@pytest.fixture(scope="session")
def wordpress_server() -> Iterator[tuple[WordPress, dict[str, dict[str, int]]]]:
    missing = missing_tools()
    if missing:
        message = f"a real WordPress needs {', '.join(missing)} (apt-get install {PACKAGES})"
        if IN_CI:
            pytest.fail(message + "; .ci/run should install them")
        pytest.skip(message)
    server = WordPress.start()
    try:
        ids = server.seed()
        yield server, ids
    finally:
        server.stop(purge=True)


@dataclass
class Site:
    """The running WordPress, back to the seeded state, with the seeded ids."""

    server: WordPress
    posts: dict[str, int]
    comments: dict[str, int]
    users: dict[str, int]

    @property
    def creds(self) -> Credentials:
        return Credentials(self.server.url, self.server.user, self.server.app_password)

    def rest(self, method: str, route: str, **kw: object) -> tuple[int, object]:
        return self.server.rest(method, route, **kw)  # type: ignore[arg-type]

    def get(self, route: str, **params: object) -> dict[str, object]:
        status, data = self.server.rest("GET", route, params={"context": "edit", **params})
        assert status == 200, (route, status, data)
        assert isinstance(data, dict)
        return data


@pytest.fixture
def site(wordpress_server: tuple[WordPress, dict[str, dict[str, int]]]) -> Iterator[Site]:
    server, ids = wordpress_server
    server.reset("seeded")
    if server.procs.get("php") is None or server.procs["php"].poll() is not None:
        server.start_web()
    yield Site(server, ids["posts"], ids["comments"], ids["users"])
    if "php" not in server.procs:
        server.start_web()  # a test stopped it
