"""Run axe-core (vendored in ``vendor/axe-core``, never served to users) on the page a browser test shows.

The script is evaluated through Playwright (the DevTools protocol), which the page's CSP does not
govern: an injected ``<script>`` tag would be refused (scripts need the page's nonce), and the policy
under test stays the one users get.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}


@dataclass(frozen=True)
class Violation:
    state: str  # the page and what was done to it ("/me/ at 390 px, menu open")
    rule: str
    impact: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (f" (+{len(self.targets) - 4})" if len(self.targets) > 4 else "")
        return f"{self.state}: {self.rule} [{self.impact}] {self.summary} → {shown}"


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def serious_violations(page, state: str) -> list[Violation]:
    """The serious and critical violations of every axe rule enabled by default, on the page as it is now."""
    # Two frames: what the page does on resize (app.js marks scrolling boxes) has run.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(f"() => {{ {axe_source()}\n}}")
    results = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ['violations']});
            return results.violations.map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.filter(n => ['serious', 'critical'].includes(n.impact))
                              .map(n => n.target.join(' '))
            }));
        }"""
    )
    return [
        Violation(state=state, rule=r["rule"], impact=r["impact"], targets=tuple(r["nodes"]), summary=r["help"])
        for r in results
        if r["impact"] in FAILING_IMPACTS and r["nodes"]
    ]
