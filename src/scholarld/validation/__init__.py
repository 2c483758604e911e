"""Stage: validate the site graph with SHACL against the shapes in ``shapes/``: by
scholarld's SHACL Core evaluator (``core_engine``, pySHACL's exact results) when the
shapes are ones it covers, else, or with ``engine="pyshacl"``, by pySHACL.

Public API (light to import: rdflib and pySHACL load only when they must run):

- ``validate_site_graph(site_graph, shapes_dir, *, cache_dir=None, engine="core")
  -> ValidationReport``
- ``ensure_valid(site_graph, shapes_dir, *, allow_warnings=True, cache_dir=None)`` raises
  ``scholarld.errors.ValidationFailed`` listing the results;
- ``resolve_shapes_dir(data_dir, shapes_option)`` and ``default_cache_dir(data_dir)``.
"""

from __future__ import annotations

from scholarld.validation.cache import default_cache_dir
from scholarld.validation.report import Severity, ValidationReport, ValidationResult
from scholarld.validation.run import ensure_valid, validate_site_graph
from scholarld.validation.shapes import default_shapes_dir, resolve_shapes_dir

__all__ = [
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "default_cache_dir",
    "default_shapes_dir",
    "ensure_valid",
    "resolve_shapes_dir",
    "validate_site_graph",
]
