"""GMCR+ ``.gmcr`` files (the JSON save format of gmcr-py): reading and writing.

The format and gmcr-py's state numbering are described in ``tests/cases/README.md`` §4.  In
short: a file lists ``options`` (``name``, ``permittedDirection``) and ``decisionMakers``
(``name``, the indices of their ``options``, ``preferences`` as conditions, optionally a
``preferenceRanking``), ``infeasibles`` as conditions and the flag
``useManualPreferenceRanking``.  A condition is ``[[option index, "Y"|"N"], ...]`` (an AND of
literals) or ``{"compound": true, "members": [condition, ...]}`` (an OR of such ANDs).

gmcr-py regroups the options by decision maker when it loads a file; the reader does the same,
so that accord's state ids (1..F by increasing decimal code) are gmcr-py's "ordered" state
numbers and a ``preferenceRanking`` maps onto accord ids unchanged.

Four verbs, as in networkx: :func:`parse_gmcr` and :func:`read_gmcr` build a
:class:`~accord.Conflict`; :func:`generate_gmcr` and :func:`write_gmcr` produce text or a file.

Inside the package: ``_raw`` checks the JSON against the file's structure and words each
problem, ``_references`` checks the indices between its parts, ``_read`` builds the
conflict and ``_locate`` points each problem at its line and column; ``_dnf`` turns
conditions into ORs of ANDs and ``_write`` writes the file.
"""

from __future__ import annotations

from accord.io.gmcr._dnf import MAX_TABLE_OPTIONS
from accord.io.gmcr._read import parse_gmcr, read_gmcr
from accord.io.gmcr._write import generate_gmcr, write_gmcr

__all__ = ["MAX_TABLE_OPTIONS", "generate_gmcr", "parse_gmcr", "read_gmcr", "write_gmcr"]
