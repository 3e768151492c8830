"""Words for trending terms: a tokenizer, accent folding and French and English stop words.

A *term* is a word or a two-word phrase. Matching folds case and accents ("Thème", "theme" and
"THEME" are one term, ``theme``); the display keeps the form people actually typed most often
(``thème``), which the caller counts. Two-word phrases are two adjacent words, neither a stop word,
within one sentence piece (punctuation breaks a phrase). Words shorter than two letters, numbers and
web addresses are left out.

The stop words are written here rather than taken from a package: a few hundred of the commonest
function words of each language, their elided and contracted forms as the tokenizer cuts them
("l'idée" gives ``l`` + ``idee``, "don't" gives ``don`` + ``t``), and the small talk of forums
(thanks, merci, hello, bonjour...), which would otherwise "trend" every week. They are stored folded,
like the terms they are compared with.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

TOKENIZER_VERSION = 1  # bump when tokens or stop words change: cached counts are rebuilt

ENGLISH_STOP_WORDS = """
a about above across actually after afterwards again against ago ahead all almost alone along already also
although always am among amongst an and another any anybody anyhow anyone anything anyway anyways anywhere
are aren around as aside ask asked asking at away back be became because become becomes becoming been before
beforehand behind being below beside besides best better between beyond both brief but by came can cannot
cant certain certainly clearly come comes could couldn did didn different do does doesn doing don done down
during each either else elsewhere enough entire especially etc even ever every everybody everyone everything
everywhere exactly example except far few fifth first five followed following for former formerly forth four
from further furthermore get gets getting give given gives go goes going gone got gotten had hadn happens
hardly has hasn have haven having he hello hence her here hereafter hereby herein hereupon hers herself hi him
himself his hither hopefully how however i ie if ignored im immediate in inasmuch inc indeed instead into
inward is isn it its itself just keep keeps kept know known knows last lately later latter latterly least
less lest let like liked likely little ll look looking looks ltd made mainly make makes many may maybe me
mean meanwhile merely might mine more moreover most mostly much must my myself name namely near nearly
necessary need needs neither never nevertheless new next nine no nobody non none noone nor normally not
nothing now nowhere obviously of off often oh ok okay old on once one ones only onto or other others
otherwise ought our ours ourselves out outside over overall own particular particularly per perhaps placed
please plus possible presumably probably provides put quite rather re really reasonably regarding regardless
regards relatively respectively right said same saw say saying says second secondly see seeing seem seemed
seeming seems seen self selves sensible sent serious seriously seven several shall she should shouldn since
six so some somebody somehow someone something sometime sometimes somewhat somewhere soon sorry still sub
such sure take taken tell tends than thank thanks thanx that thats the their theirs them themselves then
thence there thereafter thereby therefore therein theres thereupon these they think third this thorough
thoroughly those though three through throughout thru thus to together too took toward towards tried tries
truly try trying twice two un under unfortunately unless unlikely until unto up upon us use used uses using
usually value various ve very via viz vs want wants was wasn way we welcome well went were weren what
whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while
whither who whoever whole whom whose why will willing wish with within without won wonder would wouldn yes
yet you your yours yourself yourselves zero
hey yeah yep nope thx ty cheers guys folks anyone lol
"""

FRENCH_STOP_WORDS = """
a à afin ah ai aie aient aies ainsi ait alors as assez au aucun aucune aujourd aupres auquel aura aurai
auraient aurais aurait auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels
avaient avais avait avant avec avez aviez avions avoir avons ayant ayez ayons bah beaucoup bien bientot bon
bonjour bonne bonsoir bref ca car ce ceci cela celle celles celui cependant certain certaine certaines
certains ces cet cette ceux chacun chacune chaque chez ci comme comment contre d dans de debut dedans dehors
deja depuis derriere des desormais desquelles desquels dessous dessus deux devant devrait different doit
doivent donc dont du duquel durant elle elles en encore enfin entre environ es est et etaient etais etait
etant ete etes etiez etions etre eu eue eues eumes eurent eus eusse eussent eusses eussiez eussions eut
eutes eux fais fait faire faites faut fois font furent fus fusse fussent fusses fussiez fussions fut futes
grace ha hein hors hui ici il ils j je jusqu jusque l la laquelle le lequel les lesquelles lesquels leur
leurs lors lorsque lui m ma maintenant mais malgre me meme memes merci mes moi moins mon n ne ni non nos notre
nous nouveau nouvelle on ont ou où oui par parce parfois parmi pas peu peut peuvent peux plupart plus
plusieurs plutot pour pourquoi pourrait pourtant pres puis puisque qu quand quant que quel quelle quelles
quelqu quelque quelques quels qui quoi rien s sa salut sans se selon sera serai seraient serais serait
seras serez seriez serions serons seront ses seul seule seulement si sien sienne siennes siens sinon soi
soient sois soit sommes son sont sous souvent soyez soyons suis suivant sur surtout svp t ta tandis tant te
tel telle telles tels tes toi ton tous tout toute toutes tres trop tu un une unes uns va vais vas vers via
voici voila vont vos votre vous vu y
avez-vous coucou bravo ok okay voir vraiment juste deja aussi bref ceux-ci celle-ci celui-ci
chose choses truc trucs gens fois facon etc cad ya
dit dire dis disent pense penses pensez crois sais savoir veux voulez veut vouloir pouvez pouvons
peut-etre sujet message messages question questions reponse reponses
"""

# Fold marks that are not letters of a word but show up inside tokens.
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_WWW_RE = re.compile(r"www\.", re.IGNORECASE)
# A sentence piece: a phrase never straddles punctuation or a line break.
_PIECE_RE = re.compile(r"[.!?;:,()\[\]{}\"«»“”…\n\r\t|/\\<>=+*#~^—–-]+")
_WORD_RE = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*", re.UNICODE)

_fold_cache: dict[str, str] = {}


def fold(word: str) -> str:
    """Lower case and without accents: the form terms are matched in (``Été`` → ``ete``)."""
    folded = _fold_cache.get(word)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", word.casefold())
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if len(_fold_cache) < 200_000:
            _fold_cache[word] = folded
    return folded


def _folded_set(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


STOP_WORDS: frozenset[str] = _folded_set(ENGLISH_STOP_WORDS) | _folded_set(FRENCH_STOP_WORDS)


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


def _unquote(text: str) -> str:
    """Typographic apostrophes as ``'``, then web addresses out (as ``_URL_RE.sub`` would, only
    searched for when the text could hold one: most posts have none, and the search is slow)."""
    for mark in "’‘ʼ`":
        if mark in text:
            text = text.replace(mark, "'")
    if "@" in text or "://" in text or _WWW_RE.search(text):
        text = _URL_RE.sub(" . ", text)
    return text.replace("'", " ")


def pieces(text: str) -> Iterator[list[str]]:
    """The words of ``text``, lower-cased (accents kept), one list per sentence piece.

    Elisions and contractions are cut at the apostrophe, so "l'idée" yields ``l`` and ``idée``.
    """
    for piece in _PIECE_RE.split(_unquote(text)):
        words = _WORD_RE.findall(piece.lower())
        if words:
            yield words


def terms_of(text: str) -> dict[str, str]:
    """The distinct terms of one post: folded term → the form it was written in (first seen).

    Words: every word that is not a stop word. Phrases: two adjacent words of one sentence piece,
    neither a stop word, joined by a space.
    """
    found: dict[str, str] = {}
    cache, stop = _fold_cache, STOP_WORDS
    for piece in _PIECE_RE.split(_unquote(text)):
        previous: tuple[str, str] | None = None
        for word in _WORD_RE.findall(piece.lower()):
            key = cache.get(word) or fold(word)
            if key in stop or len(key) < 2:
                previous = None
                continue
            if key not in found:
                found[key] = word
            if previous is not None:
                phrase = f"{previous[0]} {key}"
                if phrase not in found:
                    found[phrase] = f"{previous[1]} {word}"
            previous = (key, word)
    return found
