"""The claim model: the language its quote is in (its own, else its article's, else English)."""

from factcheck.models import Claim


def test_a_claim_takes_its_articles_language_unless_it_has_its_own(chinese_claim):
    assert chinese_claim.language == ""
    assert chinese_claim.text_language == "zh-hans"
    chinese_claim.language = "en"
    assert chinese_claim.text_language == "en"
    assert Claim(quote="x").text_language == "en"  # no article: English
