"""CLI commands, one module per command (group). ``register_commands`` adds them all."""

from __future__ import annotations

import click


def register_commands(group: click.Group) -> None:
    """Add every scholarld command to ``group`` (the ``scholarld`` CLI)."""
    # Commands are registered here, one line each, in pipeline order; each command module
    # imports its heavy libraries inside the command so ``--help`` stays fast.
    from scholarld.commands.build_cmd import build_command
    from scholarld.commands.check_cmd import check_command
    from scholarld.commands.export_cmd import export_command
    from scholarld.commands.import_bibtex import bibtex_command
    from scholarld.commands.import_cmd import import_group
    from scholarld.commands.push_cmd import push_command
    from scholarld.commands.query_cmd import query_command
    from scholarld.commands.serve_cmd import serve_command
    from scholarld.commands.validate_cmd import validate_command

    import_group.add_command(bibtex_command)
    group.add_command(import_group)
    group.add_command(check_command)
    group.add_command(validate_command)
    group.add_command(export_command)
    group.add_command(build_command)
    group.add_command(query_command)
    group.add_command(push_command)
    group.add_command(serve_command)
