"""``timeline init DIR``: its flags, the questions it asks in a terminal, and what it prints.

What the project holds and how it is written (all of it or nothing) is in tools/init.py.
With ``--name`` given, or when the input is not a terminal, nothing is asked: the
description defaults to "A sourced timeline." and the repository address to none, and
``--name`` is required. In a terminal without ``--name``, the questions ask for the name
and for what the other flags did not give, each answer asked again until it is right.

Exit codes: 0 written; 1 the questions were cancelled (Ctrl-D); 2 a folder that cannot
hold the project, or a missing or wrong flag; 130 interrupted (Ctrl-C). Nothing is ever
written unless the exit code is 0.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from timeline.cli.new import INTERRUPTED, Ask
from timeline.tools.init import (
    DEFAULT_DESCRIPTION,
    Answers,
    Created,
    InitRefused,
    create_project,
    description_problem,
    name_problem,
    repo_url_problem,
    target_problem,
)


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser(
        "init", help="create a new timeline project",
        description="Create a new timeline project in DIR, a new or empty folder: the site's "
                    "mkdocs.yml, an example event and the registries, the schemas, the "
                    "documentation pages, a Makefile (`make serve`, `make test`) and the "
                    "GitHub workflow and forms. With --name, or when the input is not a "
                    "terminal, nothing is asked (and --name is required); in a terminal "
                    "without it, asks for the name and for what the other flags do not "
                    "give. Nothing is written unless all of it is.")
    init.add_argument("dir", type=Path, metavar="DIR",
                      help="the folder to create (or an empty one)")
    init.add_argument("--name", help="the site's name, e.g. \"The Example Timeline\"")
    init.add_argument("--description",
                      help=f'one sentence saying what it covers (default: "{DEFAULT_DESCRIPTION}")')
    init.add_argument("--repo-url", metavar="URL",
                      help="the repository's address, e.g. https://github.com/OWNER/REPO "
                           "(optional)")
    init.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        created = create(args, sys.stdin.isatty())
    except InitRefused as refused:
        print(refused.message, file=sys.stderr)
        return refused.code
    except (EOFError, KeyboardInterrupt) as stop:
        print("\ntimeline init: cancelled; nothing was written", file=sys.stderr)
        return INTERRUPTED if isinstance(stop, KeyboardInterrupt) else 1
    for line in created_messages(created):
        print(line)
    return 0


def create(args: argparse.Namespace, interactive: bool, ask: Ask = input) -> Created:
    """Check the folder first (so no question is answered in vain), then the flags or the
    answers, then write. Raises InitRefused when it stops without writing."""
    problem = target_problem(args.dir)
    if problem:
        raise InitRefused(problem)
    for flag, value, check in (("--name", args.name, name_problem),
                               ("--description", args.description, description_problem),
                               ("--repo-url", args.repo_url, repo_url_problem)):
        if value is not None and (problem := check(value)):
            raise InitRefused(f"timeline init: {flag}: {problem}; nothing was written")
    if args.name is None and not interactive:
        raise InitRefused("timeline init: --name is required when the input is not a "
                          "terminal; nothing was written")
    if args.name is not None:
        answers = Answers(args.name, args.description or DEFAULT_DESCRIPTION, args.repo_url)
    else:
        answers = _ask(args, ask)
    return create_project(args.dir, answers)


def _ask(args: argparse.Namespace, ask: Ask) -> Answers:
    name = _ask_until(ask, "Site name: ", name_problem)
    description = args.description
    if description is None:
        description = _ask_until(ask, f"Description (Enter for \"{DEFAULT_DESCRIPTION}\"): ",
                                 description_problem, DEFAULT_DESCRIPTION)
    repo_url = args.repo_url
    if repo_url is None:
        repo_url = _ask_until(ask, "Repository address, e.g. https://github.com/OWNER/REPO "
                                   "(Enter to skip): ", repo_url_problem, "")
    return Answers(name, description, repo_url or None)


def _ask_until(ask: Ask, prompt: str, problem_of: Callable[[str], str | None],
               default: str | None = None) -> str:
    """Ask until the answer has no problem, saying what was wrong each time."""
    while True:
        answer = ask(prompt).strip()
        if not answer and default is not None:
            return default
        problem = problem_of(answer)
        if not problem:
            return answer
        print(f"  {problem}")


def created_messages(created: Created) -> list[str]:
    target = created.target
    return [f"created {target} ({len(created.files)} files): a timeline with one example "
            "event, to replace with your own",
            "next:",
            f"  cd {shlex.quote(str(target))}",
            "  make serve    # the site at http://127.0.0.1:8000",
            "  make test     # validate the events, check their layout, build the site",
            "README.md says how to add events and publish the site."]
