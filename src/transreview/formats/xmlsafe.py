"""Safe XML for TMX and XLIFF: parsing untrusted files, inline text, atomic writes.

Translation memories arrive from strangers, so every parse here goes through one set of
lxml options: no entity substitution, no DTD loading, no network, libxml2's size limits
left on. On top of that, a document that *declares* entities in its internal subset is
refused outright (as defusedxml does): TMX and XLIFF never need them, and refusing means a
"billion laughs" or an external entity pointing at ``/etc/passwd`` can neither expand nor
leave unresolved entity nodes behind that other code might mishandle.

The inline-markup helpers are shared by both formats because TMX and XLIFF model a segment
the same way: text with embedded elements, some holding *native code* (``<ph>``, ``<bpt>``;
excluded from the text a reviewer sees) and some wrapping translatable text (``<g>``,
``<hi>``, ``<pc>``, ``<mrk>``; included). :func:`text_runs` is the single definition of
"the plain text of a segment", used for reading and for patching, so the two cannot drift.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Collection, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from transreview.atomic import atomic_write
from transreview.errors import InputError, TransreviewError, xml_parser_message
from transreview.model import is_chinese

#: The options every parser and iterparse in transreview uses for TMX/XLIFF.
SAFE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


# --------------------------------------------------------------------------- names


def local(tag: object) -> str:
    """The local name of an element tag (``{ns}seg`` → ``seg``); '' for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """The namespace URI of a tag, '' when it has none."""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def qname_for_humans(tag: str) -> str:
    """``{urn:x}file`` → ``file (namespace urn:x)`` for error messages."""
    ns = namespace(tag)
    return f"<{local(tag)}> (namespace {ns})" if ns else f"<{local(tag)}>"


def lang_base(tag: str) -> str:
    """``zh_CN`` / ``zh-Hans`` / ``ZH`` → ``zh``."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def lang_matches(tag: str | None, want: str) -> bool:
    """Whether the language tag ``tag`` is the language ``want``, by base language.

    ``en-US`` and ``EN-GB`` are ``en``; ``zh-CN``, ``zh-Hans``, ``zh_TW`` are ``zh``, and
    so are the ISO 639-2/3 spellings ``zho``/``chi``/``cmn`` (via :func:`is_chinese`).
    Scripts and regions are not told apart: a reviewer of "Chinese" wants both.
    """
    if not tag:
        return False
    if is_chinese(tag) and is_chinese(want):
        return True
    return lang_base(tag) == lang_base(want)


# --------------------------------------------------------------------------- parsing


def _one_line(message: str) -> str:
    """The first line of a libxml2 message: some (an unfinished CDATA section) go on to quote
    the rest of the file, and an error must stay one line on stderr."""
    lines = message.strip().splitlines()
    return lines[0].strip() if lines else "unknown error"


def _syntax_error(path: Path, err: etree.XMLSyntaxError, source_name: str) -> InputError:
    """The fatal libxml2 error of this file, located: iterparse's own message can be wrong.

    (For an undefined entity iterparse reports "no element found" at line 0, while the
    error log holds "Entity 'foo' not defined" at the right line.) The log is shared by
    parses in the thread, so only entries naming this file count, and the last one wins.
    """
    entries = [
        e
        for e in getattr(err, "error_log", ())
        if e.level >= etree.ErrorLevels.ERROR and e.filename == source_name
    ]
    if entries:
        last = entries[-1]
        return InputError(path, last.line or None, xml_parser_message(_one_line(last.message)))
    msg = _one_line(err.msg or str(err))
    # libxml2 appends ", line N, column M" to the message; the line is already in the prefix
    msg = msg.rsplit(", line ", 1)[0] if ", line " in msg else msg
    return InputError(path, err.lineno or None, xml_parser_message(msg))


def _entities_refused(path: Path, names: list[str]) -> InputError:
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    return InputError(
        path,
        1,
        f"the DOCTYPE declares entities ({shown}); entity declarations are refused "
        "in TMX/XLIFF because they can expand without bound or read local files",
    )


def refuse_entities(path: Path, element: etree._Element) -> None:
    """Raise if the document of ``element`` declares any entity in its internal subset."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    names = [e.name for e in dtd.iterentities()]
    if names:
        raise _entities_refused(path, names)


#: How much of a file's start :func:`refuse_entities_in_head` reads: a DOCTYPE comes first.
HEAD_BYTES = 65536
_DOCTYPE = re.compile(r"<!DOCTYPE\b")
_ENTITY_DECL = re.compile(r"<!ENTITY\s+(?:%\s*)?([^\s>\"']+)")
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
              (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def refuse_entities_in_head(path: Path, head: bytes) -> None:
    """Raise if the internal subset at the start of the file (``head``) declares entities.

    Runs before libxml2 sees the file. Newer libxml2 releases (lxml 6.2) stop a billion-laughs
    document themselves during parsing ("Maximum entity amplification factor exceeded"), before
    :func:`refuse_entities` gets to look at the parsed DOCTYPE, and that message says nothing of
    what the file did; the answer must not depend on the libxml2 version. ASCII markup reads the
    same in every ASCII-compatible encoding, so the head is decoded as Latin-1 unless a UTF-16/32
    byte-order mark says otherwise. Only the stretch from ``<!DOCTYPE`` to the end of its
    internal subset (``]>``) is searched. :func:`refuse_entities` stays the check after parsing,
    for a subset longer than the head.
    """
    encoding = next((enc for bom, enc in _WIDE_BOMS if head.startswith(bom)), "latin-1")
    text = head.decode(encoding, errors="replace")
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return
    end = text.find("]>", doctype.end())
    names = _ENTITY_DECL.findall(text, doctype.end(), end if end >= 0 else len(text))
    if names:
        raise _entities_refused(path, names)


def iterparse(path: Path, events: tuple[str, ...] = ("start", "end")) -> Generator[tuple[str, Any], None, None]:
    """``etree.iterparse`` with the safe options, errors as :class:`InputError`.

    The caller clears elements it has processed, so a large file is never held whole.
    Entity declarations are refused at the root's start, before any text is read.
    """
    path = Path(path)
    try:
        handle = open(path, "rb")  # closed in the finally below
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    wanted = set(events)
    try:
        if os.fstat(handle.fileno()).st_size == 0:
            raise InputError(path, None, "the file is empty")
        refuse_entities_in_head(path, handle.read(HEAD_BYTES))
        handle.seek(0)
        context = etree.iterparse(
            handle,
            events=tuple(sorted(wanted | {"start"})),
            remove_comments=True,
            remove_pis=True,
            **SAFE_OPTIONS,
        )
        first = True
        try:
            for event, element in context:
                if first:
                    first = False
                    refuse_entities(path, element)
                if event in wanted:
                    yield event, element
        except etree.XMLSyntaxError as e:
            raise _syntax_error(path, e, handle.name) from None
        except OSError as e:
            raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    finally:
        handle.close()


def parse(path: Path) -> etree._ElementTree:
    """The whole document, comments, PIs and CDATA sections kept (for patching in place)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, None, f"cannot read: {e.strerror or e}") from None
    return parse_bytes(data, path)


def parse_original(
    original: str | Path | bytes | bytearray, name: str | Path | None
) -> tuple[Path, etree._ElementTree]:
    """The document a patching writer starts from: a file, or the bytes a project kept
    (``name`` then names it in messages). Returns the name to report and the tree."""
    if isinstance(original, bytes | bytearray):
        where = Path(name or "<original>")
        return where, parse_bytes(bytes(original), where)
    where = Path(name or original)
    return where, parse(Path(original))


def parse_bytes(data: bytes, path: str | Path) -> etree._ElementTree:
    """:func:`parse` for bytes already in hand (a project keeps each document's original
    bytes); ``path`` only names the document in error messages."""
    path = Path(path)
    parser = etree.XMLParser(
        remove_comments=False,
        remove_pis=False,
        strip_cdata=False,
        remove_blank_text=False,
        **SAFE_OPTIONS,
    )
    if not data:
        raise InputError(path, None, "the file is empty")
    refuse_entities_in_head(path, data[:HEAD_BYTES])
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser, base_url=str(path)))
    except etree.XMLSyntaxError as e:
        raise _syntax_error(path, e, str(path)) from None
    refuse_entities(path, tree.getroot())
    return tree


def parse_fragment(
    xml: str, wrapper: str, nsmap: dict[str | None, str] | None = None
) -> etree._Element | None:
    """Parse inline XML kept in ``Pair.meta`` back into a ``wrapper`` element; None if broken."""
    ns_decl = "".join(
        f' xmlns="{uri}"' if prefix is None else f' xmlns:{prefix}="{uri}"'
        for prefix, uri in (nsmap or {}).items()
    )
    text = f"<{wrapper}{ns_decl}>{xml}</{wrapper}>"
    try:
        element = etree.fromstring(text.encode("utf-8"), etree.XMLParser(**SAFE_OPTIONS))
    except etree.XMLSyntaxError:
        return None
    if element.getroottree().docinfo.internalDTD is not None:
        return None
    return element


# --------------------------------------------------------------------------- inline text


@dataclass
class Run:
    """One piece of a segment's plain text and where it lives.

    ``attr`` is ``"text"`` or ``"tail"`` of ``node`` for an editable text slot, ``None`` for
    an atom that contributes text but cannot be edited in place (XLIFF 2 ``<cp/>``).
    """

    node: etree._Element
    attr: str | None
    text: str


def text_runs(
    elem: etree._Element, code_tags: Collection[str], path: str | Path = "<xml>"
) -> list[Run]:
    """The plain-text slots of a segment element, in reading order.

    Elements whose local name is in ``code_tags`` hold native code: their content is left
    out, except a ``<sub>`` inside them (a sub-flow of translatable text, e.g. an ``alt``).
    Every other element's text is included. Comments and PIs contribute only their tail.
    XLIFF 2 ``<cp hex="..."/>`` contributes the character it stands for.

    An entity reference left in the text raises :class:`InputError`: it can only be there
    when the document has an external DTD (never loaded), and dropping it would silently
    lose text.
    """
    runs: list[Run] = []
    _walk(elem, code_tags, runs, in_code=False, path=path)
    return runs


def _walk(
    elem: etree._Element, code: Collection[str], runs: list[Run], in_code: bool, path: str | Path
) -> None:
    if not in_code:
        runs.append(Run(elem, "text", elem.text or ""))
    for child in elem:
        name = local(child.tag)
        if child.tag is etree.Entity:
            raise InputError(
                path,
                child.sourceline or elem.sourceline,
                f"entity reference {child.text} cannot be resolved: external DTDs are never "
                "read; write the character itself or a numeric reference (&#...;)",
            )
        if not name:
            pass  # comment or processing instruction: its content is not text
        elif name == "cp" and not in_code and child.get("hex"):
            try:
                runs.append(Run(child, None, chr(int(child.get("hex", ""), 16))))
            except (ValueError, OverflowError):
                pass
        elif name in code:
            _walk(child, code, runs, True, path)
        elif in_code:
            _walk(child, code, runs, name != "sub", path)
        else:
            _walk(child, code, runs, False, path)
        if not in_code:
            runs.append(Run(child, "tail", child.tail or ""))


def plain_text(
    elem: etree._Element | None, code_tags: Collection[str], path: str | Path = "<xml>"
) -> str:
    """The text a reviewer reads in a segment: inline native code left out."""
    if elem is None:
        return ""
    return "".join(r.text for r in text_runs(elem, code_tags, path))


def inner_xml(elem: etree._Element | None) -> str | None:
    """The exact serialized content of an element (its text and children), without its tags.

    Serializing the element itself (not each child) keeps namespace declarations on the
    outer tag, so the children come out as written, without repeated ``xmlns=``.
    """
    if elem is None:
        return None
    raw = etree.tostring(elem, encoding="unicode", with_tail=False)
    if raw.endswith("/>") and raw.count("<") == 1:
        return ""
    # lxml escapes '>' in attribute values, so the first '>' closes the start tag
    start = raw.index(">") + 1
    end = raw.rindex("</")
    return raw[start:end]


def replace_text(
    elem: etree._Element, new: str, code_tags: Collection[str], path: str | Path = "<xml>"
) -> str:
    """Make the plain text of ``elem`` equal ``new``, keeping inline markup where possible.

    Returns ``"untouched"`` (text already equal: nothing changed, not even whitespace),
    ``"kept"`` (the change fell inside one text slot, so every inline element survives) or
    ``"flattened"`` (the change spans markup: the content becomes the plain new text).

    The change is located by the common prefix and suffix of old and new text, which is
    how a reviewer's fix usually looks (``陕西`` → ``山西`` in the middle of a sentence).
    """
    runs = text_runs(elem, code_tags, path)
    old = "".join(r.text for r in runs)
    if old == new:
        return "untouched"
    if len(elem) == 0:
        elem.text = new
        return "kept"
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    a, b = prefix, len(old) - suffix
    replacement = new[prefix : len(new) - suffix]
    pos = 0
    for run in runs:
        start, end = pos, pos + len(run.text)
        pos = end
        if run.attr is None or not (start <= a and b <= end):
            continue
        value = run.text[: a - start] + replacement + run.text[b - start :]
        setattr(run.node, run.attr, value or None)
        return "kept"
    for child in list(elem):
        elem.remove(child)  # lxml removes the tail with the element
    elem.text = new
    return "flattened"


# --------------------------------------------------------------------------- writing


def check_xml_chars(text: str, what: str) -> None:
    """Raise a clear error for characters XML 1.0 cannot hold (NUL, most C0 controls)."""
    for ch in text:
        o = ord(ch)
        if (o < 0x20 and ch not in "\t\n\r") or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF):
            raise TransreviewError(
                f"{what}: character U+{o:04X} cannot be written to XML 1.0; remove it first"
            )


def insert_after(
    parent: etree._Element, anchor: etree._Element | None, new: etree._Element
) -> None:
    """Insert ``new`` after ``anchor`` (or first when None), copying the indentation."""
    if anchor is None:
        new.tail = parent.text if parent.text and not parent.text.strip() else None
        parent.insert(0, new)
        return
    index = parent.index(anchor)
    parent.insert(index + 1, new)
    # new takes anchor's tail (what followed anchor); anchor gets its preceding indentation
    new.tail = anchor.tail
    previous = anchor.getprevious()
    before = previous.tail if previous is not None else parent.text
    if before is not None and not before.strip():
        anchor.tail = before
    elif anchor.tail is not None and not anchor.tail.strip():
        pass  # keep: no better indentation known
    else:
        anchor.tail = None


def insert_before(parent: etree._Element, anchor: etree._Element, new: etree._Element) -> None:
    """Insert ``new`` just before ``anchor``, indented like ``anchor``."""
    previous = anchor.getprevious()
    before = previous.tail if previous is not None else parent.text
    parent.insert(parent.index(anchor), new)
    new.tail = before if before is not None and not before.strip() else None


def remove_keeping_layout(elem: etree._Element) -> None:
    """Remove ``elem`` (and its tail) so the siblings around it keep their indentation.

    The whitespace before ``elem`` takes the value of ``elem``'s own tail: for the last
    child that is the closing tag's indentation, which would otherwise be lost.
    """
    parent = elem.getparent()
    if parent is None:
        raise ValueError("cannot remove the root element")
    tail = elem.tail
    previous = elem.getprevious()
    if tail is not None and not tail.strip():
        if previous is not None:
            if previous.tail is None or not previous.tail.strip():
                previous.tail = tail
        elif parent.text is None or not parent.text.strip():
            parent.text = tail
    parent.remove(elem)


#: An XML declaration at the very start of a UTF-8 file (after a byte-order mark, if any).
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml\s[^?>]*\?>")


def write_tree(tree: etree._ElementTree, path: Path, original: bytes | None = None) -> None:
    """Serialize a parsed document atomically, in its own encoding and with its DOCTYPE.

    With the ``original`` bytes of a UTF-8 file, its XML declaration (and byte-order mark)
    is written as it was (lxml would write ``<?xml version='1.0' encoding='UTF-8'?>`` with
    its own quotes), so an export that changes one target differs from the input in that
    target only."""
    info = tree.docinfo
    encoding = info.encoding or "UTF-8"
    kwargs: dict[str, Any] = {"encoding": encoding, "xml_declaration": True}
    if info.standalone:  # False also means "not declared": do not add standalone='no'
        kwargs["standalone"] = True
    declaration = _DECLARATION.match(original) if original is not None else None
    keep = declaration is not None and encoding.upper().replace("-", "") == "UTF8"
    try:
        if keep and declaration is not None:
            body = etree.tostring(tree, encoding=encoding, xml_declaration=False)
            data = declaration.group(0) + b"\n" + body
        else:
            data = etree.tostring(tree, **kwargs)
    except (ValueError, LookupError) as e:
        raise TransreviewError(f"{path}: cannot serialize: {e}") from None
    with atomic_write(path, "wb") as handle:
        handle.write(data)
        if not data.endswith(b"\n") and encoding.upper().replace("-", "") in ("UTF8", "ASCII"):
            handle.write(b"\n")


__all__ = [
    "SAFE_OPTIONS",
    "XML_LANG",
    "XML_NS",
    "Run",
    "check_xml_chars",
    "inner_xml",
    "insert_after",
    "insert_before",
    "iterparse",
    "lang_base",
    "lang_matches",
    "local",
    "namespace",
    "parse",
    "parse_bytes",
    "parse_fragment",
    "plain_text",
    "qname_for_humans",
    "refuse_entities",
    "remove_keeping_layout",
    "replace_text",
    "text_runs",
    "write_tree",
]
