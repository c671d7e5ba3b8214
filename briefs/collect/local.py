"""Articles from local files and standard input (`.txt`, `.md`, `.html`).

Title rule (INTERFACE.md): in a `.txt`/`.md` file the first line is the title when it is
short and followed by a blank line; otherwise the title is made from the text. Chrome lines
(a scrape date, a breadcrumb) are dropped *before* the rule is applied, because scrapers put
them above the headline.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from briefs.collect.clean import clean_text, clean_title, drop_chrome_lines
from briefs.collect.extract import extract_page, guess_language
from briefs.models import ArticleDraft
from briefs.stories.dedupe import content_hash

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

MAX_TITLE_CHARS = 200  # counted after the site name is removed
MAX_TITLE_WORDS = 25
MAX_SENTENCE_TITLE_WORDS = 12  # a longer first line ending in a full stop is a lead sentence
MAX_FILE_BYTES = 20_000_000  # a local file is trusted, but not unbounded

# "Hong Kong (CNN) — " / "WASHINGTON (Reuters) - " dateline before the lead sentence.
_DATELINE = re.compile(r"^[A-Z][\w .,'’-]{0,60}\([A-Za-z .&]{1,40}\)\s*[—–-]+\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“‘(])")


class LocalSourceError(ValueError):
    """A local path that cannot be read as an article."""


def iter_local_sources(path: Path) -> list[Path]:
    """The readable article files under `path` (itself if it is one), sorted, hidden skipped."""
    path = Path(path)
    if path.is_file():
        return [path] if path.suffix.lower() in SUPPORTED_SUFFIXES else []
    if not path.is_dir():
        raise LocalSourceError(f"no such file or folder: {path}")
    found = [
        p for p in path.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    ]
    return sorted(found)


def read_local_article(path: Path) -> ArticleDraft:
    """One local file as an article; its `url` is the file's `file://` URL."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LocalSourceError(f"unsupported file type {suffix or '(none)'}: {path.name}")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LocalSourceError(f"too large: over {MAX_FILE_BYTES} bytes: {path.name}")
        raw = path.read_bytes()
    except OSError as exc:
        raise LocalSourceError(f"cannot read {path}: {exc.strerror}") from None
    url = path.resolve().as_uri()
    if suffix in HTML_SUFFIXES:
        return draft_from_html(raw, url, name=path.name, source=url)
    text = decode_text(raw)
    if suffix in (".md", ".markdown"):
        text = strip_markdown(text)
    return draft_from_text(text, path.name, url=url)


def decode_text(raw: bytes) -> str:
    """Bytes of a text file in any encoding: BOM, then UTF-8, then detection."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("latin-1")


_MD_RULES = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: keep the words
    (re.compile(r"^[ \t]{0,3}(?:#{2,6}[ \t]+|>[ \t]?)", re.M), ""),  # sub-headings, block quotes
    (re.compile(r"\*\*(.+?)\*\*|__(.+?)__"), r"\1\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # *italics*
    (re.compile(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)"), r"\1"),  # _italics_
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
]


def strip_markdown(text: str) -> str:
    """Markdown markup out, words kept (quotes and figures must read as in the source).

    The first line's "# " stays: it marks the title for `split_title`.
    """
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head


def draft_from_text(text: str, name: str, url: str | None = None) -> ArticleDraft:
    """An article from plain text (or HTML, detected) read from a file or stdin.

    `name` is shown when nothing better exists; `url` defaults to ``stdin:NAME``.
    """
    url = url or f"stdin:{name}"
    if looks_like_html(text):
        return draft_from_html(text, url, name=name, source=url)
    title, body = split_title(drop_chrome_lines(text))
    clean = clean_text(body)
    if not clean:
        raise LocalSourceError(f"no article text in {name}")
    return ArticleDraft(
        url=url, title=title or title_from_text(clean) or name, text=clean, urls=(url,),
        language=guess_language(clean), source=url, content_hash=content_hash(clean),
        published=text_date(text),
    )


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY_MONTH_YEAR = rf"(?:(\d{{1,2}})\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}})),?\s+(\d{{4}})"
# A labelled date ("Published 10:03 AM EDT, Mon March 20, 2023", "Updated: 20 March 2023") or
# a dateline ("MOSCOW, March 20, 2023 (Reuters) -"). A bare date line above the headline is
# what scrapers add (the day of the scrape) and is not taken.
_LABELLED = re.compile(rf"^\s*(?:published|posted|updated|first published|date)\b[^\n]{{0,40}}?{_DAY_MONTH_YEAR}",
                       re.I | re.M)
_DATELINE_DATE = re.compile(rf"^[A-Z][A-Za-z .'’-]{{1,40}},\s+{_DAY_MONTH_YEAR}\s*(?:\([^)]{{1,40}}\))?\s*[—–-]",
                            re.M)


def text_date(text: str) -> datetime | None:
    """The story's date stated in a plain-text article (labelled, or in its dateline)."""
    head = text[:3000]
    for pattern in (_LABELLED, _DATELINE_DATE):
        match = pattern.search(head)
        if match:
            day = match.group(1) or match.group(4)
            month = match.group(2) or match.group(3)
            moment = _date(int(day), month, int(match.group(5)))
            if moment is not None:
                return moment
    return None


def _date(day: int, month: str, year: int) -> datetime | None:
    number = next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(month.lower().rstrip(".")[:3])), None)
    try:
        return datetime(year, number, day, tzinfo=timezone.utc) if number else None
    except ValueError:
        return None


def draft_from_html(html: str | bytes, url: str, *, name: str, source: str | None = None) -> ArticleDraft:
    page = extract_page(html, None if url.startswith(("file:", "stdin:")) else url)
    if page is None:
        raise LocalSourceError(f"no article text in {name}")
    return ArticleDraft(
        url=url, title=page.title or title_from_text(page.text) or name, text=page.text,
        urls=(url,), author=page.author, published=page.published, language=page.language,
        source=source or url, content_hash=content_hash(page.text),
    )


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first line is the title when short and followed by a blank line."""
    lines = text.strip("\n").split("\n")
    if len(lines) >= 3 and not lines[1].strip():
        title = clean_title(re.sub(r"^\s*#+\s*", "", lines[0]))  # maybe a Markdown heading
        if _is_short(title):
            return title, "\n".join(lines[2:])
    return None, text


def _is_short(line: str) -> bool:
    line = line.strip()
    n_words = len(line.split())
    if line.endswith(".") and n_words > MAX_SENTENCE_TITLE_WORDS:
        return False
    return bool(line) and len(line) <= MAX_TITLE_CHARS and n_words <= MAX_TITLE_WORDS


def title_from_text(text: str, max_words: int = 14) -> str:
    """A title made from the text: its first sentence, shortened at a word boundary."""
    first = text.strip().split("\n", 1)[0]
    first = _DATELINE.sub("", first)
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    tokens = sentence.split()
    if len(tokens) <= max_words:
        return sentence.rstrip(".")
    return " ".join(tokens[:max_words]).rstrip(",;:—–-") + "…"
