"""The editors' desk. Each module registers one part of it."""

from . import articles, checks, claims, corrections, fx, reports, sources  # noqa: F401
