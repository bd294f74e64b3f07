"""Borderless tables: columns and rows recovered from the text layout of a page."""

from __future__ import annotations

from typing import Any

from extract.tables import RawTable

__all__ = ["stream_tables"]


def stream_tables(page: Any, number: int) -> list[RawTable]:
    """Read a table printed without ruling lines (not yet supported: returns no table)."""
    return []
