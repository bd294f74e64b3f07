"""The words by which Renja headers name their columns, held as data in one place.

A column's role is decided by the first term, in the order of ``COLUMN_TERMS``, whose pattern
its header text matches: the order is the priority ("Target Capaian" is a target before it is
an achievement, "Satuan Kerja" a unit before it is work). The other readers of headers (is a
row a header, does a page print a plan-like header, which words make a borderless header)
use the lists below, each for its own question; a new role or a new wording goes here.

Patterns on ``compact`` text see lower-case letters and digits only (``"Pagu\\nIndikatif
(Rp)"`` is ``paguindikatifrp``). This module imports nothing of the project, so that both
``extract`` and ``transform`` can read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "AFTER_WORDS",
    "BEFORE_WORDS",
    "BORDERLESS_HEADER_TERMS",
    "COLUMN_TERMS",
    "HEADER_WORDS",
    "LABEL_WORDS",
    "NEEDS_YEAR",
    "NEXT_YEAR_WORDS",
    "PAGE_BUDGET_WORDS",
    "PAGE_INDICATOR_WORDS",
    "PROPOSAL_TERMS",
    "TOTAL_LABEL",
    "TOTAL_WORDS",
    "YEAR",
    "YEAR_ALONE",
    "YEAR_TOKEN",
    "YEAR_WORD",
    "ColumnRole",
    "Term",
    "compact",
    "join_broken_labels",
    "role_of",
    "title_year",
]


class ColumnRole(StrEnum):
    """What a column holds. A role is a string too: ``ColumnRole.PAGU == "pagu"``."""

    NOMOR = "nomor"  # the printed row number (I, I.1)
    KODE = "kode"  # a code, or one part of a split code
    NAMA = "nama"  # program, kegiatan or sub kegiatan name
    INDIKATOR = "indikator"
    SATUAN = "satuan"
    LOKASI = "lokasi"
    TARGET = "target"
    PAGU = "pagu"  # an amount in rupiah
    SUMBER_DANA = "sumber_dana"
    PENANGGUNG_JAWAB = "penanggung_jawab"
    CATATAN = "catatan"
    # the community proposals' own columns
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    BESARAN = "besaran"


@dataclass(frozen=True)
class Term:
    """A wording that names a role: ``pattern`` searched in the compact header text, and
    ``printed``, if given, searched in the header as printed (lower case)."""

    role: ColumnRole
    pattern: re.Pattern[str]
    printed: re.Pattern[str] | None = None

    def names(self, text: str) -> bool:
        return bool(
            self.pattern.search(compact(text))
            or (self.printed is not None and self.printed.search(text.lower()))
        )


def _term(role: ColumnRole, pattern: str, printed: str | None = None) -> Term:
    return Term(role, re.compile(pattern), re.compile(printed) if printed else None)


R = ColumnRole
# The roles of the plan's columns and of the tables read with its machinery, by priority.
COLUMN_TERMS: tuple[Term, ...] = (
    _term(R.SUMBER_DANA, r"sumberdana|^sumber$"),
    _term(R.PENANGGUNG_JAWAB, r"penanggung|jawab"),
    _term(R.CATATAN, r"catatan|keterangan"),
    _term(R.SATUAN, r"satuan"),
    _term(R.LOKASI, r"lokasi"),
    _term(R.TARGET, r"target"),
    _term(R.PAGU, r"pagu|kebutuhandana|anggaran", printed=r"\(?\brp\b\.?\)?"),
    _term(R.INDIKATOR, r"indikator|tolokukur"),
    _term(R.KODE, r"kode"),
    _term(R.NOMOR, r"^no(mor)?(urut)?$"),
    _term(R.NAMA, r"program|kegiatan|uraian|urusan"),
    _term(R.TARGET, r"capaian|kinerja"),  # "Capaian Kinerja" with no "target" in it
)

# The columns of the community proposals table, by priority (its own wording: "Besaran/Volume").
PROPOSAL_TERMS: tuple[Term, ...] = (
    _term(R.NOMOR, r"^(no|nomor)$"),
    _term(R.LOKASI, r"lokasi"),
    _term(R.INDIKATOR, r"indikator|tolokukur"),
    _term(R.BESARAN, r"besaran|volume|target"),
    _term(R.CATATAN, r"catatan|keterangan"),
    _term(R.PROGRAM, r"^program$"),
    _term(R.KEGIATAN, r"kegiatan"),
)

# Words of header labels: a row whose cells hold two of them (and no amounts) is a header row.
HEADER_WORDS = (
    "kode", "urusan", "bidang", "program", "kegiatan", "indikator", "kinerja", "satuan", "lokasi",
    "target", "capaian", "pagu", "kebutuhan", "dana", "sumber", "catatan", "penting", "penanggung",
    "jawab", "prakiraan", "rencana", "tahun", "nomor", "keterangan", "anggaran", "klasifikasi",
    "tolok", "ukur", "uraian", "rancangan", "ranwal", "rkpd", "analisis", "realisasi", "renstra",
    "proyeksi", "sebelum", "sesudah", "setelah",
)  # fmt: skip

# The words header labels are made of: a label broken inside one of them by a narrow column
# ("Catat" / "an", "Penangg" / "ung Jawab", "U" / "r" / "u" / "s" / "a" / "n") is joined back.
LABEL_WORDS = frozenset(HEADER_WORDS) | {
    "daerah", "hasil", "indikatif", "keluaran", "maju", "pelaksana", "pemerintahan",
    "perangkat", "sasaran", "sub", "usulan", "volume",
}  # fmt: skip

# A header without a row of column numbers is told by the kinds of column it names (searched
# in its lower-case letters and brackets, spaces squeezed out).
BORDERLESS_HEADER_TERMS: dict[ColumnRole, re.Pattern[str]] = {
    R.INDIKATOR: re.compile(r"indikator"),
    R.TARGET: re.compile(r"target|capaian"),
    R.PAGU: re.compile(r"pagu|kebutuhan|\(rp\)|anggaran"),
    R.LOKASI: re.compile(r"lokasi"),
    R.SATUAN: re.compile(r"satuan"),
    R.KODE: re.compile(r"kode"),
    R.NAMA: re.compile(r"program|kegiatan|uraian"),
    R.SUMBER_DANA: re.compile(r"sumber"),
}
# A borderless column so headed takes a year from the nearest year heading when it names none.
NEEDS_YEAR = re.compile(r"target|capaian|pagu|kebutuhan|rp$")

# Which year a target or amount column is for: a Renja Perubahan's columns before and after the
# change (on ``compact`` text), and the prakiraan maju year (on lower-case text).
BEFORE_WORDS = re.compile(r"sebelum")
AFTER_WORDS = re.compile(r"sesudah|setelah")
NEXT_YEAR_WORDS = re.compile(r"prakiraan|maju|n\s*\+\s*1")

# A page whose text layer names indicators and amounts may print a plan table.
PAGE_INDICATOR_WORDS = re.compile(r"indikator", re.IGNORECASE)
PAGE_BUDGET_WORDS = re.compile(r"pagu|kebutuhan\s+dana|\(rp\)", re.IGNORECASE)

# The years of the plans: every pattern that reads a year is built from this one.
# The label of a total or subtotal row (the name cell of a row that sums others).
TOTAL_WORDS = re.compile(r"^(jumlah|total|grand\s+total|sub\s*total)\b", re.IGNORECASE)
# A total's label and nothing else: "Jumlah", "TOTAL", "Sub Total", "Jumlah Total:".
TOTAL_LABEL = re.compile(
    r"^(?:jumlah|total|grand\s+total|sub\s*total)(?:\s+(?:total|keseluruhan))?\s*:?$", re.I
)

# The words a performance indicator opens with: a measure (``Jumlah Dokumen ...``,
# ``Persentase ...``, ``Rasio Capaian ...``), or a state the plan brings about, a word made
# with ``-nya`` (``Tersedianya ...``, ``Meningkatnya ...``). Not ``Tingkat``, which opens
# indicators but also the rest of many names (``... Tingkat Daerah``, ``Tingkat Kecamatan``).
INDICATOR_HEADS = frozenset(
    {
        "jumlah", "persentase", "presentase", "prosentase", "cakupan", "rasio", "indeks",
        "nilai", "angka", "capaian", "rata-rata", "proporsi", "prevalensi", "laju", "luas",
        "panjang", "skor", "predikat", "opini", "frekuensi", "banyaknya", "kualitas",
    }
)  # fmt: skip


# Words that open indicators and the rest of names alike (``Tingkat Kepuasan ...``,
# ``... Tingkat Kecamatan``).
SHARED_HEADS = frozenset({"tingkat"})

# The levels of government and area a shared head names where it continues a phrase ("at the
# level of": ``... Tingkat Kecamatan``), where as an indicator's head it names what is
# measured (``Tingkat Kepuasan``).
LEVEL_WORDS = frozenset(
    {
        "daerah", "desa", "kelurahan", "kecamatan", "kabupaten", "kota", "kabupaten/kota",
        "provinsi", "nasional", "pusat", "wilayah", "regional", "internasional",
    }
)  # fmt: skip


def shared_head(word: str) -> bool:
    """Whether ``word`` opens indicators and the rest of names alike (``SHARED_HEADS``)."""
    return word.lower() in SHARED_HEADS


def continues_phrase(word: str, next_word: str) -> bool:
    """Whether ``word`` is a shared head that, before ``next_word`` naming a level of
    government or area (``LEVEL_WORDS``), continues a phrase (``Tingkat Kecamatan``) rather
    than opening an indicator (``Tingkat Kepuasan``)."""
    return shared_head(word) and next_word.strip(",.;:()").lower() in LEVEL_WORDS


def opens_indicator(word: str, shared: bool = False) -> bool:
    """Whether an indicator may open with ``word`` (``INDICATOR_HEADS``, or a capitalised
    word ending in ``-nya``; with ``shared``, ``SHARED_HEADS`` too)."""
    if shared and word.lower() in SHARED_HEADS:
        return True
    return word.lower() in INDICATOR_HEADS or (
        word[:1].isupper() and word.isalpha() and word.lower().endswith("nya") and len(word) > 5
    )


YEAR = r"20\d\d"
YEAR_WORD = re.compile(rf"\b({YEAR})\b")  # a year inside a text
YEAR_ALONE = re.compile(rf"^\(?({YEAR})\)?$")  # a heading that is a year and nothing else
# A year as a word of a label, a past one too ("(2019)", "2023:"): not a number of the body.
YEAR_TOKEN = re.compile(rf"^\(?(?:19\d\d|{YEAR})\)?[.,:;]?$")


def title_year(*lead_words: str) -> re.Pattern[str]:
    """The year a title names after one of ``lead_words`` ("Tahun 2024", "TA. 2024")."""
    return re.compile(rf"\b(?:{'|'.join(lead_words)})\s+({YEAR})\b", re.IGNORECASE)


def compact(text: str | None) -> str:
    """Lower-case letters and digits only: ``"Satu\\nan"`` and ``"SATUAN"`` become ``satuan``."""
    return re.sub(r"[^a-z0-9+]", "", (text or "").lower())


def role_of(text: str, terms: tuple[Term, ...] = COLUMN_TERMS) -> ColumnRole | None:
    """The role the first matching term gives a header text, or None."""
    h, printed = compact(text), text.lower()
    if not h:
        return None
    for term in terms:
        if term.pattern.search(h) or (term.printed is not None and term.printed.search(printed)):
            return term.role
    return None


def join_broken_labels(text: str) -> str:
    """A header cell's text with each word that a narrow column broke over lines joined back:
    ``"Catat\\nan\\nPenti\\nng"`` is ``"Catatan\\nPenting"``, ``"Penangg\\nung Jawab"`` is
    ``"Penanggung Jawab"``. A break is joined where the joined word is a word of labels
    (``LABEL_WORDS``) and none of its parts is one: ``"Sumber\\nDana"`` and ``"Sub\\nKegiatan"``
    stay two words. Line breaks between words are kept."""
    lines = [line.split() for line in text.splitlines() if line.split()]
    out: list[list[str]] = []
    index = 0
    while index < len(lines):
        current = list(lines[index])
        index += 1
        while index < len(lines):
            end = _broken_word_end(current[-1], lines, index)
            if end is None:
                break
            current[-1] += "".join(line[0] for line in lines[index : end + 1])
            current += lines[end][1:]
            index = end + 1
        out.append(current)
    return "\n".join(" ".join(line) for line in out)


def _is_label_word(word: str) -> bool:
    return compact(word) in LABEL_WORDS


def _broken_word_end(word: str, lines: list[list[str]], start: int) -> int | None:
    """The last of the lines from ``start`` whose first words complete ``word`` into a word of
    labels, the lines between holding one piece each; the longest such run, or None."""
    found = None
    pieces = [word]
    for end in range(start, len(lines)):
        pieces.append(lines[end][0])
        joined = "".join(pieces)
        if _is_label_word(joined) and all(p.isalpha() and not _is_label_word(p) for p in pieces):
            found = end
        if len(lines[end]) > 1:
            break  # a piece in the middle of a broken word is a line of its own
    return found
