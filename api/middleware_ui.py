"""What the service does around every request for the people using it.

* The language: ``?lang=`` or ``Accept-Language`` picks Vietnamese (the
  default) or English; error messages go out in it (``Content-Language``
  says which), translated from the catalogue's message templates.
* Keys written percent-encoded: a client that encodes the "/" of a key
  (``/documents/82%2FKH-UBND%402025%40quang-ngai``) reaches the same document
  as one that writes it "~" (the decoded path would split the key in two).
* Reports as files: ``/documents/{key}/gaps|trace|implementers`` asked with
  ``?format=xlsx|docx|csv`` or an ``Accept`` of one of those types is answered
  by ``/reports/{kind}/{key}`` (:mod:`luocdo.api.routes_reports`).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode

from luocdo.api.routes_reports import ACCEPTED, ROUTE_KINDS
from luocdo.i18n import DEFAULT_LANG, negotiate, normalize, translate_message, use

_DOC_PATH = re.compile(r"^/documents/(?P<key>[^/]+)(?:/(?P<rest>[^/]+))?/?$")
_ENCODED_SLASH = re.compile(r"%2f", re.I)


def _encoded_key_path(raw: str) -> str | None:
    """``/documents/<key with %2F>[/rest]`` with the key's "/" written "~", decoded; else None."""
    if not raw.startswith("/documents/") or not _ENCODED_SLASH.search(raw):
        return None
    parts = raw.split("/")  # "", "documents", key, [rest]
    if len(parts) < 3 or not parts[2]:
        return None
    parts[2] = _ENCODED_SLASH.sub("~", parts[2])
    return "/".join(unquote(p) for p in parts)


def _wanted_format(query: dict[str, str], accept: str) -> str | None:
    fmt = query.get("format", "").lower()
    if fmt in ("xlsx", "docx", "csv"):
        return fmt
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in ACCEPTED:
            return ACCEPTED[media]
        if media in ("application/json", "*/*", "text/html"):
            return None
    return None


class UiMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        try:
            lang = normalize(query["lang"]) if query.get("lang") else negotiate(headers.get("accept-language"))
        except ValueError:
            lang = DEFAULT_LANG
        scope = dict(scope)
        scope["luocdo.lang"] = lang

        raw = scope.get("raw_path")
        raw_text = raw.decode("latin-1") if raw else scope["path"]
        fixed = _encoded_key_path(raw_text.split("?", 1)[0])
        if fixed is not None:
            scope["path"] = fixed
            scope["raw_path"] = fixed.encode("utf-8")
        m = _DOC_PATH.match(scope["path"]) if scope["method"] == "GET" else None
        if m and m.group("rest") in ROUTE_KINDS:
            fmt = _wanted_format(query, headers.get("accept", ""))
            if fmt is not None:
                query["format"] = fmt
                scope["path"] = f"/reports/{ROUTE_KINDS[m.group('rest')]}/{m.group('key')}"
                scope["raw_path"] = scope["path"].encode("utf-8")
                scope["query_string"] = urlencode(query).encode("latin-1")

        if lang == "en":
            await self.app(scope, receive, send)
            return

        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def send_translated(message) -> None:
            if message["type"] == "http.response.start":
                is_json = any(k.lower() == b"content-type" and v.startswith(b"application/json")
                              for k, v in message.get("headers", []))
                if message["status"] >= 400 and is_json:
                    start.update(message)  # hold it: the body's length will change
                    return
                message = {**message, "headers": [*message.get("headers", []), (b"content-language", lang.encode())]}
                await send(message)
                return
            if message["type"] == "http.response.body" and start:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = _translate_body(b"".join(chunks), lang)
                hdrs = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                hdrs += [(b"content-length", str(len(body)).encode()), (b"content-language", lang.encode())]
                await send({**start, "headers": hdrs})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        with use(lang):
            await self.app(scope, receive, send_translated)


def _translate_body(body: bytes, lang: str) -> bytes:
    try:
        data = json.loads(body)
    except ValueError:
        return body
    err = data.get("error") if isinstance(data, dict) else None
    if isinstance(err, dict) and isinstance(err.get("message"), str):
        err["message"] = translate_message(err["message"], lang)
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    return body
