"""world_places: a country or capital of the source rendered as another one.

Expected names checked by hand against CLDR's Chinese territory names (奥地利 Austria,
澳大利亚 Australia, 瑞典 Sweden, 瑞士 Switzerland, 斯洛伐克 Slovakia, 斯洛文尼亚 Slovenia,
伊朗 Iran, 伊拉克 Iraq, 尼日尔 Niger, 尼日利亚 Nigeria, 挪威 Norway).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from tests.helpers.pairmaker import en_zh, zh_en
from transreview.checks.world_places import WorldPlacesCheck
from transreview.model import Pair, Severity
from transreview.text.world_places import load_world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def check() -> WorldPlacesCheck:
    return WorldPlacesCheck()


# (pair, target text spanned, suggestion, severity)
FIRES = [
    pytest.param(en_zh("Vienna is the capital of Austria.", "维也纳是澳大利亚的首都。"), "澳大利亚", "奥地利",
                 Severity.MAJOR, id="austria-as-australia"),
    pytest.param(en_zh("She moved to Sweden.", "她搬到了瑞士。"), "瑞士", "瑞典", Severity.MAJOR, id="sweden-as-switzerland"),
    pytest.param(en_zh("Bratislava is in Slovakia.", "布拉迪斯拉发位于斯洛文尼亚。"), "斯洛文尼亚", "斯洛伐克",
                 Severity.MAJOR, id="slovakia-as-slovenia"),
    pytest.param(en_zh("Oil from Iran.", "来自伊拉克的石油。"), "伊拉克", "伊朗", Severity.MAJOR, id="iran-as-iraq"),
    pytest.param(en_zh("Niamey is in Niger.", "尼亚美位于尼日利亚。"), "尼日利亚", "尼日尔", Severity.MAJOR,
                 id="niger-as-nigeria"),
    pytest.param(en_zh("Austria's capital", "澳大利亞的首都"), "澳大利亞", "奥地利", Severity.MAJOR,
                 id="possessive-traditional-target"),
    pytest.param(en_zh("Trade between Austria and Germany.", "澳大利亚和德国之间的贸易。"), "澳大利亚", "奥地利",
                 Severity.MAJOR, id="among-other-countries"),
    pytest.param(zh_en("她搬到了奥地利。", "She moved to Australia."), "Australia", "Austria", Severity.MAJOR,
                 id="zh-en"),
    pytest.param(en_zh("He lives in Norway.", "他住在瑞典。"), "瑞典", None, Severity.MINOR,
                 id="other-country-not-a-look-alike-minor"),
    pytest.param(en_zh("Flights to Paris.", "飞往伦敦的航班。"), "伦敦", None, Severity.MINOR, id="other-capital-minor"),
]  # fmt: skip


@pytest.mark.parametrize(("pair", "text", "suggestion", "severity"), FIRES)
def test_fires(check: WorldPlacesCheck, pair: Pair, text: str, suggestion: str | None, severity: Severity) -> None:
    (f,) = check.run(pair)
    assert (f.side, f.text, f.suggestion, f.severity) == ("target", text, suggestion, severity)
    assert pair.target[f.start : f.end] == text


QUIET = [
    pytest.param(en_zh("She moved to Sweden.", "她搬到了瑞典。"), id="correct"),
    pytest.param(en_zh("Austrian wine is good.", "澳大利亚葡萄酒很好。"), id="adjective-is-not-a-mention"),
    pytest.param(en_zh("Roast the turkey.", "烤火鸡。"), id="lowercase-turkey-the-bird"),
    pytest.param(en_zh("Turkey is a country.", "火鸡是一种鸟。"), id="turkey-without-another-country"),
    pytest.param(en_zh("Iran and Iraq are neighbours.", "伊朗和伊拉克是邻国。"), id="both-named"),
    pytest.param(en_zh("He lives in New Mexico.", "他住在新墨西哥州，靠近墨西哥。"), id="new-mexico-is-not-mexico"),
    pytest.param(en_zh("He lives in Georgia.", "他住在美国佐治亚州。"), id="georgia-is-ambiguous"),
    pytest.param(en_zh("Washington said no.", "美国政府表示不。"), id="capital-as-metonymy"),
    pytest.param(en_zh("Australia is large.", "澳洲很大。"), id="chinese-alias"),
    pytest.param(en_zh("Visit Turkey!", "访问土耳其！"), id="turkey-alias-of-turkiye"),
    pytest.param(en_zh("Kiev", "基辅"), id="capital-alias"),
    pytest.param(en_zh("Equatorial Guinea and Guinea-Bissau", "赤道几内亚和几内亚比绍"), id="longest-names"),
    pytest.param(en_zh("Set en-US as the locale.", "将区域设置为 en-US，而非英国英语。"), id="locale-code"),
    pytest.param(en_zh("Move to Norway and Denmark.", "移居瑞典和芬兰。"), id="two-missing-no-guess"),
    pytest.param(en_zh("He lives in Norway.", "他住在奥斯陆。"), id="country-as-its-capital"),
    pytest.param(zh_en("她搬到了奥地利。", "She moved to Austria."), id="zh-en-correct"),
]


@pytest.mark.parametrize("pair", QUIET)
def test_quiet(check: WorldPlacesCheck, pair: Pair) -> None:
    assert check.run(pair) == []


def test_data_is_generated_and_licensed() -> None:
    world = load_world()
    by_name = {(p.kind, p.name): p for p in world.places}
    assert by_name[("country", "Austria")].zh[0] == "奥地利"
    assert by_name[("country", "Australia")].zh[0] == "澳大利亚"
    assert by_name[("capital", "Stockholm")].zh[0] == "斯德哥尔摩"
    assert not any(p.code in {"CN", "HK", "MO", "TW"} for p in world.places)  # the places check's
    folder = files("transreview") / "data" / "gazetteer"
    assert "UNICODE LICENSE" in (folder / "LICENSE.unicode").read_text(encoding="utf-8")


# Real Tatoeba pairs (cmn.txt via manythings.org, CC BY 2.0 FR), as translated and with a
# planted substitution: another capital or country is minor and carries no suggestion.
TATOEBA = [
    ("I lived in Rome.", "我住在羅馬。", "我住在巴黎。", "巴黎"),
    ("Japan is in Asia.", "日本在亚洲。", "韩国在亚洲。", "韩国"),
    ("I arrived in London.", "我到達倫敦了。", "我到達柏林了。", "柏林"),
]


@pytest.mark.parametrize(("source", "real", "planted", "stand_in"), TATOEBA)
def test_real_tatoeba_pairs(check: WorldPlacesCheck, source: str, real: str, planted: str, stand_in: str) -> None:
    assert check.run(en_zh(source, real)) == []
    (f,) = check.run(en_zh(source, planted))
    assert (f.text, f.severity, f.suggestion) == (stand_in, Severity.MINOR, None)


# --- the scanners as tries answer as the plain ways they replaced ----------------------


def _english_alternation(world, rx, text: str) -> list:
    """The replaced way: every name in one alternation, longest first (``rx``)."""
    from transreview.text.world_places import Mention

    return [Mention(m.start(), m.end(), tuple(world.en_index[m.group()]))
            for m in rx.finditer(text) if world.en_index[m.group()]]  # fmt: skip


def _chinese_char_by_char(world, by_first: dict[str, list[str]], simple: str) -> list:
    """The replaced way: at each character, the names that begin with it, longest first."""
    from transreview.text.world_places import Mention

    found, i = [], 0
    while i < len(simple):
        name = next((t for t in by_first.get(simple[i], ()) if simple.startswith(t, i)), None)
        if name is None:
            i += 1
            continue
        if world.zh_index[name]:
            found.append(Mention(i, i + len(name), tuple(world.zh_index[name])))
        i += len(name)
    return found


def _world_texts(world) -> tuple[list[str], list[str]]:
    import random

    from transreview.text.chinese import to_simplified

    lines: list[str] = []
    for path in sorted((ROOT / "corpora").glob("*.txt")) + sorted(p for p in (ROOT / "tests" / "data").rglob("*") if p.is_file()):
        try:
            lines.extend(path.read_text(encoding="utf-8").splitlines())
        except (UnicodeDecodeError, OSError):
            continue
    rng = random.Random(5)
    en_names, zh_names = sorted(world.en_index), sorted(world.zh_index)
    glue = [" ", "-", "", "n ", ", ", "'s ", "x", "澳", "利亚", "的"]
    en = lines + [" ".join(rng.choice(en_names) + rng.choice(glue) for _ in range(6)) for _ in range(3000)]
    zh = [to_simplified(t) for t in lines]
    zh += ["".join(rng.choice(zh_names)[: rng.randint(1, 6)] + rng.choice(glue) for _ in range(6)) for _ in range(3000)]
    return en, zh


def test_world_scanners_find_what_the_plain_ways_found() -> None:
    import re

    from transreview.text.world_places import load_world

    world = load_world()
    en, zh = _world_texts(world)
    names = sorted(world.en_index, key=len, reverse=True)
    rx = re.compile(r"(?<![\w\-])(?=[^\W\d_a-z])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])(?!-\w)")
    by_first: dict[str, list[str]] = {}
    for n in sorted(world.zh_index, key=len, reverse=True):
        by_first.setdefault(n[0], []).append(n)
    found = 0
    for text in en:
        got = world.english(text)
        assert got == _english_alternation(world, rx, text), text
        found += len(got)
    for text in zh:
        got = world.chinese(text)
        assert got == _chinese_char_by_char(world, by_first, text), text
        found += len(got)
    assert found > 10_000
