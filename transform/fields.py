"""The field dictionary: every output column with its type, unit and meaning, in one place.

The Parquet schemas, the docs' column tables (``renja fields``) and the schema checks are all
generated from here, so they cannot drift apart. Each transform ends with :func:`enforce_schema`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transform.kinds import KINDS
from transform.levels import LEVEL_SOURCES
from transform.numbers import MIN_OCR_CONFIDENCE

__all__ = [
    "FIELDS",
    "FOREIGN_KEYS",
    "KEYS",
    "TABLES",
    "Field",
    "SchemaError",
    "arrow_schema",
    "empty_frame",
    "enforce_schema",
    "file_schema",
    "file_table",
    "read_file_table",
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
STATUSES = ("ok", "invalid", "suspect", "rejected")

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
    "tahun": Field(
        "tahun", pa.int16(), "Year the value refers to (the plan year, the next year, or the "
        "year an evaluation or service performance column names); not the plan year of the "
        "document, which is programs.tahun_rencana.",
        unit="year", nullable=False,
    ),
    "tahun_rencana": Field(
        "tahun_rencana", pa.int16(), "Plan year of the document (tahun rencana): the year its "
        "pagu indikatif is for. A node's amounts and targets carry their own year in "
        "budgets.tahun and indicators.tahun.",
        unit="year", nullable=False,
    ),
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
        f"{MIN_OCR_CONFIDENCE:g} the value is left null and flagged, unless an amount is "
        "confirmed by a sum); null when the page has a text layer.",
        unit="percent",
    ),
}  # fmt: skip

_BOX_SIDES = {
    "x0": "left edge",
    "top": "top edge",
    "x1": "right edge",
    "bottom": "bottom edge",
}


def _box(what: str) -> list[Field]:
    """Where on its page a row's value is printed: the box of ``what`` (a cell, or the cells
    of a wrapped or split value), beside ``page``."""
    return [
        Field(
            name,
            pa.float64(),
            f"The {side} of {what} on its page, in PDF points from "
            "the page's left (x0, x1) or top (top, bottom) edge, as pdfplumber measures them "
            "(on a scanned page, where the OCR words stand; on the page turned upright when it "
            "was printed sideways); null when the cell is empty or its position is not known.",
            unit="pt",
        )
        for name, side in _BOX_SIDES.items()
    ]


FIELDS: dict[str, list[Field]] = {
    "programs": [
        _COMMON["doc_id"],
        Field("source_file", pa.string(), "File name of the source PDF.", nullable=False),
        Field("opd", pa.string(), "Agency (perangkat daerah) the plan belongs to, as printed."),
        _COMMON["tahun_rencana"],
        _COMMON["level"],
        _COMMON["kode"],
        Field("nomor", pa.string(), "Row number as printed (I, I.1, I.1.1); null when none."),
        Field("level_source", pa.string(),
              "What decided the row's level: kode (its code), numbering (its row number, by "
              "the table's numbering scheme), style (its bold type, cell fill and upper case, "
              "a filled row read by OCR by its fill and not its weight, "
              "learnt per table from the rows whose level other evidence gives, or its PROGRAM "
              "prefix, or, under a program, its bold type where nothing else places it), "
              "arithmetic (number and style disagree, and the amounts roll up under the "
              "reading chosen).", allowed=LEVEL_SOURCES),
        _COMMON["node_id"],
        Field("parent_id", pa.string(), "node_id of the parent node; null for programs."),
        Field("nama", pa.string(), "Name of the program, kegiatan or sub kegiatan as printed; "
              "on a scanned page, a word OCR misread may be mended to the one word of the "
              "language's dictionary it can be, or to the word the plan's other names print "
              "in its place (reported by the mended_words reading check).",
              nullable=False),
        Field("penanggung_jawab", pa.string(), "Responsible unit, as printed; null when none."),
        Field("kode_flag", pa.string(), "How a misread code (a dot lost: 2.07.01.201.02; a "
              "dot too many: 2.07.0.4.2.01.05; from OCR, a letter for a digit: 2.07.0S) was read "
              "as the one well-formed code that fits under its parent (a program: in the bidang "
              "of the program before it; the first program: with the letter in its own part, "
              "2.07.o1), with the reading; from OCR, how parts of a code printed over five "
              "columns that were left unread (2 | - | Ot | 1.04) were taken from the node "
              "above (the row's own part read with its one dot lost, 201, as 2.01), or how a "
              "code glued before the name read in parts a space apart (2.11.01 1.02.02) was "
              "joined; or how a row number read by OCR (I.2.1 read as 12.1) was read as the one "
              "number of the table's numbering that fits the rows around it; null when the code "
              "and number were read as printed."),
        Field("nama_ocr_confidence", pa.float64(), "For a node read by OCR from a scanned "
              "page: the lowest Tesseract confidence of the words of its name, over every line "
              f"of it, 0-100 (a node without a code whose name is read below "
              f"{MIN_OCR_CONFIDENCE:g} is reported as a reading doubt, unsure_names: its name "
              "is what tells it); null when the page has a text layer.", unit="percent"),
        _COMMON["source_table"],
        _COMMON["page"],
        *_box("the node's name cell (the row that starts the node)"),
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
        Field(
            "indikator",
            pa.string(),
            "Performance indicator as printed, without a leading list bullet or the form's "
            "own label ('Indikator Kinerja Program:').",
        ),
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
        *_box("the value's cell (the target or measure as printed)"),
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
              "low OCR confidence), or 'printed as a dash' for a nil amount read as zero, or "
              "'repaired: ...' for an amount read only after a repair that the grammar of "
              "amounts allowed one way (a lost dash; from OCR also letters read for digits, "
              "swapped or lost separators), or 'confirmed by a sum: ...' for an amount read "
              "by OCR with a low confidence that a sum it is part of holds with exactly; null "
              "when it was read as printed."),
        _COMMON["ocr_confidence"],
        Field("sumber_dana", pa.string(), "Source of funds as printed (APBD, DAK ...)."),
        _COMMON["source_table"],
        _COMMON["page"],
        *_box("the amount's cell"),
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
        *_box("the printed row (its cells that print something)"),
    ],
    "documents": [
        _COMMON["doc_id"],
        Field("sha256", pa.string(), "SHA-256 of the source PDF's bytes (hex).", nullable=False),
        Field("source_file", pa.string(), "File name of the source PDF (the first one, when the "
              "same content came under several names).", nullable=False),
        Field("duplicate_files", pa.int16(), "How many other input files had the same content "
              "(listed with duplicate_of in validation/summary.json).", nullable=False),
        Field("opd", pa.string(), "Agency (perangkat daerah) the plan belongs to, as printed."),
        Field("tahun_rencana", pa.int16(), "Plan year of the document (tahun rencana); null "
              "when it was not found.", unit="year"),
        Field("status", pa.string(), "ok (every error-severity check passed), invalid (read, but "
              "a check failed: see the failures) or rejected (not read: see reason).",
              nullable=False, allowed=STATUSES),
        Field("reason", pa.string(), "Why the document was rejected; null otherwise."),
        Field("plan_pages", pa.string(), "Pages of the plan table (rumusan), comma-separated."),
        Field("review_pages", pa.string(), "Pages of the review of the draft RKPD, "
              "comma-separated; null when none was read."),
        Field("evaluasi_pages", pa.string(), "Pages of the evaluation table, comma-separated; "
              "null when none was read."),
        Field("kinerja_pelayanan_pages", pa.string(), "Pages of the service performance table, "
              "comma-separated; null when none was read."),
        Field("usulan_pages", pa.string(), "Pages of the community proposals table, "
              "comma-separated; null when none was read."),
        Field("pages_not_read", pa.string(), "Pages inside the plan table's span from which no "
              "row was read, and pages under its title whose table was not read, "
              "comma-separated; null when none."),
        Field("ocr_pages", pa.string(), "Pages read by OCR, comma-separated; null when none."),
        Field("n_program", pa.int32(), "Programs read from the plan table."),
        Field("n_kegiatan", pa.int32(), "Kegiatan read from the plan table."),
        Field("n_sub_kegiatan", pa.int32(), "Sub kegiatan read from the plan table."),
        Field("n_unreadable", pa.int32(), "Amounts and targets of the plan table left null "
              "with a flag."),
        Field("n_errors", pa.int32(), "Failures of error-severity checks (each failing row "
              "counts)."),
        Field("n_warnings", pa.int32(), "Failures of warning-severity checks."),
        Field("pagu_stated", AMOUNT_TYPE, "Total pagu indikatif of the plan year as the "
              "document states it (its grand-total row, else its text); null when none.",
              unit="IDR"),
        Field("pagu_computed", AMOUNT_TYPE, "Sum of the programs' pagu indikatif of the plan "
              "year; null when none was read.", unit="IDR"),
        Field("prakiraan_maju_stated", AMOUNT_TYPE, "Total prakiraan maju of the next year as "
              "the document states it; null when none.", unit="IDR"),
        Field("prakiraan_maju_computed", AMOUNT_TYPE, "Sum of the programs' prakiraan maju of "
              "the next year; null when none was read.", unit="IDR"),
    ],
}  # fmt: skip

# The tables of values read from the documents; ``documents`` describes the documents
# themselves, from the validated summary.
TABLES = tuple(t for t in FIELDS if t != "documents")
KEYS: dict[str, tuple[str, ...]] = {
    "programs": ("doc_id", "node_id"),
    "indicators": ("doc_id", "table_kind", "node_id", "indikator_no", "measure", "tahun"),
    "budgets": ("doc_id", "table_kind", "node_id", "tahun", "jenis"),
    "proposals": ("doc_id", "source_table", "usulan_no"),
    "documents": ("doc_id",),
}
# Foreign keys that hold in every output: table -> (columns, referenced table, its columns).
# Rows of the other tables than the plan link to no programs row (see node_id).
FOREIGN_KEYS: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {
    table: [(("doc_id",), "documents", ("doc_id",))] for table in TABLES
}


class SchemaError(ValueError):
    """A frame does not match the field dictionary."""


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of an output table."""
    return pa.schema([pa.field(f.name, f.type, nullable=f.nullable) for f in FIELDS[table]])


# Columns with allowed values are written dictionary-encoded (pandas reads them as category).
DICTIONARY_TYPE = pa.dictionary(pa.int8(), pa.string())


def file_schema(table: str) -> pa.Schema:
    """The schema of the Parquet file: the columns with allowed values dictionary-encoded
    (pandas reads them as category), each with its description (and unit) as field metadata."""
    fields = []
    for f in FIELDS[table]:
        metadata = {"description": f.description}
        if f.unit:
            metadata["unit"] = f.unit
        kind = DICTIONARY_TYPE if f.allowed else f.type
        fields.append(pa.field(f.name, kind, nullable=f.nullable, metadata=metadata))
    return pa.schema(fields)


def file_table(frame: pd.DataFrame, table: str) -> pa.Table:
    """``frame`` as the Arrow table written to Parquet (see :func:`file_schema`).

    A dictionary column's dictionary is the field's allowed values, in the dictionary's order,
    whatever values the frame holds, so that the bytes depend on the values only.
    """
    plain = pa.Table.from_pandas(frame, schema=arrow_schema(table), preserve_index=False)
    schema = file_schema(table)
    columns = []
    for f in FIELDS[table]:
        column = plain.column(f.name).combine_chunks()
        if f.allowed:
            dictionary = pa.array(f.allowed, pa.string())
            indices = pc.index_in(column, value_set=dictionary).cast(pa.int8())
            column = pa.DictionaryArray.from_arrays(indices, dictionary)
        columns.append(column)
    # No pandas metadata: the schema is the field dictionary's, and the bytes must not depend on
    # how the frames were built (a second run over the same inputs writes identical files).
    return pa.Table.from_arrays(columns, schema=schema)


def read_file_table(path: Any) -> pd.DataFrame:
    """A written table as a frame with Arrow-backed dtypes, its dictionary-encoded columns
    decoded back to plain values (the dtypes :func:`enforce_schema` gives)."""
    arrow = pq.read_table(path)
    for i, f in enumerate(arrow.schema):
        if pa.types.is_dictionary(f.type):
            arrow = arrow.set_column(i, f.name, arrow.column(i).cast(f.type.value_type))
    return arrow.to_pandas(types_mapper=pd.ArrowDtype)


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
