"""Print the pip requirement for the uv that `uv.lock` pins, with every hash the lock holds.

`make install` bootstraps the installer with it, so uv itself is as exact as the packages it
then installs: `pip install --require-hashes -r` refuses any file whose hash is not here.

    python scripts/uv_requirement.py [uv.lock] > requirement.txt
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def uv_requirement(lock: dict) -> str:
    """The `uv==VERSION --hash=...` line for the lock's uv package."""
    for package in lock.get("package", []):
        if package.get("name") == "uv":
            files = [*package.get("wheels", []), package.get("sdist", {})]
            hashes = sorted({file["hash"] for file in files if "hash" in file})
            return " ".join([f"uv=={package['version']}", *(f"--hash={h}" for h in hashes)])
    raise LookupError("uv.lock pins no uv: add it to the `dev` dependency group and run make lock")


def main(argv: list[str]) -> int:
    lock_path = Path(argv[0] if argv else "uv.lock")
    try:
        with lock_path.open("rb") as lock_file:
            print(uv_requirement(tomllib.load(lock_file)))
    except (OSError, tomllib.TOMLDecodeError, LookupError) as error:
        print(f"{lock_path}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
