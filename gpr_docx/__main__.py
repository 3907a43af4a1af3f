"""``python -m gpr_docx`` runs the command line."""

from .cli import main

main()
