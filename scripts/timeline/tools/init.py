"""`timeline init`: a new, complete timeline project in a new or empty folder.

The project is made from the starter files shipped in the package (``timeline/starter/``)
and the JSON Schemas of ``timeline/format/schema/``. Starter files are plain files copied
as they are, except:

- a file whose name ends in ``.tmpl`` is a ``string.Template``, filled in with the
  answers (the site's name, description and repository address, each already written as
  the file's language needs it) and the generator's version, and written without the
  suffix; every other file is copied byte for byte, so a GitHub workflow's
  ``${{ github.repository }}`` or a theme override's ``{{ config.site_name }}`` is never
  touched (the standard library's templates, because Jinja is a dependency of the site
  extra only, and ``timeline init`` is a command of the core);
- a path component starting with ``dot-`` is written with a dot instead (``dot-github/``
  becomes ``.github/``): packaging tools leave dotfiles out of a package's data, so the
  starter stores none.

Nothing is half-written: everything is written into a temporary folder first (beside a new
project folder, or hidden inside an existing empty one) and moved into place at the end; a
failure removes what was written. This module returns results and raises ``InitRefused``;
cli/init.py asks the questions and prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import string
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files as package_files
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlsplit

from timeline import __version__

DEFAULT_DESCRIPTION = "A sourced timeline."
MAX_NAME_LENGTH = 100
MAX_DESCRIPTION_LENGTH = 300
TEMPLATE_SUFFIX = ".tmpl"
DOT_PREFIX = "dot-"
SCHEMAS = ("event", "actors", "tags")
# The example event of the starter, which the README names.
EXAMPLE_EVENT = "2026/2026-03-10-example-labs-releases-example-coder.yaml"
# What may already be in the folder: a clone of an empty repository holds only .git.
ALLOWED_ENTRIES = frozenset({".git"})
# Characters Markdown reads as markup anywhere in a line, and at its start.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]])")
_MARKDOWN_LINE_START = re.compile(r"^([#>+-]|\d+\.)")


class InitRefused(Exception):
    """Nothing was written; ``message`` says why, ``code`` is the exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Answers:
    """What the new site is called and where it is kept."""

    name: str
    description: str = DEFAULT_DESCRIPTION
    repo_url: str | None = None


@dataclass(frozen=True)
class Created:
    """The project written: its folder and its files (relative POSIX paths, sorted)."""

    target: Path
    files: tuple[str, ...]


# -- the answers -----------------------------------------------------------------------------


def name_problem(text: str) -> str | None:
    """What is wrong with a site name, if anything."""
    return _line_problem("the site's name", text, MAX_NAME_LENGTH)


def description_problem(text: str) -> str | None:
    """What is wrong with a site description, if anything."""
    return _line_problem("the description", text, MAX_DESCRIPTION_LENGTH)


def repo_url_problem(text: str) -> str | None:
    """What is wrong with a repository address (empty is fine: it is optional)."""
    text = text.strip()
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 address
        parts = urlsplit("")
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname \
            or any(character.isspace() or character in '<>"`' for character in text):
        return (f'the repository address "{text}" is not a web address; write it in full, '
                "e.g. https://github.com/OWNER/REPO")
    if not parts.path.strip("/") or parts.query or parts.fragment:
        return (f'the repository address "{text}" names no repository; write e.g. '
                "https://github.com/OWNER/REPO")
    return None


def normalized_repo_url(text: str | None) -> str | None:
    """The address as the site's links need it: no trailing slash, no ``.git``."""
    if not text or not text.strip():
        return None
    return text.strip().rstrip("/").removesuffix(".git")


def answer_problems(answers: Answers) -> list[str]:
    """Every problem of the answers, one message each."""
    problems = [name_problem(answers.name), description_problem(answers.description),
                repo_url_problem(answers.repo_url or "")]
    return [problem for problem in problems if problem]


def _line_problem(what: str, text: str, limit: int) -> str | None:
    text = text.strip()
    if not text:
        return f"{what} is empty"
    if any(unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") for character in text):
        return f"{what} must be one line of text, with no control or invisible characters"
    if len(text) > limit:
        return f"{what} is {len(text)} characters long; keep it to {limit}"
    return None


# -- the folder ------------------------------------------------------------------------------


def target_problem(target: Path) -> str | None:
    """Why ``target`` cannot hold a new project, if it cannot: it must be a new folder in
    an existing one, or an empty folder (one holding only ``.git`` counts as empty)."""
    if os.path.lexists(target) and not target.is_dir():
        return f"timeline init: {target} exists and is not a folder; nothing was written"
    if target.is_dir():
        try:
            entries = sorted(entry.name for entry in target.iterdir())
        except OSError as error:
            return f"timeline init: cannot read {target}: {error.strerror}; nothing was written"
        extra = [name for name in entries if name not in ALLOWED_ENTRIES]
        if extra:
            shown = ", ".join(extra[:3]) + (", …" if len(extra) > 3 else "")
            return (f"timeline init: {target} is not empty (it holds {shown}); give a new "
                    "or empty folder; nothing was written")
        return None
    parent = target.absolute().parent
    if not parent.is_dir():
        return (f"timeline init: the folder {parent} does not exist; create it first, or give "
                "a folder inside an existing one; nothing was written")
    return None


# -- the files -------------------------------------------------------------------------------


def starter_root() -> Traversable:
    return package_files("timeline") / "starter"


def project_files(answers: Answers) -> dict[str, bytes]:
    """Every file of the new project, by its path relative to the project's folder."""
    values = template_values(answers)
    planned: dict[str, bytes] = {}
    for parts, resource in _walk(starter_root(), ()):
        relative = "/".join(_undotted(part) for part in parts)
        if relative.endswith(TEMPLATE_SUFFIX):
            template = string.Template(resource.read_text(encoding="utf-8"))
            planned[relative.removesuffix(TEMPLATE_SUFFIX)] = \
                template.substitute(values).encode("utf-8")
        else:
            planned[relative] = resource.read_bytes()
    for kind in SCHEMAS:
        schema = package_files("timeline.format") / "schema" / f"{kind}.schema.json"
        planned[f"schema/{kind}.schema.json"] = schema.read_bytes()
    return dict(sorted(planned.items()))


def template_values(answers: Answers) -> dict[str, str]:
    """What the templates' placeholders stand for, each written for where it goes."""
    name, description = answers.name.strip(), answers.description.strip()
    repo_url = normalized_repo_url(answers.repo_url)
    return {
        "name_yaml": yaml_text(name),
        "name_markdown": markdown_text(name),
        "description_yaml": yaml_text(description),
        "description_markdown": markdown_text(description),
        "lede_yaml": yaml_text(lede(description)),
        "suggest_description_yaml": yaml_text(f"Something happened that {name} is missing."),
        "repo_url_in_parentheses": f" ({repo_url})" if repo_url else "",
        "repo_url_sentence": f"\nThe repository is at <{repo_url}>." if repo_url else "",
        "pages_settings_sentence":
            f"\nFor this repository, that is <{repo_url}/settings/pages>." if repo_url else "",
        "version": __version__,
        "example_event": EXAMPLE_EVENT,
    }


def lede(description: str) -> str:
    """The description as the home page's opening words, which the page continues with
    ": N events, each with its sources": without its final full stop."""
    return description.rstrip(". ") or description


def _walk(folder: Traversable, parts: tuple[str, ...]
          ) -> Iterator[tuple[tuple[str, ...], Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _walk(entry, (*parts, entry.name))
        else:
            yield (*parts, entry.name), entry


def _undotted(part: str) -> str:
    return "." + part.removeprefix(DOT_PREFIX) if part.startswith(DOT_PREFIX) else part


def yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def markdown_text(value: str) -> str:
    """``value`` as Markdown text that shows exactly those characters."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", value.replace("&", "&amp;").replace("<", "&lt;"))
    return _MARKDOWN_LINE_START.sub(lambda match: match.group(1)[:-1] + "\\"
                                    + match.group(1)[-1], escaped)


# -- writing ---------------------------------------------------------------------------------


def create_project(target: Path, answers: Answers) -> Created:
    """Write the new project into ``target``, all of it or nothing.

    Raises InitRefused (code 2) for a folder that cannot hold it or for wrong answers.
    """
    problems = answer_problems(answers)
    if problems:
        raise InitRefused("timeline init: " + "; ".join(problems) + "; nothing was written")
    problem = target_problem(target)
    if problem:
        raise InitRefused(problem)
    planned = project_files(answers)
    if target.is_dir():
        _write_into_empty_folder(target, planned)
    else:
        _write_new_folder(target, planned)
    return Created(target, tuple(planned))


def _write_new_folder(target: Path, planned: dict[str, bytes]) -> None:
    """Write into a temporary folder beside ``target``, then rename it to ``target``."""
    parent = target.absolute().parent
    temporary = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        _write_files(temporary, planned)
        os.chmod(temporary, 0o777 & ~_umask())
        if os.path.lexists(target):  # made by someone else meanwhile: never replace it
            raise InitRefused(f"timeline init: {target} appeared while the project was being "
                              "written; nothing was written")
        os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _write_into_empty_folder(target: Path, planned: dict[str, bytes]) -> None:
    """Write into a hidden temporary folder inside ``target``, then move each top-level
    entry up. The folder itself stays (it may be the current folder of a shell). If a move
    fails, what was moved is removed again."""
    temporary = Path(tempfile.mkdtemp(dir=target, prefix=".timeline-init.", suffix=".tmp"))
    moved: list[Path] = []
    try:
        _write_files(temporary, planned)
        for entry in sorted(temporary.iterdir()):
            destination = target / entry.name
            if os.path.lexists(destination):
                raise InitRefused(f"timeline init: {destination} appeared while the project "
                                  "was being written; nothing was written")
            os.rename(entry, destination)
            moved.append(destination)
        temporary.rmdir()
    except BaseException:
        for destination in moved:
            with contextlib.suppress(OSError):
                if destination.is_dir() and not destination.is_symlink():
                    shutil.rmtree(destination)
                else:
                    destination.unlink()
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _write_files(root: Path, planned: dict[str, bytes]) -> None:
    for relative, content in planned.items():
        path = root.joinpath(*relative.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
