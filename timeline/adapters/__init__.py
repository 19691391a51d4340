"""Bridges to other libraries, each imported only when asked for.

- :mod:`timeline.adapters.dateparser`: dates written in other languages inside
  Vietnamese text (``October 15, 2024``), through `dateparser`; the only module of the
  package that imports it, and only inside its functions (it is slow to import).
"""
