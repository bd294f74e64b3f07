"""Run the checks with Great Expectations and turn its results into failure records.

All documents of a run are checked together, one suite per frame; each failing row comes
back from Great Expectations by its row number and is reported with the document, level, kode,
name, year, stated and computed values and page an auditor needs to find it.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import great_expectations as gx
import pandas as pd
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.expectations.row_conditions import ComparisonCondition

from expectations import frames as f
from expectations.datadocs import RowLabel, make_offline
from expectations.suites import Check, checks_for

__all__ = ["CheckOutcome", "Failure", "build_frames", "run_checks"]

log = logging.getLogger(__name__)

_RECORD_FIELDS = ("doc_id", "node_id", "level", "kode", "nama", "tahun", "jenis", "page")


@dataclass
class Failure:
    """One failing row of a check, as reported in summary.json and the audit report."""

    check: str
    severity: str
    doc_id: str | None
    message: str
    node_id: str | None = None
    level: str | None = None
    kode: str | None = None
    nama: str | None = None
    tahun: int | None = None
    jenis: str | None = None
    stated: str | None = None
    computed: str | None = None
    difference: str | None = None
    page: int | None = None

    def record(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "level": self.level,
            "kode": self.kode,
            "nama": self.nama,
            "node_id": self.node_id,
            "tahun": self.tahun,
            "jenis": self.jenis,
            "stated": self.stated,
            "computed": self.computed,
            "difference": self.difference,
            "page": self.page,
            "message": self.message,
        }


@dataclass
class CheckOutcome:
    """A check over all documents: which rows it looked at and which failed."""

    check: Check
    checked: dict[str | None, int] = field(default_factory=dict)  # rows per doc_id
    failures: list[Failure] = field(default_factory=list)
    error: str | None = None  # the check could not run


def build_frames(
    tables: dict[str, pd.DataFrame],
    stated_totals: Iterable[f.StatedTotal],
    reference: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """Every frame a check runs on, from the output tables."""
    programs, indicators, budgets = tables["programs"], tables["indicators"], tables["budgets"]
    frames = {
        **{name: f.plain_objects(table) for name, table in tables.items()},
        "tree": f.tree_frame(programs),
        "nomor": f.nomor_frame(programs),
        "rollup_kegiatan": f.rollup_frame(programs, budgets, "kegiatan"),
        "rollup_program": f.rollup_frame(programs, budgets, "program"),
        "stated_totals": f.stated_total_frame(budgets, stated_totals),
        "review": f.review_frame(programs, budgets),
        "targets": f.target_frame(indicators),
        "ratios": f.ratio_frame(budgets),
        "names": f.duplicate_name_frame(programs),
    }
    if reference is not None:
        frames["nomenclature"] = f.nomenclature_frame(programs, reference)
    return frames


def _context(docs_dir: Path | None) -> Any:
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False)
    )
    context = gx.get_context(mode="ephemeral", project_config=config)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs_dir is not None:
        context.add_data_docs_site(
            site_name="renja",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_dir.resolve()),  # GX wants an absolute path
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return context


def run_checks(
    frames: dict[str, pd.DataFrame], docs_dir: Path | None = None, clock: Any = None
) -> list[CheckOutcome]:
    """Run every check whose frame is present; build Data Docs into ``docs_dir`` if given.

    One context for the run, one suite per frame over all documents. ``clock`` (a
    ``renja.timing.Stopwatch``) is given the seconds of ``ge_context``, ``checks`` and
    ``data_docs``."""
    started = time.perf_counter()
    context = _context(docs_dir)
    source = context.data_sources.add_pandas("renja")
    nodes = frames["programs"]
    names = dict(
        zip(zip(nodes["doc_id"], nodes["node_id"], strict=True), nodes["nama"], strict=True)
    )
    outcomes: list[CheckOutcome] = []
    labels: dict[str, dict[int, RowLabel]] = {}
    checking = time.perf_counter()
    for name, frame in frames.items():
        checks = checks_for(name)
        if not checks:
            continue
        frame = frame.reset_index(drop=True)  # Great Expectations reports failing rows by index
        suite = gx.ExpectationSuite(name=name)
        owners: list[Check] = []
        for check in checks:
            for expectation in check.expectations:
                suite.add_expectation(
                    expectation.copy(update={"meta": {"check": check.name}, "id": None}, deep=True)
                )
                owners.append(check)
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            runs = _validate(context, batch, suite, frame, docs_dir is not None)
        by_check = {c.name: CheckOutcome(c, checked=_rows_checked(c, frame)) for c in checks}
        for run in runs:
            for item in run.results:
                check_name = item.expectation_config.meta["check"]
                outcome = by_check[check_name]
                if item.exception_info.get("raised_exception"):
                    outcome.error = str(item.exception_info.get("exception_message"))
                    log.warning("check %s could not run: %s", check_name, outcome.error)
                    continue
                if not item.success:
                    column = item.expectation_config.kwargs.get("column")
                    outcome.failures += _failures(outcome.check, frame, item.result, column, names)
                    labels.setdefault(name, {}).update(
                        _row_labels(frame, item.result.get("unexpected_index_list") or [])
                    )
        outcomes += by_check.values()
    built = time.perf_counter()
    if docs_dir is not None:  # once for all suites: a build per checkpoint costs seconds each
        context.build_data_docs(site_names=["renja"])
        make_offline(docs_dir, labels)
    if clock is not None:
        clock.add("ge_context", checking - started)
        clock.add("checks", built - checking)
        if docs_dir is not None:
            clock.add("data_docs", time.perf_counter() - built)
    return outcomes


def _validate(
    context: Any, batch: Any, suite: gx.ExpectationSuite, frame: pd.DataFrame, stored: bool
) -> list[Any]:
    """The suite's results on the frame. Data Docs are built from the results a checkpoint
    stores, so with ``stored`` the suite runs in one; otherwise on the batch alone, which skips
    storing the suite, its validation definition and checkpoint (a fifth of the checks' time)."""
    if not stored:
        found = batch.get_batch(batch_parameters={"dataframe": frame})
        return [found.validate(suite, result_format="COMPLETE")]
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch, suite=context.suites.add(suite))
    )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name=suite.name,
            validation_definitions=[definition],
            actions=[],
            result_format="COMPLETE",
        )
    )
    return list(checkpoint.run(batch_parameters={"dataframe": frame}).run_results.values())


def _row_labels(frame: pd.DataFrame, indices: list[Any]) -> dict[int, RowLabel]:
    """The failing rows by index, named by kode (or node) and page, with their amounts."""
    found = {}
    for index in indices:
        row = frame.iloc[int(index)]
        kode = row.get("kode") if "kode" in frame.columns else None
        who = kode if isinstance(kode, str) else row.get("node_id", "")
        page = row.get("page") if "page" in frame.columns else None
        label = f"{who or '–'} p. {int(page)}" if page is not None and pd.notna(page) else who
        amounts = tuple(v for v in row.tolist() if isinstance(v, Decimal))
        found[int(index)] = RowLabel(str(label or index), amounts)
    return found


def _rows_checked(check: Check, frame: pd.DataFrame) -> dict[str | None, int]:
    """Rows per document that the check's expectations look at (their row condition, if any)."""
    if "doc_id" not in frame.columns or frame.empty:
        return {}
    conditions = [getattr(e, "row_condition", None) for e in check.expectations]
    if all(isinstance(c, ComparisonCondition) for c in conditions):
        mask = pd.Series(False, index=frame.index)
        for c in conditions:  # the checks' conditions are all "column == value"
            mask |= frame[c.column.name] == c.parameter  # type: ignore[union-attr]
        frame = frame[mask]
    return {str(k): int(v) for k, v in frame["doc_id"].value_counts().items()}


def _failures(
    check: Check,
    frame: pd.DataFrame,
    result: dict[str, Any],
    column: str | None,
    names: dict[tuple[Any, Any], Any],
) -> list[Failure]:
    indices = result.get("unexpected_index_list")
    if not indices:  # a table-level expectation: one failure for every document in the frame
        observed = result.get("observed_value")
        return [Failure(check.name, check.severity, None, f"{check.message({})}: {observed}")]
    failures = []
    for index in indices:
        row = {str(k): v for k, v in frame.iloc[int(index)].items()}
        row["_column"] = column
        context = {k: _value(row.get(k)) for k in _RECORD_FIELDS}
        if context["nama"] is None:  # indicator and budget rows name their node by id
            context["nama"] = names.get((context["doc_id"], context["node_id"]))
        failures.append(
            Failure(
                check.name,
                check.severity,
                message=check.message(row),
                stated=_money(row.get("stated")),
                computed=_money(row.get("computed")),
                difference=_money(row.get("difference")),
                **context,
            )
        )
    return failures


def _value(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _money(value: Any) -> str | None:
    """Amounts as exact decimal strings; anything else (a ratio, a target) as its text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01')):f}"
    return str(value)
