"""``python -m newsprism``: the same command line as the ``newsprism`` script."""

from newsprism.cli.app import main

main()
