"""`timeline new`: a valid event file from flags, or from answers in a terminal."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import build_events, run_cli
from timeline.model.dates import PartialDate
from timeline.tools.new import parse_human_date, slug_from_title

SCHEMA_LINE = ("# yaml-language-server: "
               "$schema=../../schema/event.schema.json\n")
FLAGS = ("--events", "events", "--title", "Google forms a coding team", "--date",
         "21 April 2026", "--status", "reported", "--summary",
         "Google formed a team to improve Gemini's coding.", "--actor", "google-deepmind",
         "--actor", "gemini", "--tag", "coding-agents", "--source",
         "https://example.com/coding-team", "--source-title", "Google forms a coding team",
         "--publisher", "The Decoder")
EVENT_FROM_FLAGS = (
    SCHEMA_LINE + 'title: "Google forms a coding team"\ndate: "2026-04-21"\n'
    "status: reported\nsummary: |\n  Google formed a team to improve Gemini's coding.\n"
    "actors:\n  - google-deepmind\n  - gemini\ntags:\n  - coding-agents\nsources:\n"
    '  - title: "Google forms a coding team"\n'
    '    url: "https://example.com/coding-team"\n    publisher: "The Decoder"\n')
NEW_FILE = "events/2026/2026-04-21-google-forms-a-coding-team.yaml"
AMBIGUOUS = ('could be read day-first or month-first; write the month as a word, e.g. '
             '"21 April 2026", "April 2026", "2026" or "2026-04-21"')


def flags(**changes: str | None) -> list[str]:
    """FLAGS with some flags' values replaced (all their repeats), or dropped with None."""
    result: list[str] = []
    for flag, value in zip(FLAGS[::2], FLAGS[1::2], strict=True):
        name = flag.removeprefix("--").replace("-", "_")
        if name not in changes:
            result += [flag, value]
        elif changes[name] is not None and flag not in result:
            result += [flag, changes[name]]
    for name, value in changes.items():
        flag = f"--{name.replace('_', '-')}"
        if value is not None and flag not in result:
            result += [flag, value]
    return result


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def events(tmp_path, monkeypatch) -> Path:
    events = build_events(tmp_path)
    monkeypatch.chdir(tmp_path)
    return events


# -- from flags ------------------------------------------------------------------------------


def test_flags_alone_write_a_valid_event_in_the_canonical_layout(events, capsys):
    result = run_cli(capsys, "new", *FLAGS)

    assert (result.code, result.out, result.err) == (0, f"created {NEW_FILE}\n", "")
    assert Path(NEW_FILE).read_text(encoding="utf-8") == EVENT_FROM_FLAGS
    assert run_cli(capsys, "validate", "--events", "events").code == 0
    assert run_cli(capsys, "fmt", "--check", NEW_FILE).code == 0


@pytest.mark.parametrize(("written", "canonical"), [
    ("21 April 2026", "2026-04-21"),
    ("April 21, 2026", "2026-04-21"),
    ("2026-04-21", "2026-04-21"),
    ("April 2026", "2026-04"),
    ("Apr 2026", "2026-04"),
    ("2026-04", "2026-04"),
    ("2026", "2026"),
    ("6 May 2026", "2026-05-06"),
    ("May 2026", "2026-05"),
    ("1st May 2026", "2026-05-01"),
])
def test_a_human_date_is_written_at_the_precision_given(events, capsys, written, canonical):
    result = run_cli(capsys, "new", *flags(date=written))

    file = Path(f"events/2026/{canonical}-google-forms-a-coding-team.yaml")
    assert (result.code, result.out) == (0, f"created {file}\n")
    assert f'\ndate: "{canonical}"\n' in file.read_text(encoding="utf-8")


def test_precision_is_read_from_what_was_written_not_from_defaults():
    assert [parse_human_date(text) for text in ("1 January 2026", "January 2026", "2026")] \
        == [PartialDate(2026, 1, 1), PartialDate(2026, 1), PartialDate(2026)]


@pytest.mark.parametrize(("written", "message"), [
    ("someday", '--date "someday" is not a date; write e.g. "21 April 2026", "April 2026", '
                '"2026" or "2026-04-21"'),
    ("21 April", '--date "21 April" has no year; write e.g. "21 April 2026", "April 2026", '
                 '"2026" or "2026-04-21"'),
    ("04/05/2026", '--date "04/05/2026" could be read day-first or month-first; write the '
                   'month as a word, e.g. "21 April 2026", "April 2026", "2026" or '
                   '"2026-04-21"'),
    ("2026-02-30", '--date "2026-02-30": February 2026 has no day 30 (it has 28 days)'),
    # Digits alone are a guess (day or month first? which century?), however separated.
    *[(written, f'--date "{written}" {AMBIGUOUS}')
      for written in ("05/06/2026", "05-06-2026", "5 6 2026", "1 2 3", "2026/05/06",
                      "Monday 5 6 2026")],
    ("6 May 26", '--date "6 May 26" has no four-digit year; write e.g. "21 April 2026", '
                 '"April 2026", "2026" or "2026-04-21"'),
])
def test_a_date_that_cannot_be_read_is_refused_and_nothing_written(events, capsys, written,
                                                                   message):
    before = tree(events)

    result = run_cli(capsys, "new", *flags(date=written))

    assert (result.code, result.out, result.err) == (2, "", f"timeline new: {message}\n")
    assert tree(events) == before


def test_an_unknown_actor_is_refused_with_a_suggestion_and_nothing_written(events, capsys):
    before = tree(events)

    result = run_cli(capsys, "new", *flags(actor="deepmind"))

    assert (result.code, result.out) == (2, "")
    assert result.err == (
        'timeline new: unknown actor "deepmind" (did you mean "google-deepmind"?); use a '
        "slug registered in events/actors.yaml, or register a new one with --add-actor "
        "SLUG NAME KIND\n")
    assert tree(events) == before


def test_an_unknown_tag_is_refused_with_a_suggestion(events, capsys):
    result = run_cli(capsys, "new", *flags(tag="coding-agent"))

    assert (result.code, result.err) == (
        2, 'timeline new: unknown tag "coding-agent" (did you mean "coding-agents"?); use a '
           "slug registered in events/tags.yaml, or register a new one with --add-tag SLUG "
           "NAME DESCRIPTION\n")


def test_missing_required_flags_are_all_named_and_nothing_is_written(events, capsys):
    before = tree(events)

    result = run_cli(capsys, "new", "--events", "events", "--title", "A team",
                     "--tag", "coding-agents")

    assert (result.code, result.out, result.err) == (
        2, "", "timeline new: missing --date, --status, --summary, --actor, --source-title; "
               "give them as flags, or run timeline new in a terminal to be asked for them\n")
    assert tree(events) == before


def test_one_missing_flag_is_named_alone(events, capsys):
    result = run_cli(capsys, "new", *flags(status=None))

    assert (result.code, result.err) == (
        2, "timeline new: missing --status; give it as a flag, or run timeline new in a "
           "terminal to be asked for it\n")


def test_a_status_not_in_the_schema_is_refused(events, capsys):
    result = run_cli(capsys, "new", *flags(status="confirmd"))

    assert (result.code, result.err) == (
        2, 'timeline new: --status "confirmd" is not a status (did you mean "confirmed"?); '
           "use one of: reported, confirmed, disputed, denied\n")


def test_an_existing_event_is_never_overwritten(events, capsys):
    run_cli(capsys, "new", *FLAGS)
    Path(NEW_FILE).write_text("# mine\n", encoding="utf-8")

    result = run_cli(capsys, "new", *FLAGS)

    assert (result.code, result.out, result.err) == (
        1, "", f"timeline new: {NEW_FILE} already exists; edit that file, or choose another "
               "file name with --id SLUG\n")
    assert Path(NEW_FILE).read_text(encoding="utf-8") == "# mine\n"


def test_id_chooses_the_file_name_after_the_date(events, capsys):
    result = run_cli(capsys, "new", *flags(id="coding-team"))

    assert (result.code, result.out) == (0, "created events/2026/2026-04-21-coding-team.yaml\n")


def test_an_id_that_is_not_a_slug_is_refused(events, capsys):
    result = run_cli(capsys, "new", *flags(id="Coding Team"))

    assert (result.code, result.err) == (
        2, 'timeline new: --id "Coding Team" is not a slug; write lowercase ASCII words '
           'joined by single hyphens, e.g. "coding-team-formed"\n')


@pytest.mark.parametrize("given", ["", "  "])
def test_an_empty_id_is_the_ids_problem_not_the_titles(events, capsys, given):
    before = tree(events)

    result = run_cli(capsys, "new", *flags(id=given))

    assert (result.code, result.out, result.err) == (
        2, "", 'timeline new: --id is empty; write lowercase ASCII words joined by single '
               'hyphens, e.g. "coding-team-formed", or leave --id out to make it from the '
               "title\n")
    assert tree(events) == before


def test_an_invalid_id_is_named_even_when_the_title_has_no_ascii(events, capsys):
    result = run_cli(capsys, "new", *flags(title="日本語", id="Bad_Id"))

    assert (result.code, result.out, result.err) == (
        2, "", 'timeline new: --id "Bad_Id" is not a slug; write lowercase ASCII words '
               'joined by single hyphens, e.g. "coding-team-formed"\n')


def test_the_slug_comes_from_the_title_in_plain_ascii():
    assert slug_from_title("Brin's memo: “close the gap” in agentic exécution!") == \
        "brins-memo-close-the-gap-in-agentic-execution"


def test_an_event_the_validator_rejects_is_not_written_and_its_problems_are_shown(events,
                                                                                  capsys):
    before = tree(events)

    result = run_cli(capsys, "new", *flags(title="Google forms a <b>coding</b> team",
                                           id="coding-team"))

    assert result.code == 1
    assert result.out == (
        "events/2026/2026-04-21-coding-team.yaml:2:8: error: title contains HTML markup "
        '"<b>"; titles are plain text [EVT043]\n')
    assert result.err == (
        "timeline new: nothing was written; fix the problems above (their lines are those "
        "of the file that would have been written) and run the command again\n")
    assert tree(events) == before


def test_a_warning_is_shown_and_the_event_still_written(events, capsys):
    result = run_cli(capsys, "new", *flags(source=None))

    assert result.code == 0
    assert result.out == (
        f'{NEW_FILE}:13:5: warning: source "Google forms a coding team" has no url; add it '
        "if the article is online, or say why it has none in url_unavailable [EVT041]\n"
        f"created {NEW_FILE}\n")


def test_an_article_cited_before_gets_the_same_title_publisher_and_date(events, capsys):
    result = run_cli(capsys, "new", *flags(
        title="Gemini engineers told to use internal agents", date="June 2026",
        source="https://example.com/google-elite-team", source_title=None, publisher=None))

    file = "events/2026/2026-06-gemini-engineers-told-to-use-internal-agents.yaml"
    assert result.code == 0
    assert result.out == (
        "copied the source's title, publisher and publication date from "
        "events/2026/2026-04-21-base-event.yaml, which cites the same URL\n"
        f"created {file}\n")
    assert Path(file).read_text(encoding="utf-8").endswith(
        '  - title: "Google builds elite team to close the coding gap"\n'
        '    url: "https://example.com/google-elite-team"\n'
        '    publisher: "The Decoder"\n    published: "2026-04-21"\n')


# -- registering actors and tags -------------------------------------------------------------


def test_add_actor_registers_it_in_sorted_place_keeping_comments(events, capsys):
    (events / "actors.yaml").write_text(
        "# yaml-language-server: $schema=../schema/actors.schema.json\n"
        "# Organisations first.\n"
        'gemini:\n  name: "Gemini"\n  kind: product  # the model family\n'
        "# People.\n"
        'google-deepmind:\n  name: "Google DeepMind"\n  kind: organization\n'
        'sergey-brin:\n  name: "Sergey Brin"\n  kind: person\n'
        "# End of the registry.\n", encoding="utf-8")

    result = run_cli(capsys, "new", *flags(actor=None),
                     "--add-actor", "anthropic", "Anthropic", "organization",
                     "--add-actor", "jane-doe", "Jane Doe", "person")

    assert (result.code, result.out) == (
        0, 'registered actor "anthropic" in events/actors.yaml\n'
           'registered actor "jane-doe" in events/actors.yaml\n'
           f"created {NEW_FILE}\n")
    assert (events / "actors.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/actors.schema.json\n"
        'anthropic:\n  name: "Anthropic"\n  kind: organization\n'
        "# Organisations first.\n"
        'gemini:\n  name: "Gemini"\n  kind: product  # the model family\n'
        "# People.\n"
        'google-deepmind:\n  name: "Google DeepMind"\n  kind: organization\n'
        'jane-doe:\n  name: "Jane Doe"\n  kind: person\n'
        'sergey-brin:\n  name: "Sergey Brin"\n  kind: person\n'
        "# End of the registry.\n")
    assert "actors:\n  - anthropic\n  - jane-doe\n" in Path(NEW_FILE).read_text(
        encoding="utf-8")


def test_add_tag_registers_it_with_its_description(events, capsys):
    result = run_cli(capsys, "new", *flags(), "--add-tag", "talent", "Talent",
                     "Researchers joining or leaving AI labs")

    assert result.code == 0
    assert (events / "tags.yaml").read_text(encoding="utf-8").endswith(
        'competition:\n  name: "Competition"\n  description: "Rivalry between AI labs"\n'
        'talent:\n  name: "Talent"\n  description: "Researchers joining or leaving AI labs"\n')
    assert "tags:\n  - coding-agents\n  - talent\n" in Path(NEW_FILE).read_text(
        encoding="utf-8")


def test_add_actor_refuses_a_registered_slug_and_an_unknown_kind(events, capsys):
    before = tree(events)

    result = run_cli(capsys, "new", *flags(), "--add-actor", "gemini", "Gemini", "model")

    assert (result.code, result.err) == (
        2, 'timeline new: --add-actor gemini: the actor "gemini" is already registered as '
           '"Gemini"; name it with --actor gemini\n'
           'timeline new: --add-actor gemini: kind "model" is not one of person, '
           "organization or product\n")
    assert tree(events) == before


# -- in a terminal ---------------------------------------------------------------------------


def run_in_terminal(cwd: Path, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run `timeline new` with a real pseudo-terminal as its input and output, typing
    ``answers`` ahead (the terminal keeps them until each question reads its line)."""
    controller, terminal = os.openpty()
    process = subprocess.Popen([sys.executable, "-m", "timeline", "new", *args], cwd=cwd,
                               stdin=terminal, stdout=terminal, stderr=terminal,
                               close_fds=True)
    os.close(terminal)
    os.write(controller, "".join(f"{answer}\n" for answer in answers).encode())
    output = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:  # waiting for an answer never typed: fail instead of hanging
            process.kill()
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    return process.wait(timeout=60), output.decode().replace("\r\n", "\n")


def test_in_a_terminal_it_asks_for_each_missing_field_and_registers_a_new_actor(events):
    code, output = run_in_terminal(events.parent, ["--events", "events"], [
        "Google forms a coding team",          # Title
        "someday",                             # Date: not a date, asked again
        "21 April 2026",
        "reported",                            # Status
        "Google formed a team.",               # Summary, two lines and an empty one
        "It works on Gemini's coding.",
        "",
        "google-deepmind, new-lab",            # Actors: new-lab is not registered
        "y",                                   # register it
        "New Lab",                             #   Name
        "organisation",                        #   Kind: misspelt, asked again
        "organization",
        "",                                    #   Description: skipped
        "coding-agents",                       # Tags
        "https://example.com/coding-team",     # Source URL
        "Google forms a coding team",          # Source title
        "The Decoder",                         # Publisher
    ])

    assert code == 0, output
    for question in ("Title: ", "Date (e.g. 21 April 2026, April 2026 or 2026; no more "
                     "precise than the sources): ", "Status (reported, confirmed, disputed, "
                     "denied): ", "Actors (slugs, separated by commas): ",
                     '"new-lab" is not a registered actor. Register it? [y/N] ',
                     "  Kind (person, organization, product): ",
                     "Source URL (Enter if the article is not online): "):
        assert question in output
    assert '  "someday" is not a date; write e.g.' in output
    assert ('  new-lab.kind is "organisation" (did you mean "organization"?); use one of: '
            "person, organization, product [EVT013]\n") in output
    assert output.endswith('registered actor "new-lab" in events/actors.yaml\n'
                           f"created {NEW_FILE}\n")
    assert (events.parent / NEW_FILE).read_text(encoding="utf-8") == (
        SCHEMA_LINE + 'title: "Google forms a coding team"\ndate: "2026-04-21"\n'
        "status: reported\nsummary: |\n  Google formed a team.\n"
        "  It works on Gemini's coding.\nactors:\n  - google-deepmind\n  - new-lab\n"
        "tags:\n  - coding-agents\nsources:\n  - title: \"Google forms a coding team\"\n"
        '    url: "https://example.com/coding-team"\n    publisher: "The Decoder"\n')
    assert 'new-lab:\n  name: "New Lab"\n  kind: organization\nsergey-brin:' in \
        (events / "actors.yaml").read_text(encoding="utf-8")


def test_in_a_terminal_flags_given_are_not_asked_again(events):
    code, output = run_in_terminal(events.parent, flags(status=None, tag=None), [
        "confirmed",  # Status
        "",           # Tags: none
    ])

    assert code == 0, output
    assert "Title: " not in output and "Source URL" not in output
    assert output.endswith(f"created {NEW_FILE}\n")
    assert "status: confirmed\n" in (events.parent / NEW_FILE).read_text(encoding="utf-8")


def test_stopping_the_questions_writes_nothing(events):
    before = tree(events)

    code, output = run_in_terminal(events.parent, ["--events", "events"],
                                   ["A title", "\x04"])  # then Ctrl-D at the date

    assert code == 1
    assert output.endswith("timeline new: cancelled; nothing was written\n")
    assert tree(events) == before


# -- an events folder with odd things in it ------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_events_folder_is_skipped_not_opened(events, capsys):
    os.mkfifo(events / "2026" / "a-pipe.yaml")
    os.mkfifo(events / "notes")

    result = run_cli(capsys, "new", *FLAGS)

    assert (result.code, result.out, result.err) == (0, f"created {NEW_FILE}\n", "")
    assert Path(NEW_FILE).read_text(encoding="utf-8") == EVENT_FROM_FLAGS


def test_an_unreadable_event_file_is_named_and_nothing_written(events, capsys, monkeypatch):
    blocked = events / "2026" / "2026-04-21-base-event.yaml"
    before = tree(events)
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):  # chmod 000 does not stop root
        if self.resolve() == blocked.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)

    result = run_cli(capsys, "new", *FLAGS)
    monkeypatch.undo()

    assert (result.code, result.out, result.err) == (
        1, "", "timeline new: cannot read events/2026/2026-04-21-base-event.yaml (Permission "
               "denied), which the new event is checked against; make it readable and run "
               "the command again; nothing was written\n")
    assert tree(events) == before


def test_a_folder_that_cannot_be_listed_is_named_and_nothing_written(events, capsys,
                                                                    monkeypatch):
    blocked = events / "2026"
    real_scandir = os.scandir

    def refusing_scandir(path="."):  # the validator's walk would pass over it
        if Path(path).resolve() == blocked.resolve():
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)

    result = run_cli(capsys, "new", *FLAGS)

    assert (result.code, result.out, result.err) == (
        1, "", "timeline new: cannot read events/2026 (Permission denied), which the new "
               "event is checked against; make it readable and run the command again; "
               "nothing was written\n")
    assert not Path(NEW_FILE).exists()


def test_an_unreadable_registry_being_added_to_is_named(events, capsys, monkeypatch):
    registry = events / "tags.yaml"
    real_read_text = Path.read_text

    def refusing_read_text(self, *args, **kwargs):
        if self.resolve() == registry.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refusing_read_text)

    result = run_cli(capsys, "new", *flags(tag=None),
                     "--add-tag", "new-tag", "New tag", "A new tag.")

    assert (result.code, result.out, result.err) == (
        1, "", "timeline new: cannot read events/tags.yaml (Permission denied); make it a "
               "readable UTF-8 file and run the command again; nothing was written\n")


def refuse_writing_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make temporary files in ``folder`` fail as in a read-only folder (root ignores the
    mode bits, so chmod alone proves nothing when the tests run as root)."""
    import tempfile

    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def test_a_read_only_year_folder_is_a_clear_error_and_nothing_is_written(events, capsys,
                                                                        monkeypatch):
    refuse_writing_in(monkeypatch, Path("events/2026"))
    before = tree(events)

    result = run_cli(capsys, "new", *FLAGS)

    assert (result.code, result.out, result.err) == (
        1, "", f"timeline new: cannot write {NEW_FILE} (Permission denied); make "
               "events/2026 writable and run the command again; nothing was written\n")
    assert tree(events) == before
    assert not list(events.rglob(".*.tmp"))


def test_a_failed_event_write_leaves_the_registry_untouched(events, capsys, monkeypatch):
    refuse_writing_in(monkeypatch, Path("events/2026"))
    before = tree(events)

    result = run_cli(capsys, "new", *flags(tag=None),
                     "--add-tag", "new-tag", "New tag", "A new tag.")

    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"timeline new: cannot write {NEW_FILE} (Permission")
    assert tree(events) == before  # tags.yaml is not half-updated without the event
    assert not list(events.rglob(".*.tmp"))


def test_a_new_year_folder_is_removed_again_when_the_write_fails(events, capsys,
                                                                monkeypatch):
    refuse_writing_in(monkeypatch, Path("events/2025"))

    result = run_cli(capsys, "new", *flags(date="2025"))

    assert (result.code, result.out, result.err) == (
        1, "", "timeline new: cannot write events/2025/2025-google-forms-a-coding-team.yaml "
               "(Permission denied); make events/2025 writable and run the command again; "
               "nothing was written\n")
    assert not (events / "2025").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes in a read-only folder")
def test_a_really_read_only_year_folder(events, capsys):
    year = events / "2026"
    year.chmod(0o555)
    try:
        result = run_cli(capsys, "new", *FLAGS)
    finally:
        year.chmod(0o755)

    assert (result.code, result.out, result.err) == (
        1, "", f"timeline new: cannot write {NEW_FILE} (Permission denied); make "
               "events/2026 writable and run the command again; nothing was written\n")
    assert not Path(NEW_FILE).exists()


def test_a_plain_file_where_the_year_folder_belongs_is_named(events, capsys):
    (events / "2025").write_text("not a folder\n", encoding="utf-8")
    before = tree(events)

    result = run_cli(capsys, "new", *flags(date="2025"))

    assert (result.code, result.out, result.err) == (
        1, "", "timeline new: events/2025 is a file, but the events of 2025 belong in a "
               "folder of that name; move or rename that file and run the command again\n")
    assert tree(events) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_registry_that_cannot_be_read_is_named_not_every_slug(events, capsys):
    (events / "actors.yaml").unlink()
    os.mkfifo(events / "actors.yaml")

    result = run_cli(capsys, "new", *FLAGS)

    assert (result.code, result.out, result.err) == (
        1, "", "timeline new: events/actors.yaml:1:1: error: not a regular file (a pipe, "
               "socket or device?); commit the event as a plain text file [EVT002]; fix it "
               "and run the command again; nothing was written\n")
