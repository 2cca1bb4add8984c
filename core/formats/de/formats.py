"""German dates as the portal writes them: "5. März 2026", "5. März 2026, 14:00"."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i"
MONTH_DAY_FORMAT = "j. F"
