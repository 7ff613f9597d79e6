"""Languages of the interface: Vietnamese by default, English on request.

Messages are written in English in the code (``_("has a plan")``) and
translated by gettext catalogues kept as ``.po`` files in
``luocdo/locale/<lang>/LC_MESSAGES/luocdo.po``.  The ``.po`` files are read
with Babel and compiled in memory on first use, so an installed package (or a
fresh checkout) needs no build step.  ``make messages`` re-extracts the
strings and updates the catalogues.

The language in force is a context variable: the CLI sets it from ``--lang``
or ``$LUOCDO_LANG``, the API from ``Accept-Language`` per request.  Dates in
Vietnamese output are dd/mm/yyyy.

Text read from documents goes to people through :func:`display_text`, the one
place where a restoration of OCR'd diacritics plugs in.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGS: tuple[str, ...] = ("vi", "en")
DEFAULT_LANG = "vi"
DOMAIN = "luocdo"

_current: ContextVar[str] = ContextVar("luocdo_lang", default=DEFAULT_LANG)


def N_(message: str) -> str:
    """Marks a string for extraction without translating it here (translated where shown)."""
    return message


# --------------------------------------------------------------------------- catalogues


def _po_path(lang: str):
    return resources.files("luocdo").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def catalog(lang: str):
    """The Babel catalogue of ``lang`` read from its .po file."""
    with _po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


@cache
def translations(lang: str) -> Translations:
    """gettext translations of ``lang``, compiled in memory from the .po file."""
    buf = io.BytesIO()
    write_mo(buf, catalog(lang))
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


def messages(lang: str) -> dict[str, str]:
    """Every translated message of ``lang`` (msgid → msgstr), for the viewer's script."""
    out: dict[str, str] = {}
    for m in catalog(lang):
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy:
            out[m.id] = m.string
    return out


# --------------------------------------------------------------------------- language in force


def normalize(lang: str | None) -> str:
    """'vi', 'vi_VN', 'en-US', 'EN' → 'vi' / 'en'; anything else is refused with its value."""
    raw = (lang or "").strip()
    if not raw:
        return DEFAULT_LANG
    base = re.split(r"[-_.@]", raw.lower(), maxsplit=1)[0]
    if base not in LANGS:
        raise ValueError(f"language {raw!r} is not available; use one of {', '.join(LANGS)}")
    return base


def current() -> str:
    return _current.get()


def set_lang(lang: str | None) -> str:
    """Set the language in force (for this context) and return it."""
    code = normalize(lang)
    _current.set(code)
    return code


@contextmanager
def use(lang: str | None) -> Iterator[str]:
    token = _current.set(normalize(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def from_env() -> str:
    """The language of ``$LUOCDO_LANG`` (Vietnamese when unset)."""
    return normalize(os.environ.get("LUOCDO_LANG"))


def negotiate(accept_language: str | None) -> str:
    """The best of :data:`LANGS` for an Accept-Language header (Vietnamese when none fits)."""
    if not accept_language:
        return DEFAULT_LANG
    prefs: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        if tag and q > 0:
            prefs.append((-q, i, tag.strip().replace("-", "_")))
    wanted = [t for _q, _i, t in sorted(prefs)]
    if "*" in wanted:
        wanted = [t for t in wanted if t != "*"] + [DEFAULT_LANG]
    try:
        best = Locale.negotiate(wanted, list(LANGS), sep="_")
    except (ValueError, UnknownLocaleError):
        best = None
    return str(best.language) if best is not None else DEFAULT_LANG


# --------------------------------------------------------------------------- translating


def gettext(message: str, lang: str | None = None) -> str:
    return translations(lang or current()).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    return translations(lang or current()).ngettext(singular, plural, n)


@cache
def _templates(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """Catalogue messages with {named} fields, as patterns over the English text."""
    out = []
    for m in catalog(lang):
        mid = m.id
        if not (isinstance(mid, str) and "{" in mid and m.string):
            continue
        parts = re.split(r"\{(\w+)\}", mid)
        rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        try:
            out.append((re.compile(rx + r"\Z", re.S), m.string))
        except re.error:  # the same field twice: such a template is only used by format()
            continue
    out.sort(key=lambda t: -len(t[0].pattern))  # the most specific first
    return out


def translate_message(message: str, lang: str | None = None) -> str:
    """An English message built from a catalogue template (``"no document matches {name}"``),
    in ``lang``; a message of no known template is returned as it is."""
    lang = lang or current()
    if lang == "en" or not message:
        return message
    direct = gettext(message, lang)
    if direct != message:
        return direct
    for rx, target in _templates(lang):
        m = rx.match(message)
        if m:
            return target.format(**m.groupdict())
    return message


def fmt_date(iso: str | None, lang: str | None = None) -> str:
    """An ISO date as people of ``lang`` write it: 17/04/2025 in Vietnamese, 2025-04-17 in English."""
    if not iso:
        return ""
    lang = lang or current()
    if lang != "vi":
        return iso
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return d.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------- domain terms

#: Gap statuses, as the offices say them.
STATUS_LABELS = {
    "has_plan": N_("has a plan"),
    "possible": N_("possible plan (not citing it)"),
    "reported_only": N_("reported only"),
    "no_plan": N_("no plan"),
}

#: Relations between documents.
RELATION_LABELS = {
    "IMPLEMENTS": N_("implements"),
    "BASED_ON": N_("based on"),
    "CITES": N_("cites"),
    "REPORTS_ON": N_("reports on"),
    "AMENDS": N_("amends"),
    "REPEALS": N_("repeals"),
    "ISSUED_BY": N_("issued by"),
    "ADDRESSED_TO": N_("addressed to"),
    "ASSIGNED_TO": N_("assigned to"),
    "PART_OF": N_("part of"),
}

#: Levels of the administration.
LEVEL_LABELS = {
    "central": N_("central level"),
    "party": N_("party body"),
    "ministry": N_("ministry / sector"),
    "province": N_("province"),
    "department": N_("department"),
    "commune": N_("commune"),
}

SCOPE_LABELS = {
    "recipients": N_("recipients"),
    "province": N_("province"),
    "national": N_("national"),
}


#: A document's standing, and how a later document acts on it (queries/show.py: standing).
STANDING_LABELS = {
    "in_force": N_("in force, as far as the graph knows"),
    "amended": N_("amended"),
    "repealed": N_("repealed"),
}
STANDING_HOW_LABELS = {
    "amends": N_("amended by"),
    "repeals": N_("repealed by"),
    "repeals_in_part": N_("repealed in part by"),
    "replaces": N_("replaced by"),
    "consolidates": N_("consolidated in"),
}


def standing_label(status: str, lang: str | None = None) -> str:
    return gettext(STANDING_LABELS.get(status, status), lang)


def standing_how_label(how: str, lang: str | None = None) -> str:
    return gettext(STANDING_HOW_LABELS.get(how, how), lang)


def status_label(status: str, lang: str | None = None) -> str:
    return gettext(STATUS_LABELS.get(status, status), lang)


def relation_label(relation: str | None, lang: str | None = None) -> str:
    rel = (relation or "").upper()
    return gettext(RELATION_LABELS[rel], lang) if rel in RELATION_LABELS else (relation or "")


def level_label(level: str | None, lang: str | None = None) -> str:
    return gettext(LEVEL_LABELS[level], lang) if level in LEVEL_LABELS else (level or "")


def scope_label(scope: str | None, lang: str | None = None) -> str:
    return gettext(SCOPE_LABELS[scope], lang) if scope in SCOPE_LABELS else (scope or "")


# --------------------------------------------------------------------------- document text


def display_text(text: str | None, restored: str | None = None) -> str:
    """Text read from a document, as shown to people.

    ``restored`` is the text with its diacritics restored (when a restoration
    was confident); it is shown instead of the OCR'd text, which stays the
    evidence.  Every title, subject and evidence sentence shown in tables,
    reports and the viewer goes through here.
    """
    shown = restored if restored else text
    return " ".join((shown or "").split())
