"""Bead alignment of two sequences (paragraphs or sentences): lengths plus anchors.

Modules: :mod:`.beads` (the dynamic programme and its length model), :mod:`.anchors`
(the tokens that survive translation), :mod:`.sentences` (aligning the sentences of a
pair).

A Gale–Church dynamic programme (Gale & Church 1993): each bead (1-1, 2-1, 1-2, 1-0,
0-1) costs the negative log of its prior plus, when it has both sides, the improbability
of its length ratio. Lengths alone cannot tell which of two short paragraphs a translation
belongs to, so the cost is sharpened by *anchors*: tokens that survive translation
unchanged or through a fixed mapping (numbers, Latin acronyms, known place names, a few
punctuation marks). An anchor shared by the two sides of a bead lowers its cost; an
anchor on one side only raises it. Anchors are weighted by rarity, and only anchors seen
on both sides somewhere in the input count at all: "MOU" never appears in a Chinese text
that writes 谅解备忘录, so it is no evidence against any bead.

Cost per bead (nats)::

    -log P(kind) + [-log P(|δ|) for two-sided beads] + Σ one-sided w(a) - Σ shared w(a)

where δ is Gale–Church's normalised length difference with the expected ratio estimated
from the data (re-estimated from the two-sided beads of a first pass). One-sided beads
pay only their prior: an untranslated paragraph's length says nothing about it.
"""
