"""docs/architecture.md stays true: every module and name it points to exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "architecture.md").read_text()


def test_every_module_named_exists() -> None:
    paths = set(re.findall(r"`([a-z_]+(?:/[a-z_]+)*\.py)`", DOC))
    assert len(paths) >= 20
    assert sorted(p for p in paths if not (ROOT / p).is_file()) == []


def test_every_class_named_exists_in_its_module() -> None:
    names = {
        "DocumentPages": "extract.pages",
        "PageText": "extract.document",
        "PageChoice": "extract.locate",
        "RawTable": "extract.model",
        "LogicalTable": "transform.rows",
        "HeaderMap": "transform.headers",
        "Role": "transform.headers",
        "ROW_COLUMNS": "transform.rows",
        "Segment": "transform.rows",
        "TableRow": "transform.rows",
        "DocumentResult": "renja.process",
        "StreamSettings": "extract.stream",
        "TextSettings": "extract.model",
        "OcrSettings": "extract.ocr",
        "ColumnRole": "transform.vocabulary",
        "COLUMN_TERMS": "transform.vocabulary",
        "Term": "transform.vocabulary",
        "TableKind": "transform.kinds",
    }
    named = set(re.findall(r"`([A-Z][A-Za-z_]+)`", DOC))
    assert named <= names.keys(), named - names.keys()
    for name in named:
        assert hasattr(importlib.import_module(names[name]), name), name
