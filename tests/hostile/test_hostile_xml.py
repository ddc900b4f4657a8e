"""Hostile TMX and XLIFF: entity bombs, external entities and DTDs, broken and odd files.

Every case runs the real CLI. Secrets are files of our own holding a marker string: if
any of it reaches stdout, stderr or a report, an external reference was read.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.cli import assert_refused, assert_spans, check, report_of

SECRET = "SECRET-MARKER-7f3a9c"
PASSWD_MARK = "root:x:0:0"
#: For cases about reading only: a quick check instead of loading every check's data.
FAST = ("--checks", "urls")

TMX_HEAD = '<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="t" creationtoolversion="1"/><body>'
TMX_TU = '<tu><tuv xml:lang="en"><seg>{src}</seg></tuv><tuv xml:lang="zh"><seg>{tgt}</seg></tuv></tu>'
TMX_TAIL = "</body></tmx>"
XLF_HEAD = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file source-language="en" target-language="zh" datatype="plaintext" original="x"><body>'
)
XLF_TU = '<trans-unit id="1"><source>{src}</source><target>{tgt}</target></trans-unit>'
XLF_TAIL = "</body></file></xliff>"


def tmx(doctype: str, src: str = "Hello", tgt: str = "你好") -> str:
    return f'<?xml version="1.0"?>\n{doctype}\n{TMX_HEAD}{TMX_TU.format(src=src, tgt=tgt)}{TMX_TAIL}\n'


def xlf(doctype: str, src: str = "Hello", tgt: str = "你好") -> str:
    return f'<?xml version="1.0"?>\n{doctype}\n{XLF_HEAD}{XLF_TU.format(src=src, tgt=tgt)}{XLF_TAIL}\n'


def write(work: Path, name: str, text: str) -> str:
    (work / name).write_text(text, encoding="utf-8")
    return name


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text(f"{SECRET}\n", encoding="utf-8")
    return p


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).requests.append(self.path)
        body = f'<!ENTITY leak "{SECRET}">'.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request (none may arrive)."""
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.requests
    finally:
        httpd.shutdown()
        httpd.server_close()


LAUGHS = """<!DOCTYPE {root} [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


@pytest.mark.parametrize("kind", ["tmx", "xlf"])
def test_billion_laughs_is_refused_before_expanding(work: Path, kind: str) -> None:
    make = tmx if kind == "tmx" else xlf
    root = "tmx" if kind == "tmx" else "xliff"
    name = write(work, f"laughs.{kind}", make(LAUGHS.format(root=root), src="&lol9;"))
    run = check(name, cwd=work, timeout=30)
    msg = assert_refused(run, name, line=1, problem=["declares entities", "lol"], cwd=work)
    assert "lollol" not in msg


@pytest.mark.parametrize("kind", ["tmx", "xlf"])
def test_external_entity_to_a_local_file_is_never_read(work: Path, secret: Path, kind: str) -> None:
    make = tmx if kind == "tmx" else xlf
    root = "tmx" if kind == "tmx" else "xliff"
    doctype = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    name = write(work, f"xxe.{kind}", make(doctype, src="&xxe;"))
    run = check(name, cwd=work)
    assert_refused(run, name, line=1, problem=["declares entities", "xxe"], cwd=work)
    assert SECRET not in run.everything


def test_external_entity_to_etc_passwd_is_never_read(work: Path) -> None:
    doctype = '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    name = write(work, "passwd.tmx", tmx(doctype, tgt="&xxe;"))
    run = check(name, cwd=work)
    assert_refused(run, name, line=1, problem=["declares entities"], cwd=work)
    assert PASSWD_MARK not in run.everything


def test_parameter_entity_is_never_read(work: Path, secret: Path) -> None:
    doctype = f'<!DOCTYPE xliff [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>'
    name = write(work, "param.xlf", xlf(doctype))
    run = check(name, cwd=work)
    assert_refused(run, name, line=1, problem=["declares entities"], cwd=work)
    assert SECRET not in run.everything


def test_external_dtd_is_not_loaded_and_its_entities_stay_unresolved(
    work: Path, tmp_path: Path
) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "{SECRET}">', encoding="utf-8")
    name = write(work, "dtd.tmx", tmx(f'<!DOCTYPE tmx SYSTEM "file://{dtd}">', src="Hi &leak;"))
    run = check(name, cwd=work)
    # the entity reference sits in the <seg> on line 3
    assert_refused(run, name, line=3, problem=["&leak;", "cannot be resolved"], cwd=work)
    assert SECRET not in run.everything


def test_external_dtd_pointing_at_etc_passwd_is_ignored(work: Path) -> None:
    name = write(work, "passwd-dtd.xlf", xlf('<!DOCTYPE xliff SYSTEM "/etc/passwd">'))
    run = check(name, cwd=work, extra=FAST)
    report = report_of(run, work)
    assert [(p["source"], p["target"]) for p in report["pairs"]] == [("Hello", "你好")]
    assert PASSWD_MARK not in run.everything + (work / "report.json").read_text("utf-8")


def test_dtd_and_entities_on_a_url_are_never_fetched(work: Path, server) -> None:
    url, requests = server
    # a DOCTYPE with only an external subset parses (nothing loaded) ...
    ok = write(work, "url-dtd.xlf", xlf(f'<!DOCTYPE xliff SYSTEM "{url}/evil.dtd">'))
    report = report_of(check(ok, cwd=work, extra=FAST), work)
    assert [p["target"] for p in report["pairs"]] == ["你好"]
    # ... an external entity on a URL is refused, and neither touched the server
    doctype = f'<!DOCTYPE tmx [<!ENTITY net SYSTEM "{url}/entity">]>'
    bad = write(work, "url-entity.tmx", tmx(doctype, src="&net;"))
    assert_refused(check(bad, cwd=work, out="bad.json"), bad, line=1,
                   problem=["declares entities"], cwd=work, absent=["bad.json"])
    assert requests == []


def test_xinclude_is_not_processed(work: Path, secret: Path) -> None:
    src = f'Hello <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" parse="text"/>'
    name = write(work, "xinclude.xlf", xlf("", src=src))
    report = report_of(check(name, cwd=work, extra=FAST), work)
    # the unprocessed element is kept as one inline code (a private-use token), not read
    assert [p["source"] for p in report["pairs"]] == ["Hello \ue000"]
    assert SECRET not in (work / "report.json").read_text("utf-8")


@pytest.mark.parametrize(
    ("name", "text", "line", "problem"),
    [
        # a closing tag that does not match: the mismatch is on line 3
        ("mismatch.xlf",
         f'<?xml version="1.0"?>\n{XLF_HEAD}\n<trans-unit id="1"><source>Hi</target></trans-unit>{XLF_TAIL}',
         3, ["not well-formed", "mismatch"]),
        # cut off in the middle of a segment
        ("truncated.tmx", f'<?xml version="1.0"?>\n{TMX_HEAD}\n<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="zh"><seg>你',
         3, ["not well-formed", "premature end"]),
        # cut off right after the declaration: libxml2 names the line where the root is missing
        ("decl-only.xlf", '<?xml version="1.0" encoding="UTF-8"?>\n', 2, ["not well-formed"]),
        # not XML at all
        ("plain.tmx", "Jincheng is in Shanxi.\t晋城在陕西。\n", 1, ["not well-formed"]),
        # an unescaped ampersand
        ("amp.tmx", tmx("", src="Fish & chips"), 3, ["not well-formed"]),
        # a control character XML 1.0 forbids, as a character reference
        ("ctl.xlf", xlf("", src="bell &#7; here"), 3, ["not well-formed"]),
        # two roots
        ("two-roots.xlf", xlf("") + "<xliff/>\n", 4, ["not well-formed"]),
    ],
)
def test_malformed_xml_names_the_line(
    work: Path, name: str, text: str, line: int, problem: list[str]
) -> None:
    write(work, name, text)
    assert_refused(check(name, cwd=work), name, line=line, problem=problem, cwd=work)


def test_an_unfinished_cdata_section_gives_one_line(work: Path) -> None:
    # libxml2's message quotes the rest of the file, newlines and all (found by fuzzing)
    text = xlf("", src="<![CDATA[Shanxi") + "\nmore\nlines\n"
    name = write(work, "cdata.xlf", text)
    # libxml2 locates it where the file ends (line 7), not where the section opened (line 3)
    msg = assert_refused(check(name, cwd=work), name, line=7, problem=["not well-formed XML"], cwd=work)
    # the wording is libxml2's own and changes with the libxml2 that lxml bundles: lxml 5.0
    # (the declared floor) says "Premature end of data in tag source line 3"
    assert "CData section not finished" in msg or "Premature end of data" in msg, msg


def test_binary_garbage_with_an_xml_ending(work: Path) -> None:
    (work / "garbage.xlf").write_bytes(bytes(range(1, 256)) * 4)
    run = check("garbage.xlf", cwd=work)
    assert run.returncode == 2 and len(run.stderr.splitlines()) == 1
    assert run.stderr.startswith("transreview: garbage.xlf")
    assert "Traceback" not in run.stderr and not (work / "report.json").exists()


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("wrong-ns.xlf", xlf("").replace("urn:oasis:names:tc:xliff:document:1.2", "urn:example:wrong"),
         ["unknown xliff version", "urn:example:wrong"]),
        ("ns-tmx.tmx", tmx("").replace('<tmx version="1.4">', '<tmx version="1.4" xmlns="urn:example:tmx">'),
         ["not a tmx file", "urn:example:tmx"]),
        ("html.xlf", '<?xml version="1.0"?>\n\n<html><body>hi</body></html>\n', ["not an xliff file", "<html>"]),
        ("xliff-as.tmx", xlf(""), ["not a tmx file", "<xliff>"]),
        ("v-mismatch.xlf", xlf("").replace('version="1.2"', 'version="2.0"'), ["1.x namespace", "2.0"]),
        ("tmx-v2.tmx", tmx("").replace('version="1.4"', 'version="2.0"'), ["unsupported tmx version"]),
    ],
)
def test_wrong_root_or_namespace_names_the_root(
    work: Path, name: str, text: str, problem: list[str]
) -> None:
    write(work, name, text)
    # the root element starts on line 3 (declaration, empty DOCTYPE line, root)
    assert_refused(check(name, cwd=work), name, line=3, problem=problem, cwd=work)


def test_tmx_with_no_chinese_variant_at_all(work: Path) -> None:
    body = (
        '<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>'
        '<tu><tuv xml:lang="en-GB"><seg>Bye</seg></tuv><tuv xml:lang="de"><seg>Tschüss</seg></tuv></tu>'
    )
    name = write(work, "nozh.tmx", f'<?xml version="1.0"?>\n{TMX_HEAD}\n{body}{TMX_TAIL}\n')
    msg = assert_refused(check(name, cwd=work), name, line=None,
                         problem=["target language 'zh'", "fr", "de"], cwd=work)
    assert "en-GB" in msg


def test_tmx_with_a_chinese_variant_only_in_some_units(work: Path) -> None:
    body = (
        '<tu tuid="a"><tuv xml:lang="en"><seg>Jincheng is in Shanxi.</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>晋城在陕西。</seg></tuv></tu>\n'
        '<tu tuid="b"><tuv xml:lang="en"><seg>Taiyuan</seg></tuv><tuv xml:lang="fr"><seg>Taïyuan</seg></tuv></tu>'
    )
    name = write(work, "somezh.tmx", f'<?xml version="1.0"?>\n{TMX_HEAD}\n{body}{TMX_TAIL}\n')
    report = report_of(check(name, cwd=work), work)
    assert [(p["id"], p["target"]) for p in report["pairs"]] == [("a", "晋城在陕西。"), ("b", "")]
    places = [f for f in report["pairs"][0]["findings"] if f["check"] == "places"]
    assert [(f["start"], f["end"], f["text"]) for f in places] == [(3, 5, "陕西")]
    assert report["pairs"][1]["findings"], "an untranslated unit must be flagged"


def _untokened(text: str) -> str:
    """The text without inline-code tokens (private-use characters; none in these strings)."""
    return "".join(ch for ch in text if not "\ue000" <= ch <= "\uf8ff")


def test_xliff12_nested_inline_tags_and_cdata(work: Path) -> None:
    src = ('<g id="1">Jincheng <g id="2">is <x id="3"/>in <![CDATA[<Shanxi>]]></g></g>'
           '<bpt id="4"><![CDATA[<b>]]></bpt> now<ept id="4">&lt;/b&gt;</ept>.')
    tgt = ('<g id="1">晋城<g id="2">在<x id="3"/><![CDATA[<陕西>]]></g></g>'
           '<bpt id="4"><![CDATA[<b>]]></bpt>现在<ept id="4">&lt;/b&gt;</ept>。')
    name = write(work, "nested.xlf", xlf("", src=src, tgt=tgt))
    report = report_of(check(name, cwd=work), work)
    (pair,) = report["pairs"]
    # codes (<x/>, <bpt>, <ept>, both ends of each <g>) are one token each; CDATA is text
    assert _untokened(pair["source"]) == "Jincheng is in <Shanxi> now."
    assert _untokened(pair["target"]) == "晋城在<陕西>现在。"
    assert len(pair["target"]) - len("晋城在<陕西>现在。") == 7
    places = [f for f in pair["findings"] if f["check"] == "places"]
    at = pair["target"].index("陕西")
    assert [(f["start"], f["end"], f["text"]) for f in places] == [(at, at + 2, "陕西")]
    assert assert_spans(report) >= 1


def test_xliff2_nested_inline_tags_and_cdata(work: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh">'
        '<file id="f"><unit id="u1"><originalData><data id="d1">&lt;br/&gt;</data></originalData>'
        '<segment><source><pc id="1">Jincheng <pc id="2">is in<ph id="3" dataRef="d1"/> '
        '<![CDATA[Shanxi & co]]></pc></pc>.</source>'
        '<target><pc id="1">晋城<pc id="2">在<ph id="3" dataRef="d1"/><![CDATA[陕西&]]></pc></pc>。</target>'
        '</segment></unit></file></xliff>\n'
    )
    name = write(work, "nested2.xlf", text)
    report = report_of(check(name, cwd=work), work)
    (pair,) = report["pairs"]
    assert _untokened(pair["source"]) == "Jincheng is in Shanxi & co."
    assert _untokened(pair["target"]) == "晋城在陕西&。"
    places = [f for f in pair["findings"] if f["check"] == "places"]
    at = pair["target"].index("陕西")
    assert [(f["start"], f["end"], f["text"]) for f in places] == [(at, at + 2, "陕西")]
    assert_spans(report)


@pytest.mark.parametrize("name", ["empty.tmx", "empty.xlf"])
def test_empty_xml_file(work: Path, name: str) -> None:
    (work / name).write_bytes(b"")
    assert_refused(check(name, cwd=work), name, line=None, problem=["empty"], cwd=work)


def test_xml_with_no_units(work: Path) -> None:
    name = write(work, "nounits.xlf", f'<?xml version="1.0"?>\n{XLF_HEAD}{XLF_TAIL}\n')
    assert_refused(check(name, cwd=work), name, line=None, problem=["no <trans-unit>"], cwd=work)
