"""A real streaming replica of the test database's PostgreSQL cluster, on this machine.

`StreamingReplica.start()` copies the primary with `pg_basebackup -R -X stream` into a new
directory, starts the copy with `pg_ctl` on its own port as a hot standby, and waits until it
accepts connections and streams. The tests then pause and resume its replay to make it lag.

PostgreSQL refuses to run as root: when the tests run as root (CI), the copy belongs to the
`postgres` system user and its commands run through `runuser`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

WAIT_SECONDS = 60


class ReplicaUnavailable(Exception):
    """The replica could not be set up here; the message says why and what to do."""


def _bin_dir(major: int) -> Path:
    """The server programs of the primary's major version (Debian keeps one set per version)."""
    debian = Path(f"/usr/lib/postgresql/{major}/bin")
    if (debian / "pg_basebackup").exists():
        return debian
    found = shutil.which("pg_basebackup")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    raise ReplicaUnavailable(
        f"no pg_basebackup for PostgreSQL {major} (looked in {debian} and on PATH): "
        f"install the server package (Debian: postgresql-{major})"
    )


def _port_is_taken(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, port)) == 0


class StreamingReplica:
    """A hot standby of `primary` (a Django settings dict) on `port`, in a temporary directory."""

    def __init__(self, *, primary: dict, port: int):
        self.primary = primary
        self.host = "127.0.0.1"
        self.port = port
        self.as_postgres = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="factdesk-replica-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.started = False

    # The commands, run as the user PostgreSQL runs as.

    def _run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        env = {**os.environ}
        if self.primary.get("PASSWORD"):
            env["PGPASSWORD"] = self.primary["PASSWORD"]
        return subprocess.run(  # noqa: S603 - our own arguments, no shell
            command, capture_output=True, text=True, timeout=timeout, env=env, cwd=self.root
        )

    def start(self) -> None:
        with psycopg.connect(**self._params(self.primary_params())) as primary:
            self.bin = _bin_dir(primary.info.server_version // 10000)
        if _port_is_taken(self.host, self.port):
            raise ReplicaUnavailable(
                f"port {self.port} is already in use: stop what listens there, or choose "
                "another port with FACTDESK_REPLICA_TEST_PORT"
            )
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        copied = self._run(
            "pg_basebackup",
            *("-h", self.primary.get("HOST") or "127.0.0.1"),
            *("-p", str(self.primary.get("PORT") or 5432)),
            *("-U", self.primary.get("USER") or "postgres"),
            *("-D", str(self.data), "-R", "-X", "stream", "--checkpoint=fast"),
        )
        if copied.returncode != 0:
            raise ReplicaUnavailable(
                f"pg_basebackup failed: {copied.stderr.strip()} — the primary must allow "
                "replication connections from 127.0.0.1 (pg_hba.conf: "
                "'host replication all 127.0.0.1/32 trust', then SELECT pg_reload_conf()) "
                "and have wal_level 'replica' and max_wal_senders > 0 (see .ci/run)"
            )
        self._configure()
        started = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", str(WAIT_SECONDS),
            "start",
        )  # fmt: skip
        if started.returncode != 0:
            raise ReplicaUnavailable(f"the replica did not start: {self._log_tail()}")
        self.started = True
        self._wait_until_streaming()

    def _configure(self) -> None:
        """The copy's own settings (a Debian primary keeps its configuration outside its data)."""
        settings = {
            "port": str(self.port),
            "listen_addresses": f"'{self.host}'",
            "unix_socket_directories": f"'{self.root}'",
            "hot_standby": "on",
            "fsync": "off",  # a throw-away copy
            "logging_collector": "off",
        }
        # A hot standby needs at least the primary's values of these.
        with psycopg.connect(**self._params(self.primary_params())) as primary:
            for name in ("max_connections", "max_worker_processes", "max_wal_senders",
                         "max_prepared_transactions", "max_locks_per_transaction"):  # fmt: skip
                settings[name] = primary.execute(f"SHOW {name}").fetchone()[0]
        (self.data / "postgresql.conf").write_text(
            "".join(f"{name} = {value}\n" for name, value in settings.items())
        )
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        )
        if self.as_postgres:
            for name in ("postgresql.conf", "pg_hba.conf"):
                shutil.chown(self.data / name, "postgres")

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-15:])
        except OSError:
            return f"(no log at {self.log})"

    def stop(self) -> None:
        if self.started:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=120)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    # Connections.

    def primary_params(self) -> dict:
        return {
            "host": self.primary.get("HOST") or "127.0.0.1",
            "port": int(self.primary.get("PORT") or 5432),
            "user": self.primary.get("USER") or "postgres",
            "password": self.primary.get("PASSWORD") or None,
        }

    @staticmethod
    def _params(params: dict) -> dict:
        return {**params, "dbname": "postgres", "autocommit": True, "connect_timeout": 5}

    def _query(self, sql: str, *args):
        params = {**self.primary_params(), "host": self.host, "port": self.port}
        with psycopg.connect(**self._params(params)) as replica:
            return replica.execute(sql, args).fetchone()[0]

    def _primary_lsn(self) -> str:
        with psycopg.connect(**self._params(self.primary_params())) as primary:
            return primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]

    def _wait(self, sql: str, *args, what: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                if self._query(sql, *args):
                    return
            except psycopg.OperationalError:
                pass  # still starting
            if time.monotonic() > deadline:
                raise ReplicaUnavailable(f"the replica did not {what} in {WAIT_SECONDS} s: "
                                         f"{self._log_tail()}")  # fmt: skip
            time.sleep(0.05)

    def _wait_until_streaming(self) -> None:
        self._wait(
            "SELECT EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming')",
            what="stream from the primary",
        )

    # What the tests do with it.

    def catch_up(self) -> None:
        """Wait until the replica has replayed everything the primary has committed so far."""
        self._wait(
            "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", self._primary_lsn(), what="catch up"
        )

    def pause(self) -> None:
        """Stop replaying: from now on the replica lags behind every commit on the primary."""
        self._query("SELECT pg_wal_replay_pause()")
        self._wait("SELECT pg_get_wal_replay_pause_state() = 'paused'", what="pause its replay")

    def resume(self) -> None:
        self._query("SELECT pg_wal_replay_resume()")

    def is_paused(self) -> bool:
        return self._query("SELECT pg_get_wal_replay_pause_state() <> 'not paused'")
