"""Keeping exported CSV cells from running as spreadsheet formulas (CSV injection).

A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab, CR or
LF) as a formula, so a quote such as `=HYPERLINK("http://evil", "click")` typed into the desk
would run on an editor's machine when they open an export. Every export path (admin,
`export_claims`, the public `/claims.csv`) passes each cell through `neutralise`, which puts a
leading `'` in front: spreadsheets show the text and drop the apostrophe. Plain numbers
(`-12.5`) are left alone so that they stay numbers.

Import passes each cell through `unneutralise`, which removes exactly that prefix again. To make
the round trip exact for text that itself starts with apostrophes (`'=x` typed by an editor),
`neutralise` adds one apostrophe to any cell whose apostrophe-stripped core is dangerous, and
`unneutralise` removes one from such a cell: `unneutralise(neutralise(s)) == s` for every `s`.
"""

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
PREFIX = "'"
_FIRST_CHARS = frozenset(TRIGGERS) | {PREFIX}  # a cell starting otherwise is safe as it is

# A number a spreadsheet would read as a number, signs and exponents included, in ASCII
# digits. The one definition of a plain number: the COPY export's SQL uses this pattern, and
# an import reads a value cell it matches as a number without the figure grammar.
PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _is_dangerous(core: str) -> bool:
    """True when a spreadsheet would run `core` as a formula."""
    return core.startswith(TRIGGERS) and not PLAIN_NUMBER.fullmatch(core)


def neutralise(cell: str) -> str:
    """`cell` made safe to open in a spreadsheet; reversed exactly by `unneutralise`."""
    if cell and cell[0] in _FIRST_CHARS and _is_dangerous(cell.lstrip(PREFIX)):
        return PREFIX + cell
    return cell


def unneutralise(cell: str) -> str:
    """The text `neutralise` was given: drops the one `'` it added, and nothing else."""
    if cell.startswith(PREFIX) and _is_dangerous(cell.lstrip(PREFIX)):
        return cell[1:]
    return cell
