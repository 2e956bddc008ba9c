"""Helpers for tests that build real sites: where the repository is, and `mkdocs build`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Build ``project`` with the real `mkdocs build --strict`; fail loudly with its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
        cwd=project, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    return run
