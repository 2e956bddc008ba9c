"""`timeline generate` writes exactly what the plugin adds, so plugin-less builders match."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from tests.helpers import SMALL_SITE, event_files, mkdocs_build, small_project
from timeline.cli import main
from timeline.site import urls


def generate(project: Path, out_dir: Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    assert main(["generate", str(out_dir)]) == 0


def test_generate_writes_pages_assets_and_no_yaml(tmp_path, monkeypatch):
    generate(small_project(tmp_path / "project"), tmp_path / "out", monkeypatch)
    written = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
               if p.is_file()}
    assert "index.md" in written
    assert {p for p in written if re.fullmatch(r"events/[^/]+\.md", p)} == {
        f"events/{path.stem}.md" for path in event_files(SMALL_SITE / "events")}
    assert {"actors/ada-example.md", "actors/example-lab.md"} <= written
    assert {urls.SCRIPT, urls.STYLESHEET} <= written
    assert not [p for p in written if p.endswith(".yaml")]


def test_generate_refuses_invalid_events_and_writes_nothing(tmp_path, monkeypatch, capsys):
    project = small_project(tmp_path / "project")
    (project / "events/2026/2026-04-21-day-event.yaml").write_text("title: [\n",
                                                                   encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["generate", "out"]) == 1
    assert "events/2026/2026-04-21-day-event.yaml:2:1: error: YAML syntax error" \
        in capsys.readouterr().out
    assert not (project / "out").exists()


def page_content(page: bytes) -> bytes:
    """A page's article (all of a file that is not a page), whitespace runs as one space."""
    article = re.search(rb"<article .*?</article>", page, re.DOTALL)
    return re.sub(rb"\s+", b" ", article[0] if article else page)


def test_plugin_build_and_generated_folder_build_give_identical_pages(tmp_path, monkeypatch):
    """Build once with the plugin; once from docs/ + generated files with no plugin at all."""
    project = small_project(tmp_path / "project")
    mkdocs_build(project, tmp_path / "with-plugin")

    plain = tmp_path / "plain"
    shutil.copytree(project / "docs", plain / "docs")
    generate(project, plain / "docs", monkeypatch)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    # What the plugin registers itself, a builder without it lists by hand.
    config["extra_css"], config["extra_javascript"] = list(urls.STYLESHEETS), list(urls.SCRIPTS)
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    mkdocs_build(plain, tmp_path / "without-plugin")

    def pages(site: Path) -> dict[str, bytes]:
        # Whitespace aside: material's template leaves blank lines where a page that comes
        # from a real docs/ file could have an "edit" button; generated pages carry their own
        # "Edit this event" link in the content instead.
        # What the plugin adds around the pages is its own: search (its index and the
        # worker that reads it), the 404 page, and each page's table of contents, skip
        # link and marked tab; a builder without it gets each page's content, the same.
        return {p.relative_to(site).as_posix(): page_content(p.read_bytes())
                for p in site.rglob("*")
                if p.is_file() and p.suffix in (".html", ".json", ".js", ".xml")
                and p.name != "404.html"
                and not p.relative_to(site).as_posix().startswith(
                    ("search/", "assets/javascripts/workers/"))}

    with_plugin = pages(tmp_path / "with-plugin")
    without_plugin = pages(tmp_path / "without-plugin")
    assert sorted(with_plugin) == sorted(without_plugin)
    different = [name for name in with_plugin if with_plugin[name] != without_plugin[name]]
    assert different == []
