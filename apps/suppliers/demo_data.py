"""The demo company's suppliers: who Atelier Rhône Conseil buys from, and made-up identifiers that pass
every checksum.

The first names are the catalogue's suppliers (apps/supplies/demo_catalogue.py), which the supplies
demo creates by name only; the others are local firms of the three sites (cleaning, maintenance,
catering, security, services). Identifiers are never a real company's: a SIREN is eight digits drawn
from the supplier's name plus its Luhn digit, the SIRET adds a made-up establishment number (NIC) and
its Luhn digit, the VAT number is the SIREN's French key, and the IBAN a made-up French RIB (key
computed) with its ISO 13616 check digits. Everything here is a pure function of the names.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.fr import siren as stdnum_siren

from apps.suppliers.models import SupplierCategory

S = SupplierCategory


@dataclass(frozen=True)
class ContactSpec:
    name: str
    role: str
    orders: bool = False  # receives the purchase orders


@dataclass(frozen=True)
class SupplierSpec:
    name: str
    categories: tuple[str, ...]
    address: str
    postal_code: str
    city: str
    website: str = ""
    payment_days: int = 30
    payment_terms: str = "30 jours date de facture, par virement"
    notes: str = ""
    contacts: tuple[ContactSpec, ...] = ()
    # Roughly what the office spends there a year excl. VAT (drives the history's volume and budgets).
    yearly_spend: Decimal = Decimal("2000")
    # Documents on file beyond the URSSAF certificate and the Kbis every supplier has (demo.py): "insurance".
    documents: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


def _c(name: str, role: str, orders: bool = False) -> ContactSpec:
    return ContactSpec(name, role, orders)


ALL_DOCS = ("vigilance", "kbis", "insurance")

# The catalogue's suppliers first (same spelling as apps/supplies/demo_catalogue.py), then local firms.
SUPPLIERS: tuple[SupplierSpec, ...] = (
    SupplierSpec(
        "Lyreco", (S.SUPPLIES,), "Rue du 19 mars 1962", "59770", "Marly", "https://www.lyreco.com",
        payment_days=45, payment_terms="45 jours fin de mois, par virement",
        contacts=(_c("Sandrine Lefèvre", "Chargée de clientèle", True), _c("Marc Dupuis", "Commercial grands comptes")),
        yearly_spend=Decimal("14000"), documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Bruneau", (S.SUPPLIES, S.FURNITURE), "ZI de Villemilan, 7 rue Eugène Delacroix", "91160", "Longjumeau",
        "https://www.bruneau.fr", contacts=(_c("Élodie Caron", "Service clients", True),),
        yearly_spend=Decimal("7500"), documents=ALL_DOCS,
    ),
    SupplierSpec(
        "JPG", (S.SUPPLIES,), "2 avenue de l'Europe", "77310", "Saint-Fargeau-Ponthierry", "https://www.jpg.fr",
        contacts=(_c("Thomas Renaud", "Service clients", True),), yearly_spend=Decimal("3500"),
        documents=("kbis",),
    ),
    SupplierSpec(
        "Manutan", (S.FURNITURE, S.SUPPLIES), "ZAC du Parc des Tulipes, avenue du 21e siècle", "95500", "Gonesse",
        "https://www.manutan.fr", contacts=(_c("Nathalie Giraud", "Conseillère clientèle", True),),
        yearly_spend=Decimal("6000"), documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Office Depot", (S.SUPPLIES,), "126 avenue du Poteau", "60300", "Senlis", "https://www.officedepot.fr",
        contacts=(_c("Julie Marchand", "Service clients", True),), yearly_spend=Decimal("1500"),
    ),
    SupplierSpec(
        "Raja", (S.SUPPLIES,), "16 rue de l'Étang", "95977", "Roissy-en-France", "https://www.raja.fr",
        contacts=(_c("Kevin Perrin", "Service clients", True),), yearly_spend=Decimal("1800"),
    ),
    SupplierSpec(
        "LDLC Pro", (S.IT,), "2 rue des Érables", "69760", "Limonest", "https://www.ldlc.pro",
        contacts=(_c("Antoine Brun", "Account manager", True), _c("Laura Chevalier", "Service après-vente")),
        yearly_spend=Decimal("24000"), documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Inmac Wstore", (S.IT,), "2 rue Georges Melies", "95240", "Cormeilles-en-Parisis", "https://www.inmac-wstore.com",
        contacts=(_c("Sébastien Roux", "Ingénieur commercial", True),), yearly_spend=Decimal("9000"),
        documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Nespresso Professional", (S.CATERING,), "16 rue de la Paix", "75002", "Paris",
        "https://www.nespresso.com/pro", contacts=(_c("Service Pro", "Commandes", True),),
        yearly_spend=Decimal("4200"),
    ),
    # Local firms.
    SupplierSpec(
        "Net'Rhône Propreté", (S.CLEANING,), "14 rue Paul Bert", "69003", "Lyon",
        payment_terms="30 jours date de facture, prélèvement mensuel",
        notes="Ménage des bureaux de Lyon du lundi au vendredi après 18 h ; vitres une fois par trimestre.",
        contacts=(_c("Karima Benali", "Responsable de secteur", True), _c("Jean-Luc Fabre", "Gérant")),
        yearly_spend=Decimal("26400"), documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Moselle Nettoyage Services", (S.CLEANING,), "5 rue des Clercs", "57000", "Metz",
        contacts=(_c("Patricia Klein", "Chef d'équipe", True),), yearly_spend=Decimal("9600"),
        documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Clim'Air Maintenance", (S.MAINTENANCE,), "38 avenue Roger Salengro", "69100", "Villeurbanne",
        notes="Entretien des climatiseurs et de la VMC des trois sites, deux visites par an.",
        contacts=(_c("Franck Morel", "Technicien référent", True), _c("Sophie Aubert", "Assistante planning")),
        yearly_spend=Decimal("7800"), documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Ascenseurs Saône Services", (S.MAINTENANCE,), "9 quai Rambaud", "69002", "Lyon",
        contacts=(_c("Hervé Lemaire", "Responsable maintenance", True),), yearly_spend=Decimal("3200"),
        documents=("kbis", "insurance"),
    ),
    SupplierSpec(
        "Électricité Fontaine & Fils", (S.MAINTENANCE,), "22 rue du Château", "75010", "Paris",
        contacts=(_c("Bruno Fontaine", "Artisan électricien", True),), yearly_spend=Decimal("2400"),
        payment_days=15, payment_terms="À réception de facture",
    ),
    SupplierSpec(
        "Serrurerie Lyonnaise", (S.SECURITY, S.MAINTENANCE), "61 cours Gambetta", "69003", "Lyon",
        contacts=(_c("Mickaël Garnier", "Artisan serrurier", True),), yearly_spend=Decimal("1500"),
        payment_days=15, payment_terms="À réception de facture",
    ),
    SupplierSpec(
        "Vigie Sécurité Rhône", (S.SECURITY,), "110 avenue Jean Jaurès", "69007", "Lyon",
        notes="Télésurveillance des trois sites, vérification annuelle des extincteurs et du désenfumage.",
        contacts=(_c("Olivier Mercier", "Chargé d'affaires", True), _c("PC sécurité", "Astreinte 24 h/24")),
        # No URSSAF certificate on file although the contract is above €5,000: the dashboard's example.
        yearly_spend=Decimal("8600"), documents=("kbis", "insurance"),
    ),
    SupplierSpec(
        "Traiteur des Canuts", (S.CATERING,), "4 place de la Croix-Rousse", "69004", "Lyon",
        payment_days=30, notes="Plateaux-repas et buffets ; commander 48 h à l'avance.",
        contacts=(_c("Isabelle Rey", "Commandes", True),), yearly_spend=Decimal("5200"),
        documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Fontaines Eau Claire", (S.CATERING,), "Parc d'activités des Peupliers", "69330", "Meyzieu",
        contacts=(_c("Nicolas Barbier", "Service clients", True),), yearly_spend=Decimal("1900"),
    ),
    SupplierSpec(
        "InfoParc Solutions", (S.IT, S.SERVICES), "47 rue de Paradis", "75010", "Paris",
        notes="Infogérance du parc et de la téléphonie ; assistance utilisateurs de 8 h à 19 h.",
        contacts=(_c("Yann Le Gall", "Directeur de compte", True), _c("Support", "Assistance utilisateurs")),
        yearly_spend=Decimal("18000"), documents=ALL_DOCS,
    ),
    SupplierSpec(
        "Imprimerie du Vieux-Lyon", (S.SUPPLIES, S.SERVICES), "18 rue Saint-Jean", "69005", "Lyon",
        notes="Cartes de visite, papier à en-tête et plaquettes.",
        contacts=(_c("Annie Collet", "Devis et commandes", True),), yearly_spend=Decimal("2600"),
    ),
    SupplierSpec(
        "Verts Bureaux", (S.SERVICES,), "3 chemin des Serres", "69230", "Saint-Genis-Laval",
        notes="Location et entretien des plantes des trois sites, une visite par mois.",
        contacts=(_c("Chloé Vidal", "Paysagiste d'intérieur", True),), yearly_spend=Decimal("3000"),
    ),
    SupplierSpec(
        "Cabinet Arpège Expertise", (S.SERVICES,), "12 rue de la République", "69001", "Lyon",
        notes="Expert-comptable : reçoit l'export des factures et le journal des achats chaque mois.",
        contacts=(_c("Mathilde Roche", "Expert-comptable", True),), yearly_spend=Decimal("9800"),
        documents=ALL_DOCS, payment_days=30,
    ),
)  # fmt: skip

# The dashboard's examples: a supplier whose URSSAF certificate expires in a few days, and the
# contract whose notice deadline is close.
EXPIRING_VIGILANCE = "Net'Rhône Propreté"
MISSING_VIGILANCE = "Vigie Sécurité Rhône"


@dataclass(frozen=True)
class ContractSpec:
    supplier: str
    subject: str
    amount_per_year: Decimal
    notice_months: int
    # Days from today to the notice deadline (end of term − notice); negative: the term began this long ago.
    deadline_in_days: int
    tacit_renewal: bool = True
    years_running: int = 3
    notes: str = ""


CONTRACTS = (
    # The deadline falls within the 30-day warning: the office manager sees it now.
    ContractSpec("Net'Rhône Propreté", "Nettoyage des locaux de Lyon", Decimal("26400"), 3, 18,
                 notes="Renégocier la fréquence des vitres avant la reconduction."),
    ContractSpec("Moselle Nettoyage Services", "Nettoyage des locaux de Metz", Decimal("9600"), 2, 95),
    ContractSpec("Clim'Air Maintenance", "Maintenance des climatisations et de la VMC", Decimal("7800"), 1, 140),
    ContractSpec("Ascenseurs Saône Services", "Entretien de l'ascenseur du siège", Decimal("3200"), 3, 210),
    ContractSpec("Vigie Sécurité Rhône", "Télésurveillance et vérification des extincteurs", Decimal("8600"), 3, 60),
    ContractSpec("InfoParc Solutions", "Infogérance du parc informatique", Decimal("18000"), 6, 250,
                 tacit_renewal=False, years_running=2),
    ContractSpec("Verts Bureaux", "Location et entretien des plantes", Decimal("3000"), 1, 45),
    ContractSpec("Fontaines Eau Claire", "Location de deux fontaines à eau", Decimal("1900"), 1, 300),
)  # fmt: skip

# The relationship log: (supplier, kind, days ago, contact index or None, summary, follow-up in days or None).
INTERACTIONS = (
    ("Net'Rhône Propreté", "meeting", 12, 0, "Visite des locaux avec la responsable de secteur : "
     "les vitres du 2e étage ont été oubliées en octobre, un passage supplémentaire est offert.", 4),
    ("Net'Rhône Propreté", "call", 70, 1, "Point annuel avec le gérant : hausse de 3,5 % annoncée "
     "pour la reconduction.", None),
    ("LDLC Pro", "email", 20, 0, "Demande de devis pour le renouvellement de douze portables.", 9),
    ("Clim'Air Maintenance", "call", 35, 1, "Visite de printemps à planifier pour les trois sites.", None),
    ("Vigie Sécurité Rhône", "email", 6, 0, "Relance : attestation de vigilance URSSAF à nous transmettre.", 2),
    ("Lyreco", "meeting", 150, 1, "Revue des tarifs : remise de 8 % sur le papier confirmée pour l'année.", None),
    ("Traiteur des Canuts", "call", 3, 0, "Devis du buffet du séminaire de juin : 60 personnes.", 11),
    ("InfoParc Solutions", "note", 45, None, "Temps de résolution moyen en hausse ; à aborder au comité "
     "de pilotage.", None),
    ("Moselle Nettoyage Services", "call", 25, 0, "Changement d'équipe à Metz à partir du mois prochain.", None),
    ("Cabinet Arpège Expertise", "email", 9, 0, "Envoi de l'export des factures du mois.", None),
)  # fmt: skip

# Ratings: (supplier, reference prefix, quality, delay, price, comment).
RATINGS = (
    ("Lyreco", "Livraison", 4, 5, 4, "Livré le lendemain, rien à redire."),
    ("Lyreco", "Livraison", 4, 4, 4, ""),
    ("Lyreco", "Livraison", 3, 5, 4, "Un carton abîmé, remplacé sans discussion."),
    ("Bruneau", "Livraison", 4, 3, 4, "Livraison en deux fois."),
    ("Manutan", "Livraison", 5, 4, 3, "Fauteuils conformes, montage facile."),
    ("LDLC Pro", "Livraison", 5, 4, 4, "Portables préparés comme demandé."),
    ("LDLC Pro", "Livraison", 4, 2, 4, "Écrans livrés avec une semaine de retard."),
    ("Inmac Wstore", "Livraison", 4, 4, 3, ""),
    ("Net'Rhône Propreté", "Prestation", 3, 4, 3, "Quelques oublis ce mois-ci."),
    ("Net'Rhône Propreté", "Prestation", 4, 4, 3, ""),
    ("Clim'Air Maintenance", "Intervention", 5, 5, 4, "Panne réparée dans la journée."),
    ("Électricité Fontaine & Fils", "Intervention", 5, 4, 4, "Très réactif."),
    ("Serrurerie Lyonnaise", "Intervention", 4, 5, 3, "Serrure du local vélos changée en urgence."),
    ("Traiteur des Canuts", "Prestation", 5, 5, 4, "Buffet apprécié de tous."),
    ("Vigie Sécurité Rhône", "Intervention", 3, 3, 3, "Technicien arrivé avec deux heures de retard."),
    ("InfoParc Solutions", "Intervention", 4, 3, 3, ""),
)

# More local firms as the company grows (scale above 1): trade, town and a made-up family name.
GROWTH_TRADES = (
    ("Plomberie", (S.MAINTENANCE,)),
    ("Électricité", (S.MAINTENANCE,)),
    ("Nettoyage", (S.CLEANING,)),
    ("Informatique", (S.IT,)),
    ("Traiteur", (S.CATERING,)),
    ("Fournitures", (S.SUPPLIES,)),
    ("Mobilier", (S.FURNITURE,)),
    ("Sécurité", (S.SECURITY,)),
    ("Conseil", (S.SERVICES,)),
    ("Déménagement", (S.SERVICES,)),
)
GROWTH_FAMILIES = (
    "Berthier", "Chauvin", "Delorme", "Ferrand", "Gauthier", "Jacquet", "Lacroix", "Maillard", "Noël",
    "Perret", "Rousset", "Tessier", "Vallet", "Besson", "Charpentier", "Dumas", "Guillot", "Lebrun",
)  # fmt: skip
GROWTH_TOWNS = (
    ("Villeurbanne", "69100"), ("Vénissieux", "69200"), ("Bron", "69500"), ("Montreuil", "93100"),
    ("Saint-Denis", "93200"), ("Boulogne-Billancourt", "92100"), ("Thionville", "57100"), ("Woippy", "57140"),
    ("Caluire-et-Cuire", "69300"),
)  # fmt: skip
GROWTH_STREETS = ("rue de la Gare", "avenue de la République", "rue Victor Hugo", "rue des Artisans",
                  "boulevard Pasteur", "rue du Commerce", "impasse des Tilleuls", "rue Jean Moulin")  # fmt: skip
GROWTH_FIRST = ("Pascal", "Sylvie", "Damien", "Céline", "Laurent", "Aurélie", "Fabien", "Virginie")


def growth_suppliers(scale: float) -> list[SupplierSpec]:
    """About eight more local firms per unit of scale above 1 (a superset at a larger scale)."""
    wanted = max(0, round(8 * (scale - 1)))
    rng = random.Random("suppliers:growth")  # noqa: S311 — demo data
    specs, used = [], set()
    while len(specs) < wanted:
        trade, categories = GROWTH_TRADES[len(specs) % len(GROWTH_TRADES)]
        family = rng.choice(GROWTH_FAMILIES)
        town, postal_code = rng.choice(GROWTH_TOWNS)
        name = f"{trade} {family}" if rng.random() < 0.6 else f"{trade} {family} et Associés"
        if name in used:
            name = f"{name} ({town})"
            if name in used:
                continue
        used.add(name)
        first = rng.choice(GROWTH_FIRST)
        specs.append(
            SupplierSpec(
                name, categories, f"{rng.randint(1, 120)} {rng.choice(GROWTH_STREETS)}", postal_code, town,
                contacts=(_c(f"{first} {family}", "Gérant", True),),
                yearly_spend=Decimal(rng.randrange(600, 4000, 100)),
            )
        )  # fmt: skip
    return specs


# --- identifiers that pass the checksums ----------------------------------------------------------


def fake_siren(name: str) -> str:
    """Nine digits with a valid Luhn key, drawn from ``name`` (never starting with 356, La Poste's range)."""
    rng = random.Random(f"siren:{name}")  # noqa: S311 — demo data
    while True:
        body = f"{rng.randint(1, 9)}{rng.randint(0, 9_999_999):07d}"
        if not body.startswith("356"):
            return body + luhn.calc_check_digit(body)


def fake_siret(siren: str) -> str:
    rng = random.Random(f"siret:{siren}")  # noqa: S311 — demo data
    body = f"{siren}{rng.randint(1, 400):04d}"  # the NIC: a made-up establishment number, then its key
    return body + luhn.calc_check_digit(body)


def fake_vat(siren: str) -> str:
    return "FR" + stdnum_siren.to_tva(siren)


def fake_phone(name: str, postal_code: str) -> str:
    """A number from the ranges ARCEP keeps for fiction (01 99 00, 03 53 73, 04 65 71…), in the region of
    ``postal_code``: a demo never shows a real business's line."""
    department = postal_code[:2]
    prefix = {"69": "04 65 71", "57": "03 53 73", "59": "03 53 73", "60": "03 53 73"}.get(department, "01 99 00")
    rng = random.Random(f"phone:{name}")  # noqa: S311 — demo data
    return f"{prefix} {rng.randint(10, 99)} {rng.randint(10, 99)}"


def _rib_key(bank: str, branch: str, account: str) -> str:
    letters = {c: str((ord(c) - ord("A")) % 9 + 1) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    digits = "".join(letters.get(c, c) for c in account)
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(digits)) % 97:02d}"


def fake_iban(name: str) -> str:
    """A French IBAN of a made-up account (bank 5 digits, branch 5, account 11, RIB key), check digits computed."""
    rng = random.Random(f"iban:{name}")  # noqa: S311 — demo data
    bank, branch = f"{rng.randint(10000, 19999)}", f"{rng.randint(0, 99999):05d}"
    account = f"{rng.randint(0, 10**11 - 1):011d}"
    bban = bank + branch + account + _rib_key(bank, branch, account)
    number = "FR00" + bban
    return "FR" + stdnum_iban.calc_check_digits(number) + bban
