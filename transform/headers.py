"""Header rows -> column meanings, whatever the wording, merging and splitting of the header.

Real headers say "Kebutuhan Dana/Pagu Indikatif (Rp)", "Pagu Indikatif (Rp)" or "PAGU (RP)"; they
group columns under "Rencana Tahun 2022" and "Prakiraan Maju Rencana Tahun 2023", print letters
vertically ("U/r/u/s/a/n"), and repeat on every page with a row of column numbers. Columns are
mapped by the words they contain, and the year group they sit under.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from extract.model import RawTable
from transform.numbers import parse_amount
from transform.vocabulary import (
    AFTER_WORDS,
    BEFORE_WORDS,
    HEADER_WORDS,
    NEXT_YEAR_WORDS,
    YEAR_ALONE,
    YEAR_WORD,
    ColumnRole,
    compact,
    join_broken_labels,
    role_of,
)

__all__ = [
    "HeaderMap",
    "column_texts",
    "id_column_indices",
    "Role",
    "compact",
    "header_rows",
    "is_number_row",
    "map_header",
    "measure_columns",
    "place_years",
    "ValueColumns",
    "review_halves",
]

_PLAIN_NUMBER = re.compile(r"\d[\d.,]*")
_ROW_NUMBER = re.compile(r"(?:[IVXLC]+|\d+)(?:\s*\.\s*\d+)+\.?")
_ROMAN_NUMBER = re.compile(r"[IVXLC]+\.?")
# a target printed with its unit ("100 %", "3.098 Dokumen"), in a table with no satuan column
# ("2024 Rencana" is a year heading, not a target)
_TARGET_WITH_UNIT = re.compile(r"(?!(?:19|20)\d\d\b)\d[\d.,]*\s*(?:%|[A-Za-z]+(?:\s+[A-Za-z]+)?)")
_NUMBER_CELL = re.compile(r"^\(?(\d{1,2})\)?(?:=.*)?$")  # "8=(7/6)": a number and its formula


@dataclass(frozen=True)
class Role:
    """What a column holds; ``year`` is ``"plan"`` or ``"next"`` for targets and amounts."""

    name: ColumnRole
    year: str | None = None
    part: int = 0  # order of a code column among the code columns
    years: tuple[int, ...] = ()  # the years a target or amount column's header prints


@dataclass
class HeaderMap:
    """Meaning of each column of a table, and the years its column groups name."""

    roles: dict[int, Role] = field(default_factory=dict)
    plan_year: int | None = None
    next_year: int | None = None
    n_header_rows: int = 0
    texts: list[str] = field(default_factory=list)  # each column's header, groups joined by " | "

    def columns(self, name: str, year: str | None = None) -> list[int]:
        return [
            c for c, r in sorted(self.roles.items())
            if r.name == name and (year is None or r.year == year)
        ]  # fmt: skip

    def first(self, name: str, year: str | None = None) -> int | None:
        cols = self.columns(name, year)
        return cols[0] if cols else None

    @property
    def is_plan_table(self) -> bool:
        """Whether the columns are those of a program/kegiatan plan with budgets."""
        has_target = self.first("target") is not None or self.first("indikator") is not None
        return (
            self.first("nama") is not None and self.first("pagu", "plan") is not None and has_target
        )


def is_number_row(row: list[str | None]) -> bool:
    """The row of column numbers (``1 2 3 ...`` or ``(1) (2) ...``) printed under a header."""
    numbers = []
    for cell in row:
        if cell is None or not cell.strip():
            continue
        match = _NUMBER_CELL.match(re.sub(r"\s+", "", cell))
        if not match:
            return False
        numbers.append(int(match[1]))
    return len(numbers) >= 3 and all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


# Of a row of column numbers read by OCR, one in this many may be misread (or lost).
MISREAD_NUMBERS = 5


def _misread_number_row(row: list[str | None]) -> bool:
    """A row of column numbers with a few of them misread, as OCR reads a coarse scan's small
    digits (``1 2 3 4 5 6 7 3 9 10  12``: an ``8`` read ``3``, an ``11`` lost): at least five
    cells, none longer than three characters, and all but one in ``MISREAD_NUMBERS`` of them
    numbers rising from left to right. Looked for only right under a table's header, where a
    body row holds a name."""
    cells = [re.sub(r"\s+", "", c) for c in row if c and c.strip()]
    numbers = [int(m[1]) for c in cells if (m := _NUMBER_CELL.match(c))]
    if len(cells) < 5 or any(len(c) > 3 for c in cells):
        return False  # a cell of words: a body row's name
    rising = _longest_rising(numbers)
    return rising >= 4 and len(cells) - rising <= len(cells) // MISREAD_NUMBERS


def _numbers_columns(row: list[str | None], index: int) -> bool:
    """Whether a row of a table's header, ``index`` rows from its top, numbers its columns."""
    return is_number_row(row) or (index > 0 and _misread_number_row(row))


def _longest_rising(numbers: list[int]) -> int:
    """The length of the longest strictly rising subsequence."""
    tails: list[int] = []
    for n in numbers:
        at = bisect.bisect_left(tails, n)
        tails[at : at + 1] = [n]
    return len(tails)


def _is_header_row(row: list[str | None]) -> bool:
    texts = [c for c in row if c and c.strip()]
    if not _label_row(texts):
        return False
    words = " ".join(compact(t) for t in texts)
    hits = {k for k in HEADER_WORDS if k in words}
    return len(hits) >= 2


def _label_row(texts: list[str]) -> bool:
    """Whether a row's texts could all be labels: words and years, no cell a figure or row
    number, whole or line by line (two body rows read as one, where a scan lost the rule
    between them, print a figure a line: ``20.160.500.000`` over ``13.977.000.000``; a label
    broken over lines may have one of them read as a digit, ``Catata`` / ``n`` / ``Pentin`` /
    ``9``, and stays a label)."""
    if not texts:
        return False
    if len(texts) >= 2 and all(YEAR_WORD.fullmatch(compact(t)) for t in texts):
        return True  # the years under "Target Renstra" / "Realisasi" / "Proyeksi"
    for text in texts:
        lines = [line for line in text.splitlines() if line.strip()]
        if _figure(text) or (len(lines) > 1 and all(_figure(line) for line in lines)):
            return False
    return True


def _figure(text: str) -> bool:
    """Whether a cell's text (or a line of it) is a figure or a row number, no label: labels
    print no number but years."""
    text = text.strip()
    if YEAR_WORD.fullmatch(text):
        return False  # a year heading over its column
    if _ROW_NUMBER.fullmatch(text):
        return True  # a body row numbered I.1 / 2.3.1, whatever words its cells hold
    parsed = parse_amount(text)
    if parsed.value is not None and abs(parsed.value) >= 1000:
        return True
    if _PLAIN_NUMBER.fullmatch(text) or _TARGET_WITH_UNIT.fullmatch(text):
        return True  # a target (1, 2, ... rows aside)
    return bool(_ROMAN_NUMBER.fullmatch(text))  # a program's row number (I, II)


def header_rows(table: RawTable) -> int:
    """How many rows at the top of the table are header (including the column-number row).
    Under the first, a row whose other cells are merged cells of the rows above (``None``)
    and whose own cells hold labels only is header too: one label under a heading ("Target"
    under "Target Capaian Kinerja") names no two kinds of column by itself."""
    count = 0
    for row in table.grid:
        if _numbers_columns(row, count):
            return count + 1
        texts = [c for c in row if c and c.strip()]
        under = count > 0 and None in row and (not texts or _label_row(texts))
        if not (under or _is_header_row(row)):
            break
        count += 1
    return count


def _column_texts(table: RawTable, n_rows: int) -> list[str]:
    texts = []
    for col in range(table.n_cols):
        parts: list[str] = []
        seen: set[int] = set()
        for row in range(n_rows):
            cell = table.covering(row, col)
            if cell is None or id(cell) in seen or _numbers_columns(table.grid[row], row):
                continue
            seen.add(id(cell))
            if cell.text.strip():
                parts.append(join_broken_labels(cell.text))
        texts.append(" | ".join(parts))
    return texts


def column_texts(table: RawTable) -> list[str]:
    """Each column's header text (its header cells joined by " | "); all empty without a header."""
    return _column_texts(table, header_rows(table))


def _role_of(text: str) -> Role | None:
    role = role_of(text)
    return None if role is None else Role(role)


_CODE_PART = re.compile(
    r"^(kode)?(u|b|p|k|s|urusan|bidang|bidangurusan|program|kegiatan|subkegiatan)$"
)


def _code_part_runs(texts: list[str]) -> set[int]:
    """Columns in a run of three or more headed Urusan | Bidang | Program | Kegiatan | Sub: the
    parts of a split code, even where the "Kode" group heading does not reach them."""
    parts = [bool(_CODE_PART.match(compact(t))) for t in texts]
    found: set[int] = set()
    start = 0
    while start < len(parts):
        end = start
        while end < len(parts) and parts[end]:
            end += 1
        if end - start >= 3:
            found.update(range(start, end))
        start = end + 1
    return found


def id_column_indices(texts: list[str]) -> set[int]:
    """Columns that identify a row (code parts, row number), from header texts alone."""
    header = HeaderMap()
    _map_texts(header, texts)
    return {c for c, r in header.roles.items() if r.name in ("kode", "nomor")}


def map_header(table: RawTable) -> HeaderMap:
    """Map the columns of a table whose first rows are its header."""
    n_rows = header_rows(table)
    header = HeaderMap(n_header_rows=n_rows)
    if n_rows == 0:
        return header
    header.texts = _column_texts(table, n_rows)
    _map_texts(header, header.texts, _split_code_by_its_cells(table, n_rows))
    _codes_by_their_cells(header, table, n_rows)
    return header


# A cell of a code split over columns: one level's segment (2, 01, 1.01, 0009).
_CODE_PART_CELL = re.compile(r"^\d{1,4}(?:\.\d{1,4})?$")
# A run of at least this many columns of such cells is a split code.
_MIN_SPLIT_PARTS = 3


def _split_code_by_its_cells(table: RawTable, n_rows: int) -> set[int]:
    """The columns of a code split over several columns, found by their cells where the header
    may not name them (OCR read ``Bidang`` as ``ng ukdang`` and ``Sub Kegiatan`` as ``Sub atan
    Kegi``, so no run of three labels remained): the first run of three or more neighbouring
    columns, from the table's left edge or after one column (a row number), whose filled cells
    (three at least in each) hold one level's digits, three in four of them (a heading's text
    runs into the first column; OCR reads ``01`` as ``O1``). No other column of a Renja holds
    such short numbers side by side before the names."""
    for start in (0, 1):
        end = start
        while end < table.n_cols and _mostly(table, n_rows, end, _CODE_PART_CELL):
            end += 1
        if end - start >= _MIN_SPLIT_PARTS:
            return set(range(start, end))
    return set()


# A cell that opens with a code: an urusan digit, a bidang of two digits, and perhaps more
# (1.03, 1.03.11, 1.03.11.1.01.0009; OCR may read a dot as a space). Amounts (1.000.000) and
# row numbers (1.1, 1.2.3) do not open so.
_CODE_CELL = re.compile(r"^(?:\d|X)\.(?:\d{2}|XX)(?:[.\s]\d|$)")
# At least this many cells, and this share of the cells that print something, open with a code.
_MIN_CODE_CELLS = 3
_CODE_SHARE = 0.75


def _codes_by_their_cells(header: HeaderMap, table: RawTable, n_rows: int) -> None:
    """A column left of the names whose header names no role, where most cells that print
    something open with a code, is the code column: its header was worded otherwise, or read
    otherwise (OCR read "KODE KLASIFIKASI BELANJA" as "ASI" on a 200 dpi scan, and every code
    was lost). Only where no column is known to hold codes or row numbers."""
    nama = header.first("nama")
    if nama is None or header.columns("kode") or header.first("nomor") is not None:
        return
    for col in range(nama):
        if col not in header.roles and _mostly(table, n_rows, col, _CODE_CELL):
            header.roles[col] = Role(ColumnRole.KODE, part=0)
            return


def _mostly(table: RawTable, n_rows: int, col: int, pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` matches at least ``_MIN_CODE_CELLS`` of the column's filled body
    cells (below its ``n_rows`` header rows, the row of column numbers aside) and
    ``_CODE_SHARE`` of them."""
    cells = [
        text
        for row in table.grid[n_rows:]
        if not is_number_row(row) and col < len(row) and (text := (row[col] or "").strip())
    ]
    found = sum(bool(pattern.match(c)) for c in cells)
    return found >= _MIN_CODE_CELLS and found >= _CODE_SHARE * len(cells)


def _map_texts(header: HeaderMap, texts: list[str], by_cells: set[int] | None = None) -> None:
    code_parts = _code_part_runs(texts) | (by_cells or set())
    years: dict[int, list[int]] = {}
    kode_parts = 0
    for col, text in enumerate(texts):
        role = Role(ColumnRole.KODE) if col in code_parts else _role_of(text)
        if role is None:
            continue
        if role.name == ColumnRole.KODE:
            role = Role(ColumnRole.KODE, part=kode_parts)
            kode_parts += 1
        header.roles[col] = role
        if role.name in ("target", "pagu"):
            years[col] = [int(y) for y in YEAR_WORD.findall(text)]
    _keep_plan_columns(header, texts)
    _assign_years(header, texts, years)


_OF_PLAN = re.compile(r"program|kegiatan")


def _keep_plan_columns(header: HeaderMap, texts: list[str]) -> None:
    """Where several columns read as names or indicators (a "Bidang Urusan" column, the
    indicators of tujuan and sasaran beside those of the programs), keep the one that speaks
    of programs and kegiatan; the others are left unmapped."""
    for name in (ColumnRole.NAMA, ColumnRole.INDIKATOR):
        cols = header.columns(name)
        if len(cols) < 2:
            continue
        preferred = [c for c in cols if _OF_PLAN.search(compact(texts[c]))]
        if name == "indikator" and not preferred:
            nama = header.first("nama")
            preferred = [c for c in cols if nama is not None and c > nama]
        keep = (preferred or cols)[0]
        for col in cols:
            if col != keep:
                del header.roles[col]


def _assign_years(header: HeaderMap, texts: list[str], years: dict[int, list[int]]) -> None:
    forward = {c for c in years if NEXT_YEAR_WORDS.search(texts[c].lower())}
    plain_years = [max(ys) for c, ys in years.items() if ys and c not in forward]
    plan_year = min(plain_years) if plain_years else None
    if plan_year is None:
        forward_years = [max(ys) for c, ys in years.items() if ys and c in forward]
        plan_year = min(forward_years) - 1 if forward_years else None
    for col in years:
        ys = years[col]
        is_next = col in forward or (plan_year is not None and bool(ys) and max(ys) > plan_year)
        header.roles[col] = Role(header.roles[col].name, "next" if is_next else "plan")
    # Without year headings, a second target or amount column is the prakiraan maju one.
    for name in (ColumnRole.TARGET, ColumnRole.PAGU):
        cols = header.columns(name)
        unlabelled = not any(years[c] for c in cols)
        if len(cols) >= 2 and unlabelled and all(header.roles[c].year == "plan" for c in cols):
            header.roles[cols[1]] = Role(name, "next")
    # A Renja Perubahan splits the plan year's target and amount into before and after the
    # change (SEBELUM | SESUDAH): both are the plan year, the first is "before".
    for col in years:
        words = compact(texts[col])
        if BEFORE_WORDS.search(words):
            header.roles[col] = Role(header.roles[col].name, "before")
        elif AFTER_WORDS.search(words):
            header.roles[col] = Role(header.roles[col].name, "plan")
    for col, ys in years.items():
        header.roles[col] = replace(header.roles[col], years=tuple(ys))
    _pair_years(header)
    header.plan_year = plan_year
    header.next_year = plan_year + 1 if plan_year is not None else None


def _pair_years(header: HeaderMap) -> None:
    """Targets and amounts come in pairs, one a year: where the targets have a prakiraan maju
    column and the amounts two of the plan year (or the other way round), the one after the
    other's prakiraan maju column is the prakiraan maju's; where both have two columns of one
    year and none of the other, the first of each is the plan's and the second the prakiraan
    maju's. OCR read a prakiraan maju amount's header without its words and under the plan's
    year (``RENCANA TAHUN 2024 | ANA TAHUN PAGU``), or a page's repeated header with the next
    year over every column, and the plan's or the next year's amounts of a scanned plan were
    lost or taken for the other's."""
    for name, other in ((ColumnRole.PAGU, ColumnRole.TARGET), (ColumnRole.TARGET, ColumnRole.PAGU)):
        plans, ahead = header.columns(name, "plan"), header.columns(other, "next")
        if len(plans) < 2 or header.columns(name, "next") or not ahead:
            continue
        after = [c for c in plans if c > ahead[0]]
        if len(after) == 1:
            header.roles[after[0]] = replace(header.roles[after[0]], year="next")
    for year in ("plan", "next"):
        pairs = [header.columns(name, year) for name in (ColumnRole.TARGET, ColumnRole.PAGU)]
        if any(len(cols) != 2 for cols in pairs) or header.columns("pagu", "before"):
            continue
        if any(header.columns(name, y) for name in (ColumnRole.TARGET, ColumnRole.PAGU)
               for y in ("plan", "next") if y != year):  # fmt: skip
            continue
        (t1, t2), (p1, p2) = pairs
        if t1 < p1 < t2 < p2:  # two groups of a target and an amount, side by side
            for first, second in ((t1, t2), (p1, p2)):
                header.roles[first] = replace(header.roles[first], year="plan")
                header.roles[second] = replace(header.roles[second], year="next")


def place_years(header: HeaderMap, plan_year: int) -> None:
    """Put the target and amount columns in time from the plan year that the table's title
    gives: a column whose header names the plan year is the plan's, one that names the next
    year the prakiraan maju's, whatever else the header says ("Target Tahun 2023" under a
    title "... Tahun 2022" is the prakiraan maju). Columns before the change of a Renja
    Perubahan, and columns naming no year, keep their place, and so does a prakiraan maju
    column naming the plan year beside the plan's own (one plan-year amount a table: its year
    misprinted, or misread by OCR from the group beside it)."""
    for col, role in list(header.roles.items()):
        if not role.years or role.year == "before":
            continue
        if max(role.years) == plan_year:
            beside = [
                c for c, r in header.roles.items()
                if c != col and r.name == role.name and r.year == "plan" and r.years
                and max(r.years) == plan_year
            ]  # fmt: skip
            if role.year == "next" and beside:
                continue
            header.roles[col] = replace(role, year="plan")
        elif max(role.years) == plan_year + 1:
            header.roles[col] = replace(role, year="next")
    _pair_years(header)
    header.plan_year, header.next_year = plan_year, plan_year + 1


_HASIL = re.compile(r"hasilanalisis|analisiskebutuhan")


def review_halves(table: RawTable) -> list[tuple[str, HeaderMap]]:
    """The halves of a review table (T-C.31), each with the header map of its own columns:
    ``rancangan_awal`` (the draft RKPD) and ``hasil_analisis`` (the needs analysis).

    The form prints the draft first and the needs analysis second, each from its own
    Program/Kegiatan column on; columns before the first (the row number) and after the last
    half's columns (notes) belong to both. A table printing one half only is the draft RKPD
    the title names, unless its heading says it is the needs analysis.
    """
    n_rows = header_rows(table)
    texts = _column_texts(table, n_rows)
    starts = [c for c, text in enumerate(texts) if (r := _role_of(text)) and r.name == "nama"]
    if len(starts) >= 2:
        bounds = [("rancangan_awal", starts[0], starts[1]), ("hasil_analisis", starts[1], None)]
    else:
        hasil = any(_HASIL.search(compact(text)) for text in texts)
        bounds = [("hasil_analisis" if hasil else "rancangan_awal", 0, None)]
    first = starts[0] if starts else 0
    halves = []
    for name, lo, hi in bounds:
        end = len(texts) if hi is None else hi
        kept = [t if c < first or lo <= c < end else "" for c, t in enumerate(texts)]
        header = HeaderMap(n_header_rows=n_rows)
        _map_texts(header, kept)
        halves.append((name, header))
    return halves


_UP_TO = re.compile(r"s\s*/\s*d|sampai|hingga", re.IGNORECASE)


def _measure(text: str) -> tuple[str, int | None] | None:
    """What a column of an evaluation or service performance table holds, and for which year:
    the leaf heading says what (Target, Realisasi, Tingkat Realisasi, Proyeksi), the headings
    over it say what when the leaf is only a year ("Realisasi | 2020")."""
    parts = [p for p in text.split(" | ") if p.strip()]
    if not parts:
        return None
    leaf, groups = parts[-1], parts[:-1]
    year_only = YEAR_ALONE.match(compact(leaf))
    if year_only and groups:
        leaf, groups = groups[-1], groups[:-1]
    words, whole = compact(leaf), compact(text)
    years = (
        YEAR_WORD.findall(leaf) or [y for g in reversed(groups) for y in YEAR_WORD.findall(g)][:1]
    )
    year = int(year_only[1]) if year_only else int(years[-1]) if years else None
    if "tingkat" in words:
        return ("capaian_kumulatif_persen" if "renstra" in whole else "capaian_persen"), year
    if "proyeksi" in words:
        return "proyeksi", year
    if "realisasi" in words:
        return ("realisasi_kumulatif" if _UP_TO.search(leaf) else "realisasi"), year
    if "target" in words and "ikk" in words:
        return "target_ikk", year
    if "target" in words:
        return ("target_renstra" if "renstra" in words else "target"), year
    return None


@dataclass
class ValueColumns:
    """The value columns of an evaluation or service performance table: ``measures`` (column
    -> measure and year, read into indicators), ``amounts`` (column -> budget kind and year:
    the Rp sub columns), ``header`` (the other columns: codes, names, indicators, units) and
    ``extra_rows`` (1 when a row of K / Rp sub headings follows the column numbers)."""

    measures: dict[int, tuple[str, int]]
    amounts: dict[int, tuple[str, int]]
    header: HeaderMap
    extra_rows: int = 0


# The money a T-C.29 measure stands for, in its Rp sub column.
_AMOUNT_OF = {
    "target_renstra": "pagu_renstra",
    "target": "pagu_renja",
    "realisasi": "realisasi_anggaran",
    "realisasi_kumulatif": "realisasi_anggaran_kumulatif",
}
_SUB_HEADING = re.compile(r"^(k|rp)$")


def measure_columns(table: RawTable) -> ValueColumns:
    """The value columns of an evaluation (T-C.29) or service performance (T-C.30) table, each
    with its measure and year, and the header map of the other columns (codes, names,
    indicators, units). A column whose heading names no year is left out: its values could
    not be placed in time. Where each value has a K (kinerja) and an Rp sub column, as the
    row under the column numbers says, the K column is a measure and the Rp column an amount;
    without that row, the first of two columns of the same measure and year is kept."""
    n_rows = header_rows(table)
    texts = _column_texts(table, n_rows)
    below = table.grid[n_rows] if n_rows < len(table.grid) else []
    subs = [compact(c) for c in below]
    sub_row = any(subs) and all(_SUB_HEADING.match(s) for s in subs if s)
    found: dict[int, tuple[str, int]] = {}
    amounts: dict[int, tuple[str, int]] = {}
    for col, text in enumerate(texts):
        measure = _measure(text)
        if measure is None or measure[1] is None:
            continue
        name, year = measure[0], measure[1]
        if sub_row and col < len(subs) and subs[col] == "rp":
            if name in _AMOUNT_OF and (_AMOUNT_OF[name], year) not in amounts.values():
                amounts[col] = (_AMOUNT_OF[name], year)
        elif (name, year) not in found.values():
            found[col] = (name, year)
    header = HeaderMap(n_header_rows=n_rows)
    taken = found.keys() | amounts.keys()
    _map_texts(header, [t if c not in taken else "" for c, t in enumerate(texts)])
    for col in [c for c, r in header.roles.items() if r.name in ("target", "pagu")]:
        del header.roles[col]
    return ValueColumns(found, amounts, header, int(bool(sub_row)))
