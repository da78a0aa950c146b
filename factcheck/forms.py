"""The public site's one form: a reader's report of an error in a published fact-check.

Posted to `/claims/<id>/report/` (views/reports.py, which says how abuse is handled) and
shown at the foot of every claim page (templatetags/reader.py). NUL bytes, control
characters, over-long text and non-http(s) URLs are form errors, never a 500.
"""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from factcheck.models import ReaderReport
from factcheck.models.reports import MESSAGE_MAX, URL_MAX, http_url

HONEYPOT = "website"
# Controls other than tab, line feed and carriage return have no place in a message.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _clean_text(text: str, what: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):  # controls, lone surrogates
            raise forms.ValidationError(
                gettext(
                    "The %(field)s contains a character that cannot be stored (U+%(code)s). "
                    "Remove it and send again."
                )
                % {"field": what, "code": f"{ord(char):04X}"}
            )
    return text


class HttpURLField(forms.URLField):
    """A URL field that takes http(s) only, and says so (one message, not two)."""

    default_validators = [http_url]


class ReportForm(forms.ModelForm):
    """What a reader may send: what is wrong, a source, an address to answer to."""

    message = forms.CharField(
        label=_("What is wrong?"),
        max_length=MESSAGE_MAX,
        min_length=10,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MESSAGE_MAX}),
        help_text=_("Say which figure or statement is wrong and why. Required."),
        error_messages={
            "required": _("Say what is wrong: this is the one field the desk needs."),
            "min_length": _(
                "Say a little more (at least %(limit_value)d characters) so the desk can check it."
            ),
            "max_length": _(
                "Keep it under %(limit_value)d characters (this has "
                "%(show_value)d). A link to a longer text can go in the source field."
            ),
        },
    )
    source_url = HttpURLField(
        label=_("A source that shows it (optional)"),
        required=False,
        max_length=URL_MAX,
        assume_scheme="https",
        error_messages={"invalid": _("Enter an http:// or https:// URL.")},
        help_text=_("An http:// or https:// link to a filing, release or report."),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an e-mail address like name@example.org, or leave it empty.")
        },
        help_text=_("Only if you would like an answer. Never published."),
    )
    # A honeypot: hidden from people and from assistive technology; bots fill in every box.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = ReaderReport
        fields = ["message", "source_url", "email"]

    def clean_message(self):
        return _clean_text(self.cleaned_data["message"], gettext("message"))

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())
