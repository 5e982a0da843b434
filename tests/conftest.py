"""Shared fixtures: one Pipeline for the whole session, and the ../shared folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnnews_extract import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip the test with a message saying what is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared data folder beside the checkout")
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()
