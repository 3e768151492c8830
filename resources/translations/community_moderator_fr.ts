<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Something went wrong inside the app ({0}). Try again; if it persists, report it.</source>
        <translation>Un problème est survenu dans l’application ({0}). Réessayez ; s’il persiste, signalez-le.</translation>
    </message>
    <message>
        <source>Accounts</source>
        <extracomment>opens a web page; tests replace it</extracomment>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Retirer…</translation>
    </message>
    <message>
        <source>No account yet. Add one to follow your own community.</source>
        <translation>Aucun compte pour l’instant. Ajoutez-en un pour suivre votre communauté.</translation>
    </message>
    <message>
        <source>The built-in practice community: nothing to sign in to.</source>
        <translation>La communauté d’entraînement intégrée : aucune connexion nécessaire.</translation>
    </message>
    <message>
        <source>{0} · signed in with a user API key</source>
        <translation>{0} · connecté avec une clé d’API utilisateur</translation>
    </message>
    <message>
        <source>{0} · admin API key</source>
        <translation>{0} · clé d’API administrateur</translation>
    </message>
    <message>
        <source>{0} · access token</source>
        <translation>{0} · jeton d’accès</translation>
    </message>
    <message>
        <source>(on this computer)</source>
        <translation>(sur cet ordinateur)</translation>
    </message>
    <message>
        <source>Enter a new &amp;key…</source>
        <translation>Saisir une nouvelle c&amp;lé…</translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation>Se rec&amp;onnecter…</translation>
    </message>
    <message>
        <source>Asking {0}…</source>
        <translation>Interrogation de {0}…</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation>La clé fonctionne.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Retrait…</translation>
    </message>
    <message>
        <source>Signed out. The local copy stays readable; sign in again to sync it.</source>
        <translation>Déconnecté. La copie locale reste lisible ; reconnectez-vous pour la synchroniser.</translation>
    </message>
    <message>
        <source>Asking {0} how to sign in…</source>
        <translation>Demande à {0} comment se connecter…</translation>
    </message>
    <message>
        <source>Confirm this code on {0}</source>
        <translation>Confirmez ce code sur {0}</translation>
    </message>
    <message>
        <source>Code to confirm: {0}</source>
        <translation>Code à confirmer : {0}</translation>
    </message>
    <message>
        <source>Confirmed. Checking the account…</source>
        <translation>Confirmé. Vérification du compte…</translation>
    </message>
    <message>
        <source>Waiting for your confirmation… the code expires in {0}:{1:02d}.</source>
        <translation>En attente de votre confirmation… le code expire dans {0}:{1:02d}.</translation>
    </message>
    <message>
        <source>Checking the account…</source>
        <translation>Vérification du compte…</translation>
    </message>
    <message>
        <source>Keep the key in memory for this session only? It is never written to a file; you will have to sign in again after quitting the app.</source>
        <translation>Garder la clé en mémoire pour cette session seulement ? Elle n’est jamais écrite dans un fichier ; vous devrez vous reconnecter après avoir quitté l’application.</translation>
    </message>
    <message>
        <source>No keyring</source>
        <translation>Pas de trousseau</translation>
    </message>
    <message>
        <source>{0}: new key saved</source>
        <translation>{0} : nouvelle clé enregistrée</translation>
    </message>
    <message>
        <source>{0} is ready</source>
        <translation>{0} est prête</translation>
    </message>
    <message>
        <source>The key is in this computer&apos;s keyring.</source>
        <translation>La clé est dans le trousseau de cet ordinateur.</translation>
    </message>
    <message>
        <source>The key is kept in memory until you quit the app (no keyring on this computer).</source>
        <translation>La clé est gardée en mémoire jusqu’à la fermeture de l’application (pas de trousseau sur cet ordinateur).</translation>
    </message>
    <message>
        <source>Its topics and members arrive with the next sync.</source>
        <translation>Ses sujets et ses membres arriveront à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Sign in again to {0}: the app has no key for it on this computer (it was kept for one session only, or the keyring was emptied).</source>
        <translation>Reconnectez-vous à {0} : l’application n’a pas de clé pour elle sur cet ordinateur (elle n’était gardée que pour une session, ou le trousseau a été vidé).</translation>
    </message>
    <message>
        <source>Fill in every field.</source>
        <translation>Remplissez tous les champs.</translation>
    </message>
    <message>
        <source>Fill in: {0}.</source>
        <translation>Remplissez : {0}.</translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>Practice community, on this computer</source>
        <translation>Communauté d’entraînement, sur cet ordinateur</translation>
    </message>
</context>
<context>
    <name>AnswerersPane</name>
    <message>
        <source>Who could answer this?</source>
        <translation>Qui pourrait répondre ?</translation>
    </message>
    <message>
        <source>Who could answer “%1”?</source>
        <translation>Qui pourrait répondre à « %1 » ?</translation>
    </message>
    <message>
        <source>From what members wrote in the local copy: similar topics they answered, the same category and tags, how recently they were active, and how often they were already asked.</source>
        <translation>D’après ce que les membres ont écrit dans la copie locale : les sujets semblables auxquels ils ont répondu, la même catégorie et les mêmes étiquettes, leur activité récente, et combien de fois on les a déjà sollicités.</translation>
    </message>
    <message>
        <source>Suggested members</source>
        <translation>Membres suggérés</translation>
    </message>
    <message>
        <source>Looking for members who could answer…</source>
        <translation>Recherche des membres qui pourraient répondre…</translation>
    </message>
    <message>
        <source>Include members asked in the last 30 days</source>
        <translation>Inclure les membres sollicités ces 30 derniers jours</translation>
    </message>
    <message>
        <source>Private invitation  p</source>
        <translation>Invitation privée  p</translation>
    </message>
    <message>
        <source>@mention reply  @</source>
        <translation>Réponse avec @mention  @</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The suggestions could not be computed: %1</source>
        <translation>Les suggestions n’ont pas pu être calculées : %1</translation>
    </message>
    <message>
        <source>(asked recently)</source>
        <translation>(sollicité récemment)</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>p: invite privately · @: mention in a reply · j/k: move</source>
        <translation>p : inviter en privé · @ : mentionner dans une réponse · j/k : se déplacer</translation>
    </message>
    <message>
        <source>Nobody in the local copy wrote about this yet. Sync, or tick the box to include members asked recently.</source>
        <translation>Personne n’a encore écrit à ce sujet dans la copie locale. Synchronisez, ou cochez la case pour inclure les membres sollicités récemment.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close this message</source>
        <translation>Fermer ce message</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Save this chart as a picture</source>
        <translation>Enregistrer ce graphique comme image</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Save the figures of this chart as a CSV file</source>
        <translation>Enregistrer les chiffres de ce graphique dans un fichier CSV</translation>
    </message>
    <message>
        <source>No figures for this period yet.</source>
        <translation>Pas encore de chiffres pour cette période.</translation>
    </message>
    <message>
        <source>Point at a period, or use the arrow keys on the chart, to read its figures.</source>
        <translation>Pointez une période, ou utilisez les flèches sur le graphique, pour lire ses chiffres.</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>The picture could not be written. Choose another folder.</source>
        <translation>L’image n’a pas pu être enregistrée. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Chart saved to %1.</source>
        <translation>Graphique enregistré dans %1.</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Rien à exporter pour l’instant.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>The CSV file could not be written (%1). Choose another folder.</source>
        <translation>Le fichier CSV n’a pas pu être enregistré (%1). Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Figures saved to %1.</source>
        <translation>Chiffres enregistrés dans %1.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>pas de données</translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>modérateur</translation>
    </message>
    <message>
        <source>member, not staff</source>
        <translation>membre, hors équipe</translation>
    </message>
    <message>
        <source>Acts as @{0}{1}, {2}</source>
        <translation>Agit en tant que @{0}{1}, {2}</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>sur cet ordinateur</translation>
    </message>
    <message>
        <source>on {0} · {1}</source>
        <translation>sur {0} · {1}</translation>
    </message>
    <message>
        <source>Staff: sees the review queue and every category it moderates</source>
        <translation>Équipe : voit la file de modération et chaque catégorie qu’il modère</translation>
    </message>
    <message>
        <source>Reading statistics (posts read, days visited)</source>
        <translation>Statistiques de lecture (messages lus, jours de visite)</translation>
    </message>
    <message>
        <source>Every member, with private statistics</source>
        <translation>Tous les membres, avec leurs statistiques privées</translation>
    </message>
    <message>
        <source>Only the public member directory (staff see everyone)</source>
        <translation>Seulement l’annuaire public des membres (l’équipe voit tout le monde)</translation>
    </message>
    <message>
        <source>Can post replies</source>
        <translation>Peut publier des réponses</translation>
    </message>
    <message>
        <source>Private messages of this account</source>
        <translation>Messages privés de ce compte</translation>
    </message>
    <message>
        <source>Every member, with their last visit</source>
        <translation>Tous les membres, avec leur dernière visite</translation>
    </message>
    <message>
        <source>Only the members seen writing (administrators see everyone)</source>
        <translation>Seulement les membres vus en train d’écrire (les administrateurs voient tout le monde)</translation>
    </message>
</context>
<context>
    <name>CommunitySettingsDialog</name>
    <message>
        <source>Settings of {0}</source>
        <translation>Paramètres de {0}</translation>
    </message>
    <message>
        <source>&amp;Unanswered</source>
        <translation>&amp;Sans réponse</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>É&amp;quipe</translation>
    </message>
    <message>
        <source>&amp;Ideas</source>
        <translation>&amp;Idées</translation>
    </message>
    <message>
        <source>&amp;Silent members</source>
        <translation>&amp;Membres silencieux</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Nobody but the author has replied</source>
        <translation>Personne d’autre que l’auteur n’a répondu</translation>
    </message>
    <message>
        <source>The last word is not from the animation team</source>
        <translation>Le dernier mot ne vient pas de l’équipe d’animation</translation>
    </message>
    <message>
        <source>A question not marked as solved</source>
        <translation>Une question non marquée comme résolue</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Filter categories</source>
        <translation>Filtrer les catégories</translation>
    </message>
    <message>
        <source>No categories yet: sync first.</source>
        <translation>Pas encore de catégories : synchronisez d’abord.</translation>
    </message>
    <message>
        <source>A topic is &amp;unanswered when:</source>
        <translation>&amp;Un sujet est sans réponse quand :</translation>
    </message>
    <message>
        <source>Turns &amp;amber after:</source>
        <translation>Passe à l’&amp;orange après :</translation>
    </message>
    <message>
        <source>Turns &amp;red after:</source>
        <translation>Passe au &amp;rouge après :</translation>
    </message>
    <message>
        <source>S&amp;ync every:</source>
        <translation>Synchroniser &amp;toutes les :</translation>
    </message>
    <message>
        <source>Announcement categories are never listed as unanswered:</source>
        <translation>Les catégories d’annonces ne sont jamais listées comme sans réponse :</translation>
    </message>
    <message>
        <source>Administrators and moderators always count as the team. Tick the other members who animate this community: their replies count as answers.</source>
        <translation>Les administrateurs et modérateurs font toujours partie de l’équipe. Cochez les autres membres qui animent cette communauté : leurs messages comptent comme des réponses.</translation>
    </message>
    <message>
        <source>Filter members</source>
        <translation>Filtrer les membres</translation>
    </message>
    <message>
        <source>No members yet: sync first.</source>
        <translation>Pas encore de membres : synchronisez d’abord.</translation>
    </message>
    <message>
        <source>Trending ideas looks only at these categories and tags (everywhere when none is ticked).</source>
        <translation>« Idées qui montent » ne regarde que ces catégories et étiquettes (partout si aucune n’est cochée).</translation>
    </message>
    <message>
        <source>Filter tags</source>
        <translation>Filtrer les étiquettes</translation>
    </message>
    <message>
        <source>No tags in the local copy.</source>
        <translation>Aucune étiquette dans la copie locale.</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>Catégories :</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Étiquettes :</translation>
    </message>
    <message>
        <source>Gone quiet: posted at least N times in the active window, then nothing.</source>
        <translation>Devenus silencieux : ont publié au moins N fois pendant la fenêtre d’activité, puis plus rien.</translation>
    </message>
    <message>
        <source>Active &amp;window:</source>
        <translation>&amp;Fenêtre d’activité :</translation>
    </message>
    <message>
        <source>&amp;Quiet for:</source>
        <translation>Sans message &amp;pendant :</translation>
    </message>
    <message>
        <source>At least &amp;N posts:</source>
        <translation>Au moins &amp;N messages :</translation>
    </message>
    <message>
        <source>Newcomers: joined recently and not posted yet.</source>
        <translation>Nouveaux venus : inscrits récemment, sans message pour l’instant.</translation>
    </message>
    <message>
        <source>&amp;Joined within:</source>
        <translation>Inscrits depuis moins &amp;de :</translation>
    </message>
    <message>
        <source>Not saved: {0}.</source>
        <translation>Non enregistré : {0}.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Topic %1</source>
        <extracomment>the reply went to the outbox: its id (the window also hears ``reply_events().reply_queued``) the preview shows the current text (tests wait on it)</extracomment>
        <translation>Sujet %1</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>Réponse : %1</translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation>Brouillon restauré</translation>
    </message>
    <message>
        <source>Reply to “%1”</source>
        <translation>Répondre à « %1 »</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Envoyer quand même</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Texte de la réponse</translation>
    </message>
    <message>
        <source>Write your reply. Markdown works: **bold**, *italic*, &gt; quote, - list. Type @ to mention someone.</source>
        <translation>Écrivez votre réponse. Markdown fonctionne : **gras**, *italique*, &gt; citation, - liste. Tapez @ pour mentionner quelqu’un.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Saved replies ▾</source>
        <translation>Réponses enregistrées ▾</translation>
    </message>
    <message>
        <source>Insert a saved reply</source>
        <translation>Insérer une réponse enregistrée</translation>
    </message>
    <message>
        <source>Quote selection</source>
        <translation>Citer la sélection</translation>
    </message>
    <message>
        <source>Quote the text selected in the posts above</source>
        <translation>Citer le texte sélectionné dans les messages ci-dessus</translation>
    </message>
    <message>
        <source>Reply to the topic instead</source>
        <translation>Répondre plutôt au sujet</translation>
    </message>
    <message>
        <source>Close  Esc</source>
        <translation>Fermer  Échap</translation>
    </message>
    <message>
        <source>Close; the draft is kept</source>
        <translation>Fermer ; le brouillon est conservé</translation>
    </message>
    <message>
        <source>Send  Ctrl+Enter</source>
        <translation>Envoyer  Ctrl+Entrée</translation>
    </message>
    <message>
        <source>Put the reply in the Outbox; it is sent as soon as the community is reachable</source>
        <translation>Placer la réponse dans la boîte d’envoi ; elle part dès que la communauté est joignable</translation>
    </message>
    <message>
        <source>%1 characters · at least %2 to send</source>
        <translation>%1 caractères · au moins %2 pour envoyer</translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation>%1 caractères</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>Brouillon enregistré</translation>
    </message>
    <message>
        <source>Select some text in the posts above first, then Quote selection.</source>
        <translation>Sélectionnez d’abord du texte dans les messages ci-dessus, puis Citer la sélection.</translation>
    </message>
    <message>
        <source>In reply to @%1 (#%2)</source>
        <translation>En réponse à @%1 (#%2)</translation>
    </message>
    <message>
        <source>In reply to #%1</source>
        <translation>En réponse à #%1</translation>
    </message>
    <message>
        <source>Manage saved replies…</source>
        <translation>Gérer les réponses enregistrées…</translation>
    </message>
    <message>
        <source>This topic is closed: only staff can still reply. Your reply will wait in the Outbox.</source>
        <translation>Ce sujet est fermé : seule l’équipe peut encore répondre. Votre réponse attendra dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>Replies need at least %1 characters; this one has %2.</source>
        <translation>Une réponse doit faire au moins %1 caractères ; celle-ci en a %2.</translation>
    </message>
    <message>
        <source>1 new reply arrived since you started writing (marked “new” above). Send anyway?</source>
        <translation>1 nouvelle réponse est arrivée depuis que vous avez commencé à écrire (marquée « nouveau » ci-dessus). Envoyer quand même ?</translation>
    </message>
    <message>
        <source>%1 new replies arrived since you started writing (marked “new” above). Send anyway?</source>
        <translation>%1 nouvelles réponses sont arrivées depuis que vous avez commencé à écrire (marquées « nouveau » ci-dessus). Envoyer quand même ?</translation>
    </message>
    <message>
        <source>This topic is closed: only staff can reply. Send anyway?</source>
        <translation>Ce sujet est fermé : seule l’équipe peut répondre. Envoyer quand même ?</translation>
    </message>
    <message>
        <source>The preview of your reply appears here.</source>
        <translation>L’aperçu de votre réponse s’affiche ici.</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Something unexpected happened and was stopped. Your communities and drafts are safe; you can keep working. If it happens again, restart the app.</source>
        <translation>Un problème inattendu est survenu et a été arrêté. Vos communautés et vos brouillons sont en sécurité ; vous pouvez continuer à travailler. Si cela se reproduit, redémarrez l’application.</translation>
    </message>
    <message>
        <source>The details were saved for a bug report in:</source>
        <translation>Les détails ont été enregistrés pour un rapport de bogue dans :</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Short name</source>
        <translation>Nom court</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>Adresse du site</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>Short &amp;name:</source>
        <translation>Nom &amp;court :</translation>
    </message>
    <message>
        <source>&amp;Site address:</source>
        <translation>Adresse du &amp;site :</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nom d’&amp;utilisateur :</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Ask the site who the app acts as and what it can see</source>
        <translation>Demander au site au nom de qui l’application agit et ce qu’elle peut voir</translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation>Se rec&amp;onnecter…</translation>
    </message>
    <message>
        <source>Community se&amp;ttings…</source>
        <translation>&amp;Paramètres de la communauté…</translation>
    </message>
    <message>
        <source>Sa&amp;ve changes</source>
        <translation>&amp;Enregistrer les modifications</translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <source>Confirm this code on the site</source>
        <translation>Confirmez ce code sur le site</translation>
    </message>
    <message>
        <source>Open the confirmation page, sign in there if asked, and check that it shows this code:</source>
        <translation>Ouvrez la page de confirmation, connectez-vous si on vous le demande, et vérifiez qu’elle affiche ce code :</translation>
    </message>
    <message>
        <source>&amp;Open the confirmation page</source>
        <translation>&amp;Ouvrir la page de confirmation</translation>
    </message>
    <message>
        <source>&amp;Copy the code</source>
        <translation>&amp;Copier le code</translation>
    </message>
    <message>
        <source>Use the approval page instead</source>
        <translation>Utiliser plutôt la page d’autorisation</translation>
    </message>
    <message>
        <source>&amp;Start again</source>
        <translation>Reco&amp;mmencer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DraftsModel</name>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation>Sujet %1</translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>No drafts</source>
        <translation>Aucun brouillon</translation>
    </message>
    <message>
        <source>Nothing half-written. What you start in the composer is kept here until you send it.</source>
        <translation>Rien d’inachevé. Ce que vous commencez dans l’éditeur de réponse est gardé ici jusqu’à l’envoi.</translation>
    </message>
    <message>
        <source>Draft for “%1” deleted.</source>
        <translation>Brouillon pour « %1 » supprimé.</translation>
    </message>
    <message>
        <source>Draft deleted. Press z to undo.</source>
        <translation>Brouillon supprimé. Appuyez sur z pour annuler.</translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s) kept, as listed here</source>
        <translation>
            <numerusform>%n brouillon conservé, comme listé ici</numerusform>
            <numerusform>%n brouillons conservés, comme listés ici</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Test and add</source>
        <translation>&amp;Vérifier et ajouter</translation>
    </message>
</context>
<context>
    <name>InsightModels</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n j</numerusform>
            <numerusform>%n j</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mo</source>
        <translation>
            <numerusform>%n mois</numerusform>
            <numerusform>%n mois</numerusform>
        </translation>
    </message>
    <message>
        <source>calm</source>
        <translation>calme</translation>
    </message>
    <message>
        <source>waiting long (amber)</source>
        <translation>attente longue (orange)</translation>
    </message>
    <message>
        <source>waiting too long (red)</source>
        <translation>attente trop longue (rouge)</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>Gone quiet</source>
        <translation>Devenu silencieux</translation>
    </message>
    <message>
        <source>Newcomer</source>
        <translation>Nouveau venu</translation>
    </message>
</context>
<context>
    <name>InsightView</name>
    <message>
        <source>Community</source>
        <extracomment>the object name and accessible name of the table, set by subclasses</extracomment>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Show one community, or all of them</source>
        <translation>Afficher une communauté, ou toutes</translation>
    </message>
    <message>
        <source>Filter  /</source>
        <translation>Filtrer  /</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Nothing here</source>
        <translation>Rien ici</translation>
    </message>
    <message>
        <source>This list could not be read from the local copy (%1). Press F5 to try again.</source>
        <translation>Impossible de lire cette liste dans la copie locale (%1). Appuyez sur F5 pour réessayer.</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Toutes les communautés</translation>
    </message>
    <message>
        <source>This list could not be computed</source>
        <translation>Impossible de calculer cette liste</translation>
    </message>
    <message>
        <source>%1. Press F5 to sync and try again; details are in the log.</source>
        <translation>%1. Appuyez sur F5 pour synchroniser et réessayer ; les détails sont dans le journal.</translation>
    </message>
    <message>
        <source>Reading the local copy…</source>
        <translation>Lecture de la copie locale…</translation>
    </message>
    <message>
        <source>Nothing matches “%1”</source>
        <translation>Rien ne correspond à « %1 »</translation>
    </message>
    <message>
        <source>Check the spelling, or press Esc to clear the filter.</source>
        <translation>Vérifiez l’orthographe, ou appuyez sur Échap pour effacer le filtre.</translation>
    </message>
    <message>
        <source>Nothing in %1</source>
        <translation>Rien dans %1</translation>
    </message>
    <message>
        <source>Choose All communities to see the others.</source>
        <translation>Choisissez Toutes les communautés pour voir les autres.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Community Moderator</source>
        <translation>Community Moderator</translation>
    </message>
    <message>
        <source>This view comes with a next version of the app. Meanwhile, every topic is in All communities.</source>
        <translation>Cette vue arrive dans une prochaine version. En attendant, tous les sujets sont dans Toutes les communautés.</translation>
    </message>
    <message>
        <source>This is a practice community. Add your own in Accounts.</source>
        <translation>Ceci est une communauté d’entraînement. Ajoutez la vôtre dans Comptes.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Stopping the sync; what was fetched is kept.</source>
        <translation>Arrêt de la synchronisation ; ce qui a été récupéré est conservé.</translation>
    </message>
    <message>
        <source>%1 cannot be reached. You are reading the local copy from %2; the app will try again by itself.</source>
        <translation>%1 est injoignable. Vous lisez la copie locale d’%2 ; l’application réessaiera d’elle-même.</translation>
    </message>
    <message>
        <source>%1 cannot be reached and has no local copy yet; the app will try again by itself.</source>
        <translation>%1 est injoignable et n’a pas encore de copie locale ; l’application réessaiera d’elle-même.</translation>
    </message>
    <message>
        <source>%1 synced: %2 topics updated</source>
        <translation>%1 synchronisée : %2 sujets mis à jour</translation>
    </message>
    <message>
        <source>Something went wrong in the background (%1); details are in the log.</source>
        <translation>Un problème est survenu en arrière-plan (%1) ; les détails sont dans le journal.</translation>
    </message>
    <message>
        <source>Opened in your browser.</source>
        <translation>Ouvert dans votre navigateur.</translation>
    </message>
    <message>
        <source>Could not open the topic in the browser: %1</source>
        <translation>Impossible d’ouvrir le sujet dans le navigateur : %1</translation>
    </message>
    <message>
        <source>Community Moderator helps animators and moderators of online communities see what waits for an answer, who went quiet and what is rising. Your data stays on this computer.</source>
        <translation>Community Moderator aide les animateurs, animatrices et modérateurs de communautés en ligne à voir ce qui attend une réponse, qui est devenu silencieux et ce qui monte. Vos données restent sur cet ordinateur.</translation>
    </message>
    <message>
        <source>About Community Moderator</source>
        <translation>À propos de Community Moderator</translation>
    </message>
    <message>
        <source>Quit now?</source>
        <translation>Quitter maintenant ?</translation>
    </message>
    <message>
        <source>Replies waiting</source>
        <translation>Réponses en attente</translation>
    </message>
    <message>
        <source>Sign in again to %1: the app has no working key for it on this computer.</source>
        <translation>Reconnectez-vous à %1 : l’application n’a pas de clé valable pour elle sur cet ordinateur.</translation>
    </message>
    <message>
        <source>This view has no such action; the keyboard shortcuts are under ?.</source>
        <translation>Cette vue n’a pas cette action ; les raccourcis clavier sont sous ?.</translation>
    </message>
    <message>
        <source>&amp;Sign in again…</source>
        <translation>Se &amp;reconnecter…</translation>
    </message>
    <message>
        <source>Community Moderator %1</source>
        <translation>Community Moderator %1</translation>
    </message>
    <message>
        <source>Python %1 · Qt %2 · data in %3</source>
        <translation>Python %1 · Qt %2 · données dans %3</translation>
    </message>
    <message>
        <source>Select a topic to reply to (j / k), then press r.</source>
        <translation>Choisissez un sujet auquel répondre (j / k), puis appuyez sur r.</translation>
    </message>
    <message>
        <source>Add a community first (Community → Accounts…).</source>
        <translation>Ajoutez d’abord une communauté (Communauté → Comptes…).</translation>
    </message>
    <message>
        <source>Reminder set.</source>
        <translation>Rappel programmé.</translation>
    </message>
    <message>
        <source>Private message queued, will be sent when online.</source>
        <translation>Message privé en attente, il partira dès que la connexion sera là.</translation>
    </message>
    <message>
        <source>Select a topic (j / k), then press w to see who could answer it.</source>
        <translation>Choisissez un sujet (j / k), puis appuyez sur w pour voir qui pourrait y répondre.</translation>
    </message>
</context>
<context>
    <name>MemberCard</name>
    <message>
        <source>Remind me  m</source>
        <translation>Me le rappeler  m</translation>
    </message>
    <message>
        <source>Remind me</source>
        <translation>Me le rappeler</translation>
    </message>
    <message>
        <source>Come back to this member later (m)</source>
        <translation>Revenir à ce membre plus tard (m)</translation>
    </message>
    <message>
        <source>Their last topics</source>
        <translation>Ses derniers sujets</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Inscription</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Dernière visite</translation>
    </message>
    <message>
        <source>Posts read</source>
        <translation>Messages lus</translation>
    </message>
    <message>
        <source>Last posted</source>
        <translation>Dernier message</translation>
    </message>
    <message>
        <source>Days visited</source>
        <translation>Jours de visite</translation>
    </message>
    <message>
        <source>Likes given</source>
        <translation>J’aime donnés</translation>
    </message>
    <message>
        <source>Trust level</source>
        <translation>Niveau de confiance</translation>
    </message>
    <message>
        <source>This member is gone</source>
        <translation>Ce membre n’existe plus</translation>
    </message>
    <message>
        <source>@%1 is no longer in the local copy.</source>
        <translation>@%1 n’est plus dans la copie locale.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>non communiqué</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Membre %1</translation>
    </message>
    <message>
        <source>No post of theirs in the local copy.</source>
        <translation>Aucun de ses messages dans la copie locale.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Private nudge</source>
        <translation>Petit mot privé</translation>
    </message>
    <message>
        <source>Write a private nudge</source>
        <translation>Écrire un petit mot privé</translation>
    </message>
    <message>
        <source>A private message for this member only, worded for who they are</source>
        <translation>Un message privé pour ce membre seulement, écrit pour lui</translation>
    </message>
    <message>
        <source>Never nudged nor invited from this app</source>
        <translation>Jamais relancé ni invité depuis cette application</translation>
    </message>
    <message>
        <source>private message</source>
        <translation>message privé</translation>
    </message>
    <message>
        <source>@mention reply</source>
        <translation>réponse avec @mention</translation>
    </message>
    <message>
        <source>text copied</source>
        <translation>texte copié</translation>
    </message>
    <message>
        <source>Invited %1 (%2)</source>
        <translation>Invité %1 (%2)</translation>
    </message>
    <message>
        <source>Nudged %1 (%2)</source>
        <translation>Relancé %1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n nudge(s) and invitation(s) in all</source>
        <translation>
            <numerusform>%n relance ou invitation en tout</numerusform>
            <numerusform>%n relances et invitations en tout</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggested next step: %1</source>
        <translation>Prochaine étape suggérée : %1</translation>
    </message>
</context>
<context>
    <name>NudgeComposer</name>
    <message>
        <source>Private message to @%1</source>
        <translation>Message privé à @%1</translation>
    </message>
    <message>
        <source>Private message — only @%1 will see it</source>
        <translation>Message privé — seul @%1 le verra</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À :</translation>
    </message>
    <message>
        <source>Title of the private message</source>
        <translation>Titre du message privé</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titre :</translation>
    </message>
    <message>
        <source>Saved text</source>
        <translation>Texte enregistré</translation>
    </message>
    <message>
        <source>Language of the message</source>
        <translation>Langue du message</translation>
    </message>
    <message>
        <source>Saved text:</source>
        <translation>Texte enregistré :</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Text of the private message</source>
        <translation>Texte du message privé</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copier le texte</translation>
    </message>
    <message>
        <source>Keep as my saved text</source>
        <translation>Garder comme mon texte enregistré</translation>
    </message>
    <message>
        <source>Use this title and text for this kind of member and language from now on</source>
        <translation>Utiliser désormais ce titre et ce texte pour ce type de membre et cette langue</translation>
    </message>
    <message>
        <source>Queue private message  Ctrl+Enter</source>
        <translation>Mettre le message privé en attente d’envoi  Ctrl+Entrée</translation>
    </message>
    <message>
        <source>Queue private message</source>
        <translation>Mettre le message privé en attente d’envoi</translation>
    </message>
    <message>
        <source>Reader who never posted: an easy first step</source>
        <translation>Lecteur qui n’a jamais publié : un premier pas facile</translation>
    </message>
    <message>
        <source>Gone quiet: what they used to bring</source>
        <translation>Devenu silencieux : ce qu’il apportait</translation>
    </message>
    <message>
        <source>Newcomer: a welcome</source>
        <translation>Nouveau venu : un mot d’accueil</translation>
    </message>
    <message>
        <source>Invitation to answer this question</source>
        <translation>Invitation à répondre à cette question</translation>
    </message>
    <message>
        <source>French</source>
        <translation>français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>anglais</translation>
    </message>
    <message>
        <source>Written in %1, as you chose.</source>
        <translation>Écrit en %1, comme vous l’avez choisi.</translation>
    </message>
    <message>
        <source>Written in %1, the language of @%2&apos;s posts.</source>
        <translation>Écrit en %1, la langue des messages de @%2.</translation>
    </message>
    <message>
        <source>Written in %1, the community&apos;s language (its settings).</source>
        <translation>Écrit en %1, la langue de la communauté (ses paramètres).</translation>
    </message>
    <message>
        <source>Written in %1, the language most posts of this community use.</source>
        <translation>Écrit en %1, la langue de la plupart des messages de cette communauté.</translation>
    </message>
    <message>
        <source>Written in %1, the app&apos;s language: nothing tells the member&apos;s.</source>
        <translation>Écrit en %1, la langue de l’application : rien n’indique celle du membre.</translation>
    </message>
    <message>
        <source>@%1 was already nudged %2: sending again will ask you to confirm.</source>
        <translation>@%1 a déjà été relancé %2 : un nouvel envoi vous demandera confirmation.</translation>
    </message>
    <message>
        <source>Replace the text you edited with the saved text?</source>
        <translation>Remplacer le texte que vous avez modifié par le texte enregistré ?</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Gardé</translation>
    </message>
    <message>
        <source>Give the private message a title and a text before sending it.</source>
        <translation>Donnez un titre et un texte au message privé avant de l’envoyer.</translation>
    </message>
    <message>
        <source>@%1 was already nudged %2. Send this one anyway?</source>
        <translation>@%1 a déjà été relancé %2. Envoyer celui-ci quand même ?</translation>
    </message>
    <message>
        <source>First line of the private message</source>
        <translation>Première ligne du message privé</translation>
    </message>
    <message>
        <source>First line:</source>
        <translation>Première ligne :</translation>
    </message>
    <message>
        <source>%1 direct messages have no title: this line is sent as the first line of the message.</source>
        <translation>Les messages directs de %1 n’ont pas de titre : cette ligne est envoyée comme première ligne du message.</translation>
    </message>
    <message>
        <source>This community does not let the app send private messages. Copy the text and send it to @%1 yourself; the app will remember it as copied.</source>
        <translation>Cette communauté ne permet pas à l’application d’envoyer des messages privés. Copiez le texte et envoyez-le vous-même à @%1 ; l’application s’en souviendra comme copié.</translation>
    </message>
    <message>
        <source>Give the private message a first line and a text before sending it.</source>
        <translation>Donnez une première ligne et un texte au message privé avant de l’envoyer.</translation>
    </message>
    <message>
        <source>The app does not know yet whether this site lets it send private messages: sync the community, then open this again. Meanwhile, copy the text and send it to @%1 yourself; the app will remember it as copied.</source>
        <translation>L’application ne sait pas encore si ce site lui permet d’envoyer des messages privés : synchronisez la communauté, puis rouvrez cette fenêtre. En attendant, copiez le texte et envoyez-le vous-même à @%1 ; l’application s’en souviendra comme copié.</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Écrite</translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation>Sujet %1</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Pas encore envoyée</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Envoyer maintenant</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>The Outbox is empty</source>
        <translation>La boîte d’envoi est vide</translation>
    </message>
    <message>
        <source>Replies you send wait here until the community has them; nothing is waiting now.</source>
        <translation>Les réponses que vous envoyez attendent ici jusqu’à ce que la communauté les reçoive ; rien n’attend pour l’instant.</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Envoyer quand même</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Read them, then Edit or Send anyway.</source>
        <translation>Lisez-les, puis Modifier ou Envoyer quand même.</translation>
    </message>
    <message>
        <source>Edit it, then send it again.</source>
        <translation>Modifiez-la, puis renvoyez-la.</translation>
    </message>
    <message>
        <source>Sending is not available here.</source>
        <translation>L’envoi n’est pas disponible ici.</translation>
    </message>
    <message numerus="yes">
        <source>%n repl(ies) not sent yet (sent ones stay listed for a while)</source>
        <translation>
            <numerusform>%n réponse pas encore envoyée (les envoyées restent listées un moment)</numerusform>
            <numerusform>%n réponses pas encore envoyées (les envoyées restent listées un moment)</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from this list</source>
        <translation>Retirer de cette liste</translation>
    </message>
    <message>
        <source>Only removes it from the Outbox on this computer; the reply stays on the site (z undoes)</source>
        <translation>La retire seulement de la boîte d’envoi de cet ordinateur ; la réponse reste sur le site (z annule)</translation>
    </message>
    <message>
        <source>Delete unsent reply</source>
        <translation>Supprimer la réponse non envoyée</translation>
    </message>
    <message>
        <source>Deletes this reply before it is sent: nothing reaches the site (z undoes)</source>
        <translation>Supprime cette réponse avant son envoi : rien n’arrive sur le site (z annule)</translation>
    </message>
    <message>
        <source>Reply to “%1” removed from this list; it stays on the site.</source>
        <translation>Réponse à « %1 » retirée de cette liste ; elle reste sur le site.</translation>
    </message>
    <message>
        <source>Unsent reply to “%1” deleted; nothing was posted.</source>
        <translation>Réponse non envoyée à « %1 » supprimée ; rien n’a été publié.</translation>
    </message>
</context>
<context>
    <name>ParticipationChart</name>
    <message>
        <source>Participation</source>
        <translation>Participation</translation>
    </message>
    <message>
        <source>Heavy contributors</source>
        <translation>Gros contributeurs</translation>
    </message>
    <message>
        <source>Contributors</source>
        <translation>Contributeurs</translation>
    </message>
    <message>
        <source>Only read</source>
        <translation>Lisent seulement</translation>
    </message>
    <message>
        <source>Never seen reading</source>
        <translation>Jamais vus lire</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Membres</translation>
    </message>
    <message>
        <source>Typical 1 / 9 / 90</source>
        <translation>Typique 1 / 9 / 90</translation>
    </message>
    <message>
        <source>No members yet</source>
        <translation>Pas encore de membres</translation>
    </message>
    <message>
        <source>&lt;1%</source>
        <translation>&lt;1 %</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>No members in the local copy yet: they arrive with the sync.</source>
        <translation>Pas encore de membres dans la copie locale : ils arrivent avec la synchronisation.</translation>
    </message>
    <message>
        <source>%1 of the %2 members ever published (%3); %4 only read (%5).</source>
        <translation>%1 des %2 membres ont déjà publié (%3) ; %4 lisent seulement (%5).</translation>
    </message>
    <message>
        <source>%1 were never seen reading (%2).</source>
        <translation>%1 n’ont jamais été vus en train de lire (%2).</translation>
    </message>
    <message>
        <source>90-9-1 here: %1 lurkers, %2 contributors, %3 heavy contributors — %4 people who wrote %5 of all posts.</source>
        <translation>Le 90-9-1 ici : %1 de lecteurs, %2 de contributeurs, %3 de gros contributeurs — %4 personnes qui ont écrit %5 de tous les messages.</translation>
    </message>
</context>
<context>
    <name>PastePage</name>
    <message>
        <source>Approve the app on the site</source>
        <translation>Autorisez l’application sur le site</translation>
    </message>
    <message>
        <source>1. Open the approval page, sign in there if asked, and click Authorize.</source>
        <translation>1. Ouvrez la page d’autorisation, connectez-vous si on vous le demande, puis cliquez sur Autoriser.</translation>
    </message>
    <message>
        <source>&amp;Open the approval page</source>
        <translation>&amp;Ouvrir la page d’autorisation</translation>
    </message>
    <message>
        <source>&amp;Copy its address</source>
        <translation>&amp;Copier son adresse</translation>
    </message>
    <message>
        <source>2. The site then shows a block of text. Copy all of it and paste it here:</source>
        <translation>2. Le site affiche alors un bloc de texte. Copiez-le en entier et collez-le ici :</translation>
    </message>
    <message>
        <source>Text from the approval page</source>
        <translation>Texte de la page d’autorisation</translation>
    </message>
    <message>
        <source>Paste the text from the approval page</source>
        <translation>Collez le texte de la page d’autorisation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Finish signing in</source>
        <translation>&amp;Terminer la connexion</translation>
    </message>
</context>
<context>
    <name>PlannedView</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>late</source>
        <translation>en retard</translation>
    </message>
    <message>
        <source>Planned post</source>
        <translation>Publication prévue</translation>
    </message>
    <message>
        <source>To approve (a)</source>
        <translation>À approuver (a)</translation>
    </message>
    <message>
        <source>Recurring post</source>
        <translation>Publication récurrente</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Planned post cancelled.</source>
        <translation>Publication prévue annulée.</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planifié</translation>
    </message>
    <message>
        <source>Nothing planned</source>
        <translation>Rien de planifié</translation>
    </message>
    <message>
        <source>Write a topic (n) and choose Send later, or add a recurring post: they appear here with your reminders.</source>
        <translation>Rédigez un sujet (n) et choisissez « Envoyer plus tard », ou ajoutez une publication récurrente : ils apparaissent ici avec vos rappels.</translation>
    </message>
    <message>
        <source>Approve  a</source>
        <translation>Approuver  a</translation>
    </message>
    <message>
        <source>Change time…  t</source>
        <translation>Changer l’heure…  t</translation>
    </message>
    <message>
        <source>Cancel post  Del</source>
        <translation>Annuler la publication  Suppr</translation>
    </message>
    <message>
        <source>New recurring post…</source>
        <translation>Nouvelle publication récurrente…</translation>
    </message>
    <message>
        <source>Export calendar…</source>
        <translation>Exporter le calendrier…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Time…</source>
        <translation>Heure…</translation>
    </message>
    <message>
        <source>Cancel post</source>
        <translation>Annuler la publication</translation>
    </message>
    <message>
        <source>Recurring…</source>
        <translation>Récurrente…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Prepared from a recurring series: approve it (a) to send it at its time.</source>
        <translation>Préparée à partir d’une série récurrente : approuvez-la (a) pour qu’elle parte à son heure.</translation>
    </message>
    <message>
        <source>A recurring post: it is prepared for your approval a day before.</source>
        <translation>Une publication récurrente : elle est préparée pour votre approbation la veille.</translation>
    </message>
    <message>
        <source>A reminder: open Reminders (g r) to change it.</source>
        <translation>Un rappel : ouvrez Rappels (g r) pour le modifier.</translation>
    </message>
    <message>
        <source>Waiting in the Outbox until its time; it goes out even if the app was closed then.</source>
        <translation>En attente dans la boîte d’envoi jusqu’à son heure ; elle part même si l’application était fermée à ce moment-là.</translation>
    </message>
    <message>
        <source>Approved: it goes out at %1.</source>
        <translation>Approuvée : elle part le %1.</translation>
    </message>
    <message>
        <source>It is already on its way; its time can no longer change.</source>
        <translation>Elle est déjà en cours d’envoi ; son heure ne peut plus changer.</translation>
    </message>
    <message>
        <source>Now planned for %1.</source>
        <translation>Désormais prévue le %1.</translation>
    </message>
    <message>
        <source>It is already on its way and can no longer be cancelled.</source>
        <translation>Elle est déjà en cours d’envoi et ne peut plus être annulée.</translation>
    </message>
    <message>
        <source>The calendar could not be written (%1). Choose another folder.</source>
        <translation>Le calendrier n’a pas pu être enregistré (%1). Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>%1 events exported to %2.</source>
        <translation>%1 événements exportés dans %2.</translation>
    </message>
    <message>
        <source>Export the planned posts and reminders</source>
        <translation>Exporter les publications prévues et les rappels</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Fichiers calendrier (*.ics)</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>Reading pane</source>
        <translation>Volet de lecture</translation>
    </message>
    <message>
        <source>Open in browser  o</source>
        <translation>Ouvrir dans le navigateur  o</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <source>Open this topic on the community&apos;s site (o)</source>
        <translation>Ouvrir ce sujet sur le site de la communauté (o)</translation>
    </message>
    <message>
        <source>Reply  r</source>
        <translation>Répondre  r</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Write a reply; selected text is quoted (r)</source>
        <translation>Écrire une réponse ; le texte sélectionné est cité (r)</translation>
    </message>
    <message>
        <source>Remind me  m</source>
        <translation>Me le rappeler  m</translation>
    </message>
    <message>
        <source>Remind me</source>
        <translation>Me le rappeler</translation>
    </message>
    <message>
        <source>Come back to this topic later, or if nobody answers (m)</source>
        <translation>Revenir à ce sujet plus tard, ou si personne ne répond (m)</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Aucune sélection</translation>
    </message>
    <message>
        <source>Select a topic in the list to read it here (j / k).</source>
        <translation>Choisissez un sujet dans la liste pour le lire ici (j / k).</translation>
    </message>
    <message>
        <source>This topic is gone</source>
        <translation>Ce sujet n’existe plus</translation>
    </message>
    <message>
        <source>It is no longer in the local copy.</source>
        <translation>Il n’est plus dans la copie locale.</translation>
    </message>
    <message>
        <source>Remind</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navigateur</translation>
    </message>
</context>
<context>
    <name>RecentPostsPane</name>
    <message>
        <source>Latest posts</source>
        <translation>Derniers messages</translation>
    </message>
    <message>
        <source>Latest posts of the topic</source>
        <translation>Derniers messages du sujet</translation>
    </message>
    <message>
        <source>No posts of this topic in the local copy yet.</source>
        <translation>Pas encore de messages de ce sujet dans la copie locale.</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Citer</translation>
    </message>
</context>
<context>
    <name>RemindDialog</name>
    <message>
        <source>Later &amp;today</source>
        <translation>Plus &amp;tard aujourd’hui</translation>
    </message>
    <message>
        <source>To&amp;morrow</source>
        <translation>&amp;Demain</translation>
    </message>
    <message>
        <source>Next Mon&amp;day</source>
        <translation>Lundi &amp;prochain</translation>
    </message>
    <message>
        <source>In a &amp;week</source>
        <translation>Dans une &amp;semaine</translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>Reporter jusqu’à</translation>
    </message>
    <message>
        <source>Remind me</source>
        <translation>Me le rappeler</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation>&amp;Quand :</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>C&amp;ommunity:</source>
        <translation>&amp;Communauté :</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Toujours</translation>
    </message>
    <message>
        <source>Only remind me</source>
        <translation>Me le rappeler seulement</translation>
    </message>
    <message>
        <source>If the condition no longer holds when the time comes, the reminder resolves itself and says why.</source>
        <translation>Si la condition n’est plus remplie le moment venu, le rappel se résout de lui-même et dit pourquoi.</translation>
    </message>
    <message>
        <source>&amp;Remind me:</source>
        <translation>Me le &amp;rappeler :</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>What to remember, e.g. “Plan the spring meetup”</source>
        <translation>À retenir, p. ex. « Préparer la rencontre de printemps »</translation>
    </message>
    <message>
        <source>Optional: a word for your future self</source>
        <translation>Facultatif : un mot pour vous-même, plus tard</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note :</translation>
    </message>
    <message>
        <source>Also remind me on the community (a bookmark with a reminder)</source>
        <translation>Me le rappeler aussi sur la communauté (un signet avec rappel)</translation>
    </message>
    <message>
        <source>The community&apos;s own notifications will remind you too, on your phone for example. Sent now, or as soon as the community can be reached.</source>
        <translation>Les notifications de la communauté vous le rappelleront aussi, sur votre téléphone par exemple. Envoyé maintenant, ou dès que la communauté est joignable.</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>Snooze this reminder</source>
        <translation>Reporter ce rappel</translation>
    </message>
    <message>
        <source>Follow up on this topic</source>
        <translation>Relancer ce sujet</translation>
    </message>
    <message>
        <source>Nudge this member</source>
        <translation>Encourager ce membre</translation>
    </message>
    <message>
        <source>A note for later</source>
        <translation>Une note pour plus tard</translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation>Sujet %1</translation>
    </message>
    <message>
        <source>Anything you want to come back to</source>
        <translation>Tout ce à quoi vous voulez revenir</translation>
    </message>
    <message>
        <source>too late today</source>
        <translation>trop tard aujourd’hui</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Local time (%1)</source>
        <translation>Heure locale (%1)</translation>
    </message>
    <message>
        <source>That time has passed: pick a later one.</source>
        <translation>Cette heure est passée : choisissez-en une plus tardive.</translation>
    </message>
    <message>
        <source>Write what you want to be reminded of.</source>
        <translation>Écrivez ce qu’il faut vous rappeler.</translation>
    </message>
    <message>
        <source>Add a community first: a note belongs to one.</source>
        <translation>Ajoutez d’abord une communauté : une note appartient à une communauté.</translation>
    </message>
</context>
<context>
    <name>ReminderNotifier</name>
    <message numerus="yes">
        <source>%n reminder(s) overdue</source>
        <translation>
            <numerusform>%n rappel en retard</numerusform>
            <numerusform>%n rappels en retard</numerusform>
        </translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Reminder no longer needed: {what} ({why})</source>
        <translation>Rappel devenu inutile : {what} ({why})</translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message>
        <source>Filter reminders  /</source>
        <translation>Filtrer les rappels  /</translation>
    </message>
    <message>
        <source>Filter reminders</source>
        <translation>Filtrer les rappels</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Rappels</translation>
    </message>
    <message>
        <source>Snooze  s</source>
        <translation>Reporter  s</translation>
    </message>
    <message>
        <source>Remind me again later (s)</source>
        <translation>Me le rappeler plus tard (s)</translation>
    </message>
    <message>
        <source>Done  e</source>
        <translation>Terminé  e</translation>
    </message>
    <message>
        <source>Mark this reminder done (e)</source>
        <translation>Marquer ce rappel comme terminé (e)</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Rouvrir</translation>
    </message>
    <message>
        <source>Bring back a done or resolved reminder</source>
        <translation>Faire revenir un rappel terminé ou résolu</translation>
    </message>
    <message>
        <source>Write the nudge</source>
        <translation>Écrire le petit mot</translation>
    </message>
    <message>
        <source>Open a message for this member, with a suggested text</source>
        <translation>Ouvrir un message pour ce membre, avec un texte suggéré</translation>
    </message>
    <message>
        <source>Show done</source>
        <translation>Afficher les terminés</translation>
    </message>
    <message>
        <source>Also list done reminders and those that resolved themselves</source>
        <translation>Lister aussi les rappels terminés et ceux qui se sont résolus d’eux-mêmes</translation>
    </message>
    <message>
        <source>New note  n</source>
        <translation>Nouvelle note  n</translation>
    </message>
    <message>
        <source>A reminder of your own (n)</source>
        <translation>Un rappel personnel (n)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Save open reminders as a calendar file (.ics)</source>
        <translation>Enregistrer les rappels ouverts dans un fichier d’agenda (.ics)</translation>
    </message>
    <message>
        <source>Marked done. Press z to undo.</source>
        <translation>Marqué comme terminé. Appuyez sur z pour annuler.</translation>
    </message>
    <message>
        <source>That time has passed; pick a later one.</source>
        <translation>Cette heure est passée ; choisissez-en une plus tardive.</translation>
    </message>
    <message>
        <source>Snoozed until %1. Press z to undo.</source>
        <translation>Reporté jusqu’à %1. Appuyez sur z pour annuler.</translation>
    </message>
    <message>
        <source>Reopened. Press z to undo.</source>
        <translation>Rouvert. Appuyez sur z pour annuler.</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Rien à annuler.</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>The calendar file could not be written (%1). Choose another folder.</source>
        <translation>Impossible d’écrire le fichier d’agenda (%1). Choisissez un autre dossier.</translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) exported to the calendar file.</source>
        <translation>
            <numerusform>%n rappel exporté dans le fichier d’agenda.</numerusform>
            <numerusform>%n rappels exportés dans le fichier d’agenda.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export reminders</source>
        <translation>Exporter les rappels</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>Fichiers d’agenda (*.ics)</translation>
    </message>
    <message>
        <source>&amp;Later today</source>
        <translation>Plus &amp;tard aujourd’hui</translation>
    </message>
    <message>
        <source>&amp;Tomorrow</source>
        <translation>&amp;Demain</translation>
    </message>
    <message>
        <source>Next &amp;Monday</source>
        <translation>Lundi &amp;prochain</translation>
    </message>
    <message>
        <source>In a &amp;week</source>
        <translation>Dans une &amp;semaine</translation>
    </message>
    <message>
        <source>&amp;Pick a date and time…</source>
        <translation>&amp;Choisir une date et une heure…</translation>
    </message>
    <message>
        <source>No reminder matches “%1”</source>
        <translation>Aucun rappel ne correspond à « %1 »</translation>
    </message>
    <message>
        <source>Check the spelling, or press Esc to clear the filter.</source>
        <translation>Vérifiez l’orthographe, ou appuyez sur Échap pour effacer le filtre.</translation>
    </message>
    <message>
        <source>No reminders</source>
        <translation>Aucun rappel</translation>
    </message>
    <message>
        <source>Press m on any topic or member to be reminded later, or n here for a note of your own. Reminders can wait until a topic is still unanswered, and resolve themselves when it is not.</source>
        <translation>Appuyez sur m sur un sujet ou un membre pour un rappel plus tard, ou sur n ici pour une note personnelle. Un rappel peut ne sonner que si le sujet est toujours sans réponse, et se résout de lui-même sinon.</translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) due now</source>
        <translation>
            <numerusform>%n rappel échu</numerusform>
            <numerusform>%n rappels échus</numerusform>
        </translation>
    </message>
    <message>
        <source>No reminder selected</source>
        <translation>Aucun rappel sélectionné</translation>
    </message>
    <message>
        <source>Select a reminder to see its topic or member here (j / k).</source>
        <translation>Sélectionnez un rappel pour voir ici son sujet ou son membre (j / k).</translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>Aujourd’hui %1</translation>
    </message>
    <message>
        <source>Tomorrow %1</source>
        <translation>Demain %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Hier %1</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n j</numerusform>
            <numerusform>%n j</numerusform>
        </translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Resolved: %1</source>
        <translation>Résolu : %1</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>Overdue by %1</source>
        <translation>En retard de %1</translation>
    </message>
    <message>
        <source>Snoozed, in %1</source>
        <translation>Reporté, dans %1</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>Dans %1</translation>
    </message>
    <message>
        <source>bookmark refused</source>
        <translation>signet refusé</translation>
    </message>
    <message>
        <source>bookmarked on the community</source>
        <translation>signet sur la communauté</translation>
    </message>
    <message>
        <source>bookmark waiting to be sent</source>
        <translation>signet en attente d’envoi</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>RemoveAccountDialog</name>
    <message>
        <source>Remove account</source>
        <translation>Retirer le compte</translation>
    </message>
    <message>
        <source>Remove {0}?</source>
        <translation>Retirer {0} ?</translation>
    </message>
    <message>
        <source>The app&apos;s key is revoked on the site and removed from this computer&apos;s keyring. You can sign in again at any time.</source>
        <translation>La clé de l’application est révoquée sur le site et retirée du trousseau de cet ordinateur. Vous pourrez vous reconnecter à tout moment.</translation>
    </message>
    <message>
        <source>The practice community comes back, fresh, the next time the app starts.</source>
        <translation>La communauté d’entraînement reviendra, toute neuve, au prochain démarrage de l’application.</translation>
    </message>
    <message>
        <source>The admin API key is removed from this computer&apos;s keyring. It stays valid on the site: ask an administrator to revoke it there if nobody uses it any more.</source>
        <translation>La clé d’API administrateur est retirée du trousseau de cet ordinateur. Elle reste valable sur le site : demandez à un administrateur de la révoquer si personne ne s’en sert plus.</translation>
    </message>
    <message>
        <source>Also delete its local copy (topics, members, drafts, reminders)</source>
        <translation>Supprimer aussi sa copie locale (sujets, membres, brouillons, rappels)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Community se&amp;ttings…</source>
        <translation>&amp;Paramètres de la communauté…</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Terminé</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message numerus="yes">
        <source>Last %n week(s)</source>
        <translation>
            <numerusform>Dernière semaine</numerusform>
            <numerusform>%n dernières semaines</numerusform>
        </translation>
    </message>
    <message>
        <source>Time to first response</source>
        <translation>Délai de première réponse</translation>
    </message>
    <message>
        <source>Answered within the first threshold</source>
        <translation>Réponses dans le premier seuil</translation>
    </message>
    <message>
        <source>Who publishes</source>
        <translation>Qui publie</translation>
    </message>
    <message>
        <source>Ideas answered by the team</source>
        <translation>Idées ayant reçu une réponse de l’équipe</translation>
    </message>
    <message>
        <source>Nudges and invitations that worked</source>
        <translation>Relances et invitations qui ont porté</translation>
    </message>
    <message>
        <source>Your own activity</source>
        <translation>Votre activité</translation>
    </message>
    <message>
        <source>Reading the local copy…</source>
        <translation>Lecture de la copie locale…</translation>
    </message>
    <message>
        <source>The results could not be computed: %1</source>
        <translation>Les résultats n’ont pas pu être calculés : %1</translation>
    </message>
    <message>
        <source>No post in the local copy yet: sync a community to see its results.</source>
        <translation>Aucun message dans la copie locale : synchronisez une communauté pour voir ses résultats.</translation>
    </message>
    <message>
        <source>No local data</source>
        <translation>Pas de données locales</translation>
    </message>
    <message>
        <source>Computed from the local copy, which starts on %1, and from what you did in the app.</source>
        <translation>Calculé à partir de la copie locale, qui commence le %1, et de ce que vous avez fait dans l’application.</translation>
    </message>
    <message>
        <source>No local data before %1</source>
        <translation>Pas de données locales avant le %1</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Médiane</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>90e centile</translation>
    </message>
    <message>
        <source>%1 of the %2 topics created in these weeks got a first response within %3 h.</source>
        <translation>%1 des %2 sujets créés ces semaines-ci ont reçu une première réponse en moins de %3 h.</translation>
    </message>
    <message>
        <source>No topic was created in these weeks.</source>
        <translation>Aucun sujet n’a été créé ces semaines-ci.</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <source>Answered within %1 h</source>
        <translation>Réponse en moins de %1 h</translation>
    </message>
    <message>
        <source>No member in the local copy yet.</source>
        <translation>Aucun membre dans la copie locale pour l’instant.</translation>
    </message>
    <message>
        <source>In %1, %2 of %3 members published (%4); %5 wrote for the first time.</source>
        <translation>En %1, %2 membres sur %3 ont publié (%4) ; %5 ont écrit pour la première fois.</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Ont publié</translation>
    </message>
    <message>
        <source>Did not publish</source>
        <translation>N’ont pas publié</translation>
    </message>
    <message>
        <source>First time</source>
        <translation>Première fois</translation>
    </message>
    <message>
        <source>%1 of %2 ideas got an answer from the team (%3); point at a month for how fast.</source>
        <translation>%1 idées sur %2 ont reçu une réponse de l’équipe (%3) ; pointez un mois pour voir en combien de temps.</translation>
    </message>
    <message>
        <source>No idea was posted in these months.</source>
        <translation>Aucune idée n’a été publiée ces mois-ci.</translation>
    </message>
    <message>
        <source>Ideas</source>
        <translation>Idées</translation>
    </message>
    <message>
        <source>Answered by the team</source>
        <translation>Réponse de l’équipe</translation>
    </message>
    <message>
        <source>Median wait</source>
        <translation>Attente médiane</translation>
    </message>
    <message>
        <source>Readers</source>
        <translation>Lecteurs</translation>
    </message>
    <message>
        <source>Gone quiet</source>
        <translation>Devenus silencieux</translation>
    </message>
    <message>
        <source>Newcomers</source>
        <translation>Nouveaux venus</translation>
    </message>
    <message>
        <source>Invited to answer</source>
        <translation>Invités à répondre</translation>
    </message>
    <message>
        <source>Of %1 members you contacted, %2 posted within 30 days (%3), against %4 of comparable members.</source>
        <translation>Sur %1 membres contactés, %2 ont publié dans les 30 jours (%3), contre %4 des membres comparables.</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s) still within their 30 days: come back later.</source>
        <translation>
            <numerusform>%n contact encore dans ses 30 jours : revenez plus tard.</numerusform>
            <numerusform>%n contacts encore dans leurs 30 jours : revenez plus tard.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nudges and invitations you send from the app are measured here, 30 days after.</source>
        <translation>Les relances et invitations envoyées depuis l’application sont mesurées ici, 30 jours après.</translation>
    </message>
    <message>
        <source>Contacted who posted</source>
        <translation>Contactés ayant publié</translation>
    </message>
    <message>
        <source>Comparable who posted</source>
        <translation>Comparables ayant publié</translation>
    </message>
    <message>
        <source>Replies sent</source>
        <translation>Réponses envoyées</translation>
    </message>
    <message>
        <source>Topics handled</source>
        <translation>Sujets traités</translation>
    </message>
    <message>
        <source>Reminders done</source>
        <translation>Rappels faits</translation>
    </message>
    <message>
        <source>Members contacted</source>
        <translation>Membres contactés</translation>
    </message>
    <message>
        <source>In these weeks: %1 replies sent, %2 topics handled, %3 reminders done, %4 members contacted.</source>
        <translation>Ces semaines-ci : %1 réponses envoyées, %2 sujets traités, %3 rappels faits, %4 membres contactés.</translation>
    </message>
    <message>
        <source>Charts, nothing to read</source>
        <translation>Des graphiques, rien à lire</translation>
    </message>
    <message>
        <source>Results show how the communities respond over the weeks; open a topic from another view to read it here.</source>
        <translation>Les résultats montrent comment les communautés répondent au fil des semaines ; ouvrez un sujet depuis une autre vue pour le lire ici.</translation>
    </message>
</context>
<context>
    <name>ReviewCard</name>
    <message>
        <source>Moderation item</source>
        <translation>Élément à modérer</translation>
    </message>
    <message>
        <source>Ignore  i</source>
        <translation>Ignorer  i</translation>
    </message>
    <message>
        <source>All actions…  Enter</source>
        <translation>Toutes les actions…  Entrée</translation>
    </message>
    <message>
        <source>Every decision the community offers for this item (Enter)</source>
        <translation>Toutes les décisions que la communauté propose pour cet élément (Entrée)</translation>
    </message>
    <message>
        <source>Approve  a</source>
        <translation>Approuver  a</translation>
    </message>
    <message>
        <source>Reject  x</source>
        <translation>Refuser  x</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Filter the queue  /</source>
        <translation>Filtrer la file  /</translation>
    </message>
    <message>
        <source>Filter the moderation queue</source>
        <translation>Filtrer la file de modération</translation>
    </message>
    <message>
        <source>Moderation queue</source>
        <translation>File de modération</translation>
    </message>
    <message>
        <source>%1: this platform does not let apps see reported content; moderate it on the site.</source>
        <translation>%1 : cette plateforme ne montre pas les contenus signalés aux applications ; modérez-la sur le site.</translation>
    </message>
    <message>
        <source>%1: this account is not a moderator there, so it has no queue.</source>
        <translation>%1 : ce compte n’y est pas modérateur, il n’a donc pas de file de modération.</translation>
    </message>
    <message>
        <source>%1: not synced yet; its queue comes with the first sync.</source>
        <translation>%1 : pas encore synchronisée ; sa file arrive avec la première synchronisation.</translation>
    </message>
    <message>
        <source>No moderation queue here</source>
        <translation>Pas de file de modération ici</translation>
    </message>
    <message>
        <source>None of these communities has a queue this account can see (see above).</source>
        <translation>Aucune de ces communautés n’a de file que ce compte peut voir (voir ci-dessus).</translation>
    </message>
    <message>
        <source>Nothing to review</source>
        <translation>Rien à modérer</translation>
    </message>
    <message>
        <source>No flags and no posts awaiting approval. The queue is refreshed with every sync.</source>
        <translation>Aucun signalement, aucun message en attente d’approbation. La file est mise à jour à chaque synchronisation.</translation>
    </message>
    <message>
        <source>Select an item first (j / k).</source>
        <translation>Sélectionnez d’abord un élément (j / k).</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>approuvé</translation>
    </message>
    <message>
        <source>reject or delete</source>
        <translation>refusé ou supprimé</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>ignoré</translation>
    </message>
    <message>
        <source>This item cannot be %1 from here; Enter lists what it offers.</source>
        <translation>Cet élément ne peut pas être %1 d’ici ; Entrée liste ce qu’il propose.</translation>
    </message>
    <message>
        <source>“%1” on this item from %2?

It is sent to the community and cannot be undone from here.</source>
        <translation>« %1 » sur cet élément de %2 ?

La décision est envoyée à la communauté et ne peut pas être annulée d’ici.</translation>
    </message>
    <message>
        <source>Confirm the decision</source>
        <translation>Confirmer la décision</translation>
    </message>
    <message>
        <source>A decision on this item is already on its way.</source>
        <translation>Une décision sur cet élément est déjà en route.</translation>
    </message>
    <message>
        <source>This item changed since the list was read; sync, then decide again.</source>
        <translation>Cet élément a changé depuis la lecture de la liste ; synchronisez, puis décidez à nouveau.</translation>
    </message>
    <message>
        <source>“%1” queued; it is sent as soon as the community is reachable.</source>
        <translation>« %1 » en file ; envoyé dès que la communauté est joignable.</translation>
    </message>
</context>
<context>
    <name>SavedRepliesDialog</name>
    <message>
        <source>Saved replies</source>
        <translation>Réponses enregistrées</translation>
    </message>
    <message>
        <source>Text of the saved reply</source>
        <translation>Texte de la réponse enregistrée</translation>
    </message>
    <message>
        <source>Placeholders: %1. Unknown ones stay as written.</source>
        <translation>Variables : %1. Celles qui sont inconnues restent telles quelles.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Restore shipped replies</source>
        <translation>Restaurer les réponses fournies</translation>
    </message>
    <message>
        <source>New saved reply</source>
        <translation>Nouvelle réponse enregistrée</translation>
    </message>
    <message>
        <source>Give the saved reply a title: it is what the menu shows.</source>
        <translation>Donnez un titre à la réponse enregistrée : c’est ce qu’affiche le menu.</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>New recurring post</source>
        <translation>Nouvelle publication récurrente</translation>
    </message>
    <message>
        <source>Question of the week</source>
        <translation>Question de la semaine</translation>
    </message>
    <message>
        <source>Every week on</source>
        <translation>Chaque semaine le</translation>
    </message>
    <message>
        <source>Every month on day</source>
        <translation>Chaque mois le</translation>
    </message>
    <message>
        <source>Every month on the</source>
        <translation>Chaque mois le</translation>
    </message>
    <message>
        <source>first</source>
        <translation>premier</translation>
    </message>
    <message>
        <source>second</source>
        <translation>deuxième</translation>
    </message>
    <message>
        <source>third</source>
        <translation>troisième</translation>
    </message>
    <message>
        <source>fourth</source>
        <translation>quatrième</translation>
    </message>
    <message>
        <source>last</source>
        <translation>dernier</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>lundi</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>mardi</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>mercredi</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>jeudi</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>vendredi</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>samedi</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>dimanche</translation>
    </message>
    <message>
        <source>at</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Question of the week {week}: what would you like to ask?</source>
        <translation>Question de la semaine {week} : que voulez-vous demander ?</translation>
    </message>
    <message>
        <source>Hello everyone, and welcome to {newcomers}!

This week&apos;s question: …

Still waiting for an answer:
{oldest_unanswered}</source>
        <translation>Bonjour à toutes et à tous, et bienvenue à {newcomers} !

La question de la semaine : …

Toujours en attente d’une réponse :
{oldest_unanswered}</translation>
    </message>
    <message>
        <source>Send each post by itself at its time (otherwise it waits for your approval)</source>
        <translation>Envoyer chaque publication toute seule à son heure (sinon elle attend votre approbation)</translation>
    </message>
    <message>
        <source>Placeholders: %1. Each post is prepared a day ahead.</source>
        <translation>Champs à remplacer : %1. Chaque publication est préparée la veille.</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Dates in</source>
        <translation>Dates en</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>then</source>
        <translation>puis</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Views and communities</source>
        <translation>Vues et communautés</translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s) waiting for an answer, as listed in Unanswered</source>
        <translation>
            <numerusform>%n sujet attend une réponse, comme listé dans Sans réponse</numerusform>
            <numerusform>%n sujets attendent une réponse, comme listés dans Sans réponse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>All communities</source>
        <translation>Toutes les communautés</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>Communautés</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SilentMembersView</name>
    <message>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <source>Filter members  /</source>
        <translation>Filtrer les membres  /</translation>
    </message>
    <message>
        <source>Silent members</source>
        <translation>Membres silencieux</translation>
    </message>
    <message>
        <source>No members yet</source>
        <translation>Pas encore de membres</translation>
    </message>
    <message>
        <source>Members arrive with the sync. Press F5 to sync now.</source>
        <translation>Les membres arrivent avec la synchronisation. Appuyez sur F5 pour synchroniser maintenant.</translation>
    </message>
    <message>
        <source>Nobody is silent</source>
        <translation>Personne n’est silencieux</translation>
    </message>
    <message>
        <source>Everyone who reads also writes, and nobody went quiet. A rare community!</source>
        <translation>Tous ceux qui lisent écrivent aussi, et personne n’est devenu silencieux. Une communauté rare !</translation>
    </message>
    <message>
        <source>No readers who never posted</source>
        <translation>Aucun lecteur qui n’ait jamais publié</translation>
    </message>
    <message>
        <source>Everyone who comes to read has written at least once.</source>
        <translation>Tous ceux qui viennent lire ont écrit au moins une fois.</translation>
    </message>
    <message>
        <source>Nobody went quiet</source>
        <translation>Personne n’est devenu silencieux</translation>
    </message>
    <message>
        <source>Everyone who posted regularly in the last months still posts.</source>
        <translation>Tous ceux qui publiaient régulièrement ces derniers mois publient encore.</translation>
    </message>
    <message>
        <source>No newcomers waiting for a welcome</source>
        <translation>Aucun nouveau venu n’attend d’accueil</translation>
    </message>
    <message>
        <source>Members who joined recently have all posted already, or nobody joined.</source>
        <translation>Les membres inscrits récemment ont tous déjà publié, ou personne ne s’est inscrit.</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Readers</source>
        <translation>Lecteurs</translation>
    </message>
    <message>
        <source>Gone quiet</source>
        <translation>Devenus silencieux</translation>
    </message>
    <message>
        <source>Newcomers</source>
        <translation>Nouveaux venus</translation>
    </message>
    <message>
        <source>Every silent member</source>
        <translation>Tous les membres silencieux</translation>
    </message>
    <message>
        <source>Never posted, but they come to read</source>
        <translation>N’ont jamais publié, mais viennent lire</translation>
    </message>
    <message>
        <source>Posted regularly, then stopped</source>
        <translation>Publiaient régulièrement, puis ont arrêté</translation>
    </message>
    <message>
        <source>Joined recently and have not posted yet</source>
        <translation>Inscrits récemment, sans message pour l’instant</translation>
    </message>
    <message numerus="yes">
        <source>%n silent member(s), as listed here</source>
        <translation>
            <numerusform>%n membre silencieux, comme listé ici</numerusform>
            <numerusform>%n membres silencieux, comme listés ici</numerusform>
        </translation>
    </message>
    <message>
        <source>No member selected</source>
        <translation>Aucun membre sélectionné</translation>
    </message>
    <message>
        <source>Select a member in the list to see their card and the suggested next step (j / k).</source>
        <translation>Sélectionnez un membre dans la liste pour voir sa fiche et la prochaine étape suggérée (j / k).</translation>
    </message>
    <message>
        <source>Of those who never posted, the tabs list %1 readers and %2 newcomers (joined recently).</source>
        <translation>Parmi ceux qui n’ont jamais publié, les onglets listent %1 lecteurs et %2 nouveaux venus (inscrits récemment).</translation>
    </message>
</context>
<context>
    <name>SilentModel</name>
    <message>
        <source>Community</source>
        <extracomment>when each member was last nudged or invited: (community id, casefolded username) -&gt; time</extracomment>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Inscription</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Dernière visite</translation>
    </message>
    <message>
        <source>Last posted</source>
        <translation>Dernier message</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Reads</source>
        <translation>Lectures</translation>
    </message>
    <message>
        <source>Days visited</source>
        <translation>Jours de visite</translation>
    </message>
    <message>
        <source>Suggested next step</source>
        <translation>Prochaine étape suggérée</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>The platform does not report how much this member reads.</source>
        <translation>La plateforme n’indique pas combien ce membre lit.</translation>
    </message>
    <message>
        <source>Nudged</source>
        <translation>Relancé</translation>
    </message>
    <message>
        <source>nudged %1</source>
        <translation>relancé %1</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Add a community</source>
        <translation>Ajouter une communauté</translation>
    </message>
    <message>
        <source>The app signs in as you, with your rights. Your key stays in this computer&apos;s keyring.</source>
        <translation>L’application se connecte en votre nom, avec vos droits. Votre clé reste dans le trousseau de cet ordinateur.</translation>
    </message>
    <message>
        <source>{0} — coming</source>
        <translation>{0} — bientôt</translation>
    </message>
    <message>
        <source>Site address</source>
        <translation>Adresse du site</translation>
    </message>
    <message>
        <source>a short name, used on the command line</source>
        <translation>un nom court, utilisé en ligne de commande</translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation>&amp;Plateforme :</translation>
    </message>
    <message>
        <source>&amp;Site address:</source>
        <translation>Adresse du &amp;site :</translation>
    </message>
    <message>
        <source>Short &amp;name:</source>
        <translation>Nom &amp;court :</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>C&amp;ontinuer</translation>
    </message>
</context>
<context>
    <name>Spinner</name>
    <message>
        <source>Working</source>
        <translation>En cours</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Sync cancelled.</source>
        <translation>Synchronisation annulée.</translation>
    </message>
    <message>
        <source>The sync stopped on an unexpected problem; the details are in the log. Your local copy is intact.</source>
        <translation>La synchronisation s’est arrêtée sur un problème inattendu ; les détails sont dans le journal. Votre copie locale est intacte.</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Sync state</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progression de la synchronisation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Annuler la synchronisation</translation>
    </message>
    <message>
        <source>Stop syncing: what was already fetched is kept</source>
        <translation>Arrêter la synchronisation : ce qui a déjà été récupéré est conservé</translation>
    </message>
    <message>
        <source>syncing…</source>
        <translation>synchronisation…</translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation>synchronisée %1</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synchronisée</translation>
    </message>
    <message>
        <source>offline, data from %1</source>
        <translation>hors ligne, données d’%1</translation>
    </message>
    <message>
        <source>offline, no data yet</source>
        <translation>hors ligne, pas encore de données</translation>
    </message>
    <message>
        <source>sync failed, data from %1</source>
        <translation>échec de la synchronisation, données d’%1</translation>
    </message>
    <message>
        <source>sync failed</source>
        <translation>échec de la synchronisation</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>pas encore synchronisée</translation>
    </message>
    <message numerus="yes">
        <source>%n syncing</source>
        <translation>
            <numerusform>%n en cours de synchronisation</numerusform>
            <numerusform>%n en cours de synchronisation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n synced</source>
        <translation>
            <numerusform>%n synchronisée</numerusform>
            <numerusform>%n synchronisées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n offline</source>
        <translation>
            <numerusform>%n hors ligne</numerusform>
            <numerusform>%n hors ligne</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not synced yet</source>
        <translation>
            <numerusform>%n pas encore synchronisée</numerusform>
            <numerusform>%n pas encore synchronisées</numerusform>
        </translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message numerus="yes">
        <source>%n communities</source>
        <translation>
            <numerusform>%n communauté</numerusform>
            <numerusform>%n communautés</numerusform>
        </translation>
    </message>
    <message>
        <source>, under a minute left</source>
        <translation>, moins d’une minute restante</translation>
    </message>
    <message numerus="yes">
        <source>, about %n min left</source>
        <translation>
            <numerusform>, environ %n min restante</numerusform>
            <numerusform>, environ %n min restantes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TermsModel</name>
    <message>
        <source>Term</source>
        <translation>Mot</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Récents</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Hausse</translation>
    </message>
    <message>
        <source>Posts of the last 7 days that use it</source>
        <translation>Messages des 7 derniers jours qui l’emploient</translation>
    </message>
    <message>
        <source>Posts before that use it</source>
        <translation>Messages antérieurs qui l’emploient</translation>
    </message>
    <message>
        <source>×N: how many times more often recent posts use the term than older ones. It compares shares, not counts: 22 of 180 recent posts (12%) against 1 of 3,000 before (0.03%) is about ×190. Hover a term for its numbers.</source>
        <translation>×N : combien de fois plus souvent les messages récents emploient le terme que les plus anciens. On compare des parts, pas des nombres : 22 messages récents sur 180 (12 %) contre 1 sur 3 000 avant (0,03 %), c’est environ ×190. Survolez un terme pour voir ses chiffres.</translation>
    </message>
    <message>
        <source>Posts of the last 7 days that use the term</source>
        <translation>Messages des 7 derniers jours qui emploient le terme</translation>
    </message>
    <message>
        <source>Posts before that use it (all the history before the last 7 days)</source>
        <translation>Messages d’avant qui l’emploient (tout l’historique avant les 7 derniers jours)</translation>
    </message>
</context>
<context>
    <name>TopicComposer</name>
    <message>
        <source>New topic</source>
        <translation>Nouveau sujet</translation>
    </message>
    <message>
        <source>Start a conversation</source>
        <translation>Lancer une conversation</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>A title people want to click: a question, an invitation…</source>
        <translation>Un titre qui donne envie de cliquer : une question, une invitation…</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>Étiquettes, séparées par des virgules</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>É&amp;tiquettes</translation>
    </message>
    <message>
        <source>C&amp;ommunity</source>
        <translation>C&amp;ommunauté</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;Catégorie</translation>
    </message>
    <message>
        <source>T&amp;itle</source>
        <translation>T&amp;itre</translation>
    </message>
    <message>
        <source>First post</source>
        <translation>Premier message</translation>
    </message>
    <message>
        <source>Write the first post. Markdown works: **bold**, *italic*, &gt; quote, - list. Type @ to mention.</source>
        <translation>Écrivez le premier message. Le Markdown fonctionne : **gras**, *italique*, &gt; citation, - liste. Tapez @ pour mentionner.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Saved texts ▾</source>
        <translation>Textes enregistrés ▾</translation>
    </message>
    <message>
        <source>Close  Esc</source>
        <translation>Fermer  Échap</translation>
    </message>
    <message>
        <source>Close; what you wrote is kept as a draft</source>
        <translation>Fermer ; ce que vous avez écrit est gardé en brouillon</translation>
    </message>
    <message>
        <source>Send later ▾</source>
        <translation>Envoyer plus tard ▾</translation>
    </message>
    <message>
        <source>Choose when it goes out; it waits in the Outbox until then</source>
        <translation>Choisissez quand il part ; il attend dans la boîte d’envoi jusque-là</translation>
    </message>
    <message>
        <source>Send  Ctrl+Enter</source>
        <translation>Envoyer  Ctrl+Entrée</translation>
    </message>
    <message>
        <source>Put the topic in the Outbox; it goes out as soon as the community is reachable</source>
        <translation>Placer le sujet dans la boîte d’envoi ; il part dès que la communauté est joignable</translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation>Brouillon restauré</translation>
    </message>
    <message>
        <source>Next working morning</source>
        <translation>Prochain matin ouvré</translation>
    </message>
    <message>
        <source>Tomorrow morning</source>
        <translation>Demain matin</translation>
    </message>
    <message>
        <source>Tuesday morning</source>
        <translation>Mardi matin</translation>
    </message>
    <message>
        <source>Monday morning</source>
        <translation>Lundi matin</translation>
    </message>
    <message>
        <source>Choose a date and time…</source>
        <translation>Choisir une date et une heure…</translation>
    </message>
    <message>
        <source>Choose a category first (sync the community if the list is empty).</source>
        <translation>Choisissez d’abord une catégorie (synchronisez la communauté si la liste est vide).</translation>
    </message>
    <message>
        <source>That time has passed: choose a time to come.</source>
        <translation>Cette heure est passée : choisissez une heure à venir.</translation>
    </message>
    <message>
        <source>Write the first post before sending.</source>
        <translation>Écrivez le premier message avant d’envoyer.</translation>
    </message>
    <message>
        <source>The preview of the first post appears here.</source>
        <translation>L’aperçu du premier message apparaît ici.</translation>
    </message>
</context>
<context>
    <name>TopicListView</name>
    <message>
        <source>Filter topics  /</source>
        <translation>Filtrer les sujets  /</translation>
    </message>
    <message>
        <source>Filter topics</source>
        <translation>Filtrer les sujets</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Sujets</translation>
    </message>
    <message>
        <source>No topic matches “%1”</source>
        <translation>Aucun sujet ne correspond à « %1 »</translation>
    </message>
    <message>
        <source>Check the spelling, or press Esc to clear the filter.</source>
        <translation>Vérifiez l’orthographe, ou appuyez sur Échap pour effacer le filtre.</translation>
    </message>
    <message>
        <source>No topics here yet</source>
        <translation>Pas encore de sujets ici</translation>
    </message>
    <message>
        <source>Topics appear after the community is synced. Press F5 to sync now.</source>
        <translation>Les sujets apparaissent une fois la communauté synchronisée. Appuyez sur F5 pour synchroniser maintenant.</translation>
    </message>
</context>
<context>
    <name>TopicTableModel</name>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>J’aime</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Last activity: %1</source>
        <translation>Dernière activité : %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Ouvert le %1</translation>
    </message>
</context>
<context>
    <name>TrendingIdeasView</name>
    <message>
        <source>Idea categories only</source>
        <extracomment>A topic counts on the badge from this score: its activity in the window, beyond its own past pace, still worth at least one fresh reply or like after the time decay (see moderator.insights.trending). The list shows every rising topic; the badge, the clear ones.</extracomment>
        <translation>Catégories d’idées seulement</translation>
    </message>
    <message>
        <source>Clear the term filter</source>
        <translation>Effacer le filtre par mot</translation>
    </message>
    <message>
        <source>Show every rising topic again</source>
        <translation>Réafficher tous les sujets qui montent</translation>
    </message>
    <message>
        <source>Rising terms</source>
        <translation>Mots qui montent</translation>
    </message>
    <message>
        <source>Counting words…</source>
        <translation>Comptage des mots…</translation>
    </message>
    <message>
        <source>Filter trending topics  /</source>
        <translation>Filtrer les sujets qui montent  /</translation>
    </message>
    <message>
        <source>Trending ideas</source>
        <translation>Idées qui montent</translation>
    </message>
    <message>
        <source>No idea is rising this week</source>
        <translation>Aucune idée ne monte cette semaine</translation>
    </message>
    <message>
        <source>Nothing in the idea categories picked up. Untick “Idea categories only” to look everywhere.</source>
        <translation>Rien ne décolle dans les catégories d’idées. Décochez « Catégories d’idées seulement » pour chercher partout.</translation>
    </message>
    <message>
        <source>Nothing is rising this week</source>
        <translation>Rien ne monte cette semaine</translation>
    </message>
    <message>
        <source>Topics appear here when replies, likes or new people pick up. Quiet weeks happen.</source>
        <translation>Les sujets apparaissent ici quand les réponses, les j’aime ou les nouveaux participants augmentent. Il y a des semaines calmes.</translation>
    </message>
    <message>
        <source>No rising topic uses “%1”</source>
        <translation>Aucun sujet qui monte n’emploie « %1 »</translation>
    </message>
    <message>
        <source>Click the term again, or its ✕ above, to see every topic.</source>
        <translation>Cliquez de nouveau sur le mot, ou sur son ✕ ci-dessus, pour voir tous les sujets.</translation>
    </message>
    <message>
        <source>Topics using “%1”  ✕</source>
        <translation>Sujets avec « %1 »  ✕</translation>
    </message>
    <message>
        <source>No rising terms this week</source>
        <translation>Aucun mot ne monte cette semaine</translation>
    </message>
    <message>
        <source>Words show up here when people use them more than they used to.</source>
        <translation>Les mots apparaissent ici quand on les emploie plus qu’avant.</translation>
    </message>
    <message>
        <source>Rising terms could not be counted</source>
        <translation>Impossible de compter les mots qui montent</translation>
    </message>
    <message>
        <source>%1 of %2 posts, once; later counts are quick.</source>
        <translation>%1 messages sur %2, une seule fois ; les comptages suivants sont rapides.</translation>
    </message>
    <message>
        <source>No idea categories are set, so every category is looked at. Set them in the community&apos;s settings.</source>
        <translation>Aucune catégorie d’idées n’est définie : toutes les catégories sont prises en compte. Définissez-les dans les paramètres de la communauté.</translation>
    </message>
    <message numerus="yes">
        <source>%n clearly rising idea(s), of %1 listed</source>
        <translation>
            <numerusform>%n idée qui monte nettement, sur %1 listées</numerusform>
            <numerusform>%n idées qui montent nettement, sur %1 listées</numerusform>
        </translation>
    </message>
    <message>
        <source>Last 7 days against before; ×N compares the share of posts using it. Click a term to see its topics.</source>
        <translation>7 derniers jours contre avant ; ×N compare la part des messages qui l’emploient. Cliquez sur un terme pour voir ses sujets.</translation>
    </message>
    <message>
        <source>Only the idea categories and tags set for %1; communities without any are left out. Untick to look at every category.</source>
        <translation>Seulement les catégories et étiquettes d’idées définies pour %1 ; les communautés qui n’en ont pas sont laissées de côté. Décochez pour regarder toutes les catégories.</translation>
    </message>
</context>
<context>
    <name>TrendingModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>J’aime</translation>
    </message>
    <message>
        <source>New people</source>
        <translation>Nouveaux participants</translation>
    </message>
    <message>
        <source>Why it rises</source>
        <translation>Pourquoi ça monte</translation>
    </message>
    <message>
        <source>Score %1 (higher rises faster)</source>
        <translation>Score %1 (plus il est élevé, plus ça monte vite)</translation>
    </message>
</context>
<context>
    <name>UnansweredModel</name>
    <message>
        <source>Community</source>
        <extracomment>the column order that is the core&apos;s own order (rows just loaded need no sort in it)</extracomment>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Vues</translation>
    </message>
    <message>
        <source>Likes</source>
        <translation>J’aime</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Waiting since %1</source>
        <translation>En attente depuis le %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Ouvert le %1</translation>
    </message>
</context>
<context>
    <name>UnansweredView</name>
    <message>
        <source>nobody but the author replied</source>
        <translation>personne d’autre que l’auteur n’a répondu</translation>
    </message>
    <message>
        <source>the last word is not from the team</source>
        <translation>le dernier mot ne vient pas de l’équipe</translation>
    </message>
    <message>
        <source>no reply is marked as the solution</source>
        <translation>aucune réponse n’est marquée comme solution</translation>
    </message>
    <message>
        <source>Handled  e</source>
        <translation>Traité  e</translation>
    </message>
    <message>
        <source>Mark handled: it leaves the list until someone posts again (e)</source>
        <translation>Marquer comme traité : le sujet quitte la liste jusqu’au prochain message (e)</translation>
    </message>
    <message>
        <source>Snooze  s</source>
        <translation>Reporter  s</translation>
    </message>
    <message>
        <source>Hide it until later (s)</source>
        <translation>Le masquer jusqu’à plus tard (s)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Save the topics listed as a CSV file</source>
        <translation>Enregistrer les sujets listés dans un fichier CSV</translation>
    </message>
    <message>
        <source>Filter unanswered topics  /</source>
        <translation>Filtrer les sujets sans réponse  /</translation>
    </message>
    <message>
        <source>Unanswered topics</source>
        <translation>Sujets sans réponse</translation>
    </message>
    <message>
        <source>No topics yet</source>
        <translation>Pas encore de sujets</translation>
    </message>
    <message>
        <source>Unanswered topics appear after the first sync. Press F5 to sync now.</source>
        <translation>Les sujets sans réponse apparaissent après la première synchronisation. Appuyez sur F5 pour synchroniser maintenant.</translation>
    </message>
    <message>
        <source>Nothing waiting. Everything has an answer.</source>
        <translation>Rien en attente. Tout a une réponse.</translation>
    </message>
    <message>
        <source>New questions appear here after each sync. Topics you marked handled come back when someone posts again.</source>
        <translation>Les nouvelles questions apparaissent ici après chaque synchronisation. Les sujets marqués comme traités reviennent quand quelqu’un publie à nouveau.</translation>
    </message>
    <message>
        <source>Marked handled — z to undo</source>
        <translation>Marqué comme traité — z pour annuler</translation>
    </message>
    <message>
        <source>That time has passed; pick a later one.</source>
        <translation>Cette heure est passée ; choisissez-en une plus tardive.</translation>
    </message>
    <message>
        <source>Snoozed until %1 — z to undo</source>
        <translation>Reporté jusqu’à %1 — z pour annuler</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Rien à annuler.</translation>
    </message>
    <message>
        <source>Not undone: this topic was triaged again since.</source>
        <translation>Non annulé : ce sujet a été traité de nouveau depuis.</translation>
    </message>
    <message>
        <source>Undone: the topic is back in the list.</source>
        <translation>Annulé : le sujet est de retour dans la liste.</translation>
    </message>
    <message>
        <source>Nothing to export: the list is empty.</source>
        <translation>Rien à exporter : la liste est vide.</translation>
    </message>
    <message>
        <source>The CSV file could not be written (%1). Choose another folder.</source>
        <translation>Impossible d’écrire le fichier CSV (%1). Choisissez un autre dossier.</translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s) exported to %1.</source>
        <translation>
            <numerusform>%n sujet exporté dans %1.</numerusform>
            <numerusform>%n sujets exportés dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export unanswered topics</source>
        <translation>Exporter les sujets sans réponse</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>In 1 &amp;hour</source>
        <translation>Dans une &amp;heure</translation>
    </message>
    <message>
        <source>This &amp;evening</source>
        <translation>Ce &amp;soir</translation>
    </message>
    <message>
        <source>&amp;Tomorrow 9:00</source>
        <translation>&amp;Demain à 9 h</translation>
    </message>
    <message>
        <source>Next &amp;week</source>
        <translation>La semaine &amp;prochaine</translation>
    </message>
    <message>
        <source>Unanswered means %1.</source>
        <translation>« Sans réponse » signifie que %1.</translation>
    </message>
    <message>
        <source>Each community has its own definition of unanswered (hover to see them).</source>
        <translation>Chaque communauté a sa propre définition de « sans réponse » (survolez pour les voir).</translation>
    </message>
    <message>
        <source>Change it in the community&apos;s settings.</source>
        <translation>Modifiez-la dans les paramètres de la communauté.</translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s) waiting for an answer, as listed here</source>
        <translation>
            <numerusform>%n sujet attend une réponse, comme listé ici</numerusform>
            <numerusform>%n sujets attendent une réponse, comme listés ici</numerusform>
        </translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>Traité</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Reportés</translation>
    </message>
    <message>
        <source>Topics you snoozed: pick one to bring it back now</source>
        <translation>Les sujets que vous avez reportés : choisissez-en un pour le faire revenir maintenant</translation>
    </message>
    <message>
        <source>Back in the list — z to snooze it again</source>
        <translation>De retour dans la liste — z pour le reporter à nouveau</translation>
    </message>
    <message>
        <source>Undone: the topic is snoozed again.</source>
        <translation>Annulé : le sujet est de nouveau reporté.</translation>
    </message>
    <message>
        <source>Snoozed (%1)</source>
        <translation>Reportés (%1)</translation>
    </message>
    <message>
        <source>Snoozed topics: %1</source>
        <translation>Sujets reportés : %1</translation>
    </message>
    <message>
        <source>Nothing snoozed</source>
        <translation>Rien n’est reporté</translation>
    </message>
    <message>
        <source>Bring back now:</source>
        <translation>Faire revenir maintenant :</translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation>Sujet %1</translation>
    </message>
    <message>
        <source>back %1</source>
        <translation>revient %1</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo  z</source>
        <translation>Annuler  z</translation>
    </message>
</context>
<context>
    <name>View</name>
    <message>
        <source>Nothing selected</source>
        <translation>Aucune sélection</translation>
    </message>
    <message>
        <source>Select a topic in the list to read it here (j / k).</source>
        <translation>Choisissez un sujet dans la liste pour le lire ici (j / k).</translation>
    </message>
</context>
<context>
    <name>_Legend</name>
    <message>
        <source>recent</source>
        <translation>récent</translation>
    </message>
    <message>
        <source>waiting long</source>
        <translation>attente longue</translation>
    </message>
    <message>
        <source>too long (thresholds per community)</source>
        <translation>trop longue (seuils par communauté)</translation>
    </message>
    <message>
        <source>under %1 h</source>
        <translation>moins de %1 h</translation>
    </message>
    <message>
        <source>%1 h+</source>
        <translation>%1 h et +</translation>
    </message>
    <message>
        <source>Colour key: %1</source>
        <translation>Légende des couleurs : %1</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>Writing</source>
        <translation>Écrire</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>&amp;Annuler la synchronisation</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;All communities</source>
        <translation>&amp;Toutes les communautés</translation>
    </message>
    <message>
        <source>&amp;Filter the list</source>
        <translation>&amp;Filtrer la liste</translation>
    </message>
    <message>
        <source>&amp;Next row</source>
        <translation>Ligne &amp;suivante</translation>
    </message>
    <message>
        <source>&amp;Previous row</source>
        <translation>Ligne &amp;précédente</translation>
    </message>
    <message>
        <source>Open in &amp;reading pane</source>
        <translation>Ouvrir dans le volet de &amp;lecture</translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation>&amp;Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Répondre</translation>
    </message>
    <message>
        <source>Re&amp;mind me</source>
        <translation>&amp;Me le rappeler</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Comptes…</translation>
    </message>
    <message>
        <source>Community &amp;settings…</source>
        <translation>&amp;Paramètres de la communauté…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About Community Moderator</source>
        <translation>À &amp;propos de Community Moderator</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Community</source>
        <translation>&amp;Communauté</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;New topic…</source>
        <translation>&amp;Nouveau sujet…</translation>
    </message>
    <message>
        <source>Send the reply (queued when offline)</source>
        <translation>Envoyer la réponse (mise en attente hors ligne)</translation>
    </message>
    <message>
        <source>Close the composer (the draft is kept)</source>
        <translation>Fermer l’éditeur de réponse (le brouillon est conservé)</translation>
    </message>
    <message>
        <source>Clear the filter and go back to the list</source>
        <translation>Vider le filtre et revenir à la liste</translation>
    </message>
    <message>
        <source>Delete the selected draft or queued reply (z undoes)</source>
        <translation>Supprimer le brouillon ou la réponse en attente sélectionnés (z annule)</translation>
    </message>
    <message>
        <source>Go to (g, then a letter)</source>
        <translation>Aller à (g, puis une lettre)</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listes</translation>
    </message>
    <message>
        <source>The selected row (wherever the focus is, except in a text field)</source>
        <translation>La ligne sélectionnée (où que soit le focus, sauf dans un champ de texte)</translation>
    </message>
    <message>
        <source>The app</source>
        <translation>L’application</translation>
    </message>
    <message>
        <source>Mark &amp;handled / done</source>
        <translation>Marquer &amp;traité / fait</translation>
    </message>
    <message>
        <source>S&amp;nooze…</source>
        <translation>Re&amp;porter…</translation>
    </message>
    <message>
        <source>&amp;Undo the last triage or deletion</source>
        <translation>&amp;Annuler le dernier tri ou la dernière suppression</translation>
    </message>
    <message>
        <source>&amp;Who could answer this?</source>
        <translation>&amp;Qui pourrait répondre ?</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <source>Same as the &amp;system</source>
        <translation>Comme le &amp;système</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Community Moderator</source>
        <translation>Community Moderator</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Démarrage impossible</translation>
    </message>
    <message>
        <source>The app&apos;s local data cannot be opened. Nothing was changed.</source>
        <translation>Les données locales de l’application ne peuvent pas être ouvertes. Rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Community Moderator</source>
        <translation>Community Moderator</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Enter the site&apos;s address, like https://forum.example.org.</source>
        <translation>Saisissez l’adresse du site, par exemple https://forum.example.org.</translation>
    </message>
    <message>
        <source>A name is up to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit (it is used on the command line).</source>
        <translation>Un nom comporte au plus 64 lettres, chiffres, points, tirets ou soulignés, et commence par une lettre ou un chiffre (il sert en ligne de commande).</translation>
    </message>
    <message>
        <source>A community named {name} already exists. Pick another name.</source>
        <translation>Une communauté nommée {name} existe déjà. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>{platform} accounts are coming; {supported} work today.</source>
        <translation>Les comptes {platform} arrivent bientôt ; {supported} fonctionnent déjà.</translation>
    </message>
    <message>
        <source>An admin API key acts as a user: enter that username.</source>
        <translation>Une clé d’API d’administration agit au nom d’un utilisateur : saisissez son nom d’utilisateur.</translation>
    </message>
    <message>
        <source>The key is empty. Paste the whole key.</source>
        <translation>La clé est vide. Collez la clé entière.</translation>
    </message>
    <message>
        <source>This account no longer exists.</source>
        <translation>Ce compte n’existe plus.</translation>
    </message>
    <message>
        <source>The key was created for {old}; it is not sent to {new}. Enter the key of the new address.</source>
        <translation>La clé a été créée pour {old} ; elle n’est pas envoyée à {new}. Saisissez la clé de la nouvelle adresse.</translation>
    </message>
    <message>
        <source>Your local copy is intact; sync again when the connection is back.</source>
        <translation>Votre copie locale est intacte ; synchronisez à nouveau quand la connexion sera revenue.</translation>
    </message>
    <message>
        <source>The community&apos;s server could not be used. Try again later.</source>
        <translation>Le serveur de la communauté n’a pas pu être utilisé. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>The server did not accept this account&apos;s key. It may have been revoked or mistyped: open the account settings and enter a new key.</source>
        <translation>Le serveur n’a pas accepté la clé de ce compte. Elle a peut-être été révoquée ou mal saisie : ouvrez les réglages du compte et saisissez une nouvelle clé.</translation>
    </message>
    <message>
        <source>This account is not allowed to do that on this community. Ask a site administrator for the permission, or use another account.</source>
        <translation>Ce compte n’a pas le droit de faire cela dans cette communauté. Demandez cette permission à un administrateur du site, ou utilisez un autre compte.</translation>
    </message>
    <message>
        <source>The server says this no longer exists (deleted, moved or made private).</source>
        <translation>Le serveur indique que cela n’existe plus (supprimé, déplacé ou rendu privé).</translation>
    </message>
    <message>
        <source>The server asks the app to slow down (rate limit reached). Nothing was lost; sync again in about {seconds} seconds.</source>
        <translation>Le serveur demande à l’application de ralentir (limite de requêtes atteinte). Rien n’est perdu ; synchronisez à nouveau dans {seconds} secondes environ.</translation>
    </message>
    <message>
        <source>The server asks the app to slow down (rate limit reached). Nothing was lost; sync again in about {minutes} minutes.</source>
        <translation>Le serveur demande à l’application de ralentir (limite de requêtes atteinte). Rien n’est perdu ; synchronisez à nouveau dans {minutes} minutes environ.</translation>
    </message>
    <message>
        <source>The server asks the app to slow down (rate limit reached). Nothing was lost; sync again in a few minutes.</source>
        <translation>Le serveur demande à l’application de ralentir (limite de requêtes atteinte). Rien n’est perdu ; synchronisez à nouveau dans quelques minutes.</translation>
    </message>
    <message>
        <source>The server could not be reached (no network, the address is wrong, or the site is down).</source>
        <translation>Le serveur est injoignable (pas de réseau, adresse erronée, ou site en panne).</translation>
    </message>
    <message>
        <source>The server had an internal problem (HTTP {status}). Try again later, and tell the site&apos;s administrators if it persists.</source>
        <translation>Le serveur a rencontré un problème interne (HTTP {status}). Réessayez plus tard, et prévenez les administrateurs du site si cela persiste.</translation>
    </message>
    <message>
        <source>The server answered with something the app does not understand (cut off or not the expected format). Try again; if it persists the site may run an incompatible version.</source>
        <translation>Le serveur a répondu quelque chose que l’application ne comprend pas (réponse coupée ou dans un format inattendu). Réessayez ; si cela persiste, le site utilise peut-être une version incompatible.</translation>
    </message>
    <message>
        <source>The server refused: {reasons}</source>
        <translation>Le serveur a refusé : {reasons}</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>Le serveur a refusé la requête.</translation>
    </message>
    <message>
        <source>The server did not accept the post: {reasons} Edit it and send it again.</source>
        <translation>Le serveur n’a pas accepté le message : {reasons} Modifiez-le et envoyez-le à nouveau.</translation>
    </message>
    <message>
        <source>The server did not accept the post (no reason given). Edit it and send it again.</source>
        <translation>Le serveur n’a pas accepté le message (sans en donner la raison). Modifiez-le et envoyez-le à nouveau.</translation>
    </message>
    <message>
        <source>The address uses plain http://, which would send your key unencrypted. Use https:// (plain http is only allowed for this computer itself: localhost).</source>
        <translation>L’adresse utilise http:// sans chiffrement, ce qui enverrait votre clé en clair. Utilisez https:// (le http simple n’est permis que pour cet ordinateur lui-même : localhost).</translation>
    </message>
    <message>
        <source>This platform is not supported yet by this version of the app.</source>
        <translation>Cette plateforme n’est pas encore prise en charge par cette version de l’application.</translation>
    </message>
    <message>
        <source>The security certificate of {host} could not be verified, so nothing was sent. Check the address.</source>
        <translation>Le certificat de sécurité de {host} n’a pas pu être vérifié, donc rien n’a été envoyé. Vérifiez l’adresse.</translation>
    </message>
    <message>
        <source>{host} could not be reached: check the address and the network.</source>
        <translation>{host} est injoignable : vérifiez l’adresse et le réseau.</translation>
    </message>
    <message>
        <source>“{address}” is not a web address. Use the site&apos;s address, like https://forum.example.org.</source>
        <translation>« {address} » n’est pas une adresse web. Utilisez l’adresse du site, par exemple https://forum.example.org.</translation>
    </message>
    <message>
        <source>The security certificate of {host} could not be verified, so nothing was sent. Check the address; if it is right, the site&apos;s certificate is invalid or something on the network intercepts the connection.</source>
        <translation>Le certificat de sécurité de {host} n’a pas pu être vérifié, donc rien n’a été envoyé. Vérifiez l’adresse ; si elle est juste, le certificat du site n’est pas valide ou quelque chose sur le réseau intercepte la connexion.</translation>
    </message>
    <message>
        <source>The server pointed the app to another site ({host}); the request was not sent there, to keep the account&apos;s key private.</source>
        <translation>Le serveur a renvoyé l’application vers un autre site ({host}) ; la requête n’y a pas été envoyée, pour garder la clé du compte privée.</translation>
    </message>
    <message>
        <source>The server redirected {path} without saying where.</source>
        <translation>Le serveur a redirigé {path} sans dire vers où.</translation>
    </message>
    <message>
        <source>The server&apos;s answer to {path} did not have the expected shape (expected a JSON object).</source>
        <translation>La réponse du serveur à {path} n’avait pas la forme attendue (un objet JSON était attendu).</translation>
    </message>
    <message>
        <source>The server&apos;s answer to {path} did not have the expected shape (expected a JSON list).</source>
        <translation>La réponse du serveur à {path} n’avait pas la forme attendue (une liste JSON était attendue).</translation>
    </message>
    <message>
        <source>The server answered {method} {path} with an unexpected HTTP {status}.</source>
        <translation>Le serveur a répondu à {method} {path} par un HTTP {status} inattendu.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was cut off before it was complete.</source>
        <translation>La réponse du serveur a été coupée avant d’être complète.</translation>
    </message>
    <message>
        <source>The address {host} could not be found: check it, and check the network.</source>
        <translation>L’adresse {host} est introuvable : vérifiez-la, ainsi que le réseau.</translation>
    </message>
    <message>
        <source>{host} refused the connection: the site may be down, or the address wrong.</source>
        <translation>{host} a refusé la connexion : le site est peut-être en panne, ou l’adresse erronée.</translation>
    </message>
    <message>
        <source>{host} did not answer in time: the network or the site may be slow or down.</source>
        <translation>{host} n’a pas répondu à temps : le réseau ou le site est peut-être lent ou en panne.</translation>
    </message>
    <message>
        <source>The connection to {host} was cut: the network or the site may be unstable.</source>
        <translation>La connexion à {host} a été coupée : le réseau ou le site est peut-être instable.</translation>
    </message>
    <message>
        <source>{host} could not be reached.</source>
        <translation>{host} est injoignable.</translation>
    </message>
    <message>
        <source>The system keyring is not available, so account keys cannot be stored safely. On Linux, install and unlock a Secret Service (for example gnome-keyring), then try again.</source>
        <translation>Le trousseau du système n’est pas disponible : les clés des comptes ne peuvent pas être rangées en sécurité. Sous Linux, installez et déverrouillez un service de secrets (par exemple gnome-keyring), puis réessayez.</translation>
    </message>
</context>
<context>
    <name>insights</name>
    <message>
        <source>{n} minute</source>
        <translation>{n} minute</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} minutes</translation>
    </message>
    <message>
        <source>{n} hour</source>
        <translation>{n} heure</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} heures</translation>
    </message>
    <message>
        <source>{n} day</source>
        <translation>{n} jour</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} jours</translation>
    </message>
    <message>
        <source>{n} month</source>
        <translation>{n} mois</translation>
    </message>
    <message>
        <source>{n} months</source>
        <translation>{n} mois</translation>
    </message>
    <message>
        <source>Median first response fell from {before} to {after} since {since}</source>
        <translation>La première réponse médiane est passée de {before} à {after} depuis {since}</translation>
    </message>
    <message>
        <source>Median first response rose from {before} to {after} since {since}</source>
        <translation>La première réponse médiane est montée de {before} à {after} depuis {since}</translation>
    </message>
    <message>
        <source>Median first response held at about {after} since {since}</source>
        <translation>La première réponse médiane reste autour de {after} depuis {since}</translation>
    </message>
    <message>
        <source>No answered topic in this period yet</source>
        <translation>Aucun sujet n’a encore reçu de réponse sur cette période</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} j</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>{wait} ago</source>
        <translation>il y a {wait}</translation>
    </message>
    <message>
        <source>today</source>
        <translation>aujourd’hui</translation>
    </message>
    <message>
        <source>{n} post</source>
        <translation>{n} message</translation>
    </message>
    <message>
        <source>{n} posts</source>
        <translation>{n} messages</translation>
    </message>
    <message>
        <source>Welcome them: newcomer since {since}, never posted</source>
        <translation>Souhaitez-lui la bienvenue : nouveau venu depuis {since}, n’a jamais posté</translation>
    </message>
    <message>
        <source>, has read {n} post</source>
        <translation>, a lu {n} message</translation>
    </message>
    <message>
        <source>, has read {n} posts</source>
        <translation>, a lu {n} messages</translation>
    </message>
    <message>
        <source>, gave {n} like</source>
        <translation>, a donné {n} j’aime</translation>
    </message>
    <message>
        <source>, gave {n} likes</source>
        <translation>, a donné {n} j’aime</translation>
    </message>
    <message>
        <source>visited {n} day</source>
        <translation>venu {n} jour</translation>
    </message>
    <message>
        <source>visited {n} days</source>
        <translation>venu {n} jours</translation>
    </message>
    <message>
        <source>read {n} post</source>
        <translation>a lu {n} message</translation>
    </message>
    <message>
        <source>read {n} posts</source>
        <translation>a lu {n} messages</translation>
    </message>
    <message>
        <source>gave {n} like</source>
        <translation>a donné {n} j’aime</translation>
    </message>
    <message>
        <source>gave {n} likes</source>
        <translation>a donné {n} j’aime</translation>
    </message>
    <message>
        <source>last seen {ago} (reads not reported)</source>
        <translation>dernière visite : {ago} (lectures non communiquées)</translation>
    </message>
    <message>
        <source>Invite them into a discussion: {facts}, never posted</source>
        <translation>Invitez ce lecteur dans une discussion : {facts}, n’a jamais posté</translation>
    </message>
    <message>
        <source>Check in: {posts} in the {active_days} days before the last {quiet_days}, none for {wait}</source>
        <translation>Prenez des nouvelles : {posts} dans les {active_days} jours avant les {quiet_days} derniers, plus rien depuis {wait}</translation>
    </message>
    <message>
        <source>; last in “{title}”</source>
        <translation> ; dernier dans « {title} »</translation>
    </message>
    <message>
        <source>; still visits (seen {ago})</source>
        <translation> ; passe encore (dernière visite : {ago})</translation>
    </message>
    <message>
        <source>{list} and {last}</source>
        <translation>{list} et {last}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>+{n} reply</source>
        <translation>+{n} réponse</translation>
    </message>
    <message>
        <source>+{n} replies</source>
        <translation>+{n} réponses</translation>
    </message>
    <message>
        <source>+{n} like</source>
        <translation>+{n} j’aime</translation>
    </message>
    <message>
        <source>+{n} likes</source>
        <translation>+{n} j’aime</translation>
    </message>
    <message>
        <source>{n} new participant</source>
        <translation>{n} nouveau participant</translation>
    </message>
    <message>
        <source>{n} new participants</source>
        <translation>{n} nouveaux participants</translation>
    </message>
    <message>
        <source>+{n} views</source>
        <translation>+{n} vues</translation>
    </message>
    <message>
        <source>this week</source>
        <translation>cette semaine</translation>
    </message>
    <message>
        <source>in {n} days</source>
        <translation>en {n} jours</translation>
    </message>
    <message>
        <source>{figures} in {n} days</source>
        <translation>{figures} en {n} jours</translation>
    </message>
    <message>
        <source>new {period}</source>
        <translation>nouveau {period}</translation>
    </message>
    <message>
        <source>+{n} reply {period} vs {pace}/week before</source>
        <translation>+{n} réponse {period}, contre {pace}/semaine avant</translation>
    </message>
    <message>
        <source>+{n} replies {period} vs {pace}/week before</source>
        <translation>+{n} réponses {period}, contre {pace}/semaine avant</translation>
    </message>
    <message>
        <source>+{n} reply {period} vs none before</source>
        <translation>+{n} réponse {period}, contre aucune avant</translation>
    </message>
    <message>
        <source>+{n} replies {period} vs none before</source>
        <translation>+{n} réponses {period}, contre aucune avant</translation>
    </message>
    <message>
        <source>+{n} likes {period} vs {pace} in a {days}-day span before</source>
        <translation>+{n} j’aime {period}, contre {pace} sur une période de {days} jours avant</translation>
    </message>
    <message>
        <source>{figures} {period}</source>
        <translation>{figures} {period}</translation>
    </message>
    <message>
        <source> (likes from sync snapshots)</source>
        <translation> (j’aime d’après les relevés de synchronisation)</translation>
    </message>
    <message>
        <source> (likes on posts written {period})</source>
        <translation> (j’aime sur les messages écrits {period})</translation>
    </message>
    <message>
        <source>in {recent} of {recent_posts} recent posts ({recent_pct}%) vs {baseline} of {baseline_posts} before ({baseline_pct}%): ×{growth}</source>
        <translation>dans {recent} des {recent_posts} messages récents ({recent_pct} %) contre {baseline} sur {baseline_posts} avant ({baseline_pct} %) : ×{growth}</translation>
    </message>
    <message>
        <source>No reply for {wait}</source>
        <translation>Sans réponse depuis {wait}</translation>
    </message>
    <message>
        <source>; only the author posted again ({n}×)</source>
        <translation> ; seul l’auteur a reposté ({n}×)</translation>
    </message>
    <message>
        <source>Last word from @{user} (not team) {wait} ago</source>
        <translation>Dernier mot de @{user} (hors équipe) il y a {wait}</translation>
    </message>
    <message>
        <source>Last word not from the team, {wait} ago</source>
        <translation>Dernier mot hors équipe, il y a {wait}</translation>
    </message>
    <message>
        <source>Not marked solved, asked {wait} ago</source>
        <translation>Pas marqué comme résolu, posé il y a {wait}</translation>
    </message>
    <message>
        <source> ({n} reply)</source>
        <translation> ({n} réponse)</translation>
    </message>
    <message>
        <source> ({n} replies)</source>
        <translation> ({n} réponses)</translation>
    </message>
    <message>
        <source> · new activity since marked handled</source>
        <translation> · nouvelle activité depuis le marquage comme traité</translation>
    </message>
</context>
<context>
    <name>outbox</name>
    <message>
        <source>new replies since you started</source>
        <translation>nouvelles réponses depuis que vous avez commencé</translation>
    </message>
    <message>
        <source>the topic was closed</source>
        <translation>le sujet a été fermé</translation>
    </message>
    <message>
        <source>the topic was deleted or you can no longer see it</source>
        <translation>le sujet a été supprimé ou vous ne pouvez plus le voir</translation>
    </message>
    <message>
        <source>the server refused it</source>
        <translation>le serveur l’a refusée</translation>
    </message>
    <message>
        <source>this account may not reply there</source>
        <translation>ce compte n’a pas le droit d’y répondre</translation>
    </message>
    <message>
        <source>the community could not be reached</source>
        <translation>la communauté est injoignable</translation>
    </message>
    <message>
        <source>the server asked to slow down</source>
        <translation>le serveur a demandé de ralentir</translation>
    </message>
    <message>
        <source>the server had a problem</source>
        <translation>le serveur a rencontré un problème</translation>
    </message>
    <message>
        <source>the server did not accept the account&apos;s key</source>
        <translation>le serveur n’a pas accepté la clé du compte</translation>
    </message>
    <message>
        <source>checking whether the server received the last attempt</source>
        <translation>vérification : le serveur a-t-il reçu la dernière tentative ?</translation>
    </message>
    <message>
        <source>an unexpected error</source>
        <translation>une erreur inattendue</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>En attente d’approbation</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Retenue</translation>
    </message>
    <message>
        <source>Queued — not sent yet: %1</source>
        <translation>En attente — pas encore envoyée : %1</translation>
    </message>
    <message>
        <source>Queued — will be sent when online</source>
        <translation>En attente — partira une fois en ligne</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Refusée : %1</translation>
    </message>
    <message>
        <source>Held: %1</source>
        <translation>Retenue : %1</translation>
    </message>
    <message>
        <source>1 reply is waiting in the Outbox; it will be sent next time you are online.</source>
        <translation>1 réponse attend dans la boîte d’envoi ; elle partira la prochaine fois que vous serez en ligne.</translation>
    </message>
    <message>
        <source>%1 replies are waiting in the Outbox; they will be sent next time you are online.</source>
        <translation>%1 réponses attendent dans la boîte d’envoi ; elles partiront la prochaine fois que vous serez en ligne.</translation>
    </message>
    <message>
        <source>1 reply in the Outbox needs your attention (held or rejected).</source>
        <translation>1 réponse de la boîte d’envoi demande votre attention (retenue ou refusée).</translation>
    </message>
    <message>
        <source>%1 replies in the Outbox need your attention (held or rejected).</source>
        <translation>%1 réponses de la boîte d’envoi demandent votre attention (retenues ou refusées).</translation>
    </message>
    <message>
        <source>Sending from the Outbox failed: %1. The replies are kept.</source>
        <translation>L’envoi depuis la boîte d’envoi a échoué : %1. Les réponses sont conservées.</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>Réponse envoyée.</translation>
    </message>
    <message>
        <source>%1 replies sent.</source>
        <translation>%1 réponses envoyées.</translation>
    </message>
    <message>
        <source>1 reply is awaiting approval by the moderators.</source>
        <translation>1 réponse attend l’approbation des modérateurs.</translation>
    </message>
    <message>
        <source>%1 replies are awaiting approval by the moderators.</source>
        <translation>%1 réponses attendent l’approbation des modérateurs.</translation>
    </message>
    <message>
        <source>1 reply was held or rejected: see the Outbox.</source>
        <translation>1 réponse a été retenue ou refusée : voir la boîte d’envoi.</translation>
    </message>
    <message>
        <source>%1 replies were held or rejected: see the Outbox.</source>
        <translation>%1 réponses ont été retenues ou refusées : voir la boîte d’envoi.</translation>
    </message>
    <message>
        <source>1 reply will be sent when the community is reachable.</source>
        <translation>1 réponse partira dès que la communauté sera joignable.</translation>
    </message>
    <message>
        <source>%1 replies will be sent when the community is reachable.</source>
        <translation>%1 réponses partiront dès que la communauté sera joignable.</translation>
    </message>
    <message>
        <source>1 planned item went out late: the app was not running at its time.</source>
        <translation>1 envoi prévu est parti en retard : l’application n’était pas ouverte à son heure.</translation>
    </message>
    <message>
        <source>%1 planned items went out late: the app was not running at their time.</source>
        <translation>%1 envois prévus sont partis en retard : l’application n’était pas ouverte à leur heure.</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
</context>
<context>
    <name>reminders</name>
    <message>
        <source>Community Moderator reminders</source>
        <translation>Rappels de Community Moderator</translation>
    </message>
    <message>
        <source>Only if it still holds: {condition}</source>
        <translation>Rappel seulement {condition}</translation>
    </message>
    <message>
        <source>Suggested message:</source>
        <translation>Message suggéré :</translation>
    </message>
    <message>
        <source>if still unanswered</source>
        <translation>si toujours sans réponse</translation>
    </message>
    <message>
        <source>if no new reply</source>
        <translation>si aucune nouvelle réponse</translation>
    </message>
    <message>
        <source>if the author has not replied</source>
        <translation>si l’auteur n’a pas répondu</translation>
    </message>
    <message>
        <source>answered by @{user} {when}</source>
        <translation>répondu par @{user} {when}</translation>
    </message>
    <message>
        <source>new reply by @{user} {when}</source>
        <translation>nouvelle réponse de @{user} {when}</translation>
    </message>
    <message>
        <source>the author, @{user}, replied {when}</source>
        <translation>l’auteur, @{user}, a répondu {when}</translation>
    </message>
    <message>
        <source>the topic was deleted</source>
        <translation>le sujet a été supprimé</translation>
    </message>
    <message>
        <source>today at {time}</source>
        <translation>aujourd’hui à {time}</translation>
    </message>
    <message>
        <source>yesterday at {time}</source>
        <translation>hier à {time}</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>le {date}</translation>
    </message>
    <message>
        <source>topic {id}</source>
        <translation>sujet {id}</translation>
    </message>
    <message>
        <source>Follow up: {title}</source>
        <translation>Relance : {title}</translation>
    </message>
    <message>
        <source>Nudge @{user}</source>
        <translation>Encourager @{user}</translation>
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <source>Flagged post</source>
        <translation>Message signalé</translation>
    </message>
    <message>
        <source>New topic awaiting approval</source>
        <translation>Nouveau sujet en attente d’approbation</translation>
    </message>
    <message>
        <source>Post awaiting approval</source>
        <translation>Message en attente d’approbation</translation>
    </message>
    <message>
        <source>New member awaiting approval</source>
        <translation>Nouveau membre en attente d’approbation</translation>
    </message>
    <message>
        <source>Post to review</source>
        <translation>Message à examiner</translation>
    </message>
    <message>
        <source>trust level %1</source>
        <translation>niveau de confiance %1</translation>
    </message>
    <message>
        <source>joined %1</source>
        <translation>inscrit %1</translation>
    </message>
    <message numerus="yes">
        <source>%n post(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s)</source>
        <translation>
            <numerusform>%n sujet</numerusform>
            <numerusform>%n sujets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post(s) rejected before</source>
        <translation>
            <numerusform>%n message refusé auparavant</numerusform>
            <numerusform>%n messages refusés auparavant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>silenced %n time(s)</source>
        <translation>
            <numerusform>mis en sourdine %n fois</numerusform>
            <numerusform>mis en sourdine %n fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>suspended %n time(s)</source>
        <translation>
            <numerusform>suspendu %n fois</numerusform>
            <numerusform>suspendu %n fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n useful flag(s) of their own</source>
        <translation>
            <numerusform>%n signalement utile de sa part</numerusform>
            <numerusform>%n signalements utiles de sa part</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other item(s) about them in the queue</source>
        <translation>
            <numerusform>%n autre élément le concernant dans la file</numerusform>
            <numerusform>%n autres éléments le concernant dans la file</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing else about them in the queue</source>
        <translation>rien d’autre le concernant dans la file</translation>
    </message>
    <message numerus="yes">
        <source>%n flag(s)</source>
        <translation>
            <numerusform>%n signalement</numerusform>
            <numerusform>%n signalements</numerusform>
        </translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>ouvert %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Pourquoi :</translation>
    </message>
    <message>
        <source>Your “%1” was not applied: another moderator acted first. Look again, then decide.</source>
        <translation>Votre « %1 » n’a pas été appliqué : un autre modérateur est passé avant. Regardez à nouveau, puis décidez.</translation>
    </message>
    <message>
        <source>Your “%1” was refused by the community.</source>
        <translation>Votre « %1 » a été refusé par la communauté.</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>Signalé par</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>In context</source>
        <translation>En contexte</translation>
    </message>
    <message>
        <source>Held for approval</source>
        <translation>En attente d’approbation</translation>
    </message>
    <message>
        <source>Last posts of the topic</source>
        <translation>Derniers messages du sujet</translation>
    </message>
    <message>
        <source>The topic is not in the local copy yet; the flagged post as the community sent it:</source>
        <translation>Le sujet n’est pas encore dans la copie locale ; le message signalé tel que la communauté l’a envoyé :</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier post(s)</source>
        <translation>
            <numerusform>%n message plus ancien</numerusform>
            <numerusform>%n messages plus anciens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n later post(s)</source>
        <translation>
            <numerusform>%n message plus récent</numerusform>
            <numerusform>%n messages plus récents</numerusform>
        </translation>
    </message>
    <message>
        <source>This item is gone</source>
        <translation>Cet élément n’est plus là</translation>
    </message>
    <message>
        <source>It was handled, or is no longer in the local copy.</source>
        <translation>Il a été traité, ou n’est plus dans la copie locale.</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>approuvé</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>ignored</source>
        <translation>ignoré</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Élément</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Signalements</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Communauté</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Sending moderation decisions failed: %1. They are kept.</source>
        <translation>L’envoi des décisions de modération a échoué : %1. Elles sont conservées.</translation>
    </message>
    <message numerus="yes">
        <source>%n moderation decision(s) applied.</source>
        <translation>
            <numerusform>%n décision de modération appliquée.</numerusform>
            <numerusform>%n décisions de modération appliquées.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” on item %2</source>
        <translation>« %1 » sur l’élément %2</translation>
    </message>
    <message>
        <source>another moderator acted first (%1)</source>
        <translation>un autre modérateur est passé avant (%1)</translation>
    </message>
    <message>
        <source>another moderator acted first: the item changed, it is back in the list to decide again</source>
        <translation>un autre modérateur est passé avant : l’élément a changé, il revient dans la liste pour une nouvelle décision</translation>
    </message>
    <message>
        <source>the item no longer exists on the community</source>
        <translation>l’élément n’existe plus sur la communauté</translation>
    </message>
    <message>
        <source>the community refused it (%1)</source>
        <translation>la communauté l’a refusé (%1)</translation>
    </message>
    <message>
        <source>%1 was not applied: %2.</source>
        <translation>%1 n’a pas été appliqué : %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) will be sent when the community is reachable.</source>
        <translation>
            <numerusform>%n décision sera envoyée quand la communauté sera joignable.</numerusform>
            <numerusform>%n décisions seront envoyées quand la communauté sera joignable.</numerusform>
        </translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Modération</translation>
    </message>
</context>
<context>
    <name>sanitize</name>
    <message>
        <source>[image]</source>
        <translation>[image]</translation>
    </message>
</context>
<context>
    <name>saved_replies</name>
    <message>
        <source>Français</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Toutes les langues</translation>
    </message>
</context>
<context>
    <name>signin</name>
    <message>
        <source>Sign in with my browser (recommended)</source>
        <translation>Me connecter avec mon navigateur (recommandé)</translation>
    </message>
    <message>
        <source>You approve the app on the site; it never sees your password.</source>
        <translation>Vous autorisez l’application sur le site ; elle ne voit jamais votre mot de passe.</translation>
    </message>
    <message>
        <source>Approve on the site and paste what it shows</source>
        <translation>Autoriser sur le site et coller ce qu’il affiche</translation>
    </message>
    <message>
        <source>For sites without sign-in codes (any Discourse since 2016).</source>
        <translation>Pour les sites sans code de connexion (tout Discourse depuis 2016).</translation>
    </message>
    <message>
        <source>Use an admin API key (for site administrators)</source>
        <translation>Utiliser une clé d’API administrateur (pour les administrateurs du site)</translation>
    </message>
    <message>
        <source>A key made in the site&apos;s Admin → API keys, acting as a username you choose.</source>
        <translation>Une clé créée dans Admin → API sur le site, qui agit au nom d’un utilisateur de votre choix.</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nom d’&amp;utilisateur :</translation>
    </message>
    <message>
        <source>the username the key acts as</source>
        <translation>l’utilisateur au nom duquel agit la clé</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>&amp;Clé d’API :</translation>
    </message>
    <message>
        <source>paste the key</source>
        <translation>collez la clé</translation>
    </message>
    <message>
        <source>Use an access token (recommended)</source>
        <translation>Utiliser un jeton d’accès (recommandé)</translation>
    </message>
    <message>
        <source>A Bearer token an administrator creates for you in Administration → Modules → REST API.</source>
        <translation>Un jeton Bearer qu’un administrateur crée pour vous dans Administration → Modules → API REST.</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>&amp;Jeton d’accès :</translation>
    </message>
    <message>
        <source>paste the token</source>
        <translation>collez le jeton</translation>
    </message>
    <message>
        <source>Sign in with my username and password</source>
        <translation>Me connecter avec mon nom d’utilisateur et mon mot de passe</translation>
    </message>
    <message>
        <source>Exchanged once for a token (JWT authentication must be on); the password is not kept.</source>
        <translation>Échangé une seule fois contre un jeton (l’authentification JWT doit être activée) ; le mot de passe n’est pas conservé.</translation>
    </message>
    <message>
        <source>&amp;Username or email:</source>
        <translation>Nom d’&amp;utilisateur ou e-mail :</translation>
    </message>
    <message>
        <source>as on the site&apos;s login page</source>
        <translation>comme sur la page de connexion du site</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Sign in with Microsoft (recommended)</source>
        <translation>Me connecter avec Microsoft (recommandé)</translation>
    </message>
    <message>
        <source>You confirm a code on Microsoft&apos;s page with your work account; the app never sees your password.</source>
        <translation>Vous confirmez un code sur la page de Microsoft avec votre compte professionnel ; l’application ne voit jamais votre mot de passe.</translation>
    </message>
    <message>
        <source>Application (&amp;client) ID:</source>
        <translation>ID d’application (&amp;client) :</translation>
    </message>
    <message>
        <source>from your Microsoft 365 administrator</source>
        <translation>fourni par votre administrateur Microsoft 365</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Locataire (tenant) :</translation>
    </message>
    <message>
        <source>organizations (any work account)</source>
        <translation>organizations (tout compte professionnel)</translation>
    </message>
    <message>
        <source>Use an access token</source>
        <translation>Utiliser un jeton d’accès</translation>
    </message>
    <message>
        <source>A Microsoft Entra bearer token for Viva Engage, obtained elsewhere (scripts, tests).</source>
        <translation>Un jeton Microsoft Entra (bearer) pour Viva Engage, obtenu ailleurs (scripts, tests).</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>il y a %n j</numerusform>
            <numerusform>il y a %n j</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>topic_html</name>
    <message>
        <source>deleted</source>
        <translation>supprimé</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>masqué</translation>
    </message>
    <message>
        <source>whisper</source>
        <translation>murmure</translation>
    </message>
    <message>
        <source>This post was deleted.</source>
        <translation>Ce message a été supprimé.</translation>
    </message>
    <message>
        <source>The author withdrew this post.</source>
        <translation>L’auteur a retiré ce message.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>équipe</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermé</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archivé</translation>
    </message>
    <message>
        <source>The posts of this topic are not in the local copy yet.</source>
        <translation>Les messages de ce sujet ne sont pas encore dans la copie locale.</translation>
    </message>
    <message numerus="yes">
        <source>%n like(s)</source>
        <translation>
            <numerusform>%n j’aime</numerusform>
            <numerusform>%n j’aime</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n réponse</numerusform>
            <numerusform>%n réponses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n view(s)</source>
        <translation>
            <numerusform>%n vue</numerusform>
            <numerusform>%n vues</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>views</name>
    <message>
        <source>Topics</source>
        <extracomment>The window-wide row actions a view may answer (``View.row_commands``).</extracomment>
        <translation>Sujets</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>Sans réponse</translation>
    </message>
    <message>
        <source>Silent members</source>
        <translation>Membres silencieux</translation>
    </message>
    <message>
        <source>Trending ideas</source>
        <translation>Idées qui montent</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Rappels</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planifié</translation>
    </message>
    <message numerus="yes">
        <source>%n listed</source>
        <translation>
            <numerusform>%n listé</numerusform>
            <numerusform>%n listés</numerusform>
        </translation>
    </message>
</context>
</TS>
