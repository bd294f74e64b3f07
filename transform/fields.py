"""The field dictionary: every output column with its type, unit and meaning, in one place.

The Parquet schemas, the docs' column tables (``renja fields``) and the schema checks are all
generated from here, so they cannot drift apart. Each transform ends with :func:`enforce_schema`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from transform.kinds import KINDS
from transform.levels import LEVEL_SOURCES
from transform.numbers import MIN_OCR_CONFIDENCE

__all__ = [
    "FIELDS",
    "KEYS",
    "TABLES",
    "Field",
    "SchemaError",
    "arrow_schema",
    "empty_frame",
    "enforce_schema",
]

AMOUNT_TYPE = pa.decimal128(20, 2)


@dataclass(frozen=True)
class Field:
    """One output column."""

    name: str
    type: pa.DataType
    description: str
    unit: str | None = None
    nullable: bool = True
    allowed: tuple[str, ...] | None = None


_LEVELS = ("program", "kegiatan", "sub_kegiatan")

# The printed table a row comes from (by its form in Permendagri 86/2017), and the values its
# rows may carry, from the registry of table kinds.
TABLE_KINDS = tuple(k.name for k in KINDS if k.measures or k.jenis)
MEASURES = tuple(dict.fromkeys(m for k in KINDS for m in k.measures))
JENIS = tuple(dict.fromkeys(j for k in KINDS for j in k.jenis))

_COMMON = {
    "doc_id": Field(
        "doc_id", pa.string(), "First 16 hex digits of the SHA-256 of the source PDF's bytes.",
        nullable=False,
    ),
    "node_id": Field(
        "node_id", pa.string(),
        "Position of the node in the document's hierarchy: P01 (program), P01.K02 (kegiatan), "
        "P01.K02.S03 (sub kegiatan); unique within a document and stable across runs. Rows of "
        "other tables than the plan carry their position in their own table, prefixed by its "
        "label: T2.4/P01.K02 (review#1/... for the first unnumbered review), T2.2/I03 for the "
        "third service performance indicator; they link to no programs row.",
        nullable=False,
    ),
    "level": Field("level", pa.string(), "Level of the node.", nullable=False, allowed=_LEVELS),
    "kode": Field(
        "kode", pa.string(),
        "Dotted code as in Permendagri 90/2019 and updates (2.07.03, 2.07.03.2.01, "
        "2.07.03.2.01.01 or 2.07.03.2.01.0001), segments padded; null when the document prints "
        "none.",
    ),
    "tahun": Field("tahun", pa.int16(), "Year the value refers to.", unit="year", nullable=False),
    "table_kind": Field(
        "table_kind", pa.string(),
        "Which printed table the row comes from: rumusan (the plan, T-C.33), review (review of the "
        "draft RKPD, T-C.31: rancangan awal and hasil analisis kebutuhan), evaluasi (evaluation "
        "of the previous Renja and Renstra achievement, T-C.29), kinerja_pelayanan (service "
        "performance, T-C.30).",
        nullable=False, allowed=TABLE_KINDS,
    ),
    "nama": Field(
        "nama", pa.string(),
        "Name of the program, kegiatan or sub kegiatan as printed in the row's own table (rows "
        "of other tables link to no programs row: match them on kode, or on level and nama).",
    ),
    "source_table": Field(
        "source_table", pa.string(), "Label of the printed table the value comes from (e.g. 3.3); "
        "empty when the table is unnumbered.",
    ),
    "page": Field("page", pa.int32(), "1-based page of the PDF where the row is printed.",
                  nullable=False),
    "ocr_confidence": Field(
        "ocr_confidence", pa.float64(), "For a value read by OCR from a scanned page: the lowest "
        "Tesseract confidence of the words of its cell, 0-100 (below "
        f"{MIN_OCR_CONFIDENCE:g} the value is left null and flagged); null when the page has a "
        "text layer.",
        unit="percent",
    ),
}  # fmt: skip

FIELDS: dict[str, list[Field]] = {
    "programs": [
        _COMMON["doc_id"],
        Field("source_file", pa.string(), "File name of the source PDF.", nullable=False),
        Field("opd", pa.string(), "Agency (perangkat daerah) the plan belongs to, as printed."),
        Field("tahun", pa.int16(), "Plan year of the document (tahun rencana).", unit="year",
              nullable=False),
        _COMMON["level"],
        _COMMON["kode"],
        Field("nomor", pa.string(), "Row number as printed (I, I.1, I.1.1); null when none."),
        Field("level_source", pa.string(),
              "What decided the row's level: kode (its code), numbering (its row number, by "
              "the table's numbering scheme), style (its bold type, cell fill and upper case, "
              "learnt per table from the rows whose level other evidence gives, or its PROGRAM "
              "prefix), arithmetic (number and style disagree, and the amounts roll up under "
              "the reading chosen).", allowed=LEVEL_SOURCES),
        _COMMON["node_id"],
        Field("parent_id", pa.string(), "node_id of the parent node; null for programs."),
        Field("nama", pa.string(), "Name of the program, kegiatan or sub kegiatan as printed.",
              nullable=False),
        Field("penanggung_jawab", pa.string(), "Responsible unit, as printed; null when none."),
        Field("kode_flag", pa.string(), "How a code read without one of its dots (OCR: "
              "2.07.01.201.02) was regrouped to the one well-formed code under its parent, with "
              "the reading; null when the code was read as printed."),
        _COMMON["source_table"],
        _COMMON["page"],
    ],
    "indicators": [
        _COMMON["doc_id"],
        _COMMON["table_kind"],
        _COMMON["node_id"],
        Field("level", pa.string(), "Level of the node; null for service performance "
              "indicators (kinerja_pelayanan), which belong to no node.", allowed=_LEVELS),
        _COMMON["kode"],
        _COMMON["nama"],
        Field("indikator_no", pa.int16(), "Order of the indicator within its node, from 1.",
              nullable=False),
        Field("indikator", pa.string(), "Performance indicator as printed."),
        Field("satuan", pa.string(), "Unit of the target as printed (%, org, dokumen ...); taken "
              "from the target cell when the document prints number and unit together."),
        Field("lokasi", pa.string(), "Location as printed."),
        Field("measure", pa.string(),
              "What the value is: target (plan; in a Renja Perubahan target_sebelum and "
              "target_sesudah, the plan year's target before and after the change), "
              "target_rancangan_awal / target_hasil_analisis "
              "(the two halves of the review), target_renstra, realisasi, realisasi_kumulatif "
              "(up to and including tahun), capaian_persen (realisasi / target, %), "
              "capaian_kumulatif_persen (against the Renstra target, %), target_ikk, proyeksi.",
              nullable=False, allowed=MEASURES),
        _COMMON["tahun"],
        Field("target", pa.float64(), "The value of the measure (for the plan: the target); "
              "null when empty or unreadable.", unit="satuan"),
        Field("target_raw", pa.string(), "Target cell text as printed (lines joined by a space)."),
        Field("target_flag", pa.string(), "Why the target could not be read (unreadable format, "
              "low OCR confidence); null when it was."),
        _COMMON["ocr_confidence"],
        _COMMON["source_table"],
        _COMMON["page"],
    ],
    "budgets": [
        _COMMON["doc_id"],
        _COMMON["table_kind"],
        _COMMON["node_id"],
        _COMMON["level"],
        _COMMON["kode"],
        _COMMON["nama"],
        _COMMON["tahun"],
        Field("jenis", pa.string(), "pagu_indikatif for the plan year, prakiraan_maju for the "
              "next year (plan table); in a Renja Perubahan, pagu_sebelum and pagu_sesudah (the "
              "plan year's amount before and after the change) instead of pagu_indikatif; "
              "pagu_rancangan_awal and pagu_hasil_analisis (the two "
              "halves of the review of the draft RKPD); pagu_renstra, pagu_renja, "
              "realisasi_anggaran and realisasi_anggaran_kumulatif (up to and including tahun) "
              "from the Rp columns of the evaluation.", nullable=False, allowed=JENIS),
        Field("amount", AMOUNT_TYPE, "Amount, exact (decimal, 2 places); null when the cell is "
              "empty or unreadable; zero when it prints only a dash (- or Rp -).", unit="IDR"),
        Field("amount_raw", pa.string(), "Amount cell text as printed (lines joined)."),
        Field("amount_flag", pa.string(), "Why the amount could not be read (unreadable format, "
              "low OCR confidence), or 'printed as a dash' for a nil amount read as zero; null "
              "when it was read as printed."),
        _COMMON["ocr_confidence"],
        Field("sumber_dana", pa.string(), "Source of funds as printed (APBD, DAK ...)."),
        _COMMON["source_table"],
        _COMMON["page"],
    ],
    "proposals": [
        _COMMON["doc_id"],
        Field("usulan_no", pa.int16(), "Order of the printed row within its proposals table, "
              "from 1.", nullable=False),
        Field("program", pa.string(), "Program the proposal falls under, as printed (the "
              "numbered or PROGRAM row above it, or the row's program column)."),
        Field("kegiatan", pa.string(), "Kegiatan proposed, as printed; carried down to the rows "
              "under it that print none; null on a program's own row."),
        Field("lokasi", pa.string(), "Location as printed."),
        Field("indikator", pa.string(), "Performance indicator (or the proposal itself) as "
              "printed."),
        Field("besaran", pa.float64(), "Size or volume proposed; null when empty or unreadable.",
              unit="satuan"),
        Field("besaran_raw", pa.string(), "Size / volume cell text as printed."),
        Field("besaran_flag", pa.string(), "Why the size could not be read; null when it was."),
        Field("satuan", pa.string(), "Unit of the size, taken from the cell (120 Orang, 100 %)."),
        Field("catatan", pa.string(), "Notes as printed."),
        _COMMON["source_table"],
        _COMMON["page"],
    ],
}  # fmt: skip

TABLES = tuple(FIELDS)
KEYS: dict[str, tuple[str, ...]] = {
    "programs": ("doc_id", "node_id"),
    "indicators": ("doc_id", "table_kind", "node_id", "indikator_no", "measure", "tahun"),
    "budgets": ("doc_id", "table_kind", "node_id", "tahun", "jenis"),
    "proposals": ("doc_id", "source_table", "usulan_no"),
}


class SchemaError(ValueError):
    """A frame does not match the field dictionary."""


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of an output table."""
    return pa.schema([pa.field(f.name, f.type, nullable=f.nullable) for f in FIELDS[table]])


def empty_frame(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    return arrow_schema(table).empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def enforce_schema(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Return ``frame`` with exactly the dictionary's columns, in order, as Arrow-backed dtypes.

    Fails loudly on a missing or extra column, a null in a required column, or a value outside
    the allowed set, so that a wrong transform is caught where it happens.
    """
    fields = FIELDS[table]
    names = [f.name for f in fields]
    missing = [n for n in names if n not in frame.columns]
    extra = [c for c in frame.columns if c not in names]
    if missing or extra:
        raise SchemaError(f"{table}: missing columns {missing}, unexpected columns {extra}")
    try:
        arrow = pa.Table.from_pandas(frame[names], schema=arrow_schema(table), preserve_index=False)
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise SchemaError(f"{table}: {exc}") from exc
    for f in fields:
        column = arrow.column(f.name)
        if not f.nullable and column.null_count:
            raise SchemaError(f"{table}.{f.name}: {column.null_count} null values")
        if f.allowed is not None:
            bad = set(column.drop_null().to_pylist()) - set(f.allowed)
            if bad:
                raise SchemaError(f"{table}.{f.name}: values not allowed: {sorted(bad)}")
    return arrow.to_pandas(types_mapper=pd.ArrowDtype)
