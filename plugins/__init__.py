"""textkit's built-in analyzers.

Each module here is an ordinary textkit plugin, registered through the
``textkit`` entry-point group in pyproject.toml and using only textkit's
public API, exactly as a third-party plugin would.
"""
