"""Countries and capitals: the one the source names, not a look-alike, in the target.

The classic confusions are pairs of countries whose names look or sound alike in one of
the two languages: Austria 奥地利 and Australia 澳大利亚, Sweden 瑞典 and Switzerland 瑞士,
Slovakia 斯洛伐克 and Slovenia 斯洛文尼亚, Iran 伊朗 and Iraq 伊拉克, Niger and Nigeria.
The ``places`` check covers China's divisions; this one covers the rest of the world
(:mod:`transreview.text.world_places`: CLDR territory names, CC-CEDICT capitals).

Conservative by design, as a wrong place is a strong claim:

* only a place the source names and the target does not (under any of its names, as a
  plain substring: leniency is the safe side for a requirement) is looked at; a place
  absent from the target with nothing in its stead says nothing (paraphrase, omission);
* the target's stand-in must be of the same kind (a country for a country, a capital for
  a capital: "Washington said" as 美国政府表示 is metonymy, not an error) and named
  nowhere in the source;
* major, with the right name as the suggestion, only when the stand-in is a known
  look-alike of the missing place (:data:`CONFUSABLE`); otherwise minor and without a
  suggestion, and only when exactly one place is missing and exactly one stands in;
* English names count with their capitals as written (not "turkey" the bird, not
  "Austrian"), and names that are often something else in running text (Georgia, Jordan,
  Chad) are not listed at all.
"""

from __future__ import annotations

from typing import ClassVar

from transreview.checks.base import Check
from transreview.model import Finding, Pair, Severity, is_chinese
from transreview.text.analysis import PairAnalysis
from transreview.text.world_places import COUNTRY, Mention, World, load_world

#: Countries (ISO 3166-1 codes) whose names are mistaken for each other, in English or
#: in Chinese; a substitution within one of these pairs is a major finding.
CONFUSABLE: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("AT", "AU"),  # Austria 奥地利 / Australia 澳大利亚
        ("SE", "CH"),  # Sweden 瑞典 / Switzerland 瑞士
        ("SK", "SI"),  # Slovakia 斯洛伐克 / Slovenia 斯洛文尼亚
        ("IR", "IQ"),  # Iran 伊朗 / Iraq 伊拉克
        ("NE", "NG"),  # Niger 尼日尔 / Nigeria 尼日利亚
        ("GM", "ZM"),  # Gambia 冈比亚 / Zambia 赞比亚
        ("ML", "MW"),  # Mali 马里 / Malawi 马拉维
        ("MR", "MU"),  # Mauritania 毛里塔尼亚 / Mauritius 毛里求斯
        ("DM", "DO"),  # Dominica 多米尼克 / Dominican Republic 多米尼加
        ("GN", "GW"), ("GN", "GQ"), ("GN", "PG"), ("GW", "GQ"),  # the Guineas
        ("LV", "LT"),  # Latvia 拉脱维亚 / Lithuania 立陶宛
        ("CG", "CD"),  # the two Congos
        ("SD", "SS"),  # Sudan / South Sudan
        ("KP", "KR"),  # North / South Korea
        ("PY", "UY"),  # Paraguay 巴拉圭 / Uruguay 乌拉圭
        ("IS", "IE"),  # Iceland 冰岛 / Ireland 爱尔兰
        ("IN", "ID"),  # India 印度 / Indonesia 印度尼西亚
        ("AM", "AL"),  # Armenia 亚美尼亚 / Albania 阿尔巴尼亚
        ("LY", "LB"),  # Libya 利比亚 / Lebanon 黎巴嫩
        ("KZ", "KG"),  # Kazakhstan / Kyrgyzstan
        ("TM", "TJ"),  # Turkmenistan / Tajikistan
        ("MC", "MN"),  # Monaco 摩纳哥 / Mongolia 蒙古
    )
)  # fmt: skip

#: (missing place, target start, target end, stand-in place, confusable)
Raw = tuple[tuple[int, int, int, int, bool], ...]


def _confusable(world: World, a: int, b: int) -> bool:
    pa, pb = world.places[a], world.places[b]
    return pa.kind == pb.kind == COUNTRY and frozenset((pa.code, pb.code)) in CONFUSABLE


class WorldPlacesCheck(Check):
    """A country or capital of the source rendered as another one (Austria as 澳大利亚)."""

    name: ClassVar[str] = "world_places"
    version: ClassVar[int] = 1
    category: ClassVar[str] = "Terminology"
    severity: ClassVar[Severity] = Severity.MAJOR
    catches: ClassVar[str] = (
        "A country or capital named in the source rendered as another one: major for look-alikes "
        "(Austria/Australia 奥地利/澳大利亚, Sweden/Switzerland, Iran/Iraq), minor otherwise."
    )
    example: ClassVar[tuple[tuple[str, str], ...]] = (("Vienna is the capital of Austria.", "维也纳是澳大利亚的首都。"),)

    def measure(self, pair: Pair, analysis: PairAnalysis) -> Raw | None:
        """Source places missing from the target, each with the target's stand-ins."""
        if not pair.source or not pair.target:
            return None
        zh_src, zh_tgt = is_chinese(pair.src_lang), is_chinese(pair.tgt_lang)
        if zh_src == zh_tgt:
            return None
        world = load_world()
        src = world.chinese(analysis.simplified("source")) if zh_src else world.english(pair.source)
        if not src:
            return None
        tgt_text = analysis.simplified("target") if zh_tgt else pair.target
        tgt = world.chinese(tgt_text) if zh_tgt else world.english(tgt_text)
        in_source = {p for m in src for p in m.places}
        in_target = {p for m in tgt for p in m.places}
        folded = tgt_text.lower()

        def present(p: int) -> bool:
            """Named by a mention, or by any of its names where no other place's longer
            name holds it (尼日 of 尼日利亚 is not Niger)."""
            if p in in_target:
                return True
            others = [(m.start, m.end) for m in tgt if p not in m.places]
            for n in world.places[p].zh if zh_tgt else world.places[p].en:
                at = folded.find(n.lower())
                while at >= 0:
                    if not any(s <= at and at + len(n) <= e for s, e in others):
                        return True
                    at = folded.find(n.lower(), at + 1)
            return False

        missing: list[tuple[int, ...]] = []
        for m in src:
            if not any(present(p) for p in m.places) and m.places not in missing:
                missing.append(m.places)
        if not missing:
            return None
        stand_ins: list[Mention] = [m for m in tgt if not in_source & set(m.places)]
        out: list[tuple[int, int, int, int, bool]] = []
        for places in missing:
            for m in stand_ins:
                for p in places:
                    for q in m.places:
                        if world.places[p].kind == world.places[q].kind:
                            out.append((p, m.start, m.end, q, _confusable(world, p, q)))
        if len(missing) > 1:  # which stand-in replaces which place is known only for look-alikes
            out = [o for o in out if o[4]]
        return tuple(out) or None

    def judge(self, pair: Pair, raw: Raw | None) -> list[Finding]:
        if not raw:
            return []
        world = load_world()
        zh_tgt = is_chinese(pair.tgt_lang)
        confusable = [r for r in raw if r[4]]
        spans = {(s, e) for _, s, e, _, _ in raw}
        if not confusable and (len(spans) != 1 or len({r[0] for r in raw}) != 1):
            return []  # one missing place, one stand-in: anything else is guesswork
        findings: list[Finding] = []
        seen: set[tuple[int, int]] = set()
        for p, s, e, q, sure in confusable or raw:
            if (s, e) in seen:
                continue
            seen.add((s, e))
            want, got = world.places[p], world.places[q]
            right = want.zh[0] if zh_tgt else want.name
            shown = pair.target[s:e]
            if sure:
                msg = f"'{shown}' is {got.name} ({got.zh[0]}), but the source names {want.name} ({want.zh[0]})"
                findings.append(self.finding(pair, msg, start=s, end=e, suggestion=right))
            else:
                msg = (
                    f"the source names the {want.kind} {want.name} ({want.zh[0]}), which the target lacks; "
                    f"the target names {got.name} ({got.zh[0]}), which the source does not"
                )
                findings.append(self.finding(pair, msg, start=s, end=e, severity=Severity.MINOR))
        return findings
