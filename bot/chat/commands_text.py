"""The bot's own words, in one place: English, and German for `/settings language de`.

`say(lang, key, **args)` formats a message; a key missing in a language falls back to English.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "start": (
        "Hello! I'm briefbot. I collect news from the sources this chat follows and write short "
        "briefings: the top stories, with verified quotes, key numbers and links to every source. "
        "Ask me questions about the news and I answer from the articles, citing them.\n\n"
        "Try /brief for the briefing now, or /help for all commands."
    ),
    "help_intro": "I send short news briefings with verified quotes and key numbers, and answer "
                  "questions from the articles I have collected, with sources.",
    "cmd_export": "this chat's feeds as OPML (send me an .opml file to import)",
    "ask_hint_private": "Any other message is taken as a question; reply to a briefing to ask about it.",
    "unknown_command": "I don't know /{name}. Try /help for the commands.",
    "apology": "Sorry, something went wrong while handling that. Please try again in a moment.",
    "not_admin": "Only the chat's admins can change subscriptions, schedules and settings here. "
                 "Everyone can use /brief and /ask.",
    "brief_empty": "Nothing to brief yet: no articles have been collected for this chat.",
    "brief_empty_topic": "No recent stories about \u201c{topic}\u201d.",
    "ask_usage": "Ask me something, e.g. /ask What did the minister say about the budget?",
    "subscribe_usage": "Usage: /subscribe URL (a feed or site, http/https) or "
                       "/subscribe topic WORDS (put - before a word to exclude it).",
    "subscribe_bad_url": "That isn't a web address I can follow: {url}. "
                         "Send an http:// or https:// link to a feed or site.",
    "subscribe_long_url": "That address is too long (over {max} characters).",
    "subscribe_failed": "I couldn't use {url}: {error}",
    "subscribed_feed": "Subscribed (#{id}): {title}\n{count} right now, for example:\n{examples}",
    "items_one": "1 item",
    "items_many": "{n} items",
    "setting_range": "{name} must be a whole number from 1 to {top}, not \u201c{value}\u201d.",
    "setting_language": "language must be one of {languages}, not \u201c{value}\u201d.",
    "setting_unknown": "There is no setting \u201c{name}\u201d.",
    "subscribed_feed_empty": "Subscribed (#{id}): {title}. Nothing readable there right now; "
                             "I'll keep checking.",
    "subscribed_topic": "Subscribed (#{id}) to the topic: {words}{excluding}.",
    "excluding": ", excluding {words}",
    "sub_exists": "This chat already follows {url}.",
    "sub_limit": "This chat already has {limit} feeds, the most allowed. /unsubscribe one first.",
    "topic_limit": "This chat already has {limit} topics, the most allowed. /unsubscribe one first.",
    "topic_usage": "Usage: /subscribe topic WORDS, e.g. /subscribe topic climate energy -football",
    "unsubscribe_usage": "Usage: /unsubscribe ID (the numbers are in /sources).",
    "unsubscribe_missing": "This chat has no subscription #{id}. See /sources.",
    "unsubscribed": "Unsubscribed #{id}: {what}.",
    "sources_none": "This chat has no subscriptions of its own, so it is briefed from everything "
                    "collected (sources configured by the operator: {count}). "
                    "Add one with /subscribe URL or /subscribe topic WORDS.",
    "sources_head": "This chat's subscriptions:",
    "sources_feed": "#{id} {title} \u2013 {health}",
    "sources_topic": "#{id} topic: {words}{excluding}",
    "health_ok": "ok, last fetched {when}",
    "health_new": "new, not fetched yet",
    "health_failing": "failing ({failures}\u00d7): {error}",
    "schedule_none": "No daily briefing is scheduled here. Set one with /schedule HH:MM [Area/City] [weekdays], "
                     "e.g. /schedule 07:30 Europe/Berlin mon-fri",
    "schedule_list": "Briefings are pushed here at:\n{items}\n/schedule off stops them.",
    "schedule_set": "Done. Briefings will be pushed here at:\n{items}",
    "schedule_off": "Scheduled briefings are off for this chat.",
    "schedule_limit": "At most {limit} schedules per chat.",
    "settings_show": "Settings for this chat:\nstories: {stories}\nlength: {length} sentences per story\n"
                     "language: {language}\n\nChange with /settings stories N, /settings length N, "
                     "/settings language {languages}.",
    "settings_usage": "Usage: /settings stories N (1\u2013{max_stories}), /settings length N "
                      "(1\u2013{max_length}), /settings language {languages}.",
    "settings_saved": "Saved: {name} = {value}.",
    "export_none": "This chat follows no feeds of its own, so there is nothing to export.",
    "export_head": "This chat's feeds as OPML (save it as a .opml file):",
    "import_bad": "I couldn't read that file as OPML: {error}",
    "import_done": "Imported {added} feed(s){skipped}.",
    "import_skipped": "; skipped {count}: {details}",
    "attachment_unknown": "Send me an .opml file to import feeds; other files I can't use.",
    "brief_nothing": "Nothing to brief yet: no stories collected.",
    "label_source": "Source:",
    "label_also_reported": "Also reported by:",
    "label_sources": "Sources:",
    "help_tip": "Reply to a briefing with a question to follow up on it. In groups and channels "
                "only admins may change subscriptions and schedules.",
    "help_tip_slack": "Mention me with a question (@briefbot \u2026), or ask in a briefing's thread "
                      "to follow up on it.",
    "help_tip_console": "Type a question without a slash to ask it; start a line with ^ to follow "
                        "up on the last briefing.",
    "never": "never",
    "minutes_ago": "{n} min ago",
    "hours_ago": "{n} h ago",
    "days_ago": "{n} days ago",
}

DE: dict[str, str] = {
    "start": (
        "Hallo! Ich bin briefbot. Ich sammle Nachrichten aus den Quellen dieses Chats und schreibe "
        "kurze Briefings: die wichtigsten Meldungen mit geprüften Zitaten, Kennzahlen und Links zu "
        "allen Quellen. Fragen zu den Nachrichten beantworte ich aus den Artikeln, mit Belegen.\n\n"
        "/brief zeigt das Briefing jetzt, /help alle Befehle."
    ),
    "help_intro": "Ich schicke kurze Nachrichten-Briefings mit geprüften Zitaten und Kennzahlen "
                  "und beantworte Fragen aus den gesammelten Artikeln, mit Quellen.",
    "cmd_brief": "das Briefing jetzt (optional zu einem Thema)",
    "cmd_ask": "eine belegte Antwort mit Quellen",
    "cmd_subscribe": "Feed/Website-URL abonnieren, oder: topic WÖRTER",
    "cmd_unsubscribe": "ein Abo über seine Nummer entfernen",
    "cmd_sources": "die Abos dieses Chats und ihr Zustand",
    "cmd_schedule": "HH:MM [Gebiet/Stadt] [Wochentage], oder off",
    "cmd_settings": "Länge, Sprache, Zahl der Meldungen",
    "cmd_help": "was der Bot kann und die Befehle",
    "cmd_export": "die Feeds dieses Chats als OPML (.opml-Datei schicken zum Import)",
    "ask_hint_private": "Jede andere Nachricht gilt als Frage; antworte auf ein Briefing, um nachzufragen.",
    "unknown_command": "/{name} kenne ich nicht. /help zeigt die Befehle.",
    "apology": "Entschuldigung, dabei ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.",
    "not_admin": "Nur die Admins dieses Chats können Abos, Zeitpläne und Einstellungen ändern. "
                 "/brief und /ask kann jeder nutzen.",
    "brief_empty": "Noch nichts zu berichten: für diesen Chat wurden noch keine Artikel gesammelt.",
    "brief_empty_topic": "Keine aktuellen Meldungen zu \u201e{topic}\u201c.",
    "ask_usage": "Frag mich etwas, z. B. /ask Was sagte die Ministerin zum Haushalt?",
    "subscribe_bad_url": "Das ist keine Webadresse, der ich folgen kann: {url}. "
                         "Schick einen http://- oder https://-Link zu einem Feed oder einer Website.",
    "subscribe_failed": "{url} kann ich nicht verwenden: {error}",
    "subscribed_feed": "Abonniert (#{id}): {title}\nGerade {count}, zum Beispiel:\n{examples}",
    "items_one": "1 Eintrag",
    "items_many": "{n} Einträge",
    "subscribe_long_url": "Diese Adresse ist zu lang (über {max} Zeichen).",
    "setting_range": "{name} muss eine ganze Zahl von 1 bis {top} sein, nicht \u201e{value}\u201c.",
    "setting_language": "language muss eine von {languages} sein, nicht \u201e{value}\u201c.",
    "setting_unknown": "Eine Einstellung \u201e{name}\u201c gibt es nicht.",
    "subscribed_topic": "Thema abonniert (#{id}): {words}{excluding}.",
    "excluding": ", ohne {words}",
    "sub_exists": "Dieser Chat folgt {url} bereits.",
    "unsubscribe_missing": "Dieser Chat hat kein Abo #{id}. Siehe /sources.",
    "unsubscribed": "Abo #{id} entfernt: {what}.",
    "sources_head": "Die Abos dieses Chats:",
    "schedule_off": "Geplante Briefings sind für diesen Chat aus.",
    "settings_saved": "Gespeichert: {name} = {value}.",
    "subscribe_usage": "So geht's: /subscribe URL (ein Feed oder eine Website, http/https) oder "
                       "/subscribe topic WÖRTER (ein - vor einem Wort schließt es aus).",
    "subscribed_feed_empty": "Abonniert (#{id}): {title}. Dort ist gerade nichts Lesbares; "
                             "ich schaue weiter nach.",
    "sub_limit": "Dieser Chat hat schon {limit} Feeds, mehr geht nicht. Entferne erst einen mit /unsubscribe.",
    "topic_limit": "Dieser Chat hat schon {limit} Themen, mehr geht nicht. Entferne erst eines mit /unsubscribe.",
    "topic_usage": "So geht's: /subscribe topic WÖRTER, z. B. /subscribe topic Klima Energie -Fußball",
    "unsubscribe_usage": "So geht's: /unsubscribe NUMMER (die Nummern stehen in /sources).",
    "sources_none": "Dieser Chat hat keine eigenen Abos und bekommt daher alles Gesammelte "
                    "(vom Betreiber eingerichtete Quellen: {count}). Abonniere mit /subscribe URL "
                    "oder /subscribe topic WÖRTER.",
    "sources_topic": "#{id} Thema: {words}{excluding}",
    "health_ok": "ok, zuletzt abgerufen {when}",
    "health_new": "neu, noch nicht abgerufen",
    "health_failing": "Fehler ({failures}\u00d7): {error}",
    "schedule_none": "Hier ist kein tägliches Briefing geplant. Plane eines mit /schedule HH:MM "
                     "[Gebiet/Stadt] [Wochentage], z. B. /schedule 07:30 Europe/Berlin mon-fri",
    "schedule_list": "Briefings kommen hierher um:\n{items}\n/schedule off stoppt sie.",
    "schedule_set": "Erledigt. Briefings kommen hierher um:\n{items}",
    "schedule_limit": "Höchstens {limit} Zeitpläne pro Chat.",
    "settings_show": "Einstellungen dieses Chats:\nstories: {stories}\nlength: {length} Sätze pro Meldung\n"
                     "language: {language}\n\nÄndern mit /settings stories N, /settings length N, "
                     "/settings language {languages}.",
    "settings_usage": "So geht's: /settings stories N (1\u2013{max_stories}), /settings length N "
                      "(1\u2013{max_length}), /settings language {languages}.",
    "export_none": "Dieser Chat folgt keinen eigenen Feeds, es gibt nichts zu exportieren.",
    "export_head": "Die Feeds dieses Chats als OPML (als .opml-Datei speichern):",
    "import_bad": "Diese Datei kann ich nicht als OPML lesen: {error}",
    "import_done": "{added} Feed(s) importiert{skipped}.",
    "import_skipped": "; {count} übersprungen: {details}",
    "attachment_unknown": "Schick mir eine .opml-Datei, um Feeds zu importieren; "
                          "andere Dateien kann ich nicht verwenden.",
    "brief_nothing": "Noch nichts zu berichten: keine Meldungen gesammelt.",
    "label_source": "Quelle:",
    "label_also_reported": "Auch berichtet von:",
    "label_sources": "Quellen:",
    "help_tip": "Antworte auf ein Briefing mit einer Frage, um nachzufragen. In Gruppen und Kanälen "
                "dürfen nur Admins Abos und Zeitpläne ändern.",
    "help_tip_slack": "Erwähne mich mit einer Frage (@briefbot \u2026) oder frag im Thread eines "
                      "Briefings nach.",
    "help_tip_console": "Tippe eine Frage ohne Schrägstrich, um sie zu stellen; beginne eine Zeile "
                        "mit ^, um zum letzten Briefing nachzufragen.",
    "never": "nie",
    "minutes_ago": "vor {n} Min.",
    "hours_ago": "vor {n} Std.",
    "days_ago": "vor {n} Tagen",
}

CATALOGUES = {"en": EN, "de": DE}


def say(language: str, key: str, /, **args: object) -> str:
    template = CATALOGUES.get(language, EN).get(key) or EN[key]
    return template.format(**args) if args else template
