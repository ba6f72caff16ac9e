//! Vendor text for display: very long strings are clipped (the raw JSON viewer keeps all of it),
//! so a 100 KB error message cannot stall the page's layout.

use std::borrow::Cow;

/// Characters of one vendor string shown in place.
pub const MAX_SHOWN_CHARS: usize = 2_000;

pub fn clip(s: &str) -> String {
    clipped(s).into_owned()
}

/// [`clip`], borrowing the string when it is short enough (nearly always): the job table
/// clips two strings of every row on every page change.
pub fn clipped(s: &str) -> Cow<'_, str> {
    let mut chars = s.char_indices();
    match chars.nth(MAX_SHOWN_CHARS) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => {
            let rest = s[cut..].chars().count();
            Cow::Owned(format!(
                "{}… ({rest} more characters in the raw record)",
                &s[..cut]
            ))
        }
    }
}
