"""English dates in the same order as the German ones, day first and with the
24-hour clock: "5 March 2026", "5 March 2026, 14:00" (Django's English default,
"March 5, 2026" and "Dec. 7, 2022", stood beside pages' "29. November 2026")."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
