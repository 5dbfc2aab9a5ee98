"""Generated pages skip Markdown: headings and placeholders become HTML; anything else falls back."""

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
