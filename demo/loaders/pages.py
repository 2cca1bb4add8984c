"""Demo content for the pages app: the operator, the editor-kept pages and the goals.

Idempotent: whatever exists already (perhaps edited in the admin) is left as it is.
Texts are German, written from the project's seed page and its facts; where a fact is
not known (register number, names of the board) the text says "[Angabe folgt]".
"""

from pages.models import Goal, Operator, Page

OPERATOR = {
    "name": "Region Kassel-Land e.V.",
    "project": "(Wirtschafts-)Region der Mitte",
    "tagline": (
        "Neues Leben und Arbeiten länderübergreifend organisiert – im Raum zwischen "
        "Kassel, Paderborn und Göttingen, wo Hessen, Niedersachsen und "
        "Nordrhein-Westfalen aufeinandertreffen."
    ),
    "street": "Kurfürstenstr. 19",
    "postcode": "34466",
    "city": "Wolfhagen",
    "phone": "0 56 92 / 99 777 - 14",
    "email": "kontakt@regiondermitte.de",
    "website": "https://www.regiondermitte.de",
    "representative": "Vorstand nach § 26 BGB: [Angabe folgt]",
    "register": "Vereinsregister, Registergericht und Registernummer: [Angabe folgt]",
    "funding_notice": (
        "Das Projekt „(Wirtschafts-)Region der Mitte“ wird im Bundesprogramm "
        "„Region gestalten“ mit der Fördermaßnahme „Aktive Regionalentwicklung“ vom "
        "Bundesministerium des Innern, für Bau und Heimat aus Mitteln des "
        "Bundesprogramms Ländliche Entwicklung gefördert und vom Bundesinstitut für "
        "Bau-, Stadt- und Raumforschung (BBSR) begleitet."
    ),
}

# Number, title, text (the seed's wording), link, link text.
GOALS = [
    (
        1,
        "Regionalanalyse",
        "Bundesländerübergreifende Regionalanalyse der Wirtschaftsstrukturen und "
        "Mobilitätsbeziehungen – die Grundlage für einen späteren „Atlas der Region“.",
        "/dokumente/?kategorie=regionalanalyse",
        "Dokumente der Regionalanalyse",
    ),
    (
        2,
        "Nachbarschaftsforum",
        "Schaffung einer regionalen Kooperationsplattform, die auf die Akteure und die "
        "Umsetzung konkreter Maßnahmen ausgerichtet ist.",
        "/foren/nachbarschaftsforum/",
        "Zum Nachbarschaftsforum",
    ),
    (
        3,
        "Fachforen",
        "Erstellung eines „Werkzeugkastens“ mit Argumentationshilfen für die Regional- "
        "und Fachplanungen in den drei Bundesländern.",
        "/foren/#fachforen",
        "Zu den Fachforen",
    ),
    (
        4,
        "Unternehmensforum",
        "Durchführung eines Unternehmensforums, um die konkreten Interessen und Bedarfe "
        "der Unternehmerschaft in der Gebietskulisse für „Nachhaltiges Wirtschaften“ zu "
        "ermitteln.",
        "/foren/#unternehmensforum",
        "Zum Unternehmensforum",
    ),
]


def lines(*parts: str) -> str:
    """Lines of one Markdown paragraph, each ending in a hard line break."""
    return "  \n".join(parts)


HBDI = lines(
    "Der Hessische Beauftragte für Datenschutz und Informationsfreiheit (HBDI)",
    "Gustav-Stresemann-Ring 1",
    "65189 Wiesbaden",
    "Telefon: 0611 1408-0",
    "Internet: [datenschutz.hessen.de](https://datenschutz.hessen.de)",
)

SCHLICHTUNGSSTELLE = lines(
    "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz",
    "bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit "
    "Behinderungen",
    "Mauerstraße 53",
    "10117 Berlin",
    "Telefon: 030 18 527-2805",
    "E-Mail: [info@schlichtungsstelle-bgg.de](mailto:info@schlichtungsstelle-bgg.de)",
    "Internet: [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)",
)

LBIT = lines(
    "Landeskompetenzzentrum Barrierefreie IT (LBIT) – "
    "Durchsetzungs- und Überwachungsstelle",
    "Regierungspräsidium Gießen",
    "Landgraf-Philipp-Platz 1–7",
    "35390 Gießen",
    "Internet: [lbit.hessen.de](https://lbit.hessen.de)",
)


def address(operator: Operator) -> str:
    return lines(
        operator.name,
        operator.street,
        f"{operator.postcode} {operator.city}",
    )


def contact(operator: Operator) -> str:
    return lines(
        f"Telefon: {operator.phone}",
        f"E-Mail: [{operator.email}](mailto:{operator.email})",
        f"Internet: [{operator.website.removeprefix('https://')}]({operator.website})",
    )


EXPLAINED_TEASER = """\
Die Lebens- und Arbeitsverhältnisse in Deutschland unterliegen einem rasanten Wandel, \
der insbesondere strukturschwache ländliche Räume vor große Herausforderungen stellt. \
Angesichts des erklärten Politikziels, gleichwertige Lebensverhältnisse in allen \
Teilräumen zu ermöglichen, braucht es gemeinsame Anstrengungen und innovative Ideen \
öffentlicher, privatwirtschaftlicher und zivilgesellschaftlicher Akteure.

Mit der neuen Fördermaßnahme „Aktive Regionalentwicklung“ fördert die Heimatabteilung \
des Bundesministeriums des Innern, für Bau und Heimat (BMI) im Rahmen des Programms \
„Region gestalten“ innovative, zukunftsweisende Lösungsansätze für aktuelle \
Herausforderungen in ländlichen und strukturschwachen Regionen. Dabei steht die \
regionsbezogene Strategieentwicklung im Fokus der Förderung. Die Fördermaßnahme wird \
aus dem Bundesprogramm Ländliche Entwicklung finanziert.
"""

EXPLAINED_BODY = (
    EXPLAINED_TEASER
    + """
## Was „Region gestalten“ will

„Region gestalten“ ist ein Modellvorhabenprogramm des Bundes. Es unterstützt Regionen \
dabei, neue Wege zu erproben: Kommunen, Landkreise, Wirtschaft, Vereine und engagierte \
Bürgerinnen und Bürger entwickeln gemeinsam Strategien für ihre Region und setzen erste \
Schritte davon um. Was sich bewährt, soll anderen Regionen als Beispiel dienen.

## Die Fördermaßnahme „Aktive Regionalentwicklung“

Im Mittelpunkt der Fördermaßnahme steht die regionsbezogene Strategieentwicklung. \
Gefördert werden Vorhaben, die

- die Ausgangslage einer Region fundiert analysieren,
- Akteure über Zuständigkeits- und Verwaltungsgrenzen hinweg zusammenbringen,
- daraus eine gemeinsame Strategie mit konkreten Maßnahmen entwickeln und
- tragfähige Strukturen für die Zusammenarbeit über die Förderzeit hinaus schaffen.

Finanziert wird die Maßnahme aus dem Bundesprogramm Ländliche Entwicklung. Fachlich \
begleitet werden die Modellvorhaben vom Bundesinstitut für Bau-, Stadt- und \
Raumforschung (BBSR).

## Was das für die Region der Mitte bedeutet

Das Projekt „(Wirtschafts-)Region der Mitte“ ist eines dieser Modellvorhaben. Seine \
Besonderheit: Die Region liegt an den Grenzen von drei Bundesländern. Wirtschaftliche \
und soziale Verflechtungen enden nicht an der Landesgrenze – Statistiken, Planungen und \
Zuständigkeiten aber schon. Das Projekt bringt die Akteure aus Hessen, Niedersachsen und \
Nordrhein-Westfalen zusammen und macht die gemeinsame Region sichtbar.

[Mehr über das Projekt und seine vier Ziele](/projekt/)
"""
)

PROJECT_TEASER = """\
In dem Raum zwischen Kassel, Paderborn und Göttingen wurde Ende November 2021 das Projekt \
„(Wirtschafts-)Region der Mitte – Neues Leben und Arbeiten länderübergreifend \
organisiert“ gestartet, um eine erfolgreiche Strategie und Kooperation zur gemeinsamen \
Bewältigung des Strukturwandels zu schaffen.

Warum bedarf es überhaupt eines solchen gemeinsamen strategischen Ansatzes in der \
„Region der Mitte“? Weil in der dreifachen Randlage an den Grenzen der Bundesländer \
Hessen, Nordrhein-Westfalen und Niedersachsen vielfältige wirtschaftliche und soziale \
Verflechtungen bestehen, die bislang weder statistisch noch organisatorisch abgebildet \
sind, die aber viele neue kooperative Möglichkeiten und Handlungsoptionen für die \
voneinander abhängigen Entwicklungsfelder Wirtschaftsförderung, Regionalentwicklung \
und -planung bieten.

**Kernziel des Projekts: eine regionale Kommunikations- und Austauschplattform.** Das \
Modellvorhaben erstreckt sich über zweieinhalb Jahre und wird innerhalb des \
Förderprogramms „Region gestalten“ des BMI in Zusammenarbeit mit dem Bundesinstitut für \
Bau-, Stadt- und Raumforschung mit rund 700.000 Euro gefördert. Es verfolgt vier \
übergeordnete Ziele und Leuchtturmprojekte:
"""

PROJECT_BODY = """\
„(Wirtschafts-)Region der Mitte – Neues Leben und Arbeiten länderübergreifend \
organisiert“ ist ein Projekt der regionalen Entwicklung im ländlichen Raum zwischen \
Kassel, Paderborn und Göttingen. Es wurde Ende November 2021 gestartet, um eine \
gemeinsame Strategie und eine dauerhafte Zusammenarbeit zur Bewältigung des \
Strukturwandels zu schaffen.

## Eine Region, drei Länder

An der Weser bei Bad Karlshafen treffen Hessen, Niedersachsen und Nordrhein-Westfalen \
aufeinander. Wer hier lebt, pendelt selbstverständlich über Landesgrenzen: zur Arbeit, \
zur Schule, zum Einkaufen. Betriebe finden ihre Fachkräfte, Zulieferer und Kunden auf \
allen Seiten der Grenze.

Diese Verflechtungen sind bislang weder statistisch noch organisatorisch abgebildet. \
Statistiken, Regionalpläne und Förderkulissen enden an der Landesgrenze – die \
Herausforderungen der Region tun es nicht. Gerade in der dreifachen Randlage bieten \
sich deshalb viele neue Möglichkeiten zur Zusammenarbeit in Wirtschaftsförderung, \
Regionalentwicklung und Regionalplanung.

## Kernziel: eine regionale Kommunikations- und Austauschplattform

Das Projekt schafft einen Ort, an dem sich Entscheidungsträgerinnen und \
Entscheidungsträger, Fachleute aus Verwaltung und Planung, Unternehmen und Engagierte \
aus allen drei Ländern austauschen und gemeinsam Vorhaben auf den Weg bringen. Dieses \
Portal ist ein Teil davon. Das Projekt verfolgt vier übergeordnete Ziele:

### 1. Regionalanalyse

Eine bundesländerübergreifende Analyse der Wirtschaftsstrukturen und \
Mobilitätsbeziehungen zeigt, wie eng die Region tatsächlich verflochten ist. Die \
Ergebnisse werden als Dokumente veröffentlicht und später zu einem „Atlas der Region“ \
zusammengeführt.

[Dokumente der Regionalanalyse](/dokumente/?kategorie=regionalanalyse)

### 2. Nachbarschaftsforum

Eine regionale Kooperationsplattform für Entscheidungsträger, Fachleute und \
Ehrenamtliche, die auf die Akteure und die Umsetzung konkreter Maßnahmen ausgerichtet \
ist. Das Nachbarschaftsforum ist für alle offen.

[Zum Nachbarschaftsforum](/foren/nachbarschaftsforum/)

### 3. Fachforen und Werkzeugkasten

In den Fachforen entsteht ein „Werkzeugkasten“ mit Argumentationshilfen für die \
Regional- und Fachplanungen in den drei Bundesländern – etwa zu Gewerbeflächen, \
Mobilität, Fachkräften und Siedlungsentwicklung.

[Zu den Fachforen](/foren/#fachforen)

### 4. Unternehmensforum

Im Unternehmensforum ermitteln wir die konkreten Interessen und Bedarfe der \
Unternehmen in der Region: Was brauchen Betriebe, um hier nachhaltig zu wirtschaften?

[Zum Unternehmensforum](/foren/#unternehmensforum)

## Das Strategische Regionale Entwicklungskonzept (SREK)

Die Ergebnisse der Analyse und der Foren fließen in das Strategische Regionale \
Entwicklungskonzept. Es gibt einen Überblick über die geplanten Maßnahmen, Projekte und \
Entwicklungsstrategien, mit denen die Region in den kommenden Jahren nachhaltig \
vorankommen soll, und ist ein Arbeitsinstrument für alle, die in der Region Verantwortung \
tragen.

[Das SREK herunterladen](/srek/)

## Laufzeit, Träger und Förderung

- **Träger:** Region Kassel-Land e.V., Wolfhagen
- **Laufzeit:** zweieinhalb Jahre, Start Ende November 2021
- **Förderung:** rund 700.000 Euro im Bundesprogramm „Region gestalten“, \
Fördermaßnahme „Aktive Regionalentwicklung“, des Bundesministeriums des Innern, für Bau \
und Heimat, finanziert aus dem Bundesprogramm Ländliche Entwicklung
- **Fachliche Begleitung:** Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)

Mehr zum Förderprogramm: [„Region gestalten“ kurz erklärt](/region-gestalten/)

## Mitmachen

Lesen Sie die [aktuellen Nachrichten](/aktuelles/) und die \
[Dokumente](/dokumente/) des Projekts, diskutieren Sie in den [Foren](/foren/) mit \
oder sprechen Sie uns direkt an: Unsere [Ansprechpersonen](/ansprechpersonen/) freuen \
sich auf Ihre Ideen. Zum Schreiben in den Foren legen Sie ein kostenloses \
[Konto](/konto/signup/) an.
"""


def impressum(operator: Operator) -> str:
    return f"""\
## Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)

{address(operator)}

**Vertreten durch:** {operator.representative or "den Vorstand ([Angabe folgt])"}

**Registereintrag:** {operator.register or "[Angabe folgt]"}

## Kontakt

{contact(operator)}

## Umsatzsteuer-Identifikationsnummer

Umsatzsteuer-Identifikationsnummer gemäß § 27a Umsatzsteuergesetz: [Angabe folgt]

## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV

{lines("Oliver Sollbach, Regionalmanager", address(operator))}

## Projekt und Förderung

Dieses Portal ist Teil des Projekts „{operator.project} – Neues Leben und Arbeiten \
länderübergreifend organisiert“.

{operator.funding_notice}

## Zentrale Kontaktstelle nach dem Digital Services Act

Für Behörden, Nutzerinnen und Nutzer sind wir nach Art. 11 und 12 der Verordnung \
(EU) 2022/2065 (Digital Services Act) unter [{operator.email}](mailto:{operator.email}) \
erreichbar. Sie können uns auf Deutsch oder Englisch schreiben. Rechtswidrige Inhalte in \
den Foren melden Sie am schnellsten über die Funktion „Beitrag melden“ am jeweiligen \
Beitrag.

## Verbraucherstreitbeilegung

Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer \
Verbraucherschlichtungsstelle teilzunehmen.

## Haftung für Inhalte

Die Inhalte dieses Portals erstellen wir mit größter Sorgfalt. Für eigene Inhalte sind \
wir nach § 7 Abs. 1 DDG nach den allgemeinen Gesetzen verantwortlich. Nach den §§ 8 \
bis 10 DDG sind wir jedoch nicht verpflichtet, übermittelte oder gespeicherte fremde \
Informationen zu überwachen oder nach Umständen zu forschen, die auf eine rechtswidrige \
Tätigkeit hinweisen.

Beiträge in den Foren geben die Meinung ihrer Verfasserinnen und Verfasser wieder, nicht \
die des Vereins. Sobald wir von einer Rechtsverletzung erfahren, entfernen wir den \
betreffenden Inhalt unverzüglich.

## Haftung für Links

Das Portal enthält Links zu Websites anderer Anbieter, auf deren Inhalte wir keinen \
Einfluss haben. Für diese Inhalte ist stets der jeweilige Anbieter verantwortlich. Zum \
Zeitpunkt der Verlinkung waren keine Rechtsverstöße erkennbar. Werden uns \
Rechtsverletzungen bekannt, entfernen wir den Link umgehend.

## Urheberrecht

Texte, Bilder, Grafiken und Dokumente auf diesem Portal unterliegen dem Urheberrecht. \
Sofern nicht anders angegeben, liegen die Rechte beim {operator.name}. Die \
Rechte an Forenbeiträgen liegen bei ihren Verfasserinnen und Verfassern. Dokumente zum \
Herunterladen dürfen Sie für nichtkommerzielle Zwecke mit Quellenangabe weitergeben.
"""


def datenschutz(operator: Operator) -> str:
    return f"""\
Mit dieser Erklärung informieren wir Sie nach Art. 13 und 14 der \
Datenschutz-Grundverordnung (DSGVO) darüber, welche personenbezogenen Daten wir \
verarbeiten, wenn Sie dieses Portal nutzen, wozu und auf welcher Rechtsgrundlage wir das \
tun und welche Rechte Sie haben.

**Das Wichtigste in Kürze**

- Wer nur liest, bekommt kein Cookie. Es gibt keine Analyse- und Trackingwerkzeuge, \
keine Werbung und keine Inhalte von fremden Servern.
- Ein Cookie setzen wir erst, wenn Sie sich anmelden oder ein Formular absenden – und \
nur, weil es dafür technisch nötig ist.
- Ein Konto brauchen Sie nur, um in den Foren zu schreiben oder Themen zu folgen. Zu \
Veranstaltungen melden Sie sich auch ohne Konto an; 90 Tage nach der Veranstaltung \
löschen wir Ihre Angaben.
- Unter [Mein Konto](/konto/) laden Sie jederzeit alle Ihre Daten herunter oder löschen \
Ihr Konto selbst.

## 1. Verantwortlicher

{address(operator)}

{contact(operator)}

## 2. Ansprechperson für den Datenschutz

Kontakt zur oder zum Datenschutzbeauftragten: [Angabe folgt]. Bis dahin erreichen Sie \
uns in allen Fragen zum Datenschutz unter [{operator.email}](mailto:{operator.email}) \
(Betreff „Datenschutz“) oder unter der oben genannten Anschrift.

## 3. Aufruf des Portals (Server-Protokolle)

Wenn Sie eine Seite aufrufen, übermittelt Ihr Browser technisch bedingt Daten an unseren \
Server. Wir speichern dabei in Protokolldateien:

- IP-Adresse,
- Datum und Uhrzeit des Abrufs,
- aufgerufene Adresse (einschließlich eines Suchbegriffs, wenn Sie die Suche benutzen),
- Statuscode und Menge der übertragenen Daten,
- die zuvor besuchte Seite (Referrer), soweit Ihr Browser sie übermittelt,
- Browser und Betriebssystem (User-Agent).

**Zweck:** Auslieferung der Seiten, Sicherheit und Stabilität des Betriebs, Erkennen \
und Abwehren von Angriffen und Fehlern. **Rechtsgrundlage:** Art. 6 Abs. 1 lit. f DSGVO; \
unser berechtigtes Interesse liegt in einem sicheren und funktionsfähigen Portal. \
**Speicherdauer:** Die Protokolle werden nach sieben Tagen gelöscht, es sei denn, ein \
konkreter Sicherheitsvorfall muss länger aufgeklärt werden.

Zum Schutz vor dem massenhaften Ausprobieren von Passwörtern zählen wir \
fehlgeschlagene Anmeldeversuche je IP-Adresse und je Konto für wenige Minuten in einem \
Zwischenspeicher. Danach verfallen die Zähler (Art. 6 Abs. 1 lit. f DSGVO).

## 4. Cookies

Zum Lesen des Portals setzen wir **keine Cookies**. Nur in diesen Fällen speichern wir \
ein Cookie in Ihrem Browser:

- **`sessionid`** hält Sie angemeldet. Es entsteht, wenn Sie sich anmelden, und gilt \
bis zur Abmeldung: mit „Angemeldet bleiben“ höchstens zwei Wochen, sonst bis Sie den \
Browser schließen.
- **`csrftoken`** schützt Formulare davor, dass fremde Websites sie in Ihrem Namen \
absenden (Cross-Site Request Forgery). Es entsteht, wenn Sie ein Formular öffnen oder \
absenden, etwa zur Anmeldung oder für einen Beitrag, und gilt ein Jahr.
- **`messages`** zeigt Ihnen nach einer Aktion, etwa der Abmeldung, eine Bestätigung \
auf der nächsten Seite und verschwindet mit deren Aufruf.

Diese Cookies sind für die von Ihnen gewünschten Funktionen unbedingt erforderlich \
(§ 25 Abs. 2 Nr. 2 Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz, TDDDG); eine \
Einwilligung ist dafür nicht nötig. Sie enthalten nur zufällige Kennungen \
beziehungsweise den Text der Bestätigung. Cookies von Dritten gibt es nicht.

## 5. Benutzerkonto

Für ein Konto verarbeiten wir Ihre E-Mail-Adresse und Ihr Passwort (nur als \
verschlüsselter Hashwert, wir kennen es nicht), den Zeitpunkt der Registrierung und \
der letzten Anmeldung. Freiwillig können Sie einen Anzeigenamen, Ihre Organisation, \
Ihre Funktion, Ihr Bundesland und eine kurze Beschreibung angeben. Öffentlich sichtbar \
ist davon nur, was Sie selbst freigeben. Ihre E-Mail-Adresse zeigen wir nie öffentlich.

Nach der Registrierung senden wir Ihnen eine E-Mail, mit der Sie Ihre Adresse \
bestätigen. Wenn Sie die Zwei-Faktor-Anmeldung nutzen (für Mitarbeitende der Redaktion \
verpflichtend), speichern wir den geheimen Schlüssel Ihrer Authenticator-App und Ihre \
Wiederherstellungscodes.

**Rechtsgrundlage:** Art. 6 Abs. 1 lit. b DSGVO (Nutzungsverhältnis); für freiwillige \
Profilangaben, die Sie öffentlich zeigen, Art. 6 Abs. 1 lit. a DSGVO – Sie können die \
Freigabe jederzeit in Ihrem Profil zurücknehmen. **Speicherdauer:** bis Sie Ihr Konto \
löschen.

## 6. Foren

Wenn Sie in einem Forum schreiben, speichern wir Ihren Beitrag, den Zeitpunkt, Ihren \
Anzeigenamen und frühere Fassungen, wenn Sie den Beitrag bearbeiten. Beiträge in \
öffentlichen Foren kann jede und jeder lesen; Beiträge in geschlossenen Foren nur deren \
Mitglieder. Für geschlossene Foren speichern wir Ihre Beitrittsanfrage und die \
Entscheidung darüber.

Zur Moderation speichern wir Meldungen zu Beiträgen (wer hat was aus welchem Grund \
gemeldet – sichtbar nur für die Moderation) sowie Moderationsentscheidungen mit ihrer \
Begründung.

**Rechtsgrundlage:** Art. 6 Abs. 1 lit. b DSGVO (Teilnahme an den Foren) und Art. 6 \
Abs. 1 lit. f DSGVO (geordnete, rechtmäßige Diskussionen). **Speicherdauer:** Beiträge \
bleiben erhalten, solange das Forum besteht. Löschen Sie Ihr Konto, bleiben Ihre \
Beiträge stehen, damit Diskussionen verständlich bleiben; sie erscheinen dann als \
„gelöschtes Konto“ und sind nicht mehr mit Ihnen verknüpft. Auf Wunsch löschen wir \
einzelne Beiträge oder entfernen persönliche Angaben daraus. Meldungen und \
Moderationsentscheidungen löschen wir, sobald sie für die Nachvollziehbarkeit der \
Moderation nicht mehr gebraucht werden, spätestens nach zwei Jahren.

## 7. Anmeldung zu Veranstaltungen

Für die Anmeldung zu einer Veranstaltung verarbeiten wir Ihren Namen und Ihre \
E-Mail-Adresse, den Zeitpunkt der Anmeldung und – nur wenn die Veranstaltung danach \
fragt – Ihre Organisation, Ihre Funktion, Hinweise zur Ernährung und zu Ihrem Bedarf \
an Barrierefreiheit. Ohne Konto gilt die Anmeldung erst, wenn Sie den Link in unserer \
E-Mail bestätigen (Double-Opt-in); so kann niemand eine fremde Adresse anmelden. Wir \
schicken Ihnen die Bestätigung mit dem Termin für Ihren Kalender, bei Bedarf \
Nachrichten zur Veranstaltung (Änderungen, Absage, Nachrücken von der Warteliste) und \
am Vortag eine Erinnerung. Die Teilnehmendenliste sehen nur die Redaktion und die \
Organisierenden der Veranstaltung; für die Unterschriftenliste vor Ort drucken wir \
Name und Organisation aus. Mit dem Link in jeder E-Mail sagen Sie jederzeit ab, auch \
ohne Konto.

**Rechtsgrundlage:** Art. 6 Abs. 1 lit. b DSGVO (Teilnahme an der Veranstaltung); \
Angaben zum Bedarf an Barrierefreiheit oder zur Ernährung, die auf Ihre Gesundheit \
schließen lassen, verarbeiten wir nur mit Ihrer Einwilligung, indem Sie sie angeben \
(Art. 9 Abs. 2 lit. a DSGVO). **Speicherdauer:** **90 Tage nach dem Ende der \
Veranstaltung** löscht das Portal automatisch alle personenbezogenen Angaben der \
Anmeldungen, bestätigter wie unbestätigter. Es bleibt nur die Zahl der Anmeldungen \
(für den Nachweis gegenüber dem Fördergeber). Haben Sie ein Konto, finden Sie Ihre \
Anmeldungen bis dahin auch im Datenexport unter [Mein Konto](/konto/).

## 8. E-Mail-Benachrichtigungen

Wenn Sie einem Thema oder einem Forum folgen, schicken wir Ihnen bei neuen Beiträgen \
eine E-Mail. Dafür speichern wir, wem Sie folgen. **Rechtsgrundlage:** Ihre \
Einwilligung (Art. 6 Abs. 1 lit. a DSGVO), die Sie jederzeit mit einem Klick auf den \
Abmeldelink in jeder Benachrichtigung oder in Ihrem Konto widerrufen können.

E-Mails, die zum Konto gehören (Bestätigung der Adresse, Zurücksetzen des Passworts, \
Hinweise der Moderation zu Ihren Beiträgen), senden wir auf Grundlage von Art. 6 Abs. 1 \
lit. b DSGVO.

## 9. Downloads

Wie oft ein Dokument heruntergeladen wurde, zählen wir mit einem einfachen Zähler je \
Dokument. Dabei speichern wir keine IP-Adresse, kein Konto und keinen Zeitpunkt – der \
Zähler enthält keine personenbezogenen Daten.

## 10. Ansprechpersonen

Im Verzeichnis der Ansprechpersonen veröffentlichen wir Name, Funktion, Organisation, \
dienstliche Telefonnummer und E-Mail-Adresse sowie gegebenenfalls ein Foto von Personen, \
die in der Region für das Projekt ansprechbar sind. Das geschieht mit ihrem \
Einverständnis (Art. 6 Abs. 1 lit. a DSGVO) beziehungsweise im Rahmen ihrer dienstlichen \
Aufgabe (Art. 6 Abs. 1 lit. f DSGVO). Die Angaben löschen oder ändern wir, sobald die \
Person es wünscht oder ihre Aufgabe endet.

## 11. Kontakt per E-Mail oder Telefon

Wenn Sie uns schreiben oder anrufen, verarbeiten wir Ihre Angaben, um Ihr Anliegen zu \
bearbeiten (Art. 6 Abs. 1 lit. b oder f DSGVO). Wir löschen sie, wenn das Anliegen \
erledigt ist und keine gesetzlichen Aufbewahrungspflichten bestehen.

## 12. Keine Dienste Dritter

Alle Schriften, Bilder, Stylesheets und Skripte liefert unser eigener Server aus. Wir \
binden keine Inhalte anderer Anbieter ein – keine Schriftarten-Dienste, keine \
Content-Delivery-Netzwerke, keine Karten, Videos oder Social-Media-Schaltflächen – und \
setzen keine Analyse-, Werbe- oder Trackingdienste ein. Links zu anderen Websites sind \
gewöhnliche Links; erst wenn Sie ihnen folgen, gelten dort die Datenschutzbestimmungen \
des jeweiligen Anbieters.

## 13. Empfänger und Auftragsverarbeitung

Das Portal wird auf Servern eines Hosting-Dienstleisters in Deutschland betrieben; \
E-Mails versenden wir über einen Mailserver in Deutschland. Mit beiden Dienstleistern \
besteht ein Vertrag über die Verarbeitung im Auftrag nach Art. 28 DSGVO \
(Dienstleister: [Angabe folgt]). Eine Übermittlung in Länder außerhalb der Europäischen \
Union findet nicht statt. An Behörden geben wir Daten nur, wenn wir gesetzlich dazu \
verpflichtet sind.

## 14. Datensicherheit

Die Verbindung zum Portal ist durchgängig verschlüsselt (HTTPS). Passwörter speichern \
wir nur als Hashwert. Wer in der Redaktion oder Verwaltung arbeitet, meldet sich mit \
einem zweiten Faktor an und sieht nur, was die jeweilige Aufgabe erfordert.

## 15. Ihre Rechte

Sie haben das Recht auf

- Auskunft über Ihre Daten (Art. 15 DSGVO),
- Berichtigung unrichtiger Daten (Art. 16 DSGVO),
- Löschung (Art. 17 DSGVO),
- Einschränkung der Verarbeitung (Art. 18 DSGVO),
- Datenübertragbarkeit (Art. 20 DSGVO),
- Widerspruch gegen die Verarbeitung (Art. 21 DSGVO) und
- Widerruf einer Einwilligung mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO).

Vieles davon erledigen Sie selbst unter [Mein Konto](/konto/): Dort ändern Sie Ihr \
Profil, laden alle bei uns gespeicherten Daten zu Ihrem Konto als Datei herunter und \
löschen Ihr Konto. Für alles andere genügt eine E-Mail an \
[{operator.email}](mailto:{operator.email}).

**Widerspruchsrecht:** Soweit wir Daten auf Grundlage von Art. 6 Abs. 1 lit. f DSGVO \
verarbeiten, können Sie dem aus Gründen, die sich aus Ihrer besonderen Situation \
ergeben, jederzeit widersprechen. Wir verarbeiten die Daten dann nicht mehr, es sei denn, \
wir können zwingende schutzwürdige Gründe nachweisen, die Ihre Interessen überwiegen.

## 16. Beschwerderecht

Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren (Art. 77 DSGVO). Für \
uns zuständig ist:

{HBDI}

## 17. Pflicht zur Angabe, keine automatisierten Entscheidungen

Zum Lesen des Portals müssen Sie keine Daten angeben. Für ein Konto brauchen wir Ihre \
E-Mail-Adresse und ein Passwort; alle weiteren Angaben sind freiwillig. Automatisierte \
Entscheidungen im Sinne von Art. 22 DSGVO und Profiling finden nicht statt.

*Stand: Dezember 2026*
"""


def barrierefreiheit(operator: Operator) -> str:
    name, project = operator.name, operator.project
    return f"""\
Der {name} ist bemüht, das Portal der „{project}“ im Einklang mit dem \
Behindertengleichstellungsgesetz (BGG) und der Barrierefreie-Informationstechnik-\
Verordnung (BITV 2.0) zur Umsetzung der Richtlinie (EU) 2016/2102 barrierefrei \
zugänglich zu machen. Diese Erklärung gilt für das Portal unter \
[{operator.website.removeprefix("https://")}]({operator.website}).

## Stand der Vereinbarkeit mit den Anforderungen

Das Portal ist mit der BITV 2.0 **teilweise vereinbar**. Maßstab sind die \
Web Content Accessibility Guidelines (WCAG) 2.1 auf Konformitätsstufe AA und die \
harmonisierte Norm EN 301 549. Die Gründe für die Einschränkung sind unten aufgeführt.

## Was wir bereits umgesetzt haben

- Alle Funktionen lassen sich vollständig mit der Tastatur bedienen; der Fokus ist \
immer sichtbar, und ein Link „Zum Inhalt springen“ führt direkt zum Inhalt.
- Das Portal funktioniert ohne JavaScript.
- Texte und Bedienelemente erfüllen die Kontrastanforderungen der Stufe AA.
- Die Seiten lassen sich bis 400 Prozent vergrößern und auf schmalen Bildschirmen \
(320 Pixel Breite) ohne waagerechtes Scrollen lesen.
- Jede Seite hat eine klare Überschriftenstruktur, Seitenbereiche (Landmarks) und \
beschriftete Formularfelder; Fehlermeldungen sind mit dem betreffenden Feld verknüpft.
- PDF-Dateien, die das Portal selbst erzeugt (Nachrichten, Forenthemen, das Verzeichnis \
der Ansprechpersonen), sind getaggt und nach PDF/UA aufgebaut.
- Es werden keine Inhalte anderer Anbieter geladen, es gibt keine Bewegtbilder, die \
von selbst starten, und keine Zeitbegrenzungen beim Ausfüllen von Formularen.

## Nicht barrierefreie Inhalte

**Hochgeladene PDF-Dokumente:** Nicht alle Dokumente in der Dokumentensammlung sind \
vollständig barrierefrei, insbesondere ältere Präsentationen, Protokolle und Dokumente \
von Projektpartnern. Neue Dokumente prüfen wir vor der Veröffentlichung; ältere \
überarbeiten wir nach und nach. Auf Wunsch senden wir Ihnen den Inhalt eines Dokuments \
in einer für Sie zugänglichen Form.

**Beiträge in den Foren:** Forenbeiträge schreiben Nutzerinnen und Nutzer selbst. Wir \
können nicht sicherstellen, dass jeder Beitrag verständlich gegliedert ist oder \
Abkürzungen erklärt.

**Leichte Sprache und Gebärdensprache:** Die nach § 4 BITV 2.0 vorgesehenen \
Erläuterungen in Deutscher Gebärdensprache und in Leichter Sprache gibt es noch nicht. \
Sie sind in Vorbereitung (Zeitplan: [Angabe folgt]).

**Verwaltungsbereich:** Der Bereich, in dem die Redaktion Inhalte pflegt, beruht auf \
einer Standardsoftware und ist noch nicht vollständig geprüft. Er wird nur von \
Mitarbeitenden genutzt.

## Erstellung dieser Erklärung

Diese Erklärung wurde am 25. November 2026 erstellt. Sie beruht auf einer \
Selbstbewertung: Jede Seitenart des Portals wird bei jeder Änderung automatisch mit dem \
Prüfwerkzeug axe-core auf die Regeln der WCAG 2.1 (Stufen A und AA) geprüft; dazu \
kommen Prüfungen von Hand mit der Tastatur, mit starker Vergrößerung und stichprobenartig \
mit einem Screenreader. Die Erklärung wurde zuletzt am 25. November 2026 überprüft.

## Barrieren melden: Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder brauchen Sie einen Inhalt \
in einer anderen Form? Dann schreiben Sie uns oder rufen Sie uns an:

{address(operator)}

{contact(operator)}

Wir antworten Ihnen so schnell wie möglich, spätestens innerhalb eines Monats.

## Schlichtungsverfahren

Wenn auch nach Ihrer Rückmeldung an uns keine zufriedenstellende Lösung gefunden wurde, \
können Sie sich an die Schlichtungsstelle nach § 16 BGG wenden. Die Schlichtungsstelle \
BGG hat die Aufgabe, bei Konflikten zum Thema Barrierefreiheit zwischen Menschen mit \
Behinderungen und öffentlichen Stellen des Bundes eine außergerichtliche Streitbeilegung \
zu unterstützen. Das Schlichtungsverfahren ist kostenlos; Sie brauchen keinen \
Rechtsbeistand.

{SCHLICHTUNGSSTELLE}

## Durchsetzungsverfahren und Ombudsstelle in Hessen

Da der Träger des Portals seinen Sitz in Hessen hat, können Sie sich auch an die \
Durchsetzungs- und Überwachungsstelle für barrierefreie Informationstechnik des Landes \
Hessen wenden. Sie ist bei der Beauftragten der Hessischen Landesregierung für \
barrierefreie IT angesiedelt und vermittelt als Ombudsstelle zwischen Ihnen und uns. \
Haben wir Ihre Meldung nicht innerhalb von sechs Wochen zufriedenstellend beantwortet, \
prüft sie auf Ihren Antrag hin unser Angebot (§ 6 der Hessischen Verordnung über \
barrierefreie Informationstechnik, HVBIT).

{LBIT}
"""


def load(*, stdout) -> None:
    operator = Operator.objects.first()
    if operator is None:
        operator = Operator.objects.create(**OPERATOR)

    pages = [
        (
            "projekt",
            "Projekt „(Wirtschafts-)Region der Mitte“",
            PROJECT_TEASER,
            PROJECT_BODY,
        ),
        (
            "region-gestalten",
            "…kurz erklärt: Region gestalten – Aktive Regionalentwicklung",
            EXPLAINED_TEASER,
            EXPLAINED_BODY,
        ),
        ("impressum", "Impressum", "", impressum(operator)),
        ("datenschutz", "Datenschutzerklärung", "", datenschutz(operator)),
        (
            "barrierefreiheit",
            "Erklärung zur Barrierefreiheit",
            "",
            barrierefreiheit(operator),
        ),
    ]
    created = 0
    for slug, title, teaser, body in pages:
        _, new = Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "teaser": teaser, "body": body}
        )
        created += new
    for number, title, text, link, link_text in GOALS:
        _, new = Goal.objects.get_or_create(
            number=number,
            defaults={
                "title": title,
                "text": text,
                "link": link,
                "link_text": link_text,
            },
        )
        created += new
    stdout.write(f"Pages and goals: {created} created, the rest kept as they were.")
