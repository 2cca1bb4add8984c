"""What the accounts keep about a person, for their data export (Art. 15, 20 DSGVO)."""

from .services import profile_data, second_factor_data


def user_data(user) -> dict:
    return {
        "profile": profile_data(user),
        "two_factor_authentication": second_factor_data(user),
    }
