"""Who may touch the index, across processes: one writer at a time (a lock file in the data
directory), and readers that say which generation they hold, so no writer deletes it under them.

The lock is an `flock` on `ingest.lock`: the kernel drops it when the holder exits, even on
SIGKILL, so a dead writer never blocks the next one. Beside it the holder writes its pid and
start time, for the message a second writer shows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from ingest.errors import IngestBusyError

LOCK_NAME = "ingest.lock"
READERS_DIR = "readers"
# A lease from another host (a shared data directory) counts as live for this long since its
# last renewal; leases on this host count while their process lives.
FOREIGN_LEASE_S = 24 * 3600


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "持有者未知"
    return f"进程 {info.get('pid', '?')}@{info.get('host', '?')}，开始于 {info.get('started', '?')}"


@contextlib.contextmanager
def writer_lock(data_dir: Path, wait: bool = False, poll_s: float = 0.5) -> Iterator[None]:
    """Hold the index's writer lock for the block. Busy: wait, or raise IngestBusyError."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    with path.open("a+", encoding="utf-8") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    raise IngestBusyError(_holder(path)) from None
                time.sleep(poll_s)
        try:
            handle.seek(0)
            handle.truncate()
            started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": started}))
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class ReaderLease:
    """A reader process's claim on the generation (collection) it is answering from."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / READERS_DIR / f"{socket.gethostname()}-{os.getpid()}.json"

    def hold(self, collection: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"pid": os.getpid(), "host": socket.gethostname(), "collection": collection}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload), encoding="utf-8")
        tmp.replace(self.path)

    def release(self) -> None:
        self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def held_collections(data_dir: Path) -> set[str]:
    """Collections some live reader still answers from. Leases of dead readers are removed."""
    folder = data_dir / READERS_DIR
    held: set[str] = set()
    host = socket.gethostname()
    for lease in folder.glob("*.json") if folder.is_dir() else []:
        try:
            info = json.loads(lease.read_text(encoding="utf-8"))
            age = time.time() - lease.stat().st_mtime
        except (OSError, ValueError):
            continue
        live = _alive(int(info.get("pid", 0))) if info.get("host") == host else age < FOREIGN_LEASE_S
        if live:
            held.add(str(info.get("collection", "")))
        else:
            lease.unlink(missing_ok=True)
    return held
