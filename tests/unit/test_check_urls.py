"""The urls check: addresses must survive translation unchanged, both directions."""

from __future__ import annotations

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.urls import UrlsCheck
from transreview.model import Pair, Severity
from transreview.text.addresses import find_addresses

CHECK = UrlsCheck()




# (pair, side, start, text, suggestion)
FIRES = [
    pytest.param(
        en_zh("See https://example.com/report for details.", "详情见报告。"),
        "source", 4, "https://example.com/report", None,
        id="url-missing",
    ),
    pytest.param(
        en_zh("Write to info@example.org.", "请写信至info@exarnple.org。"),
        "target", 4, "info@exarnple.org", "info@example.org",
        id="email-changed",
    ),
    pytest.param(
        en_zh("Visit www.example.com today.", "今天访问ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ。"),
        "target", 4, "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "www.example.com",
        id="full-width-url",
    ),
    pytest.param(
        en_zh("Visit www.example.com today.", "今天访问www。example。com。"),
        "target", 4, "www。example。com", "www.example.com",
        id="ideographic-stops-in-url",
    ),
    pytest.param(
        en_zh("Follow @ClimateGroup on Twitter.", "在推特上关注我们。"),
        "source", 7, "@ClimateGroup", None,
        id="handle-missing",
    ),
    pytest.param(
        en_zh("Follow @ClimateGroup.", "关注@ClimateGrp。"),
        "target", 2, "@ClimateGrp", "@ClimateGroup",
        id="handle-changed",
    ),
    pytest.param(
        zh_en("请访问https://example.cn/a了解详情。", "Visit https://example.cn/b for details."),
        "target", 6, "https://example.cn/b", "https://example.cn/a",
        id="zh-en-url-changed",
    ),
    pytest.param(
        zh_en("請訪問www.example.com。", "Please visit the website."),
        "source", 3, "www.example.com", None,
        id="zh-en-traditional-url-missing",
    ),
    pytest.param(
        en_zh("Details: https://example.com/a.", "详情：https://example.com/b。"),
        "target", 3, "https://example.com/b", "https://example.com/a",
        id="trailing-full-stop-not-part-of-url",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "side", "start", "text", "suggestion"), FIRES)
def test_fires(pair: Pair, side: str, start: int, text: str, suggestion: str | None) -> None:
    (f,) = CHECK.run(pair)
    assert (f.side, f.start, f.end, f.text, f.suggestion) == (side, start, start + len(text), text, suggestion)
    assert f.severity is Severity.MAJOR
    assert f.category == "Accuracy/Mistranslation"
    assert pair.text(f.side)[f.start : f.end] == text


QUIET = [
    pytest.param(en_zh("See https://example.com/report.", "见https://example.com/report。"), id="unchanged"),
    pytest.param(en_zh("See WWW.Example.COM.", "见www.example.com。"), id="host-case"),
    pytest.param(en_zh("See https://example.com/.", "见https://example.com。"), id="trailing-slash"),
    pytest.param(en_zh("Mail INFO@Example.org.", "邮件info@example.org。"), id="email-case"),
    pytest.param(en_zh("Meet @ 9 tomorrow.", "明天9点见。"), id="at-sign-not-handle"),
    pytest.param(en_zh("Join #ClimateWeek now.", "立即加入气候周。"), id="hashtag-may-be-translated"),
    pytest.param(
        en_zh(
            "See https://en.wikipedia.org/wiki/Jincheng_(city).",
            "见https://en.wikipedia.org/wiki/Jincheng_(city)。",
        ),
        id="bracket-inside-url",
    ),
    pytest.param(en_zh("Visit our site.", "访问我们的网站www.example.cn。"), id="extra-target-url"),
    pytest.param(en_zh("Write to info@example.org.", "请写信至info@example.org。"), id="email-no-handle"),
    pytest.param(en_zh("See https://x.org/a.", ""), id="empty-target-is-omission"),
    pytest.param(zh_en("請訪問www.example.com。", "Please visit www.example.com."), id="zh-en-traditional-ok"),
    pytest.param(en_zh("He left.", "他走了。"), id="no-address"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(pair: Pair) -> None:
    assert CHECK.run(pair) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail a.b@x.cn, or @bob_1!", [("e-mail address", 5, 13), ("handle", 18, 24)]),
        ("(see http://x.org/p?q=1).", [("URL", 5, 23)]),
        ("访问https://x.org了解", [("URL", 2, 15)]),
        ("3.5 and 9:30 and U.S.", []),
    ],
)
def test_find_addresses(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert [(a.kind, a.start, a.end) for a in find_addresses(text)] == expected


@pytest.mark.parametrize(
    ("text", "maybe"),
    [("", False), ("mail me@x.org", True), ("WWW.EXAMPLE.ORG", True), ("wWw", True), ("ftp://x", True),
     ("ｗｗｗ。example。com", True), ("ＷＷＷ", False), ("w w w", False), ("http:/ /x", False), ("山西", False)],
)
def test_the_address_pre_test(text: str, maybe: bool) -> None:
    from transreview.text.addresses import may_have_address

    assert may_have_address(text) is maybe


def test_the_address_pre_test_is_the_lower_case_test_for_every_character() -> None:
    """One regex search (www in any case) answers as lower-casing the text and looking for
    "www" did, whatever character stands between the w's (Kelvin sign, dotted I, full-width W)."""
    from transreview.text.addresses import may_have_address

    def by_lower_case(text: str) -> bool:
        return "@" in text or "www" in text.lower() or "://" in text or "ｗ" in text

    differ = [cp for cp in range(0x110000) if may_have_address(t := f"w{chr(cp)}w") != by_lower_case(t)]
    assert differ == []
