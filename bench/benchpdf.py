"""The quote PDF's time: the benchmark's 40-line quote (five section titles, 35 priced lines: the demo
seeds it, apps/quotes/demo.py) rendered by ``apps.quotes.pdf.quote_pdf_bytes`` again and again, in this
process against the bench database, as the PDF view does for an issued quote whose file is not stored
(the demo stores none) and for every draft preview.

One render first, unrecorded (fonts, the stylesheet and the template are loaded once per process), then
``renders`` timed ones: the median and the 95th percentile, against the target.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

TARGET_MS = 300.0
RENDERS = 20


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 → p95) of ``values``."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.4999))  # ceil without floating surprises
    return ordered[min(rank, len(ordered)) - 1]


def summary(timings_ms: list[float], *, reference: str = "", lines: int = 0) -> dict:
    p50, p95 = statistics.median(timings_ms), percentile(timings_ms, 0.95)
    return {
        "quote": reference,
        "lines": lines,
        "renders": len(timings_ms),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "target_ms": TARGET_MS,
        "misses": [f"p95 >= {TARGET_MS:g} ms"] if p95 >= TARGET_MS else [],
    }


def measure(*, renders: int = RENDERS, say: Callable[[str], None] = print) -> dict:
    """Render the 40-line quote ``renders`` times (Django set up, the bench database seeded)."""
    from apps.quotes.contributions import bench_quote
    from apps.quotes.pdf import quote_pdf_bytes

    try:
        quote = bench_quote()
    except LookupError as exc:
        return {"skipped": str(exc), "misses": []}
    lines = quote.lines.count()
    say(f"Measuring the PDF of quote {quote.reference} ({lines} lines), {renders} renders ...")
    quote_pdf_bytes(quote)  # warm-up: fonts, stylesheet, templates
    timings = []
    for _ in range(renders):
        started = time.perf_counter()
        content = quote_pdf_bytes(quote)
        timings.append((time.perf_counter() - started) * 1000)
        if not content.startswith(b"%PDF"):
            raise RuntimeError(f"quote_pdf_bytes({quote.reference}) did not return a PDF")
    return summary(timings, reference=quote.reference, lines=lines)


def line(result: dict | None) -> str:
    """The report's line."""
    if not result:
        return "Quote PDF: not measured."
    if result.get("skipped"):
        return f"Quote PDF: not measured ({result['skipped']})."
    verdict = "ok" if not result["misses"] else "MISS: " + ", ".join(result["misses"])
    return (
        f"Quote PDF: {result['quote']} ({result['lines']} lines), {result['renders']} renders: median "
        f"{result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms (target < {result['target_ms']:g} ms)  {verdict}"
    )
