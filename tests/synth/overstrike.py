"""A copy of a PDF whose bold is printed by overstriking: its bold text set in the regular face
of its font and drawn again a hair to the side, as printer drivers and report writers make bold
of a regular font."""

from __future__ import annotations

from pathlib import Path

__all__ = ["overstruck"]

_SHOWING = {"Tj", "TJ", "'", '"'}


def overstruck(source: Path, target: Path, offsets: tuple[float, ...] = (0.25, 0.5)) -> Path:
    """Write to ``target`` ``source`` with each text block drawn in a bold font drawn in the
    regular face of its family instead, and again at each of ``offsets`` (points to the right).
    Blocks that mix bold and regular text are not expected (ValueError)."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            names = {str(key): str(font.get("/BaseFont")) for key, font in fonts.items()}
            regular = {
                key: next(k for k, base in names.items() if base == name.replace("-Bold", ""))
                for key, name in names.items()
                if name.endswith("-Bold")
            }
            page.obj.Contents = pdf.make_stream(
                pikepdf.unparse_content_stream(_struck(page, regular, offsets))
            )
        pdf.save(target)
    return target


def _struck(page: object, regular: dict[str, str], offsets: tuple[float, ...]) -> list:
    import pikepdf

    out: list = []
    font: list = [None, None]  # the font in effect (resource name, size)
    saved: list = []
    block: list | None = None
    bold: set[bool] = set()
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "q":
            saved.append(list(font))
        elif name == "Q" and saved:
            font = saved.pop()
        if name == "Tf":
            font = [str(operands[0]), operands[1]]
            if font[0] in regular:
                operands = [pikepdf.Name(regular[font[0]]), operands[1]]
        if name == "BT":
            block, bold = [], set()
            start = list(font)
        if block is None:
            out.append((operands, operator))
            continue
        block.append((operands, operator))
        if name in _SHOWING:
            bold.add(font[0] in regular)
        if name != "ET":
            continue
        if len(bold) > 1:
            raise ValueError("a text block mixes bold and regular text")
        if start[0] in regular:  # the block draws in the bold font set before it
            block.insert(1, ([pikepdf.Name(regular[start[0]]), start[1]], pikepdf.Operator("Tf")))
        out.extend(block)
        if bold == {True}:
            for offset in offsets:
                out.append(([], pikepdf.Operator("q")))
                out.append(([1, 0, 0, 1, offset, 0], pikepdf.Operator("cm")))
                out.extend(block)
                out.append(([], pikepdf.Operator("Q")))
        block = None
    return out
