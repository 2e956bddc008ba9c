"""The rules across files: ids, references between events, shared sources, aliases,
outlet pages and likely duplicates, checked once every file has had its own rules."""

from __future__ import annotations

from typing import Any

from timeline.check.duplicates import WINDOW, Candidate, LikelyDuplicate, find_likely_duplicates
from timeline.check.state import CheckRun, EventFile, aliases_of, outlets_of, sources_of, text_at
from timeline.format.diagnostics import Diagnostic, did_you_mean, shortened
from timeline.model.records import outlet_slug_of

# At most this many likely-duplicate warnings per file, then one line counting the rest:
# 800 near-copies of one event would otherwise print 319,600 warnings.
MAX_DUPLICATE_WARNINGS = 5


def check_duplicate_ids(run: CheckRun) -> None:
    """Each id (a file's name) belongs to one file."""
    by_id: dict[str, list[EventFile]] = {}
    for entry in run.files:
        by_id.setdefault(entry.id, []).append(entry)
    for entries in by_id.values():
        for entry in entries if len(entries) > 1 else []:
            others = ", ".join(e.display for e in entries if e is not entry)
            run.whole_file(entry, "EVT027", f'id "{entry.id}" is also used by {others}; '
                           "ids must be unique, rename one of the files")


def check_related(run: CheckRun) -> None:
    """Each related event exists (or is named by its former id, with the new one given)."""
    ids = {entry.id for entry in run.files}
    entries = {entry.id: entry for entry in run.files}
    for entry in run.valid_documents():
        related = entry.document.data.get("related")
        relations: dict[str, tuple[str, int]] = {}
        for index, link in enumerate(related if isinstance(related, list) else []):
            target = link.get("event") if isinstance(link, dict) else None
            path = ("related", index, "event")
            if not isinstance(target, str) or path in entry.bad_paths:
                continue
            if target in ids:
                check_related_link(run, entry, index, link, entries[target], relations)
                continue
            renamed = run.alias_owners.get(target)
            message = f'related event "{target}" was renamed to "{renamed.id}"; write ' \
                f'"{renamed.id}"' if renamed else \
                f'related event "{shortened(target)}" does not exist' + run.hint(
                    entry, "related event", lambda target=target: did_you_mean(target, ids))
            run.report(entry.document.diagnostic(path, "EVT032", message))


def check_related_link(run: CheckRun, entry: EventFile, index: int, link: dict,
                       target: EventFile, relations: dict[str, tuple[str, int]]
                       ) -> None:
    """A link to an existing event: not to itself, one way in time, to a kept event."""
    path = ("related", index, "event")
    if target is entry:
        run.report(entry.document.diagnostic(
            path, "EVT057", f'related event "{target.id}" is this event itself; link '
            "to another event, or remove the link"))
        return
    relation = link.get("relation")
    if isinstance(relation, str) and ("related", index, "relation") \
            not in entry.bad_paths:
        opposite = {"follows": "followed-by", "followed-by": "follows"}.get(relation)
        earlier = relations.get(target.id)
        if earlier and earlier[0] == opposite:
            run.report(entry.document.diagnostic(
                ("related", index, "relation"), "EVT057", f'related event "{target.id}" '
                f"is linked as {relation} here but as {opposite} at related[{earlier[1]}]; "
                "an event cannot both follow and precede another, keep the right one"))
        relations.setdefault(target.id, (relation, index))
    kept = text_at(target, "duplicate_of") if target.document else None
    if kept is not None:
        run.report(entry.document.diagnostic(
            path, "EVT058", f'related event "{target.id}" is marked as a duplicate of '
            f'"{kept}"; link to the kept event instead: event: {kept}'))


def check_shared_sources(run: CheckRun) -> None:
    """One article cited by several events must be described the same way everywhere."""
    first_seen: dict[str, tuple[EventFile, int, dict]] = {}
    for entry in run.valid_documents():
        for index, source in sources_of(entry.document.data):
            url = source.get("url")
            if not isinstance(url, str):
                continue
            if url not in first_seen:
                first_seen[url] = (entry, index, source)
                continue
            other, other_index, reference = first_seen[url]
            for key in ("title", "publisher", "published"):
                if source.get(key) != reference.get(key):
                    # Reported in both files, so checking either one alone shows it.
                    report_conflict(run, entry, index, source, other, other_index,
                                    reference, key)
                    report_conflict(run, other, other_index, reference, entry, index,
                                    source, key)


def report_conflict(run: CheckRun, entry: EventFile, index: int, source: dict,
                    other: EventFile, other_index: int, reference: dict,
                    key: str) -> None:
    """Report, in ``entry``, where its description of a shared source differs."""
    where = other.document.value_position(("sources", other_index, key))
    run.report(entry.document.diagnostic(
        ("sources", index, key) if key in source else ("sources", index),
        "EVT042", f"sources[{index}].{key} is {_shown(source.get(key))} but "
        f"{other.display}:{where.line} cites the same url with "
        f"{key} {_shown(reference.get(key))}; make them the same"))


def check_duplicate_of(run: CheckRun) -> None:
    """``duplicate_of`` names the event to keep: another existing event, itself kept."""
    entries = {entry.id: entry for entry in run.files}
    for entry in run.valid_documents():
        target = text_at(entry, "duplicate_of")
        problem = None if target is None else \
            duplicate_of_problem(run, entry, target, entries)
        if problem:
            run.report(entry.document.diagnostic(("duplicate_of",), "EVT046", problem))


def duplicate_of_problem(run: CheckRun, entry: EventFile, target: str,
                         entries: dict[str, EventFile]) -> str | None:
    """What is wrong with ``duplicate_of: target``, or None."""
    if target == entry.id:
        return "duplicate_of names this event itself; write the id of the other " \
               "event, the one to keep"
    if target not in entries:
        renamed = run.alias_owners.get(target)
        if renamed:
            return f'duplicate_of "{target}" is a former id of "{renamed.id}"; write ' \
                   f'its current id "{renamed.id}"'
        return f'duplicate_of "{shortened(target)}" is not an event' \
               f"{did_you_mean(target, entries)}; write the id of the event to keep"
    kept = entries[target]
    onward = text_at(kept, "duplicate_of") if kept.document else None
    if onward == entry.id:
        return f'duplicate_of "{target}", but {kept.display} is marked as a duplicate of ' \
               "this event; keep one of the two and remove its duplicate_of"
    if onward is not None:
        return f'duplicate_of "{target}", which is itself a duplicate of "{onward}"; ' \
               f'write "{onward}", the event that is kept'
    return None


def check_aliases(run: CheckRun) -> None:
    """Former ids keep old addresses working, so each must lead to exactly one event."""
    ids = {entry.id: entry for entry in run.files}
    holders: dict[str, list[tuple[EventFile, int]]] = {}
    for entry in run.valid_documents():
        listed: set[str] = set()
        for index, alias in aliases_of(entry):
            if alias == entry.id:
                problem = f'alias "{alias}" is this event\'s own id; list only former ids'
            elif alias in ids:
                problem = f'alias "{alias}" is the id of {ids[alias].display}; list ' \
                          "only former ids that no file has any more"
            elif alias in listed:
                problem = f'alias "{alias}" is listed twice; keep one'
            else:
                listed.add(alias)
                holders.setdefault(alias, []).append((entry, index))
                continue
            run.report(entry.document.diagnostic(("aliases", index), "EVT047", problem))
    for alias, places in holders.items():
        for entry, index in places if len(places) > 1 else []:
            others = ", ".join(other.display for other, _ in places if other is not entry)
            run.report(entry.document.diagnostic(
                ("aliases", index), "EVT047", f'alias "{alias}" is also an alias of '
                f"{others}; a former id can lead to one event only, so keep it on the "
                "event that had it"))


def check_outlet_slugs(run: CheckRun) -> None:
    """Each outlet page belongs to one outlet: two names, one slug, one page lost. The
    names are the sources' publishers and the outlets they relay (via)."""
    by_slug: dict[str, dict[str, tuple[EventFile, int, str]]] = {}
    for entry in run.valid_documents():
        for index, key, name in outlets_of(entry):
            names = by_slug.setdefault(outlet_slug_of(name), {})
            names.setdefault(name, (entry, index, key))  # first place it is written
    for slug, names in by_slug.items():
        if len(names) < 2:
            continue
        # Reported at the first place of each name, so checking either file shows it.
        for name, (entry, index, key) in names.items():
            others = "; ".join(
                f'"{other}" ({where.display}:'
                f'{where.document.value_position(("sources", at, field)).line})'
                for other, (where, at, field) in names.items() if other != name)
            run.report(entry.document.diagnostic(
                ("sources", index, key), "EVT055", f'sources[{index}].{key} '
                f'"{name}" and {others} would share the outlet page '
                f"sources/{slug}.md; write the same outlet the same way everywhere, "
                "or tell different outlets apart by name"))


def key_events_allowed(listed: int) -> int:
    """How many of ``listed`` events may be key: one in ten, and one in any timeline."""
    return max(1, listed // 10)


def check_key_events(run: CheckRun) -> None:
    """At most one in ten listed events is a key development; over that, every key event is
    reported (at its `key:` line, in path order), since which to unmark is an editor's call.
    A file marked `duplicate_of` is not listed: it neither counts nor is shown as key."""
    listed = [entry for entry in run.valid_documents()
              if "duplicate_of" not in entry.document.data]
    keys = [entry for entry in listed if entry.document.data.get("key") is True
            and ("key",) not in entry.bad_paths]
    allowed = key_events_allowed(len(listed))
    if len(keys) <= allowed:
        return
    for entry in keys:
        where = entry.document.key_position(("key",))
        run.report(Diagnostic(
            entry.display, where.line, where.column, "EVT063",
            f"{len(keys)} of the {len(listed)} listed events are marked `key: true`, and at "
            f"most {allowed} may be (one in ten listed events, and one in any timeline); "
            "unmark the least central, or add more events"))


def check_likely_duplicates(run: CheckRun) -> None:
    """Warn once per pair of events that are probably one event written twice.

    Files with errors of their own are left out: fix them first, then compare."""
    broken = {diagnostic.path for diagnostic in run.diagnostics if diagnostic.is_error}
    by_path: dict[str, tuple[EventFile, Candidate]] = {}
    for entry in run.valid_documents():
        if entry.display in broken:
            continue
        if (candidate := _duplicate_candidate(entry)) is not None:
            by_path[candidate.path] = (entry, candidate)
    pairs = find_likely_duplicates(candidate for _, candidate in by_path.values())
    found: dict[str, list[Diagnostic]] = {}  # per later file
    for pair in pairs:
        later = by_path[pair.later.path][0]
        warnings = found.setdefault(later.display, [])
        if len(warnings) < MAX_DUPLICATE_WARNINGS:
            warnings.append(likely_duplicate(later, by_path[pair.earlier.path][0], pair))
        else:
            warnings.append(None)  # counted, not shown
    for path, warnings in found.items():
        shown = [warning for warning in warnings if warning is not None]
        run.diagnostics.extend(shown)
        if len(warnings) > len(shown):
            more = len(warnings) - len(shown)
            # At the last warning's place: "…" sorts after the words of the others.
            last = max(shown, key=Diagnostic.sort_key)
            run.report(Diagnostic(
                path, last.line, last.column, "EVT045",
                f"… and {more} more likely duplicate{'s' if more > 1 else ''} of this "
                "event, not listed; settle those shown first"))


def likely_duplicate(later: EventFile, earlier: EventFile, pair: LikelyDuplicate
                     ) -> Diagnostic:
    """The warning for ``later``, likely a second telling of ``earlier``."""
    if pair.same_sources:
        key, alike = "sources", f"the same sources as {earlier.display}, a similar title"
    else:
        key, alike = "title", f"nearly the same title as {earlier.display}"
    where = later.document.key_position((key,))
    return Diagnostic(
        later.display, where.line, where.column, "EVT045",
        f"{alike} and a date within {WINDOW.days} days of it: likely the same event; if "
        "so, keep one and mark the other `duplicate_of: <id of the kept one>` (e.g. add "
        f"`duplicate_of: {earlier.id}` here), otherwise link them with `related`")


def _shown(value: Any) -> str:
    return "missing" if value is None else f'"{value}"'


def _duplicate_candidate(entry: EventFile) -> Candidate | None:
    """What the duplicate search compares; None for events it must leave alone (already
    marked duplicate_of, or with no usable title or date)."""
    data = entry.document.data
    title = text_at(entry, "title")
    if entry.start is None or title is None or "duplicate_of" in data:
        return None
    sources = data.get("sources")
    related = data.get("related")
    return Candidate(
        path=entry.relative, id=entry.id, title=title,
        first_day=entry.start.first_day, last_day=entry.start.last_day,
        source_urls=frozenset(s["url"] for s in sources if isinstance(s, dict)
                              and isinstance(s.get("url"), str))
        if isinstance(sources, list) else frozenset(),
        linked=frozenset(link["event"] for link in related if isinstance(link, dict)
                         and isinstance(link.get("event"), str))
        if isinstance(related, list) else frozenset())
