//! Edits spliced into a plan file an officer wrote, as lines, so every comment, blank line and quirk of layout stays as it was.
