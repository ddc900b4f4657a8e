"""Every key binding of the review UI, with a stable id, and the TOML file that remaps them.

Why ids: Textual's keymap (``App.set_keymap``) replaces the keys of any binding that carries
an ``id``, so a reviewer on a French keyboard or used to vim can move keys without touching
the code. The ids are part of the user's configuration, so they never change meaning.

The config file (``transreview review --config keys.toml``)::

    [bindings]
    approve = "A"              # one key
    next_pair = "j,down"       # several keys, comma-separated

An unknown id or a value that is not a string is an error (not a warning): a typo must not
silently leave a reviewer with the default key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType

from transreview.errors import UsageError


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One binding: its id, default keys (Textual key names, comma-separated), action, label."""

    id: str
    keys: str
    action: str
    description: str
    scope: str  # "app" (main screen), "mark" (while marking a span), "dialog" (any dialog)
    show: bool = True


APP_KEYS: tuple[KeySpec, ...] = (
    KeySpec("help", "question_mark,f1", "help", "help", "app"),
    KeySpec("quit", "q", "quit", "quit", "app"),
    KeySpec("next_pair", "j", "move(1)", "next pair", "app", show=False),
    KeySpec("prev_pair", "k", "move(-1)", "previous pair", "app", show=False),
    KeySpec("next_unreviewed", "n", "jump('unreviewed')", "next unreviewed", "app", show=False),
    KeySpec("next_risky", "R", "next_risky", "next unreviewed at risk ≥ X (asks X)", "app", show=False),
    KeySpec("next_flagged", "N", "jump('flagged')", "next flagged", "app", show=False),
    KeySpec("next_finding", "right_square_bracket", "finding(1)", "next finding", "app", show=False),
    KeySpec("prev_finding", "left_square_bracket", "finding(-1)", "previous finding", "app", show=False),
    KeySpec("confirm", "c", "confirm", "confirm", "app"),
    KeySpec("dismiss", "d", "dismiss_finding", "dismiss", "app"),
    KeySpec("reopen", "r", "reopen", "reopen finding", "app", show=False),
    KeySpec("apply", "s", "apply_suggestion", "apply fix", "app"),
    KeySpec("fix_all", "S", "fix_all", "fix all like this (preview)", "app", show=False),
    KeySpec("undo_fix_all", "U", "undo_fix_all", "undo the last fix-all", "app", show=False),
    KeySpec("edit", "e", "edit", "edit", "app"),
    KeySpec("undo", "u", "undo", "undo correction", "app", show=False),
    KeySpec("history", "h", "history", "diff and history", "app", show=False),
    KeySpec("approve", "a", "approve", "approve", "app"),
    KeySpec("flag", "exclamation_mark", "flag", "flag / unflag", "app", show=False),
    KeySpec("mark", "m", "mark", "mark span", "app"),
    KeySpec("quick_mode", "t", "quick_mode", "quick mode (ESA)", "app", show=False),
    KeySpec("score", "p", "score", "pair score 0-100", "app", show=False),
    KeySpec("order", "o", "order", "order position/risk", "app", show=False),
    KeySpec("filter", "f", "filter", "filter", "app", show=False),
    KeySpec("search", "slash", "search", "search text (bar)", "app", show=False),
    KeySpec("clear_filter", "F", "clear_filter", "clear filters", "app", show=False),
)

MARK_KEYS: tuple[KeySpec, ...] = (
    KeySpec("mark_left", "left", "mark_cursor(-1)", "cursor left by character", "mark", show=False),
    KeySpec("mark_right", "right", "mark_cursor(1)", "cursor right by character", "mark", show=False),
    KeySpec("mark_extend_left", "shift+left", "mark_extend(-1)", "extend selection left", "mark", show=False),
    KeySpec("mark_extend_right", "shift+right", "mark_extend(1)", "extend selection right", "mark", show=False),
    KeySpec("mark_word_next", "w", "mark_word(1)", "cursor to next word", "mark", show=False),
    KeySpec("mark_word_prev", "b", "mark_word(-1)", "cursor to previous word", "mark", show=False),
    KeySpec("mark_extend_word_next", "W", "mark_extend_word(1)", "extend by a word right", "mark", show=False),
    KeySpec("mark_extend_word_prev", "B", "mark_extend_word(-1)", "extend by a word left", "mark", show=False),
    KeySpec("mark_search", "slash", "mark_search", "search the text: select the next match", "mark"),
    # Always live (outside marking tab moves the focus), so kept out of the footer: the
    # marking hint bar names it.
    KeySpec("mark_side", "tab", "mark_switch_side", "switch source / target (else: focus)", "mark", show=False),
    KeySpec("mark_finding", "enter", "mark_finish", "MQM finding for the selection", "mark"),
    KeySpec("mark_quick_minor", "1", "mark_quick('minor')", "quick span: minor", "mark"),
    KeySpec("mark_quick_major", "2", "mark_quick('major')", "quick span: major", "mark"),
    KeySpec("mark_cancel", "escape", "mark_cancel", "stop marking", "mark"),
)

DIALOG_KEYS: tuple[KeySpec, ...] = (
    KeySpec("dialog_save", "ctrl+s", "save", "save / apply the dialog (search in the search bar)", "dialog"),
    KeySpec("dialog_cancel", "escape", "cancel", "close the dialog (or the search bar) without saving", "dialog"),
)

#: The correction editor's own key: deleting an inline code is an explicit act.
EDIT_KEYS: tuple[KeySpec, ...] = (
    KeySpec("edit_delete_code", "ctrl+t", "delete_code", "delete the inline code at the cursor", "dialog"),
)

ALL_KEYS: tuple[KeySpec, ...] = APP_KEYS + MARK_KEYS + DIALOG_KEYS + EDIT_KEYS
_BY_ID = {k.id: k for k in ALL_KEYS}

Keymap = dict[str, str]


def textual_bindings(specs: tuple[KeySpec, ...], *, priority: bool = False) -> list[BindingType]:
    """Textual ``Binding`` objects for ``specs``, each carrying its id for the keymap.

    Typed as Textual's ``BindingType`` list because that is what a ``BINDINGS`` class
    variable is declared as (a mutable list, so ``list[Binding]`` would not fit it).
    """
    return [
        Binding(s.keys, s.action, s.description, show=s.show, id=s.id, priority=priority)
        for s in specs
    ]


def load_keymap(path: str | Path | None) -> Keymap:
    """Read the ``[bindings]`` table of a TOML file: ``{binding id: keys}``.

    ``None`` gives the empty keymap (the defaults). Raises :class:`UsageError` for a file
    that cannot be read or parsed, an unknown id, or a value that is not a non-empty string.
    """
    if path is None:
        return {}
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise UsageError(f"{p}: cannot read the key bindings file ({e.strerror or e})") from None
    except (ValueError, UnicodeDecodeError) as e:  # TOMLDecodeError, or an integer past Python's digit limit
        raise UsageError(f"{p}: not a valid TOML file ({str(e)[:200]})") from None
    unknown_tables = sorted(set(data) - {"bindings"})
    if unknown_tables:
        raise UsageError(f"{p}: unknown table [{unknown_tables[0]}]; key bindings go under [bindings]")
    table = data.get("bindings", {})
    if not isinstance(table, dict):
        raise UsageError(f"{p}: [bindings] must be a table of id = \"keys\"")
    keymap: Keymap = {}
    for binding_id, keys in table.items():
        if binding_id not in _BY_ID:
            raise UsageError(
                f"{p}: unknown binding id {binding_id!r}; known ids: {', '.join(sorted(_BY_ID))}"
            )
        if not isinstance(keys, str) or not keys.strip():
            raise UsageError(f"{p}: binding {binding_id!r} needs a key string such as \"x\" or \"x,ctrl+x\"")
        keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap


def effective_keys(spec: KeySpec, keymap: Keymap) -> str:
    """The keys a binding answers to once ``keymap`` is applied."""
    return keymap.get(spec.id, spec.keys)


def display_keys(keys: str) -> str:
    """Textual key names as a person types them: ``question_mark,f1`` → ``? / F1``."""
    from textual.keys import format_key

    return " / ".join(format_key(k.strip()) for k in keys.split(","))
