"""The editors' desk. Each module registers one part of it."""

from . import articles, checks, claims, fx, sources  # noqa: F401
