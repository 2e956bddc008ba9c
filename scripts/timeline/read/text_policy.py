"""The text policy: which characters an event file may hold, and where.

Control, invisible and direction-changing characters (U+202E and the like) are refused,
whether written out or as escapes in double quotes, so what reviewers read in a diff is
what gets published. A few invisible characters are allowed where a script or an emoji
needs them (see ``problem_in``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from timeline.format.diagnostics import Diagnostic

MAX_CHARACTER_PROBLEMS = 10  # per file: enough to find them, not a flood
_INVISIBLE_CATEGORIES = {"Cf", "Zl", "Zp"}  # format characters; line and paragraph separators

# Printable by Python's reckoning, yet drawn as nothing or as a blank: refused anywhere.
_BLANK_LOOKING = {
    "\u034f",  # COMBINING GRAPHEME JOINER
    "\u115f",  # HANGUL CHOSEONG FILLER
    "\u1160",  # HANGUL JUNGSEONG FILLER
    "\u2800",  # BRAILLE PATTERN BLANK
    "\u3164",  # HANGUL FILLER
    "\uffa0",  # HALFWIDTH HANGUL FILLER
}
# Variation selectors (VS1 to VS16, VS17 to VS256): one after a character picks its look
# ("\u2764\ufe0f", a red heart); more than one, or one alone, can only carry hidden bytes.
_VARIATION_SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
PRINTABLE_SUSPECTS = re.compile(f"[{''.join(sorted(_BLANK_LOOKING))}{_VARIATION_SELECTORS}]")
_VARIATION_SELECTOR = re.compile(f"[{_VARIATION_SELECTORS}]")
_ZWNJ, _ZWJ = "\u200c", "\u200d"
_SKIN_TONES = "\U0001f3fb-\U0001f3ff"  # EMOJI MODIFIER FITZPATRICK TYPE-1-2 to -6
_EMOJI_TRIM = re.compile(f"[\ufe0f{_SKIN_TONES}]{{0,2}}\\Z")  # between an emoji and a ZWJ


def suspects(text: str, crlf: bool = True) -> Iterator[tuple[int, int, str, int]]:
    """Line, column, line text and index in it of each character to judge: unprintable
    ones but tab and line breaks, and printable ones that look like nothing (U+3164) or
    hide bytes (variation selectors).

    Lines are counted at line feeds only (CRLF counts once), as editors count them. With
    ``crlf`` false (for values, where YAML has turned every line break into LF), a CR
    before a LF is reported too.
    """
    if (text.replace("\t", " ").replace("\n", " ").isprintable()
            and not PRINTABLE_SUSPECTS.search(text)):
        return  # the common case, the whole text at C speed
    lines = text.split("\n")
    for line_number, line in enumerate(lines, start=1):
        # The CR of a CRLF is part of the line break; a CR that ends the text is not.
        body = line.removesuffix("\r") if crlf and line_number < len(lines) else line
        if (body.replace("\t", " ").isprintable()
                and not PRINTABLE_SUSPECTS.search(body)):  # the common case, at C speed
            continue
        for index, character in enumerate(body):
            if character != "\t" and (not character.isprintable()
                                      or PRINTABLE_SUSPECTS.match(character)):
                yield line_number, index + 1, body, index


def character_problems(text: str, display_path: str) -> list[Diagnostic]:
    """Control, invisible and direction-changing characters, each at its line and column.

    They are refused before YAML sees them: YAML would also break lines at CR, U+0085,
    U+2028 and U+2029, and its positions would then disagree with the editor's.
    """
    problems: list[Diagnostic] = []
    for line, column, body, index in suspects(text):
        character = body[index]
        if character == "\r":
            # Editors break lines at a lone CR and we do not, so positions after it would
            # disagree: report this one and stop.
            problems.append(Diagnostic(
                display_path, line, column, "EVT002", "carriage return without a line feed "
                "(an old Mac line ending); save the file with LF or CRLF line endings"))
            break
        if (problem := problem_in(body, index)) is None:
            continue  # e.g. a no-break space, a private-use character, ZWNJ in a name
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            last = problems[-1]
            problems[-1] = Diagnostic(last.path, last.line, last.column, last.code,
                                      f"{last.message} (the file has more such characters;"
                                      f" only the first {MAX_CHARACTER_PROBLEMS} are listed)")
            break
        problems.append(Diagnostic(display_path, line, column, *problem))
    return problems


def problem_in(text: str, index: int, escaped: bool = False) -> tuple[str, str] | None:
    """The code and message when ``text[index]`` must not appear there; the characters
    allowed in some places only are judged by their neighbours in ``text`` (a line):

    - a variation selector directly after a letter, digit, punctuation or symbol (not
      after a quote mark, a space, a mark or another variation selector: one at a time);
    - a zero-width joiner (U+200D) between two emoji: the character before it (past one
      U+FE0F or skin-tone modifier U+1F3FB to U+1F3FF) and the one after it are symbols
      (category So) or in the emoji blocks U+1F000 to U+1FAFF, as in 👩‍💻;
    - a zero-width joiner or non-joiner (U+200C) between two letters or marks (category
      L* or M*) neither of them ASCII, as Persian and Indic scripts need them: می‌خواهم.

    Anywhere else (at either end of a text, by a space or an ASCII letter, doubled), they
    are refused as any other invisible character.
    """
    character = text[index]
    if _VARIATION_SELECTOR.match(character):
        if index > 0 and _is_base(text[index - 1]):
            return None
        return character_problem(character, escaped, why=(
            ": only one may follow a character, and a run of them can hide text"))
    if character in (_ZWJ, _ZWNJ) and 0 < index < len(text) - 1:
        before, after = text[index - 1], text[index + 1]
        if _is_joinable_letter(before) and _is_joinable_letter(after):
            return None
        if character == _ZWJ and _is_emoji(after):
            trimmed = _EMOJI_TRIM.sub("", text[max(0, index - 3):index])
            if trimmed and _is_emoji(trimmed[-1]):
                return None
    return character_problem(character, escaped)


def _is_base(character: str) -> bool:
    """A character a variation selector may follow."""
    return unicodedata.category(character)[0] in "LNPS" and character not in "\"'" \
        and character not in _BLANK_LOOKING


def _is_joinable_letter(character: str) -> bool:
    return (character > "\x7f" and unicodedata.category(character)[0] in "LM"
            and character not in _BLANK_LOOKING
            and not _VARIATION_SELECTOR.match(character))


def _is_emoji(character: str) -> bool:
    # Emoji newer than Python's Unicode tables are unassigned there: the blocks count too.
    return character != "\u2800" and (unicodedata.category(character) == "So"
                                      or "\U0001f000" <= character <= "\U0001faff")


def character_problem(character: str, escaped: bool = False,
                       why: str | None = None) -> tuple[str, str] | None:
    """The code and message when ``character`` must not appear in an event file, whatever
    its neighbours (for those that depend on them, see problem_in).

    ``escaped``: the character was written as an escape in a double-quoted text. ``why``:
    the reason given for an invisible character, instead of the usual one.
    """
    category = unicodedata.category(character)
    fix = "remove it"
    # Written out, a CR was judged by character_problems; escaped, it is refused here.
    if category == "Cc" and character not in "\t\n":
        code, what, why = "EVT002", f"control character U+{ord(character):04X}", ""
    elif character in "\ufffe\uffff":  # not characters at all; YAML refuses them too
        code, what, why = "EVT002", f"noncharacter U+{ord(character):04X}", ""
    elif category == "Cs":
        # Only an escape can make one (UTF-8 has no surrogates), and no page can be
        # written with it: UTF-8 encoding fails.
        code, what = "EVT002", f"lone surrogate U+{ord(character):04X}"
        why = ": half of a UTF-16 pair, no character on its own"
        fix = ("write the character itself, or its \\U escape of 8 hex digits "
               "(\\U0001F600, not \\uD83D\\uDE00)")
    elif (category in _INVISIBLE_CATEGORIES or character in _BLANK_LOOKING
          or _VARIATION_SELECTOR.match(character)):
        name = unicodedata.name(character, "unnamed")
        code, what = "EVT050", f"invisible character U+{ord(character):04X} ({name})"
        why = ": it can hide or reorder text" if why is None else why
    else:
        return None
    if escaped:
        escape = f"\\u{ord(character):04X}" if ord(character) <= 0xFFFF else \
            f"\\U{ord(character):08X}"
        return code, (f"this text contains {what}, written as an escape "
                      f"({escape} or similar){why}; {fix}")
    return code, f"{what} is not allowed{why}; delete it"
