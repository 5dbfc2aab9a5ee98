"""The seven locales, their catalogs and Babel formatting."""
