"""Demo content, written for this site from the facts in the movement's own texts.

Dutch first; English where the main pages have a translation. Nothing here is copied prose.
"""

from movement.retention import policy_table_html

HOME = {
    "nl": {
        "title": "Radicale vernieuwing",
        "hero_title": "Zorg die weer over mensen gaat",
        "hero_text": (
            "Radicale vernieuwing is een open beweging van cliënten, naasten, zorgverleners, "
            "bestuurders, docenten en beleidsmakers. Samen maken we ruimte voor relaties in plaats van regels."
        ),
        "hero_cta_label": "Vind een meet-up",
        "hero_image_alt": "Abstracte vormen in de kleuren van de vier stromen",
        "intro": (
            "<p>Sinds 2017 werken steeds meer organisaties aan zorg waarin de mens centraal staat. "
            "Er is geen centrale regie: elke plek zoekt zijn eigen weg, en we leren van elkaar tijdens meet-ups, "
            "kampvuurgesprekken en de jaarlijkse Week van de Radicale vernieuwing.</p>"
        ),
    },
    "en": {
        "title": "Radical renewal",
        "hero_title": "Care that is about people again",
        "hero_text": (
            "Radicale vernieuwing is an open movement of clients, relatives, care workers, managers, "
            "educators and policy makers, making room for relationships instead of rules."
        ),
        "hero_cta_label": "Find a meet-up",
        "hero_image_alt": "Abstract shapes in the colours of the four streams",
        "intro": (
            "<p>Since 2017 a growing number of organisations have been working on care that puts people "
            "first. Nobody steers from the centre: every place finds its own way, and we learn from each "
            "other at meet-ups, campfire conversations and the yearly Week of Radical Renewal.</p>"
        ),
    },
}

SECTIONS = {
    "streams": {
        "nl": (
            "Stromen",
            "stromen",
            "De beweging werkt in vier stromen, elk met eigen deelnemers, thema's en meet-ups.",
        ),
        "en": (
            "Streams",
            "streams",
            "The movement works in four streams, each with its own participants, themes and meet-ups.",
        ),
    },
    "meetups": {
        "nl": (
            "Meet-ups",
            "meet-ups",
            "Bijeenkomsten bij initiatieven in het hele land. Kom kijken, praat mee en neem iets mee naar huis.",
        ),
        "en": (
            "Meet-ups",
            "meet-ups",
            "Gatherings at local initiatives across the country. Come and see, join the conversation, take something home.",
        ),
    },
    "participants": {
        "nl": (
            "Deelnemers",
            "deelnemers",
            "Organisaties die meedoen aan de beweging, in alle provincies.",
        ),
        "en": (
            "Participants",
            "participants",
            "Organisations that take part in the movement, in every province.",
        ),
    },
    "news": {
        "nl": ("Nieuws", "nieuws", "Verhalen, terugblikken en standpunten uit de hele beweging."),
        "en": ("News", "news", "Stories, reports and positions from across the movement."),
    },
}

STANDARD_PAGES = {
    "about": {
        "nl": {
            "title": "Over de beweging",
            "slug": "over",
            "intro": "Radicale vernieuwing is geen project en geen organisatie, maar een beweging die open staat voor iedereen die zorg menselijker wil maken.",
            "body": (
                "<p>LOC Waardevolle zorg, de landelijke organisatie van cliëntenraden, startte de beweging in 2017 "
                "in de verpleeghuiszorg en de zorg thuis. Daarna kwamen de langdurige ggz (2021), de jeugd (2022) "
                "en het zorgonderwijs erbij.</p><p>Wie meedoet, deelt een paar uitgangspunten: kijk naar wat voor "
                "mensen van waarde is, geef zorgverleners ruimte voor hun vak en organiseer ondersteuning samen met "
                "mensen in plaats van over hen.</p>"
            ),
        },
        "en": {
            "title": "About the movement",
            "slug": "about",
            "intro": "Radicale vernieuwing is neither a project nor an organisation, but a movement open to everyone who wants to make care more humane.",
            "body": (
                "<p>LOC Waardevolle zorg, the national organisation of client councils, started the movement in 2017 "
                "in nursing homes and home care. Long-term mental health care (2021), youth care (2022) and care "
                "education followed.</p><p>Those who take part share a few principles: look at what matters to "
                "people, give care workers room for their craft, and organise support with people rather than "
                "over their heads.</p>"
            ),
        },
    },
    "privacy": {
        "nl": {
            "title": "Privacyverklaring",
            "slug": "privacy",
            "intro": "Wij verzamelen zo weinig mogelijk persoonsgegevens, en alleen waar dat nodig is.",
            "body": (
                "<h2>Aanmelden voor een meet-up</h2><p>Als u zich aanmeldt, bewaren wij uw naam, e-mailadres, "
                "rol en wat u ons vertelt over organisatie, toegankelijkheid en opmerkingen. Dat is nodig om u een "
                "plaats te geven, u te informeren en de bijeenkomst goed voor te bereiden. Alleen de organisatoren "
                "van meet-ups kunnen deze gegevens zien. Dertig dagen na afloop van de meet-up verwijderen wij ze.</p>"
                "<h2>Aanmelden als deelnemer</h2><p>Als uw organisatie zich aanmeldt, gebruiken wij de contactgegevens "
                "alleen om de aanmelding te beoordelen en contact op te nemen. Op de website tonen we ze alleen als u "
                "daar toestemming voor geeft.</p><h2>Geen volgsoftware</h2><p>Deze website gebruikt geen cookies van "
                "derden, geen advertentie- of analysediensten en laadt geen lettertypen of scripts van andere partijen. "
                "Een video van een andere aanbieder wordt pas geladen als u daarom vraagt.</p>"
                "<h2>Uw rechten</h2><p>U kunt uw aanmelding altijd zelf annuleren met de link in uw bevestiging, "
                "of ons vragen uw gegevens in te zien of te verwijderen.</p>"
                "<h2>Wat we bewaren, waarom en hoe lang</h2>"
            )
            + policy_table_html("nl"),
        },
        "en": {
            "title": "Privacy statement",
            "slug": "privacy",
            "intro": "We collect as little personal data as possible, and only where it is needed.",
            "body": (
                "<h2>Signing up for a meet-up</h2><p>When you sign up, we keep your name, e-mail address, role and "
                "what you tell us about your organisation, access needs and remarks. We need this to give you a "
                "place, keep you informed and prepare the meet-up well. Only meet-up organisers can see it. We delete "
                "it thirty days after the meet-up has ended.</p><h2>Applying as a participant</h2><p>When your "
                "organisation applies, we use the contact details only to review the application and get in touch. "
                "We show them on the site only with your consent.</p><h2>No tracking</h2><p>This site uses no "
                "third-party cookies, no advertising or analytics services, and loads no fonts or scripts from "
                "others. A video from another provider loads only when you ask for it.</p><h2>Your rights</h2>"
                "<p>You can cancel your sign-up yourself with the link in your confirmation, or ask us to show or "
                "delete your data.</p>"
                "<h2>What we keep, why and for how long</h2>"
            )
            + policy_table_html("en"),
        },
    },
    "accessibility": {
        "nl": {
            "title": "Toegankelijkheid",
            "slug": "toegankelijkheid",
            "intro": "Iedereen moet deze website kunnen gebruiken, ook met een beperking.",
            "body": (
                "<p>Wij bouwen de website volgens de richtlijnen WCAG 2.2 op niveau AA. De site werkt met alleen "
                "een toetsenbord, met een schermlezer en op een klein scherm, en elke pagina wordt automatisch "
                "getest met axe-core en de Nu Html Checker.</p><p>Loopt u toch ergens tegenaan? Laat het ons weten, "
                "dan lossen we het op.</p>"
            ),
        },
        "en": {
            "title": "Accessibility",
            "slug": "accessibility",
            "intro": "Everyone should be able to use this website, including people with a disability.",
            "body": (
                "<p>We build the site to WCAG 2.2 level AA. It works with a keyboard alone, with a screen reader "
                "and on a small screen, and every page is tested automatically with axe-core and the Nu Html "
                "Checker.</p><p>Still running into a problem? Let us know and we will fix it.</p>"
            ),
        },
    },
}

THEMES = [
    # (nl name, nl slug, en name, en slug, nl description, en description)
    (
        "Zorgzame gemeenschappen",
        "zorgzame-gemeenschappen",
        "Caring communities",
        "caring-communities",
        "Buurten en dorpen waar mensen voor elkaar zorgen en samen beslissen wat nodig is.",
        "Neighbourhoods and villages where people care for each other and decide together what is needed.",
    ),
    (
        "Organiseren en vernieuwen medezeggenschap",
        "medezeggenschap",
        "Renewing client participation",
        "client-participation",
        "Hoe cliëntenraden en bewoners echt invloed krijgen op de zorg.",
        "How client councils and residents gain real influence on care.",
    ),
    (
        "Rekenschap geven",
        "rekenschap-geven",
        "Giving account",
        "giving-account",
        "Verantwoorden door het verhaal van de praktijk te vertellen, in plaats van door lijstjes.",
        "Accounting for care by telling the story of practice rather than filling in checklists.",
    ),
    (
        "Zie de mens",
        "zie-de-mens",
        "See the person",
        "see-the-person",
        "Kijken naar wie iemand is en wat van waarde is, niet naar een diagnose of indicatie.",
        "Looking at who someone is and what matters to them, not at a diagnosis.",
    ),
    (
        "Kwaliteit jeugdzorg",
        "kwaliteit-jeugdzorg",
        "Quality of youth care",
        "quality-youth-care",
        "Ondersteuning van kinderen, jongeren en ouders, dicht bij huis en zonder schotten.",
        "Support for children, young people and parents, close to home and without silos.",
    ),
    (
        "Kwaliteit van de verpleeghuiszorg",
        "kwaliteit-verpleeghuiszorg",
        "Quality of nursing home care",
        "quality-nursing-homes",
        "Verpleeghuizen die onderdeel zijn van de samenleving.",
        "Nursing homes that are part of society.",
    ),
    (
        "Waardevol onderwijs",
        "waardevol-onderwijs",
        "Valuable education",
        "valuable-education",
        "Opleiden voor zorg waarin relaties en vakmanschap voorop staan.",
        "Training for care in which relationships and craft come first.",
    ),
]

KEYWORDS = [
    "radicale vernieuwing",
    "samenleving",
    "van regels naar relaties",
    "zorg en zeggenschap",
    "belangenbehartiging",
    "kampvuurgesprek",
    "wijkverpleging",
]

STREAMS = [
    {
        "key": "langdurige-zorg",
        "accent": "red",
        "icon": "home",
        "start_year": 2017,
        "themes": [
            "zorgzame-gemeenschappen",
            "rekenschap-geven",
            "zie-de-mens",
            "kwaliteit-verpleeghuiszorg",
        ],
        "keywords": ["radicale vernieuwing", "van regels naar relaties"],
        "nl": {
            "title": "Langdurige zorg",
            "slug": "langdurige-zorg",
            "intro": "Verpleeghuiszorg en zorg thuis waarin bewoners, naasten en medewerkers samen bepalen wat goede zorg is. De eerste stroom van de beweging, sinds 2017.",
            "spearheads": [
                (
                    "Zorgzame gemeenschappen",
                    "Het verpleeghuis als deel van de buurt, met bewoners, naasten en buren die naar elkaar omkijken.",
                ),
                (
                    "Rekenschap geven",
                    "Verantwoorden met verhalen uit de praktijk in plaats van met meetlijsten.",
                ),
                ("Zie de mens", "Beginnen bij wat voor iemand van waarde is."),
            ],
            "body": "<p>Organisaties in deze stroom schaffen gesloten afdelingen af, laten ondersteunende diensten samenwerken met zorgteams en geven medewerkers ruimte voor hun vak.</p>",
        },
        "en": {
            "title": "Long-term care",
            "slug": "long-term-care",
            "intro": "Nursing home and home care in which residents, relatives and staff decide together what good care is. The movement's first stream, since 2017.",
            "spearheads": [
                (
                    "Caring communities",
                    "The nursing home as part of the neighbourhood, with residents, relatives and neighbours looking out for each other.",
                ),
                (
                    "Giving account",
                    "Accounting for care with stories from practice instead of measurement lists.",
                ),
                ("See the person", "Start from what matters to someone."),
            ],
            "body": "<p>Organisations in this stream are abolishing locked wards, letting support services work with care teams and giving staff room for their craft.</p>",
        },
    },
    {
        "key": "langdurige-ggz",
        "accent": "teal",
        "icon": "heart",
        "start_year": 2021,
        "themes": ["zie-de-mens", "zorgzame-gemeenschappen"],
        "keywords": ["van regels naar relaties", "samenleving"],
        "nl": {
            "title": "Langdurige ggz",
            "slug": "langdurige-ggz",
            "intro": "Geestelijke gezondheidszorg waarin de mensen belangrijker zijn dan de protocollen. Begin 2021 gestart door elf zorgorganisaties.",
            "spearheads": [
                (
                    "Drie perspectieven",
                    "Cliënt, naasten en hulpverlener samen aan tafel, in de dagelijkse praktijk.",
                ),
                ("Thuis voelen", "Wat maakt een plek tot thuis, in de wijk of elders?"),
                (
                    "Meedoen",
                    "Maatschappelijke en sociale inclusie, en samenhang tussen behandeling en begeleiding.",
                ),
            ],
            "body": "<p>Deze stroom is geen praatclub: deelnemers veranderen hun eigen praktijk en vertellen elkaar wat werkt, ook voor jongvolwassenen die integrale ondersteuning nodig hebben.</p>",
        },
        "en": {
            "title": "Long-term mental health care",
            "slug": "long-term-mental-health-care",
            "intro": "Mental health care in which people matter more than protocols. Started in early 2021 by eleven care organisations.",
            "spearheads": [
                (
                    "Three perspectives",
                    "Client, relatives and professional at one table, in daily practice.",
                ),
                ("Feeling at home", "What makes a place home, in the neighbourhood or elsewhere?"),
                ("Taking part", "Social inclusion, and coherence between treatment and support."),
            ],
            "body": "<p>This stream is not a talking shop: participants change their own practice and tell each other what works, also for young adults who need joined-up support.</p>",
        },
    },
    {
        "key": "jeugd",
        "accent": "blue",
        "icon": "sprout",
        "start_year": 2022,
        "themes": ["kwaliteit-jeugdzorg", "zorgzame-gemeenschappen"],
        "keywords": ["samenleving", "belangenbehartiging"],
        "nl": {
            "title": "Jeugd",
            "slug": "jeugd",
            "intro": "Ondersteuning van kinderen, jongeren en ouders die begint in de gemeenschap. Gestart in 2022, na gesprekken met jongeren, ouders, hulpverleners en gemeenten.",
            "spearheads": [
                (
                    "Zes punten",
                    "Een analyse in zes punten van wat er anders moet, die we in samenhang willen oplossen.",
                ),
                (
                    "De gemeente als schaal",
                    "De gemeente is het aggregatieniveau; de gemeenschap met alle betrokkenen is de basis.",
                ),
            ],
            "body": "<p>Veel mensen willen veranderen, maar lopen vast op het grote aantal instanties rond één gezin. Deze stroom zoekt de plekken waar het wel lukt.</p>",
        },
        "en": {
            "title": "Youth",
            "slug": "youth",
            "intro": "Support for children, young people and parents that starts in the community. Started in 2022, after conversations with young people, parents, professionals and municipalities.",
            "spearheads": [
                (
                    "Six points",
                    "A six-point analysis of what has to change, to be solved as a whole.",
                ),
                (
                    "The municipality as scale",
                    "The municipality is the level of aggregation; the community with everyone involved is the base.",
                ),
            ],
            "body": "<p>Many people want change but get stuck on the number of agencies around a single family. This stream looks for the places where it does work.</p>",
        },
    },
    {
        "key": "onderwijs",
        "accent": "ochre",
        "icon": "book",
        "start_year": None,
        "themes": ["waardevol-onderwijs"],
        "keywords": ["radicale vernieuwing"],
        "nl": {
            "title": "Waarde-vol Onderwijs",
            "slug": "waarde-vol-onderwijs",
            "intro": "Een netwerk van zorg- en onderwijsorganisaties dat het zorgonderwijs vernieuwt, zodat nieuwe zorgverleners leren werken vanuit relaties.",
            "spearheads": [
                (
                    "Kennis delen",
                    "Zorg- en onderwijsorganisaties leren van elkaar, zodat niet elke regio het wiel opnieuw uitvindt.",
                ),
                (
                    "Vakschool Waardevolle zorg",
                    "Verkennen of een eigen vakschool kan helpen om vernieuwing duurzaam te maken.",
                ),
            ],
            "body": "<p>Wie de zorg wil vernieuwen, moet ook het onderwijs vernieuwen dat voor de zorg opleidt.</p>",
        },
        "en": {
            "title": "Valuable Education",
            "slug": "valuable-education",
            "intro": "A network of care and education organisations renewing care education, so that new care workers learn to work from relationships.",
            "spearheads": [
                (
                    "Sharing knowledge",
                    "Care and education organisations learn from each other, so no region has to reinvent the wheel.",
                ),
                (
                    "A vocational school",
                    "Exploring whether a vocational school for valuable care can make renewal last.",
                ),
            ],
            "body": "<p>Renewing care also means renewing the education that prepares people for it.</p>",
        },
    },
]

# Participating organisations are fictional, except for the initiatives named in the seed texts.
PARTICIPANTS = [
    # slug, name, city, province, streams, year, description, themes
    (
        "het-8ste-werk",
        "Woonleergemeenschap Het 8ste Werk",
        "Kampen",
        "overijssel",
        ["langdurige-zorg"],
        2022,
        "Een woonleergemeenschap waar jong en oud, met en zonder zorgvraag, samen wonen en van elkaar leren.",
        ["zorgzame-gemeenschappen"],
    ),
    (
        "zorgvrijstaat",
        "Zorgvrijstaat",
        "Rotterdam",
        "zuid-holland",
        ["langdurige-zorg", "jeugd"],
        2023,
        "Buurtbewoners in Rotterdam-West die zelf eigenaar zijn van zorg en welzijn in hun wijk.",
        ["zorgzame-gemeenschappen", "medezeggenschap"],
    ),
    (
        "austerlitz-zorgt",
        "Zorgcoöperatie Austerlitz Zorgt",
        "Austerlitz",
        "utrecht",
        ["langdurige-zorg"],
        2023,
        "Een coöperatie van dorpsbewoners die zorg en ondersteuning in het eigen dorp regelen.",
        ["zorgzame-gemeenschappen"],
    ),
    (
        "de-linde",
        "Zorggroep De Linde",
        "Groningen",
        "groningen",
        ["langdurige-zorg"],
        2017,
        "Verpleeghuizen en wijkteams die werken zonder vaste bezoektijden en met open deuren.",
        ["kwaliteit-verpleeghuiszorg"],
    ),
    (
        "het-veerhuis",
        "Stichting Het Veerhuis",
        "Leeuwarden",
        "friesland",
        ["langdurige-ggz"],
        2021,
        "Beschermd wonen en begeleiding in kleine huizen midden in de wijk.",
        ["zie-de-mens"],
    ),
    (
        "kompas-ggz",
        "Kompas ggz",
        "Assen",
        "drenthe",
        ["langdurige-ggz"],
        2021,
        "Langdurige ggz waarin ervaringsdeskundigen mee beslissen over de koers.",
        ["medezeggenschap"],
    ),
    (
        "polderzorg",
        "PolderZorg",
        "Almere",
        "flevoland",
        ["langdurige-zorg", "onderwijs"],
        2019,
        "Zorg thuis met zelfsturende teams en een eigen leerwerkplaats.",
        ["waardevol-onderwijs"],
    ),
    (
        "rivierenland-jeugd",
        "Jeugdnetwerk Rivierenland",
        "Tiel",
        "gelderland",
        ["jeugd"],
        2022,
        "Jongeren, ouders, scholen en hulpverleners die samen één plan per gezin maken.",
        ["kwaliteit-jeugdzorg"],
    ),
    (
        "zaanstreek-samen",
        "Zaanstreek Samen",
        "Zaandam",
        "noord-holland",
        ["jeugd", "langdurige-ggz"],
        2022,
        "Een samenwerkingsverband van wijkteams en ggz voor jongvolwassenen.",
        ["kwaliteit-jeugdzorg", "zie-de-mens"],
    ),
    (
        "zeeuwse-gronden",
        "Zorgboerderij De Zeeuwse Gronden",
        "Goes",
        "zeeland",
        ["langdurige-ggz"],
        2023,
        "Dagbesteding en wonen op een boerderij, met werk dat ertoe doet.",
        ["zie-de-mens"],
    ),
    (
        "brabant-leert",
        "Zorgacademie Brabant",
        "Tilburg",
        "noord-brabant",
        ["onderwijs"],
        2020,
        "Een mbo-opleiding waar studenten vanaf dag één in de wijk leren.",
        ["waardevol-onderwijs"],
    ),
    (
        "maasheuvel",
        "Woonzorg Maasheuvel",
        "Venlo",
        "limburg",
        ["langdurige-zorg"],
        2018,
        "Kleinschalig wonen met dementie, zonder gesloten deuren.",
        ["kwaliteit-verpleeghuiszorg", "rekenschap-geven"],
    ),
    (
        "utrechtse-heuvelrug",
        "Wijkverpleging Heuvelrug",
        "Zeist",
        "utrecht",
        ["langdurige-zorg"],
        2019,
        "Wijkverpleegkundigen die samen met buurtbewoners de zorg in de wijk organiseren.",
        ["zorgzame-gemeenschappen"],
    ),
    (
        "mbo-twente",
        "Zorgcollege Twente",
        "Enschede",
        "overijssel",
        ["onderwijs", "jeugd"],
        2021,
        "Onderwijs in zorg en welzijn, samen met zorgorganisaties uit de regio.",
        ["waardevol-onderwijs"],
    ),
]

ARTICLES = [
    # slug, stream key (or None for news), kind, days ago, title, summary, body paragraphs, themes, keywords
    (
        "van-overheid-naar-onderheid",
        "langdurige-zorg",
        "report",
        120,
        "Op bezoek in Kampen: van overheid naar onderheid",
        "Een middag bij Woonleergemeenschap Het 8ste Werk over zeggenschap die begint bij de bewoners zelf.",
        [
            "In Kampen wonen mensen met en zonder zorgvraag in één gemeenschap. Tijdens de meet-up vertelden bewoners hoe zij samen besluiten wat er nodig is.",
            "Het gesprek ging vooral over eigenaarschap: wie bepaalt, en wie dient? De deelnemers waren het erover eens dat de overheid moet volgen wat een gemeenschap zelf opbouwt.",
        ],
        ["zorgzame-gemeenschappen", "medezeggenschap"],
        ["zorg en zeggenschap", "samenleving"],
    ),
    (
        "buurtbewoners-eigenaar",
        "langdurige-zorg",
        "report",
        90,
        "Zorgvrijstaat: buurtbewoners als eigenaar van zorg en welzijn",
        "Terugblik op de meet-up in Rotterdam-West, waar bewoners zorgzame buurten bouwen.",
        [
            "Bij Zorgvrijstaat in Rotterdam-West zijn de bewoners zelf aan zet. Ze organiseren ontmoeting, hulp en zorg op de schaal van de straat.",
            "Deelnemers uit andere delen van het land namen ideeën mee over hoe je bewoners een formele stem geeft.",
        ],
        ["zorgzame-gemeenschappen"],
        ["samenleving", "van regels naar relaties"],
    ),
    (
        "zeggenschap-dichterbij",
        None,
        "position",
        60,
        "Zeggenschap over zorg hoort dicht bij mensen",
        "Waarom de beweging pleit voor wettelijke borging van lokale zeggenschap over zorg en ondersteuning.",
        [
            "Medezeggenschap is nu gekoppeld aan instellingen. Maar steeds meer mensen wonen thuis en krijgen zorg van meerdere organisaties tegelijk.",
            "Daarom vragen we de politiek om inwoners van een wijk of dorp het recht te geven zelf initiatief te nemen in hoe zorg en hulp daar geregeld zijn.",
        ],
        ["medezeggenschap", "zorgzame-gemeenschappen"],
        ["zorg en zeggenschap", "belangenbehartiging"],
    ),
    (
        "brief-aan-het-kabinet",
        None,
        "position",
        200,
        "Onze brief aan het nieuwe kabinet",
        "Wat de beweging vraagt van het kabinet: mensen benaderen als mens, niet als object van zorg.",
        [
            "In een brief aan het kabinet zetten we op een rij wat er nodig is: samenhang tussen levensdomeinen, bestaanszekerheid en ondersteuning die samen met mensen wordt georganiseerd.",
            "We laten voorbeelden uit de praktijk zien waarin mensen met een zorgvraag zelf van betekenis zijn voor anderen.",
        ],
        ["zie-de-mens"],
        ["belangenbehartiging", "samenleving"],
    ),
    (
        "elf-organisaties-ggz",
        "langdurige-ggz",
        "news",
        300,
        "Elf organisaties starten samen in de langdurige ggz",
        "Een nieuwe stroom: ggz waarin de mensen belangrijker zijn dan de regels.",
        [
            "Elf zorgorganisaties bundelen hun krachten om de langdurige ggz vanuit de wortel te vernieuwen.",
            "Ze werken vanuit de praktijk, met cliënten, ervaringsdeskundigen, naasten en hulpverleners aan één tafel.",
        ],
        ["zie-de-mens"],
        ["radicale vernieuwing"],
    ),
    (
        "thuis-voelen",
        "langdurige-ggz",
        "story",
        45,
        "Wat maakt een plek tot thuis?",
        "Bewoners van een beschermde woonvorm vertellen wat voor hen een thuis is.",
        [
            "Een eigen sleutel, een buurman die groet, een plek voor de hond: de antwoorden zijn verrassend gewoon.",
            "Medewerkers merkten dat ze die gewone dingen in hun plannen vaak vergeten.",
        ],
        ["zie-de-mens", "zorgzame-gemeenschappen"],
        ["van regels naar relaties"],
    ),
    (
        "zes-punten-jeugd",
        "jeugd",
        "position",
        250,
        "Zes punten voor ondersteuning van jeugd",
        "De analyse waarmee de stroom Jeugd begon, na gesprekken met jongeren, ouders en gemeenten.",
        [
            "Te veel instanties rond één gezin maken verandering bijna onmogelijk. Daarom willen we zes knelpunten in samenhang aanpakken.",
            "De gemeente is daarbij het niveau waarop je organiseert; de gemeenschap rond het kind is de basis.",
        ],
        ["kwaliteit-jeugdzorg"],
        ["belangenbehartiging"],
    ),
    (
        "een-plan-per-gezin",
        "jeugd",
        "story",
        30,
        "Eén plan per gezin in Rivierenland",
        "Hoe jongeren, ouders en hulpverleners in Tiel samen één plan maken.",
        [
            "Een moeder vertelt hoe ze eerst vijf hulpverleners had en nu één vast gezicht.",
            "Het netwerk laat zien dat het kan, ook binnen de bestaande regels.",
        ],
        ["kwaliteit-jeugdzorg", "zorgzame-gemeenschappen"],
        ["van regels naar relaties"],
    ),
    (
        "vakschool-verkenning",
        "onderwijs",
        "news",
        75,
        "Verkenning naar een vakschool Waardevolle zorg",
        "Zorg- en onderwijsorganisaties onderzoeken samen een eigen vakschool.",
        [
            "Verschillende organisaties willen niet in elke regio opnieuw het wiel uitvinden. Een gezamenlijke vakschool kan helpen.",
            "De komende maanden verkennen ze hoe zo'n school eruit kan zien.",
        ],
        ["waardevol-onderwijs"],
        ["radicale vernieuwing"],
    ),
    (
        "leren-in-de-wijk",
        "onderwijs",
        "story",
        20,
        "Studenten leren vanaf dag één in de wijk",
        "Bij een mbo-opleiding in Tilburg begint het leren bij de mensen thuis.",
        [
            "Studenten lopen vanaf de eerste week mee met wijkverpleegkundigen en praten met bewoners over wat zij belangrijk vinden.",
            "Docenten zien dat studenten sneller begrijpen waar zorg eigenlijk over gaat.",
        ],
        ["waardevol-onderwijs", "zie-de-mens"],
        ["wijkverpleging"],
    ),
    (
        "week-van-de-radicale-vernieuwing",
        None,
        "news",
        10,
        "Programma Week van de Radicale vernieuwing bekend",
        "Een week vol meet-ups, kampvuurgesprekken en bezoeken aan initiatieven door het hele land.",
        [
            "Tijdens de jaarlijkse week openen initiatieven hun deuren. Iedereen die betrokken is bij zorg is welkom.",
            "Meld u aan voor een of meer meet-ups via de pagina Meet-ups.",
        ],
        ["zorgzame-gemeenschappen"],
        ["radicale vernieuwing", "kampvuurgesprek"],
    ),
    (
        "rekenschap-zonder-lijstjes",
        "langdurige-zorg",
        "story",
        150,
        "Rekenschap geven zonder lijstjes",
        "Een verpleeghuis in Venlo vertelt zijn kwaliteitsverhaal in plaats van formulieren in te vullen.",
        [
            "Het team schrijft elk kwartaal op wat bewoners en naasten vertellen, en wat ze daarmee doen.",
            "De toezichthouder las mee en vond het verhaal meer zeggen dan de oude scores.",
        ],
        ["rekenschap-geven", "kwaliteit-verpleeghuiszorg"],
        ["van regels naar relaties"],
    ),
]

# days from now (negative = past), duration in hours, venue/participant slug or None for online.
MEETUPS = [
    (
        "meet-up-het-8ste-werk",
        -200,
        3,
        "het-8ste-werk",
        ["langdurige-zorg"],
        None,
        40,
        "Meet-up bij Het 8ste Werk in Kampen",
        "Kijk rond in een woonleergemeenschap en praat mee over zeggenschap die begint bij bewoners.",
        ("Woonleergemeenschap Het 8ste Werk", "IJsselkade 8", "8261 AA", "Kampen", "overijssel"),
        ["zorgzame-gemeenschappen"],
        "van-overheid-naar-onderheid",
    ),
    (
        "meet-up-zorgvrijstaat",
        -150,
        3,
        "zorgvrijstaat",
        ["langdurige-zorg"],
        None,
        30,
        "Meet-up bij Zorgvrijstaat in Rotterdam-West",
        "Buurtbewoners laten zien hoe zij zorg en welzijn in hun wijk zelf organiseren.",
        ("Buurthuis Zorgvrijstaat", "Nieuwe Binnenweg 300", "3021 GR", "Rotterdam", "zuid-holland"),
        ["zorgzame-gemeenschappen", "medezeggenschap"],
        "buurtbewoners-eigenaar",
    ),
    (
        "meet-up-austerlitz-zorgt",
        12,
        3,
        "austerlitz-zorgt",
        ["langdurige-zorg"],
        "week",
        35,
        "Meet-up bij zorgcoöperatie Austerlitz Zorgt",
        "Hoe een dorp zijn eigen zorg regelt: een middag met de coöperatie en haar leden.",
        ("Dorpshuis Austerlitz", "Oude Postweg 20", "3711 AM", "Austerlitz", "utrecht"),
        ["zorgzame-gemeenschappen"],
        None,
    ),
    (
        "kampvuurgesprek-ggz",
        16,
        2,
        "het-veerhuis",
        ["langdurige-ggz"],
        "week",
        20,
        "Kampvuurgesprek: thuis voelen in de ggz",
        "Een avond rond het vuur over wat een plek tot thuis maakt.",
        ("Het Veerhuis", "Wirdumerdijk 12", "8911 CE", "Leeuwarden", "friesland"),
        ["zie-de-mens"],
        None,
    ),
    (
        "online-jeugd-zes-punten",
        20,
        2,
        None,
        ["jeugd"],
        "week",
        None,
        "Online: de zes punten voor jeugd in de praktijk",
        "Een online gesprek over hoe gemeenten en gemeenschappen de zes punten aanpakken.",
        None,
        ["kwaliteit-jeugdzorg"],
        None,
    ),
    (
        "meet-up-maasheuvel",
        28,
        3,
        "maasheuvel",
        ["langdurige-zorg"],
        None,
        4,
        "Meet-up bij Woonzorg Maasheuvel: wonen zonder gesloten deuren",
        "Zie hoe kleinschalig wonen met dementie werkt zonder gesloten deuren.",
        ("Woonzorg Maasheuvel", "Maasboulevard 5", "5911 JA", "Venlo", "limburg"),
        ["kwaliteit-verpleeghuiszorg"],
        None,
    ),
    (
        "onderwijs-in-de-wijk",
        40,
        4,
        "brabant-leert",
        ["onderwijs"],
        None,
        50,
        "Leren in de wijk: meet-up voor zorg en onderwijs",
        "Docenten, studenten en zorgorganisaties delen hoe leren in de wijk werkt.",
        ("Zorgacademie Brabant", "Stationsstraat 15", "5038 EA", "Tilburg", "noord-brabant"),
        ["waardevol-onderwijs"],
        None,
    ),
    (
        "rivierenland-een-plan",
        55,
        3,
        "rivierenland-jeugd",
        ["jeugd"],
        None,
        25,
        "Eén plan per gezin: meet-up in Tiel",
        "Jongeren, ouders en hulpverleners vertellen hoe één plan per gezin werkt.",
        ("Jeugdnetwerk Rivierenland", "Waalkade 3", "4001 LN", "Tiel", "gelderland"),
        ["kwaliteit-jeugdzorg"],
        None,
    ),
]

SERIES = {
    "week": {
        "nl": (
            "Week van de Radicale vernieuwing",
            "week-van-de-radicale-vernieuwing",
            "Eén week per jaar openen initiatieven in het hele land hun deuren.",
        ),
        "en": (
            "Week of Radical Renewal",
            "week-of-radical-renewal",
            "One week a year, initiatives across the country open their doors.",
        ),
    },
}

# --- English versions, written for English readers (not word-for-word translations) ---

# Dutch participant slug -> (English description). Organisation names are proper names and stay.
PARTICIPANTS_EN = {
    "het-8ste-werk": "A living-and-learning community where young and old, with and without care needs, share a home and learn from each other.",
    "zorgvrijstaat": "Residents of Rotterdam-West who own the care and wellbeing services in their own neighbourhood.",
    "austerlitz-zorgt": "A cooperative of villagers who arrange care and support in their own village.",
    "de-linde": "Nursing homes and neighbourhood teams that work with open doors and without fixed visiting hours.",
    "het-veerhuis": "Sheltered housing and support in small houses in the middle of ordinary streets.",
    "kompas-ggz": "Long-term mental health care in which people with lived experience help decide the course.",
    "polderzorg": "Home care by self-managing teams, with its own workplace for learning on the job.",
    "rivierenland-jeugd": "Young people, parents, schools and professionals who make a single plan for each family, together.",
    "zaanstreek-samen": "Neighbourhood teams and mental health services working as one for young adults.",
    "zeeuwse-gronden": "Day activities and housing on a working farm, with jobs that really matter.",
    "brabant-leert": "A vocational college where students learn in the neighbourhood from their very first day.",
    "maasheuvel": "Small-scale housing for people living with dementia, without locked doors.",
    "utrechtse-heuvelrug": "District nurses who organise neighbourhood care together with local residents.",
    "mbo-twente": "Education in health and social care, shaped together with care organisations in the region.",
}

# Dutch article slug -> (English title, English slug, summary, body paragraphs).
ARTICLES_EN = {
    "van-overheid-naar-onderheid": (
        "Visiting Kampen: government that follows the community",
        "visiting-kampen",
        "An afternoon at Het 8ste Werk, where having a say starts with the residents themselves.",
        [
            "In Kampen, people with and without care needs live together as one community. At the meet-up, residents explained how they decide together what is needed.",
            "Much of the conversation was about ownership: who decides, and who serves? Everyone agreed that the authorities should follow what a community builds for itself, not the other way round.",
        ],
    ),
    "buurtbewoners-eigenaar": (
        "Zorgvrijstaat: residents who own their neighbourhood's care",
        "residents-own-their-care",
        "Looking back on the meet-up in Rotterdam-West, where neighbours are building caring streets.",
        [
            "At Zorgvrijstaat in Rotterdam-West, the residents are in charge. They organise meeting places, practical help and care at the scale of a single street.",
            "Visitors from other parts of the country went home with ideas on how to give residents a formal voice.",
        ],
    ),
    "zeggenschap-dichterbij": (
        "A say in care belongs close to people",
        "a-say-close-to-people",
        "Why the movement wants local control over care and support to be guaranteed by law.",
        [
            "Today, participation rights are tied to institutions. Yet more and more people live at home and receive care from several organisations at once.",
            "So we are asking politicians to give the residents of a neighbourhood or village the right to take the initiative in how care and help are arranged there.",
        ],
    ),
    "elf-organisaties-ggz": (
        "Eleven organisations start together in long-term mental health care",
        "eleven-organisations-start",
        "A new stream: mental health care in which people matter more than rules.",
        [
            "Eleven care organisations are joining forces to renew long-term mental health care from the roots up.",
            "They start from daily practice, with clients, peer experts, relatives and professionals around one table.",
        ],
    ),
    "thuis-voelen": (
        "What makes a place feel like home?",
        "what-makes-a-home",
        "Residents of a sheltered housing scheme talk about what home means to them.",
        [
            "A key of your own, a neighbour who says hello, room for the dog: the answers are surprisingly ordinary.",
            "Staff realised how easily those ordinary things slip out of their care plans.",
        ],
    ),
    "een-plan-per-gezin": (
        "One plan per family in Rivierenland",
        "one-plan-per-family",
        "How young people, parents and professionals in Tiel make a single plan together.",
        [
            "One mother describes how she went from five different professionals to one familiar face.",
            "The network shows that it can be done, even within the existing rules.",
        ],
    ),
    "leren-in-de-wijk": (
        "Students learn in the neighbourhood from day one",
        "learning-in-the-neighbourhood",
        "At a vocational college in Tilburg, learning starts in people's own homes.",
        [
            "From their first week, students go along with district nurses and talk with residents about what matters to them.",
            "Teachers see students grasp much sooner what care is really about.",
        ],
    ),
    "week-van-de-radicale-vernieuwing": (
        "Programme for the Week of Radical Renewal announced",
        "week-of-radical-renewal-programme",
        "A week of meet-ups, campfire conversations and visits to initiatives across the country.",
        [
            "During the yearly week, initiatives open their doors. Anyone involved in care is welcome.",
            "You can sign up for one or more meet-ups on the Meet-ups page.",
        ],
    ),
}

# Articles that mention participating organisations (ArticlePage.participants).
ARTICLE_PARTICIPANTS = {
    "van-overheid-naar-onderheid": ["het-8ste-werk"],
    "buurtbewoners-eigenaar": ["zorgvrijstaat"],
    "thuis-voelen": ["het-veerhuis"],
    "een-plan-per-gezin": ["rivierenland-jeugd"],
    "leren-in-de-wijk": ["brabant-leert"],
    "rekenschap-zonder-lijstjes": ["maasheuvel"],
}

# Dutch meet-up slug -> (English title, English slug, summary, venue name or None).
MEETUPS_EN = {
    "meet-up-het-8ste-werk": (
        "Meet-up at Het 8ste Werk in Kampen",
        "meet-up-het-8ste-werk",
        "Look around a living-and-learning community and talk about a say that starts with residents.",
    ),
    "meet-up-zorgvrijstaat": (
        "Meet-up at Zorgvrijstaat in Rotterdam-West",
        "meet-up-zorgvrijstaat",
        "Residents show how they run care and wellbeing in their own neighbourhood.",
    ),
    "meet-up-austerlitz-zorgt": (
        "Meet-up at the Austerlitz Zorgt care cooperative",
        "meet-up-austerlitz-zorgt",
        "How a village arranges its own care: an afternoon with the cooperative and its members.",
    ),
    "kampvuurgesprek-ggz": (
        "Campfire conversation: feeling at home in mental health care",
        "campfire-feeling-at-home",
        "An evening around the fire about what turns a place into a home.",
    ),
    "online-jeugd-zes-punten": (
        "Online: the six points for youth care in practice",
        "online-six-points-youth",
        "An online conversation about how municipalities and communities are tackling the six points.",
    ),
    "meet-up-maasheuvel": (
        "Meet-up at Woonzorg Maasheuvel: living without locked doors",
        "meet-up-maasheuvel",
        "See how small-scale housing for people with dementia works without locked doors.",
    ),
    "onderwijs-in-de-wijk": (
        "Learning in the neighbourhood: a meet-up for care and education",
        "learning-in-the-neighbourhood-meet-up",
        "Teachers, students and care organisations share how learning in the neighbourhood works.",
    ),
    "rivierenland-een-plan": (
        "One plan per family: meet-up in Tiel",
        "one-plan-per-family-tiel",
        "Young people, parents and professionals explain how one plan per family works.",
    ),
}

MEETUP_PROGRAMME = {
    "nl": [
        "Inloop met koffie en thee.",
        "Rondleiding en verhalen uit de praktijk.",
        "Gesprek in kleine groepen over wat u mee naar huis neemt.",
    ],
    "en": [
        "Coffee and tea as people arrive.",
        "A tour and stories from everyday practice.",
        "Small-group conversations about what you will take home with you.",
    ],
}

# Readers' reactions ("Praat mee!") under a few articles: (name, days after the article, text,
# approved?). The addresses are example.org; the one not yet approved shows editors the queue.
REACTIONS = {
    "van-overheid-naar-onderheid": [
        (
            "Marieke, mantelzorger uit Zwolle",
            3,
            "Mooi om te lezen dat bewoners daar zelf de koers bepalen. Bij ons in de wijk "
            "beginnen we klein, met een gezamenlijke maaltijd op donderdag. Wie heeft tips om "
            "daarna ook afspraken over hulp te maken?",
            True,
        ),
        (
            "Jeroen (wijkverpleegkundige)",
            5,
            "Herkenbaar. Wat mij opviel: zodra bewoners het eigenaarschap voelen, wordt mijn "
            "werk lichter en niet zwaarder. Ik kom graag een keer kijken in Kampen.",
            True,
        ),
    ],
    "rekenschap-zonder-lijstjes": [
        (
            "Fatima",
            1,
            "Wij verantwoorden nu met verhalen van bewoners in plaats van vinkjes. De "
            "gemeente moest even wennen, maar leest ze inmiddels echt.",
            True,
        ),
        (
            "Bas uit Deventer",
            2,
            "Hoe overtuig je een zorgkantoor dat een gesprek meer zegt dan een score? Ik ben "
            "benieuwd naar voorbeelden.",
            False,
        ),
    ],
    "zes-punten-jeugd": [
        (
            "Ouder van twee pubers",
            4,
            "Punt drie raakt me het meest: één vast gezicht in plaats van steeds een nieuwe "
            "hulpverlener. Dat had ons jaren gescheeld.",
            True,
        ),
    ],
}
