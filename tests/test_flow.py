"""The flow's own logic, without starting Prefect: which files a run takes."""

from pathlib import Path

import pytest

from flows.pipeline import discover_pdfs


def test_discovery_recurses_dedupes_and_keeps_only_pdfs(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.pdf", "a/b/two.PDF", "a/notes.txt", "three.pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    found = discover_pdfs([tmp_path / "a", tmp_path / "a" / "one.pdf", tmp_path / "three.pdf"])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a/b/two.PDF", "a/one.pdf", "three.pdf"]


def test_a_file_named_directly_is_taken_whatever_its_suffix(tmp_path: Path) -> None:
    odd = tmp_path / "renja.bin"
    odd.write_bytes(b"%PDF-1.4")
    assert discover_pdfs([odd]) == [odd.resolve()]


@pytest.mark.slow  # Prefect's task engine
def test_io_errors_are_retried_and_parse_errors_are_not(monkeypatch) -> None:
    from conftest import SAMPLE

    import flows.pipeline as pipeline

    calls: list[str] = []

    def flaky(path: Path) -> str:
        calls.append("call")
        if len(calls) < 3:
            raise OSError("stale NFS file handle")
        return "abc"

    monkeypatch.setattr(pipeline, "file_sha256", flaky)
    assert pipeline.identify_document(SAMPLE) == "abc"
    assert len(calls) == 3  # two I/O errors, retried

    def broken(path: Path) -> str:
        calls.append("call")
        raise ValueError("not a transient fault")

    calls.clear()
    monkeypatch.setattr(pipeline, "file_sha256", broken)
    with pytest.raises(ValueError):
        pipeline.identify_document(SAMPLE)
    assert len(calls) == 1  # never retried
