"""Sourced timeline generator. The data's path, one sub-package per stage:

    format/  what an events tree is: the JSON Schemas, the vocabulary read from them, the
             rule catalogue, the layout of the events folder
    read/    files → plain data with positions (safe YAML, bounded, the text policy)
    check/   plain data → diagnostics (structure, per-file and cross-file rules)
    model/   what passed → immutable records and the Timeline
    site/    the Timeline → pages, data files and assets (URL scheme, views, templates)

``tools/`` hold the contributor commands' logic. The core never imports MkDocs:
``plugin.py`` and ``cli/`` are the thin adapters, the only places that parse arguments,
print or touch global state.
"""

__version__ = "0.2.0"
