"""Labels are Vietnamese with the English beside them."""


def both(vi: str, en: str) -> str:
    return f"{vi} / {en}"
