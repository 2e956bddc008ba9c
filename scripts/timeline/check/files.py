"""The rules of one file: each registry, and each event file on its own.

Each rule receives the run (``check.state.CheckRun``) and reports into it; what an event's
rules learn (its dates, the values already reported) is kept on its ``EventFile`` for the
rules across files and for building the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from timeline.check.duplicates import WINDOW
from timeline.check.state import CheckRun, EventFile, outlets_of, sources_of, text_at
from timeline.check.structure import field_name, schema_diagnostics, value_at
from timeline.format.diagnostics import MAX_QUOTE_WORDS, Diagnostic, did_you_mean, shortened
from timeline.format.layout import (
    YEAR_FOLDER,
    display_path,
    display_path_inside,
)
from timeline.format.sentences import opening_sentence, sentence_end
from timeline.format.vocabulary import ID_PATTERN, LEDE_MAX_LENGTH, SLUG_PATTERN, WRITTEN_DATE
from timeline.model.dates import DateError, PartialDate, parse_partial_date
from timeline.model.records import RESERVED_SLUGS, outlet_slug_of, slugify
from timeline.read.load import Document, Path_

# The earliest year a date may be in. The timeline records recent events that sources
# report; a year before 1900 is a slip of the keyboard ("0999", "1026"), not history.
EARLIEST_YEAR = 1900
# The elements of HTML (WHATWG, svg and math included) a contributor might write, old ones
# included: "<" before one of them (or before "/" and one, or "!" for a comment) is markup,
# closed or not. "<" before any other word is a comparison ("x<y and y>z"), as is "<"
# before a space, a digit or "=" ("x < y", "<=").
HTML_ELEMENTS = frozenset((
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base",
    "basefont", "bdi", "bdo", "big", "blink", "blockquote", "body", "br", "button", "canvas",
    "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
    "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset",
    "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "image", "img",
    "input", "ins", "kbd", "keygen", "label", "legend", "li", "link", "main", "map", "mark",
    "marquee", "math", "menu", "meta", "meter", "nav", "nobr", "noembed", "noframes",
    "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
    "plaintext", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search",
    "section", "select", "slot", "small", "source", "span", "strike", "strong", "style", "sub",
    "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
    "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp"))
HTML_TAG = re.compile(r"<(?:!|/?([A-Za-z][A-Za-z0-9-]*))[^<>]*>?")

WHITESPACE = re.compile(r"\s")
# Most source URLs: http(s), a host of ASCII letters, digits, dots and hyphens (so no user,
# port or brackets), then nothing or a path, query or fragment. urlsplit takes such a URL
# apart into exactly that scheme and host, so the answer is yes without asking it.
PLAIN_WEB_URL = re.compile(r"(?i:https?)://[A-Za-z0-9.\-]+(?:[/?#]\S*)?")
# How deeply a summary may nest lists and block quotes. Prose needs two or three levels;
# Python-Markdown recurses once or more per level and runs out of stack near a few hundred.
MAX_SUMMARY_NESTING = 8
# How many link, image and HTML openers ("[", "![", "<" before a letter) a summary may
# hold. Python-Markdown rescans the text after each one, so the build time grows with
# their square: 25,000 "[" take a minute, 15,000 "<a " a quarter of one. A summary is a
# paragraph or two with a handful of links (sources go in `sources`), so 100 is far above
# any real one and still renders in a blink.
MAX_SUMMARY_OPENERS = 100
_SUMMARY_OPENER = re.compile(r"\[|<[A-Za-z]")
# One container opened at the start of a line: a block quote, a bullet or a numbered item.
_CONTAINER_MARK = re.compile(r"(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))[ \t]*")
# A line that could open a container at all: indented, or starting with one's mark.
_MAY_NEST = re.compile(r"^(?:[ \t]|[ \t]*(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$)))",
                       re.MULTILINE)
# The last day an event may end on. Python's dates stop at 9999-12-31, and the timeline
# counts past an event's last day: the calendar (events.ics) ends an all-day event on the
# day after, and the search for likely duplicates looks WINDOW ahead.
LAST_CALENDAR_DAY = date.max - max(WINDOW, timedelta(days=1))


def html_markup_in(text: str) -> str | None:
    """The first piece of HTML markup in ``text``: a comment or doctype, or a tag of an
    HTML element or a custom element (its name has a hyphen), closed or not."""
    for found in HTML_TAG.finditer(text):
        name = (found.group(1) or "").lower()
        if not name or name in HTML_ELEMENTS or "-" in name:
            return found.group(0)
    return None


def check_registry(run: CheckRun, name: str) -> None:
    """A registry file: there, a mapping, valid by its schema, with usable slugs and URLs."""
    file = run.events_dir / name
    display = display_path(file)
    if run.links_outside(file):
        run.report(Diagnostic(display, 1, 1, "EVT026", "symbolic link to a file "
                              "outside the events folder; commit the file itself"))
        return
    if not run.is_file(file):
        run.report(Diagnostic(display, 1, 1, "EVT044",
                              f"the registry {name} is missing; create it (it may be "
                              "an empty mapping: {})"))
        return
    document, problems = run.load(file, display)
    run.diagnostics.extend(problems)
    if document is None or not isinstance(document.data, dict):
        return
    run.registry_docs[name] = document
    found, bad_paths = schema_diagnostics(document, name.removesuffix(".yaml"))
    run.diagnostics.extend(found)
    check_reserved_slugs(run, document, name, bad_paths)
    check_blank(run, document, bad_paths, [
        (slug, "name") for slug, entry in document.data.items()
        if isinstance(entry, dict) and "name" in entry])
    if name == "actors.yaml":
        check_actor_urls(run, document, bad_paths)


def check_actor_urls(run: CheckRun, document: Document, bad_paths: set[Path_]) -> None:
    """Each actor's url is a web address."""
    for slug, entry in document.data.items():
        url = entry.get("url") if isinstance(entry, dict) else None
        if isinstance(url, str) and (slug, "url") not in bad_paths \
                and not is_web_url(url):
            run.report(document.diagnostic(
                (slug, "url"), "EVT040", f'{slug}.url: "{url}" is not a web address; '
                "give a full http:// or https:// URL"))


def check_reserved_slugs(run: CheckRun, document: Document, name: str,
                         bad_paths: set[Path_]) -> None:
    """No registry slug takes the name of its folder's index page."""
    folder = name.removesuffix(".yaml")
    for slug in document.data:
        if slug in RESERVED_SLUGS and (slug,) not in bad_paths:
            where = document.key_position((slug,))
            entry = document.data[slug]
            named = slugify(entry["name"]) if isinstance(entry, dict) \
                and isinstance(entry.get("name"), str) else ""
            example = named if named not in RESERVED_SLUGS | {"unnamed"} \
                else f'{slug}-{folder.removesuffix("s")}'
            run.report(Diagnostic(
                document.path, where.line, where.column, "EVT054",
                f'the slug "{slug}" is reserved: its page would be {folder}/{slug}.md, '
                f'the index of all {folder}; choose another slug, e.g. "{example}"'))


def check_event(run: CheckRun, file: Path) -> None:
    """One event file: its place and name, its structure, then each rule of its values."""
    relative = file.relative_to(run.events_dir).as_posix()
    display = display_path_inside(file, relative, run.shown_dir)
    entry = EventFile(file, display, relative, file.name.rsplit(".", 1)[0])
    run.files.append(entry)
    if not check_place(run, entry):
        return
    document, problems = run.load(file, display)
    run.diagnostics.extend(problems)
    if document is None or not isinstance(document.data, dict):
        return
    entry.document = document
    found, bad_paths = schema_diagnostics(document, "event")
    run.diagnostics.extend(_explain_retracted_status(document, found))
    entry.bad_paths = bad_paths
    check_blank(run, entry.document, entry.bad_paths, _event_texts(entry.document.data))
    check_dates(run, entry)
    check_published(run, entry)
    check_retraction(run, entry)
    check_corrections(run, entry)
    check_title(run, entry)
    check_registered(run, entry, "actors", "actors.yaml", "EVT030", "actor")
    check_registered(run, entry, "tags", "tags.yaml", "EVT031", "tag")
    check_source_urls(run, entry)
    check_quotes(run, entry)
    check_publishers(run, entry)
    check_lede(run, entry)
    check_summary(run, entry)


def check_place(run: CheckRun, entry: EventFile) -> bool:
    """File name and folder; returns False when the file must not be read at all."""
    file = entry.file
    if run.links_outside(file):
        run.whole_file(entry, "EVT026", "symbolic link to a file outside the "
                       "events folder; commit the file itself")
        return False
    if file.suffix == ".yml":
        run.whole_file(entry, "EVT026", f'rename the file to "{entry.id}.yaml": '
                       "event files end in .yaml")
    parts = entry.relative.split("/")
    if len(parts) != 2 or not YEAR_FOLDER.fullmatch(parts[0]):
        run.whole_file(entry, "EVT026", "event files live in a folder named after "
                       f"their year, e.g. {run.shown_dir}/2026/{file.name}")
    if not ID_PATTERN.fullmatch(entry.id):
        run.whole_file(entry, "EVT026", f'file name "{file.name}" is not '
                       "<date>-<slug>.yaml with a slug of lowercase ASCII words "
                       'joined by single hyphens, e.g. "2026-04-21-team-formed.yaml"')
    return True


def check_dates(run: CheckRun, entry: EventFile) -> None:
    """date and end: real dates, in order, not ahead, and matching the file's name and folder."""
    document = entry.document
    for key in ("date", "end"):
        if key not in document.data or (key,) in entry.bad_paths:
            continue
        parsed = written_date(run, entry, (key,))
        setattr(entry, "start" if key == "date" else "end", parsed)
    if entry.start and entry.end and entry.end.last_day < entry.start.first_day:
        run.report(document.diagnostic(("end",), "EVT022", f"end {entry.end} is before "
                                       f"date {entry.start}; swap them or fix the typo"))
    for key, parsed in (("date", entry.start), ("end", entry.end)):
        if parsed is None:
            continue
        if parsed.first_day > run.horizon:
            run.report(document.diagnostic(
                (key,), "EVT023", f"{key} {parsed} is more than a week in the future; "
                "date events when they happen"))
        elif parsed.last_day > LAST_CALENDAR_DAY:
            run.report(document.diagnostic(
                (key,), "EVT021", f"{key} {parsed} ends on {parsed.last_day}, past the "
                f"last day the timeline can hold ({LAST_CALENDAR_DAY}); check the year"))
    if entry.start and (match := ID_PATTERN.fullmatch(entry.id)):
        written = document.scalar_sources.get(("date",), str(document.data["date"]))
        rest = entry.id.removeprefix(written + "-")
        if rest == entry.id or not SLUG_PATTERN.fullmatch(rest):
            run.whole_file(entry, "EVT024", f'the file name starts with "{match.group(1)}"'
                           f' but date is "{written}"; rename the file to '
                           f'"{written}-{match.group(2)}.yaml"')
        folder = entry.relative.split("/")[0]
        if YEAR_FOLDER.fullmatch(folder) and int(folder) != entry.start.year:
            run.whole_file(entry, "EVT025", f"the file is in {run.shown_dir}/{folder}/ "
                           f"but its date is in {entry.start.year}; move it to "
                           f"{run.shown_dir}/{entry.start.year}/")


def check_retraction(run: CheckRun, entry: EventFile) -> None:
    """A retraction is dated like an event: a real date, not ahead, and not before the
    report it withdraws was published."""
    retracted = entry.document.data.get("retracted")
    path = ("retracted", "date")
    if not isinstance(retracted, dict) or "date" not in retracted \
            or path in entry.bad_paths:
        return
    entry.retracted_on = retracted_on = written_date(run, entry, path)
    if retracted_on is None:
        return
    first_report = _first_published(entry.document.data.get("sources"))
    if retracted_on.first_day > run.horizon:
        run.report(entry.document.diagnostic(
            path, "EVT048", f"retracted.date {retracted_on} is more than a week in the "
            "future; date the retraction when it happened"))
    elif first_report and retracted_on.last_day < first_report:
        run.report(entry.document.diagnostic(
            path, "EVT048", f"retracted.date {retracted_on} is before the first report "
            f"it retracts was published ({first_report}); check the date"))
    elif entry.start and retracted_on.last_day < entry.start.first_day:
        run.report(entry.document.diagnostic(
            path, "EVT048", f"retracted.date {retracted_on} is before the event's date "
            f"{entry.start}; an event is retracted after it is reported, so check "
            "the date"))


def check_corrections(run: CheckRun, entry: EventFile) -> None:
    """Each correction is dated on a real day after the event began and after its file was
    added (when the history knows that day), not ahead of today but for a day of time
    zones; and the corrections are listed oldest first."""
    days = _correction_days(run, entry)
    dates = run.dates_of(entry)
    added = dates.added if dates else None
    for index, day in days:
        path = ("corrections", index, "date")
        name = field_name(path)
        if day > run.correction_horizon:
            run.report(entry.document.diagnostic(
                path, "EVT061", f"{name} {day} is in the future; date the correction on "
                "the day the file was fixed"))
        elif entry.start and day < entry.start.first_day:
            run.report(entry.document.diagnostic(
                path, "EVT061", f"{name} {day} is before the event's date {entry.start}; "
                "an account is corrected after the event, so check the date"))
        elif added and day < added:
            run.report(entry.document.diagnostic(
                path, "EVT061", f"{name} {day} is before the file was added to the "
                f"repository on {added}; a correction fixes what the file said, so date "
                "it on or after that day"))
    # Only the first one out of order: once it is moved, the rest may be in order.
    for (before, earlier), (index, day) in pairwise(days):
        if day < earlier:
            run.report(entry.document.diagnostic(
                ("corrections", index, "date"), "EVT062", f"corrections[{index}].date "
                f"{day} is before corrections[{before}].date {earlier}; list corrections "
                "oldest first: move this one up to where its date belongs"))
            break


def _correction_days(run: CheckRun, entry: EventFile) -> list[tuple[int, date]]:
    """The index and day of each correction whose date is a real day (the others are
    reported, by the schema or by ``written_date``)."""
    items = entry.document.data.get("corrections")
    if not isinstance(items, list) or ("corrections",) in entry.bad_paths:
        return []
    days = []
    for index, item in enumerate(items):
        path = ("corrections", index, "date")
        if not isinstance(item, dict) or not isinstance(item.get("date"), str) \
                or path in entry.bad_paths:
            continue
        if (parsed := written_date(run, entry, path)) is not None:
            days.append((index, parsed.first_day))
    return days


def written_date(run: CheckRun, entry: EventFile, path: Path_) -> PartialDate | None:
    """The partial date at ``path``, or None after reporting why it is not one.

    Judged as written, not as YAML read it: YAML 1.1 reads 0x7EA, 03752, 33:46 and
    2_026 as the year 2026.
    """
    document = entry.document
    name = field_name(path)
    written = document.scalar_sources.get(path)
    value = value_at(document.data, path)
    if written is not None and document.scalar_types.get(path) == "integer" \
            and not WRITTEN_DATE.fullmatch(written):
        entry.bad_paths.add(path)
        year = f"{value:04d}" if isinstance(value, int) and 1 <= value <= 9999 \
            else "2026"
        run.report(document.diagnostic(
            path, "EVT020", f"{name}: {written} is not a date as written, though YAML "
            f"reads it as the number {value}; write the date in decimal digits, in "
            f'double quotes, e.g. {path[-1]}: "{year}"'))
        return None
    try:
        parsed = parse_partial_date(value)
    except DateError as error:
        run.report(document.diagnostic(path, error.code, f"{name}: {error.message}"))
        return None
    if parsed.year < EARLIEST_YEAR:
        entry.bad_paths.add(path)
        run.report(document.diagnostic(
            path, "EVT021", f"{name} {parsed} is before {EARLIEST_YEAR}; the timeline "
            "holds recent events, so check the year"))
        return None
    return parsed


def check_published(run: CheckRun, entry: EventFile) -> None:
    """A source's publication day is a real day, not ahead and not long ago."""
    for index, source in sources_of(entry.document.data):
        path = ("sources", index, "published")
        if not isinstance(source.get("published"), str) or path in entry.bad_paths:
            continue
        parsed = written_date(run, entry, path)
        if parsed is not None and parsed.first_day > run.horizon:
            entry.bad_paths.add(path)
            run.report(entry.document.diagnostic(
                path, "EVT023", f"sources[{index}].published {parsed} is more than a "
                "week in the future; give the day the article was published"))


def check_blank(run: CheckRun, document: Document, bad_paths: set[Path_],
                paths: Iterable[Path_]) -> None:
    """Text made only of spaces (any kind, e.g. no-break spaces) says nothing."""
    for path in paths:
        value = value_at(document.data, path)
        if isinstance(value, str) and value.isspace() and path not in bad_paths:
            bad_paths.add(path)
            run.report(document.diagnostic(
                path, "EVT016", f"{field_name(path)} is only spaces; write some text"))


def check_title(run: CheckRun, entry: EventFile) -> None:
    """A title is plain text: no HTML tag, closed or not."""
    title = entry.document.data.get("title")
    if isinstance(title, str) and ("title",) not in entry.bad_paths \
            and (tag := html_markup_in(title)):
        shown = tag if len(tag) <= 40 else tag[:39] + "…"
        run.report(entry.document.diagnostic(
            ("title",), "EVT043", f'title contains HTML markup "{shown}"; titles are '
            "plain text" if tag.endswith(">") else f'title contains the start of HTML '
            f'markup "{shown}" (a "<" before an HTML element\'s name, "/" or "!" opens a '
            'tag); titles are plain text: remove it, or put a space after "<", as in '
            '"x < y"'))


def check_registered(run: CheckRun, entry: EventFile, key: str, registry: str, code: str,
                     noun: str) -> None:
    """Each slug of ``key`` (actors, tags) is registered in ``registry``."""
    values = entry.document.data.get(key)
    if not isinstance(values, list):
        return
    known = run.registry(registry)
    if registry not in run.registry_docs:
        return  # the missing registry is reported once, not per event
    for index, slug in enumerate(values):
        if not isinstance(slug, str) or (key, index) in entry.bad_paths or slug in known:
            continue
        hint = run.hint(entry, noun, lambda slug=slug: registry_hint(slug, known))
        run.report(entry.document.diagnostic(
            (key, index), code, f'unknown {noun} "{shortened(slug)}"{hint}; register it in '
            f"{run.shown_dir}/{registry} or fix the slug"))


def check_source_urls(run: CheckRun, entry: EventFile) -> None:
    """Each source has a web address (url, archived), or says why it has none."""
    for index, source in sources_of(entry.document.data):
        for key in ("url", "archived"):
            value = source.get(key)
            path = ("sources", index, key)
            if isinstance(value, str) and path not in entry.bad_paths \
                    and not is_web_url(value):
                run.report(entry.document.diagnostic(
                    path, "EVT040", f'sources[{index}].{key}: "{value}" is not a web '
                    "address; give a full http:// or https:// URL"))
        title = source.get("title")
        named = f'source "{title}"' if isinstance(title, str) and title \
            else f"sources[{index}]"
        if "url" in source and "url_unavailable" in source:
            run.report(entry.document.diagnostic(
                ("sources", index, "url_unavailable"), "EVT052", f"{named} has both a "
                "url and url_unavailable; keep the url if the article is online, "
                "otherwise remove it"))
        elif "url" not in source and "url_unavailable" not in source:
            run.report(entry.document.diagnostic(
                ("sources", index), "EVT041", f"{named} has no url; add it if the "
                "article is online, or say why it has none in url_unavailable"))


def check_quotes(run: CheckRun, entry: EventFile) -> None:
    """Quotes stay short, and translations are given only where they translate."""
    for index, source in sources_of(entry.document.data):
        for key in ("quote", "quote_en"):
            text = source.get(key)
            if isinstance(text, str) and (words := quote_words(text)) > MAX_QUOTE_WORDS:
                run.report(entry.document.diagnostic(
                    ("sources", index, key), "EVT051", f"sources[{index}].{key} is "
                    f"{words} words long; quote at most {MAX_QUOTE_WORDS} and say the "
                    "rest in the summary, in our own words"))
        language = source.get("language")
        english = not isinstance(language, str) or _is_english(language)
        for key in ("title_en", "quote_en"):
            if key in source and english:
                shown = f'"{language}"' if isinstance(language, str) else "not given"
                run.report(entry.document.diagnostic(
                    ("sources", index, key), "EVT053", f"sources[{index}].{key} "
                    f"translates into English, but the source's language is {shown}; "
                    "set language to the article's language, or remove "
                    f"{key}"))
        if "quote_en" in source and "quote" not in source:
            run.report(entry.document.diagnostic(
                ("sources", index, "quote_en"), "EVT053", f"sources[{index}].quote_en "
                "translates a quote, but the source has no quote; add the quote in "
                "its own language, or remove quote_en"))


def check_publishers(run: CheckRun, entry: EventFile) -> None:
    """An outlet's page (a publisher's, or a relayed outlet's) must not take the place of
    the index of sources."""
    for index, key, name in outlets_of(entry):
        slug = outlet_slug_of(name)
        if slug in RESERVED_SLUGS:
            run.report(entry.document.diagnostic(
                ("sources", index, key), "EVT054", f'sources[{index}].{key} '
                f'"{name}" would have the outlet page sources/{slug}.md, the index '
                "of all sources; write the outlet's name another way, e.g. in full "
                f'("{name} Magazine") or with its domain ("{name}.com")'))


_MARKUP_MARKS = re.compile(r"[<\[&]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def check_summary(run: CheckRun, entry: EventFile) -> None:
    """Lists and quotes nest a few levels at most (Python-Markdown recurses per level), a
    few links, images and tags at most, and something is left to read once rendered."""
    summary = text_at(entry, "summary")
    if summary is None:
        return
    depth = summary_nesting(summary)
    if depth > MAX_SUMMARY_NESTING:
        run.report(entry.document.diagnostic(
            ("summary",), "EVT056", f"summary nests lists or block quotes {depth} levels "
            f"deep; the limit is {MAX_SUMMARY_NESTING}: write a flatter list, or "
            "sentences"))
    openers = summary_openers(summary)
    if openers > MAX_SUMMARY_OPENERS:
        run.report(entry.document.diagnostic(
            ("summary",), "EVT059", f'summary opens {openers:,} links, images or HTML '
            f'tags ("[", "![" or "<" before a letter); the limit is '
            f"{MAX_SUMMARY_OPENERS}: keep a few links, cite the rest in sources, and "
            'write "x < y" with a space'))
        return
    if depth > MAX_SUMMARY_NESTING or not summary.strip():
        return
    if may_show_nothing(summary) and not run.summary_text.line(summary):
        run.report(entry.document.diagnostic(
            ("summary",), "EVT060", "summary shows readers nothing once its Markdown is "
            "rendered and unsafe HTML removed (only a comment, a tag, an empty link or "
            "list?); write what happened in sentences"))
    elif "lede" not in entry.document.data:
        check_first_sentence(run, entry, summary)


def check_first_sentence(run: CheckRun, entry: EventFile, summary: str) -> None:
    """Without a lede, listings show the summary's first sentence whole, so it must fit."""
    quick = opening_sentence(summary, LEDE_MAX_LENGTH)
    length = len(quick) if quick is not None else len(run.summary_text.lede_text(summary))
    if length > LEDE_MAX_LENGTH:
        run.report(entry.document.diagnostic(
            ("summary",), "EVT066", f"the summary's first sentence is {length} characters "
            "long, and listings show it whole; add a `lede:` of at most "
            f"{LEDE_MAX_LENGTH} characters (one sentence that carries the news), or "
            "shorten the first sentence"))


# Markup a lede would show as typed: HTML, Markdown links, emphasis, code and entities.
_LEDE_MARKUP = re.compile(
    r"\[[^\]]*\]\s*[(\[]"  # a link: [text](url) or [text][ref]
    r"|<(?i:https?|mailto):"  # an autolink
    r"|[*`]|(?<![^\W_])_(?=[^\W_])|(?<=[^\W_])_(?![^\W_])"  # emphasis, code; not snake_case
    r"|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def check_lede(run: CheckRun, entry: EventFile) -> None:
    """A lede is one sentence of plain text, shown as written (its length and line are the
    schema's to check)."""
    lede = text_at(entry, "lede")
    if lede is None or ("lede",) in entry.bad_paths or not lede.strip():
        return
    problem = lede_problem(lede)
    if problem:
        run.report(entry.document.diagnostic(("lede",), "EVT064", f"lede {problem}"))


def _markup_shown(lede: str) -> str | None:
    """The first Markdown markup in a lede, with the text it marks ("*every*")."""
    found = _LEDE_MARKUP.search(lede)
    if found is None:
        return None
    start, mark = found.start(), found.group(0)
    if mark in "*`_":  # up to the closing mark, if it is near
        close = lede.find(mark, start + 1)
        return lede[start:close + 1] if 0 < close - start < 40 else lede[start:start + 20]
    return mark


def lede_problem(lede: str) -> str | None:
    """What keeps ``lede`` from being one plain sentence, or None."""
    if lede != lede.strip():
        return "starts or ends with spaces; remove them"
    markup = html_markup_in(lede) or _markup_shown(lede)
    if markup:
        return f'contains markup "{shortened(markup, 40)}"; a lede is plain text, shown ' \
               "as written: write the words without Markdown or HTML"
    end = sentence_end(lede)
    if end is None:
        return 'does not end a sentence; end it with ".", "!" or "?" (an ellipsis ends ' \
               "none)"
    if end < len(lede):
        first = lede[:end]
        shown = first if len(first) <= 40 else "…" + first[-39:]
        return f'is more than one sentence (the first ends after {end} characters: ' \
               f'"{shown}"); ' \
               "keep the one sentence that carries the news, and leave the rest to the " \
               "summary"
    return None


def may_show_nothing(summary: str) -> bool:
    """Whether a summary could render to no text at all: it holds HTML, a link or an
    entity (letters inside them are not shown as written), or no letter or digit."""
    return bool(_MARKUP_MARKS.search(summary)) or not _LETTER_OR_DIGIT.search(summary)


def is_web_url(value: str) -> bool:
    """Whether ``value`` is a full http:// or https:// address with a host."""
    if WHITESPACE.search(value):  # \s is exactly str.isspace, scanned at C speed
        return False  # urlsplit silently drops line breaks and tabs
    if PLAIN_WEB_URL.fullmatch(value):
        return True  # what urlsplit would say, a tenth as long: see PLAIN_WEB_URL
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError:  # e.g. "http://[::1/", an unclosed IPv6 address
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# Chinese, Japanese and Korean scripts write words without spaces: two of their characters
# count as one word, about their average length.
_CJK_CHARACTER = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def quote_words(text: str) -> int:
    """How many words a quote is, as the editorial rule counts them: each run of letters
    or digits (with inner apostrophes and hyphens) is one, and each two CJK characters."""
    cjk = len(_CJK_CHARACTER.findall(text))
    return len(_WORD.findall(_CJK_CHARACTER.sub(" ", text))) + (cjk + 1) // 2


def _is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


def summary_nesting(text: str) -> int:
    """An upper bound on how deeply Markdown nests lists and block quotes in ``text``.

    Each line counts its indentation (a level per four columns, as Python-Markdown nests
    a list item) and then every block quote mark, bullet or number that opens it, one
    after another ("- - - x" is three levels, "> 1. x" two).
    """
    if not _MAY_NEST.search(text):  # most summaries: prose, no list, quote or indent
        return 0
    deepest = 0
    for line in text.splitlines():
        stripped = line.lstrip(" \t")
        indent = len(line[:len(line) - len(stripped)].expandtabs(4))
        depth, position = indent // 4, 0
        while match := _CONTAINER_MARK.match(stripped, position):
            if match.end() == position:
                break
            depth, position = depth + 1, match.end()
        deepest = max(deepest, depth)
    return deepest


def summary_openers(text: str) -> int:
    """How many links, images and HTML tags ``text`` may open, as Markdown scans it."""
    return len(_SUMMARY_OPENER.findall(text))


def _event_texts(data: dict) -> list[Path_]:
    """Where an event holds text that must say something: title, lede, summary, source titles,
    and what each correction says was corrected."""
    paths: list[Path_] = [(key,) for key in ("title", "lede", "summary") if key in data]
    corrections = data.get("corrections")
    return paths + [("sources", index, "title")
                    for index, source in sources_of(data) if "title" in source] + \
        [("corrections", index, "text")
         for index, item in enumerate(corrections if isinstance(corrections, list) else [])
         if isinstance(item, dict) and "text" in item]


def _first_published(sources: Any) -> date | None:
    """The earliest well-formed ``published`` day among the sources, if any."""
    days = []
    for source in sources if isinstance(sources, list) else []:
        try:
            days.append(date.fromisoformat(source["published"]))
        except (TypeError, KeyError, ValueError):
            continue  # not a mapping, no date, or a malformed one reported elsewhere
    return min(days, default=None)


def _explain_retracted_status(document: Document, found: list[Diagnostic]
                              ) -> list[Diagnostic]:
    """``status: retracted`` is how retractions were once written; instead of listing the
    statuses (EVT013), say what to write now."""
    if document.data.get("status") != "retracted":
        return found
    where = document.value_position(("status",))
    kept = [d for d in found if (d.line, d.column, d.code) != (where.line, where.column,
                                                                 "EVT013")]
    return [*kept, document.diagnostic(
        ("status",), "EVT049", 'status "retracted" is not a status any more; keep the '
        'status the event had (e.g. "reported") and add a `retracted:` mapping with the '
        'date and reason, e.g. `retracted: {date: "2026-05", reason: "The outlet withdrew '
        'its report"}`')]


def registry_hint(slug: str, known: dict[str, Any]) -> str:
    """Suggest a slug by its spelling, or by a registered name or alias."""
    lowered = slug.lower()
    for candidate, entry in known.items():
        aliases = entry.get("aliases")
        names = [entry.get("name"), *(aliases if isinstance(aliases, list) else [])]
        if any(isinstance(n, str) and n.lower() == lowered for n in names):
            return f' (did you mean "{candidate}"?)'
    return did_you_mean(slug, known.keys())
