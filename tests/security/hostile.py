"""What an attacker (or a careless paste) puts in every text field, and how to spot it rendered.

Each payload carries the marker "xss" so a page that ran or rendered it as markup is caught
by `find_injections`, which reads the page as a browser would (an HTML parser), not by
string search alone. `tests.factories.hostile_desk` stores them in every field of a claim.
"""

from html.parser import HTMLParser

RTL = "\u202e\u200f"  # right-to-left override and mark: they flip how text reads
SCRIPT = '<script>alert("xss")</script>'
ATTRIBUTE = '"><img src=x onerror=alert("xss")>'
SCRIPT_CLOSE = '</script><script>alert("xss")</script>'
SVG = "<svg/onload=alert('xss')>"
JS_URL = "javascript:alert('xss')"
DATA_URL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4="
TEMPLATE = "{{ request.META }}{% debug %}"
PAYLOADS = [SCRIPT, ATTRIBUTE, SCRIPT_CLOSE, SVG, JS_URL, DATA_URL, TEMPLATE, RTL + "xss"]
ALL = " ".join(PAYLOADS)
LONG = ("xss " + SCRIPT) * 4000  # ~130 kB in one field
BAD_URLS = [JS_URL, DATA_URL, " javascript:alert('xss')", "vbscript:msgbox('xss')", "ftp://x/xss"]


LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
SAFE_LINK_STARTS = ("http://", "https://", "/", "#", "?", "mailto:")


class InjectionFinder(HTMLParser):
    """Elements a payload would have created, handlers it added, and unsafe link targets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script_type: str | None = None  # of the inline <script> being read

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed") or (tag == "img" and ("src", "x") in attrs):
            self.found.append(f"injected <{tag} {attrs}>")
        if tag == "script" and not dict(attrs).get("src"):
            self._script_type = dict(attrs).get("type") or "text/javascript"
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.found.append(f"handler <{tag} {name}={value!r}>")
            if name in LINK_ATTRIBUTES and value and not value.lower().startswith(SAFE_LINK_STARTS):
                self.found.append(f"link <{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None

    def handle_data(self, data):
        # JSON-LD is data, never run; that it cannot be broken out of is tested on its own.
        runs = self._script_type not in (None, "application/ld+json")
        if runs and "xss" in data:
            self.found.append(f"script runs {data[:80]!r}")


def find_injections(html: str) -> list[str]:
    finder = InjectionFinder()
    finder.feed(html)
    return finder.found


def assert_escaped(html: str):
    """The page shows the payloads as text (escaped) and never as markup or a live link."""
    assert find_injections(html) == []
    assert "&lt;script&gt;alert(" in html or "\\u003Cscript\\u003E" in html
    assert "&lt;/script&gt;" in html or "\\u003C/script\\u003E" in html
