"""The demo company's clients, catalogue and the shape of its quotes (read by apps/quotes/demo.py).

Atelier Rhône Conseil sells services to other SMEs of the Lyon area and a few private persons:
IT consulting, training, maintenance contracts, software licences and the odd piece of hardware.
Every identifier below is made up; SIREN, SIRET and VAT numbers are derived from the name by
``apps.suppliers.demo_data`` so that they pass python-stdnum's checksums.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from apps.suppliers.demo_data import fake_phone, fake_siren, fake_siret, fake_vat

STANDARD = Decimal("20.00")
REDUCED = Decimal("5.50")  # printed books and manuals
EXEMPT = Decimal("0.00")


@dataclass(frozen=True)
class ContactSpec:
    name: str
    role: str = ""


@dataclass(frozen=True)
class ClientSpec:
    name: str
    address: str
    postal_code: str
    city: str
    contacts: tuple[ContactSpec, ...] = ()
    person: bool = False
    country: str = "FR"
    vat_number: str = ""  # a foreign client's; a French company's is derived from its SIREN
    payment_terms_days: int = 30
    weight: float = 1.0  # how often it asks for a quote

    @property
    def siren(self) -> str:
        return "" if self.person or self.country != "FR" else fake_siren(f"client:{self.name}")

    @property
    def siret(self) -> str:
        return fake_siret(self.siren) if self.siren else ""

    @property
    def vat(self) -> str:
        return self.vat_number or (fake_vat(self.siren) if self.siren else "")

    @property
    def phone(self) -> str:
        return fake_phone(f"client:{self.name}", self.postal_code) if self.country == "FR" else "+32 2 512 44 80"


def _c(name: str, role: str = "") -> ContactSpec:
    return ContactSpec(name, role)


CLIENTS: tuple[ClientSpec, ...] = (
    ClientSpec("Boulangeries Maison Vial", "14 rue Mercière", "69002", "Lyon",
               (_c("Sandrine Vial", "Gérante"), _c("Karim Benali", "Comptable")), weight=2.0),
    ClientSpec("Cabinet d'avocats Duret & Associés", "8 quai Saint-Antoine", "69002", "Lyon",
               (_c("Maître Hélène Duret", "Associée"), _c("Julie Marchand", "Office manager")), weight=2.5),
    ClientSpec("Transports Giraud et Fils", "220 route de Vienne", "69008", "Lyon",
               (_c("Patrick Giraud", "Directeur"), _c("Nadia Ferhat", "Responsable administrative")),
               payment_terms_days=45, weight=2.0),
    ClientSpec("Clinique vétérinaire des Monts d'Or", "3 chemin de la Fouillouse", "69450", "Saint-Cyr-au-Mont-d'Or",
               (_c("Dr Claire Morel", "Vétérinaire associée"),)),
    ClientSpec("Imprimerie Rhodanienne", "41 rue du Dauphiné", "69003", "Lyon",
               (_c("Bruno Lacroix", "Directeur technique"), _c("Émilie Roche", "Assistante de direction")),
               weight=1.5),
    ClientSpec("SCI Les Terrasses de Fourvière", "2 montée du Gourguillon", "69005", "Lyon",
               (_c("Marc Delorme", "Gérant"),), weight=0.5),
    ClientSpec("Agence immobilière Confluence Habitat", "112 cours Charlemagne", "69002", "Lyon",
               (_c("Laetitia Perrin", "Directrice d'agence"), _c("Yanis Bouzid", "Négociateur")), weight=1.5),
    ClientSpec("Menuiserie Blanchard SARL", "17 ZA des Platières", "69390", "Vourles",
               (_c("Thierry Blanchard", "Gérant"),)),
    ClientSpec("Pharmacie du Parc", "56 boulevard des Belges", "69006", "Lyon",
               (_c("Anne-Sophie Garnier", "Pharmacienne titulaire"),)),
    ClientSpec("Expertise Comptable Rivoire", "9 rue Président Carnot", "69002", "Lyon",
               (_c("Olivier Rivoire", "Expert-comptable"), _c("Céline Faure", "Responsable informatique")),
               weight=2.5),
    ClientSpec("Laboratoire Biolys", "60 avenue Rockefeller", "69008", "Lyon",
               (_c("Dr Mathieu Caron", "Directeur"), _c("Sonia Lefèvre", "Qualité")), payment_terms_days=45,
               weight=2.0),
    ClientSpec("Association Culturelle du Vieux Lyon", "5 place du Change", "69005", "Lyon",
               (_c("Gilles Bernard", "Président"),), payment_terms_days=30, weight=0.7),
    ClientSpec("Garage Central Villeurbanne", "180 cours Émile Zola", "69100", "Villeurbanne",
               (_c("Rachid Amrani", "Gérant"),)),
    ClientSpec("Hôtel Le Bellecour", "33 rue de la Barre", "69002", "Lyon",
               (_c("Isabelle Chevalier", "Directrice"), _c("Lucas Martin", "Réception")), weight=1.5),
    ClientSpec("Crèche Les Petits Canuts", "12 rue d'Austerlitz", "69004", "Lyon",
               (_c("Fanny Dubois", "Directrice"),), weight=0.7),
    ClientSpec("Architectes Rousset Mallet", "27 rue Vaubecour", "69002", "Lyon",
               (_c("Pierre Rousset", "Architecte associé"), _c("Agathe Mallet", "Architecte associée"))),
    ClientSpec("Groupe Scolaire Saint-Just", "4 rue des Farges", "69005", "Lyon",
               (_c("Frère Jean-Baptiste Lemoine", "Directeur"), _c("Hervé Colin", "Intendant")), weight=1.5),
    ClientSpec("Mutuelle Dauphiné Savoie", "18 avenue Alsace-Lorraine", "38000", "Grenoble",
               (_c("Véronique Blanc", "Directrice des systèmes d'information"),), payment_terms_days=60, weight=1.5),
    ClientSpec("Fromagerie des Alpes SAS", "ZI Les Iles", "73200", "Albertville",
               (_c("Jean-Louis Favre", "Président"), _c("Marion Gay", "Comptabilité")), payment_terms_days=45),
    ClientSpec("Cave coopérative de Saint-Joseph", "1 route de Tournon", "07300", "Tournon-sur-Rhône",
               (_c("Alain Reynaud", "Directeur"),), weight=0.8),
    ClientSpec("Cabinet dentaire des Brotteaux", "75 boulevard des Brotteaux", "69006", "Lyon",
               (_c("Dr Sophie Nguyen", "Chirurgien-dentiste"),)),
    ClientSpec("Startup Kiwatt", "40 rue du Professeur Rochaix", "69003", "Lyon",
               (_c("Thomas Rey", "CEO"), _c("Inès Haddad", "CTO")), weight=1.5),
    ClientSpec("Bureau d'études Thermiflux", "6 allée Pierre de Coubertin", "69007", "Lyon",
               (_c("François Martinet", "Gérant"),)),
    ClientSpec("Brasserie artisanale La Soyeuse", "91 rue Bataille", "69008", "Lyon",
               (_c("Chloé Berthier", "Cogérante"),), weight=0.7),
    ClientSpec("Galerie Trouillebout Bruxelles", "18 rue de la Régence", "1000", "Bruxelles",
               (_c("Els Vermeulen", "Directrice"),), country="BE", vat_number="BE0403019261", weight=0.4),
    # Private persons: no SIREN, no VAT number; quotes to them show prices incl. VAT just as well.
    ClientSpec("Monique Tardy", "7 impasse des Lilas", "69130", "Écully", person=True, weight=0.4),
    ClientSpec("Jacques Lambert", "25 rue Tronchet", "69006", "Lyon", person=True, weight=0.4),
    ClientSpec("Nathalie Roussel", "3 chemin du Moulin", "69290", "Craponne", person=True, weight=0.3),
    ClientSpec("Éric Fontaine", "48 avenue Berthelot", "69007", "Lyon", person=True, weight=0.3),
    ClientSpec("Camille Picard", "11 rue Juliette Récamier", "69006", "Lyon", person=True, weight=0.3),
)  # fmt: skip

# Companies added beyond scale 1 (the benchmark's company has more clients): built from these parts.
GROWTH_PREFIXES = ("Cabinet", "Atelier", "Société", "Groupe", "Maison", "Transports", "Laboratoire", "Agence")
GROWTH_NAMES = (
    "Arnaud", "Besson", "Chabert", "Dumas", "Escoffier", "Faure", "Guillot", "Jacquet", "Lagarde", "Mercier",
    "Ollier", "Perret", "Reymond", "Sabatier", "Teyssier", "Vernay",
)  # fmt: skip
GROWTH_CITIES = (
    ("69001", "Lyon"), ("69100", "Villeurbanne"), ("69500", "Bron"), ("69200", "Vénissieux"),
    ("69300", "Caluire-et-Cuire"), ("42000", "Saint-Étienne"), ("38200", "Vienne"), ("01000", "Bourg-en-Bresse"),
)  # fmt: skip
GROWTH_STREETS = ("rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta")


def growth_clients(scale: float) -> list[ClientSpec]:
    """About 10 more companies per unit of scale above 1, named and placed reproducibly."""
    count = max(0, round(10 * (scale - 1)))
    rng = random.Random("quotes:growth-clients")  # noqa: S311 — demo data
    pairs = [(prefix, name) for name in GROWTH_NAMES for prefix in GROWTH_PREFIXES]
    rng.shuffle(pairs)
    specs = []
    for prefix, name in pairs[:count]:
        postal_code, city = rng.choice(GROWTH_CITIES)
        street = f"{rng.randint(1, 180)} {rng.choice(GROWTH_STREETS)}"
        first = rng.choice(("Anne", "Paul", "Sylvie", "Hugo", "Léa", "Marc", "Nora", "Louis"))
        specs.append(ClientSpec(f"{prefix} {name}", street, postal_code, city, (_c(f"{first} {name}", "Gérant(e)"),)))
    return specs


@dataclass(frozen=True)
class EntrySpec:
    name: str
    description: str
    unit: str
    price: str
    vat: Decimal = STANDARD
    product: bool = False
    active: bool = True


CATALOGUE: tuple[EntrySpec, ...] = (
    EntrySpec("Conseil — journée de consultant senior", "Analyse, préconisations et restitution écrite.",
              "jour", "950.00"),
    EntrySpec("Conseil — demi-journée", "Atelier ou entretien de cadrage d'une demi-journée.", "demi-jour", "520.00"),
    EntrySpec("Audit du système d'information", "Inventaire du parc, des accès et des sauvegardes ; rapport et plan "
              "d'action priorisé.", "forfait", "2400.00"),
    EntrySpec("Audit RGPD", "Registre des traitements, analyse des écarts, plan de mise en conformité.",
              "forfait", "1850.00"),
    EntrySpec("Gestion de projet", "Pilotage, comités de suivi et comptes rendus.", "jour", "850.00"),
    EntrySpec("Développement sur mesure", "Développement, tests et documentation.", "jour", "720.00"),
    EntrySpec("Formation intra-entreprise — journée", "Jusqu'à 8 stagiaires, supports fournis, attestation de fin "
              "de formation.", "jour", "1350.00"),
    EntrySpec("Formation inter-entreprises — par stagiaire", "Session d'une journée dans nos locaux, déjeuner "
              "inclus.", "stagiaire", "490.00"),
    EntrySpec("Formation bureautique (Excel, Word) — demi-journée", "Groupe de 6 personnes au plus.",
              "demi-jour", "640.00"),
    EntrySpec("Manuel de formation imprimé", "Support de cours relié, 120 pages.", "exemplaire", "38.00", REDUCED,
              product=True),
    EntrySpec("Contrat de maintenance informatique — mensuel", "Supervision, mises à jour, assistance à distance "
              "illimitée, une visite par mois.", "mois", "390.00"),
    EntrySpec("Contrat de maintenance informatique — annuel", "Douze mois de maintenance, payables d'avance.",
              "an", "4200.00"),
    EntrySpec("Intervention sur site", "Déplacement dans la métropole de Lyon inclus.", "heure", "95.00"),
    EntrySpec("Assistance à distance", "Par tranche d'une heure, décomptée au quart d'heure.", "heure", "75.00"),
    EntrySpec("Licence Microsoft 365 Business Standard", "Abonnement d'un an par utilisateur.", "utilisateur",
              "151.20", product=True),
    EntrySpec("Licence antivirus ESET Protect", "Un an, par poste.", "poste", "42.00", product=True),
    EntrySpec("Sauvegarde externalisée 500 Go", "Sauvegarde chiffrée quotidienne, hébergée en France.", "mois",
              "59.00"),
    EntrySpec("Poste de travail portable (installé)", "Portable 14 pouces, 16 Go, SSD 512 Go, installé et "
              "configuré.", "pièce", "1090.00", product=True),
    EntrySpec("Écran 27 pouces", "Écran IPS, pied réglable.", "pièce", "245.00", product=True),
    EntrySpec("Installation et configuration d'un poste", "Migration des données et des comptes de l'utilisateur.",
              "poste", "180.00"),
    EntrySpec("Frais de déplacement hors métropole", "Forfait aller-retour.", "forfait", "120.00"),
    EntrySpec("Hébergement de site web (ancienne offre)", "Remplacé par l'offre d'infogérance.", "mois", "25.00",
              active=False),
)  # fmt: skip

# What quotes are about: a subject and the catalogue entries it is written from (quantity ranges).
QuoteShape = tuple[str, tuple[tuple[str, tuple[int, int]], ...]]
SUBJECTS: tuple[QuoteShape, ...] = (
    ("Audit du parc informatique", (("Audit du système d'information", (1, 1)), ("Conseil — demi-journée", (1, 2)))),
    ("Mise en conformité RGPD", (("Audit RGPD", (1, 1)), ("Conseil — journée de consultant senior", (1, 4)),
                                 ("Formation intra-entreprise — journée", (1, 1)))),
    ("Contrat de maintenance annuel", (("Contrat de maintenance informatique — annuel", (1, 1)),
                                       ("Licence antivirus ESET Protect", (5, 40)),
                                       ("Sauvegarde externalisée 500 Go", (12, 12)))),
    ("Maintenance mensuelle", (("Contrat de maintenance informatique — mensuel", (3, 12)),
                               ("Assistance à distance", (2, 10)))),
    ("Renouvellement des licences", (("Licence Microsoft 365 Business Standard", (5, 60)),
                                     ("Licence antivirus ESET Protect", (5, 60)))),
    ("Formation Excel pour l'équipe comptable", (("Formation bureautique (Excel, Word) — demi-journée", (2, 6)),
                                                 ("Manuel de formation imprimé", (4, 12)))),
    ("Formation à la cybersécurité", (("Formation intra-entreprise — journée", (1, 2)),
                                      ("Manuel de formation imprimé", (6, 16)))),
    ("Inscription à la session inter-entreprises", (("Formation inter-entreprises — par stagiaire", (1, 5)),)),
    ("Renouvellement de postes de travail", (("Poste de travail portable (installé)", (2, 12)),
                                             ("Écran 27 pouces", (2, 12)),
                                             ("Installation et configuration d'un poste", (2, 12)))),
    ("Développement d'un portail client", (("Gestion de projet", (2, 8)), ("Développement sur mesure", (8, 40)),
                                           ("Conseil — journée de consultant senior", (1, 3)))),
    ("Interventions sur site", (("Intervention sur site", (2, 16)), ("Frais de déplacement hors métropole", (1, 3)))),
    ("Accompagnement à la migration vers Microsoft 365", (("Conseil — journée de consultant senior", (2, 6)),
                                                          ("Licence Microsoft 365 Business Standard", (5, 40)),
                                                          ("Formation intra-entreprise — journée", (1, 2)))),
)  # fmt: skip

FREE_TEXTS = (
    "Prix valables pour une intervention réalisée en semaine, de 8 h à 19 h.",
    "Le planning sera arrêté ensemble lors de la réunion de lancement.",
    "Matériel garanti trois ans, retour atelier.",
)

# The 40-line quote the benchmark opens (5 section titles and 35 priced lines).
BIG_QUOTE_SUBJECT = "Refonte du système d'information — programme 2026"
BIG_QUOTE_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Lot 1 — Audit et cadrage", (
        "Audit du système d'information", "Audit RGPD", "Conseil — journée de consultant senior",
        "Conseil — demi-journée", "Gestion de projet", "Frais de déplacement hors métropole",
        "Intervention sur site")),
    ("Lot 2 — Postes de travail", (
        "Poste de travail portable (installé)", "Écran 27 pouces", "Installation et configuration d'un poste",
        "Licence antivirus ESET Protect", "Intervention sur site", "Assistance à distance", "Gestion de projet")),
    ("Lot 3 — Messagerie et bureautique", (
        "Licence Microsoft 365 Business Standard", "Conseil — journée de consultant senior",
        "Développement sur mesure", "Assistance à distance", "Intervention sur site", "Gestion de projet",
        "Sauvegarde externalisée 500 Go")),
    ("Lot 4 — Formation des utilisateurs", (
        "Formation intra-entreprise — journée", "Formation bureautique (Excel, Word) — demi-journée",
        "Formation inter-entreprises — par stagiaire", "Manuel de formation imprimé", "Conseil — demi-journée",
        "Frais de déplacement hors métropole", "Gestion de projet")),
    ("Lot 5 — Maintenance", (
        "Contrat de maintenance informatique — annuel", "Contrat de maintenance informatique — mensuel",
        "Sauvegarde externalisée 500 Go", "Assistance à distance", "Intervention sur site",
        "Licence antivirus ESET Protect", "Gestion de projet")),
)  # fmt: skip

DECLINE_REASONS = (
    "Budget reporté à l'an prochain.",
    "Le client a retenu une offre moins chère.",
    "Projet abandonné.",
    "Délai de démarrage trop tardif.",
    "",
)

PAYMENT_TERMS = "Paiement à 30 jours à compter de la date de facture, par virement."
DEPOSIT_TERMS = "Acompte de 30 % à la commande, solde à 30 jours à compter de la date de facture, par virement."
QUOTE_FOOTER = "Atelier Rhône Conseil — organisme de formation enregistré sous le numéro 84 69 12345 69."
# The company's bank (made up, checksums valid: apps.suppliers.demo_data.fake_iban).
IBAN_SEED = "Atelier Rhône Conseil"
BIC = "CCBPFRPPLYO"

# Volumes: quotes a month at scale 1 (the benchmark's 6.25 × 5 years makes more than 5,000).
QUOTES_A_MONTH = 17
