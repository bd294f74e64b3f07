"""Read a code list (nomenklatur) CSV into one table of level, kode and nama.

Two layouts are understood: a long list with ``level,kode,nama`` columns, and a wide SIPD
export with ``kode_program,nama_program,kode_kegiatan,...,kode_sub_kegiatan,nama_sub_kegiatan``
columns, one row per sub kegiatan. A SIPD export's ``sub_kegiatan_sebelumnya`` column (the code
an item had before it was re-coded, followed by its old name) becomes ``previous_kode``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from transform.codes import LEVELS, normalise_kode

__all__ = ["CodeListError", "load_code_list"]

_LONG = {"level", "kode", "nama"}
_WIDE = {f"{part}_{level}" for part in ("kode", "nama") for level in LEVELS}
_PREVIOUS = "sub_kegiatan_sebelumnya"


class CodeListError(ValueError):
    """A code list file that cannot be used."""


def load_code_list(path: Path) -> pd.DataFrame:
    """The program, kegiatan and sub kegiatan of a code list, codes normalised as in the output."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CodeListError(f"cannot read code list {path}: {exc}") from exc
    columns = set(raw.columns)
    if columns >= _LONG:
        frame = raw[raw["level"].isin(LEVELS)][["level", "kode", "nama"]].assign(previous_kode=None)
    elif columns >= _WIDE:
        parts = [
            raw[[f"kode_{level}", f"nama_{level}"]]
            .set_axis(["kode", "nama"], axis=1)
            .assign(level=level, previous_kode=None)
            for level in LEVELS
        ]
        if _PREVIOUS in columns:
            previous = raw[_PREVIOUS].str.split().str[0].map(normalise_kode, na_action="ignore")
            parts[-1] = parts[-1].assign(previous_kode=previous)
        frame = pd.concat(parts, ignore_index=True)
    else:
        raise CodeListError(
            f"code list {path} has neither level,kode,nama columns nor kode_<level>,nama_<level> "
            "columns for program, kegiatan and sub_kegiatan"
        )
    frame = frame.assign(kode=frame["kode"].map(normalise_kode), nama=frame["nama"].str.strip())
    frame = frame[frame["kode"].notna()].drop_duplicates("kode")
    if frame.empty:
        raise CodeListError(f"code list {path} lists no program, kegiatan or sub kegiatan code")
    return frame.reset_index(drop=True)
