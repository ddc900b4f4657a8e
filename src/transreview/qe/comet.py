"""The ``comet`` backend: neural quality estimation with COMET models and MetricX.

- CometKiwi (``Unbabel/wmt22-cometkiwi-da``, ``wmt23-cometkiwi-da-xl``): a segment score in
  [0, 1] from source and target alone.
- xCOMET (``Unbabel/XCOMET-XL``/``-XXL``) in QE mode (no reference): a score in [0, 1] and
  error spans with a severity and a confidence, in ``metadata.error_spans`` of
  ``predict()``'s output. Their offsets include the space before the span's first word
  (Unbabel/COMET issue 179): the spans are located again in the text
  (:func:`transreview.qe.findings.locate`), so every finding's offsets hold.
- MetricX-24 (``google/metricx-24-hybrid-*``, Apache-2.0) through ``transformers``: an mT5
  encoder-decoder whose first decoded position's logit for one vocabulary entry is the
  score, 0 (best) to 25 (worst), as google-research/metricx's ``MT5ForRegression`` reads it.
  QE input: ``source: … candidate: …``, without the final end-of-sequence token.

Nothing is downloaded unless asked: ``model`` is a local path (a COMET ``.ckpt``, a folder
holding ``checkpoints/model.ckpt``, a MetricX folder) or a hub name already in the local
cache; ``download=True`` (``--download``) lets the library fetch a hub name. The heavy
libraries (torch, ``unbabel-comet``, ``transformers``) are imported only when a backend is
built, and their absence is a clear error: install the ``qe-comet`` extra.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from transreview.qe.base import QEAnswer, QEBackend, QESegment, QESpan, QEUnavailable, clamp01

MAPPING_VERSION = "1"
EXTRA_HINT = "install the qe-comet extra: pip install 'transreview[qe-comet]'"
METRICX_TOKEN = 250089  # mT5's <extra_id_10>: the entry whose logit MetricX reads as its score
METRICX_MAX = 25.0


def require(module: str, backend: str = "comet") -> Any:
    """Import ``module`` or say which extra provides it (:class:`QEUnavailable`, exit 2)."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise QEUnavailable(f"the {backend} backend needs the Python package {module!r} ({e}); {EXTRA_HINT}") from None


def _get(obj: Any, key: str) -> Any:
    """``obj.key`` or ``obj[key]``: COMET's Prediction is a dict with attribute access, and
    recorded outputs are plain dicts."""
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def answers_from_comet(prediction: Any, count: int) -> list[QEAnswer]:
    """One answer per segment from a COMET ``predict()`` output.

    ``scores`` is a list of floats (0–1, higher better); xCOMET adds ``metadata.error_spans``,
    a list per segment of ``{"text", "start", "end", "severity", "confidence"}``. A missing
    or short list is a notice on the segments it leaves out, never an IndexError.
    """
    scores = list(_get(prediction, "scores") or [])
    metadata = _get(prediction, "metadata")
    error_spans = _get(metadata, "error_spans") if metadata is not None else None
    out: list[QEAnswer] = []
    for i in range(count):
        if i >= len(scores) or not isinstance(scores[i], int | float):
            out.append(QEAnswer(score=None, notice="the model returned no score for this segment"))
            continue
        native = float(scores[i])
        spans: list[QESpan] = []
        if error_spans is not None and i < len(error_spans):
            for s in error_spans[i] or ():
                if not isinstance(s, Mapping) or not str(s.get("text") or "").strip():
                    continue
                start, end = s.get("start"), s.get("end")
                spans.append(
                    QESpan(
                        text=str(s["text"]),
                        category="",  # xCOMET says how bad, not what kind
                        severity=str(s.get("severity") or "minor").lower(),
                        start=int(start) if isinstance(start, int | float) else None,
                        end=int(end) if isinstance(end, int | float) else None,
                        confidence=float(s["confidence"]) if isinstance(s.get("confidence"), int | float) else None,
                    )
                )
        out.append(QEAnswer(score=clamp01(native), native=native, spans=tuple(spans)))
    return out


def answers_from_metricx(values: Sequence[float]) -> list[QEAnswer]:
    """MetricX predictions (0 best … 25 worst, clipped as MetricX does) as answers."""
    out = []
    for v in values:
        native = min(METRICX_MAX, max(0.0, float(v)))
        out.append(QEAnswer(score=1.0 - native / METRICX_MAX, native=native))
    return out


def metricx_input(segment: QESegment) -> str:
    """MetricX-24's QE input for one segment (no reference)."""
    return f"source: {segment.source} candidate: {segment.target}"


def is_metricx(model: str) -> bool:
    return "metricx" in model.lower()


def comet_checkpoint(model: str, *, download: bool) -> str:
    """The checkpoint file to load for ``model`` (see the module's rule on downloads)."""
    path = Path(model).expanduser()
    if path.is_file():
        return str(path)
    if path.is_dir():
        ckpt = path / "checkpoints" / "model.ckpt"
        if ckpt.is_file():
            return str(ckpt)
        raise QEUnavailable(f"{model}: a folder without checkpoints/model.ckpt (not a COMET model folder)")
    comet = require("comet")
    try:
        return str(comet.download_model(model, local_files_only=not download))
    except QEUnavailable:
        raise
    except Exception as e:  # noqa: BLE001 (the hub client raises many kinds; all mean "not here")
        if download:
            raise QEUnavailable(f"could not download COMET model {model!r}: {type(e).__name__}: {e}") from None
        raise QEUnavailable(
            f"COMET model {model!r} is not on this machine: give its local path, or add --download "
            "to fetch it (CometKiwi and xCOMET are gated on Hugging Face: accept their licence "
            "and log in first)"
        ) from None


class CometBackend(QEBackend):
    """CometKiwi or xCOMET through ``unbabel-comet`` (segment scores; xCOMET's spans)."""

    name = "comet"
    version = MAPPING_VERSION

    def __init__(self, model: str, *, batch_size: int = 8, device: str = "cpu", download: bool = False) -> None:
        super().__init__(model)
        self.batch_size = batch_size
        self.device = device
        comet = require("comet")
        checkpoint = comet_checkpoint(model, download=download)
        try:
            self._model = comet.load_from_checkpoint(checkpoint)
        except Exception as e:  # noqa: BLE001 (a damaged or foreign checkpoint)
            raise QEUnavailable(f"{checkpoint}: not a loadable COMET model: {type(e).__name__}: {e}") from None

    def estimate(self, segments: Sequence[QESegment]) -> list[QEAnswer]:
        if not segments:
            return []
        data = [{"src": s.source, "mt": s.target} for s in segments]
        gpus = 1 if self.device == "cuda" or (self.device == "auto" and self._cuda()) else 0
        prediction = self._model.predict(data, batch_size=self.batch_size, gpus=gpus, progress_bar=False)
        return answers_from_comet(prediction, len(segments))


    @staticmethod
    def _cuda() -> bool:
        """Whether torch sees a GPU (``--device auto``)."""
        return bool(require("torch").cuda.is_available())


class MetricXBackend(QEBackend):
    """MetricX-24 (hybrid, QE input) through ``transformers`` and torch."""

    name = "comet"  # the same extra and option set; the model name tells them apart
    version = "metricx-" + MAPPING_VERSION

    def __init__(
        self,
        model: str,
        *,
        batch_size: int = 8,
        device: str = "cpu",
        download: bool = False,
        tokenizer: str | None = None,
        max_length: int = 1536,
    ) -> None:
        super().__init__(model)
        self.batch_size = batch_size
        self.max_length = max_length
        self._torch = require("torch")
        transformers = require("transformers")
        tok_name = tokenizer or _metricx_tokenizer(model)
        try:
            self._tok = transformers.AutoTokenizer.from_pretrained(tok_name, local_files_only=not download)
            self._model = transformers.MT5ForConditionalGeneration.from_pretrained(model, local_files_only=not download)
        except OSError as e:
            raise QEUnavailable(
                f"MetricX model {model!r} or tokenizer {tok_name!r} is not on this machine ({e}); "
                "give local paths (--model, --tokenizer) or add --download"
            ) from None
        self.device = "cuda" if device == "auto" and self._torch.cuda.is_available() else device
        if self.device == "auto":
            self.device = "cpu"
        self._model.to(self.device).eval()

    def estimate(self, segments: Sequence[QESegment]) -> list[QEAnswer]:
        torch = self._torch
        values: list[float] = []
        for i in range(0, len(segments), self.batch_size):
            batch = segments[i : i + self.batch_size]
            encoded = [
                self._tok(metricx_input(s), max_length=self.max_length, truncation=True)["input_ids"] for s in batch
            ]
            eos = self._tok.eos_token_id
            encoded = [ids[:-1] if ids and ids[-1] == eos else ids for ids in encoded]
            padded = self._tok.pad({"input_ids": encoded}, return_tensors="pt")
            with torch.no_grad():
                out = self._model(
                    input_ids=padded["input_ids"].to(self.device),
                    attention_mask=padded["attention_mask"].to(self.device),
                    decoder_input_ids=torch.zeros((len(batch), 1), dtype=torch.long, device=self.device),
                )
            values.extend(float(v) for v in out.logits[:, 0, METRICX_TOKEN].tolist())
        return answers_from_metricx(values)


def _metricx_tokenizer(model: str) -> str:
    """MetricX-24 models use the mT5 tokenizer of their size (its model card)."""
    low = model.lower()
    for size in ("xxl", "xl", "large"):
        if f"-{size}" in low:
            return f"google/mt5-{size}"
    return "google/mt5-xl"


def make(model: str, **options: Any) -> QEBackend:
    """The registry's constructor: MetricX for a model whose name says so, else COMET."""
    if is_metricx(model):
        return MetricXBackend(model, **options)
    options.pop("tokenizer", None)
    return CometBackend(model, **options)
