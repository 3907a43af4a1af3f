"""``python -m gpr_docx`` runs the command line."""

from .cli import main

if __name__ == "__main__":  # a worker process that re-imports the main module must not run it
    main()
