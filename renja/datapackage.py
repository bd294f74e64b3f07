"""``datapackage.json``: a Frictionless Data Package describing the output tables.

The Table Schemas are generated from the field dictionary (types, descriptions, units, required
and allowed values, primary and foreign keys); the sources are the processed documents with
their SHA-256.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa

from renja import __version__
from renja.files import atomic_write_text
from transform.fields import FIELDS, FOREIGN_KEYS, KEYS, Field

__all__ = ["DATAPACKAGE_PATH", "datapackage", "write_datapackage"]

DATAPACKAGE_PATH = Path("datapackage.json")

_DESCRIPTIONS = {
    "programs": "One row per program, kegiatan and sub kegiatan of each document's plan table.",
    "indicators": (
        "One row per indicator, measure and year, from the plan and the other tables "
        "(table_kind). Rows with table_kind 'rumusan' belong to the programs row with the same "
        "doc_id and node_id; rows of other tables are matched on kode, or on level and nama."
    ),
    "budgets": (
        "One row per amount of a node, year and kind (jenis), from the plan and the other "
        "tables (table_kind). Rows with table_kind 'rumusan' belong to the programs row with "
        "the same doc_id and node_id; rows of other tables are matched on kode, or on level "
        "and nama."
    ),
    "proposals": "One row per printed row of the community proposals table.",
    "documents": (
        "One row per source document (by content): status, reason, agency, plan year, pages of "
        "each table, counts, failures and the totals stated and computed."
    ),
}


def _type(field: Field) -> dict[str, Any]:
    kind = field.type
    if pa.types.is_integer(kind):
        return {"type": "integer"}
    if pa.types.is_decimal(kind):
        return {"type": "number", "decimalPlaces": kind.scale}
    if pa.types.is_floating(kind):
        return {"type": "number"}
    if pa.types.is_boolean(kind):
        return {"type": "boolean"}
    return {"type": "string"}


def _field(field: Field) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": field.name, **_type(field), "description": field.description}
    if field.unit:
        spec["unit"] = field.unit
    constraints: dict[str, Any] = {}
    if not field.nullable:
        constraints["required"] = True
    if field.allowed:
        constraints["enum"] = list(field.allowed)
    if constraints:
        spec["constraints"] = constraints
    return spec


def _schema(table: str) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(f) for f in FIELDS[table]],
        "primaryKey": list(KEYS[table]),
        "missingValues": [""],
    }
    foreign = [
        {"fields": list(fields), "reference": {"resource": resource, "fields": list(keys)}}
        for fields, resource, keys in FOREIGN_KEYS.get(table, [])
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def datapackage(summary: dict[str, Any]) -> dict[str, Any]:
    """The package descriptor for a run's outputs."""
    sources = [
        {
            "title": doc["source_file"],
            "path": doc["source_file"],
            "doc_id": doc["doc_id"],
            "sha256": doc.get("sha256"),
            "status": doc["status"],
        }
        for doc in summary["documents"]
        if doc.get("doc_id")
    ]
    return {
        "profile": "tabular-data-package",
        "name": "renja",
        "title": "Renja plans: programs, indicators and budgets",
        "description": (
            "Programs, performance indicators and budgets read from Renja (Rencana Kerja "
            "Perangkat Daerah) PDFs, with the page each value is printed on. Validation results "
            "are in validation/summary.json."
        ),
        "version": __version__,
        "sources": sources,
        "resources": [
            {
                "name": table,
                "path": f"{table}.parquet",
                "profile": "tabular-data-resource",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": _DESCRIPTIONS.get(table, ""),
                "schema": _schema(table),
            }
            for table in FIELDS
        ],
    }


def write_datapackage(out_dir: Path, summary: dict[str, Any]) -> Path:
    """Write ``datapackage.json`` into ``out_dir``."""
    path = out_dir / DATAPACKAGE_PATH
    text = json.dumps(datapackage(summary), indent=2, ensure_ascii=False) + "\n"
    atomic_write_text(path, text)
    return path
