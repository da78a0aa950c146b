"""Builds the POST data of the claim admin form, inline sources included."""


def claim_post(
    *,
    quote="OpenAI's valuation reached $157 billion",
    value="$157 billion",
    unit="",
    sources=(),
    seen_version=None,
    initial_sources=0,
    **extra,
):
    data = {
        "quote": quote,
        "metric": "valuation",
        "value": value,
        "unit": unit,
        "qualifier": "exact",
        "as_of": "2024-10-02",
        "period": "",
        "note": "",
        "corrected_value": "",
        "article": "",
        "company": "",
        "sources-TOTAL_FORMS": str(len(sources)),
        "sources-INITIAL_FORMS": str(initial_sources),
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if seen_version is not None:
        data["seen_version"] = str(seen_version)
    for i, source in enumerate(sources):
        row = {
            "url": "",
            "kind": "press_release",
            "stance": "supports",
            "title": "",
            "publisher": "",
            "excerpt": "",
            "published_on": "",
            "accessed_on": "",
            "archive_url": "",
            **source,
        }
        for key, value_ in row.items():
            data[f"sources-{i}-{key}"] = value_
    data.update(extra)
    return data
