"""A deterministic batch of news-like articles for the benchmarks.

Sentences are drawn from a bank of plain news prose with the slips editors
meet every day (a repeated word, "could of", a lowercase start, a cliché),
so the checkers have real work to do.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SENTENCES = [
    "The council approved the new budget on Tuesday after a long debate.",
    "Residents said the bus service had become unreliable over the past year.",
    "The minister declined to comment when asked about the leaked report.",
    "Officials expect the bridge to reopen before the end of the month.",
    "A spokesman for the company said the figures were under review.",
    "The the hospital trust has appointed a new chief executive.",
    "Police could of closed the road earlier, one witness said.",
    "the school will open a new library in the spring.",
    "At the end of the day, voters will decide whether the plan goes ahead.",
    "Sales rose by 12 per cent in the first quarter, the report showed.",
    "Their was little sign of the promised investment in the town centre.",
    "The charity raised more than £40,000 for the flood appeal.",
    "Critics argue that the scheme does not go far enough to help renters.",
    "The festival attracted a record number of visitors this summer.",
    "Engineers said the repairs would take at least six weeks to complete.",
    "It is no secret that the club has struggled to attract new members.",
    "The mayor said she would organise a public meeting next week.",
    "Prices at the pump fell for the third month in a row.",
    "The report recommends that the council utilise empty buildings for housing.",
    "Teachers have voted to accept the pay offer, the union confirmed.",
    "The museum will be closed for refurbishment until an unspecified date.",
    "Farmers warned that the dry weather could affect this year's harvest.",
    "A new cycle lane along the river is due to open in an hour.",
    "The court heard that the defendant had no previous convictions.",
    "In order to reduce waiting times, the surgery will extend its opening hours.",
    "Shoppers welcomed the return of the weekly market to the square.",
    "The airport said that flights were running normally after the storm.",
    "Local businesses say parking charges is driving customers away.",
    "The university plans to recruit 200 more staff over the next five years.",
    "Volunteers spent the weekend clearing litter from the beach.",
    "He said the decision was a defining moment for the region.",
    "The theatre's new season opens with a production of a classic comedy.",
    "Rail passengers faced delays after a signal failure near the station.",
    "The survey found that most residents felt safe in their neighbourhood.",
    "Health officials urged people to get vaccinated before the winter.",
    "The company said it would create 150 jobs at the new factory.",
    "Needless to say, the proposal was controversial from the start.",
    "A spokeswoman said the authority was committed to transparency.",
    "The water company apologised for the disruption caused by the burst main.",
    "Campaigners delivered a petition with 5,000 signatures to the town hall.",
]


TOWNS = ["Ashford", "Bramley", "Carlow", "Dunmore", "Eastleigh", "Fairhaven", "Glenroy",
         "Harwood", "Ivybridge", "Kelso", "Lydney", "Marston", "Northam", "Oakley", "Pembury"]
OPENERS = ["In {town},", "On Monday in {town},", "Speaking in {town},", "Later,",
           "According to figures from {town},", "", "", ""]


def _vary(sentence: str, rng: random.Random) -> str:
    opener = rng.choice(OPENERS).format(town=rng.choice(TOWNS))
    if not opener or sentence[0].islower():
        return sentence
    return f"{opener} {sentence[0].lower()}{sentence[1:]}"


def make_articles(folder: Path, files: int = 25, sentences: int = 30, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(files):
        picked = [_vary(rng.choice(SENTENCES), rng) for _ in range(sentences)]
        paragraphs = [" ".join(picked[i : i + 3]) for i in range(0, sentences, 3)]
        title = f"Town News Round-up, Edition {n + 1}"
        path = folder / f"article-{n + 1:02d}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def add_batch_options(ap: argparse.ArgumentParser) -> None:
    """The options of a benchmark over the generated batch and its two servers."""
    ap.add_argument("--files", type=int, default=25)
    ap.add_argument("--sentences", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--warm-up", type=int, default=3,
                    help="untimed passes over the whole batch on each server first")
