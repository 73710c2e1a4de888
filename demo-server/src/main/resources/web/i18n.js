// Texts in German and English. The page follows the browser's language unless the user switches.
const TEXTS = {
  de: {
    appName: 'Peerwork', language: 'Sprache', switchTo: 'English',
    joinTitle: 'Einer Session beitreten', session: 'Session', yourName: 'Dein Name', inviteCode: 'Einladungscode',
    join: 'Beitreten', joining: 'Trete bei …', startsAt: 'Beginn', formatLabel: 'Format',
    nameHint: 'So sehen dich die anderen, z. B. „Anna“.', codeHint: 'Steht in deiner Einladung, z. B. K7QX-2M9D-PA.',
    noSession: 'Der Link nennt keine Session. Bitte öffne den Link aus deiner Einladung.',
    connecting: 'Verbinde …', connected: 'Verbunden', reconnecting: 'Verbindung unterbrochen – verbinde neu …',
    expired: 'Deine Einladung ist abgelaufen.',
    joinAgain: 'Neu beitreten',
    you: 'Du', roleHOST: 'Gastgeber:in', roleEXPERT: 'Expert:in', rolePARTICIPANT: 'Teilnehmer:in',
    statusSCHEDULED: 'Geplant', statusOPEN: 'Lobby offen', statusRUNNING: 'Läuft', statusENDED: 'Beendet',
    statusCANCELLED: 'Abgesagt',
    agenda: 'Ablauf', now: 'jetzt', minutes: 'Min.', remaining: 'noch', overtime: 'Zeit um',
    phaseARRIVAL: 'Ankommen', phaseGOAL_ROUND: 'Zielrunde', phaseFOCUS_BLOCK: 'Fokusblock', phaseBREAK: 'Pause',
    phaseEXPERT_INPUT: 'Input der Expertin', phaseCLOSING_ROUND: 'Abschlussrunde',
    waitingForStart: 'Die Session hat noch nicht begonnen.',
    hostControls: 'Moderation', open: 'Lobby öffnen', start: 'Starten', advance: 'Nächste Phase',
    extend: '+5 Minuten', end: 'Beenden', confirmEnd: 'Session wirklich beenden?',
    myGoals: 'Meine Ziele', fromCatalogue: 'Aus dem Katalog', ownGoal: 'Oder eigenes Ziel',
    chooseTask: '– Aufgabe wählen –', goalText: 'Ziel', addGoal: 'Ziel hinzufügen', noGoals: 'Noch keine Ziele.',
    goalOPEN: 'offen', goalDONE: 'erledigt', goalPARTLY_DONE: 'teilweise', goalCARRIED_OVER: 'übertragen',
    block: 'Block {n}', checklist: 'Checkliste', markDone: 'Erledigt', markPartly: 'Teilweise', markCarry: 'Übertragen',
    everyone: 'Alle Ziele', seats: '{n} von {cap} Plätzen belegt', staffHere: 'Im Raum', present: 'anwesend', away: 'abwesend',
    help: 'Hilfe', topic: 'Thema', note: 'Worum geht es? (optional)', raiseHand: 'Hand heben',
    withdraw: 'Zurückziehen', yourPlace: 'Du bist Nr. {place} in der Warteschlange.',
    estimatedWait: 'Geschätzte Wartezeit: etwa {min} Min.', youAreNext: 'Du bist als Nächste:r dran.', noExpert: 'Gerade ist keine Expertin da.',
    beingHelped: '{name} hilft dir gerade.',
    nextWithin: 'Du bist als Nächste:r dran – in etwa {high} Min. oder früher.', waitRange: 'Geschätzte Wartezeit: etwa {low} bis {high} Min.',
    waitUpTo: 'Geschätzte Wartezeit: bis zu etwa {high} Min.', waitNone: 'Gleich ist eine Expertin für dich frei.', placeNr: 'Nr. {place}',
    overview: 'Überblick', overviewGoals: 'Ziele erledigt: {done} von {declared}', overviewHelps: 'Hilfen gegeben: {n}',
    overviewOpen: 'Offene Anfragen: {n}', overviewWaiting: 'Wartet ({n})', overviewHelping: 'In Arbeit ({n})',
    overviewHelpLine: '{expert} hilft {name} seit {min} Min.', overviewNobodyHelped: 'Gerade hilft niemand.',
    queue: 'Warteschlange', queueEmpty: 'Niemand wartet.', claimNext: 'Nächste Anfrage übernehmen',
    claim: 'Übernehmen', finish: 'Abschließen', outcome: 'Ergebnis', inProgress: 'In Arbeit',
    outcomeSOLVED: 'gelöst', outcomePARTLY_SOLVED: 'teilweise gelöst', outcomeFOLLOW_UP: 'braucht Nachbereitung',
    waitingSince: 'wartet seit {min} Min.', waitingJustNow: 'wartet seit eben', helping: 'Du hilfst {name}',
    chat: 'Chat', message: 'Nachricht', send: 'Senden', cheer: 'Anfeuern 🎉', cheered: '{from} feuert {to} an 🎉',
    cheeredAll: '{from} feuert alle an 🎉', everybody: 'alle',
    recap: 'Rückblick', recapDone: 'erledigt', recapPartly: 'teilweise', recapCarried: 'nimmt mit',
    recapFocus: '{min} Min. im Fokus', recapHelps: '{n} × Hilfe', loadingRecap: 'Lade Rückblick …',
    rejected: 'Nicht möglich', hint: 'Tipp',
    offersIntro: 'Aus deinen Routinen und vom letzten Mal – antippen zum Übernehmen:',
    offerCARRIED_OVER: 'vom letzten Mal', offerROUTINE_DUE: 'Routine fällig',
    seriesTitle: 'Termine und Routinen', register: 'Anmelden', registering: 'Melde an …', date: 'Termin',
    email: 'E-Mail-Adresse', emailHint: 'Wir schicken dir einen Link zum Bestätigen; danach nur deinen Rückblick und Nachrichten zu deinen Terminen.',
    messageLanguage: 'Sprache der Nachrichten', place: 'Ort', online: 'Online', experts: 'Expert:innen',
    seatsFree: '{n} Plätze frei', seatFree: '1 Platz frei', waitlistOnly: 'ausgebucht – Warteliste', cancelledDate: 'abgesagt', movedDate: 'verschoben',
    myDates: 'Meine Termine', noDates: 'Noch keine Termine.', seated: 'Platz sicher', waitlisted: 'Warteliste Nr. {n}',
    toSession: 'Zur Session', cancelMine: 'Absagen', confirmCancel: 'Diesen Termin wirklich absagen?',
    anotherDate: 'Für einen weiteren Termin anmelden', myRoutines: 'Meine Routinen', noRoutines: 'Noch keine Routinen.',
    addRoutine: 'Routine hinzufügen', drop: 'Entfernen', doneIn: 'erledigt in {n} der letzten {of} Termine',
    cadenceWEEKLY: 'wöchentlich', cadenceMONTHLY: 'monatlich', cadenceQUARTERLY: 'vierteljährlich', cadenceYEARLY: 'jährlich',
    dueNext: 'beim nächsten Termin fällig', calendar: 'Kalender abonnieren', personalLink: 'Dein persönlicher Link (als Lesezeichen speichern):',
    checkMail: 'Fast geschafft: Wir haben dir eine E-Mail an {email} geschickt. Öffne den Link darin, um die Anmeldung zu bestätigen (gültig {hours} Stunden). Nichts bekommen? Prüfe den Spam-Ordner; in 20 Minuten kannst du es nochmal versuchen.',
    confirmed: 'Danke, deine Anmeldung ist bestätigt.', confirmTitle: 'Anmeldung bestätigen', confirmButton: 'Bestätigen',
    confirmWhat: 'Anmeldung für {name} ({email}), {when}.', confirmExpired: 'Dieser Bestätigungslink ist abgelaufen – bitte melde dich nochmal an.',
    renewTitle: 'Neuen Link anfordern', renewHint: 'Schon angemeldet? Wir schicken dir einen neuen persönlichen Link an deine E-Mail-Adresse.',
    renewButton: 'Link schicken', renewSent: 'Wenn {email} für diese Reihe angemeldet ist, ist ein neuer Link unterwegs. Nichts bekommen? Prüfe den Spam-Ordner.',
    signOutAll: 'Alle meine Links abmelden', confirmSignOutAll: 'Alle deine Links zu dieser Reihe abmelden, auch den Kalender-Link? Einen neuen Link bekommst du per E-Mail.',
    signedOutAll: 'Alle deine Links sind abgemeldet. Ein neuer Link ist an {email} unterwegs.',
    hostTitle: 'Reihe verwalten', createSeries: 'Neue Reihe anlegen', format: 'Format', title: 'Titel',
    every: 'Jeden', ordinal1: 'ersten', ordinal2: 'zweiten', ordinal3: 'dritten', ordinal4: 'vierten', ordinalLast: 'letzten',
    startTime: 'Beginn', hours: 'Dauer (Stunden)', capacity: 'Plätze', address: 'Adresse', onlineLink: 'Online-Link (https://…)',
    organizerKey: 'Organisationsschlüssel (falls gesetzt)', create: 'Anlegen', dates: 'Termine', details: 'Details',
    registrations: 'Angemeldet', waitlist: 'Warteliste', checkInList: 'Check-in', checkIn: 'Eingecheckt?', arrived: 'da',
    noShow: 'nicht gekommen', paid: 'bezahlt', markPaid: 'Bezahlt', recordNoShows: 'Nicht-Erschienene erfassen',
    openSession: 'Session vorbereiten', hostLink: 'Als Gastgeber:in beitreten', expertLink: 'Link für Expert:innen',
    move: 'Verschieben', newStart: 'Neuer Beginn', cancelDate: 'Termin absagen', reason: 'Grund', registerLink: 'Link zur Anmeldung',
    nobody: 'Niemand.', weekday1: 'Montag', weekday2: 'Dienstag', weekday3: 'Mittwoch', weekday4: 'Donnerstag',
    weekday5: 'Freitag', weekday6: 'Samstag', weekday7: 'Sonntag',
    removed: 'Du wurdest aus dieser Session entfernt.', removedReason: 'Grund: {reason}',
    reasonSEAT_GIVEN_UP: 'Platz für diesen Termin abgesagt',
    seatsTitle: 'Plätze und Links', stateCONNECTED: 'verbunden', stateABSENT: 'nicht verbunden, Platz gehalten',
    stateLEFT: 'gegangen', stateREMOVED: 'entfernt', since: 'seit {time}', freedAt: 'Platz frei um {time}',
    removeMember: '{name} entfernen', removePrompt: '{name} wirklich entfernen? Mit diesem Zugang kommt die Person nicht wieder herein. Grund (optional, sieht nur die Person):',
    readmit: '{name} wieder zulassen', noShowLabel: 'Platz frei nach … Minuten ohne Verbindung (0 = nie)',
    saveNoShow: 'Übernehmen', linkPARTICIPANT: 'Link für Teilnehmende', linkEXPERT: 'Link für Expert:innen',
    admitted: '{n} von {limit} über diesen Link beigetreten', copyLink: 'Link kopieren', copied: 'Kopiert.',
    revokeLink: 'Link ersetzen', revokeConfirm: 'Diesen Link wirklich ersetzen? Der alte Code lässt dann niemanden mehr herein; wer schon da ist, bleibt.',
    codes: {
      ROLE_NOT_ALLOWED: 'Das darf deine Rolle nicht.', NOT_YOUR_GOAL: 'Das ist nicht dein Ziel.',
      ALREADY_IN_QUEUE: 'Du hast schon eine offene Anfrage.', QUEUE_EMPTY: 'Niemand wartet.',
      EXPERT_BUSY: 'Schließe zuerst die aktuelle Anfrage ab.', NO_NEXT_PHASE: 'Das ist die letzte Phase.',
      SESSION_NOT_OPEN: 'Die Lobby ist noch nicht offen.', SESSION_ENDED: 'Die Session ist vorbei.',
      INVALID_GOAL_TEXT: 'Ein Ziel hat 1 bis 280 Zeichen.', TOO_MANY_GOALS: 'Höchstens 10 Ziele pro Block.',
      NO_FOCUS_BLOCK_AHEAD: 'Es kommt kein Fokusblock mehr.', SESSION_FULL: 'Alle Plätze sind vergeben.',
      RATE_LIMITED: 'Zu viele Anfragen – bitte kurz warten.', INVALID_INVITE: 'Dieser Code passt nicht zu dieser Session.',
      INVALID_NAME: 'Bitte gib einen Namen mit 1 bis 60 Zeichen ein, ohne Steuer- oder unsichtbare Zeichen.', SESSION_NOT_FOUND: 'Diese Session gibt es nicht.',
      NETWORK: 'Keine Verbindung zum Server.', INVALID_NOTE: 'Die Notiz hat höchstens 500 Zeichen.',
      STORAGE_UNAVAILABLE: 'Die Datenbank antwortet gerade nicht – nichts wurde geändert, bitte nochmal versuchen.',
      SESSION_DATA_UNREADABLE: 'Die gespeicherten Daten dieser Session sind beschädigt; die Veranstalter:innen sind informiert. Andere Sessions laufen normal.',
      ROOM_UNAVAILABLE: 'Der Raum antwortet gerade nicht – gleich nochmal versuchen.',
      SESSION_ALREADY_OPEN: 'Die Lobby ist schon offen.', SESSION_ALREADY_STARTED: 'Die Session läuft schon.',
      SESSION_NOT_RUNNING: 'Das geht erst, wenn die Session läuft.', NOT_A_PARTICIPANT: 'Du bist gerade nicht im Raum – bitte neu verbinden.',
      ALREADY_PRESENT: 'Du bist schon im Raum.', ROLE_MISMATCH: 'Du bist mit einer anderen Rolle beigetreten.',
      UNKNOWN_TASK: 'Diese Aufgabe gibt es in diesem Format nicht.', UNKNOWN_GOAL: 'Dieses Ziel gibt es nicht (mehr).',
      UNKNOWN_TOPIC: 'Dieses Hilfe-Thema gibt es in diesem Format nicht.', NOT_IN_QUEUE: 'Du wartest gerade nicht auf Hilfe.',
      UNKNOWN_REQUEST: 'Diese Anfrage gibt es nicht.', ALREADY_CLAIMED: 'Diese Anfrage hat schon jemand übernommen.',
      NOT_CLAIMED_BY_YOU: 'Diese Anfrage betreust nicht du.', INVALID_EXTENSION: 'Verlängern geht um 1 bis 120 Minuten.',
      REASON_TOO_LONG: 'Der Grund hat höchstens 280 Zeichen.', UNKNOWN_FORMAT: 'Das Format dieser Session ist auf diesem Server nicht installiert.',
      UNKNOWN_QUEUE_POLICY: 'Diese Warteschlangen-Regel gibt es nicht.', SESSION_ID_MISMATCH: 'Die Angaben passen nicht zu dieser Session.',
      SESSION_ALREADY_EXISTS: 'Diese Session gibt es schon.',
      MALFORMED_JSON: 'Die Nachricht war unlesbar – bitte die Seite neu laden.', INVALID_COMMAND: 'Die Nachricht war unvollständig – bitte die Seite neu laden.',
      UNKNOWN_TYPE: 'Das kennt der Server nicht – bitte die Seite neu laden.', COMMAND_NOT_ALLOWED: 'Das macht der Server selbst.',
      FORBIDDEN_ACTOR: 'Du kannst nur für dich selbst handeln.', FRAME_TOO_LARGE: 'Die Nachricht ist zu lang.',
      OUTCOME_UNKNOWN: 'Unklar, ob das geklappt hat – es wird automatisch nochmal versucht.', INTERNAL: 'Etwas ist schiefgegangen – bitte nochmal versuchen.',
      INVALID_EMAIL: 'Bitte gib eine gültige E-Mail-Adresse ein.', ALREADY_REGISTERED: 'Du bist für diesen Termin schon angemeldet.',
      DOMAIN_SHARE_REACHED: 'Adressen deiner E-Mail-Domain haben für diesen Termin schon so viele Plätze, wie eine Domain haben kann. Melde dich mit einer anderen Adresse an oder frag die Gastgeberin.',
      DATE_PASSED: 'Dieser Termin hat schon begonnen.', DATE_CANCELLED: 'Dieser Termin ist abgesagt.',
      NOT_SEATED: 'Du stehst noch auf der Warteliste.', INVALID_TOKEN: 'Dieser Link oder Schlüssel passt nicht.',
      SERIES_NOT_FOUND: 'Diese Reihe gibt es nicht.', TOKEN_EXPIRED: 'Dieser Link ist abgelaufen.',
      SERIES_ALREADY_EXISTS: 'Diese Reihe gibt es schon.', UNKNOWN_DATE: 'Diesen Termin gibt es in der Reihe nicht.',
      DATE_NOT_STARTED: 'Der Termin hat noch nicht begonnen.', INVALID_LANGUAGE: 'Bitte wähle Deutsch oder Englisch.',
      INVALID_PRICE: 'Ein Preis ist 0 oder mehr.', NOT_REGISTERED: 'Du bist für diesen Termin nicht angemeldet.',
      NO_SUCH_ROUTINE: 'Diese Routine hast du nicht gewählt.',
      INVALID_REQUEST: 'Bitte prüfe deine Eingaben.', DATE_CONFLICT: 'An diesem Tag gibt es schon einen Termin.',
      INVALID_TITLE: 'Ein Titel hat 1 bis 120 Zeichen in einer Zeile, ohne Steuer- oder unsichtbare Zeichen.',
      INVALID_LINK: 'Bitte gib einen vollständigen Link ein, z. B. https://meet.example.org/raum (ohne Leerzeichen).',
      RESERVED_NAME: 'Dieser Name klingt nach einer Rolle (z. B. Gastgeber:in, Expert:in) – bitte wähle einen anderen.',
      DATE_OUT_OF_RANGE: 'Dieses Datum geht nicht: Termine liegen zwischen 2000 und zehn Jahren ab heute.',
      INVALID_ADDRESS: 'Eine Adresse hat 1 bis 300 Zeichen in einer Zeile, ohne Steuer- oder unsichtbare Zeichen.',
      SERVER_BUSY: 'Der Server ist gerade voll ausgelastet – bitte in ein paar Minuten nochmal versuchen.',
      SESSION_MEMBERS_LIMIT: 'Diese Session hat schon so viele Teilnehmende, wie sie haben kann.',
      TOO_MANY_CONNECTIONS: 'Zu viele offene Verbindungen – schließe andere Tabs mit dieser Session.',
      CREATION_RATE_LIMITED: 'Von deinem Netz wurden in der letzten Stunde zu viele Sessions oder Reihen angelegt – bitte später nochmal.',
      REQUEST_TIMEOUT: 'Der Server hat nicht rechtzeitig geantwortet – bitte nochmal versuchen.',
      MEMBER_REMOVED: 'Du wurdest aus dieser Session entfernt.', UNKNOWN_MEMBER: 'Diese Person ist nicht in der Session.',
      CANNOT_REMOVE_SELF: 'Dich selbst kannst du nicht entfernen.', CANNOT_REMOVE_HOST: 'Gastgeber:innen kann nur die Organisation entfernen.',
      INVALID_NO_SHOW_MINUTES: 'Bitte 0 (nie) oder 1 bis 120 Minuten angeben.', INVITE_NOT_REVOCABLE: 'Nur die Links für Teilnehmende und Expert:innen lassen sich ersetzen.',
      JOIN_RATE_LIMITED: 'Zu viele Beitritte aus deinem Netz – bitte in einer Minute nochmal versuchen.',
      INVITE_REVOKED: 'Dieser Link wurde ersetzt. Bitte frag die Gastgeber:in nach dem neuen Link.',
      INVITE_EXHAUSTED: 'Über diesen Link sind schon so viele beigetreten, wie er erlaubt. Bitte frag die Gastgeber:in nach einem neuen Link.',
      TOKEN_REVOKED: 'Dieser Link wurde abgemeldet. Einen neuen Link bekommst du per E-Mail.',
      KEY_RETIRED: 'Dieser Link wurde mit einem Schlüssel erstellt, der nicht mehr verwendet wird. Fordere einen neuen an.',
      WRONG_SESSION: 'Dieser Link gehört zu einer anderen Session.', WRONG_SERIES: 'Dieser Link gehört zu einer anderen Reihe.',
      SESSION_NOT_OVER: 'Die Session läuft noch.', NOT_FOUND: 'Das gibt es hier nicht.',
    },
  },
  en: {
    appName: 'Peerwork', language: 'Language', switchTo: 'Deutsch',
    joinTitle: 'Join a session', session: 'Session', yourName: 'Your name', inviteCode: 'Invite code',
    join: 'Join', joining: 'Joining …', startsAt: 'Starts', formatLabel: 'Format',
    nameHint: 'What the others see, e.g. "Anna".', codeHint: 'It is in your invitation, e.g. K7QX-2M9D-PA.',
    noSession: 'The link names no session. Please open the link from your invitation.',
    connecting: 'Connecting …', connected: 'Connected', reconnecting: 'Connection lost – reconnecting …',
    expired: 'Your invitation has expired.',
    joinAgain: 'Join again',
    you: 'You', roleHOST: 'Host', roleEXPERT: 'Expert', rolePARTICIPANT: 'Participant',
    statusSCHEDULED: 'Scheduled', statusOPEN: 'Lobby open', statusRUNNING: 'Running', statusENDED: 'Ended',
    statusCANCELLED: 'Cancelled',
    agenda: 'Agenda', now: 'now', minutes: 'min', remaining: 'left', overtime: 'time is up',
    phaseARRIVAL: 'Arrival', phaseGOAL_ROUND: 'Goal round', phaseFOCUS_BLOCK: 'Focus block', phaseBREAK: 'Break',
    phaseEXPERT_INPUT: 'Expert input', phaseCLOSING_ROUND: 'Closing round',
    waitingForStart: 'The session has not started yet.',
    hostControls: 'Host controls', open: 'Open lobby', start: 'Start', advance: 'Next phase',
    extend: '+5 minutes', end: 'End', confirmEnd: 'Really end the session?',
    myGoals: 'My goals', fromCatalogue: 'From the catalogue', ownGoal: 'Or your own goal',
    chooseTask: '– choose a task –', goalText: 'Goal', addGoal: 'Add goal', noGoals: 'No goals yet.',
    goalOPEN: 'open', goalDONE: 'done', goalPARTLY_DONE: 'partly', goalCARRIED_OVER: 'carried over',
    block: 'Block {n}', checklist: 'Checklist', markDone: 'Done', markPartly: 'Partly', markCarry: 'Carry over',
    everyone: "Everyone's goals", seats: '{n} of {cap} seats taken', staffHere: 'In the room', present: 'present', away: 'away',
    help: 'Help', topic: 'Topic', note: 'What is it about? (optional)', raiseHand: 'Raise hand',
    withdraw: 'Withdraw', yourPlace: 'You are number {place} in the queue.',
    estimatedWait: 'Estimated wait: about {min} min.', youAreNext: 'You are next.', noExpert: 'No expert is here right now.',
    beingHelped: '{name} is helping you.',
    nextWithin: 'You are next – in about {high} min or sooner.', waitRange: 'Estimated wait: about {low} to {high} min.',
    waitUpTo: 'Estimated wait: up to about {high} min.', waitNone: 'An expert will be free for you in a moment.', placeNr: 'No. {place}',
    overview: 'Overview', overviewGoals: 'Goals done: {done} of {declared}', overviewHelps: 'Helps given: {n}',
    overviewOpen: 'Open requests: {n}', overviewWaiting: 'Waiting ({n})', overviewHelping: 'Being helped ({n})',
    overviewHelpLine: '{expert} has been helping {name} for {min} min', overviewNobodyHelped: 'Nobody is being helped right now.',
    queue: 'Queue', queueEmpty: 'Nobody is waiting.', claimNext: 'Claim next request',
    claim: 'Claim', finish: 'Finish', outcome: 'Outcome', inProgress: 'In progress',
    outcomeSOLVED: 'solved', outcomePARTLY_SOLVED: 'partly solved', outcomeFOLLOW_UP: 'needs follow-up',
    waitingSince: 'waiting {min} min', waitingJustNow: 'just asked', helping: 'You are helping {name}',
    chat: 'Chat', message: 'Message', send: 'Send', cheer: 'Cheer 🎉', cheered: '{from} cheers {to} 🎉',
    cheeredAll: '{from} cheers everyone 🎉', everybody: 'everyone',
    recap: 'Recap', recapDone: 'done', recapPartly: 'partly', recapCarried: 'carries over',
    recapFocus: '{min} min in focus', recapHelps: '{n} × help', loadingRecap: 'Loading recap …',
    rejected: 'Not possible', hint: 'Hint',
    offersIntro: 'From your routines and from last time – tap to take it on:',
    offerCARRIED_OVER: 'from last time', offerROUTINE_DUE: 'routine due',
    seriesTitle: 'Dates and routines', register: 'Register', registering: 'Registering …', date: 'Date',
    email: 'E-mail address', emailHint: 'We send you a link to confirm; after that only your recap and news about your dates.',
    messageLanguage: 'Language of messages', place: 'Place', online: 'Online', experts: 'Experts',
    seatsFree: '{n} seats free', seatFree: '1 seat free', waitlistOnly: 'full – waitlist', cancelledDate: 'cancelled', movedDate: 'moved',
    myDates: 'My dates', noDates: 'No dates yet.', seated: 'Seat confirmed', waitlisted: 'Waitlist no. {n}',
    toSession: 'Go to session', cancelMine: 'Cancel', confirmCancel: 'Really cancel this date?',
    anotherDate: 'Register for another date', myRoutines: 'My routines', noRoutines: 'No routines yet.',
    addRoutine: 'Add routine', drop: 'Remove', doneIn: 'done in {n} of the last {of} sessions',
    cadenceWEEKLY: 'weekly', cadenceMONTHLY: 'monthly', cadenceQUARTERLY: 'quarterly', cadenceYEARLY: 'yearly',
    dueNext: 'due at the next date', calendar: 'Subscribe to calendar', personalLink: 'Your personal link (bookmark it):',
    checkMail: 'Almost done: we sent an e-mail to {email}. Open the link in it to confirm your registration (valid for {hours} hours). Nothing arrived? Check your spam folder; you can try again in 20 minutes.',
    confirmed: 'Thank you, your registration is confirmed.', confirmTitle: 'Confirm your registration', confirmButton: 'Confirm',
    confirmWhat: 'Registration for {name} ({email}), {when}.', confirmExpired: 'This confirmation link has expired – please register again.',
    renewTitle: 'Get a new link', renewHint: 'Registered already? We send a new personal link to your e-mail address.',
    renewButton: 'Send me a link', renewSent: 'If {email} is registered for this series, a new link is on its way. Nothing arrived? Check your spam folder.',
    signOutAll: 'Sign out all my links', confirmSignOutAll: 'Sign out all your links to this series, the calendar link too? You get a new link by e-mail.',
    signedOutAll: 'All your links are signed out. A new link is on its way to {email}.',
    hostTitle: 'Manage series', createSeries: 'Create a series', format: 'Format', title: 'Title',
    every: 'Every', ordinal1: 'first', ordinal2: 'second', ordinal3: 'third', ordinal4: 'fourth', ordinalLast: 'last',
    startTime: 'Start', hours: 'Length (hours)', capacity: 'Seats', address: 'Address', onlineLink: 'Online link (https://…)',
    organizerKey: 'Organizer key (if set)', create: 'Create', dates: 'Dates', details: 'Details',
    registrations: 'Registered', waitlist: 'Waitlist', checkInList: 'Check-in', checkIn: 'Checked in?', arrived: 'here',
    noShow: 'no-show', paid: 'paid', markPaid: 'Paid', recordNoShows: 'Record no-shows',
    openSession: 'Prepare session', hostLink: 'Join as host', expertLink: 'Link for experts',
    move: 'Move', newStart: 'New start', cancelDate: 'Cancel date', reason: 'Reason', registerLink: 'Registration link',
    nobody: 'Nobody.', weekday1: 'Monday', weekday2: 'Tuesday', weekday3: 'Wednesday', weekday4: 'Thursday',
    weekday5: 'Friday', weekday6: 'Saturday', weekday7: 'Sunday',
    removed: 'You were removed from this session.', removedReason: 'Reason: {reason}',
    reasonSEAT_GIVEN_UP: 'seat for this date given up',
    seatsTitle: 'Seats and links', stateCONNECTED: 'connected', stateABSENT: 'not connected, seat held',
    stateLEFT: 'left', stateREMOVED: 'removed', since: 'since {time}', freedAt: 'seat free at {time}',
    removeMember: 'Remove {name}', removePrompt: 'Really remove {name}? They cannot come back in with this access. Reason (optional, only they see it):',
    readmit: 'Let {name} back in', noShowLabel: 'Seat free after … minutes without a connection (0 = never)',
    saveNoShow: 'Apply', linkPARTICIPANT: 'Link for participants', linkEXPERT: 'Link for experts',
    admitted: '{n} of {limit} joined with this link', copyLink: 'Copy link', copied: 'Copied.',
    revokeLink: 'Replace link', revokeConfirm: 'Really replace this link? The old code then lets nobody in; whoever is in stays.',
    codes: {
      ROLE_NOT_ALLOWED: 'Your role cannot do that.', NOT_YOUR_GOAL: 'That is not your goal.',
      ALREADY_IN_QUEUE: 'You have an open request already.', QUEUE_EMPTY: 'Nobody is waiting.',
      EXPERT_BUSY: 'Finish your current request first.', NO_NEXT_PHASE: 'This is the last phase.',
      SESSION_NOT_OPEN: 'The lobby is not open yet.', SESSION_ENDED: 'The session is over.',
      INVALID_GOAL_TEXT: 'A goal has 1 to 280 characters.', TOO_MANY_GOALS: 'At most 10 goals per block.',
      NO_FOCUS_BLOCK_AHEAD: 'No focus block is left.', SESSION_FULL: 'Every seat is taken.',
      RATE_LIMITED: 'Too many requests – please wait a moment.', INVALID_INVITE: 'This code does not open this session.',
      INVALID_NAME: 'Please enter a name of 1 to 60 characters, without control or invisible characters.', SESSION_NOT_FOUND: 'There is no such session.',
      NETWORK: 'Cannot reach the server.', INVALID_NOTE: 'A note has at most 500 characters.',
      STORAGE_UNAVAILABLE: 'The database is not answering – nothing was changed, please try again.',
      SESSION_DATA_UNREADABLE: 'This session\'s saved data is damaged; the organisers have been told. Other sessions run normally.',
      ROOM_UNAVAILABLE: 'The room is not answering – try again in a moment.',
      SESSION_ALREADY_OPEN: 'The lobby is open already.', SESSION_ALREADY_STARTED: 'The session is running already.',
      SESSION_NOT_RUNNING: 'That works once the session runs.', NOT_A_PARTICIPANT: 'You are not in the room right now – please reconnect.',
      ALREADY_PRESENT: 'You are in the room already.', ROLE_MISMATCH: 'You joined with another role.',
      UNKNOWN_TASK: 'This format has no such task.', UNKNOWN_GOAL: 'This goal does not exist (any more).',
      UNKNOWN_TOPIC: 'This format has no such help topic.', NOT_IN_QUEUE: 'You are not waiting for help.',
      UNKNOWN_REQUEST: 'There is no such request.', ALREADY_CLAIMED: 'Someone has taken this request already.',
      NOT_CLAIMED_BY_YOU: 'This request is not yours to handle.', INVALID_EXTENSION: 'Extend by 1 to 120 minutes.',
      REASON_TOO_LONG: 'A reason has at most 280 characters.', UNKNOWN_FORMAT: 'This session\'s format is not installed on this server.',
      UNKNOWN_QUEUE_POLICY: 'There is no such queue rule.', SESSION_ID_MISMATCH: 'This does not fit this session.',
      SESSION_ALREADY_EXISTS: 'This session exists already.',
      MALFORMED_JSON: 'The message was unreadable – please reload the page.', INVALID_COMMAND: 'The message was incomplete – please reload the page.',
      UNKNOWN_TYPE: 'The server does not know that – please reload the page.', COMMAND_NOT_ALLOWED: 'The server does that itself.',
      FORBIDDEN_ACTOR: 'You can only act for yourself.', FRAME_TOO_LARGE: 'The message is too long.',
      OUTCOME_UNKNOWN: 'Not sure whether that worked – trying again automatically.', INTERNAL: 'Something went wrong – please try again.',
      INVALID_EMAIL: 'Please enter a valid e-mail address.', ALREADY_REGISTERED: 'You are registered for this date already.',
      DOMAIN_SHARE_REACHED: 'Addresses of your mail domain already hold as many places of this date as one domain may. Register with another address or ask the host.',
      DATE_PASSED: 'This date has started already.', DATE_CANCELLED: 'This date is cancelled.',
      NOT_SEATED: 'You are still on the waitlist.', INVALID_TOKEN: 'This link or key does not fit.',
      SERIES_NOT_FOUND: 'There is no such series.', TOKEN_EXPIRED: 'This link has expired.',
      SERIES_ALREADY_EXISTS: 'This series exists already.', UNKNOWN_DATE: 'The series has no such date.',
      DATE_NOT_STARTED: 'The date has not started yet.', INVALID_LANGUAGE: 'Please choose German or English.',
      INVALID_PRICE: 'A price is 0 or more.', NOT_REGISTERED: 'You are not registered for this date.',
      NO_SUCH_ROUTINE: 'You have not chosen this routine.',
      INVALID_REQUEST: 'Please check your input.', DATE_CONFLICT: 'There is a date on that day already.',
      INVALID_TITLE: 'A title has 1 to 120 characters on one line, without control or invisible characters.',
      INVALID_LINK: 'Please enter a complete link, e.g. https://meet.example.org/room (without spaces).',
      RESERVED_NAME: 'This name reads like a role (e.g. host, expert) – please choose another one.',
      DATE_OUT_OF_RANGE: 'That date is not possible: dates lie between 2000 and ten years from today.',
      INVALID_ADDRESS: 'An address has 1 to 300 characters on one line, without control or invisible characters.',
      SERVER_BUSY: 'The server is fully busy right now – please try again in a few minutes.',
      SESSION_MEMBERS_LIMIT: 'This session has as many members as it can have.',
      TOO_MANY_CONNECTIONS: 'Too many open connections – close other tabs with this session.',
      CREATION_RATE_LIMITED: 'Too many sessions or series were created from your network in the last hour – please try later.',
      REQUEST_TIMEOUT: 'The server did not answer in time – please try again.',
      MEMBER_REMOVED: 'You were removed from this session.', UNKNOWN_MEMBER: 'This person is not in the session.',
      CANNOT_REMOVE_SELF: 'You cannot remove yourself.', CANNOT_REMOVE_HOST: 'Only the organisers can remove a host.',
      INVALID_NO_SHOW_MINUTES: 'Please give 0 (never) or 1 to 120 minutes.', INVITE_NOT_REVOCABLE: 'Only the participant and expert links can be replaced.',
      JOIN_RATE_LIMITED: 'Too many joins from your network – please try again in a minute.',
      INVITE_REVOKED: 'This link has been replaced. Please ask the host for the new link.',
      INVITE_EXHAUSTED: 'As many people have joined with this link as it allows. Please ask the host for a new link.',
      TOKEN_REVOKED: 'This link was signed out. You get a new link by e-mail.',
      KEY_RETIRED: 'This link was made with a key that is no longer used. Ask for a new one.',
      WRONG_SESSION: 'This link belongs to another session.', WRONG_SERIES: 'This link belongs to another series.',
      SESSION_NOT_OVER: 'The session is still going on.', NOT_FOUND: 'There is no such thing here.',
    },
  },
};

const KEY = 'peerwork.lang';

/** The current language: the user's choice, else the browser's if German, else English. */
export function lang() {
  const chosen = localStorage.getItem(KEY);
  if (chosen === 'de' || chosen === 'en') return chosen;
  const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return nav.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function setLang(l) {
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}

/** The text for key, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const table = TEXTS[lang()];
  let s = table[key] ?? TEXTS.en[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll('{' + k + '}', String(v));
  return s;
}

/** A user-facing sentence for a stable error code. */
export function codeText(code, fallback) {
  return TEXTS[lang()].codes[code] ?? fallback ?? code;
}

/** A localized text object {de, en} in the current language. */
export function loc(text) {
  if (!text) return '';
  return text[lang()] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Fills every [data-i18n] element's text and [data-i18n-placeholder] placeholder. */
export function applyStatic(root = document) {
  document.documentElement.lang = lang();
  root.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
}

/** Wires a language switch button. */
export function languageButton(button, onChange) {
  const update = () => { button.textContent = t('switchTo'); button.setAttribute('lang', lang() === 'de' ? 'en' : 'de'); };
  update();
  button.addEventListener('click', () => {
    setLang(lang() === 'de' ? 'en' : 'de');
    update();
    onChange();
  });
}

/** A DOM element; strings become text nodes, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}
