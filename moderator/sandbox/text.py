"""Bilingual (French/English) phrase banks for the sandbox innovation community.

Why phrase banks and not lorem ipsum: the app summarises, searches and detects trending vocabulary, so
the text must read like a real workplace innovation community, in two languages, with a stable
six-month baseline vocabulary against which a few planted ideas visibly *rise*. Every function takes
an explicit ``random.Random`` so the world stays deterministic.

The trending vocabulary (``TRENDS``) is deliberately absent from every other bank.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

FR = "fr"
EN = "en"

FIRST_NAMES = {
    FR: [
        "Camille",
        "Léa",
        "Manon",
        "Chloé",
        "Inès",
        "Julie",
        "Sarah",
        "Emma",
        "Clara",
        "Lucie",
        "Pauline",
        "Marion",
        "Élodie",
        "Sophie",
        "Nathalie",
        "Isabelle",
        "Claire",
        "Aurélie",
        "Mathilde",
        "Thomas",
        "Nicolas",
        "Julien",
        "Maxime",
        "Antoine",
        "Alexandre",
        "Hugo",
        "Lucas",
        "Louis",
        "Romain",
        "Guillaume",
        "Pierre",
        "Benoît",
        "Olivier",
        "Sébastien",
        "Yann",
        "Karim",
        "Mehdi",
        "Amina",
        "Fatou",
        "Yasmine",
        "Rachid",
        "Sofiane",
        "Chantal",
        "Gilles",
        "Hélène",
        "Agathe",
        "Baptiste",
        "Quentin",
        "Théo",
        "Margaux",
        "Anaïs",
        "Jérôme",
        "François",
        "Cécile",
        "Laurent",
        "Valérie",
        "Stéphane",
        "Benjamin",
        "Noémie",
        "Gaëlle",
        "Loïc",
        "Maëlle",
        "Rémi",
        "Solène",
        "Adrien",
        "Océane",
    ],
    EN: [
        "Oliver",
        "Emily",
        "James",
        "Sophie",
        "Jack",
        "Olivia",
        "Harry",
        "Amelia",
        "George",
        "Isla",
        "Noah",
        "Ava",
        "Charlie",
        "Mia",
        "Jacob",
        "Grace",
        "Thomas",
        "Lily",
        "Oscar",
        "Freya",
        "William",
        "Ella",
        "Daniel",
        "Chloe",
        "Ethan",
        "Hannah",
        "Samuel",
        "Lucy",
        "Michael",
        "Priya",
        "Raj",
        "Aisha",
        "David",
        "Rachel",
        "Kevin",
        "Megan",
        "Ryan",
        "Laura",
        "Sean",
        "Niamh",
        "Liam",
        "Zoe",
        "Ben",
        "Kate",
        "Tom",
        "Anna",
        "Matt",
        "Jess",
        "Chris",
        "Sam",
        "Fiona",
        "Alan",
        "Joanna",
        "Mark",
    ],
}

LAST_NAMES = {
    FR: [
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Lefebvre",
        "Michel",
        "Garcia",
        "David",
        "Bertrand",
        "Roux",
        "Vincent",
        "Fournier",
        "Morel",
        "Girard",
        "André",
        "Lefèvre",
        "Mercier",
        "Dupont",
        "Lambert",
        "Bonnet",
        "François",
        "Martinez",
        "Legrand",
        "Garnier",
        "Faure",
        "Rousseau",
        "Blanc",
        "Guérin",
        "Muller",
        "Henry",
        "Roussel",
        "Perrin",
        "Morin",
        "Mathieu",
        "Clément",
        "Gauthier",
        "Dumont",
        "Lopez",
        "Fontaine",
        "Chevalier",
        "Robin",
        "Benali",
        "Haddad",
        "Nguyen",
        "Diallo",
        "Traoré",
        "Le Goff",
    ],
    EN: [
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Robinson",
        "Wright",
        "Thompson",
        "Evans",
        "Walker",
        "White",
        "Roberts",
        "Green",
        "Hall",
        "Wood",
        "Jackson",
        "Clarke",
        "Patel",
        "Khan",
        "Lewis",
        "Phillips",
        "Mason",
        "Mitchell",
        "Rose",
        "Davis",
        "Cox",
        "Morgan",
        "Moore",
        "Hughes",
        "Murphy",
        "Kelly",
        "Campbell",
        "Stewart",
        "Anderson",
        "Scott",
        "Baker",
        "Cooper",
        "King",
        "Lee",
        "Harris",
        "Turner",
        "Carter",
        "O'Neill",
    ],
}

TEAMS = {
    FR: [
        "RH",
        "Achats",
        "Qualité",
        "Logistique",
        "Finance",
        "Maintenance",
        "Production",
        "IT",
        "Marketing",
        "Service client",
        "R&D",
        "Communication interne",
        "Juridique",
        "Méthodes",
    ],
    EN: [
        "HR",
        "Procurement",
        "Quality",
        "Logistics",
        "Finance",
        "Maintenance",
        "Production",
        "IT",
        "Marketing",
        "Customer Care",
        "R&D",
        "Internal Comms",
        "Legal",
        "Engineering",
    ],
}

SITES = [
    "Lyon",
    "Nantes",
    "Lille",
    "Toulouse",
    "Grenoble",
    "Bordeaux",
    "Rennes",
    "Strasbourg",
    "Montréal",
    "Bruxelles",
    "Genève",
    "Manchester",
    "Dublin",
]

# --------------------------------------------------------------------------------------------------
# Topic subjects
# --------------------------------------------------------------------------------------------------

IDEAS = {
    FR: [
        "un espace de coworking dans le hall d'accueil",
        "des ateliers d'intelligence collective chaque mois",
        "une boîte à idées numérique pour les équipes terrain",
        "des mercredis sans réunion",
        "un parrainage pour les nouveaux arrivants",
        "le recyclage des capsules de café",
        "des vélos en libre-service entre les bâtiments",
        "un tableau de bord partagé des projets",
        "une journée sans e-mail par mois",
        "un échange de compétences entre équipes",
        "la réservation des salles directement depuis l'agenda",
        "un hackathon interne au printemps",
        "la dématérialisation des notes de frais",
        "un potager collectif sur la terrasse",
        "des horaires décalés pour éviter les bouchons",
        "un wiki commun pour les procédures",
        "des badges pour reconnaître les contributions",
        "un programme de mentorat inversé",
        "la mutualisation des imprimantes",
        "une cantine zéro déchet",
        "un café-innovation le vendredi matin",
        "des formations courtes en vidéo",
        "un outil de sondage rapide pour les équipes",
        "des comptes rendus de réunion standardisés",
        "une salle calme pour se concentrer",
        "un prix de l'idée du trimestre",
        "des binômes entre sites pour partager les bonnes pratiques",
        "un annuaire des experts internes",
        "des gourdes à la place des gobelets",
        "un rituel de rétrospective pour chaque projet",
    ],
    EN: [
        "a coworking corner in the main lobby",
        "monthly collective intelligence workshops",
        "a digital suggestion box for field teams",
        "meeting-free Wednesdays",
        "a buddy programme for new starters",
        "recycling coffee capsules",
        "shared bikes between the buildings",
        "a shared dashboard of ongoing projects",
        "one email-free day per month",
        "a skills exchange between teams",
        "booking meeting rooms straight from the calendar",
        "an internal hackathon this spring",
        "paperless expense claims",
        "a community vegetable garden on the terrace",
        "staggered hours to avoid rush hour",
        "a common wiki for our procedures",
        "badges to recognise contributions",
        "a reverse mentoring programme",
        "pooling the printers",
        "a zero-waste canteen",
        "an innovation coffee on Friday mornings",
        "short video trainings",
        "a quick polling tool for teams",
        "a standard template for meeting notes",
        "a quiet room for focused work",
        "an idea-of-the-quarter award",
        "pairing people across sites to share good practice",
        "a directory of internal experts",
        "reusable bottles instead of paper cups",
        "a retrospective ritual for every project",
    ],
}

PAINS = {
    FR: [
        "chercher la bonne version des documents",
        "organiser les réunions d'équipe",
        "retrouver les contacts des autres sites",
        "ressaisir plusieurs fois les mêmes informations",
        "attendre les validations par e-mail",
        "préparer les mêmes rapports chaque semaine",
        "trouver une salle libre au dernier moment",
        "expliquer les outils aux nouveaux arrivants",
    ],
    EN: [
        "looking for the right version of documents",
        "organising team meetings",
        "finding contacts on the other sites",
        "typing the same information several times",
        "waiting for approvals by email",
        "preparing the same reports every week",
        "finding a free room at the last minute",
        "explaining our tools to new starters",
    ],
}

BENEFITS = {
    FR: [
        "moins de temps perdu au quotidien",
        "plus de transparence entre les équipes",
        "des échanges plus simples entre les sites",
        "un vrai plus pour l'accueil des nouveaux",
        "des économies faciles à mesurer",
        "une meilleure ambiance dans les équipes",
        "un impact positif sur notre bilan environnemental",
    ],
    EN: [
        "less time wasted every day",
        "more transparency between teams",
        "easier exchanges between sites",
        "a real plus for welcoming new starters",
        "savings that are easy to measure",
        "a better atmosphere in the teams",
        "a positive impact on our environmental footprint",
    ],
}

QUESTIONS = {
    FR: [
        "réserver une salle pour plus de 20 personnes",
        "proposer une idée au comité d'innovation",
        "accéder au VPN depuis la maison",
        "obtenir un budget pour un prototype",
        "exporter les données du tableau de bord",
        "ajouter un collègue à mon espace projet",
        "déclarer mes jours de télétravail",
        "retrouver la présentation du dernier hackathon",
        "partager un fichier volumineux avec un partenaire",
        "créer un sondage dans Teams",
        "suivre l'avancement de mon idée",
        "configurer la double authentification",
        "inviter un intervenant externe",
        "modifier ma photo de profil",
        "animer un atelier à distance",
        "faire valider une dépense de moins de 500 €",
        "changer mes préférences de notification",
        "rejoindre le programme de mentorat",
        "récupérer un fichier supprimé sur le drive",
        "organiser un afterwork avec une autre équipe",
    ],
    EN: [
        "book a room for more than 20 people",
        "submit an idea to the innovation board",
        "access the VPN from home",
        "get budget for a prototype",
        "export the dashboard data",
        "add a colleague to my project space",
        "log my remote working days",
        "find the slides from the last hackathon",
        "share a large file with a supplier",
        "create a poll in Teams",
        "track the status of my idea",
        "set up two-factor authentication",
        "invite an external speaker",
        "change my profile picture",
        "run a workshop remotely",
        "get an expense under 500 € approved",
        "change my notification settings",
        "join the mentoring programme",
        "recover a deleted file from the shared drive",
        "organise an afterwork with another team",
    ],
}

TOOLS = {
    FR: [
        "l'intranet",
        "le portail RH",
        "l'outil de réservation",
        "le drive partagé",
        "Teams",
        "le wiki",
        "le portail achats",
        "l'application mobile",
    ],
    EN: [
        "the intranet",
        "the HR portal",
        "the booking tool",
        "the shared drive",
        "Teams",
        "the wiki",
        "the purchasing portal",
        "the mobile app",
    ],
}

MENUS = {
    FR: ["Mon espace", "Demandes", "Paramètres", "Ressources", "Projets", "Aide"],
    EN: ["My space", "Requests", "Settings", "Resources", "Projects", "Help"],
}

CHALLENGES = {
    FR: [
        "Zéro papier",
        "Mobilité douce",
        "Idées vertes",
        "Bien-être au travail",
        "Client au centre",
        "Simplifions-nous la vie",
        "Énergie sobre",
    ],
    EN: [
        "Zero Paper",
        "Green Ideas",
        "Customer First",
        "Wellbeing at Work",
        "Smart Mobility",
        "Make It Simple",
        "Energy Savers",
    ],
}

GENERAL_SUBJECTS = {
    FR: [
        "le passage au flex office",
        "notre premier atelier de design thinking",
        "la semaine de l'innovation",
        "la visite du fablab",
        "la conférence sur l'économie circulaire",
        "le nouveau process d'achat",
        "les réunions debout",
        "la méthode des 5 pourquoi",
        "le télétravail à 3 jours",
        "la démarche Lean à l'atelier",
        "les outils de visioconférence",
        "le salon VivaTech",
    ],
    EN: [
        "moving to flex office",
        "our first design thinking workshop",
        "innovation week",
        "the fablab visit",
        "the circular economy conference",
        "the new purchasing process",
        "stand-up meetings",
        "the five whys method",
        "three days of remote work",
        "Lean on the shop floor",
        "video conferencing tools",
        "the VivaTech fair",
    ],
}

MONTHS = {
    FR: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    EN: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

LINKS = [  # (url, French title, English title)
    (
        "https://fr.wikipedia.org/wiki/Intelligence_collective",
        "Intelligence collective",
        "Collective intelligence",
    ),
    ("https://en.wikipedia.org/wiki/Design_thinking", "Design thinking", "Design thinking"),
    ("https://en.wikipedia.org/wiki/Lean_manufacturing", "Lean manufacturing", "Lean manufacturing"),
    ("https://wiki.example.com/procedures/demandes", "la procédure des demandes", "the requests procedure"),
    ("https://intranet.example.com/innovation/comite", "la page du comité", "the board's page"),
    ("https://docs.example.org/guides/workshop-kit", "le kit atelier", "the workshop kit"),
    ("https://wiki.example.com/faq/outils", "la FAQ outils", "the tools FAQ"),
]

ONEBOXES = [
    (
        "https://www.example.com/blog/innovation-participative",
        "Innovation participative : 10 retours d'expérience",
    ),
    ("https://www.example.org/articles/remote-workshops", "How to run great remote workshops"),
    ("https://news.example.net/2024/fablab-open-days", "Fablab open days: what we learned"),
]

IMAGES = [
    "https://images.example.org/uploads/atelier-post-its.jpg",
    "https://images.example.org/uploads/whiteboard-roadmap.png",
    "https://images.example.org/uploads/prototype-v2.jpg",
]

EMOJIS = [":+1:", ":rocket:", ":slight_smile:", ":bulb:", ":clap:", ":tada:"]

# --------------------------------------------------------------------------------------------------
# Sentence banks
# --------------------------------------------------------------------------------------------------

GREETINGS = {
    FR: ["Bonjour à tous,", "Bonjour à toutes et à tous,", "Salut la communauté !", "Hello !"],
    EN: ["Hi all,", "Hello everyone,", "Hi folks,", "Hey everyone!"],
}

IDEA_CONTEXT = {
    FR: [
        "Dans notre équipe, on perd beaucoup de temps à {pain}.",
        "Depuis quelques mois, je remarque qu'on passe trop de temps à {pain}.",
        "En discutant avec des collègues de {site}, on s'est rendu compte qu'on galère tous à {pain}.",
    ],
    EN: [
        "In our team we lose a lot of time {pain}.",
        "For a few months now I've noticed we spend far too long {pain}.",
        "Chatting with colleagues in {site}, we realised we all struggle with {pain}.",
    ],
}

IDEA_PROPOSAL = {
    FR: [
        "**Ma proposition :** mettre en place {idea}.",
        "Et si on testait {idea} ?",
        "Je propose qu'on lance {idea}, d'abord sur un site pilote.",
    ],
    EN: [
        "**My proposal:** set up {idea}.",
        "What if we tried {idea}?",
        "I suggest we launch {idea}, starting with one pilot site.",
    ],
}

IDEA_CLOSING = {
    FR: [
        "Qu'en pensez-vous ?",
        "Des volontaires pour tester ?",
        "Je suis preneur de vos retours !",
        "Est-ce que d'autres équipes seraient partantes ?",
    ],
    EN: [
        "What do you think?",
        "Any volunteers to test it?",
        "Keen to hear your feedback!",
        "Would other teams be up for it?",
    ],
}

IDEA_TITLES = {
    FR: ["Idée : {idea}", "Et si on mettait en place {idea} ?", "Proposition : {idea}"],
    EN: ["Idea: {idea}", "What about {idea}?", "Proposal: {idea}"],
}

IDEA_REPLIES = {
    FR: [
        "Très bonne idée ! On a exactement le même souci au service {team}.",
        "+1, je suis partant pour faire partie du groupe pilote.",
        "Je me demande comment on gérerait ça pour les équipes en horaires décalés.",
        "On a testé quelque chose de similaire l'an dernier à {site}, ça avait bien marché au début.",
        "Il faudrait en parler à l'équipe {team} avant de se lancer, ils ont déjà réfléchi au sujet.",
        "Bonne piste. Est-ce qu'on a une idée du budget nécessaire ?",
        "J'aime beaucoup ! On pourrait commencer petit et mesurer les résultats au bout d'un mois.",
        "Attention à ne pas rajouter une contrainte de plus aux équipes, mais l'idée est bonne.",
        "Je vote pour ! Ça simplifierait vraiment la vie de tout le monde.",
        "Est-ce que quelqu'un a des chiffres pour appuyer la proposition devant le comité ?",
    ],
    EN: [
        "Great idea! We have exactly the same problem in {team}.",
        "+1, happy to be part of the pilot group.",
        "I wonder how we'd handle this for the teams on rotating shifts.",
        "We tried something similar in {site} last year, it worked well at first.",
        "We should talk to the {team} team before starting, they already looked into it.",
        "Good lead. Do we have any idea of the budget needed?",
        "Love it! We could start small and measure the results after a month.",
        "Careful not to add yet another constraint on teams, but the idea is good.",
        "I'm in! That would make everybody's life easier.",
        "Does anyone have figures to back the proposal in front of the board?",
    ],
}

QUESTION_TITLES = {
    FR: [
        "Comment {q} ?",
        "Quelqu'un sait comment {q} ?",
        "Question : comment {q} ?",
        "Besoin d'aide pour {q}",
    ],
    EN: ["How do I {q}?", "Anyone know how to {q}?", "Question: how to {q}?", "Need help to {q}"],
}

QUESTION_BODIES = {
    FR: [
        "{greet}\n\nJe cherche à {q} mais je ne trouve pas la marche à suivre sur {tool}. {extra}\n\nMerci d'avance !",
        "{greet}\n\nPetite question : comment fait-on pour {q} ? {extra}",
        "{greet}\n\nJ'ai essayé de {q} via {tool}, sans succès. {extra}\n\nQuelqu'un a une astuce ?",
    ],
    EN: [
        "{greet}\n\nI'm trying to {q} but can't find the steps in {tool}. {extra}\n\nThanks in advance!",
        "{greet}\n\nQuick question: how do we {q}? {extra}",
        "{greet}\n\nI tried to {q} through {tool}, no luck. {extra}\n\nAnyone got a tip?",
    ],
}

QUESTION_EXTRAS = {
    FR: [
        "C'est un peu urgent pour moi.",
        "J'ai déjà demandé à mon manager, sans réponse.",
        "Je suis nouveau, donc désolé si la question est évidente.",
        "",
    ],
    EN: [
        "It's a bit urgent for me.",
        "I already asked my manager, no answer yet.",
        "I'm new here, so sorry if the question is obvious.",
        "",
    ],
}

ANSWERS = {
    FR: [
        "Il faut passer par {tool}, rubrique « {menu} ». C'est un peu caché mais ça marche.",
        "De mémoire c'est l'équipe {team} qui gère ça, tu peux leur écrire directement.",
        "Tu trouveras la procédure sur le wiki : [{link_title}]({link}).",
        "J'ai eu le même souci le mois dernier : il faut d'abord faire valider la demande par ton manager.",
        "Dans {tool}, va dans « {menu} » puis « Nouvelle demande », tout est expliqué.",
        "Bonne question, je ne savais pas non plus. Je suis la discussion !",
    ],
    EN: [
        'You need to go through {tool}, section "{menu}". A bit hidden but it works.',
        "If I remember correctly the {team} team handles that, you can email them directly.",
        "The procedure is on the wiki: [{link_title}]({link}).",
        "I had the same issue last month: your manager has to approve the request first.",
        'In {tool}, go to "{menu}" then "New request", it\'s all explained there.',
        "Good question, I didn't know either. Following this thread!",
    ],
}

THANKS = {
    FR: [
        "Merci beaucoup, ça a fonctionné !",
        "Super, merci pour le lien, c'est exactement ce qu'il me fallait.",
        "Merci pour vos réponses, c'est réglé.",
        "Parfait, merci à tous pour votre aide !",
    ],
    EN: [
        "Thanks a lot, that worked!",
        "Great, thanks for the link, exactly what I needed.",
        "Thanks for your answers, all sorted.",
        "Perfect, thanks everyone for your help!",
    ],
}

SELF_FOLLOWUPS = {
    FR: [
        "Bon, j'ai fini par trouver : il fallait passer par {tool}, rubrique « {menu} ». Je laisse la réponse ici si ça peut servir.",
        "Petite mise à jour : j'ai relancé la demande via {tool}, je vous tiens au courant.",
        "EDIT : c'est résolu, le problème venait de mes droits d'accès. Merci quand même !",
    ],
    EN: [
        'OK, I finally found it: you go through {tool}, section "{menu}". Leaving the answer here in case it helps.',
        "Small update: I resubmitted the request through {tool}, will keep you posted.",
        "EDIT: solved, it was an access rights problem on my side. Thanks anyway!",
    ],
}

STAFF_ANSWERS = {
    FR: [
        "Bonjour {first}, merci pour la question ! Tout se passe dans {tool}, rubrique « {menu} ». N'hésite pas si ça bloque.",
        "Bonjour {first}, je me renseigne auprès de l'équipe {team} et je reviens vers toi rapidement.",
        "Merci {first} ! La procédure est décrite ici : [{link_title}]({link}). Dis-nous si c'est clair.",
        "Bonne question {first}. Je l'ajoute à la FAQ de la communauté, d'autres se la posent sûrement.",
    ],
    EN: [
        'Hi {first}, thanks for asking! It all happens in {tool}, section "{menu}". Shout if you get stuck.',
        "Hi {first}, I'm checking with the {team} team and will get back to you shortly.",
        "Thanks {first}! The procedure is described here: [{link_title}]({link}). Let us know if it's clear.",
        "Good question {first}. I'm adding it to the community FAQ, others must be wondering too.",
    ],
}

STAFF_IDEA_REPLIES = {
    FR: [
        "Merci {first} pour cette proposition ! Je la remonte au comité innovation du mois prochain.",
        "Super initiative {first}. Qui serait volontaire pour un atelier de cadrage ?",
        "Merci pour le partage ! L'idée rejoint le défi en cours, pensez à ajouter l'étiquette `defi`.",
    ],
    EN: [
        "Thanks {first} for this proposal! I'll bring it to next month's innovation board.",
        "Great initiative {first}. Who would volunteer for a scoping workshop?",
        "Thanks for sharing! This fits the current challenge, remember to add the `challenge` tag.",
    ],
}

GENERAL_TITLES = {
    FR: [
        "Retour d'expérience : {s}",
        "Vos avis sur {s} ?",
        "Ce que j'ai retenu de {s}",
        "Bonne pratique : {s}",
    ],
    EN: ["Lessons learned: {s}", "Your thoughts on {s}?", "My takeaways from {s}", "Good practice: {s}"],
}

GENERAL_BODIES = {
    FR: [
        "{greet}\n\nJe voulais partager un retour sur {s}. Globalement c'est positif, même si l'organisation a demandé pas mal d'ajustements au début.\n\n{extra}\n\nEt vous, comment ça se passe de votre côté ?",
        "{greet}\n\nOn parle beaucoup de {s} en ce moment. J'ai l'impression que les avis sont partagés dans mon équipe. {extra}\n\nVos retours m'intéressent !",
    ],
    EN: [
        "{greet}\n\nI wanted to share some feedback on {s}. Overall it's positive, even though the organisation needed quite a few adjustments at first.\n\n{extra}\n\nHow is it going on your side?",
        "{greet}\n\nThere's a lot of talk about {s} at the moment. Opinions seem split in my team. {extra}\n\nKeen to hear your feedback!",
    ],
}

GENERAL_EXTRAS = {
    FR: [
        "Ce qui a le mieux marché : impliquer les équipes dès le départ.",
        "Le point faible : la communication vers les autres sites.",
        "Je mets ici une photo de l'atelier :\n\n![atelier]({image})",
        "Un article intéressant sur le sujet :\n\n{onebox}",
    ],
    EN: [
        "What worked best: involving the teams from day one.",
        "Weak spot: communication towards the other sites.",
        "Here is a picture from the workshop:\n\n![workshop]({image})",
        "An interesting read on the topic:\n\n{onebox}",
    ],
}

GENERAL_REPLIES = {
    FR: [
        "Merci pour le partage, c'est très utile !",
        "Chez nous à {site}, l'expérience a été assez similaire.",
        "Je rejoins ton avis, surtout sur la communication entre les sites.",
        "Intéressant ! Tu aurais des conseils pour une équipe qui démarre ?",
        "Pas tout à fait d'accord : chez nous le plus dur a été de garder la motivation sur la durée.",
        "On en a parlé en réunion d'équipe hier, tout le monde était plutôt partant.",
    ],
    EN: [
        "Thanks for sharing, really useful!",
        "In {site} our experience was quite similar.",
        "I agree, especially about communication between sites.",
        "Interesting! Any tips for a team just getting started?",
        "Not entirely convinced: for us the hardest part was keeping people motivated over time.",
        "We discussed it in our team meeting yesterday, everyone was rather keen.",
    ],
}

INTRO_TITLES = {
    FR: [
        "Bonjour, je suis {first} de l'équipe {team}",
        "Nouvelle arrivée au service {team}",
        "Présentation : {first}, {team} à {site}",
    ],
    EN: [
        "Hi everyone, {first} from {team}",
        "New here – {first} from the {team} team",
        "Introducing myself: {first}, {team} in {site}",
    ],
}

INTRO_BODIES = {
    FR: [
        "Bonjour à tous !\n\nJe m'appelle {first}, je viens d'arriver dans l'équipe {team} à {site}. J'aime bien tout ce qui touche à l'amélioration continue et aux outils collaboratifs.\n\nAu plaisir d'échanger avec vous !"
    ],
    EN: [
        "Hi everyone!\n\nI'm {first}, I just joined the {team} team in {site}. I'm into continuous improvement and collaborative tools.\n\nLooking forward to chatting with you all!"
    ],
}

WELCOMES = {
    FR: [
        "Bienvenue {first} ! N'hésite pas à jeter un œil à la catégorie Idées. :slight_smile:",
        "Bienvenue parmi nous {first} ! Le défi en cours pourrait t'intéresser.",
        "Ravie de te compter parmi nous {first}, bonne découverte de la communauté !",
    ],
    EN: [
        "Welcome {first}! Feel free to have a look at the Ideas category. :slight_smile:",
        "Welcome aboard {first}! The current challenge might interest you.",
        "Great to have you here {first}, enjoy exploring the community!",
    ],
}

ANNOUNCE_TITLES = {
    FR: ["Lancement du défi « {c} »", "Résultats du défi « {c} »", "Rappel : clôture du défi « {c} »"],
    EN: [
        'Launching the "{c}" challenge',
        'Results of the "{c}" challenge',
        'Reminder: the "{c}" challenge closes soon',
    ],
}

ANNOUNCE_BODIES = {
    FR: [
        "Bonjour à toutes et à tous,\n\nNous lançons le défi **{c}** pour les six prochaines semaines.\n\n- Déposez vos idées dans la catégorie Idées avec l'étiquette `defi`\n- Votez pour vos favorites avec un :heart:\n- Les trois meilleures idées seront présentées au comité innovation\n\nBonne participation à tous !"
    ],
    EN: [
        "Hello everyone,\n\nWe're launching the **{c}** challenge for the next six weeks.\n\n- Post your ideas in the Ideas category with the `challenge` tag\n- Vote for your favourites with a :heart:\n- The top three ideas will be presented to the innovation board\n\nHappy ideating!"
    ],
}

ANNOUNCE_REPLIES = {
    FR: [
        "Petit rappel : il reste une semaine pour participer, n'hésitez pas à voter !",
        "Merci pour vos nombreuses idées, le comité se réunit jeudi pour les étudier.",
    ],
    EN: [
        "Quick reminder: one week left to take part, don't forget to vote!",
        "Thanks for all your ideas, the board meets on Thursday to review them.",
    ],
}

STAFF_TOPIC_TITLES = {
    FR: ["Planning d'animation de {m}", "Bilan modération de {m}", "Préparation du comité innovation de {m}"],
    EN: ["Community plan for {m}", "Moderation notes – {m}", "Innovation board prep – {m}"],
}

STAFF_TOPIC_BODIES = {
    FR: [
        "Pour {m}, je propose de mettre en avant les idées les plus soutenues et de relancer les questions restées sans réponse. Vos avis ?"
    ],
    EN: [
        "For {m}, I suggest we highlight the most supported ideas and follow up on unanswered questions. Thoughts?"
    ],
}

STAFF_REPLIES = {
    FR: ["Ça me va. Je m'occupe des relances de questions.", "OK pour moi, on en reparle jeudi."],
    EN: [
        "Works for me. I'll take care of the unanswered questions.",
        "Fine by me, let's discuss on Thursday.",
    ],
}

PM_TITLES = {
    FR: ["À propos de ton idée sur {idea}", "Petite question en privé", "Suite à notre échange"],
    EN: ["About your idea on {idea}", "Quick private question", "Following up on our chat"],
}

PM_BODIES = {
    FR: [
        "Bonjour {first},\n\nJe me permets de te contacter en privé au sujet de {idea}. Est-ce qu'on pourrait en parler cette semaine ?"
    ],
    EN: ["Hi {first},\n\nReaching out privately about {idea}. Could we have a chat this week?"],
}

PM_REPLIES = {
    FR: [
        "Avec plaisir, je suis disponible jeudi après-midi.",
        "Merci pour le message, je reviens vers toi demain.",
    ],
    EN: ["Sure, I'm free on Thursday afternoon.", "Thanks for the message, I'll get back to you tomorrow."],
}

TAGS = {
    "idea": ["idee", "innovation", "amelioration-continue", "teletravail", "environnement", "outils", "defi"],
    "question": ["aide", "outils", "procedure", "teletravail"],
    "general": ["retour-experience", "bonnes-pratiques", "innovation", "evenement"],
    "announcement": ["annonce", "defi"],
}


@dataclass(frozen=True, slots=True)
class Trend:
    """A planted idea taking off: its vocabulary is absent from the baseline banks above."""

    key: str
    lang: str
    title: str
    body: str
    terms: tuple[str, ...]
    replies: tuple[str, ...]
    tags: tuple[str, ...]


TRENDS: tuple[Trend, ...] = (
    Trend(
        "covoiturage",
        FR,
        "Idée : une plateforme de covoiturage entre collègues",
        "Bonjour à tous,\n\nBeaucoup d'entre nous font le même trajet chaque matin, seuls dans leur voiture. "
        "Et si on lançait une plateforme de covoiturage interne pour partager nos trajets ?\n\n"
        "- moins de voitures sur le parking\n- des trajets moins chers\n- des rencontres entre équipes\n\n"
        "Qui serait partant pour tester le covoiturage ?",
        ("covoiturage", "trajets"),
        (
            "Le covoiturage, ça règlerait aussi le problème du parking plein dès 8h30.",
            "Je fais déjà du covoiturage avec deux collègues depuis Villeurbanne, on partage les trajets et les frais.",
            "Pour le covoiturage il faudrait une appli très simple pour publier ses trajets de la semaine.",
            "Est-ce que le covoiturage pourrait entrer dans le forfait mobilités durables ?",
            "Je m'inscris pour tester le covoiturage dès lundi ! Trajets depuis Vénissieux si ça intéresse quelqu'un.",
            "Super idée, le covoiturage c'est aussi bon pour notre bilan carbone.",
            "On pourrait réserver des places de parking pour le covoiturage, ça motiverait tout le monde.",
            "J'ai fait un sondage rapide dans mon équipe : huit personnes prêtes à partager leurs trajets en covoiturage.",
        ),
        ("idee", "mobilite", "covoiturage"),
    ),
    Trend(
        "jumeau-numerique",
        FR,
        "Un jumeau numérique de la ligne d'assemblage ?",
        "Bonjour,\n\nAvec l'équipe Méthodes on réfléchit à un jumeau numérique de la ligne d'assemblage : "
        "une copie virtuelle alimentée par les données machines pour faire de la simulation avant chaque "
        "changement de série.\n\nQui a déjà travaillé sur un jumeau numérique ?",
        ("jumeau numérique", "simulation"),
        (
            "Un jumeau numérique nous aurait évité l'arrêt de ligne du mois dernier, la simulation aurait montré le goulot.",
            "On pourrait coupler le jumeau numérique avec la maintenance prédictive.",
            "Attention au coût des données : un jumeau numérique sans données fiables ne sert à rien.",
            "J'ai vu une démo de jumeau numérique au salon, la simulation en temps réel était bluffante.",
            "Je suis partante pour le groupe de travail jumeau numérique, je peux apporter les données qualité.",
            "La simulation avant changement de série, c'est exactement ce qui nous manque.",
            "Est-ce qu'on commence le jumeau numérique par un seul poste pour tester ?",
        ),
        ("idee", "industrie", "jumeau-numerique"),
    ),
    Trend(
        "ia-generative",
        FR,
        "Tester l'IA générative pour rédiger nos comptes rendus",
        "Bonjour à toutes et à tous,\n\nJ'ai testé l'IA générative sur quelques comptes rendus de réunion : "
        "le gain de temps est impressionnant. Je propose un pilote encadré avec des prompts partagés et une "
        "charte d'usage.\n\nVos avis ?",
        ("IA générative", "prompts"),
        (
            "J'utilise déjà l'IA générative pour reformuler mes e-mails, c'est un vrai gain de temps.",
            "Attention à la confidentialité : pas de données clients dans les prompts !",
            "Il faudrait une bibliothèque de prompts partagés pour l'IA générative, par métier.",
            "Une charte d'usage de l'IA générative me semble indispensable avant le pilote.",
            "On a testé l'IA générative pour les comptes rendus du comité, résultat très correct après relecture.",
            "Je veux bien contribuer à la bibliothèque de prompts pour le service client.",
            "Qui s'occupe de la formation à l'IA générative ? Beaucoup de collègues sont curieux.",
        ),
        ("idee", "ia", "ia-generative"),
    ),
    Trend(
        "carpooling",
        EN,
        "Idea: carpooling for the night shift",
        "Hi all,\n\nBuses stop at 10pm, so the night shift has no option but driving alone. What about a "
        "carpooling scheme for the night shift, with a simple rota to share rides?\n\n"
        "Who would join a carpooling pilot?",
        ("carpooling", "night shift", "rides"),
        (
            "Carpooling for the night shift would be a game changer, I'd happily share rides from the north side.",
            "We could match carpooling rides with the shift rota automatically.",
            "Count me in for carpooling! Night shift rides from Eccles every weekday.",
            "Carpooling also means fewer cars in the car park at shift change.",
            "HR confirmed carpooling rides can be reimbursed through the mobility allowance.",
            "Great to see the night shift getting some attention, carpooling is the obvious fix.",
            "I set up a little form to collect carpooling rides, 12 people signed up already.",
        ),
        ("idea", "mobility", "carpooling"),
    ),
)

XSS_RAW = (
    "Test du widget de sondage : <script>alert('xss')</script> "
    '<img src="x" onerror="alert(document.cookie)"> est-ce que ça s\'affiche chez vous ?'
)
XSS_COOKED = (
    "<p>Test du widget de sondage : <script>alert('xss')</script> "
    '<img src="x" onerror="alert(document.cookie)"> est-ce que ça s’affiche chez vous ?</p>'
)


# --------------------------------------------------------------------------------------------------
# Composition helpers
# --------------------------------------------------------------------------------------------------


def ascii_fold(text: str) -> str:
    """Strip accents: usernames and slugs are ASCII on most Discourse sites."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(title: str) -> str:
    """Discourse-like slug: ASCII, lowercase, dashes; ``topic`` when nothing is left (as DC does)."""
    out = []
    for ch in ascii_fold(title).lower():
        out.append(ch if ch.isalnum() else "-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    return slug[:80].strip("-") or "topic"


def fill(template: str, rng: random.Random, lang: str, **given: str) -> str:
    """Fill a template's placeholders, drawing the ones not given from the banks."""
    values = dict(given)
    link, title_fr, title_en = rng.choice(LINKS)
    link_title = title_fr if lang == FR else title_en
    onebox_url, _ = rng.choice(ONEBOXES)
    defaults = {
        "team": lambda: rng.choice(TEAMS[lang]),
        "site": lambda: rng.choice(SITES),
        "tool": lambda: rng.choice(TOOLS[lang]),
        "menu": lambda: rng.choice(MENUS[lang]),
        "pain": lambda: rng.choice(PAINS[lang]),
        "idea": lambda: rng.choice(IDEAS[lang]),
        "greet": lambda: rng.choice(GREETINGS[lang]),
        "link": lambda: link,
        "link_title": lambda: link_title,
        "image": lambda: rng.choice(IMAGES),
        "onebox": lambda: onebox_url,
        "first": lambda: rng.choice(FIRST_NAMES[lang]),
    }
    for key, make in defaults.items():
        if "{" + key + "}" in template and key not in values:
            values[key] = make()
    return template.format(**values) if "{" in template else template


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def idea_topic(rng: random.Random, lang: str) -> tuple[str, str, list[str]]:
    idea = rng.choice(IDEAS[lang])
    title = capitalize_first(rng.choice(IDEA_TITLES[lang]).format(idea=idea))
    benefits = rng.sample(BENEFITS[lang], 3)
    body = "\n\n".join(
        [
            rng.choice(GREETINGS[lang]),
            fill(rng.choice(IDEA_CONTEXT[lang]), rng, lang),
            rng.choice(IDEA_PROPOSAL[lang]).format(idea=idea),
            "\n".join(f"- {b}" for b in benefits),
            rng.choice(IDEA_CLOSING[lang]),
        ]
    )
    return title, body, _tags(rng, "idea")


def question_topic(rng: random.Random, lang: str) -> tuple[str, str, list[str]]:
    q = rng.choice(QUESTIONS[lang])
    title = rng.choice(QUESTION_TITLES[lang]).format(q=q)
    body = fill(rng.choice(QUESTION_BODIES[lang]), rng, lang, q=q, extra=rng.choice(QUESTION_EXTRAS[lang]))
    return title, body.replace("  ", " ").replace(" \n", "\n").strip(), _tags(rng, "question")


def general_topic(rng: random.Random, lang: str) -> tuple[str, str, list[str]]:
    s = rng.choice(GENERAL_SUBJECTS[lang])
    title = capitalize_first(rng.choice(GENERAL_TITLES[lang]).format(s=s))
    extra = fill(rng.choice(GENERAL_EXTRAS[lang]), rng, lang)
    body = fill(rng.choice(GENERAL_BODIES[lang]), rng, lang, s=s, extra=extra)
    return title, body, _tags(rng, "general")


def intro_topic(rng: random.Random, lang: str, first: str) -> tuple[str, str, list[str]]:
    team, site = rng.choice(TEAMS[lang]), rng.choice(SITES)
    title = rng.choice(INTRO_TITLES[lang]).format(first=first, team=team, site=site)
    body = rng.choice(INTRO_BODIES[lang]).format(first=first, team=team, site=site)
    return title, body, []


def announcement_topic(rng: random.Random, lang: str) -> tuple[str, str, list[str]]:
    c = rng.choice(CHALLENGES[lang])
    title = rng.choice(ANNOUNCE_TITLES[lang]).format(c=c)
    return title, rng.choice(ANNOUNCE_BODIES[lang]).format(c=c), _tags(rng, "announcement")


def staff_topic(rng: random.Random, lang: str, month: int) -> tuple[str, str, list[str]]:
    m = MONTHS[lang][month - 1]
    return (
        rng.choice(STAFF_TOPIC_TITLES[lang]).format(m=m),
        rng.choice(STAFF_TOPIC_BODIES[lang]).format(m=m),
        [],
    )


def pm_topic(rng: random.Random, lang: str, first: str) -> tuple[str, str]:
    idea = rng.choice(IDEAS[lang])
    return (
        rng.choice(PM_TITLES[lang]).format(idea=idea),
        rng.choice(PM_BODIES[lang]).format(first=first, idea=idea),
    )


def _tags(rng: random.Random, kind: str) -> list[str]:
    if rng.random() < 0.35:
        return []
    return sorted(rng.sample(TAGS[kind], rng.choice([1, 1, 2])))


OP_FOLLOWUPS = {
    FR: [
        "Merci pour vos retours, ça confirme ce que je pensais.",
        "Merci à tous ! Je fais une synthèse de vos remarques pour la prochaine réunion.",
        "Bonne remarque, je n'y avais pas pensé. Je complète la proposition.",
        "Je note, on en reparle avec l'équipe la semaine prochaine.",
    ],
    EN: [
        "Thanks for the feedback, it confirms what I thought.",
        "Thanks everyone! I'll summarise your comments for the next meeting.",
        "Good point, I hadn't thought of that. I'll update the proposal.",
        "Noted, we'll discuss it with the team next week.",
    ],
}


REPLY_BANKS = {
    "op": OP_FOLLOWUPS,
    "idea": IDEA_REPLIES,
    "answer": ANSWERS,
    "thanks": THANKS,
    "self": SELF_FOLLOWUPS,
    "staff_answer": STAFF_ANSWERS,
    "staff_idea": STAFF_IDEA_REPLIES,
    "general": GENERAL_REPLIES,
    "welcome": WELCOMES,
    "announcement": ANNOUNCE_REPLIES,
    "staff": STAFF_REPLIES,
    "pm": PM_REPLIES,
}


def reply(rng: random.Random, lang: str, kind: str, *, op_first: str = "", mention: str | None = None) -> str:
    """One reply body: a sentence or two from the bank of its kind, sometimes a mention or an emoji."""
    bank = REPLY_BANKS[kind][lang]
    text = fill(rng.choice(bank), rng, lang, first=op_first or rng.choice(FIRST_NAMES[lang]))
    if kind in ("idea", "general") and rng.random() < 0.35:
        text += " " + fill(rng.choice(bank), rng, lang)
    if mention and rng.random() < 0.5:
        text = f"@{mention} {text}"
    if rng.random() < 0.06:
        text += " " + rng.choice(EMOJIS)
    return text


def full_name(rng: random.Random, lang: str) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES[lang]), rng.choice(LAST_NAMES[lang])


def username_for(rng: random.Random, first: str, last: str) -> str:
    """Realistic username shapes: first.last, firstl, first_last, flast, first + digits."""
    f = ascii_fold(first).lower().replace(" ", "").replace("'", "")
    ln = ascii_fold(last).lower().replace(" ", "").replace("'", "")
    shape = rng.randrange(6)
    if shape == 0:
        return f"{f}.{ln}"
    if shape == 1:
        return f"{f}{ln[:1]}"
    if shape == 2:
        return f"{f}_{ln}"
    if shape == 3:
        return f"{f[:1]}{ln}"
    if shape == 4:
        return f"{f}{rng.randint(1, 99)}"
    return f"{f.capitalize()}_{ln.capitalize()}"
