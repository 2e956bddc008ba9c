"""The release notes of a tag: its section of CHANGELOG.md, after checking that the tag
is the package's version. Used by .github/workflows/release.yml:

    .venv/bin/python scripts/release_notes.py v0.2.0 > release-notes.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTION = re.compile(r"^## (?P<version>\d+\.\d+\.\d+)\b.*$", re.MULTILINE)


def changelog_sections(text: str) -> dict[str, str]:
    """Each version's section of the changelog, without its heading."""
    headings = list(SECTION.finditer(text))
    return {heading["version"]: text[heading.end():following.start() if following else None]
            .strip() for heading, following in zip(headings, [*headings[1:], None],
                                                    strict=True)}


def package_version() -> str:
    sys.path.insert(0, str(REPO / "scripts"))
    from timeline import __version__
    return __version__


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].startswith("v"):
        print("usage: release_notes.py vX.Y.Z", file=sys.stderr)
        return 2
    version = argv[0].removeprefix("v")
    if version != package_version():
        print(f"release_notes.py: the tag {argv[0]} is not the package's version "
              f"{package_version()} (scripts/timeline/__init__.py); tag the commit that "
              "sets it", file=sys.stderr)
        return 1
    sections = changelog_sections((REPO / "CHANGELOG.md").read_text(encoding="utf-8"))
    if version not in sections:
        print(f"release_notes.py: CHANGELOG.md has no section ## {version}; add one",
              file=sys.stderr)
        return 1
    print(sections[version])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
