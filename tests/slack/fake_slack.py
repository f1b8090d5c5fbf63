"""A fake Slack Web API on 127.0.0.1 (port 0) that records every call.

Modelled on bolt-python's mock_web_api_server: it answers the methods the adapter uses
with just enough state (DM channels and their history, users, installs) to be believed,
records method, params and token of every call, and can be told to fail the next N calls
to a method with 429 + Retry-After or a 5xx.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass
class Failure:
    status: int
    error: str
    retry_after: int | None = None


@dataclass
class FakeSlack:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    responses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[str, list[Failure]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, str] = field(default_factory=dict)
    #: Which workspace auth.test says a token belongs to (default T1).
    token_teams: dict[str, str] = field(default_factory=dict)
    base: str = ""
    _ts: int = 1_700_000_000

    # --- what tests use ----------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def fail_next(self, method: str, times: int = 1, status: int = 429,
                  error: str = "ratelimited", retry_after: int | None = None) -> None:
        self.failures[method] += [Failure(status, error, retry_after)] * times

    def error_for(self, method: str, error: str) -> None:
        """Answer ``{"ok": false, "error": error}`` (HTTP 200) to every call of method."""
        self.errors[method] = error

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def last(self, method: str) -> Call:
        found = self.called(method)
        assert found, f"{method} was never called; calls: {[c.method for c in self.calls]}"
        return found[-1]

    def reset(self) -> None:
        self.calls.clear()
        self.responses.clear()

    # --- server ------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/respond/{key}", self._respond)
        return app

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update(dict(await request.post()))
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or params.get("token")
        self.calls.append(Call(method, params, token))
        if self.failures[method]:
            f = self.failures[method].pop(0)
            headers = {"Retry-After": str(f.retry_after)} if f.retry_after is not None else {}
            return web.json_response({"ok": False, "error": f.error}, status=f.status,
                                     headers=headers)
        if method in self.errors:
            return web.json_response({"ok": False, "error": self.errors[method]})
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        body = handler(params, token) if handler else {}
        return web.json_response({"ok": True, **body})

    async def _upload(self, request: web.Request) -> web.Response:
        await request.read()
        self.calls.append(Call("upload", {"file_id": request.match_info["file_id"]}, None))
        return web.Response(text="OK")

    async def _respond(self, request: web.Request) -> web.Response:
        self.responses.append((request.match_info["key"], await request.json()))
        return web.Response(text="ok")

    # --- methods -----------------------------------------------------------------

    def _next_ts(self) -> str:
        self._ts += 1
        return f"{self._ts}.000100"

    def _auth_test(self, params: dict, token: str | None) -> dict:
        team = self.token_teams.get(token or "", "T1")
        return {"team_id": team, "user_id": "UBOT", "bot_id": "BBOT", "url": "https://x/"}

    def _users_info(self, params: dict, token: str | None) -> dict:
        uid = params["user"]
        user = self.users.get(uid, {})
        return {"user": {"id": uid, "team_id": user.get("team", "T1"),
                         "name": user.get("name", uid.lower()),
                         "tz": user.get("tz"), "is_bot": bool(user.get("is_bot")),
                         "profile": {"display_name": user.get("name", ""), "real_name": ""}}}

    def _conversations_open(self, params: dict, token: str | None) -> dict:
        return {"channel": {"id": "D" + str(params["users"])}}

    def _chat_postMessage(self, params: dict, token: str | None) -> dict:
        ts = self._next_ts()
        message = {"ts": ts, "text": params.get("text"), "blocks": params.get("blocks")}
        if "metadata" in params:
            meta = params["metadata"]
            message["metadata"] = json.loads(meta) if isinstance(meta, str) else meta
        self.history[params["channel"]].insert(0, message)
        return {"channel": params["channel"], "ts": ts, "message": message}

    def _conversations_history(self, params: dict, token: str | None) -> dict:
        messages = self.history.get(params["channel"], [])
        limit = int(params.get("limit", 100))
        start = int(params.get("cursor") or 0)
        page = messages[start:start + limit]
        more = start + limit < len(messages)
        return {"messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def _chat_getPermalink(self, params: dict, token: str | None) -> dict:
        return {"permalink": f"https://example.slack.com/archives/{params['channel']}/"
                             f"p{params['message_ts'].replace('.', '')}"}

    def _files_getUploadURLExternal(self, params: dict, token: str | None) -> dict:
        return {"upload_url": f"{self.base}/upload/F1", "file_id": "F1"}

    def _files_completeUploadExternal(self, params: dict, token: str | None) -> dict:
        return {"files": [{"id": "F1", "title": "export"}]}

    def _views_open(self, params: dict, token: str | None) -> dict:
        return {"view": {"id": "V1"}}

    def _views_publish(self, params: dict, token: str | None) -> dict:
        return {"view": {"id": "VHOME"}}

    def _oauth_v2_access(self, params: dict, token: str | None) -> dict:
        return {"app_id": "A1", "authed_user": {"id": "U1"}, "scope": "commands,chat:write",
                "token_type": "bot", "access_token": "xoxb-test-t9", "bot_user_id": "UBOT",
                "team": {"id": "T9", "name": "Nine"}, "enterprise": None,
                "is_enterprise_install": False}
