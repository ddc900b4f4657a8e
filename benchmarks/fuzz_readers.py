"""Fuzz the input readers: mutated and random bytes in, only TransreviewError may come out.

    python benchmarks/fuzz_readers.py --seconds 300 [--seed 1] [--crashes DIR]

Each input is a valid seed file of one format (TSV, CSV, JSONL, TMX, XLIFF 1.2 and 2.0,
a ``.txt`` page, a Moses pair) put through a few random mutations (bit flips, bytes that
matter to the format, inserted XML/encoding fragments, deleted, duplicated or truncated
ranges), or plain random bytes. It is read in full through ``plan_inputs``/``read_doc``,
exactly as ``transreview check`` reads. A :class:`TransreviewError` is a clean refusal;
any other exception is a crash: it is printed once per (format, exception type, place)
and, with ``--crashes``, the input is saved there. The figures at the end (inputs tried,
refused, accepted, crashes) go into the issue note. Exit code 1 when anything crashed.

The same seeds and mutations drive the bounded CI run in ``tests/hostile/test_fuzz_readers.py``
(through hypothesis); this command is the long run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from transreview.errors import TransreviewError
from transreview.formats import plan_inputs, read_doc

SEEDS: dict[str, bytes] = {
    "tsv": (
        "id\tsource\ttarget\treference\tnote\n"
        "p1\tJincheng is in Shanxi.\t晋城在陕西。\t晋城在山西。\tn\n"
        'p2\t"a ""quoted""\ttab"\t"多行\n文本"\t\t\n'
        "p3\t😀 𠀀 \u200b\u202e\t太原太原\u2028\t\tx\n"
    ).encode(),
    "csv": ('id,source,target\n1,"Hello, world",你好，世界\n2,"two\nlines",两行\n').encode(),
    "jsonl": (
        '{"id": "a", "source": "Jincheng is in Shanxi.", "target": "晋城在陕西。", "x": [1]}\n'
        '{"source": "t\\u2028ab\\ttab", "target": "\\ud840\\udc00 😀", "reference": null}\n'
    ).encode(),
    "tmx": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">'
        '<header srclang="en" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" '
        'creationtool="t" creationtoolversion="1"/><body>\n'
        '<tu tuid="1"><prop type="x">y</prop><note>n</note>'
        '<tuv xml:lang="en-US"><seg>Jincheng <bpt i="1">&lt;b&gt;</bpt>is<ept i="1">&lt;/b&gt;</ept>'
        ' in <hi>Shanxi</hi>.</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>晋城在<ph>&lt;br/&gt;</ph><![CDATA[陕西]]>。</seg></tuv></tu>\n'
        '<tu><tuv lang="en"><seg>Taiyuan</seg></tuv></tu>\n</body></tmx>\n'
    ).encode(),
    "xlf": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="zh-CN" datatype="plaintext" original="o"><body>\n'
        '<group id="g"><trans-unit id="1"><source>Jincheng <g id="1">is <x id="2"/>in '
        '<![CDATA[Shanxi]]></g>.</source><target state="translated">晋城<g id="1">在陕西</g>。'
        '</target><note>n</note></trans-unit></group>\n'
        '<trans-unit id="2"><source>Taiyuan</source></trans-unit>\n</body></file></xliff>\n'
    ).encode(),
    "xliff": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh">'
        '<file id="f"><unit id="u1"><notes><note>n</note></notes><segment id="s1" state="translated">'
        '<source><pc id="1">Jincheng <ph id="2"/>is in</pc> Shanxi.</source>'
        '<target><pc id="1">晋城<cp hex="4E00"/>在</pc>陕西。</target></segment>'
        '<segment id="s2"><source>Taiyuan</source></segment></unit></file></xliff>\n'
    ).encode(),
    "txt": (
        "Jincheng is a city in Shanxi province.\n\n晋城是陕西省的一个城市。\n\n"
        "Taiyuan is the capital.\n\n太原是省会。\n\nAn English paragraph alone.\n"
    ).encode(),
    "moses": "Jincheng is in Shanxi.\nTaiyuan\n\n😀\u2028𠀀\n".encode()
    + b"\x00MOSES\x00"
    + "晋城在陕西。\n太原\n空\n表情\n".encode(),
}
#: The file ending each seed is read as (the Moses seed is split into NAME.en / NAME.zh).
ENDINGS = {"tsv": ".tsv", "csv": ".csv", "jsonl": ".jsonl", "tmx": ".tmx", "xlf": ".xlf",
           "xliff": ".xliff", "txt": ".txt"}

#: Bytes and fragments that matter to some reader: markup, entities, quoting, encodings.
TOKENS: tuple[bytes, ...] = (
    b"\x00", b"\xff", b"\xfe", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe4\xbd", b"\xe4\xbd\xa0",
    b"\xf0\x9f\x98", b"\x80", b"\r", b"\n", b"\r\n", b"\t", b",", b'"', b"'", b"\\",
    b"<", b">", b"&", b"&amp;", b"&#0;", b"&#x1F600;", b"&#xD800;", b"&lol;", b"]]>",
    b"<![CDATA[", b"<!--", b"-->", b"<?pi x?>", b'<!DOCTYPE x [<!ENTITY lol "lol">]>',
    b'<!DOCTYPE x SYSTEM "file:///etc/passwd">', b'<!ENTITY e SYSTEM "http://127.0.0.1:9/">',
    b'xml:lang="zh"', b'xml:lang=""', b"<tu>", b"</tu>", b"<tuv>", b"<seg>", b"</seg>",
    b"<trans-unit>", b"<source>", b"<target/>", b"<unit id='x'>", b"<segment>", b"<g>",
    b"<sub>", b'<cp hex="0"/>', b'<cp hex="ZZ"/>', b'xmlns="urn:x"', b"{", b"}", b"[", b"]",
    b'"source"', b'"target"', b'"id"', b"null", b"1e999", b"\\ud800", b"\\u0000",
    "\u2028".encode(), "\u0085".encode(), "山西".encode("gb18030"), "陕西".encode("utf-16-le"),
)


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """``data`` after 1-4 random mutations (or ``rounds``)."""
    buf = bytearray(data)
    for _ in range(rounds if rounds is not None else rng.randint(1, 4)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:  # flip a bit
            i = min(pos, len(buf) - 1)
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and buf:  # overwrite with a token
            tok = rng.choice(TOKENS)
            buf[pos : pos + len(tok)] = tok
        elif op == 2:  # insert a token
            buf[pos:pos] = rng.choice(TOKENS)
        elif op == 3 and buf:  # delete a range
            buf[pos : pos + rng.randint(1, 32)] = b""
        elif op == 4 and buf:  # duplicate a range
            end = min(len(buf), pos + rng.randint(1, 64))
            buf[pos:pos] = buf[pos:end]
        elif op == 5:  # truncate
            del buf[pos:]
        else:  # a random byte
            buf[pos:pos] = bytes([rng.randrange(256)])
    return bytes(buf)


@dataclass(frozen=True)
class Outcome:
    """``refused`` (a TransreviewError), ``read`` (pairs came out) or ``crash`` (anything else)."""

    kind: str
    detail: str = ""
    pairs: int = 0


def read_bytes_as(fmt: str, data: bytes, directory: Path) -> Outcome:
    """Write ``data`` as a ``fmt`` input in ``directory`` and read every pair of it."""
    if fmt == "moses":
        en, _, zh = data.partition(b"\x00MOSES\x00")
        paths = [directory / "in.en", directory / "in.zh"]
        paths[0].write_bytes(en)
        paths[1].write_bytes(zh)
    else:
        paths = [directory / f"in{ENDINGS[fmt]}"]
        paths[0].write_bytes(data)
    try:
        (doc,) = plan_inputs(paths)
        n = 0
        for pair in read_doc(doc):
            assert isinstance(pair.source, str) and isinstance(pair.target, str)
            n += 1
        return Outcome("read", pairs=n)
    except TransreviewError as e:
        text = str(e)
        if "\n" in text or not text.strip():
            return Outcome("crash", f"error message is not one line: {text!r}")
        return Outcome("refused", text)
    except Exception as e:  # noqa: BLE001 - a crash is what we are looking for
        tb = traceback.extract_tb(e.__traceback__)[-1]
        where = f"{Path(tb.filename).name}:{tb.lineno}"
        return Outcome("crash", f"{type(e).__name__} at {where}: {e}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="how long to run")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    ap.add_argument("--crashes", type=Path, default=None, help="save crashing inputs here")
    ap.add_argument("--random-share", type=float, default=0.1,
                    help="share of inputs that are plain random bytes instead of mutations")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    per_format: Counter[tuple[str, str]] = Counter()
    crashes: dict[str, tuple[str, bytes]] = {}
    deadline = time.monotonic() + args.seconds
    slowest = (0.0, "")
    formats = list(SEEDS)
    with tempfile.TemporaryDirectory(prefix="fuzz-readers-") as tmp:
        directory = Path(tmp)
        while time.monotonic() < deadline:
            fmt = rng.choice(formats)
            if rng.random() < args.random_share:
                data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 512)))
                if fmt == "moses":
                    data += b"\x00MOSES\x00" + bytes(rng.randrange(256) for _ in range(64))
            else:
                data = mutate(SEEDS[fmt], rng)
            t0 = time.monotonic()
            out = read_bytes_as(fmt, data, directory)
            took = time.monotonic() - t0
            if took > slowest[0]:
                slowest = (took, fmt)
            counts[out.kind] += 1
            per_format[(fmt, out.kind)] += 1
            if out.kind == "crash":
                key = f"{fmt}: {out.detail.split(': ', 1)[0]}"  # format, type and place
                if key not in crashes:
                    crashes[key] = (out.detail, data)
                    print(f"CRASH {fmt}: {out.detail}", file=sys.stderr)
                    if args.crashes is not None:
                        args.crashes.mkdir(parents=True, exist_ok=True)
                        (args.crashes / f"crash-{len(crashes)}-{fmt}.bin").write_bytes(data)
    total = sum(counts.values())
    print(f"seed {seed}: {total:,} inputs in {args.seconds:g} s "
          f"({total / max(args.seconds, 1e-9):,.0f}/s); refused {counts['refused']:,}, "
          f"read {counts['read']:,}, crashes {counts['crash']:,} ({len(crashes)} distinct); "
          f"slowest input {slowest[0] * 1000:.0f} ms ({slowest[1]})")
    for fmt in formats:
        row = ", ".join(f"{k} {per_format[(fmt, k)]:,}" for k in ("refused", "read", "crash"))
        print(f"  {fmt:6} {row}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
