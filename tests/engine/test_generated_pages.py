"""Generated pages skip Markdown: headings and placeholders become HTML; anything else falls back."""

import re

from hypothesis import given
from hypothesis import strategies as st

from profilesite.engine import generated_pages as prerendered


def test_headings_and_placeholders_become_html_and_a_table_of_contents():
    html, headings = prerendered.render(
        "PSHTML0\n\n## Treaties {#treaties}\n\nPSHTML1\n\n## Peer review {#review}\n\n### Stages {#stages}\n\nPSHTML2\n"
    )
    assert html.splitlines() == [
        "<p>PSHTML0</p>",
        '<h2 id="treaties">Treaties</h2>',
        "<p>PSHTML1</p>",
        '<h2 id="review">Peer review</h2>',
        '<h3 id="stages">Stages</h3>',
        "<p>PSHTML2</p>",
    ]
    assert [(h.id, [c.id for c in h.children]) for h in headings] == [
        ("treaties", []),
        ("review", ["stages"]),
    ]
    assert prerendered.anchor_ids(headings) == {"treaties", "review", "stages"}


def test_anything_else_goes_through_markdown():
    assert prerendered.render("## Title {#t}\n\nSome *Markdown* text\n") is None
    assert prerendered.render("# Title {#t}\n") is None


_REFERENCE_BLOCK = re.compile(r"<!--ps:html-->\n(.*?)\n<!--/ps:html-->", re.DOTALL)


def _reference_extract(markdown: str) -> tuple[str, list[str]]:
    """What extract() did with a regular expression before it searched with str.find."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"\n\nPSHTML{len(blocks) - 1}\n\n"

    return _REFERENCE_BLOCK.sub(keep, markdown), blocks


@given(
    st.lists(
        st.sampled_from(["<!--ps:html-->", "<!--/ps:html-->", "\n", "x", "## T {#t}", "<p>a</p>", "<!--"]),
        max_size=30,
    ).map("".join)
)
def test_extract_finds_the_blocks_the_regular_expression_found(markdown: str):
    assert prerendered.extract(markdown) == _reference_extract(markdown)
