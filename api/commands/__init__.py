"""Commands kept in their own modules (`api.commands.diagram:diagram`...), registered lazily on the
`lscp` group in api/cli.py so a command's imports load only when it runs."""
