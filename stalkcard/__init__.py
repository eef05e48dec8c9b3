"""stalkcard: Skanderborg Kommunes actioncard ved mistanke om stalking, som et guidet værktøj."""

__version__ = "1.0.0"


def main() -> None:
    """The `stalkcard` command.

    A short run allocates little that is cyclic, and the cyclic garbage collector
    costs start-up time while the modules import (measured with bench/startup.py),
    so it is off until something long-lived starts: the interactive prompts turn
    it back on.
    """
    import gc

    gc.disable()
    from stalkcard.cli import main as run

    run()
