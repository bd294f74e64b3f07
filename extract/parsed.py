"""One pdfplumber parse per page: the readers of a document share its open PDF, and a document
read alone parses its pages on all the cores it has.

pdfplumber parses a page's content stream the first time its objects are asked for and keeps
them with the page, but only for that ``PDF`` object: the table reader and the checks of the
reading (``extract.coverage``) each opening the file parsed every table page again, most of a
document's time. Inside ``shared_parse()`` every ``open_pdf(path)`` of the same file gives one
PDF, which ``release`` leaves open and the context closes when it ends.

The parse is most of a page's reading (pdfminer's interpreter and pdfplumber's objects), and
each page's is its own. ``parsed_ahead`` splits the pages to read into ranges and parses all but
the first in processes of their own, while the reader goes on with the first; it takes each
page's objects (the same dictionaries pdfplumber makes) when it comes to the page. The reading
that follows, which carries columns and evidence from page to page, stays in page order.

Of a page's parse, a fifth was pdfplumber turning each of pdfminer's objects into its
dictionary (``Page.process_object``), mostly resolving values that have nothing to resolve
(a float, a name) and naming the object's kind by a regular expression, object by object.
``QuickPage`` makes the same dictionaries without that work; ``open_pdf`` gives PDFs whose
pages are ``QuickPage``.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import pickle
import re
import signal
import tempfile
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTCurve, LTItem, LTTextContainer
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter
from pdfminer.utils import Matrix
from pdfplumber.page import ALL_ATTRS, Page, PDFPageAggregatorWithMarkedContent, lt_pat
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from extract.model import TEXT

__all__ = ["CORES_VARIABLE", "QuickPage", "document_cores", "done_with", "open_pdf",
           "page_words", "parsed_ahead", "quick", "release", "shared_parse"]  # fmt: skip

# The cores a document may use: ``renja run`` sets its share (all of them to a document read
# alone), as for the OCR of its scanned pages; 1 when unset.
CORES_VARIABLE = "RENJA_OCR_THREADS"
# Fewer pages than this a process are parsed where they are read: a process's start and the
# hand-over of the objects cost more than they save.
MIN_PAGES_A_PROCESS = 4

_shared: dict[Path, Any] | None = None  # the open PDFs of the current scope, by path


@contextmanager
def shared_parse() -> Iterator[None]:
    """Share one open PDF per file among the ``open_pdf`` calls made inside."""
    global _shared
    outer, _shared = _shared, {}
    try:
        yield
    finally:
        opened, _shared = _shared, outer
        for pdf in opened.values():
            pdf.close()


def open_pdf(path: Path) -> Any:
    """``pdfplumber.open(path)`` (its pages ``QuickPage``), or inside ``shared_parse()`` the
    file's shared PDF. Give it back with ``release``."""
    if _shared is None:
        return quick(pdfplumber.open(path))
    key = Path(path).resolve()
    if key not in _shared:
        _shared[key] = quick(pdfplumber.open(path))
    return _shared[key]


# Values pdfplumber's ``resolve_all`` gives back as they are: no reference to resolve in them.
_PLAIN = (float, int, str, bool, type(None))


_PAGE_WIDE = 1.0  # points: a clip this much narrower than the page or less is the page's


class _ClippedState(PDFGraphicState):
    """pdfminer's graphic state with the clipping rectangle in force (``clip``: x0, y0, x1, y1
    in the page's device space, y upwards), which pdfminer does not keep."""

    clip: tuple[float, float, float, float] | None = None

    def copy(self) -> _ClippedState:
        state = _ClippedState()
        state.__dict__.update(self.__dict__)
        return state


class _ClipInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, keeping the bounds of the clipping path (``W``, ``W*``) in its
    graphic state, so that each glyph carries the clip it was drawn under."""

    def init_state(self, ctm: Matrix) -> None:
        super().init_state(ctm)
        self.graphicstate = _ClippedState()

    def do_W(self) -> None:
        self._clip()

    def do_W_a(self) -> None:
        self._clip()

    def _clip(self) -> None:
        state = self.graphicstate
        if not isinstance(state, _ClippedState):
            return
        a, b, c, d, e, f = self.ctm  # the path's points in device space, as apply_matrix_pt
        xs: list[float] = []
        ys: list[float] = []
        for segment in self.curpath:
            for i in range(1, len(segment) - 1, 2):
                x, y = segment[i], segment[i + 1]
                if isinstance(x, (int, float)) and isinstance(y, (int, float)):
                    xs.append(a * x + c * y + e)
                    ys.append(b * x + d * y + f)
        if not xs:
            return
        box = (min(xs), min(ys), max(xs), max(ys))
        if state.clip is not None:  # a clip only narrows the one in force
            old = state.clip
            box = (max(box[0], old[0]), max(box[1], old[1]),
                   min(box[2], old[2]), min(box[3], old[3]))  # fmt: skip
        state.clip = box


class QuickPage(Page):
    """A pdfplumber page whose objects are the dictionaries ``Page.process_object`` makes, made
    without resolving plain values and with each kind named once (``tests/test_parsed.py``
    compares the two)."""

    _kinds: dict[type, str] = {}

    @property
    def layout(self) -> Any:
        """pdfplumber's layout of the page, parsed by an interpreter that keeps the clipping
        path in force for each glyph (``_ClipInterpreter``)."""
        if hasattr(self, "_layout"):
            return self._layout
        device = PDFPageAggregatorWithMarkedContent(
            self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams
        )
        interpreter = _ClipInterpreter(self.pdf.rsrcmgr, device)
        try:
            interpreter.process_page(self.page_obj)
        except Exception as e:
            raise PdfminerException(e) from e
        self._layout = device.get_result()
        return self._layout

    def _clip_edges(self, clip: tuple[float, float, float, float]) -> tuple[float, float] | None:
        """The left and right edges of a clip narrower than the page, as a glyph's x0 and x1
        are; None for the page's. One tuple a clip, shared by the glyphs drawn under it."""
        known = self.__dict__.setdefault("_clips", {})
        if clip not in known:
            narrow = clip[2] - clip[0] < self.width - _PAGE_WIDE
            left = self.mediabox[0]
            known[clip] = (clip[0] + left, clip[2] + left) if narrow else None
        edges: tuple[float, float] | None = known[clip]
        return edges

    def parse_objects(self) -> dict[str, list[dict[str, Any]]]:
        objects = super().parse_objects()
        # pdfminer's own objects of the page, a quarter of its memory kept for nothing once
        # the dictionaries are made (pdfplumber's flush_cache drops them too; asked for again,
        # they are parsed again)
        self.__dict__.pop("_layout", None)
        if objects.get("char"):
            objects["char"] = struck_once(without_watermark(objects["char"]))
        return objects

    def process_object(self, obj: LTItem) -> dict[str, Any]:
        kind = self._kinds.get(type(obj))
        if kind is None:
            kind = self._kinds[type(obj)] = re.sub(lt_pat, "", type(obj).__name__).lower()
        attr: dict[str, Any] = {}
        for key, value in obj.__dict__.items():
            if key in ALL_ATTRS:
                plain = isinstance(value, _PLAIN) or (
                    type(value) is tuple and all(isinstance(v, _PLAIN) for v in value)
                )
                attr[key] = value if plain else resolve_all(value)
        attr["object_type"] = kind
        attr["page_number"] = self.page_number
        for space in ("ncs", "scs"):
            if hasattr(obj, space):
                attr[space] = _space_name(getattr(obj, space).name)
        if isinstance(obj, (LTChar, LTTextContainer)):
            if self.pdf.unicode_norm is not None or isinstance(attr.get("fontname"), bytes):
                return super().process_object(obj)  # rare: pdfplumber's own way
            attr["text"] = obj.get_text()
        if isinstance(obj, LTChar):
            state = obj.graphicstate
            attr["stroking_color"] = (
                state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
            )
            attr["non_stroking_color"] = (
                state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
            )
            clip = getattr(state, "clip", None)
            if clip is not None:
                edges = self._clip_edges(clip)
                if edges is not None:
                    attr["clip"] = edges
        elif isinstance(obj, LTCurve):
            attr["pts"] = list(map(self.point2coord, attr["pts"]))
            attr["path"] = [
                (command, *map(self.point2coord, points))
                for command, *points in obj.original_path  # type: ignore[attr-defined,union-attr]
            ]
            attr["dash"] = obj.dashing_style
        x0, top = self.mediabox[:2]
        if "y0" in attr:
            attr["top"] = (self.height - attr["y1"]) + top
            attr["bottom"] = (self.height - attr["y0"]) + top
            attr["doctop"] = self.initial_doctop + attr["top"]
        if "x0" in attr and x0 != 0:
            attr["x0"] = attr["x0"] + x0
            attr["x1"] = attr["x1"] + x0
        return attr


def without_watermark(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's glyphs but a watermark's: "RANCANGAN", "DRAFT", "SALINAN" printed across the
    page behind or over the table, in type far larger than the page's (two and a half times
    its median size or more) and set aslant or printed light. Read as they are, its letters
    went into the cells they cross (every named layout so marked read wrong, with status
    ``ok``). A title or a header label set large is dark and level; a header label set aslant
    in a narrow column is of the page's size."""
    sizes = sorted(char["size"] for char in chars)
    large = _WATERMARK_SIZE * sizes[len(sizes) // 2]
    kept = [c for c in chars if c["size"] < large or not (_aslant(c) or _light(c))]
    return chars if len(kept) == len(chars) else kept


_WATERMARK_SIZE = 2.5  # times the page's median type size
_LEVEL = 5.0  # degrees: type turned less than this from a right angle is level (or upright)
_LIGHT = 0.6  # luminance of a fill, 0 black to 1 white
_WHITE = 0.95  # and white type is printed on a dark fill (a cover's title), not on paper


def _aslant(char: dict[str, Any]) -> bool:
    a, b = char["matrix"][:2]
    angle = math.degrees(math.atan2(b, a)) % 90
    return min(angle, 90 - angle) > _LEVEL


def _light(char: dict[str, Any]) -> bool:
    """Whether a glyph's fill is light, but not white: grey, RGB or CMYK, by its luminance."""
    colour = char.get("non_stroking_color")
    if not isinstance(colour, tuple) or not all(isinstance(v, (int, float)) for v in colour):
        return False
    if len(colour) == 1:
        luminance = float(colour[0])
    elif len(colour) == 3:
        luminance = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
    elif len(colour) == 4:
        cyan, magenta, yellow, black = colour
        luminance = (1 - black) * (1 - min(1.0, 0.299 * cyan + 0.587 * magenta + 0.114 * yellow))
    else:
        return False
    return _LIGHT <= luminance < _WHITE


def struck_once(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's glyphs, each once. A glyph drawn again over itself, less than half its width
    to the side and a tenth of its size up or down, is one glyph: printed bold by overstriking
    (a regular font drawn two to four times a hair apart, as printer drivers and report writers
    make bold), or drawn twice in place. Read as they are, its letters came doubled
    (``PPRROOGGRRAAMM``). An overstruck glyph is kept bold (its font named as Windows names a
    bold it simulates, ``Arial,Bold``); one drawn twice in place is not."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, char in enumerate(chars):
        if not char["text"].isspace():  # space glyphs overlap in justified lines; none is read
            groups[char["text"], char["fontname"], char["size"], char["upright"]].append(index)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: chars[i]["x0"])
        kept: list[int] = []
        for index in members:
            char = chars[index]
            half, tenth = (char["x1"] - char["x0"]) / 2, char["size"] / 10
            for other in map(chars.__getitem__, reversed(kept)):
                if char["x0"] - other["x0"] >= half:
                    kept.append(index)
                    break
                if abs(char["top"] - other["top"]) < tenth:
                    dropped.add(index)
                    if char["x0"] != other["x0"] or char["top"] != other["top"]:
                        other["fontname"] = _bold_name(other["fontname"])
                    break
            else:
                kept.append(index)
    if not dropped:
        return chars
    return [char for index, char in enumerate(chars) if index not in dropped]


def _bold_name(font: str) -> str:
    return font if "bold" in font.lower() else f"{font},Bold"


_SPACE_NAMES: dict[str, str] = {}


def _space_name(name: Any) -> Any:
    """A colour space's name as pdfplumber gives it (decoded from PDFDocEncoding), each name
    decoded once: every char carries its space."""
    if type(name) is not str:
        return resolve_and_decode(name)
    if name not in _SPACE_NAMES:
        _SPACE_NAMES[name] = resolve_and_decode(name)
    return _SPACE_NAMES[name]


def page_words(page: Any) -> list[dict[str, Any]]:
    """The page's words (pdfplumber's ``extract_words()``), found once a page: the checks of
    the reading count them (``extract.coverage``) after the page has been read. Their lines
    are grouped as the reader groups them (:func:`line_tolerance`): a sheet's cell that shrinks
    its type to fit sets its lines closer than 3 points apart, and one line's glyphs were
    otherwise taken for words of their own (``11`` / ``11`` / ``10`` at 5.3 pt, 5.8 pt apart,
    counted as six numbers that no row holds)."""
    words = page.__dict__.get("_renja_words")
    if words is None:
        tolerance = line_tolerance(getattr(page, "chars", []))
        words = page.__dict__["_renja_words"] = page.extract_words(y_tolerance=tolerance)
    return words  # type: ignore[no-any-return]


def line_tolerance(chars: Iterable[dict[str, Any]], share: float = TEXT.line_tolerance) -> float:
    """Points by which the tops of one line's glyphs may differ: pdfplumber's 3, or ``share``
    of the middle type size of ``chars`` where that is less. Glyphs of one line share their
    top, and 3 points chain the lines that a small type sets closer (a one-line cell centred
    beside two lines of a 4.9 pt sheet stands 2.7 pt from each, and their glyphs went into one
    line, interleaved: ``M o n i t oring``)."""
    sizes = sorted(float(c["size"]) for c in chars)
    return min(_PDFPLUMBER_Y, share * sizes[len(sizes) // 2]) if sizes else _PDFPLUMBER_Y


_PDFPLUMBER_Y = 3.0  # points: pdfplumber's own tolerance between the tops of one line's glyphs


def done_with(page: Any) -> None:
    """Keep of a page whose tables were read only its words (``page_words``): its parsed
    objects, two to three megabytes a page of a plan table, would otherwise stay until the
    document's last checks, and a long document's grow past its worker's memory cap. Asked for
    again, they are parsed again."""
    page_words(page)
    page.flush_cache()


def quick(pdf: Any) -> Any:
    """``pdf`` (a pdfplumber PDF) with its pages ``QuickPage``."""
    for page in pdf.pages:
        page.__class__ = QuickPage
    return pdf


def release(pdf: Any) -> None:
    """Close a PDF of ``open_pdf`` unless it is shared (its scope closes it)."""
    if pdf is not None and (_shared is None or all(pdf is not p for p in _shared.values())):
        pdf.close()


def document_cores() -> int:
    """The cores the document being read may use (``CORES_VARIABLE``, at least 1)."""
    try:
        return max(1, int(os.environ.get(CORES_VARIABLE) or 1))
    except ValueError:
        return 1


@contextmanager
def parsed_ahead(
    path: Path, numbers: Iterable[int], cores: int | None = None, skip: Collection[int] = ()
) -> Iterator[Callable[[int], int]]:
    """A function ``take(number)`` to call as the reader comes to each of ``numbers`` (pages to
    read, 1-based), in order: it puts the objects parsed for the page in another process into
    the page of the shared PDF of ``path`` (``shared_parse``), waiting for them if need be, and
    returns the number. The pages are split into ``cores`` ranges in order; all but the first
    are parsed by processes forked here, each writing a page's objects to a file as it goes.

    Nothing is parsed ahead outside ``shared_parse``, on one core, or for fewer than
    ``MIN_PAGES_A_PROCESS`` pages a process, nor the pages in ``skip`` (read from elsewhere: an
    OCR text layer). A page whose process died is parsed here as usual.
    The processes die with this one (a killed worker leaves none behind) and are ended when the
    context ends.
    """
    pages = list(numbers)
    cores = document_cores() if cores is None else cores
    ranges = _ranges([n for n in pages if n not in skip], cores)
    pdf = None
    if _shared is not None and len(ranges) > 1:
        with contextlib.suppress(Exception):  # unreadable: the reader says why
            pdf = open_pdf(path)
    if pdf is None:
        yield lambda number: number
        return
    fork = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="renja-parse-") as folder:
        owner: dict[int, Any] = {}
        processes = []
        for chunk in ranges[1:]:
            process = fork.Process(target=_parse_pages, args=(str(path), chunk, folder))
            process.start()
            processes.append(process)
            owner.update(dict.fromkeys(chunk, process))

        def take(number: int) -> int:
            process = owner.pop(number, None)
            if process is not None:
                objects = _wait_for(Path(folder) / f"{number}.pickle", process)
                page = pdf.pages[number - 1]
                if objects is not None and not hasattr(page, "_objects"):
                    page._objects = objects
            return number

        try:
            yield take
        finally:
            for process in processes:
                process.kill()
                process.join()


def _ranges(pages: list[int], cores: int) -> list[list[int]]:
    """``pages`` in at most ``cores`` consecutive ranges of nearly equal length, each of at
    least ``MIN_PAGES_A_PROCESS`` pages."""
    count = max(1, min(cores, len(pages) // MIN_PAGES_A_PROCESS))
    size, extra = divmod(len(pages), count)
    out, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        out.append(pages[start:end])
        start = end
    return out


def _wait_for(path: Path, process: Any) -> Any:
    """The objects the process wrote to ``path``, once written; None if it ended without."""
    while not path.exists():
        process.join(0.002)
        if not process.is_alive() and not path.exists():
            return None
    objects = pickle.loads(path.read_bytes())  # written by this document's own process
    path.unlink()
    return objects


def _parse_pages(path: str, numbers: list[int], folder: str) -> None:
    """In a forked process: parse each page and write its objects, one file a page."""
    with contextlib.suppress(OSError, AttributeError):  # Linux: die with the reading process
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        return  # the reader died before this line
    try:
        with quick(pdfplumber.open(path)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                target = Path(folder) / f"{number}.pickle"
                partial = target.with_suffix(".partial")
                partial.write_bytes(pickle.dumps(page.objects, protocol=pickle.HIGHEST_PROTOCOL))
                partial.replace(target)
                page.close()
    except Exception:  # noqa: BLE001 - the reader parses the page itself and reports its fault
        return
