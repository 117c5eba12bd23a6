"""Clustering thresholds and time constants, with what each was calibrated on."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT", "SEMANTIC", "ClusterConfig"]


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Every tuned number of the clustering, so that a run can say exactly what it used."""

    event_threshold: float = 0.25
    """Average-link cosine at or above which articles are one event. Calibrated on ECB+ topics
    1-35 (sub-topic B-cubed F1 0.860 at 0.20, 0.879 at 0.25, 0.835 at 0.30), never on the test
    topics, NewsWCL50 or sochi."""

    storyline_threshold: float = 0.04
    """Average-link cosine (numbers left out) at or above which events are one storyline.
    Calibrated on ECB+ topics 1-35 (topic B-cubed F1 0.913 at 0.035, 0.927 at 0.04, 0.911 at
    0.045, 0.895 at 0.05: a few topics whose two events share little vocabulary decide it)."""

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

    candidates: int = 10
    """Clusters looked at for each new article (or changed event): the ones sharing most of its
    top terms near its dates."""

    candidate_floor: float = 0.5
    """A looked-at cluster joins the re-clustered neighbourhood when its average-link similarity
    with the probe reaches this share of the threshold: less similar ones cannot merge with it."""

    index_terms: int = 12
    """Top terms of each event and article that the candidate index uses."""

    bucket_days: int = 32
    """Width of the time buckets of the event index: a dated article looks only at the buckets
    within the event horizon of its date."""

    expand_articles: int = 64
    """An event with at most this many articles is opened up and re-clustered from its articles
    when a new article comes near it; a larger one takes part whole (its early merges are
    settled by then, and opening it would cost more than it could change)."""

    expand_events: int = 48
    """The same for a storyline and its events."""

    compare_terms: int = 1000
    """Terms of a large cluster's sum used when comparing it: beyond them the weights are too
    light to move a similarity, and a storyline's sum can hold tens of thousands."""

    sum_terms: int = 2000
    """Terms kept of a cluster's summed vector: a storyline that runs for years would otherwise
    grow its sum, and the cost of every batch that touches it, with the corpus. Only clusters
    too large to open reach it; their light terms are dropped (a term dropped and later
    re-added holds a partial sum)."""

    centroid_terms: int = 300
    """Terms of an event's summed vector kept in the store; the rest is too light to change a
    similarity."""

    semantic_weight: float = 0.0
    """Weight of sentence-embedding cosine against the lexical one (needs the ``[semantic]``
    extra); 0 leaves it off, so results do not depend on what is installed. :data:`SEMANTIC`
    sets 0.5: both halves equal, not tuned on anything."""


DEFAULT = ClusterConfig()
"""The one configuration used for every corpus."""

SEMANTIC = ClusterConfig(semantic_weight=0.5)
"""DEFAULT with sentence embeddings weighed equally with the lexical features."""
