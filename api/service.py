"""What the routes share: the store, the token, the upload settings, the answer cache."""

import hmac
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import Response

from luocdo.api.cache import AnswerCache
from luocdo.api.cypher_pool import CypherRunner
from luocdo.api.errors import ApiError
from luocdo.api.models import UploadResult
from luocdo.api.settings import ApiSettings
from luocdo.api.settings import load as load_settings
from luocdo.graph.store import Store, StoreError


class Service:
    """What the routes share: the store, the token, the upload settings, the cache."""

    def __init__(self, store: Store, *, token: str | None, max_upload_bytes: int, upload_dir: Path,
                 owns_store: bool, cache_ttl: float | None, settings: ApiSettings | None = None):
        settings = settings or load_settings()
        self.store = store
        self.token = token or None
        self.max_upload_bytes = max_upload_bytes
        self.upload_dir = upload_dir
        self.owns_store = owns_store
        self.cache = AnswerCache(cache_ttl, slots=settings.query_slots)
        self.cypher = CypherRunner(store, max_bytes=settings.cypher_max_bytes, settings=settings)
        self.write_lock = threading.Lock()
        self.keep_uploads = settings.KEEP_UPLOADS
        self._file_state: tuple | None = None
        self._page: str | None = None

    def ingest_files(self, files: list[tuple[str, bytes]]) -> UploadResult:
        """Ingest an upload all or nothing (:func:`luocdo.api.uploads.ingest_files`)."""
        from luocdo.api.uploads import ingest_files

        return ingest_files(self, files)

    async def answer(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Response:
        """``fn(store, *args, **kwargs)`` as a JSON response, from the cache when it can."""
        key = (name, args, tuple(sorted(kwargs.items())))
        now = self.store.file_state()
        # another process (luocdo ingest) may write to a file served read-only
        if now is not None and now != self._file_state:
            if self._file_state is not None:
                self.cache.invalidate()
            self._file_state = now
        body = await self.cache.get(key, lambda: fn(self.store, *args, **kwargs))
        return Response(body, media_type="application/json")

    # -- token -------------------------------------------------------------

    def check_token(self, authorization: str | None) -> ApiError | None:
        """None when the request may upload, else the error to answer with."""
        if self.token is None:
            return ApiError(403, "uploads are disabled on this server: start it with LUOCDO_API_TOKEN set")
        challenge = {"WWW-Authenticate": "Bearer"}
        if not authorization:
            return ApiError(401, "missing bearer token (header 'Authorization: Bearer <token>')",
                            headers=challenge)
        scheme, _, value = authorization.strip().partition(" ")
        value = value.strip()
        if scheme.lower() != "bearer" or not value or " " in value:
            return ApiError(401, "malformed Authorization header: expected 'Bearer <token>'",
                            headers=challenge)
        if not hmac.compare_digest(value.encode(), self.token.encode()):
            return ApiError(403, "wrong bearer token")
        return None

    # -- viewer ------------------------------------------------------------

    def page(self) -> str:
        if self._page is None:
            try:
                from luocdo.viz.page import service_page
            except ImportError:
                return _PLACEHOLDER_PAGE
            self._page = service_page()
        return self._page

    # -- upload ------------------------------------------------------------

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The store to write an upload with: on a LadybugDB file served read-only, a writable open
        held only while the upload is applied (so ``luocdo ingest`` can write between uploads)."""
        st = self.store
        if st.dialect != "ladybug" or not st.read_only:
            yield st
            return
        from luocdo.graph.ladybug_store import LadybugStore

        try:
            assert st.path is not None  # a LadybugDB store always has its file
            w = LadybugStore(st.path)
        except StoreError as e:
            raise ApiError(503, f"the store cannot be written now: {e}; nothing was changed",
                           headers={"Retry-After": "5"}) from e
        try:
            yield w
        finally:
            w.close()


_PLACEHOLDER_PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>luocdo</title></head>
<body><h1>luocdo</h1>
<p>The graph viewer is not installed yet. The API is described at <a href="/docs">/docs</a>
(<a href="/openapi.json">openapi.json</a>).</p></body></html>
"""
