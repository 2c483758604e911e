"""CLI commands, one module per command (group). ``register_commands`` adds them all."""

from __future__ import annotations

import click


def register_commands(group: click.Group) -> None:
    """Add every scholarld command to ``group`` (the ``scholarld`` CLI)."""
    # Commands are registered here, one line each, in pipeline order.
    del group
