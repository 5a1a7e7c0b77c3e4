# Spain's words over es/jukebox.ftl: only what differs from the Americas.
# It may hold terms only; every message lives in the language's file.

-jukebox = gramola
