"""The library's version, in one place: the package, the cache keys and the build read it here."""

__version__ = "0.1.0"
