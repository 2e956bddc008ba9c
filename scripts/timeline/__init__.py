"""Sourced timeline generator: load → validate → model → render → outputs.

The core modules never import MkDocs; ``plugin.py`` and ``cli.py`` are thin adapters.
"""

__version__ = "0.1.0"
