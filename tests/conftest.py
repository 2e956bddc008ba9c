"""Hypothesis tries the same examples on every run and keeps no example database."""

from hypothesis import settings

settings.register_profile("timeline", derandomize=True, database=None)
settings.load_profile("timeline")
