"""The engine wing: everything that knows MkDocs, Material for MkDocs or mkdocs-static-i18n.

Nothing outside this package imports them (tests/engine/test_boundary.py). The rest of profilesite hands
the engine validated records (a ``PartyIndex``) and gets a built language folder back; the day the site
moves to another engine, this package is what changes. README.md here lists every coupling to those
dependencies' internals, the version checked, and the test that fails if it changes.
"""

from profilesite.engine.run import LanguageFailed, build_language, preload, serve

__all__ = ["LanguageFailed", "build_language", "preload", "serve"]
