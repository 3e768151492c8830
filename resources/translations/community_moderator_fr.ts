<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Something went wrong inside the app ({0}). Try again; if it persists, report it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <extracomment>opens a web page; tests replace it</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account yet. Add one to follow your own community.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in practice community: nothing to sign in to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · signed in with a user API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · admin API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a new &amp;key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out. The local copy stays readable; sign in again to sync it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking {0} how to sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm this code on {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code to confirm: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed. Checking the account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your confirmation… the code expires in {0}:{1:02d}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter both the username and the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key in memory for this session only? It is never written to a file; you will have to sign in again after quitting the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: new key saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is in this computer&apos;s keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept in memory until you quit the app (no keyring on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its topics and members arrive with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsModel</name>
    <message>
        <source>Practice community, on this computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminKeyPage</name>
    <message>
        <source>Enter an admin API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A site administrator creates it in Admin → API keys. Prefer a key for a single user: an &quot;All users&quot; key can act as anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the username the key acts as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paste the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <source>&amp;Test and add</source>
        <translation type="unfinished"></translation>
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
    <name>CheckView</name>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moderator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member, not staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acts as @{0}{1}, {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on {0} — {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff: sees the review queue and every category it moderates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading statistics (posts read, days visited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every member, with private statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the public member directory (staff see everyone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can post replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private messages of this account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommunitySettingsDialog</name>
    <message>
        <source>Settings of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unanswered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ideas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Silent members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody but the author has replied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last word is not from the animation team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A question not marked as solved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No categories yet: sync first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A topic is &amp;unanswered when:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns &amp;amber after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns &amp;red after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announcement categories are never listed as unanswered:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrators and moderators always count as the team. Tick the other members who animate this community: their replies count as answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No members yet: sync first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trending ideas looks only at these categories and tags (everywhere when none is ticked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tags in the local copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gone quiet: posted at least N times in the active window, then nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active &amp;window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quiet for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least &amp;N posts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newcomers: joined recently and not posted yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Joined within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Topic %1</source>
        <extracomment>the reply went to the outbox: its id (the window also hears ``reply_events().reply_queued``) the preview shows the current text (tests wait on it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your reply. Markdown works: **bold**, *italic*, &gt; quote, - list. Type @ to mention someone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved replies ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a saved reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote the text selected in the posts above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to the topic instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close  Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close; the draft is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send  Ctrl+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the reply in the Outbox; it is sent as soon as the community is reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 characters · at least %2 to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select some text in the posts above first, then Quote selection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In reply to @%1 (#%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In reply to #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage saved replies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This topic is closed: only staff can still reply. Your reply will wait in the Outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies need at least %1 characters; this one has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 new reply arrived since you started writing (marked “new” above). Send anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new replies arrived since you started writing (marked “new” above). Send anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This topic is closed: only staff can reply. Send anyway?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source>Something unexpected happened and was stopped. Your communities and drafts are safe; you can keep working. If it happens again, restart the app.</source>
        <translation>Un problème inattendu est survenu et a été arrêté. Vos communautés et vos brouillons sont en sécurité ; vous pouvez continuer à travailler. Si cela se reproduit, redémarrez l’application.</translation>
    </message>
    <message>
        <source>The details were saved for a bug report in:</source>
        <translation>Les détails ont été enregistrés pour un rapport de bogue dans :</translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the site who the app acts as and what it can see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicePage</name>
    <message>
        <source>Confirm this code on the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the confirmation page, sign in there if asked, and check that it shows this code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open the confirmation page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy the code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the approval page instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Annuler</translation>
    </message>
</context>
<context>
    <name>DraftsModel</name>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished">Communauté</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <source>Drafts</source>
        <translation type="unfinished">Brouillons</translation>
    </message>
    <message>
        <source>No drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing half-written. What you start in the composer is kept here until you send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft for “%1” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft deleted. Press z to undo.</source>
        <translation type="unfinished"></translation>
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
        <translation>Arrêt de la synchronisation ; ce qui a été récupéré est conservé.</translation>
    </message>
    <message>
        <source>%1 cannot be reached. You are reading the local copy from %2; the app will try again by itself.</source>
        <translation>%1 est injoignable. Vous lisez la copie locale d’%2 ; l’application réessaiera d’elle-même.</translation>
    </message>
    <message>
        <source>%1 cannot be reached and has no local copy yet; the app will try again by itself.</source>
        <translation>%1 est injoignable et n’a pas encore de copie locale ; l’application réessaiera d’elle-même.</translation>
    </message>
    <message>
        <source>%1 synced: %2 topics updated</source>
        <translation>%1 synchronisée : %2 sujets mis à jour</translation>
    </message>
    <message>
        <source>Something went wrong in the background (%1); details are in the log.</source>
        <translation>Un problème est survenu en arrière-plan (%1) ; les détails sont dans le journal.</translation>
    </message>
    <message>
        <source>Opened in your browser.</source>
        <translation>Ouvert dans votre navigateur.</translation>
    </message>
    <message>
        <source>Could not open the topic in the browser: %1</source>
        <translation>Impossible d’ouvrir le sujet dans le navigateur : %1</translation>
    </message>
    <message>
        <source>Community Moderator helps animators and moderators of online communities see what waits for an answer, who went quiet and what is rising. Your data stays on this computer.</source>
        <translation>Community Moderator aide les animateurs, animatrices et modérateurs de communautés en ligne à voir ce qui attend une réponse, qui est devenu silencieux et ce qui monte. Vos données restent sur cet ordinateur.</translation>
    </message>
    <message>
        <source>About Community Moderator</source>
        <translation>À propos de Community Moderator</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished">Communauté</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished">Répondre</translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Outbox</source>
        <translation type="unfinished">Boîte d’envoi</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Outbox is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies you send wait here until the community has them; nothing is waiting now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read them, then Edit or Send anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit it, then send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending is not available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to “%1” deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PastePage</name>
    <message>
        <source>Approve the app on the site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Open the approval page, sign in there if asked, and click Authorize.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open the approval page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy its address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. The site then shows a block of text. Copy all of it and paste it here:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text from the approval page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the text from the approval page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <source>&amp;Finish signing in</source>
        <translation type="unfinished"></translation>
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
        <source>Replying from the app comes with the composer.</source>
        <translation>Répondre depuis l’application arrive avec l’éditeur de réponse.</translation>
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
</context>
<context>
    <name>RecentPostsPane</name>
    <message>
        <source>Latest posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest posts of the topic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemindDialog</name>
    <message>
        <source>Later &amp;today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To&amp;morrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next Mon&amp;day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a &amp;week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished">Communauté</translation>
    </message>
    <message>
        <source>C&amp;ommunity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only remind me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If the condition no longer holds when the time comes, the reminder resolves itself and says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remind me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to remember, e.g. “Plan the spring meetup”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: a word for your future self</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also remind me on the community (a bookmark with a reminder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The community&apos;s own notifications will remind you too, on your phone for example. Sent now, or as soon as the community can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze this reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow up on this topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nudge this member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything you want to come back to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too late today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local time (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That time has passed: pick a later one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what you want to be reminded of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a community first: a note belongs to one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message>
        <source>Filter reminders  /</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished">Rappels</translation>
    </message>
    <message>
        <source>Snooze  s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me again later (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done  e</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark this reminder done (e)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring back a done or resolved reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the nudge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a message for this member, with a suggested text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also list done reminders and those that resolved themselves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New note  n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reminder of your own (n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save open reminders as a calendar file (.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked done. Press z to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That time has passed; pick a later one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed until %1. Press z to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopened. Press z to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calendar file could not be written (%1). Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) exported to the calendar file.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Later today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &amp;Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a &amp;week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pick a date and time…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reminder matches “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the spelling, or press Esc to clear the filter.</source>
        <translation type="unfinished">Vérifiez l’orthographe, ou appuyez sur Échap pour effacer le filtre.</translation>
    </message>
    <message>
        <source>No reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press m on any topic or member to be reminded later, or n here for a note of your own. Reminders can wait until a topic is still unanswered, and resolve themselves when it is not.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoveAccountDialog</name>
    <message>
        <source>Remove account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {0}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s key is revoked on the site and removed from this computer&apos;s keyring. You can sign in again at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The practice community comes back, fresh, the next time the app starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The admin API key is removed from this computer&apos;s keyring. It stays valid on the site: ask an administrator to revoke it there if nobody uses it any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also delete its local copy (topics, members, drafts, reminders)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Community se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedRepliesDialog</name>
    <message>
        <source>Saved replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text of the saved reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholders: %1. Unknown ones stay as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">Titre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore shipped replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New saved reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the saved reply a title: it is what the menu shows.</source>
        <translation type="unfinished"></translation>
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
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Views and communities</source>
        <translation>Vues et communautés</translation>
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
    <name>SitePage</name>
    <message>
        <source>Add a community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app signs in as you, with your rights. Your key stays in this computer&apos;s keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — coming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a short name, used on the command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Platform:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with my browser (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You approve the app on the site; it never sees your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an admin API key (for site administrators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key made in the site&apos;s Admin → API keys, acting as a username you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Annuler</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Spinner</name>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
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
        <translation>La synchronisation s’est arrêtée sur un problème inattendu ; les détails sont dans le journal. Votre copie locale est intacte.</translation>
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
        <translation>Arrêter la synchronisation : ce qui a déjà été récupéré est conservé</translation>
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
        <translation>Aucun sujet ne correspond à « %1 »</translation>
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
        <translation>Dernière activité : %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Ouvert le %1</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo  z</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>actions</name>
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
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>Community Moderator</source>
        <translation>Community Moderator</translation>
    </message>
</context>
<context>
    <name>saved_replies</name>
    <message>
        <source>Français</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any language</source>
        <translation type="unfinished"></translation>
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
</context>
<context>
    <name>views</name>
    <message>
        <source>Topics</source>
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
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
</context>
</TS>
