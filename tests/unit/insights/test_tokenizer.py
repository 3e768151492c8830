"""The words of trending terms: French and English stop words out, accents and case folded."""

from __future__ import annotations

import pytest

from moderator.insights.terms import STOP_WORDS, fold, is_stop_word, terms_of


def test_fold_removes_case_and_accents() -> None:
    assert fold("Été") == "ete"
    assert fold("THÈME") == fold("theme") == "theme"
    assert fold("Noël") == "noel"


@pytest.mark.parametrize(
    "word",
    [
        "the",
        "and",
        "would",
        "don",
        "le",
        "les",
        "à",
        "où",
        "était",
        "parce",
        "aujourd",
        "peut-être",
        "merci",
        "thanks",
    ],
)
def test_stop_words_of_both_languages(word: str) -> None:
    assert is_stop_word(word)


def test_lists_are_a_few_hundred_words_each() -> None:
    from moderator.insights.terms import ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS

    assert len(ENGLISH_STOP_WORDS.split()) > 300 and len(FRENCH_STOP_WORDS.split()) > 250
    assert all(w == fold(w) for w in STOP_WORDS)


def test_terms_of_a_french_and_english_post() -> None:
    found = terms_of(
        "L'idée du Thème sombre, c'est génial ! Don't you think the dark mode is great? "
        "Voir https://example.org/dark-mode et écrivez à moi@example.org. 2024 42"
    )
    assert found == {
        "idee": "idée",
        "theme": "thème",
        "sombre": "sombre",
        "theme sombre": "thème sombre",
        "genial": "génial",
        "dark": "dark",
        "mode": "mode",
        "dark mode": "dark mode",
        "great": "great",
        "ecrivez": "écrivez",
    }


def test_a_phrase_never_straddles_punctuation_or_a_stop_word() -> None:
    assert "sombre mode" not in terms_of("thème sombre. Mode nuit")
    assert "dark mode" not in terms_of("dark and mode")
    assert "couleur bleue" in terms_of("couleur bleue")


def test_typographic_apostrophes_are_elisions_too() -> None:
    assert set(terms_of("l’application d’entraide")) == {"application", "entraide", "application entraide"}
