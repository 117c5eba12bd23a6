"""Story views under their former name: :mod:`newsprism.views` holds them now."""

from __future__ import annotations

from newsprism.views import StoryView, event_story, framing_prior, story_view, story_views

__all__ = ["StoryView", "event_story", "framing_prior", "story_view", "story_views"]
