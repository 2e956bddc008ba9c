"""The format's closed lists and name patterns, read from the JSON Schemas.

The schemas are the single source of truth: the statuses, actor kinds and relations are
their ``enum`` lists, and the patterns of dates, slugs and ids are their ``pattern``
strings, made into the regexes the checker and the tools match with; the length limits of a
lede are its ``minLength`` and ``maxLength``.
"""

from __future__ import annotations

import re

from timeline.format.schema import load_schema

_EVENT = load_schema("event")
_ACTORS = load_schema("actors")

# A retraction is no status: an event keeps its status and gains `retracted`.
STATUSES: tuple[str, ...] = tuple(_EVENT["properties"]["status"]["enum"])
ACTOR_KINDS: tuple[str, ...] = tuple(_ACTORS["additionalProperties"]["properties"]["kind"]
                                     ["enum"])
RELATIONS: tuple[str, ...] = tuple(_EVENT["$defs"]["related"]["properties"]["relation"]
                                   ["enum"])
# A listing's one sentence (an event's `lede`, else its summary's first sentence) is at most
# LEDE_MAX_LENGTH characters; a `lede` as written is at least LEDE_MIN_LENGTH.
LEDE_MIN_LENGTH: int = _EVENT["properties"]["lede"]["minLength"]
LEDE_MAX_LENGTH: int = _EVENT["properties"]["lede"]["maxLength"]


def pattern_body(schema_pattern: str) -> str:
    """A schema's anchored pattern as a regex part to match with ``fullmatch`` or to join
    into a larger regex: anchors dropped, groups made non-capturing.

    The schemas write digits as [0-9], not \\d: \\d also matches other scripts' digits
    ("２０２６", "٢٠٢٦"), so the Python regexes keep that meaning.
    """
    if not (schema_pattern.startswith("^") and schema_pattern.endswith("$")) \
            or "\\(" in schema_pattern or "(?" in schema_pattern:
        raise ValueError(f"not a simple anchored schema pattern: {schema_pattern}")
    return schema_pattern[1:-1].replace("(", "(?:")


# A date as it must be written (quoted or not): YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits.
DATE_BODY = pattern_body(_EVENT["properties"]["date"]["pattern"])
# The slug of an actor or a tag, and the words of an event id after its date.
SLUG_BODY = pattern_body(_ACTORS["propertyNames"]["pattern"])

# YAML 1.1 also reads 0x7EA, 03752, 33:46 and 2_026 as the integer 2026; those are refused
# as written.
WRITTEN_DATE = re.compile(DATE_BODY)
SLUG_PATTERN = re.compile(SLUG_BODY)
# An event id, <date>-<slug>: group 1 is the date part, group 2 the slug. The schema's own
# id pattern (duplicate_of, aliases) is the same without the groups; a test holds them equal.
ID_PATTERN = re.compile(f"({DATE_BODY})-({SLUG_BODY})")
