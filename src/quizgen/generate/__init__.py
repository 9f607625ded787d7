"""``quizgen generate``: questions built from the speech's enumerations and key statements (quizzes/facts.yaml).

A *list* fact records an enumeration of the speech (the four kinds of 谈话, the five 同 …): its members,
optionally each member's partner (whom each 谈话 is for), plausible non-members, and citations. A
*statement* fact records a key sentence and the words worth blanking out. From them come:

- ``cloze``    fill-in: a member or a key word of the cited quote blanked out;
- ``belongs``  single choice: which of these belongs to X;
- ``not``      single choice: which of these does not belong to X;
- ``several``  multiple choice: which of these belong to X;
- ``match`` / ``reverse``  who-gets-what as single choice, in both directions;
- ``count``    single choice: how many X the speech names.

Everything is drawn from ``random.Random(f"{seed}:{fact id}")``, so the output is byte-identical for a
seed and adding a fact never changes the questions of another. Ids are ``gen-<fact>-<kind>[-N]``; an id
or a stem that a hand-written question already has is never produced.

What learners read never holds an anchor code: explanations name the passage as the 查看原文 link does
(``Speech.describe``: 第三部分（二）, 结束语 …). No option is a single character (增/去/强/促 can be told
apart by their form alone), and ``ask``/``ask_reverse`` templates may use only their own placeholder.
Each question's difficulty is computed by ``difficulty`` from what it asks (see there).

The package: ``facts`` reads and validates the facts file, ``questions`` builds the questions and the bank
text, ``cli`` is the command (checked against the hand-written banks, written atomically).
"""

from .cli import COMMANDS, run
from .facts import DEFAULT_FACTS, DEFAULT_OUTPUT, Cite, Fact, Member, chinese_number, load_facts
from .questions import build, difficulty, dump

__all__ = [
    "COMMANDS", "DEFAULT_FACTS", "DEFAULT_OUTPUT", "Cite", "Fact", "Member", "build", "chinese_number", "difficulty", "dump",
    "load_facts", "run",
]  # fmt: skip
