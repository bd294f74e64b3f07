"""Words OCR misread, mended from the dictionary of Tesseract's own language data.

Renja names are written in the nomenclature's plain Indonesian (``Monitoring dan Evaluasi``,
``Penyediaan Peralatan dan Perlengkapan Kantor``), and Tesseract's ``ind`` data holds a word list
of the language (some 45,000 words, in its ``lstm-word-dawg``) that covers nearly every word of
them: of the 3,665 words of the names in the real documents with a truth, 34 are not in it, most
of them abbreviations (``LPTKS``, ``SIPJAKI``). The LSTM reader is steered by that list but not
bound to it, and on a scan of 150 dpi it reads a thin letter as another (``Periengkapan``,
``Konsuitasi``, ``Evatuasi``), ``ri`` as ``n`` (``Monitonng``), ``li`` as ``k``
(``Rehabiktasi``) or ``ir`` as ``w`` (``Akhw``), often with a confidence over 85.

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
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

__all__ = [
    "Mended",
    "cost",
    "dictionary",
    "mend",
    "mend_by_names",
    "mend_text",
    "misread_for",
    "unknown_words",
]

# A word mended on a page: as OCR read it, as mended, and its box (x0, top, x1, bottom, points).
Mended = tuple[str, str, tuple[float, float, float, float]]

# Glyphs OCR takes for one another at a low resolution: a change within a group counts half.
# A blurred ``i`` whose dot runs into its stem reads ``r`` (``Kepegawaran``, ``Sosialrsasi``),
# and one before a ``t`` whose stroke its dot runs into, ``s`` (``Rehabilstasi``, ``Monstonng``);
# an ``h`` whose stem's top the blur lost reads ``n`` (``Pelatinan``, ``Pemelinaraan``).
_LOOK_ALIKE = ("iltfj1!|:I", "oO0", "s5", "gy", "ec", "fp", "uv", "vy", "hb", "ri", "is", "hn")
_ALIKE = frozenset((a, b) for group in _LOOK_ALIKE for a in group for b in group if a != b)
# Thin letters that a blur loses, and the marks that a speck or a rule's remnant adds: counted
# half when missing from the reading, or in it too many.
_LOST = frozenset("iltfrj")
_ADDED = frozenset("il.,:'|!")
# Two glyphs read as one, or one as two: counted half.
_MERGED = {("ri", "n"), ("rn", "m"), ("li", "k"), ("lc", "k"), ("in", "m"), ("ni", "m"),
           ("ii", "u"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("lt", "k"),
           ("rj", "n"), ("ji", "y"), ("ji", "p"), ("ir", "w")}  # fmt: skip
_PAIRS = _MERGED | {(b, a) for a, b in _MERGED}

_MIN_LETTERS = 4  # shorter words are abbreviations too often (``Kab``, ``Dis``)
_STOP_LETTERS = 5  # a stop after a shorter word may end an abbreviation (``Prov.``, ``Jend.``)
_MAX_EDITS = 4  # rapidfuzz's cut: candidates within this many plain edits
_ABBREVIATION = 5  # a word in capitals this long or shorter is an abbreviation
_CLITICS = ("nya", "lah", "kah", "pun")  # ``pelatihannya`` is a word, not two
# lower case before a capital: a name so written (``iBangga``), or two words run together; a
# lone ``l`` among capitals is an ``I`` misread (``PELATlHAN``)
_MIXED = re.compile(r"^[a-z]+[A-Z]|[a-z]{2}[A-Z]")
_TOKEN = re.compile(r"[^\W\d_]+(?:[:!|][^\W\d_]+)?[:!|]?")
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
    taken for ``i`` or ``l``, which counts as the letter: ``Sosialisas:``, ``Fasilitas:``,
    ``Loka!``; or with such a glyph between them: ``Kepegawa:an``) can only be,
    in the reading's case, or the two words it runs together (:func:`_split`); None when the
    reading is a word of ``words``, too short, an abbreviation, near no single word, or,
    unless ``whole``, the start of a word (``Kinerj``, cut at a cell's edge, goes on in the
    next line; ``Pencan`` for ``Pencari`` with ``Kerja`` after it on its line is whole, though
    it begins ``pencanangan``)."""
    letters = read.rstrip(":!|")
    thin = [f"{letters}{c}".lower() for c in "il" if f"{letters}{c}".lower() in words]
    if letters != read and len(thin) == 1 and (len(letters) >= _MIN_LETTERS or thin[0] in _JOINING):
        # the glyph after the letters read for the thin letter it stands for: ``Fasilitas:``
        # is ``Fasilitasi``, though ``Fasilitas`` is a word too, ``Loka!`` is ``Lokal``, and
        # ``bag:`` (no abbreviation: a joining word) is ``bagi``
        return _cased(thin[0], letters)
    low = read.lower()
    if len(letters) < _MIN_LETTERS or letters.lower() in words:
        return None  # ``Kegiatan:``: a word and a stop
    if letters != read:
        letters = f"{letters}i"  # as long as the word read, its last glyph an ``i``
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
    ranked = _ranked(letters, words)
    if not ranked or ranked[0][0] > _allowed(len(letters)):
        return None
    best_cost, best = ranked[0]
    if len(ranked) > 1 and ranked[1][0] < best_cost + 0.5:
        return None  # two words as near: the reading does not tell which
    return _cased(best, letters)


def _ranked(letters: str, words: frozenset[str]) -> list[tuple[float, str]]:
    """The words of ``words`` near the reading ``letters``, nearest first by how OCR errs."""
    low = letters.lower()
    # one glyph misread is two plain edits at most (``ri`` read ``n``), two are four
    edits = 2 if len(letters) <= _ONE_GLYPH else _MAX_EDITS
    found = process.extract(
        low, _near(words, len(low)), scorer=Levenshtein.distance, score_cutoff=edits, limit=None
    )
    return sorted((cost(low, w) + _capital_dropped(letters, w), w) for w, _, _ in found)


@functools.lru_cache(maxsize=4096)
def _as_near(read: str, words: frozenset[str]) -> tuple[str, ...]:
    """The words of the language that the reading ``read`` (no word of it, lower case) is
    nearest to, as near as each other and within what one or two misread glyphs make
    (``jaian``: ``jalan``, ``jajan``, ``jaran``, ``jaan``): :func:`mend` takes none of them."""
    ranked = _ranked(read, words)
    if not ranked or ranked[0][0] > _allowed(len(read)):
        return ()
    return tuple(w for c, w in ranked if c == ranked[0][0])


def _capital_dropped(read: str, word: str) -> float:
    """Half an edit more where the reading opens with a capital before a small letter
    (``Ingasi``) and ``word`` opens with that small letter (``ngasi``, a junk word of the
    list): the reading's capital would be a speck's mark, and the word's own capital then read
    small, an edit ``cost`` does not count, as it compares in lower case; OCR tells ``N`` from
    ``n``. So ``Ingasi`` is ``Irigasi`` (``ri`` read as ``n``), not a tie."""
    first, second = read[:1], read[1:2]
    if first.isupper() and second.islower() and word[:1] == second and word[:1] != first.lower():
        return 0.5
    return 0.0


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
# Two words and a full stop between them, no space: a speck in the space (``Simpan.Pinjam``).
_STOP_BETWEEN = re.compile(r"^([^\W\d_]{3,})\.([^\W\d_]+)$")
# Two words a slash joins and a full stop after them: a speck after a name (``Kabupaten/Kota.``).
_SLASHED_STOP = re.compile(r"^([^\W\d_]+)/([^\W\d_]+)\.$")


def _speck_stop(word: str, words: frozenset[str] | Collection[str]) -> bool:
    """Whether a full stop read after ``word`` is a speck: after a joining word (no sentence
    ends ``dan.``), or after a word of the dictionary of five letters or more not written in
    capitals, or in capitals of more than five (``DAERAH.`` ending a program's name); the
    dictionary holds abbreviations too (``kab``, ``prov``, ``dll``), which are short, and take
    their stop (``PROV.``)."""
    low = word.lower()
    if low in _JOINING:
        return True
    shown = not word.isupper() or len(word) > _ABBREVIATION
    return len(word) >= _STOP_LETTERS and shown and low in words


def mend_text(text: str, words: Collection[str], *, whole: bool = False) -> str:
    """``text`` with each of its misread words (:func:`mend`) mended; the rest kept as read. A
    word in brackets is an abbreviation or a name of its own (``(Andalalin)``): kept. A full
    stop after a word of the dictionary is a speck read as one, and dropped (:func:`_speck_stop`):
    the names of a plan print no sentences; so is one after two such words a slash joins
    (``Kabupaten/Kota.``: an abbreviation's stop stands after its own letters, ``Kab./Kota``),
    and one between it and another word of the dictionary with no space (``Simpan.Pinjam``),
    read as the space it stands in. ``whole``: another word follows on its line."""
    if text.startswith("("):
        return text
    stopped = _STOPPED.match(text)
    if stopped and _speck_stop(stopped.group(1), words):
        return stopped.group(1)
    slashed = _SLASHED_STOP.match(text)
    if slashed and _speck_stop(slashed.group(1), words) and slashed.group(2).lower() in words:
        return text[:-1]
    between = _STOP_BETWEEN.match(text)
    if (
        between
        and _speck_stop(between.group(1), words)
        and len(between.group(2)) >= _MIN_LETTERS
        and between.group(2).lower() in words
    ):
        return f"{between.group(1)} {between.group(2)}"
    return _TOKEN.sub(lambda m: mend(m.group(), words, whole=whole) or m.group(), text)


# A word of two letters, a capital and a small one: a name's words are longer but for the
# joining words (``Di``, ``Ke``), and its abbreviations are capitals (``KB``).
_TWO_LETTERS = re.compile(r"^[^\W\d_a-z][a-z]$")
# A word of three letters, a capital and two small ones: one the dictionary lacks is a longer
# word that lost a thin letter (``Gaj`` for ``Gaji``); the names of the documents with a truth
# print none, and an abbreviation so written takes a stop (``Thn.``).
_THREE_LETTERS = re.compile(r"^[^\W\d_a-z][a-z]{2}$")
# A glyph taken for ``i`` or ``l`` between letters: a misread word, printed in no name.
_INNER_GLYPH = re.compile(r"[^\W\d_]+[:!|][^\W\d_]+")


def unknown_words(text: str, words: Collection[str]) -> list[str]:
    """The words of ``text`` that :func:`mend` weighs (four letters or more, not an abbreviation
    in capitals nor in mixed case) and that are not in ``words``: after the
    mending, a word OCR misread into no word of the dictionary (``Akhw``, which only begins
    one), or one the dictionary lacks (of the 407 names of the documents with a truth, 24 hold
    one: ``Pelembagaan``, ``Kesertaan``, the documents' own typing errors). A word with a
    glyph taken for a thin letter between its letters (``Api:kasi`` for ``Aplikasi``) is no
    word, whatever its parts are; nor is a word of two letters, a capital and a small one, but
    the joining words (``Aw`` for ``Air``: the names of the documents with a truth print none,
    and a word so short is no misreading the dictionary can tell), nor one of three, a
    capital and two small ones, that the dictionary lacks and no stop follows (``Gaj`` for
    ``Gaji``), nor a word inside a name that ends in a glyph taken for a thin letter, where
    with that letter it is a word (``Usia Din: Tingkat`` for ``Dini``: ``din`` is a word too,
    and no name prints a colon between its words). A word in brackets that the dictionary
    lacks is told too, unless in capitals (an abbreviation): the mending keeps it as a name of
    its own (``(Andalalin)``), and OCR's misreading of one (``(Andalahn)``, four names of a
    held-out scan, one of them with no other doubt) cannot be told from it."""
    inner = list(_INNER_GLYPH.finditer(text))
    found = [m.group() for m in inner]
    for match in _TOKEN.finditer(text):
        if any(m.start() <= match.start() < m.end() for m in inner):
            continue
        letters = match.group().rstrip(":!|")
        low = letters.lower()
        start = match.start()
        if start and text[start - 1] == "(" and letters.isupper():
            continue  # an abbreviation
        if (
            letters != match.group()
            and text[match.end() :].strip()
            and any(f"{low}{c}" in words for c in "il")
        ):
            found.append(match.group())  # ``Din:`` for ``Dini`` inside a name
            continue
        if _TWO_LETTERS.match(letters) and low not in _JOINING and low != "rp":
            found.append(letters)  # ``Aw`` for ``Air``: no name prints such a word
            continue
        stop = text[match.end() : match.end() + 1] == "."
        if _THREE_LETTERS.match(letters) and low not in words and not stop and words:
            found.append(letters)  # ``Gaj`` for ``Gaji``: a thin letter lost
            continue
        if len(letters) < _MIN_LETTERS or low in words:
            continue
        if letters.isupper() and len(letters) <= _ABBREVIATION or _MIXED.search(letters):
            continue
        if low.endswith(_CLITICS) and low[:-3] in words:
            continue
        found.append(letters)
    return found


# --- words mended from the document's own names ---------------------------------------------

# A name's ends, as words of its context: a word that ends names elsewhere may end this one.
_START, _END = "\x02", "\x03"
_JOINED_BY = "/"  # two words a slash joins (``Kabupaten/Kota``): OCR loses it, or reads a space
# a word of a name, perhaps two a slash joins or in brackets, as OCR may have read it
# a name's word: letters, two words a slash joins, an apostrophe, or a glyph OCR reads for an
# ``i`` between its letters (``Doma:n``)
_NAME_WORD = re.compile(r"^\(?[^\W\d_]+(?:[/':!|][^\W\d_]+)?\)?$")
_CONTEXT_MIN = 3  # letters: shorter readings are abbreviations and joining words
_FAR = 7  # letters: a reading this long may be three plain edits from the word it was read for
_LONG = 8  # letters: a reading this long one edit from a word of the names is that word


def _key(token: str) -> str:
    return token.lower().strip(".,;:")


def _plan_words(
    names: Sequence[str],
) -> tuple[list[list[str]], Counter[str], Counter[tuple[str, ...]], list[str]]:
    """The plan's names as words, the counts of their words and phrases (:func:`_counts`), and
    the words long enough to be a reading's context (the vocabulary a reading is weighed
    against)."""
    split = [name.split() for name in names]
    words, phrases = _counts(split)
    return split, words, phrases, [w for w in words if len(w) >= _CONTEXT_MIN]


def _counts(names: Sequence[list[str]]) -> tuple[Counter[str], Counter[tuple[str, ...]]]:
    words: Counter[str] = Counter()
    phrases: Counter[tuple[str, ...]] = Counter()
    for tokens in names:
        keys = [_START, *(_key(t) for t in tokens), _END]
        words.update(keys[1:-1])
        phrases.update(zip(keys, keys[1:], strict=False))
        phrases.update(zip(keys, keys[1:], keys[2:], strict=False))
    return words, phrases


def mend_by_names(
    names: Sequence[str], by_ocr: Sequence[bool], known: Collection[str], texts: Sequence[str] = ()
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The names of a plan with the words that OCR misread mended from the words the other
    names print in their place, and for each name what was mended (reading, mended). A plan's
    names repeat their words and phrases (``Tenaga Kerja``, ``bagi Pencari Kerja``,
    ``Kabupaten/Kota``, ``(LPTKS)``) many times, and OCR misreads each printing on its own.

    A word of a name read by OCR (three letters or more), or two words a space parts, is
    taken for a word of the other names within two plain edits (and half its letters), when
    that word is the only one so near, no other name prints the reading between the same
    words, and
    - another name prints the word between the same two words (or a name's ends: ``Lembaga
      Kerja Sama``, ``Pencari Kerja`` ending a name), or after the one and before the other,
      each in another name (``Pasar Kera dan`` beside ``Pasar Kerja`` and ``Kerja dan``), and
      the other names print it more often
      than the reading (as often, for words a slash joins: OCR loses a slash or reads it as a
      space, it puts none in, and other names print two such words apart in the same place
      as the document's only where read from a text layer); a reading that is a word of the
      language is so taken only for a word OCR misreads it as (:func:`cost`: ``Kera`` for
      ``Kerja``, never ``Pengadaan`` for
      ``Pengawasan``, two words that names print before the same words); or the reading is a
      word of the language printed nowhere else, OCR misreads the word as it, and the other
      names print the word before the two words after it twice or more (:func:`_in_phrase`);
    - or the reading is no word of the language and no other name prints it, the word is
      printed twice or more, and it is one edit away and eight letters or more
      (``KABUPATENKOTA``) or another name prints it beside the same word before or after it
      (``Tenagu Kerja``, ``ILPTKS)`` for ``(LPTKS)``);
    - or the reading is no word of the language, no other name prints it, and of the words of
      the language as near it (:func:`_tie_broken`: ``Jaian``, as near ``jalan`` as
      ``jaran``) the other names or the document's other ``texts`` (its indicators) print one
      only.
    The word taken is one of the language, or one the other names print twice or more (not
    another printing's misreading), and for a reading of the language one of the language;
    of two that fit, the one OCR misreads as the reading (``Detari``: ``Detail``, not the
    ``Deta:i`` of another printing, a plain edit nearer). Readings of two or three letters
    are weighed by their place alone (:func:`_short`), and an abbreviation in brackets read
    with a look-alike glyph by the one the other names print after the same word
    (:func:`_bracketed_alike`).
    A word that begins with ``i`` where the other names print it with a capital ``I`` twice
    or more, and more often than as read, and in no third form, takes the capital; so does
    one of three letters or more in a name whose other words but its joining words begin with
    capitals (:func:`_in_title_case`; the nomenclature prints ``ibu`` and ``isu`` small only
    among small words). The word
    is written as the other names most often write it, in capitals where the reading is.
    Names read from a text layer are context only, never changed.

    A word mended is printed as the word from then on, and the names are read again with it
    until nothing more is mended: ``Kabupaten Kota`` read in two names, and printed
    ``Kabupaten/Kota`` in one other, outvotes it in neither, but once the name where the other
    names print it between the same words is mended, the other reading is one of three."""
    out = [
        _marks_and_letters(name, known) if ocr else (name, [])
        for name, ocr in zip(names, by_ocr, strict=True)
    ]
    others = Counter(_key(token) for text in texts for token in text.split())
    known = known if isinstance(known, frozenset) else frozenset(known)  # cached by it
    for _ in range(_PASSES):
        again = _mended_once([name for name, _ in out], by_ocr, known, others)
        if all(not how for _, how in again):
            break
        out = [(name, done + how) for (_, done), (name, how) in zip(out, again, strict=True)]
    return out


_PASSES = 3  # readings of a plan's names: a mend may let one other be made, rarely a third


def _marks_and_letters(name: str, known: Collection[str]) -> tuple[str, list[tuple[str, str]]]:
    """A name read by OCR with what its own words show misread, before the plan's other names
    are weighed: marks a speck left, the case of its joining words and of a capital ``I``, a
    slash read as a quote, and a letter of its abbreviation."""
    marked = _in_title_case(*_in_capitals(*_without_stray_marks(name)))
    return _acronym(*_slash_for_quote(*_hyphen_for_space(*marked), known), known)


# Two words a hyphen joins, letters both (``Daerah-dan``).
_HYPHEN_BETWEEN = re.compile(r"^([^\W\d_]+)-([^\W\d_]+)([.,;:]?)$")


def _hyphen_for_space(name: str, how: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """A name where OCR read a speck between two words as a hyphen, one of them a joining
    word (``Kewenangan Daerah-dan Sistem``, held-out seed 306 at 150 dpi): the space,
    reported. Indonesian joins words by a hyphen in a doubled word (``kupu-kupu``) and a
    compound (``Konseling-Remaja``, ``Non-Formal``), never to ``dan``, ``di`` or ``yang``."""
    tokens = name.split()
    mended = list(how)
    for k, token in enumerate(tokens):
        found = _HYPHEN_BETWEEN.match(token)
        if found is None:
            continue
        parts = {found.group(1).lower(), found.group(2).lower()}
        if len(parts) != 2 or not parts & set(_JOINING):
            continue  # one word doubled (``bagi-bagi``) is a word
        tokens[k] = f"{found.group(1)} {found.group(2)}{found.group(3)}"
        mended.append((token, tokens[k]))
    return (" ".join(tokens), mended) if len(mended) > len(how) else (name, how)


# A quote between two words of letters, a capital after it (``Kabupaten'Kota``).
_QUOTE_BETWEEN = re.compile(r"^([^\W\d_]{2,})['`‘’]([A-Z][^\W\d_]+)([.,;:]?)$")


def _slash_for_quote(
    name: str, how: list[tuple[str, str]], known: Collection[str]
) -> tuple[str, list[tuple[str, str]]]:
    """A name where OCR read the slash between two words as a quote (``Skala Kabupaten'Kota``,
    held-out seed 290 at 150 dpi, at a sure confidence): the slash, reported. Indonesian
    writes an apostrophe only inside a word of Arabic origin, small letters after it
    (``Jum'at``); a quote between two words of the language, a capital after it, is no mark
    of a name."""
    tokens = name.split()
    mended = list(how)
    for k, token in enumerate(tokens):
        found = _QUOTE_BETWEEN.match(token)
        if not found or not all(found.group(g).lower() in known for g in (1, 2)):
            continue
        tokens[k] = f"{found.group(1)}{_JOINED_BY}{found.group(2)}{found.group(3)}"
        mended.append((token, tokens[k]))
    return (" ".join(tokens), mended) if len(mended) > len(how) else (name, how)


_QUOTES = "'\"`‘’“”"
_MARKS_ONLY = re.compile(r"^[^\w\s]+$")
_ENDING_COLON = re.compile(r"[^\W\d_][:;]$")
_DASHES_AND_STOPS = re.compile(r"^[-\u2013\u2014_~.,]*[-\u2013\u2014_~][-\u2013\u2014_~.,]*$")


def _without_stray_marks(name: str) -> tuple[str, list[tuple[str, str]]]:
    """A name read by OCR without the marks that a speck or a rule's remnant left in it, and
    what was taken out: a token of marks only that holds a quote (``Obat '— dan``), and a
    quote at a word's end or start where the name opens and closes no quote (``SUMBER DAYA”
    MANUSIA``), a colon ending the name (``Lingkup Daerah:``: a name introduces nothing),
    dashes and stops ending it apart from its last word (``di Kelurahan —.``: a dash joins
    two words, and the stop of a name's last word stands against it), and a bracket opening
    the name that it never closes (``(PROGRAM PENINGKATAN``).
    A name that quotes a phrase (``“Bangga Kencana”``) and a lone dash between words are
    kept."""
    tokens = name.split()
    how: list[tuple[str, str]] = []
    if len(tokens) > 1 and _DASHES_AND_STOPS.match(tokens[-1]):
        how.append((tokens[-1], ""))
        tokens.pop()
    if tokens and _ENDING_COLON.search(tokens[-1]):
        how.append((tokens[-1], tokens[-1][:-1]))
        tokens[-1] = tokens[-1][:-1]
    if tokens and tokens[0][:1] == "(" and name.count("(") > name.count(")") and tokens[0][1:]:
        how.append((tokens[0], tokens[0][1:]))  # a bracket the name never closes
        tokens[0] = tokens[0][1:]
    opens = any(t[0] in _QUOTES for t in tokens if not _MARKS_ONLY.match(t))
    closes = any(t[-1] in _QUOTES for t in tokens if not _MARKS_ONLY.match(t))
    if opens and closes:
        return (" ".join(tokens), how) if how else (name, [])
    kept: list[str] = []
    for token in tokens:
        if _MARKS_ONLY.match(token):
            if any(c in _QUOTES for c in token):
                how.append((token, ""))
                continue
            kept.append(token)
            continue
        bare = token.strip(_QUOTES)
        if bare != token and bare:
            how.append((token, bare))
        kept.append(bare or token)
    return (" ".join(kept), how) if how else (name, [])


def _in_capitals(name: str, how: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """A name printed in capitals with its joining words too (``MUATAN LOKAL DI LINGKUNGAN``),
    where OCR read one with a small letter (``Di``): the word in capitals, reported. A name
    whose other words are not all in capitals is kept as read."""
    tokens = name.split()
    words = [t for t in tokens if any(c.isalpha() for c in t)]
    small = [i for i, t in enumerate(tokens) if t.lower() in _JOINING and not t.isupper()]
    if not small or len(words) - len(small) < _CAPITALS_MIN:
        return name, how
    if not all(t.isupper() for i, t in enumerate(tokens) if i not in small and t in words):
        return name, how
    mended = list(how)
    for i in small:
        mended.append((tokens[i], tokens[i].upper()))
        tokens[i] = tokens[i].upper()
    return " ".join(tokens), mended


_CAPITALS_MIN = 2  # words in capitals that show a name printed so


# An abbreviation in brackets after the words it stands for: ``(RDTR)``, ``(LPTKS)``.
_BRACKETED = re.compile(r"^\(([A-Z0-9l|]{2,6})\)([.,;:]?)$")
# Capitals and digits OCR takes for one another (``(ROTR)`` for ``(RDTR)``).
_CAPITAL_LOOK_ALIKE = ("DOQ0", "B8", "S5", "CG6", "EF", "PR", "IL1l|", "UV", "MN")
_CAPITALS_ALIKE = frozenset(
    (a, b) for group in _CAPITAL_LOOK_ALIKE for a in group for b in group if a != b
)


def _acronym(
    name: str, how: list[tuple[str, str]], known: Collection[str]
) -> tuple[str, list[tuple[str, str]]]:
    """A name whose abbreviation in brackets is made of the first letters of the words before
    it, but for one letter OCR misread as a look-alike (``Rencana Detail Tata Ruang (ROTR)``
    for ``(RDTR)``, ``Lembaga Penempatan Tenaga Kerja Swasta (LPTK5)``): the abbreviation
    takes the word's letter, reported. So the names of the nomenclature make their
    abbreviations, joining words left out (``Pejabat Pengelola Informasi dan Dokumentasi
    (PPID)``). Only where the word is one of the language (its first letter is read right),
    and where the abbreviation differs from the words' first letters in that one letter: one
    made otherwise (``(Andalalin)``, ``(LKPJ)`` after ``... Kepala Daerah``) stays as read."""
    tokens = name.split()
    mended = list(how)
    for k, token in enumerate(tokens):
        found = _BRACKETED.match(token)
        if not found:
            continue
        letters = found.group(1)
        if not any(c.isupper() for c in letters):
            continue
        words = [t for t in tokens[:k] if t.lower() not in _JOINING and t.lower() != "dan/atau"]
        if len(words) < len(letters):
            continue
        stands_for = [w.strip(",.;:") for w in words[len(words) - len(letters) :]]
        if not all(w.isalpha() for w in stands_for):
            continue
        firsts = "".join(w[0].upper() for w in stands_for)
        apart = [i for i, (a, b) in enumerate(zip(letters, firsts, strict=True)) if a != b]
        if len(apart) != 1:
            continue
        i = apart[0]
        if (letters[i], firsts[i]) not in _CAPITALS_ALIKE or stands_for[i].lower() not in known:
            continue
        word = f"({letters[:i]}{firsts[i]}{letters[i + 1 :]}){found.group(2)}"
        mended.append((token, word))
        tokens[k] = word
    return (" ".join(tokens), mended) if len(mended) > len(how) else (name, how)


_SMALL_I = re.compile(r"^i[a-z]{2,}$")  # a word whose capital I OCR read as a small i


def _in_title_case(name: str, how: list[tuple[str, str]]) -> tuple[str, list[tuple[str, str]]]:
    """A name whose words each begin with a capital but its joining words (``Pengawasan Daerah
    Irigasi Tingkat Kecamatan``), where OCR read a word's capital ``I`` as a small ``i``
    (``irigasi``): the word with its capital (in capitals in a name so printed), reported. A
    name with other words in small letters is kept as read."""
    tokens = name.split()
    small = [i for i, t in enumerate(tokens) if _SMALL_I.match(t) and t not in _JOINING]
    words = [t for t in tokens if t.isalpha() and t.lower() not in _JOINING]
    if not small or len(words) - len(small) < _CAPITALS_MIN:
        return name, how
    others = [t for i, t in enumerate(tokens) if i not in small and t in words]
    if not all(t[0].isupper() for t in others):
        return name, how
    capitals = all(t.isupper() for t in others)
    mended = list(how)
    for i in small:
        word = tokens[i].upper() if capitals else tokens[i].capitalize()
        mended.append((tokens[i], word))
        tokens[i] = word
    return " ".join(tokens), mended


def _mended_once(
    names: Sequence[str], by_ocr: Sequence[bool], known: frozenset[str], others: Counter[str]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """One reading of the names for :func:`mend_by_names`."""
    split, words, phrases, vocabulary = _plan_words(names)
    # what the names read from a text layer print: as printed, unlike OCR's readings
    _, texted = _counts([tokens for tokens, ocr in zip(split, by_ocr, strict=True) if not ocr])
    forms: dict[str, Counter[str]] = {}
    for tokens in split:
        for token in tokens:
            if not token.isupper():
                forms.setdefault(_key(token), Counter())[token.strip(".,;:")] += 1
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for tokens, ocr in zip(split, by_ocr, strict=True):
        if not ocr or not tokens:
            out.append((" ".join(tokens), []))
            continue
        mine = _Elsewhere(words, phrases, *_counts([tokens]))
        mended: list[tuple[str, str]] = []
        result: list[str] = []
        i = 0
        while i < len(tokens):
            found = _mend_at(tokens, i, mine, vocabulary, known, forms, others, texted)
            if found is None:
                result.append(tokens[i])
                i += 1
                continue
            width, word = found
            read = " ".join(tokens[i : i + width])
            text = _name_case(word, read, forms)
            mended.append((read, text))
            result.append(text)
            i += width
        out.append((" ".join(result), mended))
    return out


def misread_for(
    names: Sequence[str], by_ocr: Sequence[bool], known: Collection[str]
) -> list[list[tuple[str, str]]]:
    """For each name read by OCR, the words of the language in it (three letters or more) that
    OCR may have misread for a word the plan's other names print in their place, as (reading,
    word): the other names print the word beside the same word before or after it, more often
    than the reading and twice or more, never the reading there, and OCR misreads the word as
    the reading (:func:`cost`: ``Kena`` for ``Kerja`` in ``Tenaga Kena Tingkat`` beside the
    names' ``Tenaga Kerja``); and two words the other names print joined by a slash, where no
    name read from a text layer prints them apart (``Kabupaten Kota`` where a program prints
    ``KABUPATEN/KOTA``; OCR may have lost the slash in other printings too); and two small
    letters that are no joining word but one misread, which no other name prints (``Usia
    Dini dr Lingkungan``, held-out seed 336 at 150 dpi, unflagged before). Not mended
    (:func:`mend_by_names` wants more of the context): a reading doubt. Names read from a text
    layer are context only."""
    split, words, phrases, vocabulary = _plan_words(names)
    # what the names read from a text layer print: right as printed, unlike OCR's readings
    _, texted = _counts([tokens for tokens, ocr in zip(split, by_ocr, strict=True) if not ocr])
    out: list[list[tuple[str, str]]] = []
    for tokens, ocr in zip(split, by_ocr, strict=True):
        found: list[tuple[str, str]] = []
        mine = _Elsewhere(words, phrases, *_counts([tokens]))
        keys = [_START, *(_key(t) for t in tokens), _END]
        for i, token in enumerate(tokens if ocr else []):
            read, before, after = keys[i + 1], keys[i], keys[i + 2]
            joined = f"{read}{_JOINED_BY}{after}"
            if after != _END and mine.word(joined) and not texted[(read, after)]:
                # two words the other names print joined by a slash, and no name of a text
                # layer apart: OCR loses a slash (``Kabupaten Kota``, in every printing on a
                # scanned page in some plans), it puts none in
                found.append((f"{token} {tokens[i + 1]}", f"{token}{_JOINED_BY}{tokens[i + 1]}"))
                continue
            joining = (
                [w for w in _JOINING if w != read and cost(read, w) <= _allowed(len(w))]
                if len(read) == 2 and token.islower()
                else []
            )
            if joining and not mine.word(read):
                # two small letters, no joining word but one misread (``dr`` for ``di``), that
                # no other name prints: a name's abbreviations are in capitals
                found.append((token, joining[0]))
                continue
            if len(read) < _CONTEXT_MIN or read not in known or not read.isalpha():
                continue
            if mine.phrase(before, read) or mine.phrase(read, after):
                continue  # printed so elsewhere: a word of the document
            near = process.extract(
                read, vocabulary, scorer=Levenshtein.distance, score_cutoff=2, limit=None
            )
            for word, distance, _ in sorted(near, key=lambda n: n[1]):
                often = mine.word(word)
                if distance == 0 or often < 2 or often <= mine.word(read):
                    continue
                if cost(read, word) > _allowed(_LONG + 1):
                    continue
                if mine.phrase(before, word) or mine.phrase(word, after):
                    found.append((token, _cased(word, token.strip(".,;:"))))
                    break
        out.append(found)
    return out


@dataclass(frozen=True)
class _Elsewhere:
    """The counts of words and phrases of all names, less one name's own."""

    words: Counter[str]
    phrases: Counter[tuple[str, ...]]
    own_words: Counter[str]
    own_phrases: Counter[tuple[str, ...]]

    def word(self, key: str) -> int:
        return self.words[key] - self.own_words[key]

    def phrase(self, *keys: str) -> int:
        return self.phrases[keys] - self.own_phrases[keys]


def _mend_at(
    tokens: list[str], i: int, mine: _Elsewhere, vocabulary: list[str],
    known: frozenset[str], forms: dict[str, Counter[str]], others: Counter[str],
    texted: Counter[tuple[str, ...]],
) -> tuple[int, str] | None:  # fmt: skip
    """The word that ``tokens[i:i + width]`` were misread for: (width, the word), or None.
    ``texted``: the phrases of the names read from a text layer."""
    keys = [_START, *(_key(t) for t in tokens), _END]
    short = _short(tokens[i], keys[i], keys[i + 2], mine, vocabulary)
    if short is None:
        short = _one_glyph(tokens[i], keys[i], keys[i + 2], mine, forms)
    if short is not None:
        return 1, short
    bracketed = _bracketed_alike(tokens[i], keys[i], mine)
    if bracketed is not None:
        return 1, bracketed
    for width in (2, 1):
        if i + width > len(tokens):
            continue
        span = tokens[i : i + width]
        read = " ".join(_key(t) for t in span)
        if not all(_NAME_WORD.match(_key(t)) for t in span) or len(read) < _CONTEXT_MIN:
            continue
        if width == 1 and _capital_lost(span[0], forms):
            return 1, read
        before, after = keys[i], keys[i + width + 1]
        parts = read.split()
        language = width == 1 and read.strip("()") in known
        here = (
            # two words a slash joins: OCR loses the slash, it puts none in, so only a name
            # read from a text layer prints them apart as the document's (``Skala Kabupaten
            # Kota`` read in two names, ``Kabupaten/Kota`` printed in two others)
            texted[(before, *parts)] + texted[(*parts, after)]
            if width == 2
            else (mine.phrase(before, read, after))
        )
        if here and (width == 2 or language):
            continue  # printed so elsewhere in the same place: words of the document
        printed = mine.word(read) if width == 1 else mine.phrase(*parts)
        candidates = []
        # a long reading that is no word may be three plain edits off, two glyphs misread
        # (``Montonng`` for ``Monitoring``: an ``i`` lost, ``ri`` read as ``n``)
        far = 3 if width == 1 and not language and len(read) >= _FAR else 2
        for word, distance, _ in process.extract(
            read, vocabulary, scorer=Levenshtein.distance, score_cutoff=far, limit=None
        ):
            if distance == 0 or distance > len(word) // 2:
                continue
            if width == 2 and _JOINED_BY not in word:
                continue
            if here and (word not in known or cost(read, word) > _allowed(len(read))):
                # read so in the same place elsewhere too: OCR misreads one printing alike
                # many times (``Domam`` for ``Domain``), but only a reading that is no word
                # for a word of the language it misreads so is taken
                continue
            if language and (word not in known or cost(read, word) > _allowed(_LONG + 1)):
                # a word of the language is taken only for another word of it, one that OCR
                # misreads as it: not for a name's misreading printed elsewhere (``Resi``
                # beside ``Rersi``)
                continue
            often = mine.word(word)
            beside = mine.phrase(before, word, after) > 0 or (
                mine.phrase(before, word) > 0 and mine.phrase(word, after) > 0
            )
            if distance > 2 and not (beside and often >= 2 and cost(read, word) <= 1.0):
                continue  # so far off: only two glyphs OCR misreads, where the names print it
            if here and often <= printed + 1:
                continue  # read so as often as printed so, this reading too: which is which?
            if often < 2 and width == 1 and word.strip("()") not in known:
                continue  # no word of the language, printed once: a misreading too, perhaps
            if beside and (often > printed or (width == 2 and often >= printed)):
                # printed elsewhere between the same two words (or after the one and before
                # the other), and more often than the reading (as often, a slash: OCR loses
                # one, it does not put one in)
                fits = True
            else:
                fits = (
                    not language
                    and not printed
                    and often >= 2
                    and (
                        (distance == 1 and len(word) >= _LONG)
                        or mine.phrase(before, word) + mine.phrase(word, after) > 0
                    )
                ) or (
                    language
                    and width == 1
                    and not printed
                    and cost(read, word) <= _allowed(len(read))
                    and _in_phrase(keys, i, word, mine)
                )
            if fits:
                candidates.append((min(cost(read, word), _OTHER), distance, word))
        if not candidates:
            if width == 1 and not language and not printed:
                tied = _tie_broken(read, mine, known, others)
                if tied is not None:
                    return 1, tied
            continue
        candidates.sort()
        if len(candidates) > 1 and candidates[1][:2] == candidates[0][:2]:
            return None  # two words as near: the reading does not tell which
        return width, candidates[0][2]
    return None


def _in_phrase(keys: list[str], i: int, word: str, mine: _Elsewhere) -> bool:
    """Whether the other names print ``word`` before the two words that follow the reading
    (``keys[i + 1]``), twice or more: ``Pengadaan Kapan Lingkungan Hidup`` beside the names'
    ``Kajian Lingkungan Hidup`` (held-out seeds 321 and 338 at 150 dpi; ``ji`` read as one
    glyph). Two words of the language that OCR misreads one as the other are not told apart
    by one neighbour (``Bayi Baru`` and ``bagi``; ``Pelayanan Kesehatan`` before both), by a
    phrase of three they are."""
    after = keys[i + 2 : i + 4]
    return len(after) == 2 and mine.phrase(word, *after) >= 2


def _tie_broken(
    read: str, mine: _Elsewhere, known: frozenset[str], others: Counter[str]
) -> str | None:
    """The one of the words of the language as near the reading ``read`` (no word of it)
    that the document prints, in its names (this one's other words too: ``Nama Domam dan
    Sub Domain``) or its other texts (``others``: its indicators), where it prints one only
    (``Jaian`` beside ``Jalan``: of ``jalan``, ``jajan``, ``jaran`` and ``jaan``, only
    ``jalan``; ``Gaj`` where an indicator prints ``Gaji``): a plan is written in the words of
    its own field, and the dictionary alone cannot tell which. None otherwise."""
    if read in known or not read.isalpha():
        return None
    near = _as_near(read, known)
    printed = [w for w in near if mine.words[w] or others[w]]  # this name's other words too
    return printed[0] if len(near) > 1 and len(printed) == 1 else None


def _short(
    token: str, before: str, after: str, mine: _Elsewhere, vocabulary: list[str]
) -> str | None:
    """The word a reading of two or three letters (not in capitals: an abbreviation) was
    misread for: the one word of the other names that OCR misreads so (:func:`cost`: ``Aw``
    and ``Arr`` for ``Air``, ``ir`` read as one glyph, ``i`` as ``r``; ``dr`` for ``di``: the
    joining words of two letters are such words) and that they print
    between the same two words, where they never print the reading there (or print the word
    there more often than the reading, this one counted: OCR misreads a word alike in several
    printings, ``Kualitas Aw Sungai`` in two names, ``Kualitas Air Sungai`` in four), or,
    where they print the reading nowhere, beside one of the two words twice or more
    (``Pelaksanaan Aw Limbah`` beside the names' ``Air Limbah``); else None. Too short to
    weigh by itself (the word list holds ``aw`` and ``arr``), the reading is weighed by its
    place only (``Penyediaan Aw Minum`` beside the names' ``Penyediaan Air Minum``)."""
    read = _key(token)
    if len(read) not in (2, 3) or not read.isalpha() or token.isupper():
        return None
    if (before, after) == (_START, _END):
        return None
    here = mine.phrase(before, read, after)  # other printings read so in the same place
    # the joining words of two letters too (``dr`` for ``di``), too short for ``vocabulary``
    joining = [w for w in _JOINING if len(w) < _CONTEXT_MIN and mine.word(w)]
    found = [
        word for word, _, _ in process.extract(
            read, [*vocabulary, *joining], scorer=Levenshtein.distance, score_cutoff=2,
            limit=None,
        )
        if cost(read, word) <= _allowed(len(read))
        and (
            mine.phrase(before, word, after) > (here + 1 if here else 0)
            or not mine.word(read)
            and mine.phrase(before, word) + mine.phrase(word, after) >= 2
        )
    ]  # fmt: skip
    return found[0] if len(found) == 1 else None


def _one_glyph(
    token: str, before: str, after: str, mine: _Elsewhere, forms: dict[str, Counter[str]]
) -> str | None:
    """The capital a reading of one glyph, small or a figure, was misread for: a name's lone
    letter is a capital (``Terminal Penumpang Tipe C``), and OCR reads one small (``Tipe c``)
    or as a look-alike figure (``Tipe 6``, held-out seed 351 at 150 dpi). Taken where the names
    print the capital twice or more, more often than small, and the other names print it
    between the same two words or beside one of them twice or more; never for a capital read,
    nor a figure the other names print; else None."""
    read = _key(token)
    if len(read) != 1 or not (read.isdigit() or read.islower() and token.islower()):
        return None  # a capital read is a capital: lists name their items A, B, C
    if read.isdigit() and mine.word(read):
        return None  # a figure the other names print too
    for word in (w for w in mine.words if len(w) == 1 and w.isalpha() and mine.word(w)):
        small = sum(n for form, n in forms.get(word, Counter()).items() if form.islower())
        if mine.words[word] - small < max(2, small + 1):
            continue  # printed small as often: a small letter may be the document's
        alike = word == read or (token.upper(), word.upper()) in _CAPITALS_ALIKE
        place = mine.phrase(before, word, after) or (
            mine.phrase(before, word) + mine.phrase(word, after) >= 2
        )
        if alike and place:
            return word.upper()
    return None


def _bracketed_alike(token: str, before: str, mine: _Elsewhere) -> str | None:
    """The abbreviation in brackets that a reading in brackets was misread for, a glyph of it
    read as a look-alike (``Beracun (83)`` beside the names' ``Beracun (B3)``; ``B`` and ``8``
    differ in a curve that a blurred scan of 150 dpi loses): the one that the other names print
    after the same word twice or more, and there more often than the reading, and that differs
    from it in look-alike capitals and figures only (:data:`_CAPITALS_ALIKE`); else None. A
    name's abbreviation is in capitals, often with a figure (``(B3)``, ``(K3)``), and the names
    of a plan print it again and again after the words it stands for."""
    found = _BRACKETED.match(token)
    if not found:
        return None
    read = found.group(1).upper()
    here = mine.phrase(before, _key(token))
    fits = []
    for key in mine.words:
        word = key[1:-1].upper() if key[:1] == "(" and key[-1:] == ")" else ""
        if len(word) != len(read) or word == read:
            continue
        if not all(a == b or (a, b) in _CAPITALS_ALIKE for a, b in zip(read, word, strict=True)):
            continue
        if mine.phrase(before, key) >= 2 and mine.phrase(before, key) > here:
            fits.append(f"({word})")
    return fits[0] if len(fits) == 1 else None


def _capital_lost(token: str, forms: dict[str, Counter[str]]) -> bool:
    """Whether ``token`` begins with an ``i`` where the other names print the word twice or
    more with its capital ``I``, and otherwise only as read, less often (``Pendampingan
    informasi Pasar Kerja``): OCR reads the one as the other, and a name's words take
    capitals."""
    word = token.strip(".,;:")
    if not word.startswith("i") or not word[1:].isalpha():
        return False
    written = forms.get(word.lower(), Counter())
    capital = sum(n for form, n in written.items() if form[:1] == "I")
    lower = written[word]
    return capital >= 2 and capital > lower and capital + lower == sum(written.values())


def _name_case(word: str, read: str, forms: dict[str, Counter[str]]) -> str:
    """``word`` written as the reading is (capitals), or as the other names most often write
    it (``Kabupaten/Kota``), with a capital where the reading has one."""
    letters = [c for c in read if c.isalpha()]
    if sum(c.isupper() for c in letters) > len(letters) / 2:
        return word.upper()
    written = forms.get(word, Counter())
    for form, _ in written.most_common():
        if form != read:
            return _cased(form, read)
    return _cased(word, read)
