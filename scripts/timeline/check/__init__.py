"""Checking an events folder: ``check(events_dir)`` gives a ``Result``, its diagnostics
and, when there is no error, the Timeline.

    run.py        check(), the order the rules run in
    state.py      the shared state of one run
    structure.py  the JSON Schema's verdict, in the project's words
    files.py      the rules of one registry or one event file
    across.py     the rules across files
    duplicates.py the search for likely duplicates
"""

from timeline.check.run import Result, check

__all__ = ["Result", "check"]
