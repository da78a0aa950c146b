"""Finding a claim's quote in its article's text: for the claim's context and the marked article.

A quote is looked for as written, then with any run of white space matching any other and
curly quotes matching straight ones, case-insensitively: editors paste quotes from web
pages whose spacing and typography differ from the stored text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from factcheck.figures.sentences import sentence_spans

_EQUIVALENT = {
    "'": "['‘’]",
    "‘": "['‘’]",
    "’": "['‘’]",
    '"': '["“”]',
    "“": '["“”]',
    "”": '["“”]',
    "-": "[-‐‑–—]",
    "–": "[-‐‑–—]",
    "—": "[-‐‑–—]",
}


def _pattern(quote: str) -> re.Pattern | None:
    words = quote.split()
    if not words:
        return None
    parts = ["".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in word) for word in words]
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def find_quote(text: str, quote: str, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of `quote` in `text` at or after `start`, or None."""
    exact = text.find(quote, start) if quote else -1
    if exact >= 0:
        return exact, exact + len(quote)
    pattern = _pattern(quote)
    match = pattern.search(text, start) if pattern else None
    return match.span() if match else None


@dataclass
class Context:
    """The sentence(s) around a quote, split so the template can mark the quote itself."""

    before: str
    quote: str
    after: str


def quote_context(text: str, quote: str) -> Context | None:
    """The sentence (or sentences) of `text` that hold `quote`; None if it is not there."""
    span = find_quote(text or "", quote)
    if span is None:
        return None
    start, end = span
    sentences = sentence_spans(text)
    first = min((s for s, e in sentences if e > start), default=start)
    last = max((e for s, e in sentences if s < end), default=end)
    first, last = min(first, start), max(last, end)
    return Context(before=text[first:start], quote=text[start:end], after=text[end:last])


@dataclass
class MarkedText:
    paragraphs: list[SafeString]
    unmarked: list  # claims whose quote is not in the text, in the order given


def _paragraph_html(text: str, marks: list[tuple[int, int, str]]) -> SafeString:
    out, position = [], 0
    for start, end, html in marks:
        out.append(escape(text[position:start]))
        out.append(html.format(escape(text[start:end])))
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - text escaped, marks built from escaped parts


def mark_claims(text: str, claims, mark_html) -> MarkedText:
    """The article's paragraphs with each claim's quote wrapped by `mark_html(claim)`.

    `mark_html(claim)` returns HTML with one `{}` where the (escaped) quote goes. Claims are
    placed in the given order; a quote is matched at its first place after those already
    marked could not be, and never overlapping another mark.
    """
    taken: list[tuple[int, int, str]] = []
    unmarked = []
    for claim in claims:
        span = _free_span(text, claim.quote, taken)
        if span is None:
            unmarked.append(claim)
        else:
            taken.append((span[0], span[1], mark_html(claim)))
    taken.sort()
    paragraphs = []
    for start, end in _paragraph_spans(text):
        inside = [(s - start, e - start, h) for s, e, h in taken if start <= s and e <= end]
        paragraphs.append(_paragraph_html(text[start:end], inside))
    return MarkedText(paragraphs=paragraphs, unmarked=unmarked)


def _free_span(text: str, quote: str, taken) -> tuple[int, int] | None:
    position = 0
    while (span := find_quote(text, quote, position)) is not None:
        crosses_paragraph = "\n" in text[span[0] : span[1]]
        if not crosses_paragraph and not any(s < span[1] and span[0] < e for s, e, _ in taken):
            return span
        position = span[0] + 1
    return None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs are separated by blank lines, or by single line breaks in plain text."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append(match.span())
    return spans
