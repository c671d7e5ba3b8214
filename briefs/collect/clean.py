"""Clean scraped text and titles: page chrome and boilerplate out, the story in.

Scrapers and extractors deliver the article with pieces of the page around it: share and
subscribe prompts, "Advertisement" markers, "Source link", breadcrumbs, the date the page
was scraped. The rules here are general line patterns (a short line that is *only* chrome),
never the removal of words inside real sentences, so a paragraph that merely mentions
"subscribe" survives.
"""

from __future__ import annotations

import re

# A line is chrome when it matches one of these as a whole (case-insensitive). They are
# anchored and short on purpose: long lines are prose and are never dropped by a pattern.
_CHROME_LINE = re.compile(
    r"""^(?:
        [-–—*•|\s]*(?:advertis(?:e)?ments?|advertisment|sponsored(?:\s+content)?|ad|ads|promoted
                     |story\s+continues\s+below(?:\s+advertisement)?
                     |scroll\s+to\s+continue(?:\s+with\s+content)?)[-–—*•|\s]*
      | source\s+link
      | (?:leave|post|add|write)\s+an?\s+(?:comment|reply)s?
      | \d*\s*comments?
      | (?:view|show|load|see)\s+(?:all\s+|more\s+)?comments?.*
      | (?:read|see|view|watch|click\s+here\s+to\s+read)\s+(?:more|also|next|the\s+full\s+(?:story|article))\b.{0,80}
      | continue\s+reading.{0,40}
      | related(?:\s+(?:articles?|stories|posts?|coverage|content|topics))?:?
      | (?:more|top|latest|trending)\s+(?:stories|news|from\s+.{1,40}|headlines)\s*:?
      | (?:share|tweet|pin|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|reddit|x)
          (?:\s*(?:this|on|via|to|article|story|post|page|link|[|/,•·]|
              facebook|twitter|linkedin|whatsapp|email|reddit|x))*\s*:?
      | (?:sign\s+up|subscribe|join|register)\b.{0,80}(?:newsletter|inbox|updates|free|today|now|here)\.?!?
      | (?:subscribe|sign\s+up|log\s*in|sign\s+in|register)(?:\s+(?:now|today|here|for\s+free))?[.!]?
      | (?:get|receive)\s+(?:our|the)\s+(?:latest\s+)?(?:newsletter|headlines|news).{0,60}
      | (?:we|this\s+(?:site|website))\s+uses?\s+cookies\b.{0,200}
      | .{0,80}\b(?:accept|manage|reject)\s+(?:all\s+)?cookies\b.{0,80}
      | cookie\s+(?:policy|settings|preferences|consent)
      | (?:all\s+rights\s+reserved|copyright\b|\(copyright\b|\(c\)|©).{0,300}
      | (?:photo|image|video|getty\s+images|file\s+photo)(?:\s*:\s*.{0,60})?
      | (?:image|media)\s+(?:source|caption)\b.{0,80}
      | by\s+(?-i:[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|al|and|&)){0,4})
        (?:\s*[,|]\s*(?-i:[A-Z][\w .'’&-]{1,40}))?
      | (?:follow\s+us|like\s+us)\b.{0,60}
      | (?:back\s+to\s+top|skip\s+to\s+(?:main\s+)?content|jump\s+to\s+comments?)
      | (?:previous|next)\s+(?:article|post|story)\b.{0,120}
      | (?:tags?|filed\s+under|categories|topics)\s*:.{0,200}
      | (?:updated|published|posted)(?:\s+on)?\s*:?\s*$
      | (?:last\s+)?(?:updated|published|posted)\b[\w\s,.:/-]{0,60}\b(?:19|20)\d\d\b[\w\s,.:/-]{0,20}
      | you\s+(?:may|might)\s+also\s+like:?
      | recommended(?:\s+for\s+you)?:?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_DATE = (
    rf"(?:{_WEEKDAY}\s*)?(?:"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # April 19, 2024
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"  # 19 April 2024
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"  # 04/19/2024
    rf"){_TIME}"
)
# A line that is nothing but a date (with an optional "Updated"/"Published" label): page
# chrome, usually the day the page was scraped rather than the story's date.
_DATE_LINE = re.compile(rf"^\s*(?:(?:updated|published|posted|last\s+updated)\s*:?\s*)?{_DATE}\s*$",
                        re.IGNORECASE)
_DATE_AT_EDGE = re.compile(rf"^\s*{_DATE}\s*[-–—|:·]*\s*|\s*[-–—|:·]*\s*{_DATE}\s*$", re.IGNORECASE)

# "Home › World › ...", "Home > News", or the run-together "HomeWorldChina's Xi ..."
_BREADCRUMB = re.compile(r"^\s*(?:[Hh]ome|HOME)\s*(?:[›>»/|:]|(?=[A-Z][a-z]+[A-Z]))")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*[›»>]\s*|\s+/\s+")

# A line of one or two all-capital words at the head of a text ("CNN", "AP", "BBC NEWS"):
# a site or agency label, not a sentence.
_LABEL_LINE = re.compile(r"^\s*[A-Z][A-Z0-9&.]{1,10}(?:\s+[A-Z][A-Z0-9&.]{1,10})?\s*$")
_MAX_CHROME_WORDS = 40  # chrome patterns never apply to lines longer than this


def is_chrome_line(line: str) -> bool:
    """True when the whole line is page chrome (share prompts, ad markers, dates, ...)."""
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped.split()) > _MAX_CHROME_WORDS:
        return False
    if _DATE_LINE.match(stripped) or _is_breadcrumb(stripped):
        return True
    return bool(_CHROME_LINE.match(stripped))


def _is_breadcrumb(line: str) -> bool:
    # A real sentence starting with "Home" ("Home prices rose ...") has no separator and
    # no run-together capitals right after the word, so it does not match.
    return bool(_BREADCRUMB.match(line))


def drop_chrome_lines(text: str) -> str:
    """Remove chrome lines and head labels, keeping the line layout (blank lines stay)."""
    lines = _normalise(text).split("\n")
    kept = [line for line in lines if not is_chrome_line(line)]
    return "\n".join(_drop_head_labels(kept)).strip("\n")


def _drop_head_labels(lines: list[str]) -> list[str]:
    """Drop label lines ("CNN") that come before the first real paragraph."""
    out: list[str] = []
    in_head = True
    for line in lines:
        if in_head and _LABEL_LINE.match(line):
            continue
        # The head ends at the first real paragraph: a long line ending like a sentence
        # (a headline is long too, but rarely ends with a full stop).
        if len(line.split()) >= 12 and re.search(r"[.!?\"”’)]\s*$", line):
            in_head = False
        out.append(line)
    return out


def clean_text(text: str) -> str:
    """Clean article text: chrome gone, paragraphs separated by one blank line.

    When the text has blank lines, each blank-separated block is a paragraph and its inner
    line breaks are hard wraps (joined with spaces); otherwise every line is a paragraph
    (the layout extractors such as trafilatura produce).
    """
    body = drop_chrome_lines(text)
    return "\n\n".join(_dedupe_consecutive(paragraphs(body)))


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: blank-line separated blocks, or one per line.

    Inside a block, short lines are hard wraps (a plain-text file wrapped at ~72 columns) and
    are joined; long lines are paragraphs of their own (extractor output, scraped text).
    """
    text = _normalise(text).strip()
    if not text:
        return []
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n+", text):
        lines = [" ".join(line.split()) for line in block.split("\n") if line.strip()]
        if len(lines) > 1 and all(len(line) <= _WRAP_WIDTH for line in lines[:-1]) and _wrapped(lines):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return out


_WRAP_WIDTH = 100


def _wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: lines (but the last) run long-ish and mostly do not end a sentence."""
    body = lines[:-1]
    long_enough = sum(len(line) >= 40 for line in body) >= len(body) / 2
    open_ended = sum(not line.endswith((".", "!", "?", ":", '"', "”")) for line in body) >= len(body) / 2
    return long_enough and open_ended


def _dedupe_consecutive(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if not out or out[-1] != item:
            out.append(item)
    return out


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Non-breaking and zero-width spaces turn up in scraped text and break matching later.
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


# -- titles -------------------------------------------------------------------------------

# Separators between a headline and the site name; the hyphen only counts with spaces round it.
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•»:]{1,2}|-{1,2})\s+|\s*\|\s*")
_SITE_WORDS = re.compile(
    r"\b(?:news|times|post|herald|tribune|journal|gazette|guardian|telegraph|daily|weekly|"
    r"online|media|network|tv|radio|press|reuters|cnn|bbc|nbc|abc|cbs|fox|npr|ap|afp|"
    r"weather|sports|magazine|review|report|today|insider|wire|chronicle|observer|"
    r"independent|express|mirror|standard|star|sun|blog)\b|\.(?:com|org|net|co|uk|de|io)\b",
    re.IGNORECASE,
)
_MAX_SITE_WORDS = 6


def clean_title(title: str) -> str:
    """A headline without site names, breadcrumbs or dates from the page chrome."""
    text = " ".join(_normalise(title).split())
    text = _strip_breadcrumb(text)
    text = _DATE_AT_EDGE.sub("", text).strip()
    parts = _split_title(text)
    while len(parts) > 1 and _is_site_name(parts[-1][1], parts[-1][0], parts[:-1]):
        parts = parts[:-1]
    while len(parts) > 1 and _is_site_name(parts[0][1], parts[1][0], parts[1:], prefix=True):
        parts = [("", parts[1][1]), *parts[2:]]
    cleaned = "".join(sep + part for sep, part in parts).strip(" -–—|:·")
    cleaned = _DATE_AT_EDGE.sub("", cleaned).strip()
    return cleaned or text


def _strip_breadcrumb(text: str) -> str:
    if not re.match(r"^home\s*[›>»/|]", text, re.IGNORECASE):
        return text
    return _BREADCRUMB_SEPARATORS.split(text)[-1].strip()


def _split_title(text: str) -> list[tuple[str, str]]:
    """[(separator_before, part), ...] keeping separators so the headline is rebuilt as-is."""
    parts: list[tuple[str, str]] = []
    position, separator = 0, ""
    for match in _TITLE_SEPARATORS.finditer(text):
        parts.append((separator, text[position:match.start()]))
        separator, position = match.group(0), match.end()
    parts.append((separator, text[position:]))
    return [(sep, part) for sep, part in parts if part.strip()]


def _is_site_name(part: str, separator: str, rest: list[tuple[str, str]], prefix: bool = False) -> bool:
    words = part.split()
    pipe = "|" in separator
    rest_words = sum(len(p.split()) for _, p in rest)
    if not words or len(words) > _MAX_SITE_WORDS or len(words) > rest_words:
        return False
    if _DATE_LINE.match(part) or _SITE_WORDS.search(part):
        return True
    if len(words) == rest_words:
        return False
    # A run of capitalised words ("Boston Globe", "Al Jazeera") after a dash or pipe reads
    # as a name. Colons and prefixes are headline grammar ("Ukraine war: ..."), so there only
    # a pipe or a site word counts.
    capitalised = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    if prefix or ":" in separator:
        return pipe and capitalised
    return capitalised and (pipe or len(words) <= 4)
