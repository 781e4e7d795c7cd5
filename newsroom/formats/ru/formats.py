# «2 декабря 2026, 14:05»: the month in the genitive (E), as Russian writes a date.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
MONTH_DAY_FORMAT = "j E"
TIME_FORMAT = "H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
