"""Read a rendered page as a person sees it: its text, its links, its forms and its elements.

Tests of pages assert what is shown (and that hostile text stays text), not how the markup is
spelled, so a template can change its whitespace or attribute order without breaking them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that have no end tag: never left open on the stack.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN_TEXT = {"script", "style", "template"}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _squeeze("".join(self.parts))

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


class Page(HTMLParser):
    """``Page(html)``: ``.text`` (the visible text), ``.elements`` (every element, its text included),
    ``.links`` ((href, text) pairs), ``.find(tag, **attrs)`` and ``.by_testid(name)``."""

    def __init__(self, html: str | bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self._text: list[str] = []
        self.feed(html.decode() if isinstance(html, bytes) else html)
        self.close()

    def _boundary(self) -> None:
        """Where an element starts or ends, words are apart (as a flex gap or a block shows them)."""
        self._text.append(" ")
        for element in self._open:
            element.parts.append(" ")

    def handle_starttag(self, tag, attrs):
        self._boundary()
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._boundary()
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        if any(element.tag in _HIDDEN_TEXT for element in self._open):
            return
        self._text.append(data)
        for element in self._open:
            element.parts.append(data)

    @property
    def text(self) -> str:
        return _squeeze("".join(self._text))

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """Elements of ``tag`` whose attributes have these values (``data_testid`` for ``data-testid``)."""
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in wanted.items())]

    def by_testid(self, name: str) -> list[Element]:
        return [e for e in self.elements if e.attrs.get("data-testid") == name]

    @property
    def links(self) -> list[tuple[str | None, str]]:
        return [(e.attrs.get("href"), e.text) for e in self.elements if e.tag == "a"]

    def assert_no_injected_markup(self) -> None:
        """No script of the page's own text and no element carrying an event handler: hostile
        text was written out as text."""
        for element in self.elements:
            assert not (element.tag == "script" and "src" not in element.attrs), "an inline script"
            assert not any(name.startswith("on") for name in element.attrs), f"an event handler on <{element.tag}>"
            assert element.tag != "img" or element.attrs.get("src") != "x", "an injected image"
