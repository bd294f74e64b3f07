"""Synthetic Renja PDF generator for tests.

``random_plan`` builds a deterministic random plan in the truth format used by the golden
files; ``render_pdf`` prints it as a Renja-like PDF (portrait narrative pages followed by the
landscape T-C.33 table) according to a ``Layout``. ``LAYOUTS`` holds a few named variants.
"""

from __future__ import annotations

import json
import math
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, LEGAL, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

__all__ = [
    "LAYOUTS",
    "Layout",
    "PrintedTable",
    "format_amount",
    "format_number",
    "random_plan",
    "render_pdf",
]

CodeStyle = Literal["split5", "single", "partial", "glued", "nomor", "none"]
AmountStyle = Literal["plain", "decimals", "rp", "rp_dot", "rp_newline"]
PageSizeName = Literal["A4", "F4", "Legal"]

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"

PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": A4,
    "F4": (215 * mm, 330 * mm),
    "Legal": LEGAL,
}

# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

# (urusan, bidang, OPD name, topical objects)
_AGENCIES: list[tuple[str, str, str, list[str]]] = [
    (
        "1",
        "01",
        "DINAS PENDIDIKAN",
        [
            "Pendidikan Anak Usia Dini",
            "Sekolah Dasar",
            "Sekolah Menengah Pertama",
            "Pendidik dan Tenaga Kependidikan",
            "Kurikulum Muatan Lokal",
            "Bantuan Operasional Sekolah",
            "Sarana Pembelajaran",
            "Pendidikan Nonformal",
        ],
    ),
    (
        "1",
        "02",
        "DINAS KESEHATAN",
        [
            "Pelayanan Kesehatan Ibu Hamil",
            "Pusat Kesehatan Masyarakat (Puskesmas)",
            "Imunisasi Dasar",
            "Obat dan Bahan Medis Habis Pakai",
            "Sumber Daya Manusia Kesehatan",
            "Gizi Masyarakat",
            "Jaminan Kesehatan Nasional",
            "Penyakit Menular",
        ],
    ),
    (
        "1",
        "03",
        "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG",
        [
            "Jalan dan Jembatan",
            "Sistem Drainase Perkotaan",
            "Sistem Penyediaan Air Minum (SPAM)",
            "Rencana Detail Tata Ruang (RDTR)",
            "Bangunan Gedung",
            "Jasa Konstruksi",
            "Daerah Irigasi",
            "Air Limbah Domestik",
        ],
    ),
    (
        "2",
        "07",
        "DINAS TENAGA KERJA",
        [
            "Tenaga Kerja",
            "Pelatihan Berbasis Kompetensi",
            "Informasi Pasar Kerja",
            "Lembaga Penempatan Tenaga Kerja Swasta (LPTKS)",
            "Hubungan Industrial",
            "Produktivitas Tenaga Kerja",
            "Lembaga Kerja Sama Bipartit",
            "Perluasan Kesempatan Kerja",
        ],
    ),
    (
        "2",
        "11",
        "DINAS LINGKUNGAN HIDUP",
        [
            "Pengendalian Pencemaran Udara",
            "Bank Sampah",
            "Ruang Terbuka Hijau",
            "Kajian Lingkungan Hidup Strategis (KLHS)",
            "Limbah Bahan Berbahaya dan Beracun (B3)",
            "Pengangkutan Sampah",
            "Kualitas Air Sungai",
        ],
    ),
    (
        "2",
        "15",
        "DINAS PERHUBUNGAN",
        [
            "Manajemen dan Rekayasa Lalu Lintas",
            "Terminal Penumpang Tipe C",
            "Perlengkapan Jalan",
            "Pengujian Kendaraan Bermotor",
            "Angkutan Umum",
            "Analisis Dampak Lalu Lintas (Andalalin)",
            "Area Parkir",
        ],
    ),
    (
        "2",
        "16",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        [
            "Informasi dan Komunikasi Publik",
            "Aplikasi Informatika",
            "Jaringan Intra Pemerintah",
            "Nama Domain dan Sub Domain",
            "Sistem Pemerintahan Berbasis Elektronik (SPBE)",
            "Pusat Data Daerah",
            "Layanan Keamanan Informasi",
        ],
    ),
    (
        "2",
        "17",
        "DINAS KOPERASI, USAHA KECIL DAN MENENGAH",
        [
            "Usaha Mikro",
            "Koperasi Simpan Pinjam",
            "Kelembagaan Koperasi",
            "Kewirausahaan",
            "Sumber Daya Manusia Koperasi",
            "Produk Unggulan Daerah",
            "Izin Usaha Simpan Pinjam",
        ],
    ),
]

_REGIONS = [
    "KOTA SERANG",
    "KOTA CILEGON",
    "KABUPATEN LEBAK",
    "KABUPATEN PANDEGLANG",
    "KOTA TANGERANG SELATAN",
    "KABUPATEN SLEMAN",
    "KOTA MALANG",
    "KABUPATEN BANYUMAS",
    "KOTA BANJARMASIN",
    "KABUPATEN GOWA",
]

_GENERIC_OBJECTS = [
    "Perangkat Daerah",
    "Dokumen Perencanaan Perangkat Daerah",
    "Barang Milik Daerah",
    "Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "Peralatan dan Perlengkapan Kantor",
    "Gaji dan Tunjangan ASN",
    "Sarana dan Prasarana",
    "Data dan Informasi",
    "Kapasitas Kelembagaan",
    "Laporan Keuangan Akhir Tahun",
    "Kendaraan Dinas Operasional",
    "Bahan Logistik Kantor",
    "Rapat Koordinasi dan Konsultasi",
    "Administrasi Kepegawaian",
    "Sistem Informasi & Pelaporan",
    "Dokumen Anggaran",
    "Pelayanan Publik",
]

_VERBS = [
    "Penyediaan",
    "Pelaksanaan",
    "Koordinasi",
    "Pembinaan",
    "Penyusunan",
    "Pengelolaan",
    "Fasilitasi",
    "Pengembangan",
    "Peningkatan",
    "Penyelenggaraan",
    "Pemeliharaan",
    "Pengadaan",
    "Sosialisasi",
    "Pendataan",
    "Perencanaan",
    "Pengawasan",
    "Evaluasi",
    "Penguatan",
    "Pendampingan",
    "Monitoring dan Evaluasi",
    "Koordinasi dan Sinkronisasi",
    "Pembangunan",
    "Rehabilitasi",
    "Verifikasi",
]

_QUALIFIERS = [
    "Kabupaten/Kota",
    "Tingkat Daerah",
    "di Lingkungan Perangkat Daerah",
    "Lintas Sektor",
    "Berbasis Masyarakat",
    "Skala Kabupaten/Kota",
    "bagi Pencari Kerja",
    "Tingkat Kecamatan",
    "dan Pelaporan",
    "Tahun Berjalan",
    "Secara Terpadu",
    "Lingkup Daerah",
    "pada Masyarakat",
    "di Kelurahan",
    "Kewenangan Daerah",
]

_PROGRAM_HEADS = [
    "Peningkatan",
    "Pengembangan",
    "Pengelolaan",
    "Pembinaan",
    "Penyelenggaraan",
    "Perencanaan",
    "Pelayanan",
    "Pemberdayaan",
    "Perlindungan",
    "Pengendalian",
]

_PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"

_SATUAN = [
    "%",
    "org",
    "dokumen",
    "bulan",
    "unit",
    "Paket",
    "kegiatan",
    "Laporan",
    "orang",
    "lembaga",
    "Dokumen",
]

_SATUAN_NOUN = {
    "org": "Orang yang Mengikuti",
    "orang": "Orang yang Difasilitasi dalam",
    "dokumen": "Dokumen",
    "Dokumen": "Dokumen",
    "bulan": "Bulan Pelayanan",
    "unit": "Unit",
    "Paket": "Paket",
    "kegiatan": "Kegiatan",
    "Laporan": "Laporan",
    "lembaga": "Lembaga yang Dibina dalam",
}

_PERCENT_HEADS = ["Persentase", "Tingkat", "Cakupan", "Rasio Capaian"]
_PERCENT_TAILS = [
    "yang Terlaksana",
    "yang Tertangani",
    "yang Terpenuhi",
    "Sesuai Standar",
    "yang Terfasilitasi",
    "Tepat Waktu",
]

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


# --------------------------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------------------------


def _roman(n: int) -> str:
    """Roman numeral of a positive integer."""
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _thousands(n: int) -> str:
    """Integer with "." as thousands separator (Indonesian notation)."""
    return f"{n:,}".replace(",", ".")


def format_number(value: int | float) -> str:
    """Print a target value in Indonesian notation ("1.250", "5,31", "100")."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.2f}".split(".")
        frac = frac.rstrip("0")
        return f"{_thousands(int(whole))},{frac}" if frac else _thousands(int(whole))
    return _thousands(int(value))


def format_amount(value: int, style: AmountStyle = "plain") -> str:
    """Print a rupiah amount in one of the layout amount styles ("\\n" marks a line break)."""
    s = _thousands(value)
    if style == "plain":
        return s
    if style == "decimals":
        return f"{s},00"
    if style == "rp":
        return f"Rp{s}"
    if style == "rp_dot":
        return f"Rp. {s},-"
    if style == "rp_newline":
        return f"Rp\n{s}"
    raise ValueError(f"unknown amount style {style!r}")


# --------------------------------------------------------------------------------------------
# Random plans
# --------------------------------------------------------------------------------------------


def _random_pagu(rng: random.Random) -> int:
    """A sub kegiatan amount: 5 juta .. 30 miliar, mostly round, sometimes exact."""
    value = math.exp(rng.uniform(math.log(5_000_000), math.log(30_000_000_000)))
    r = rng.random()
    if r < 0.15:
        amount = int(value)
    elif r < 0.55:
        amount = round(value / 1_000) * 1_000
    elif r < 0.85:
        amount = round(value / 100_000) * 100_000
    else:
        amount = round(value / 1_000_000) * 1_000_000
    return min(max(amount, 5_000_000), 30_000_000_000)


def _random_target(rng: random.Random, satuan: str) -> int | float:
    """A target value suited to the unit."""
    if satuan == "%":
        r = rng.random()
        if r < 0.35:
            return 100
        if r < 0.65:
            return rng.randint(1, 99)
        cents = rng.randint(101, 9999)
        if cents % 100 == 0:
            cents += 1
        return round(cents / 100, 2)
    r = rng.random()
    if r < 0.6:
        return rng.randint(1, 24)
    if r < 0.9:
        return rng.randint(25, 500)
    return rng.randint(501, 5000)


def _word_count(text: str) -> int:
    return len(text.split())


def _unique_name(rng: random.Random, used: set[str], build: Any) -> str:
    """Draw names from ``build`` until one is unused (case-insensitive) and 2-14 words long."""
    for _ in range(500):
        name = build()
        if 2 <= _word_count(name) <= 14 and name.upper() not in used:
            used.add(name.upper())
            return name
    base = build()
    i = 2
    while f"{base} Tahap {i}".upper() in used:
        i += 1
    name = f"{base} Tahap {i}"
    used.add(name.upper())
    return name


def _program_name(rng: random.Random, topics: list[str]) -> str:
    head = rng.choice(_PROGRAM_HEADS)
    obj = rng.choice(topics)
    words = f"{head} {obj}"
    if rng.random() < 0.35:
        words += " " + rng.choice(_QUALIFIERS)
    return ("PROGRAM " + words).upper()


def _activity_name(rng: random.Random, topics: list[str], level: str) -> str:
    pool = topics + _GENERIC_OBJECTS if rng.random() < 0.5 else topics
    words = f"{rng.choice(_VERBS)} {rng.choice(pool)}"
    if rng.random() < (0.45 if level == "kegiatan" else 0.6):
        words += " " + rng.choice(_QUALIFIERS)
    if level == "sub_kegiatan" and rng.random() < 0.25:
        words += " dan " + rng.choice(topics)
    return words


def _indicator_text(rng: random.Random, level: str, satuan: str, topics: list[str]) -> str:
    obj = rng.choice(topics + _GENERIC_OBJECTS)
    if satuan == "%":
        text = f"{rng.choice(_PERCENT_HEADS)} {obj} {rng.choice(_PERCENT_TAILS)}"
    else:
        noun = _SATUAN_NOUN[satuan]
        if len(obj.split()) > 1 and obj.split()[0] == noun.split()[-1]:
            obj = obj.split(" ", 1)[1]
        text = f"Jumlah {noun} {obj}"
        if level == "sub_kegiatan" and rng.random() < 0.4:
            text += " " + rng.choice(_QUALIFIERS)
    return text


def _make_indicator(rng: random.Random, node: dict, topics: list[str]) -> dict:
    level = node["level"]
    satuan = "%" if level == "program" and rng.random() < 0.7 else rng.choice(_SATUAN)
    target = _random_target(rng, satuan)
    target_next: int | float | None
    if rng.random() < 0.15:
        target_next = None
    elif rng.random() < 0.5:
        target_next = target
    else:
        target_next = _random_target(rng, satuan)
    return {
        "kode": node["kode"],
        "nomor": node["nomor"],
        "nama": node["nama"],
        "indikator": _indicator_text(rng, level, satuan, topics),
        "satuan": satuan,
        "target": target,
        "target_raw": format_number(target),
        "target_next": target_next,
    }


def random_plan(
    seed: int, *, codes: bool = True, sub_digits: int = 2, n_programs: int | None = None
) -> dict:
    """Build a deterministic random Renja plan in the golden "truth" format.

    ``codes=False`` gives a plan whose nodes carry no kode (render it with code_style "nomor");
    ``sub_digits`` is 2 or 4 (digits of the sub kegiatan code part).
    """
    if sub_digits not in (2, 4):
        raise ValueError("sub_digits must be 2 or 4")
    rng = random.Random(seed)
    urusan, bidang, agency, topics = rng.choice(_AGENCIES)
    region = rng.choice(_REGIONS)
    opd = f"{agency} {region}"
    plan_year = rng.randint(2022, 2027)
    n_prog = n_programs if n_programs is not None else rng.randint(2, 5)
    keg_digit = "2" if rng.random() < 0.8 else "1"

    used: set[str] = set()
    nodes: list[dict] = []
    indicators: list[dict] = []
    prog_no = rng.choice([0, 0, 1])
    for pi in range(n_prog):
        prog_no += 1 if rng.random() < 0.7 else rng.randint(2, 3)
        pkode = f"{urusan}.{bidang}.{prog_no:02d}"
        if prog_no == 1 and rng.random() < 0.6 and _PENUNJANG.upper() not in used:
            used.add(_PENUNJANG.upper())
            pname = _PENUNJANG
        else:
            pname = _unique_name(rng, used, lambda: _program_name(rng, topics))
        prog = {
            "level": "program",
            "kode": pkode,
            "nomor": _roman(pi + 1),
            "parent_kode": None,
            "nama": pname,
            "pagu": 0,
            "pagu_next": 0,
        }
        nodes.append(prog)
        prog_children: list[dict] = []
        keg_no = 0
        for ki in range(rng.randint(1, 4)):
            keg_no += 1 if rng.random() < 0.7 else rng.randint(2, 4)
            kkode = f"{pkode}.{keg_digit}.{keg_no:02d}"
            keg = {
                "level": "kegiatan",
                "kode": kkode,
                "nomor": f"{prog['nomor']}.{ki + 1}",
                "parent_kode": pkode,
                "nama": _unique_name(rng, used, lambda: _activity_name(rng, topics, "kegiatan")),
                "pagu": 0,
                "pagu_next": 0,
            }
            nodes.append(keg)
            prog_children.append(keg)
            subs: list[dict] = []
            sub_no = 0
            for si in range(rng.randint(1, 4)):
                sub_no += 1 if rng.random() < 0.65 else rng.randint(2, 5)
                sub = {
                    "level": "sub_kegiatan",
                    "kode": f"{kkode}.{sub_no:0{sub_digits}d}",
                    "nomor": f"{keg['nomor']}.{si + 1}",
                    "parent_kode": kkode,
                    "nama": _unique_name(
                        rng, used, lambda: _activity_name(rng, topics, "sub_kegiatan")
                    ),
                    "pagu": _random_pagu(rng),
                    "pagu_next": _random_pagu(rng),
                }
                nodes.append(sub)
                subs.append(sub)
            keg["pagu"] = sum(s["pagu"] for s in subs)
            keg["pagu_next"] = sum(s["pagu_next"] for s in subs)
        prog["pagu"] = sum(k["pagu"] for k in prog_children)
        prog["pagu_next"] = sum(k["pagu_next"] for k in prog_children)

    for node in nodes:
        count = 1
        if node["level"] == "sub_kegiatan" and rng.random() < 0.3:
            count = rng.randint(2, 3)
        for _ in range(count):
            indicators.append(_make_indicator(rng, node, topics))

    if not codes:
        for node in nodes:
            node["kode"] = None
            node["parent_kode"] = None
        for ind in indicators:
            ind["kode"] = None

    suffix = "" if codes and sub_digits == 2 else f"_{'c' if codes else 'n'}{sub_digits}"
    return {
        "document": f"synth_renja_{seed}{suffix}",
        "opd": opd,
        "plan_year": plan_year,
        "total_pagu": sum(n["pagu"] for n in nodes if n["level"] == "program"),
        "nodes": nodes,
        "indicators": indicators,
        "planted_faults": [],
    }


# --------------------------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Visual options for the table pages of a synthetic Renja PDF.

    ``next_header`` and ``title`` may use ``{year}``/``{next}`` placeholders.
    """

    ruled: bool = True
    code_style: CodeStyle = "single"
    amount_style: AmountStyle = "plain"
    satuan_column: bool = True
    number_row: Literal["arabic", "paren", "none"] = "arabic"
    page_size: PageSizeName = "A4"
    wrap_amounts: bool = False
    font_size: float = 7.0
    grand_total_row: bool = False
    grand_total_position: Literal["first", "last"] = "last"
    header_rows: Literal[2, 3] = 2
    name_header: str = "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan"
    indicator_header: str = "Indikator Kinerja Program/Kegiatan/Sub Kegiatan"
    pagu_header: str = "Kebutuhan Dana/Pagu Indikatif (Rp)"
    next_header: str = "Prakiraan Maju Rencana Tahun {next}"
    upper_headers: bool = False
    title: str = (
        "Tabel 3.3 Rumusan Rencana Program, Kegiatan dan Sub Kegiatan Perangkat Daerah "
        "Tahun {year} dan Prakiraan Maju Tahun {next}"
    )
    opd_prefix: str = ""
    shading: bool = False
    page_numbers: bool = False
    narrative_pages: int | None = None
    repeat_header: bool = True  # header rows printed again on every page of the table
    # where a body cell's text stands in its row: at the top (a word processor's default), the
    # middle (a web page's) or the foot (a sheet's)
    valign: str = "TOP"

    def __post_init__(self) -> None:
        if self.valign not in ("TOP", "MIDDLE", "BOTTOM"):
            raise ValueError(f"bad valign {self.valign!r}")
        if self.code_style not in ("split5", "single", "partial", "glued", "nomor", "none"):
            raise ValueError(f"bad code_style {self.code_style!r}")
        if self.amount_style not in ("plain", "decimals", "rp", "rp_dot", "rp_newline"):
            raise ValueError(f"bad amount_style {self.amount_style!r}")
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"bad page_size {self.page_size!r}")
        if self.header_rows not in (2, 3):
            raise ValueError("header_rows must be 2 or 3")
        if self.number_row not in ("arabic", "paren", "none"):
            raise ValueError(f"bad number_row {self.number_row!r}")
        if self.narrative_pages not in (None, 1, 2):
            raise ValueError("narrative_pages must be None, 1 or 2")


LAYOUTS: dict[str, Layout] = {
    # SIPD-style export: five code columns, ruled grid, OPD total row on top.
    "sipd_split5": Layout(
        code_style="split5",
        amount_style="plain",
        satuan_column=True,
        number_row="arabic",
        page_size="F4",
        font_size=6.5,
        grand_total_row=True,
        grand_total_position="first",
    ),
    # One dotted Kode column, amounts with ",00", unit inside the target cell, short headers.
    "single_decimals": Layout(
        code_style="single",
        amount_style="decimals",
        satuan_column=False,
        number_row="paren",
        page_size="A4",
        font_size=6.5,
        pagu_header="Pagu Indikatif (Rp)",
        next_header="Rencana Tahun {next}",
        grand_total_row=True,
        grand_total_position="last",
        page_numbers=True,
    ),
    # Code glued before the name, "Rp" amounts, three header rows, shaded levels.
    "glued_rp_3rows": Layout(
        code_style="glued",
        amount_style="rp",
        satuan_column=True,
        number_row="arabic",
        page_size="Legal",
        font_size=7.5,
        header_rows=3,
        shading=True,
    ),
    # No codes, Roman/arabic numbering, no grid lines (text-export look), "Rp. x,-" amounts.
    "nomor_unruled": Layout(
        ruled=False,
        code_style="nomor",
        amount_style="rp_dot",
        satuan_column=False,
        number_row="arabic",
        page_size="A4",
        font_size=7.0,
        pagu_header="Pagu (Rp)",
        upper_headers=True,
        grand_total_row=True,
        grand_total_position="last",
    ),
    # Narrow amount columns with amounts broken over two lines at a digit.
    "wrapped_amounts": Layout(
        code_style="single",
        amount_style="plain",
        satuan_column=True,
        number_row="paren",
        page_size="F4",
        font_size=7.0,
        wrap_amounts=True,
        grand_total_row=True,
        grand_total_position="last",
        opd_prefix="Nama Perangkat Daerah : ",
    ),
    # Unruled split5 table with "Rp" on its own line, three header rows.
    "split5_unruled_rp_newline": Layout(
        ruled=False,
        code_style="split5",
        amount_style="rp_newline",
        satuan_column=True,
        number_row="paren",
        page_size="Legal",
        font_size=7.0,
        header_rows=3,
        pagu_header="PAGU (RP)",
        page_numbers=True,
    ),
    # Ruled, numbered (no codes), decimals and wrapped amounts on A4.
    "nomor_wrapped_decimals": Layout(
        code_style="nomor",
        amount_style="decimals",
        satuan_column=True,
        number_row="arabic",
        page_size="A4",
        font_size=6.5,
        wrap_amounts=True,
        shading=True,
        grand_total_row=True,
        grand_total_position="first",
    ),
}


def random_layout(seed: int) -> Layout:
    """A layout drawn at random for the layout sweep (``tests/sweep.py``) and the random
    layout tests. A test of one layout writes the layout out instead: the draws change
    whenever an option is added here."""
    rng = random.Random(seed)
    code_style = rng.choice(["split5", "single", "glued", "nomor", "none"])
    return Layout(
        ruled=rng.random() < 0.6,
        code_style=code_style,
        amount_style=rng.choice(["plain", "decimals", "rp", "rp_dot", "rp_newline"]),
        satuan_column=rng.random() < 0.5,
        number_row=rng.choice(["arabic", "paren", "none"]),
        page_size=rng.choice(["A4", "F4", "Legal"]),
        wrap_amounts=rng.random() < 0.3,
        font_size=rng.choice([6.5, 7.0, 7.5]),
        grand_total_row=rng.random() < 0.5,
        grand_total_position=rng.choice(["first", "last"]),
        header_rows=rng.choice([2, 3]),
        pagu_header=rng.choice(
            ["Kebutuhan Dana/Pagu Indikatif (Rp)", "Pagu Indikatif (Rp)", "PAGU (RP)"]
        ),
        next_header=rng.choice(["Prakiraan Maju Rencana Tahun {next}", "Rencana Tahun {next}"]),
        upper_headers=rng.random() < 0.3,
        shading=rng.random() < 0.3,
        page_numbers=rng.random() < 0.5,
    )


def seed_plan(seed: int, layout: Layout) -> dict:
    """The random plan that goes with a layout of the sweep's ``seed``: coded unless the layout
    numbers its rows or prints no identifier, 2- or 4-digit sub kegiatan codes by the seed's
    parity."""
    codes = layout.code_style not in ("nomor", "none")
    return random_plan(seed, codes=codes, sub_digits=2 + 2 * (seed % 2))


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


@dataclass
class _HeaderNode:
    label: str
    key: str | None = None
    children: list[_HeaderNode] | None = None

    def leaves(self) -> list[_HeaderNode]:
        if not self.children:
            return [self]
        out: list[_HeaderNode] = []
        for child in self.children:
            out.extend(child.leaves())
        return out


def _lokasi(opd: str) -> str:
    """Region of the OPD in title case ("Kota Serang"), used as Lokasi."""
    upper = opd.upper()
    best = -1
    for marker in (" KOTA ", " KABUPATEN "):
        best = max(best, upper.rfind(marker))
    if best < 0:
        return "Kabupaten/Kota"
    return opd[best + 1 :].title()


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _break_line(line: str, max_w: float, font: str, size: float) -> list[str]:
    """Break a line into pieces that fit ``max_w``, cutting right after a digit."""
    pieces: list[str] = []
    rest = line
    while rest and stringWidth(rest, font, size) > max_w:
        cut = len(rest)
        while cut > 1 and stringWidth(rest[:cut], font, size) > max_w:
            cut -= 1
        probe = cut
        while probe > 1 and not rest[probe - 1].isdigit():
            probe -= 1
        if probe > 1:
            cut = probe
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


class _Renderer:
    """Builds the flowables of one document."""

    def __init__(self, plan: dict, layout: Layout, frame_width: float) -> None:
        self.plan = plan
        self.layout = layout
        self.frame_width = frame_width
        self.year = int(plan["plan_year"])
        self.fs = float(layout.font_size)
        self.leading = round(self.fs * 1.2, 2)
        self.pad = 3.0 if layout.ruled else 4.0
        self.lokasi = _lokasi(plan["opd"])
        fs, ld = self.fs, self.leading
        self.st_body = ParagraphStyle(
            "body", fontName=FONT, fontSize=fs, leading=ld, alignment=TA_LEFT, splitLongWords=0
        )
        self.st_bold = ParagraphStyle("bold", parent=self.st_body, fontName=FONT_BOLD)
        self.st_head = ParagraphStyle(
            "head", parent=self.st_body, fontName=FONT_BOLD, alignment=TA_CENTER
        )

    # ---- text helpers -------------------------------------------------------------------

    def _h(self, text: str) -> str:
        text = text.format(year=self.year, next=self.year + 1)
        return text.upper() if self.layout.upper_headers else text

    def _amount(self, value: int) -> str:
        text = format_amount(value, self.layout.amount_style)
        if not self.layout.wrap_amounts:
            return text
        lines: list[str] = []
        for line in text.split("\n"):
            lines.extend(_break_line(line, self._wrap_width(), FONT_BOLD, self.fs))
        return "\n".join(lines)

    def _wrap_width(self) -> float:
        return stringWidth("88.888.888.88", FONT_BOLD, self.fs) + 0.5

    def _target(self, value: int | float | None, satuan: str) -> str:
        if value is None:
            return ""
        raw = format_number(value)
        return raw if self.layout.satuan_column else f"{raw} {satuan}"

    # ---- header -------------------------------------------------------------------------

    def _header_tree(self) -> list[_HeaderNode]:
        lay = self.layout
        tree: list[_HeaderNode] = []
        if lay.code_style == "split5":
            tree.append(
                _HeaderNode(
                    self._h("Kode"),
                    children=[
                        _HeaderNode(self._h("Urusan"), "u"),
                        _HeaderNode(self._h("Bidang Urusan"), "b"),
                        _HeaderNode(self._h("Program"), "p"),
                        _HeaderNode(self._h("Kegiatan"), "k"),
                        _HeaderNode(self._h("Sub Kegiatan"), "s"),
                    ],
                )
            )
        elif lay.code_style in ("single", "partial"):
            tree.append(_HeaderNode(self._h("Kode"), "kode"))
        elif lay.code_style == "nomor":
            tree.append(_HeaderNode(self._h("No"), "no"))
        tree.append(_HeaderNode(self._h(lay.name_header), "nama"))
        tree.append(_HeaderNode(self._h(lay.indicator_header), "ind"))

        target_label = self._h("Target Capaian Kinerja")
        if lay.header_rows == 3:
            kids = [_HeaderNode(self._h("Target"), "tgt")]
            if lay.satuan_column:
                kids.append(_HeaderNode(self._h("Satuan"), "sat"))
            target_nodes = [_HeaderNode(target_label, children=kids)]
        else:
            target_nodes = [_HeaderNode(target_label, "tgt")]
            if lay.satuan_column:
                target_nodes.append(_HeaderNode(self._h("Satuan"), "sat"))
        tree.append(
            _HeaderNode(
                self._h("Rencana Tahun {year}"),
                children=[
                    _HeaderNode(self._h("Lokasi"), "lok"),
                    *target_nodes,
                    _HeaderNode(self._h(lay.pagu_header), "pagu"),
                    _HeaderNode(self._h("Sumber Dana"), "sd"),
                ],
            )
        )
        tree.append(_HeaderNode(self._h("Catatan Penting"), "cat"))
        tree.append(
            _HeaderNode(
                self._h(lay.next_header),
                children=[
                    _HeaderNode(target_label, "tgt2"),
                    _HeaderNode(self._h(lay.pagu_header), "pagu2"),
                ],
            )
        )
        return tree

    def _header_rows(
        self, tree: list[_HeaderNode], ncols: int
    ) -> tuple[list[list[Any]], list[tuple]]:
        depth = self.layout.header_rows
        rows: list[list[Any]] = [[""] * ncols for _ in range(depth)]
        spans: list[tuple] = []

        def place(node: _HeaderNode, row: int, col: int) -> int:
            rows[row][col] = _p(node.label, self.st_head)
            if not node.children:
                if row < depth - 1:
                    spans.append(("SPAN", (col, row), (col, depth - 1)))
                return 1
            width = len(node.leaves())
            if width > 1:
                spans.append(("SPAN", (col, row), (col + width - 1, row)))
            c = col
            for child in node.children:
                c += place(child, row + 1, c)
            return width

        col = 0
        for node in tree:
            col += place(node, 0, col)
        if self.layout.number_row != "none":
            nums = []
            for i in range(ncols):
                nums.append(str(i + 1) if self.layout.number_row == "arabic" else f"({i + 1})")
            rows.append(nums)
        return rows, spans

    # ---- body ---------------------------------------------------------------------------

    def _code_cells(self, node: dict) -> dict[str, str]:
        kode = node.get("kode")
        cells: dict[str, str] = {}
        style = self.layout.code_style
        if style == "nomor":
            cells["no"] = node["nomor"]
        elif style == "single":
            cells["kode"] = kode or ""
        elif style == "partial" and kode:
            # each level prints only its own segments: 2.07.03 / 2.01 / 01
            parts = kode.split(".")
            own = {3: parts[:3], 5: parts[3:5], 6: parts[5:]}[len(parts)]
            cells["kode"] = ".".join(own)
        elif style == "split5" and kode:
            parts = kode.split(".")
            cells["u"] = parts[0]
            cells["b"] = parts[1]
            cells["p"] = parts[2]
            if len(parts) >= 5:
                cells["k"] = f"{parts[3]}.{parts[4]}"
            if len(parts) >= 6:
                cells["s"] = parts[5]
        return cells

    def _body(self, keys: list[str]) -> tuple[list[dict], list[tuple[int, int]]]:
        """Body rows as dicts (key -> cell value) plus (first, count) groups of merged rows."""
        by_nomor: dict[str, list[dict]] = {}
        for ind in self.plan["indicators"]:
            by_nomor.setdefault(ind["nomor"], []).append(ind)
        rows: list[dict] = []
        groups: list[tuple[int, int]] = []
        glued = self.layout.code_style == "glued"
        for node in self.plan["nodes"]:
            level = node["level"]
            # With no code and no number, kegiatan are told from sub kegiatan by bold type.
            bold = level == "program" or (level == "kegiatan" and self.layout.code_style == "none")
            pst = self.st_bold if bold else self.st_body
            inds = by_nomor.get(node["nomor"]) or [None]
            name = node["nama"]
            if glued and node.get("kode"):
                name = f"{node['kode']} {name}"
            first: dict[str, Any] = {"_level": level}
            first.update(self._code_cells(node))
            first["nama"] = _p(name, pst)
            first["pagu"] = self._amount(int(node["pagu"]))
            first["pagu2"] = self._amount(int(node["pagu_next"]))
            if level == "sub_kegiatan":
                first["lok"] = _p(self.lokasi, self.st_body)
                first["sd"] = "APBD"
            start = len(rows)
            for i, ind in enumerate(inds):
                row = first if i == 0 else {"_level": level, "_extra": True}
                if ind is not None:
                    row["ind"] = _p(ind["indikator"], pst)
                    row["tgt"] = self._target(ind["target"], ind["satuan"])
                    row["sat"] = ind["satuan"]
                    row["tgt2"] = self._target(ind.get("target_next"), ind["satuan"])
                rows.append(row)
            if len(inds) > 1:
                groups.append((start, len(inds)))
        if self.layout.grand_total_row:
            total_next = sum(
                int(n["pagu_next"]) for n in self.plan["nodes"] if n["level"] == "program"
            )
            first_pos = self.layout.grand_total_position == "first"
            label = self.plan["opd"] if first_pos else "JUMLAH"
            total = {
                "_level": "total",
                "nama": _p(label, self.st_bold),
                "pagu": self._amount(int(self.plan["total_pagu"])),
                "pagu2": self._amount(total_next),
            }
            if first_pos:
                rows.insert(0, total)
                groups = [(s + 1, c) for s, c in groups]
            else:
                rows.append(total)
        return rows, groups

    # ---- widths -------------------------------------------------------------------------

    def _widths(self, leaves: list[_HeaderNode], body: list[dict]) -> list[float]:
        fs, pad = self.fs, self.pad
        avail = self.frame_width
        fixed: dict[str, float] = {}
        flexible = {"nama": 0.55, "ind": 0.45}
        for leaf in leaves:
            key = leaf.key or ""
            if key in flexible:
                continue
            head_w = max((stringWidth(w, FONT_BOLD, fs) for w in leaf.label.split()), default=0)
            data_w = 0.0
            if key == "lok":
                data_w = min(stringWidth(self.lokasi, FONT, fs), 62.0)
            elif key in ("pagu", "pagu2") and self.layout.wrap_amounts:
                data_w = self._wrap_width()
            elif key == "cat":
                data_w = 18.0
            else:
                for row in body:
                    val = row.get(key)
                    if isinstance(val, str):
                        for line in val.split("\n"):
                            data_w = max(data_w, stringWidth(line, FONT_BOLD, fs))
            fixed[key] = max(head_w, data_w) + 2 * pad + 1.5
        rest = avail - sum(fixed.values())
        if rest < 150:
            raise ValueError(
                f"layout too wide for page: {rest:.0f}pt left for name and indicator columns"
            )
        widths = []
        for leaf in leaves:
            key = leaf.key or ""
            widths.append(rest * flexible[key] if key in flexible else fixed[key])
        return widths

    # ---- table --------------------------------------------------------------------------

    def table(self) -> Table:
        lay = self.layout
        tree = self._header_tree()
        leaves = [leaf for node in tree for leaf in node.leaves()]
        keys = [leaf.key or "" for leaf in leaves]
        ncols = len(keys)
        head, head_spans = self._header_rows(tree, ncols)
        nhead = len(head)
        body, groups = self._body(keys)
        widths = self._widths(leaves, body)

        data = [list(r) for r in head]
        for row in body:
            data.append([row.get(k, "") for k in keys])

        fs, ld, pad = self.fs, self.leading, self.pad
        cmds: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), FONT, fs, ld),
            ("VALIGN", (0, 0), (-1, -1), self.layout.valign),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("VALIGN", (0, 0), (-1, nhead - 2), "MIDDLE"),
            ("FONT", (0, nhead - 1), (-1, nhead - 1), FONT, fs - 0.5, ld),
            ("ALIGN", (0, nhead - 1), (-1, nhead - 1), "CENTER"),
        ]
        cmds.extend(head_spans)
        for i, key in enumerate(keys):
            if key in ("pagu", "pagu2"):
                cmds.append(("ALIGN", (i, nhead), (i, -1), "RIGHT"))
            elif key in ("tgt", "tgt2", "sat", "sd", "u", "b", "p", "k", "s"):
                cmds.append(("ALIGN", (i, nhead), (i, -1), "CENTER"))
        for r, row in enumerate(body, start=nhead):
            level = row["_level"]
            if level in ("program", "total"):
                cmds.append(("FONTNAME", (0, r), (-1, r), FONT_BOLD))
            if lay.shading and not row.get("_extra"):
                shade = {"program": "#D9D9D9", "kegiatan": "#EFEFEF", "total": "#C6D9F1"}
                if level in shade:
                    cmds.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(shade[level])))
            if level == "total" and lay.ruled:
                name_col = keys.index("nama")
                if name_col > 0:
                    data[r][0] = data[r][name_col]
                    data[r][name_col] = ""
                    cmds.append(("SPAN", (0, r), (name_col, r)))
        if lay.shading:
            cmds.append(("BACKGROUND", (0, 0), (-1, nhead - 2), colors.HexColor("#D9D9D9")))
            for start, count in groups:
                r0 = nhead + start
                level = body[start]["_level"]
                if level == "kegiatan":
                    cmds.append(
                        ("BACKGROUND", (0, r0), (-1, r0 + count - 1), colors.HexColor("#EFEFEF"))
                    )
        if lay.ruled:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            merged = [i for i, k in enumerate(keys) if k not in ("ind", "tgt", "sat", "tgt2")]
            for start, count in groups:
                r0 = nhead + start
                for c in merged:
                    cmds.append(("SPAN", (c, r0), (c, r0 + count - 1)))
        return Table(
            data,
            colWidths=widths,
            repeatRows=nhead if self.layout.repeat_header else 0,
            style=TableStyle(cmds),
            hAlign="CENTER",
        )

    # ---- narrative ----------------------------------------------------------------------

    def narrative(self, rng: random.Random, pages: int) -> list[Flowable]:
        plan, year = self.plan, self.year
        opd = plan["opd"]
        title = ParagraphStyle(
            "t", fontName=FONT_BOLD, fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=6
        )
        h2 = ParagraphStyle(
            "h2", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=10, spaceAfter=6
        )
        text = ParagraphStyle(
            "x",
            fontName=FONT,
            fontSize=10,
            leading=14,
            alignment=TA_JUSTIFY,
            spaceAfter=8,
            firstLineIndent=24,
        )
        total = f"Rp. {_thousands(int(plan['total_pagu']))},-"
        fill = [
            f"Rencana Kerja Perangkat Daerah (Renja-PD) Tahun {year} merupakan dokumen "
            f"perencanaan {opd.title()} untuk periode satu tahun yang memuat program, kegiatan "
            "dan sub kegiatan beserta indikator kinerja, target dan kebutuhan pendanaan.",
            "Penyusunan Renja-PD berpedoman pada Rencana Strategis Perangkat Daerah dan mengacu "
            "pada Rencana Kerja Pemerintah Daerah, dengan memperhatikan hasil evaluasi "
            "pelaksanaan Renja tahun lalu serta aspirasi masyarakat yang dihimpun melalui "
            "forum perangkat daerah dan musyawarah perencanaan pembangunan.",
            "Landasan hukum penyusunan dokumen ini antara lain Undang-Undang Nomor 23 Tahun 2014 "
            "tentang Pemerintahan Daerah, Peraturan Pemerintah Nomor 8 Tahun 2008 serta "
            "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, "
            "Kodefikasi, dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah.",
            "Maksud penyusunan Renja-PD adalah menyediakan acuan bagi seluruh unit kerja dalam "
            "melaksanakan tugas pokok dan fungsi, sedangkan tujuannya adalah mewujudkan "
            "sinkronisasi dan sinergi antara perencanaan, penganggaran, pelaksanaan dan "
            "pengawasan pembangunan daerah.",
            "Evaluasi pelaksanaan Renja tahun sebelumnya menunjukkan bahwa sebagian besar "
            "target kinerja telah tercapai, namun masih terdapat kendala pada ketersediaan "
            "sumber daya manusia, koordinasi lintas sektor dan keterbatasan anggaran.",
            "Isu-isu strategis yang dihadapi meliputi peningkatan kualitas pelayanan publik, "
            "penguatan tata kelola pemerintahan yang baik, pemanfaatan teknologi informasi, "
            "serta pemerataan hasil pembangunan ke seluruh wilayah.",
        ]
        flow: list[Flowable] = [
            Spacer(1, 20),
            Paragraph(f"RENCANA KERJA PERANGKAT DAERAH (RENJA-PD) TAHUN {year}", title),
            Paragraph(escape(opd), title),
            Spacer(1, 16),
            Paragraph("BAB I PENDAHULUAN", h2),
            Paragraph("1.1 Latar Belakang", h2),
        ]
        total_par = Paragraph(
            f"Total kebutuhan dana/pagu indikatif adalah sebesar {total} yang dialokasikan "
            f"untuk {sum(1 for n in plan['nodes'] if n['level'] == 'program')} program, "
            f"{sum(1 for n in plan['nodes'] if n['level'] == 'kegiatan')} kegiatan dan "
            f"{sum(1 for n in plan['nodes'] if n['level'] == 'sub_kegiatan')} sub kegiatan "
            "sebagaimana tercantum pada tabel berikut.",
            text,
        )
        order = fill[:]
        rng.shuffle(order)
        if pages == 1:
            flow += [Paragraph(escape(t), text) for t in order[:3]]
            flow += [Paragraph("BAB III TUJUAN, SASARAN, PROGRAM DAN KEGIATAN", h2), total_par]
        else:
            flow += [Paragraph(escape(t), text) for t in order[:4]]
            flow += [PageBreak(), Paragraph("BAB II EVALUASI PELAKSANAAN RENJA", h2)]
            flow += [Paragraph(escape(t), text) for t in order[4:]]
            flow += [Paragraph("BAB III TUJUAN, SASARAN, PROGRAM DAN KEGIATAN", h2), total_par]
        return flow

    def table_title(self) -> list[Flowable]:
        st = ParagraphStyle(
            "tt",
            fontName=FONT_BOLD,
            fontSize=self.fs + 3,
            leading=(self.fs + 3) * 1.25,
            alignment=TA_CENTER,
        )
        lay = self.layout
        title = lay.title.format(year=self.year, next=self.year + 1)
        return [
            Paragraph(escape(title), st),
            Paragraph(escape(lay.opd_prefix + self.plan["opd"]), st),
            Spacer(1, 8),
        ]


@dataclass(frozen=True)
class PrintedTable:
    """Another table of a Renja (review, evaluation, service performance, proposals), printed
    as given: title lines, header rows (``spans`` as reportlab ((col0, row0), (col1, row1))),
    the row of column numbers, and body rows of cell texts. ``widths`` are relative."""

    title: tuple[str, ...]
    header: tuple[tuple[str, ...], ...]
    body: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    spans: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    ruled: bool = True
    bold_rows: frozenset[int] = frozenset()

    def flowables(self, frame_width: float, font_size: float = 6.5) -> list[Flowable]:
        leading = round(font_size * 1.2, 2)
        body = ParagraphStyle("pt", fontName=FONT, fontSize=font_size, leading=leading)
        bold = ParagraphStyle("ptb", parent=body, fontName=FONT_BOLD)
        head = ParagraphStyle("pth", parent=bold, alignment=TA_CENTER)
        title = ParagraphStyle(
            "ptt", fontName=FONT_BOLD, fontSize=font_size + 3, leading=(font_size + 3) * 1.25,
            alignment=TA_CENTER,
        )  # fmt: skip
        numbers = len(self.header) - 1  # the last header row holds the column numbers
        data: list[list[Any]] = []
        for r, row in enumerate(self.header):
            data.append([cell if r == numbers else _p(cell, head) for cell in row])
        for r, row in enumerate(self.body):
            style = bold if r in self.bold_rows else body
            data.append([_p(cell, style) if cell else "" for cell in row])
        total = sum(self.widths)
        widths = [frame_width * w / total for w in self.widths]
        cmds: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), FONT, font_size, leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, numbers), (-1, numbers), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        cmds += [("SPAN", a, b) for a, b in self.spans]
        if self.ruled:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        table = Table(data, colWidths=widths, repeatRows=len(self.header), style=TableStyle(cmds))
        return [
            *[Paragraph(escape(line), title) for line in self.title],
            Spacer(1, 6),
            table,
            PageBreak(),
        ]


def render_pdf(
    plan: dict, path: Path, layout: Layout, others: tuple[PrintedTable, ...] = ()
) -> None:
    """Render ``plan`` to a PDF at ``path`` using ``layout`` (deterministic output); ``others``
    are printed on landscape pages before the plan table, as chapter II of a Renja has them."""
    has_codes = any(n.get("kode") for n in plan["nodes"])
    if not has_codes and layout.code_style not in ("nomor", "none"):
        raise ValueError("plans without codes must be rendered with code_style 'nomor' or 'none'")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)

    portrait = A4
    land = landscape(PAGE_SIZES[layout.page_size])
    margin_x, margin_y = 12 * mm, 14 * mm
    rend = _Renderer(plan, layout, land[0] - 2 * margin_x)

    def footer(canvas: Any, doc: Any) -> None:
        if layout.page_numbers:
            canvas.saveState()
            canvas.setFont(FONT, 8)
            w, _ = canvas._pagesize
            canvas.drawCentredString(w / 2, 7 * mm, f"Halaman {doc.page}")
            canvas.restoreState()

    doc = BaseDocTemplate(
        str(path),
        pagesize=portrait,
        invariant=1,
        title=str(plan.get("document", "")),
        author=str(plan.get("opd", "")),
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
    )
    p_frame = Frame(
        25 * mm,
        25 * mm,
        portrait[0] - 50 * mm,
        portrait[1] - 50 * mm,
        id="p",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    l_frame = Frame(
        margin_x,
        margin_y,
        land[0] - 2 * margin_x,
        land[1] - 2 * margin_y,
        id="l",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="portrait", frames=[p_frame], pagesize=portrait, onPage=footer),
            PageTemplate(id="landscape", frames=[l_frame], pagesize=land, onPage=footer),
        ]
    )

    seed = zlib.crc32(str(plan.get("document", "")).encode("utf-8"))
    rng = random.Random(seed)
    pages = layout.narrative_pages or rng.choice([1, 2])
    story: list[Flowable] = rend.narrative(rng, pages)
    story += [NextPageTemplate("landscape"), PageBreak()]
    for other in others:
        story += other.flowables(land[0] - 2 * margin_x)
    story += rend.table_title()
    story.append(rend.table())
    doc.build(story)


# --------------------------------------------------------------------------------------------
# Command line: write sample PDFs and their truth JSON
# --------------------------------------------------------------------------------------------


def _main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/synth/generator.py OUTPUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, dict, Layout]] = []
    for i, (name, lay) in enumerate(LAYOUTS.items()):
        jobs.append((name, random_plan(i), lay))
    jobs.append(("nocodes", random_plan(100, codes=False), LAYOUTS["nomor_unruled"]))
    jobs.append(("sub4", random_plan(101, sub_digits=4), LAYOUTS["sipd_split5"]))
    for name, plan, lay in jobs:
        stem = f"{plan['document']}_{name}"
        render_pdf(plan, out / f"{stem}.pdf", lay)
        (out / f"{stem}.json").write_text(
            json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        print(out / f"{stem}.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
