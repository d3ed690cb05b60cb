"""`python -m rivalscope` is the `rivalscope` command."""

from rivalscope.cli import main

main()
