"""Clustering thresholds and time constants, with what each was calibrated on."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT", "SEMANTIC", "ClusterConfig"]


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Every tuned number of the clustering, so that a run can say exactly what it used."""

    event_threshold: float = 0.25
    """Average-link cosine at or above which articles (or events) are one event. Calibrated on
    ECB+ topics 1-35 (sub-topic B-cubed F1), never on the test topics, NewsWCL50 or sochi."""

    storyline_threshold: float = 0.05
    """Average-link cosine at or above which events are one storyline. Calibrated on ECB+
    topics 1-35 (topic B-cubed F1)."""

    event_grace_days: float = 3.0
    """Dated articles this close count as simultaneous: one event is reported over a few days."""

    event_tau_days: float = 15.0
    """Beyond the grace, an event similarity decays as exp(-gap / tau): a follow-up two months
    later is a new event. On ECB+ topics 1-35 no decay scores event F1 0.878 and tau 15 0.863
    (some reports there carry wrong dates); the decay stays, since an event is a day's news."""

    storyline_grace_days: float = 30.0
    """A storyline runs for weeks: no decay within a month."""

    storyline_tau_days: float = 1000.0
    """Beyond the grace a storyline similarity decays slowly: a storyline spans months, and
    ECB+'s topics pair events years apart (tau 1000 scored topic F1 0.926 on topics 1-35, 365
    0.893, no decay 0.916)."""

    candidates: int = 24
    """Existing events compared with each new article: the ones sharing most of its top terms."""

    index_terms: int = 12
    """Top terms of each event and article that the candidate index uses."""

    centroid_terms: int = 300
    """Terms kept of an event's summed vector; the rest is too light to change a similarity."""

    semantic_weight: float = 0.0
    """Weight of sentence-embedding cosine against the lexical one (needs the ``[semantic]``
    extra); 0 leaves it off, so results do not depend on what is installed. :data:`SEMANTIC`
    sets 0.5: both halves equal, not tuned on anything."""


DEFAULT = ClusterConfig()
"""The one configuration used for every corpus."""

SEMANTIC = ClusterConfig(semantic_weight=0.5)
"""DEFAULT with sentence embeddings weighed equally with the lexical features."""
