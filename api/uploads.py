"""Upload handling: files saved under their hash, extracted, then applied all or nothing; and the
guard that checks the token and the size before a body is parsed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from luocdo.api.errors import ApiError, error_response
from luocdo.api.models import UploadedDocument, UploadResult
from luocdo.core.keys import url_key

if TYPE_CHECKING:
    from luocdo.api.service import Service


ASGIApp = Callable[[MutableMapping[str, Any], Callable, Callable], Awaitable[None]]

@dataclass(frozen=True)
class Saved:
    """One uploaded file on disk: its safe name, path, content hash and source id."""

    name: str
    path: Path
    sha: str
    source_id: str


@dataclass(frozen=True)
class Extracted:
    """A saved file read and extracted: its record and the delta that would write it."""

    saved: Saved
    record: Any
    delta: Any


@dataclass
class Extraction:
    """What extracting an upload gave: the files that worked, and the problems of the others."""

    done: list[Extracted] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    too_large: bool = False


def ingest_files(svc: Service, files: list[tuple[str, bytes]]) -> UploadResult:
    """Extract every file, then apply them all in one transaction, or nothing.

    This is :func:`luocdo.pipeline.ingest` made all-or-nothing (ingest
    applies the files that worked and lists the others).  Files are written
    to ``upload_dir/<sha256[:16]>/<name>``: the same bytes uploaded again
    are the same source (unchanged).  Once ingested they are removed unless
    ``LUOCDO_KEEP_UPLOADS=1`` keeps them (so that evidence points at a file
    that exists).  If any file cannot be read or extracted, the files this
    upload wrote are removed and the store is not touched; a file over a
    size limit (a decompression bomb) makes the answer 413.
    """
    with svc.write_lock:
        created: list[Path] = []
        wrote = [False]
        try:
            saved = save_files(svc.upload_dir, files, created)
            extraction = extract_saved(saved)
            refuse_failed(extraction, len(files))
            docs = apply_extracted(svc, extraction.done, wrote)
        except BaseException:
            _remove(created, svc.upload_dir)
            raise
        finally:
            if wrote[0]:
                svc.cache.invalidate()
        if not svc.keep_uploads:  # ingested: the graph keeps the path and spans, not the file
            _remove(created, svc.upload_dir)
        counts = {s: sum(1 for d in docs if d.status == s) for s in ("added", "replaced", "unchanged")}
        return UploadResult(documents=docs, stats=svc.store.stats(), **counts)


def save_files(upload_dir: Path, files: list[tuple[str, bytes]], created: list[Path]) -> list[Saved]:
    """Each file written under its hash (the paths this call wrote appended to ``created``);
    the same source twice in one upload is kept once."""
    from luocdo.pipeline import source_id_of

    saved: list[Saved] = []
    seen: set[str] = set()
    for i, (raw_name, data) in enumerate(files):
        name = _safe_name(raw_name, i)
        sha = hashlib.sha256(data).hexdigest()
        path = upload_dir / sha[:16] / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{name}.part")
            tmp.write_bytes(data)
            os.replace(tmp, path)
            created.append(path)
        sid = source_id_of(path)
        if sid not in seen:
            seen.add(sid)
            saved.append(Saved(name, path, sha, sid))
    return saved


def extract_saved(saved: list[Saved]) -> Extraction:
    """Read and extract every saved file; a file that fails is listed with its problem."""
    from luocdo.loaders.errors import LoadError, TooLarge
    from luocdo.pipeline import extract_file

    out = Extraction()
    for item in saved:
        try:
            rec, delta = extract_file(item.path)  # the same reading as `luocdo ingest`
        except LoadError as e:
            out.failed.append(f"{item.name}: {e.problem}")
            out.too_large = out.too_large or isinstance(e, TooLarge)
            continue
        except Exception as e:  # an extractor bug: name the file, change nothing
            out.failed.append(f"{item.name}: extraction failed: {type(e).__name__}: {e}")
            continue
        out.done.append(Extracted(item, rec, delta))
    return out


def refuse_failed(extraction: Extraction, total: int) -> None:
    """All or nothing: one file that failed refuses the whole upload (413 when over a size limit)."""
    if extraction.failed:
        too_large = extraction.too_large
        raise ApiError(413 if too_large else 422,
                       f"{len(extraction.failed)} of {total} file(s) could not be ingested"
                       f"{' (over a size limit)' if too_large else ''}; nothing was changed",
                       failed=extraction.failed)


def apply_extracted(svc: Service, done: list[Extracted], wrote: list[bool]) -> list[UploadedDocument]:
    """Write the files that changed in one transaction; say for each whether it was added,
    replaced or unchanged.  ``wrote[0]`` is set once the store may have changed."""
    from luocdo.pipeline import apply_indexed

    docs: list[UploadedDocument] = []
    deltas = []
    with svc.writer() as store:  # the file's write lock from here to the commit only
        for item in done:
            before = store.source_hash(item.saved.source_id)
            status: Literal["added", "replaced", "unchanged"]
            status = "unchanged" if before == item.saved.sha else ("replaced" if before else "added")
            if status != "unchanged":
                deltas.append(item.delta)
            docs.append(uploaded_document(item, status))
        if deltas:
            try:
                apply_indexed(store, deltas)
            finally:
                wrote[0] = True
    return docs


def uploaded_document(item: Extracted, status: Literal["added", "replaced", "unchanged"]) -> UploadedDocument:
    """What the answer says of one uploaded file."""
    d, rec, delta = item.record.document, item.record, item.delta
    return UploadedDocument(
        file=item.saved.name, status=status, key=delta.doc_key, url_key=url_key(delta.doc_key),
        type=d.type, number=d.number, symbol=d.symbol, display=d.label, date=d.date,
        title=d.title, issuer=d.issuer.name if d.issuer else None,
        references=len(rec.references), derived=len(rec.derived),
        assignments=len(rec.assignments), warnings=list(delta.warnings),
    )


def _safe_name(name: str | None, i: int) -> str:
    """The uploaded file's base name, without anything that could leave the folder."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*')[:200]
    return base or f"upload-{i}"


def _remove(paths: list[Path], root: Path) -> None:
    for p in paths:
        p.unlink(missing_ok=True)
        parent = p.parent
        if parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()


# --------------------------------------------------------------------------- upload guard


class UploadGuard:
    """Checks the token and the size of ``POST /documents`` before the body is parsed.

    FastAPI parses a multipart body before any dependency runs, so both checks
    live here: a request without a valid token or over the limit is answered
    without the app ever seeing it.  The body is read (and dropped, up to
    twice the limit) so that the client gets the answer, not a reset
    connection.
    """

    def __init__(self, app: ASGIApp, service: Service):
        self.app = app
        self.service = service

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != "/documents":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        limit = self.service.max_upload_bytes
        refusal = self.service.check_token(headers.get("authorization"))
        if refusal is None:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                refusal = self._too_large(int(declared))
        if refusal is not None:
            await _drain(receive, cap=limit * 2)
            await error_response(refusal.status, refusal.message, headers=refusal.headers)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                if message.get("more_body", False):
                    await _drain(receive, cap=limit * 2)
                err = self._too_large(None)
                await error_response(err.status, err.message)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self, size: int | None) -> ApiError:
        mb = self.service.max_upload_bytes / (1024 * 1024)
        got = f" ({size / (1024 * 1024):.1f} MB)" if size is not None else ""
        return ApiError(413, f"upload is over the {mb:g} MB limit{got}; nothing was changed "
                        "(the server's limit is LUOCDO_MAX_UPLOAD_MB)")


async def _drain(receive, cap: int) -> None:
    seen = 0
    while seen <= cap:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return
