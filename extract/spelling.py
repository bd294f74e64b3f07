"""Words OCR misread, mended from the dictionary of Tesseract's own language data.

Renja names are written in the nomenclature's plain Indonesian (``Monitoring dan Evaluasi``,
``Penyediaan Peralatan dan Perlengkapan Kantor``), and Tesseract's ``ind`` data holds a word list
of the language (some 45,000 words, in its ``lstm-word-dawg``) that covers nearly every word of
them: of the 3,665 words of the names in the real documents with a truth, 34 are not in it, most
of them abbreviations (``LPTKS``, ``SIPJAKI``). The LSTM reader is steered by that list but not
bound to it, and on a scan of 150 dpi it reads a thin letter as another (``Periengkapan``,
``Konsuitasi``, ``Evatuasi``), ``ri`` as ``n`` (``Monitonng``) or ``li`` as ``k``
(``Rehabiktasi``), often with a confidence over 85.

:func:`mend` takes such a word back to the dictionary word it can only be: a word of four
letters or more that is not in the list is compared with the list's words (rapidfuzz finds those
within two plain edits, four for a word of nine letters or more), and the edits are weighed by
how OCR errs (:func:`cost`): a look-alike glyph, a thin letter lost, a speck's mark added, or two
glyphs read as one count half, any other edit too much. The nearest word is taken when it is
near enough for the word's length and no other word is as near, never when the reading is only
the start of a word (a word cut at a cell's edge, ``Kinerj``, goes on in the next line), and
never for an abbreviation in capitals, a word in brackets or in mixed case. A word that fits none
goes out as read. A mended word is reported, never silent: ``OcrPage.mended`` keeps each with
its reading, and the ``mended_words`` reading check names the nodes that hold one.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import shutil
import subprocess
import tempfile
from collections.abc import Collection
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

__all__ = ["Mended", "cost", "dictionary", "mend", "mend_text", "unknown_words"]

# A word mended on a page: as OCR read it, as mended, and its box (x0, top, x1, bottom, points).
Mended = tuple[str, str, tuple[float, float, float, float]]

# Glyphs OCR takes for one another at a low resolution: a change within a group counts half.
_LOOK_ALIKE = ("iltfj1!|:I", "oO0", "s5", "gy", "ec", "fp", "uv", "vy", "hb")
_ALIKE = frozenset((a, b) for group in _LOOK_ALIKE for a in group for b in group if a != b)
# Thin letters that a blur loses, and the marks that a speck or a rule's remnant adds: counted
# half when missing from the reading, or in it too many.
_LOST = frozenset("iltfrj")
_ADDED = frozenset("il.,:'|!")
# Two glyphs read as one, or one as two: counted half.
_MERGED = {("ri", "n"), ("rn", "m"), ("li", "k"), ("lc", "k"), ("in", "m"), ("ni", "m"),
           ("ii", "u"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("lt", "k")}  # fmt: skip
_PAIRS = _MERGED | {(b, a) for a, b in _MERGED}

_MIN_LETTERS = 4  # shorter words are abbreviations too often (``Kab``, ``Aw`` for ``Air``)
_STOP_LETTERS = 5  # a stop after a shorter word may end an abbreviation (``Prov.``, ``Jend.``)
_MAX_EDITS = 4  # rapidfuzz's cut: candidates within this many plain edits
_ABBREVIATION = 5  # a word in capitals this long or shorter is an abbreviation
_CLITICS = ("nya", "lah", "kah", "pun")  # ``pelatihannya`` is a word, not two
# lower case before a capital: a name so written (``iBangga``), or two words run together; a
# lone ``l`` among capitals is an ``I`` misread (``PELATlHAN``)
_MIXED = re.compile(r"^[a-z]+[A-Z]|[a-z]{2}[A-Z]")
_TOKEN = re.compile(r"[^\W\d_]+[:!|]?")
_OTHER = 9.0  # an edit OCR does not make: the reading is another word, not a misread one
_ONE_GLYPH = 8  # a reading this long or shorter may have one glyph misread, a longer one two


def _allowed(length: int) -> float:
    """How far a reading of ``length`` letters may be from the word it is taken for: one
    misread glyph up to eight letters, two beyond."""
    return 0.5 if length <= _ONE_GLYPH else 1.0


def cost(read: str, word: str) -> float:
    """Edits from the OCR reading ``read`` to ``word`` (both lower case), as OCR makes them:
    a look-alike glyph for another, a thin letter lost or added, or two glyphs read as one
    (``ri`` as ``n``), each counted half; any other edit counts ``_OTHER``."""
    n, m = len(read), len(word)
    table = [[math.inf] * (m + 1) for _ in range(n + 1)]
    table[0][0] = 0.0

    def step(i: int, j: int, by: float) -> None:
        table[i][j] = min(table[i][j], by)

    for i in range(n + 1):
        for j in range(m + 1):
            here = table[i][j]
            if here == math.inf:
                continue
            if i < n and j < m:
                a, b = read[i], word[j]
                alike = (a, b) in _ALIKE
                step(i + 1, j + 1, here + (0.0 if a == b else 0.5 if alike else _OTHER))
            if i < n:
                step(i + 1, j, here + (0.5 if read[i] in _ADDED else _OTHER))
            if j < m:
                step(i, j + 1, here + (0.5 if word[j] in _LOST else _OTHER))
            for a_len, b_len in ((2, 1), (1, 2)):
                if (read[i : i + a_len], word[j : j + b_len]) in _PAIRS:
                    step(i + a_len, j + b_len, here + 0.5)
    return table[n][m]


@functools.cache
def dictionary(lang: str = "ind") -> frozenset[str]:
    """The words (lower case) of Tesseract's word list for ``lang``; empty when the language
    data or Tesseract's tools to unpack it (``combine_tessdata``, ``dawg2wordlist``) are not
    installed."""
    tools = [shutil.which(t) for t in ("tesseract", "combine_tessdata", "dawg2wordlist")]
    if not all(tools):
        return frozenset()
    listed = subprocess.run(
        [str(tools[0]), "--list-langs"], capture_output=True, text=True, check=False
    )
    found = re.search(r'"([^"]+)"', listed.stdout + listed.stderr)
    data = Path(found.group(1)) / f"{lang}.traineddata" if found else None
    if data is None or not data.is_file():
        return frozenset()
    with tempfile.TemporaryDirectory(prefix="renja-dawg-") as tmp:
        dawg, charset, words = (Path(tmp) / n for n in ("w.dawg", "w.unicharset", "w.txt"))
        subprocess.run(
            [str(tools[1]), "-e", str(data), str(dawg.with_suffix(".lstm-word-dawg")),
             str(charset.with_suffix(".lstm-unicharset"))],
            capture_output=True, check=False,
        )  # fmt: skip
        subprocess.run(
            [str(tools[2]), str(charset.with_suffix(".lstm-unicharset")),
             str(dawg.with_suffix(".lstm-word-dawg")), str(words)],
            capture_output=True, check=False,
        )  # fmt: skip
        if not words.is_file():
            return frozenset()
        return frozenset(w.strip().lower() for w in words.read_text(errors="replace").split())


@functools.cache
def _by_length(words: frozenset[str]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for w in words:
        out.setdefault(len(w), []).append(w)
    return out


@functools.cache
def _near(words: frozenset[str], length: int) -> list[str]:
    """The words two letters shorter to two letters longer than ``length``."""
    by_length = _by_length(words)
    return [w for n in range(length - 2, length + 3) for w in by_length.get(n, ())]


@functools.cache
def _sorted(words: frozenset[str]) -> list[str]:
    return sorted(words)


def _begins_a_word(start: str, words: frozenset[str]) -> bool:
    ordered = _sorted(words)
    at = bisect.bisect_left(ordered, start)
    return at < len(ordered) and ordered[at].startswith(start)


def _cased(word: str, like: str) -> str:
    letters = [c for c in like if c.isalpha()]
    if sum(c.isupper() for c in letters) > len(letters) / 2:  # ``PELATlHAN``: capitals
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def mend(read: str, words: Collection[str], *, whole: bool = False) -> str | None:
    """The dictionary word that the OCR reading ``read`` can only be (:func:`_mend`); a page
    repeats its words (``Jumlah`` in every indicator), so the answers are kept. ``whole``: the
    reading is known to be a whole word (another follows it on its line), not one cut at a
    cell's edge."""
    return _mend(read, words if isinstance(words, frozenset) else frozenset(words), whole)


@functools.lru_cache(maxsize=16384)
def _mend(read: str, words: frozenset[str], whole: bool = False) -> str | None:
    """The dictionary word that the OCR reading ``read`` (letters, perhaps ending in a glyph
    taken for ``i``: ``Sosialisas:``) can only be, in the reading's case, or the two words it
    runs together (:func:`_split`); None when the reading is a word of ``words``, too short, an
    abbreviation, near no single word, or, unless ``whole``, the start of a word (``Kinerj``,
    cut at a cell's edge, goes on in the next line; ``Pencan`` for ``Pencari`` with ``Kerja``
    after it on its line is whole, though it begins ``pencanangan``)."""
    letters = read.rstrip(":!|")
    low = read.lower()
    if len(letters) < _MIN_LETTERS or letters.lower() in words:
        return None
    if letters.isupper() and len(letters) <= _ABBREVIATION:
        return None
    split = _split(letters, words)
    if split is not None and letters == read:
        return split
    if _MIXED.search(letters):
        return None  # a name written in mixed case, ``iBangga``, or two words run together
    if not whole and _begins_a_word(low, words):
        return None  # the start of a word that goes on in the next line: ``Kinerj``
    if letters.lower().endswith(_CLITICS) and letters.lower()[:-3] in words:
        return None
    # one glyph misread is two plain edits at most (``ri`` read ``n``), two are four
    edits = 2 if len(letters) <= _ONE_GLYPH else _MAX_EDITS
    found = process.extract(
        low, _near(words, len(low)), scorer=Levenshtein.distance, score_cutoff=edits, limit=None
    )
    ranked = sorted((cost(low, w), w) for w, _, _ in found)
    if not ranked or ranked[0][0] > _allowed(len(letters)):
        return None
    best_cost, best = ranked[0]
    if len(ranked) > 1 and ranked[1][0] < best_cost + 0.5:
        return None  # two words as near: the reading does not tell which
    return _cased(best, letters)


# Words a name prints between others: OCR loses the narrow space before them (``GENDERDAN``).
_JOINING = ("dan", "di", "ke", "dari", "yang", "untuk", "pada", "serta", "atau", "dalam", "bagi")
_CAPITAL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _split(letters: str, words: frozenset[str]) -> str | None:
    """Two words whose space OCR lost, when the reading parts into them in one way only: a word
    of four letters or more and a joining word after it (``GENDERDAN``), or two words of three
    letters or more where a capital follows a small letter (``BerencanaProvinsi``)."""
    low = letters.lower()
    found = [
        i for i in range(4, len(low) - 1)
        if low[i:] in _JOINING and low[:i] in words
    ]  # fmt: skip
    capitals = [m.start() for m in _CAPITAL.finditer(letters)]
    if len(capitals) == 1 and min(capitals[0], len(low) - capitals[0]) >= 3:
        i = capitals[0]
        found += [i] if low[:i] in words and low[i:] in words else []
    if len(set(found)) != 1:
        return None
    return f"{letters[: found[0]]} {letters[found[0] :]}"


# A word of letters and a full stop: a speck beside a word is read as one (``dan.``, ``Sampah.``).
_STOPPED = re.compile(r"^([^\W\d_]{3,})\.$")


def _speck_stop(word: str, words: frozenset[str] | Collection[str]) -> bool:
    """Whether a full stop read after ``word`` is a speck: after a joining word (no sentence
    ends ``dan.``), or after a word of the dictionary of five letters or more not written in
    capitals; the dictionary holds abbreviations too (``kab``, ``prov``, ``dll``), which are
    short or capitals, and take their stop."""
    low = word.lower()
    if low in _JOINING:
        return True
    return len(word) >= _STOP_LETTERS and not word.isupper() and low in words


def mend_text(text: str, words: Collection[str], *, whole: bool = False) -> str:
    """``text`` with each of its misread words (:func:`mend`) mended; the rest kept as read. A
    word in brackets is an abbreviation or a name of its own (``(Andalalin)``): kept. A full
    stop after a word of the dictionary is a speck read as one, and dropped (:func:`_speck_stop`):
    the names of a plan print no sentences. ``whole``: another word follows on its line."""
    if text.startswith("("):
        return text
    stopped = _STOPPED.match(text)
    if stopped and _speck_stop(stopped.group(1), words):
        return stopped.group(1)
    return _TOKEN.sub(lambda m: mend(m.group(), words, whole=whole) or m.group(), text)


def unknown_words(text: str, words: Collection[str]) -> list[str]:
    """The words of ``text`` that :func:`mend` weighs (four letters or more, not an abbreviation
    in capitals, not in brackets nor in mixed case) and that are not in ``words``: after the
    mending, a word OCR misread into no word of the dictionary (``Akhw``, which only begins
    one), or one the dictionary lacks (of the 407 names of the documents with a truth, 24 hold
    one: ``Pelembagaan``, ``Kesertaan``, the documents' own typing errors)."""
    found = []
    for match in _TOKEN.finditer(text):
        letters = match.group().rstrip(":!|")
        low = letters.lower()
        start = match.start()
        if len(letters) < _MIN_LETTERS or low in words or (start and text[start - 1] == "("):
            continue
        if letters.isupper() and len(letters) <= _ABBREVIATION or _MIXED.search(letters):
            continue
        if low.endswith(_CLITICS) and low[:-3] in words:
            continue
        found.append(letters)
    return found
