"""What the demo company buys outside the catalogue, and how much: free lines per category, volumes."""

from __future__ import annotations

from decimal import Decimal

from apps.suppliers.models import SupplierCategory
from apps.supplies.models import Category

S = SupplierCategory
STANDARD, INTERMEDIATE, FOOD = Decimal("20.00"), Decimal("10.00"), Decimal("5.50")

# Orders a month at scale 1 (about 110 a year for 40 people), more with the scale.
ORDERS_A_MONTH = 9
# Share of orders cancelled (half before sending, half after: those keep their number).
CANCELLED_SHARE = 0.03
PARTIAL_SHARE = 0.12  # delivered in two parts
HEAD_OFFICE_SHARE = 0.55

# The catalogue's categories in the budget's (supplier) categories.
BUDGET_CATEGORY = {
    Category.PAPER: S.SUPPLIES,
    Category.WRITING: S.SUPPLIES,
    Category.PRINTING: S.SUPPLIES,
    Category.FILING: S.SUPPLIES,
    Category.KITCHEN: S.CATERING,
    Category.CLEANING: S.CLEANING,
    Category.FIRST_AID: S.SECURITY,
    Category.IT_ACCESSORIES: S.IT,
    Category.FURNITURE: S.FURNITURE,
    Category.OTHER: S.SUPPLIES,
}

# (description, unit, price excl. VAT, VAT rate, usual quantity range) per category.
FREE_LINES = {
    S.CLEANING: (
        ("Nettoyage approfondi après travaux", "forfait", "380.00", STANDARD, (1, 1)),
        ("Shampouinage des moquettes", "forfait", "640.00", STANDARD, (1, 1)),
        ("Nettoyage des vitres (passage supplémentaire)", "forfait", "290.00", STANDARD, (1, 2)),
        ("Désinfection des postes de travail", "poste", "6.50", STANDARD, (20, 60)),
    ),
    S.MAINTENANCE: (
        ("Intervention de dépannage", "forfait", "185.00", STANDARD, (1, 1)),
        ("Main-d'œuvre", "heure", "62.00", STANDARD, (1, 6)),
        ("Déplacement", "forfait", "45.00", STANDARD, (1, 1)),
        ("Remplacement de dalles lumineuses par des dalles LED", "pièce", "95.00", STANDARD, (2, 12)),
        ("Remplacement du moteur de la VMC", "forfait", "1450.00", STANDARD, (1, 1)),
        ("Pose de prises électriques supplémentaires", "pièce", "78.00", STANDARD, (2, 8)),
    ),
    S.SECURITY: (
        ("Remplacement de cylindre de serrure", "pièce", "89.00", STANDARD, (1, 3)),
        ("Reproduction de clé de sécurité", "pièce", "24.00", STANDARD, (2, 10)),
        ("Extincteur CO2 2 kg", "pièce", "78.00", STANDARD, (1, 4)),
        ("Badge d'accès supplémentaire", "pièce", "12.00", STANDARD, (5, 20)),
    ),
    S.CATERING: (
        ("Plateau-repas", "pièce", "21.50", INTERMEDIATE, (8, 30)),
        ("Buffet cocktail", "personne", "28.00", INTERMEDIATE, (20, 60)),
        ("Bonbonne d'eau 18,9 L", "pièce", "7.90", FOOD, (6, 24)),
        ("Gobelets carton (carton de 1 000)", "carton", "32.00", STANDARD, (1, 3)),
    ),
    S.IT: (
        ("Licence Microsoft 365 Business Standard (un an)", "licence", "126.00", STANDARD, (1, 12)),
        ("Configuration et déploiement d'un poste", "poste", "75.00", STANDARD, (1, 8)),
        ("Disque SSD 1 To", "pièce", "89.00", STANDARD, (1, 4)),
        ("Câble HDMI 2 m", "pièce", "9.90", STANDARD, (2, 10)),
    ),
    S.SERVICES: (
        ("Impression de cartes de visite (boîte de 250)", "boîte", "38.00", STANDARD, (2, 10)),
        ("Plaquettes commerciales (500 exemplaires)", "lot", "420.00", STANDARD, (1, 2)),
        ("Mission de conseil (demi-journée)", "demi-journée", "650.00", STANDARD, (1, 2)),
        ("Déménagement de bureaux (forfait)", "forfait", "1800.00", STANDARD, (1, 1)),
        ("Plantes : remplacement de sujets", "pièce", "45.00", STANDARD, (1, 6)),
    ),
    S.FURNITURE: (
        ("Caisson mobile 3 tiroirs", "pièce", "159.00", STANDARD, (1, 4)),
        ("Bureau droit 160 × 80 cm", "pièce", "289.00", STANDARD, (1, 3)),
        ("Armoire à rideaux 198 × 120 cm", "pièce", "420.00", STANDARD, (1, 2)),
    ),
    S.SUPPLIES: (("Frais de port", "forfait", "12.50", STANDARD, (1, 1)),),
}

CANCEL_REASONS = (
    "Commande passée en double.",
    "Article introuvable chez le fournisseur, commandé ailleurs.",
    "Délai de livraison trop long.",
    "Besoin annulé par l'équipe.",
)
RECEIPT_NOTES = ("", "", "", "BL n° {n}", "BL n° {n}", "Carton abîmé, contenu intact", "Livré à l'accueil")
