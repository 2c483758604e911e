"""The page templates: a jinja2 environment (autoescaping on, strict undefined) whose
loader searches a user's template folder first and then the package's templates, which
stay reachable as ``default:NAME`` so an override can extend the original
(``{% extends "default:base.html" %}``). Template mistakes become a located
``PageTemplateError`` (file, line, fix), never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from scholarld.errors import Problem, ProblemsError

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
PAGE_TEMPLATES = ("index", "profile", "person", "work", "venue", "resource")
MACROS = "_macros.html"
DOCS = "see docs/pages.md, section Templates"


class PageTemplateError(ProblemsError):
    """A page template cannot be loaded or rendered."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__(problems, "Cannot render the pages")


def template_environment(templates_dir: Path | None = None) -> jinja2.Environment:
    """The environment for ``templates_dir`` (``None``: the package's templates only)."""
    if templates_dir is not None and not templates_dir.is_dir():
        raise PageTemplateError(
            [
                Problem(
                    str(templates_dir), None, None, "the templates folder does not exist",
                    "create it with the templates to override, or leave out the option",
                )
            ]
        )  # fmt: skip
    package = jinja2.FileSystemLoader(str(TEMPLATES_DIR))
    user: list[jinja2.BaseLoader] = (
        [jinja2.FileSystemLoader(str(templates_dir))] if templates_dir else []
    )
    loader = jinja2.ChoiceLoader(
        [*user, package, jinja2.PrefixLoader({"default": package}, delimiter=":")]
    )
    return jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build compiles each template once: no mtime checks per page
    )


def load_templates(env: jinja2.Environment) -> tuple[dict[str, jinja2.Template], Any]:
    """Every page template, compiled once, and the module of ``_macros.html`` (its macros
    render the fragments many pages share, ``page_fragments``)."""
    try:
        templates = {name: env.get_template(f"{name}.html") for name in PAGE_TEMPLATES}
        return templates, env.get_template(MACROS).module
    except jinja2.TemplateError as error:
        raise template_problem(error, None) from error


def template_problem(error: jinja2.TemplateError, page: str | None) -> PageTemplateError:
    """A located problem for a jinja2 error (while rendering ``page``, if given)."""
    where = f" (rendering {page})" if page else ""
    if isinstance(error, jinja2.TemplateSyntaxError):
        file = error.filename or error.name or "template"
        problem = Problem(
            file, error.lineno, None, f"{error.message}{where}", "fix the jinja2 syntax"
        )
    elif isinstance(error, jinja2.TemplateNotFound):
        problem = Problem(
            str(error.name or "template"), None, None, f"template not found{where}",
            f"add it to your templates folder or use a package template ({DOCS})",
        )  # fmt: skip
    else:
        problem = Problem(
            "templates",
            None,
            None,
            f"{error.message}{where}",
            f"use only the variables each template gets ({DOCS})",
        )
    return PageTemplateError([problem])
