"""Facts as tables: one pandas DataFrame per fact type (``pip install 'vnnews_extract[pandas]'``).

``frames(results)`` takes what ``extract`` and ``Pipeline.extract_many`` return (Articles and error
records) or their ``to_dict()`` rows, and gives one row per fact, with the article it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .pipeline import ErrorRecord
from .records import FACT_FIELDS, Article

if TYPE_CHECKING:
    import pandas as pd


def frames(results: Iterable[Article | ErrorRecord | Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """{fact type: DataFrame}: each fact's fields as columns, after ``article`` (the article's ``id``
    when it has one, else its position in ``results``); error records give no rows."""
    try:
        import pandas as pd
    except ImportError as error:
        raise ImportError("frames() needs pandas: pip install 'vnnews_extract[pandas]'") from error
    rows: dict[str, list[dict[str, Any]]] = {fact: [] for fact in FACT_FIELDS}
    for position, result in enumerate(results):
        if isinstance(result, ErrorRecord):
            continue
        record: dict[str, Any] = result.to_dict() if isinstance(result, Article) else dict(result)
        if "error" in record and not any(fact in record for fact in FACT_FIELDS):
            continue  # an error record as a dict
        article = record.get("id", position)
        for fact in FACT_FIELDS:
            facts: list[dict[str, Any]] = record.get(fact) or []
            rows[fact].extend({"article": article, **fact_row} for fact_row in facts)
    return {fact: pd.DataFrame(fact_rows) for fact, fact_rows in rows.items()}
