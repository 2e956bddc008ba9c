"""Diagnostics: one problem in one file, with a stable code and a position.

The catalogue of codes lives here too, so the validator, the CLI and the contributor
docs all read the same titles and hints.
"""

from __future__ import annotations

import difflib
import heapq
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from timeline.format.vocabulary import LEDE_MAX_LENGTH, LEDE_MIN_LENGTH


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    fix: str
    severity: Severity = Severity.ERROR


# The editorial rule "quote only a few words at a time", counted as quote_words() does.
MAX_QUOTE_WORDS = 25
# did_you_mean compares a word with at most this many choices (see there).
MAX_CLOSE_CANDIDATES = 50

# The stable codes. Never renumber; retire a code by leaving it documented.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        Rule("EVT001", "YAML syntax error", "Fix the YAML at the position shown; "
             "quote values that contain ': ' or start with a special character."),
        Rule("EVT002", "Unreadable text", "Save the file as UTF-8 without NUL bytes "
             "or control characters."),
        Rule("EVT003", "File too large", "Event files are short; split or trim the file."),
        Rule("EVT004", "Empty or not a mapping", "A file holds one mapping of "
             "`key: value` lines, as in the format documentation."),
        Rule("EVT005", "More than one YAML document", "Remove the `---` separator: "
             "one file holds one event."),
        Rule("EVT006", "Unsupported YAML tag", "Remove the `!tag`; files hold plain "
             "text, numbers, lists and mappings only."),
        Rule("EVT007", "YAML too deep or too many aliases", "Write the data out "
             "plainly, without anchors and aliases (`&name`, `*name`)."),
        Rule("EVT008", "Duplicate key", "Keep one of the keys and delete the other."),
        Rule("EVT010", "Missing required field", "Add the field; see the format "
             "documentation for what it holds."),
        Rule("EVT011", "Unknown field", "Rename or remove the field; only documented "
             "fields are allowed."),
        Rule("EVT012", "Wrong type", "Give the value the documented type; put text in "
             "double quotes so YAML keeps it as text."),
        Rule("EVT013", "Value not allowed", "Use one of the listed values."),
        Rule("EVT014", "Malformed value", "Write the value in the documented form."),
        Rule("EVT015", "Text too long or not one line", "Shorten the text to the limit "
             "and keep it on one line."),
        Rule("EVT016", "Empty value", "Give at least one item, or some text."),
        Rule("EVT020", "Malformed date", "Write dates as YYYY, YYYY-MM or YYYY-MM-DD."),
        Rule("EVT021", "Not a real calendar date", "Check the month and day."),
        Rule("EVT022", "End before start", "`end` must not be before `date`."),
        Rule("EVT023", "Date in the future", "Events are dated when they happen; "
             "a date more than a week ahead is a typo or a prediction."),
        Rule("EVT024", "File name does not match the date", "Name the file "
             "`<date>-<slug>.yaml`, the date exactly as written in `date`."),
        Rule("EVT025", "Folder does not match the year", "Move the file into "
             "`events/<year of date>/`."),
        Rule("EVT026", "Bad file name or place", "Event files live at "
             "`events/<YYYY>/<date>-<slug>.yaml`, slug in lowercase ASCII words "
             "joined by single hyphens."),
        Rule("EVT027", "Duplicate id", "Two files share an id; rename one of them."),
        Rule("EVT030", "Unknown actor", "Use a slug registered in `events/actors.yaml`, "
             "or register the new actor there."),
        Rule("EVT031", "Unknown tag", "Use a slug registered in `events/tags.yaml`, "
             "or register the new tag there."),
        Rule("EVT032", "Related event does not exist", "Use the id (file name without "
             "`.yaml`) of an existing event."),
        Rule("EVT040", "Bad URL", "Give a full `http://` or `https://` address."),
        Rule("EVT041", "Source without URL", "Add the article's URL if it has one; if it "
             "has no public address, say why in `url_unavailable`.", Severity.WARNING),
        Rule("EVT042", "Same source, different details", "Copy the title, publisher "
             "and published date exactly as other events cite this URL."),
        Rule("EVT043", "HTML in title", "Titles are plain text; remove the markup."),
        Rule("EVT044", "Missing registry", "Create `events/actors.yaml` and "
             "`events/tags.yaml`."),
        Rule("EVT045", "Likely duplicate event", "If both files describe the same event, "
             "keep one and, in the other, write `duplicate_of:` and the id of the kept one; "
             "if they are different events, link them with `related`.", Severity.WARNING),
        Rule("EVT046", "Bad `duplicate_of`", "Write the id of the event to keep: an "
             "existing event that is not itself a duplicate, and not this one."),
        Rule("EVT047", "Bad alias", "List only former ids of this event (old file names "
             "without `.yaml`) that no current event and no other alias uses."),
        Rule("EVT048", "Impossible retraction date", "Date the retraction when it "
             "happened: not in the future and not before the first source was published."),
        Rule("EVT049", "`retracted` is not a status", "Keep the status the event had and "
             "add `retracted: {date: ..., reason: ...}`."),
        Rule("EVT050", "Invisible or direction-changing character", "Delete the character "
             "(zero-width spaces and joiners, bidirectional overrides such as U+202E, line "
             "separators): it hides or reorders text, so what reviewers read is not what "
             "is published."),
        Rule("EVT051", "Quote too long", "Quote only a few words at a time (at most "
             f"{MAX_QUOTE_WORDS}): keep the words that support the event and say the rest "
             "in the summary, in our own words.", Severity.WARNING),
        Rule("EVT052", "Both a URL and `url_unavailable`", "Keep `url` if the article is "
             "online, or `url_unavailable` if it is not; never both."),
        Rule("EVT053", "Translation where none is due", "Give `title_en` and `quote_en` only "
             "on a source whose `language` is not English, and `quote_en` only beside a "
             "`quote`."),
        Rule("EVT054", "Reserved slug", "`index` names the index page of the actors, tags "
             "and sources: give the actor or tag another slug, or write the outlet's name "
             "(a `publisher` or `via`) another way (e.g. in full)."),
        Rule("EVT055", "Two outlet names, one outlet page", "Two different outlet names (a "
             "`publisher` or `via`) make the same outlet page: write one outlet the same "
             "way everywhere, or tell two outlets apart by their names."),
        Rule("EVT056", "Summary nested too deeply", "Write lists and quotes in a summary at "
             "most a few levels deep; say the rest in sentences."),
        Rule("EVT057", "Impossible `related` link", "Link an event to another event, once, "
             "with one relation: not to itself, and not as both `follows` and "
             "`followed-by`."),
        Rule("EVT058", "`related` to a duplicate", "Link to the event that is kept: the id "
             "the duplicate names in its `duplicate_of`.", Severity.WARNING),
        Rule("EVT059", "Summary too complex to render", "Write the summary as prose with a "
             "few links: at most 100 `[`, `![` or `<` before a letter, which Markdown reads "
             "as links, images and HTML tags; cite the rest as sources."),
        Rule("EVT060", "Summary that shows nothing", "Write the summary as sentences: once "
             "its Markdown is rendered and unsafe HTML removed (comments, scripts, tags "
             "other than prose markup), nothing of it would be left to read."),
        Rule("EVT061", "Impossible correction date", "Date the correction on the day the "
             "file was fixed: not in the future, not before the event's own `date`, and not "
             "before the day the file was added to the repository."),
        Rule("EVT062", "Corrections out of order", "List `corrections` oldest first: move "
             "the one shown up to where its date belongs."),
        Rule("EVT063", "Too many key events", "Mark at most one in ten listed events (those "
             "not marked `duplicate_of`) `key: true`, and one in any timeline: unmark the "
             "least central, or add more events."),
        Rule("EVT064", "Lede is not one plain sentence", "Write the `lede` as one sentence of "
             "plain text, as it is shown: no Markdown or HTML, no spaces around it, ending "
             "in `.`, `!` or `?`; keep the sentence that carries the news."),
        Rule("EVT065", "Lede too short, too long or not one line", "Write the `lede` on one "
             f"line, at least {LEDE_MIN_LENGTH} and at most {LEDE_MAX_LENGTH} characters: say "
             "what happened, and leave the details to the summary."),
        Rule("EVT066", "Summary's first sentence too long for a listing", "Listings show an "
             f"event's first sentence whole: add a `lede:` of at most {LEDE_MAX_LENGTH} "
             "characters (one sentence that carries the news), or shorten the summary's "
             "first sentence."),
    ]
}


@dataclass(frozen=True)
class Diagnostic:
    """A problem at ``path:line:column`` (1-based), rendered for people or CI."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def format_text(self) -> str:
        # One problem, one line: line breaks inside quoted values are shown as \n.
        return f"{visible(self.path)}:{self.line}:{self.column}: {self.severity.value}: " \
               f"{visible(self.message)} [{self.code}]"

    def format_github(self) -> str:
        # GitHub workflow commands need %, CR and LF escaped in the message.
        message = visible(self.message, keep="\t\r\n") + f" [{self.code}]"
        for raw, escaped in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A")):
            message = message.replace(raw, escaped)
        level = "error" if self.is_error else "warning"
        path = visible(self.path)
        for raw, escaped in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"),
                             (",", "%2C")):
            path = path.replace(raw, escaped)
        return (f"::{level} file={path},line={self.line},col={self.column},"
                f"title={self.code}::{message}")


_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r"}


def visible(text: str, keep: str = "\t") -> str:
    """``text`` with control and invisible characters written as escapes (``\\u001B``).

    Values and file names come from strangers: echoed raw, an ESC sequence could rewrite
    the terminal or a U+202E reorder a CI log.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(character) if character not in keep
                   and unicodedata.category(character) in _HIDDEN_CATEGORIES else character
                   for character in text)


def _escaped(character: str) -> str:
    if character in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[character]
    if "\udc80" <= character <= "\udcff":  # an undecodable byte of a file name
        return f"\\x{ord(character) - 0xDC00:02X}"
    return f"\\u{ord(character):04X}" if ord(character) <= 0xFFFF else \
        f"\\U{ord(character):08X}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean "x"?)' for the closest choice, or ''."""
    if len(word) > 200:  # no typo of a name; difflib would take long over a huge value
        return ""
    ordered = sorted(choices)
    if len(ordered) > MAX_CLOSE_CANDIDATES:
        # difflib compares character by character: against thousands of event ids one
        # hint took a tenth of a second. A typo keeps most of the start or the end of the
        # name, so only the choices sharing the longest start and end are compared.
        kept = set(heapq.nlargest(MAX_CLOSE_CANDIDATES, ordered,
                                  key=lambda choice: _shared_ends(word, choice)))
        ordered = [choice for choice in ordered if choice in kept]
    close = difflib.get_close_matches(word, ordered, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _shared_ends(word: str, choice: str) -> int:
    """How many characters ``word`` and ``choice`` share at their start and at their end."""
    start = _common_start(word, choice)
    return start + _common_start(word[start:][::-1], choice[start:][::-1])


def _common_start(one: str, other: str) -> int:
    length = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        length += 1
    return length


def shortened(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with "…", so a huge key or value is not echoed
    whole in a message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
