"""``python -m accord``: the command line."""

from accord.cli import run

if __name__ == "__main__":
    run()
