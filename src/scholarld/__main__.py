from scholarld.cli import cli

cli()
