"""The repository's automation: workflows, issue forms, pre-commit hooks and the guide.

Every file is read as YAML the way GitHub and pre-commit read it, checked for the structure
its consumer needs, and every command it runs (plus the commands the contributor guide
shows) is checked against the project itself: `make` targets with real make, `timeline`
command lines with the real argparse parser, scripts and tools on disk.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO
from timeline.cli import _parser

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(path for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml")
                     if path.name != "config.yml")
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
HOOKS_FOR_OTHER_REPOSITORIES = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"
YAML_FILES = [*WORKFLOWS, *ISSUE_FORMS, ISSUE_CONFIG, HOOKS_FOR_OTHER_REPOSITORIES,
              PRE_COMMIT_CONFIG]
GUIDE = REPO / "CONTRIBUTING.md"
SITE_GUIDE = REPO / "docs" / "contributing.md"

# An action is pinned to the commit it was reviewed at; the tag is only a comment for people.
PINNED_ACTION = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>\S+)(?P<comment>.*)$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+$")
ISSUE_FORM_FIELD_TYPES = {"input", "textarea", "dropdown", "checkboxes"}
SHELL_OPERATORS = {"|", "||", "&&", ";", "&"}
# `2>&1`, `> file`, `>> "$GITHUB_STEP_SUMMARY"`: not part of the command that runs.
REDIRECTION = re.compile(r"\s\d*(?:>>?|<)&?\s*[^\s|;&]*")


class GitHubYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans, as GitHub reads workflows.

    YAML 1.1 reads `on`, `off`, `yes` and `no` as booleans, which would turn a workflow's
    `on:` key into True; only true and false are booleans here.
    """


GitHubYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
GitHubYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=GitHubYamlLoader)


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


def steps(workflow_data: dict) -> Iterator[tuple[str, dict]]:
    for job_name, job in workflow_data["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


# -- the commands the files run ----------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One simple command (no pipes or `&&`), split like a shell would, and where it is."""

    where: str
    words: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.where}: {shlex.join(self.words)}"


def simple_commands(script: str, where: str) -> Iterator[Command]:
    """Split a shell script into simple commands, leaving out redirections and comments."""
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(REDIRECTION.sub(" ", line), posix=True, punctuation_chars="|&;")
        lexer.whitespace_split = True
        words: list[str] = []
        for token in [*lexer, ";"]:
            if token in SHELL_OPERATORS:
                if words:
                    yield Command(where, tuple(words))
                words = []
            else:
                words.append(token)


def guide_shell_blocks() -> Iterator[str]:
    text = GUIDE.read_text(encoding="utf-8")
    yield from re.findall(r"```(?:sh|shell|bash|console)\n(.*?)```", text, flags=re.DOTALL)


def every_command() -> list[Command]:
    """Every command a workflow step runs, every hook's entry, and the guide's examples."""
    commands: list[Command] = []
    for path in WORKFLOWS:
        for job_name, step in steps(load(path)):
            if "run" in step:
                where = f"{relative(path)} ({job_name}: {step.get('name', step['run'])})"
                commands.extend(simple_commands(step["run"], where))
    for path in (HOOKS_FOR_OTHER_REPOSITORIES, PRE_COMMIT_CONFIG):
        for hook in pre_commit_hooks(path):
            command = " ".join([hook["entry"], *map(shlex.quote, hook.get("args", []))])
            commands.extend(simple_commands(command, f"{relative(path)} ({hook['id']})"))
    for block in guide_shell_blocks():
        commands.extend(simple_commands(block, relative(GUIDE)))
    return commands


def pre_commit_hooks(path: Path) -> list[dict]:
    data = load(path)
    if isinstance(data, list):  # .pre-commit-hooks.yaml is a bare list of hooks
        return data
    return [hook for repo in data["repos"] for hook in repo["hooks"]]


def program(command: Command) -> str:
    return command.words[0]


def timeline_arguments(command: Command) -> list[str] | None:
    """The arguments after `timeline` (or `.venv/bin/timeline`, `python -m timeline`)."""
    words = list(command.words)
    if Path(words[0]).name == "timeline":
        return words[1:]
    if Path(words[0]).name.startswith("python") and words[1:3] == ["-m", "timeline"]:
        return words[3:]
    return None


def registered_subcommands() -> set[str]:
    parser = _parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def parse_error(arguments: list[str]) -> str | None:
    """What the real parser says about ``arguments``, or None when it accepts them."""
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            _parser().parse_args(arguments)
    except SystemExit as exit_:
        if exit_.code not in (0, None):
            return stderr.getvalue().strip().splitlines()[-1]
    return None


# -- every file is YAML its consumer can read --------------------------------------------------


@pytest.mark.parametrize("path", YAML_FILES, ids=relative)
def test_every_automation_file_is_yaml_holding_a_mapping_or_a_list(path):
    assert isinstance(load(path), dict | list)


def test_the_loader_keeps_a_workflows_on_key_as_the_word_on():
    assert list(yaml.load("on: push", Loader=GitHubYamlLoader)) == ["on"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=relative)
def test_every_workflow_has_a_name_triggers_and_jobs(path):
    data = load(path)

    assert {"name", "on", "jobs"} <= set(data)


@pytest.mark.parametrize("path", WORKFLOWS, ids=relative)
def test_every_workflow_gives_its_token_read_only_access_to_the_code_by_default(path):
    assert load(path)["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=relative)
def test_every_job_has_a_time_limit(path):
    jobs_without = [name for name, job in load(path)["jobs"].items()
                    if "timeout-minutes" not in job]

    assert jobs_without == []


# -- actions are pinned ------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=relative)
def test_every_action_is_pinned_to_a_full_commit_sha(path):
    unpinned = [step["uses"] for _, step in steps(load(path))
                if "uses" in step and not PINNED_ACTION.match(step["uses"])]

    assert unpinned == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=relative)
def test_every_pinned_action_names_its_release_in_a_comment(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    without_version = [line.strip() for line in lines
                       if (match := USES_LINE.match(line))
                       and not VERSION_COMMENT.match(match["comment"])]

    assert without_version == []


def test_each_action_is_pinned_to_the_same_commit_in_every_workflow():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for _, step in steps(load(path)):
            if "uses" in step:
                action, _, ref = step["uses"].partition("@")
                pins.setdefault(action, set()).add(ref)

    assert {action: refs for action, refs in pins.items() if len(refs) > 1} == {}


# -- CI ----------------------------------------------------------------------------------------


def test_ci_runs_on_every_pull_request_and_on_pushes_to_main():
    triggers = workflow("ci.yml")["on"]

    assert triggers == {"pull_request": None, "push": {"branches": ["main"]}}


def test_ci_sets_up_python_3_11_the_oldest_version_the_project_supports():
    versions = [step["with"]["python-version"] for _, step in steps(workflow("ci.yml"))
                if step.get("uses", "").startswith("actions/setup-python@")]

    assert set(versions) == {"3.11"}


def test_the_ids_check_runs_only_on_pull_requests():
    data = workflow("ci.yml")
    ids_steps = [step for _, step in steps(data) if "timeline ids" in step.get("run", "")]

    assert [("github.event_name == 'pull_request'" in step["if"]) for step in ids_steps] == [True]


def test_the_job_running_the_ids_check_fetches_the_base_branch():
    data = workflow("ci.yml")
    [job] = [job for job in data["jobs"].values()
             if any("timeline ids" in step.get("run", "") for step in job["steps"])]
    [checkout] = [step for step in job["steps"]
                  if step.get("uses", "").startswith("actions/checkout@")]

    assert checkout["with"]["fetch-depth"] == 0


def test_the_ci_checks_run_the_browser_tests_through_the_ci_entry_point():
    runs = [step.get("run") for _, step in steps(workflow("ci.yml"))]

    assert "bash .ci/run" in runs


def test_pages_are_deployed_only_from_main_and_only_after_the_checks_passed():
    jobs = workflow("ci.yml")["jobs"]
    deploy = next(name for name, job in jobs.items()
                  if any(step.get("uses", "").startswith("actions/deploy-pages@")
                         for step in job["steps"]))
    chain, job = [], deploy
    while "needs" in jobs[job]:
        job = jobs[job]["needs"]
        chain.append(job)
    publishing = [deploy, *chain[:-1]]

    assert (chain[-1], [jobs[name].get("if") for name in publishing[-1:]]) == (
        "checks", ["${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}"])


def test_the_deploy_job_may_write_pages_and_mint_an_id_token_and_nothing_else():
    [deploy] = [job for job in workflow("ci.yml")["jobs"].values()
                if any(step.get("uses", "").startswith("actions/deploy-pages@")
                       for step in job["steps"])]

    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_deployments_run_one_at_a_time_and_are_never_cancelled_half_way():
    [deploy] = [job for job in workflow("ci.yml")["jobs"].values()
                if any(step.get("uses", "").startswith("actions/deploy-pages@")
                       for step in job["steps"])]

    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_published_site_is_built_for_the_address_github_pages_reports():
    [build] = [step for _, step in steps(workflow("ci.yml"))
               if step.get("run") == "make build" and "env" in step]

    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"


def test_the_published_site_knows_its_repository_from_the_github_context():
    [build] = [step for _, step in steps(workflow("ci.yml"))
               if step.get("run") == "make build" and "env" in step]

    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"


def test_the_published_site_is_built_from_the_full_history():
    [checkout] = [step for job, step in steps(workflow("ci.yml"))
                  if job == "pages" and step.get("uses", "").startswith("actions/checkout@")]

    assert checkout["with"]["fetch-depth"] == 0


def test_mkdocs_yml_reads_the_repository_address_from_the_environment():
    assert "\nrepo_url: !ENV [REPO_URL, null]\n" in (REPO / "mkdocs.yml").read_text()


# -- the link check ----------------------------------------------------------------------------


def test_the_link_check_runs_weekly_and_by_hand_never_on_pull_requests():
    triggers = workflow("links.yml")["on"]
    [schedule] = triggers["schedule"]
    _minute, _hour, day_of_month, month, day_of_week = schedule["cron"].split()

    assert (set(triggers), day_of_month, month, day_of_week.isdigit()) == (
        {"schedule", "workflow_dispatch"}, "*", "*", True)


def test_the_link_report_is_uploaded_even_when_links_are_broken():
    [upload] = [step for _, step in steps(workflow("links.yml"))
                if step.get("uses", "").startswith("actions/upload-artifact@")]

    assert upload["if"] == "${{ !cancelled() }}"


# -- issue forms -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=relative)
def test_every_issue_form_has_a_name_a_description_and_a_body(path):
    form = load(path)

    assert (isinstance(form.get("name"), str), isinstance(form.get("description"), str),
            bool(form.get("body"))) == (True, True, True)


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=relative)
def test_every_issue_form_field_has_a_type_an_id_and_a_label(path):
    malformed = [item for item in load(path)["body"] if not (
        item.get("type") in ISSUE_FORM_FIELD_TYPES
        and re.fullmatch(r"[A-Za-z0-9_-]+", str(item.get("id")))
        and isinstance(item.get("attributes", {}).get("label"), str)
    ) and not (item.get("type") == "markdown" and "value" in item.get("attributes", {}))]

    assert malformed == []


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=relative)
def test_issue_form_field_ids_are_unique(path):
    ids = [item["id"] for item in load(path)["body"] if "id" in item]

    assert len(ids) == len(set(ids))


def required_fields(form_name: str) -> list[str]:
    [form] = [form for form in map(load, ISSUE_FORMS) if form["name"] == form_name]
    return [item["id"] for item in form["body"]
            if item.get("validations", {}).get("required")]


def test_suggesting_an_event_requires_title_date_what_happened_and_sources():
    assert required_fields("Suggest an event") == ["title", "date", "summary", "sources"]


def test_correcting_an_event_requires_the_event_what_is_wrong_and_a_source():
    assert required_fields("Correct an event") == ["event", "problem", "source"]


def test_the_issue_chooser_says_whether_blank_issues_are_allowed():
    assert isinstance(load(ISSUE_CONFIG)["blank_issues_enabled"], bool)


# -- pre-commit --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [HOOKS_FOR_OTHER_REPOSITORIES, PRE_COMMIT_CONFIG],
                         ids=relative)
def test_every_pre_commit_hook_has_an_id_a_name_an_entry_and_a_language(path):
    incomplete = [hook for hook in pre_commit_hooks(path)
                  if not {"id", "name", "entry", "language"} <= set(hook)]

    assert incomplete == []


def test_other_repositories_get_the_validate_and_fmt_hooks():
    hooks = {hook["id"]: hook["entry"] for hook in pre_commit_hooks(HOOKS_FOR_OTHER_REPOSITORIES)}

    assert hooks == {"timeline-validate": "timeline validate", "timeline-fmt": "timeline fmt"}


def test_the_local_hooks_run_the_tools_of_the_projects_own_venv_through_the_wrapper():
    entries = [hook["entry"] for hook in pre_commit_hooks(PRE_COMMIT_CONFIG)]

    assert entries == ["sh scripts/hook timeline validate --changed-since HEAD",
                       "sh scripts/hook timeline fmt --check", "sh scripts/hook ruff check"]


# -- every command exists in the project -------------------------------------------------------


def test_every_make_target_the_automation_runs_exists():
    targets = {(target, str(command)) for command in every_command()
               if program(command) == "make"
               for target in command.words[1:] if not target.startswith("-") and "=" not in target}
    missing = [where for target, where in sorted(targets)
               if subprocess.run(["make", "--dry-run", target], cwd=REPO,
                                 capture_output=True).returncode != 0]

    assert missing == []


def test_every_timeline_subcommand_the_automation_runs_is_registered():
    registered = registered_subcommands()
    unknown = [str(command) for command in every_command()
               if (arguments := timeline_arguments(command)) is not None
               and arguments[0] not in registered]

    assert unknown == []


def test_every_timeline_command_line_the_automation_runs_is_accepted_by_the_parser():
    registered = registered_subcommands()
    rejected = [f"{command}: {error}" for command in every_command()
                if (arguments := timeline_arguments(command)) is not None
                and arguments[0] in registered
                and (error := parse_error(arguments)) is not None]

    assert rejected == []


def scripts_run(command: Command) -> list[str]:
    """Files in the repository a command runs: the program itself or `bash FILE` and kin."""
    if program(command) in {"bash", "sh", "python", "python3"} and len(command.words) > 1:
        return [command.words[1]]
    if "/" in program(command) and not program(command).startswith(".venv/"):
        return [program(command)]
    return []


def test_every_script_the_automation_runs_exists():
    scripts = {script for command in every_command() for script in scripts_run(command)}

    assert sorted(script for script in scripts if not (REPO / script).is_file()) == []


def test_every_venv_tool_the_automation_runs_is_installed_by_the_project():
    installed = Path(sys.executable).parent
    tools = {Path(program(command)).name for command in every_command()
             if program(command).startswith(".venv/bin/")}

    assert sorted(tool for tool in tools if not (installed / tool).exists()) == []


# -- the contributor guide ---------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedGuide:
    site: Path
    article: str  # the page's <article>: the guide without the site's navigation


@pytest.fixture(scope="module")
def published_guide(timeline_site) -> PublishedGuide:
    """The site's "How to contribute" page: the repository's guide and docs/, built by real
    MkDocs (with the timeline fixture's events, so no event changes it)."""
    page = (timeline_site.root / "contributing" / "index.html").read_text(encoding="utf-8")
    return PublishedGuide(timeline_site.root,
                          page[page.index("<article"):page.index("</article>")])


def test_the_sites_how_to_contribute_page_is_the_guide(published_guide):
    assert '<h1 id="how-to-contribute">How to contribute' in published_guide.article


def test_on_the_site_the_guide_links_to_the_sites_own_pages(published_guide):
    hrefs = set(re.findall(r'href="([^"]*)"', published_guide.article))

    assert {"../format/", "../format/#correcting-retracting-and-renaming-events",
            "../reference/#problem-codes"} <= hrefs


def test_on_the_site_every_link_of_the_guide_leads_to_a_page_and_heading_that_exist(
        published_guide):
    broken = []
    for href in re.findall(r'href="([^"]*)"', published_guide.article):
        if re.match(r"[a-z]+:", href) or href.startswith("#"):
            continue
        path, _, fragment = href.partition("#")
        target = (published_guide.site / "contributing" / path / "index.html").resolve()
        if not target.is_file() or (
                fragment and f'id="{fragment}"' not in target.read_text(encoding="utf-8")):
            broken.append(href)

    assert broken == []


def test_on_the_site_the_guide_shows_no_inclusion_markers_or_github_link_targets(
        published_guide):
    leftovers = [text for text in ("--8&lt;--", "--8<--", "guide]", "docs/format.md",
                                   "diagnostics.py") if text in published_guide.article]

    assert leftovers == []


def link_labels_defined(text: str) -> set[str]:
    return set(re.findall(r"^\[([^\]]+)\]:\s", text, flags=re.MULTILINE))


def test_the_guide_and_the_site_page_define_the_same_link_labels():
    assert link_labels_defined(GUIDE.read_text(encoding="utf-8")) == link_labels_defined(
        SITE_GUIDE.read_text(encoding="utf-8"))


def test_every_link_label_the_guide_uses_is_defined():
    text = GUIDE.read_text(encoding="utf-8")
    used = set(re.findall(r"\]\[([^\]]+)\]", text))

    assert sorted(used - link_labels_defined(text)) == []


def test_every_relative_link_in_the_guide_points_at_a_file_in_the_repository():
    text = GUIDE.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r"^\[[^\]]+\]:\s*(\S+)", text,
                                                                 flags=re.MULTILINE)
    local = [target.split("#")[0] for target in targets
             if not re.match(r"[a-z]+:", target) and not target.startswith("#")]

    assert [target for target in local if not (REPO / target).exists()] == []


def test_the_guide_shows_how_to_add_an_event_with_timeline_new():
    examples = [command for command in every_command()
                if command.where == relative(GUIDE)
                and (timeline_arguments(command) or [None])[0] == "new"]

    assert len(examples) >= 1
