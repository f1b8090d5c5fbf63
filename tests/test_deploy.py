"""Starting Vital Few: the first line names the database, Ctrl-C and Ctrl-D quit the
terminal at once, and a database that cannot be opened stops start-up with one line."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def environ(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "VITALFEW_", "DATABASE_URL"))}
    env.update({"TZ": "UTC", "VITALFEW_TICK_SECONDS": "3600", **values})
    return env


def vitalfew(cwd: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, cwd=cwd, env=environ(**env), timeout=60,
                          check=False)


def test_the_console_names_its_database_first_as_an_absolute_path(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    done = vitalfew(folder, "console", stdin="/touch Ana coffee\n",
                    DATABASE_URL="sqlite:///vitalfew.db")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        f"Vital Few in the terminal on the SQLite file {folder / 'vitalfew.db'}.")
    assert "Logged a meet with Ana: coffee" in done.stdout


def test_run_without_credentials_says_so_and_names_its_database(tmp_path: Path) -> None:
    done = vitalfew(tmp_path, "run", DATABASE_URL="sqlite:///data/v.db")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "No Slack or Discord credentials set: running in the terminal on the SQLite file "
        f"{tmp_path / 'data' / 'v.db'}.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_postgresql_is_one_line_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://vf:hunter2@127.0.0.1:{free_port()}/vitalfew"
    for command in ("console", "migrate", "run"):
        done = vitalfew(tmp_path, command, DATABASE_URL=url)
        assert done.returncode == 1, (command, done.stderr)
        assert done.stderr.strip().splitlines() == [
            f"vitalfew: cannot open the database (PostgreSQL vf@127.0.0.1:{url.split(':')[-1]}"
            "): connection refused (is the server running, on that host and port?)"], command
        assert "hunter2" not in done.stdout + done.stderr


def test_a_sqlite_file_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    done = vitalfew(tmp_path, "migrate", DATABASE_URL="sqlite:///taken/v.db")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(
        f"vitalfew: cannot open the database (the SQLite file {tmp_path / 'taken' / 'v.db'}): ")


# --- the interactive terminal, through a pseudo-terminal ------------------------------------

class Terminal:
    """`vitalfew console` on a pty, as a person at a terminal runs it."""

    def __init__(self, cwd: Path) -> None:
        self.master, follower = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "console"], stdin=follower, stdout=follower,
            stderr=follower, cwd=cwd, env=environ(DATABASE_URL="sqlite:///v.db"),
            close_fds=True)
        os.close(follower)
        self.seen = b""

    def wait_for(self, text: bytes, within: float = 30.0) -> None:
        deadline = time.monotonic() + within
        while text not in self.seen:
            ready, _, _ = select.select([self.master], [], [], deadline - time.monotonic())
            assert ready, f"{text!r} never appeared; the terminal shows {self.seen!r}"
            self.seen += os.read(self.master, 4096)

    def exit_code(self, within: float = 15.0) -> int:
        """Wait for the process to end, reading what it prints meanwhile (a full pty
        would block its writes)."""
        deadline = time.monotonic() + within
        while True:
            ready, _, _ = select.select([self.master], [], [], deadline - time.monotonic())
            assert ready, f"still running; the terminal shows {self.seen!r}"
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # EIO: every writer has closed, the process has ended
                break
            if not chunk:
                break
            self.seen += chunk
        return self.process.wait(timeout=max(deadline - time.monotonic(), 0.1))

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def terminal(tmp_path: Path):
    term = Terminal(tmp_path)
    yield term
    term.close()


def test_ctrl_c_quits_the_interactive_console_at_once(terminal: Terminal) -> None:
    terminal.wait_for(b"Vital Few in the terminal on the SQLite file")
    terminal.type(b"/touch Ana coffee\r")
    terminal.wait_for(b"Logged a meet with Ana: coffee")
    terminal.wait_for(b"> ")
    terminal.process.send_signal(signal.SIGINT)  # what Ctrl-C does; no Enter follows
    assert terminal.exit_code() == 130, terminal.seen


def test_ctrl_d_quits_the_interactive_console(terminal: Terminal) -> None:
    terminal.wait_for(b"Ctrl-C or Ctrl-D to quit")
    terminal.wait_for(b"> ")
    terminal.type(b"\x04")
    assert terminal.exit_code() == 0, terminal.seen


def test_the_readme_and_docs_are_the_whole_documentation() -> None:
    """Nothing sends a reader to a document the repository does not have."""
    root = Path(__file__).resolve().parents[1]
    tracked = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    absent = re.compile(r"\bSPEC\b|SPEC\.md|(?i:shared folder)")
    cited = [f"{name}:{number}" for name in tracked if name != "tests/test_deploy.py"
             and (root / name).is_file()
             for number, line in enumerate((root / name).read_text(errors="ignore")
                                           .splitlines(), 1)
             if absent.search(line)]
    assert cited == [], "cite the README or docs/ instead of: " + ", ".join(cited)


def test_the_readmes_oauth_section_sets_what_start_up_needs(monkeypatch) -> None:
    from bot.settings import Settings

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme.split("### Many workspaces (OAuth)", 1)[1].split("\n#", 1)[0]
    told = set(re.findall(r"`(SLACK_[A-Z_]+)`", section.split("leave", 1)[0]))
    assert "SLACK_STATE_SECRET" not in told, "the configuration table says it is not needed"
    for key in [k for k in os.environ if k.startswith("SLACK_")]:
        monkeypatch.delenv(key)
    settings = Settings(_env_file=None, **{key.lower(): "fake" for key in told}).check()
    assert settings.slack_oauth
