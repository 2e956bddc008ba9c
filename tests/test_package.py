"""The generator as others install it: a wheel built from the repository, installed into a
fresh virtual environment outside it (with the dependencies uv.lock pins), starts a
timeline of its own with `timeline init` and builds it with `mkdocs build --strict`; the
base package alone validates and formats, without the renderer."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO

UV = Path(sys.executable).parent / "uv"
THIS_TIMELINES_WORDS = ("AI coding race", "DeepMind", "coding race")

pytestmark = pytest.mark.skipif(not UV.exists(), reason="uv is installed by `make install`")


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                               "UV_PYTHON_DOWNLOADS": "never", **env})
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([str(UV), "build", "--wheel", "--out-dir", str(out), str(REPO)], cwd=out)
    (built,) = out.glob("sourced_timeline-*.whl")
    return built


def environment(root: Path, wheel: Path, *extras: str) -> Path:
    """A fresh virtual environment at ``root`` with the wheel and the locked versions of
    its dependencies (and of ``extras``' dependencies); returns its bin folder."""
    run([str(UV), "venv", "--quiet", "--python", sys.executable, str(root)], cwd=root.parent)
    requirements = root.parent / f"{root.name}-requirements.txt"
    export = [str(UV), "export", "--frozen", "--no-emit-project", "--no-dev",
              "--project", str(REPO), "--output-file", str(requirements)]
    for extra in extras:
        export += ["--extra", extra]
    run(export, cwd=REPO)
    python = root / "bin" / "python"
    run([str(UV), "pip", "install", "--quiet", "--python", str(python), "-r",
         str(requirements)], cwd=root.parent)
    run([str(UV), "pip", "install", "--quiet", "--python", str(python), "--no-deps",
         str(wheel)], cwd=root.parent)
    return root / "bin"


@pytest.fixture(scope="module")
def installed(tmp_path_factory, wheel) -> Path:
    return environment(tmp_path_factory.mktemp("site-env") / "venv", wheel, "site")


@pytest.fixture(scope="module")
def new_timeline(tmp_path_factory, installed) -> Path:
    """`timeline init` run by the installed package, outside the repository."""
    where = tmp_path_factory.mktemp("elsewhere")
    run([str(installed / "timeline"), "init", "battery-race", "--name", "The Battery Race",
         "--description", "A sourced timeline of the race to better batteries"], cwd=where)
    return where / "battery-race"


def test_the_wheel_carries_the_templates_assets_schemas_and_starter(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("timeline/site/templates/event.md.j2", "timeline/site/assets/feed.xsl",
                     "timeline/site/assets/timeline.js",
                     "timeline/format/schema/event.schema.json"):
        assert expected in names
    assert any(name.startswith("timeline/starter/") for name in names)


def test_the_wheel_is_named_for_the_generator_and_versioned(wheel):
    from timeline import __version__
    assert wheel.name.startswith(f"sourced_timeline-{__version__}-")


def test_the_installed_package_starts_a_timeline_that_builds_strictly(new_timeline, installed):
    run([str(installed / "mkdocs"), "build", "--strict", "-d", "site"], cwd=new_timeline)
    home = (new_timeline / "site" / "index.html").read_text(encoding="utf-8")
    assert "The Battery Race" in home


def test_the_new_timeline_carries_none_of_this_timelines_words(new_timeline, installed):
    run([str(installed / "mkdocs"), "build", "--strict", "-d", "site"], cwd=new_timeline)
    for path in new_timeline.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".ics", ".json", ".csv",
                                              ".md", ".yml", ".yaml", ".txt"}:
            text = path.read_text(encoding="utf-8")
            assert not [word for word in THIS_TIMELINES_WORDS if word in text], path


def test_the_new_timeline_validates_with_the_installed_package(new_timeline, installed):
    done = run([str(installed / "timeline"), "validate"], cwd=new_timeline)
    assert "0 errors, 0 warnings" in done.stdout + done.stderr


@pytest.fixture(scope="module")
def base_only(tmp_path_factory, wheel) -> Path:
    return environment(tmp_path_factory.mktemp("base-env") / "venv", wheel)


def test_the_base_package_validates_and_formats_without_the_renderer(new_timeline, base_only):
    run([str(base_only / "timeline"), "validate"], cwd=new_timeline)
    run([str(base_only / "timeline"), "fmt", "--check"], cwd=new_timeline)
    renderer = subprocess.run([str(base_only / "python"), "-c", "import mkdocs"],
                              capture_output=True, text=True)
    assert renderer.returncode != 0


def test_the_new_timelines_own_make_test_passes_with_the_wheel(tmp_path, wheel, installed):
    """The new project's two commands, on a machine with only Python, git and make: its
    Makefile makes .venv and installs the generator (the wheel, as it is not on the
    package index yet) with pip."""
    run([str(installed / "timeline"), "init", "fresh", "--name", "A Fresh Timeline"],
        cwd=tmp_path)
    done = run(["make", "test", f"GENERATOR={wheel}[site]", f"PYTHON={sys.executable}"],
               cwd=tmp_path / "fresh")
    assert "0 errors, 0 warnings" in done.stdout + done.stderr
