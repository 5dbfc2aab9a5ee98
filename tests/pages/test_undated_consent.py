"""A party whose act or date the sources do not give says so: never a guessed date, still a party."""

from __future__ import annotations

import pytest

from profilesite.checks import load_index
from profilesite.export.feeds import changes
from profilesite.i18n import catalogs
from profilesite.model.record import Consent
from profilesite.render.pages import render_profile
from profilesite.stats.figures import headlines
from profilesite.views.parties import PartyIndex

from ..conftest import REPO


@pytest.fixture(scope="module")
def undated() -> PartyIndex:
    """The shipped records, with Kenya's trafficking Protocol consent known only as a fact of party status."""
    index = load_index(REPO / "profiles", REPO)
    kenya = index.parties["ken"]
    status = kenya.treaties["tip"].model_copy(update={"consent": Consent()})
    treaties = {**kenya.treaties, "tip": status}
    parties = {**index.parties, "ken": kenya.model_copy(update={"treaties": treaties})}
    return PartyIndex(parties, index.vocabulary, index.responses)


@pytest.mark.parametrize("locale", ["en", "fr", "ar", "zh"])
def test_the_profile_says_what_the_sources_do_not_give(undated: PartyIndex, locale: str):
    page = render_profile(undated.parties["ken"], undated, locale)
    assert catalogs.gettext(locale, "Date not in our sources") in page
    assert catalogs.gettext(locale, "Party; the kind of act is not in our sources") in page


def test_it_counts_as_a_party_but_is_on_no_timeline_or_feed(undated: PartyIndex):
    shipped = load_index(REPO / "profiles", REPO)
    assert headlines(undated).parties_per_instrument == headlines(shipped).parties_per_instrument
    series = dict(headlines(undated).timeline["tip"])
    assert series[max(series)] == dict(headlines(shipped).timeline["tip"])[max(series)] - 1
    kenya_treaty_changes = [c for c in changes(undated) if c.code == "ken" and c.kind == "treaty"]
    assert "tip" not in {change.key for change in kenya_treaty_changes}
