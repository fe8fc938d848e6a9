"""A throwaway, REAL WordPress on loopback for the sync tests (no mock anywhere).

Debian's `wordpress` package (6.1.x) + a private MariaDB on a unix socket + PHP's built-in web
server, all under one short temp folder, ready in about 5 s:

    wp = WordPress.start()          # installs the site, an application password, a snapshot
    ids = wp.seed()                 # posts, threaded comments, drafts (PHP), then snapshot "seeded"
    wp.reset("seeded")              # back to that state in ~0.2 s (app password stays valid)
    wp.stop(purge=True)             # stops the process groups, deletes the folder

Needs: apt-get install -y --no-install-recommends wordpress mariadb-server php-cli php-mysql
Run by hand: python -m tests.wordpress.server  (starts, prints the credentials, waits for Enter)
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WP_SRC = Path("/usr/share/wordpress")
MARIADBD = Path("/usr/sbin/mariadbd")
PACKAGES = "wordpress mariadb-server php-cli php-mysql"
DB_NAME, DB_USER, DB_PASS = "wordpress", "wp", "wp-db-password"
ADMIN, ADMIN_PASSWORD = "admin", "admin-password"


class WordPressError(RuntimeError):
    pass


def missing_tools() -> list[str]:
    """What is missing on this machine to run a WordPress (empty when all is there)."""
    missing = [t for t in ("php", "mariadb-install-db", "mariadb", "mariadb-dump") if not _which(t)]
    if not MARIADBD.exists():
        missing.append(str(MARIADBD))
    if not (WP_SRC / "wp-settings.php").exists():
        missing.append(str(WP_SRC))
    return missing


def _which(name: str) -> str | None:
    return shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise WordPressError(f"{what} not ready after {timeout:.0f} s")
        time.sleep(0.05)


@dataclass
class WordPress:
    dir: Path
    url: str
    app_password: str
    user: str = ADMIN
    password: str = ADMIN_PASSWORD
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    # -- start / stop ---------------------------------------------------------------------

    @classmethod
    def start(cls, base: Path | None = None) -> WordPress:
        missing = missing_tools()
        if missing:
            raise WordPressError(f"missing {', '.join(missing)} (apt-get install {PACKAGES})")
        folder = Path(tempfile.mkdtemp(prefix="rtwp-", dir=base or "/tmp"))
        wp = cls(folder, "", "")
        try:
            wp._start()
        except BaseException:
            wp.stop(purge=False)
            raise
        return wp

    @property
    def sock(self) -> Path:
        return self.dir / "run" / "mysql.sock"

    def _start(self) -> None:
        for sub in ("run", "log", "state"):
            (self.dir / sub).mkdir()
        # The database in RAM when there is room (resets are DDL + fsyncs: ~10x faster there)
        shm = Path("/dev/shm")
        if shm.is_dir() and shutil.disk_usage(shm).free > 1 << 30:
            ram = Path(tempfile.mkdtemp(prefix="rtwp-db-", dir=shm))
            (self.dir / "db").symlink_to(ram)
        else:
            (self.dir / "db").mkdir()
        if len(str(self.sock)) > 100:
            raise WordPressError(f"socket path too long: {self.sock}")
        opts = [
            "--no-defaults",
            *(["--user=root"] if os.getuid() == 0 else []),
            f"--datadir={(self.dir / 'db').resolve()}",
            f"--socket={self.sock}",
            f"--pid-file={self.dir / 'run' / 'mariadbd.pid'}",
            "--skip-networking",
            "--skip-name-resolve",
            "--skip-log-bin",
            "--innodb-buffer-pool-size=64M",
            "--innodb-log-file-size=16M",
            "--innodb-flush-log-at-trx-commit=2",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
        ]
        self._run(
            [
                _which("mariadb-install-db") or "mariadb-install-db",
                *opts,
                "--auth-root-authentication-method=socket",
                "--skip-test-db",
            ],
            "mariadb-install-db",
        )
        self._spawn("db", [str(MARIADBD), *opts, f"--log-error={self.dir / 'log/mariadb.err'}"])
        _wait(self._db_ready, 60, "MariaDB")
        self.sql(
            f"CREATE DATABASE {DB_NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
            f"CREATE USER '{DB_USER}'@'localhost' IDENTIFIED BY '{DB_PASS}';"
            f"GRANT ALL PRIVILEGES ON {DB_NAME}.* TO '{DB_USER}'@'localhost';"
        )
        site = self.dir / "site"
        shutil.copytree(
            WP_SRC,
            site,
            symlinks=False,
            ignore=lambda d, names: [
                n for n in names if n in ("languages", "wp-config.php", ".htaccess")
            ],
        )
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        (site / "wp-config.php").write_text(self._config())
        out = self._run(
            [
                "php",
                *self._php_ini(),
                str(HERE / "install.php"),
                str(site),
                "Test Blog",
                ADMIN,
                ADMIN_PASSWORD,
                "admin@example.com",
                "/%postname%/",
            ],
            "WordPress install",
        )
        self.app_password = json.loads(out)["app_password"]
        self.start_web()
        status, me = self.rest("GET", "/wp/v2/users/me")
        if status != 200:
            raise WordPressError(f"application password refused: {status} {me}")
        self.snapshot("fresh")

    def _php_ini(self) -> list[str]:
        log = self.dir / "log" / "php-error.log"
        return [
            "-d",
            "display_errors=0",
            "-d",
            "log_errors=1",
            "-d",
            f"error_log={log}",
            "-d",
            "sendmail_path=/bin/true",
            "-d",
            "memory_limit=256M",
        ]

    def _config(self) -> str:
        salts = "\n".join(
            f"define('{k}', '{secrets.token_hex(24)}');"
            for k in [
                "AUTH_KEY",
                "SECURE_AUTH_KEY",
                "LOGGED_IN_KEY",
                "NONCE_KEY",
                "AUTH_SALT",
                "SECURE_AUTH_SALT",
                "LOGGED_IN_SALT",
                "NONCE_SALT",
            ]
        )
        return f"""<?php
define('DB_NAME', '{DB_NAME}');
define('DB_USER', '{DB_USER}');
define('DB_PASSWORD', '{DB_PASS}');
define('DB_HOST', 'localhost:{self.sock}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{salts}
$table_prefix = 'wp_';
define('WP_ENVIRONMENT_TYPE', 'local');   // application passwords over plain http
define('WP_HOME', '{self.url}');
define('WP_SITEURL', '{self.url}');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
define('WP_DEBUG_DISPLAY', false);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

    def _run(self, cmd: list[str], what: str, stdin: bytes | None = None) -> str:
        done = subprocess.run(cmd, input=stdin, capture_output=True, timeout=120, check=False)
        if done.returncode != 0:
            err = done.stderr.decode(errors="replace")[-2000:]
            raise WordPressError(f"{what} failed ({done.returncode}): {err}")
        return done.stdout.decode()

    def _spawn(self, name: str, cmd: list[str], env: dict[str, str] | None = None) -> None:
        log = open(self.dir / "log" / f"{name}.log", "wb")  # noqa: SIM115 - owned by the child
        with log:
            self.procs[name] = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: php -S workers die with it
                env={**os.environ, **(env or {})},
            )

    def _db_ready(self) -> bool:
        proc = self.procs["db"]
        if proc.poll() is not None:
            err = (self.dir / "log/mariadb.err").read_text(errors="replace")[-2000:]
            raise WordPressError(f"mariadbd exited: {err}")
        ping = [_which("mariadb-admin") or "mariadb-admin", "--no-defaults"]
        ping += [f"--socket={self.sock}", "-uroot", "ping"]
        return subprocess.run(ping, capture_output=True, check=False).returncode == 0

    def _web_ready(self) -> bool:
        if self.procs["php"].poll() is not None:
            raise WordPressError("php -S exited (port taken?)")
        try:
            with urllib.request.urlopen(self.url + "/wp-json/", timeout=5) as resp:
                return int(resp.status) == 200
        except (OSError, urllib.error.URLError):
            return False

    def stop_web(self) -> None:
        """Stop the web server only (the site then looks 'down' to clients)."""
        self._stop("php")

    def start_web(self) -> None:
        port = urllib.parse.urlsplit(self.url).port
        self._spawn(
            "php",
            [
                "php",
                *self._php_ini(),
                "-S",
                f"127.0.0.1:{port}",
                "-t",
                str(self.dir / "site"),
                str(HERE / "router.php"),
            ],
            env={"PHP_CLI_SERVER_WORKERS": "4"},
        )
        _wait(self._web_ready, 60, "php -S")

    def _stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)  # the group: php -S workers too
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        # workers of php -S are in the same group; make sure none is left
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(p) for p in self._group(proc.pid)):
            time.sleep(0.05)
        if any(_alive(p) for p in self._group(proc.pid)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

    @staticmethod
    def _group(pgid: int) -> list[int]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == pgid:
                found.append(int(stat.parent.name))
        return found

    def stop(self, purge: bool = True) -> None:
        self._stop("php")
        # a database about to be deleted needs no clean shutdown
        self._stop("db", signal.SIGKILL if purge else signal.SIGTERM)
        if purge:
            db = self.dir / "db"
            if db.is_symlink():
                shutil.rmtree(db.resolve(), ignore_errors=True)
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- database -------------------------------------------------------------------------

    def sql(self, statements: str, database: str = "") -> str:
        cmd = [_which("mariadb") or "mariadb", "--no-defaults", f"--socket={self.sock}", "-uroot"]
        cmd += ["-N", "-B", *([database] if database else [])]
        return self._run(cmd, "SQL", stdin=statements.encode())

    def snapshot(self, name: str) -> None:
        dump = [_which("mariadb-dump") or "mariadb-dump", "--no-defaults"]
        dump += [f"--socket={self.sock}", "-uroot", "--single-transaction", "--skip-dump-date"]
        (self.dir / "state" / f"{name}.sql").write_text(self._run([*dump, DB_NAME], "dump"))

    def reset(self, name: str = "fresh") -> None:
        """Put the database back to a snapshot (the application password stays valid)."""
        self.sql((self.dir / "state" / f"{name}.sql").read_text(), DB_NAME)

    def seed(self) -> dict[str, dict[str, int]]:
        """Posts, threaded comments and drafts written by WordPress's own PHP functions."""
        out = self._run(
            ["php", *self._php_ini(), str(HERE / "seed.php"), str(self.dir / "site")], "seed"
        )
        ids: dict[str, dict[str, int]] = json.loads(out)
        (self.dir / "state" / "seeded.json").write_text(json.dumps(ids))
        self.snapshot("seeded")
        return ids

    def php(self, code: str) -> str:
        """Run PHP `code` inside WordPress (wp-load.php loaded); returns what it prints."""
        script = self.dir / "state" / "snippet.php"
        script.write_text(
            "<?php\n$_SERVER['HTTP_HOST'] = '127.0.0.1'; $_SERVER['REQUEST_URI'] = '/';\n"
            f"require '{self.dir / 'site' / 'wp-load.php'}';\n{code}\n"
        )
        return self._run(["php", *self._php_ini(), str(script)], "PHP snippet")

    # -- WordPress's own REST API (independent of the code under test) ---------------------

    def rest(
        self,
        method: str,
        route: str,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        auth: bool = True,
    ) -> tuple[int, Any]:
        query = urllib.parse.urlencode({"rest_route": route, **(params or {})})
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.url}/?{query}", data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            token = base64.b64encode(f"{self.user}:{self.app_password}".encode()).decode()
            req.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return int(resp.status), json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                return exc.code, json.loads(raw)
            except ValueError:
                return exc.code, raw.decode(errors="replace")


if __name__ == "__main__":
    t0 = time.monotonic()
    wp = WordPress.start()
    print(f"ready in {time.monotonic() - t0:.1f} s: {wp.url} user {wp.user}")
    print(f"REELTUI_WP_URL={wp.url} REELTUI_WP_USER={wp.user}")
    print(f"REELTUI_WP_APP_PASSWORD='{wp.app_password}'")
    t1 = time.monotonic()
    print("seeded:", wp.seed(), f"in {time.monotonic() - t1:.1f} s")
    try:
        input("Enter stops it. ")
    finally:
        wp.stop()
