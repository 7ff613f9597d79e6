"""Load a file (TXT, DOCX, PDF, image) into one normalised text with provenance.

Whatever the format, the result is NFC text with "\\n" line ends, so patterns
and keys see one spelling of "Nghị quyết" whether the file had it composed,
decomposed (NFD) or in Windows-1258 with combining tone marks.  Normalising
changes lengths, so :meth:`Text.original_offset` maps an offset in the text
back to the decoded string (before NFC and newline changes) for provenance.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from luocdo.loaders import formats
from luocdo.loaders.errors import LoadError

__all__ = [
    "DEFAULT_MAX_MB",
    "SUPPORTED_SUFFIXES",
    "LoadError",
    "Text",
    "iter_files",
    "load",
    "load_string",
]

DEFAULT_MAX_MB = 50
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(formats.READERS)

_HINTS = {
    ".doc": "old Word .doc files are not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx",
    ".odt": "ODT is not supported; save it as .docx",
}


# --------------------------------------------------------------------------- offset maps


class _OffsetMap:
    """Map offsets of a normalised string back to the string it was made from.

    Anchors ``(new[k], old[k])`` start runs where offsets advance together;
    inside a run that replaced a cluster (``"e\\u0301"`` → ``"é"``) offsets are
    clamped to the cluster, so every cluster start maps to the original
    cluster start and every span between cluster boundaries maps exactly.
    """

    __slots__ = ("_new", "_old", "new_len", "old_len")

    def __init__(self, new: array, old: array, new_len: int, old_len: int):
        self._new, self._old = new, old
        self.new_len, self.old_len = new_len, old_len

    def __call__(self, i: int) -> int:
        k = bisect_right(self._new, i) - 1
        j = self._old[k] + (i - self._new[k])
        if k + 1 < len(self._new):
            return min(j, self._old[k + 1] - 1)
        return min(j, self.old_len)


class _MapBuilder:
    def __init__(self) -> None:
        self.new = array("q", [0])
        self.old = array("q", [0])

    def add(self, new: int, old: int) -> None:
        """Start a run at (new, old) unless it just continues the previous run."""
        if old - new == self.old[-1] - self.new[-1]:
            return
        if new == self.new[-1]:
            self.old[-1] = old
            return
        self.new.append(new)
        self.old.append(old)

    def finish(self, new_len: int, old_len: int) -> _OffsetMap | None:
        if len(self.new) == 1:
            return None
        return _OffsetMap(self.new, self.old, new_len, old_len)


def _newlines(s: str) -> tuple[str, _OffsetMap | None]:
    """CRLF and lone CR to LF."""
    if "\r" not in s:
        return s, None
    builder = _MapBuilder()
    for k, m in enumerate(re.finditer("\r\n", s)):
        p = m.start()
        builder.add(p - k + 1, p + 2)  # the "\n" stands for "\r\n"; resume after it
    out = s.replace("\r\n", "\n").replace("\r", "\n")
    return out, builder.finish(len(out), len(s))


# A character outside ASCII, with the ASCII character before it: NFC never
# joins across the start of an ASCII character, so only these runs can change.
_NON_ASCII_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def _clusters(seg: str) -> list[str]:
    """Split before every starter (combining class 0)."""
    parts: list[str] = []
    start = 0
    for i in range(1, len(seg)):
        if unicodedata.combining(seg[i]) == 0:
            parts.append(seg[start:i])
            start = i
    parts.append(seg[start:])
    return parts


def _join_composing(clusters: list[str]) -> list[str]:
    """Join neighbouring clusters that NFC composes together (Hangul jamo, some
    Indic vowel signs), so that one such pair does not blur a whole run."""
    nfc = unicodedata.normalize
    groups: list[str] = []
    for c in clusters:
        if groups and nfc("NFC", groups[-1] + c) != nfc("NFC", groups[-1]) + nfc("NFC", c):
            groups[-1] += c
        else:
            groups.append(c)
    return groups


def _nfc(s: str) -> tuple[str, _OffsetMap | None]:
    if unicodedata.is_normalized("NFC", s):
        return s, None
    builder = _MapBuilder()
    out: list[str] = []
    prev = 0  # end of the last copied part of s
    pos = 0  # length of the output so far
    for m in _NON_ASCII_RUN.finditer(s):
        seg = m.group()
        norm = unicodedata.normalize("NFC", seg)
        if norm == seg:
            continue
        start, end = m.span()
        out.append(s[prev:start])
        pos += start - prev
        pieces = _clusters(seg)
        parts = [unicodedata.normalize("NFC", c) for c in pieces]
        if "".join(parts) != norm:  # rare: a composition across starters
            pieces = _join_composing(pieces)
            parts = [unicodedata.normalize("NFC", c) for c in pieces]
        if "".join(parts) == norm:
            old = start
            for cluster, part in zip(pieces, parts, strict=True):
                builder.add(pos, old)
                pos += len(part)
                old += len(cluster)
                builder.add(pos, old)
        else:  # should not happen; keep the offsets right at the run's ends
            builder.add(pos, start)
            pos += len(norm)
            builder.add(pos, end)
        out.append(norm)
        prev = end
    out.append(s[prev:])
    text = "".join(out)
    return text, builder.finish(len(text), len(s))


def _normalise(decoded: str) -> tuple[str, tuple[_OffsetMap, ...]]:
    """NFC + LF line ends, with the maps to undo them (text side first)."""
    s1, nl_map = _newlines(decoded)
    s2, nfc_map = _nfc(s1)
    maps = tuple(m for m in (nfc_map, nl_map) if m is not None)
    return s2, maps


# --------------------------------------------------------------------------- Text


@dataclass(frozen=True)
class Text:
    """Normalised text of one source, with where it came from and how it was read."""

    text: str  # NFC-normalised, "\n" line ends; PDF pages separated by "\n\f\n"
    source: str  # the path as given, or "<string>"
    sha256: str  # of the file's raw bytes (of the UTF-8 text for load_string)
    loader: str  # "txt" | "docx" | "pdf" | "pdf+ocr" | "image+ocr" | "string"
    ocr: bool = False  # True if any part came from OCR
    encoding: str | None = None  # txt only: "utf-8", "utf-8-sig", "utf-16[-le|-be]", "cp1258"
    _maps: tuple[_OffsetMap, ...] = field(default=(), repr=False, compare=False)

    def original_offset(self, i: int) -> int:
        """Offset in the decoded string (before NFC/newline changes) of offset ``i`` in text.

        ``i`` may be ``len(text)``.  A span whose ends fall on character-cluster
        boundaries (e.g. word boundaries) maps to exactly the original span.
        """
        if not 0 <= i <= len(self.text):
            raise IndexError(f"offset {i} is outside the text (0..{len(self.text)})")
        for m in self._maps:
            i = m(i)
        return i

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """``(original_offset(start), original_offset(end))``."""
        return self.original_offset(start), self.original_offset(end)


def load_string(text: str, source: str = "<string>") -> Text:
    """Normalise text already in memory (tests, API uploads of pasted text)."""
    raw = text.encode("utf-8", "surrogatepass")
    norm, maps = _normalise(text)
    return Text(norm, source, hashlib.sha256(raw).hexdigest(), "string", _maps=maps)


def _limit(source: str, max_bytes: int | None) -> int:
    if max_bytes is not None:
        return max_bytes
    raw = os.environ.get("LUOCDO_MAX_FILE_MB", "").strip()
    if not raw:
        return DEFAULT_MAX_MB * 1024 * 1024
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not mb > 0:
        raise LoadError(source, f"LUOCDO_MAX_FILE_MB must be a positive number of MB, not {raw!r}")
    return int(mb * 1024 * 1024)


def _mb(n: float) -> str:
    """Human size: "200 MB", "4.9 KB", "812 bytes"."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.4g} MB"
    if n >= 1024:
        return f"{n / 1024:.4g} KB"
    return f"{int(n)} bytes"


def _stat(p: Path, source: str) -> os.stat_result:
    """The file's status, once it is known to be a regular file."""
    try:
        st = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise LoadError(source, "no such file") from None
    except PermissionError:
        raise LoadError(source, "permission denied (cannot reach the file)") from None
    except OSError as exc:
        raise LoadError(source, f"cannot open the file ({exc.strerror or exc})") from None
    except ValueError:  # e.g. a NUL byte in the path
        raise LoadError(source, "not a valid file path") from None
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(source, "is a folder, not a file (use iter_files to walk folders)")
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(source, "is not a regular file")
    return st


def _read(p: Path, source: str, limit: int) -> bytes:
    """The file's bytes, at most ``limit`` of them (the file may have grown since stat)."""
    try:
        with open(p, "rb") as f:
            data = f.read(limit + 1)
    except PermissionError:
        raise LoadError(source, "permission denied") from None
    except OSError as exc:
        raise LoadError(source, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise LoadError(source, f"file is over the {_mb(limit)} limit")
    if not data:
        raise LoadError(source, "file is empty")
    return data


def load(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Text:
    """Read one file into a :class:`Text`; every problem is a :class:`LoadError`.

    ``max_bytes`` defaults to ``LUOCDO_MAX_FILE_MB`` (50 MB); the size is
    checked with ``stat`` before anything is read.
    """
    source = os.fspath(path)
    limit = _limit(source, max_bytes)
    p = Path(source)
    st = _stat(p, source)
    suffix = p.suffix.lower()
    reader = formats.READERS.get(suffix)
    if reader is None:
        hint = _HINTS.get(suffix) or (
            f"unsupported file type {suffix or '(no suffix)'!r}; "
            f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
        raise LoadError(source, hint)
    if st.st_size > limit:
        raise LoadError(
            source,
            f"file is {_mb(st.st_size)}, over the {_mb(limit)} limit "
            "(raise it with LUOCDO_MAX_FILE_MB)",
        )
    if st.st_size == 0:
        raise LoadError(source, "file is empty")
    data = _read(p, source, limit)
    decoded = reader(data, source)
    text, maps = _normalise(decoded.text)
    if not text.strip():
        raise LoadError(source, "file has no text (only white space)")
    return Text(
        text=text,
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        loader=decoded.loader,
        ocr=decoded.ocr,
        encoding=decoded.encoding,
        _maps=maps,
    )


# --------------------------------------------------------------------------- folders


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$")  # "~$x.docx": Word's lock file


def _walk_sorted(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder`` in sorted path order, one directory listing at a time.

    The order is that of sorting every path (``Path`` compares part by part),
    without holding a million paths to sort them; links to folders are not
    followed (no loops), hidden files and folders are skipped.
    """
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if _hidden(e.name):
            continue
        try:
            is_dir = e.is_dir()
        except OSError:
            continue
        if is_dir:
            if not e.is_symlink():
                yield from _walk_sorted(Path(e.path))
        elif Path(e.name).suffix.lower() in SUPPORTED_SUFFIXES:
            yield Path(e.path)


def _identity(p: Path) -> int | str:
    """The same file whatever path reaches it (device and inode; the resolved path if it cannot be read)."""
    try:
        st = p.stat()
    except OSError:
        return str(p.resolve())
    return (st.st_dev << 64) | st.st_ino


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files to load from files and folders (walked recursively, streamed), each once.

    Folders yield only supported suffixes, sorted, skipping hidden folders and
    files.  A file named explicitly is yielded whatever its suffix, so that
    :func:`load` can say why it cannot be read instead of it vanishing.  A
    path that does not exist raises :class:`LoadError`.  What is kept per file
    is one integer (to yield each file once), so a million-file corpus costs
    tens of megabytes, not its list of paths.
    """
    seen: set[int | str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            candidates: Iterable[Path] = _walk_sorted(p)
        elif p.exists() or p.is_symlink():
            candidates = [p]
        else:
            raise LoadError(os.fspath(given), "no such file or folder")
        for c in candidates:
            key = _identity(c)
            if key not in seen:
                seen.add(key)
                yield c
