"""The Textual review UI (``transreview review``). Only this package and cli.py import textual.

Textual paces screen updates by ``TEXTUAL_FPS`` (read once, when textual is first imported,
which for ``transreview review`` is just below). At its default of 60 a key that moves to
another pair is drawn at once, and then Textual lays the screen out again for the pair
view's new height and repaints the scroll bars: two more frames, each waiting for the next
1/60 s tick, which change no cell on the screen but hold the terminal busy until ~50 ms
after the key (measured in tmux, ``benchmarks/bench_tui_tmux.py``). At 240 those follow-up
frames come within ~10 ms. The cap only limits how often a frame may be drawn: an idle
screen draws nothing, and a key still costs the same frames. A value the user set wins.
"""

import os

os.environ.setdefault("TEXTUAL_FPS", "240")
