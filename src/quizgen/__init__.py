"""quizgen: question banks checked against the speech, rendered as quizzes, papers and exports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("quizgen")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
