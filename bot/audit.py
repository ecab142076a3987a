"""Audit log in SQLite: who asked what, when, what was cited, refusals, feedback."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from bot.core.types import Answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    user_id INTEGER,
    chat_id INTEGER,
    question TEXT NOT NULL,
    grounded INTEGER NOT NULL,
    citations TEXT NOT NULL,
    latency_ms REAL,
    asker TEXT
);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    user_id INTEGER,
    helpful INTEGER NOT NULL,
    given_at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
CREATE TABLE IF NOT EXISTS events (
    at TEXT NOT NULL,
    user_id INTEGER,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class AuditLog:
    def __init__(self, path: Path, retention_days: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.retention_days = retention_days
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(questions)")}
        if "asker" not in columns:  # a log written before terminal questions were recorded
            self._db.execute("ALTER TABLE questions ADD COLUMN asker TEXT")
        self.purge()

    def record_answer(
        self, answer: Answer, channel: str, user_id: int | None, chat_id: int | None, asker: str = ""
    ) -> int:
        """One question and what was answered; `asker` names a terminal user (the OS account)."""
        citations = [
            {"title": c.title, "version": c.version, "article": c.article, "section": c.section, "chunk_id": c.chunk_id}
            for c in answer.citations
        ]
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO questions (asked_at, channel, user_id, chat_id, question, grounded, citations,"
                " latency_ms, asker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    channel,
                    user_id,
                    chat_id,
                    answer.question,
                    int(answer.grounded),
                    json.dumps(citations, ensure_ascii=False),
                    answer.timings_ms.get("answer"),
                    asker or None,
                ),
            )
            return int(cursor.lastrowid or 0)

    def record_feedback(self, question_id: int, user_id: int | None, helpful: bool) -> bool:
        with self._lock, self._db:
            found = self._db.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,)).fetchone()
            if not found:
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO feedback (question_id, user_id, helpful, given_at) VALUES (?, ?, ?, ?)",
                (question_id, user_id, int(helpful), _now()),
            )
            return True

    def record_event(self, user_id: int | None, kind: str, detail: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT INTO events VALUES (?, ?, ?, ?)", (_now(), user_id, kind, detail))

    def citations(self, question_id: int) -> list[dict[str, Any]]:
        with self._lock:
            row = self._db.execute("SELECT citations FROM questions WHERE id = ?", (question_id,)).fetchone()
        return json.loads(row[0]) if row else []

    def stats(self) -> dict[str, Any]:
        with self._lock:
            asked, refused = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(1 - grounded), 0) FROM questions"
            ).fetchone()
            helpful, unhelpful = self._db.execute(
                "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM feedback"
            ).fetchone()
            by_channel = dict(self._db.execute("SELECT channel, COUNT(*) FROM questions GROUP BY channel").fetchall())
        return {
            "questions": asked,
            "refusals": refused,
            "helpful": helpful,
            "unhelpful": unhelpful,
            "telegram": by_channel.get("telegram", 0),
            "terminal": by_channel.get("cli", 0),
        }

    def purge(self) -> int:
        cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        with self._lock, self._db:
            removed = self._db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
            self._db.execute("DELETE FROM events WHERE at < ?", (cutoff,))
        return removed

    def close(self) -> None:
        self._db.close()
