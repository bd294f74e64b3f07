"""Pages parsed ahead in other processes (``extract.parsed.parsed_ahead``): the same objects,
in the same order, and no process left behind; and ``QuickPage`` makes pdfplumber's own
objects."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pdfplumber
import pytest
from conftest import REAL, SAMPLE
from pdfminer.layout import LTContainer, LTItem
from pdfplumber.page import Page

from extract.ocr import pdf_bytes
from extract.pages import read_tables
from extract.parsed import (
    QuickPage,
    _ranges,
    line_tolerance,
    open_pdf,
    page_words,
    parsed_ahead,
    shared_parse,
)

TABLE_PAGES = list(range(9, 22))  # the sample's review and plan tables: 13 pages


def _items(objects: list[LTItem]) -> list[LTItem]:
    out = []
    for item in objects:
        out += _items(item._objs) if isinstance(item, LTContainer) else [item]
    return out


@pytest.mark.parametrize(
    "path",
    [SAMPLE, *sorted(REAL.glob("*.pdf"))] if REAL.is_dir() else [SAMPLE],
    ids=lambda path: path.stem,
)
def test_quick_pages_make_pdfplumbers_own_objects(path: Path) -> None:
    """Every object of every page (chars, rects, lines, curves, images) as pdfplumber's
    ``Page.process_object`` makes it: the same keys in the same order, the same values; and a
    glyph drawn under a clip narrower than the page with that clip's edges too."""
    kinds: set[str] = set()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:40]:
            page.__class__ = QuickPage
            for item in _items(page.layout._objs):
                quick = page.process_object(item)
                clip = quick.pop("clip", None)
                assert clip is None or (quick["object_type"] == "char" and clip[0] < clip[1])
                assert list(quick.items()) == list(Page.process_object(page, item).items())
                kinds.add(quick["object_type"])
    assert kinds and (path != SAMPLE or {"char", "line"} <= kinds)


def test_a_pdf_opened_for_the_readers_has_quick_pages() -> None:
    pdf = open_pdf(SAMPLE)
    try:
        assert all(type(page) is QuickPage for page in pdf.pages)
        with pdfplumber.open(SAMPLE) as plain:
            assert pdf.pages[14].objects == plain.pages[14].objects
    finally:
        pdf.close()


def test_a_page_read_keeps_its_words_and_lets_its_objects_go() -> None:
    """Once the next page is read, a page's parsed objects go and its words stay (the reading
    checks count them); the last page read stays parsed."""
    with shared_parse():
        tables = list(read_tables(SAMPLE, TABLE_PAGES))
        pdf = open_pdf(SAMPLE)
        read = [pdf.pages[n - 1] for n in TABLE_PAGES]
        assert [("_objects" in page.__dict__) for page in read] == [False] * 12 + [True]
        with pdfplumber.open(SAMPLE) as plain:
            assert [page_words(page) for page in read] == [
                plain.pages[n - 1].extract_words(
                    y_tolerance=line_tolerance(plain.pages[n - 1].chars)
                )
                for n in TABLE_PAGES
            ]
    assert tables == list(read_tables(SAMPLE, TABLE_PAGES))  # outside a shared parse


def test_pages_are_split_in_ranges_of_a_few_pages_at_least() -> None:
    assert _ranges(list(range(1, 14)), 2) == [list(range(1, 8)), list(range(8, 14))]
    assert _ranges(list(range(1, 14)), 3) == [[1, 2, 3, 4, 5], [6, 7, 8, 9], [10, 11, 12, 13]]
    assert _ranges([1, 2, 3, 4, 5, 6, 7], 2) == [[1, 2, 3, 4, 5, 6, 7]]  # too few for two
    assert _ranges([], 2) == [[]]


def test_pages_parsed_ahead_are_the_pages_parsed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The objects of the pages parsed by the other process are pdfplumber's own, and the
    tables read from them are those read on one core."""
    with pdfplumber.open(SAMPLE) as pdf:
        expected = {n: pdf.pages[n - 1].objects for n in TABLE_PAGES}
    with shared_parse(), parsed_ahead(SAMPLE, TABLE_PAGES, cores=2) as take:
        pdf = open_pdf(SAMPLE)
        for number in TABLE_PAGES:
            assert take(number) == number
            assert ("_objects" in pdf.pages[number - 1].__dict__) == (number >= 16)
            if number >= 16:  # the second range: given by the other process
                assert pdf.pages[number - 1].__dict__["_objects"] == expected[number]
    with shared_parse(), parsed_ahead(SAMPLE, TABLE_PAGES, cores=2) as take:
        ahead = list(read_tables(SAMPLE, map(take, TABLE_PAGES)))
    alone = list(read_tables(SAMPLE, TABLE_PAGES))
    assert ahead == alone
    assert len(ahead) >= 9


def test_outside_a_shared_parse_or_on_one_core_nothing_is_forked() -> None:
    before = multiprocessing.active_children()
    with parsed_ahead(SAMPLE, TABLE_PAGES, cores=2) as take:  # no shared PDF to put them in
        assert list(map(take, TABLE_PAGES)) == TABLE_PAGES
        assert multiprocessing.active_children() == before
    with shared_parse(), parsed_ahead(SAMPLE, TABLE_PAGES, cores=1) as take:
        assert multiprocessing.active_children() == before
        assert list(map(take, TABLE_PAGES)) == TABLE_PAGES


def _read_and_report(path: str, pids: str) -> None:
    with shared_parse(), parsed_ahead(Path(path), list(range(1, 23)) * 20, cores=2):
        # written whole, then renamed: the test reads the file as soon as it exists
        partial = Path(f"{pids}.partial")
        partial.write_text(" ".join(str(p.pid) for p in multiprocessing.active_children()))
        os.replace(partial, pids)
        time.sleep(60)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in state


def test_the_parsing_processes_die_with_the_reader(tmp_path: Path) -> None:
    """A worker killed at its time limit (SIGKILL) leaves no process parsing behind."""
    pids = tmp_path / "pids"
    reader = multiprocessing.get_context("fork").Process(
        target=_read_and_report, args=(str(SAMPLE), str(pids))
    )
    reader.start()
    deadline = time.monotonic() + 60
    while not pids.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    children = [int(p) for p in pids.read_text().split()]
    assert children and all(_alive(p) for p in children)
    os.kill(reader.pid, signal.SIGKILL)
    reader.join()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in children if _alive(p)]


def _one_page(path: Path, content: bytes) -> Path:
    """A PDF of one A4 page drawn by ``content``, in Helvetica (``/F1``), written to ``path``."""
    objects = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 1 0 R >> >> /Contents 3 0 R >>",
        b"<< /Type /Catalog /Pages 2 0 R >>",
    ]
    path.write_bytes(pdf_bytes(objects, 5))
    return path


def test_each_glyph_carries_the_clip_it_is_drawn_under(tmp_path: Path) -> None:
    """pdfminer ignores clipping paths; the quick page keeps the one in force for each glyph
    (its left and right edges, where narrower than the page): set by ``W``/``W*`` after a
    path, in the user space of the moment, narrowed by a clip inside it, and gone with the
    ``Q`` that restores the state saved before it."""
    content = b"\n".join([
        b"BT /F1 10 Tf 20 700 Td (Outside) Tj ET",
        b"q 100 600 50 20 re W n BT /F1 10 Tf 101 605 Td (Clipped text here) Tj ET Q",
        b"BT /F1 10 Tf 20 500 Td (After) Tj ET",
        b"q 1 0 0 1 10 0 cm 200 400 30 20 re W* n q 205 390 100 40 re W n",
        b"BT /F1 10 Tf 206 405 Td (Nested) Tj ET Q Q",
    ])  # fmt: skip
    pdf = open_pdf(_one_page(tmp_path / "clips.pdf", content))
    try:
        clips = {c["text"]: c.get("clip") for c in pdf.pages[0].chars}
    finally:
        pdf.close()
    assert clips["O"] is None and clips["A"] is None
    assert clips["C"] == pytest.approx((100.0, 150.0))
    assert clips["N"] == pytest.approx((215.0, 240.0))  # moved by the cm, narrowed by the inner


def test_a_lines_words_are_its_own_where_small_type_sets_lines_close(tmp_path: Path) -> None:
    """A sheet's row set at its middle: indicators one under another at 7 pt, and beside them
    a target cell that shrinks its type to fit (5.3 pt), its lines as far apart but standing
    2.9 pt off theirs. pdfplumber's 3 points chained all the lines into one, and the checks
    of the reading counted ``11`` / ``11`` / ``10`` as six figures printed in no row (xlsx
    10387: ``suspect``). They group a line's glyphs as the reader does: those whose tops
    differ by at most 0.4 of the page's middle type size."""
    spots = [
        *((b"7", b"100", b"%.2f" % (700 - 5.85 * i), text)
          for i, text in enumerate([b"Jumlah Orang", b"Jumlah Dokumen", b"Jumlah Unit",
                                    b"Jumlah Paket"])),
        *((b"5.3", b"300", b"%.2f" % (698.4 - 5.85 * i), text)
          for i, text in enumerate([b"11", b"11", b"10"])),
    ]  # fmt: skip
    content = b"\n".join(b"BT /F1 %s Tf %s %s Td (%s) Tj ET" % spot for spot in spots)
    pdf = open_pdf(_one_page(tmp_path / "close.pdf", content))
    try:
        page = pdf.pages[0]
        assert "J" in [w["text"] for w in page.extract_words()]  # pdfplumber's own, chained
        words = [w["text"] for w in page_words(page)]
        assert [w for w in words if w.isdigit()] == ["11", "11", "10"]
        assert words.count("Jumlah") == 4
        assert line_tolerance(page.chars) == pytest.approx(0.4 * 7)
    finally:
        pdf.close()
