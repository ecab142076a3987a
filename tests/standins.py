"""Local stand-ins for services that are unreachable here, served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar


class OpenAIStandIn:
    """An OpenAI-compatible /v1/chat/completions endpoint that replies with what a test scripts."""

    def __init__(self, reply: Callable[[str], str]) -> None:
        self.reply = reply
        self.prompts: list[str] = []
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                prompt = body["messages"][-1]["content"]
                standin.prompts.append(prompt)
                payload = json.dumps(
                    {
                        "id": "chatcmpl-1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body["model"],
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": standin.reply(prompt)},
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> OpenAIStandIn:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietServer(ThreadingHTTPServer):
    # The default backlog of 5 resets connections when twenty chats are answered at once.
    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-poll at shutdown are expected


class BotAPIStandIn:
    """A small Telegram Bot API on 127.0.0.1: feeds scripted updates to getUpdates, records
    every call the bot makes, serves uploaded files, and can answer 429 to test flood control."""

    BOT: ClassVar[dict[str, Any]] = {
        "id": 4242,
        "is_bot": True,
        "first_name": "法治助手",
        "username": "fazhi_test_bot",
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.files: dict[str, bytes] = {}
        self.flood_next: int = 0  # answer this many sendMessage calls with 429 first
        self._updates: list[dict[str, Any]] = []
        self._update_id = 0
        self._message_id = 1000
        self._cond = threading.Condition()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real Bot API

            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:  # file downloads: /file/bot<token>/<path>
                path = self.path.split("/", 3)[-1]
                data = standin.files.get(path)
                self.send_response(200 if data is not None else 404)
                self.send_header("Content-Length", str(len(data or b"")))
                self.end_headers()
                self.wfile.write(data or b"")

            def do_POST(self) -> None:
                method = self.path.rsplit("/", 1)[-1]
                params = standin._parse(self.headers, self.rfile.read(int(self.headers.get("Content-Length", 0))))
                result = standin._handle(method, params)
                payload = json.dumps(result).encode()
                self.send_response(200 if result.get("ok") else result.get("error_code", 400))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- the HTTP side -------------------------------------------------------------------
    @staticmethod
    def _parse(headers: Any, body: bytes) -> dict[str, Any]:
        from email.parser import BytesParser
        from urllib.parse import parse_qsl

        content_type = headers.get("Content-Type", "")
        params: dict[str, Any] = {}
        if content_type.startswith("multipart/form-data"):
            message = BytesParser().parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
            parts: list[Any] = message.get_payload()  # type: ignore[assignment]
            for part in parts:
                name = str(part.get_param("name", header="content-disposition"))
                data: bytes = part.get_payload(decode=True)
                params[name] = data if part.get_filename() else data.decode()
        elif content_type.startswith("application/json"):
            params = json.loads(body or b"{}")
        else:
            params = dict(parse_qsl(body.decode()))
        for key, value in list(params.items()):
            if isinstance(value, str):
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(value)
        return params

    def _message(self, chat_id: int, **fields: Any) -> dict[str, Any]:
        self._message_id += 1
        return {
            "message_id": self._message_id,
            "date": 0,
            "from": self.BOT,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            **fields,
        }

    def _handle(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "getUpdates":
            with self._cond:
                self._cond.wait_for(lambda: bool(self._updates), timeout=min(float(params.get("timeout", 0)), 0.5))
                offset = int(params.get("offset", 0) or 0)
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                return {"ok": True, "result": list(self._updates)}
        with self._cond:
            self.calls.append((method, params))
            self._cond.notify_all()
        if method == "sendMessage" and self.flood_next > 0:
            self.flood_next -= 1
            return {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            }
        if method == "getMe":
            return {"ok": True, "result": self.BOT}
        if method in ("sendMessage", "editMessageText"):
            return {"ok": True, "result": self._message(int(params["chat_id"]), text=params["text"])}
        if method == "sendDocument":
            doc = {"file_id": "sent", "file_unique_id": "sent", "file_name": "f.md"}
            return {"ok": True, "result": self._message(int(params["chat_id"]), document=doc)}
        if method == "getFile":
            file_id = params["file_id"]
            return {
                "ok": True,
                "result": {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "file_size": len(self.files.get(file_id, b"")),
                    "file_path": file_id,
                },
            }
        return {"ok": True, "result": True}

    # --- the test side -------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/file/bot"

    def _push(self, update: dict[str, Any]) -> int:
        with self._cond:
            self._update_id += 1
            update["update_id"] = self._update_id
            self._updates.append(update)
            self._cond.notify_all()
        return self._update_id

    def send_text(self, user_id: int, text: str, chat_id: int | None = None, reply_to_bot: bool = False) -> None:
        chat_id = chat_id if chat_id is not None else user_id
        message: dict[str, Any] = {
            "message_id": self._update_id + 1,
            "date": 0,
            "text": text,
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group", "title": "复议科"},
            "from": {"id": user_id, "is_bot": False, "first_name": "员工"},
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if reply_to_bot:
            message["reply_to_message"] = self._message(chat_id, text="之前的回答")
        self._push({"message": message})

    def send_document(self, user_id: int, name: str, data: bytes, caption: str) -> None:
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = data
        self._push(
            {
                "message": {
                    "message_id": self._update_id + 1,
                    "date": 0,
                    "chat": {"id": user_id, "type": "private"},
                    "from": {"id": user_id, "is_bot": False, "first_name": "管理员"},
                    "caption": caption,
                    "caption_entities": [{"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}],
                    "document": {
                        "file_id": file_id,
                        "file_unique_id": file_id,
                        "file_name": name,
                        "file_size": len(data),
                    },
                }
            }
        )

    def press(self, user_id: int, data: str) -> None:
        self._push(
            {
                "callback_query": {
                    "id": f"cb{self._update_id}",
                    "from": {"id": user_id, "is_bot": False, "first_name": "员工"},
                    "chat_instance": "ci",
                    "data": data,
                    "message": self._message(user_id, text="回答"),
                }
            }
        )

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[dict[str, Any]]:
        with self._cond:
            return [p for m, p in self.calls if m == method and (chat_id is None or int(p["chat_id"]) == chat_id)]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 60) -> None:
        with self._cond:
            if not self._cond.wait_for(predicate, timeout=timeout):
                raise AssertionError(f"timed out; calls so far: {[m for m, _ in self.calls]}")

    def __enter__(self) -> BotAPIStandIn:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        with self._cond:
            self._cond.notify_all()
        self.server.shutdown()
        self.server.server_close()
