"""The demo catalogue: a French office's usual supplies, and the variants a larger company stocks.

``catalogue_plan(scale)`` is a pure function of the scale (its own random stream, like the people of
apps/accounts/demo.py): 129 active items at scale 1 (the base list below), about 500 at 6.25
(sizes, colours and packs of the same products, taken in turn from every family so each category
grows), plus a few archived ones (old models, discontinued packs). A larger scale gives a superset of
a smaller one, so a second run at a larger scale only adds items.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest

from apps.supplies.models import Category, Unit

STANDARD, FOOD = "20.00", "5.50"  # coffee, tea, sugar, milk, biscuits and water are food: 5.5 %
LYRECO, BRUNEAU, JPG, MANUTAN, OFFICE_DEPOT, RAJA = "Lyreco", "Bruneau", "JPG", "Manutan", "Office Depot", "Raja"
LDLC, INMAC, NESPRESSO = "LDLC Pro", "Inmac Wstore", "Nespresso Professional"

C, U = Category, Unit
# Active items grow a little slower than the head count: 129 at scale 1, about 500 at 6.25 (the benchmark).
EXPONENT = 0.74


@dataclass(frozen=True)
class PlannedItem:
    name: str
    category: str
    unit: str
    unit_price: Decimal
    vat_rate: Decimal
    supplier_name: str  # linked to the directory's supplier of that name by the demo
    supplier_reference: str
    description: str
    is_active: bool
    popularity: float  # relative chance of being asked for, within the catalogue


# (name, category, unit, price excl. VAT, supplier[, VAT rate[, description]]). Active unless listed in ARCHIVED.
BASE = (
    # Paper
    ("Ramette papier A4 80 g blanc (500 feuilles)", C.PAPER, U.REAM, "4.20", LYRECO, STANDARD,
     "Papier multifonction, certifié PEFC, pour imprimantes laser et jet d'encre."),
    ("Ramette papier A4 80 g recyclé (500 feuilles)", C.PAPER, U.REAM, "4.60", LYRECO),
    ("Ramette papier A3 80 g blanc (500 feuilles)", C.PAPER, U.REAM, "9.80", LYRECO),
    ("Ramette papier A4 100 g Navigator (500 feuilles)", C.PAPER, U.REAM, "8.90", BRUNEAU),
    ("Carton de 5 ramettes A4 80 g", C.PAPER, U.CARTON, "20.50", LYRECO),
    ("Bloc-notes A4 ligné 80 feuilles", C.PAPER, U.PIECE, "1.20", BRUNEAU),
    ("Cahier spirale A4 petits carreaux 180 pages", C.PAPER, U.PIECE, "2.90", BRUNEAU),
    ("Cahier Oxford A5 ligné 100 pages", C.PAPER, U.PIECE, "3.40", JPG),
    ("Post-it 76 × 76 mm jaune (12 blocs)", C.PAPER, U.PACK, "9.90", LYRECO),
    ("Post-it 38 × 51 mm jaune (12 blocs)", C.PAPER, U.PACK, "4.90", LYRECO),
    ("Marque-pages Post-it Index assortis", C.PAPER, U.PACK, "5.60", LYRECO),
    ("Enveloppes DL 110 × 220 blanches à fenêtre (boîte de 500)", C.PAPER, U.BOX, "18.50", LYRECO),
    ("Enveloppes C5 162 × 229 blanches (boîte de 500)", C.PAPER, U.BOX, "24.00", JPG),
    ("Enveloppes C4 229 × 324 kraft (boîte de 250)", C.PAPER, U.BOX, "32.00", JPG),
    ("Étiquettes adresse 99,1 × 38,1 mm Avery (100 feuilles)", C.PAPER, U.BOX, "34.00", LYRECO),
    ("Papier photo A4 brillant (50 feuilles)", C.PAPER, U.PACK, "14.90", OFFICE_DEPOT),
    # Writing
    ("Stylo bille BIC Cristal bleu (boîte de 50)", C.WRITING, U.BOX, "11.90", BRUNEAU),
    ("Stylo bille BIC Cristal noir (boîte de 50)", C.WRITING, U.BOX, "11.90", BRUNEAU),
    ("Stylo bille BIC 4 couleurs", C.WRITING, U.PIECE, "1.85", BRUNEAU),
    ("Stylo gel Pilot G-2 bleu", C.WRITING, U.PIECE, "1.60", LYRECO),
    ("Stylo roller Pilot V5 noir", C.WRITING, U.PIECE, "1.75", LYRECO),
    ("Surligneur Stabilo Boss jaune", C.WRITING, U.PIECE, "0.95", LYRECO),
    ("Surligneurs Stabilo Boss (pochette de 4)", C.WRITING, U.PACK, "3.60", LYRECO),
    ("Feutres fins Stabilo Point 88 (étui de 10)", C.WRITING, U.PACK, "8.90", JPG),
    ("Crayons à papier HB Staedtler (boîte de 12)", C.WRITING, U.BOX, "4.50", JPG),
    ("Gomme Staedtler Mars Plastic", C.WRITING, U.PIECE, "0.60", JPG),
    ("Marqueur effaçable Velleda noir", C.WRITING, U.PIECE, "1.40", BRUNEAU),
    ("Marqueurs tableau blanc Velleda (pochette de 4)", C.WRITING, U.PACK, "5.20", BRUNEAU),
    ("Marqueur permanent Edding 3000 noir", C.WRITING, U.PIECE, "1.90", LYRECO),
    ("Correcteur Tipp-Ex Mini Pocket Mouse", C.WRITING, U.PIECE, "1.90", LYRECO),
    ("Taille-crayon métal double", C.WRITING, U.PIECE, "1.10", JPG),
    ("Règle plate 30 cm", C.WRITING, U.PIECE, "0.90", JPG),
    # Filing
    ("Classeur à levier A4 dos 80 mm bleu", C.FILING, U.PIECE, "2.90", BRUNEAU),
    ("Classeur à anneaux A4 dos 40 mm noir", C.FILING, U.PIECE, "2.40", BRUNEAU),
    ("Chemises cartonnées 240 g assorties (paquet de 100)", C.FILING, U.PACK, "14.90", LYRECO),
    ("Sous-chemises 80 g assorties (paquet de 250)", C.FILING, U.PACK, "12.50", LYRECO),
    ("Pochettes perforées A4 (boîte de 100)", C.FILING, U.BOX, "4.90", LYRECO),
    ("Intercalaires A4 6 touches", C.FILING, U.PACK, "1.20", JPG),
    ("Boîtes d'archives dos 10 cm (lot de 25)", C.FILING, U.PACK, "29.00", RAJA),
    ("Trieur 12 compartiments", C.FILING, U.PIECE, "7.50", BRUNEAU),
    ("Parapheur 18 compartiments", C.FILING, U.PIECE, "12.90", BRUNEAU),
    ("Porte-vues 40 vues", C.FILING, U.PIECE, "1.90", JPG),
    ("Chemise à élastiques 3 rabats bleue", C.FILING, U.PIECE, "1.30", JPG),
    ("Corbeille à courrier noire", C.FILING, U.PIECE, "3.20", OFFICE_DEPOT),
    # Printing
    ("Toner HP 59A noir (CF259A)", C.PRINTING, U.PIECE, "89.00", LYRECO),
    ("Toner HP 415A noir (W2030A)", C.PRINTING, U.PIECE, "109.00", LYRECO),
    ("Toner HP 415A cyan (W2031A)", C.PRINTING, U.PIECE, "129.00", LYRECO),
    ("Toner Brother TN-2420 noir", C.PRINTING, U.PIECE, "62.00", BRUNEAU),
    ("Tambour Brother DR-2400", C.PRINTING, U.PIECE, "79.00", BRUNEAU),
    ("Toner Kyocera TK-5240K noir", C.PRINTING, U.PIECE, "98.00", OFFICE_DEPOT),
    ("Cartouche Epson 603XL noir", C.PRINTING, U.PIECE, "24.90", OFFICE_DEPOT),
    ("Ruban Brother P-touch TZe-231 12 mm noir sur blanc", C.PRINTING, U.PIECE, "14.50", BRUNEAU),
    ("Pochettes de plastification A4 (boîte de 100)", C.PRINTING, U.BOX, "11.90", LYRECO),
    # Kitchen
    ("Café en grains Lavazza Crema e Aroma 1 kg", C.KITCHEN, U.PIECE, "17.90", LYRECO, FOOD),
    ("Capsules Nespresso Professional Ristretto (boîte de 50)", C.KITCHEN, U.BOX, "22.50", NESPRESSO, FOOD),
    ("Capsules Nespresso Professional Lungo Forte (boîte de 50)", C.KITCHEN, U.BOX, "22.50", NESPRESSO, FOOD),
    ("Capsules compatibles Nespresso L'Or Espresso (boîte de 100)", C.KITCHEN, U.BOX, "26.00", LYRECO, FOOD),
    ("Thé Lipton Yellow Label (boîte de 100 sachets)", C.KITCHEN, U.BOX, "6.90", LYRECO, FOOD),
    ("Infusions Éléphant assorties (boîte de 100)", C.KITCHEN, U.BOX, "8.40", LYRECO, FOOD),
    ("Sucre en morceaux Daddy 1 kg", C.KITCHEN, U.BOX, "2.10", LYRECO, FOOD),
    ("Bûchettes de sucre (boîte de 500)", C.KITCHEN, U.BOX, "9.80", LYRECO, FOOD),
    ("Lait demi-écrémé UHT 1 L (pack de 6)", C.KITCHEN, U.PACK, "6.50", LYRECO, FOOD),
    ("Eau minérale Cristaline 50 cl (pack de 24)", C.KITCHEN, U.PACK, "5.90", LYRECO, FOOD),
    ("Biscuits Petit Beurre LU (paquet de 24)", C.KITCHEN, U.PACK, "2.80", LYRECO, FOOD),
    ("Gobelets carton 20 cl (carton de 1000)", C.KITCHEN, U.CARTON, "38.00", RAJA),
    ("Touillettes en bois (boîte de 1000)", C.KITCHEN, U.BOX, "6.50", RAJA),
    ("Filtres à café n°4 (boîte de 80)", C.KITCHEN, U.BOX, "2.30", LYRECO),
    ("Essuie-tout Okay (lot de 4 rouleaux)", C.KITCHEN, U.PACK, "4.20", LYRECO),
    ("Liquide vaisselle Paic citron 750 ml", C.KITCHEN, U.BOTTLE, "2.40", MANUTAN),
    ("Éponges grattoirs (lot de 10)", C.KITCHEN, U.PACK, "3.90", MANUTAN),
    ("Pastilles lave-vaisselle Finish (boîte de 100)", C.KITCHEN, U.BOX, "21.90", MANUTAN),
    ("Serviettes en papier blanches (paquet de 500)", C.KITCHEN, U.PACK, "7.90", RAJA),
    # Cleaning and hygiene
    ("Savon liquide mains 5 L", C.CLEANING, U.BOTTLE, "12.50", MANUTAN),
    ("Savon mains Le Petit Marseillais 300 ml", C.CLEANING, U.BOTTLE, "2.60", LYRECO),
    ("Gel hydroalcoolique 500 ml", C.CLEANING, U.BOTTLE, "4.90", LYRECO),
    ("Sacs poubelle 50 L noirs (rouleau de 20)", C.CLEANING, U.ROLL, "3.90", RAJA),
    ("Sacs poubelle 100 L (carton de 200)", C.CLEANING, U.CARTON, "29.00", RAJA),
    ("Papier toilette 2 plis (colis de 48 rouleaux)", C.CLEANING, U.CARTON, "22.00", MANUTAN),
    ("Essuie-mains pliés (carton de 3 750)", C.CLEANING, U.CARTON, "34.00", MANUTAN),
    ("Lingettes nettoyantes pour écrans (boîte de 100)", C.CLEANING, U.BOX, "6.90", LYRECO),
    ("Nettoyant multi-surfaces 750 ml", C.CLEANING, U.BOTTLE, "3.20", MANUTAN),
    ("Désinfectant Sanytol surfaces 1 L", C.CLEANING, U.BOTTLE, "5.90", MANUTAN),
    ("Gants de ménage taille M", C.CLEANING, U.PACK, "1.90", MANUTAN),
    # First aid and safety
    ("Trousse de secours 10 personnes", C.FIRST_AID, U.PIECE, "39.00", MANUTAN, STANDARD,
     "Conforme aux recommandations de l'INRS pour un bureau de 10 personnes."),
    ("Pansements assortis (boîte de 100)", C.FIRST_AID, U.BOX, "4.50", MANUTAN),
    ("Compresses stériles 10 × 10 cm (boîte de 50)", C.FIRST_AID, U.BOX, "5.20", MANUTAN),
    ("Solution antiseptique Biseptine 100 ml", C.FIRST_AID, U.BOTTLE, "4.80", MANUTAN),
    ("Couverture de survie", C.FIRST_AID, U.PIECE, "1.50", MANUTAN),
    ("Poches de froid instantané (lot de 5)", C.FIRST_AID, U.PACK, "6.90", MANUTAN),
    ("Gilet de sécurité jaune", C.FIRST_AID, U.PIECE, "3.90", MANUTAN),
    # IT accessories
    ("Souris sans fil Logitech M185", C.IT_ACCESSORIES, U.PIECE, "14.90", LDLC),
    ("Souris ergonomique verticale Logitech Lift", C.IT_ACCESSORIES, U.PIECE, "59.00", LDLC),
    ("Clavier filaire Logitech K120 AZERTY", C.IT_ACCESSORIES, U.PIECE, "12.50", LDLC),
    ("Ensemble clavier et souris sans fil Logitech MK270 AZERTY", C.IT_ACCESSORIES, U.PIECE, "24.90", LDLC),
    ("Câble USB-C vers USB-C 1 m", C.IT_ACCESSORIES, U.PIECE, "8.90", INMAC),
    ("Câble HDMI 2 m", C.IT_ACCESSORIES, U.PIECE, "7.50", INMAC),
    ("Adaptateur USB-C vers HDMI", C.IT_ACCESSORIES, U.PIECE, "19.90", INMAC),
    ("Hub USB-C 7 ports", C.IT_ACCESSORIES, U.PIECE, "34.90", INMAC),
    ("Casque USB Jabra Evolve2 30 stéréo", C.IT_ACCESSORIES, U.PIECE, "79.00", LDLC),
    ("Clé USB 32 Go SanDisk", C.IT_ACCESSORIES, U.PIECE, "7.90", LDLC),
    ("Tapis de souris avec repose-poignet", C.IT_ACCESSORIES, U.PIECE, "9.90", LYRECO),
    ("Support d'ordinateur portable réglable", C.IT_ACCESSORIES, U.PIECE, "29.90", LYRECO),
    ("Multiprise 6 prises avec interrupteur", C.IT_ACCESSORIES, U.PIECE, "14.90", MANUTAN),
    ("Chargeur USB-C 65 W", C.IT_ACCESSORIES, U.PIECE, "39.00", INMAC),
    ("Webcam Logitech C920", C.IT_ACCESSORIES, U.PIECE, "69.00", LDLC),
    # Furniture
    ("Fauteuil de bureau ergonomique à mécanisme synchrone", C.FURNITURE, U.PIECE, "249.00", BRUNEAU, STANDARD,
     "Assise et accoudoirs réglables, soutien lombaire, norme EN 1335."),
    ("Chaise visiteur empilable", C.FURNITURE, U.PIECE, "59.00", MANUTAN),
    ("Repose-pieds réglable", C.FURNITURE, U.PIECE, "29.90", BRUNEAU),
    ("Lampe de bureau LED noire", C.FURNITURE, U.PIECE, "34.90", BRUNEAU),
    ("Caisson mobile 3 tiroirs", C.FURNITURE, U.PIECE, "159.00", MANUTAN),
    ("Porte-manteau sur pied", C.FURNITURE, U.PIECE, "49.00", MANUTAN),
    ("Tableau blanc magnétique 120 × 90 cm", C.FURNITURE, U.PIECE, "89.00", MANUTAN),
    ("Paperboard sur trépied", C.FURNITURE, U.PIECE, "119.00", JPG),
    ("Rehausseur d'écran", C.FURNITURE, U.PIECE, "24.90", BRUNEAU),
    ("Corbeille à papier 18 L", C.FURNITURE, U.PIECE, "6.90", MANUTAN),
    # Other small supplies
    ("Agrafes 24/6 (boîte de 1000)", C.OTHER, U.BOX, "0.85", LYRECO),
    ("Agrafeuse Rapid 24/6", C.OTHER, U.PIECE, "8.90", LYRECO),
    ("Trombones 28 mm (boîte de 100)", C.OTHER, U.BOX, "0.65", LYRECO),
    ("Ruban adhésif Scotch Magic 19 mm × 33 m", C.OTHER, U.ROLL, "2.40", LYRECO),
    ("Ciseaux 21 cm", C.OTHER, U.PIECE, "3.20", JPG),
    ("Bâton de colle UHU 21 g", C.OTHER, U.PIECE, "1.50", JPG),
    ("Perforateur 2 trous", C.OTHER, U.PIECE, "6.90", JPG),
    ("Piles alcalines AA Duracell (pack de 8)", C.OTHER, U.PACK, "6.90", LYRECO),
    ("Piles alcalines AAA Duracell (pack de 8)", C.OTHER, U.PACK, "6.90", LYRECO),
    ("Piles bouton CR2032 (lot de 5)", C.OTHER, U.PACK, "4.90", LYRECO),
    ("Ruban adhésif d'emballage 50 mm × 66 m", C.OTHER, U.ROLL, "1.90", RAJA),
    ("Cartons d'expédition 31 × 22 × 15 cm (lot de 25)", C.OTHER, U.PACK, "21.00", RAJA),
    ("Enveloppes à bulles 22 × 33 cm (boîte de 100)", C.OTHER, U.BOX, "24.90", RAJA),
    ("Calculatrice de bureau Casio 12 chiffres", C.OTHER, U.PIECE, "12.90", OFFICE_DEPOT),
    # Archived: old models and packs the office no longer buys.
    ("Toner HP 05A noir (CE505A)", C.PRINTING, U.PIECE, "79.00", LYRECO),
    ("Clé USB 8 Go", C.IT_ACCESSORIES, U.PIECE, "4.50", LDLC),
    ("Papier fax thermique 216 mm (rouleau)", C.PAPER, U.ROLL, "3.10", OFFICE_DEPOT),
    ("Dosettes Senseo classique (paquet de 36)", C.KITCHEN, U.PACK, "4.90", LYRECO, FOOD),
    ("Gobelets plastique 20 cl (carton de 3000)", C.KITCHEN, U.CARTON, "45.00", RAJA),
)  # fmt: skip
ARCHIVED = frozenset(
    {
        "Toner HP 05A noir (CE505A)",
        "Clé USB 8 Go",
        "Papier fax thermique 216 mm (rouleau)",
        "Dosettes Senseo classique (paquet de 36)",
        "Gobelets plastique 20 cl (carton de 3000)",
    }
)
# Essentials staff ask for most: the rest of the base list is asked for less, variants even less.
ESSENTIALS = frozenset(
    {
        "Ramette papier A4 80 g blanc (500 feuilles)",
        "Stylo bille BIC Cristal bleu (boîte de 50)",
        "Post-it 76 × 76 mm jaune (12 blocs)",
        "Surligneur Stabilo Boss jaune",
        "Bloc-notes A4 ligné 80 feuilles",
        "Classeur à levier A4 dos 80 mm bleu",
        "Pochettes perforées A4 (boîte de 100)",
        "Agrafes 24/6 (boîte de 1000)",
        "Capsules Nespresso Professional Ristretto (boîte de 50)",
        "Cahier spirale A4 petits carreaux 180 pages",
        "Stylo gel Pilot G-2 bleu",
        "Souris sans fil Logitech M185",
    }
)

COLOURS = ("bleu", "noir", "rouge", "vert")
BRIGHT = ("jaune", "vert", "rose", "orange", "bleu", "violet")
FOLDER_COLOURS = ("bleu", "rouge", "vert", "noir", "jaune", "gris", "orange", "violet")


def _variant_families() -> list[list[tuple]]:
    """Families of variants (sizes, colours, packs); each entry as in BASE."""
    f: list[list[tuple]] = []
    f.append([(f"Stylo bille BIC Cristal {c} (boîte de 50)", C.WRITING, U.BOX, "11.90", BRUNEAU) for c in COLOURS])
    f.append([(f"Stylo gel Pilot G-2 {c}", C.WRITING, U.PIECE, "1.60", LYRECO) for c in COLOURS])
    f.append([(f"Stylo roller Pilot V5 {c}", C.WRITING, U.PIECE, "1.75", LYRECO) for c in COLOURS])
    f.append([(f"Surligneur Stabilo Boss {c}", C.WRITING, U.PIECE, "0.95", LYRECO) for c in BRIGHT])
    f.append(
        [(f"Surligneur Stabilo Boss Pastel {c}", C.WRITING, U.PIECE, "1.05", LYRECO)
         for c in ("lilas", "menthe", "pêche", "rose poudré", "bleu ciel", "jaune crème")]
    )  # fmt: skip
    f.append([(f"Marqueur effaçable Velleda {c}", C.WRITING, U.PIECE, "1.40", BRUNEAU) for c in COLOURS])
    f.append([(f"Marqueur permanent Edding 3000 {c}", C.WRITING, U.PIECE, "1.90", LYRECO) for c in COLOURS])
    f.append(
        [(f"Feutre fin Stabilo Point 88 {c}", C.WRITING, U.PIECE, "0.95", JPG)
         for c in ("noir", "bleu", "rouge", "vert", "violet", "turquoise", "orange", "rose")]
    )  # fmt: skip
    f.append(
        [(f"Post-it {size} {colour} (12 blocs)", C.PAPER, U.PACK, price, LYRECO)
         for colour in ("jaune", "néon assortis", "pastel assortis", "rose", "bleu")
         for size, price in (("38 × 51 mm", "4.90"), ("76 × 76 mm", "9.90"), ("76 × 127 mm", "12.90"))]
    )  # fmt: skip
    f.append(
        [(f"Ramette papier {fmt} {g} g {colour} (500 feuilles)", C.PAPER, U.REAM, price, LYRECO)
         for fmt in ("A4", "A3")
         for g, colour, base in ((90, "blanc", 6.2), (120, "blanc", 9.8), (160, "blanc", 13.5), (80, "jaune", 7.4),
                                 (80, "bleu", 7.4), (80, "rose", 7.4), (80, "vert pastel", 7.4), (80, "ivoire", 7.9))
         for price in (f"{base * (1.9 if fmt == 'A3' else 1):.2f}",)]
    )  # fmt: skip
    f.append(
        [(f"Enveloppes {fmt} {colour}{window} (boîte de {n})", C.PAPER, U.BOX, price, JPG)
         for fmt, n, price in (("DL 110 × 220", 500, "17.50"), ("C5 162 × 229", 500, "24.00"),
                               ("C4 229 × 324", 250, "31.00"), ("C6 114 × 162", 500, "15.90"))
         for colour in ("blanches", "kraft")
         for window in (" à fenêtre", "")]
    )  # fmt: skip
    f.append(
        [(f"Cahier {fmt} {ruling} {pages} pages", C.PAPER, U.PIECE, price, JPG)
         for fmt, factor in (("A4", 1.0), ("A5", 0.7), ("17 × 22", 0.6))
         for ruling in ("petits carreaux", "grands carreaux", "ligné")
         for pages, price in ((96, f"{2.2 * factor:.2f}"), (192, f"{3.6 * factor:.2f}"))]
    )  # fmt: skip
    f.append(
        [(f"Classeur à levier A4 dos {dos} mm {c}", C.FILING, U.PIECE, "2.90" if dos == 80 else "2.70", BRUNEAU)
         for dos in (80, 50) for c in FOLDER_COLOURS]
    )  # fmt: skip
    f.append(
        [(f"Chemise à élastiques 3 rabats {c}", C.FILING, U.PIECE, "1.30", JPG)
         for c in ("rouge", "verte", "jaune", "noire", "grise", "orange", "violette")]
    )  # fmt: skip
    f.append(
        [(f"Chemises cartonnées 240 g {c} (paquet de 100)", C.FILING, U.PACK, "14.90", LYRECO)
         for c in ("bleues", "rouges", "vertes", "jaunes", "roses", "grises")]
    )  # fmt: skip
    f.append(
        [(f"Pochettes perforées A4 {kind} (boîte de 100)", C.FILING, U.BOX, price, LYRECO)
         for kind, price in (("lisses", "4.90"), ("grainées", "5.40"), ("renforcées 90 microns", "9.90"),
                             ("ouverture en L", "12.90"))]
    )  # fmt: skip
    toners = [
        ("HP 59X noir (CF259X)", "159.00"), ("HP 26A noir (CF226A)", "99.00"), ("HP 26X noir (CF226X)", "169.00"),
        ("HP 415X noir (W2030X)", "169.00"), ("HP 415A magenta (W2033A)", "129.00"),
        ("HP 415A jaune (W2032A)", "129.00"), ("HP 216A noir (W2410A)", "54.00"), ("HP 216A cyan (W2411A)", "59.00"),
        ("HP 216A magenta (W2413A)", "59.00"), ("HP 216A jaune (W2412A)", "59.00"),
        ("Brother TN-2410 noir", "49.00"), ("Brother TN-243 noir", "52.00"), ("Brother TN-243 cyan", "56.00"),
        ("Brother TN-243 magenta", "56.00"), ("Brother TN-243 jaune", "56.00"), ("Brother TN-247 noir", "84.00"),
        ("Kyocera TK-5240C cyan", "128.00"), ("Kyocera TK-5240M magenta", "128.00"),
        ("Kyocera TK-5240Y jaune", "128.00"), ("Kyocera TK-1170 noir", "69.00"), ("Canon 054 noir", "64.00"),
        ("Canon 054 cyan", "69.00"),
    ]  # fmt: skip
    f.append([(f"Toner {name}", C.PRINTING, U.PIECE, price, LYRECO) for name, price in toners])
    f.append(
        [(f"Cartouche Epson {ref} {c}", C.PRINTING, U.PIECE, price, OFFICE_DEPOT)
         for ref, price in (("603XL", "19.90"), ("604XL", "21.90")) for c in ("cyan", "magenta", "jaune")]
        + [("Cartouche Epson 604XL noir", C.PRINTING, U.PIECE, "26.90", OFFICE_DEPOT)]
    )  # fmt: skip
    f.append(
        [(f"Ruban Brother P-touch {ref} {w} mm {label}", C.PRINTING, U.PIECE, price, BRUNEAU)
         for ref, w, label, price in (("TZe-131", 12, "noir sur transparent", "13.90"),
                                      ("TZe-241", 18, "noir sur blanc", "19.90"),
                                      ("TZe-631", 12, "noir sur jaune", "15.90"),
                                      ("TZe-221", 9, "noir sur blanc", "12.90"))]
    )  # fmt: skip
    f.append(
        [(f"Capsules Nespresso Professional {name} (boîte de 50)", C.KITCHEN, U.BOX, "22.50", NESPRESSO, FOOD)
         for name in ("Espresso Decaffeinato", "Lungo Leggero", "Origin Brazil", "Espresso Caramel",
         "Ristretto Intenso",
                      "Lungo Origin Guatemala")]
        + [(f"Capsules compatibles Nespresso {name} (boîte de 100)", C.KITCHEN, U.BOX, "26.00", LYRECO, FOOD)
           for name in ("L'Or Lungo Profondo", "L'Or Ristretto", "Carte Noire Espresso n°7", "L'Or Décaféiné")]
    )  # fmt: skip
    f.append(
        [(f"{name} (boîte de {n} sachets)", C.KITCHEN, U.BOX, price, LYRECO, FOOD)
         for name, n, price in (("Thé Twinings Earl Grey", 50, "5.90"), ("Thé vert à la menthe Lipton", 100, "8.20"),
                                ("Infusion verveine Éléphant", 50, "4.30"), ("Infusion camomille Éléphant", 50, "4.30"),
                                ("Rooibos Lipton", 25, "3.40"), ("Thé noir English Breakfast Twinings", 50, "5.90"))]
    )  # fmt: skip
    f.append(
        [(f"Café moulu {name} 250 g", C.KITCHEN, U.PIECE, price, LYRECO, FOOD)
         for name, price in (("Carte Noire", "4.20"), ("Lavazza Qualità Rossa", "4.60"),
                             ("Malongo pur arabica", "5.30"))]
        + [("Lait en poudre Régilait 300 g", C.KITCHEN, U.PIECE, "4.10", LYRECO, FOOD),
           ("Dosettes de lait concentré (boîte de 200)", C.KITCHEN, U.BOX, "14.90", LYRECO, FOOD),
           ("Gobelets carton 10 cl (carton de 1000)", C.KITCHEN, U.CARTON, "29.00", RAJA),
           ("Gobelets carton 30 cl (carton de 1000)", C.KITCHEN, U.CARTON, "49.00", RAJA)]
    )  # fmt: skip
    f.append(
        [(f"Sacs poubelle {litres} L {colour} (rouleau de {n})", C.CLEANING, U.ROLL, price, RAJA)
         for litres, n, price in ((30, 30, "2.90"), (50, 20, "3.90"), (110, 10, "4.90"), (130, 10, "5.90"))
         for colour in ("noirs", "transparents", "jaunes (tri)")]
    )  # fmt: skip
    f.append(
        [(f"{name}", C.CLEANING, unit, price, MANUTAN)
         for name, unit, price in (("Savon liquide mains 1 L", U.BOTTLE, "3.90"),
                                   ("Nettoyant vitres 750 ml", U.BOTTLE, "3.50"),
                                   ("Crème à récurer 750 ml", U.BOTTLE, "2.90"), ("Javel 2,6 % 1 L", U.BOTTLE, "1.60"),
                                   ("Gants nitrile taille L (boîte de 100)", U.BOX, "8.90"),
                                   ("Microfibres de nettoyage (lot de 10)", U.PACK, "9.90"),
                                   ("Recharge gel hydroalcoolique 1 L", U.BOTTLE, "8.90"),
                                   ("Bobines d'essuyage 450 formats (lot de 2)", U.PACK, "19.90"))]
    )  # fmt: skip
    f.append(
        [(f"Câble {kind} {length}", C.IT_ACCESSORIES, U.PIECE, price, INMAC)
         for kind, prices in (("USB-C vers USB-C", ("8.90", "11.90")), ("USB-A vers USB-C", ("6.90", "9.90")),
                              ("HDMI", ("5.90", "7.50", "9.90", "14.90")), ("DisplayPort", ("9.90", "12.90")),
                              ("réseau RJ45 Cat 6", ("2.90", "3.90", "5.90", "8.90", "12.90")))
         for length, price in zip(("1 m", "2 m", "3 m", "5 m", "10 m"), prices, strict=False)]
    )  # fmt: skip
    f.append(
        [(f"Piles alcalines {size} {brand} (pack de {n})", C.OTHER, U.PACK, price, LYRECO)
         for size, n, base in (("AA", 4, 3.9), ("AAA", 4, 3.9), ("9 V", 1, 3.5), ("C", 2, 4.2), ("D", 2, 4.6))
         for brand, factor in (("Duracell", 1.0), ("Energizer", 1.05))
         for price in (f"{base * factor:.2f}",)]
        + [("Piles bouton LR44 (lot de 10)", C.OTHER, U.PACK, "3.90", LYRECO)]
    )  # fmt: skip
    f.append(
        [(f"{name}", C.IT_ACCESSORIES, U.PIECE, price, LDLC)
         for name, price in (("Souris sans fil Logitech M185 bleue", "14.90"),
                             ("Souris sans fil Logitech M185 rouge", "14.90"),
                             ("Souris silencieuse Logitech M330", "24.90"), ("Souris Logitech MX Master 3S", "99.00"),
                             ("Souris ergonomique Logitech Lift gaucher", "59.00"),
                             ("Clavier sans fil Logitech K270 AZERTY", "24.90"),
                             ("Clavier Logitech MX Keys S AZERTY", "109.00"),
                             ("Clavier ergonomique Logitech K860 AZERTY", "119.00"),
                             ("Casque USB Jabra Evolve2 30 mono", "69.00"),
                             ("Casque Bluetooth Jabra Evolve2 65", "189.00"),
                             ("Casque USB Poly Blackwire 3320", "59.00"), ("Casque EPOS Impact 130T USB-C", "64.00"),
                             ("Clé USB 64 Go SanDisk", "11.90"), ("Clé USB 128 Go SanDisk", "17.90"),
                             ("Disque dur externe 1 To Seagate", "59.00"), ("Adaptateur USB-C vers RJ45", "21.90"),
                             ("Adaptateur USB-C vers DisplayPort", "22.90"),
                             ("Pointeur laser de présentation Logitech R500s", "49.00"))]
    )  # fmt: skip
    f.append(
        [(f"{name}", C.FURNITURE, U.PIECE, price, supplier)
         for name, price, supplier in (("Fauteuil de bureau ergonomique tissu bleu", "249.00", BRUNEAU),
                                       ("Fauteuil de bureau ergonomique tissu gris", "249.00", BRUNEAU),
                                       ("Fauteuil de bureau résille noir", "189.00", MANUTAN),
                                       ("Chaise visiteur empilable bleue", "59.00", MANUTAN),
                                       ("Chaise visiteur empilable rouge", "59.00", MANUTAN),
                                       ("Lampe de bureau LED blanche", "34.90", BRUNEAU),
                                       ("Lampe de bureau LED aluminium", "39.90", BRUNEAU),
                                       ("Lampadaire LED à variateur", "129.00", MANUTAN),
                                       ("Bras écran double articulé", "89.00", BRUNEAU),
                                       ("Tableau blanc magnétique 90 × 60 cm", "59.00", MANUTAN),
                                       ("Tableau liège 60 × 90 cm", "29.00", MANUTAN),
                                       ("Bac de tri sélectif 60 L", "49.00", RAJA),
                                       ("Ventilateur de bureau silencieux", "39.90", MANUTAN),
                                       ("Coussin lombaire ergonomique", "24.90", BRUNEAU))]
    )  # fmt: skip
    f.append(
        [(f"{name}", C.OTHER, unit, price, LYRECO)
         for name, unit, price in (("Agrafes 24/8 (boîte de 1000)", U.BOX, "1.10"),
                                   ("Agrafes 23/10 (boîte de 1000)", U.BOX, "2.40"),
                                   ("Agrafeuse grande capacité 100 feuilles", U.PIECE, "29.90"),
                                   ("Dégrafeuse", U.PIECE, "1.20"),
                                   ("Trombones 50 mm (boîte de 100)", U.BOX, "1.40"),
                                   ("Pinces double clip 32 mm (boîte de 12)", U.BOX, "2.60"),
                                   ("Punaises (boîte de 100)", U.BOX, "1.20"),
                                   ("Élastiques assortis (boîte de 100 g)", U.BOX, "1.90"),
                                   ("Dévidoir de ruban adhésif", U.PIECE, "5.90"),
                                   ("Ruban adhésif Scotch Magic 19 mm (lot de 8)", U.PACK, "15.90"),
                                   ("Colle liquide UHU 35 ml", U.BOTTLE, "2.10"), ("Cutter 18 mm", U.PIECE, "2.50"),
                                   ("Perforateur 4 trous", U.PIECE, "14.90"),
                                   ("Porte-badge à enrouleur", U.PIECE, "2.90"),
                                   ("Porte-badges souples (boîte de 50)", U.BOX, "12.90"))]
    )  # fmt: skip
    f.append(
        [(f"{name}", C.FIRST_AID, unit, price, MANUTAN)
         for name, unit, price in (("Trousse de secours 20 personnes", U.PIECE, "59.00"),
                                   ("Recharge pour trousse de secours", U.PACK, "24.90"),
                                   ("Pansements hydrocolloïdes (boîte de 10)", U.BOX, "5.90"),
                                   ("Bandes de gaze 7 cm (lot de 10)", U.PACK, "4.50"),
                                   ("Sérum physiologique (boîte de 40 unidoses)", U.BOX, "3.90"),
                                   ("Brassard de premiers secours", U.PIECE, "6.90"))]
    )  # fmt: skip
    f.append(
        [(f"Classeur à anneaux A4 dos {dos} mm {c}", C.FILING, U.PIECE, price, BRUNEAU)
         for dos, price in ((20, "1.90"), (30, "2.10"), (40, "2.40")) for c in FOLDER_COLOURS]
    )  # fmt: skip
    f.append(
        [(f"Boîte de classement dos {dos} mm {c}", C.FILING, U.PIECE, price, LYRECO)
         for dos, price in ((25, "1.60"), (40, "1.80"),
                            (60, "2.10")) for c in ("bleue", "rouge", "verte", "noire", "jaune")]
    )  # fmt: skip
    f.append(
        [(f"Bloc-notes {fmt} {ruling} {n} feuilles", C.PAPER, U.PIECE, price, BRUNEAU)
         for fmt, factor in (("A4", 1.0), ("A5", 0.65))
         for ruling in ("petits carreaux", "ligné", "quadrillé 5 × 5")
         for n, price in ((50, f"{0.9 * factor:.2f}"), (100, f"{1.6 * factor:.2f}"), (160, f"{2.4 * factor:.2f}"))
         if not (fmt == "A4" and ruling == "ligné" and n == 80)]
    )  # fmt: skip
    f.append(
        [(f"Porte-vues {n} vues", C.FILING, U.PIECE, price, JPG)
         for n, price in ((20, "1.30"), (60, "2.60"), (80, "3.20"), (100, "3.90"), (200, "7.90"))]
        + [(f"Intercalaires A4 {kind}", C.FILING, U.PACK, price, JPG)
           for kind, price in (("12 touches", "2.10"), ("A à Z", "3.40"), ("janvier à décembre", "2.90"),
                               ("31 touches numérotées", "4.90"), ("5 touches couleur", "0.95"))]
    )  # fmt: skip
    f.append(
        [(f"Étiquettes Avery {size} (100 feuilles)", C.PAPER, U.BOX, price, LYRECO)
         for size, price in (("70 × 37 mm", "29.00"), ("105 × 148 mm", "31.00"), ("210 × 297 mm", "27.00"),
                             ("63,5 × 38,1 mm", "33.00"), ("38,1 × 21,2 mm", "33.00"), ("105 × 57 mm", "30.00"))]
    )  # fmt: skip
    f.append(
        [(f"Stylo effaçable Pilot FriXion Ball {c}", C.WRITING, U.PIECE, "2.40", LYRECO) for c in COLOURS]
        + [(f"Stylo-feutre Pentel Sign Pen {c}", C.WRITING, U.PIECE, "1.30", JPG) for c in ("noir", "bleu", "rouge")]
        + [("Porte-mine Pentel 0,5 mm", C.WRITING, U.PIECE, "3.90", JPG),
           ("Mines HB 0,5 mm (étui de 12)", C.WRITING, U.PACK, "1.20", JPG),
           ("Crayons BIC Evolution HB (boîte de 12)", C.WRITING, U.BOX, "3.90", BRUNEAU),
           ("Stylo bille BIC Atlantis bleu", C.WRITING, U.PIECE, "0.90", BRUNEAU),
           ("Stylo bille BIC Cristal Soft bleu (boîte de 50)", C.WRITING, U.BOX, "14.90", BRUNEAU),
           ("Stylo roller Pentel EnerGel noir", C.WRITING, U.PIECE, "2.60", LYRECO),
           ("Stylo roller Pentel EnerGel bleu", C.WRITING, U.PIECE, "2.60", LYRECO)]
    )  # fmt: skip
    f.append(
        [("Sucre en poudre 1 kg", C.KITCHEN, U.PIECE, "1.60", LYRECO, FOOD),
         ("Bûchettes de sucre roux (boîte de 300)", C.KITCHEN, U.BOX, "8.90", LYRECO, FOOD),
         ("Chocolat en poudre Van Houten 1 kg", C.KITCHEN, U.PIECE, "11.90", LYRECO, FOOD),
         ("Carrés de chocolat noir (boîte de 200)", C.KITCHEN, U.BOX, "16.90", LYRECO, FOOD),
         ("Mugs blancs 30 cl (lot de 6)", C.KITCHEN, U.PACK, "12.90", MANUTAN),
         ("Cuillères à café inox (lot de 12)", C.KITCHEN, U.PACK, "6.90", MANUTAN),
         ("Assiettes en carton 23 cm (paquet de 50)", C.KITCHEN, U.PACK, "4.90", RAJA),
         ("Couverts en bois (lot de 100)", C.KITCHEN, U.PACK, "7.90", RAJA),
         ("Torchons de cuisine (lot de 5)", C.KITCHEN, U.PACK, "9.90", MANUTAN),
         ("Détartrant machine à café 500 ml", C.KITCHEN, U.BOTTLE, "7.90", LYRECO)]
    )  # fmt: skip
    f.append(
        [(name, C.IT_ACCESSORIES, U.PIECE, price, INMAC)
         for name, price in (("Rallonge électrique 3 m", "9.90"), ("Rallonge électrique 5 m", "12.90"),
                             ("Multiprise parafoudre 8 prises", "29.90"), ("Support de téléphone réglable", "12.90"),
                             ("Filtre de confidentialité 14 pouces", "49.00"),
                             ("Filtre de confidentialité 15,6 pouces", "54.00"),
                             ("Station d'accueil USB-C universelle", "149.00"), ("Chargeur USB-C 100 W", "59.00"),
                             ("Lecteur de cartes SD USB-C", "14.90"), ("Housse ordinateur 14 pouces", "19.90"),
                             ("Sacoche ordinateur 15,6 pouces", "34.90"),
                             ("Lingettes pour claviers (boîte de 50)", "5.90"))]
    )  # fmt: skip
    f.append(
        [(f"Toner {name}", C.PRINTING, U.PIECE, price, LYRECO)
         for name, price in (("Brother TN-3480 noir", "109.00"), ("Brother TN-3430 noir", "79.00"),
                             ("HP 30A noir (CF230A)", "74.00"),
                             ("HP 78A noir (CE278A)", "72.00"), ("HP 85A noir (CE285A)", "69.00"),
                             ("HP 83A noir (CF283A)", "66.00"),
                             ("Lexmark 56F2000 noir", "119.00"), ("Kyocera TK-3160 noir", "109.00"))]
        + [("Étiquettes Dymo 99010 (2 rouleaux)", C.PRINTING, U.PACK, "12.90", LYRECO),
           ("Étiquettes Dymo 11354 (rouleau)", C.PRINTING, U.ROLL, "11.90", LYRECO),
           ("Étiquettes Dymo 99012 (2 rouleaux)", C.PRINTING, U.PACK, "16.90", LYRECO),
           ("Kit de maintenance HP M406", C.PRINTING, U.PIECE, "189.00", LYRECO)]
    )  # fmt: skip
    f.append(
        [(f"Ramette papier A4 80 g {brand} (500 feuilles)", C.PAPER, U.REAM, price, LYRECO)
         for brand, price in (("Clairefontaine DCP", "5.40"), ("Navigator Universal", "5.90"), ("Double A", "5.60"),
                              ("Inacopia Office", "4.10"), ("HP Office", "4.80"), ("Xerox Performer", "4.30"))]
    )  # fmt: skip
    f.append(
        [(f"Chemise à rabats 24 × 32 cm {c}", C.FILING, U.PIECE, "0.95", JPG) for c in FOLDER_COLOURS]
        + [(f"Pochettes coin A4 {c} (boîte de 100)", C.FILING, U.BOX, "8.90", LYRECO)
           for c in ("incolores", "bleues", "rouges", "vertes", "jaunes")]
    )  # fmt: skip
    return f


def _reference(rng: random.Random, supplier: str, used: set[str]) -> str:
    while True:
        if supplier == LYRECO:
            ref = f"{rng.randint(1_000_000, 9_999_999)}"
        elif supplier == BRUNEAU:
            ref = f"{rng.randint(100_000, 999_999)}"
        elif supplier == MANUTAN:
            ref = f"A{rng.randint(1_000_000, 9_999_999)}"
        elif supplier == RAJA:
            ref = f"{rng.choice(('ADH', 'SAC', 'CAR', 'GOB', 'ENV'))}{rng.randint(1000, 9999)}"
        elif supplier == JPG:
            ref = f"{rng.randint(10_000, 99_999)}"
        elif supplier == NESPRESSO:
            ref = f"NP-{rng.randint(1000, 9999)}"
        else:
            ref = f"{rng.choice('BCDFKMRTX')}{rng.randint(100_000, 999_999)}"
        if ref not in used:
            used.add(ref)
            return ref


def _universe() -> tuple[list[PlannedItem], int]:
    """Every item the demo can have, in the order a growing company adds them, and how many are the base list."""
    rng = random.Random("demo-supplies-catalogue")  # noqa: S311 — demo data
    used_refs: set[str] = set()
    seen: set[str] = set()
    items: list[PlannedItem] = []

    def add(entry: tuple, *, variant_index: int | None) -> None:
        name, category, unit, price, supplier, *rest = entry
        vat = rest[0] if rest else STANDARD
        description = rest[1] if len(rest) > 1 else ""
        if name.lower() in seen:
            return
        seen.add(name.lower())
        if variant_index is None:
            active = name not in ARCHIVED
            popularity = 6.0 if name in ESSENTIALS else 1.5 * rng.lognormvariate(0, 0.5)
        else:
            # About one variant in twelve is an old model or pack the office no longer buys.
            active = variant_index % 12 != 11
            popularity = 0.5 * rng.lognormvariate(0, 0.6)
        items.append(
            PlannedItem(
                name=name,
                category=category,
                unit=unit,
                unit_price=Decimal(price),
                vat_rate=Decimal(vat),
                supplier_name=supplier,
                supplier_reference=_reference(rng, supplier, used_refs),
                description=description,
                is_active=active,
                popularity=popularity,
            )
        )

    for entry in BASE:
        add(entry, variant_index=None)
    base_count = len(items)
    # Round-robin across families, so every category grows with the scale.
    for index, entry in enumerate(e for row in zip_longest(*_variant_families()) for e in row if e is not None):
        add(entry, variant_index=index)
    return items, base_count


def catalogue_plan(scale: float) -> list[PlannedItem]:
    """The catalogue at ``scale``: the base list, then variants until ``base × scale^EXPONENT`` are active."""
    universe, base_count = _universe()
    plan = universe[:base_count]
    base_active = sum(1 for i in plan if i.is_active)
    target = max(base_active, round(base_active * scale**EXPONENT))
    active = base_active
    for item in universe[base_count:]:
        if active >= target:
            break
        plan.append(item)
        active += item.is_active
    return plan
